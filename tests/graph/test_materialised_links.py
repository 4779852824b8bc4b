"""Links materialised at build time: region closure (plankg:inRegion) and outcomes (plankg:outcome).

A composed corpus: a county plan (瑞安市, inside 温州市, inside 浙江省) with three targets for
2020, a later county summary reporting 2019, 2020 and 2021 figures, and a city report. The
target must reach its nearest later report only: not an earlier one, not a later one directly,
not one of another level (省级) or another place.
"""
from __future__ import annotations

import pytest

from plankg.graph import queries as Q
from plankg.graph.links import outcome_links, region_closure
from plankg.graph.store import MemoryStore, open_store
from plankg.ingest.records import Clause, Corpus, Document, Target

PLAN_TEXT = "全年新增高新技术企业50家，新增省级科技型中小企业30家，新增科技型中小企业100家。"
SUMMARY_TEXT = ("2019年新增高新技术企业40家。2020年新增高新技术企业55家，新增科技型中小企业120家。"
                "2021年新增高新技术企业60家，新增省级科技型中小企业35家。")
CITY_TEXT = "2020年全市新增高新技术企业500家。"

P = "PREFIX plankg: <https://w3id.org/plankg/ontology#>\n"
ID = "https://w3id.org/plankg/id/"


def _doc(doc_id: str, title: str, region: str, level: str, parent: str, text: str, years: tuple) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", source_name=f"{doc_id}.txt", part=0, title=title,
                    issuer=f"{region}科技局", region=region, region_level=level, parent_region=parent,
                    doc_type="work_plan", years=years, reported_years=(), published=None, text=text)


def _figure(record_id: str, doc: Document, kind: str, phrase: str, indicator_id: str, written: str,
            year: int | None) -> Target:
    start = doc.text.index(written)
    return Target(record_id, doc.id, f"cl-{doc.id}", kind, phrase, indicator_id, float(written[:-1]), "家",
                  start, start + len(written), measure="increment", year=year, value_text=written)


def composed_corpus() -> Corpus:
    plan = _doc("plan", "瑞安市2020年科技工作要点", "瑞安市", "county", "温州市", PLAN_TEXT, (2020,))
    summary = _doc("summary", "瑞安市科技工作总结", "瑞安市", "county", "温州市", SUMMARY_TEXT, (2021,))
    city = _doc("city", "温州市科技工作总结", "温州市", "city", "浙江省", CITY_TEXT, (2020,))
    clauses = tuple(Clause(f"cl-{d.id}", d.id, None, "sentence", "", d.text, 0, len(d.text)) for d in (plan, summary, city))
    targets = (
        _figure("t-hte", plan, "target", "高新技术企业", "high_tech_enterprises", "50家", 2020),
        _figure("t-sme-prov", plan, "target", "省级科技型中小企业", "st_smes", "30家", 2020),
        _figure("t-sme", plan, "target", "科技型中小企业", "st_smes", "100家", 2020),
        _figure("a-hte-2019", summary, "achievement", "高新技术企业", "high_tech_enterprises", "40家", 2019),
        _figure("a-hte-2020", summary, "achievement", "高新技术企业", "high_tech_enterprises", "55家", 2020),
        _figure("a-sme-2020", summary, "achievement", "科技型中小企业", "st_smes", "120家", 2020),
        _figure("a-hte-2021", summary, "achievement", "高新技术企业", "high_tech_enterprises", "60家", 2021),
        _figure("a-sme-prov-2021", summary, "achievement", "省级科技型中小企业", "st_smes", "35家", 2021),
        _figure("a-city-2020", city, "achievement", "高新技术企业", "high_tech_enterprises", "500家", 2020),
    )
    return Corpus(documents=(plan, summary, city), clauses=clauses, targets=targets, mentions=(), entities=())


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return composed_corpus()


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(request, corpus, tmp_path_factory):
    if request.param == "memory":
        from plankg.graph.build import build_graph

        return MemoryStore(build_graph(corpus))
    from plankg.graph.workspace import build_graph_store

    folder = tmp_path_factory.mktemp("links") / "graph"
    build_graph_store(corpus, folder)
    return open_store(folder, kind="oxigraph")


def _objects(store, subject: str, path: str) -> set[str]:
    rows = store.query(P + f"SELECT ?o WHERE {{ <{ID}{subject}> {path} ?o }}")
    return {row["o"].rsplit("/", 1)[-1] for row in rows}


def _regions(store, subject: str) -> set[str]:
    rows = store.query(P + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                       f"SELECT ?name WHERE {{ <{ID}{subject}> plankg:inRegion/rdfs:label ?name "
                       'FILTER(LANG(?name) = "zh") }')
    return {row["name"] for row in rows}


