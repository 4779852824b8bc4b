"""Names the question parser needs, read once from the graph: organisations, entities, proposed indicators.

These are lookup queries (what names exist), not answers; answers come from the named queries.
"""
from __future__ import annotations

from typing import Any

from plankg.qa.entities import EntityRecord
from plankg.qa.orgs import OrgRecord

ORGANISATIONS_SPARQL = """SELECT ?node ?label ?alias ?area ?parentLabel
WHERE {
  ?node a org:Organization ; rdfs:label ?label .
  FILTER(LANG(?label) = "zh")
  FILTER NOT EXISTS { ?node a plankg:Institute }
  OPTIONAL { ?node skos:altLabel ?alias }
  OPTIONAL { ?node plankg:locatedIn/rdfs:label ?area . FILTER(LANG(?area) = "zh") }
  OPTIONAL { ?node org:unitOf/rdfs:label ?parentLabel . FILTER(LANG(?parentLabel) = "zh") }
}"""

ENTITIES_SPARQL = """SELECT ?node ?label ?alias ?class ?area
WHERE {
  VALUES ?class { plankg:Institute plankg:Park plankg:Programme plankg:Person }
  ?node a ?class ; rdfs:label ?label .
  FILTER(LANG(?label) = "zh")
  OPTIONAL { ?node skos:altLabel ?alias }
  OPTIONAL { ?node plankg:locatedIn/rdfs:label ?area . FILTER(LANG(?area) = "zh") }
}"""

PROPOSED_SPARQL = """SELECT ?indicator ?label
WHERE {
  ?indicator a plankg:ProposedIndicator ; skos:prefLabel ?label .
}"""

_CLASS_TYPES = {"Institute": "institute", "Park": "park", "Programme": "programme", "Person": "person"}


def load_organisations(store: Any) -> list[OrgRecord]:
    """Every organisation and division of the graph with its aliases, region and parent."""
    grouped: dict[str, dict[str, Any]] = {}
    for row in store.query(ORGANISATIONS_SPARQL):
        entry = grouped.setdefault(row["node"], {"name": row["label"], "aliases": set(), "region": None,
                                                 "parent": None})
        if row.get("alias"):
            entry["aliases"].add(row["alias"])
        entry["region"] = entry["region"] or row.get("area")
        entry["parent"] = entry["parent"] or row.get("parentLabel")
    return [OrgRecord(e["name"], tuple(sorted(e["aliases"] - {e["name"]})), e["region"], e["parent"])
            for e in grouped.values()]


def load_entities(store: Any) -> list[EntityRecord]:
    """Institutes, parks, programmes and people with their aliases and region."""
    grouped: dict[str, dict[str, Any]] = {}
    for row in store.query(ENTITIES_SPARQL):
        kind = _CLASS_TYPES.get(str(row["class"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1], "institute")
        entry = grouped.setdefault(row["node"], {"name": row["label"], "aliases": set(), "type": kind,
                                                 "region": None})
        if row.get("alias"):
            entry["aliases"].add(row["alias"])
        entry["region"] = entry["region"] or row.get("area")
    return [EntityRecord(e["name"], e["type"], tuple(sorted(e["aliases"] - {e["name"]})), e["region"])
            for e in grouped.values()]


def load_proposed_indicators(store: Any) -> list[tuple[str, str]]:
    """Proposed (unreviewed) indicators as (IRI, label)."""
    return sorted({(row["indicator"], row["label"]) for row in store.query(PROPOSED_SPARQL)})
