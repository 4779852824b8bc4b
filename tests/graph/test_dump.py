"""One copy of the graph: the store and its compressed dump, N-Triples made on demand."""
from __future__ import annotations

import random

from plankg.graph.build import SpanTriple, iter_triples
from plankg.graph.dump import DUMP_FILE, LINKS_FILE, SPANS_FILE, iter_sorted_lines, sorted_unique
from plankg.graph.export import export_graph_file
from plankg.graph.store import OXIGRAPH_DIR, OxigraphStore, open_store
from plankg.graph.terms import nt_line
from plankg.graph.workspace import build_graph_store, write_ntriples
from tests.graph.sample import make_corpus


def test_the_graph_folder_keeps_no_ntriples_and_exports_the_same_bytes(tmp_path):
    corpus = make_corpus()
    report = build_graph_store(corpus, tmp_path / "graph")
    kept = sorted(p.name for p in (tmp_path / "graph").iterdir())
    assert kept == sorted([DUMP_FILE, SPANS_FILE, LINKS_FILE, OXIGRAPH_DIR, "meta.json"])
    # The export is the sorted, de-duplicated file the build used to keep beside the store.
    write_ntriples(corpus, tmp_path / "reference.nt")
    export_graph_file(tmp_path / "graph", "ntriples", tmp_path / "export.nt")
    assert (tmp_path / "export.nt").read_bytes() == (tmp_path / "reference.nt").read_bytes()
    assert (tmp_path / "graph" / DUMP_FILE).stat().st_size < (tmp_path / "reference.nt").stat().st_size / 4
    assert report["triples"] + report["span_triples"] == sum(1 for _ in iter_sorted_lines(tmp_path / "graph"))
    # The store and the memory store hold the data and the lookup links; the export the data and the spans.
    with_links = sum(1 for _ in iter_sorted_lines(tmp_path / "graph", links=True, spans=False))
    assert with_links == report["triples"] + report["lookup_links"] > report["triples"]
    with OxigraphStore.open(tmp_path / "graph" / OXIGRAPH_DIR) as store:
        assert len(store) == with_links
    with open_store(tmp_path / "graph", kind="memory") as memory:
        assert len(memory) == with_links


def test_the_text_spans_are_exported_but_not_in_the_query_stores(tmp_path):
    corpus = make_corpus()
    report = build_graph_store(corpus, tmp_path / "graph")
    spans = {nt_line(t) for t in iter_triples(corpus) if isinstance(t, SpanTriple)}
    assert report["span_triples"] == len(spans) > 0
    exported = set(iter_sorted_lines(tmp_path / "graph"))
    stored = set(iter_sorted_lines(tmp_path / "graph", links=True, spans=False))
    assert spans <= exported and not spans & stored
    query = ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . FILTER(STRSTARTS(STR(?p), 'http://www.w3.org/ns/oa#')"
             " && ?p != <http://www.w3.org/ns/oa#hasBody>) }")
    for kind in ("oxigraph", "memory"):
        with open_store(tmp_path / "graph", kind=kind) as store:
            # Mentions keep their body (the entity); no span, selector or quote is in the store.
            assert store.query(query)[0]["n"] == 0, kind
            assert store.query("ASK { ?c <https://w3id.org/plankg/ontology#sourceSpan> ?s }") == [{"ask": False}]
            assert store.query("ASK { ?c <https://w3id.org/plankg/ontology#text> ?t }") == [{"ask": True}]


def test_the_dump_is_the_same_bytes_at_each_build(tmp_path):
    corpus = make_corpus()
    build_graph_store(corpus, tmp_path / "a")
    build_graph_store(corpus, tmp_path / "b")
    assert (tmp_path / "a" / DUMP_FILE).read_bytes() == (tmp_path / "b" / DUMP_FILE).read_bytes()


def test_sorting_in_runs_gives_one_sort(tmp_path):
    rng = random.Random(3)
    lines = [f"<s{rng.randrange(500)}> <p> \"{rng.randrange(50)}\" .\n" for _ in range(3000)]
    merged = list(sorted_unique(lines, tmp_path, run_lines=97))
    assert merged == sorted(set(lines))
    assert not list(tmp_path.iterdir())  # the spilled runs are gone
