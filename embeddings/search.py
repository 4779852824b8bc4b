"""Hybrid clause search: three ranked lists fused by reciprocal rank.

1. dense: FAISS inner product of the query vector with the clause vectors (meaning);
2. BM25 over jieba words and character bigrams (the query's own words);
3. BM25 over single characters (paraphrases that share characters but no word).

Filters restrict all three lists before fusion; :mod:`plankg.embeddings.ranking` then demotes
near-empty clauses and drops near-duplicates.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from plankg.embeddings import ranking, store
from plankg.embeddings.ann import load_ann
from plankg.embeddings.bm25 import BM25Index
from plankg.embeddings.encoder import Encoder, load_encoder
from plankg.embeddings.errors import SearchError
from plankg.embeddings.filters import allowed_rows
from plankg.embeddings.index import CHARS, CONTEXT, TERMS
from plankg.embeddings.tokens import TextAnalyzer, characters
from plankg.ontology.thesaurus import load_query_vocabulary, load_thesaurus

if TYPE_CHECKING:
    from plankg.embeddings.encoder import EncoderSettings

#: Candidates taken from each retriever before fusion (at least; ``k * CANDIDATE_FACTOR`` if more).
CANDIDATES = 100
CANDIDATE_FACTOR = 10


@dataclass(frozen=True)
class Hit:
    """One search result.

    Attributes:
        doc: Source file name of the document.
        doc_id: Document id.
        clause_id: Clause id.
        text: Clause text.
        score: Fused score (higher is better; comparable within one query only).
        section_path: Titles of the enclosing headings, outermost first.
        start: Start offset of the clause in the document text.
        end: End offset (excluded).
        kind: ``heading`` | ``item`` | ``sentence`` | ``table_row``.
    """

    doc: str
    doc_id: str
    clause_id: str
    text: str
    score: float
    section_path: tuple[str, ...]
    start: int
    end: int
    kind: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (``section_path`` as a list)."""
        data = dataclasses.asdict(self)
        data["section_path"] = list(self.section_path)
        return data


