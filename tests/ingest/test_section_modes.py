"""A section's heading decides whether its bare values are plans or results (written for the tests)."""
from __future__ import annotations

from plankg.ingest import read_corpus


def test_a_summary_subheading_about_tasks_completed_stays_a_report(tmp_path):
    # 超额完成年度任务 names tasks, but ones already done: the values under it are the year's results
    doc = tmp_path / "summary.txt"
    doc.write_text("县科技局2024年工作总结和2025年工作思路\n"
                   "一、2024年工作总结\n"
                   "（一）扎实推进科技工作，超额完成年度任务。\n"
                   "全年全县规上工业企业研发费用12.5亿元，年度任务完成率104%；技术市场交易额9.8亿元。\n"
                   "二、2025年工作思路\n"
                   "（一）围绕年度任务\n"
                   "技术市场交易额达到11亿元。\n", encoding="utf-8")
    facts = {t.value: (t.kind, t.year) for t in read_corpus([doc]).targets}
    assert facts[12.5] == ("achievement", 2024) and facts[9.8] == ("achievement", 2024)
    assert facts[11] == ("target", 2025)


def test_a_report_section_listing_the_assigned_duties_holds_goals(tmp_path):
    # 职责任务 under 目标完成情况 lists what the unit was asked to reach: goals, not results
    doc = tmp_path / "duties.txt"
    doc.write_text("市科技局2023年工作总结\n"
                   "一、高质量发展目标完成情况\n"
                   "（一）职责任务\n"
                   "技术合同登记额4000万元。\n", encoding="utf-8")
    facts = {t.value: t.kind for t in read_corpus([doc]).targets}
    assert facts[4000] == "target"
