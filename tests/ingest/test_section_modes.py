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


def test_a_body_has_one_name_whether_written_long_or_short(tmp_path):
    # the issuer signs with its official name, the task table writes the short one: one owner
    doc = tmp_path / "tasks.txt"
    doc.write_text("滨江区科学技术局2024年重点工作任务\n"
                   "1. 新增高新技术企业30家以上（区科技局）。\n"
                   "2. 全社会研发投入增长12%以上。\n", encoding="utf-8")
    owners = {t.value: [o.name for o in t.owners] for t in read_corpus([doc]).targets}
    assert owners[30] == ["滨江区科技局"] and owners[12] == ["滨江区科技局"]
