"""Owners in every layout of the genre: task tables flattened any way, responsibility plans in running text.

Each case is a small document written for the test (its own places and numbers), one per layout, with the
units answerable for each value, lead first, as the document writes them (read in simplified characters).
"""
from __future__ import annotations

import pytest

from plankg.ingest import read_corpus

LAYOUTS: dict[str, tuple[str, dict[float, list[str]]]] = {}


def _layout(name: str, text: str, owners: dict[str, list[str]]) -> None:
    LAYOUTS[name] = (text, {float(v): units for v, units in owners.items()})


# A: one cell per line, 序号 | 指标 | 2024年目标 | 牵头单位 | 配合单位 (several-unit cells)
_layout("a_cells_lead_support", """安远县人民政府办公室关于印发2024年科技创新目标任务分解表的通知
附件
2024年科技创新目标任务分解表
序号
指标名称
2024年目标
牵头单位
配合单位
1
研发经费投入强度
2.1%
县科技局
县统计局、县财政局
2
高新技术企业数
45家
县科技局
县工信局
3
技术合同成交额
6亿元
县科技局
县商务局
""", {"2.1": ["县科技局", "县统计局", "县财政局"], "45": ["县科技局", "县工信局"], "6": ["县科技局", "县商务局"]})

# B: row a line with | separators, header 责任部门 / 协办部门
_layout("b_bar_rows", """永川区2023年科技工作任务分工表
| 序号 | 工作任务 | 目标值 | 责任部门 | 协办部门 |
| 1 | 新增科技型企业 | 300家 | 区科技局 | 区经信委 |
| 2 | 规上工业企业研发机构覆盖率 | 55% | 区经信委 | 区科技局、区统计局 |
| 3 | 每万人发明专利拥有量 | 12件 | 区市场监管局 | 区科技局 |
""", {"300": ["区科技局", "区经信委"], "55": ["区经信委", "区科技局", "区统计局"], "12": ["区市场监管局", "区科技局"]})

# C: tab-separated rows, owners without separator (adjoining units)
_layout("c_tabs_adjoining", "旌德县2022年度经济社会发展目标任务分解表\n序号\t指标\t单位\t目标任务\t考核单位\n"
    "1\t地区生产总值增长\t%\t7.5\t县发改委县统计局\n2\t全社会研发投入\t亿元\t3.2\t县科技局县统计局\n"
    "3\t城镇新增就业\t人\t3800\t县人社局\n",
    {"7.5": ["县发改委", "县统计局"], "3.2": ["县科技局", "县统计局"], "3800": ["县人社局"]})

# D: rows running together in prose, owner at row end
_layout("d_rows_run_together", """某市人民政府关于2023年度重点目标任务分工的通知
一、主要指标任务
1．全市地区生产总值增长6.5%。 市发改委 2．高新技术企业净增80家。 市科技局 3．技术合同成交额突破45亿元。 市科技局、市商务局 4．规模以上工业增加值增长8%。 市工信局
""", {"6.5": ["市发改委"], "80": ["市科技局"], "45": ["市科技局", "市商务局"], "8": ["市工信局"]})

# E: responsibility plan, owner line after each goal (责任单位：)
_layout("e_owner_lines", """2024年县《政府工作报告》主要目标任务责任分解方案
一、主要预期目标
（一）地区生产总值增长6.5%左右
责任单位：县发展和改革局
（二）规模以上工业增加值增长9%
责任单位：县工业和信息化局、县统计局
（三）研发经费投入增长15%
责任单位：县科学技术局
""", {"6.5": ["县发展和改革局"], "9": ["县工业和信息化局", "县统计局"], "15": ["县科学技术局"]})

# F: parenthesised lead/support at item end
_layout("f_paren_lead_support", """某市2023年科技创新重点工作安排
1．新培育国家高新技术企业120家以上。（牵头单位：市科技局；配合单位：市财政局、国家税务总局某市税务局）
2．全社会研发投入强度达到2.6%。（牵头单位：市科技局、市统计局；配合单位：市发改委）
3．新建市级以上研发平台20个。（责任单位：市科技局）
""", {"120": ["市科技局", "市财政局", "国家税务总局某市税务局"], "2.6": ["市科技局", "市统计局", "市发改委"], "20": ["市科技局"]})

