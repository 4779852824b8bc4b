"""Tables of the genre in layouts read by header words and column alignment, not by phrases.

Each document is composed for the test (invented places and numbers). The layouts: a table that
divides goals among districts (a place column, the unit stated above the table, a total row),
its columns in another order, its header split over two lines; a progress table (goal, result,
rate, note) with sub-items on lines of their own; an indicator table with one row a line and one
with one cell a line; a progress table whose owner column stands before the result; owner fields
that name places and bodies together; a task table whose two value columns carry a scaled unit.
"""
from __future__ import annotations

from pathlib import Path

from plankg.ingest import read_corpus
from plankg.ingest.cell_line_tables import find_cell_line_tables
from plankg.ingest.spaced_tables import find_spaced_tables


def _targets(tmp_path: Path, text: str, name: str = "doc.txt") -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(read_corpus([path]).targets)


def _facts(targets: list) -> set[tuple]:
    return {(t.kind, t.value, t.unit, t.year, t.indicator, tuple(o.surface for o in t.owners)) for t in targets}


DIVIDED = """某市2024年科技创新目标任务分解表
单位：家
区县  高新技术企业目标  科技型中小企业目标
东湖区  120  300
西山区  85  210
南河县  30  95
合计  235  605
"""


def test_a_table_dividing_goals_among_districts_gives_each_row_to_its_district(tmp_path):
    facts = _facts(_targets(tmp_path, DIVIDED))
    assert ("target", 120.0, "家", 2024, "高新技术企业", ("东湖区",)) in facts
    assert ("target", 95.0, "家", 2024, "科技型中小企业", ("南河县",)) in facts
    # The total row names no district: it is the whole table's, no place owns it.
    total = [f for f in facts if f[1] == 235.0]
    assert total and all(f[5] != ("合计",) for f in total)


def test_columns_in_another_order_and_a_money_unit_stated_above(tmp_path):
    text = """某市2021年外经贸目标任务分解表
金额单位：万美元
出口目标 引资目标 责任单位
3200 800 高新区
1500 450 北塘区
"""
    facts = _facts(_targets(tmp_path, text))
    assert ("target", 3200.0, "万美元", 2021, "出口", ("高新区",)) in facts
    assert ("target", 450.0, "万美元", 2021, "引资", ("北塘区",)) in facts


def test_a_header_split_over_two_lines_under_a_title_naming_what_is_divided(tmp_path):
    text = """某省2025年研发投入目标分解
金额单位：亿元
市州 2024年 2025年
目标 目标
江城市 150 180
岭南市 66 80
"""
    facts = _facts(_targets(tmp_path, text))
    # 2024年目标 is a goal for 2024, though the document plans from 2025.
    assert ("target", 150.0, "亿元", 2024, "研发投入", ("江城市",)) in facts
    assert ("target", 80.0, "亿元", 2025, "研发投入", ("岭南市",)) in facts


def test_a_header_printed_twice_side_by_side_gives_two_rows_a_line(tmp_path):
    text = """某市2023年技术合同登记目标分解表
单位：亿元
区县 目标 区县 目标
东城区 25 西城区 18
南湖区 12 北岭县 3.5
高新区 40
"""
    facts = {(t.value, t.unit, t.year, tuple(o.surface for o in t.owners)) for t in _targets(tmp_path, text)}
    assert {(25.0, "亿元", 2023, ("东城区",)), (18.0, "亿元", 2023, ("西城区",)), (3.5, "亿元", 2023, ("北岭县",)),
            (40.0, "亿元", 2023, ("高新区",))} <= facts


def test_two_columns_a_place_and_its_goal(tmp_path):
    text = "某县2024年新增市场主体目标分解\n单位：户\n乡镇 2024年目标\n东岗镇 320\n西岭乡 150\n"
    facts = {(t.value, t.unit, t.year, tuple(o.surface for o in t.owners)) for t in _targets(tmp_path, text)}
    assert (320.0, "户", 2024, ("东岗镇",)) in facts and (150.0, "户", 2024, ("西岭乡",)) in facts


def test_names_spaced_out_to_fill_their_cells_join_up(tmp_path):
    text = "某区2022年引资目标分解表\n单位：万元\n序 号 街 道 引资目标\n1 东 湖 街 道 800\n2 西 山 街 道 650\n"
    table = find_spaced_tables(text)[0]
    assert table.columns[:2] == ["序号", "街道"]
    assert [text[c.start:c.end].replace(" ", "") for row in table.rows for name, c in row.cells if name == "街道"] == [
        "东湖街道", "西山街道"]
    facts = {(t.value, t.unit, tuple(o.surface for o in t.owners)) for t in _targets(tmp_path, text)}
    assert (800.0, "万元", ("东湖街道",)) in facts


