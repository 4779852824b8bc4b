"""Named, parameterised SPARQL queries used by the QA layer and the UI.

Callers go through the registry: ``run(store, "targets", region="温州")`` returns a
:class:`QueryResult` of typed rows (``plankg.graph.rows``). Each function below writes and runs
one query and returns a :class:`QueryResult` with the rows and the exact SPARQL text that ran
(parameters appear in it only as escaped ``VALUES`` terms, never pasted user text).
"""
from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from plankg.graph.entity_queries import (
    ENTITY_CLASSES,
    entities_by_type,
    entity_neighbourhood,
    entity_profile,
    indicator_counts,
    named_entities,
    organisations,
    proposed_indicators,
)
from plankg.graph.outcomes import verdict, year_gap
from plankg.graph.query_support import (
    QueryResult,
    find_entities,
    find_regions,
    resolve_indicator,
    run_in_region,
    run_named,
    with_prologue,
)
from plankg.graph.rows import (
    EntityCountRow,
    EntityRow,
    IndicatorCountRow,
    NamedEntityRow,
    NeighbourRow,
    OrganisationRow,
    OutcomeRow,
    OwnedTargetRow,
    OwnerRow,
    ProfileRow,
    ProposedIndicatorRow,
    RegionRow,
    SeriesRow,
    TargetRow,
    YearTargetRow,
    from_binding,
)
from plankg.graph.store import IRI, GraphStore, LangString, QueryError, Row, sparql_term
from plankg.ontology.indicators import INDICATOR_NS

_FAMILY_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# Shared fragments: role and value kind as short strings, unit symbol, region filter.
_ROLE = ('BIND(IF(?roleNode = plankg:LeadRole, "lead", IF(?roleNode = plankg:SupportRole, "support", '
         '"default")) AS ?role)')
_KIND = ('BIND(IF(?kindNode = plankg:TargetValue, "target", IF(?kindNode = plankg:ActualValue, "actual", '
         'IF(?kindNode = plankg:StretchValue, "stretch", "baseline"))) AS ?kind)')
# Regions are resolved by name first (find_regions) and bound as IRIs: rdflib orders triple
# patterns without regard to joins, and a name filter here would make it cross every target
# with every region. A place and everything inside it is one lookup of the materialised region
# closure (plankg:inRegion, graph/links.py), not a refArea/withinRegion* path from every
# observation (1.4 s of CPU for a family's owners in one city at 100x).
_REGION_PATTERN = """?obs plankg:inRegion ?regionNode ."""
# A place's own figures only: a county's targets are not its city's (``within=False``).
_REGION_EXACT = """?obs plankg:refArea ?regionNode ."""


def _region_part(region: str | None, within: bool) -> str:
    if not region:
        return ""
    return _REGION_PATTERN if within else _REGION_EXACT


def _year_filter(year: int | None, pattern: bool = True) -> str:
    """``?obs``'s year as a FILTER on an integer, not a VALUES block: Oxigraph starts from a VALUES
    block, and a year is shared by every place's targets (0.44 s of CPU for one city's 2019
    targets at 100x, 0.04 s with the filter)."""
    if year is None:
        return ""
    test = f"FILTER(?year = {int(year)})"
    return f"?obs plankg:year ?year . {test}" if pattern else test


def _family_part(family: str | None, region: str | None) -> str:
    """Targets of an indicator family through its lookup links. With a place, the family is a
    FILTER so that the place's observations are the start (126 ms of CPU against 7 at 100x for
    one family in one city); without one, a VALUES block starts from the family."""
    if family is None:
        return ""
    if not _FAMILY_ID.fullmatch(family):
        raise QueryError(f"owners_of_indicator: {family!r} is not an indicator family id (family_rd)")
    if not region:
        return "?obs plankg:inFamily ?family ."
    return f"?obs plankg:inFamily ?family . FILTER(?family = <{INDICATOR_NS}{family}>)"


