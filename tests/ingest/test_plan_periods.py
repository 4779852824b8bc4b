"""The end of a five-year plan is a year: 到"十四五"末 is 2025 (sentences written for the tests)."""
from __future__ import annotations

from plankg.ingest.facts import ClauseContext, find_facts

NEWS_2022 = ClauseContext("report", None, None, today=2022)


def test_the_end_of_a_five_year_plan_is_its_last_year():
    facts = find_facts("到“十四五”末期，全省力争拥有高新技术企业4000家以上。", NEWS_2022)
    assert [(f.kind, f.year, f.period) for f in facts] == [("target", 2025, None)]
    facts = find_facts("十三五末全市研发投入强度达到2.4%。", ClauseContext("report", None, None, today=2021))
    assert [(f.kind, f.year) for f in facts] == [("achievement", 2020)]


def test_the_plan_period_without_its_end_stays_a_period():
    facts = find_facts("“十四五”期间，累计新增省级研发平台60家。", ClauseContext("plan", None, None, today=2021))
    assert facts and facts[0].year is None and facts[0].period == (2021, 2025)
