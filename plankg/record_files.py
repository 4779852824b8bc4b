"""The workspace's records on disk: one gzip-compressed JSON Lines file per record kind.

``records/<kind>.jsonl.gz`` decompresses to the JSON Lines the workspace once kept as
``records/<kind>.jsonl`` (byte for byte; builds from before are still read). Plans repeat
their wording, so gzip keeps about a seventh of the bytes, and reading back stays fast (about
30 ms of decompression for the 6 MB of records of the 4x synthetic corpus, less than parsing
the JSON). The files are written record by record through :class:`RecordWriter`, so a build
can hand documents over as it reads them.
"""
from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from plankg.files import write_atomic
from plankg.ingest.records import Clause, Corpus, Document, Entity, Mention, Target
from plankg.resources import WorkspaceError

RECORD_FILES = {
    "documents": Document,
    "clauses": Clause,
    "targets": Target,
    "mentions": Mention,
    "entities": Entity,
}
SUFFIX = ".jsonl.gz"
#: The uncompressed files of builds made before the records were compressed.
LEGACY_SUFFIX = ".jsonl"
ERRORS_FILE = "errors.json"
#: gzip level: 6 is within 4% of 9's size at a third of its time.
COMPRESS_LEVEL = 6


def record_path(folder: str | Path, kind: str) -> Path:
    """The file of record ``kind`` in ``folder`` (the compressed one, or an old build's plain one)."""
    compressed = Path(folder) / f"{kind}{SUFFIX}"
    legacy = Path(folder) / f"{kind}{LEGACY_SUFFIX}"
    return legacy if not compressed.is_file() and legacy.is_file() else compressed


def has_records(folder: str | Path) -> bool:
    """Does ``folder`` hold a finished build's records?"""
    return record_path(folder, "documents").is_file()


def record_lines(folder: str | Path, kind: str) -> Iterator[str]:
    """The JSON Lines of record ``kind`` in ``folder``, decompressed (none when the file is missing)."""
    path = record_path(folder, kind)
    if not path.is_file():
        return
    data = path.read_bytes()
    # One decompression of the whole file, not gzip's line-by-line stream (twice as slow).
    text = (gzip.decompress(data) if path.name.endswith(".gz") else data).decode("utf-8")
    yield from text.splitlines(keepends=True)


def record_text(folder: str | Path, kind: str) -> str:
    """The whole decompressed text of record ``kind`` (what ``<kind>.jsonl`` held)."""
    return "".join(record_lines(folder, kind))


class RecordWriter:
    """Writes records of every kind as they come, each kind to its own compressed file.

    Use as a context manager; :meth:`close` (or leaving the block) finishes the files and
    writes ``errors.json``. Records of one kind keep the order they were given in.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.errors: list[str] = []
        self._streams: dict[str, IO[str]] = {}
        for kind in RECORD_FILES:
            # mtime 0: the same records give the same bytes, whenever they are built.
            raw = gzip.GzipFile(self.folder / f"{kind}{SUFFIX}", "wb", compresslevel=COMPRESS_LEVEL, mtime=0)
            self._streams[kind] = io.TextIOWrapper(raw, encoding="utf-8")

    def add(self, kind: str, records: Iterable[Any]) -> None:
        """Append ``records`` (of record kind ``kind``) to its file."""
        stream = self._streams[kind]
        for record in records:
            stream.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")

    def add_corpus(self, corpus: Corpus) -> None:
        """Append every record of ``corpus`` and keep its errors for ``errors.json``."""
        for kind in RECORD_FILES:
            self.add(kind, getattr(corpus, kind))
        self.errors.extend(corpus.errors)

    def close(self) -> None:
        """Finish every file and write ``errors.json``."""
        for stream in self._streams.values():
            stream.close()
        self._streams = {}
        write_atomic(self.folder / ERRORS_FILE, json.dumps(self.errors, ensure_ascii=False))

    def abandon(self) -> None:
        """Close the files without finishing the build's records (the staging folder is dropped)."""
        for stream in self._streams.values():
            stream.close()
        self._streams = {}

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abandon()


def write_records(corpus: Corpus, folder: str | Path) -> None:
    """Write a corpus as compressed JSON Lines files, one per record kind, and ``errors.json``."""
    with RecordWriter(folder) as writer:
        writer.add_corpus(corpus)


def iter_records(folder: str | Path, kind: str) -> Iterator[Any]:
    """The records of ``kind`` in ``folder`` one at a time (none when the file is missing)."""
    record_type = RECORD_FILES[kind]
    for line in record_lines(folder, kind):
        if line.strip():
            yield record_type.from_dict(json.loads(line))


def read_records(folder: str | Path) -> Corpus:
    """Read a corpus written by :func:`write_records` (or an old build's plain JSON Lines)."""
    folder = Path(folder)
    if not has_records(folder):
        raise WorkspaceError(f"{folder.parent}: no built workspace here; run `plankg build` first")
    values = {}
    for name, kind in RECORD_FILES.items():
        values[name] = tuple(kind.from_dict(json.loads(line)) for line in record_lines(folder, name) if line.strip())
    errors_file = folder / ERRORS_FILE
    errors = tuple(json.loads(errors_file.read_text("utf-8"))) if errors_file.is_file() else ()
    return Corpus(errors=errors, **values)
