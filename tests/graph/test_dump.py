"""One copy of the graph: the Oxigraph store alone, N-Triples made from it (and the records) on demand."""
from __future__ import annotations

import gzip
import random
import re
import shutil

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from plankg.graph.build import SpanTriple, build_graph, decimal_lexical, iter_triples
from plankg.graph.dump import (
    LEGACY_DUMP_FILE,
    LEGACY_LINKS_FILE,
    LEGACY_SPANS_FILE,
    corpus_span_lines,
    iter_sorted_lines,
    sorted_unique,
    store_lines,
)
from plankg.graph.export import export_graph_file
from plankg.graph.store import OXIGRAPH_DIR, OxigraphStore, QueryError, open_store
from plankg.graph.terms import nt_line
from plankg.graph.workspace import build_graph_store, write_ntriples
from tests.graph.sample import make_corpus

#: A whole ``xsd:decimal`` in N-Triples (``"10"^^<...#decimal>``).
WHOLE_DECIMAL = re.compile(r'"(-?[0-9]+)"\^\^(?=<http://www\.w3\.org/2001/XMLSchema#decimal>)')


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    corpus = make_corpus()
    folder = tmp_path_factory.mktemp("one-copy") / "graph"
    return corpus, folder, build_graph_store(corpus, folder)


def test_the_graph_folder_keeps_the_store_alone_and_exports_the_build_s_lines(built, tmp_path):
    corpus, folder, report = built
    assert sorted(p.name for p in folder.iterdir()) == sorted([OXIGRAPH_DIR, "meta.json"])
    # The export is the sorted, de-duplicated N-Triples of every triple the build made, spans included.
    write_ntriples(corpus, tmp_path / "reference.nt")
    export_graph_file(folder, "ntriples", tmp_path / "export.nt", spans=corpus_span_lines(corpus))
    assert (tmp_path / "export.nt").read_bytes() == (tmp_path / "reference.nt").read_bytes()
    assert report["triples"] + report["span_triples"] == sum(1 for _ in open(tmp_path / "export.nt", "rb"))
    # The store and the memory store hold the data and the lookup links; the export the data and the spans.
    with_links = sum(1 for _ in store_lines(folder, links=True))
    assert with_links == report["triples"] + report["lookup_links"] > report["triples"]
    assert sum(1 for _ in store_lines(folder, links=False)) == report["triples"]
    with OxigraphStore.open(folder / OXIGRAPH_DIR) as store:
        assert len(store) == with_links
    with open_store(folder, kind="memory") as memory:
        assert len(memory) == with_links


def test_the_export_holds_the_rdf_terms_rdflib_builds(built, tmp_path):
    corpus, folder, _ = built
    export_graph_file(folder, "ntriples", tmp_path / "export.nt", spans=corpus_span_lines(corpus))
    exported = Graph().parse(tmp_path / "export.nt", format="nt")
    assert set(exported) == set(build_graph(corpus))
    values = [o for _, _, o in exported if isinstance(o, Literal) and o.datatype == XSD.decimal]
    assert values and all(str(o) == decimal_lexical(float(o)) for o in values)
    # Turtle is written by rdflib, which spells a whole decimal with a point (10.0): the same values.
    export_graph_file(folder, "turtle", tmp_path / "export.ttl", spans=corpus_span_lines(corpus))
    turtle = Graph().parse(tmp_path / "export.ttl", format="turtle")

    def by_value(graph: Graph) -> set:
        return {(s, p, ("decimal", o.value) if isinstance(o, Literal) and o.datatype == XSD.decimal else o)
                for s, p, o in graph}

    assert by_value(turtle) == by_value(exported)


def test_the_lookup_links_are_told_apart_from_the_data(built):
    corpus, folder, _ = built
    links: list = []
    data = {nt_line(t) for t in iter_triples(corpus, lookup_links=links, spans=False)}
    assert set(store_lines(folder, links=False)) == data
    assert set(store_lines(folder, links=True)) - data == {nt_line(t) for t in links}


def test_decimals_are_written_in_the_form_the_store_keeps():
    assert [decimal_lexical(v) for v in (10.0, 2.8, -3.0, 0.0, -0.0, 1e-7, 1e17, 0.1 + 0.2)] == [
        "10", "2.8", "-3", "0", "0", "0.0000001", "100000000000000000", "0.30000000000000004"]


def test_the_text_spans_are_exported_but_not_in_the_query_stores(built):
    corpus, folder, report = built
    spans = {nt_line(t) for t in iter_triples(corpus) if isinstance(t, SpanTriple)}
    assert report["span_triples"] == len(spans) > 0
    assert set(corpus_span_lines(corpus)) == spans
    exported = set(iter_sorted_lines(folder, spans=corpus_span_lines(corpus)))
    stored = set(store_lines(folder, links=True))
    assert spans <= exported and not spans & stored
    query = ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . FILTER(STRSTARTS(STR(?p), 'http://www.w3.org/ns/oa#')"
             " && ?p != <http://www.w3.org/ns/oa#hasBody>) }")
    for kind in ("oxigraph", "memory"):
        with open_store(folder, kind=kind) as store:
            # Mentions keep their body (the entity); no span, selector or quote is in the store.
            assert store.query(query)[0]["n"] == 0, kind
            assert store.query("ASK { ?c <https://w3id.org/plankg/ontology#sourceSpan> ?s }") == [{"ask": False}]
            assert store.query("ASK { ?c <https://w3id.org/plankg/ontology#text> ?t }") == [{"ask": True}]


def test_an_old_build_with_a_dump_is_read_from_its_dump(built, tmp_path):
    corpus, folder, _ = built
    old = tmp_path / "graph"
    shutil.copytree(folder, old)
    links: list = []
    # Old builds spelled whole decimals 10.0: the dump, not the store, gives their lines back.
    data = [WHOLE_DECIMAL.sub(r'"\1.0"^^', nt_line(t)) for t in iter_triples(corpus, lookup_links=links, spans=False)]
    for name, lines in ((LEGACY_DUMP_FILE, data), (LEGACY_SPANS_FILE, corpus_span_lines(corpus)),
                        (LEGACY_LINKS_FILE, (nt_line(t) for t in links))):
        with gzip.open(old / name, "wt", encoding="utf-8") as fh:
            fh.writelines(lines)
    exported = list(iter_sorted_lines(old, spans=iter(["<http://example.org/never> <http://e/p> \"read\" .\n"])))
    assert exported == sorted(set(data) | set(corpus_span_lines(corpus)))
    assert any('.0"^^<http://www.w3.org/2001/XMLSchema#decimal>' in line for line in exported)
    with open_store(old, kind="memory") as memory:
        assert len(memory) == len(set(data)) + len({nt_line(t) for t in links})


def test_a_folder_without_a_graph_is_one_line(tmp_path):
    with pytest.raises(QueryError, match="no graph"):
        open_store(tmp_path, kind="memory")
    with pytest.raises(QueryError, match="no graph"):
        export_graph_file(tmp_path, "ntriples", tmp_path / "x.nt")


def test_sorting_in_runs_gives_one_sort(tmp_path):
    rng = random.Random(3)
    lines = [f"<s{rng.randrange(500)}> <p> \"{rng.randrange(50)}\" .\n" for _ in range(3000)]
    merged = list(sorted_unique(lines, tmp_path, run_lines=97))
    assert merged == sorted(set(lines))
    assert not list(tmp_path.iterdir())  # the spilled runs are gone
