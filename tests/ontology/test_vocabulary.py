"""plankg.ttl declares every term the code uses, with zh and en labels and comments."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from plankg import ontology
from plankg.ontology.namespaces import DECLARED_NAMESPACES, IND, PLANKG, PREFIXES

FOLDER = Path(ontology.__file__).resolve().parent


@pytest.fixture(scope="module")
def ontology_graph() -> Graph:
    graph = Graph()
    graph.parse(FOLDER / "plankg.ttl", format="turtle")
    return graph


def _languages(graph: Graph, node: URIRef, prop: URIRef) -> set[str]:
    return {o.language for o in graph.objects(node, prop) if isinstance(o, Literal) and o.language}


@pytest.mark.parametrize("name", ["plankg.ttl", "indicators.ttl", "shapes.ttl"])
def test_turtle_files_parse_with_an_independent_parser(name):
    quads = list(pyoxigraph.parse(path=str(FOLDER / name), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) > 100


def test_every_namespace_term_the_code_uses_is_declared(ontology_graph):
    missing = []
    for namespace in DECLARED_NAMESPACES:
        for name in namespace.__annotations__:
            term = namespace[name]
            if not {"zh", "en"} <= _languages(ontology_graph, term, RDFS.label):
                missing.append(str(term))
    assert missing == []


def test_own_classes_and_properties_have_bilingual_labels_and_comments(ontology_graph):
    own = str(PLANKG._NS)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {s for kind in kinds for s in ontology_graph.subjects(RDF.type, kind) if str(s).startswith(own)}
    assert len(terms) > 40
    for term in terms:
        assert {"zh", "en"} <= _languages(ontology_graph, term, RDFS.label), term
        assert {"zh", "en"} <= _languages(ontology_graph, term, RDFS.comment), term


def test_required_own_terms_exist():
    for name in ("PlanDocument", "Clause", "Target", "Achievement", "Programme", "Institute", "Park", "Region",
                 "LeadRole", "SupportRole", "DefaultIssuerRole", "BaselineValue", "TargetValue",
                 "StretchValue", "ActualValue"):
        assert PLANKG[name].endswith(name)
    with pytest.raises(AttributeError):
        PLANKG.Traget  # noqa: B018 - strict namespace refuses typos


def test_every_term_the_graph_emits_is_declared(small_graph, ontology_graph):
    """Predicates and classes in plankg's and the reused vocabularies' namespaces are all declared."""
    scheme = Graph().parse(FOLDER / "indicators.ttl", format="turtle")
    declared = set(ontology_graph.subjects()) | set(scheme.subjects())
    watched = tuple(str(ns._NS) for ns in DECLARED_NAMESPACES) + (str(IND),)
    used = set(small_graph.predicates()) | set(small_graph.objects(None, RDF.type))
    undeclared = sorted(str(t) for t in used if str(t).startswith(watched) and t not in declared)
    assert undeclared == []


def test_prefixes_cover_the_vocabularies_used():
    for prefix in ("plankg", "ind", "org", "prov", "skos", "qb", "oa", "sdmx-measure", "dcterms"):
        assert prefix in PREFIXES
    assert PREFIXES["skos"] == str(SKOS)
