"""Files of an index folder: JSON metadata and NumPy arrays (no pickle anywhere).

``meta.json`` is written last, so a folder without it is an unfinished build. The clause rows
(``clauses.jsonl.gz``) are gzip-compressed JSON Lines: they repeat the clause texts of the
records, and gzip keeps a fifth of their bytes for about 10 ms of decompression per 5,000
rows when a searcher opens the index (an index written before, with ``clauses.jsonl``, is read too).
"""
from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from plankg.embeddings.errors import SearchError

FORMAT_VERSION = 1
META_FILE = "meta.json"
CLAUSES_FILE = "clauses.jsonl.gz"
#: The uncompressed clause rows of indexes written before.
LEGACY_CLAUSES_FILE = "clauses.jsonl"
#: gzip level of the clause rows (6: within 4% of 9's size at a third of its time).
COMPRESS_LEVEL = 6
DOCUMENTS_FILE = "documents.json"
VECTORS_FILE = "vectors.npy"
#: What ``vectors.npy`` holds: float16, half the bytes of float32. Readers get float32 back
#: (:func:`read_vectors`); on the bundled corpus 25 searches rank their top 20 alike with either,
#: the fused scores moving by at most 0.0001 (docs/performance.md). Indexes written before hold
#: float32 and are read as they are.
VECTOR_DTYPE = np.float16
#: Each row's line in ``vectors.npy``, which holds every distinct clause text's vector once (the
#: same text is the same vector). Indexes without it have one line a row.
VECTOR_ROWS_FILE = "vector_rows.npy"


@dataclass(frozen=True)
class Row:
    """Metadata of one indexed clause (row ``i`` of the vector matrix).

    Attributes:
        hash: Content hash of (encoder key, text): the vector cache key.
        has_target: The clause holds a Target record (an achievement alone does not count).
    """

    id: str
    doc_id: str
    kind: str
    text: str
    start: int
    end: int
    section_path: tuple[str, ...]
    has_target: bool
    hash: str

    def to_json(self) -> str:
        return json.dumps(
            {"id": self.id, "doc_id": self.doc_id, "kind": self.kind, "text": self.text,
             "start": self.start, "end": self.end, "section_path": list(self.section_path),
             "has_target": self.has_target, "hash": self.hash},
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, line: str) -> Row:
        data = json.loads(line)
        data["section_path"] = tuple(data.get("section_path", ()))
        return cls(**data)


@dataclass(frozen=True)
class DocInfo:
    """What filters and hits need of a document."""

    id: str
    source_name: str
    path: str
    title: str
    region: str | None
    parent_region: str | None
    doc_type: str
    years: tuple[int, ...]
    reported_years: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "years": list(self.years), "reported_years": list(self.reported_years)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocInfo:
        return cls(**{**data, "years": tuple(data.get("years", ())),
                      "reported_years": tuple(data.get("reported_years", ()))})


def temporary_path(path: Path) -> Path:
    """Where ``path`` is written before the rename that makes it whole."""
    return _temporary(path)


def _temporary(path: Path) -> Path:
    # Same folder (a rename never crosses file systems); ordinary permissions, unlike mkstemp's 0600.
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    tmp = _temporary(path)
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_gzip_atomic(path: Path, text: str) -> None:
    """Write ``text`` gzip-compressed to ``path`` through a temporary file and a rename."""
    tmp = _temporary(path)
    # mtime 0 and no file name in the header: the same rows give the same bytes.
    with tmp.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=COMPRESS_LEVEL,
                                              mtime=0) as fh:
        fh.write(text.encode("utf-8"))
    os.replace(tmp, path)


def write_rows(folder: Path, rows: list[Row], documents: list[DocInfo], vectors: np.ndarray | None = None) -> None:
    """Write clause metadata, documents and (unless already written in place) vectors."""
    folder = Path(folder)
    write_gzip_atomic(folder / CLAUSES_FILE, "".join(row.to_json() + "\n" for row in rows))
    write_text_atomic(folder / DOCUMENTS_FILE,
                      json.dumps([d.to_dict() for d in documents], ensure_ascii=False, indent=1))
    if vectors is None:
        return
    tmp = _temporary(folder / VECTORS_FILE)
    with tmp.open("wb") as fh:
        np.save(fh, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)
    os.replace(tmp, folder / VECTORS_FILE)
    (folder / VECTOR_ROWS_FILE).unlink(missing_ok=True)  # one line a row now


