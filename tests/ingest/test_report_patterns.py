"""Patterns of annual reports reposted as web pages (documents written for the tests)."""
from __future__ import annotations

from plankg.ingest import read_corpus
from plankg.ingest.context import ClauseContext
from plankg.ingest.facts import find_facts
from plankg.ingest.layout import hard_wraps
from plankg.ingest.metadata import detect_doc_type

REPORT_2024 = ClauseContext("report", 2024, None, today=2024, report_year=2024)


def test_zhuyao_is_not_the_modal_yao():
    # 主要指标 names the main indicators; only 要 as "shall" (要达到) marks a goal
    facts = find_facts("主要指标稳中有进：2023年全区研发投入强度达3.1%；", REPORT_2024)
    assert [(f.kind, f.year) for f in facts] == [("achievement", 2023)]
    facts = find_facts("全区研发投入强度要达到3.5%。", REPORT_2024)
    assert facts[0].kind == "target"


def test_a_years_progress_report_is_a_summary():
    assert detect_doc_type("2024年科技进步报告") == "summary"
    assert detect_doc_type("某区2024年度科技创新发展报告") == "summary"


def test_a_long_line_cut_before_a_blank_line_joins_the_next():
    line = "全年区本级高新技术产业实现增加值186.5亿元，同比增长9.5%，占规上工业增加值比重稳步提升，高新技术产业投资持续增长，达到规上工业增加"
    text = f"某区2024年科技进步报告\n\n{line}\n\n值的70.1%；技术交易额12.3亿元。\n"
    joins = hard_wraps(text)
    assert len(joins) == 1 and text[joins[0][1]:].startswith("值的70.1%")
    # a decimal number opening the next line is not a list marker (57.5 is not item 57)
    assert hard_wraps(text.replace("值的70.1%", "57.5亿元")) != []


def test_a_year_named_in_passing_does_not_outlast_the_next_quanian(tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text("某区2024年科技进步报告\n"
                   "主要指标稳中有进：2023年全区研发经费占GDP比重达3.1%；全年区本级技术交易额达到88.6亿元，"
                   "同比增长12.4%；区本级完成高新技术产业投资60.2亿元。\n", encoding="utf-8")
    facts = {t.value: (t.kind, t.year) for t in read_corpus([doc]).targets}
    assert facts[3.1] == ("achievement", 2023)
    assert facts[88.6] == facts[12.4] == facts[60.2] == ("achievement", 2024)


def test_a_task_progress_report_heads_each_task_with_its_goal_and_owner(tmp_path):
    # each task as assigned (一、…达到80家), its owner line (第N条、division), then the progress
    doc = tmp_path / "progress.txt"
    doc.write_text("市科技局关于2025年市《政府工作报告》确定的主要目标任务二季度进展情况报告\n"
                   "一、实施科技企业倍增行动，高新技术企业达到80家。\n"
                   "（第12条、高新科）\n"
                   "一是开展申报辅导。目前已申报高新技术企业35家。\n"
                   "二、新增市级创新平台20家。\n"
                   "（第13条、平台科）\n"
                   "一是组织推荐。已认定市级创新平台9家。\n", encoding="utf-8")
    facts = {t.value: (t.kind, t.year, [o.surface for o in t.owners]) for t in read_corpus([doc]).targets}
    assert facts[80] == ("target", 2025, ["高新科"]) and facts[20] == ("target", 2025, ["平台科"])
    assert facts[35] == ("achievement", 2025, ["高新科"]) and facts[9] == ("achievement", 2025, ["平台科"])


def test_more_than_a_number_is_a_value_with_its_unit():
    # 余/多 between a number and its unit (50余家, 20多人, 1万余家, 10余万元) mean "more than"
    facts = find_facts("新增高新技术企业50余家，引进人才20多人，服务企业1万余家，争取资金10余万元，开设公开课33门。",
                       REPORT_2024)
    got = [(f.value, f.unit, f.comparator) for f in facts]
    assert got == [(50, "家", ">="), (20, "人", ">="), (10000, "家", ">="), (10, "万元", ">="), (33, "门", None)]
    assert find_facts("全局上下一门心思抓创新。", REPORT_2024) == []
