"""The four questions of issue 11, word for word, over the bundled corpus: answers with content."""
from __future__ import annotations

import re

import pytest

R_AND_D_OWNERS = "哪些单位负责研发（R&D）相关目标？"
EVOLUTION_ZH = "2019年的计划如何演变为2022年的目标？"
EVOLUTION_EN = "How did 2019 plans evolve into 2022 goals?"
WENZHOU_OUTCOMES = "温州2019年的目标完成得怎么样？"


def test_rd_owners_cover_the_family_grouped_by_unit(engine):
    answer = engine.ask(R_AND_D_OWNERS)
    assert answer.intent == "target_owners" and answer.found
    assert answer.slots["family"]["id"] == "family_rd"
    owners = [(row["owner"], row["role"]) for row in answer.rows]
    assert len(owners) == len(set(owners)), "each unit once per role"
    places = {fact["region"] for row in answer.rows for fact in row["facts"]}
    assert {"温州市", "桐乡市", "路桥区"} <= places
    indicators = {fact["indicator_id"] for row in answer.rows for fact in row["facts"]}
    # Intensity, spending growth and personnel are all "R&D": the family, not one concept.
    assert {"rd_intensity", "rd_expenditure", "rd_personnel_per_10k"} <= indicators
    luqiao_lead = next(row for row in answer.rows if row["owner"] == "路桥区科技局" and row["role"] == "lead")
    assert any(f["indicator_id"] == "rd_intensity" and f["region"] == "路桥区" for f in luqiao_lead["facts"])
    # The bureau supports the R&D personnel target: its role there is not merged into its lead role.
    assert not any(f["indicator_id"] == "rd_personnel_per_10k" for f in luqiao_lead["facts"])
    luqiao_support = next(row for row in answer.rows if row["owner"] == "路桥区科技局" and row["role"] == "support")
    assert any(f["indicator_id"] == "rd_personnel_per_10k" for f in luqiao_support["facts"])
    assert "路桥区科技局（牵头）" in answer.answer and "%" in answer.answer


def test_a_named_indicator_with_related_stays_narrow(engine):
    # 研发人员相关: the family word 研发 is part of the indicator named; the family is not asked.
    answer = engine.ask("哪些单位负责研发人员相关的目标？")
    assert answer.found and answer.slots["family"] is None
    assert {row["indicator"] for row in answer.rows} == {"每万名就业人员中研发人员数"}
    roles = {(row["owner"], row["role"]) for row in answer.rows}
    assert ("路桥区人社局", "lead") in roles and ("路桥区科技局", "support") in roles


def test_one_named_indicator_is_not_widened(engine):
    answer = engine.ask("谁负责数字经济核心产业增加值占GDP比重的目标？")
    assert answer.slots["family"] is None


@pytest.mark.parametrize("question", [EVOLUTION_ZH, EVOLUTION_EN])
def test_evolution_overview_has_indicators_new_and_dropped(engine, question):
    answer = engine.ask(question)
    assert answer.intent == "evolution" and answer.found
    indicator_rows = [r for r in answer.rows if r["type"] == "indicator"]
    statuses = {r["status"] for r in indicator_rows}
    assert {"new", "dropped"} <= statuses
    for row in indicator_rows:
        for side in ("earlier", "later"):
            years = [step["year"] for step in row[side]]
            docs = [(step["year"], step["doc_id"], step["region"]) for step in row[side]]
            assert len(docs) == len(set(docs)), "one step per year, document and place"
            assert set(years) <= {2019, 2022}
        if row["status"] == "continued":
            assert row["earlier"][0]["region"] == row["later"][0]["region"]
    # Units and values are in the text, with the documents they come from.
    assert re.search(r"\d+(\.\d+)?\s*(%|家)", answer.answer)
    assert "2019" in answer.answer and "2022" in answer.answer
    assert answer.evidence and answer.sparql and "targets_in_years" not in answer.answer


def test_evolution_never_chains_one_years_figures(engine):
    answer = engine.ask(EVOLUTION_ZH)
    # Steps of one year are joined with ；/、, and an arrow only ever leads from 2019 to 2022.
    for chain in re.findall(r"[^；。]*→[^；。]*", answer.answer):
        left, right = chain.split("→", 1)
        assert "2019年" in left and "2022年" in right


def test_wenzhou_outcomes_compare_like_with_like(engine):
    answer = engine.ask(WENZHOU_OUTCOMES)
    assert answer.intent == "plan_vs_outcome" and answer.found
    assert answer.rows
    from plankg.qa.answer_series import level_of

    for row in answer.rows:
        assert row["region"] == "温州市", "no county's figures under the city"
        if row["actual_value"] is None:
            continue
        assert level_of(row["actual_phrase"]) == level_of(row["phrase"]), "省级 never against 市级及以上"
        if row["year_gap"]:
            assert row["met"] is None
    assert "已达成" not in answer.answer or all(r["year_gap"] == 0 for r in answer.rows if r["met"])


def test_city_question_keeps_county_figures_out_unless_asked(engine):
    own = engine.ask("温州2019年有哪些目标？")
    assert own.rows and {r["region"] for r in own.rows} == {"温州市"}
    whole = engine.ask("温州全市2019年有哪些目标？")
    regions = {r["region"] for r in whole.rows}
    assert "瑞安市" in regions and "温州市" in regions


def test_rd_owners_in_english(engine):
    answer = engine.ask("Which units own R&D-related targets?")
    assert answer.intent == "target_owners" and answer.slots["family"]["id"] == "family_rd"
    assert "路桥区科技局" in answer.answer and "lead" in answer.answer


def test_series_joins_a_years_figures_and_its_stretch(engine):
    answer = engine.ask("温州高新技术企业目标从2019年到2021年怎样变化？")
    for sentence in answer.answer.split("。"):
        years = re.findall(r"(20\d\d)年", sentence)
        assert len(years) == len(set(years)), "a year appears once per series"
    assert "（力争" in answer.answer


def test_a_zones_figure_is_not_the_towns(engine):
    answer = engine.ask("桐乡2019年R&D投入占GDP比重的目标是多少？")
    zone_rows = [r for r in answer.rows if r.get("area")]
    assert zone_rows and all(r["value"] != 2.8 for r in zone_rows)
    assert "桐乡市·" in answer.answer


def test_a_family_narrows_the_english_overview(engine):
    answer = engine.ask("How did R&D targets evolve from 2019 to 2022?")
    assert answer.slots["family"]["id"] == "family_rd"
    members = set(answer.slots["family"]["members"])
    assert {r["indicator_id"] for r in answer.rows if r["type"] == "indicator"} <= members


def test_targets_without_any_outcome_are_not_reported(engine):
    answer = engine.ask("路桥区2021年目标完成情况")
    assert answer.found and answer.rows and all(r["actual_value"] is None for r in answer.rows)
    assert "未报告" in answer.answer