# G: 由X牵头，Y配合 / X负责 in running text
_layout("g_running_text", """某区科技创新三年行动计划（2023—2025年）
三、重点任务
（一）培育创新主体。到2025年，全区高新技术企业达到150家，由区科技局牵头，区经信局、区财政局配合。
（二）建设创新平台。到2025年，建成省级以上研发平台30个，区科技局负责。
（三）引育人才。到2025年，引进高层次人才200名，由区委组织部、区人社局负责。
""", {"150": ["区科技局", "区经信局", "区财政局"], "30": ["区科技局"], "200": ["区委组织部", "区人社局"]})

# H: 责任领导 + 牵头单位 + 责任单位 in brackets (persons not owners)
_layout("h_leader_lead_units", """2023年区《政府工作报告》确定的重点工作任务责任分解方案
一、主要预期目标
1．地区生产总值增长7%以上。（责任领导：王明；牵头单位：区发改局）
2．研发投入增长12%以上。（责任领导：李华、赵强；牵头单位：区科工局；责任单位：区财政局、区统计局）
""", {"7": ["区发改局"], "12": ["区科工局", "区财政局", "区统计局"]})

# I: 责任单位为… after each indicator in a report
_layout("i_owner_is", """某区2022年度考核指标目标设定情况
高新技术企业数：新增12家，责任单位为区科技局；
技改投资占比：技改投资占工业投资比重18%，责任单位为区经信局、区统计局；
""", {"12": ["区科技局"], "18": ["区经信局", "区统计局"]})

# J: space separated row-a-line table with leader column and lead/support
_layout("j_spaces_row", """某县2024年政府工作报告重点工作任务分解表
序号 重点工作任务 责任领导 牵头单位 配合单位 完成时限
1 新增科技型中小企业60家以上。 张伟 县科技局 县工信局、县财政局 2024年12月
2 技术合同登记额达到2亿元。 张伟 县科技局 县商务局 2024年12月
""", {"60": ["县科技局", "县工信局", "县财政局"], "2": ["县科技局", "县商务局"]})

# K: cells between | lines, one cell per line, two owner columns
_layout("k_bar_cells", """某市创新驱动发展目标任务分解表
|
序号
|
目标任务
|
牵头部门
|
配合部门
|
1
|
科技型中小企业评价入库达到900家
|
市科技局
|
市税务局、市财政局
|
2
|
每万人高价值发明专利拥有量达到8件
|
市市场监管局
|
市科技局
|
""", {"900": ["市科技局", "市税务局", "市财政局"], "8": ["市市场监管局", "市科技局"]})

# L: owner at row end, full-width spaces, no number
_layout("l_unit_after_goal", """某县2024年科技创新工作要点
全社会研发经费投入强度达到1.8%。　县科技局
新增省级科技型中小企业50家。　县科技局、县工信局
""", {"1.8": ["县科技局"], "50": ["县科技局", "县工信局"]})

# M: header with 主要责任单位 / 责任单位 (first is lead) one cell per line, multi-line owner cell
_layout("m_multiline_owner_cell", """某区2023年政府工作报告目标任务分解表
序号
目标任务
牵头单位
责任单位
1
新增高新技术企业25家
区科技局
区经信局
区财政局
2
科技型企业贷款余额达到12亿元
区金融办
区科技局
""", {"25": ["区科技局", "区经信局", "区财政局"], "12": ["区金融办", "区科技局"]})

# N: 负责单位 phrasing and 主办/协办
_layout("n_host_assist", """某市2023年科技创新工作任务清单
1．国家级科技企业孵化器新增2家。牵头单位：市科技局；协办单位：市人社局、市财政局。
2．规上工业企业研发活动覆盖率达到50%。负责单位：市工信局。
""", {"2": ["市科技局", "市人社局", "市财政局"], "50": ["市工信局"]})

