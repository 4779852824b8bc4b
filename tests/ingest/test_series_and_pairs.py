"""Series, baselines, counts with amounts, and the counters and rates plans write (written for the tests)."""
from __future__ import annotations

from plankg.ingest.context import ClauseContext
from plankg.ingest.facts import find_facts
from plankg.ingest.numbers import UNITS
from plankg.ontology.units import load_units, written_forms

REPORT_2023 = ClauseContext("report", 2023, None, today=2023)
PLAN_2023 = ClauseContext("plan", 2023, None, today=2023)


def _values(text: str, ctx: ClauseContext = REPORT_2023):
    return [(f.value, f.unit, f.kind, f.year, f.baseline) for f in find_facts(text, ctx)]


def test_a_dated_series_gives_one_result_for_each_year():
    facts = find_facts("高新技术企业由2017年的52家增长到2018年的68家、2019年的85家，2021年的131家。", PLAN_2023)
    assert [(f.value, f.kind, f.year) for f in facts] == [
        (52, "achievement", 2017), (68, "achievement", 2018), (85, "achievement", 2019), (131, "achievement", 2021)]
    assert {f.indicator for f in facts} == {"高新技术企业"}


def test_from_x_to_y_is_a_baseline_and_a_value():
    assert _values("全市高新技术企业从120家增至312家。") == [(120, "家", "achievement", 2023, None),
                                                        (312, "家", "achievement", 2023, 120)]
    facts = find_facts("力争研发投入强度从2022年的2.1%提高到2.6%。", PLAN_2023)
    assert [(f.value, f.kind, f.year, f.baseline) for f in facts] == [(2.1, "achievement", 2022, None),
                                                                      (2.6, "target", 2023, 2.1)]


def test_increased_to_ends_the_indicator():
    facts = find_facts("去年，全市高新技术企业增至312家。", PLAN_2023)
    assert [(f.indicator, f.value, f.kind, f.year) for f in facts] == [("高新技术企业", 312, "achievement", 2022)]


def test_a_count_with_an_amount_is_two_facts_each_with_its_measure():
    for text in ("全年登记技术合同126笔860万元。", "全年登记技术合同126笔，金额860万元。"):
        count, amount = find_facts(text, REPORT_2023)
        assert (count.value, count.unit) == (126, "笔") and (amount.value, amount.unit) == (860, "万元")
        assert amount.indicator == count.indicator + "金额"
    count, amount = find_facts("一季度，全市共登记技术合同交易1260份，成交额突破35亿元。", REPORT_2023)
    assert (count.unit, count.kind, amount.unit, amount.kind) == ("份", "achievement", "亿元", "achievement")


def test_a_growth_over_the_same_period_last_year_is_this_years():
    growth = find_facts("一季度，成交额35亿元，较去年同期增长1.2倍。", REPORT_2023)[-1]
    assert (growth.value, growth.unit, growth.year, growth.measure) == (1.2, "倍", 2023, "growth")
    assert growth.indicator == "成交额"


def test_counters_and_rates_per_population_are_units():
    text = ("发明专利拥有量达到12.5件/万人，R&D人员达到45人年/万人，建成科普基地8处，服务企业3600户，"
            "举办培训班12期，签订协议30份，发放首批奖励2批。")
    assert [(f.value, f.unit) for f in find_facts(text, PLAN_2023)] == [
        (12.5, "件/万人"), (45, "人年/万人"), (8, "处"), (3600, "户"), (12, "期"), (30, "份"), (2, "批")]
    # a phase of a project is not a count
    assert find_facts("建成产业园3期工程。", PLAN_2023) == []
    assert find_facts("完成二期场所建设，启动一期基础设施。", PLAN_2023) == []


def test_every_unit_ingest_reads_is_declared_in_the_ontology():
    table = load_units()
    assert UNITS == written_forms() and "人次" in UNITS and "万人次" in UNITS
    assert all(table.get(form) is not None for form in UNITS if form not in ("万",))
    assert list(UNITS) == sorted(UNITS, key=lambda form: (-len(form), form))


def test_an_amount_after_a_count_names_what_was_counted_and_respective_growth_follows_the_order():
    facts = find_facts("去年，全省共登记技术合同16320项，成交金额21.4亿元，较上一年分别增长49.1%和16.6%。", REPORT_2023)
    assert [(f.indicator, f.value, f.measure, f.year) for f in facts] == [
        ("登记技术合同", 16320, "level", 2022), ("技术合同成交金额", 21.4, "level", 2022),
        ("登记技术合同", 49.1, "growth", 2022), ("技术合同成交金额", 16.6, "growth", 2022)]
