"""Numbers, units and comparators in phrases written for the tests."""
from __future__ import annotations

import pytest

from plankg.ingest.numbers import comparator_for, find_values, parse_number


@pytest.mark.parametrize(
    "token, value",
    [("2.8", 2.8), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("三千五百", 3500), ("两千", 2000),
     ("1.2万", 12000), ("百分之二点八", 2.8), ("三点五", 3.5), ("一万二千", 12000), ("5亿", 5e8)],
)
def test_parse_number(token, value):
    assert parse_number(token) == pytest.approx(value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("新增企业1.2万家", (12000, "家")),
        ("投资金额1亿元以上", (1, "亿元")),
        ("营收突破1100亿元", (1100, "亿元")),
        ("占比百分之二点八", (2.8, "%")),
        ("培训三千人次", (3000, "人次")),
        ("提高2个百分点", (2, "个百分点")),
        ("研发人员达135人年", (135, "人年")),
        ("贷款余额735.99亿元", (735.99, "亿元")),
        ("引进专家5名", (5, "名")),
        ("举办对接会10场次", (10, "场次")),
        ("增长15％", (15, "%")),
        ("补助4528万元", (4528, "万元")),
    ],
)
def test_values_with_units(text, expected):
    found = find_values(text)
    assert (found[0].value, found[0].unit) == expected


def test_placeholders_and_ranges():
    placeholder = find_values("力争培育高新技术企业X家")[0]
    assert placeholder.placeholder and placeholder.value is None and placeholder.unit == "家"
    ranged = find_values("筛选2-3家进行对接")[0]
    assert (ranged.value, ranged.upper) == (2, 3)


def test_chinese_numerals_need_a_unit():
    assert find_values("打造十大高能级创新平台") == []
    assert find_values("推进一区五园建设") == []


@pytest.mark.parametrize(
    "before, after, comparator",
    [("新增", "以上。", ">="), ("不少于", "。", ">="), ("超过", "", ">="), ("突破", "", ">="),
     ("控制在", "以内", "<="), ("", "以内", "<="), ("", "左右", "~"), ("达到", "", "="), ("", "。", None)],
)
def test_comparators(before, after, comparator):
    assert comparator_for(before, after) == comparator


@pytest.mark.parametrize(
    "text, expected",
    [
        # Foreign money, installed capacity and energy: the units module's 美元, 千瓦, 千瓦时/度.
        ("实际利用外资312万美元", [(312, "万美元")]),
        ("新增光伏装机规模达到65万千瓦", [(650_000, "千瓦")]),
        ("建成充电桩功率800千瓦", [(800, "千瓦")]),
        ("全年发电量超过12亿度", [(1.2e9, "度")]),
        # A yearbook prints thousands apart with a space: one number when its unit follows at once.
        ("全年外贸进出口额4 318万元", [(4318, "万元")]),
        ("粮食总产量稳定在41万吨", [(410_000, "吨")]),
        # 3个亿: money said as a count of 亿
        ("全县技术交易额达3个亿", [(3, "亿元")]),
        ("共计2 046.5万元", [(2046.5, "万元")]),
    ],
)
def test_units_of_capacity_energy_and_foreign_money_and_spaced_thousands(text, expected):
    assert [(pytest.approx(v.value), v.unit) for v in find_values(text)] == expected


def test_what_looks_like_a_unit_or_a_spaced_number_but_is_not():
    assert find_values("该项目一度成为全省标杆") == []  # 一度: once
    assert [(v.value, v.unit) for v in find_values("见表2 146家")] == [(2, None), (146, "家")]  # table 2


def test_projects_of_a_size_are_counted_not_spoken_money():
    values = [(v.value, v.unit) for v in find_values("新开工400个省级重点项目、3500个亿元以上项目，培育6个亿元级产业集群。")]
    assert values == [(400, "个"), (3500, "个"), (6, "个")]
    assert [(v.value, v.unit) for v in find_values("今年争取投资3个亿")] == [(3, "亿元")]


def test_grain_output_in_jin_is_a_weight_not_money():
    assert [(v.value, v.unit) for v in find_values("粮食总产量稳定在720亿斤以上")] == [(72_000_000_000, "斤")]


def test_ten_thousand_yi_is_money_in_yi_yuan_with_or_without_yuan():
    for text in ("技工贸总收入达到1.6万亿", "技工贸总收入达到1.6万亿元"):
        assert [(v.value, v.unit) for v in find_values(text)] == [(16_000, "亿元")], text
