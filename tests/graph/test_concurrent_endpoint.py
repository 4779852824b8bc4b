"""Twenty SPARQL clients at once against ``plankg endpoint`` (the real Oxigraph server on loopback).

Every client gets every answer right: no error, no mixed-up result. Latencies are printed, not
asserted (the machine is shared); ``benchmarks/bench_concurrency.py`` reports p50/p95.
"""
from __future__ import annotations

import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from plankg.graph import queries as Q
from plankg.graph.endpoint import free_port
from plankg.graph.store import open_store
from plankg.progress import SILENT
from plankg.workspace import Workspace
from tests.burst import run_burst

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

CLIENTS = 20
ROUNDS = 5
PLANS = {
    "plan_a.txt": "瑞安市科学技术局2024年工作要点\n\n一、主要目标\n到2025年，全市高新技术企业达到410家，研发投入强度达到2.7%。\n",
    "plan_b.txt": "台州市路桥区科学技术局2023年工作总结\n\n一、工作成效\n2023年，全区新增高新技术企业37家，技术交易额达到6.5亿元。\n",
}
VALUES_QUERY = ("SELECT ?v WHERE { ?o <http://purl.org/linked-data/sdmx/2009/measure#obsValue> ?v } ORDER BY ?v")
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A workspace of two composed plans, served by ``plankg endpoint`` on a free loopback port."""
    root = tmp_path_factory.mktemp("concurrent")
    docs = root / "docs"
    docs.mkdir()
    for name, text in PLANS.items():
        (docs / name).write_text(text, "utf-8")
    home = root / "home"
    Workspace(home).build([docs], index=False, force=True, progress=SILENT)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "plankg.cli", "endpoint", "--workspace", str(home),
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            assert server.poll() is None, server.stderr.read()
            try:
                urllib.request.urlopen(base + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield home, base
    finally:
        server.terminate()
        server.wait(timeout=20)


def _plain(bindings: list[dict]) -> list[dict]:
    return [{name: cell["value"] for name, cell in row.items()} for row in bindings]


def test_twenty_sparql_clients_at_once_all_get_the_right_answers(served):
    from SPARQLWrapper import JSON, SPARQLWrapper

    home, base = served
    store = open_store(home / "graph", kind="oxigraph")
    named = Q.targets(store, region="瑞安").sparql.split("\n\n")[-1]  # the named query's own text
    queries = [VALUES_QUERY, COUNT_QUERY, named]
    expected = []
    for query in queries:
        rows = store.query(query)
        assert rows, query
        expected.append(len(rows))
    values = sorted(float(row["v"]) for row in store.query(VALUES_QUERY))
    assert {410.0, 2.7, 37.0, 6.5} <= set(values)
    store.close()
    start = threading.Barrier(CLIENTS)

    def client(index: int) -> list[float]:
        endpoint = SPARQLWrapper(base + "/query")
        endpoint.setReturnFormat(JSON)
        endpoint.setTimeout(60)
        start.wait(timeout=60)  # every client fires at the same moment
        latencies = []
        for turn in range(ROUNDS):
            which = (index + turn) % len(queries)
            endpoint.setQuery(queries[which])
            began = time.perf_counter()
            rows = _plain(endpoint.queryAndConvert()["results"]["bindings"])
            latencies.append(time.perf_counter() - began)
            assert len(rows) == expected[which], (index, turn, queries[which][:40])
            if which == 0:
                assert sorted(float(r["v"]) for r in rows) == values
        return latencies

    run_burst(client, CLIENTS, ROUNDS, f"{CLIENTS} SPARQL clients x {ROUNDS}")


def test_the_endpoint_still_answers_after_the_burst(served):
    home, base = served
    request = urllib.request.Request(f"{base}/query?query={urllib.request.quote(COUNT_QUERY)}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.status == 200
    assert Path(home / "graph").exists()
