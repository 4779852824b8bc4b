"""Build the clause index: vectors (cached by content hash), FAISS, BM25 and metadata."""
from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from plankg.embeddings import store
from plankg.embeddings.ann import ANN_FILE, build_ann, choose_kind
from plankg.embeddings.bm25 import K1, B, BM25Index, smallest_unsigned
from plankg.embeddings.encoder import Encoder, load_encoder
from plankg.embeddings.errors import SearchError
from plankg.embeddings.ranking import content_length
from plankg.embeddings.tokens import (
    JIEBA_CACHE_FILE,
    TextAnalyzer,
    characters,
    dictionary_words,
    write_dictionary,
    write_userdict,
)
from plankg.ontology import load_scheme

if TYPE_CHECKING:
    from plankg.embeddings.encoder import EncoderSettings
    from plankg.ingest.records import Clause, Corpus

#: Called with (clauses embedded so far, clauses to embed) while an index is built.
ProgressCallback = Callable[[int, int], None]
#: Texts handed to the encoder per call while building (one progress-bar step).
ENCODE_CHUNK = 256
#: Names of the two BM25 indexes: jieba words + bigrams, and single characters.
TERMS = "terms"
CHARS = "chars"
#: A third BM25 index over each clause's context: its nearest section headings and the canonical
#: names of the indicators its targets measure (what a plain index does not know about a clause).
CONTEXT = "context"


def search_text(clause: Clause) -> str:
    """Text that is embedded and tokenised for a clause.

    A table row's text repeats every column name (序号：…；2021年目标：…); its cell values alone say
    what the row is about, so rows with cells are represented by the values of cells with content.
    """
    if clause.kind == "table_row" and clause.cells:
        values = [" ".join(cell.text.split()) for cell in clause.cells]
        kept = [v for v in values if content_length(v) >= 2 and not v.isdigit()]
        if kept:
            return "；".join(kept)
    return clause.text


def context_text(clause: Clause, indicator_labels: Iterable[str] = ()) -> str:
    """The last two section headings of a clause and the indicator names of its targets."""
    return " ".join([*clause.section_path[-2:], *sorted(set(indicator_labels))])


def _indicator_labels(corpus: Corpus) -> dict[str, set[str]]:
    """Clause id -> Chinese names of the canonical indicators its targets measure."""
    try:

        scheme = load_scheme()
    except (ImportError, OSError, ValueError):
        return {}
    labels: dict[str, set[str]] = {}
    for target in corpus.targets:
        concept = scheme.by_id(target.indicator_id) if target.indicator_id else None
        if concept is not None:
            labels.setdefault(target.clause_id, set()).add(concept.label_zh)
    return labels


def content_hash(encoder_key: str, text: str) -> str:
    """Vector cache key: the same text under the same model and backend has the same vector."""
    return hashlib.sha1(f"{encoder_key}\x1f{text}".encode()).hexdigest()[:20]


