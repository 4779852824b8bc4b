"""Slot parsing: years and periods, places with hierarchy, organisations, entity types, indicators."""
from __future__ import annotations

import pytest

from plankg.ontology.indicators import load_scheme
from plankg.qa.entities import EntityFinder, EntityRecord, name_like, parse_entity_types
from plankg.qa.indicator_slot import IndicatorMatcher, en_tokens
from plankg.qa.language import detect_language
from plankg.qa.orgs import OrgRecord, OrgResolver
from plankg.qa.places import parse_places
from plankg.qa.years import parse_time


@pytest.mark.parametrize(("text", "language"), [
    ("路桥区2025年技术交易额目标是多少？", "zh"),
    ("桐乡R&D投入占GDP比重的目标", "zh"),
    ("Which bureau owns the PCT target?", "en"),
    ("What is Luqiao's 技术交易额 target for 2025?", "en"),
])
def test_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(("text", "years", "period"), [
    ("2019年的目标", (2019,), None),
    ("2021年到2025年怎样变化", (2021, 2025), (2021, 2025)),
    ("从2019年至2022年", (2019, 2022), (2019, 2022)),
    ("2021—2025年", (2021, 2025), (2021, 2025)),
    ("“十四五”期间的目标", (2021, 2025), (2021, 2025)),
    ("十三五规划", (2016, 2020), (2016, 2020)),
    ("from 2019 to 2022", (2019, 2022), (2019, 2022)),
    ("in the 14th Five-Year Plan", (2021, 2025), (2021, 2025)),
    ("新增2000家企业", (), None),          # a value with its unit, not a year
    ("进入全省前十五名", (), None),        # fifteen, not the 10th five-year plan
])
def test_time(text, years, period):
    slot = parse_time(text)
    assert slot.years == years
    assert slot.period == period


def test_single_year_and_coverage():
    slot = parse_time("路桥区2025年技术交易额")
    assert slot.year == 2025
    assert slot.covers(2025) and not slot.covers(2022)
    assert parse_time("2021年到2025年").covers(2023)


def test_places_short_full_and_english_forms():
    assert parse_places("路桥2025年的目标").regions == ("路桥区",)
    assert parse_places("路桥区的目标").regions == ("路桥区",)
    assert parse_places("Which unit owns the target in Luqiao?").regions == ("路桥区",)
    assert parse_places("What are Wenzhou's labs?").regions == ("温州市",)


def test_places_anywhere_in_china_are_known_regions():
    # The gazetteer is national: 成都 and Sichuan are regions (the corpus may still hold nothing on them).
    assert parse_places("成都2025年的研发投入强度目标").regions == ("成都市",)
    assert parse_places("What about Sichuan province?").regions == ("四川省",)
    assert parse_places("What R&D target did Hanshou County set?").regions == ("汉寿县",)
    assert parse_places("黔东南州2021年技术合同交易额").regions == ("黔东南苗族侗族自治州",)


def test_places_inside_a_name_can_be_dropped():
    slot = parse_places("浙大温州研究院的进展")
    assert slot.regions == ("温州市",)
    assert slot.without([(0, 7)]).regions == ()


@pytest.fixture(scope="module")
def resolver():
    names = ["路桥区经信局", "路桥区人社局", "路桥区科技局", "温州市科技局", "温州市科技局高新处", "温州市科技局综合处",
             "桐乡市科技局", "瑞安市科技局"]
    return OrgResolver([OrgRecord(n) for n in names])


def test_org_short_forms_resolve_to_one_body(resolver):
    hits = resolver.find("区经信局负责哪些目标")
    assert [(h.surface, h.names) for h in hits] == [("区经信局", ("路桥区经信局",))]
    assert resolver.find("高新处负责哪些工作")[0].names == ("温州市科技局高新处",)
    assert resolver.find("人社局负责什么")[0].names == ("路桥区人社局",)


