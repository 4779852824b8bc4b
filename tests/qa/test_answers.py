"""Answers on the bundled corpus: values with evidence, roles, hierarchy, series, entities, not found."""
from __future__ import annotations

import json
import re

import pytest

from plankg.qa import Answer, QAError
from plankg.qa.render import number

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# Counts the engine computes (负责70项量化目标, 共3个, 另有9条, 5 more): not values from the documents.
_COUNT = re.compile(r"(?:共|负责|另有|等)\d+(?:项|个|条)|\b\d+ (?:more|quantified|further)\b|\(\d+\):")


def squash(text: str) -> str:
    return "".join(str(text).split())


def evidence_text(answer: Answer) -> str:
    return squash(" ".join(e["text"] for e in answer.evidence))


def test_target_value_states_value_unit_year_and_owner(engine):
    answer = engine.ask("路桥区到2025年技术交易额要达到多少？")
    assert answer.intent == "target_value" and answer.found
    row = next(r for r in answer.rows if r["region"] == "路桥区" and r["year"] == 2025)
    assert (row["value"], row["unit"]) == (20.0, "亿元")
    assert "20亿元" in answer.answer and "2025" in answer.answer and "路桥区科技局" in answer.answer
    assert "20亿元" in evidence_text(answer)
    assert "tech_transaction_value" in answer.sparql and "SELECT" in answer.sparql


def test_value_with_stretch_and_baseline(engine):
    answer = engine.ask("温州2019年全社会R&D经费支出占比的目标定为多少")
    row = next(r for r in answer.rows if r["value"] == 2.2)
    assert row["stretch"] == 2.3
    assert "力争2.3%" in answer.answer and "2.3%" in evidence_text(answer)


def test_owners_with_lead_and_supporting_roles(engine):
    answer = engine.ask("每万名就业人员中研发人员数的目标由哪些部门负责？")
    roles = {(r["owner"], r["role"]) for r in answer.rows}
    assert ("路桥区人社局", "lead") in roles and ("路桥区科技局", "support") in roles
    assert answer.answer.index("路桥区人社局") < answer.answer.index("路桥区科技局")


def test_english_question_gets_an_english_answer_with_chinese_names(engine):
    answer = engine.ask("Who is in charge of Luqiao's R&D personnel target?")
    assert answer.language == "en" and answer.intent == "target_owners"
    assert "人社局" in answer.answer and "lead" in answer.answer


def test_district_question_does_not_pull_in_the_city(engine):
    answer = engine.ask("路桥技术交易额的目标是多少")
    assert answer.rows and {r["region"] for r in answer.rows} == {"路桥区"}


def test_city_question_includes_its_counties_only(engine):
    from plankg.ontology.regions import load_gazetteer

    inside = {"温州市", *(r.name for r in load_gazetteer().descendants("温州市"))}
    city = engine.ask("温州有哪些研究院")
    county = engine.ask("瑞安有哪些研究院")
    assert {r["region"] for r in city.rows} <= inside | {None}
    assert {r["name"] for r in county.rows} <= {r["name"] for r in city.rows}
    targets = engine.ask("温州的技术交易额目标是多少")
    assert targets.rows and all(r["region"] in inside for r in targets.rows)


def test_evolution_aligns_years_in_order(engine):
    answer = engine.ask("路桥区研发人员每万名就业人员中研发人员数目标在2021年到2025年之间怎么变的")
    assert answer.intent == "evolution"
    positions = [answer.answer.index(v) for v in ("93", "112", "135")]
    assert positions == sorted(positions)
    years = [r["year"] for r in answer.rows if r["kind"] == "target"]
    assert years == sorted(years) and {2021, 2022, 2025} <= set(years)


def test_evolution_marks_unknown_years(engine):
    answer = engine.ask("温州技术交易额历年的变化")
    for row in answer.rows:
        if row["year"] is None and not row["period"]:
            assert "年份未知" in answer.answer


def test_plan_matched_to_a_later_report_states_the_year_gap(engine):
    # The 2019 plan's figure against a report of another (inferred) year: paired, the gap said, no verdict.
    answer = engine.ask("温州国家高新区排名前移的计划完成了吗")
    row = next(r for r in answer.rows if r["actual_value"] is not None)
    assert row["target_value"] == 10 and row["actual_value"] == 10
    assert row["year_gap"] == 1 and row["met"] is None
    assert row["target_doc"] != row["actual_doc"]
    cited = {e["clause_id"] for e in answer.evidence}
    assert {row["target_clause_id"], row["actual_clause_id"]} <= cited
    assert "相差1年" in answer.answer and "已达成" not in answer.answer


def test_entity_list_filters_by_type_word(engine):
    answer = engine.ask("温州都有什么实验室")
    names = [r["name"] for r in answer.rows]
    assert "瓯江实验室" in names and all("实验室" in n for n in names)
    assert "瓯江实验室" in answer.answer


def test_entity_profile_merges_aliases_and_cites_progress(engine):
    answer = engine.ask("浙大温州研究院进展如何")
    row = answer.rows[0]
    assert row["name"] == "浙江大学温州研究院" and "浙大温州研究院" in row["aliases"]
    forms = {row["name"], *row["aliases"]}
    assert row["progress"] and all(any(f in p["text"] for f in forms) for p in row["progress"])


def test_unit_targets_lists_targets_and_tasks_of_that_unit(engine):
    answer = engine.ask("区经信局承担哪些目标任务")
    targets = [r for r in answer.rows if r.get("kind") == "target"]
    tasks = [r for r in answer.rows if r.get("kind") == "task"]
    assert targets and all("路桥区经信局" in {o["name"] for o in r["owners"]} for r in targets)
    assert tasks and all("经信局" in t["text"] for t in tasks)


