"""Twenty threads asking and searching through one ``KnowledgeGraph`` at once (real model and index).

Each concurrent answer and hit list must equal the one the same call gives alone: no error, no
answer of another caller's question. Latencies are printed, not asserted.
"""
from __future__ import annotations

import threading
import time

import pytest

from tests.burst import run_burst

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

CALLERS = 20
ROUNDS = 3
QUESTIONS = ["瑞安市2024年高新技术企业的目标是多少？", "谁负责新增省科技型中小企业的任务？",
             "路桥区2024年技术交易额目标是多少？", "Which unit leads the technology transaction target in Luqiao?"]
SEARCHES = ["培育科技型企业", "建设创新平台", "研发经费支出占比", "技术交易"]


@pytest.fixture(scope="module")
def indexed_kg(small_docs, tmp_path_factory):
    """The facade over the composed documents, with the real encoder's search index."""
    import plankg

    graph = plankg.open(tmp_path_factory.mktemp("indexed"), build=False)
    graph.build([small_docs])
    yield graph
    graph.close()


def _answer_key(answer) -> tuple:
    return answer.question, answer.intent, answer.answer, tuple(e.get("clause_id") for e in answer.evidence)


def _hit_key(hits) -> tuple:
    return tuple(hit.clause_id for hit in hits)


def test_twenty_threads_ask_and_search_at_once(indexed_kg):
    alone = {("ask", q): _answer_key(indexed_kg.ask(q)) for q in QUESTIONS}
    alone.update({("search", q): _hit_key(indexed_kg.search(q, k=5)) for q in SEARCHES})
    assert all(key[2] for (kind, _), key in alone.items() if kind == "ask")  # every question answered
    assert all(alone[("search", q)] for q in SEARCHES)
    start = threading.Barrier(CALLERS)

    def caller(index: int) -> list[float]:
        start.wait(timeout=120)
        latencies = []
        for turn in range(ROUNDS):
            began = time.perf_counter()
            if (index + turn) % 2:
                question = QUESTIONS[(index + turn) % len(QUESTIONS)]
                assert _answer_key(indexed_kg.ask(question)) == alone[("ask", question)], question
            else:
                query = SEARCHES[(index + turn) % len(SEARCHES)]
                assert _hit_key(indexed_kg.search(query, k=5)) == alone[("search", query)], query
            latencies.append(time.perf_counter() - began)
        return latencies

    run_burst(caller, CALLERS, ROUNDS, f"{CALLERS} threads x {ROUNDS} ask/search")
