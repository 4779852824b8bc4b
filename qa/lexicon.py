"""Small word lists for understanding questions, read from data files once.

- ``ENGLISH_STOPWORDS``, ``GENERIC_ZH``, ``CUE_ZH``: ``lexicon.toml`` beside this module.
- ``ENGLISH_INDICATOR_ALIASES``: the English phrasings people use for indicators ("R&D intensity",
  "high-tech firms"), kept as ``skos:altLabel@en`` in ``ontology/indicators.ttl`` and gathered here
  by concept id (read on first use: it parses the scheme).
- ``ENGLISH_NAME_PARTS``: English words for parts of institution names, in
  ``ontology/english_names.toml``.
"""
from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

from plankg.ontology.aliases import load_english_names
from plankg.ontology.indicators import load_scheme

_LEXICON_TOML = Path(__file__).with_name("lexicon.toml")


@functools.cache
def load_lexicon() -> dict[str, Any]:
    """The word lists of ``lexicon.toml``."""
    with _LEXICON_TOML.open("rb") as handle:
        return tomllib.load(handle)


# English words that say nothing about which indicator is meant.
ENGLISH_STOPWORDS: frozenset[str] = frozenset(load_lexicon()["english_stopwords"])
# Chinese words too generic to name an indicator on their own.
GENERIC_ZH: frozenset[str] = frozenset(load_lexicon()["generic_zh"])
# Question words and cue phrases removed before matching indicator names in Chinese.
CUE_ZH: tuple[str, ...] = tuple(load_lexicon()["cue_zh"])
# English words for the parts of Chinese institution names (浙江大学 + 温州 + 研究院).
ENGLISH_NAME_PARTS: dict[str, str] = load_english_names()


@functools.cache
def english_indicator_aliases() -> dict[str, tuple[str, ...]]:
    """English phrasings of indicators by concept id (``skos:altLabel@en`` of the scheme)."""
    return {concept.id: concept.alt_labels_en for concept in load_scheme().concepts if concept.alt_labels_en}


def __getattr__(name: str) -> Any:
    # ENGLISH_INDICATOR_ALIASES stays importable by name, built on first use (PEP 562).
    if name == "ENGLISH_INDICATOR_ALIASES":
        return english_indicator_aliases()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
