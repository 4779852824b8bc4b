"""Patterns seen on every page of the genre, in sentences and small documents written for the tests.

Each test names the pattern it covers (issue: real plans from anywhere in China). No sentence
here is copied from a real document.
"""
from __future__ import annotations

import pytest

from plankg.ingest import read_corpus
from plankg.ingest.facts import ClauseContext, find_facts

PLAN_2025 = ClauseContext("plan", 2025, None, today=2025)
REPORT_2023 = ClauseContext("report", 2023, None, today=2023)
PLAN_FROM_2024 = ClauseContext("plan", None, (2024, 2027), today=2024)


def _by_value(facts, value):
    return next(f for f in facts if f.value == value)


# --- statement-level kind ---------------------------------------------------------------------

def test_past_result_inside_a_plan_is_an_achievement():
    facts = find_facts("2020年全市技术合同成交额达到80亿元，到2025年突破150亿元。", PLAN_FROM_2024)
    assert (_by_value(facts, 80).kind, _by_value(facts, 80).year) == ("achievement", 2020)
    assert (_by_value(facts, 150).kind, _by_value(facts, 150).year) == ("target", 2025)


def test_goal_cues_inside_a_summary_are_targets():
    facts = find_facts("明年力争新认定高新技术企业60家，确保研发投入增长10%以上。", REPORT_2023)
    assert [(f.kind, f.year) for f in facts] == [("target", 2024), ("target", 2024)]


def test_year_on_year_growth_and_completion_rate_are_results():
    facts = find_facts("上半年技术交易额达到6.5亿元，同比增长21%，完成全年任务的65%。", REPORT_2023)
    assert all(f.kind == "achievement" and f.year == 2023 for f in facts)
    assert _by_value(facts, 65).measure == "completion"
    assert _by_value(facts, 21).growth


def test_status_as_of_a_date_is_an_achievement_with_the_same_tense_after_it():
    ctx = ClauseContext("plan", None, None)
    facts = find_facts("截至2022年底，全市有效发明专利达到3100件，较2020年末增加900件。", ctx)
    assert [(f.value, f.kind, f.year) for f in facts] == [(3100, "achievement", 2022), (900, "achievement", 2022)]


# --- years --------------------------------------------------------------------------------------

def test_baseline_year_is_not_the_targets_year():
    facts = find_facts("在2022年的基础上，规上企业研发费用年均增长15%。", PLAN_FROM_2024)
    assert facts[0].year != 2022


def test_last_year_and_this_year_count_from_the_documents_own_year():
    ctx = ClauseContext("plan", None, None, today=2019)
    facts = find_facts("去年新增省级孵化器4家。", ctx) + find_facts("今年将新增省级孵化器6家。", ctx)
    assert [(f.value, f.kind, f.year) for f in facts] == [(4, "achievement", 2018), (6, "target", 2019)]


def test_goal_list_year_holds_for_its_bullets(tmp_path):
    doc = tmp_path / "goals.txt"
    doc.write_text(
        "绵竹市科技创新三年行动计划（2024—2026年）\n"
        "一、主要目标\n"
        "到2026年，全市创新能力明显提升：\n"
        "——全社会研发经费投入强度达到2.4%；\n"
        "——高新技术企业数量达到150家；\n"
        "二、重点任务\n"
        "（一）做强企业主体。每年新增科技型中小企业40家。\n",
        encoding="utf-8",
    )
    facts = read_corpus([doc]).targets
    assert {(f.value, f.year) for f in facts if f.value in (2.4, 150)} == {(2.4, 2026), (150, 2026)}
    assert all(f.kind == "target" for f in facts)


def test_paragraph_year_lead_holds_for_the_paragraph(tmp_path):
    doc = tmp_path / "news.txt"
    doc.write_text(
        "天门市科技工作亮点纷呈\n发布时间：2024-03-02\n"
        "2023年，天门市技术合同成交额达到30亿元；全年新增省级研发平台8家，总数达到41家。\n"
        "今年，天门市将力争新增高新技术企业50家。\n",
        encoding="utf-8",
    )
    corpus = read_corpus([doc])
    facts = {f.value: f for f in corpus.targets}
    assert [(facts[v].kind, facts[v].year) for v in (30, 8, 41)] == [("achievement", 2023)] * 3
    assert (facts[50].kind, facts[50].year) == ("target", 2024)
    assert corpus.documents[0].region == "天门市"


