"""The one way to open a workspace's graph store, search index and clause search.

``Workspace`` inherits this: it knows the paths and settings, and each resource is opened once
and shared by the facade, the CLI, question answering and the notebooks.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from plankg.embeddings import Searcher
from plankg.errors import PlankgError
from plankg.graph.store import QueryError, open_store
from plankg.qa.search import IndexSearch, LexicalSearch

if TYPE_CHECKING:
    from plankg.ingest.records import Corpus
    from plankg.settings import Settings


class WorkspaceError(PlankgError):
    """The workspace is missing, unreadable or could not be built."""


class OpenResources:
    """Accessors for the built resources; the subclass provides paths, settings and records."""

    home: Path
    settings: Settings
    _corpus: Corpus | None
    _graph: Any = None
    _index: Any = None
    _searcher: Any = None

    @property
    def graph_dir(self) -> Path:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    @property
    def index_dir(self) -> Path:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def corpus(self) -> Corpus:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    @property
    def has_index(self) -> bool:
        """Was the search index built (``plankg build`` without ``--no-index``)?"""
        return (self.index_dir / "meta.json").is_file()

    def graph(self) -> Any:
        """The graph store, opened once: rdflib in memory or Oxigraph, by the ``store`` setting and
        the one ``oxigraph_threshold`` (``auto`` picks Oxigraph above it).

        Raises:
            WorkspaceError: Nothing was built here, or the graph was skipped.
        """
        if self._graph is None:

            try:
                self._graph = open_store(self.graph_dir, kind=self.settings.store,
                                         threshold=self.settings.oxigraph_threshold)
                # SERVICE makes network calls: refused unless the workspace settings allow it.
                self._graph.allow_service = self.settings.allow_service
            except QueryError as error:
                if not self.graph_dir.is_dir():
                    raise WorkspaceError(f"{self.home}: no graph here; run `plankg build`") from None
                raise WorkspaceError(f"{self.home}: {error}") from None
        return self._graph

    def index(self) -> Any:
        """The hybrid clause index (``plankg.embeddings.Searcher``), opened once; the encoder loads
        on the first query.

        Raises:
            WorkspaceError: No index was built here.
        """
        if self._index is None:

            if not self.has_index:
                raise WorkspaceError(f"{self.home}: no search index; run `plankg build` without --no-index")
            self._index = Searcher(self.index_dir, settings=self.settings)
        return self._index

    def searcher(self) -> Any:
        """The clause search answers use: the hybrid index when built, else lexical BM25 over the
        records (no model needed)."""
        if self._searcher is None:

            self._searcher = IndexSearch(self.index()) if self.has_index else LexicalSearch(self.corpus())
        return self._searcher

    def close(self) -> None:
        """Release the graph store and the index (a build or another process may replace them)."""
        if self._graph is not None:
            self._graph.close()
        self._graph = self._index = self._searcher = None
        self._corpus = None
