"""A networkx projection of the graph and a few analyses (top owners, co-owners, centrality).

Nodes: organisations (and divisions), targets/achievements, indicators, programmes, institutes,
parks. Edges: owner -> target (``owns``, with role), target -> indicator (``measures``), division ->
organisation (``unit_of``), entity <-> target when the entity is mentioned in the target's clause
(``mentioned_with``), entity <-> entity co-mentioned in a clause (``co_mentioned``, weight).
The projection is read through SPARQL, so it works on either store.
"""
from __future__ import annotations

from collections import Counter
from itertools import combinations
from types import ModuleType
from typing import Any

from plankg.graph.store import GraphStore

_NODE_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX plankg: <https://w3id.org/plankg/ontology#>
SELECT ?node ?label ?type WHERE {
  VALUES (?class ?type) {
    (org:Organization "organization") (org:OrganizationalUnit "division") (plankg:Institute "institute")
    (plankg:Park "park") (plankg:Programme "programme") (plankg:Target "target")
    (plankg:Achievement "achievement") (plankg:Indicator "indicator")
  }
  ?node a ?class .
  OPTIONAL { ?node rdfs:label|skos:prefLabel ?label . FILTER(LANG(?label) = "zh") }
}"""
_EDGE_QUERY = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX plankg: <https://w3id.org/plankg/ontology#>
SELECT ?source ?target ?relation ?role WHERE {
  {
    ?target prov:qualifiedAttribution ?attribution .
    ?attribution prov:agent ?source ; prov:hadRole ?roleNode .
    BIND("owns" AS ?relation)
    BIND(IF(?roleNode = plankg:LeadRole, "lead", IF(?roleNode = plankg:SupportRole, "support", "default")) AS ?role)
  } UNION {
    ?source a ?obsClass ; plankg:indicator ?target .
    VALUES ?obsClass { plankg:Target plankg:Achievement }
    BIND("measures" AS ?relation)
  } UNION {
    ?source org:unitOf ?target . BIND("unit_of" AS ?relation)
  } UNION {
    ?mention oa:hasBody ?source ; prov:wasDerivedFrom ?clause .
    ?target prov:wasDerivedFrom ?clause ; a ?obsClass2 .
    VALUES ?obsClass2 { plankg:Target plankg:Achievement }
    BIND("mentioned_with" AS ?relation)
  }
}"""
_PRIORITY = {"owns": 0, "unit_of": 1, "measures": 2, "mentioned_with": 3, "co_mentioned": 4}
_CO_MENTION_QUERY = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX plankg: <https://w3id.org/plankg/ontology#>
SELECT DISTINCT ?clause ?entity WHERE {
  ?mention a plankg:Mention ; oa:hasBody ?entity ; prov:wasDerivedFrom ?clause .
}"""


def networkx_module() -> ModuleType:
    """The ``networkx`` module, imported on first use (only the graph views and GraphML export need it)."""
    import networkx

    return networkx


def project_graph(store: GraphStore) -> Any:
    """Build the networkx ``Graph`` projection of a store (node attrs ``label``, ``type``)."""
    nx = networkx_module()

    graph = nx.Graph()
    for row in store.query(_NODE_QUERY, trusted=True):
        node = row["node"]
        types = graph.nodes[node]["types"] if node in graph else set()
        types.add(row["type"])
        graph.add_node(node, label=row["label"] or node.rsplit("/", 1)[-1], types=types)
    for attrs in graph.nodes.values():
        # One display type per node: the most specific one.
        for kind in ("division", "institute", "park", "programme", "target", "achievement", "indicator",
                     "organization"):
            if kind in attrs["types"]:
                attrs["type"] = kind
                break
        attrs["types"] = ",".join(sorted(attrs["types"]))
    for row in store.query(_EDGE_QUERY, trusted=True):
        source, target = row["source"], row["target"]
        if source not in graph or target not in graph:
            continue
        # One edge per pair: an owner also mentioned in its target's clause stays an owner.
        existing = graph.get_edge_data(source, target)
        if existing is None or _PRIORITY[row["relation"]] < _PRIORITY[existing["relation"]]:
            graph.add_edge(source, target, relation=row["relation"], role=row["role"] or "")
    # Indicators of the scheme that no target measures are not part of the picture.
    graph.remove_nodes_from([n for n, d in graph.degree() if d == 0 and graph.nodes[n]["type"] == "indicator"])
    clauses: dict[str, set[str]] = {}
    for row in store.query(_CO_MENTION_QUERY, trusted=True):
        if row["entity"] in graph:
            clauses.setdefault(row["clause"], set()).add(row["entity"])
    weights: Counter[tuple[str, str]] = Counter()
    for entities in clauses.values():
        for pair in combinations(sorted(entities), 2):
            weights[pair] += 1
    for (left, right), weight in weights.items():
        if not graph.has_edge(left, right):
            graph.add_edge(left, right, relation="co_mentioned", role="", weight=weight)
    return graph


def _label(graph: Any, node: str) -> str:
    return graph.nodes[node].get("label", node)


def _is_owner(graph: Any, node: str) -> bool:
    return graph.nodes[node].get("type") in ("organization", "division", "institute")


def top_owners(graph: Any, limit: int = 10) -> list[tuple[str, int]]:
    """Units owning the most targets: ``[(label, target count)]``, ties broken by label."""
    counts = Counter()
    for left, right, data in graph.edges(data=True):
        if data.get("relation") == "owns":
            owner = left if _is_owner(graph, left) else right
            counts[_label(graph, owner)] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def co_owner_pairs(graph: Any, limit: int = 10) -> list[tuple[str, str, int]]:
    """Pairs of units owning the same targets: ``[(label, label, shared targets)]``."""
    owners_by_target: dict[str, set[str]] = {}
    for left, right, data in graph.edges(data=True):
        if data.get("relation") == "owns":
            owner, target = (left, right) if _is_owner(graph, left) else (right, left)
            owners_by_target.setdefault(target, set()).add(_label(graph, owner))
    pairs: Counter[tuple[str, str]] = Counter()
    for owners in owners_by_target.values():
        for pair in combinations(sorted(owners), 2):
            pairs[pair] += 1
    return [(a, b, n) for (a, b), n in sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:limit]]


def degree_ranking(graph: Any, limit: int = 10, node_type: str | None = None) -> list[tuple[str, int]]:
    """Nodes with the most links: ``[(label, degree)]``, optionally of one type."""
    rows = [
        (_label(graph, node), degree)
        for node, degree in graph.degree()
        if node_type is None or graph.nodes[node].get("type") == node_type
    ]
    return sorted(rows, key=lambda item: (-item[1], item[0]))[:limit]


def betweenness_ranking(graph: Any, limit: int = 10, sample: int | None = None,
                        node_type: str | None = None) -> list[tuple[str, float]]:
    """Nodes that bridge the most shortest paths: ``[(label, betweenness)]``.

    Args:
        graph: The projection.
        limit: How many to return.
        sample: Use this many pivot nodes (seeded) on big graphs instead of all nodes.
        node_type: Keep only nodes of this type.
    """
    nx = networkx_module()

    k = sample if sample is not None and sample < graph.number_of_nodes() else None
    scores = nx.betweenness_centrality(graph, k=k, seed=7 if k else None, normalized=True)
    rows = [
        (_label(graph, node), round(score, 6))
        for node, score in scores.items()
        if node_type is None or graph.nodes[node].get("type") == node_type
    ]
    return sorted(rows, key=lambda item: (-item[1], item[0]))[:limit]
