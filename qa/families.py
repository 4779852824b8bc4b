"""Indicator families in questions: "研发（R&D）相关目标" means every R&D indicator, not one.

A family word (研发, R&D, 知识产权, 人才, 科技企业, 平台 and their English names, from the
``skos:Collection`` entries of ``ontology/indicators.ttl``) scopes a question to the family when
no single indicator is named, or when the family word itself is asked beside a named indicator
(研发投入强度等研发相关目标). A named indicator with 相关 (孵化器相关的目标, 研发人员相关的目标)
stays that indicator.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from plankg.ontology.thesaurus import Family, load_families

_RELATED_ZH = re.compile(r"相关|有关|方面|领域|类(?:目标|指标)|一类|系列")
_RELATED_EN = re.compile(r"\b(related|relating|concerning|family|kinds?\s+of)\b|-related\b", re.IGNORECASE)
#: Indicator matches that name one indicator for sure (a whole label; a close English label).
_SURE = ("label", "label+partial", "embedding")  # an embedding hit already cleared a high threshold
_SURE_ENGLISH = 0.7


def names_one_indicator(hit: object) -> bool:
    """A hit that names one indicator for sure, not a family word matched loosely (R&D targets)."""
    method = getattr(hit, "method", "")
    return method in _SURE or (method == "english" and getattr(hit, "score", 0.0) >= _SURE_ENGLISH)


def _word_in(text: str, word: str, language: str) -> bool:
    if language == "en" or word.isascii():
        return re.search(r"(?<![A-Za-z])" + re.escape(word) + r"(?![A-Za-z])", text, re.IGNORECASE) is not None
    return word in text


def family_named(text: str, language: str) -> Family | None:
    """The family whose words occur in ``text`` (the longest word wins), or None."""
    found = _family_word(text, language)
    return found[1] if found else None


def _family_word(text: str, language: str) -> tuple[str, Family] | None:
    """The family word found in ``text`` (the longest wins) and its family, or None."""
    best: tuple[str, Family] | None = None
    for family in load_families().values():
        words = family.words_en if language == "en" else family.words_zh + tuple(
            w for w in family.words_en if w.isascii() and w.upper() == w.upper() and "&" in w)
        for word in words:
            if _word_in(text, word, language) and (best is None or len(word) > len(best[0])):
                best = (word, family)
    return best


def find_family(text: str, language: str, indicators: Sequence[object]) -> Family | None:
    """The family a question is about, or None when it names one indicator (or none at all).

    Args:
        text: The question.
        language: ``zh`` or ``en``.
        indicators: The indicator hits of the question (objects with ``id`` and ``method``).
    """
    related = (_RELATED_EN if language == "en" else _RELATED_ZH).search(text) is not None
    found = _family_word(text, language)
    if found and language == "zh" and any(found[0] in str(getattr(h, "surface", "")) and len(str(getattr(h, "surface", ""))) > len(found[0])
                     for h in indicators):
        # 研发人员相关的目标: the family word is part of a longer indicator name, which narrows.
        return None
    sure = [h for h in indicators if names_one_indicator(h)]
    named = found[1] if found else None
    if sure and not related:
        return None
    if sure:
        # 孵化器相关的目标: a named indicator stays itself; the family widens only when its word is asked.
        ids = {getattr(h, "id", "") for h in sure}
        holding = [f for f in load_families().values() if ids & set(f.members)]
        return named if named is not None and named in holding else None
    return named


_OWNER_CUE_ZH = re.compile(r"谁|哪些单位|哪个单位|哪些部门|哪个部门|责任单位|牵头单位")
_OWNER_CUE_EN = re.compile(r"\bwho\b|\bwhich\s+(units?|departments?|bureaus?|agenc(y|ies)|bodies|organi[sz]ations?)\b",
                           re.IGNORECASE)
_TARGET_WORDS = re.compile(r"目标|指标|\btargets?\b|\bgoals?\b", re.IGNORECASE)


def asks_family_owners(text: str, language: str) -> bool:
    """Does the question ask who owns a family's targets (Which units own R&D-related targets?)."""
    cue = (_OWNER_CUE_EN if language == "en" else _OWNER_CUE_ZH).search(text)
    return bool(cue and _TARGET_WORDS.search(text) and family_named(text, language) is not None)