def test_tab_separated_rows_with_a_row_number_column(tmp_path):
    text = "某县2023年招商引资目标任务分解表\n单位：亿元\n序号\t乡镇\t引资目标\n1\t青山镇\t12\n2\t白水乡\t8.5\n"
    facts = _facts(_targets(tmp_path, text))
    assert ("target", 12.0, "亿元", 2023, "引资", ("青山镇",)) in facts
    assert ("target", 8.5, "亿元", 2023, "引资", ("白水乡",)) in facts


PROGRESS = """某县2022年民生实事办理进度表
序号 项目 责任单位 目标任务 1- 6月完成情况 完成率% 备注
1 新建村级卫生室 县卫健局 40个 22 55%
2 农村道路提质改造 县交通运输局 120公里 96 80% 进度正常
3 新增城镇就业 县人社局 2600人 1500 58%
完成职业技能培训 县人社局 3000人次 1800 60%
4 改造老旧小区 县住建局 15个 60% 已开工15个
"""


def test_a_progress_table_gives_goal_result_and_rate_each_to_the_rows_unit(tmp_path):
    facts = _facts(_targets(tmp_path, PROGRESS))
    assert ("target", 120.0, "公里", 2022, "农村道路提质改造", ("县交通运输局",)) in facts
    # The result column writes a bare number: it counts in the goal's unit.
    assert ("achievement", 96.0, "公里", 2022, "农村道路提质改造", ("县交通运输局",)) in facts
    assert ("achievement", 80.0, "%", 2022, "农村道路提质改造", ("县交通运输局",)) in facts
    # A sub-item on a line without its number belongs to the row above, with its own unit and values.
    assert ("target", 3000.0, "人次", 2022, "完成职业技能培训", ("县人社局",)) in facts
    assert ("achievement", 1800.0, "人次", 2022, "完成职业技能培训", ("县人社局",)) in facts
    # A row without a result: its percentage is the rate, not a result counted in 个.
    assert ("achievement", 60.0, "%", 2022, "改造老旧小区", ("县住建局",)) in facts
    assert not any(f[1] == 60.0 and f[2] == "个" for f in facts)


def test_a_progress_table_row_is_aligned_by_what_its_cells_hold():
    table = find_spaced_tables(PROGRESS)[0]
    last = {name: PROGRESS[cell.start:cell.end] for name, cell in table.rows[-1].cells}
    assert last["责任单位"] == "县住建局" and last["2022年目标任务"] == "15个"
    assert last["2022年完成率%"] == "60%" and last["备注"] == "已开工15个"
    assert "2022年1-6月完成情况" not in last  # left empty in the row, not filled by the next cell


def test_an_indicator_table_with_one_row_a_line(tmp_path):
    text = """某区2023年经济社会发展主要指标
指标 单位 2023年目标 2023年完成
地区生产总值增速 % 6.5 6.8
高新技术企业 家 260 275
"""
    facts = {f[:5] for f in _facts(_targets(tmp_path, text))}
    assert ("target", 6.5, "%", 2023, "地区生产总值增速") in facts
    assert ("achievement", 275.0, "家", 2023, "高新技术企业") in facts


CELL_LINES = """一、2022年计划执行情况

2022年某区主要指标完成情况

指标

单位

全年目标

完成情况

地区生产总值

%

7左右

7.4

实际使用外资

亿美元

15

18.2

每万人高价值发明专利拥有量

40

46

居民人均可支配收入

%

与经济增长同步

6.1

城镇调查失业率

%

5以内

4.6

二、2023年计划安排
"""


def test_an_indicator_table_with_one_cell_a_line_and_no_row_numbers(tmp_path):
    facts = {f[:5] for f in _facts(_targets(tmp_path, CELL_LINES))}
    assert ("target", 7.0, "%", 2022, "地区生产总值") in facts
    assert ("achievement", 7.4, "%", 2022, "地区生产总值") in facts
    assert ("target", 15.0, "亿美元", 2022, "实际使用外资") in facts
    assert ("achievement", 18.2, "亿美元", 2022, "实际使用外资") in facts
    # A row that leaves its unit out keeps its values in their columns.
    assert any(f[:4] == ("achievement", 46.0) + f[2:3] + (2022,) and f[4] == "每万人高价值发明专利拥有量" for f in facts)
    # A value given in words has no number; the row's result still does.
    assert ("achievement", 6.1, "%", 2022, "居民人均可支配收入") in facts


