"""Questions in the words people use: traditional characters, English names of economic
indicators the plans write in Chinese, and English asking for a figure by its kind.

Composed documents: a city's news item mirrored in traditional characters and a county's
statistics summary.
"""
from __future__ import annotations

import pytest

from tests.qa.conftest import engine_over_texts

NEWS = """開封市人民政府2024年工作報告摘要
今年的目標是:城鎮新增就業5.2萬人,規上工業增加值增長7.5%左右,經濟增長6%左右。
"""
COUNTY = """通许县2023年国民经济运行情况
2023年，全县地区生产总值增长5.8%，规上工业增加值增长6.9%，一般公共预算收入12.3亿元。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_over_texts(tmp_path_factory, "other-words", {"news.txt": NEWS, "county.txt": COUNTY})


def test_a_question_in_traditional_characters_reads_like_the_plans(engine):
    answer = engine.ask("開封市2024年規上工業增加值增長目標是多少？")
    assert answer.found
    assert "7.5%" in answer.lead
    assert "规上工业增加值" in answer.lead and "52000" not in answer.lead  # its own figure, not the clause's others


def test_english_asking_a_growth_target_with_the_chinese_term_in_brackets(engine):
    answer = engine.ask("What growth target did Kaifeng set in 2024 for 規上工業增加值, the industrial "
                        "value added of enterprises above designated size?")
    assert answer.intent == "target_value" and answer.found
    assert "7.5%" in answer.lead


def test_english_gdp_reaches_the_plans_own_words_not_a_share_of_gdp(engine):
    answer = engine.ask("What was Tongxu county's GDP growth rate in 2023?")
    assert answer.found and "5.8%" in answer.lead
    assert not any(h["id"] == "rd_intensity" for h in answer.slots.get("indicators", []))

