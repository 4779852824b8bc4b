"""One sentence writer per language: both have the same functions and write from the same facts."""
from __future__ import annotations

import inspect

from plankg.qa import render_en, render_zh
from plankg.qa.facts import OutcomeFact, Responsible, SeriesFact, TargetFact
from plankg.qa.sentences import sentences_for


def _public(module) -> dict[str, inspect.Signature]:
    return {name: inspect.signature(obj) for name, obj in vars(module).items()
            if inspect.isfunction(obj) and obj.__module__ == module.__name__ and not name.startswith("_")}


def _fact(**changes) -> TargetFact:
    fields = dict(indicator="技术交易额", indicator_id="tech_transaction_value", area=None, phrase="技术交易额",
                  region="路桥区", year=2025, year_inferred=False, period=None, value=20.0, unit="亿元",
                  comparator=None, measure=None, stretch=25.0, baseline=None, placeholder=False, written=None,
                  stated="20亿元", owners=(Responsible("路桥区科技局", "lead"),), doc="a.txt", doc_title="行动方案",
                  clause_id="cl-1", target="https://w3id.org/plankg/id/tg-1", kind="target")
    fields.update(changes)
    return TargetFact(**fields)


def test_both_languages_offer_the_same_functions():
    assert _public(render_zh) == _public(render_en)
    assert sentences_for("zh") is render_zh and sentences_for("en") is render_en


def test_owners_answer_names_role_place_and_value_in_each_language():
    groups = {"技术交易额": [("路桥区科技局", "lead", [_fact()])]}
    zh = render_zh.owners_answer(groups, lambda name: None)
    en = render_en.owners_answer(groups, lambda name: "Luqiao S&T Bureau")
    assert zh == "负责“技术交易额”目标的单位：路桥区科技局（牵头；路桥区：2025年20亿元）。"
    assert en.startswith("Owners of the 技术交易额 targets: 路桥区科技局 (Luqiao S&T Bureau) — lead;")
    assert "2025 20亿元" in en


def test_stretch_values_follow_their_target():
    assert render_zh.extras(_fact()) == "，力争25亿元"
    assert render_en.extras(_fact()).startswith(", stretch target 25 亿元")


def test_outcome_without_a_report_says_so_and_gives_no_verdict():
    row = OutcomeFact(indicator="高新技术企业数", phrase="高新技术企业", actual_phrase=None, region="温州市", year=2020,
                      year_inferred=False, target_value=3000.0, target_stated="3000家", actual_value=None,
                      actual_stated=None, actual_year=None, actual_year_inferred=None, unit="家", met=None,
                      matched_by=None, year_gap=None, target_doc="p.txt", target_doc_title="工作要点",
                      target_clause_id="cl-2", actual_doc=None, actual_doc_title=None, actual_clause_id=None)
    assert "未报告" in render_zh.outcome_answer([row], 0)
    assert "not reported" in render_en.outcome_answer([row], 2) and "2 more in the table." in render_en.outcome_answer([row], 2)


def test_series_figures_and_unknown_years():
    fact = SeriesFact(indicator="研发人员数", region="路桥区", area=None, target_id="tg-1", year=None,
                      year_inferred=False, period=None, placed_by_document=2021, kind="actual", value=93.0,
                      unit="人年", comparator=None, placeholder=False, written=None, stated="93人年", doc="a.txt",
                      doc_title="总结", clause_id="cl-3")
    assert render_zh.series_when(fact) == "年份未知（《总结》，约2021年）"
    assert render_en.series_when(fact) == "year unknown (in “总结”, about 2021)"
    assert render_zh.series_figure(fact) == "实际93人年"
    assert "also_in" not in fact.to_dict()


def test_target_fact_row_names_one_owner_only_when_it_is_about_one():
    plain = _fact().to_dict()
    assert "owner" not in plain and plain["owners"] == [{"name": "路桥区科技局", "role": "lead"}]
    about_one = _fact(owner="路桥区科技局", role="lead").to_dict()
    assert list(about_one)[-2:] == ["owner", "role"]
