"""Named, parameterised SPARQL queries used by the QA layer and the UI.

Each function returns a :class:`QueryResult` with the rows and the exact SPARQL text that ran
(parameters appear in it only as escaped ``VALUES`` terms, never pasted user text).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from plankg.graph.store import IRI, GraphStore, LangString, QueryError, Row, bind_values
from plankg.ontology.namespaces import PREFIXES

ENTITY_CLASSES = {
    "organization": "org:Organization",
    "division": "org:OrganizationalUnit",
    "institute": "plankg:Institute",
    "park": "plankg:Park",
    "programme": "plankg:Programme",
    "person": "plankg:Person",
    "region": "plankg:Region",
}
_USED_PREFIX = re.compile(r"(?<![\w<])([A-Za-z][\w-]*):(?=[A-Za-z_])")

# Shared fragments: role and value kind as short strings, unit symbol, region filter.
_ROLE = ('BIND(IF(?roleNode = plankg:LeadRole, "lead", IF(?roleNode = plankg:SupportRole, "support", '
         '"default")) AS ?role)')
_KIND = ('BIND(IF(?kindNode = plankg:TargetValue, "target", IF(?kindNode = plankg:ActualValue, "actual", '
         'IF(?kindNode = plankg:StretchValue, "stretch", "baseline"))) AS ?kind)')
_REGION_FILTER = """?obs plankg:refArea ?area .
  ?area plankg:withinRegion* ?regionNode .
  ?regionNode rdfs:label ?regionNodeName .
  FILTER(STR(?regionNodeName) = ?regionName || STRSTARTS(STR(?regionNodeName), ?regionName))"""


@dataclass(frozen=True)
class QueryResult:
    """Rows of a named query with the SPARQL text that produced them."""

    name: str
    sparql: str
    rows: list[Row] = field(default_factory=list)
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
    return QueryResult(name, sparql, store.query(sparql), dict(bindings or {}))


def resolve_indicator(indicator: str) -> IRI:
    """Indicator IRI from a concept id (rd_intensity), an IRI, a ``proposed:`` id or a phrase.

    Raises:
        QueryError: When the phrase matches no canonical indicator.
    """
    from plankg.ontology.indicators import PROPOSED_PREFIX, load_scheme, proposed_iri

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


def _group_owners(rows: list[Row], key: str = "target") -> list[Row]:
    """One row per target with ``owners`` as sorted ``[{name, role}]`` (engines order differently)."""
    grouped: dict[Any, Row] = {}
    for row in rows:
        owner = {"owner": row.pop("owner", None), "name": row.pop("ownerName", None), "role": row.pop("role", None)}
        entry = grouped.setdefault(row[key], {**row, "owners": []})
        if owner["owner"] is not None and owner not in entry["owners"]:
            entry["owners"].append(owner)
    for entry in grouped.values():
        entry["owners"].sort(key=lambda o: ({"lead": 0, "support": 1}.get(o["role"], 2), o["name"] or ""))
    return list(grouped.values())


# ---- the named queries -------------------------------------------------------------------------
def owners_of_indicator(store: GraphStore, indicator: str, region: str | None = None) -> QueryResult:
    """Who owns the targets of an indicator, with role, year and source document.

    One row per (target, owner): target, owner, ownerName, role (lead|support|default), year,
    periodStart, periodEnd, value, unit, placeholder, document, docTitle, clause, regionName.
    """
    body = f"""SELECT ?target ?owner ?ownerName ?role ?year ?periodStart ?periodEnd ?value ?unit ?placeholder
       ?document ?docTitle ?clause ?areaName
