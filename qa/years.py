"""Years and periods in a question: 2019年, 2021年到2025年, from 2019 to 2022, 十四五, 14th Five-Year Plan."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Five-year plans by ordinal: the 14th covers 2021-2025.
_FYP_ORDINALS = {"十": 10, "十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16}
_FYP_ZH = re.compile(r"[“\"「]?(十[一二三四五六]?)五[”\"」]?(?:规划|时期|期间|期末)?")
_FYP_EN = re.compile(r"\b(1[0-6])(?:st|nd|rd|th)\s+five[- ]year(?:\s+plan)?\b", re.IGNORECASE)
# A four-digit year: not part of a longer number, not a value followed by a unit (2000家, 2020亿元).
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?![\d.])(?!\s*(?:家|个|亿|万|元|人|项|件|名|位|%|％|平方|亩|场|只))")
_RANGE = re.compile(
    r"(?<![\d.])((?:19|20)\d{2})\s*年?\s*(?:到|至|—|–|-|~|～|－|\bto\b|\buntil\b|\bthrough\b|\band\b)\s*"
    r"((?:19|20)\d{2})(?![\d.])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TimeSlot:
    """Years a question names.

    Attributes:
        years: Every year named, in order of appearance (range ends included).
        period: (first, last) when the question names a range or a five-year plan.
        spans: (start, end) of each time expression in the question.
    """

    years: tuple[int, ...] = ()
    period: tuple[int, int] | None = None
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def year(self) -> int | None:
        """The single year asked about, or None for none or several."""
        return self.years[0] if len(self.years) == 1 and self.period is None else None

    def covers(self, year: int | None) -> bool:
        """Does a year fall in what was asked (True when nothing was asked)?"""
        if year is None or (not self.years and self.period is None):
            return True
        if self.period is not None:
            return self.period[0] <= year <= self.period[1]
        return year in self.years


def five_year_plan(ordinal: int) -> tuple[int, int]:
    """Years of the n-th five-year plan (from the 4th, 1971-1975, on): 14 -> (2021, 2025)."""
    first = 2021 + 5 * (ordinal - 14)
    return first, first + 4


def parse_time(text: str) -> TimeSlot:
    """Find years, ranges and five-year plans in a question.

    >>> parse_time("路桥区2021年到2025年的目标").period
    (2021, 2025)
    >>> parse_time("十四五期间").period
    (2021, 2025)
    >>> parse_time("新增2000家企业").years
    ()
    """
    spans: list[tuple[int, int]] = []
    years: list[int] = []
    period: tuple[int, int] | None = None
    for match in _RANGE.finditer(text):
        first, last = int(match.group(1)), int(match.group(2))
        if first < last:
            period = period or (first, last)
            years += [first, last]
            spans.append(match.span())
    for pattern, ordinal_of in ((_FYP_ZH, lambda m: _FYP_ORDINALS.get(m.group(1))),
                                (_FYP_EN, lambda m: int(m.group(1)))):
        for match in pattern.finditer(text):
            ordinal = ordinal_of(match)
            if match.group(1) == "十" and match.group(0) == "十五":
                continue  # bare 十五 is usually fifteen, not the 10th five-year plan
            if ordinal is None or _inside(match.span(), spans):
                continue
            plan = five_year_plan(ordinal)
            period = period or plan
            years += [plan[0], plan[1]]
            spans.append(match.span())
    for match in _YEAR.finditer(text):
        if _inside(match.span(1), spans):
            continue
        years.append(int(match.group(1)))
        end = match.end(1) + (1 if text[match.end(1):match.end(1) + 1] == "年" else 0)
        spans.append((match.start(1), end))
    unique = tuple(dict.fromkeys(years))
    if period is None and len(unique) >= 2:
        period = (min(unique), max(unique))
    return TimeSlot(unique, period, tuple(sorted(spans)))


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)