class Searcher:
    """Searches an index folder written by :func:`plankg.embeddings.build_index`.

    Loading reads JSON and NumPy files only; jieba and the encoder load on the first query.

    Args:
        index_dir: The index folder (``<workspace>/index``).
        encoder: Query encoder; default: the model and backend the index was built with.
        settings: Settings for loading that encoder (its ONNX cache lives in the workspace).

    Raises:
        SearchError: No index in ``index_dir``, or ``encoder`` is another model than the index's.
    """

    def __init__(self, index_dir: str | Path, encoder: Encoder | None = None,
                 settings: EncoderSettings | None = None) -> None:
        self.index_dir = Path(index_dir)
        self.meta = store.read_meta(self.index_dir)
        self.rows = store.read_rows(self.index_dir)
        self.documents = {d.id: d for d in store.read_documents(self.index_dir)}
        exact = self.meta["ann"].get("kind", "flat") == "flat"
        # An approximate index holds its own copy of the vectors: map the file instead of reading it.
        self.vectors = store.read_vectors(self.index_dir, mmap=not exact)
        self.ann = load_ann(self.index_dir, self.meta["ann"], self.vectors)
        self.bm25_terms = BM25Index.load(self.index_dir, TERMS, len(self.rows))
        self.bm25_chars = BM25Index.load(self.index_dir, CHARS, len(self.rows))
        # Indexes built before the context list existed have none; search works without it.
        self.bm25_context = (BM25Index.load(self.index_dir, CONTEXT, len(self.rows))
                             if "context" in self.meta.get("bm25", {}) else None)
        self.analyzer = TextAnalyzer(self.index_dir)
        self._settings = settings
        self._encoder = encoder
        if encoder is not None:
            self._check_encoder(encoder)

    @property
    def encoder(self) -> Encoder:
        """The query encoder (loaded on first use)."""
        if self._encoder is None:
            spec = self.meta["encoder"]
            encoder = load_encoder(self._settings, backend=spec["backend"], model_path=spec.get("model_path"))
            self._check_encoder(encoder)
            self._encoder = encoder
        return self._encoder

    def _check_encoder(self, encoder: Encoder) -> None:
        built = self.meta["encoder"]["key"].rsplit(":", 1)[0]
        given = encoder.key.rsplit(":", 1)[0]
        if built != given:  # the backend may differ (onnx fp32 and torch give the same vectors)
            raise SearchError(f"search index {self.index_dir}: built with {built}, the encoder is {given}; "
                              "rebuild the index or use the same model")

    def __len__(self) -> int:
        return len(self.rows)

    def search(self, queries: list[str], k: int = 10, filters: dict[str, Any] | None = None
               ) -> list[list[Hit]]:
        """Return the top ``k`` clauses for each query.

        Args:
            queries: Query texts (Chinese).
            k: Hits per query.
            filters: See :func:`plankg.embeddings.filters.allowed_rows`.

        Raises:
            SearchError: An empty query, ``k`` < 1 or a bad filter.
        """
        if isinstance(queries, str):
            queries = [queries]
        for query in queries:
            if not query or not query.strip():
                raise SearchError("search query: empty")
        if k < 1:
            raise SearchError(f"search k={k}: must be at least 1")
        allowed = allowed_rows(filters, self.rows, self.documents.values())
        if not queries or not self.rows or (allowed is not None and len(allowed) == 0):
            return [[] for _ in queries]
        n_candidates = max(CANDIDATES, k * CANDIDATE_FACTOR)
        # English queries reach Chinese clauses through the thesaurus' English names.
        queries = [to_chinese(q) for q in queries]
        query_vectors = self.encoder.encode(list(queries))
        _, dense_ids = self.ann.search(query_vectors, n_candidates, allowed)
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self.rows), dtype=bool)
            mask[allowed] = True
        results = []
        for query, ids in zip(queries, dense_ids):
            dense_rank = [int(i) for i in ids if i >= 0]
            # BM25 reads the query with the thesaurus' synonyms (研发投入 -> R&D经费...): words the
            # plans use for the same thing; the dense list already sees meaning.
            synonyms = expand_query(query)
            terms = self.bm25_terms.scores(self.analyzer.tokens(query))
            chars = self.bm25_chars.scores(characters(query))
            if synonyms:
                # Synonyms help find a clause that words it differently, never outweigh the query's own words.
                terms = terms + ranking.SYNONYM_WEIGHT * self.bm25_terms.scores(self.analyzer.tokens(synonyms))
            terms_rank = _top_rows(terms, n_candidates, mask)
            chars_rank = _top_rows(chars, n_candidates, mask)
            lists = [dense_rank, terms_rank, chars_rank]
            weights = [ranking.DENSE_WEIGHT, ranking.TERMS_WEIGHT, ranking.CHARS_WEIGHT]
            if self.bm25_context is not None:
                # Section headings and the clause's indicators: context a plain index lacks.
                context = self.bm25_context.scores(self.analyzer.tokens(" ".join([query, synonyms])))
                lists.append(_top_rows(context, n_candidates, mask))
                weights.append(ranking.CONTEXT_WEIGHT)
            fused = ranking.rrf(lists, weights)
            candidates = {row: self._candidate(row) for row in fused}
            results.append([self._hit(row, score) for row, score in ranking.rank(fused, candidates, k)])
        return results

    def _candidate(self, row: int) -> ranking.Candidate:
        r = self.rows[row]
        return ranking.Candidate(row=row, text=r.text, doc_id=r.doc_id, start=r.start, end=r.end)

    def _hit(self, row: int, score: float) -> Hit:
        r = self.rows[row]
        doc = self.documents.get(r.doc_id)
        return Hit(doc=doc.source_name if doc else r.doc_id, doc_id=r.doc_id, clause_id=r.id, text=r.text,
                   score=round(float(score), 6), section_path=r.section_path, start=r.start, end=r.end,
                   kind=r.kind)


_ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def to_chinese(query: str) -> str:
    """An English query as the Chinese names of the policy terms it names (the query if none or Chinese).

    >>> to_chinese("technology incubators")
    '孵化器 众创空间 加速器'
    """
    if _CJK.search(query) or not _ASCII_WORD.search(query):
        return query

    words = load_query_vocabulary().english_to_zh(query)
    return " ".join(words) if words else query


def expand_query(query: str) -> str:
    """The thesaurus synonyms of the terms in the query ("" when none), e.g. 研发投入 -> R&D经费 ..."""
    return " ".join(load_thesaurus().expand_zh(query, limit=8))


def _top_rows(scores: np.ndarray, n: int, mask: np.ndarray | None) -> list[int]:
    """Rows with a positive score, best first (ties by row), at most ``n``, inside ``mask``."""
    if mask is not None:
        scores[~mask] = 0.0
    positive = np.flatnonzero(scores > 0)
    if len(positive) > n:
        positive = positive[np.argpartition(-scores[positive], n - 1)[:n]]
    return [int(i) for i in positive[np.lexsort((positive, -scores[positive]))]]
