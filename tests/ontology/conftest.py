"""Ontology fixtures: the graph of the hand-built sample corpus."""
from __future__ import annotations

import pytest

from tests.graph.sample import make_corpus


@pytest.fixture(scope="session")
def small_graph():
    from plankg.graph.build import build_graph

    return build_graph(make_corpus())
