"""Plumbing of the named queries: results with their SPARQL, prologues, and name lookups.

Lookups (regions, entities, indicators by name) run first and their IRIs are bound into the
main query, which keeps both engines starting from a few nodes instead of scanning.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from plankg.graph.store import IRI, GraphStore, LangString, QueryError, bind_values
from plankg.ontology.indicators import PROPOSED_PREFIX, load_scheme, proposed_iri
from plankg.ontology.namespaces import PREFIXES

_USED_PREFIX = re.compile(r"(?<![\w<])([A-Za-z][\w-]*):(?=[A-Za-z_])")


RowT = TypeVar("RowT")


@dataclass(frozen=True)
class QueryResult(Generic[RowT]):
    """Rows of a named query with the SPARQL text that produced them.

    The query functions return SPARQL solutions (dicts); :func:`plankg.graph.queries.run`
    returns the same result with typed rows (``plankg.graph.rows``).
    """

    name: str
    sparql: str
    rows: list[RowT] = field(default_factory=list)
    params: Mapping[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)


def with_prologue(body: str) -> str:
    """Prefix declarations for exactly the prefixes the query body uses."""
    used = sorted({m.group(1) for m in _USED_PREFIX.finditer(body)} & PREFIXES.keys())
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used) + body


def run_named(store: GraphStore, name: str, body: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
    """Bind parameters into a query body, run it, and keep the text that ran."""
    sparql = bind_values(with_prologue(body), {k: v for k, v in (bindings or {}).items() if v is not None})
    return QueryResult(name, sparql, store.query(sparql, trusted=True), dict(bindings or {}))


def find_regions(store: GraphStore, name: str) -> QueryResult:
    """Regions whose Chinese or English name is ``name`` or starts with it (温州 -> 温州市).

    Rows: region, label.
    """
    body = """SELECT DISTINCT ?region ?label
WHERE {
  ?region a plankg:Region ; rdfs:label ?regionLabel .
  FILTER(STR(?regionLabel) = ?regionName || STRSTARTS(LCASE(STR(?regionLabel)), LCASE(?regionName)))
  OPTIONAL { ?region rdfs:label ?label . FILTER(LANG(?label) = "zh") }
}
ORDER BY ?label"""
    return run_named(store, "find_regions", body, {"regionName": name.strip()})


def run_in_region(store: GraphStore, name: str, body: str, bindings: Mapping[str, Any],
                  region: str | None) -> QueryResult:
    """Run a named query, restricted to a region and everything inside it when ``region`` is given.

    The region is looked up first and bound as ``?regionNode``; the SPARQL shows both steps.
    """
    params = {**bindings, "region": region}
    if not region:
        result = run_named(store, name, body, bindings)
        return QueryResult(name, result.sparql, result.rows, params)
    found = find_regions(store, region)
    if not found.rows:
        return QueryResult(name, found.sparql, [], params)
    result = run_named(store, name, body, {**bindings, "regionNode": [IRI(r["region"]) for r in found.rows]})
    return QueryResult(name, found.sparql + "\n\n" + result.sparql, result.rows, params)


def resolve_indicator(indicator: str) -> IRI:
    """Indicator IRI from a concept id (rd_intensity), an IRI, a ``proposed:`` id or a phrase.

    Raises:
        QueryError: When the phrase matches no canonical indicator.
    """
    text = indicator.strip()
    if text.startswith(("http://", "https://")):
        return IRI(text)
    if text.startswith(PROPOSED_PREFIX):
        return IRI(proposed_iri(text))
    scheme = load_scheme()
    concept = scheme.by_id(text) or scheme.match(text)
    if concept is None:
        raise QueryError(f"unknown indicator {indicator!r}: it matches no concept of the indicator scheme")
    return IRI(concept.iri)


def _name_forms(name: str) -> list[str]:
    """A name as a Chinese-tagged and as a plain literal, so labels match by index, not by FILTER."""
    text = name.strip()
    return [LangString(text, "zh"), text, LangString(text, "en")]


def find_entities(store: GraphStore, name: str) -> QueryResult:
    """Nodes (not targets) whose label or alias is exactly ``name``. Rows: entity, label."""
    body = """SELECT DISTINCT ?entity ?label
WHERE {
  ?entity rdfs:label|skos:altLabel ?entityName .
  FILTER NOT EXISTS { ?entity a plankg:Target }
  FILTER NOT EXISTS { ?entity a plankg:Achievement }
  OPTIONAL { ?entity rdfs:label ?label . FILTER(LANG(?label) = "zh") }
}
ORDER BY ?entity"""
    return run_named(store, "find_entities", body, {"entityName": _name_forms(name)})


def about_entities(store: GraphStore, query_name: str, name: str, body: str) -> QueryResult:
    """Run ``body`` with ``?entity`` bound to the nodes named ``name`` (found first).

    Binding the entity IRIs up front lets both engines start from the entity instead of
    scanning every triple; the returned SPARQL shows both steps.
    """
    found = find_entities(store, name)
    entities = [IRI(row["entity"]) for row in found.rows]
    if not entities:
        return QueryResult(query_name, found.sparql, [], {"name": name})
    result = run_named(store, query_name, body, {"entity": entities})
    return QueryResult(query_name, found.sparql + "\n\n" + result.sparql, result.rows, {"name": name})
