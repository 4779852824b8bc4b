"""A workspace of the bundled corpus (records + graph, no vector index) and its QA engine, once per session.

Without an index the engine searches clauses lexically, so these tests need no model; the
tests marked ``slow`` load the real encoder.
"""
from __future__ import annotations

import pytest

from plankg.qa import QAEngine


def records_and_graph(corpus, home):
    """Write a corpus's records and graph (Oxigraph + N-Triples) into ``home``; no vector index."""
    from plankg.graph import build_graph_store
    from plankg.workspace import write_records

    write_records(corpus, home / "records")
    build_graph_store(corpus, home / "graph", validate=False)
    return home


def engine_over_texts(tmp_path_factory, name: str, texts: dict[str, str]) -> QAEngine:
    """A QA engine over small documents written for a test (file name -> text)."""
    from plankg.ingest import read_corpus
    from plankg.workspace import Workspace

    folder = tmp_path_factory.mktemp(name)
    for file_name, text in texts.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    home = records_and_graph(read_corpus([folder]), tmp_path_factory.mktemp(f"{name}-ws"))
    return QAEngine(Workspace(home))


@pytest.fixture(scope="session")
def qa_home(corpus, tmp_path_factory):
    """Folder of a workspace built from the bundled corpus: records and graph (Oxigraph + N-Triples)."""
    return records_and_graph(corpus, tmp_path_factory.mktemp("qa-workspace"))


@pytest.fixture(scope="session")
def engine(qa_home) -> QAEngine:
    """One engine for the session (the graph and vocabulary load once)."""
    from plankg.workspace import Workspace

    qa_engine = QAEngine(Workspace(qa_home))
    yield qa_engine
    qa_engine.close()
