"""plankg: knowledge graph and semantic search over Chinese S&T plans, offline, with evidence.

The facade the CLI, the app and notebooks share::

    >>> import plankg
    >>> kg = plankg.open()                       # doctest: +SKIP
    >>> kg.ask("路桥区2025年技术交易额目标是多少？")   # doctest: +SKIP

Heavy parts (graph store, index, encoder) load on first use.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

__version__ = "0.1.0"
__all__ = ["Plankg", "open", "__version__"]


class Plankg:
    """A built workspace with its graph, index and question answering."""

    def __init__(self, home: str | Path | None = None) -> None:
        from plankg.workspace import Workspace

        self.workspace = Workspace(home)
        self._store: Any = None
        self._searcher: Any = None
        self._qa: Any = None

    @property
    def home(self) -> Path:
        """The workspace folder."""
        return self.workspace.home

    @property
    def corpus(self):
        """The built records: documents, clauses, targets, mentions, entities."""
        return self.workspace.corpus()

    def build(self, paths=None, **options):
        """(Re)build the workspace from ``paths`` (default: the bundled corpus)."""
        report = self.workspace.build(paths, **options)
        self._store = self._searcher = self._qa = None
        return report

    def reopen_if_rebuilt(self) -> bool:
        """Drop the loaded graph, index and engine when another process finished a new build."""
        self.workspace.refresh()
        opened = self.workspace.data_dir()
        if opened == getattr(self, "_opened_dir", opened):
            self._opened_dir = opened
            return False
        self._opened_dir = opened
        self._store = self._searcher = self._qa = None
        return True

    @property
    def store(self):
        """The graph store (rdflib in memory or Oxigraph, chosen by size or setting)."""
        self.reopen_if_rebuilt()
        if self._store is None:
            from plankg.qa.engine import open_graph_store

            self._store = open_graph_store(self.workspace)
        return self._store

    def sparql(self, query: str, bindings: dict | None = None) -> list[dict]:
        """Run a read-only SPARQL query on the graph (under the workspace's timeout and row limit)."""
        settings = self.workspace.settings
        return self.store.query(query, bindings, timeout=settings.query_timeout_s, max_rows=settings.query_max_rows)

    def search(self, query: str, k: int = 10, **filters):
        """Hybrid search over every clause; filters: doc, region, year, doc_type, kind, has_target."""
        return self._index().search([query], k=k, filters=filters or None)[0]

    def _index(self):
        self.reopen_if_rebuilt()
        if self._searcher is None:
            from plankg.embeddings import Searcher

            self._searcher = Searcher(self.workspace.index_dir, settings=self.workspace.settings)
        return self._searcher

    def ask(self, question: str):
        """Answer a question in Chinese or English from the graph and the index, with evidence."""
        self.reopen_if_rebuilt()
        if self._qa is None:
            from plankg.qa import QAEngine
            from plankg.qa.backend import SparqlBackend
            from plankg.qa.search import IndexSearch

            # One graph store and one encoder for search, questions and SPARQL alike.
            has_index = (self.workspace.index_dir / "meta.json").is_file()
            self._qa = QAEngine(self.workspace, graph=SparqlBackend(self.store),
                                search=IndexSearch(self._index()) if has_index else None)
        return self._qa.ask(question)

    def targets(self) -> list[dict]:
        """Targets and achievements as flat rows (the ``plankg export targets`` rows)."""
        from plankg.reports import target_rows

        return target_rows(self.corpus)

    def network(self):
        """A networkx projection of the graph (organisations, targets, indicators, entities)."""
        from plankg.graph import project_graph

        return project_graph(self.store)


def open(home: str | Path | None = None, build: bool = True) -> Plankg:  # noqa: A001 - the facade's name
    """Open the workspace at ``home`` (default: ``$PLANKG_HOME`` or the per-user folder).

    Args:
        home: Workspace folder.
        build: Build the bundled corpus first when the workspace is empty.
    """
    kg = Plankg(home)
    if build and not kg.workspace.built:
        kg.build()
    return kg
