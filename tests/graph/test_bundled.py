"""Acceptance on the bundled corpus: owners of R&D-intensity targets, SHACL conformance, both stores."""
from __future__ import annotations

import pytest

from plankg.graph import queries as Q
from plankg.graph.dump import corpus_span_lines, sorted_file
from plankg.graph.shacl import validate_file
from plankg.graph.store import open_store, rows_equal


@pytest.fixture(scope="module")
def oxigraph(bundled_workspace):
    home, _ = bundled_workspace
    store = open_store(home / "graph", kind="oxigraph")
    yield store
    store.close()


def test_owners_of_rd_intensity_targets_with_roles(oxigraph, corpus):
    rows = Q.owners_of_indicator(oxigraph, "rd_intensity").rows
    owners = {(r["ownerName"], r["role"]) for r in rows}
    assert ("温州市科技局综合处", "lead") in owners
    assert any(name == "温州市科技局高新处" for name, _ in owners)
    assert {r["year"] for r in rows if r["ownerName"] == "温州市科技局高新处"} == {2019}
    luqiao_years = {r["year"] for r in rows if r["ownerName"] == "路桥区科技局" and r["role"] == "lead"}
    assert {2021, 2022, 2025} <= luqiao_years
    # Plans that name no owner: their issuing bureau owns the targets by default.
    defaults = {r["ownerName"] for r in rows if r["role"] == "default"}
    tongxiang_issuer = next(d.issuer for d in corpus.documents if d.region == "桐乡市")
    assert tongxiang_issuer in defaults
    assert "温州市科技局" in defaults
    assert all(r["docTitle"] and r["clause"] for r in rows)


def test_bundled_graph_conforms_to_the_shapes(bundled_workspace, corpus):
    home, _ = bundled_workspace
    with sorted_file(home / "graph", spans=corpus_span_lines(corpus)) as nt_path:
        result = validate_file(nt_path)
    assert result.conforms, result.messages[:5]


def test_every_target_links_to_an_indicator_concept(oxigraph, bundled_workspace):
    _, report = bundled_workspace
    missing = oxigraph.query("SELECT (COUNT(?t) AS ?n) WHERE { ?t a plankg:Target "
                             "FILTER NOT EXISTS { ?t plankg:indicator ?c . ?c a skos:Concept } }")
    assert missing == [{"n": 0}]
    proposed = oxigraph.query("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a plankg:ProposedIndicator ; "
                              "plankg:reviewStatus plankg:Unreviewed }")
    assert proposed == [{"n": report["proposed_indicators"]}]


def test_region_hierarchy_query_reaches_county_level_cities(oxigraph):
    regions = {r["label"] for r in Q.entities_by_type(oxigraph, "region", region="温州").rows}
    assert {"温州市", "瑞安市"} <= regions


def test_memory_store_agrees_on_the_bundled_corpus(bundled_workspace, oxigraph):
    home, _ = bundled_workspace
    memory = open_store(home / "graph", kind="memory")
    for name, params in (("owners_of_indicator", {"indicator": "rd_intensity"}),
                         ("indicator_series", {"indicator": "rd_intensity", "region": "路桥"}),
                         ("entities_by_type", {"entity_type": "institute", "region": "温州"})):
        left = [r.to_dict() for r in Q.run(memory, name, **params).rows]
        right = [r.to_dict() for r in Q.run(oxigraph, name, **params).rows]
        assert left and rows_equal(left, right)
