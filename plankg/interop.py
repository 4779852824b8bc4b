"""The workspace for outside tools: an rdflib view over the store, and files in standard formats."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plankg.errors import PlankgError
from plankg.graph.dump import store_lines
from plankg.graph.export import FORMATS, export_graph_file
from plankg.render import write_rows

if TYPE_CHECKING:
    import rdflib

    from plankg.facade import KnowledgeGraph
    from plankg.graph.store import GraphStore

#: ``export`` formats by file suffix.
_SUFFIX_FORMATS = {".ttl": "turtle", ".nt": "ntriples", ".jsonld": "jsonld", ".graphml": "graphml",
                   ".jsonl": "jsonl", ".json": "json", ".csv": "csv"}
_ROW_FORMATS = ("jsonl", "json", "csv")


def rdflib_view(store: GraphStore, graph_dir: Path) -> rdflib.Graph:
    """An rdflib ``Graph`` over ``store`` (read it; the workspace graph is read-only).

    The memory store is an rdflib graph already; an Oxigraph store is wrapped with oxrdflib, so
    rdflib's API runs on Oxigraph without copying triples. Without oxrdflib, the store's triples
    in ``graph_dir`` are read into memory.
    """
    if store.kind == "memory":
        return store.graph  # type: ignore[attr-defined,no-any-return]
    import rdflib

    try:
        from oxrdflib import OxigraphStore as RdflibOxigraph
    except ImportError:  # without oxrdflib: a copy in memory

        graph = rdflib.Graph()
        graph.parse(data="".join(store_lines(graph_dir)), format="nt")
        return graph
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    # The workspace's triples live in the store's default graph.
    return rdflib.Graph(store=RdflibOxigraph(store=store.store),  # type: ignore[attr-defined]
                        identifier=DATASET_DEFAULT_GRAPH_ID)


def export_file(kg: KnowledgeGraph, path: str | Path, what: str = "graph", format: str | None = None) -> Path:  # noqa: A002
    """Write ``kg``'s graph or rows to ``path`` (see :meth:`KnowledgeGraph.export`)."""
    out = Path(path)
    fmt = format or _SUFFIX_FORMATS.get(out.suffix.lower()) or ("turtle" if what == "graph" else "jsonl")
    if what == "graph":

        if fmt not in FORMATS:
            raise PlankgError(f"export graph as {fmt!r}: use one of {', '.join(FORMATS)}")
        store = kg.store if fmt == "graphml" else None
        return export_graph_file(kg.workspace.graph_dir, fmt, out, store=store, spans=kg.workspace.span_lines())
    if fmt not in _ROW_FORMATS:
        raise PlankgError(f"export {what} as {fmt!r}: use one of {', '.join(_ROW_FORMATS)}")

    rows = kg.rows(what)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        write_rows(rows, fmt, handle)
    return out
