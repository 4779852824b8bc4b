"""Progress reports within one year: the year they name once is the year of their goals and results (composed text)."""
from __future__ import annotations

from plankg.ingest import read_corpus


def _facts(tmp_path, text: str):
    path = tmp_path / "progress.txt"
    path.write_text(text, encoding="utf-8")
    return {(t.kind, t.value): t for t in read_corpus([path]).targets}


def test_a_half_year_bulletin_dated_only_in_its_title_gives_its_goals_that_year(tmp_path):
    facts = _facts(tmp_path, "2023年县政府工作报告重点任务上半年落实情况\n"
                             "一、主要预期目标\n"
                             "1.全县生产总值增长7%左右。\n"
                             "上半年，全县生产总值同比增长4.6%。\n")
    goals = [t for (kind, value), t in facts.items() if value == 7]
    assert goals and all(t.year == 2023 for t in goals)


def test_a_report_on_the_years_first_half_gives_its_results_the_year_of_its_tasks(tmp_path):
    facts = _facts(tmp_path, "现将《政府工作报告》确定的2022年重点工作，其上半年落实情况通报如下:\n"
                             "一、主要指标任务完成情况\n"
                             "上半年，全市完成地区生产总值512.3亿元，比上年同期增长6.2%；"
                             "社会消费品零售总额210.5亿元，比上年同期增长9.1%。\n")
    assert facts[("achievement", 512.3)].year == 2022
    assert facts[("achievement", 9.1)].year == 2022


def test_a_year_end_summary_keeps_its_goals_undated_when_it_names_only_the_year_it_reports(tmp_path):
    facts = _facts(tmp_path, "2021年度科技工作总结\n"
                             "一、工作成效\n"
                             "全年新增高新技术企业45家。\n"
                             "二、存在问题\n"
                             "部分指标仍有差距。\n")
    assert facts[("achievement", 45)].year == 2021


def test_the_progress_under_a_listed_goal_of_a_half_year_bulletin_is_a_result(tmp_path):
    facts = _facts(tmp_path, "2023年县政府工作报告重点任务上半年落实情况\n"
                             "一、主要预期目标\n"
                             "1.全县生产总值增长7%左右。\n"
                             "全县生产总值同比增长4.6%。\n"
                             "2.社会消费品零售总额增长8%。\n"
                             "社会消费品零售总额同比增长5.2%。\n")
    assert facts[("target", 7)].year == 2023
    assert facts[("achievement", 4.6)].year == 2023
    assert facts[("achievement", 5.2)].year == 2023
    assert ("target", 8) in facts