def _name_forms(name: str) -> list[Any]:
    """A name as a Chinese-tagged, a plain and an English-tagged literal: labels match by index."""
    text = name.strip()
    return [LangString(text, "zh"), text, LangString(text, "en")]


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
def owners_of_indicator(store: GraphStore, indicator: str | list[str] | None = None, region: str | None = None,
                        within: bool = True, family: str | None = None, first: list[str] | None = None
                        ) -> QueryResult:
    """Who owns the targets of an indicator, of several, or of a family, with role, year and document.

    One row per (target, owner): target, indicator, owner, ownerName, role (lead|support|default),
    year, periodStart, periodEnd, value, unit, placeholder, document, docTitle, clause, areaName.
    ``within=False`` keeps a region's own targets (not those of the counties inside it).
    ``family`` (an indicator family's id, ``family_rd``) starts from the family's lookup links
    (``plankg:inFamily``, graph/links.py) instead of listing its indicators; with ``first``
    (target IRIs of the family, from :func:`first_targets`) only those targets, started from them.
    """
    if (indicator is None) == (family is None):
        raise QueryError("owners_of_indicator: give an indicator or a family, not both or neither")
    body = f"""SELECT ?target ?indicator ?owner ?ownerName ?role ?year ?periodStart ?periodEnd ?value ?unit ?placeholder
       ?document ?docTitle ?clause ?areaName
WHERE {{
  {_family_part(family, region)}
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
  OPTIONAL {{ ?obs plankg:periodStart ?periodStart OPTIONAL {{ ?obs plankg:periodEnd ?periodEnd }} }}
  OPTIONAL {{ ?obs sdmx-measure:obsValue ?value }}
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure ?unitNode OPTIONAL {{ ?unitNode skos:notation ?unit }} }}
  OPTIONAL {{ ?obs plankg:isPlaceholder ?placeholder }}
  OPTIONAL {{ ?obs plankg:refArea ?areaNode
             OPTIONAL {{ ?areaNode rdfs:label ?areaName . FILTER(LANG(?areaName) = "zh") }} }}
  {_ROLE}
  BIND(?obs AS ?target)
}}
ORDER BY ?ownerName ?year ?target"""
    if family is not None and first is not None and not region:
        body = body.replace(_family_part(family, region), "", 1)
        result = run_named(store, "owners_of_indicator", body, {"obs": [IRI(iri) for iri in first]})
        return QueryResult(result.name, result.sparql, result.rows, {"family": family, "region": None})
    if family is not None:
        bindings = {} if region else {"family": IRI(INDICATOR_NS + family)}
        result = run_in_region(store, "owners_of_indicator", body, bindings, region)
        return QueryResult(result.name, result.sparql, result.rows, {"family": family, **result.params})
    indicators = [indicator] if isinstance(indicator, str) else list(indicator or ())
    return run_in_region(store, "owners_of_indicator", body,
                         {"indicator": [resolve_indicator(i) for i in indicators]}, region)