WHERE {{
  ?obs a plankg:Target ;
       plankg:indicator ?indicator ;
       prov:wasDerivedFrom ?clause ;
       qb:dataSet/dcterms:source ?document ;
       prov:qualifiedAttribution ?attribution .
  ?attribution prov:agent ?owner ; prov:hadRole ?roleNode .
  ?owner rdfs:label ?ownerName .
  ?document dcterms:title ?docTitle .
  {_REGION_FILTER if region else ""}
  OPTIONAL {{ ?obs plankg:year ?year }}
  OPTIONAL {{ ?obs plankg:periodStart ?periodStart ; plankg:periodEnd ?periodEnd }}
  OPTIONAL {{ ?obs sdmx-measure:obsValue ?value }}
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure/skos:notation ?unit }}
  OPTIONAL {{ ?obs plankg:isPlaceholder ?placeholder }}
  OPTIONAL {{ ?obs plankg:refArea/rdfs:label ?areaName . FILTER(LANG(?areaName) = "zh") }}
  {_ROLE}
  BIND(?obs AS ?target)
}}
ORDER BY ?ownerName ?year ?target"""
    bindings = {"indicator": resolve_indicator(indicator), "regionName": region}
    return run_named(store, "owners_of_indicator", body, bindings)


def targets(store: GraphStore, region: str | None = None, year: int | None = None, owner: str | None = None,
            indicator: str | None = None, include_achievements: bool = False) -> QueryResult:
    """Targets filtered by region (hierarchy-aware), year, owner name and indicator.

    One row per target with ``owners`` as a list of {owner, name, role}.
    """
    kinds = "plankg:Target plankg:Achievement" if include_achievements else "plankg:Target"
    owner_filter = """?obs prov:wasAttributedTo ?filterOwner .
  ?filterOwner rdfs:label|skos:altLabel ?filterOwnerName .
  FILTER(CONTAINS(STR(?filterOwnerName), ?ownerQuery))""" if owner else ""
    body = f"""SELECT ?target ?class ?indicator ?indicatorLabel ?phrase ?value ?unit ?comparator ?year ?periodStart
       ?periodEnd ?placeholder ?areaName ?document ?docTitle ?clause ?clauseText ?owner ?ownerName ?role
WHERE {{
  VALUES ?class {{ {kinds} }}
  ?obs a ?class ;
       plankg:indicator ?indicator ;
       plankg:indicatorPhrase ?phrase ;
       prov:wasDerivedFrom ?clause ;
       qb:dataSet/dcterms:source ?document .
  ?clause plankg:text ?clauseText .
  ?document dcterms:title ?docTitle .
  ?indicator skos:prefLabel ?indicatorLabel . FILTER(LANG(?indicatorLabel) = "zh")
  {"?obs plankg:year ?year ." if year is not None else "OPTIONAL { ?obs plankg:year ?year }"}
  {_REGION_FILTER if region else ""}
  {owner_filter}
  OPTIONAL {{ ?obs plankg:periodStart ?periodStart ; plankg:periodEnd ?periodEnd }}
  OPTIONAL {{ ?obs sdmx-measure:obsValue ?value }}
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure/skos:notation ?unit }}
  OPTIONAL {{ ?obs plankg:comparator ?comparator }}
  OPTIONAL {{ ?obs plankg:isPlaceholder ?placeholder }}
  OPTIONAL {{ ?obs plankg:refArea/rdfs:label ?areaName . FILTER(LANG(?areaName) = "zh") }}
  OPTIONAL {{
    ?obs prov:qualifiedAttribution ?attribution .
    ?attribution prov:agent ?owner ; prov:hadRole ?roleNode .
    ?owner rdfs:label ?ownerName .
    {_ROLE}
  }}
  BIND(?obs AS ?target)
}}
ORDER BY ?areaName ?year ?target"""
    bindings = {
        "year": year,
        "regionName": region,
        "ownerQuery": owner,
        "indicator": resolve_indicator(indicator) if indicator else None,
    }
    result = run_named(store, "targets", body, bindings)
    return QueryResult(result.name, result.sparql, _group_owners(result.rows), result.params)


def indicator_series(store: GraphStore, indicator: str, region: str | None = None) -> QueryResult:
    """An indicator's values per region over time: baseline -> targets (and stretch) -> actuals.

    Rows: areaName, year, periodStart, periodEnd, kind (baseline|target|stretch|actual), value,
    unit, comparator, placeholder, observation, document, docTitle; ordered by region, year, kind.
    """
    body = f"""SELECT ?areaName ?year ?periodStart ?periodEnd ?kind ?value ?unit ?comparator ?placeholder
       ?observation ?document ?docTitle
