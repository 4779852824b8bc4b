"""Vocabulary: the plankg ontology, the canonical indicator scheme, SHACL shapes and namespaces.

A leaf package: anyone may import it; it imports nothing else from plankg. The namespace
classes (``PLANKG``, ``OA``...) load rdflib, so they are imported on first use.
"""
from __future__ import annotations

import importlib
from typing import Any

from plankg.ontology.indicators import (
    Concept,
    IndicatorScheme,
    load_scheme,
    normalize_phrase,
    proposed_id,
    proposed_iri,
)

_LAZY = {
    name: "plankg.ontology.namespaces"
    for name in ("PLANKG", "PUNIT", "OA", "ELI", "QUDT", "UNIT", "SDMX_MEASURE", "SDMX_ATTRIBUTE",
                 "SDMX_DIMENSION", "DATA", "IND", "PREFIXES", "sparql_prologue")
}

__all__ = [
    "Concept",
    "IndicatorScheme",
    "load_scheme",
    "normalize_phrase",
    "proposed_id",
    "proposed_iri",
    *sorted(_LAZY),
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'plankg.ontology' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
