"""Named, parameterised SPARQL queries used by the QA layer and the UI.

Each function returns a :class:`QueryResult` with the rows and the exact SPARQL text that ran
(parameters appear in it only as escaped ``VALUES`` terms, never pasted user text).
"""
from __future__ import annotations

from typing import Any

from plankg.graph.query_support import (
    QueryResult,
    about_entities,
    find_entities,
    find_regions,
    resolve_indicator,
    run_in_region,
    run_named,
    with_prologue,
)
from plankg.graph.store import GraphStore, QueryError, Row

ENTITY_CLASSES = {
    "organization": "org:Organization",
    "division": "org:OrganizationalUnit",
    "institute": "plankg:Institute",
    "park": "plankg:Park",
    "programme": "plankg:Programme",
    "person": "plankg:Person",
    "region": "plankg:Region",
}

# Shared fragments: role and value kind as short strings, unit symbol, region filter.
_ROLE = ('BIND(IF(?roleNode = plankg:LeadRole, "lead", IF(?roleNode = plankg:SupportRole, "support", '
         '"default")) AS ?role)')
_KIND = ('BIND(IF(?kindNode = plankg:TargetValue, "target", IF(?kindNode = plankg:ActualValue, "actual", '
         'IF(?kindNode = plankg:StretchValue, "stretch", "baseline"))) AS ?kind)')
# Regions are resolved by name first (find_regions) and bound as IRIs: rdflib orders triple
# patterns without regard to joins, and a name filter here would make it cross every target
# with every region.
_REGION_PATTERN = """?obs plankg:refArea ?area .
  ?area plankg:withinRegion* ?regionNode ."""
# A place's own figures only: a county's targets are not its city's (``within=False``).
_REGION_EXACT = """?obs plankg:refArea ?regionNode ."""


def _region_part(region: str | None, within: bool) -> str:
    if not region:
        return ""
    return _REGION_PATTERN if within else _REGION_EXACT


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
def owners_of_indicator(store: GraphStore, indicator: str | list[str], region: str | None = None,
                        within: bool = True) -> QueryResult:
    """Who owns the targets of an indicator (or of several: a family), with role, year and document.

    One row per (target, owner): target, indicator, owner, ownerName, role (lead|support|default),
    year, periodStart, periodEnd, value, unit, placeholder, document, docTitle, clause, areaName.
    ``within=False`` keeps a region's own targets (not those of the counties inside it).
    """
    body = f"""SELECT ?target ?indicator ?owner ?ownerName ?role ?year ?periodStart ?periodEnd ?value ?unit ?placeholder
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
  {_region_part(region, within)}
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
    indicators = [indicator] if isinstance(indicator, str) else list(indicator)
    return run_in_region(store, "owners_of_indicator", body,
                         {"indicator": [resolve_indicator(i) for i in indicators]}, region)


def targets(store: GraphStore, region: str | None = None, year: int | None = None, owner: str | None = None,
            indicator: str | None = None, include_achievements: bool = False, within: bool = True) -> QueryResult:
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
  {"?obs plankg:year ?year ." if year is not None else ""}
  {"?obs plankg:inRegion ?regionNode ." if region and within else _region_part(region, within)}
  {owner_filter}
  {"" if year is not None else "OPTIONAL { ?obs plankg:year ?year }"}
  # One triple pattern per OPTIONAL, nested where one hangs off another (no paths): Oxigraph then
  # looks each up from the row instead of matching it over the whole store (6x faster at 10x).
  OPTIONAL {{ ?obs plankg:periodStart ?periodStart OPTIONAL {{ ?obs plankg:periodEnd ?periodEnd }} }}
  OPTIONAL {{ ?obs sdmx-measure:obsValue ?value }}
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure ?unitNode OPTIONAL {{ ?unitNode skos:notation ?unit }} }}
  OPTIONAL {{ ?obs plankg:comparator ?comparator }}
  OPTIONAL {{ ?obs plankg:isPlaceholder ?placeholder }}
  OPTIONAL {{ ?obs plankg:refArea ?areaNode
             OPTIONAL {{ ?areaNode rdfs:label ?areaName . FILTER(LANG(?areaName) = "zh") }} }}
  OPTIONAL {{
    ?obs prov:qualifiedAttribution ?attribution .
    OPTIONAL {{ ?attribution prov:agent ?owner OPTIONAL {{ ?owner rdfs:label ?ownerName }} }}
    OPTIONAL {{ ?attribution prov:hadRole ?roleNode }}
    {_ROLE}
  }}
  BIND(?obs AS ?target)
}}
ORDER BY ?areaName ?year ?target"""
    bindings = {
        "year": year,
        "ownerQuery": owner,
        "indicator": resolve_indicator(indicator) if indicator else None,
    }
    result = run_in_region(store, "targets", body, bindings, region)
    return QueryResult(result.name, result.sparql, _group_owners(result.rows), result.params)


