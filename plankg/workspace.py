"""The workspace: records, graph and index built from a set of documents, switched in atomically.

Layout of ``<home>``::

    plankg.toml      optional settings
    .lock            the one-writer lock (holder's pid; released by the kernel if it dies)
    builds/<id>/     one finished build: build.json, records/, graph/, index/
    builds/.staging-<pid>-<n>/   a build in progress (each build has its own)
    current          symbolic link to builds/<id>: the switch to a new build is one rename
    build.json records graph index   links through ``current`` (for tools that use the old paths)
                 (``records/<kind>.jsonl.gz``: see plankg.record_files)
    inputs/<sha256><suffix>      the workspace's own copy of every input file (and folder manifest)
                                 a kept build was made from, one per content (see plankg.inputs)
    inputs/.read-<pid>-<n>/      the copies under their original names while a build reads them
    .gradio/         the app's upload folder (GRADIO_TEMP_DIR, mode 700); uploads leave it once read

``build.json`` lists the build's ``sources`` (what the user gave: files and folders as typed, uploads
by the names users gave, or the bundled corpus) with the files each held, so a rebuild (``add``,
``remove``, an upload, ``build`` again) never depends on the user's files staying where they were.
Every edit of that list happens while the lock is held.

A reader resolves ``current`` once (:meth:`Workspace.data_dir`), so it sees the old build or the
new one, never a mix; the previous build is kept until the next one finishes, so a reader still
holding it keeps working.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import itertools
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import plankg.corpus
import plankg.embeddings
import plankg.graph
import plankg.ingest
import plankg.ontology
from plankg.cluster import ClusterEncoder, check_options, dask_runner
from plankg.embeddings import build_index
from plankg.embeddings.encoder import load_encoder
from plankg.files import FileLock, LockBusy, describe_holder, point_symlink, write_atomic
from plankg.graph import build_graph_store
from plankg.graph.dump import span_lines
from plankg.ingest.pipeline import FileLimits, bundled_paths, read_corpus
from plankg.ingest.records import Corpus
from plankg.inputs import (
    BUNDLED,
    InputStore,
    ReadFolder,
    ReadPlan,
    Source,
    add_paths,
    add_upload,
    plan_read,
    referenced,
    remove_sources,
    sources_from_info,
    with_previous,
)
from plankg.progress import Progress
from plankg.record_files import has_records, iter_records, read_records, write_records
from plankg.resources import OpenResources, WorkspaceError
from plankg.settings import Settings

if TYPE_CHECKING:
    from plankg.cluster import DaskRunner

_DATA_DIRS = ("records", "graph", "index")
BUILD_FILE = "build.json"
BUILDS_DIR = "builds"
CURRENT = "current"
_LEGACY_UPLOADS = "uploads"
LOCK_FILE = ".lock"
#: 3: records compressed (``records/<kind>.jsonl.gz``), the index's rows too.
FORMAT_VERSION = 3
#: Called between staging a build and switching ``current`` to it (tests kill the process here).
BEFORE_SWITCH: Callable[[], None] | None = None


@dataclass
class BuildReport:
    """What a build did."""

    documents: int
    clauses: int
    targets: int
    entities: int
    errors: list[str]
    seconds: float
    up_to_date: bool = False
    parts: dict | None = None
    #: One row per upload given to :meth:`Workspace.add`: ``name``, ``label``, ``status``, ``detail``.
    added: list[dict] = dataclasses.field(default_factory=list)


#: What a build produces depends on these packages only (not on qa/, ui/ or the CLI).
BUILD_PACKAGES = (plankg.ingest, plankg.ontology, plankg.graph, plankg.embeddings, plankg.corpus)


def _code_fingerprint() -> str:
    """Hash of plankg's own modules and data: a new version of the code rebuilds."""
    digest = hashlib.sha1()
    roots = {Path(str(package.__file__)).parent for package in BUILD_PACKAGES}
    for root in sorted(roots):
        for path in sorted(root.glob("*")):
            if path.suffix in (".py", ".ttl", ".toml", ".txt"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


class Workspace(OpenResources):
    """A built corpus on disk, the way to (re)build it, and (from ``OpenResources``) the one way
    to open its graph, index and clause search."""

    def __init__(self, home: str | Path | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load(home)
        self.home = Path(self.settings.home)
        self._corpus: Corpus | None = None
        self._data_dir: Path | None = None

    # ---- reading --------------------------------------------------------------------------
    def current_build(self) -> str | None:
        """Name of the build ``current`` points to now (None for an old-layout or empty home)."""
        try:
            return os.readlink(self.home / CURRENT)
        except OSError:
            return None

    def data_dir(self) -> Path:
        """The folder of the build this object reads, resolved once so every part matches."""
        if self._data_dir is None:
            target = self.current_build()
            # A home built before versioned builds keeps its data at the top level.
            self._data_dir = (self.home / target).resolve() if target else self.home
        return self._data_dir

    def refresh(self) -> bool:
        """Follow ``current`` again; True (and caches dropped) when a newer build is there."""
        target = self.current_build()
        fresh = (self.home / target).resolve() if target else self.home
        if self._data_dir is not None and fresh == self._data_dir:
            return False
        self._data_dir = fresh
        # Opened resources belong to the old build: drop them (readers still using them finish first).
        self._corpus = self._graph = self._index = self._searcher = None
        return True

    @property
    def records_dir(self) -> Path:
        return self.data_dir() / "records"

    @property
    def graph_dir(self) -> Path:
        return self.data_dir() / "graph"

    @property
    def index_dir(self) -> Path:
        return self.data_dir() / "index"

    @property
    def built(self) -> bool:
        """Has a build finished here?"""
        self.refresh()
        return (self.data_dir() / BUILD_FILE).is_file() and has_records(self.records_dir)

    def info(self) -> dict:
        """The ``build.json`` of the last finished build."""
        if not self.built:
            raise WorkspaceError(f"{self.home}: no built workspace here; run `plankg build` first")
        path = self.data_dir() / BUILD_FILE
        try:
            return json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            # Written temp-then-rename, so this is damage from outside: rebuild rather than fail.
            return {"unreadable": f"{path}: {exc}"}

    def corpus(self) -> Corpus:
        """The built records (cached)."""
        if self._corpus is None:
            self._corpus = read_records(self.records_dir)
        return self._corpus

    def span_lines(self) -> Iterator[str]:
        """The graph's text spans as N-Triples lines, made from the records' offsets as they are read.

        The export and ``plankg push`` hold them; no file of the workspace does (the records have
        every offset, and the documents their text). Nothing is read until the lines are.
        """
        folder = self.records_dir
        texts = {doc.id: doc.text for doc in iter_records(folder, "documents")}
        kinds = ("clauses", "targets", "mentions")
        records = itertools.chain.from_iterable(iter_records(folder, kind) for kind in kinds)
        yield from span_lines(texts, records)

    def sources(self) -> list[Source]:
        """What the current build was made from (files, folders, uploads, the bundled corpus)."""
        if not self.built:
            return []
        info = self.info()
        sources = sources_from_info(info)
        return sources if "sources" in info else _legacy_uploads(sources, self.home / _LEGACY_UPLOADS)

    # ---- building -------------------------------------------------------------------------
    def build(
        self,
        paths: Iterable[str | Path] | None = None,
        *,
        force: bool = False,
        graph: bool = True,
        index: bool = True,
        on_error: Callable[[str], None] | None = None,
        wait: float | None = None,
        progress: Progress | None = None,
        workers: int | None = None,
        scheduler: str | None = None,
    ) -> BuildReport:
        """Build records, graph and index from ``paths`` (default: the bundled corpus).

        Idempotent: with unchanged inputs, code and options, nothing is rebuilt. One writer at
        a time: a second build waits up to ``wait`` seconds (default ``Settings.lock_wait_s``)
        for the first, then checks again whether anything is left to do. Every input is copied
        into the workspace (``<home>/inputs``) and read from there; a given path that is gone
        is read from the copy of the previous build, with one line in the errors.

        Args:
            paths: Files or folders; None builds the bundled corpus.
            force: Rebuild even when nothing changed.
            graph: Build the RDF graph (when False, the previous build's graph is kept).
            index: Build the search index (when False, the previous build's index is kept).
            on_error: Called with a one-line message per file that could not be read.
            wait: Seconds to wait for another build of this workspace.
            progress: Where steps are reported (default: stderr).
            workers: Read and extract on a local Dask cluster of this many processes.
            scheduler: Read and extract on the Dask cluster at this address (``tcp://host:8786``).
                Either gives the same records as the default serial build; a cluster is only
                started (or reached) when something has to be rebuilt.

        Raises:
            WorkspaceError: Nothing readable, or another build still holds the workspace.
            ClusterError: Dask is missing, or the cluster could not be started or reached.
        """
        given = None if paths is None else list(paths)

        def edit(previous: list[Source], store: InputStore) -> list[Source]:
            return [Source(BUNDLED, kind="bundled")] if given is None else with_previous(given, previous)

        return self._build(edit, force=force, graph=graph, index=index, on_error=on_error, wait=wait,
                           progress=progress, workers=workers, scheduler=scheduler, say_dropped=True)

    def add(self, paths: Iterable[str | Path] = (), *, uploads: Iterable[tuple[str | Path, str]] = (),
            graph: bool | None = None, index: bool | None = None, **options: Any) -> BuildReport:
        """Add files, folders or uploads to what the current build was made from, and rebuild.

        The input list is read, edited and built from while the workspace is locked, so two
        ``add`` calls at once both land. An upload is stored under its content; its name is
        only its label (a second ``plan.txt`` with other content becomes ``plan (2).txt``).

        Args:
            paths: Files or folders.
            uploads: ``(file, name the user gave)`` pairs.
            graph: Build the graph (default: as the current build did).
            index: Build the index (default: as the current build did).
            **options: ``force``, ``on_error``, ``wait``, ``progress`` of :meth:`build`.

        Returns:
            The build report; ``report.added`` has one row per upload.
        """
        new_paths = list(paths)
        new_uploads = [(Path(p), name) for p, name in uploads]
        added: list[dict] = []
        max_bytes = int(self.settings.max_file_mb * 2**20)

        def edit(previous: list[Source], store: InputStore) -> list[Source]:
            added.clear()
            sources = add_paths(previous, new_paths)
            for path, name in new_uploads:
                sources, row = add_upload(sources, store, path, name, max_bytes)
                added.append(row)
            return sources

        report = self._build(edit, graph=graph, index=index, **options)
        report.added = added
        return report

    def remove(self, labels: Iterable[str], *, graph: bool | None = None, index: bool | None = None,
               **options: Any) -> BuildReport:
        """Rebuild without the inputs labelled ``labels`` (a source's label, or a file of a folder).

        Raises:
            WorkspaceError: A label that is not an input, or nothing left to build from.
        """
        wanted = list(labels)
        return self._build(lambda previous, store: remove_sources(previous, wanted), graph=graph, index=index,
                           **options)

    def _build(self, edit: Callable[[list[Source], InputStore], list[Source]], *, force: bool = False,
               graph: bool | None = True, index: bool | None = True, on_error: Callable[[str], None] | None = None,
               wait: float | None = None, progress: Progress | None = None, workers: int | None = None,
               scheduler: str | None = None, say_dropped: bool = False) -> BuildReport:
        """Take the lock, edit the previous build's sources with ``edit``, and build from them.

        With ``say_dropped``, the previous build's inputs left out of the new list are named (a
        build that names its inputs replaces the list; uploads are among what it may leave out).
        """
        progress = progress or Progress()
        if workers is not None or scheduler is not None:

            check_options(workers, scheduler)  # before waiting for a lock or reading anything
        self.home.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.home / LOCK_FILE)
        wait_s = self.settings.lock_wait_s if wait is None else wait
        try:
            lock.acquire(wait=wait_s, on_wait=lambda holder: progress.message(
                f"{self.home}: waiting for the build by {describe_holder(holder)} (up to {wait_s:g}s)"))
        except LockBusy as busy:
            raise WorkspaceError(f"{self.home}: another build is running ({describe_holder(busy.holder)}); "
                                 "wait for it to finish") from None
        try:
            if lock.stale_holder:
                progress.message(f"{self.home}: the build by {describe_holder(lock.stale_holder)} "
                                 "did not finish; its leftovers are removed")
            self._remove_leftovers()
            self.refresh()
            # Everything from here on sees the build that is current while we hold the lock.
            built = self.info().get("fingerprint", {}) if self.built else {}
            graph = bool(built.get("graph", True)) if graph is None else graph
            index = bool(built.get("index", True)) if index is None else index
            store = InputStore(self.home)
            previous = self.sources()
            sources = edit(previous, store)
            dropped = [s.given for s in previous if not _still_in(s, sources)]
            if say_dropped and dropped:
                more = f" and {len(dropped) - 5} more" if len(dropped) > 5 else ""
                progress.message(f"{self.home}: not among the inputs of this build (add them again to keep them): "
                                 + ", ".join(dropped[:5]) + more)
            return self._build_locked(sources, store, force=force, graph=graph, index=index, on_error=on_error,
                                      progress=progress, cluster=(workers, scheduler))
        finally:
            lock.release()

    def _build_locked(self, sources: list[Source], store: InputStore, *, force, graph, index, on_error, progress,
                      cluster) -> BuildReport:
        started = time.perf_counter()
        max_bytes = int(self.settings.max_file_mb * 2**20)
        plan = plan_read(sources, store, max_bytes)
        for message in plan.missing:
            (on_error or progress.message)(message)
        fingerprint = {
            "format": FORMAT_VERSION,
            "code": _code_fingerprint(),
            "inputs": plan.fingerprint(max_bytes),
            "graph": graph,
            "index": index,
        }
        if not force and self.built and self.info().get("fingerprint") == fingerprint:
            corpus = self.corpus()
            return BuildReport(len(corpus.documents), len(corpus.clauses), len(corpus.targets),
                               len(corpus.entities), list(corpus.errors), 0.0, up_to_date=True)
        with self._cluster(*cluster) as runner:
            corpus = self._read(plan, store, on_error, progress, runner)
            if not corpus.documents:
                raise WorkspaceError("nothing could be read; the workspace was left as it was")
            plan = _without_unread_uploads(plan, corpus)
            fingerprint["inputs"] = plan.fingerprint(max_bytes)
            report = self._write_build(corpus, plan.sources, fingerprint, graph=graph, index=index,
                                       progress=progress, runner=runner, started=started)
        self._prune_inputs(store)
        return report

    def _write_build(self, corpus: Corpus, sources: list[Source], fingerprint: dict, *, graph: bool,
                     index: bool, progress: Progress, runner: DaskRunner | None, started: float) -> BuildReport:
        """Write records, graph and index into a staging folder, then switch ``current`` to it."""
        builds = self.home / BUILDS_DIR
        builds.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=builds))
        staging.chmod(0o755)
        parts: dict = {}
        try:
            write_records(corpus, staging / "records")
            previous = self.data_dir() if self.built else None
            parts["graph"] = (self._build_graph(corpus, staging / "graph", progress) if graph
                              else self._keep(previous, "graph", staging))
            parts["index"] = (self._build_index(corpus, staging / "index", progress, runner=runner) if index
                              else self._keep(previous, "index", staging))
            parts = {k: v for k, v in parts.items() if v is not None}
            info = {
                "fingerprint": fingerprint,
                "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "inputs": _input_labels(sources),
                "sources": [s.to_dict() for s in sources],
                "documents": len(corpus.documents),
                "clauses": len(corpus.clauses),
                "targets": len(corpus.targets),
                "entities": len(corpus.entities),
                "errors": list(corpus.errors),
                "parts": parts,
            }
            write_atomic(staging / BUILD_FILE, json.dumps(info, ensure_ascii=False, indent=2))
            name = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{staging.name.rsplit('-', 1)[-1]}"
            final = builds / name
            staging.rename(final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self._switch_to(final)
        self._corpus = corpus
        return BuildReport(len(corpus.documents), len(corpus.clauses), len(corpus.targets), len(corpus.entities),
                           list(corpus.errors), time.perf_counter() - started, parts=parts)

    def _prune_inputs(self, store: InputStore) -> None:
        """Drop the copies that no build still on disk was made from."""
        keep: set[str] = set()
        for folder in (self.home / BUILDS_DIR).iterdir():
            if folder.name.startswith("."):
                continue
            try:
                keep |= referenced(sources_from_info(json.loads((folder / BUILD_FILE).read_text("utf-8"))))
            except (OSError, ValueError):
                return  # a build we cannot read may still need its copies: keep them all
        store.prune(keep)

    def _read(self, plan: ReadPlan, store: InputStore, on_error: Callable[[str], None] | None, progress: Progress,
              runner: DaskRunner | None) -> Corpus:
        """Read and extract the planned inputs from the workspace's copies, here or on a Dask cluster.

        The copies are laid out under their original names, so the records match a read of the
        user's files; then the documents and messages get the user's paths back.
        """
        if runner is not None:
            progress.message(f"reading and extraction on {runner.where}")
        folder = ReadFolder(store, plan.items)
        try:
            paths = None if plan.bundled and not folder.paths else [
                *(bundled_paths() if plan.bundled else []), *folder.paths]
            corpus = read_corpus(paths, limits=FileLimits.from_settings(self.settings),
                                 on_error=folder.on_error(on_error), progress=progress, runner=runner)
        finally:
            folder.close()
        corpus = folder.relabel(corpus)
        return dataclasses.replace(corpus, errors=(*plan.missing, *corpus.errors))

    @contextlib.contextmanager
    def _cluster(self, workers: int | None, scheduler: str | None) -> Iterator[DaskRunner | None]:
        """A Dask runner when a cluster was asked for, else None (and dask is never imported)."""
        if workers is None and scheduler is None:
            yield None
            return

        with dask_runner(workers, scheduler, self.settings.cluster_connect_s) as runner:
            yield runner

    def _keep(self, previous: Path | None, part: str, staging: Path) -> dict | None:
        """Carry a part the build skips over from the previous build (hard links, no copy)."""
        if previous is None or not (previous / part).is_dir():
            return None
        shutil.copytree(previous / part, staging / part, copy_function=_link_or_copy)
        return {"kept from": previous.name if previous != self.home else "the previous build"}

    def _build_graph(self, corpus: Corpus, out_dir: Path, progress: Progress) -> dict:
        progress.start("graph")
        report = build_graph_store(corpus, out_dir)
        progress.finish()
        return report

    def _build_index(self, corpus: Corpus, out_dir: Path, progress: Progress, runner: DaskRunner | None = None
                     ) -> dict:
        encoder = None
        if runner is not None:
            encoder = ClusterEncoder(load_encoder(self.settings), self.settings, runner.client)
            progress.message(f"embedding on {runner.where}")
        previous = self.index_dir if self.index_dir.is_dir() else None
        progress.start("embedding")
        report = build_index(corpus, out_dir, previous_dir=previous, settings=self.settings, encoder=encoder,
                             progress=progress.count)
        progress.finish()
        return report

    def _switch_to(self, final: Path) -> None:
        """Point ``current`` at the finished build: one rename, so readers see old or new."""
        if BEFORE_SWITCH is not None:
            BEFORE_SWITCH()
        # The build readers may still hold; names alone do not order builds made within one second.
        before = self.current_build()
        old_layout = [self.home / name for name in (*_DATA_DIRS, BUILD_FILE)
                      if (self.home / name).exists() and not (self.home / name).is_symlink()]
        point_symlink(self.home / CURRENT, f"{BUILDS_DIR}/{final.name}")
        for path in old_layout:  # a home from before versioned builds: its data is now replaced
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        for name in (*_DATA_DIRS, BUILD_FILE):
            link = self.home / name
            if not link.is_symlink():
                point_symlink(link, f"{CURRENT}/{name}")
        self._data_dir = final.resolve()
        self._prune_builds(keep={final.name} | ({Path(before).name} if before else set()))

    def _prune_builds(self, keep: set[str]) -> None:
        """Delete finished builds except the current one and the one before it (readers may hold it)."""
        for path in (self.home / BUILDS_DIR).iterdir():
            if not path.name.startswith(".") and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def _remove_leftovers(self) -> None:
        """Staging folders of builds that died (we hold the lock, so nobody else is writing)."""
        builds = self.home / BUILDS_DIR
        for path in builds.glob(".staging-*") if builds.is_dir() else ():
            shutil.rmtree(path, ignore_errors=True)
        inputs = InputStore(self.home).folder
        for path in [*inputs.glob(".read-*"), *inputs.glob(".tmp-*")] if inputs.is_dir() else ():
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        shutil.rmtree(self.home / ".staging", ignore_errors=True)  # the single staging folder of old
        shutil.rmtree(self.home / ".old", ignore_errors=True)


def _still_in(source: Source, sources: list[Source]) -> bool:
    """Is ``source`` among ``sources``, itself or inside a folder of theirs?"""
    if any(n.given == source.given and n.kind == source.kind for n in sources):
        return True
    return source.kind == "path" and any(n.kind == "path" and Path(source.at).is_relative_to(n.at) for n in sources)


def _legacy_uploads(sources: list[Source], folder: Path) -> list[Source]:
    """Builds from before the input copies listed uploads as ``uploads/upload-<hash>.txt`` paths with
    their names in ``uploads/names.json``: label them by those names (their next build copies them)."""
    try:
        names = json.loads((folder / "names.json").read_text("utf-8"))
    except (OSError, ValueError):
        names = {}
    result = []
    for source in sources:
        path = Path(source.at)
        if path.parent == folder and path.name in names:
            source = dataclasses.replace(source, given=str(names[path.name]), kind="upload",
                                         uploaded_as=str(names[path.name]))
        result.append(source)
    return result


def _without_unread_uploads(plan: ReadPlan, corpus: Corpus) -> ReadPlan:
    """An upload that gave no document (unreadable, or a duplicate) is not kept: its error was said once."""
    read = {d.path for d in corpus.documents}
    unread = {s.given for s in plan.sources if s.kind == "upload" and not any(e["path"] in read for e in s.files)}
    if not unread:
        return plan
    return dataclasses.replace(plan, sources=[s for s in plan.sources if s.given not in unread],
                               items=[i for i in plan.items if i.label not in unread])


def _input_labels(sources: list[Source]) -> list[str] | str:
    """``build.json``'s ``inputs``: the labels given (the bundled corpus as its files, or its name alone)."""
    if [s.kind for s in sources] == ["bundled"]:
        return BUNDLED
    return [p for s in sources for p in ([str(b) for b in bundled_paths()] if s.kind == "bundled" else [s.given])]


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
