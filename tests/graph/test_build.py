"""Records -> RDF: determinism, provenance spans, regions, organisations, roles, observations."""
from __future__ import annotations

import dataclasses

from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS

from plankg.graph.build import build_graph
from plankg.graph.terms import org_iri, record_iri, region_iri
from plankg.ingest.records import Clause, Corpus, Document, Owner, Target
from plankg.ontology.indicators import load_scheme, proposed_iri
from plankg.ontology.namespaces import OA, PLANKG, SDMX_MEASURE
from tests.graph.sample import make_corpus


def test_rebuild_is_isomorphic_even_with_records_in_another_order(small_corpus, small_graph):
    reversed_corpus = dataclasses.replace(
        small_corpus,
        documents=small_corpus.documents[::-1],
        clauses=small_corpus.clauses[::-1],
        targets=small_corpus.targets[::-1],
        mentions=small_corpus.mentions[::-1],
        entities=small_corpus.entities[::-1],
    )
    assert isomorphic(build_graph(make_corpus()), small_graph)
    assert isomorphic(build_graph(reversed_corpus), small_graph)


def test_graph_changes_when_a_record_changes(small_corpus, small_graph):
    changed = dataclasses.replace(small_corpus, targets=small_corpus.targets[1:])
    assert not isomorphic(build_graph(changed), small_graph)


def _selector_values(graph, span):
    position = next(s for s in graph.objects(span, OA.hasSelector) if (s, RDF.type, OA.TextPositionSelector) in graph)
    quote = next(s for s in graph.objects(span, OA.hasSelector) if (s, RDF.type, OA.TextQuoteSelector) in graph)
    start = int(graph.value(position, OA.start))
    end = int(graph.value(position, OA.end))
    return start, end, str(graph.value(quote, OA.exact))


def test_every_target_has_a_value_span_quoting_the_document_and_derives_from_its_clause(small_corpus, small_graph):
    docs = {d.id: d for d in small_corpus.documents}
    for target in small_corpus.targets:
        node = record_iri(target.id)
        assert (node, PROV.wasDerivedFrom, record_iri(target.clause_id)) in small_graph
        span = small_graph.value(node, PLANKG.valueSpan)
        assert small_graph.value(span, OA.hasSource) == record_iri(target.doc_id)
        start, end, exact = _selector_values(small_graph, span)
        assert (start, end) == (target.start, target.end)
        assert exact == docs[target.doc_id].text[target.start:target.end]


def test_clause_spans_quote_the_source_text(small_corpus, small_graph):
    docs = {d.id: d for d in small_corpus.documents}
    for clause in small_corpus.clauses:
        span = small_graph.value(record_iri(clause.id), PLANKG.sourceSpan)
        start, end, exact = _selector_values(small_graph, span)
        assert exact == docs[clause.doc_id].text[clause.start:clause.end]
        assert (start, end) == (clause.start, clause.end)


def test_region_hierarchy_district_city_province(small_graph):
    luqiao, taizhou, zhejiang = region_iri("路桥区"), region_iri("台州市"), region_iri("浙江省")
    assert (luqiao, PLANKG.withinRegion, taizhou) in small_graph
    assert (taizhou, PLANKG.withinRegion, zhejiang) in small_graph
    assert (luqiao, RDF.type, PLANKG.District) in small_graph
    assert (taizhou, RDF.type, PLANKG.City) in small_graph
    assert (zhejiang, RDF.type, PLANKG.Province) in small_graph
    assert (region_iri("瑞安市"), PLANKG.withinRegion, region_iri("温州市")) in small_graph
    assert small_graph.value(zhejiang, PLANKG.withinRegion) is None


def test_one_node_per_organisation_with_surface_forms_as_aliases(small_graph):
    bureau = org_iri("路桥区科技局")
    owned = set(small_graph.subjects(PROV.wasAttributedTo, bureau))
    assert len(owned) >= 5  # four clauses' targets, one node
    assert (bureau, SKOS.altLabel, Literal("区科技局", lang="zh")) in small_graph
    labels = list(small_graph.objects(bureau, RDFS.label))
    assert labels == [Literal("路桥区科技局", lang="zh")]


