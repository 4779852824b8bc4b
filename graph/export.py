"""Export the workspace graph as Turtle, N-Triples, JSON-LD or GraphML."""
from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from plankg.graph.dump import has_graph, write_sorted
from plankg.graph.network import networkx_module, project_graph
from plankg.graph.store import GraphStore, QueryError, open_store, pyoxigraph_module
from plankg.ontology.namespaces import PREFIXES

FORMATS = ("turtle", "ntriples", "jsonld", "graphml")
#: Above this many triples, pyoxigraph writes Turtle/JSON-LD (rdflib is slow on big graphs).
FAST_WRITER_TRIPLES = 200_000


def export_graph_file(graph_dir: str | Path, fmt: str, out_path: str | Path,
                      store: GraphStore | None = None, spans: Iterable[str] = ()) -> Path:
    """Write the graph in ``graph_dir`` to ``out_path``.

    Turtle and JSON-LD are written by rdflib (a different code base from the Oxigraph parser the
    tests read them back with); graphs above 200,000 triples use pyoxigraph's faster writer.
    GraphML holds the networkx projection (organisations, targets, indicators...), not every triple;
    it is drawn from ``store`` when given (the workspace's open store), else from a memory copy.
    N-Triples are the Oxigraph store's lines but the lookup links, with the text spans
    ``spans`` (:func:`plankg.graph.dump.span_lines` of the records), sorted and de-duplicated
    (bounded memory at any size).

    Raises:
        QueryError: On an unknown format or a missing graph.
    """
    graph_dir = Path(graph_dir)
    out_path = Path(out_path)
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if not has_graph(graph_dir):
        raise QueryError(f"no graph at {graph_dir}: run the build first")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "ntriples":
        write_sorted(graph_dir, out_path, spans=spans)
    elif fmt == "graphml":
        nx = networkx_module()

        if store is not None:
            nx.write_graphml(project_graph(store), out_path)
        else:
            with open_store(graph_dir, kind="memory") as memory:
                nx.write_graphml(project_graph(memory), out_path)
    else:
        _write_rdf(graph_dir, fmt, out_path, spans)
    return out_path


def _write_rdf(graph_dir: Path, fmt: str, out_path: Path, spans: Iterable[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="plankg-export-") as folder:
        nt_path = Path(folder) / "graph.nt"
        triples = write_sorted(graph_dir, nt_path, spans=spans)
        if triples > FAST_WRITER_TRIPLES:
            pyoxigraph = pyoxigraph_module()

            target = pyoxigraph.RdfFormat.TURTLE if fmt == "turtle" else pyoxigraph.RdfFormat.JSON_LD
            quads = pyoxigraph.parse(path=str(nt_path), format=pyoxigraph.RdfFormat.N_TRIPLES)
            prefixes = PREFIXES if fmt == "turtle" else None
            pyoxigraph.serialize(quads, str(out_path), format=target, prefixes=prefixes)
            return
        from rdflib import Graph

        graph = Graph()
        graph.parse(nt_path, format="nt")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    if fmt == "turtle":
        graph.serialize(out_path, format="turtle", encoding="utf-8")
    else:
        context = {prefix: iri for prefix, iri in PREFIXES.items()}
        graph.serialize(out_path, format="json-ld", context=context, auto_compact=True, encoding="utf-8")
