"""A county's goal written in its city's plan (在X方面，A区达到N、B达到M): a question naming only
the county finds it, labelled with the county and said to come from the city's plan; the words
of a share (…占GDP比重) never widen an indicator to another one sharing only their tail.

Composed document: a city's work points assigning one share to each of its counties.
"""
from __future__ import annotations

import pytest

from plankg.ontology.indicators import load_scheme
from plankg.qa.indicator_slot import IndicatorMatcher
from tests.qa.conftest import engine_over_texts

CITY_PLAN = """邵阳市2022年科技创新工作要点
一、主要目标
2022年各县市区高新技术产业增加值占GDP比重要求：双清区不低于30%、武冈达到20%以上，新宁、城步达到10%以上。
全市R&D经费投入占GDP的比重达到1.9%。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_over_texts(tmp_path_factory, "parent-plan", {"shaoyang.txt": CITY_PLAN})


def test_a_countys_goal_in_its_citys_plan(engine):
    answer = engine.ask("武冈2022年高新技术产业增加值占GDP的比重要求多少？")
    assert answer.found
    assert "20%" in answer.lead and "武冈" in answer.lead
    assert "30%" not in answer.answer  # not the other counties' figures
    assert "上级地区的文件" in answer.answer


def test_the_same_in_english(engine):
    answer = engine.ask("What is Wugang's 2022 target for high-tech industry value added as a share of GDP?")
    assert answer.found
    assert "20%" in answer.lead and "Wugang" in answer.lead


def test_a_share_is_not_widened_to_another_indicator_sharing_its_tail():
    matcher = IndicatorMatcher(load_scheme())
    hits = matcher.match("高新技术产业增加值占GDP比重要到多少？")
    assert hits and all(h.id.startswith("hti_") for h in hits)
    # The widening still works where the longer run keeps the words found.
    assert [h.id for h in matcher.match("R&D经费支出占比是多少")] == ["rd_intensity"]
