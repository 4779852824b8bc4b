"""With the real encoder: indicator similarity to labels, and answers over a real hybrid index (slow)."""
from __future__ import annotations

import pytest

from plankg.ingest.records import Corpus
from plankg.ontology.indicators import load_scheme
from plankg.qa import QAEngine
from plankg.qa.indicator_slot import IndicatorMatcher

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def encoder():
    from plankg.embeddings import load_encoder

    return load_encoder(backend="torch").load()


@pytest.fixture(scope="module")
def matcher(encoder):
    return IndicatorMatcher(load_scheme(), encode=encoder.encode)


def test_paraphrase_of_a_label_matches_by_embedding(matcher):
    assert matcher.match("研发开支") == []  # no label, no shared run: only meaning can match it
    hits = matcher.match("研发开支", use_embedding=True)
    assert "rd_expenditure" in {h.id for h in hits} and {h.method for h in hits} == {"embedding"}


@pytest.mark.parametrize(("phrase", "expected"), [
    ("研究开发开支", "rd_expenditure"),
    ("劳动产出效率", "labour_productivity"),
    ("科技型小微企业", "st_smes"),
])
def test_embedding_beats_a_weak_shared_run(matcher, phrase, expected):
    assert expected in {h.id for h in matcher.match_embedding(phrase)}


@pytest.mark.parametrize("phrase", ["营商环境", "新能源汽车", "北京的情况"])
def test_unrelated_words_match_no_indicator(matcher, phrase):
    assert matcher.match_embedding(phrase) == []


@pytest.fixture(scope="module")
def hybrid_engine(corpus, qa_home, encoder, tmp_path_factory):
    """The session workspace's graph with a real index of two documents' clauses."""
    from plankg.embeddings import Searcher, build_index
    from plankg.qa.search import IndexSearch

    keep = {d.id for d in corpus.documents[:2]}
    small = Corpus(documents=tuple(d for d in corpus.documents if d.id in keep),
                   clauses=tuple(c for c in corpus.clauses if c.doc_id in keep))
    index_dir = tmp_path_factory.mktemp("qa-index")
    build_index(small, index_dir, encoder=encoder, progress=False)
    from plankg.workspace import Workspace

    engine = QAEngine(Workspace(qa_home), search=IndexSearch(Searcher(index_dir, encoder=encoder)))
    yield engine
    engine.close()


def test_search_intent_answers_with_indexed_clauses(hybrid_engine):
    answer = hybrid_engine.ask("怎样给企业提供科技金融服务")
    assert answer.intent == "search" and answer.found and answer.sparql is None
    assert answer.rows and {r["clause_id"] for r in answer.rows} == {e["clause_id"] for e in answer.evidence}


def test_not_found_shows_related_clauses_from_the_index(hybrid_engine):
    answer = hybrid_engine.ask("上海2030年的科技目标是什么")
    assert answer.found is False and answer.rows == []
    assert answer.related and all(r["text"] for r in answer.related)


def test_indicator_found_by_embedding_reaches_the_named_query(hybrid_engine):
    answer = hybrid_engine.ask("研究开发开支的目标由谁负责")
    assert answer.intent == "target_owners"
    assert [i["method"] for i in answer.slots["indicators"]][0] == "embedding"
    assert "rd_expenditure" in {i["id"] for i in answer.slots["indicators"]}
    assert answer.sparql and "rd_expenditure" in answer.sparql


def test_evolution_overview_aligns_measures_with_both_clauses_as_evidence(hybrid_engine):
    answer = hybrid_engine.ask("2019年的计划如何演变为2022年的目标？")
    assert answer.intent == "evolution" and answer.slots["indicators"] == []
    measures = [r for r in answer.rows if r["type"] == "measure"]
    continued = [r for r in measures if r["status"] == "continued"]
    assert continued and {"new", "dropped"} <= {r["status"] for r in measures}
    cited = {e["clause_id"] for e in answer.evidence}
    first = continued[0]
    assert first["score"] >= 0.84 and {first["earlier"]["clause_id"], first["later"]["clause_id"]} <= cited
    assert "措施方面" in answer.answer and "延续" in answer.answer


def test_a_named_indicator_in_other_words_is_not_widened_to_its_family(hybrid_engine):
    answer = hybrid_engine.ask("研究开发开支的目标由谁负责")
    assert answer.slots["family"] is None