def targets(store: GraphStore, region: str | None = None, year: int | None = None, owner: str | None = None,
            indicator: str | None = None, include_achievements: bool = False, within: bool = True,
            owners: list[str] | None = None, first: list[str] | None = None) -> QueryResult:
    """Targets filtered by region (hierarchy-aware), year, owner and indicator.

    ``owner`` matches any part of an organisation's name (综合处); ``owners`` are whole names or
    aliases, any of them, looked up by index: a unit known in many places by one short name
    (高新处) costs one query, not one per place. ``first`` (target IRIs, from
    :func:`first_targets`) describes those targets only, started from them. One row per target with
    ``owners`` as a list of {owner, name, role}.
    """
    kinds = "plankg:Target, plankg:Achievement" if include_achievements else "plankg:Target"
    owner_filter = """?obs prov:wasAttributedTo ?filterOwner .
  ?filterOwner rdfs:label|skos:altLabel ?filterOwnerName .
  FILTER(CONTAINS(STR(?filterOwnerName), ?ownerQuery))""" if owner else ""
    if owners:
        # The lookup links (graph/links.py) go from the unit straight to the targets it owns.
        owner_filter = """?filterOwner rdfs:label ?ownerName_ .
  ?filterOwner plankg:leadsTarget|plankg:supportsTarget|plankg:ownsTargetByDefault ?obs ."""
    if first is not None:
        owner_filter, owners = "", None  # the targets are given: the query starts from them
    body = f"""SELECT ?target ?class ?indicator ?indicatorLabel ?phrase ?value ?unit ?comparator ?year ?periodStart
       ?periodEnd ?placeholder ?areaName ?document ?docTitle ?clause ?clauseText ?owner ?ownerName ?role
WHERE {{
  ?obs a ?class ;
       plankg:indicator ?indicator ;
       plankg:indicatorPhrase ?phrase ;
       prov:wasDerivedFrom ?clause ;
       qb:dataSet/dcterms:source ?document .
  # A filter, not VALUES: Oxigraph starts from a VALUES block, so ``VALUES ?class`` made every
  # query walk all targets before the owner, region or year narrowed them (0.9 s at 20x).
  FILTER(?class IN ({kinds}))
  ?clause plankg:text ?clauseText .
  ?document dcterms:title ?docTitle .
  ?indicator skos:prefLabel ?indicatorLabel . FILTER(LANG(?indicatorLabel) = "zh")
  {_year_filter(year)}
  {_region_part(region, within)}
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
        "ownerQuery": owner,
        "ownerName_": [form for name in dict.fromkeys(owners or ()) for form in _name_forms(name)] or None,
        "indicator": resolve_indicator(indicator) if indicator else None,
        "obs": [IRI(iri) for iri in first] if first is not None else None,
    }
    result = run_in_region(store, "targets", body, bindings, region)
    return QueryResult(result.name, result.sparql, _group_owners(result.rows), {"year": year, **result.params})


def first_targets(store: GraphStore, owners: list[str] | None = None, family: str | None = None,
                  year: int | None = None, include_achievements: bool = False, limit: int = 200) -> QueryResult:
    """The first ``limit`` targets (by IRI) owned by the units named ``owners`` (whole names or
    aliases) or of an indicator ``family``, and how many there are in all. A short name held by
    units in many places (高新处) or a family asked everywhere then costs the same whatever the
    corpus holds, once :func:`targets` or :func:`owners_of_indicator` describes only these.

    Rows: target, total (the count of every such target, the same on each row).
    """
    if (owners is None) == (family is None):
        raise QueryError("first_targets: give owners or a family, not both or neither")
    if family is not None and not _FAMILY_ID.fullmatch(family):
        raise QueryError(f"first_targets: {family!r} is not an indicator family id (family_rd)")
    kinds = "plankg:Target, plankg:Achievement" if include_achievements else "plankg:Target"
    if owners is not None:
        names = " ".join(sparql_term(form) for name in dict.fromkeys(owners) for form in _name_forms(name))
        # The names are written into both subqueries (a VALUES block outside would not reach them).
        start = f"""VALUES ?ownerName_ {{ {names} }}
    ?filterOwner rdfs:label ?ownerName_ .
    ?filterOwner plankg:leadsTarget|plankg:supportsTarget|plankg:ownsTargetByDefault ?obs ."""
    else:
        start = f"?obs plankg:inFamily {sparql_term(IRI(INDICATOR_NS + str(family)))} ."
    pattern = f"""{start}
    ?obs a ?class . FILTER(?class IN ({kinds}))
    {_year_filter(year)}"""
    body = f"""SELECT ?target ?total
WHERE {{
  {{ SELECT (COUNT(DISTINCT ?obs) AS ?total) WHERE {{
    {pattern}
  }} }}
  {{ SELECT DISTINCT ?obs WHERE {{
    {pattern}
  }} ORDER BY ?obs LIMIT {max(0, int(limit))} }}
  BIND(?obs AS ?target)
}}
ORDER BY ?target"""
    return run_named(store, "first_targets", body, {})


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
  OPTIONAL {{ ?obs plankg:refArea ?areaNode
             OPTIONAL {{ ?areaNode rdfs:label ?areaName . FILTER(LANG(?areaName) = "zh") }} }}
  OPTIONAL {{ ?obs plankg:year ?year }}
  OPTIONAL {{ ?obs plankg:periodStart ?periodStart OPTIONAL {{ ?obs plankg:periodEnd ?periodEnd }} }}
  OPTIONAL {{ ?obs sdmx-measure:obsValue ?value }}
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure ?unitNode OPTIONAL {{ ?unitNode skos:notation ?unit }} }}
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
    actual, actualValue, actualYear, actualDocument, met (True/False for a report of the target's
    year and kind of measure, None otherwise: :mod:`plankg.graph.outcomes`).
    """
    body = f"""SELECT ?indicator ?indicatorLabel ?areaName ?year ?target ?targetValue ?comparator ?unit
       ?actual ?actualValue ?actualYear ?actualDocument
WHERE {{
  ?obs a plankg:Target ;
       plankg:indicator ?indicator ;
       plankg:refArea ?area ;
       plankg:year ?year ;
       sdmx-measure:obsValue ?targetValue .
  {_year_filter(year, pattern=False)}
  {_region_part(region, within)}
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
    bindings = {"indicator": resolve_indicator(indicator) if indicator else None}
    result = run_in_region(store, "plan_vs_outcome", body, bindings, region)
    result = QueryResult(result.name, result.sparql, result.rows,
                         {"indicator": bindings["indicator"], "year": year, **result.params})
    for row in result.rows:
        row["met"] = verdict(row.get("targetValue"), row.get("actualValue"), row.get("comparator"),
                             year_gap(row.get("year"), row.get("actualYear")))
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
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure ?unitNode OPTIONAL {{ ?unitNode skos:notation ?unit }} }}
  OPTIONAL {{ ?obs plankg:comparator ?comparator }}
  OPTIONAL {{ ?obs plankg:isPlaceholder ?placeholder }}
  OPTIONAL {{ ?obs plankg:refArea ?areaNode
             OPTIONAL {{ ?areaNode rdfs:label ?areaName . FILTER(LANG(?areaName) = "zh") }} }}
  BIND(?obs AS ?target)
}}
ORDER BY ?indicator ?areaName ?year ?target"""
    return run_in_region(store, "targets_in_years", body, {"year": [int(y) for y in years]}, region)


