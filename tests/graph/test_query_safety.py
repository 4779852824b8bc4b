"""Query limits: SERVICE refused, timeout, row limit, clean terminal output, guarded endpoint."""
from __future__ import annotations

import io
import json
import multiprocessing
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from plankg.graph.store import GraphStore, QueryError
from plankg.progress import SILENT
from plankg.render import write_rows
from plankg.settings import Settings
from plankg.workspace import Workspace
from tests.endpoint_process import Listener

PLAN = "己市科学技术局2024年工作要点\n\n一、主要目标\n到2025年，全市高新技术企业达到{firms}家，研发投入强度达到2.6%。\n"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def build_home(home: Path, folder: Path, firms: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.txt").write_text(PLAN.format(firms=firms), "utf-8")
    Workspace(home).build([folder], index=False, force=True, progress=SILENT)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("safety")
    build_home(root / "home", root / "docs", 321)
    return root / "home"


def plankg(*args: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLANKG_HOME": str(home)}
    env.pop("PLANKG_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "plankg.cli", *args], capture_output=True, text=True,
                          env=env, timeout=timeout)


def open_graph(home: Path, kind: str):
    """The workspace's graph store of ``kind``, as the facade opens it (SERVICE off by default)."""
    from plankg.workspace import Workspace

    return Workspace(home, settings=Settings.load(home, store=kind)).graph()


def test_service_is_refused_by_the_cli_and_never_connects(home: Path):
    listener = Listener()
    try:
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
        for store in ("memory", "oxigraph"):
            result = plankg("sparql", "--store", store, query, home=home)
            assert result.returncode == 2 and "refused: SERVICE" in result.stderr, result.stderr
        with open_graph(home, kind="oxigraph") as store:
            with pytest.raises(QueryError, match="SERVICE"):
                store.query(query)
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def test_the_word_service_inside_a_string_is_not_refused(home: Path):
    with open_graph(home, kind="oxigraph") as store:
        assert store.query('SELECT ?x WHERE { BIND("SERVICE <x>" AS ?x) }') == [{"x": "SERVICE <x>"}]


@pytest.mark.timeout(120)
def test_a_cross_product_stops_at_the_timeout_and_frees_the_core(home: Path):
    for kind in ("oxigraph", "memory"):
        with open_graph(home, kind=kind) as store:
            with pytest.raises(QueryError, match=r"stopped after 1 s"):
                store.query(CROSS, timeout=1)
        assert not multiprocessing.active_children()
    result = plankg("sparql", "--timeout", "1", CROSS, home=home)
    assert result.returncode == 2 and "stopped after 1 s" in result.stderr


def test_the_row_limit_is_a_clear_error(home: Path):
    result = plankg("sparql", "--max-rows", "10", "SELECT * WHERE { ?s ?p ?o }", home=home)
    assert result.returncode == 2 and "more than 10 rows" in result.stderr
    with open_graph(home, kind="oxigraph") as store:
        assert len(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 10", timeout=30, max_rows=10)) == 10


def test_an_error_while_reading_results_is_a_query_error():
    class Failing(GraphStore):  # the engine fails after the first row, as a broken store file does
        def _rows(self, sparql):
            yield {"x": 1}
            raise OSError("read error in the store")

    with pytest.raises(QueryError, match="while reading results: read error"):
        Failing().query("SELECT ?x WHERE { ?x ?p ?o }")


def test_control_characters_never_reach_the_terminal():
    rows = [{"text": "红\x1b[2J\x1b]0;pwned\x07色\x9b31m", "n": 1}]
    for fmt in ("table", "csv", "json"):
        out = io.StringIO()
        write_rows(rows, fmt, out)
        written = out.getvalue()
        assert not any(ch in written for ch in "\x1b\x07\x9b"), (fmt, written)
        assert "红" in written
    out = io.StringIO()
    write_rows(rows, "json", out)
    assert json.loads(out.getvalue())[0]["text"] == rows[0]["text"]  # JSON keeps the value, escaped


def _get(url: str, headers: dict | None = None, timeout: float = 60):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=timeout)


def _wait(url: str, server: subprocess.Popen) -> None:
    for _ in range(300):
        assert server.poll() is None, server.stderr.read()
        try:
            _get(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("endpoint did not start")


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_endpoint_guards_queries_and_follows_a_rebuild(tmp_path: Path):
    home = tmp_path / "home"
    build_home(home, tmp_path / "a", 111)
    from plankg.graph.endpoint import free_port

    port = free_port()
    origin = "http://localhost:8123"
    server = subprocess.Popen([sys.executable, "-m", "plankg.cli", "endpoint", "--workspace", str(home),
                               "--port", str(port), "--timeout", "2", "--cors-origin", origin],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    listener = Listener()
    base = f"http://127.0.0.1:{port}"
    values = ("SELECT ?v WHERE { ?o <http://purl.org/linked-data/sdmx/2009/measure#obsValue> ?v }")

    def ask(query: str, headers: dict | None = None):
        return _get(f"{base}/query?query={urllib.parse.quote(query)}",
                    {"Accept": "application/sparql-results+json", **(headers or {})})

    def served_values() -> set:
        return {float(b["v"]["value"]) for b in json.load(ask(values))["results"]["bindings"]}

    try:
        _wait(base + "/", server)
        assert 111 in served_values()
        with pytest.raises(urllib.error.HTTPError) as refused:
            ask(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}")
        assert refused.value.code == 400 and "SERVICE" in refused.value.read().decode()
        with pytest.raises(urllib.error.HTTPError) as slow:
            ask(CROSS)
        assert slow.value.code == 503 and "stopped after 2 s" in slow.value.read().decode()
        assert 111 in served_values()  # a fresh server answers the next query
        assert ask("ASK {}", {"Origin": origin}).headers.get("Access-Control-Allow-Origin") == origin
        assert ask("ASK {}", {"Origin": "http://evil.example"}).headers.get("Access-Control-Allow-Origin") is None
        build_home(home, tmp_path / "b", 222)
        assert served_values() >= {222} and 111 not in served_values()
        assert listener.connections == 0
    finally:
        listener.close()
        server.terminate()
        server.wait(timeout=20)
