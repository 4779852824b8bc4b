"""Answers that hold on a corpus plankg has not seen: small plans and reports written for these tests.

A city's plan for one year, its report of that year's results with the next year's goals, a
development zone's plan, and a county's table of responsibilities; questions in a researcher's words.
"""
from __future__ import annotations

import re

import pytest

from tests.qa.conftest import engine_over_texts

PLAN = """丽水市科学技术局关于印发2022年全市科技工作要点的通知
发布日期：2022-02-10
2022年全市主要预期目标：高新技术企业达到420家，研发经费投入达到28亿元，技术合同成交额达到35亿元。
一、壮大创新主体。新增科技型中小企业260家，由市科技局牵头，市经信局配合。
二、完善孵化体系。新增省级众创空间4家，新增科技企业孵化器2家，由市科技局牵头，市人力社保局配合。
三、加强研发投入。规上工业企业研发费用增长12%，由市经信局牵头，市科技局配合。
四、推动数字赋能。建成数字化示范车间15个，由市经信局牵头，市科技局配合。
"""

REPORT = """丽水市2022年科技工作总结和2023年工作思路
发布日期：2023-01-18
2022年，全市高新技术企业增至398家，研发经费投入达到26.5亿元，技术合同成交额实现37亿元。
2022年，全市通过科技型中小企业评价入库1380家。
2022年，高新区、莲都区通过科技型中小企业评价入库数分别居各板块首位，为高新区390家、莲都区210家。
2023年，全市高新技术企业力争达到480家，技术合同成交额达到42亿元。
"""

ZONE = """丽水经济开发区2023年科技创新工作计划
发布日期：2023-03-06
2023年，开发区新增高新技术企业15家，规上工业企业研发费用增长18%，由开发区经发局牵头。
"""

TWO_UNITS = """金华市科技局2023年重点工作责任分工
发布日期：2023-02-20
1.新增国家高新技术企业300家，责任单位：金华市科技局高新处。
2.技术合同成交额达到60亿元，责任单位：金华市科技局高新处。
"""


