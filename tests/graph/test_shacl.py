"""SHACL shapes: the sample graph conforms; broken graphs are caught with readable messages."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from plankg.graph.shacl import validate
from plankg.graph.terms import record_iri
from plankg.ontology.namespaces import PLANKG, SDMX_ATTRIBUTE, SDMX_MEASURE


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def test_sample_graph_conforms(small_graph):
    result = validate(small_graph)
    assert result.conforms, result.messages[:5]
    assert result.violations == 0


def test_target_without_unit_or_value_is_reported(small_graph):
    broken = _copy(small_graph)
    target = record_iri("tg-c2")
    broken.remove((target, SDMX_ATTRIBUTE.unitMeasure, None))
    broken.remove((target, SDMX_MEASURE.obsValue, None))
    result = validate(broken)
    assert not result.conforms
    focus = {m[0] for m in result.messages}
    assert focus == {str(target)}
    messages = " ".join(m[2] for m in result.messages)
    assert "unit" in messages and "value or a placeholder" in messages


def test_owner_must_be_an_organisation_with_a_known_role(small_graph):
    broken = _copy(small_graph)
    attribution = next(broken.objects(record_iri("tg-c2"), PROV.qualifiedAttribution))
    broken.set((attribution, PROV.hadRole, URIRef("https://example.org/BossRole")))
    broken.add((record_iri("tg-c2"), PROV.wasAttributedTo, Literal("某人")))
    result = validate(broken)
    paths = {m[1] for m in result.messages}
    assert str(PROV.hadRole) in paths and str(PROV.wasAttributedTo) in paths


def test_clause_with_an_unknown_kind_is_reported(small_graph):
    broken = _copy(small_graph)
    broken.set((record_iri("cl-c1"), PLANKG.clauseKind, Literal("paragraph")))
    broken.remove((record_iri("cl-c1"), RDF.type, None))
    broken.add((record_iri("cl-c1"), RDF.type, PLANKG.Clause))
    assert not validate(broken).conforms
