"""A bureau named in the text and owning targets is one node, linked to its targets, with its export row."""
from __future__ import annotations

import pytest

from plankg.graph import queries as Q
from plankg.graph.build import build_graph
from plankg.graph.store import MemoryStore
from plankg.ingest.pipeline import read_corpus
from plankg.reports import entity_rows

_PLAN = (
    "临海市科学技术局2024年工作要点\n"
    "一、重点任务\n"
    "1.临海市科学技术局会同市统计局推进《临海市科技创新“十四五”规划》实施。\n"
    "2.新增高新技术企业30家(市科技局)。\n"
    "3.全力打造临海科创走廊，实施“双倍增”行动。\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    plan = tmp_path_factory.mktemp("links") / "linhai_2024.txt"
    plan.write_text(_PLAN, encoding="utf-8")
    return read_corpus([plan])


def test_export_rows_say_document_type_region_why_status_and_targets(corpus):
    rows = {row["name"]: row for row in entity_rows(corpus)}
    bureau = rows["临海市科技局"]
    assert bureau["type"] == "organization" and bureau["region"] == "临海市"
    assert bureau["documents"] == ["linhai_2024.txt"]
    assert "owner of a target" in bureau["why"] and "ending 科学技术局" in bureau["why"]
    owned = [t for t in corpus.targets if any(o.name == "临海市科技局" for o in t.owners)]
    assert owned and {t.id for t in owned} <= set(bureau["targets"])
    assert rows["临海科创走廊"]["status"] == "planned" and bureau["status"] == "existing"
    assert rows["临海市科技创新“十四五”规划"]["type"] == "plan_document"
    assert rows["双倍增行动"]["why"] == "quoted name + 行动"


def test_the_bureau_node_links_to_its_targets_in_the_graph(corpus):
    store = MemoryStore(build_graph(corpus))
    neighbours = Q.entity_neighbourhood(store, "临海市科学技术局").rows  # the official name finds the node
    labels = {r["neighbourLabel"] for r in neighbours}
    assert any("高新技术企业" in (label or "") for label in labels), labels
    profile = {r["property"].rsplit("#", 1)[-1]: r for r in Q.entity_profile(store, "临海市科技局").rows}
    assert "locatedIn" in profile


def test_a_cited_plan_in_the_corpus_links_to_its_document(tmp_path):
    from rdflib import URIRef
    from rdflib.namespace import RDFS

    (tmp_path / "a.txt").write_text(
        "临海市科技创新行动方案\n一、总体要求\n到2025年研发投入强度达到3%。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "临海市科学技术局2024年工作要点\n一、重点任务\n1.落实《临海市科技创新行动方案》，新增高新技术企业30家。\n",
        encoding="utf-8")
    corpus = read_corpus([tmp_path / "a.txt", tmp_path / "b.txt"])
    graph = build_graph(corpus)
    cited = next(d for d in corpus.documents if d.source_name == "a.txt")
    links = [(s, o) for s, o in graph.subject_objects(RDFS.seeAlso) if str(o).endswith(cited.id)]
    assert len(links) == 1 and isinstance(links[0][0], URIRef)