# --- sentence patterns --------------------------------------------------------------------------

def test_index_without_unit_and_thousands_separator():
    facts = find_facts("区域创新能力指数达到150以上，技术合同登记额3,963.1万元。", PLAN_2025)
    assert (_by_value(facts, 150).unit, _by_value(facts, 150).comparator) == (None, ">=")
    assert _by_value(facts, 3963.1).unit == "万元"


def test_counts_of_a_class_of_clusters():
    facts = find_facts("到2025年，培育形成3个千亿级产业集群和5个五百亿级产业集群。", PLAN_2025)
    assert {f.value for f in facts} == {3, 5}


def test_trillion_yuan_scale():
    facts = find_facts("到2025年，数字经济核心产业营业收入达到2.3万亿元。", PLAN_2025)
    # Money stays in 亿元 (the unit the genre reports in): 2.3万亿元 = 23000亿元.
    assert (facts[0].value, facts[0].unit, facts[0].kind) == (23000, "亿元", "target")


# --- layout -----------------------------------------------------------------------------------

def test_hard_wrapped_summary_reads_as_sentences_with_offsets_into_the_original(tmp_path):
    text = ("平凉市科技局2023年工作总结\n\n一、2023年工作成效\n"
            "2023年，全市全社会研发经费投入总量\n达到4.2亿元，同比增长12.5%，高新技术\n"
            "企业总数达到86家，省级科技型中小企业\n新增120家，技术合同成交额突破9亿元，\n"
            "万人发明专利拥有量达到6.3件。\n")
    path = tmp_path / "wrapped.txt"
    path.write_text(text, encoding="utf-8")
    corpus = read_corpus([path])
    facts = {f.value: f for f in corpus.targets}
    assert "研发经费" in facts[4.2].indicator and "高新技术企业" in facts[86].indicator
    assert text[facts[4.2].start : facts[4.2].end].startswith("4.2亿元")
    assert corpus.documents[0].region == "平凉市"


def test_space_separated_task_table_starting_at_row_33(tmp_path):
    text = ("海东市科技局2024年重点工作任务分解表\n"
            "序号 工作任务 牵头单位 配合单位 完成时限\n"
            "33 新认定高新技术企业15家以上 高新科 市财政局 2024年12月\n"
            "34 技术合同成交额达到5亿元 成果转化科 市统计局 2024年底\n")
    path = tmp_path / "tasks.txt"
    path.write_text(text, encoding="utf-8")
    corpus = read_corpus([path])
    facts = {f.value: f for f in corpus.targets}
    assert facts[15].kind == "target" and facts[15].year == 2024
    roles = {(o.surface, o.role) for o in facts[15].owners}
    assert ("高新科", "lead") in roles and ("市财政局", "support") in roles
    assert corpus.documents[0].doc_type == "responsibility_table"


def test_one_cell_per_line_table_with_responsible_people(tmp_path):
    text = ("固原县科技局2022年重点工作清单\n\n任务名称\n工作目标\n完成时限\n责任人\n工作措施\n"
            "加强知识产权创造\n年内，新增发明专利授权40件\n年底前\n马立新\n杨  帆\n完善资助政策。\n")
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    facts = read_corpus([path]).targets
    fact = next(f for f in facts if f.value == 40)
    assert {o.name for o in fact.owners} == {"马立新", "杨帆"} and fact.owner_source == "explicit"


@pytest.mark.parametrize("title,doc_type", [
    ("淮北市科技局2023年工作要点", "work_plan"),
    ("朔州市科技局2022年工作总结及2023年工作计划", "summary_plan"),
    ("某区科技局2023年上半年工作总结", "half_year_summary"),
    ("区科技局局长2022年度述职报告", "duty_report"),
    ("关于加快科技创新的实施方案", "implementation_plan"),
    ("科技创新三年行动计划（2023-2025年）", "action_plan"),
    ("“十四五”科技创新规划", "development_plan"),
    ("2021年重点工作任务分解表", "responsibility_table"),
    ("研发费用加计扣除政策问答", "policy_qa"),
])
def test_document_types_of_the_genre(title, doc_type):
    from plankg.ingest.metadata import detect_doc_type

    assert detect_doc_type(title) == doc_type


