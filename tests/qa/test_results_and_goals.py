"""Questions that set a result against a goal, and completion rates, on a small plan written for the test."""
from __future__ import annotations

import pytest

from tests.qa.conftest import engine_over_texts

REPORT = """青禾县科技局2023年上半年科技工作推进情况
发布日期：2023-07-20
截至2022年底，全县高新技术企业达到85家。上半年，全县科技型中小企业评价入库260家，完成全年任务的65%。
到2024年，全县高新技术企业总数力争突破120家。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    qa = engine_over_texts(tmp_path_factory, "results-goals", {"report.txt": REPORT})
    yield qa
    qa.close()


def test_a_result_set_against_a_later_goal_shows_both(engine):
    answer = engine.ask("2022年底有多少家高新技术企业？与2024年的目标相比还差多少？")
    text = answer.answer
    assert "85" in text and "120" in text
    kinds = {(row["year"], row["kind"]) for row in answer.rows}
    assert (2022, "achievement") in kinds and (2024, "target") in kinds


def test_a_completion_rate_is_read_with_its_indicator(engine):
    answer = engine.ask("2023年上半年科技型中小企业评价入库多少家，完成全年任务的多少？")
    assert "260" in answer.answer and "完成全年任务的65%" in answer.answer