TASKS = """丽水市人民政府办公室关于印发丽水市数字经济发展三年行动计划的通知
发布日期：2021-05-10
一、培育数字经济特色小镇。推进特色小镇数字化改造，打造一批数字经济特色小镇。（责任单位：市发改委、市经信局）
二、建设未来社区。开展未来社区试点建设，市住建局牵头，市民政局配合。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    qa = engine_over_texts(tmp_path_factory, "any-corpus", {"plan.txt": PLAN, "report.txt": REPORT,
                                                              "zone.txt": ZONE, "units.txt": TWO_UNITS,
                                                              "tasks.txt": TASKS})
    yield qa
    qa.close()


def _kinds(answer):
    return {row["kind"] for row in answer.rows}


# ---- results vs goals -------------------------------------------------------------------------
def test_a_question_about_what_was_reached_gets_the_result(engine):
    answer = engine.ask("丽水2022年高新技术企业增至多少家？")
    assert answer.found and _kinds(answer) == {"achievement"}
    assert "398" in answer.lead and "420" not in answer.answer


def test_a_question_about_the_goal_gets_the_goal(engine):
    answer = engine.ask("丽水2022年高新技术企业要达到多少家？")
    assert _kinds(answer) == {"target"} and "420" in answer.lead


@pytest.mark.parametrize("question", ["How many high-tech enterprises did Lishui have in 2022?",
                                      "What was Lishui's technology contract turnover in 2022?"])
def test_english_past_tense_asks_for_results(engine, question):
    answer = engine.ask(question)
    assert answer.found and _kinds(answer) == {"achievement"}
    assert re.search(r"\b(398|37)\b", answer.answer)


def test_a_result_asked_where_only_a_goal_exists_says_so(engine):
    answer = engine.ask("丽水2023年技术合同成交额实际完成了多少？")
    assert answer.found and _kinds(answer) == {"target"}
    assert answer.answer.startswith("未找到实际完成值") and "42" in answer.answer


def test_a_question_asking_whether_the_goal_was_met_gets_both(engine):
    answer = engine.ask("2022年丽水研发经费投入多少？完成目标了吗？")
    assert _kinds(answer) == {"target", "achievement"} and "26.5" in answer.answer and "28" in answer.answer


def test_an_english_noun_phrase_asks_for_the_targets(engine):
    answer = engine.ask("Lishui 2023 targets?")
    assert answer.intent == "target_value" and "480" in answer.answer


# ---- facts as the backbone --------------------------------------------------------------------
def test_an_indicator_known_only_by_its_wording_is_answered(engine):
    # 研发经费投入 is a phrase the scheme files under another concept: the fact's own words match.
    answer = engine.ask("丽水2022年研发经费投入实际达到了多少？")
    assert answer.found and "26.5" in answer.answer


def test_a_question_asking_two_values_answers_both(engine):
    answer = engine.ask("丽水2022年高新技术企业增至多少家？研发经费投入达到了多少？")
    assert "398" in answer.answer and "26.5" in answer.answer


def test_two_indicators_asked_together(engine):
    answer = engine.ask("丽水2023年高新技术企业和技术合同成交额分别达到多少？")
    assert "480" in answer.answer and "42" in answer.answer


# ---- any place --------------------------------------------------------------------------------
def test_a_development_zone_is_a_place(engine):
    answer = engine.ask("丽水经开区2023年要新增多少家高新技术企业？")
    assert answer.found and "15" in answer.answer and "480" not in answer.answer


def test_a_zone_inside_a_city_gets_its_own_figure(engine):
    # The zone's figure is written beside a district's in one clause; the city's total is not the zone's.
    answer = engine.ask("丽水高新区2022年通过科技型中小企业评价入库多少家？")
    assert answer.found and "390" in answer.lead and "1380" not in answer.answer
    assert answer.rows[0]["area"] == "高新区"


def test_a_zone_without_its_own_figure_says_the_city_answers(engine):
    answer = engine.ask("丽水高新区2022年高新技术企业增至多少家？")
    assert answer.answer.startswith("未找到该园区") and "398" in answer.answer


# ---- owners per indicator and role ------------------------------------------------------------
def test_owner_questions_about_platform_indicators_work_in_chinese(engine):
    answer = engine.ask("哪些单位负责众创空间目标？")
    assert answer.intent == "target_owners" and answer.found
    roles = {(row["owner"], row["role"]) for row in answer.rows}
    assert roles == {("丽水市科技局", "lead"), ("丽水市人力社保局", "support")}


def test_a_named_indicator_with_related_is_not_widened_to_its_family(engine):
    answer = engine.ask("谁负责孵化器相关的目标？")
    assert answer.found and answer.slots["family"] is None
    assert {row["indicator"] for row in answer.rows} == {"科技企业孵化器"}


def test_a_units_role_is_its_role_for_each_indicator(engine):
    answer = engine.ask("哪些单位负责研发相关的目标？")
    assert answer.slots["family"]["id"] == "family_rd"
    by_unit_role = {(row["owner"], row["role"]): {f["indicator_id"] for f in row["facts"]} for row in answer.rows}
    # The economy bureau leads the firms' R&D spending target; the S&T bureau only supports it.
    assert "enterprise_rd_expenditure" in by_unit_role[("丽水市经信局", "lead")]
    assert "enterprise_rd_expenditure" in by_unit_role[("丽水市科技局", "support")]
    assert "enterprise_rd_expenditure" not in by_unit_role.get(("丽水市科技局", "lead"), set())


def test_owner_questions_about_a_proposed_indicator_work_in_chinese(engine):
    # 数字化示范车间 is no concept of the scheme: a phrase the build proposed as an indicator.
    answer = engine.ask("数字化示范车间这项目标由哪些部门负责？")
    assert answer.found and all(str(row["indicator_id"]).startswith("proposed") for row in answer.rows)
    assert {(row["owner"], row["role"]) for row in answer.rows} == {("丽水市经信局", "lead"), ("丽水市科技局", "support")}


def test_owner_leads_name_each_role(engine):
    lead = engine.ask("数字化示范车间这项目标由哪些部门负责？").lead
    assert lead.startswith("数字化示范车间（2022年）：牵头 丽水市经信局；配合 丽水市科技局")
    family = engine.ask("哪些单位负责研发相关的目标？")
    assert "牵头 丽水市经信局" in family.lead and "配合 丽水市科技局" in family.lead and len(family.lead) <= 200


def test_owners_of_a_task_without_a_figure_come_from_its_clause(engine):
    answer = engine.ask("丽水的特色小镇工作由哪个单位牵头？")
    # Units are named as resolved in the document's region (市发改委 of a Lishui plan is 丽水市发改委).
    assert answer.found and answer.rows[0]["owner"] in ("市发改委", "丽水市发改委") and answer.rows[0]["role"] == "lead"
    assert any("经信局" in row["owner"] for row in answer.rows)
    inline = engine.ask("谁负责丽水的未来社区试点？")
    assert {(row["owner"].removeprefix("丽水"), row["role"]) for row in inline.rows} == {
        ("市住建局", "lead"), ("市民政局", "support")}
    assert any("未来社区" in e["text"] for e in inline.evidence)


def test_an_owner_question_about_nothing_written_is_not_found(engine):
    assert not engine.ask("谁负责丽水的航天产业集群？").found


# ---- one query per question -------------------------------------------------------------------
def test_a_unit_question_runs_two_bounded_queries(engine):
    answer = engine.ask("高新处负责哪些工作？")
    assert answer.found and {"300", "60"} <= set(re.findall(r"\d+", answer.answer))
    # The unit's first targets with their count, then those targets described: two queries,
    # whatever the corpus holds (one per place would grow with it).
    assert answer.sparql.count("next query") == 1 and "LIMIT 200" in answer.sparql


def test_a_capped_unit_answer_says_how_many_it_left_out(engine, monkeypatch):
    from plankg.qa import answer_targets

    monkeypatch.setattr(answer_targets, "MAX_UNIT_TARGETS", 1)
    answer = engine.ask("高新处负责哪些工作？")
    assert "共2项目标，此处只列出前1项" in answer.answer and "LIMIT 1" in answer.sparql
    assert len([r for r in answer.rows if r.get("kind") == "target"]) == 1


# ---- answer shape -----------------------------------------------------------------------------
@pytest.mark.parametrize("question", ["丽水2022年高新技术企业增至多少家？", "哪些单位负责众创空间目标？",
                                      "What was Lishui's technology contract turnover in 2022?", "高新处负责哪些工作？"])
def test_every_answer_has_a_short_lead_and_a_plain_table(engine, question):
    answer = engine.ask(question)
    assert 0 < len(answer.lead) <= 210
    table = answer.table
    assert table["columns"][:2] == ["place", "year"] and "document" in table["columns"][:4]
    for row in table["rows"]:
        assert len(row) == len(table["columns"])
        assert all(cell is None or isinstance(cell, (str, int, float, bool)) for cell in row)
        assert not any(isinstance(cell, str) and re.search(r"\{'|\['", cell) for cell in row)
    data = answer.to_dict()
    assert data["lead"] == answer.lead and data["table"] == table and data["answer"] == answer.answer


# ---- a place named only inside a document ------------------------------------------------------
NEWS = """首页 >> 新闻 >> 本地要闻

