"""Okapi BM25 over a term-major sparse matrix of term frequencies.

An index persists as small NumPy arrays plus a JSON vocabulary, so loading it never re-tokenises
the corpus. The files hold each posting's row and term frequency in the smallest unsigned type
that fits (at 20x: two bytes and one byte, against four and four for a float32 weight), and the
rows' lengths; a column's weights are computed when a query reads it, with the same float64
arithmetic the build once stored, so the scores are the same float32 numbers. Indexes written
with a ``weights`` file (before) are still read.
"""
from __future__ import annotations

import json
import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from plankg.embeddings.tokens import BIGRAM_PREFIX

K1 = 1.2
B = 0.75
#: Weight of a query's bigram tokens relative to its word tokens.
BIGRAM_WEIGHT = 0.5
_SUFFIXES = ("vocab.json", "indptr.npy", "rows.npy", "tfs.npy", "lengths.npy", "params.json")
#: The file of indexes written before the term frequencies replaced the stored weights.
_OLD_WEIGHTS = "weights.npy"


def smallest_unsigned(largest: int) -> type[np.unsignedinteger]:
    """The narrowest unsigned NumPy integer type that holds ``largest``."""
    for dtype in (np.uint8, np.uint16, np.uint32):
        if largest <= np.iinfo(dtype).max:
            return dtype
    return np.uint64


def _files(folder: Path, name: str) -> list[Path]:
    return [Path(folder) / f"bm25_{name}_{suffix}" for suffix in _SUFFIXES]


