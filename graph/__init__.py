"""Knowledge graph: records -> RDF, stores (rdflib | Oxigraph), named SPARQL, networkx, exports.

Names are imported lazily so ``import plankg.graph`` does not load rdflib.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "build_graph": "plankg.graph.build",
    "iter_triples": "plankg.graph.build",
    "GraphStore": "plankg.graph.store",
    "MemoryStore": "plankg.graph.store",
    "OxigraphStore": "plankg.graph.store",
    "QueryError": "plankg.graph.store",
    "open_store": "plankg.graph.store",
    "build_graph_store": "plankg.graph.workspace",
    "QueryResult": "plankg.graph.queries",
    "REGISTRY": "plankg.graph.queries",
    "project_graph": "plankg.graph.network",
    "export_graph_file": "plankg.graph.export",
    "validate": "plankg.graph.shacl",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'plankg.graph' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
