"""Knowledge graph: records -> RDF, stores (rdflib | Oxigraph), named SPARQL, networkx, exports."""
from __future__ import annotations

from plankg.graph.build import build_graph, iter_triples
from plankg.graph.export import export_graph_file
from plankg.graph.network import project_graph
from plankg.graph.queries import REGISTRY, QueryResult
from plankg.graph.shacl import validate
from plankg.graph.store import GraphStore, MemoryStore, OxigraphStore, QueryError, open_store
from plankg.graph.workspace import build_graph_store

__all__ = [
    "GraphStore",
    "MemoryStore",
    "OxigraphStore",
    "QueryError",
    "QueryResult",
    "REGISTRY",
    "build_graph",
    "build_graph_store",
    "export_graph_file",
    "iter_triples",
    "open_store",
    "project_graph",
    "validate",
]
