"""`plankg push`: the graph goes to a real Oxigraph server on loopback through the Graph Store Protocol."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from plankg.graph.dump import write_sorted
from plankg.graph.endpoint import free_port, oxigraph_binary
from plankg.graph.push import graph_url, push_ntriples
from plankg.graph.store import QueryError
from plankg.progress import SILENT
from plankg.workspace import Workspace


@pytest.fixture()
def server(tmp_path: Path):
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "remote"),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/", timeout=1).read()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read()
            time.sleep(0.05)
    yield base
    process.terminate()
    process.wait(timeout=10)


def count(base: str, graph: str | None = None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    query = urllib.parse.quote(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    request = urllib.request.Request(f"{base}/query?query={query}", headers={"Accept": "application/sparql-results+json"})
    answer = json.load(urllib.request.urlopen(request, timeout=30))
    return int(answer["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
def test_push_replaces_the_remote_graph_in_chunks(tmp_path: Path, server: str):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "plan.txt").write_text("辛市科技局2024年工作要点\n\n一、到2025年，全市高新技术企业达到510家。\n", "utf-8")
    home = tmp_path / "home"
    Workspace(home).build([folder], index=False, progress=SILENT)
    nt = tmp_path / "graph.nt"
    # What `plankg push` sends: the data, the text spans made from the records, the lookup links.
    write_sorted(home / "graph", nt, spans=Workspace(home).span_lines(), links=True)
    triples = sum(1 for _ in nt.open("rb"))
    report = push_ntriples(nt, server + "/store", lines_per_chunk=300)
    assert report["triples"] == triples and report["requests"] == -(-triples // 300)
    assert count(server) == triples
    # Again: the first request replaces, so nothing doubles.
    env = {**os.environ, "PLANKG_HOME": str(home)}
    result = subprocess.run([sys.executable, "-m", "plankg.cli", "push", "--endpoint", server + "/store",
                             "--graph", "http://example.org/plans"], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0 and f"pushed {triples:,} triples" in result.stdout, result.stderr
    push_ntriples(nt, server + "/store", lines_per_chunk=1000)
    assert count(server) == triples and count(server, "http://example.org/plans") == triples


def test_push_errors_are_one_line(tmp_path: Path):
    with pytest.raises(QueryError, match="not an http"):
        graph_url("ftp://x/store", None)
    nt = tmp_path / "g.nt"
    nt.write_text("<http://e/a> <http://e/b> <http://e/c> .\n")
    port = free_port()  # nobody listens there
    with pytest.raises(QueryError, match="cannot reach"):
        push_ntriples(nt, f"http://127.0.0.1:{port}/store", timeout=5)
