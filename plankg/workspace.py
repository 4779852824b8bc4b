"""The workspace: records, graph and index built from a set of documents, switched in atomically.

Layout of ``<home>``::

    plankg.toml      optional settings
    .lock            the one-writer lock (holder's pid; released by the kernel if it dies)
    builds/<id>/     one finished build: build.json, records/, graph/, index/
    builds/.staging-<pid>-<n>/   a build in progress (each build has its own)
    current          symbolic link to builds/<id>: the switch to a new build is one rename
    build.json records graph index   links through ``current`` (for tools that use the old paths)

A reader resolves ``current`` once (:meth:`Workspace.data_dir`), so it sees the old build or the
new one, never a mix; the previous build is kept until the next one finishes, so a reader still
holding it keeps working.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.files import FileLock, LockBusy, describe_holder, point_symlink, write_atomic
from plankg.ingest.records import Clause, Corpus, Document, Entity, Mention, Target
from plankg.progress import Progress
from plankg.resources import OpenResources, WorkspaceError
from plankg.settings import Settings

if TYPE_CHECKING:
    from plankg.cluster import DaskRunner

RECORD_FILES = {
    "documents": Document,
    "clauses": Clause,
    "targets": Target,
    "mentions": Mention,
    "entities": Entity,
}
_DATA_DIRS = ("records", "graph", "index")
BUILD_FILE = "build.json"
BUILDS_DIR = "builds"
CURRENT = "current"
LOCK_FILE = ".lock"
FORMAT_VERSION = 1
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


def write_records(corpus: Corpus, folder: Path) -> None:
    """Write a corpus as JSON Lines files, one per record kind."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in RECORD_FILES:
        with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for record in getattr(corpus, name):
                fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    write_atomic(folder / "errors.json", json.dumps(list(corpus.errors), ensure_ascii=False))


def read_records(folder: Path) -> Corpus:
    """Read a corpus written by :func:`write_records`."""
    if not (folder / "documents.jsonl").is_file():
        raise WorkspaceError(f"{folder.parent}: no built workspace here; run `plankg build` first")
    values = {}
    for name, kind in RECORD_FILES.items():
        path = folder / f"{name}.jsonl"
        rows = path.read_text("utf-8").splitlines() if path.is_file() else []
        values[name] = tuple(kind.from_dict(json.loads(line)) for line in rows if line.strip())
    errors_file = folder / "errors.json"
    errors = tuple(json.loads(errors_file.read_text("utf-8"))) if errors_file.is_file() else ()
    return Corpus(errors=errors, **values)


