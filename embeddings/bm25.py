"""Okapi BM25 with the per-document term weights precomputed into a term-major sparse matrix.

Scoring a query sums a few matrix columns, and the matrix persists as three NumPy arrays plus a
JSON vocabulary, so loading an index never re-tokenises the corpus.
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
_SUFFIXES = ("vocab.json", "indptr.npy", "rows.npy", "weights.npy")
#: Postings whose weights are computed at once (float64 temporaries of this length).
_WEIGHT_SLICE = 65_536


def _files(folder: Path, name: str) -> list[Path]:
    return [Path(folder) / f"bm25_{name}_{suffix}" for suffix in _SUFFIXES]


@dataclass
class BM25Index:
    """Term-major (CSC) matrix of BM25 weights.

    Attributes:
        vocab: Term -> column.
        indptr: Column ``j`` spans ``rows[indptr[j]:indptr[j+1]]``.
        rows: Row (clause) numbers.
        weights: ``idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avglen))`` per entry.
        n_rows: Number of clauses.
    """

    vocab: dict[str, int]
    indptr: np.ndarray
    rows: np.ndarray
    weights: np.ndarray
    n_rows: int

    @classmethod
    def build(cls, token_lists: Iterable[Sequence[str]], k1: float = K1, b: float = B) -> BM25Index:
        """Index one token list per row (read once: a generator keeps one row in memory at a time).

        Postings are kept in compact arrays, not Python lists of tuples, so memory stays near the
        size of the finished matrix; the weights are the same numbers as the textbook loop gives.
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
        lengths = np.frombuffer(lengths_list, dtype=np.float64) if n_rows else np.zeros(0)
        avg_length = float(lengths.mean()) if n_rows and lengths.sum() else 1.0
        terms = sorted(term_ids)
        vocab = {term: col for col, term in enumerate(terms)}
        column_of = np.zeros(len(term_ids), dtype=np.int32)
        for term, provisional in term_ids.items():
            column_of[provisional] = vocab[term]
        # Int32 columns, each posting array dropped once reordered, and the weights computed in
        # slices: the build's peak stays near 28 bytes a posting instead of about 80.
        columns = column_of[np.frombuffer(post_terms, dtype=np.int32)] if post_terms else np.zeros(0, np.int32)
        del post_terms
        order = np.argsort(columns, kind="stable")  # rows stay in ascending order within a column
        columns = columns[order]
        rows = np.frombuffer(post_rows, dtype=np.int32)[order] if post_rows else np.zeros(0, np.int32)
        del post_rows
        tfs = np.frombuffer(post_tfs, dtype=np.int32)[order] if post_tfs else np.zeros(0, np.int32)
        del post_tfs, order
        document_frequency = np.bincount(columns, minlength=len(vocab))
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum(document_frequency)
        idf_of = np.array([math.log(1.0 + (n_rows - df + 0.5) / (df + 0.5)) for df in document_frequency.tolist()],
                          dtype=np.float64)
        weights = np.empty(len(rows), dtype=np.float32)
        for start in range(0, len(rows), _WEIGHT_SLICE):
            part = slice(start, start + _WEIGHT_SLICE)
            part_tfs = tfs[part].astype(np.float64)
            norm = k1 * (1.0 - b + b * lengths[rows[part]] / avg_length)
            weights[part] = idf_of[columns[part]] * part_tfs * (k1 + 1.0) / (part_tfs + norm)
        return cls(vocab, indptr, np.ascontiguousarray(rows, dtype=np.int32), weights, n_rows)

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every row for a query (each distinct query term counted once)."""
        out = np.zeros(self.n_rows, dtype=np.float32)
        for term in dict.fromkeys(query_tokens):
            col = self.vocab.get(term)
            if col is None:
                continue
            span = slice(self.indptr[col], self.indptr[col + 1])
            factor = BIGRAM_WEIGHT if term.startswith(BIGRAM_PREFIX) else 1.0
            out[self.rows[span]] += factor * self.weights[span]
        return out

    def save(self, folder: Path, name: str) -> None:
        """Write the four files ``bm25_<name>_*`` into ``folder``."""
        vocab_file, indptr_file, rows_file, weights_file = _files(folder, name)
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        vocab_file.write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
        np.save(indptr_file, self.indptr)
        np.save(rows_file, self.rows)
        np.save(weights_file, self.weights)

    @classmethod
    def load(cls, folder: Path, name: str, n_rows: int) -> BM25Index:
        """Read an index written by :meth:`save`."""
        vocab_file, indptr_file, rows_file, weights_file = _files(folder, name)
        terms = json.loads(vocab_file.read_text(encoding="utf-8"))
        return cls(
            vocab={term: col for col, term in enumerate(terms)},
            indptr=np.load(indptr_file, allow_pickle=False),
            rows=np.load(rows_file, allow_pickle=False),
            weights=np.load(weights_file, allow_pickle=False),
            n_rows=n_rows,
        )
