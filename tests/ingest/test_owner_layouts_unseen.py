"""Owners in layouts of the genre no evaluation set had when the reader was written.

Each case is a small document composed for the test (its own places and numbers): the owner reader
must find the units by the structure of the text (a field label, a lead word and its verb, a header
row and the column each cell stands in, a paragraph's closing block), not by a phrase of one plan.
Expected units are lead first, as the document writes them.
"""
from __future__ import annotations

import pytest

from plankg.ingest import read_corpus
from plankg.ingest.layout import page_break_lines, page_number_marks
from tests.ingest.test_owner_layouts import assert_units_lead_first

LAYOUTS: dict[str, tuple[str, dict[float, list[str]]]] = {}


def _layout(name: str, text: str, owners: dict[str, list[str]]) -> None:
    LAYOUTS[name] = (text, {float(v): units for v, units in owners.items()})

# 1 closing bracket, lead word then a verb: （X牵头落实） / （X牵头组织实施） / （X负责落实，Y配合）
_layout("n01_lead_then_verb", """某市人民政府关于印发2022年市政府重点工作任务分解意见的通知
一、稳增长
  1.新开工亿元以上产业项目65个，力争完成投资420亿元以上。(市发改委牵头落实)
  2.规模以上工业增加值增长9%左右。(市工信局、市统计局牵头落实)
  3.高新技术企业总数达到310家。(市科技局牵头组织实施，市财政局配合)
  4.技术合同成交额达到28亿元。(市科技局负责落实)
""", {"65": ["市发改委"], "420": ["市发改委"], "9": ["市工信局", "市统计局"], "310": ["市科技局", "市财政局"], "28": ["市科技局"]})

# 2 the owners open the sentence: 由X牵头，Y配合，… / X牵头，…
_layout("n02_owner_first_in_sentence", """某区2024年科技创新工作要点
1．由区科技局牵头，区财政局、区统计局配合，全社会研发经费投入强度达到2.9%。
2．区工信局牵头，新增专精特新企业22家。
3．由区市场监管局负责，有效发明专利拥有量达到820件。
""", {"2.9": ["区科技局", "区财政局", "区统计局"], "22": ["区工信局"], "820": ["区市场监管局"]})

# 3 header flattened into one line (spaces), cells one per line, owner column in the middle, deadline last
_layout("n03_flat_header_cells", """某县2023年科技工作目标任务分解表
序号 工作任务 牵头单位 配合单位 完成时限
1
新增省级科技型中小企业60家
县科技局
县工信局
2023年12月
2
建成县级以上孵化载体3个
县科技局
县人社局、县财政局
2023年10月
""", {"60": ["县科技局", "县工信局"], "3": ["县科技局", "县人社局", "县财政局"]})

# 4 tab rows, owner column before the target, year column last
_layout("n04_tabs_owner_middle", "某市2024年度创新指标分解表\n序号\t指标名称\t责任单位\t2024年目标值\t备注\n"
        "1\t研发经费投入强度\t市科技局、市统计局\t3.3%\t\n2\t高新技术产业增加值占比\t市发改委\t48%\t\n"
        "3\t技术合同成交额\t市科技局\t52亿元\t含技术服务\n",
        {"3.3": ["市科技局", "市统计局"], "48": ["市发改委"], "52": ["市科技局"]})

# 5 | rows with 实施主体 / 参与单位, owner column first
_layout("n05_bar_implementer_first", """某区2023年创新平台建设任务表
| 实施主体 | 参与单位 | 建设任务 | 目标 |
| 区科技局 | 区教育局 | 新建院士专家工作站 | 4个 |
| 区经信局 | 区科技局、区财政局 | 认定企业技术中心 | 15家 |
""", {"4": ["区科技局", "区教育局"], "15": ["区经信局", "区科技局", "区财政局"]})

# 6 labels in square-bracket heads: 【牵头单位】X 【配合单位】Y on the line after the goal
_layout("n06_bracket_labels_next_line", """某市2024年科技创新重点任务清单
一、高新技术企业数量达到860家。
【牵头单位】市科技局 【配合单位】市税务局、市财政局
二、新建市级重点实验室12家。
【牵头单位】市科技局
""", {"860": ["市科技局", "市税务局", "市财政局"], "12": ["市科技局"]})