# O: space separated rows, a lead cell over several lines, support list with 等…部门, deadline after
_layout("o_spaces_multiline_cells", """某区2024年政府工作报告重点工作任务分解表
序号 重点工作任务 主要责任单位 协同配合单位 完成期限
7 建设中试基地两个。 区科技局
区农业农村局
某某高新区管委会
区发改委、区财政局、等区政府有关部门,区城投公司。 2024年12月底
8 推动企业加大研发投入,全社会研发投入增长12%以上。 区科技局 区统计局等区政府有关部门,某某高新区管委会。 2024年12月底
""", {"12": ["区科技局", "区统计局", "某某高新区管委会"]})

# P: owner columns before the goals, markdown table with a rule line
_layout("p_markdown_owner_first", """某市2024年度科技创新指标任务分解表
| 序号 | 责任单位 | 指标 | 2024年目标 |
|---|---|---|---|
| 1 | 市科技局、市统计局 | 研发经费投入强度 | 2.9% |
| 2 | 市科技局 | 高新技术企业数 | 1500家 |
""", {"2.9": ["市科技局", "市统计局"], "1500": ["市科技局"]})

# R: a heading owns the items under it
_layout("r_heading_owner", """某县科技创新能力提升行动方案（2024—2026年）
三、主要任务
（一）壮大创新主体（牵头单位：县科技局；配合单位：县工信局）
1．到2026年，高新技术企业达到40家。
2．到2026年，科技型中小企业达到120家。
（二）提升研发投入（牵头单位：县统计局）
3．到2026年，全社会研发投入强度达到2%。
""", {"40": ["县科技局", "县工信局"], "120": ["县科技局", "县工信局"], "2": ["县统计局"]})

# U: owners in square brackets
_layout("u_square_brackets", """某区2023年科技工作要点
1．新增省级工程技术研究中心5家。【责任单位：区科技局、区经信局】
2．技术合同成交额达到18亿元。【牵头单位：区科技局；配合单位：区商务局】
""", {"5": ["区科技局", "区经信局"], "18": ["区科技局", "区商务局"]})

# V: X牵头，Y按职责分工负责 / 由X、Y共同负责
_layout("v_duty_phrases", """某市关于加快科技成果转化的实施意见
一、工作目标
到2025年，全市技术合同成交额突破200亿元（市科技局牵头，市财政局、市商务局按职责分工负责）。
到2025年，建设概念验证中心10家（由市科技局、市教育局共同负责）。
""", {"200": ["市科技局", "市财政局", "市商务局"], "10": ["市科技局", "市教育局"]})

# X: lead and support fields on one line, separated by spaces
_layout("x_fields_one_line", """某县2024年度重点科技工作任务
（一）新培育创新型中小企业30家。
牵头单位：县科技局　配合单位：县工信局、县市场监管局
（二）新建县级科技特派员工作站12个。
牵头单位：县科技局　配合单位：县农业农村局
""", {"30": ["县科技局", "县工信局", "县市场监管局"], "12": ["县科技局", "县农业农村局"]})

# Y: the region written out in the owner name, owner list with spaces
_layout("y_region_named_units", """柯桥区2023年科技创新目标任务分解表
序号
指标
目标值
责任单位
1
高新技术企业净增数
60家
柯桥区科技局 柯桥区经信局
2
规上工业研发费用
65亿元
柯桥区经信局
""", {"60": ["柯桥区科技局", "柯桥区经信局"], "65": ["柯桥区经信局"]})

# Z: field lines under each item, a division list, a deadline field on the owner line
_layout("z_field_lines", """某市科学技术局关于分解落实2024年重点工作任务的通知
局属各单位、各科室：
现将2024年重点工作任务分解如下。
1．新增国家级科技企业孵化器2家，市级众创空间达到35家。
责任领导：周平
牵头科室（单位）：成果转化科、市科技创业服务中心
完成时限：2024年12月
2．全年登记技术合同成交额达到28亿元。
责任领导：吴刚
牵头科室：成果转化科　配合科室：办公室
完成时限：2024年12月
3．研发投入强度达到2.4%。
责任单位：市统计局 完成时限：2024年底
""", {"35": ["成果转化科", "市科技创业服务中心"], "28": ["成果转化科", "办公室"], "2.4": ["市统计局"]})

