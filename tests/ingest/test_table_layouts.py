"""Task tables of any layout: cells between | lines, owner columns, per-column years, rows ending with their unit (written for the tests)."""
from __future__ import annotations

import pytest

from plankg.ingest import read_corpus

_CELLS = ["序号", "重点任务", "前三年目标任务", "五年目标任务", "牵头部门", "配合部门",
          "1", "培育高新技术企业", "高新技术企业达到300家", "高新技术企业达到500家", "市科技局", "市财政局、市税务局",
          "2", "提升研发投入", "研发经费支出占GDP比重达到2.3%", "研发经费支出占GDP比重达到2.6%", "市科技局", "市统计局"]


def _read(tmp_path, text: str):
    path = tmp_path / "table.txt"
    path.write_text(text, encoding="utf-8")
    return read_corpus([path])


_TITLE = "某市科技创新五年行动（2023—2027年）重点任务分工表\n"
_LAYOUTS = {
    "bar lines between cells": _TITLE + "".join(f"|\n{cell}\n" for cell in _CELLS) + "|\n",
    "bars at the ends of cell lines": _TITLE + "".join(
        "|" + "|\n".join(_CELLS[k : k + 6]) + "|\n" for k in range(0, len(_CELLS), 6)),
    "a row a line between bars": _TITLE + "".join(
        "| " + " | ".join(_CELLS[k : k + 6]) + " |\n" for k in range(0, len(_CELLS), 6)),
}


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
def test_cells_between_bars_with_two_target_columns_and_two_owner_columns(tmp_path, layout):
    facts = {t.value: t for t in _read(tmp_path, _LAYOUTS[layout]).targets}
    # 前三年目标 is for the plan's third year, 五年目标 for its last
    assert {v: (facts[v].kind, facts[v].year) for v in (300, 500, 2.3, 2.6)} == {
        300: ("target", 2025), 500: ("target", 2027), 2.3: ("target", 2025), 2.6: ("target", 2027)}
    assert [(o.name, o.role) for o in facts[300].owners] == [("市科技局", "lead"), ("市财政局", "support"),
                                                              ("市税务局", "support")]
    assert [(o.name, o.role) for o in facts[2.6].owners] == [("市科技局", "lead"), ("市统计局", "support")]
    assert facts[300].owner_source == "explicit" and "前三年目标任务" in facts[300].why


@pytest.mark.parametrize("mark", [" ", "."])
def test_rows_ending_with_their_lead_unit_never_run_together(tmp_path, mark):
    corpus = _read(tmp_path, "某县人民政府办公室关于印发2024年科技创新重点任务分工的通知\n"
                             f"7{mark}全社会研发经费支出占GDP比重达到2.1%。 县科技局 8{mark}新增高新技术企业15家。 县工信局 "
                             f"9{mark}技术合同成交额达到8亿元。 县科技局、县发改局\n")
    doc = corpus.documents[0]
    assert doc.doc_type == "responsibility_table" and doc.years == (2024,)
    facts = {t.value: t for t in corpus.targets}
    assert facts[2.1].indicator == "全社会研发经费支出占GDP比重"
    assert facts[15].indicator == "高新技术企业" and facts[8].indicator == "技术合同成交额"
    assert [o.surface for o in facts[2.1].owners] == ["县科技局"]
    assert [o.surface for o in facts[15].owners] == ["县工信局"]
    assert [o.surface for o in facts[8].owners] == ["县科技局", "县发改局"]
    assert all(t.owner_source == "explicit" and t.year == 2024 for t in corpus.targets)


def test_a_year_column_of_prose_cells_dates_its_goals(tmp_path):
    cells = ["序号", "任务", "2023年目标", "2025年目标", "责任单位",
             "1", "科技型企业", "科技型中小企业达到800家", "科技型中小企业达到1200家", "区科技局"]
    text = "某区科技创新行动方案（2023—2025年）任务分解表\n" + "\n".join(cells) + "\n"
    facts = {t.value: t for t in _read(tmp_path, text).targets}
    assert (facts[800].year, facts[1200].year) == (2023, 2025)
    assert [o.surface for o in facts[800].owners] == ["区科技局"]


def test_a_numeric_year_column_says_why_its_values_are_goals_or_results(tmp_path):
    cells = ["序号", "指标名称", "2022年完成情况", "2025年目标", "责任单位",
             "1", "高新技术企业数（家）", "120", "200", "区科技局"]
    text = "某区科技创新行动方案（2023—2025年）指标分解表\n" + "\n".join(cells) + "\n"
    facts = {t.value: t for t in _read(tmp_path, text).targets}
    assert (facts[120].kind, facts[120].year) == ("achievement", 2022) and "2022年完成情况" in facts[120].why
    assert (facts[200].kind, facts[200].year) == ("target", 2025) and "2025年目标" in facts[200].why


def test_a_progress_table_holds_each_task_as_a_goal_and_its_progress_as_a_result(tmp_path):
    # 序号 | 工作任务 | 二季度完成情况, one cell per line between | lines: the task column assigns the
    # goal, the progress column reports what was done.
    doc = tmp_path / "progress.txt"
    cells = ["序号", "工作任务", "二季度完成情况",
             "1", "培育创新主体。全区高新技术企业总量达到160家。", "组织申报高新技术企业61家。",
             "2", "促进成果转化。技术合同交易额40亿元。", "技术合同金额11.06亿元。"]
    doc.write_text("某区科技局2023年重点工作任务二季度推进情况\n" + "\n|\n".join(cells) + "\n", encoding="utf-8")
    kinds = {t.value: t.kind for t in read_corpus([doc]).targets}
    assert kinds[160] == "target" and kinds[40] == "target"
    assert kinds[61] == "achievement" and kinds[11.06] == "achievement"