def test_cited_plan_in_quotes_is_not_the_title_and_issuer_places_the_document(tmp_path):
    text = ("2023年全州科技工作会议召开\n"
            "3月2日，全州科技工作会议召开，总结2022年工作，部署2023年工作。州科技局局长作报告。"
            "会议印发了《湘西州“十四五”科技创新规划》。与长沙市科技局签订合作协议。"
            "2022年，全州新认定高新技术企业45家。\n")
    path = tmp_path / "meeting.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_corpus([path]).documents[0]
    assert doc.title == "2023年全州科技工作会议召开"
    assert doc.region == "湘西土家族苗族自治州" and doc.reported_years == (2022,) and doc.years == (2023,)


def test_a_county_summary_naming_its_partner_city_more_is_still_the_countys(tmp_path):
    text = ("舒城县科技局2023年工作总结\n"
            "一年来，我局积极对接合肥市科技局，与合肥市高校合作，引进合肥市项目12个，"
            "合肥市专家服务企业30次。\n")
    path = tmp_path / "county.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_corpus([path]).documents[0]
    assert (doc.region, doc.parent_region) == ("舒城县", "六安市")


def test_region_written_as_xx_stays_unknown(tmp_path):
    path = tmp_path / "hidden.txt"
    path.write_text("XX县科技局2023年工作总结\n2023年，全县新增高新技术企业12家。\n", encoding="utf-8")
    assert read_corpus([path]).documents[0].region is None


@pytest.mark.parametrize("sentence,expected", [
    ("新增高新技术企业20家（区科技局牵头，区财政局配合）。", [("路桥区科技局", "lead"), ("路桥区财政局", "support")]),
    ("技术合同成交额达到10亿元，由区发改局负责。", [("路桥区发改局", "lead")]),
    ("新增孵化器2家（责任单位：区科技局）", [("路桥区科技局", "lead")]),
    ("由区科技局牵头负责，区财政局、区税务局配合。",
     [("路桥区科技局", "lead"), ("路桥区财政局", "support"), ("路桥区税务局", "support")]),
    ("加强企业培育，负责全区科技企业认定工作。", []),
])
def test_owner_phrases_in_running_text(sentence, expected):
    from plankg.ingest.owners import owners_in_text
    from plankg.ingest.records import Document

    district = Document(id="d", path="p", source_name="p", part=0, title="t", issuer="路桥区科技局", region="路桥区",
                        region_level="district", parent_region="台州市", doc_type="work_plan", years=(2023,),
                        reported_years=(), published=None, text="", repairs=(), placeholders=(), file_start=0)
    assert [(o.name, o.role) for o in owners_in_text(sentence, district)] == expected


def test_values_paired_in_order_with_the_list_of_indicators():
    facts = find_facts("国家高新技术企业和科技型中小企业数量分别达到120家和860家。", PLAN_2025)
    assert [(f.value, f.indicator) for f in facts] == [(120, "国家高新技术企业数量"), (860, "科技型中小企业数量")]
    facts = find_facts("规上工业增加值、高新技术产业增加值分别增长12.5%、8.3%。", PLAN_2025)
    assert [(f.value, f.indicator, f.growth) for f in facts] == [(12.5, "规上工业增加值", True),
                                                                  (8.3, "高新技术产业增加值", True)]


def test_from_baseline_to_target():
    facts = find_facts("全社会研发经费投入强度从2020年的2.1%提高到2.6%。", PLAN_2025)
    base, goal = facts
    assert (base.value, base.kind, base.year, base.indicator) == (2.1, "achievement", 2020, "全社会研发经费投入强度")
    assert (goal.value, goal.kind, goal.year, goal.baseline) == (2.6, "target", 2025, 2.1)


def test_relative_goals_are_multiples_of_the_baseline():
    facts = find_facts("到2025年，全市高新技术企业数量实现翻一番。", PLAN_2025)
    assert [(f.value, f.unit, f.measure, f.indicator) for f in facts] == [(2, "倍", "multiple", "高新技术企业数量")]
    facts = find_facts("力争实现高新技术企业和研发投入双倍增。", PLAN_2025)
    assert {f.indicator for f in facts} == {"高新技术企业", "研发投入"}
    assert find_facts("深入实施科技企业“双倍增”行动。", PLAN_2025) == []