def test_a_county_target_is_in_its_county_city_and_province(store):
    assert _regions(store, "t-hte") == {"瑞安市", "温州市", "浙江省"}
    assert _regions(store, "a-city-2020") == {"温州市", "浙江省"}
    for region in ("瑞安市", "温州", "浙江省"):
        found = {r["target"].rsplit("/", 1)[-1] for r in Q.targets(store, region=region).rows}
        assert found == {"t-hte", "t-sme-prov", "t-sme"}, region
        assert "plankg:inRegion ?regionNode" in Q.targets(store, region=region).sparql
    # A place's own figures only: the county's targets are not the city's.
    assert Q.targets(store, region="温州市", within=False).rows == []


def test_a_target_links_its_nearest_later_report_only(store):
    assert _objects(store, "t-hte", "plankg:outcome") == {"a-hte-2020"}  # not 2019, not 2021, not the city's
    assert _objects(store, "t-hte", "plankg:outcome/plankg:nextOutcome*") == {"a-hte-2020", "a-hte-2021"}
    assert _objects(store, "t-sme", "plankg:outcome") == {"a-sme-2020"}
    # 省级 counts are another level: the 2021 省级 report, not the nearer 2020 count of all SMEs.
    assert _objects(store, "t-sme-prov", "plankg:outcome") == {"a-sme-prov-2021"}
    assert _objects(store, "a-sme-2020", "plankg:nextOutcome") == set()


def test_plan_vs_outcome_is_one_row_per_target_with_its_nearest_report(store):
    result = Q.plan_vs_outcome(store)
    rows = {r["target"].rsplit("/", 1)[-1]: (r["actual"].rsplit("/", 1)[-1], r["actualYear"], r["actualValue"], r["met"])
            for r in result.rows}
    assert len(result.rows) == 3
    assert rows == {"t-hte": ("a-hte-2020", 2020, 55.0, True), "t-sme": ("a-sme-2020", 2020, 120.0, True),
                    "t-sme-prov": ("a-sme-prov-2021", 2021, 35.0, None)}  # a year later: no verdict
    assert "plankg:outcome" in result.sparql
    by_indicator = Q.plan_vs_outcome(store, "st_smes", region="温州")
    assert {r["target"].rsplit("/", 1)[-1] for r in by_indicator.rows} == {"t-sme", "t-sme-prov"}


def _record(record_id: str, doc_id: str, kind: str, year: int | None) -> Target:
    return Target(record_id, doc_id, "cl", kind, "高新技术企业", "high_tech_enterprises", 1.0, "家", 0, 1, year=year)


def test_a_report_in_the_plans_own_document_does_not_hide_a_later_one():
    documents = {d: _doc(d, d, "瑞安市", "county", "温州市", "", ()) for d in ("plan", "later", "undated")}
    records = [_record("t", "plan", "target", 2022), _record("own", "plan", "achievement", 2022),
               _record("next", "later", "achievement", 2023), _record("after", "later", "achievement", 2024),
               _record("unknown", "undated", "achievement", None), _record("early", "later", "achievement", 2021)]
    outcomes, chain = outcome_links(records, documents)
    assert {link.target_id for link in outcomes} == {"own", "next"}
    assert [(link.source_id, link.target_id) for link in chain] == [("early", "own"), ("next", "after"), ("own", "next")]
    # Reports of unknown year count as the farthest: the outcome only when nothing dated qualifies.
    outcomes, _ = outcome_links([_record("t", "plan", "target", 2025), *records[1:]], documents)
    assert {link.target_id for link in outcomes} == {"unknown"}


def test_region_closure_stops_at_a_cycle():
    assert region_closure("甲", {"甲": "乙", "乙": "甲"}.get) == ["甲", "乙"]


def test_the_links_conform_and_a_wrong_outcome_is_reported(corpus):
    from rdflib.namespace import RDF

    from plankg.graph.build import build_graph
    from plankg.graph.shacl import validate
    from plankg.graph.terms import record_iri
    from plankg.ontology.namespaces import PLANKG

    graph = build_graph(corpus)
    assert (record_iri("t-hte"), PLANKG.outcome, record_iri("a-hte-2020")) in graph
    result = validate(graph)
    assert result.conforms, result.messages[:5]
    graph.add((record_iri("t-hte"), PLANKG.outcome, record_iri("t-sme")))  # a target is not an outcome
    graph.add((record_iri("t-sme"), PLANKG.inRegion, record_iri("a-sme-2020")))
    assert (record_iri("t-sme"), RDF.type, PLANKG.Target) in graph
    paths = {m[1] for m in validate(graph).messages}
    assert paths == {str(PLANKG.outcome), str(PLANKG.inRegion)}
