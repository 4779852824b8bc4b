"""The policy-term thesaurus and the indicator families load from their Turtle files."""
from __future__ import annotations

from plankg.ontology.indicators import load_scheme
from plankg.ontology.thesaurus import load_families, load_thesaurus


def test_chinese_synonyms_expand():
    expanded = load_thesaurus().expand_zh("加大研发投入")
    assert {"R&D经费", "研究与试验发展经费"} <= set(expanded)


def test_english_names_map_to_chinese_terms():
    words = load_thesaurus().english_to_zh("support for technology incubators and venture capital")
    assert "孵化器" in words and "科技金融" in words


def test_every_family_member_is_a_scheme_indicator():
    scheme = load_scheme()
    families = load_families()
    assert {"family_rd", "family_ip", "family_talent", "family_enterprise", "family_platform"} <= set(families)
    for family in families.values():
        assert family.members and all(scheme.by_id(m) is not None for m in family.members)
    rd = families["family_rd"].members
    assert {"rd_intensity", "rd_expenditure_growth", "enterprise_rd_expenditure", "rd_personnel_per_10k",
            "enterprise_rd_institutions"} <= set(rd)
