"""Graph fixtures: a small hand-built corpus, its graph and a built workspace (once per session)."""
from __future__ import annotations

import pytest

from tests.graph.sample import make_corpus


@pytest.fixture(scope="session")
def small_corpus():
    return make_corpus()


@pytest.fixture(scope="session")
def small_graph(small_corpus):
    from plankg.graph.build import build_graph

    return build_graph(small_corpus)


@pytest.fixture(scope="session")
def small_workspace(tmp_path_factory, small_corpus):
    """A workspace folder whose graph/ holds graph.nt.gz, the Oxigraph store and meta.json."""
    from plankg.graph.workspace import build_graph_store

    home = tmp_path_factory.mktemp("ws")
    report = build_graph_store(small_corpus, home / "graph", validate=True)
    return home, report


@pytest.fixture(scope="session")
def bundled_workspace(tmp_path_factory, corpus):
    """The bundled corpus's graph built once per session into a workspace folder."""
    from plankg.graph.workspace import build_graph_store

    home = tmp_path_factory.mktemp("bundled")
    report = build_graph_store(corpus, home / "graph")
    return home, report
