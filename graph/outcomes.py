"""Plan vs outcome, like with like: the one rule every path pairs a target with a report by.

A target and a report are the same series only when they count the same kind of measure: an
increment (新增400家) with an increment (新增631家), a total (总数/累计/突破2400家) with a total, a
rate (增长15%) with a rate. The graph's outcome links (:mod:`plankg.graph.links`), the
``plan_vs_outcome`` named query, the Ask tab's answer, the app's Evolution tab and the notebooks
all use :func:`measure_kind` and :func:`verdict`, so they give the same pairs and verdicts.
"""
from __future__ import annotations

# A record's ``measure`` -> the kind of figure it is; two figures are comparable only of one kind.
_KINDS = {"increment": "increment", "level": "total", "cumulative": "total", "growth": "rate",
          "rank": "rank", "multiple": "multiple"}


def measure_kind(measure: str | None, growth: bool = False) -> str:
    """``increment``, ``total``, ``rate``, ``rank`` or ``multiple``: what a figure counts.

    >>> measure_kind("increment"), measure_kind("cumulative"), measure_kind("level", growth=True)
    ('increment', 'total', 'rate')
    """
    if growth:
        return "rate"
    return _KINDS.get(measure or "level", measure or "total")


def year_gap(target_year: int | None, actual_year: int | None) -> int | None:
    """Years from the target's to the report's (None when either is unknown)."""
    if target_year is None or actual_year is None:
        return None
    return int(actual_year) - int(target_year)


def verdict(target_value: float | None, actual_value: float | None, comparator: str | None,
            gap: int | None) -> bool | None:
    """Met (True), not met (False) or no verdict (None): only for a report of the target's own year.

    A report of another year, or of an unknown one, is shown with its gap and no verdict: a
    2020 count says nothing about whether a 2019 goal was met.

    >>> verdict(400, 631, None, 0), verdict(400, 631, None, 1), verdict(3.0, 2.8, "<=", 0)
    (True, None, True)
    """
    if target_value is None or actual_value is None or gap != 0:
        return None
    if comparator in ("<=", "<"):
        return actual_value <= target_value
    return actual_value >= target_value
