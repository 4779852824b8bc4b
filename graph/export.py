"""Export the workspace graph as Turtle, N-Triples, JSON-LD or GraphML."""
from __future__ import annotations

import shutil
from pathlib import Path

from plankg.graph.store import GRAPH_FILE, GraphStore, QueryError, open_store

FORMATS = ("turtle", "ntriples", "jsonld", "graphml")
#: Above this many triples, pyoxigraph writes Turtle/JSON-LD (rdflib is slow on big graphs).
FAST_WRITER_TRIPLES = 200_000


def export_graph_file(graph_dir: str | Path, fmt: str, out_path: str | Path,
                      store: GraphStore | None = None) -> Path:
    """Write the graph in ``graph_dir`` to ``out_path``.

    Turtle and JSON-LD are written by rdflib (a different code base from the Oxigraph parser the
    tests read them back with); graphs above 200,000 triples use pyoxigraph's faster writer.
    GraphML holds the networkx projection (organisations, targets, indicators...), not every triple;
    it is drawn from ``store`` when given (the workspace's open store), else from ``graph.nt``.

    Raises:
        QueryError: On an unknown format or a missing graph.
    """
    graph_dir = Path(graph_dir)
    out_path = Path(out_path)
    nt_path = graph_dir / GRAPH_FILE
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if not nt_path.is_file():
        raise QueryError(f"no graph at {graph_dir}: run the build first")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "ntriples":
        shutil.copyfile(nt_path, out_path)
    elif fmt == "graphml":
        import networkx as nx

        from plankg.graph.network import project_graph

        if store is not None:
            nx.write_graphml(project_graph(store), out_path)
        else:
            with open_store(graph_dir, kind="memory") as memory:
                nx.write_graphml(project_graph(memory), out_path)
    else:
        _write_rdf(nt_path, fmt, out_path)
    return out_path


def _write_rdf(nt_path: Path, fmt: str, out_path: Path) -> None:
    from plankg.ontology.namespaces import PREFIXES

    triples = sum(1 for _ in nt_path.open("rb"))
    if triples > FAST_WRITER_TRIPLES:
        import pyoxigraph

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