RowT = TypeVar("RowT")


@dataclass(frozen=True)
class NamedQuery(Generic[RowT]):
    """A stored query: its name, the function that writes and runs its SPARQL, its parameters
    and the type of its rows (datasette's canned queries, with types)."""

    name: str
    sparql: Callable[..., QueryResult[Row]]
    row_type: type[RowT]

    @property
    def parameters(self) -> tuple[str, ...]:
        """Keyword parameters the query takes (after the store)."""
        return tuple(inspect.signature(self.sparql).parameters)[1:]

    def __call__(self, store: GraphStore, /, **params: Any) -> QueryResult[RowT]:
        unknown = sorted(set(params) - set(self.parameters))
        if unknown:
            raise QueryError(f"named query {self.name!r}: unknown parameter {unknown[0]!r}; "
                             f"use {', '.join(self.parameters)}")
        result = self.sparql(store, **params)
        rows = [from_binding(self.row_type, row) for row in result.rows]
        return QueryResult(result.name, result.sparql, rows, result.params)


REGISTRY: dict[str, NamedQuery[Any]] = {q.name: q for q in (
    NamedQuery("owners_of_indicator", owners_of_indicator, OwnerRow),
    NamedQuery("targets", targets, TargetRow),
    NamedQuery("first_targets", first_targets, OwnedTargetRow),
    NamedQuery("indicator_series", indicator_series, SeriesRow),
    NamedQuery("plan_vs_outcome", plan_vs_outcome, OutcomeRow),
    NamedQuery("targets_in_years", targets_in_years, YearTargetRow),
    NamedQuery("find_regions", find_regions, RegionRow),
    NamedQuery("find_entities", find_entities, EntityRow),
    NamedQuery("entity_profile", entity_profile, ProfileRow),
    NamedQuery("entity_neighbourhood", entity_neighbourhood, NeighbourRow),
    NamedQuery("entities_by_type", entities_by_type, EntityCountRow),
    NamedQuery("indicator_counts", indicator_counts, IndicatorCountRow),
    NamedQuery("organisations", organisations, OrganisationRow),
    NamedQuery("named_entities", named_entities, NamedEntityRow),
    NamedQuery("proposed_indicators", proposed_indicators, ProposedIndicatorRow),
)}


def run(store: GraphStore, query_name: str, /, **params: Any) -> QueryResult[Any]:
    """Run the named query ``query_name`` with keyword ``params``; rows are typed (``plankg.graph.rows``).

    Raises:
        QueryError: Unknown query name or parameter, or the query failed.
    """
    query = REGISTRY.get(query_name)
    if query is None:
        raise QueryError(f"named query {query_name!r}: unknown; use {', '.join(sorted(REGISTRY))}")
    return query(store, **params)


__all__ = [
    "ENTITY_CLASSES",
    "REGISTRY",
    "NamedQuery",
    "QueryResult",
    "entities_by_type",
    "entity_neighbourhood",
    "entity_profile",
    "find_entities",
    "find_regions",
    "indicator_counts",
    "indicator_series",
    "named_entities",
    "organisations",
    "first_targets",
    "owners_of_indicator",
    "plan_vs_outcome",
    "proposed_indicators",
    "resolve_indicator",
    "run",
    "run_in_region",
    "run_named",
    "targets",
    "targets_in_years",
    "with_prologue",
]
