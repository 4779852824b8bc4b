"""``plankg.open()``: tables as DataFrames, SPARQL with bindings, rdflib view, network, export, add, ask."""
from __future__ import annotations

import json

import pyoxigraph
import pytest

import plankg
from plankg.errors import PlankgError
from plankg.graph.store import read_meta


def test_open_returns_the_facade_and_plankg_is_its_old_name(kg):
    assert isinstance(kg, plankg.KnowledgeGraph) and plankg.Plankg is plankg.KnowledgeGraph
    assert "built" in repr(kg)


def test_documents_lists_each_composed_document(kg):
    docs = kg.documents()
    assert sorted(docs["doc"]) == ["luqiao_2023.txt", "ruian_2024.txt"]
    assert set(docs.columns) >= {"title", "issuer", "region", "doc_type", "targets", "achievements"}


def test_targets_filter_by_region_with_its_sub_regions(kg):
    # 瑞安市 lies in 温州市: asking for 温州 (no suffix) finds the Ruian plan's targets only.
    wenzhou = kg.targets(region="温州")
    assert len(wenzhou) > 0 and set(wenzhou["region"]) == {"瑞安市"}
    assert len(kg.targets(region="瑞安市")) == len(wenzhou)
    assert kg.targets(region="杭州").empty


def test_targets_filter_by_kind_year_and_indicator_id_or_english_label(kg):
    from plankg.ontology.indicators import load_scheme

    by_id = kg.targets(kind="target", year=2024, indicator="high_tech_enterprises")
    assert list(by_id["value"]) == [500.0] and list(by_id["region"]) == ["瑞安市"]
    english = load_scheme().by_id("high_tech_enterprises").label_en
    assert kg.targets(kind="target", indicator=english).equals(by_id)
    achieved = kg.targets(kind="achievement", indicator="high_tech_enterprises")
    assert list(achieved["value"]) == [45.0]


@pytest.mark.parametrize("call", [
    lambda kg: kg.targets(kind="goal"),
    lambda kg: kg.targets(indicator="一个不存在的指标名称"),
    lambda kg: kg.entities(type="planet"),
    lambda kg: kg.rows("tables"),
    lambda kg: kg.query("no_such_query"),
    lambda kg: kg.export("out.xlsx", "targets", "xlsx"),
])
def test_bad_arguments_raise_one_plankg_error_naming_the_input(kg, call):
    with pytest.raises(PlankgError) as error:
        call(kg)
    assert "\n" not in str(error.value) and "'" in str(error.value)


def test_entities_filter_by_type(kg):
    regions = kg.entities(type="region")
    assert {"瑞安市", "路桥区"} <= set(regions["name"]) and set(regions["type"]) == {"region"}


def test_sparql_binds_parameters_as_values_and_keeps_the_query(kg):
    query = "SELECT (COUNT(?t) AS ?n) WHERE { ?t a plankg:Target ; plankg:year ?year }"
    frame = kg.sparql(query, year=2024)
    planned = kg.targets(kind="target", year=2024)
    assert int(frame["n"][0]) == len(planned) > 0
    assert frame.attrs["sparql"] == query
    assert int(kg.sparql(query, year=1999)["n"][0]) == 0


def test_named_query_plan_vs_outcome_returns_rows_and_its_sparql(kg):
    frame = kg.query("plan_vs_outcome")
    assert len(frame) == len(kg.targets(kind="target")) and "SELECT" in frame.attrs["sparql"]


def test_rdf_is_an_rdflib_graph_over_the_same_store_memory_or_oxigraph(kg):
    assert len(kg.rdf) == len(kg.store) > 1000
    with plankg.open(kg.home, build=False, store="oxigraph") as on_oxigraph:
        assert on_oxigraph.store.kind == "oxigraph"
        graph = on_oxigraph.rdf
        assert type(graph.store).__module__.startswith("oxrdflib")
        assert len(graph) == len(kg.store)
        labels = {str(o) for o in graph.objects(None, graph.namespace_manager.expand_curie("rdfs:label"))}
        assert "瑞安市" in labels


def test_network_links_owners_and_targets(kg):
    network = kg.network()
    assert network.number_of_nodes() > 5 and network.number_of_edges() > 0


def test_export_turtle_reads_back_with_another_parser_and_rows_as_csv(kg, tmp_path):
    turtle = kg.export(tmp_path / "graph.ttl")
    exported = len(list(pyoxigraph.parse(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE)))
    # The export is the data and the text spans; the store holds the data and the lookup links.
    meta = read_meta(kg.workspace.graph_dir)
    assert exported == meta["triples"] + meta["span_triples"] == len(kg.store) - meta["lookup_links"] + meta["span_triples"]
    rows = kg.export(tmp_path / "targets.csv", "targets")
    assert len(rows.read_text("utf-8").strip().splitlines()) == 1 + len(kg.targets())
    lines = kg.export(tmp_path / "entities.jsonl", "entities").read_text("utf-8").splitlines()
    assert [json.loads(line)["name"] for line in lines] == list(kg.entities()["name"])


def test_the_ntriples_export_is_the_graph_of_the_records_made_from_the_one_store(kg, tmp_path):
    """No N-Triples are kept beside the store: the export reads the store and makes the text spans
    from the records, and holds the RDF terms an rdflib build of the same records holds."""
    import rdflib

    from plankg.graph.build import build_graph

    assert sorted(p.name for p in kg.workspace.graph_dir.iterdir()) == ["meta.json", "oxigraph"]
    out = kg.export(tmp_path / "graph.nt")
    exported = rdflib.Graph().parse(out, format="nt")
    assert set(exported) == set(build_graph(kg.workspace.corpus()))
    lines = out.read_text("utf-8").splitlines()
    assert lines == sorted(set(lines)) and any("TextQuoteSelector" in line for line in lines)


def test_ask_answers_from_the_graph_with_evidence(kg):
    answer = kg.ask("瑞安市2024年高新技术企业目标是多少？")
    assert "500" in answer.answer and answer.evidence
    assert any("500家" in item["text"] for item in answer.evidence)


def test_search_without_an_index_says_how_to_build_one(kg):
    with pytest.raises(PlankgError, match="no search index"):
        kg.search("企业培育")


def test_an_empty_workspace_says_run_build(tmp_path):
    empty = plankg.open(tmp_path / "nothing", build=False)
    with pytest.raises(PlankgError, match="plankg build"):
        empty.documents()
    with pytest.raises(PlankgError, match="plankg build"):
        empty.sparql("SELECT * WHERE { ?s ?p ?o } LIMIT 1")


def test_unknown_setting_is_refused(tmp_path):
    with pytest.raises(PlankgError, match="colour"):
        plankg.open(tmp_path, build=False, colour="blue")


def test_add_keeps_the_documents_built_before(small_docs, tmp_path):
    kg = plankg.open(tmp_path / "home", build=False)
    kg.build([small_docs / "ruian_2024.txt"], index=False)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "plan.txt").write_text("乐清市科学技术局2025年工作要点\n\n一、主要目标\n"
                                    "2025年，全市新增国家高新技术企业60家，由市科技局牵头。\n", "utf-8")
    report = kg.add(extra, progress=False)
    assert report.documents == 2 and report.errors == []
    assert sorted(kg.documents()["doc"]) == ["plan.txt", "ruian_2024.txt"]
    assert 60.0 in set(kg.targets(year=2025)["value"])
    with pytest.raises(PlankgError, match="no such file"):
        kg.add(tmp_path / "missing")
    kg.close()
