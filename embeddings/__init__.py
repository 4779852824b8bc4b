"""Semantic search over every clause: encoders, the FAISS + BM25 index, hybrid search with filters.

Example:
    >>> from plankg.embeddings import build_index, Searcher          # doctest: +SKIP
    >>> build_index(corpus, "ws/index")                              # doctest: +SKIP
    >>> Searcher("ws/index").search(["给企业做一对一辅导"], k=3)      # doctest: +SKIP
"""
from __future__ import annotations

from plankg.embeddings.encoder import AUTO_BACKEND, BACKENDS, Encoder, load_encoder
from plankg.embeddings.errors import SearchError
from plankg.embeddings.index import build_index
from plankg.embeddings.search import Hit, Searcher

__all__ = [
    "AUTO_BACKEND",
    "BACKENDS",
    "Encoder",
    "Hit",
    "SearchError",
    "Searcher",
    "build_index",
    "load_encoder",
]
