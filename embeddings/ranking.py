"""Rank fusion and result clean-up, independent of how the candidate lists were produced.

* Reciprocal rank fusion (Cormack et al. 2009): ``sum_i w_i / (k0 + rank_i)``.
* Clauses with little content (a bare heading such as ``一、`` or ``（三）创新平台``) are
  down-weighted so they do not crowd out the clauses that actually say something.
* Near-duplicates are collapsed to the best-ranked one: clauses with the same words (a sentence
  repeated in two plans), and nested clauses of one document (a table row and the item written in
  one of its cells), which would show the same passage twice.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Smaller than the customary 60: the top of each list counts more (32 paraphrase queries: MRR
#: 0.945 at 20 against 0.887 at 60 with the context list; ``benchmarks/search_quality.py``).
RRF_K0 = 20
#: Weights of the three ranked lists: dense vectors, BM25 over words + bigrams, BM25 over single
#: characters. Equal weights did best on a set of paraphrased questions (see the README's figures).
DENSE_WEIGHT = 1.0
TERMS_WEIGHT = 1.0
CHARS_WEIGHT = 1.0
#: Weight of the context list (section headings + indicators of the clause's targets).
CONTEXT_WEIGHT = 0.25
#: Weight of the thesaurus synonyms' BM25 scores against the query's own words (a fraction).
SYNONYM_WEIGHT = 0.5
#: Clauses with fewer content characters than this get a penalty growing as they get shorter.
SHORT_CLAUSE_CHARS = 8
#: Smallest factor the penalty applies (a clause with no content at all).
SHORT_CLAUSE_FLOOR = 0.5
#: Span overlap (intersection / shorter span) above which two clauses of a document are duplicates.
SPAN_OVERLAP = 0.95

_NUMBERING = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十]{1,3}[）)、.．]|[（(]?\d{1,2}[）)、.．]|[①-⑳]|第[一二三四五六七八九十]+[章节条部分])\s*"
)
_CONTENT = re.compile(r"[\w\u3400-\u9fff]")
_NOT_CONTENT = re.compile(r"[^\w\u3400-\u9fff]+")


@dataclass(frozen=True)
class Candidate:
    """What fusion needs to know about a row: its text and where it sits."""

    row: int
    text: str
    doc_id: str
    start: int
    end: int


def rrf(rankings: Sequence[Sequence[int]], weights: Sequence[float], k0: int | None = None
        ) -> dict[int, float]:
    """Reciprocal rank fusion of ranked row lists (best first); ``k0`` defaults to :data:`RRF_K0`."""
    k0 = RRF_K0 if k0 is None else k0
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, row in enumerate(ranking, start=1):
            fused[row] = fused.get(row, 0.0) + weight / (k0 + rank)
    return fused


def content_length(text: str) -> int:
    """Characters of substance: letters, digits and CJK, after any leading numbering."""
    return len(_CONTENT.findall(_NUMBERING.sub("", text, count=1)))


def short_clause_factor(text: str) -> float:
    """1.0 for clauses with enough content; down to :data:`SHORT_CLAUSE_FLOOR` for empty ones."""
    length = content_length(text)
    if length >= SHORT_CLAUSE_CHARS:
        return 1.0
    return SHORT_CLAUSE_FLOOR + (1.0 - SHORT_CLAUSE_FLOOR) * length / SHORT_CLAUSE_CHARS


def dedup_key(text: str) -> str:
    """Text reduced to its words: clauses with the same key say the same thing."""
    return _NOT_CONTENT.sub("", _NUMBERING.sub("", text, count=1))


def _nested(a: Candidate, b: Candidate) -> bool:
    """True when one clause's span (almost) lies inside the other's, in the same document."""
    if a.doc_id != b.doc_id:
        return False
    shared = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(a.end - a.start, b.end - b.start)
    return shorter > 0 and shared >= SPAN_OVERLAP * shorter


def rank(fused: dict[int, float], candidates: dict[int, Candidate], k: int) -> list[tuple[int, float]]:
    """Apply the short-clause penalty, drop near-duplicates and return the top ``k`` (row, score)."""
    scored = sorted(
        ((row, score * short_clause_factor(candidates[row].text)) for row, score in fused.items()),
        key=lambda item: (-item[1], item[0]),
    )
    kept: list[tuple[int, float]] = []
    seen_keys: set[str] = set()
    for row, score in scored:
        candidate = candidates[row]
        key = dedup_key(candidate.text)
        if key in seen_keys or any(_nested(candidate, candidates[r]) for r, _ in kept):
            continue
        seen_keys.add(key)
        kept.append((row, score))
        if len(kept) == k:
            break
    return kept
