"""Named queries about entities and names: profiles, neighbourhoods, lists by type, indicator
counts, and the names the question parser matches (organisations, entities, proposed indicators).

Each function returns a :class:`QueryResult` of SPARQL solutions; callers go through the
registry (``plankg.graph.queries.run``), which types the rows.
"""
from __future__ import annotations

from plankg.graph.query_support import QueryResult, about_entities, find_entities, run_in_region, run_named
from plankg.graph.store import IRI, GraphStore, QueryError, sparql_term

#: Where each branch of a UNION gets the entities named (see :func:`_about_entities_per_branch`).
_EACH_BRANCH = "#entities#"

ENTITY_CLASSES = {
    "organization": "org:Organization",
    "division": "org:OrganizationalUnit",
    "institute": "plankg:Institute",
    "park": "plankg:Park",
    "programme": "plankg:Programme",
    "person": "plankg:Person",
    "region": "plankg:Region",
}


def entity_profile(store: GraphStore, name: str) -> QueryResult:
    """Everything said about the entities named ``name`` (label or alias, exact match), and the
    clauses naming them (``plankg:namedInClauses``, a lookup link the profile answer quotes).

    Rows: entity, property, value, valueLabel.
    """
    body = """SELECT ?entity ?property ?value ?valueLabel
WHERE {
  ?entity ?property ?value .
  FILTER(?property NOT IN (plankg:locatedWithin, plankg:firstCitedIn, plankg:nextCitedIn, plankg:mentionCount))
  OPTIONAL { ?value rdfs:label ?valueLabel . FILTER(LANG(?valueLabel) = "zh") }
}
ORDER BY ?entity ?property ?value"""
    return about_entities(store, "entity_profile", name, body)


def entity_neighbourhood(store: GraphStore, name: str, limit: int | None = None) -> QueryResult:
    """Labelled nodes linked to the entities named ``name``, and entities co-mentioned with them
    (the first ``limit`` rows when given).

    Rows: entity, relation, direction (out|in|co-mention), neighbour, neighbourLabel, evidence
    (the clause text for co-mentions).
    """
    body = """SELECT DISTINCT ?entity ?relation ?direction ?neighbour ?neighbourLabel ?evidence
WHERE {
  {
    #entities#
    ?entity ?relation ?neighbour .
    ?neighbour rdfs:label ?neighbourLabel .
    BIND("out" AS ?direction)
  } UNION {
    #entities#
    ?neighbour ?relation ?entity .
    ?neighbour rdfs:label ?neighbourLabel .
    BIND("in" AS ?direction)
  } UNION {
    #entities#
    ?mention oa:hasBody ?entity ; prov:wasDerivedFrom ?clause .
    ?clause plankg:text ?evidence .
    ?other prov:wasDerivedFrom ?clause ; oa:hasBody ?neighbour .
    ?neighbour rdfs:label ?neighbourLabel .
    FILTER(?neighbour != ?entity)
    BIND(oa:hasBody AS ?relation)
    BIND("co-mention" AS ?direction)
  }
  FILTER(LANG(?neighbourLabel) = "zh")
  FILTER(?relation NOT IN (rdfs:label, skos:prefLabel, skos:altLabel, plankg:locatedWithin,
                           plankg:firstCitedIn, plankg:nextCitedIn, plankg:mentionCount, plankg:namedInClauses))
}
ORDER BY ?direction ?relation ?neighbourLabel ?neighbour"""
    if limit is not None:
        body += f"\nLIMIT {max(0, int(limit))}"
    return _about_entities_per_branch(store, "entity_neighbourhood", name, body)


def _about_entities_per_branch(store: GraphStore, query_name: str, name: str, body: str) -> QueryResult:
    """Like :func:`about_entities`, with the entities named in each UNION branch (at ``#entities#``).

    Oxigraph does not carry a ``VALUES`` block above a UNION into its branches: each branch then
    matched every labelled node of the store before the join (230 ms of CPU at 20x for an
    entity with 26 neighbours, 3 ms with the block in each branch).
    """
    found = find_entities(store, name)
    entities = [IRI(row["entity"]) for row in found.rows]
    if not entities:
        return QueryResult(query_name, found.sparql, [], {"name": name})
    values = "VALUES ?entity { " + " ".join(sparql_term(e) for e in entities) + " }"
    result = run_named(store, query_name, body.replace(_EACH_BRANCH, values))
    return QueryResult(query_name, found.sparql + "\n\n" + result.sparql, result.rows, {"name": name})


