"""When no fact fits every slot of a question: the facts of its place that fit best, each slot
that had to give way said in the answer.

The indicator must fit (the same concept, or the fact's own phrase close to the asked words);
the year, the kind (goal or result) and the level of the place are soft: a figure of another year
or of no stated year, a result where a goal was asked (or the reverse), a figure of a place inside
the asked one each cost something, and the cheapest facts are the answer. Nothing is answered when
no fact's indicator fits: a value is never taken from another indicator.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from plankg.graph import terms
from plankg.graph.rows import TargetRow
from plankg.qa.fact_fit import PHRASE_FIT, dice, phrase_fit, written_in
from plankg.qa.parse import Question

#: What each relaxation costs; a fact fitting every slot costs nothing.
COSTS = {"indicator_by_wording": 0.2, "child_for_place": 0.3, "year_unstated": 0.4, "other_year": 0.5,
         "result_for_goal": 0.6, "goal_for_result": 0.6}
#: Up to this much more for a fact whose own words are far from the question's.
WORDING = 0.3
#: Each year away from the asked one adds this to ``other_year``.
PER_YEAR = 0.2
#: Facts within this much of the best are answered beside it.
CLOSE = 0.25
MAX_FACTS = 6


@dataclass(frozen=True)
class Fit:
    """A fact and the slots it relaxes (empty when it fits the question as asked)."""

    row: TargetRow
    cost: float
    relaxed: tuple[str, ...]


def _indicator_cost(parsed: Question, row: TargetRow) -> float | None:
    fact_id = terms.indicator_id(row.indicator)
    for hit in parsed.indicators:
        if hit.id in (fact_id, row.indicator):
            return 0.0
    fit = max((phrase_fit(hit, row.phrase) for hit in parsed.indicators), default=0.0)
    if fit >= PHRASE_FIT or written_in(row.phrase, parsed.text):
        # The closer the fact's own words are to the question's, the cheaper.
        close = max(fit, dice(row.phrase or "", re.sub(r"〈[^〉]*〉", "", parsed.masked)))
        return COSTS["indicator_by_wording"] + WORDING * (1 - min(close, 1.0))
    return None


def _year_cost(parsed: Question, row: TargetRow) -> tuple[float, str | None]:
    time = parsed.time
    if not time.years and time.period is None:
        return 0.0, None
    if row.year is None:
        if row.period_start is not None and row.period_end is not None:
            first, last = time.period or (min(time.years), max(time.years))
            if row.period_start <= last and first <= row.period_end:
                return 0.0, None
        return COSTS["year_unstated"], "year_unstated"
    if time.covers(row.year):
        return 0.0, None
    asked = list(time.years) + (list(time.period) if time.period else [])
    away = min(abs(row.year - year) for year in asked)
    return COSTS["other_year"] + PER_YEAR * (away - 1), "other_year"


def rank(parsed: Question, rows: Iterable[TargetRow], kinds: frozenset[str]) -> list[Fit]:
    """The facts whose indicator fits the question, cheapest first (only those close to the best)."""
    fits = []
    seen = set()
    for row in rows:
        if row.target in seen:
            continue
        seen.add(row.target)
        indicator = _indicator_cost(parsed, row)
        if indicator is None:
            continue
        relaxed = ["indicator_by_wording"] if indicator else []
        year_cost, year_note = _year_cost(parsed, row)
        relaxed += [year_note] if year_note else []
        achievement = row.rdf_class.endswith("Achievement") if row.rdf_class else False
        kind_cost = 0.0
        if kinds == {"goal"} and achievement:
            kind_cost, relaxed = COSTS["result_for_goal"], relaxed + ["result_for_goal"]
        elif kinds == {"result"} and not achievement:
            kind_cost, relaxed = COSTS["goal_for_result"], relaxed + ["goal_for_result"]
        place_cost = 0.0
        if parsed.regions and not parsed.places.documents and row.area_name and \
                row.area_name not in parsed.regions:
            place_cost, relaxed = COSTS["child_for_place"], relaxed + ["child_for_place"]
        fits.append(Fit(row, indicator + year_cost + kind_cost + place_cost, tuple(relaxed)))
    fits.sort(key=lambda fit: fit.cost)
    if not fits:
        return []
    best = fits[0].cost
    return [fit for fit in fits if fit.cost <= best + CLOSE][:MAX_FACTS]


def notes(fits: list[Fit]) -> list[str]:
    """The relaxations the answered facts needed, each once, in a stable order."""
    used = {what for fit in fits for what in fit.relaxed}
    return [what for what in COSTS if what in used and what != "indicator_by_wording"]