# 7 owner list split by a page break inside the bracket
_layout("n07_page_break_inside_owners", """某县2023年政府工作报告重点任务分解方案
1.全县规上工业总产值增长12%。（牵头单位：县工信局；配合单位：县发改局、县
- 3 -
统计局）
2.新增高新技术企业8家。（牵头单位：县科技局）
""", {"12": ["县工信局", "县发改局", "县统计局"], "8": ["县科技局"]})

# 8 owners with a two-level header: 责任单位 over 牵头 / 配合, markdown
_layout("n08_markdown_two_level_header", """某市2024年创新驱动发展任务分解表
| 序号 | 目标任务 | 牵头 | 配合 |
|---|---|---|---|
| 1 | 省级工程技术研究中心新增10家 | 市科技局 | 市工信局 |
| 2 | 科技型中小企业评价入库1200家 | 市科技局 | 各县区 |
""", {"10": ["市科技局", "市工信局"], "1200": ["市科技局", "各县区"]})

# 9 责任单位：X、Y at the end of a sentence (no bracket)
_layout("n09_owner_field_end_of_sentence", """某县2024年重点工作安排
1.实现科技成果转化项目15项，责任单位：县科技局、县农业农村局。
2.培育创新型中小企业25家，牵头单位：县工信局，配合单位：县科技局。
""", {"15": ["县科技局", "县农业农村局"], "25": ["县工信局", "县科技局"]})

# 10 由X负责 after the goal, no bracket
_layout("n10_by_x_after_goal", """某区关于2023年度重点工作的安排意见
（一）新增规上工业企业18家，由区经信局负责。
（二）引进高层次人才团队6个，由区委组织部、区科技局共同负责。
""", {"18": ["区经信局"], "6": ["区委组织部", "区科技局"]})

# 11 heading owner block over items (heading line, owner line, items)
_layout("n11_heading_owner_line", """某市2025年科技工作要点
一、强化企业创新主体地位
牵头单位：市科技局；配合单位：市工信局
1.国家高新技术企业达到1500家。
2.规上工业企业研发活动覆盖率达到50%。
二、提升成果转化效能
责任单位：市科技局、市商务局
3.技术合同成交额突破90亿元。
""", {"1500": ["市科技局", "市工信局"], "50": ["市科技局", "市工信局"], "90": ["市科技局", "市商务局"]})

# 12 region-level owners among named units: 各区县政府 is a kind of body, the named unit leads
_layout("n12_region_level_owners", """某市2024年科技创新目标任务分解方案
1.新增科技型中小企业900家。（牵头单位：市科技局；责任单位：各区县人民政府）
2.新建众创空间8家。（责任单位：各区县政府、市科技局）
""", {"900": ["市科技局"], "8": ["市科技局"]})

# 14 space-separated rows, lead and support columns, several units with 、
_layout("n14_space_rows_lead_support", """某县2024年度目标任务分解表
序号 任务内容 牵头单位 配合单位
1 新增规上工业企业12家 县工信局 县统计局、县税务局
2 新建科技企业孵化器2家 县科技局 县财政局
""", {"12": ["县工信局", "县统计局", "县税务局"], "2": ["县科技局", "县财政局"]})

# 15 a table row whose owner is on the next line after the row (PDF wrap): 1 指标 目标\n 市X局
_layout("n15_owner_paren_next_line", """某市2023年政府工作报告目标任务分解
1.全市研发经费投入增长12%以上。
（市科技局牵头，市统计局配合）
2.新增上市企业3家。
（市金融办负责）
""", {"12": ["市科技局", "市统计局"], "3": ["市金融办"]})

# 16 负责单位 / 协作单位 fields in one bracket with commas
_layout("n16_fields_commas", """某区2024年科技创新工作任务
1.新培育瞪羚企业9家（负责单位：区科技局，协作单位：区工信局、区发改局）。
""", {"9": ["区科技局", "区工信局", "区发改局"]})

