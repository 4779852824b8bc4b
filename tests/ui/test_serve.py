"""``plankg serve``: its options, and the read-only SPARQL endpoint it runs beside the app."""
from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request

import pytest

from plankg.cli import build_parser
from tests.ui.conftest import free_port


def test_serve_options_and_defaults():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.sparql_port) == ("127.0.0.1", 7860, None)
    args = build_parser().parse_args(["serve", "--port", "8001", "--sparql-port", "7878", "--workspace", "w"])
    assert (args.port, args.sparql_port, args.workspace) == (8001, 7878, "w")


def _count(url: str) -> int:
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    request = urllib.request.Request(f"{url}?{query}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
def test_endpoint_serves_the_workspace_graph_read_only(app_home):
    from plankg.cmd_serve import SparqlEndpoint

    endpoint = SparqlEndpoint(app_home, "127.0.0.1", free_port())
    endpoint.start()
    count = 0
    try:
        for _ in range(150):  # the guarded endpoint starts Oxigraph behind it first
            try:
                count = _count(endpoint.url)
                break
            except OSError:
                time.sleep(0.2)
        assert count > 0
        update = urllib.request.Request(endpoint.url.replace("/query", "/update"), data=b"update=DELETE WHERE { ?s ?p ?o }",
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(OSError):
            urllib.request.urlopen(update, timeout=10)
        assert _count(endpoint.url) == count
    finally:
        endpoint.stop()
