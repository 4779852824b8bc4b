"""Exports: Turtle/JSON-LD read back by an independent parser (Oxigraph) with the same answers."""
from __future__ import annotations

import networkx as nx
import pyoxigraph
import pytest

from plankg.graph import queries as Q
from plankg.graph.dump import corpus_span_lines, store_lines
from plankg.graph.export import export_graph_file
from plankg.graph.store import OxigraphStore, QueryError, open_store, rows_equal


@pytest.fixture(scope="module")
def exported(small_workspace, small_corpus, tmp_path_factory):
    home, _ = small_workspace
    out = tmp_path_factory.mktemp("export")
    return {fmt: export_graph_file(home / "graph", fmt, out / f"graph.{fmt}", spans=corpus_span_lines(small_corpus))
            for fmt in ("turtle", "ntriples", "jsonld", "graphml")}


def test_turtle_export_parses_with_oxigraph_and_answers_the_same(exported, small_workspace):
    home, report = small_workspace
    text = exported["turtle"].read_text("utf-8")
    assert "@prefix plankg:" in text
    from_turtle = OxigraphStore.from_file(exported["turtle"])
    assert len(from_turtle) == report["triples"] + report["span_triples"]
    # The export holds the data; the lookup links restate it for fast questions (entity lists order
    # by plankg:mentionCount), so they are loaded beside it, as the store holds them.
    links = set(store_lines(home / "graph", links=True)) - set(store_lines(home / "graph", links=False))
    from_turtle.store.bulk_load(input="".join(sorted(links)).encode("utf-8"),
                                format=pyoxigraph.RdfFormat.N_TRIPLES)
    original = open_store(home / "graph", kind="memory")
    for name, params in (("owners_of_indicator", {"indicator": "rd_intensity"}),
                         ("entities_by_type", {"entity_type": "region", "region": "温州"}),
                         ("indicator_series", {"indicator": "rd_intensity"})):
        left = [r.to_dict() for r in Q.run(original, name, **params).rows]
        right = [r.to_dict() for r in Q.run(from_turtle, name, **params).rows]
        assert left and rows_equal(left, right)


def test_jsonld_and_ntriples_round_trip(exported, small_workspace):
    _, report = small_workspace
    jsonld = list(pyoxigraph.parse(path=str(exported["jsonld"]), format=pyoxigraph.RdfFormat.JSON_LD))
    ntriples = list(pyoxigraph.parse(path=str(exported["ntriples"]), format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert len(jsonld) == len(ntriples) == report["triples"] + report["span_triples"]


def test_graphml_holds_the_projection(exported):
    graph = nx.read_graphml(exported["graphml"])
    labels = {d.get("label") for _, d in graph.nodes(data=True)}
    assert "路桥区科技局" in labels and "温州市科技局综合处" in labels
    assert {d.get("relation") for *_, d in graph.edges(data=True)} >= {"owns", "measures"}


def test_unknown_format_and_missing_graph(small_workspace, tmp_path):
    home, _ = small_workspace
    with pytest.raises(QueryError, match="unknown export format"):
        export_graph_file(home / "graph", "rdfxml", tmp_path / "x")
    with pytest.raises(QueryError, match="no graph"):
        export_graph_file(tmp_path, "turtle", tmp_path / "x.ttl")