@dataclass
class BM25Index:
    """Term-major (CSC) matrix of term frequencies, scored as BM25.

    Attributes:
        vocab: Term -> column.
        indptr: Column ``j`` spans ``rows[indptr[j]:indptr[j+1]]``.
        rows: Row (clause) numbers, ascending within a column.
        tfs: The term's frequency in that row, per entry (``None`` for an index read from the old
            ``weights`` file).
        lengths: Tokens in each row (float64, as the weights' formula takes them).
        n_rows: Number of clauses.
        k1: BM25's term-frequency saturation.
        b: BM25's length normalisation.
        stored_weights: The precomputed weights of an index written before ``tfs`` (else ``None``).
    """

    vocab: dict[str, int]
    indptr: np.ndarray
    rows: np.ndarray
    tfs: np.ndarray | None
    lengths: np.ndarray
    n_rows: int
    k1: float = K1
    b: float = B
    stored_weights: np.ndarray | None = None

    def __post_init__(self) -> None:
        self.avg_length = float(self.lengths.mean()) if self.n_rows and self.lengths.sum() else 1.0

    @classmethod
    def build(cls, token_lists: Iterable[Sequence[str]], k1: float = K1, b: float = B) -> BM25Index:
        """Index one token list per row (read once: a generator keeps one row in memory at a time).

        Postings are kept in compact arrays, not Python lists of tuples, so memory stays near the
        size of the finished matrix.
        """
        term_ids: dict[str, int] = {}
        post_terms = array("i")
        post_rows = array("i")
        post_tfs = array("i")
        lengths_list = array("d")
        for row, tokens in enumerate(token_lists):
            lengths_list.append(len(tokens))
            for term, tf in Counter(tokens).items():
                post_terms.append(term_ids.setdefault(term, len(term_ids)))
                post_rows.append(row)
                post_tfs.append(tf)
        n_rows = len(lengths_list)
        lengths = np.frombuffer(lengths_list, dtype=np.float64).copy() if n_rows else np.zeros(0)
        terms = sorted(term_ids)
        vocab = {term: col for col, term in enumerate(terms)}
        column_of = np.zeros(len(term_ids), dtype=np.int32)
        for term, provisional in term_ids.items():
            column_of[provisional] = vocab[term]
        # Each posting array is dropped once reordered: the peak stays near a dozen bytes a posting.
        columns = column_of[np.frombuffer(post_terms, dtype=np.int32)] if post_terms else np.zeros(0, np.int32)
        del post_terms
        order = np.argsort(columns, kind="stable")  # rows stay in ascending order within a column
        document_frequency = np.bincount(columns, minlength=len(vocab))
        del columns
        row_type = smallest_unsigned(max(n_rows - 1, 0))
        rows = np.frombuffer(post_rows, dtype=np.int32)[order].astype(row_type) if post_rows else np.zeros(0, row_type)
        del post_rows
        tf_type = smallest_unsigned(max(post_tfs, default=0))
        tfs = np.frombuffer(post_tfs, dtype=np.int32)[order].astype(tf_type) if post_tfs else np.zeros(0, tf_type)
        del post_tfs, order
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum(document_frequency)
        return cls(vocab, indptr, rows, tfs, lengths, n_rows, k1, b)

    def idf(self, col: int) -> float:
        """Inverse document frequency of a column (the same float64 the build once stored with)."""
        df = int(self.indptr[col + 1] - self.indptr[col])
        return math.log(1.0 + (self.n_rows - df + 0.5) / (df + 0.5))

    def column_weights(self, col: int) -> np.ndarray:
        """The float32 BM25 weights of a column's entries, in the order of its rows."""
        span = slice(int(self.indptr[col]), int(self.indptr[col + 1]))
        if self.tfs is None:
            assert self.stored_weights is not None
            return self.stored_weights[span]
        tfs = self.tfs[span].astype(np.float64)
        norm = self.k1 * (1.0 - self.b + self.b * self.lengths[self.rows[span]] / self.avg_length)
        return (self.idf(col) * tfs * (self.k1 + 1.0) / (tfs + norm)).astype(np.float32)

    @property
    def weights(self) -> np.ndarray:
        """Every entry's weight, column after column (for checks; queries read single columns)."""
        if self.tfs is None:
            assert self.stored_weights is not None
            return self.stored_weights
        parts = [self.column_weights(col) for col in range(len(self.indptr) - 1)]
        return np.concatenate(parts) if parts else np.zeros(0, np.float32)

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every row for a query (each distinct query term counted once)."""
        out = np.zeros(self.n_rows, dtype=np.float32)
        for term in dict.fromkeys(query_tokens):
            col = self.vocab.get(term)
            if col is None:
                continue
            span = slice(self.indptr[col], self.indptr[col + 1])
            factor = BIGRAM_WEIGHT if term.startswith(BIGRAM_PREFIX) else 1.0
            out[self.rows[span]] += factor * self.column_weights(col)
        return out

    def save(self, folder: Path, name: str) -> None:
        """Write the files ``bm25_<name>_*`` into ``folder``."""
        if self.tfs is None:
            raise ValueError("an index read from stored weights has no term frequencies to save")
        vocab_file, indptr_file, rows_file, tfs_file, lengths_file, params_file = _files(folder, name)
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        vocab_file.write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
        np.save(indptr_file, self.indptr.astype(smallest_unsigned(int(self.indptr[-1]))))
        np.save(rows_file, self.rows)
        np.save(tfs_file, self.tfs)
        np.save(lengths_file, self.lengths.astype(smallest_unsigned(int(self.lengths.max(initial=0)))))
        params_file.write_text(json.dumps({"k1": self.k1, "b": self.b}), encoding="utf-8")
        (Path(folder) / f"bm25_{name}_{_OLD_WEIGHTS}").unlink(missing_ok=True)

    @classmethod
    def load(cls, folder: Path, name: str, n_rows: int) -> BM25Index:
        """Read an index written by :meth:`save` (or by the builds that stored weights)."""
        vocab_file, indptr_file, rows_file, tfs_file, lengths_file, params_file = _files(folder, name)
        terms = json.loads(vocab_file.read_text(encoding="utf-8"))
        vocab = {term: col for col, term in enumerate(terms)}
        indptr = np.load(indptr_file, allow_pickle=False).astype(np.int64)
        rows = np.load(rows_file, allow_pickle=False)
        if not tfs_file.exists():
            weights = np.load(Path(folder) / f"bm25_{name}_{_OLD_WEIGHTS}", allow_pickle=False)
            return cls(vocab, indptr, rows, None, np.zeros(n_rows), n_rows, stored_weights=weights)
        params = json.loads(params_file.read_text(encoding="utf-8"))
        return cls(vocab, indptr, rows, np.load(tfs_file, allow_pickle=False),
                   np.load(lengths_file, allow_pickle=False).astype(np.float64), n_rows,
                   float(params["k1"]), float(params["b"]))
