"""Hybrid search, filters and hits on the small corpus (fake concept encoder)."""
from __future__ import annotations

import json

import pytest

from plankg.embeddings import Hit, Searcher, SearchError

from .conftest import FakeEncoder


@pytest.fixture
def searcher(built_index) -> Searcher:
    return Searcher(built_index, encoder=FakeEncoder())


def texts(hits: list[Hit]) -> list[str]:
    return [h.text for h in hits]


def test_one_list_of_hits_per_query_in_order(searcher):
    results = searcher.search(["科技特派员", "技术产权证券化", "一对一辅导"], k=2)
    assert len(results) == 3 and all(len(hits) == 2 for hits in results)
    assert "特派员" in results[0][0].text
    assert "证券化" in results[1][0].text
    assert "一对一" in results[2][0].text
    for hits in results:
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_meaning_without_shared_words_comes_from_the_dense_side(searcher):
    # "苗圃" shares no character with 孵化器 or 众创空间; the fake encoder maps all three to one concept
    top = texts(searcher.search(["苗圃"], k=3)[0])
    assert all(("孵化" in t or "众创空间" in t) for t in top[:2])


def test_hit_fields_and_json(searcher, small_corpus):
    hit = searcher.search(["一对一辅导"], k=1)[0][0]
    clause = next(c for c in small_corpus.clauses if c.id == hit.clause_id)
    document = next(d for d in small_corpus.documents if d.id == clause.doc_id)
    assert (hit.doc, hit.doc_id, hit.text, hit.start, hit.end, hit.kind) == (
        document.source_name, document.id, clause.text, clause.start, clause.end, clause.kind)
    assert document.text[hit.start:hit.end] == hit.text
    data = json.loads(json.dumps(hit.to_dict(), ensure_ascii=False))
    assert {"doc", "clause_id", "text", "score", "section_path", "start", "end"} <= set(data)
    assert data["section_path"] == ["（一）"]


def test_repeated_text_appears_once(searcher):
    top = texts(searcher.search(["孵化器建设"], k=5)[0])
    assert sum("新增省级孵化器3家" in t for t in top) == 1


def test_k_larger_than_the_index(searcher):
    hits = searcher.search(["孵化器"], k=50)[0]
    assert 0 < len(hits) <= len(searcher)
    assert len({h.clause_id for h in hits}) == len(hits)


@pytest.mark.parametrize("filters, allowed_docs", [
    ({"doc": "ra_summary.txt"}, {"doc-ra"}),
    ({"doc": "ra_summary"}, {"doc-ra"}),
    ({"doc": "doc-lq"}, {"doc-lq"}),
    ({"region": "温州"}, {"doc-wz", "doc-ra"}),          # 瑞安市 belongs to 温州市
    ({"region": "瑞安市"}, {"doc-ra"}),
    ({"region": "台州市"}, {"doc-lq"}),
    ({"year": 2019}, {"doc-wz", "doc-ra"}),              # planned (wz) or reported (ra)
    ({"year": 2025}, {"doc-lq"}),
    ({"doc_type": "summary"}, {"doc-ra"}),
    ({"doc_type": ["summary", "action_plan"]}, {"doc-ra", "doc-lq"}),
])
def test_document_filters(searcher, filters, allowed_docs):
    hits = searcher.search(["孵化器 人才 大赛 特派员 融资"], k=20, filters=filters)[0]
    assert hits and {h.doc_id for h in hits} <= allowed_docs


def test_clause_filters(searcher):
    kinds = {h.kind for h in searcher.search(["孵化器"], k=20, filters={"kind": "heading"})[0]}
    assert kinds == {"heading"}
    rows = searcher.search(["融资"], k=20, filters={"kind": "table_row"})[0]
    assert [h.kind for h in rows] == ["table_row"]
    with_target = searcher.search(["孵化器 人才"], k=20, filters={"has_target": True})[0]
    assert sorted(h.text for h in with_target) == ["1.加快科技企业孵化器建设，新增省级孵化器3家。", "引进高层次人才团队10个。"]
    without = searcher.search(["孵化器 人才"], k=20, filters={"has_target": False})[0]
    assert not {h.clause_id for h in without} & {h.clause_id for h in with_target}


def test_filters_with_no_match_give_empty_lists(searcher):
    assert searcher.search(["孵化器", "人才"], filters={"year": 1999}) == [[], []]


@pytest.mark.parametrize("filters, message", [
    ({"colour": "red"}, "unknown"),
    ({"doc": "missing.txt"}, "no such document"),
    ({"kind": "paragraph"}, "kind"),
    ({"year": "soon"}, "not a year"),
])
def test_bad_filters_raise_search_error(searcher, filters, message):
    with pytest.raises(SearchError, match=message):
        searcher.search(["孵化器"], filters=filters)


def test_bad_queries_raise_search_error(searcher):
    with pytest.raises(SearchError, match="empty"):
        searcher.search(["孵化器", "  "])
    with pytest.raises(SearchError, match="at least 1"):
        searcher.search(["孵化器"], k=0)


def test_missing_index_says_to_build(tmp_path):
    with pytest.raises(SearchError, match="plankg build"):
        Searcher(tmp_path / "nothing")


def test_encoder_of_another_model_is_refused(built_index):
    with pytest.raises(SearchError, match="built with"):
        Searcher(built_index, encoder=FakeEncoder(name="another-model"))


def test_reloaded_searcher_gives_identical_results(built_index):
    queries = ["孵化器", "一对一辅导", "人才团队"]
    first = Searcher(built_index, encoder=FakeEncoder()).search(queries, k=4)
    second = Searcher(built_index, encoder=FakeEncoder()).search(queries, k=4)
    assert [[h.to_dict() for h in hits] for hits in first] == [[h.to_dict() for h in hits] for hits in second]


def test_searcher_over_an_approximate_index(new_dir, small_corpus, built_index):
    from plankg.embeddings import build_index

    out = new_dir("ivf")
    report = build_index(small_corpus, out, encoder=FakeEncoder(), progress=False, ann="ivf")
    assert report["ann"] == "ivf" and (out / "ann.faiss").is_file()
    queries = ["孵化器", "一对一辅导"]
    approximate = Searcher(out, encoder=FakeEncoder()).search(queries, k=3)
    exact = Searcher(built_index, encoder=FakeEncoder()).search(queries, k=3)
    assert [[h.clause_id for h in q] for q in approximate] == [[h.clause_id for h in q] for q in exact]
