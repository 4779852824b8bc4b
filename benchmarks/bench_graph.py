"""Graph benchmark: build, load and named-query latency, rdflib (memory) vs Oxigraph.

Runs on the bundled corpus and on a synthetic corpus made of N copies of it (every record
replicated with new ids, so the graph grows N-fold while regions and organisations are shared).

    python benchmarks/bench_graph.py                  # bundled, 10x, 100x
    python benchmarks/bench_graph.py --scales 3 --runs 3

rdflib is skipped above ``--rdflib-limit`` triples (default 1,000,000: at 100x it needs minutes
to load and tens of seconds to minutes per join-heavy query).
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plankg.graph import queries as Q
from plankg.graph.store import MemoryStore, OxigraphStore
from plankg.graph.workspace import load_oxigraph, write_ntriples
from plankg.ingest import read_corpus
from plankg.ingest.records import Corpus

QUERIES: list[tuple[str, Callable[[Any], Any]]] = [
    ("owners_of_indicator(rd_intensity)", lambda s: Q.owners_of_indicator(s, "rd_intensity")),
    ("targets(region=温州)", lambda s: Q.targets(s, region="温州")),
    ("indicator_series(rd_intensity)", lambda s: Q.indicator_series(s, "rd_intensity")),
    ("plan_vs_outcome()", lambda s: Q.plan_vs_outcome(s)),
    ("entity_neighbourhood(路桥区科技局)", lambda s: Q.entity_neighbourhood(s, "路桥区科技局")),
    ("entities_by_type(organization, 温州)", lambda s: Q.entities_by_type(s, "organization", region="温州")),
    ("indicator_counts()", lambda s: Q.indicator_counts(s)),
]


def replicate(corpus: Corpus, copies: int) -> Corpus:
    """``copies`` copies of every record with suffixed ids (references renamed alike)."""
    if copies <= 1:
        return corpus

    def rid(value: str | None, k: int) -> str | None:
        return None if value is None else f"{value}-x{k}"

    docs, clauses, targets, mentions, entities = [], [], [], [], []
    for k in range(copies):
        docs += [dataclasses.replace(d, id=rid(d.id, k)) for d in corpus.documents]
        clauses += [dataclasses.replace(c, id=rid(c.id, k), doc_id=rid(c.doc_id, k), parent_id=rid(c.parent_id, k))
                    for c in corpus.clauses]
        targets += [dataclasses.replace(
            t, id=rid(t.id, k), doc_id=rid(t.doc_id, k), clause_id=rid(t.clause_id, k),
            baseline_id=rid(t.baseline_id, k), conflicts_with=tuple(rid(c, k) for c in t.conflicts_with))
            for t in corpus.targets]
        mentions += [dataclasses.replace(m, id=rid(m.id, k), doc_id=rid(m.doc_id, k), clause_id=rid(m.clause_id, k),
                                         entity_id=rid(m.entity_id, k) if m.entity_id else "")
                     for m in corpus.mentions]
        entities += [dataclasses.replace(e, id=rid(e.id, k), mention_ids=tuple(rid(m, k) for m in e.mention_ids))
                     for e in corpus.entities]
    return Corpus(tuple(docs), tuple(clauses), tuple(targets), tuple(mentions), tuple(entities))


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def latency(store: Any, query: Callable[[Any], Any], runs: int) -> tuple[float, int]:
    """Median seconds over ``runs`` (after one warm-up run) and the row count."""
    rows = len(query(store).rows)
    times = [timed(lambda: query(store))[0] for _ in range(runs)]
    return statistics.median(times), rows


def bench(label: str, corpus: Corpus, runs: int, rdflib_limit: int, folder: Path) -> dict[str, Any]:
    out: dict[str, Any] = {"label": label}
    nt_path = folder / "graph.nt"
    out["build_s"], out["triples"] = timed(lambda: write_ntriples(corpus, nt_path))
    out["oxigraph_load_s"], _ = timed(lambda: load_oxigraph(nt_path, folder / "oxigraph"))
    oxigraph = OxigraphStore.open(folder / "oxigraph")
    out["queries"] = {name: {"oxigraph": latency(oxigraph, q, runs)} for name, q in QUERIES}
    if out["triples"] <= rdflib_limit:
        out["rdflib_load_s"], memory = timed(lambda: MemoryStore.from_file(nt_path))
        for name, q in QUERIES:
            out["queries"][name]["rdflib"] = latency(memory, q, runs if out["triples"] < 500_000 else 1)
        del memory
    oxigraph.close()
    gc.collect()
    return out


def print_table(results: list[dict[str, Any]]) -> None:
    print("\n| corpus | triples | build N-Triples s | load rdflib s | load Oxigraph s |")
    print("|---|---:|---:|---:|---:|")
    for r in results:
        rdf = f"{r['rdflib_load_s']:.2f}" if "rdflib_load_s" in r else "skipped"
        print(f"| {r['label']} | {r['triples']:,} | {r['build_s']:.2f} | {rdf} | {r['oxigraph_load_s']:.2f} |")
    print("\n| corpus | named query | rows | rdflib ms | Oxigraph ms | ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for r in results:
        for name, by_store in r["queries"].items():
            ox_s, rows = by_store["oxigraph"]
            if "rdflib" in by_store:
                rdf_s = by_store["rdflib"][0]
                ratio = f"{rdf_s / ox_s:.0f}x" if ox_s > 0 else "-"
                rdf = f"{rdf_s * 1000:.1f}"
            else:
                rdf, ratio = "skipped", "-"
            print(f"| {r['label']} | {name} | {rows} | {rdf} | {ox_s * 1000:.1f} | {ratio} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10,100", help="copies for the synthetic corpora (default 10,100)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (median)")
    parser.add_argument("--rdflib-limit", type=int, default=1_000_000,
                        help="skip rdflib above this many triples")
    args = parser.parse_args(argv)
    corpus = read_corpus()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        scales = [1] + [int(s) for s in args.scales.split(",") if s.strip()]
        for scale in scales:
            label = "bundled" if scale == 1 else f"{scale}x synthetic"
            folder = Path(tmp) / f"x{scale}"
            folder.mkdir()
            print(f"benchmarking {label} ...", file=sys.stderr, flush=True)
            results.append(bench(label, replicate(corpus, scale), args.runs, args.rdflib_limit, folder))
            gc.collect()
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