WHERE {{
  ?obs plankg:indicator ?indicator ;
       plankg:valueKind ?kindNode ;
       qb:dataSet/dcterms:source ?document .
  ?document dcterms:title ?docTitle .
  {_REGION_FILTER if region else ""}
  OPTIONAL {{ ?obs plankg:refArea/rdfs:label ?areaName . FILTER(LANG(?areaName) = "zh") }}
  OPTIONAL {{ ?obs plankg:year ?year }}
  OPTIONAL {{ ?obs plankg:periodStart ?periodStart ; plankg:periodEnd ?periodEnd }}
  OPTIONAL {{ ?obs sdmx-measure:obsValue ?value }}
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure/skos:notation ?unit }}
  OPTIONAL {{ ?obs plankg:comparator ?comparator }}
  OPTIONAL {{ ?obs plankg:isPlaceholder ?placeholder }}
  {_KIND}
  BIND(IF(?kind = "baseline", 0, IF(?kind = "actual", 1, IF(?kind = "target", 2, 3))) AS ?kindOrder)
  BIND(?obs AS ?observation)
}}
ORDER BY ?areaName ?year ?kindOrder ?observation"""
    bindings = {"indicator": resolve_indicator(indicator), "regionName": region}
    return run_named(store, "indicator_series", body, bindings)


def plan_vs_outcome(store: GraphStore, indicator: str | None = None, region: str | None = None,
                    year: int | None = None) -> QueryResult:
    """Planned targets beside reported actuals for the same indicator, region and year.

    Rows: indicator, indicatorLabel, areaName, year, target, targetValue, comparator, unit,
    actual, actualValue, actualDocument, met (True/False, None without an actual).
    """
    body = f"""SELECT ?indicator ?indicatorLabel ?areaName ?year ?target ?targetValue ?comparator ?unit
       ?actual ?actualValue ?actualDocument
WHERE {{
  ?obs a plankg:Target ;
       plankg:indicator ?indicator ;
       plankg:refArea ?area ;
       plankg:year ?year ;
       sdmx-measure:obsValue ?targetValue .
  ?indicator skos:prefLabel ?indicatorLabel . FILTER(LANG(?indicatorLabel) = "zh")
  ?area rdfs:label ?areaName . FILTER(LANG(?areaName) = "zh")
  {_REGION_FILTER if region else ""}
  OPTIONAL {{ ?obs plankg:comparator ?comparator }}
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure/skos:notation ?unit }}
  OPTIONAL {{
    ?actual a plankg:Achievement ;
            plankg:indicator ?indicator ;
            plankg:refArea ?area ;
            plankg:year ?year ;
            sdmx-measure:obsValue ?actualValue ;
            qb:dataSet/dcterms:source ?actualDocument .
  }}
  BIND(?obs AS ?target)
}}
ORDER BY ?indicatorLabel ?areaName ?year ?target ?actual"""
    bindings = {
        "indicator": resolve_indicator(indicator) if indicator else None,
        "regionName": region,
        "year": year,
    }
    result = run_named(store, "plan_vs_outcome", body, bindings)
    for row in result.rows:
        row["met"] = _met(row.get("targetValue"), row.get("actualValue"), row.get("comparator"))
    return result


def _name_forms(name: str) -> list[str]:
    """A name as a Chinese-tagged and as a plain literal, so labels match by index, not by FILTER."""
    text = name.strip()
    return [LangString(text, "zh"), text, LangString(text, "en")]


def _met(target: float | None, actual: float | None, comparator: str | None) -> bool | None:
    if target is None or actual is None:
        return None
    if comparator in ("<=", "<"):
        return actual <= target
    return actual >= target


def entity_profile(store: GraphStore, name: str) -> QueryResult:
    """Everything said about the entities named ``name`` (label or alias, exact match).

    Rows: entity, property, value, valueLabel.
    """
    body = """SELECT ?entity ?property ?value ?valueLabel
WHERE {
  ?entity rdfs:label|skos:altLabel ?entityName .
  FILTER NOT EXISTS { ?entity a plankg:Target }
  ?entity ?property ?value .
  OPTIONAL { ?value rdfs:label ?valueLabel . FILTER(LANG(?valueLabel) = "zh") }
}
ORDER BY ?entity ?property ?value"""
    return run_named(store, "entity_profile", body, {"entityName": _name_forms(name)})


def entity_neighbourhood(store: GraphStore, name: str) -> QueryResult:
    """Labelled nodes linked to the entities named ``name``, and entities co-mentioned with them.

    Rows: entity, relation, direction (out|in|co-mention), neighbour, neighbourLabel, evidence
    (the clause text for co-mentions).
    """
    body = """SELECT DISTINCT ?entity ?relation ?direction ?neighbour ?neighbourLabel ?evidence