def build_index(corpus: Corpus, out_dir: str | Path, previous_dir: str | Path | None = None,
                encoder: Encoder | None = None, progress: bool | ProgressCallback | None = None,
                settings: EncoderSettings | None = None, ann: str = "auto") -> dict:
    """Index every clause of ``corpus`` (headings, items, sentences, table rows) in ``out_dir``.

    Vectors of clauses whose text is unchanged are copied from ``previous_dir`` (an earlier index
    built with the same encoder); only new or changed clauses are embedded, and clauses of removed
    documents drop out. The encoder is not even loaded when nothing needs embedding.

    Args:
        corpus: What ingest produced.
        out_dir: Folder to write (created; may equal ``previous_dir``).
        previous_dir: An earlier index whose vectors may be reused, or None.
        encoder: Encoder to use (default: :func:`load_encoder` with ``settings``).
        progress: Show a progress bar (clauses/s); None shows it only when stderr is a terminal;
            a callable is called with (clauses embedded, clauses to embed) after each chunk instead.
        settings: Settings used when ``encoder`` is None.
        ann: FAISS index kind: ``auto`` | ``flat`` | ``ivf`` | ``hnsw``.

    Returns:
        ``{"clauses", "embedded", "reused", "seconds", "documents", "ann", "encoder"}``.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    encoder = encoder or load_encoder(settings)
    clauses = [c for c in corpus.clauses if c.text.strip()]
    texts = [search_text(c) for c in clauses]
    hashes = [content_hash(encoder.key, t) for t in texts]
    # From here on the folder is rewritten: without meta.json it never passes for a complete index.
    vectors_tmp = store.temporary_path(out_dir / store.VECTORS_FILE)
    rows_tmp = store.temporary_path(out_dir / store.VECTOR_ROWS_FILE)
    try:
        vectors, embedded = _vectors(encoder, texts, hashes, previous_dir, progress, vectors_tmp, rows_tmp)
    except BaseException:
        vectors_tmp.unlink(missing_ok=True)
        rows_tmp.unlink(missing_ok=True)
        raise
    (out_dir / store.META_FILE).unlink(missing_ok=True)
    vectors_tmp.replace(out_dir / store.VECTORS_FILE)
    rows_tmp.replace(out_dir / store.VECTOR_ROWS_FILE)
    # Targets only: a clause that only reports an achievement is not "has target" (issue 19).
    has_target = {t.clause_id for t in corpus.targets if t.kind != "achievement"}
    rows = [
        store.Row(id=c.id, doc_id=c.doc_id, kind=c.kind, text=c.text, start=c.start, end=c.end,
                  section_path=tuple(c.section_path), has_target=c.id in has_target, hash=h)
        for c, h in zip(clauses, hashes)
    ]
    documents = [
        store.DocInfo(id=d.id, source_name=d.source_name, path=d.path, title=d.title, region=d.region,
                      parent_region=d.parent_region, doc_type=d.doc_type, years=tuple(d.years),
                      reported_years=tuple(d.reported_years))
        for d in corpus.documents
    ]
    store.write_rows(out_dir, rows, documents)
    n_rows = len(rows)
    del rows, hashes, documents  # written: the BM25 build below needs the memory more
    indicators = _indicator_labels(corpus)
    contexts = [context_text(c, indicators.get(c.id, ())) for c in clauses]
    del clauses, indicators
    bm25_meta = _write_bm25(out_dir, texts, _dictionary_names(corpus), contexts)
    kind = choose_kind(n_rows) if ann == "auto" else ann
    if kind == "flat" or n_rows < 2:
        # The exact index is made from vectors.npy when the index is opened: nothing to build here.
        (out_dir / ANN_FILE).unlink(missing_ok=True)
        ann_spec: dict = {"kind": "flat"}
    else:
        ann_spec = build_ann(vectors, kind).save(out_dir)
    encoder_meta = {"name": encoder.name, "backend": encoder.backend, "key": encoder.key,
                    "dim": encoder.dim, "model_path": encoder.model_path}
    store.write_meta(out_dir, {"encoder": encoder_meta, "rows": n_rows, "ann": ann_spec, "bm25": bm25_meta})
    return {
        "clauses": n_rows,
        "embedded": embedded,
        "reused": n_rows - embedded,
        "seconds": round(time.perf_counter() - started, 3),
        "documents": len(corpus.documents),
        "ann": ann_spec["kind"],
        "encoder": encoder.key,
    }


def _vectors(encoder: Encoder, texts: list[str], hashes: list[str], previous_dir: str | Path | None,
             progress: bool | ProgressCallback | None, path: Path, rows_path: Path
             ) -> tuple[store.RowVectors, int]:
    """Each text's vector, and how many texts had to be embedded.

    Every distinct text's vector is written once (as ``store.VECTOR_DTYPE``, float16) into the
    ``.npy`` file ``path`` as each chunk is
    encoded (the matrix is never held in memory), and each row's line in it into ``rows_path``:
    at 20x the bundled corpus 17% of the clause texts repeat, 8.5 MB of float32. Vectors are
    reused from ``previous_dir`` by hash where possible, and each distinct new text is encoded once.
    The result reads the file through a memory map, row by row.
    """
    rows_of: dict[str, list[int]] = {}
    for i, h in enumerate(hashes):
        rows_of.setdefault(h, []).append(i)
    line_of = {h: line for line, h in enumerate(rows_of)}
    with _RowWriter(path, len(rows_of), encoder.dim) as vectors:
        reused = _copy_previous_vectors(previous_dir, encoder, line_of, vectors)
        missing = [h for h in rows_of if h not in reused]
        text_of = dict(zip(hashes, texts))

        def put(chunk_hashes: list[str], chunk_vectors: np.ndarray) -> None:
            for h, vector in zip(chunk_hashes, chunk_vectors):
                vectors[[line_of[h]]] = vector

        _embed(encoder, [text_of[h] for h in missing], missing, progress, put)
    row_map = np.fromiter((line_of[h] for h in hashes), dtype=np.int64, count=len(hashes))
    with rows_path.open("wb") as fh:
        np.save(fh, row_map.astype(smallest_unsigned(max(len(rows_of) - 1, 0))), allow_pickle=False)
    distinct = np.load(path, mmap_mode="r", allow_pickle=False)
    return store.RowVectors(distinct, row_map), sum(len(rows_of[h]) for h in missing)


class _RowWriter:
    """Rows of a ``.npy`` matrix of ``store.VECTOR_DTYPE`` written in place with ``pwrite``.

    A writable memory map would do the same, but every page written through it stays in the
    process's resident set until the map is closed: the whole matrix (51 MB at 20x the bundled
    corpus, 250 MB at 100x) counted in the build's peak memory.
    """

    def __init__(self, path: Path, n_rows: int, dim: int) -> None:
        header = np.lib.format.open_memmap(path, mode="w+", dtype=store.VECTOR_DTYPE, shape=(n_rows, dim))
        self.offset = header.offset
        del header  # the file now has its header and its full (sparse) length; no page was touched
        self.row_bytes = dim * np.dtype(store.VECTOR_DTYPE).itemsize
        self.dim = dim
        self.fd = os.open(path, os.O_WRONLY)

    def __enter__(self) -> _RowWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def __setitem__(self, rows: list[int], vector: np.ndarray) -> None:
        data = np.ascontiguousarray(vector, dtype=store.VECTOR_DTYPE).reshape(self.dim).tobytes()
        for row in rows:
            os.pwrite(self.fd, data, self.offset + row * self.row_bytes)


def _write_bm25(out_dir: Path, texts: list[str], names: list[str], contexts: list[str] | None = None) -> dict:
    """Write jieba's dictionaries and the BM25 indexes; return their summary for ``meta.json``."""
    (out_dir / JIEBA_CACHE_FILE).unlink(missing_ok=True)  # belongs to an earlier dictionary
    write_dictionary(out_dir, texts)
    write_userdict(out_dir, dictionary_words(names))
    analyzer = TextAnalyzer(out_dir)
    # One index at a time, each from a generator: no corpus-wide token lists in memory.
    meta: dict = {"k1": K1, "b": B}
    terms = BM25Index.build(analyzer.tokens(text) for text in texts)
    terms.save(out_dir, TERMS)
    meta["terms"] = len(terms.vocab)
    del terms
    chars = BM25Index.build(characters(text) for text in texts)
    chars.save(out_dir, CHARS)
    meta["chars"] = len(chars.vocab)
    del chars
    if contexts is not None:
        context = BM25Index.build(analyzer.tokens(text) for text in contexts)
        context.save(out_dir, CONTEXT)
        meta["context"] = len(context.vocab)
    return meta


