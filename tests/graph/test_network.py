"""networkx projection and analyses over the sample graph."""
from __future__ import annotations

import pytest

from plankg.graph.network import betweenness_ranking, co_owner_pairs, degree_ranking, project_graph, top_owners
from plankg.graph.store import MemoryStore
from plankg.graph.terms import org_iri, record_iri


@pytest.fixture(scope="module")
def network(small_graph):
    return project_graph(MemoryStore(small_graph))


def test_projection_holds_the_expected_node_types(network):
    types = {d["type"] for _, d in network.nodes(data=True)}
    assert {"organization", "division", "institute", "target", "achievement", "indicator"} <= types
    # Only indicators some target measures are kept.
    indicators = [n for n, d in network.nodes(data=True) if d["type"] == "indicator"]
    assert all(network.degree(n) > 0 for n in indicators)


def test_top_owners_and_co_owners(network):
    owners = dict(top_owners(network))
    assert owners["路桥区科技局"] == 5
    assert top_owners(network, limit=1) == [("路桥区科技局", 5)]
    assert co_owner_pairs(network) == [("温州市科技局综合处", "温州市科技局高新处", 1)]


def test_edges_link_divisions_entities_and_targets(network):
    relations = {d["relation"] for *_, d in network.edges(data=True)}
    assert {"owns", "measures", "unit_of"} <= relations
    # The bureau is also mentioned in the clause of its targets; the edge stays an ownership.
    edge = network.edges[str(org_iri("路桥区科技局")), str(record_iri("tg-d1"))]
    assert (edge["relation"], edge["role"]) == ("owns", "lead")


def test_centrality_rankings(network):
    degree = dict(degree_ranking(network, limit=50))
    assert degree["全社会R&D经费支出占GDP比重"] == max(degree.values())
    between = betweenness_ranking(network, limit=3)
    assert len(between) == 3 and between[0][1] >= between[-1][1] > 0
    assert betweenness_ranking(network, limit=2, sample=5, node_type="organization")
