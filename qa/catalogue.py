"""Names the question parser needs, read once from the graph: organisations, entities, proposed indicators.

These are lookup queries of the registry (``organisations``, ``named_entities``,
``proposed_indicators``: what names exist), not answers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plankg.graph.queries import run
from plankg.graph.terms import local_name
from plankg.qa.entities import EntityRecord
from plankg.qa.orgs import OrgRecord

_CLASS_TYPES = {"Institute": "institute", "Park": "park", "Programme": "programme", "Person": "person"}


def load_organisations(store: Any) -> list[OrgRecord]:
    """Every organisation and division of the graph with its aliases, region and parent."""
    grouped: dict[str, _Names] = {}
    for row in run(store, "organisations").rows:
        entry = grouped.setdefault(row.node, _Names(row.label))
        entry.add(row.alias, row.area)
        entry.parent = entry.parent or row.parent_label
    return [OrgRecord(e.name, e.other_names(), e.region, e.parent) for e in grouped.values()]


def load_entities(store: Any) -> list[EntityRecord]:
    """Institutes, parks, programmes and people with their aliases and region."""
    grouped: dict[str, _Names] = {}
    for row in run(store, "named_entities").rows:
        entry = grouped.setdefault(row.node, _Names(row.label, _CLASS_TYPES.get(local_name(row.rdf_class), "institute")))
        entry.add(row.alias, row.area)
    return [EntityRecord(e.name, e.kind, e.other_names(), e.region) for e in grouped.values()]


def load_proposed_indicators(store: Any) -> list[tuple[str, str]]:
    """Proposed (unreviewed) indicators as (IRI, label)."""
    return sorted({(row.indicator, row.label) for row in run(store, "proposed_indicators").rows})


@dataclass
class _Names:
    """A node's name, aliases and place, gathered over its rows (one row per alias)."""

    name: str
    kind: str = ""
    aliases: set[str] = field(default_factory=set)
    region: str | None = None
    parent: str | None = None

    def add(self, alias: str | None, area: str | None) -> None:
        if alias:
            self.aliases.add(alias)
        self.region = self.region or area

    def other_names(self) -> tuple[str, ...]:
        return tuple(sorted(self.aliases - {self.name}))
