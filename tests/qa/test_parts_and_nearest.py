"""Questions asking several things, places only a document's words give, and the nearest facts.

Small documents composed for these tests (places, years and numbers made up for each pattern).
"""
from __future__ import annotations

import pytest

from plankg.qa.parts import split_parts
from tests.qa.conftest import engine_over_texts

REPORT = """丰城市科学技术局2023年工作总结

2023年，全市高新技术企业净增45家，超额完成全年净增30家目标任务，总数达到210家。
全市技术合同成交额实现8.6亿元，同比增长12.5%。
"""
PLAN = """江西省2024年政府工作报告

2023年，全省研发经费投入强度达到1.9%。
2024年主要预期目标：研发经费投入强度2.0%，技术合同成交额增长10%。
"""
NO_PLACE = """科技工作动态

2022年，我县R&D经费投入1.2亿元，占同期GDP的比重为0.8%。全县新增高新技术企业5家。我县将继续加大科技投入。
"""
CITY = """南昌市科学技术局2025年工作要点

2025年，全市技术合同成交额达到300亿元，选派企业科技特派员200名。
二、重点任务
加快特色小镇建设，力争建成5个省级特色小镇。(牵头单位:市发改委,配合单位:市住建局)
"""


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = engine_over_texts(tmp_path_factory, "parts", {"a.txt": REPORT, "b.txt": PLAN, "c.txt": NO_PLACE,
                                                           "d.txt": CITY})
    yield engine
    engine.close()


def _said(answer) -> str:
    return answer.answer + str(answer.rows)


# ---- several things in one question -------------------------------------------------------------
def test_split_parts_on_question_marks_and_asking_commas():
    assert split_parts("甲市2022年A的目标是多少？实际完成了多少？", "zh") == ["甲市2022年A的目标是多少？", "实际完成了多少？"]
    assert split_parts("甲市2020年A是多少，同比增长多少？", "zh") == ["甲市2020年A是多少，", "同比增长多少？"]
    assert split_parts("甲市A增长10%，B新增多少家？", "zh") == ["甲市A增长10%，B新增多少家？"]
    assert split_parts("甲市A是多少？", "zh") == ["甲市A是多少？"]


def test_the_lead_of_a_question_in_parts_says_every_part(qa):
    # the first part finds two figures (an amount and its growth): the second part still leads too
    answer = qa.ask("丰城市2023年技术合同成交额是多少？高新技术企业净增了多少家？")
    assert "8.6亿元" in answer.answer and "45家" in answer.answer
    assert "8.6亿元" in answer.lead and "45家" in answer.lead


def test_a_goal_and_its_result_are_both_answered(qa):
    answer = qa.ask("丰城市2023年高新技术企业净增的目标是多少家？实际净增了多少家？")
    assert answer.found and "30家" in answer.answer and "45家" in answer.answer
    first, second = answer.answer.split("（2）")
    assert "30家" in first and "45家" in second  # each part answers its own kind
    assert [p["asked"] for p in answer.slots["parts"]][1].startswith("丰城市2023年")  # made whole
    assert answer.evidence and answer.lead


def test_a_second_part_with_its_own_year_borrows_place_and_indicator(qa):
    answer = qa.ask("江西省2024年研发经费投入强度的目标是多少？2023年实际达到了多少？")
    first, second = answer.answer.split("（2）")
    assert "2%" in first and "1.9%" in second
    assert "江西省2023年研发经费投入强度" in second


def test_a_value_and_its_growth_after_a_comma(qa):
    answer = qa.ask("丰城市2023年技术合同成交额是多少，同比增长多少？")
    assert "8.6亿元" in answer.answer and "12.5%" in answer.answer
    assert answer.answer.split("（2）")[1].index("12.5%") < answer.answer.split("（2）")[1].index("8.6亿元")


# ---- a document that states and names no place ------------------------------------------------
def test_a_placeless_document_answers_for_a_place_of_its_level_labelled(qa):
    answer = qa.ask("宜良县2022年R&D经费投入占同期GDP的比重是多少？")
    assert answer.found and "0.8%" in answer.answer and "文件未写明地区" in answer.answer
    assert "0.8%" in answer.lead  # the share asked, not the amount, leads


@pytest.mark.parametrize("question", [
    "宜良县2021年R&D经费投入是多少？",  # another year: a presumed place relaxes nothing
    "宜良县2022年R&D经费投入的目标是多少？",  # a goal: the document reports only results
    "昆明市2022年R&D经费投入是多少？",  # a city: the document speaks of its county (我县)
])
def test_a_placeless_document_never_answers_beyond_its_fit(qa, question):
    assert not qa.ask(question).found