def _code_fingerprint() -> str:
    """Hash of plankg's own modules and data: a new version of the code rebuilds."""
    import plankg

    digest = hashlib.sha1()
    roots = {Path(m.__file__).parent for m in _package_modules(plankg)}
    for root in sorted(roots):
        for path in sorted(root.glob("*")):
            if path.suffix in (".py", ".ttl", ".toml", ".txt"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _package_modules(plankg_module) -> list:
    import importlib

    # What a build produces depends on these packages only (not on qa/, ui/ or the CLI).
    names = ["plankg.ingest", "plankg.ontology", "plankg.graph", "plankg.embeddings", "plankg.corpus"]
    modules = []
    for name in names:
        try:
            modules.append(importlib.import_module(name))
        except ImportError:
            continue
    return [m for m in modules if getattr(m, "__file__", None)]


def _input_fingerprint(paths: list[Path] | None, max_bytes: int) -> dict:
    """Content hash per input file, streamed in chunks after the cheap checks.

    Only regular files within the size limit are read (a FIFO, a device or a huge sparse file
    is never opened); anything else is fingerprinted by its kind, so the build reports it.
    """
    from plankg.ingest.pipeline import bundled_paths
    from plankg.ingest.readers import iter_input_files

    files = bundled_paths() if paths is None else iter_input_files(paths)
    inputs = {}
    for path in files:
        inputs[os.path.realpath(path)] = _file_digest(path, max_bytes)
    return inputs


def _file_digest(path: Path, max_bytes: int) -> str:
    try:
        info = path.stat()
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > max_bytes:
        return f"too large: {info.st_size}"
    digest = hashlib.sha1()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
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
        return (self.data_dir() / BUILD_FILE).is_file() and (self.records_dir / "documents.jsonl").is_file()

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
        for the first, then checks again whether anything is left to do.

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
        progress = progress or Progress()
        if workers is not None or scheduler is not None:
            from plankg.cluster import check_options

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
            return self._build_locked(paths, force=force, graph=graph, index=index, on_error=on_error,
                                      progress=progress, cluster=(workers, scheduler))
        finally:
            lock.release()

    def _build_locked(self, paths, *, force, graph, index, on_error, progress, cluster) -> BuildReport:
        started = time.perf_counter()
        given = [Path(p) for p in paths] if paths is not None else None
        max_bytes = int(self.settings.max_file_mb * 2**20)
        fingerprint = {
            "format": FORMAT_VERSION,
            "code": _code_fingerprint(),
            "inputs": _input_fingerprint(given, max_bytes)
            if given is None or all(os.path.lexists(p) for p in given) else {},
            "graph": graph,
            "index": index,
        }
        if not force and self.built and self.info().get("fingerprint") == fingerprint:
            corpus = self.corpus()
            return BuildReport(len(corpus.documents), len(corpus.clauses), len(corpus.targets),
                               len(corpus.entities), list(corpus.errors), 0.0, up_to_date=True)
        with self._cluster(*cluster) as runner:
            corpus = self._read(given, on_error, progress, runner)
            if not corpus.documents:
                raise WorkspaceError("nothing could be read; the workspace was left as it was")
            return self._write_build(corpus, given, fingerprint, graph=graph, index=index, progress=progress,
                                     runner=runner, started=started)

    def _write_build(self, corpus: Corpus, given: list[Path] | None, fingerprint: dict, *, graph: bool,
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
                "inputs": [str(p) for p in given] if given is not None else "bundled corpus",
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

    def _read(self, given: list[Path] | None, on_error: Callable[[str], None] | None, progress: Progress,
              runner: DaskRunner | None) -> Corpus:
        """Read and extract the inputs, here or (with a runner) on a Dask cluster."""
        from plankg.ingest.pipeline import FileLimits, read_corpus

        if runner is not None:
            progress.message(f"reading and extraction on {runner.where}")
        return read_corpus(given, limits=FileLimits.from_settings(self.settings), on_error=on_error,
                           progress=progress, runner=runner)

    @contextlib.contextmanager
    def _cluster(self, workers: int | None, scheduler: str | None) -> Iterator[DaskRunner | None]:
        """A Dask runner when a cluster was asked for, else None (and dask is never imported)."""
        if workers is None and scheduler is None:
            yield None
            return
        from plankg.cluster import dask_runner

        with dask_runner(workers, scheduler, self.settings.cluster_connect_s) as runner:
            yield runner

    def _keep(self, previous: Path | None, part: str, staging: Path) -> dict | None:
        """Carry a part the build skips over from the previous build (hard links, no copy)."""
        if previous is None or not (previous / part).is_dir():
            return None
        shutil.copytree(previous / part, staging / part, copy_function=_link_or_copy)
        return {"kept from": previous.name if previous != self.home else "the previous build"}

    def _build_graph(self, corpus: Corpus, out_dir: Path, progress: Progress) -> dict:
        try:
            from plankg.graph import build_graph_store
        except ImportError:
            return {"skipped": "graph builder not available"}
        progress.start("graph")
        report = build_graph_store(corpus, out_dir)
        progress.finish()
        return report

    def _build_index(self, corpus: Corpus, out_dir: Path, progress: Progress, runner: DaskRunner | None = None
                     ) -> dict:
        try:
            from plankg.embeddings import build_index
        except ImportError:
            return {"skipped": "index builder not available"}
        encoder = None
        if runner is not None:
            from plankg.cluster import ClusterEncoder
            from plankg.embeddings.encoder import load_encoder

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
        self._prune_builds(keep={final.name})

    def _prune_builds(self, keep: set[str]) -> None:
        """Delete finished builds except the current one and the one before it (readers may hold it)."""
        builds = sorted((p for p in (self.home / BUILDS_DIR).iterdir() if not p.name.startswith(".")),
                        key=lambda p: p.name)
        for path in builds[:-2]:
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def _remove_leftovers(self) -> None:
        """Staging folders of builds that died (we hold the lock, so nobody else is writing)."""
        builds = self.home / BUILDS_DIR
        for path in builds.glob(".staging-*") if builds.is_dir() else ():
            shutil.rmtree(path, ignore_errors=True)
        shutil.rmtree(self.home / ".staging", ignore_errors=True)  # the single staging folder of old
        shutil.rmtree(self.home / ".old", ignore_errors=True)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