def test_org_ambiguous_form_is_narrowed_by_region(resolver):
    everywhere = resolver.find("科技局负责哪些目标")[0].names
    assert set(everywhere) >= {"路桥区科技局", "温州市科技局", "桐乡市科技局"}
    assert resolver.find("科技局负责哪些目标", regions=("路桥区",))[0].names == ("路桥区科技局",)
    # A city covers its counties: 温州 includes 瑞安.
    assert set(resolver.find("科技局的目标", regions=("温州市",))[0].names) == {"温州市科技局", "瑞安市科技局"}


def test_org_english_names_and_unknown_bodies(resolver):
    hit = resolver.find("What targets does the HR bureau own?")[0]
    assert hit.names == ("路桥区人社局",) and hit.english
    unknown = resolver.find("区商务局负责哪些目标")[0]
    assert unknown.surface == "区商务局" and unknown.names == ()
    assert resolver.english_name("路桥区人社局") == "Luqiao Human Resources and Social Security Bureau"


def test_entity_types_keep_the_narrow_keyword():
    types = parse_entity_types("温州有哪些研究院和实验室", "zh")
    assert [t.keyword for t in types] == ["研究", "实验室"]
    assert parse_entity_types("List the labs of Wenzhou", "en")[0].keyword == "实验室"
    assert parse_entity_types("路桥区有哪些园区", "zh")[0].classes == ("park",)


def test_entity_names_by_alias_by_shape_and_in_english():
    finder = EntityFinder([EntityRecord("浙江大学温州研究院", "institute", ("浙大温州研究院",), "温州市")])
    assert [h.name for h in finder.find("浙大温州研究院的进展")] == ["浙江大学温州研究院"]
    assert [h.name for h in finder.find_english("Progress of the Wenzhou Research Institute of Zhejiang University")] \
        == ["浙江大学温州研究院"]
    assert [n for n, _, _ in name_like("瓯江实验室建设情况如何")] == ["瓯江实验室"]
    assert name_like("温州有哪些实验室") == []
    assert name_like("瑞安有几家孵化器") == []


@pytest.fixture(scope="module")
def matcher():
    return IndicatorMatcher(load_scheme())


@pytest.mark.parametrize(("question", "expected"), [
    ("路桥区技术交易额目标是多少", {"tech_transaction_value"}),
    ("桐乡R&D投入占GDP比重的目标", {"rd_intensity"}),
    ("全社会研发投入强度", {"rd_intensity"}),
    ("温州R&D经费支出占比目标", {"rd_intensity"}),            # wider run beats the shorter label
    ("每万名就业人员中研发人员数的变化", {"rd_personnel_per_10k"}),
    ("高新技术企业数量目标", {"high_tech_enterprises"}),
])
def test_indicator_by_labels(matcher, question, expected):
    assert {h.id for h in matcher.match(question)} == expected


def test_indicator_by_shared_words_returns_the_family(matcher):
    ids = {h.id for h in matcher.match("哪些单位负责研发人员相关的目标")}
    assert {"rd_personnel_per_10k", "enterprise_rd_personnel_share"} <= ids
    assert all(h.method == "partial" for h in matcher.match("研发人员相关的目标"))


def test_indicator_category_expands_to_its_concepts(matcher):
    hits = matcher.match("研发投入方面的目标")
    assert {"rd_intensity", "rd_expenditure"} <= {h.id for h in hits}
    assert {h.method for h in hits} == {"category"}


@pytest.mark.parametrize(("question", "expected"), [
    ("What is the technology transaction value target?", "tech_transaction_value"),
    ("What R&D intensity does Tongxiang aim for?", "rd_intensity"),
    ("How many high-tech firms should Wenzhou add?", "high_tech_enterprises"),
    ("Who owns the patents per 10,000 people target?", "invention_patents_per_10k"),
    ("Which bureau leads PCT international patent applications?", "pct_applications"),
])
def test_indicator_in_english(matcher, question, expected):
    assert expected in {h.id for h in matcher.match(question, "en")}


def test_indicator_masks_other_slots_and_ignores_generic_words(matcher):
    assert matcher.match("北京2025年的科技目标是什么", blanks=[(0, 2), (2, 7)]) == []
    assert matcher.match("路桥区2025年有哪些目标", blanks=[(0, 3), (3, 8)]) == []
    assert en_tokens("high-tech enterprises' targets") == ["high-tech", "enterprise"]