# AA: rows of a table run together in one paragraph, "." as the stop, units without a level word
_layout("aa_rows_in_one_paragraph", """某市人民政府办公室关于分解落实2019年政府工作任务的通知 附件:某市2019年政府工作任务分解表 序号 名称 工作任务 牵头责任单位

一、主要预期目标分解

1 地区生产总值增长6.5%以上,一般公共预算收入增长5%. 发改委 2 规模以上工业增加值增长7%. 工信局 3 全社会研发经费支出占GDP比重达到2.9%. 科技局、统计局
""", {"6.5": ["发改委"], "5": ["发改委"], "7": ["工信局"], "2.9": ["科技局", "统计局"]})

# AB: one cell per line, a header cell wrapped over two lines, empty cells, the lead starred after its name
_layout("ab_star_after_lead", """2024年区政府工作报告重点工作责任分解
序号

重点工作

区本级

任务数

责任单位

1

新增高新技术企业35家。


区科技局

2

技术合同成交额达到12亿元。

6亿元

区商务局、区科技局*
""", {"35": ["区科技局"], "12": ["区科技局", "区商务局"]})

# AC: fields in traditional characters
_layout("ac_traditional_fields", """某省2024年重點工作任務
一、強化創新平臺
1.建設實驗室體系。力爭2024年省重點實驗室達到18家。(牽頭單位:省科技廳、省教育廳)
2.培育科技企業。高新技術企業達到9000家以上。(牽頭單位:省科技廳)
""", {"18": ["省科技厅", "省教育厅"], "9000": ["省科技厅"]})

# AD: space-separated rows whose owner cell lists units with spaces
_layout("ad_spaced_owner_cells", """某县2024年科技创新重点任务分解表
序号 重点任务 责任单位 完成时限
1 新增高新技术企业20家 县科技局 县财政局 2024年12月
2 新建院士专家工作站2家 县科协 县科技局 2024年10月
""", {"20": ["县科技局", "县财政局"], "2": ["县科协", "县科技局"]})

# AE: the lead marked in brackets or by 牵头 inside the owner cell
_layout("ae_lead_marked_in_cell", """某市2024年科技创新目标任务分解表
| 序号 | 目标任务 | 责任单位 |
| 1 | 技术合同成交额达到60亿元 | 市商务局、市科技局（牵头） |
| 2 | 新增省级新型研发机构6家 | 市科技局牵头，市发改委、市财政局配合 |
""", {"60": ["市科技局", "市商务局"], "6": ["市科技局", "市发改委", "市财政局"]})


# M: a provincial task-division plan: the first item lists many goals and closes with the units that share
# them; a section's sentences close with a hexagonal-bracket list the page cut off; 主办/协办; a 等 list.
_layout("m_province_task_division", """2024年省《政府工作报告》重点任务分工方案
  为确保省政府工作报告确定的各项任务落到实处，现将重点任务分工如下。
  一、对全省生产总值增长6%左右、一般公共预算收入增长3.5%、城镇新增就业32万人等预期目标完成情况进行调度。(省发展改革委、省财政厅、省人力资源社会保障厅、省统计局等按职责分工负责)
  二、稳住工业基本盘。规模以上工业增加值增长7%。(省工业和信息化厅主办，省发展改革委、省能源局协办)
  三、社会消费品零售总额增长6.5%。
  牵头单位:省商务厅
  责任单位:省文化和旅游厅、省市场监管局等,各市州人民政府,省长白山管委会
  四、扩大有效投资，推进20项重大工程。加快建设450个省级重点项目。〔省发展改革委、省交通运输厅、省水利厅、省数据局(省政务服务局)
""", {"6": ["省发展改革委", "省财政厅", "省人力资源社会保障厅", "省统计局"],
      "3.5": ["省发展改革委", "省财政厅", "省人力资源社会保障厅", "省统计局"],
      "7": ["省工业和信息化厅", "省发展改革委", "省能源局"],
      "6.5": ["省商务厅", "省文化和旅游厅", "省市场监管局", "省长白山管委会"],
      "20": ["省发展改革委", "省交通运输厅", "省水利厅", "省数据局"],
      "450": ["省发展改革委", "省交通运输厅", "省水利厅", "省数据局"]})