# 17 a paragraph of goals (no item number) closed by one owner block that owns all of them
_layout("n17_paragraph_closing_block", """某区创新驱动发展三年行动方案（2024—2026年）
二、主要目标
创新投入持续加大。到2026年，全社会研发经费投入强度达到2.7%；规上工业企业研发机构达到180家。（牵头单位：区科技局；责任单位：区工信局）
创新主体不断壮大。到2026年，高新技术企业达到420家。（牵头单位：区科技局）
""", {"2.7": ["区科技局", "区工信局"], "180": ["区科技局", "区工信局"], "420": ["区科技局"]})

# 18 a one-line page: items and their owner fields run together, a note after the first unit
_layout("n18_one_line_fields_with_note", "某县2023年政府工作报告重点工作责任分解 一、县长牵头事项 1.全县地区生产总值增长6.8%左右;规上工业增加值增长8.5%。 责任单位:县发改局(排在首位的为牵头单位,下同)、县经信局、县统计局 2.新增高新技术企业30家。 责任单位:县科技局 二、副县长牵头重点工作 1.研发投入强度达到2.6%。 责任单位:县科技局、县统计局\n",
        {"6.8": ["县发改局", "县经信局", "县统计局"], "8.5": ["县发改局", "县经信局", "县统计局"], "30": ["县科技局"], "2.6": ["县科技局", "县统计局"]})

# 19 a division by unit: each heading names only the body that owns the items under it
_layout("n19_heading_is_the_unit", """某县2024年度科技创新目标责任分解
一、县科技局
1.新增高新技术企业12家。
2.技术合同成交额达到3亿元。
二、县工信局
1.新增省级专精特新企业6家。
""", {"12": ["县科技局"], "3": ["县科技局"], "6": ["县工信局"]})

# 20 each line led by its units and a colon, its goals after
_layout("n20_units_lead_the_line", """某区2024年科技创新目标任务分解
区科技局：新增科技型中小企业150家；技术合同成交额达到9亿元。
区市场监管局、区科技局：新增商标注册量达到1300件。
""", {"150": ["区科技局"], "9": ["区科技局"], "1300": ["区市场监管局", "区科技局"]})

# 21 space-separated rows numbered （一）（二）, the owner cell's units apart by a space
_layout("n21_space_rows_bracket_numbers", """某市2024年重点工作任务分解表
序号 工作任务 责任单位
（一） 新增国家高新技术企业90家 市科技局 市税务局
（二） 新建省级重点实验室2家 市科技局
""", {"90": ["市科技局", "市税务局"], "2": ["市科技局"]})

# 22 one cell per line, the owner column before the indicator and its value
_layout("n3_p01_cells_owner_before_value", """某区2024年科技创新指标分解表
序号
责任单位
指标名称
2024年目标
1
区科技局
高新技术企业数
260家
2
区统计局、区科技局
研发经费投入强度
3.4%
""", {"260": ["区科技局"], "3.4": ["区统计局", "区科技局"]})

# 23 one owner cell holding its own role labels (牵头：X；配合：Y)
_layout("n3_p02_role_words_in_one_cell", """某市2024年科技工作任务分解表
序号\t工作任务\t责任单位
1\t新增省级新型研发机构5家\t牵头：市科技局；配合：市发改委、市财政局
2\t技术合同登记额达到60亿元\t牵头：市科技局
""", {"5": ["市科技局", "市发改委", "市财政局"], "60": ["市科技局"]})

# 24 bracketed duty phrases closing numbered items (按职责分工负责, X牵头，Y配合)
_layout("n3_p07_items_by_duty", """某市关于推动科技成果转化的若干措施
（1）新建中试基地3个（市科技局、市工信局按职责分工负责）。
（2）培育技术经纪人200名（市科技局牵头，市人社局配合）。
""", {"3": ["市科技局", "市工信局"], "200": ["市科技局", "市人社局"]})

# 25 field lines under an item with long labels (主要责任单位 / 协同配合单位), no stop between them
_layout("n3_p08_main_and_cooperating", """某区2023年重点工作任务分解
1.新增规上企业研发机构35家。
主要责任单位：区科技局
协同配合单位：区经信局、区发改局
2.新认定瞪羚企业7家。
主要责任单位：区科技局
""", {"35": ["区科技局", "区经信局", "区发改局"], "7": ["区科技局"]})

