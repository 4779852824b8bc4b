"""Thesaurus in search (fake concept encoder, so only the lexical route can find these)."""
from __future__ import annotations

import pytest

from plankg.embeddings import Searcher
from plankg.embeddings.search import expand_query, to_chinese

from .conftest import FakeEncoder


@pytest.fixture
def searcher(built_index) -> Searcher:
    return Searcher(built_index, encoder=FakeEncoder())


def test_english_query_becomes_chinese_terms():
    assert "孵化器" in to_chinese("technology incubators")
    assert to_chinese("孵化器建设") == "孵化器建设"  # Chinese queries are left alone
    assert to_chinese("2025") == "2025"


def test_expansion_adds_only_words_the_query_lacks():
    expanded = expand_query("加大研发投入")
    assert "研究与试验发展经费" in expanded and "研发投入" not in expanded.split()
    assert expand_query("天气很好") == ""


def test_english_query_finds_the_chinese_clause(searcher):
    # "venture" and "securitisation" are not words of the fake encoder's concepts: the dense side
    # sees noise, so the hit comes from the thesaurus' English names.
    top = [h.text for h in searcher.search(["high-level talent teams"], k=2)[0]]
    assert any("高层次人才" in t for t in top)


def test_synonyms_never_outweigh_the_query_words(searcher):
    # 众创空间 is a synonym of 孵化器 in the thesaurus: the clause with the query's own word leads.
    top = searcher.search(["孵化器"], k=3)[0]
    assert "孵化器" in top[0].text