def write_meta(folder: Path, meta: dict[str, Any]) -> None:
    """Write ``meta.json`` (marks the folder as a complete index)."""
    write_text_atomic(Path(folder) / META_FILE, json.dumps({"format": FORMAT_VERSION, **meta},
                                                           ensure_ascii=False, indent=1))


def read_meta(folder: Path) -> dict[str, Any]:
    """Read ``meta.json``.

    Raises:
        SearchError: No complete index in ``folder`` or an unknown format version.
    """
    path = Path(folder) / META_FILE
    if not path.is_file():
        raise SearchError(f"search index {folder}: not found; run `plankg build` first")
    meta = json.loads(path.read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT_VERSION:
        raise SearchError(f"search index {folder}: format {meta.get('format')} is not "
                          f"{FORMAT_VERSION}; rebuild it with `plankg build`")
    return meta


def read_rows(folder: Path) -> list[Row]:
    """Read the clause rows (``clauses.jsonl.gz``, or an older index's ``clauses.jsonl``)."""
    path = Path(folder) / CLAUSES_FILE
    legacy = Path(folder) / LEGACY_CLAUSES_FILE
    if not path.is_file() and legacy.is_file():
        with legacy.open(encoding="utf-8") as fh:
            return [Row.from_json(line) for line in fh if line.strip()]
    # One decompression of the whole file: reading line by line through gzip's stream took as
    # long as parsing the rows (11 MB of rows at 20x: 350 ms against 180 ms for the plain file).
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    return [Row.from_json(line) for line in text.splitlines() if line.strip()]


def read_documents(folder: Path) -> list[DocInfo]:
    """Read ``documents.json``."""
    data = json.loads((Path(folder) / DOCUMENTS_FILE).read_text(encoding="utf-8"))
    return [DocInfo.from_dict(d) for d in data]


class RowVectors:
    """Each row's vector, looked up in a table of distinct vectors (without copying the matrix).

    Indexing (an int, a slice or an array of rows) and ``np.asarray`` give float32 arrays, as the
    per-row matrix did, whatever the table stores (float16 on disk); ``base`` is the table, so a
    memory map's pages can be dropped.
    """

    def __init__(self, distinct: np.ndarray, row_map: np.ndarray) -> None:
        self.distinct = distinct
        self.row_map = row_map
        self.shape = (len(row_map), distinct.shape[1])
        self.dtype = np.dtype(np.float32)
        self.ndim = 2

    @property
    def base(self) -> np.ndarray:
        """The table of distinct vectors (a memory map when read with ``mmap``)."""
        return self.distinct

    def __len__(self) -> int:
        return len(self.row_map)

    def __getitem__(self, rows: Any) -> np.ndarray:
        return np.asarray(self.distinct[self.row_map[rows]], dtype=np.float32)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        matrix = np.asarray(self.distinct[self.row_map], dtype=np.float32)
        return matrix if dtype is None else matrix.astype(dtype, copy=False)


def read_vectors(folder: Path, mmap: bool = False) -> np.ndarray | RowVectors:
    """Each row's vector as float32: the matrix in memory, or, with ``mmap``, read through a memory
    map (a :class:`RowVectors` over the distinct vectors when the index stores them once)."""
    folder = Path(folder)
    rows_file = folder / VECTOR_ROWS_FILE
    if not rows_file.exists():
        return np.load(folder / VECTORS_FILE, mmap_mode="r" if mmap else None, allow_pickle=False)
    distinct = np.load(folder / VECTORS_FILE, mmap_mode="r", allow_pickle=False)
    row_map = np.load(rows_file, allow_pickle=False).astype(np.int64)
    if mmap:
        return RowVectors(distinct, row_map)
    return np.ascontiguousarray(distinct[row_map], dtype=np.float32)
