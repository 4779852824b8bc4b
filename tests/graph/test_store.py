"""Both stores answer alike; parameters are escaped; updates are refused."""
from __future__ import annotations

import json

import pytest

from plankg.graph import queries as Q
from plankg.graph.dump import corpus_span_lines, write_sorted
from plankg.graph.store import (
    IRI,
    LangString,
    MemoryStore,
    OxigraphStore,
    QueryError,
    bind_values,
    check_read_only,
    open_store,
    rows_equal,
    sparql_term,
)

NAMED_CALLS = [
    ("owners_of_indicator", {"indicator": "rd_intensity"}),
    ("owners_of_indicator", {"indicator": "全社会R&D占比", "region": "温州"}),
    ("targets", {"region": "温州"}),
    ("targets", {"year": 2019}),
    ("targets", {"owner": "路桥区科技局", "include_achievements": True}),
    ("indicator_series", {"indicator": "rd_intensity", "region": "路桥"}),
    ("plan_vs_outcome", {}),
    ("entity_profile", {"name": "浙大温研院"}),
    ("entity_neighbourhood", {"name": "路桥区科技局"}),
    ("entities_by_type", {"entity_type": "region", "region": "温州"}),
    ("entities_by_type", {"entity_type": "organization"}),
    ("indicator_counts", {}),
]


@pytest.fixture(scope="module")
def stores(small_workspace):
    home, _ = small_workspace
    memory = open_store(home / "graph", kind="memory")
    oxigraph = open_store(home / "graph", kind="oxigraph")
    yield memory, oxigraph
    oxigraph.close()


def _canonical(rows):
    return json.loads(json.dumps(rows, sort_keys=True, ensure_ascii=False, default=str))


@pytest.mark.parametrize(("name", "params"), NAMED_CALLS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(NAMED_CALLS)])
def test_memory_and_oxigraph_give_the_same_answers(stores, name, params):
    memory, oxigraph = stores
    left = Q.run(memory, name, **params)
    right = Q.run(oxigraph, name, **params)
    assert left.rows, f"{name} returned nothing on the sample corpus"
    assert left.sparql == right.sparql
    left_rows, right_rows = [r.to_dict() for r in left.rows], [r.to_dict() for r in right.rows]
    if name == "targets":  # grouped rows carry lists: compare canonically
        key = lambda r: r["target"]  # noqa: E731
        assert _canonical(sorted(left_rows, key=key)) == _canonical(sorted(right_rows, key=key))
    else:
        assert rows_equal(left_rows, right_rows)


def test_stores_report_sizes_and_kinds(stores, small_workspace):
    memory, oxigraph = stores
    _, report = small_workspace
    assert memory.kind == "memory" and oxigraph.kind == "oxigraph"
    # Both hold the data triples and the lookup links (counted apart in the report).
    assert len(memory) == len(oxigraph) == report["triples"] + report["lookup_links"]
    assert report["shacl_conforms"] is True


def test_auto_store_picks_by_size(small_workspace):
    home, report = small_workspace
    assert open_store(home / "graph", kind="auto", threshold=report["triples"] + 1).kind == "memory"
    big = open_store(home / "graph", kind="auto", threshold=10)
    assert big.kind == "oxigraph"
    big.close()
    with pytest.raises(QueryError, match="unknown store kind"):
        open_store(home / "graph", kind="fuseki")
    with pytest.raises(QueryError, match="no graph"):
        open_store(home / "missing", kind="memory")


def test_ask_and_construct_results(stores):
    for store in stores:
        assert store.query("ASK { ?s a plankg:Target }") == [{"ask": True}]
        triples = store.query("CONSTRUCT { ?s a plankg:Region } WHERE { ?s a plankg:Region }")
        assert triples and all(set(t) == {"subject", "predicate", "object"} for t in triples)


def test_sparql_terms_escape_quotes_braces_and_newlines():
    assert sparql_term('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    assert sparql_term(2025) == '"2025"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert sparql_term(2.8).startswith('"2.8"^^')
    assert sparql_term(True).startswith('"true"^^')
    assert sparql_term(LangString("温州市")) == '"温州市"@zh'
    assert sparql_term(IRI("https://w3id.org/plankg/id/x")) == "<https://w3id.org/plankg/id/x>"
    with pytest.raises(QueryError):
        sparql_term(IRI("http://x> } ; DROP ALL #"))
    with pytest.raises(QueryError):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"bad name": "x"})


@pytest.mark.parametrize("store_index", [0, 1])
def test_injection_attempts_are_plain_literals(stores, store_index):
    store = stores[store_index]
    hostile = '温州" } ?s ?p ?o . FILTER(true) { "'
    assert Q.targets(store, owner=hostile).rows == []
    assert Q.entity_profile(store, hostile).rows == []
    assert Q.targets(store, region=hostile).rows == []
    rows = store.query("SELECT ?x WHERE { BIND(?v AS ?x) }", {"v": hostile})
    assert rows == [{"x": hostile}]


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
        "PREFIX ex: <http://e/>\n# comment\ndelete where { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "  CLEAR ALL",
        "DROP GRAPH <http://e/g>",
    ],
)
def test_updates_are_refused(stores, update):
    with pytest.raises(QueryError, match="read-only"):
        check_read_only(update)
    for store in stores:
        with pytest.raises(QueryError, match="read-only"):
            store.query(update)


def test_syntax_errors_raise_query_error(stores):
    for store in stores:
        with pytest.raises(QueryError, match="SPARQL error"):
            store.query("SELEC ?x WHERE { ?x ?y ?z }")


def test_store_from_files(small_workspace, small_corpus, tmp_path):
    home, report = small_workspace
    # The export: the data and the text spans.
    write_sorted(home / "graph", tmp_path / "graph.nt", spans=corpus_span_lines(small_corpus))
    memory = MemoryStore.from_file(tmp_path / "graph.nt")
    oxigraph = OxigraphStore.from_file(tmp_path / "graph.nt")
    assert len(memory) == len(oxigraph) == report["triples"] + report["span_triples"]