# 26 the lead marked with a black star, before or after other units
_layout("n3_p09_black_star_lead", """某县2024年科技目标任务分解表
序号 目标任务 责任单位
1 新增高新技术企业16家 ★县科技局、县税务局
2 建成县级工程技术研究中心4家 县工信局、★县科技局
""", {"16": ["县科技局", "县税务局"], "4": ["县科技局", "县工信局"]})

# 27 an owner line that goes on with a deadline field
_layout("n3_p10_owner_and_deadline_line", """某市2024年科技创新工作要点
1.新增科技型中小企业1100家。
责任单位：市科技局；完成时限：2024年12月
2.新建概念验证中心2家。
责任单位：市科技局、市教育局；完成时限：2024年10月
""", {"1100": ["市科技局"], "2": ["市科技局", "市教育局"]})

# 28 具体由X负责落实 closing the sentence of the goal
_layout("n3_p12_specifically_by", """某县2024年科技工作意见
全年力争新增创新型中小企业50家，具体由县科技局负责落实。
""", {"50": ["县科技局"]})

# 29 一是…二是… goals in one paragraph, each closed by its units in brackets
_layout("n3_p13_yishi_items_brackets", """某区2024年科技工作安排
今年重点抓好以下工作：一是新增高新技术企业40家（区科技局）；二是新增规上工业企业15家（区经信局、区统计局）。
""", {"40": ["区科技局"], "15": ["区经信局", "区统计局"]})

# 30 one cell per line with a leader column before the unit column (people are not owners)
_layout("n3_p14_people_and_units_cells", """某县2024年重点工作任务分解表
序号
工作任务
责任领导
责任单位
1
新增科技型中小企业60家
王某某
县科技局
2
新建孵化器1家
李某
县科技局、县人社局
""", {"60": ["县科技局"], "1": ["县科技局", "县人社局"]})
# 31 one cell per line with no row number and a column of measures (单位) between the name and the value
_layout("n31_cells_measure_column_no_number", """某区2024年科技创新指标任务表
指标
单位
目标值
责任单位
全社会研发投入
亿元
14.5
区科技局
每万人有效发明专利
件
21
区市场监管局
高新技术企业
家
310
区科技局、区税务局
""", {"14.5": ["区科技局"], "21": ["区市场监管局"], "310": ["区科技局", "区税务局"]})


def test_a_measure_column_gives_the_value_its_unit(tmp_path):
    path = tmp_path / "measures.txt"
    path.write_text(LAYOUTS["n31_cells_measure_column_no_number"][0], encoding="utf-8")
    units = {t.value: t.unit for t in read_corpus([path]).targets}
    assert units == {14.5: "亿元", 21: "件", 310: "家"}
# 32 a bar table whose owner cell keeps its line break as <br>, header 负责部门
_layout("n3_q03_bar_cell_br", """某区2024年科技创新任务分工表
| 序号 | 工作任务 | 负责部门 |
| --- | --- | --- |
| 1 | 新增科技型企业180家 | 区科技局<br>区财政局 |
| 2 | 建成众创空间3家 | 区人社局 |
""", {"180": ["区科技局", "区财政局"], "3": ["区人社局"]})

# 33 headings closed by an owner block in square brackets, numbered items under them
_layout("n3_q05_heading_square_owner", """某市2024年科技创新工作要点
（一）加快创新平台建设【责任单位：市科技局、市发改委】
1.新建省级重点实验室3家。
2.新建工程技术研究中心12家。
（二）壮大科技企业【责任单位：市科技局】
3.高新技术企业达到900家。
""", {"3": ["市科技局", "市发改委"], "12": ["市科技局", "市发改委"], "900": ["市科技局"]})

# 34 a tab-separated header line over cells one per line
_layout("n3_q06_tab_header_cells_per_line", "某县2024年科技目标任务表\n序号\t目标任务\t牵头单位\t配合单位\n1\n新增科技型中小企业70家\n县科技局\n县工信局\n2\n新增发明专利授权100件\n县市场监管局\n县科技局\n",
        {"70": ["县科技局", "县工信局"], "100": ["县市场监管局", "县科技局"]})