def indicator_series(store: GraphStore, indicator: str, region: str | None = None, within: bool = True) -> QueryResult:
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
  {_region_part(region, within)}
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
    return run_in_region(store, "indicator_series", body, {"indicator": resolve_indicator(indicator)}, region)


def plan_vs_outcome(store: GraphStore, indicator: str | None = None, region: str | None = None,
                    year: int | None = None, within: bool = True) -> QueryResult:
    """Planned targets beside reported actuals for the same indicator and region, same year or later.

    Rows: indicator, indicatorLabel, areaName, year, target, targetValue, comparator, unit,
    actual, actualValue, actualYear, actualDocument, met (True/False, None without an actual).
    """
    body = f"""SELECT ?indicator ?indicatorLabel ?areaName ?year ?target ?targetValue ?comparator ?unit
       ?actual ?actualValue ?actualYear ?actualDocument
WHERE {{
  ?obs a plankg:Target ;
       plankg:indicator ?indicator ;
       plankg:refArea ?area ;
       plankg:year ?year ;
       sdmx-measure:obsValue ?targetValue .
  {"?obs plankg:inRegion ?regionNode ." if region and within else _region_part(region, within)}
  ?indicator skos:prefLabel ?indicatorLabel . FILTER(LANG(?indicatorLabel) = "zh")
  ?area rdfs:label ?areaName . FILTER(LANG(?areaName) = "zh")
  # One triple pattern per OPTIONAL, nested where one hangs off another (no paths): Oxigraph then
  # looks each up from the row instead of matching it over the whole store.
  OPTIONAL {{ ?obs plankg:comparator ?comparator }}
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure ?unitNode OPTIONAL {{ ?unitNode skos:notation ?unit }} }}
  OPTIONAL {{
    # The target's nearest later report of the same indicator, place, level and unit, linked at
    # build time (plankg:outcome); plankg:outcome/plankg:nextOutcome* reaches the later ones.
    ?obs plankg:outcome ?actual .
    OPTIONAL {{ ?actual plankg:year ?actualYear }}
    OPTIONAL {{ ?actual sdmx-measure:obsValue ?actualValue }}
    OPTIONAL {{ ?actual prov:wasDerivedFrom ?actualClause
               OPTIONAL {{ ?actualClause dcterms:isPartOf ?actualDocument }} }}
  }}
  BIND(?obs AS ?target)
}}
ORDER BY ?indicatorLabel ?areaName ?year ?target ?actual"""
    bindings = {"indicator": resolve_indicator(indicator) if indicator else None, "year": year}
    result = run_in_region(store, "plan_vs_outcome", body, bindings, region)
    for row in result.rows:
        row["met"] = _met(row.get("targetValue"), row.get("actualValue"), row.get("comparator"))
    return result