def entities_by_type(store: GraphStore, entity_type: str, region: str | None = None, keyword: str | None = None,
                     limit: int | None = None) -> QueryResult:
    """Entities of a type (organization, division, institute, park, programme, person, region),
    optionally inside a region (温州 includes 瑞安市 and its bodies), whose name holds ``keyword``;
    the most mentioned first, the first ``limit`` when given.

    A place starts from the entities' lookup links (``plankg:locatedWithin``, graph/links.py); the
    number of mentions is ``plankg:mentionCount`` and the clauses to cite are
    ``plankg:firstCitedIn`` and ``nextCitedIn``: the query touches the listed entities only, and
    nothing scans the corpus or joins every mention.

    Rows: entity, label, areaName, mentions (count), firstCited, nextCited (clause IRIs).
    """
    cls = ENTITY_CLASSES.get(entity_type)
    if cls is None:
        raise QueryError(f"unknown entity type {entity_type!r}: use one of {', '.join(ENTITY_CLASSES)}")
    if not region:
        region_part = ""
    elif entity_type == "region":
        region_part = "?entity plankg:withinRegion* ?regionNode ."
    else:
        region_part = "?entity plankg:locatedWithin ?regionNode ."
    named = "FILTER(CONTAINS(STR(?label), ?nameKeyword))" if keyword else ""
    body = f"""SELECT ?entity ?label (SAMPLE(?anyArea) AS ?areaName) (SAMPLE(COALESCE(?counted, 0)) AS ?mentions)
       (SAMPLE(?first) AS ?firstCited) (SAMPLE(?next) AS ?nextCited)
WHERE {{
  {region_part}
  ?entity a {cls} ; rdfs:label ?label .
  FILTER(LANG(?label) = "zh")
  {named}
  OPTIONAL {{ ?entity plankg:locatedIn|plankg:withinRegion ?located . ?located rdfs:label ?anyArea .
             FILTER(LANG(?anyArea) = "zh") }}
  OPTIONAL {{ ?entity plankg:mentionCount ?counted }}
  OPTIONAL {{ ?entity plankg:firstCitedIn ?first }}
  OPTIONAL {{ ?entity plankg:nextCitedIn ?next }}
}}
GROUP BY ?entity ?label
ORDER BY DESC(?mentions) ?label"""
    if limit is not None:
        body += f"\nLIMIT {max(0, int(limit))}"
    return run_in_region(store, "entities_by_type", body, {"nameKeyword": keyword} if keyword else {}, region)


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


def organisations(store: GraphStore) -> QueryResult:
    """Every organisation and division (institutes apart) with aliases, place and parent body.

    Rows: node, label, alias, area, parentLabel (one row per alias).
    """
    body = """SELECT ?node ?label ?alias ?area ?parentLabel
WHERE {
  ?node a org:Organization ; rdfs:label ?label .
  FILTER(LANG(?label) = "zh")
  FILTER NOT EXISTS { ?node a plankg:Institute }
  OPTIONAL { ?node skos:altLabel ?alias }
  OPTIONAL { ?node plankg:locatedIn/rdfs:label ?area . FILTER(LANG(?area) = "zh") }
  OPTIONAL { ?node org:unitOf/rdfs:label ?parentLabel . FILTER(LANG(?parentLabel) = "zh") }
}"""
    return run_named(store, "organisations", body)


def named_entities(store: GraphStore) -> QueryResult:
    """Institutes, parks, programmes and people with aliases and place.

    Rows: node, label, alias, class, area (one row per alias).
    """
    body = """SELECT ?node ?label ?alias ?class ?area
WHERE {
  VALUES ?class { plankg:Institute plankg:Park plankg:Programme plankg:Person }
  ?node a ?class ; rdfs:label ?label .
  FILTER(LANG(?label) = "zh")
  OPTIONAL { ?node skos:altLabel ?alias }
  OPTIONAL { ?node plankg:locatedIn/rdfs:label ?area . FILTER(LANG(?area) = "zh") }
}"""
    return run_named(store, "named_entities", body)


def proposed_indicators(store: GraphStore) -> QueryResult:
    """Indicators not (yet) in the scheme, named by their phrase. Rows: indicator, label."""
    body = """SELECT ?indicator ?label
WHERE {
  ?indicator a plankg:ProposedIndicator ; skos:prefLabel ?label .
}"""
    return run_named(store, "proposed_indicators", body)
