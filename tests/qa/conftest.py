"""A workspace of the bundled corpus (records + graph, no vector index) and its QA engine, once per session.

Without an index the engine searches clauses lexically, so these tests need no model; the
tests marked ``slow`` load the real encoder.
"""
from __future__ import annotations

import pytest

from plankg.qa import QAEngine


@pytest.fixture(scope="session")
def qa_home(corpus, tmp_path_factory):
    """Folder of a workspace built from the bundled corpus: records and graph (Oxigraph + N-Triples)."""
    from plankg.graph import build_graph_store
    from plankg.workspace import write_records

    home = tmp_path_factory.mktemp("qa-workspace")
    write_records(corpus, home / "records")
    build_graph_store(corpus, home / "graph", validate=False)
    return home


@pytest.fixture(scope="session")
def engine(qa_home) -> QAEngine:
    """One engine for the session (the graph and vocabulary load once)."""
    from plankg.workspace import Workspace

    qa_engine = QAEngine(Workspace(qa_home))
    yield qa_engine
    qa_engine.close()
