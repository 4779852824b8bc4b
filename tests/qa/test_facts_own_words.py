"""A question that names its indicator loosely is answered by the facts' own words.

Composed documents: a provincial task-division plan whose items keep their list numbers (so no
concept links them), and a city's work points where a count of projects and the investment they
should complete share one sentence.
"""
from __future__ import annotations

import pytest

from plankg.qa.fact_fit import left_context, shared_run
from tests.qa.conftest import engine_over_texts

DIVISION = """青海省2024年重点经济工作责任分工方案
一、主要预期目标
1﹒全省生产总值增长5%以上。（省发展改革委牵头，省统计局配合）
2﹒外贸进出口总额增长6%左右。（省商务厅牵头，省财政厅、省税务局配合）
3﹒城镇新增就业4万人以上。（省人力资源社会保障厅牵头）
"""
CITY_REPORT = """甘南市2023年国民经济运行情况
2023年，甘南市外贸进出口总额增长8.2%，城镇新增就业1.2万人。
"""
WORK_POINTS = """淮北市2025年工业经济工作要点
一、稳住工业增长
推进亿元以上技改项目86个，全年力争完成技改投资260亿元以上，增长12%左右。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_over_texts(tmp_path_factory, "own-words", {
        "division.txt": DIVISION, "report.txt": CITY_REPORT, "points.txt": WORK_POINTS})


def test_an_owner_question_keeps_the_graph_owners_of_a_goal_found_by_its_wording(engine):
    # The plan's phrase is 3﹒城镇新增就业; the question's words name the report's 城镇新增就业.
    answer = engine.ask("青海省城镇新增就业4万人以上，牵头的是哪个部门？")
    assert answer.found
    assert "省人力资源社会保障厅" in answer.answer and "牵头" in answer.answer
    # A figure with its owner, not a task without a value.
    assert any(row.get("value") == 40000 and row.get("role") == "lead" for row in answer.rows)


def test_the_words_before_a_value_pick_the_figure_a_loose_question_asks(engine):
    answer = engine.ask("淮北市2025年技改项目全年力争完成投资多少？")
    assert answer.found
    # The investment leads; the count of projects written beside it follows.
    assert "260亿元" in answer.lead.split("。")[0]


def test_left_context_and_shared_run():
    clause = "推进亿元以上技改项目86个，全年力争完成技改投资260亿元以上"
    assert left_context(clause, clause.index("260")) == "全年力争完成技改投资"
    assert left_context(clause, clause.index("86")) == "推进亿元以上技改项目"
    asked = "〈地〉〈年〉技改项目全年力争完成投资多少？"
    assert shared_run(asked, "技改投资", "全年力争完成技改投资") > shared_run(asked, "亿元以上技改项目", "")
