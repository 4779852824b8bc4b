"""Vocabulary: the plankg ontology, the canonical indicator scheme, SHACL shapes and namespaces.

A leaf package: anyone may import it; it imports nothing else from plankg.
"""
from __future__ import annotations

from plankg.ontology.indicators import (
    Concept,
    IndicatorScheme,
    load_scheme,
    normalize_phrase,
    proposed_id,
    proposed_iri,
)
from plankg.ontology.namespaces import (
    DATA,
    ELI,
    IND,
    OA,
    PLANKG,
    PREFIXES,
    PUNIT,
    QUDT,
    SDMX_ATTRIBUTE,
    SDMX_DIMENSION,
    SDMX_MEASURE,
    UNIT,
    sparql_prologue,
)

__all__ = [
    "Concept",
    "IndicatorScheme",
    "load_scheme",
    "normalize_phrase",
    "proposed_id",
    "proposed_iri",
    "DATA",
    "ELI",
    "IND",
    "OA",
    "PLANKG",
    "PREFIXES",
    "PUNIT",
    "QUDT",
    "SDMX_ATTRIBUTE",
    "SDMX_DIMENSION",
    "SDMX_MEASURE",
    "UNIT",
    "sparql_prologue",
]
