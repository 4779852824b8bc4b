"""Values and their names in sentence shapes plans use (written for the tests)."""
from __future__ import annotations

from plankg.ingest.context import ClauseContext
from plankg.ingest.facts import find_facts

PLAN_2024 = ClauseContext("plan", 2024, None, today=2024)


def test_respectively_opening_a_clause_takes_the_names_leading_the_clause_before():
    facts = find_facts("到2028年，全县规上企业和专精特新企业在2023年的基础上实现翻番，分别超过160家和45家。", PLAN_2024)
    assert [(f.indicator, f.value, f.year) for f in facts if f.unit == "家"] == [("规上企业", 160, 2028), ("专精特新企业", 45, 2028)]


def test_a_series_opening_its_clause_takes_the_subject_of_the_clause_before():
    facts = find_facts("近年来，全县科技型中小企业数量稳步增长，由2020年的45家增长到2021年的63家、2022年的88家。", PLAN_2024)
    assert [(f.indicator, f.value, f.year) for f in facts] == [
        ("科技型中小企业", 45, 2020), ("科技型中小企业", 63, 2021), ("科技型中小企业", 88, 2022)]