def test_same_surface_in_two_regions_gives_two_organisations():
    docs, clauses, targets = [], [], []
    for index, region in enumerate(("路桥区", "黄岩区")):
        text = "区科技局负责。"
        docs.append(Document(f"doc-{index}", "x", "x", 0, "t", f"{region}科技局", region, "district", "台州市",
                             "work_plan", (2021,), (), None, text))
        clauses.append(Clause(f"cl-{index}", f"doc-{index}", None, "item", "", text, 0, len(text)))
        targets.append(Target(f"tg-{index}", f"doc-{index}", f"cl-{index}", "target", "高新技术企业",
                              "high_tech_enterprises", 5, "家", 0, 2,
                              owners=(Owner(f"{region}科技局", "区科技局", "lead"),), owner_source="explicit"))
    graph = build_graph(Corpus(documents=tuple(docs), clauses=tuple(clauses), targets=tuple(targets)))
    agents = {graph.value(record_iri(f"tg-{i}"), PROV.wasAttributedTo) for i in range(2)}
    assert agents == {org_iri("路桥区科技局"), org_iri("黄岩区科技局")}
    assert graph.value(org_iri("黄岩区科技局"), PLANKG.locatedIn) == region_iri("黄岩区")


def test_owner_roles_are_qualified_attributions(small_graph):
    roles = {}
    for attribution in small_graph.objects(record_iri("tg-c1"), PROV.qualifiedAttribution):
        agent = small_graph.value(attribution, PROV.agent)
        roles[str(small_graph.value(agent, RDFS.label))] = small_graph.value(attribution, PROV.hadRole)
    assert roles == {"温州市科技局综合处": PLANKG.LeadRole, "温州市科技局高新处": PLANKG.SupportRole}
    division = org_iri("温州市科技局综合处")
    assert (division, ORG.unitOf, org_iri("温州市科技局")) in small_graph
    assert (division, RDF.type, ORG.OrganizationalUnit) in small_graph
    # No owner extracted: the issuing bureau is the default owner.
    default = next(iter(small_graph.objects(record_iri("tg-r1"), PROV.qualifiedAttribution)))
    assert small_graph.value(default, PROV.agent) == org_iri("瑞安市科技局")
    assert small_graph.value(default, PROV.hadRole) == PLANKG.DefaultIssuerRole


def test_observations_carry_kind_value_stretch_baseline_and_conflicts(small_graph):
    city = record_iri("tg-c1")
    assert small_graph.value(city, PLANKG.indicator) == URIRef(load_scheme().by_id("rd_intensity").iri)
    assert float(small_graph.value(city, SDMX_MEASURE.obsValue)) == 2.2
    assert small_graph.value(city, PLANKG.valueKind) == PLANKG.TargetValue
    stretch = small_graph.value(city, PLANKG.hasStretch)
    assert float(small_graph.value(stretch, SDMX_MEASURE.obsValue)) == 2.3
    assert small_graph.value(stretch, PLANKG.valueKind) == PLANKG.StretchValue
    # A baseline with a record id links to that achievement; without one it becomes an observation.
    assert small_graph.value(record_iri("tg-d1"), PLANKG.hasBaseline) == record_iri("tg-d0")
    baseline = small_graph.value(record_iri("tg-d2"), PLANKG.hasBaseline)
    assert small_graph.value(baseline, PLANKG.valueKind) == PLANKG.BaselineValue
    assert small_graph.value(record_iri("tg-d0"), PLANKG.valueKind) == PLANKG.ActualValue
    assert (record_iri("tg-d2b"), PLANKG.conflictsWith, record_iri("tg-d2")) in small_graph
    assert (record_iri("tg-d2"), PLANKG.conflictsWith, record_iri("tg-d2b")) in small_graph


def test_placeholder_and_unmatched_indicator_make_an_unreviewed_proposed_concept(small_graph):
    node = record_iri("tg-dx")
    assert small_graph.value(node, SDMX_MEASURE.obsValue) is None
    assert small_graph.value(node, PLANKG.isPlaceholder).toPython() is True
    concept = small_graph.value(node, PLANKG.indicator)
    assert concept == URIRef(proposed_iri("proposed:某某新指标"))
    assert (concept, RDF.type, PLANKG.ProposedIndicator) in small_graph
    assert small_graph.value(concept, PLANKG.reviewStatus) == PLANKG.Unreviewed
    assert str(small_graph.value(concept, SKOS.prefLabel)) == "某某新指标"


def test_entities_keep_aliases_merge_reasons_and_mentions(small_graph):
    institute = org_iri("浙江大学温州研究院")
    assert (institute, RDF.type, PLANKG.Institute) in small_graph
    assert (institute, SKOS.altLabel, Literal("浙大温研院", lang="zh")) in small_graph
    assert (institute, PLANKG.mergeReason, Literal("alias table: 浙大温研院")) in small_graph
    assert small_graph.value(institute, PLANKG.locatedIn) == region_iri("温州市")
    mention = record_iri("mn-1")
    assert small_graph.value(mention, OA.hasBody) == institute
    assert small_graph.value(mention, PROV.wasDerivedFrom) == record_iri("cl-d3")
