"""Understanding a question, in one pass: text in, a typed :class:`~plankg.qa.parse.Question` out.

Nothing is looked up in the graph here. The slots are read from the words (``parse_question``);
then two refinements that need the whole picture: an indicator named only loosely is matched by
meaning (when an encoder is at hand), and a family word (研发相关, R&D-related) widens a question
to every indicator of the family.
"""
from __future__ import annotations

from plankg.ingest.traditional import to_simplified
from plankg.qa.answer import FAMILY_INTENTS, NEEDS_INDICATOR
from plankg.qa.families import asks_family_owners, find_family
from plankg.qa.indicator_slot import mask
from plankg.qa.intents import IntentResult
from plankg.qa.parse import Question, Vocabulary, parse_question

#: Partial matches scoring below this (a shared run of under four characters) are weak evidence.
WEAK_MATCH = 0.6


def understand(text: str, vocabulary: Vocabulary) -> Question:
    """Language, places, years, organisations, indicators, entities and intent of a question.

    Args:
        text: The question (already checked for length and emptiness).
        vocabulary: What names are matched against (indicators, organisations, entities, places).
    """
    # A question written (or quoting a term) in traditional characters reads like the plans,
    # which are read in simplified ones (規上工業增加值 is 规上工业增加值); same length, same spans.
    question = parse_question(to_simplified(text), vocabulary)
    intent = question.asks
    needs = intent in NEEDS_INDICATOR or (intent == "target_value" and not question.regions)
    weak = all(h.method == "partial" and h.score < WEAK_MATCH for h in question.indicators)
    matcher = vocabulary.indicators
    if needs and weak and matcher.encode is not None and question.language == "zh":
        # No label and at most a short shared run (研究开发开支 shares only 研究 with labels):
        # meaning decides, when the encoder can tell.
        question.indicators = matcher.match_embedding(mask(question.text, question.blanks)) or question.indicators

    if intent not in FAMILY_INTENTS and asks_family_owners(question.text, question.language):
        # "Which units own R&D-related targets?": not a list of organisations but the family's owners.
        scores = dict(question.intent.scores) if question.intent else {}
        question.intent = IntentResult("target_owners", max(scores.values(), default=3.0), scores)
        intent = "target_owners"
    if intent in FAMILY_INTENTS:
        question.family = find_family(question.text, question.language, question.indicators)
    return question