def test_rank_goal_and_computing_power():
    rank = find_facts("高新区综合排名进入全省前3。", PLAN_2025)[0]
    assert (rank.value, rank.measure, rank.indicator) == (3, "rank", "高新区综合排名")
    power = find_facts("新建智能算力中心，算力规模达到500P。", PLAN_2025)[0]
    assert (power.value, power.unit) == (500, "P")
    assert find_facts("应用下载量3P。", PLAN_2025) == []


def test_indicator_is_the_whole_noun_phrase():
    fact = find_facts("全市高新技术企业营业收入突破1000亿元。", PLAN_2025)[0]
    assert fact.indicator == "高新技术企业营业收入"


def test_duty_report_reports_on_its_year():
    from plankg.ingest.metadata import detect_metadata

    meta = detect_metadata("区科技局局长2022年度述职报告\n一年来，全局新增高新技术企业20家。\n")
    assert (meta.doc_type, meta.reported_years) == ("duty_report", (2022,))


def test_html_task_table_gives_lead_and_supporting_units(tmp_path):
    path = tmp_path / "tasks.html"
    path.write_text(
        "<html><body><h1>大理州科技局2024年重点工作任务分解表</h1><table>"
        "<tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>"
        "<tr><td>1</td><td>新认定高新技术企业30家以上</td><td>高新科</td><td>州财政局</td><td>2024年12月</td></tr>"
        "<tr><td>2</td><td>技术合同成交额达到12亿元</td><td>成果科</td><td>州统计局、州税务局</td><td>2024年底</td></tr>"
        "</table></body></html>", encoding="utf-8")
    corpus = read_corpus([path])
    facts = {f.value: f for f in corpus.targets}
    assert [(o.surface, o.role) for o in facts[12].owners] == [("成果科", "lead"), ("州统计局", "support"),
                                                               ("州税务局", "support")]
    assert facts[30].owners[0].kind == "division" and facts[30].year == 2024
    assert corpus.documents[0].region == "大理白族自治州"


