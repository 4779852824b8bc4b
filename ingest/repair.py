"""OCR repairs in numbers and years, and anonymised placeholders.

Repairs are general rules, each recorded with its offset; placeholders (X家, 20XX年, XX市) are
flagged and kept as written: unknown stays unknown.
"""
from __future__ import annotations

import re

from plankg.ingest.records import Placeholder, Repair

# Characters OCR confuses with digits. "L" is how "1." comes out of some scans (IL77 = 11.77,
# 45L67 = 451.67, L4 = 1.4).
_CONFUSABLE = {"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "L": "1."}
_RUN = re.compile(r"(?<![A-Za-z])[0-9IlLO|o.]{2,}(?![A-Za-z])")
# What may follow a number: units, percent, year, or the end of a number phrase.
_NUMBER_TAIL = re.compile(r"[%％亿万千百元家个件项人年月日位名只场次倍]")
# 。 read as a lowercase o after a number or an X placeholder, before Chinese or a bracket.
_PERIOD_O = re.compile(r"(?<=[0-9X%])o(?=[\u4e00-\u9fff(（“]|$)")
# 虬 is how "%" comes out glued to the next glyph in some scans (10虬 = 10%).
_PERCENT = re.compile(r"(?<=[0-9])虬")
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:20XX|20xx|[Xx]{1,3}(?:\s?-\s?[Xx]{1,3})?)(?![A-Za-z])"
)


def find_repairs(text: str) -> list[Repair]:
    """Return the OCR repairs for ``text``, sorted by offset."""
    repairs: list[Repair] = []
    taken: set[int] = set()
    for match in _PERIOD_O.finditer(text):
        repairs.append(Repair(match.start(), match.end(), "o", "。", "o-as-period"))
        taken.add(match.start())
    for match in _PERCENT.finditer(text):
        repairs.append(Repair(match.start(), match.end(), "虬", "%", "percent-glyph"))
    for match in _RUN.finditer(text):
        run = match.group()
        if run.startswith(".") or not any(ch in _CONFUSABLE for ch in run):
            continue
        has_digit = any(ch.isdigit() for ch in run)
        tail = text[match.end() : match.end() + 1]
        if not has_digit and not _NUMBER_TAIL.match(tail):
            continue
        if not has_digit and sum(ch in "IlL|" for ch in run) == 0:
            continue  # "OO" alone is not a number
        for offset, ch in enumerate(run):
            pos = match.start() + offset
            if ch in _CONFUSABLE and pos not in taken:
                # A lone trailing "o" before Chinese text is the period rule's, not a zero.
                repairs.append(Repair(pos, pos + 1, ch, _CONFUSABLE[ch], "ocr-digit"))
    repairs.sort(key=lambda r: r.start)
    return _merge_adjacent(repairs)


def _merge_adjacent(repairs: list[Repair]) -> list[Repair]:
    """Merge single-character digit repairs that touch into one record per number."""
    merged: list[Repair] = []
    for rep in repairs:
        last = merged[-1] if merged else None
        if last and last.rule == rep.rule == "ocr-digit" and last.end == rep.start:
            merged[-1] = Repair(
                last.start, rep.end, last.original + rep.original,
                last.replacement + rep.replacement, "ocr-digit",
            )
        else:
            merged.append(rep)
    return merged


def find_placeholders(text: str) -> list[Placeholder]:
    """Return anonymised values (X, XX, 20XX, X-X) with their spans."""
    found = []
    for match in _PLACEHOLDER.finditer(text):
        found.append(Placeholder(match.start(), match.end(), match.group()))
    return found
