"""Different values for the same indicator, region, year and kind within one document.

Linear in the number of targets: targets are grouped by what must agree, each group is sorted by
value once, and every target lists at most :data:`MAX_CONFLICTS` others (a document repeating one
indicator with thousands of values would otherwise produce a quadratic number of links).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from itertools import groupby

from plankg.ingest.records import Document, Target

# Stock measures compare with each other (累计250 vs 拥有265); increments and growth rates do not.
_STOCK = {"level": "stock", "cumulative": "stock"}
#: Most conflicting targets recorded per target (the smallest differing values first).
MAX_CONFLICTS = 20
#: Candidates looked at per target (a clause holding a whole group must not make it quadratic).
_SCAN_BUDGET = 10 * MAX_CONFLICTS


def mark_conflicts(targets: list[Target], documents: Iterable[Document]) -> list[Target]:
    """Flag targets that disagree with others of the same document; both are kept."""
    region_of = {d.id: d.region for d in documents}
    groups: dict[tuple, list[Target]] = defaultdict(list)
    for target in targets:
        if target.value is None or target.year is None:
            continue
        key = (target.doc_id, region_of.get(target.doc_id), target.indicator_id, target.year, target.kind,
               _STOCK.get(target.measure, target.measure), target.unit)
        groups[key].append(target)
    conflicts: dict[str, tuple[str, ...]] = {}
    for members in groups.values():
        if len(members) > 1:
            conflicts.update(_group_conflicts(members))
    return [replace(t, conflicts_with=conflicts[t.id]) if t.id in conflicts else t for t in targets]


def _group_conflicts(members: list[Target]) -> dict[str, tuple[str, ...]]:
    """For each member, up to MAX_CONFLICTS others with another value from another clause."""
    ordered = sorted(members, key=lambda t: (t.value, t.id))
    blocks: list[list[Target]] = []  # runs of equal values
    for _, run in groupby(ordered, key=lambda t: t.value):
        blocks.append(list(run))
    if len(blocks) < 2:
        return {}
    found: dict[str, tuple[str, ...]] = {}
    for index, block in enumerate(blocks):
        for target in block:
            others: list[str] = []
            scanned = 0
            for other_block in _nearest_first(blocks, index):
                for other in other_block:
                    scanned += 1
                    if other.clause_id != target.clause_id:
                        others.append(other.id)
                    if len(others) >= MAX_CONFLICTS or scanned >= _SCAN_BUDGET:
                        break
                if len(others) >= MAX_CONFLICTS or scanned >= _SCAN_BUDGET:
                    break
            if others:
                found[target.id] = tuple(sorted(others))
    return found


def _nearest_first(blocks: list[list[Target]], index: int):
    """The other value blocks, nearest in value order first."""
    low, high = index - 1, index + 1
    while low >= 0 or high < len(blocks):
        if high < len(blocks):
            yield blocks[high]
            high += 1
        if low >= 0:
            yield blocks[low]
            low -= 1
