"""Search quality on paraphrase queries: hit@3 and MRR of plain dense, plain BM25, their RRF,
txtai's hybrid index (optional) and plankg's search, over the same clauses and vectors.

Usage: ``PLANKG_HOME=DIR python benchmarks/search_quality.py [--skip-txtai]`` (a built workspace;
the bundled corpus by default). Also prints English-vs-Chinese figures for the paired queries.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_queries import HELD_OUT, HELD_OUT_EN, QUERIES  # noqa: E402

DEPTH = 10


def _first_hit(texts: list[str], wanted: tuple[str, ...]) -> int | None:
    for rank, text in enumerate(texts[:DEPTH], start=1):
        if any(w in text for w in wanted):
            return rank
    return None


def _score(ranks: list[int | None]) -> tuple[int, float]:
    hit3 = sum(1 for r in ranks if r is not None and r <= 3)
    mrr = sum(1.0 / r for r in ranks if r is not None) / len(ranks)
    return hit3, round(mrr, 3)


def _txtai_ranks(searcher, queries: list[str]) -> list[int | None] | None:
    try:
        from txtai import Embeddings  # noqa: F401
    except ImportError:
        print("txtai not installed: its hybrid row is skipped (pip install txtai to add it)")
        return None
    from txtai import Embeddings

    encoder = searcher.encoder

    def transform(inputs):
        return np.asarray(encoder.encode(list(inputs)), dtype="float32")

    embeddings = Embeddings(method="external", transform=transform, hybrid=True, content=True, backend="numpy")
    embeddings.index([(i, row.text, None) for i, row in enumerate(searcher.rows)])
    texts = [row.text for row in searcher.rows]
    ranks = []
    for query, (_, _, wanted) in zip(queries, QUERIES):
        hits = embeddings.search(query, DEPTH)
        ranks.append(_first_hit([texts[int(h["id"])] for h in hits], wanted))
    return ranks


def held_out(searcher) -> None:
    """plankg against naive RRF on the held-out queries (never tuned on), Chinese and English."""
    import numpy as np

    from plankg.embeddings.ranking import rrf
    from plankg.embeddings.search import _top_rows

    texts = [row.text for row in searcher.rows]
    plankg_ranks, rrf_ranks = [], []
    for query, _, wanted in HELD_OUT:
        vector = np.asarray(searcher.encoder.encode([query])[0], dtype="float32")
        dense = [int(i) for i in np.argsort(-(np.asarray(searcher.vectors) @ vector))[:100]]
        bm25 = _top_rows(searcher.bm25_terms.scores(searcher.analyzer.tokens(query)), 100, None)
        fused = sorted(rrf([dense, bm25], [1.0, 1.0], 60).items(), key=lambda item: -item[1])
        rrf_ranks.append(_first_hit([texts[i] for i, _ in fused], wanted))
        plankg_ranks.append(_first_hit([h.text for h in searcher.search([query], k=DEPTH)[0]], wanted))
    paired = [(en, w) for _, en, w in HELD_OUT if en]
    en_ranks = [_first_hit([h.text for h in searcher.search([en], k=DEPTH)[0]], w) for en, w in paired]
    zh_paired = [_first_hit([h.text for h in searcher.search([q], k=DEPTH)[0]], w) for q, en, w in HELD_OUT if en]
    print(f"\nHeld-out queries ({len(HELD_OUT)}, written after tuning, run once)")
    print("| system | hit@3 | MRR |\n|---|---:|---:|")
    for name, ranks in (("rrf(dense, bm25)", rrf_ranks), ("plankg", plankg_ranks),
                        (f"plankg, Chinese of the {len(paired)} paired", zh_paired),
                        (f"plankg, English of the {len(paired)} paired", en_ranks)):
        hit3, mrr = _score(ranks)
        print(f"| {name} | {hit3}/{len(ranks)} | {mrr} |")
    english = [_first_hit([h.text for h in searcher.search([q], k=DEPTH)[0]], w) for q, w in HELD_OUT_EN]
    hit3, mrr = _score(english)
    print(f"| plankg, {len(HELD_OUT_EN)} English-only queries (HELD_OUT_EN) | {hit3}/{len(english)} | {mrr} |")


def main(home: str | Path | None = None) -> int:
    """Print the comparison for the workspace at ``home`` (default: $PLANKG_HOME), building it if empty."""
    import plankg
    from plankg.embeddings import Searcher
    from plankg.embeddings.ranking import rrf
    from plankg.embeddings.search import _top_rows

    workspace = plankg.open(home).workspace
    searcher = Searcher(workspace.index_dir, settings=workspace.settings)
    texts = [row.text for row in searcher.rows]
    zh = [q for q, _, _ in QUERIES]
    vectors = searcher.encoder.encode(zh)
    rows: dict[str, list[int | None]] = {"dense": [], "bm25": [], "rrf(dense, bm25)": [], "plankg": []}
    for query, vector, (_, _, wanted) in zip(zh, vectors, QUERIES):
        scores = np.asarray(searcher.vectors) @ np.asarray(vector, dtype="float32")
        dense = [int(i) for i in np.argsort(-scores)[:100]]
        bm25 = _top_rows(searcher.bm25_terms.scores(searcher.analyzer.tokens(query)), 100, None)
        fused = sorted(rrf([dense, bm25], [1.0, 1.0], 60).items(), key=lambda item: -item[1])
        rows["dense"].append(_first_hit([texts[i] for i in dense], wanted))
        rows["bm25"].append(_first_hit([texts[i] for i in bm25], wanted))
        rows["rrf(dense, bm25)"].append(_first_hit([texts[i] for i, _ in fused], wanted))
        rows["plankg"].append(_first_hit([h.text for h in searcher.search([query], k=DEPTH)[0]], wanted))
    txtai = None if "--skip-txtai" in sys.argv else _txtai_ranks(searcher, zh)
    if txtai is not None:
        rows["txtai hybrid"] = txtai
    print(f"\nSearch quality, {len(QUERIES)} paraphrase queries (bundled corpus, {len(texts)} clauses)")
    print(f"| system | hit@3 | MRR@{DEPTH} |\n|---|---:|---:|")
    for name, ranks in rows.items():
        hit3, mrr = _score(ranks)
        print(f"| {name} | {hit3}/{len(ranks)} | {mrr} |")
    paired = [(q, en, wanted) for q, en, wanted in QUERIES if en]
    zh_ranks = [_first_hit([h.text for h in searcher.search([q], k=DEPTH)[0]], w) for q, _, w in paired]
    en_ranks = [_first_hit([h.text for h in searcher.search([en], k=DEPTH)[0]], w) for _, en, w in paired]
    print(f"\nEnglish vs Chinese, {len(paired)} paired queries (plankg search)")
    print("| language | hit@3 | MRR |\n|---|---:|---:|")
    for name, ranks in (("Chinese", zh_ranks), ("English", en_ranks)):
        hit3, mrr = _score(ranks)
        print(f"| {name} | {hit3}/{len(ranks)} | {mrr} |")
    held_out(searcher)
    return 0


if __name__ == "__main__":
    sys.exit(main())