def _copy_previous_vectors(previous_dir: str | Path | None, encoder: Encoder, line_of: dict[str, int],
                           vectors: _RowWriter) -> set[str]:
    """Copy the vectors of hashes in ``line_of`` found in an earlier index built with the same
    encoder into their lines of ``vectors``; return the hashes copied."""
    if previous_dir is None:
        return set()
    try:
        meta = store.read_meta(Path(previous_dir))
        if meta["encoder"]["key"] != encoder.key:
            return set()
        rows = store.read_rows(Path(previous_dir))
        previous = store.read_vectors(Path(previous_dir), mmap=True)
    except (SearchError, OSError, KeyError, ValueError):
        return set()  # no usable earlier index: embed everything
    if previous.shape != (len(rows), encoder.dim):
        return set()
    copied: set[str] = set()
    for i, row in enumerate(rows):
        if row.hash in line_of and row.hash not in copied:
            vectors[[line_of[row.hash]]] = previous[i]
            copied.add(row.hash)
    return copied


def _embed(encoder: Encoder, texts: list[str], hashes: list[str], progress: bool | ProgressCallback | None,
           put: Callable[[list[str], np.ndarray], None]) -> None:
    """Encode ``texts`` chunk by chunk, handing each chunk's (hashes, vectors) to ``put``."""
    if not texts:
        return
    report = progress if callable(progress) else None
    show = sys.stderr.isatty() if progress is None else progress is True
    bar = None
    if report is not None:
        report(0, len(texts))
    if show:
        from tqdm.auto import tqdm

        # The bar's own "\r" goes to the terminal itself, not through the CLI's inert stream
        # (plankg.render.InertStream, which would show it as U+FFFD); its text is ours, not a document's.
        terminal = getattr(sys.stderr, "raw_stream", sys.stderr)
        bar = tqdm(total=len(texts), desc="embedding clauses", unit="clause", file=terminal)
    # Sorted by length across the whole set, so each chunk's batches pad to similar lengths.
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    texts, hashes = [texts[i] for i in order], [hashes[i] for i in order]
    try:
        for start in range(0, len(texts), ENCODE_CHUNK):
            chunk = texts[start : start + ENCODE_CHUNK]
            put(hashes[start : start + ENCODE_CHUNK], encoder.encode(chunk))
            if bar is not None:
                bar.update(len(chunk))
            if report is not None:
                report(min(start + ENCODE_CHUNK, len(texts)), len(texts))
    finally:
        if bar is not None:
            bar.close()


def _dictionary_names(corpus: Corpus) -> list[str]:
    """Entity names and aliases, indicator phrases of targets, and the indicator scheme's labels."""
    names: list[str] = []
    for entity in corpus.entities:
        names.append(entity.canonical)
        names.extend(entity.aliases)
    names.extend(t.indicator for t in corpus.targets)
    names.extend(_scheme_labels())
    return names


def _scheme_labels() -> Iterable[str]:
    try:

        scheme = load_scheme()
    except (ImportError, OSError, ValueError):
        return []  # the scheme only enriches the dictionary; the corpus names suffice
    return [label for c in scheme.concepts for label in (c.label_zh, *c.alt_labels)]
