"""One guard for every query path: SERVICE found on the parsed query, and time, rows and memory bounded
for ``store.query``, ``kg.sparql``, ``kg.query`` and ``plankg sparql``."""
from __future__ import annotations

import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import plankg
from plankg.graph.store import MAX_QUERY_CHARS, QueryError
from tests.graph.test_query_safety import CROSS, Listener, build_home, open_graph

#: Sorting a cross product must hold every solution in memory: gigabytes on a 2,000-triple graph.
SORTED_CROSS = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
#: Millions of rows, asked for outright.
HUGE_LIMIT = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 300000"
#: Outer safety net for the tests that run the heavy queries: even a broken cap cannot take the machine.
SAFETY_DATA_BYTES = 3 * 2**30


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("guard")
    build_home(root / "home", root / "docs", 432)
    return root / "home"


def _hidden_service_queries(port: int) -> dict[str, str]:
    target = f"<http://127.0.0.1:{port}/sparql>"
    return {
        "after a comment holding triple quotes": f'SELECT * WHERE {{ # """\n SERVICE {target} {{ ?s ?p ?o }} }} # """',
        "written with a \\u escape": f"SELECT * WHERE {{ \\u0053ERVICE {target} {{ ?s ?p ?o }} }}",
        "lower case, SILENT": f"select * where {{ service silent {target} {{ ?s ?p ?o }} }}",
        "inside FILTER EXISTS": f"ASK {{ FILTER EXISTS {{ SERVICE {target} {{ ?s ?p ?o }} }} }}",
        "FROM a remote graph": f"SELECT * FROM {target} WHERE {{ ?s ?p ?o }}",
    }


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_service_is_found_on_the_parsed_query_and_never_connects(home: Path, kind: str):
    listener = Listener()
    try:
        with open_graph(home, kind=kind) as store:
            for how, query in _hidden_service_queries(listener.port).items():
                with pytest.raises(QueryError, match=r"^refused: (SERVICE|FROM) would") as refused:
                    store.query(query)
                assert "\n" not in str(refused.value), how
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def test_the_facade_and_the_cli_refuse_the_hidden_service(home: Path):
    from tests.graph.test_query_safety import plankg as run_cli

    listener = Listener()
    try:
        hidden = _hidden_service_queries(listener.port)["after a comment holding triple quotes"]
        with pytest.raises(QueryError, match="refused: SERVICE"):
            plankg.open(home, build=False).sparql(hidden)
        result = run_cli("sparql", hidden, home=home)
        assert result.returncode == 2 and "refused: SERVICE" in result.stderr, result.stderr
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_literals_and_comments_naming_service_pass(home: Path, kind: str):
    query = 'SELECT ?x WHERE { BIND("""SERVICE <http://127.0.0.1:9/> { } # """ AS ?x) } # SERVICE <http://x/> {}'
    with open_graph(home, kind=kind) as store:
        assert store.query(query) == [{"x": "SERVICE <http://127.0.0.1:9/> { } # "}]


def test_allow_service_still_lets_service_through(home: Path):
    listener = Listener()
    try:
        with open_graph(home, kind="oxigraph") as store:
            store.allow_service = True
            try:
                store.query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}")
            except QueryError:
                pass  # the listener is no SPARQL endpoint; that it was called is the point
        time.sleep(0.3)
        assert listener.connections >= 1
    finally:
        listener.close()


def test_a_query_that_does_not_parse_is_one_line(home: Path):
    with open_graph(home, kind="oxigraph") as store:
        with pytest.raises(QueryError, match=r"does not parse at line 2, column") as bad:
            store.query("SELECT ?x\nWHERE { ?x ?y }")
        assert "\n" not in str(bad.value)
        with pytest.raises(QueryError, match="read-only"):
            store.query("PREFIX ex: <http://e/>\n# a comment\nLOAD <http://127.0.0.1:9/data.ttl>")
        with pytest.raises(QueryError, match=f"at most {MAX_QUERY_CHARS:,}"):
            store.query("SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_QUERY_CHARS)


def test_kg_sparql_stops_at_the_row_limit(home: Path):
    kg = plankg.open(home, build=False)
    with pytest.raises(QueryError, match=r"more than 100,000 rows \(query_max_rows\)"):
        kg.sparql(HUGE_LIMIT)
    assert len(kg.sparql("SELECT ?s WHERE { ?s ?p ?o } LIMIT 7")) == 7


@pytest.mark.timeout(120)
def test_kg_sparql_and_kg_query_stop_at_the_timeout(home: Path):
    kg = plankg.open(home, build=False, query_timeout_s=1)
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"stopped after 1 s"):
        kg.sparql(CROSS)
    assert time.monotonic() - started < 10
    assert not multiprocessing.active_children()


def test_named_queries_run_under_the_row_limit(home: Path):
    assert len(plankg.open(home, build=False).query("targets")) == 2
    tight = plankg.open(home, build=False, query_max_rows=1)
    with pytest.raises(QueryError, match=r"more than 1 rows"):
        tight.query("targets")
    with pytest.raises(QueryError, match=r"more than 1 rows"):
        tight.named_query("targets")


def _safety_net() -> None:  # pragma: no cover - runs in the child before exec
    resource.setrlimit(resource.RLIMIT_DATA, (SAFETY_DATA_BYTES, SAFETY_DATA_BYTES))


@pytest.mark.timeout(180)
@pytest.mark.parametrize("kind", ["oxigraph", "memory"])
def test_a_sorted_cross_product_stops_at_the_memory_cap(home: Path, kind: str):
    with open_graph(home, kind=kind) as store:
        started = time.monotonic()
        with pytest.raises(QueryError, match=r"more than 200 MB of memory \(query_max_memory_mb\)"):
            store.query(SORTED_CROSS, timeout=90, max_memory_mb=200)
    assert time.monotonic() - started < 60
    assert not multiprocessing.active_children()


def _cli_peak_mb(home: Path, *args: str) -> tuple[int, str, float]:
    """Run ``plankg sparql`` under the safety net: exit code, stderr, peak RSS in MB (query child included)."""
    env = {**os.environ, "PLANKG_HOME": str(home)}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen([sys.executable, "-m", "plankg.cli", "sparql", "--store", "oxigraph", *args],
                                   stdout=out, stderr=err, text=True, env=env, preexec_fn=_safety_net)
        # wait4's usage covers the process and the children it waited for: the forked query child counts.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return process.returncode, err.read(), usage.ru_maxrss / 1024


@pytest.mark.timeout(240)
def test_the_cli_stays_under_its_memory_cap(home: Path):
    code, stderr, idle_mb = _cli_peak_mb(home, "ASK {}")
    assert code == 0, stderr
    started = time.monotonic()
    code, stderr, heavy_mb = _cli_peak_mb(home, "--max-memory-mb", "300", "--timeout", "90", SORTED_CROSS)
    assert code == 2 and "more than 300 MB of memory" in stderr and stderr.count("\n") == 1, stderr
    assert time.monotonic() - started < 60
    assert heavy_mb < idle_mb + 300 + 50, (idle_mb, heavy_mb)
