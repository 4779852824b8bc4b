"""Intent of a question, by cue rules plus similarity to example questions (no LLM).

Rules give each intent points for cue words (谁负责, 多少, 变化, 完成了吗, 有哪些 + a type
word...). Similarity adds points for resemblance to example questions written with their slots
masked (〈地〉〈年〉〈指〉〈单位〉〈实体〉), so "〈指〉的目标定在什么水平" resembles "〈指〉目标是多少" even
without a listed cue. Slot conditions gate intents: no organisation, no "targets of a unit".
The cue rules and example questions are data, in ``intents.toml`` beside this module.
"""
from __future__ import annotations

import functools
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SEARCH_THRESHOLD = 1.5
SIMILARITY_WEIGHT = 2.0

_INTENTS_TOML = Path(__file__).with_name("intents.toml")

#: Cue rules of one language: intent -> (regular expression, points) pairs, in tie-breaking order.
CueTable = dict[str, tuple[tuple[str, float], ...]]


@functools.cache
def load_intent_data() -> dict[str, Any]:
    """The cue rules and example questions of ``intents.toml``, read once."""
    with _INTENTS_TOML.open("rb") as handle:
        return tomllib.load(handle)


@functools.cache
def cue_rules(language: str) -> CueTable:
    """Cue rules of a language (``zh`` or ``en``): intent -> (pattern, points) pairs."""
    table = load_intent_data()["cues"][language]
    return {intent: tuple((rule["pattern"], float(rule["weight"])) for rule in rules) for intent, rules in table.items()}


@functools.cache
def example_questions(language: str) -> dict[str, tuple[str, ...]]:
    """Example questions of a language with their slots masked, by intent."""
    return {intent: tuple(examples) for intent, examples in load_intent_data()["examples"][language].items()}


@dataclass(frozen=True)
class SlotFlags:
    """Which slots a question filled (gates and nudges intents)."""

    indicator: bool = False
    region: bool = False
    year: bool = False
    period: bool = False
    org: bool = False
    entity_type: bool = False
    entity_name: bool = False
    entity_type_after_cue: bool = False


@dataclass(frozen=True)
class IntentResult:
    """The chosen intent, its score, and every intent's score (for explanations and tests)."""

    intent: str
    score: float
    scores: dict[str, float]

    @property
    def confidence(self) -> float:
        """0..1 from the winner's margin over the runner-up and its absolute score."""
        ordered = sorted(self.scores.values(), reverse=True)
        margin = ordered[0] - (ordered[1] if len(ordered) > 1 else 0.0)
        return round(min(1.0, 0.4 + 0.1 * ordered[0] + 0.1 * margin), 3) if self.intent != "search" else 0.3


def _features(text: str, language: str) -> Counter:
    text = text.lower()
    if language == "en":
        words = re.findall(r"〈[^〉]+〉|[a-z&]+", text)
        return Counter(words + [a + " " + b for a, b in zip(words, words[1:])])
    chars = re.sub(r"[\s？?。，,！!]", "", text)
    return Counter(chars[i:i + 2] for i in range(len(chars) - 1))


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    if not dot:
        return 0.0
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


@functools.cache
def _example_features(language: str) -> dict[str, list[Counter]]:
    return {intent: [_features(e, language) for e in examples] for intent, examples in example_questions(language).items()}


def classify(masked: str, language: str, flags: SlotFlags, original: str = "") -> IntentResult:
    """Score every intent for a question whose slots are masked; pick the best or ``search``.

    Args:
        masked: The question with slots replaced by 〈地〉〈年〉〈指〉〈单位〉〈实体〉.
        language: ``zh`` or ``en``.
        flags: Which slots were filled.
        original: The question as asked; cue words hidden by a greedy slot mask still count.
    """
    cues = cue_rules("en" if language == "en" else "zh")
    flags_re = re.IGNORECASE if language == "en" else 0
    scores: dict[str, float] = {}
    features = _features(masked, language)
    any_rule = False
    for intent in (*cues, "search"):
        rule = sum(weight for pattern, weight in cues.get(intent, ())
                   if re.search(pattern, masked, flags_re) or original and re.search(pattern, original, flags_re))
        any_rule = any_rule or rule > 0
        similarity = max((_cosine(features, f) for f in _example_features(language).get(intent, [])), default=0.0)
        scores[intent] = rule + SIMILARITY_WEIGHT * similarity
    if not any_rule and flags.indicator:
        scores["target_value"] += 1.0  # a bare noun phrase (桐乡技术交易额目标) asks for the value
    _apply_slot_rules(scores, flags)
    scores["search"] = max(scores["search"], SEARCH_THRESHOLD)
    best = max(scores, key=lambda k: (scores[k], k != "search"))
    return IntentResult(best, round(scores[best], 3), {k: round(v, 3) for k, v in scores.items()})


def _apply_slot_rules(scores: dict[str, float], flags: SlotFlags) -> None:
    """Slot conditions: an intent whose subject is missing cannot win; present slots nudge."""
    if not flags.org:
        scores["unit_targets"] = 0.0
    else:
        scores["unit_targets"] += 1.0
        scores["target_owners"] -= 1.5  # the question names the unit: it asks what it owns
    if not flags.entity_type:
        scores["entity_list"] = 0.0
    elif flags.entity_type_after_cue and not flags.entity_name:
        scores["entity_list"] += 1.5
    if not flags.entity_name:
        scores["entity_profile"] = 0.0
    else:
        scores["entity_profile"] += 1.0
    if flags.indicator or flags.region or flags.year:
        for intent in ("target_owners", "target_value", "evolution", "plan_vs_outcome"):
            scores[intent] += 0.5
    if flags.indicator:
        scores["entity_list"] -= 0.5
    if flags.period:
        scores["evolution"] += 1.0
    if not (flags.indicator or flags.region or flags.year or flags.org or flags.entity_name):
        # Nothing to look up (目标是多少): no named query fits; search answers with clauses.
        for intent in ("target_owners", "target_value", "evolution", "plan_vs_outcome"):
            scores[intent] = 0.0