def targets_in_years(store: GraphStore, years: list[int], region: str | None = None,
                     within: bool = True) -> QueryResult:
    """Targets set for any of ``years`` (one row per target, stretch values excluded).

    Rows: target, indicator, indicatorLabel, indicatorLabelEn, year, value, unit, comparator,
    placeholder, areaName, document, docTitle, clause. The evolution analysis compares two years
    of these.
    """
    body = f"""SELECT ?target ?indicator ?indicatorLabel ?indicatorLabelEn ?year ?value ?unit ?comparator ?placeholder
       ?areaName ?document ?docTitle ?clause
WHERE {{
  ?obs a plankg:Target ;
       plankg:year ?year ;
       plankg:indicator ?indicator ;
       plankg:valueKind plankg:TargetValue ;
       prov:wasDerivedFrom ?clause ;
       qb:dataSet/dcterms:source ?document .
  ?document dcterms:title ?docTitle .
  {_region_part(region, within)}
  ?indicator skos:prefLabel ?indicatorLabel . FILTER(LANG(?indicatorLabel) = "zh")
  OPTIONAL {{ ?indicator skos:prefLabel ?indicatorLabelEn . FILTER(LANG(?indicatorLabelEn) = "en") }}
  OPTIONAL {{ ?obs sdmx-measure:obsValue ?value }}
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure/skos:notation ?unit }}
  OPTIONAL {{ ?obs plankg:comparator ?comparator }}
  OPTIONAL {{ ?obs plankg:isPlaceholder ?placeholder }}
  OPTIONAL {{ ?obs plankg:refArea/rdfs:label ?areaName . FILTER(LANG(?areaName) = "zh") }}
  BIND(?obs AS ?target)
}}
ORDER BY ?indicator ?areaName ?year ?target"""
    return run_in_region(store, "targets_in_years", body, {"year": [int(y) for y in years]}, region)


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
  ?entity ?property ?value .
  OPTIONAL { ?value rdfs:label ?valueLabel . FILTER(LANG(?valueLabel) = "zh") }
}
ORDER BY ?entity ?property ?value"""
    return about_entities(store, "entity_profile", name, body)


def entity_neighbourhood(store: GraphStore, name: str) -> QueryResult:
    """Labelled nodes linked to the entities named ``name``, and entities co-mentioned with them.

    Rows: entity, relation, direction (out|in|co-mention), neighbour, neighbourLabel, evidence
    (the clause text for co-mentions).
    """
    body = """SELECT DISTINCT ?entity ?relation ?direction ?neighbour ?neighbourLabel ?evidence
WHERE {
  {
    ?entity ?relation ?neighbour .
    ?neighbour rdfs:label ?neighbourLabel .
    BIND("out" AS ?direction)
  } UNION {
    ?neighbour ?relation ?entity .
    ?neighbour rdfs:label ?neighbourLabel .
    BIND("in" AS ?direction)
  } UNION {
    ?mention oa:hasBody ?entity ; prov:wasDerivedFrom ?clause .
    ?clause plankg:text ?evidence .
    ?other prov:wasDerivedFrom ?clause ; oa:hasBody ?neighbour .
    ?neighbour rdfs:label ?neighbourLabel .
    FILTER(?neighbour != ?entity)
    BIND(oa:hasBody AS ?relation)
    BIND("co-mention" AS ?direction)
  }
  FILTER(LANG(?neighbourLabel) = "zh")
  FILTER(?relation NOT IN (rdfs:label, skos:prefLabel, skos:altLabel))
}
ORDER BY ?direction ?relation ?neighbourLabel ?neighbour"""
    return about_entities(store, "entity_neighbourhood", name, body)


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
  ?area plankg:withinRegion* ?regionNode .""" if region else ""
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
    return run_in_region(store, "entities_by_type", body, {}, region)


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
    "targets_in_years": targets_in_years,
    "find_regions": find_regions,
    "find_entities": find_entities,
    "entity_profile": entity_profile,
    "entity_neighbourhood": entity_neighbourhood,
    "entities_by_type": entities_by_type,
    "indicator_counts": indicator_counts,
}

__all__ = [
    "NAMED_QUERIES",
    "ENTITY_CLASSES",
    "QueryResult",
    "entities_by_type",
    "entity_neighbourhood",
    "entity_profile",
    "find_entities",
    "find_regions",
    "indicator_counts",
    "indicator_series",
    "owners_of_indicator",
    "plan_vs_outcome",
    "resolve_indicator",
    "run_in_region",
    "run_named",
    "targets",
    "targets_in_years",
    "with_prologue",
]