def test_a_year_stated_in_one_part_of_a_sentence_holds_for_the_next(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("鹤壁市明确2023年科技工作目标\n日期：2023-03-01\n"
                    "去年，全市科技型中小企业入库860家；新增省级工程技术研究中心12家。"
                    "今年，全市将力争新增高新技术企业40家。\n", encoding="utf-8")
    facts = {f.value: f for f in read_corpus([path]).targets}
    assert [(facts[v].kind, facts[v].year) for v in (860, 12)] == [("achievement", 2022)] * 2
    assert (facts[40].kind, facts[40].year) == ("target", 2023)


def test_an_estimate_in_a_year_end_summary_is_the_years_result():
    facts = find_facts("全年预计新增高新技术企业95家，总数达到610家。", REPORT_2023)
    assert [(f.value, f.kind, f.year) for f in facts] == [(95, "achievement", 2023), (610, "achievement", 2023)]


def test_a_bulletin_of_the_first_months_reports_on_its_publication_year(tmp_path):
    path = tmp_path / "bulletin.txt"
    path.write_text("首页 > 数据统计 > 通报\n全市1-6月份科技型企业评价情况通报\n来源：市科技局 发布时间：2024-07-05\n"
                    "1-6月份，全市1520家企业通过科技型中小企业评价入库，同比增长12%。\n", encoding="utf-8")
    corpus = read_corpus([path])
    doc = corpus.documents[0]
    assert doc.title == "全市1-6月份科技型企业评价情况通报" and doc.reported_years == (2024,)
    assert {(f.value, f.kind, f.year) for f in corpus.targets} == {(1520, "achievement", 2024), (12, "achievement", 2024)}


def test_a_progress_table_with_skipped_row_numbers_and_a_lead_official(tmp_path):
    path = tmp_path / "progress.txt"
    path.write_text("县科学技术局落实2024年重点工作进展情况表\n\n序号\n具体任务\n进展情况\n牵头单位\n牵头领导\n"
                    "3\n确保新增高新技术企业20家\n已培育入库15家\n县科技局\n县工信局\n王建国\n"
                    "17\n新增省级研发平台4家\n已认定2家\n县科技局\n赵  敏\n", encoding="utf-8")
    facts = {f.value: f for f in read_corpus([path]).targets}
    assert (facts[20].kind, facts[20].year) == ("target", 2024)
    assert (facts[15].kind, facts[15].year) == ("achievement", 2024)
    assert [o.surface for o in facts[20].owners] == ["县科技局", "县工信局", "王建国"]
    assert [o.name for o in facts[4].owners][-1] == "赵敏"


def test_a_notice_above_its_plan_gives_the_plans_title_and_the_signing_body(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("各镇人民政府，区级各部门：\n"
                    "《丰都县科技创新三年行动方案(2024-2026年)》已经县政府常务会议审议通过，现印发给你们，请认真贯彻落实。\n"
                    "丰都县人民政府\n2024年3月8日\n"
                    "丰都县科技创新三年行动方案(2024-2026年)\n一、主要目标\n"
                    "到2026年，全县研发经费投入强度达到1.8%，科技创新综合评价位次跃居全市前10位。\n", encoding="utf-8")
    corpus = read_corpus([path])
    doc = corpus.documents[0]
    assert doc.title == "丰都县科技创新三年行动方案(2024-2026年)" and doc.doc_type == "action_plan"
    assert (doc.issuer, doc.region, doc.years) == ("丰都县人民政府", "丰都县", (2024, 2025, 2026))
    rank = next(f for f in corpus.targets if f.value == 10)
    assert rank.measure == "rank" and "位次" in rank.indicator and rank.year == 2026


def test_a_numbered_heading_near_the_top_opens_its_section(tmp_path):
    path = tmp_path / "summary_plan.txt"
    path.write_text("长兴县科技局2023年工作总结和2024年工作计划\n一、2023年工作总结\n"
                    "2023年，全县新增高新技术企业45家。\n二、2024年工作计划\n"
                    "（一）培育创新主体。新增高新技术企业50家。\n", encoding="utf-8")
    facts = {f.value: f for f in read_corpus([path]).targets}
    assert (facts[45].kind, facts[45].year) == ("achievement", 2023)
    assert (facts[50].kind, facts[50].year) == ("target", 2024)


def test_a_count_of_measures_is_named_by_the_word_after_it():
    facts = find_facts("围绕六个方面研究提出了18项培育措施。", PLAN_2025)
    assert [f.value for f in facts] == [18] and facts[0].indicator.endswith("措施")
    assert "提出" not in facts[0].indicator
    facts = find_facts("18项措施推动高新技术企业培育", PLAN_2025)
    assert facts[0].indicator == "措施"


def test_a_share_is_never_matched_to_a_count_concept():
    from plankg.ontology.indicators import load_scheme

    scheme = load_scheme()
    count = scheme.match("高新技术企业数")
    assert count is not None
    assert scheme.match("高新区内高新技术企业数量占全部工业企业数量比重") is not count


def test_a_status_date_is_not_a_goal_and_holds_only_for_its_sentence(tmp_path):
    path = tmp_path / "status.txt"
    path.write_text("青禾县科技局2023年上半年科技工作推进情况\n发布日期：2023-07-20\n"
                    "截至2022年底，全县高新技术企业达到85家。上半年，全县科技型中小企业评价入库260家。\n", encoding="utf-8")
    corpus = read_corpus([path])
    facts = {f.value: f for f in corpus.targets}
    assert (facts[85].kind, facts[85].year) == ("achievement", 2022)
    assert (facts[260].kind, facts[260].year) == ("achievement", 2023)
    # A place the gazetteer does not know keeps its written name and no region.
    assert (corpus.documents[0].issuer, corpus.documents[0].region) == ("青禾县科技局", None)


def test_a_subject_with_its_predicate_before_the_values_names_them():
    facts = find_facts("高新技术企业数量再创新高，净增529家，达1911家。", REPORT_2023)
    assert [(f.value, f.indicator, f.measure) for f in facts] == [
        (529, "高新技术企业数量", "increment"), (1911, "高新技术企业数量", "level")]


def test_a_functional_zone_is_the_documents_place_inside_its_city(tmp_path):
    path = tmp_path / "zone.txt"
    path.write_text("2022年度滁州高新区重点工作任务分解表\n发布时间：2022-04-01\n"
                    "序号 重点工作 责任部门 完成期限\n1 新认定高新技术企业15家以上 科技局 2022年底\n", encoding="utf-8")
    doc = read_corpus([path]).documents[0]
    assert (doc.region, doc.region_level, doc.parent_region, doc.issuer) == ("滁州高新区", "zone", "滁州市", "滁州高新区")
