"""Clause search for answers whose text is the answer, and for "related" clauses when nothing is found.

``IndexSearch`` uses the workspace's hybrid index (FAISS + BM25, ``plankg.embeddings``).
``LexicalSearch`` is the fallback when no index was built: character-bigram BM25 over the
clause records, no model needed. ``plankg.workspace.Workspace.searcher()`` picks one.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any, Protocol

from plankg.ingest.records import Corpus

_STRIP = re.compile(r"[\s，。、；：？！,.;:?!（）()“”\"'《》【】\[\]]+")


class ClauseSearch(Protocol):
    """Top clauses for a query: dicts with doc, clause_id, text, score, start, end."""

    kind: str

    def search(self, query: str, k: int = 5, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...


class IndexSearch:
    """The workspace's hybrid clause index."""

    kind = "hybrid"

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher

    def search(self, query: str, k: int = 5, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        hits = self.searcher.search([query], k=k, filters=filters or None)[0]
        return [_hit_dict(h.doc, h.clause_id, h.text, h.score, h.start, h.end) for h in hits]

    def encode(self, texts: list[str]):
        """The index's encoder (for indicator similarity)."""
        return self.searcher.encoder.encode(texts)

    def clause_vectors(self, clauses: list[Any]):
        """The index's vectors of these clauses (encoded on the fly for any the index lacks)."""
        import numpy as np

        if not hasattr(self, "_row_of"):
            self._row_of = {row.id: i for i, row in enumerate(self.searcher.rows)}
        rows = [self._row_of.get(c.id) for c in clauses]
        missing = [c.text for c, r in zip(clauses, rows) if r is None]
        encoded = iter(np.asarray(self.encode(missing), dtype="float32")) if missing else iter(())
        return np.stack([np.asarray(self.searcher.vectors[r], dtype="float32") if r is not None else next(encoded)
                         for r in rows])


class LexicalSearch:
    """Character-bigram BM25 over clause records (no index or model needed)."""

    kind = "lexical"

    def __init__(self, corpus: Corpus, k1: float = 1.2, b: float = 0.75) -> None:
        self.docs = {d.id: d for d in corpus.documents}
        self.clauses = [c for c in corpus.clauses if c.text.strip()]
        self.bags = [Counter(_bigrams(c.text)) for c in self.clauses]
        self.lengths = [sum(bag.values()) for bag in self.bags]
        self.average = sum(self.lengths) / max(1, len(self.lengths))
        frequency: Counter = Counter()
        for bag in self.bags:
            frequency.update(bag.keys())
        n = len(self.bags)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
        self.k1, self.b = k1, b

    def search(self, query: str, k: int = 5, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        terms = set(_bigrams(query))
        regions = _region_keys(filters.get("region")) if filters and filters.get("region") else None
        wanted_docs = filters.get("doc") if filters else None
        wanted_docs = None if wanted_docs is None else set([wanted_docs] if isinstance(wanted_docs, str) else wanted_docs)
        scored = []
        for i, bag in enumerate(self.bags):
            clause = self.clauses[i]
            if wanted_docs is not None and clause.doc_id not in wanted_docs:
                continue
            if regions is not None:
                doc = self.docs.get(clause.doc_id)
                if not doc or not ({_key(doc.region), _key(doc.parent_region)} & regions):
                    continue
            score = 0.0
            for term in terms & bag.keys():
                tf = bag[term]
                score += self.idf[term] * tf * (self.k1 + 1) / (
                    tf + self.k1 * (1 - self.b + self.b * self.lengths[i] / self.average))
            if score > 0:
                scored.append((score, i))
        scored.sort(key=lambda item: (-item[0], item[1]))
        out = []
        for score, i in scored[:k]:
            clause = self.clauses[i]
            doc = self.docs.get(clause.doc_id)
            out.append(_hit_dict(doc.source_name if doc else clause.doc_id, clause.id, clause.text, score,
                                 clause.start, clause.end))
        return out


def _hit_dict(doc: str, clause_id: str, text: str, score: float, start: int, end: int) -> dict[str, Any]:
    return {"doc": doc, "clause_id": clause_id, "text": text, "score": round(float(score), 4), "start": start,
            "end": end}


def _bigrams(text: str) -> list[str]:
    text = _STRIP.sub("", text)
    return [text[i:i + 2] for i in range(len(text) - 1)]


def _key(name: str | None) -> str:
    name = name or ""
    for suffix in ("市", "区", "县", "省"):
        if name.endswith(suffix) and len(name) > 2:
            return name[:-1]
    return name


def _region_keys(value: Any) -> set[str]:
    values = value if isinstance(value, (list, tuple, set)) else [value]
    return {_key(str(v)) for v in values}
