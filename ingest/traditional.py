"""Traditional characters read as simplified, with the original kept for evidence.

Plans mirrored in traditional characters (``高新技術企業達到360家…突破80億元``) are read through a
*reading* text: the same text converted to simplified characters by OpenCC (``t2s``), with exactly
the same length, so every offset into it is an offset into the original. Segmentation, tables
and metadata work on the reading text; ``Document.text`` stays as written, and each converted run
of characters is a :class:`~plankg.ingest.records.Repair` (rule ``traditional``), so clause text
reads ``亿``/``万`` (units, like any other) while evidence quotes ``億``/``萬`` as written.

OpenCC converts phrase by phrase; a line whose conversion would change its length (rare in
``t2s``) is converted character by character instead, which keeps the offsets exact.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from plankg.ingest.records import Repair

#: Share of CJK characters that must change before a text counts as traditional: a few
#: traditional-looking characters (乾隆, 著) in a simplified plan leave it alone.
TRADITIONAL_SHARE = 0.04
_MIN_CHANGED = 3


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` converted to simplified characters with the same length, whatever it is written in."""
    return "\n".join(_convert_line(line) for line in text.split("\n"))


def _convert_line(line: str) -> str:
    converted: str = _converter().convert(line)
    if len(converted) == len(line):
        return converted
    return "".join(ch if len(one := _converter().convert(ch)) != 1 else one for ch in line)


@functools.lru_cache(maxsize=8)
def reading_text(text: str) -> str:
    """``text`` in simplified characters, same length, if it is written in traditional ones; else ``text``.

    Args:
        text: A document's text as read.

    Returns:
        A string of the same length whose character ``i`` reads ``text[i]``.
    """
    if not _looks_traditional(text):
        return text
    return "\n".join(_convert_line(line) for line in text.split("\n"))


def _looks_traditional(text: str) -> bool:
    cjk = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return False
    sample = "".join(cjk[:20000])
    changed = sum(a != b for a, b in zip(sample, _convert_line(sample)))
    return changed >= _MIN_CHANGED and changed >= TRADITIONAL_SHARE * len(sample)


def traditional_repairs(original: str, reading: str) -> list[Repair]:
    """One ``traditional`` repair per run of characters that the reading text changes.

    Args:
        original: The text as written.
        reading: :func:`reading_text` of it (same length).
    """
    if original is reading or original == reading:
        return []
    repairs: list[Repair] = []
    start = -1
    for pos, (was, reads) in enumerate(zip(original, reading)):
        if was != reads and start < 0:
            start = pos
        elif was == reads and start >= 0:
            repairs.append(Repair(start, pos, original[start:pos], reading[start:pos], "traditional"))
            start = -1
    if start >= 0:
        repairs.append(Repair(start, len(original), original[start:], reading[start:], "traditional"))
    return repairs


def written_form(phrase: str, original: str, repairs: Sequence[Repair]) -> str:
    """``phrase``, read in simplified characters, as the document writes it (省科技厅 -> 省科技廳).

    Args:
        phrase: Text found in the reading text (a unit's name).
        original: The document's text as written.
        repairs: Its repairs; the ``traditional`` ones give the reading text back.

    Returns:
        The same span of the original text, or ``phrase`` when the document has no such span.
    """
    runs = [r for r in repairs if r.rule == "traditional"]
    if not runs or not phrase:
        return phrase
    reading = list(original)
    for run in runs:
        reading[run.start : run.end] = run.replacement
    at = "".join(reading).find(phrase)
    return original[at : at + len(phrase)] if at >= 0 else phrase
