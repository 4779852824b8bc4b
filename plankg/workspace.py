"""The workspace: records, graph and index built from a set of documents, swapped in atomically.

Layout of ``<home>``::

    plankg.toml      optional settings
    build.json       what was built from which inputs
    records/         documents, clauses, targets, mentions, entities as JSON Lines
    graph/           RDF graph (N-Triples) and the Oxigraph store
    index/           FAISS + BM25 clause index
    models/          cached encoder exports (kept across builds)

A build writes everything into ``.staging/`` first; only a finished build replaces the previous
one, so a failed build leaves the workspace as it was.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from plankg.ingest.records import Clause, Corpus, Document, Entity, Mention, Target
from plankg.resources import OpenResources, WorkspaceError
from plankg.settings import Settings

RECORD_FILES = {
    "documents": Document,
    "clauses": Clause,
    "targets": Target,
    "mentions": Mention,
    "entities": Entity,
}
_DATA_DIRS = ("records", "graph", "index")
FORMAT_VERSION = 1


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
    (folder / "errors.json").write_text(json.dumps(list(corpus.errors), ensure_ascii=False), "utf-8")


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


def _input_fingerprint(paths: list[Path] | None) -> dict:
    from plankg.ingest.pipeline import bundled_paths
    from plankg.ingest.readers import iter_input_files

    files = bundled_paths() if paths is None else iter_input_files(paths)
    inputs = {}
    for path in files:
        try:
            inputs[str(path.resolve())] = hashlib.sha1(path.read_bytes()).hexdigest()
        except OSError:
            inputs[str(path)] = "unreadable"
    return inputs


class Workspace(OpenResources):
    """A built corpus on disk, the way to (re)build it, and (from ``OpenResources``) the one way
    to open its graph, index and clause search."""

    def __init__(self, home: str | Path | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load(home)
        self.home = Path(self.settings.home)
        self._corpus: Corpus | None = None

    @property
    def records_dir(self) -> Path:
        return self.home / "records"

    @property
    def graph_dir(self) -> Path:
        return self.home / "graph"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def built(self) -> bool:
        """Has a build finished here?"""
        return (self.home / "build.json").is_file() and (self.records_dir / "documents.jsonl").is_file()

    def info(self) -> dict:
        """The ``build.json`` of the last finished build."""
        if not self.built:
            raise WorkspaceError(f"{self.home}: no built workspace here; run `plankg build` first")
        return json.loads((self.home / "build.json").read_text("utf-8"))

    def corpus(self) -> Corpus:
        """The built records (cached)."""
        if self._corpus is None:
            self._corpus = read_records(self.records_dir)
        return self._corpus

    def build(
        self,
        paths: Iterable[str | Path] | None = None,
        *,
        force: bool = False,
        graph: bool = True,
        index: bool = True,
        on_error: Callable[[str], None] | None = None,
    ) -> BuildReport:
        """Build records, graph and index from ``paths`` (default: the bundled corpus).

        Idempotent: with unchanged inputs, code and options, nothing is rebuilt.
        """
        from plankg.ingest.pipeline import read_corpus

        started = time.perf_counter()
        given = [Path(p) for p in paths] if paths is not None else None
        fingerprint = {
            "format": FORMAT_VERSION,
            "code": _code_fingerprint(),
            "inputs": _input_fingerprint(given) if given is None or all(p.exists() for p in given) else {},
            "graph": graph,
            "index": index,
        }
        if not force and self.built and self.info().get("fingerprint") == fingerprint:
            corpus = self.corpus()
            return BuildReport(len(corpus.documents), len(corpus.clauses), len(corpus.targets),
                               len(corpus.entities), list(corpus.errors), 0.0, up_to_date=True)
        corpus = read_corpus(given, max_file_mb=self.settings.max_file_mb, on_error=on_error)
        if not corpus.documents:
            raise WorkspaceError("nothing could be read; the workspace was left as it was")
        self.home.mkdir(parents=True, exist_ok=True)
        staging = self.home / ".staging"
        shutil.rmtree(staging, ignore_errors=True)
        parts: dict = {}
        try:
            write_records(corpus, staging / "records")
            if graph:
                parts["graph"] = self._build_graph(corpus, staging / "graph")
            if index:
                parts["index"] = self._build_index(corpus, staging / "index")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self._swap_in(staging)
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
        (self.home / "build.json").write_text(json.dumps(info, ensure_ascii=False, indent=2), "utf-8")
        self._corpus = corpus
        return BuildReport(len(corpus.documents), len(corpus.clauses), len(corpus.targets), len(corpus.entities),
                           list(corpus.errors), time.perf_counter() - started, parts=parts)

    def _build_graph(self, corpus: Corpus, out_dir: Path) -> dict:
        try:
            from plankg.graph import build_graph_store
        except ImportError:
            return {"skipped": "graph builder not available"}
        return build_graph_store(corpus, out_dir)

    def _build_index(self, corpus: Corpus, out_dir: Path) -> dict:
        try:
            from plankg.embeddings import build_index
        except ImportError:
            return {"skipped": "index builder not available"}
        previous = self.index_dir if self.index_dir.is_dir() else None
        return build_index(corpus, out_dir, previous_dir=previous, settings=self.settings,
                           progress=None if sys.stderr.isatty() else False)

    def _swap_in(self, staging: Path) -> None:
        """Replace the data folders with the staged ones (each a rename)."""
        old = self.home / ".old"
        shutil.rmtree(old, ignore_errors=True)
        old.mkdir()
        (self.home / "build.json").unlink(missing_ok=True)
        for name in _DATA_DIRS:
            current = self.home / name
            if current.exists():
                current.rename(old / name)
            if (staging / name).exists():
                (staging / name).rename(current)
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
