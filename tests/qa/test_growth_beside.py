"""同比增长多少 after a count: the growth written right after the figure is that figure's growth,
even when extraction gave it a phrase of its own; a province's figure named after the province
is not the figure of a city of the same short name.

Composed document: a province's news item whose count and growth share one clause, with a few
stray characters between them (a page read out of order).
"""
from __future__ import annotations

import pytest

from tests.qa.conftest import engine_over_texts

NEWS = """吉林省科技厅发布2024年科技型企业培育情况
据省科技厅统计,2024年吉林省新认定科技型中小企业2150户,培育新高同比增长18.6%;目前全省在库科技型中小企业6400户。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_over_texts(tmp_path_factory, "growth-beside", {"news.txt": NEWS})


def test_the_growth_written_after_a_count_answers_how_much_it_grew(engine):
    answer = engine.ask("吉林省2024年新认定科技型中小企业同比增长多少？")
    assert answer.found
    assert "18.6%" in answer.lead


def test_a_provinces_figure_is_not_labelled_with_a_city_of_the_same_short_name(engine):
    answer = engine.ask("吉林省2024年新认定了多少户科技型中小企业？")
    assert answer.found and "2150" in answer.answer
    assert "吉林市" not in answer.answer
