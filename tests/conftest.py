"""Session fixtures: the bundled corpus is read once; workspaces are built once per session."""
from __future__ import annotations

import pytest

from plankg.ingest import Corpus, read_corpus


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The bundled corpus, read and extracted."""
    return read_corpus()


def doc_by_name(corpus: Corpus, prefix: str, part: int = 0):
    """The document whose file name starts with ``prefix`` (and its part)."""
    return next(d for d in corpus.documents if d.source_name.startswith(prefix) and d.part == part)
