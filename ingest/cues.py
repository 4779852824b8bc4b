"""Extraction cue words as data: the word lists of ``lang/<code>/cues.toml``, read once.

The lists (力争/确保 mark goals, 同比/已 mark results, 牵头 marks a lead unit...) live apart from the
algorithms that use them, as spaCy keeps stop words and tokenizer exceptions in ``lang/<code>/``.
Modules build their regular expressions from templates that name a list in angle brackets:

    >>> fill(r"(?:<tense.target>)$").startswith("(?:(?:力争|争取|确保")
    True

A list entry is a word, or a table ``{word = "将", not_next = ["近"]}`` for a word that counts only
when one of the given characters does not follow it (or precede it, ``not_prev``).
"""
from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Any

_LANG_DIR = Path(__file__).with_name("lang")
_PLACEHOLDER = re.compile(r"<([a-z_]+\.[a-z_]+)>")


@functools.cache
def load_cues(language: str = "zh") -> dict[str, Any]:
    """Every cue list of a language, as ``{section: {list name: entries}}`` in file order.

    Besides the sections of word lists, ``units`` holds the unit rules (``[[units]]`` tables).
    """
    path = _LANG_DIR / language / "cues.toml"
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _entries(name: str, language: str) -> list[Any]:
    section, _, key = name.partition(".")
    try:
        return list(load_cues(language)[section][key])
    except KeyError:
        raise KeyError(f"no cue list {name!r} in lang/{language}/cues.toml") from None


def words(name: str, language: str = "zh") -> tuple[str, ...]:
    """The words of one list (``section.list``), in file order, without their conditions."""
    return tuple(entry if isinstance(entry, str) else entry["word"] for entry in _entries(name, language))


def _entry_pattern(entry: str | dict[str, Any]) -> str:
    if isinstance(entry, str):
        return re.escape(entry)
    pattern = re.escape(entry["word"])
    if entry.get("not_prev"):
        pattern = "(?<![" + "".join(map(re.escape, entry["not_prev"])) + "])" + pattern
    if entry.get("not_next"):
        pattern += "(?!" + "|".join(map(re.escape, entry["not_next"])) + ")"
    return pattern


def alternation(name: str, language: str = "zh") -> str:
    """One list as a regex alternation ``(?:w1|w2|...)``, in file order (earlier words win)."""
    return "(?:" + "|".join(_entry_pattern(entry) for entry in _entries(name, language)) + ")"


def alternation_of(name: str, only: tuple[str, ...], language: str = "zh") -> str:
    """The entries of one list whose word is in ``only``, with their conditions, as an alternation."""
    entries = [entry for entry in _entries(name, language) if (entry if isinstance(entry, str) else entry["word"]) in only]
    return "(?:" + "|".join(_entry_pattern(entry) for entry in entries) + ")"


def fill(template: str, language: str = "zh") -> str:
    """A regex template with each ``<section.list>`` replaced by that list's alternation."""
    return _PLACEHOLDER.sub(lambda m: alternation(m.group(1), language), template)


def cue_regex(template: str, flags: int = 0, language: str = "zh") -> re.Pattern[str]:
    """``re.compile(fill(template))``: a compiled pattern built from the cue lists."""
    return re.compile(fill(template, language), flags)


def unit_rules(language: str = "zh") -> tuple[tuple[tuple[str, ...], str | None], ...]:
    """The units a count indicator implies: (words, unit or None for money), in file order."""
    return tuple((tuple(rule["words"]), rule["unit"] or None) for rule in load_cues(language)["units"])


def table(name: str, language: str = "zh") -> dict[str, Any]:
    """A key-value table of the cue file (``years.five_year_plans``)."""
    section, _, key = name.partition(".")
    return dict(load_cues(language)[section][key])