# ---- the nearest facts, each relaxation said ----------------------------------------------------
def test_the_nearest_year_of_a_sub_place_is_given_and_said(qa):
    answer = qa.ask("江西省2026年企业科技特派员要选派多少名？")
    assert answer.found and "200名" in answer.answer
    assert "最接近年份" in answer.answer and "下辖地区" in answer.answer
    assert "200名" in answer.lead and "注" in answer.lead  # the lead keeps the number and the note


def test_a_missing_indicator_is_never_taken_from_another(qa):
    assert not qa.ask("江西省2026年科技企业孵化器要达到多少家？").found


# ---- owners of a task in English ------------------------------------------------------------------
def test_an_english_task_owner_question_reads_the_role_labels(qa):
    answer = qa.ask("Which unit leads the work on characteristic towns in Nanchang?")
    assert answer.found
    roles = {row["owner"]: row["role"] for row in answer.rows}
    assert roles.get("南昌市发改委") == "lead" and roles.get("南昌市住建局") == "support"


def test_two_indicators_asked_respectively_are_two_questions(qa):
    answer = qa.ask("南昌市2025年技术合同成交额和企业科技特派员分别是多少？")
    first, second = answer.answer.split("（2）")
    assert "300亿元" in first and "200名" in second
    assert "200名" not in first and "300亿元" not in second


# ---- units written after a goal on its line -------------------------------------------------------
DUTIES = """张家港市人民政府办公室文件 关于分解落实2019年政府工作任务的通知

一、经济社会发展主要预期目标分解

1 地区生产总值增长7%以上. 发改委

2 全社会研发经费支出占GDP比重提高到2.9%. 科技局

3 全社会固定资产投资额300亿元,其中:工业投资增长8%. 发改委、经信委、科技局

4 社会消费品零售总额增长8%左右. 商务局
"""


@pytest.fixture(scope="module")
def duties(tmp_path_factory):
    engine = engine_over_texts(tmp_path_factory, "duties", {"e.txt": DUTIES})
    yield engine
    engine.close()


def test_units_after_a_goal_answer_its_owner_question_first_listed_leading(duties):
    answer = duties.ask("张家港市2019年研发经费支出占GDP比重的目标由哪个单位负责？")
    assert answer.found and [(r["owner"], r["role"]) for r in answer.rows] == [("科技局", "lead")]
    assert "商务局" not in answer.answer and "发改委" not in answer.answer  # other lines' units


def test_a_value_and_its_units_asked_in_one_question(duties):
    answer = duties.ask("张家港市2019年全社会固定资产投资额的目标是多少，牵头责任单位有哪些？")
    first, second = answer.answer.split("（2）")
    assert "300亿元" in first
    assert {r["owner"] for r in answer.rows if r.get("role") in ("lead", "support")} == {"发改委", "经信委", "科技局"}
    assert "商务局" not in second


def test_what_share_did_it_reach_asks_a_figure(duties):
    assert duties.parse("What share of GDP did Zhangjiagang's R&D expenditure reach in 2019?").asks == "target_value"
    assert duties.parse("Did Zhangjiagang reach its 2019 R&D intensity target?").asks == "plan_vs_outcome"


def test_how_many_were_added_asks_a_count_not_a_list(duties):
    assert duties.parse("How many key laboratories were added in Zhangjiagang in 2019?").asks == "target_value"
    assert duties.parse("Which key laboratories are there in Zhangjiagang?").asks == "entity_list"


# ---- was a goal met, when the report words goal and result its own way -----------------------------
def test_a_goal_met_is_judged_from_the_report_own_words(qa):
    answer = qa.ask("丰城市2023年高新技术企业净增目标完成了吗？")
    assert answer.found and answer.intent == "plan_vs_outcome"
    assert "目标新增30家" in answer.answer and "实际新增45家" in answer.answer and "已完成" in answer.lead


def test_no_goal_to_judge_by_is_said(qa):
    answer = qa.ask("丰城市2023年技术合同成交额是否完成了目标？")
    assert answer.found and "未找到目标值" in answer.answer and "已完成" not in answer.answer


def test_a_part_understood_as_nothing_leaves_the_question_whole(qa):
    answer = qa.ask("丰城市有哪些实验室？其中省级的有多少个？")
    assert "parts" not in answer.slots  # 其中省级的 names no indicator: no made-up second answer
