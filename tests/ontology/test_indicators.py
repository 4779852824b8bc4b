"""The indicator scheme: parsed from indicators.ttl, matched by longest surface form."""
from __future__ import annotations

import pytest

from plankg.ontology.indicators import (
    INDICATOR_NS,
    load_scheme,
    normalize_phrase,
    proposed_id,
    proposed_iri,
)


@pytest.fixture(scope="module")
def scheme():
    return load_scheme()


def test_every_concept_has_bilingual_labels_and_a_category(scheme):
    assert 50 <= len(scheme.concepts) <= 100
    category_ids = {c.id for c in scheme.categories}
    for concept in scheme.concepts:
        assert concept.label_zh and concept.label_en != concept.id, concept.id
        assert concept.broader in category_ids, concept.id
        assert concept.iri == INDICATOR_NS + concept.id
        assert scheme.by_id(concept.id) is concept


def test_surface_forms_are_unique_across_concepts(scheme):
    seen: dict[str, str] = {}
    for concept in scheme.concepts:
        for label in (normalize_phrase(concept.label_zh), *concept.alt_labels):
            assert seen.setdefault(label, concept.id) == concept.id, label


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("全社会R&D经费支出占GDP比重(%)", "rd_intensity"),
        ("力争全社会R&D经费投入占GDP的比重", "rd_intensity"),
        ("全社会Ｒ＆Ｄ占比", "rd_intensity"),  # full-width letters
        ("R&D经费投入强度", "rd_intensity"),
        ("R&D经费支出增长", "rd_expenditure_growth"),
        ("规模以上工业企业研发费用", "enterprise_rd_expenditure"),  # 规模以上 -> 规上
        ("新增国家高新技术企业", "high_tech_enterprises"),
        ("高企", "high_tech_enterprises"),
        ("省级科技型中小企业", "st_smes"),
        ("高新技术产业投资额年均增速", "hti_investment_growth"),
        ("高新技术产业投资额", "hti_investment"),
        ("网上技术市场交易额", "tech_transaction_value"),
        ("省级高新技术企业研发中心数量", "enterprise_rd_centres"),
        ("市级企业研发中心", "municipal_enterprise_rd_centres"),
        ("每万名就业人员中研发人员数(人年)", "rd_personnel_per_10k"),
    ],
)
def test_match_picks_the_longest_surface_form(scheme, phrase, expected):
    concept = scheme.match(phrase)
    assert concept is not None and concept.id == expected


def test_short_labels_do_not_match_inside_other_words(scheme):
    # 提高企业 contains 高企 but is not about high-tech enterprises.
    assert scheme.match("提高企业创新能力") is None
    assert scheme.match("") is None
    assert scheme.match("完全无关的短语") is None


def test_proposed_ids_are_normalised_and_iris_deterministic():
    assert proposed_id(" 新 指标Ａ ") == "proposed:新指标A"
    assert proposed_iri("proposed:新指标A") == proposed_iri("proposed:新指标Ａ")
    assert proposed_iri("proposed:新指标A") != proposed_iri("proposed:新指标B")
    assert proposed_iri("proposed:x").startswith(INDICATOR_NS + "proposed-")


def test_a_verb_inside_the_noun_phrase_does_not_hide_the_indicator():
    from plankg.ontology.indicators import load_scheme

    scheme = load_scheme()
    assert scheme.match("区本级高新技术产业实现增加值").id == scheme.match("高新技术产业增加值").id


def test_a_label_that_only_qualifies_another_measure_does_not_name_it():
    # the phrase's head is its last word: 高新技术企业 + 营业收入 is revenue, not the count of firms
    from plankg.ontology.indicators import load_scheme

    scheme = load_scheme()
    assert scheme.match("高新技术企业数量").id == "high_tech_enterprises"
    for phrase in ("高新技术企业有效发明专利拥有量", "高新技术企业营业收入"):
        concept = scheme.match(phrase)
        assert concept is None or concept.id != "high_tech_enterprises", phrase
