"""The English glossary turns the ordinary words of an English query into the plans' Chinese words."""
from __future__ import annotations

import pytest

from plankg.embeddings.search import to_chinese
from plankg.ontology.glossary import Glossary, load_glossary, parse_glossary
from plankg.ontology.thesaurus import load_thesaurus


def test_a_phrase_wins_over_its_words_and_unknown_words_are_skipped():
    glossary = Glossary(parse_glossary("interest\t利息\ninterest subsidy\t贴息\nloan\t贷款\n"))
    words, covered = glossary.translate(["loan", "interest", "subsidy", "zebra"])
    assert words == ["贷款", "贴息"] and covered == {0, 1, 2}


def test_file_entries_are_singular_lower_case_and_a_bad_line_names_itself():
    entries = parse_glossary("# comment\nForeign Experts\t外国专家 外籍专家\n")
    assert entries == {"foreign expert": ("外国专家", "外籍专家")}
    with pytest.raises(ValueError, match="glossary line 2"):
        parse_glossary("bank\t银行\nno chinese here\n")


def test_the_bundled_glossary_loads_and_covers_everyday_plan_words():
    glossary = load_glossary()
    assert len(glossary) > 200
    words, _ = glossary.translate("partner bank loan for overdue project".split())
    assert {"合作银行", "贷款", "逾期", "项目"} <= set(words)


def test_english_to_zh_keeps_thesaurus_terms_first_then_adds_glossary_words():
    words = load_thesaurus().english_to_zh("recruiting foreign experts for technology incubators")
    assert words.index("孵化器") < words.index("外国专家")


def test_an_english_query_without_thesaurus_terms_still_becomes_chinese():
    # before the glossary, words outside the thesaurus were dropped and this query stayed English
    query = to_chinese("clearing overdue unaccepted projects")
    assert {"清理", "逾期", "未验收", "项目"} <= set(query.split())
    assert to_chinese("已经是中文") == "已经是中文"