# 35 owner lists joined by 和 / 及
_layout("n3_q08_and_joined_list", """某区2024年科技工作安排
1.研发投入强度达到3%。（责任单位：区科技局、区财政局和区统计局）
2.新增专利授权800件。（责任单位：区市场监管局及区科技局）
""", {"3": ["区科技局", "区财政局", "区统计局"], "800": ["区市场监管局", "区科技局"]})

# 36 an owner list closed by 等
_layout("n3_q09_deng_closing", """某市2024年重点任务
1.新增规上工业企业120家。（责任单位：市工信局、市统计局等）
""", {"120": ["市工信局", "市统计局"]})

# 37 bare role words as labels after the goal (牵头：X；配合：Y)
_layout("n3_q10_lead_support_words_only", """某县2024年科技工作任务
1.新建科技特派员工作站6个。牵头：县科技局；配合：县农业农村局。
""", {"6": ["县科技局", "县农业农村局"]})
# 38 a closing note over the items of its section (以上任务由X牵头，Y配合), under headings with no stop
_layout("n3_r01_closing_note_for_section", """某县2024年科技创新主要目标
一、创新投入
1.全社会研发经费投入增长15%。
2.财政科技支出增长10%。
以上任务由县科技局牵头，县财政局、县统计局配合。
二、创新主体
3.新增高新技术企业20家。
以上任务由县科技局负责。
""", {"15": ["县科技局", "县财政局", "县统计局"], "10": ["县科技局", "县财政局", "县统计局"], "20": ["县科技局"]})

# 39 a lead-in line handing the items after it to its unit (X牵头负责以下工作：)
_layout("n3_r02_owner_before_items_colon", """某区2024年重点工作分工
区科技局牵头负责以下工作：
1.新增科技型中小企业90家。
2.建成孵化载体2家。
""", {"90": ["区科技局"], "2": ["区科技局"]})

@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_value_gets_the_units_its_layout_names_lead_first(tmp_path, layout):
    assert_units_lead_first(tmp_path, layout, *LAYOUTS[layout])


def test_a_row_between_bars_keeps_its_empty_cells_in_place(tmp_path):
    # Row 2 leaves its lead cell empty: the unit in the support column supports, it does not lead.
    path = tmp_path / "bars.txt"
    path.write_text("某区2024年科技任务分工表\n| 序号 | 工作任务 | 目标 | 牵头单位 | 配合单位 |\n"
                    "| 1 | 新增科技型企业 | 120家 | 区科技局 | |\n| 2 | 新建研发平台 | 6个 | | 区经信局 |\n"
                    "| 3 | 技术交易额 | 8亿元 | 区科技局 | 区商务局 |\n", encoding="utf-8")
    owners = {t.value: [(o.surface, o.role) for o in t.owners] for t in read_corpus([path]).targets}
    assert owners[120] == [("区科技局", "lead")]
    assert owners[6] == [("区经信局", "support")]
    assert owners[8] == [("区科技局", "lead"), ("区商务局", "support")]


def test_a_lead_word_inside_a_sentence_is_no_owner(tmp_path):
    # 牵头 describing what a body did (projects it led), not who owns the goal: the issuer stays the default.
    path = tmp_path / "review.txt"
    path.write_text("某区科学技术局2024年工作要点\n1.全年区科技局牵头的市级重点项目完成投资30亿元。\n", encoding="utf-8")
    targets = read_corpus([path]).targets
    assert targets and all(t.owner_source == "default" for t in targets if t.value == 30)


def test_only_a_marked_page_number_line_is_dropped():
    text = "1.新增孵化器2家。（牵头单位：县科技局、县\n- 7 -\n人社局）\n2\n新建平台\n第 8 页 共 20 页\n"
    drops, joins = page_break_lines(text)
    dropped = [text[a:b] for a, b in drops]
    assert dropped == ["- 7 -\n", "第 8 页 共 20 页\n"]  # the bare 2 is a row number
    assert [text[a:b] for a, b in joins] == ["\n- 7 -\n"]  # the cut owner list runs on; the row is whole


def test_numbered_items_under_a_heading_with_no_stop_are_no_page_numbers():
    from_page = "一、创新投入\n1.研发投入增长12%。\n2.财政科技支出增长9%。\n二、创新主体\n3.新增企业20家。\n"
    assert page_number_marks(from_page) == []