def test_headings_that_report_are_no_progress_table(tmp_path):
    # 一、…目标完成情况 / （一）职责任务 are headings, not column names: the duty stays a goal in its text.
    doc = tmp_path / "duties.txt"
    doc.write_text("市科技局2023年工作总结\n一、高质量发展目标完成情况\n（一）职责任务\n技术合同登记额4000万元。\n",
                   encoding="utf-8")
    corpus = read_corpus([doc])
    assert not any(c.kind == "table_row" for c in corpus.clauses)
    assert {t.value: t.kind for t in corpus.targets}[4000] == "target"


def test_a_year_column_whose_cells_are_whole_statements_gives_each_rows_value_and_owner(tmp_path):
    # 序号 | 2024年预期目标 | 责任单位: no column names the indicator; each goal cell says it all.
    cells = ["序号", "2024年预期目标", "责任单位",
             "1", "全县生产总值增长6%左右", "县发展改革局",
             "2", "规模以上工业增加值增长8%以上", "县经济信息局",
             "3", "技术合同成交额达到3亿元", "县科技局"]
    text = ("某县人民政府办公室关于印发2024年政府工作报告目标任务分解的通知\n附件\n"
            "2024年政府工作报告预期目标任务分解表\n" + "\n\n".join(cells) + "\n")
    facts = {t.value: t for t in _read(tmp_path, text).targets}
    assert {v: (facts[v].kind, facts[v].year, facts[v].unit) for v in (6, 8, 3)} == {
        6: ("target", 2024, "%"), 8: ("target", 2024, "%"), 3: ("target", 2024, "亿元")}
    assert "生产总值" in facts[6].indicator and "工业增加值" in facts[8].indicator
    assert [o.surface for o in facts[6].owners] == ["县发展改革局"]
    assert [o.surface for o in facts[8].owners] == ["县经济信息局"]
    assert [o.surface for o in facts[3].owners] == ["县科技局"]
    assert all(t.owner_source == "explicit" for t in facts.values())
    assert "2043" not in facts[6].why  # 2024年预期 is a calendar year, not a plan's 24th year


def test_a_row_a_line_table_gives_every_unit_of_its_support_column(tmp_path):
    text = ("某区2024年政府工作报告重点工作任务分解表\n序号 重点工作任务 主要责任单位 协同配合单位 完成期限\n"
            "5 新培育科技型中小企业40家以上。 区科技局 区经信局、区商务局(区某某中心)、区财政局等区政府有关部门,"
            "某某经开区管委会。 2024年12月底\n"
            "6 研发费用突破5亿元。 区科技局 区经信局等区政府有关部门,某某经开区管委会。 2024年12月底\n")
    facts = {t.value: t for t in _read(tmp_path, text).targets}
    assert [(o.surface, o.role) for o in facts[40].owners] == [
        ("区科技局", "lead"), ("区经信局", "support"), ("区商务局", "support"), ("区财政局", "support"),
        ("某某经开区管委会", "support")]
    assert [o.surface for o in facts[5].owners] == ["区科技局", "区经信局", "某某经开区管委会"]


def test_an_owner_line_under_each_goal_heading_owns_that_goal(tmp_path):
    text = ("某区人民政府办公室关于印发2024年政府工作报告目标任务责任分解方案的通知\n\n"
            "一、2024年全区经济社会发展的主要预期目标\n\n(一)地区生产总值增长6%以上\n\n责任单位:区发展和改革局\n\n"
            "(二)规上工业增加值增长9%以上\n\n责任单位：区科技和经信局\n\n二、重点任务\n\n"
            "(一)加快科技创新。新增高新技术企业20家。\n\n责任单位:区科技和经信局、区财政局\n")
    facts = {t.value: t for t in _read(tmp_path, text).targets}
    assert [o.surface for o in facts[6].owners] == ["区发展和改革局"]
    assert [o.surface for o in facts[9].owners] == ["区科技和经信局"]
    assert [(o.surface, o.role) for o in facts[20].owners] == [("区科技和经信局", "lead"), ("区财政局", "support")]
    assert all(t.owner_source == "explicit" and t.year == 2024 for t in facts.values())


def test_a_table_without_row_numbers_reads_each_indicator_its_goal_and_its_examiner(tmp_path):
    # 项目 | 分值 | 目标任务 | 考核单位, one cell a line; a category cell over the rows, some rows without owner.
    lines = ["某县2025年度发展目标任务分解表", "项 目", "分值", "目标任务", "考核单位",
             "经济发展", "规模以上工业总产值", "3", "320", "县经信局",
             "技术合同登记额", "2", "年终综合考核", "县科技局",
             "研发投入强度", "1", "2.5", "县统计局",
             "社会民生", "城镇新增就业人数", "1", "4600", "县人社局"]
    facts = {t.value: t for t in _read(tmp_path, "\n".join(lines) + "\n").targets}
    assert {v: (facts[v].kind, facts[v].year, facts[v].indicator) for v in (320, 2.5, 4600)} == {
        320: ("target", 2025, "规模以上工业总产值"), 2.5: ("target", 2025, "研发投入强度"),
        4600: ("target", 2025, "城镇新增就业人数")}
    assert [o.surface for o in facts[320].owners] == ["县经信局"]
    assert [o.surface for o in facts[4600].owners] == ["县人社局"]
    assert 3 not in facts and 2 not in facts  # the score column holds no goals
