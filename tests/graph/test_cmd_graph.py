"""CLI: plankg sparql / export graph / endpoint (the endpoint test starts the real Oxigraph server)."""
from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from plankg.cli import main


def test_sparql_table_json_and_csv(small_workspace, capsys):
    home, _ = small_workspace
    query = "SELECT ?label WHERE { ?o a org:OrganizationalUnit ; rdfs:label ?label } ORDER BY ?label"
    assert main(["sparql", query, "--workspace", str(home), "--store", "memory"]) == 0
    table = capsys.readouterr().out
    assert "温州市科技局综合处" in table and "(2 rows)" in table
    assert main(["sparql", query, "--workspace", str(home), "--format", "json", "--store", "oxigraph"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"label": "温州市科技局综合处"}, {"label": "温州市科技局高新处"}]
    assert main(["sparql", query, "--workspace", str(home), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [["label"], ["温州市科技局综合处"], ["温州市科技局高新处"]]


def test_sparql_refuses_updates_with_one_line(small_workspace, capsys):
    home, _ = small_workspace
    code = main(["sparql", "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "--workspace", str(home)])
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1 and "read-only" in err and "Traceback" not in err


def test_sparql_on_a_missing_workspace_is_a_clean_error(tmp_path, capsys):
    assert main(["sparql", "SELECT * WHERE { ?s ?p ?o }", "--workspace", str(tmp_path)]) != 0
    assert "no graph" in capsys.readouterr().err


def test_export_graph_command(small_workspace, tmp_path, capsys):
    home, _ = small_workspace
    out = tmp_path / "g.ttl"
    assert main(["export", "graph", "--format", "turtle", "-o", str(out), "--workspace", str(home)]) == 0
    assert out.read_text("utf-8").startswith("@prefix")
    assert "wrote" in capsys.readouterr().out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_endpoint_serves_the_turtle_export_with_the_same_answers(small_workspace, tmp_path):
    """Turtle export -> a fresh Oxigraph store -> `plankg endpoint` -> SPARQLWrapper: same rows."""
    import gc

    import pyoxigraph
    from SPARQLWrapper import JSON, SPARQLWrapper

    from plankg.graph.export import export_graph_file
    from plankg.graph.store import open_store

    source, _ = small_workspace
    turtle = export_graph_file(source / "graph", "turtle", tmp_path / "graph.ttl")
    home = tmp_path / "served"
    (home / "graph").mkdir(parents=True)
    loader = pyoxigraph.Store(str(home / "graph" / "oxigraph"))
    loader.bulk_load(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE)
    loader.flush()
    del loader
    gc.collect()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "plankg.cli", "endpoint", "--workspace", str(home), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        query = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                 "PREFIX org: <http://www.w3.org/ns/org#>\n"
                 "SELECT ?o ?label WHERE { ?o a org:Organization ; rdfs:label ?label } ORDER BY ?o")
        client = SPARQLWrapper(base + "/query")
        client.setQuery(query)
        client.setReturnFormat(JSON)
        bindings = client.query().convert()["results"]["bindings"]
        served = [{"o": b["o"]["value"], "label": b["label"]["value"]} for b in bindings]
        expected = open_store(source / "graph", kind="memory").query(query)
        assert served and served == expected
        # Read-only: the update endpoint is not there.
        update = SPARQLWrapper(base + "/update")
        update.setMethod("POST")
        update.setQuery("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }")
        with pytest.raises(Exception):  # noqa: B017 - SPARQLWrapper raises its own error types
            update.query()
        # No CORS by default: a page open in a local browser cannot drive the endpoint.
        cors = urllib.request.urlopen(urllib.request.Request(
            base + "/query?query=ASK%7B%7D", headers={"Origin": "http://example.org"}), timeout=5)
        assert cors.headers.get("Access-Control-Allow-Origin") is None
    finally:
        server.terminate()
        server.wait(timeout=10)
