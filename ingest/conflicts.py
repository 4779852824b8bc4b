"""Different values for the same indicator, region, year and kind within one document."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Iterable

from plankg.ingest.records import Document, Target

# Stock measures compare with each other (累计250 vs 拥有265); increments and growth rates do not.
_STOCK = {"level": "stock", "cumulative": "stock"}


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
    conflicts: dict[str, set[str]] = defaultdict(set)
    for members in groups.values():
        for a in members:
            for b in members:
                if a.id != b.id and abs((a.value or 0) - (b.value or 0)) > 1e-9 and a.clause_id != b.clause_id:
                    conflicts[a.id].add(b.id)
    return [replace(t, conflicts_with=tuple(sorted(conflicts[t.id]))) if t.id in conflicts else t for t in targets]
