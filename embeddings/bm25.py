"""Okapi BM25 with the per-document term weights precomputed into a term-major sparse matrix.

Scoring a query sums a few matrix columns, and the matrix persists as three NumPy arrays plus a
JSON vocabulary, so loading an index never re-tokenises the corpus.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from plankg.embeddings.tokens import BIGRAM_PREFIX

K1 = 1.2
B = 0.75
#: Weight of a query's bigram tokens relative to its word tokens.
BIGRAM_WEIGHT = 0.5
_SUFFIXES = ("vocab.json", "indptr.npy", "rows.npy", "weights.npy")


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
    def build(cls, token_lists: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> BM25Index:
        """Index one token list per row."""
        n_rows = len(token_lists)
        counts = [Counter(tokens) for tokens in token_lists]
        lengths = np.array([len(tokens) for tokens in token_lists], dtype=np.float64)
        avg_length = float(lengths.mean()) if n_rows and lengths.sum() else 1.0
        postings: dict[str, list[tuple[int, int]]] = {}
        for row, counter in enumerate(counts):
            for term, tf in counter.items():
                postings.setdefault(term, []).append((row, tf))
        vocab = {term: col for col, term in enumerate(sorted(postings))}
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        rows_out: list[int] = []
        weights_out: list[float] = []
        for term, col in vocab.items():
            entries = postings[term]
            idf = math.log(1.0 + (n_rows - len(entries) + 0.5) / (len(entries) + 0.5))
            for row, tf in entries:
                norm = k1 * (1.0 - b + b * lengths[row] / avg_length)
                rows_out.append(row)
                weights_out.append(idf * tf * (k1 + 1.0) / (tf + norm))
            indptr[col + 1] = len(rows_out)
        return cls(vocab, indptr, np.array(rows_out, dtype=np.int32),
                   np.array(weights_out, dtype=np.float32), n_rows)

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