WHERE {
  ?entity rdfs:label|skos:altLabel ?entityName .
  FILTER NOT EXISTS { ?entity a plankg:Target }
  {
    ?entity ?relation ?neighbour . BIND("out" AS ?direction)
  } UNION {
    ?neighbour ?relation ?entity . BIND("in" AS ?direction)
  } UNION {
    ?mention oa:hasBody ?entity ; prov:wasDerivedFrom ?clause .
    ?other oa:hasBody ?neighbour ; prov:wasDerivedFrom ?clause .
    ?clause plankg:text ?evidence .
    FILTER(?neighbour != ?entity)
    BIND(oa:hasBody AS ?relation)
    BIND("co-mention" AS ?direction)
  }
  ?neighbour rdfs:label ?neighbourLabel .
  FILTER(LANG(?neighbourLabel) = "zh")
  FILTER(?relation NOT IN (rdfs:label, skos:prefLabel, skos:altLabel))
}
ORDER BY ?direction ?relation ?neighbourLabel"""
    return run_named(store, "entity_neighbourhood", body, {"entityName": _name_forms(name)})


def entities_by_type(store: GraphStore, entity_type: str, region: str | None = None) -> QueryResult:
    """Entities of a type (organization, division, institute, park, programme, person, region),
    optionally inside a region (温州 includes 瑞安市 and its bodies).

    Rows: entity, label, areaName, mentions (count).
    """
    cls = ENTITY_CLASSES.get(entity_type)
    if cls is None:
        raise QueryError(f"unknown entity type {entity_type!r}: use one of {', '.join(ENTITY_CLASSES)}")
    if entity_type == "region":
        place = "?entity plankg:withinRegion* ?area ."
    else:
        place = "?entity plankg:locatedIn ?area ."
    region_part = f"""{place}
  ?area plankg:withinRegion* ?regionNode .
  ?regionNode rdfs:label ?regionNodeName .
  FILTER(STR(?regionNodeName) = ?regionName || STRSTARTS(STR(?regionNodeName), ?regionName))""" if region else ""
    body = f"""SELECT ?entity ?label (SAMPLE(?anyArea) AS ?areaName) (COUNT(DISTINCT ?mention) AS ?mentions)
WHERE {{
  ?entity a {cls} ; rdfs:label ?label .
  FILTER(LANG(?label) = "zh")
  {region_part}
  OPTIONAL {{ ?entity plankg:locatedIn|plankg:withinRegion ?located . ?located rdfs:label ?anyArea .
             FILTER(LANG(?anyArea) = "zh") }}
  OPTIONAL {{ ?mention oa:hasBody ?entity }}
}}
GROUP BY ?entity ?label
ORDER BY DESC(?mentions) ?label"""
    return run_named(store, "entities_by_type", body, {"regionName": region})


def indicator_counts(store: GraphStore) -> QueryResult:
    """Indicators with their number of targets and achievements (proposed ones flagged).

    Rows: indicator, label, labelEn, proposed, targets, achievements.
    """
    body = """SELECT ?indicator ?label ?labelEn ?proposed (COUNT(DISTINCT ?t) AS ?targets)
       (COUNT(DISTINCT ?a) AS ?achievements)
WHERE {
  ?obs plankg:indicator ?indicator .
  ?indicator skos:prefLabel ?label . FILTER(LANG(?label) = "zh")
  OPTIONAL { ?indicator skos:prefLabel ?labelEn . FILTER(LANG(?labelEn) = "en") }
  OPTIONAL { ?obs a plankg:Target . BIND(?obs AS ?t) }
  OPTIONAL { ?obs a plankg:Achievement . BIND(?obs AS ?a) }
  BIND(EXISTS { ?indicator a plankg:ProposedIndicator } AS ?proposed)
}
GROUP BY ?indicator ?label ?labelEn ?proposed
ORDER BY DESC(?targets) ?label"""
    return run_named(store, "indicator_counts", body)


NAMED_QUERIES = {
    "owners_of_indicator": owners_of_indicator,
    "targets": targets,
    "indicator_series": indicator_series,
    "plan_vs_outcome": plan_vs_outcome,
    "entity_profile": entity_profile,
    "entity_neighbourhood": entity_neighbourhood,
    "entities_by_type": entities_by_type,
    "indicator_counts": indicator_counts,
}
