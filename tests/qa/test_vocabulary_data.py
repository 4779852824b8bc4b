"""Intent cues, examples and question word lists are data files; the data decides the answers."""
from __future__ import annotations

import copy
import re

import pytest

from plankg.qa import intents
from plankg.qa.intents import SlotFlags, classify

LANGUAGES = ("zh", "en")


def test_every_intent_has_cues_and_examples_in_both_languages():
    for language in LANGUAGES:
        rules = intents.cue_rules(language)
        examples = intents.example_questions(language)
        assert set(rules) >= {"target_owners", "target_value", "unit_targets", "evolution", "plan_vs_outcome",
                              "entity_list", "entity_profile", "search"}
        assert set(examples) == set(rules)
        for intent, pairs in rules.items():
            assert pairs and examples[intent], (language, intent)
            for pattern, weight in pairs:
                re.compile(pattern)
                assert weight > 0


@pytest.fixture
def intent_data(monkeypatch: pytest.MonkeyPatch):
    """A private copy of intents.toml's data that a test may edit, and a function that makes the
    cached rules see the edits."""
    data = copy.deepcopy(intents.load_intent_data())
    caches = (intents.cue_rules, intents.example_questions, intents._example_features)

    def clear() -> None:
        for cache in caches:
            cache.cache_clear()

    monkeypatch.setattr(intents, "load_intent_data", lambda: data)
    clear()
    yield data, clear
    monkeypatch.undo()
    clear()


def test_removing_an_intents_cues_and_examples_changes_the_intent(intent_data):
    masked, flags = "〈指〉的目标由谁负责", SlotFlags(indicator=True)
    assert classify(masked, "zh", flags).intent == "target_owners"
    data, refresh = intent_data
    data["cues"]["zh"]["target_owners"] = []
    data["examples"]["zh"]["target_owners"] = []
    refresh()
    assert classify(masked, "zh", flags).intent != "target_owners"


def test_a_cue_added_to_the_data_is_used(intent_data):
    masked, flags = "〈指〉归谁", SlotFlags(indicator=True)
    before = classify(masked, "zh", flags).scores["target_owners"]
    data, refresh = intent_data
    data["cues"]["zh"]["target_owners"].append({"pattern": "归谁", "weight": 3.0})
    refresh()
    assert classify(masked, "zh", flags).scores["target_owners"] == pytest.approx(before + 3.0)


def test_english_indicator_phrasings_come_from_the_scheme():
    from plankg.ontology.indicators import load_scheme
    from plankg.qa.indicator_slot import IndicatorMatcher
    from plankg.qa.lexicon import ENGLISH_INDICATOR_ALIASES

    scheme = load_scheme()
    assert "high-tech firms" in ENGLISH_INDICATOR_ALIASES["high_tech_enterprises"]
    assert all(scheme.by_id(concept_id) is not None for concept_id in ENGLISH_INDICATOR_ALIASES)
    assert all(a == a.lower() for aliases in ENGLISH_INDICATOR_ALIASES.values() for a in aliases)
    hits = IndicatorMatcher(scheme).match_english("How many high-tech firms by 2026?")
    assert hits and hits[0].id == "high_tech_enterprises"


def test_question_word_lists_load():
    from plankg.qa.lexicon import CUE_ZH, ENGLISH_NAME_PARTS, ENGLISH_STOPWORDS, GENERIC_ZH

    assert "the" in ENGLISH_STOPWORDS and "目标" in GENERIC_ZH and "是多少" in CUE_ZH
    assert ENGLISH_NAME_PARTS["zhejiang university"] == "浙江大学"