去年技术合同成交额再创新高

2023-02-16 10:12:00 来源：本报

记者从省科技厅获悉，去年全省共登记技术合同9120项，成交金额3012345.6万元，同比分别增长21.5%和18.2%。江西技术市场持续活跃，江西各设区市均实现增长。
"""


def test_a_place_named_only_inside_a_document_is_found_and_labelled(tmp_path_factory):
    qa = engine_over_texts(tmp_path_factory, "named-inside", {"news.txt": NEWS})
    try:
        assert qa.records.corpus.documents[0].region is None  # the item states no place of its own
        answer = qa.ask("江西省2022年技术合同成交金额是多少？")
        assert answer.found and "3012345.6" in answer.answer
        assert all("未写明地区" in row["region"] for row in answer.rows)
        assert not qa.ask("湖南省2022年技术合同成交金额是多少？").found  # named nowhere: nothing
    finally:
        qa.close()


# ---- two years of one place -------------------------------------------------------------------
def test_a_plan_and_a_later_report_are_compared_for_the_named_city(engine):
    answer = engine.ask("How did Lishui's goals change from 2022 to 2023?")
    assert answer.found and answer.lead.startswith("Lishui (丽水市) 2022→2023")
    continued = [r for r in answer.rows if r["type"] == "indicator" and r["status"] == "continued"]
    assert {r["indicator_id"] for r in continued} >= {"high_tech_enterprises", "tech_transaction_value"}
    assert "420" in answer.lead and "480" in answer.lead


def test_a_year_without_a_plan_is_said_with_the_years_there_are(engine):
    answer = engine.ask("丽水2021年的规划如何演变为2023年的目标？")
    assert not answer.found
    assert "没有丽水市2021年的规划" in answer.answer and "2022、2023" in answer.answer


def test_from_a_year_onwards_includes_the_later_plans(engine):
    answer = engine.ask("丽水高新技术企业的目标从2022年到后来的计划有什么变化？")
    assert "420" in answer.answer and "480" in answer.answer


# ---- the place above or below, said ------------------------------------------------------------
def test_a_province_without_its_own_figure_gets_its_cities_labelled(engine):
    answer = engine.ask("浙江省2022年高新技术企业要达到多少家？")
    assert answer.answer.startswith("未找到该地区本级的数据") and "420" in answer.answer
    assert {row["region"] for row in answer.rows} == {"丽水市"}


def test_a_district_without_its_own_figure_gets_its_citys_labelled(engine):
    answer = engine.ask("莲都区2022年高新技术企业要达到多少家？")
    assert answer.answer.startswith("未找到该地区本身的数据") and "420" in answer.answer
    assert {row["region"] for row in answer.rows} == {"丽水市"}


DOUBLING = """青田县科技创新三年行动计划（2023—2027年）
发布日期：2023-04-01
到2027年，全县高新技术企业和科技型企业在2022年的基础上实现“双倍增”，分别超过60家和500家。
"""


def test_each_figure_of_a_paired_goal_answers_by_its_own_name(tmp_path_factory):
    # A和B…分别超过a和b: each figure takes its own name from the clause's head (before, the phrases came
    # out cut, 60家和, and the answer could only match the clause); the figure asked leads the answer.
    qa = engine_over_texts(tmp_path_factory, "doubling", {"plan.txt": DOUBLING})
    try:
        answer = qa.ask("青田“双倍增”行动提出到2027年科技型企业要超过多少家？")
        assert answer.found and answer.answer.startswith("青田县2027年科技型企业") and "500" in answer.answer
        assert {(row["indicator"], row["value"]) for row in answer.rows} >= {("科技型企业", 500.0)}
        assert any("双倍增" in e["text"] for e in answer.evidence)
    finally:
        qa.close()
