"""Indicator tables written as text: bars in a line, cells between bar lines, unit columns (written for the tests)."""
from __future__ import annotations

import pytest

from plankg.ingest import read_corpus


def _read(tmp_path, text: str):
    path = tmp_path / "table.txt"
    path.write_text(text, encoding="utf-8")
    return read_corpus([path])


_ROWS = [["指标", "2021年完成", "2022年目标", "2022年完成", "完成率"],
         ["省级科技企业孵化器（个）", "14", "16", "17", "106.3%"],
         ["技术合同成交额（亿元）", "21.5", "25", "26.8", "107.2%"],
         ["研发投入强度（%）", "1.95", "2.1", "2.05", "97.6%"]]


@pytest.mark.parametrize("bars", ["| {} |", "{}"])
def test_an_indicator_table_with_bars_in_each_line_gives_each_years_values(tmp_path, bars):
    # no 序号 and no owner column: a name column and columns of years' results and goals
    text = "某县2022年科技创新主要指标完成情况\n" + "".join(bars.format(" | ".join(r)) + "\n" for r in _ROWS)
    facts = {(t.value, t.kind, t.year): t for t in _read(tmp_path, text).targets}
    expected = {(14, "achievement", 2021): "个", (16, "target", 2022): "个", (17, "achievement", 2022): "个",
                (21.5, "achievement", 2021): "亿元", (25, "target", 2022): "亿元", (26.8, "achievement", 2022): "亿元",
                (1.95, "achievement", 2021): "%", (2.1, "target", 2022): "%", (2.05, "achievement", 2022): "%"}
    assert {key: facts[key].unit for key in expected if key in facts} == expected
    assert facts[(16, "target", 2022)].indicator == "省级科技企业孵化器"


def test_cells_between_bar_lines_with_a_unit_column_take_the_rows_unit(tmp_path):
    cells = ["序号", "指标名称", "单位", "2024年目标", "2026年目标", "牵头部门",
             "1", "科技型中小企业数", "家", "620", "900", "区科技局",
             "2", "规上工业企业研发机构覆盖率", "%", "45", "60", "区经信局"]
    text = "某区科技创新三年行动计划（2024—2026年）指标分解表\n" + "".join(f"|\n{c}\n" for c in cells) + "|\n"
    facts = {t.value: t for t in _read(tmp_path, text).targets}
    assert {v: (facts[v].unit, facts[v].year) for v in (620, 900, 45, 60)} == {
        620: ("家", 2024), 900: ("家", 2026), 45: ("%", 2024), 60: ("%", 2026)}
    assert facts[45].indicator == "规上工业企业研发机构覆盖率"


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_a_five_year_plans_indicator_table_with_bare_year_columns_gives_base_and_goal(tmp_path, sep):
    # 类别 | 指标 | 2020年 | 2025年 | 属性: the base year's value is a result, the horizon's a goal
    rows = [["类别", "指标", "2020年", "2025年", "属性"],
            ["创新投入", "规上工业企业研发投入占营业收入比重（%）", "1.6", "2.2", "预期性"],
            ["创新主体", "省级以上研发机构数（个）", "96", "150", "预期性"]]
    text = "某县“十四五”科技创新规划\n表1 主要指标\n" + "".join(sep.join(r) + "\n" for r in rows)
    facts = {(t.value, t.kind, t.year): t.unit for t in _read(tmp_path, text).targets}
    assert facts == {(1.6, "achievement", 2020): "%", (2.2, "target", 2025): "%",
                     (96, "achievement", 2020): "个", (150, "target", 2025): "个"}


def test_a_base_year_column_named_jishu_holds_results(tmp_path):
    cells = ["序号", "指标名称", "2020年基数", "2025年目标", "指标属性", "1", "高新技术企业数(家)", "230", "400", "预期性"]
    text = "某区“十四五”科技创新规划\n" + "\n".join(cells) + "\n"
    facts = {(t.value, t.kind, t.year) for t in _read(tmp_path, text).targets}
    assert facts == {(230, "achievement", 2020), (400, "target", 2025)}