def test_cell_line_rows_open_at_each_name():
    table = find_cell_line_tables(CELL_LINES)[0]
    assert table.columns == ["指标", "单位", "2022年全年目标", "2022年完成情况"]
    assert [row.name for row in table.rows] == ["地区生产总值", "实际使用外资", "每万人高价值发明专利拥有量",
                                                "居民人均可支配收入", "城镇调查失业率"]


def test_a_progress_table_one_cell_a_line_with_its_owner_before_the_result(tmp_path):
    text = """2023年某县科技局重点工作落实情况

序号

工作内容

责任股室

全年落实情况

1

科技型企业培育

高新股

全年新增科技型中小企业31家，新认定高新技术企业9家。

2

农业科技推广

农村股、综合股

举办农技培训26场，培训农民1500人次。
"""
    targets = _targets(tmp_path, text)
    by_value = {t.value: t for t in targets}
    assert by_value[31.0].kind == "achievement" and [o.surface for o in by_value[31.0].owners] == ["高新股"]
    assert [o.surface for o in by_value[26.0].owners] == ["农村股", "综合股"]
    assert by_value[1500.0].kind == "achievement"


def test_owner_fields_keep_places_and_bodies_taken_together(tmp_path):
    text = """某区2024年重点工作任务分解方案
一、主要预期目标
1.地区生产总值增长6%左右。
牵头单位：区发改局
责任单位：某某经济开发区，各街道、区直各部门
2.一般公共预算收入增长5%。
牵头单位：区财政局
责任单位：各镇街，区税务局
"""
    owners = {t.value: [o.surface for o in t.owners] for t in _targets(tmp_path, text)}
    assert owners[6.0] == ["区发改局", "某某经济开发区", "各街道", "区直各部门"]
    assert owners[5.0][0] == "区财政局" and "区税务局" in owners[5.0]


def test_two_value_columns_of_a_task_table_with_a_scaled_unit_and_a_named_district(tmp_path):
    text = """附件：某市创新计划（2021-2025年）目标任务分解表
| 任务内容
| 牵头部门
| 配合部门
| 前三年目标任务
| 五年目标任务
|
1
| 培养高技能人才(千人)
| 市人社局
| 市教育局、各县、青岭区
| 12
| 25
|
2
| 新建科技企业孵化器(家)
| 市科技局
| 高新区
| 6
| 9
|
"""
    facts = {(t.value, t.unit, t.year, tuple(o.surface for o in t.owners)) for t in _targets(tmp_path, text)}
    assert (12.0, "千人", 2023, ("市人社局", "市教育局", "各县", "青岭区")) in facts
    assert (25.0, "千人", 2025, ("市人社局", "市教育局", "各县", "青岭区")) in facts
    assert (9.0, "家", 2025, ("市科技局", "高新区")) in facts


def test_prose_with_spaces_is_no_table():
    text = "区县 工作 要求 如下\n各地要 加快 推进 项目建设 确保 完成 任务\n"
    assert find_spaced_tables(text) == []
    assert find_cell_line_tables("指标\n说明\n地区生产总值\n") == []


def test_an_owner_clause_whose_names_carry_pinyin_glosses(tmp_path):
    # Some mirror sites print a reading in brackets inside words: the brackets of the glosses are no
    # end of the owner list, and the names keep them as written.
    text = """某省关于加快数字经济发展的若干措施
1.实施网络提升行动。新(xīn)建千兆城市8个以上。(责任单位:省通信管理(lǐ)局、省工(gōng)业和信息化厅、省财政厅)
"""
    owners = {t.value: [o.surface for o in t.owners] for t in _targets(tmp_path, text)}
    assert owners[8.0] == ["省通信管理(lǐ)局", "省工(gōng)业和信息化厅", "省财政厅"]


def test_a_numbered_task_table_without_owners_sets_goals_in_its_standard_column(tmp_path):
    # 类别 | 序号 | 项目名称 | 工作标准, one row a line between bars, in a document of no stated genre:
    # the standard set for each task is a goal, not a result.
    text = """类别 | 序号 | 项目名称 | 工作标准 |
重点类 | 1 | 创新平台建设工程 | 新建市级工程技术研究中心12家; 省级重点实验室达到6家。 |
一般类 | 2 | 科技金融工程 | 科技贷款余额超过45亿元。 |
"""
    targets = {t.value: t for t in _targets(tmp_path, text)}
    assert targets[12.0].kind == "target" and targets[45.0].kind == "target"
    assert "创新平台建设工程" in targets[12.0].why  # the goal is read under its row's task
