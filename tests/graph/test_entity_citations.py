"""Entity lookup links: the clauses an entity list cites, and the places an entity lies within."""
from __future__ import annotations

import pytest

from plankg.graph import queries as Q
from plankg.graph.build import build_graph
from plankg.graph.links import citing_clauses
from plankg.graph.store import MemoryStore
from plankg.ingest.pipeline import read_corpus
from plankg.ingest.records import Clause, Mention


def _clause(number: int, text: str) -> Clause:
    return Clause(f"cl-{number}", "doc-1", None, "sentence", "", text, number * 100, number * 100 + len(text))


def _mention(number: int, clause: int, canonical: str) -> Mention:
    return Mention(f"mn-{number}", "doc-1", f"cl-{clause}", "institute", canonical, canonical, 0, 2)


def test_mentions_come_first_in_their_order_and_once_per_clause():
    clauses = [_clause(i, text) for i, text in enumerate(["甲研究院成立。", "乙实验室挂牌。", "甲研究院揭牌。", "甲研究院扩建。"])]
    # Mentions in the order the records hold them, not reading order; two in one clause cite it once.
    mentions = [_mention(1, 3, "甲研究院"), _mention(2, 3, "甲研究院"), _mention(3, 0, "甲研究院")]
    cited = citing_clauses({"甲研究院"}, mentions, clauses)
    assert cited == {"甲研究院": ["cl-3"]}  # the first two mentions only, as an entity list cites them
    cited = citing_clauses({"甲研究院"}, [mentions[0], mentions[2]], clauses)
    assert cited == {"甲研究院": ["cl-3", "cl-0"]}


def test_names_no_mention_carries_are_found_in_the_text_in_reading_order():
    texts = ["市科技局高新处负责推进。", "温州科技城和科技城管委会。", "高新处牵头，科技局配合。", "科技城建设。", "无关内容。"]
    clauses = [_clause(i, text) for i, text in enumerate(texts)]
    names = {"高新处", "科技局", "科技城", "科技城管委会", "局", "不存在的单位"}
    cited = citing_clauses(names, [], clauses)
    assert cited["高新处"] == ["cl-0", "cl-2"]
    assert cited["科技局"] == ["cl-0", "cl-2"]
    assert cited["科技城"] == ["cl-1", "cl-3"]  # a name inside a longer name is found too
    assert cited["科技城管委会"] == ["cl-1"]
    assert cited["局"] == ["cl-0", "cl-2"]  # one character
    assert "不存在的单位" not in cited
    # A mention whose clause the records lack does not count: the text is read instead.
    assert citing_clauses({"高新处"}, [_mention(1, 99, "高新处")], clauses) == {"高新处": ["cl-0", "cl-2"]}


_PLAN = (
    "瑞安市科学技术局2024年工作要点\n"
    "一、重点任务\n"
    "1.支持瑞安光电研究院建设，新增高新技术企业30家。\n"
    "2.瑞安光电研究院牵头建设中试基地。\n"
    "3.推进瑞安光电研究院成果转化。\n"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    plan = tmp_path_factory.mktemp("cites") / "ruian_2024.txt"
    plan.write_text(_PLAN, encoding="utf-8")
    corpus = read_corpus([plan])
    return MemoryStore(build_graph(corpus, links=True)), corpus


def test_a_place_lists_the_entities_of_places_inside_it_with_their_cited_clauses(store):
    graph, corpus = store
    texts = {c.id: c.text for c in corpus.clauses}
    for place in ("瑞安市", "温州"):  # the county itself, and the city it lies within
        rows = {r.label: r for r in Q.run(graph, "entities_by_type", entity_type="institute", region=place).rows}
        institute = rows["瑞安光电研究院"]
        cited = [texts[iri.rsplit("/", 1)[-1]] for iri in (institute.first_cited, institute.next_cited)]
        assert all("瑞安光电研究院" in text for text in cited) and cited[0] != cited[1]
    assert Q.run(graph, "entities_by_type", entity_type="institute", region="台州").rows == []


def test_lookup_links_are_not_facts_of_a_profile(store):
    graph, _ = store
    properties = {r["property"].rsplit("#", 1)[-1] for r in Q.entity_profile(graph, "瑞安光电研究院").rows}
    assert "locatedIn" in properties
    assert not properties & {"locatedWithin", "firstCitedIn", "nextCitedIn"}


def test_entity_lists_order_by_the_counted_mentions_and_stop_at_their_limit(store):
    graph, corpus = store
    rows = Q.run(graph, "entities_by_type", entity_type="organization").rows
    mentioned = {}
    for mention in corpus.mentions:
        mentioned[mention.canonical] = mentioned.get(mention.canonical, 0) + 1
    assert rows and all(r.mentions == mentioned.get(r.label, 0) for r in rows if r.label in mentioned)
    assert [r.mentions for r in rows] == sorted((r.mentions for r in rows), reverse=True)
    assert Q.run(graph, "entities_by_type", entity_type="organization", limit=1).rows == rows[:1]
    named = Q.run(graph, "entities_by_type", entity_type="institute", keyword="光电").rows
    assert [r.label for r in named] == ["瑞安光电研究院"]
    assert Q.run(graph, "entities_by_type", entity_type="institute", keyword="不在名中").rows == []


def test_the_neighbourhood_names_the_entity_in_each_branch_and_stops_at_its_limit(store):
    graph, _ = store
    result = Q.entity_neighbourhood(graph, "瑞安光电研究院")
    # Oxigraph does not carry a VALUES block above a UNION into its branches: each names it.
    assert result.sparql.split("\n\n")[-1].count("VALUES ?entity") == 3
    assert result.rows and Q.entity_neighbourhood(graph, "瑞安光电研究院", limit=1).rows == result.rows[:1]
    assert Q.entity_neighbourhood(graph, "没有这个机构").rows == []


def test_naming_clauses_hold_any_form_in_the_records_order_headings_apart():
    from plankg.graph.links import naming_clauses

    texts = ["一、瓯江实验室", "推进瓯江实验室建设。", "OJL开放课题。", "无关。", "瓯江实验室揭牌。", "支持OJL。"]
    clauses = [_clause(i, text) for i, text in enumerate(texts)]
    clauses[0] = Clause("cl-0", "doc-1", None, "heading", "一", texts[0], 0, len(texts[0]), level=1)
    named = naming_clauses({"e1": {"瓯江实验室", "OJL", "瓯"}, "e2": {"不在文中"}}, clauses, limit=3)
    assert named == {"e1": ["cl-1", "cl-2", "cl-4"]}  # a one-character form is not a name


def test_a_profile_quotes_the_linked_clauses(store):
    graph, corpus = store
    rows = Q.entity_profile(graph, "瑞安光电研究院").rows
    linked = [r["value"] for r in rows if r["property"].endswith("namedInClauses")]
    holding = [c.id for c in corpus.clauses if c.kind != "heading" and "瑞安光电研究院" in c.text]
    assert linked == [" ".join(holding[:5])] and holding
