"""``KnowledgeGraph``: the one front door the CLI, the app and notebooks share.

It holds one :class:`~plankg.workspace.Workspace` (paths, settings, the store choice) and reaches
the graph, the index and the records only through it. Tables come back as pandas DataFrames
(pandas is imported on first use), answers as :class:`plankg.qa.Answer`, hits as
:class:`plankg.embeddings.Hit`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plankg.errors import PlankgError
from plankg.graph import project_graph
from plankg.graph.queries import REGISTRY, QueryResult, run
from plankg.graph.query_limits import QueryLimits, run_bounded
from plankg.ingest.readers import iter_input_files
from plankg.interop import export_file, rdflib_view
from plankg.qa import QAEngine
from plankg.qa.answer_evolution import evolution_for
from plankg.reports import document_summaries, entity_rows, target_rows
from plankg.settings import Settings
from plankg.tables import frame, select_entities, select_targets
from plankg.workspace import BuildReport, Workspace

if TYPE_CHECKING:
    import networkx
    import pandas
    import rdflib

    from plankg.graph.store import GraphStore
    from plankg.ingest.records import Corpus
    from plankg.qa import Answer
    from plankg.qa.evolution import Evolution

#: Rows the facade can list; ``rows(what)`` gives them as dicts, the methods as DataFrames.
ROW_KINDS = ("documents", "targets", "entities")


class KnowledgeGraph:
    """A workspace's knowledge graph, search index and question answering.

    Args:
        path: Workspace folder (default: ``$PLANKG_HOME`` or the per-user folder).
        **settings: Overrides of :class:`plankg.settings.Settings` fields (``store="memory"``...).

    Example:
        >>> import plankg                                                  # doctest: +SKIP
        >>> kg = plankg.open()                                             # doctest: +SKIP
        >>> kg.targets(region="温州", indicator="rd_intensity")            # doctest: +SKIP
    """

    def __init__(self, path: str | Path | None = None, **settings: Any) -> None:
        self.workspace = Workspace(path, settings=Settings.load(path, **settings))
        self._qa: QAEngine | None = None

    # ---- the workspace ------------------------------------------------------------------------
    @property
    def home(self) -> Path:
        """The workspace folder."""
        return self.workspace.home

    @property
    def corpus(self) -> Corpus:
        """The built records: documents, clauses, targets, mentions, entities."""
        return self.workspace.corpus()

    @property
    def store(self) -> GraphStore:
        """The graph store (rdflib in memory or Oxigraph, by size or setting), unguarded.

        For plankg's own layers; the app and notebooks use :meth:`sparql`, :meth:`query` and
        :meth:`named_query`, which apply :attr:`query_limits` (tests/plankg/test_guarded_door.py).
        """
        self.follow_rebuilds()
        return self.workspace.graph()

    def follow_rebuilds(self) -> bool:
        """Reopen on the newest build when another process (a CLI build, an upload) finished one.

        Returns:
            True when a newer build was found (everything loaded is then opened again on use).
        """
        if self.workspace.refresh():
            self._qa = None
            return True
        return False

    def build(self, paths: Iterable[str | Path] | None = None, **options: Any) -> BuildReport:
        """(Re)build the workspace from ``paths`` (default: the bundled corpus).

        Args:
            paths: Files or folders.
            **options: ``force``, ``graph``, ``index``, ``on_error``, ``workers`` (a local Dask
                cluster of N processes) or ``scheduler`` (``tcp://host:8786``) of :meth:`Workspace.build`.
        """
        self.close()  # the build replaces the graph and index folders
        return self.workspace.build(paths, **options)

    def add(self, paths: str | Path | Iterable[str | Path], progress: bool = True, **options: Any) -> BuildReport:
        """Add documents to what the workspace was built from, and rebuild.

        The workspace keeps its own copy of every input, so the earlier inputs are rebuilt even
        when their files have moved (each such file is named in ``report.errors``).

        Args:
            paths: A file or folder, or several.
            progress: Show a progress bar (tqdm) while the new files are checked and the workspace
                is rebuilt.
            **options: ``on_error``, ``force``, ``wait`` of :meth:`Workspace.add`.

        Returns:
            The build report; unreadable files are listed in ``report.errors``, not raised.
        """
        from tqdm import tqdm  # the text bar: works in a terminal and in Jupyter without widgets

        new = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
        for path in new:
            if not path.exists():
                raise PlankgError(f"{path}: no such file or folder")
        files = list(iter_input_files(new))
        self.close()  # the build replaces the graph and index folders
        with tqdm(total=len(files) + 1, desc="plankg add", unit="file", disable=not progress) as bar:
            for file in files:
                bar.set_postfix_str(file.name[:30])
                bar.update(1)
            bar.set_postfix_str("building")
            # The input list is read and extended under the workspace lock (two adds at once both land).
            report = self.workspace.add(new, **options)
            bar.update(1)
        return report

    def add_uploads(self, uploads: Iterable[tuple[str | Path, str]], **options: Any) -> BuildReport:
        """Add uploaded files, each stored under its content and labelled with the name the user gave.

        Args:
            uploads: ``(file, name)`` pairs; the file may be deleted once this returns.
            **options: ``on_error``, ``wait``, ``progress`` of :meth:`Workspace.add`.

        Returns:
            The build report; ``report.added`` has one row per upload (``new``, ``already``, ``error``).
        """
        self.close()
        return self.workspace.add(uploads=list(uploads), **options)

    def remove(self, labels: str | Iterable[str], **options: Any) -> BuildReport:
        """Rebuild without an input: an upload's name, a file or folder as given, or a file of a folder.

        Raises:
            WorkspaceError: The label is not an input, or nothing would be left.
        """
        self.close()
        return self.workspace.remove([labels] if isinstance(labels, str) else list(labels), **options)

    def inputs(self) -> list[dict[str, Any]]:
        """What the current build was made from: one row per source (``given``, ``kind``, ``files``...)."""
        return [{**s.to_dict(), "files": len(s.files)} for s in self.workspace.sources()]

    def close(self) -> None:
        """Release the graph store and the index."""
        self._qa = None
        self.workspace.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "built" if self.workspace.built else "not built"
        return f"<KnowledgeGraph {self.home} ({state})>"

    # ---- tables -------------------------------------------------------------------------------
    def rows(self, what: str) -> list[dict[str, Any]]:
        """Plain rows: ``documents``, ``targets`` (targets and achievements) or ``entities``."""
        makers = {"documents": document_summaries, "targets": target_rows, "entities": entity_rows}
        if what not in makers:
            raise PlankgError(f"rows {what!r}: unknown; use {', '.join(ROW_KINDS)}")
        return makers[what](self.corpus)

    def documents(self) -> pandas.DataFrame:
        """One row per document: title, issuer, region, type, years, clause and target counts."""
        return frame(self.rows("documents"))

    def targets(self, region: str | None = None, year: int | None = None, indicator: str | None = None,
                kind: str | None = None) -> pandas.DataFrame:
        """Targets and achievements with value, unit, year, owners and the clause they come from.

        Args:
            region: A region with or without its suffix (温州 or 温州市); its sub-regions count.
            year: The year a value is planned for or reported on.
            indicator: An indicator id (``rd_intensity``) or a label in Chinese or English.
            kind: ``target`` or ``achievement``.

        Raises:
            PlankgError: An unknown kind or indicator.
        """
        every = self.rows("targets")
        return frame(select_targets(every, region=region, year=year, indicator=indicator, kind=kind), like=every)

    def entities(self, type: str | None = None) -> pandas.DataFrame:  # noqa: A002 - the natural name
        """Merged entities (organisations, institutes, parks, programmes...) with aliases and mentions.

        Args:
            type: Only this type (``organization``, ``division``, ``institute``, ``park``,
                ``programme``, ``person``).
        """
        every = self.rows("entities")
        return frame(select_entities(every, type=type), like=every)

    # ---- the graph ----------------------------------------------------------------------------
    @property
    def query_limits(self) -> QueryLimits:
        """The time, row and memory limits every user query runs under (from the settings)."""
        settings = self.workspace.settings
        return QueryLimits(timeout_s=settings.query_timeout_s, max_rows=settings.query_max_rows,
                           max_memory_mb=settings.query_max_memory_mb)

    def sparql_rows(self, query: str, **bindings: Any) -> list[dict[str, Any]]:
        """:meth:`sparql` as plain rows (dicts), for the app and the CLI.

        Raises:
            QueryError: An update, SERVICE or FROM (unless ``allow_service``), a syntax error, or the
                timeout, row limit or memory cap of :attr:`query_limits` reached.
        """
        limits = self.query_limits
        return self.store.query(query, bindings or None, timeout=limits.timeout_s, max_rows=limits.max_rows,
                                max_memory_mb=limits.max_memory_mb)

    def sparql(self, query: str, **bindings: Any) -> pandas.DataFrame:
        """Run a read-only SPARQL query; ``bindings`` become escaped ``VALUES`` (never pasted text).

        The usual prefixes (plankg, org, prov, skos, qb, dcterms...) are predeclared. The query
        text is kept in ``frame.attrs["sparql"]``. It runs under :attr:`query_limits` (timeout,
        rows, memory) and never reaches the network (SERVICE refused unless ``allow_service``).
        """
        table = frame(self.sparql_rows(query, **bindings))
        table.attrs["sparql"] = query
        return table

    def named_query(self, name: str, /, **params: Any) -> QueryResult[Any]:
        """A named query of ``plankg.graph.queries`` with typed rows, under :attr:`query_limits`.

        All its SPARQL steps run in one bounded child process (one fork, however many steps).

        Raises:
            PlankgError: An unknown name; QueryError: a bad parameter or a limit reached.
        """
        if name not in REGISTRY:
            raise PlankgError(f"named query {name!r}: unknown; use {', '.join(sorted(REGISTRY))}")
        return run_bounded(self.store, lambda store: run(store, name, **params), self.query_limits)

    def query(self, name: str, /, **params: Any) -> pandas.DataFrame:
        """Run a named query of ``plankg.graph.queries`` (``plan_vs_outcome``, ``indicator_series``...).

        The SPARQL that ran is in ``frame.attrs["sparql"]``; it runs under :attr:`query_limits`.
        """
        result = self.named_query(name, **params)
        table = frame([row.to_dict() for row in result.rows])
        table.attrs["sparql"] = result.sparql
        return table

    @property
    def rdf(self) -> rdflib.Graph:
        """An rdflib ``Graph`` over the same store, read-only (Oxigraph through oxrdflib, no copy)."""
        return rdflib_view(self.store, self.workspace.graph_dir)

    def network(self) -> networkx.Graph:
        """A networkx projection: organisations, targets, indicators and entities as nodes."""
        return project_graph(self.store)

    def export(self, path: str | Path, what: str = "graph", format: str | None = None) -> Path:  # noqa: A002
        """Write the graph (Turtle, N-Triples, JSON-LD, GraphML) or rows (JSON Lines, JSON, CSV).

        Args:
            path: Output file; its suffix picks the format when ``format`` is None (.ttl, .nt,
                .jsonld, .graphml, .jsonl, .json, .csv).
            what: ``graph``, or ``targets`` / ``entities`` / ``documents`` for rows.
            format: ``turtle`` | ``ntriples`` | ``jsonld`` | ``graphml`` for the graph;
                ``jsonl`` | ``json`` | ``csv`` for rows.

        Returns:
            The file written.
        """
        return export_file(self, path, what, format)

    # ---- search and questions -----------------------------------------------------------------
    def search(self, query: str, k: int = 10, **filters: Any) -> list[Any]:
        """Hybrid search over every clause.

        Args:
            query: Chinese text.
            k: Number of hits.
            **filters: ``doc``, ``region``, ``year``, ``doc_type``, ``kind``, ``has_target``.
        """
        return self.search_many([query], k=k, **filters)[0]

    def search_many(self, queries: Sequence[str], k: int = 10, **filters: Any) -> list[list[Any]]:
        """Several searches with the model loaded once; one hit list per query."""
        self.follow_rebuilds()
        active = {name: value for name, value in filters.items() if value is not None}
        return self.workspace.index().search(list(queries), k=k, filters=active or None)

    @property
    def qa(self) -> QAEngine:
        """The question-answering engine (built once over this workspace's graph and index)."""
        self.follow_rebuilds()
        if self._qa is None:

            self._qa = QAEngine(self.workspace)
        return self._qa

    def ask(self, question: str) -> Answer:
        """Answer a question in Chinese or English from the graph and the index, with evidence."""
        return self.qa.ask(question)

    def ask_many(self, questions: Sequence[str]) -> list[Answer]:
        """Answer several questions in order."""
        return self.qa.ask_many(list(questions))

    # ---- plan evolution -----------------------------------------------------------------------
    def evolution(self, from_year: int, to_year: int, region: str | None = None, include_counties: bool = False,
                  family: str | None = None, measures: bool = True) -> Evolution:
        """How ``from_year``'s plans became ``to_year``'s goals.

        Args:
            from_year: The earlier plan year.
            to_year: The later plan year.
            region: Only this place (its counties too with ``include_counties``).
            include_counties: Add the counties and districts of a city, each labelled.
            family: Only an indicator family (``R&D``, ``研发``, ``人才``...).
            measures: Also align the measures (clauses) of the two years by meaning.

        Returns:
            Indicator changes, new and dropped indicators, and continued, new and dropped measures,
            each with its evidence.
        """
        return evolution_for(self.qa, from_year, to_year, region, include_counties, family, measures)

    def compare_plans(self, from_year: int, to_year: int, region: str | None = None) -> Evolution:
        """The plans of two years compared (see :meth:`evolution`)."""
        return self.evolution(from_year, to_year, region)
