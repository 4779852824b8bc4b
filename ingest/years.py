"""Proposed years for documents that hide theirs (20XX), from strong evidence in the text.

A proposal is never shown as stated: facts carry ``year_inferred`` and the reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.ingest.cues import table
from plankg.ingest.records import Document

# The first year of each five-year plan, by its name (lang/zh/cues.toml, [years]).
_FIVE_YEAR_PLANS: dict[str, int] = table("years.five_year_plans")
_PLAN_NAMES = "|".join(map(re.escape, _FIVE_YEAR_PLANS))
_PANDEMIC_FIRST_YEAR = 2020


_HIDDEN_YEAR = re.compile(r"(?<![\dA-Za-z])20(?:[Xx]{2}|\d[Xx])(?![A-Za-z])|XX", re.I)


def hides_year(text: str) -> bool:
    """Whether a title hides its year or place (20XX年, 202x年度, XX市): anonymised, never guessed."""
    return bool(_HIDDEN_YEAR.search(text))


@dataclass(frozen=True)
class YearProposal:
    """Years proposed for a document's plan and report parts, with the reason."""

    plan_year: int | None
    report_year: int | None
    reason: str


def propose_years(doc: Document) -> YearProposal | None:
    """Propose plan/report years when the document names neither.

    Evidence used: a plan written "根据…“十四五”规划" starts that five-year plan, so it is for its
    first year; a summary whose year is the year of the COVID-19 outbreak response (新冠…疫情防控,
    复工复产) reports on 2020, and the plan that follows it is for 2021. Both must agree.
    """
    before_plan = _summary_before_plan(doc)
    if before_plan is not None:
        return before_plan
    if doc.years or doc.reported_years or "XX" not in doc.title.upper():
        return None
    basis = re.search(r"根据[^。；]{0,20}[“\"]?(" + _PLAN_NAMES + r")[”\"]?[^。；]{0,6}规划", doc.text)
    pandemic = re.search(r"新冠[^。；]{0,20}疫情|疫情防控[^。；]{0,30}复工复产", doc.text)
    if not basis or not pandemic:
        return None
    plan_year = _FIVE_YEAR_PLANS[basis.group(1)]
    if plan_year != _PANDEMIC_FIRST_YEAR + 1:
        return None
    reason = (f"not stated (20XX): the plan is based on the {basis.group(1)} plan, whose first year is "
              f"{plan_year}, and follows a summary of the COVID-19 response year {_PANDEMIC_FIRST_YEAR}")
    return YearProposal(plan_year, _PANDEMIC_FIRST_YEAR, reason)


#: 202x年度工作总结及2025年度工作计划: a summary hiding its year, then the plan for a stated year.
_HIDDEN_SUMMARY_THEN_PLAN = re.compile(r"20(?:[Xx]{2}|\d[Xx])\s*年度?[^，。；\n]{0,12}?总结[^，。；\n]{0,4}?[和及与、暨]"
                                       r"[^，。；\n]{0,6}?(20\d\d)\s*年度?[^，。；\n]{0,12}?(?:计划|打算|思路|安排|要点)")


def _summary_before_plan(doc: Document) -> YearProposal | None:
    """A year-end summary hiding its year before next year's plan: it reports on the year before the plan.

    Such a pair is written at the end of the year it sums up (202x年工作总结及2025年工作计划 is
    written late in 2024), so its results are proposed for the plan's year minus one.
    """
    if doc.reported_years:
        return None
    pair = _HIDDEN_SUMMARY_THEN_PLAN.search(doc.title)
    if pair is None:
        return None
    plan_year = int(pair.group(1))
    reason = (f"not stated ({pair.group().split('年')[0]}年): the summary comes with the plan for {plan_year}, "
              f"so it sums up {plan_year - 1}")
    return YearProposal(None, plan_year - 1, reason)