@pytest.mark.parametrize("question", [
    "上海2030年的目标是什么",
    "北京到2025年科技方面的目标有哪些",
    "What are Chengdu's 2025 R&D intensity targets?",
    "区商务局负责哪些目标",
])
def test_not_found_says_so_and_invents_nothing(engine, question):
    answer = engine.ask(question)
    assert answer.found is False
    assert answer.rows == [] and answer.evidence == []
    assert "未找到" in answer.answer or "No matching" in answer.answer
    assert answer.related, "nearest clauses are shown as related"
    stated = set(_NUMBER.findall(answer.answer))
    assert stated <= set(_NUMBER.findall(question)), "no value beyond the question's own numbers"


QUESTIONS_WITH_VALUES = [
    "路桥区到2025年技术交易额要达到多少？",
    "温州2019年新增高新技术企业的目标是多少家？",
    "桐乡2019年的研发投入强度目标",
    "谁负责数字经济核心产业增加值占GDP比重的目标？",
    "路桥区R&D经费投入占GDP比重从2021年到2025年如何变化",
    "高新技术企业目标是否实现",
    "区经信局负责哪些目标",
    "What is Luqiao's 2025 target for PCT international patent applications?",
    "How did the digital economy share target of Luqiao change?",
]


@pytest.mark.parametrize("question", QUESTIONS_WITH_VALUES)
def test_every_stated_value_appears_in_the_evidence(engine, question):
    answer = engine.ask(question)
    assert answer.found and answer.evidence
    evidence = evidence_text(answer)
    for row in answer.rows:
        for key in ("value", "target_value", "actual_value"):
            if isinstance(row.get(key), (int, float)) and not row.get("placeholder"):
                # The number itself, or the value as written when the source scales it (30万元/人).
                written = squash(row.get("written") or "") if key == "value" else ""
                assert number(row[key]) in evidence or (written and written in evidence), (key, row)
    # Every number the answer text states is in the evidence, a cited document's title or the question.
    allowed = evidence + squash(" ".join(e["doc_title"] for e in answer.evidence)) + answer.question
    allowed += " ".join(str(r.get(k)) for r in answer.rows for k in ("year", "actual_year", "placed_by_document"))
    for figure in _NUMBER.findall(_COUNT.sub(" ", answer.answer)):
        assert figure in allowed, figure


def test_each_row_points_to_cited_evidence(engine):
    answer = engine.ask("哪个部门牵头技术交易额工作？")
    cited = {e["clause_id"] for e in answer.evidence}
    assert answer.rows and all(r["clause_id"] in cited for r in answer.rows)
    for item in answer.evidence:
        assert item["end"] > item["start"] and item["doc"].endswith(".txt")


def test_sparql_binds_parameters_instead_of_pasting_text(engine):
    answer = engine.ask("路桥区2025年技术交易额目标是多少")
    assert "VALUES ?regionName" in answer.sparql and "是多少" not in answer.sparql


def test_answer_to_dict_is_json_ready(engine):
    data = engine.ask("温州有哪些实验室").to_dict()
    assert set(data) >= {"question", "language", "intent", "answer", "rows", "evidence", "sparql", "confidence",
                         "related"}
    json.dumps(data, ensure_ascii=False)


def test_empty_question_is_refused(engine):
    with pytest.raises(QAError, match="empty"):
        engine.ask("   ")


def test_cli_answers_several_questions_as_one_json_array(qa_home, capsys):
    from plankg.cli import main

    status = main(["ask", "--json", "--workspace", str(qa_home), "温州有哪些实验室", "上海2030年的目标是什么"])
    answers = json.loads(capsys.readouterr().out)
    assert status == 0 and len(answers) == 2
    assert answers[0]["intent"] == "entity_list" and answers[1]["found"] is False


def test_cli_reports_a_bad_question_on_one_line(qa_home, capsys):
    from plankg.cli import main

    status = main(["ask", "--workspace", str(qa_home), " "])
    err = capsys.readouterr().err
    assert status == 2 and len(err.strip().splitlines()) == 1 and "empty" in err


def test_plan_vs_outcome_in_english_reports_the_later_actual(engine):
    answer = engine.ask("Did Wenzhou reach its goal for the national high-tech zone ranking?")
    assert answer.intent == "plan_vs_outcome"
    assert "no verdict" in answer.answer and "10" in answer.answer
    assert any("前移10位" in item["text"] for item in (e if isinstance(e, dict) else e.to_dict() for e in answer.evidence))


def test_reported_values_answer_questions_that_ask_for_no_goal(engine):
    answer = engine.ask("瑞安上半年发明专利授权量是多少？")
    assert answer.found is not False and "64件" in answer.answer and "实际" in answer.answer
    answer = engine.ask("How many high-tech enterprises did Wenzhou newly certify?")
    assert "631" in answer.answer.split(".")[0]


def test_share_of_investment_is_not_confused_with_a_proposed_indicator(engine):
    answer = engine.ask("路桥区2022年高新技术产业投资占工业性投资比重的目标是多少？")
    assert "60%" in answer.answer and "发改局" in answer.answer


def test_research_centres_are_an_entity_type(engine):
    answer = engine.ask("瑞安有哪些研究中心？")
    assert answer.intent == "entity_list"
    assert "北京航空航天大学瑞安汽车电子工程技术研究中心" in answer.answer
