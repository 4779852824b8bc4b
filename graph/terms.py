"""Deterministic IRIs for graph nodes, unit mapping, and N-Triples term serialisation.

Both directions live here: record ids and names to IRIs (``record_iri``, ``indicator_iri``...)
and IRIs back to record ids and indicator ids (``record_id``, ``indicator_id``); nothing else
decodes an IRI by its suffix.

Every IRI is derived from a record id or a canonical name, never from a counter or a set's
iteration order, so rebuilding from the same records gives the same IRIs.
"""
from __future__ import annotations

import hashlib
from functools import cache

from rdflib import BNode, Literal, URIRef

from plankg.ontology.indicators import PROPOSED_PREFIX, load_scheme, proposed_iri
from plankg.ontology.namespaces import DATA, PLANKG, PUNIT
from plankg.ontology.units import load_units

# Entity types whose nodes share the organisation key space: an owner named 温州市科技局 and an
# organisation mention with the same canonical name are one node.
_ORG_TYPES = {"organization", "division", "institute"}


def name_key(name: str) -> str:
    """Short stable hash of a canonical name (IRIs stay ASCII)."""
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


def record_iri(record_id: str) -> URIRef:
    """IRI of a record (document, clause, target, mention) from its deterministic id."""
    return DATA[record_id]


def record_id(iri: str | None) -> str | None:
    """Record id of a data IRI: ``.../id/tg-1a2b`` and ``.../id/tg-1a2b/stretch`` -> ``tg-1a2b``.

    Returns None for anything that is not a record IRI (vocabulary terms, literals, None).
    """
    if not iri:
        return None
    text, prefix = str(iri), str(DATA)
    if not text.startswith(prefix):
        return None
    return text[len(prefix):].split("/", 1)[0] or None


def indicator_id(iri: str | None) -> str | None:
    """Concept id (``rd_intensity``) of an indicator IRI of the canonical scheme, else None.

    Proposed indicators' IRIs are hashes of their phrase: they have no id to give back.
    """
    if not iri:
        return None
    return _indicator_ids().get(str(iri))


@cache
def _indicator_ids() -> dict[str, str]:
    scheme = load_scheme()
    return {concept.iri: concept.id for concept in (*scheme.concepts, *scheme.categories)}


def local_name(iri: str | None) -> str:
    """The name of a vocabulary term after its namespace (``org:Organization`` -> ``Organization``)."""
    return str(iri or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def org_iri(name: str) -> URIRef:
    """IRI of an organisation, division or institute, keyed by its canonical name."""
    return DATA[f"org/{name_key(name)}"]


def region_iri(name: str) -> URIRef:
    """IRI of an administrative region, keyed by its full name (路桥区, 温州市, 浙江省)."""
    return DATA[f"region/{name_key(name)}"]


def entity_iri(entity_type: str, canonical: str) -> URIRef:
    """IRI of a merged entity of any mention type, keyed by type family and canonical name."""
    if entity_type in _ORG_TYPES:
        return org_iri(canonical)
    if entity_type == "region":
        return region_iri(canonical)
    return DATA[f"{entity_type}/{name_key(canonical)}"]


def unit_iri(unit: str | None) -> URIRef:
    """QUDT or plankg unit IRI for a unit string; unknown units get a minted unit node."""
    if not unit:
        return PUNIT.unspecified
    known = load_units().get(unit)
    return URIRef(known.iri) if known is not None else DATA[f"unit/{name_key(unit.strip())}"]


def is_known_unit(unit: str | None) -> bool:
    """True when :func:`unit_iri` maps ``unit`` to a declared QUDT or plankg unit."""
    return not unit or load_units().get(unit) is not None


def indicator_iri(indicator_id: str) -> tuple[URIRef, bool]:
    """IRI of the indicator concept for an ``indicator_id`` and whether it is a proposed concept.

    Ids of the canonical scheme map to their concept; ``proposed:<phrase>`` ids (and ids the
    scheme does not know) map to a deterministic proposed-concept IRI.
    """
    if indicator_id and not indicator_id.startswith(PROPOSED_PREFIX):
        concept = load_scheme().by_id(indicator_id)
        if concept is not None:
            return URIRef(concept.iri), False
    return URIRef(proposed_iri(indicator_id or "")), True


def role_iri(role: str) -> URIRef:
    """Owner role individual for ``lead`` | ``support`` | ``default``."""
    return {"lead": PLANKG.LeadRole, "support": PLANKG.SupportRole}.get(role, PLANKG.DefaultIssuerRole)


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )


def nt_term(node: URIRef | Literal | BNode) -> str:
    """Serialise one rdflib term as N-Triples (one line, escaped), also valid in SPARQL."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    body = f'"{_escape(str(node))}"'
    if node.language:
        return f"{body}@{node.language}"
    if node.datatype is not None and str(node.datatype) != "http://www.w3.org/2001/XMLSchema#string":
        return f"{body}^^<{node.datatype}>"
    return body


def nt_line(triple: tuple) -> str:
    """One N-Triples line (with newline) for an rdflib triple."""
    s, p, o = triple
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n"