# N: a news report of a province's task division: items numbered with the small full stop (1﹒), each with
# its 牵头责任单位 and 协同责任单位 lines; a customs office and a central-bank branch among the units.
_layout("n_news_task_division", """江西网赣江新闻讯据江西省人民政府网消息，近日，江西省人民政府印发年度重点工作及责任分解的通知。
一、确保完成全年主要预期目标
1﹒全省生产总值增长5.5%左右，在实际工作中力争更好结果。
牵头负责领导：张某。
牵头责任单位：省发展改革委。
协同责任单位：省政府各部门、各直属机构。
2﹒进出口总额增长4%左右。
牵头负责领导：李某。
牵头责任单位：省商务厅。
协同责任单位：省财政厅、南昌海关、人行南昌中心支行等。
""", {"5.5": ["省发展改革委", "省政府各部门"], "4": ["省商务厅", "省财政厅", "南昌海关", "人行南昌中心支行"]})


def assert_units_lead_first(tmp_path, layout: str, text: str, expected: dict[str, list[str]]) -> None:
    """Each value of ``text`` is owned by the units ``expected`` names for it, the lead first."""
    path = tmp_path / f"{layout}.txt"
    path.write_text(text, encoding="utf-8")
    targets = read_corpus([path]).targets
    for value, units in expected.items():
        found = [[o.surface for o in t.owners] for t in targets if t.value == value]
        assert units in found, f"{layout}: {value} owned by {found}, expected {units}"
        owned = next(t for t in targets if t.value == value and [o.surface for o in t.owners] == units)
        assert owned.owner_source == "explicit" and owned.owners[0].role == "lead"
        assert all(o.role == "support" for o in owned.owners[1:])


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_value_gets_the_units_its_layout_names_lead_first(tmp_path, layout):
    assert_units_lead_first(tmp_path, layout, *LAYOUTS[layout])



def test_a_merged_lead_cell_of_an_html_table_owns_every_row_it_spans(tmp_path):
    path = tmp_path / "tasks.html"
    path.write_text(
        "<html><body><p>某区2024年科技创新目标任务分解表</p><table>"
        "<tr><td>序号</td><td>目标任务</td><td>牵头单位</td><td>配合单位</td></tr>"
        "<tr><td>1</td><td>技术合同成交额达到9亿元</td><td rowspan='2'>区科技局</td><td>区商务局</td></tr>"
        "<tr><td>2</td><td>新建众创空间4家</td><td>区人社局</td></tr>"
        "<tr><td>3</td><td>研发投入强度达到3.1%</td><td>区统计局</td><td></td></tr>"
        "</table></body></html>", encoding="utf-8")
    owners = {t.value: [(o.surface, o.role) for o in t.owners] for t in read_corpus([path]).targets}
    assert owners[9] == [("区科技局", "lead"), ("区商务局", "support")]
    assert owners[4] == [("区科技局", "lead"), ("区人社局", "support")]
    assert owners[3.1] == [("区统计局", "lead")]  # an empty support cell is not carried down from two rows up


def test_a_merged_lead_cell_of_a_docx_table_owns_every_row_it_spans(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("某县2024年科技工作任务分工表")
    table = document.add_table(rows=4, cols=4)
    for r, cells in enumerate([["序号", "工作任务", "牵头单位", "配合单位"],
                               ["1", "新增科技型中小企业80家", "县科技局", "县工信局"],
                               ["2", "新建星创天地3家", "", "县农业农村局"],
                               ["3", "技术合同登记额达到2亿元", "县商务局", "县科技局"]]):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(1, 2).text = "县科技局"
    path = tmp_path / "tasks.docx"
    document.save(path)
    owners = {t.value: [o.surface for o in t.owners] for t in read_corpus([path]).targets}
    assert owners[80] == ["县科技局", "县工信局"]
    assert owners[3] == ["县科技局", "县农业农村局"]
    assert owners[2] == ["县商务局", "县科技局"]
