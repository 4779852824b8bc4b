"""Scale: what a whole ``plankg build`` and everyday questions cost at 1x, 4x, 20x, 100x the bundled corpus.

The plans are synthesised at run time by ``synth_corpus.py`` (the honest generator by default:
varied wording, reordered and recombined items, other places, years and values). Each scale is
built by ``Workspace.build`` in a process of its own, so its peak RSS belongs to that build alone;
the questions run in another fresh process on the built workspace.

    python benchmarks/bench_scale.py                       # 1, 4, 20, 100
    python benchmarks/bench_scale.py --scales 1,4,20 --rounds 3
    python benchmarks/bench_scale.py --scales 1000 --keep  # overnight; never in tests
    python benchmarks/bench_scale.py --recall16 OLD/index/vectors.npy   # float16 against float32

Reported per scale: documents, clauses, triples, peak RSS of the build, the workspace on disk
(the current build's files, in MB) and its largest parts, build wall time per document, and
``ask`` / ``search`` p50 and p95 (every question of ``bench_qa.QUESTIONS`` asked ``--rounds``
times after one warm-up round; a question slower than 10 s is not repeated). Then the ratios
issue 21 asks for: peak RSS at 20x / at 4x, and per-document build time at each scale / at 4x.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def disk_mb(folder: Path) -> dict[str, float]:
    """Allocated MB under ``folder`` (symlinks not followed), in total and per top-level part."""
    parts: dict[str, float] = {}
    for root, _dirs, files in os.walk(folder):
        rel = Path(root).relative_to(folder)
        for name in files:
            path = Path(root) / name
            if path.is_symlink():
                continue
            key = str(rel / name) if rel.parts[:1] != ("graph",) or len(rel.parts) < 2 else str(Path(*rel.parts[:2]))
            key = key if rel.parts else name
            parts[key] = parts.get(key, 0.0) + path.lstat().st_blocks * 512 / 2**20
    parts["total"] = sum(parts.values())
    return parts


def build_one(home: Path, plans: Path) -> dict:
    """Build ``plans`` into ``home`` in this process; return counts, seconds and peak RSS."""
    from plankg.progress import Progress
    from plankg.workspace import Workspace

    started = time.perf_counter()
    report = Workspace(home).build([plans], force=True, progress=Progress(None))
    seconds = time.perf_counter() - started
    graph = (report.parts or {}).get("graph", {})
    return {"documents": report.documents, "clauses": report.clauses, "targets": report.targets,
            # The graph's triples (what is exported): the store's data and the export-only span
            # lines (a repeated record id repeats its span: 110 of 1.38 M lines at 20x).
            "triples": graph.get("triples", 0) + graph.get("span_triples", 0), "seconds": seconds, "rss_mb": _peak_rss_mb(),
            "errors": len(report.errors)}


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def ask_one(home: Path, rounds: int) -> dict:
    """Time every benchmark question and search in one warm process; p50/p95 in ms."""
    from bench_qa import QUESTIONS

    import plankg

    kg = plankg.open(home)
    asks = [q for intent, qs in QUESTIONS.items() if intent != "search" for q in qs]
    searches = QUESTIONS["search"] + ["高新技术企业培育", "研发投入占GDP比重", "科技成果转化"]
    timings: dict[str, list[float]] = {"ask": [], "search": []}
    slowest: dict[str, float] = {}
    for kind, items, run in (("ask", asks, kg.ask), ("search", searches, kg.search)):
        for item in items:
            run(item)  # warm-up: loads the store, the index, the encoder
        for _ in range(rounds):
            for item in items:
                if slowest.get(item, 0) > 10:
                    continue
                started = time.perf_counter()
                run(item)
                seconds = time.perf_counter() - started
                timings[kind].append(seconds)
                slowest[item] = max(slowest.get(item, 0), seconds)
    out = {f"{kind}_{name}_ms": round(percentile(values, share) * 1000, 1)
           for kind, values in timings.items() for name, share in (("p50", 0.5), ("p95", 0.95))}
    worst = max((q for q in asks), key=lambda q: slowest.get(q, 0))
    out["slowest_ask"] = f"{worst} {slowest.get(worst, 0) * 1000:.0f} ms"
    return out


def recall_at_10(vectors_path: Path, queries: int = 500, seed: int = 5) -> list[dict]:
    """recall@10 of the approximate indexes against the exact one, on an index's own vectors.

    The queries are ``queries`` clause vectors drawn at random (each finds itself and its nine
    nearest neighbours in the exact index). Reported: FAISS IVF with int8 codes (what
    ``plankg build`` writes above ``FLAT_LIMIT`` vectors) and IVF-PQ (64 one-byte codes a vector,
    what a national corpus would use), bytes a vector, build seconds and ms a query.
    """
    import math

    import faiss
    import numpy as np

    from plankg.embeddings.ann import IVF_PROBE_SHARE, build_ann

    vectors = np.load(vectors_path, mmap_mode="r")  # float16 since the third disk round, float32 before
    n, dim = vectors.shape
    rng = np.random.default_rng(seed)
    picked = np.ascontiguousarray(vectors[np.sort(rng.choice(n, min(queries, n), replace=False))], dtype=np.float32)
    exact = build_ann(vectors, "flat")
    _, want = exact.search(picked, 10)
    out = []

    def score(name: str, index, params, seconds: float, code_bytes: float) -> None:
        started = time.perf_counter()
        _, got = index.search(picked, 10, params=params)
        ms = (time.perf_counter() - started) * 1000 / len(picked)
        recall = float(np.mean([len(set(g) & set(w)) / 10 for g, w in zip(got, want)]))
        out.append({"index": name, "vectors": n, "recall@10": round(recall, 3), "bytes/vector": code_bytes,
                    "build s": round(seconds, 1), "ms/query": round(ms, 2)})

    started = time.perf_counter()
    ivf = build_ann(vectors, "ivf")
    score(f"IVF{ivf.params['nlist']},SQ8 nprobe {ivf.params['nprobe']}", ivf.index,
          faiss.SearchParametersIVF(nprobe=ivf.params["nprobe"]), time.perf_counter() - started, dim)
    n_lists = ivf.params["nlist"]
    started = time.perf_counter()
    quantizer = faiss.IndexFlatIP(dim)
    pq = faiss.IndexIVFPQ(quantizer, dim, n_lists, 64, 8, faiss.METRIC_INNER_PRODUCT)
    pq.train(np.ascontiguousarray(vectors[: min(n, max(n_lists * 40, 256 * 40))], dtype=np.float32))
    pq.add(np.ascontiguousarray(vectors, dtype=np.float32))
    seconds = time.perf_counter() - started
    for probe_share in (IVF_PROBE_SHARE, IVF_PROBE_SHARE * 2):
        n_probe = max(1, math.ceil(n_lists * probe_share))
        score(f"IVF{n_lists},PQ64 nprobe {n_probe}", pq, faiss.SearchParametersIVF(nprobe=n_probe), seconds, 64)
    score("flat (exact)", exact.index, faiss.SearchParameters(), 0.0, dim * 4)
    return out


def float16_recall_at_10(vectors_path: Path, queries: int = 500, seed: int = 5) -> dict:
    """recall@10 of the exact search over float16 vectors (what ``plankg build`` stores since the third
    disk round) against the same search over float32, on a float32 ``vectors.npy`` of an index built
    before; the queries are ``queries`` of its own vectors drawn at random, kept in float32."""
    import numpy as np

    from plankg.embeddings.ann import build_ann

    full = np.ascontiguousarray(np.load(vectors_path), dtype=np.float32)
    rng = np.random.default_rng(seed)
    picked = full[np.sort(rng.choice(len(full), min(queries, len(full)), replace=False))]
    _, want = build_ann(full, "flat").search(picked, 10)
    _, got = build_ann(full.astype(np.float16).astype(np.float32), "flat").search(picked, 10)
    recall = float(np.mean([len(set(g) & set(w)) / 10 for g, w in zip(got, want)]))
    same_order = float(np.mean([list(g) == list(w) for g, w in zip(got, want)]))
    return {"vectors": len(full), "queries": len(picked), "recall@10": round(recall, 4),
            "same top-10 order": round(same_order, 4)}


def one_scale(scale: int, rounds: int, keep: bool, mode: str) -> dict:
    """Synthesise, build (own process), measure disk, time questions (own process)."""
    from synth_corpus import write_corpus

    work = Path(tempfile.mkdtemp(prefix=f"plankg-scale{scale}-"))
    try:
        write_corpus(scale, work / "plans", mode=mode)
        home = work / "home"
        built = _child(["--build", str(home), str(work / "plans")])
        built["scale"] = scale
        built["disk"] = {k: round(v, 1) for k, v in disk_mb((home / "current").resolve()).items()}
        built.update(_child(["--ask", str(home), "--rounds", str(rounds)]))
        return built
    finally:
        if keep:
            print(f"  kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def _child(args: list[str]) -> dict:
    # -S is passed on, so a run pinned to a copy of the code (PYTHONPATH, no site) stays on it.
    done = subprocess.run([sys.executable, *(["-S"] if sys.flags.no_site else []), __file__, *args],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-1500:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_table(results: list[dict]) -> None:
    """The issue 21 table and its ratios."""
    from bench_search import table

    rows = [[f"{r['scale']}x", r["documents"], r["clauses"], r["triples"], round(r["rss_mb"]),
             r["disk"]["total"], f"{r['seconds'] / r['documents']:.2f}", r["ask_p50_ms"], r["ask_p95_ms"],
             r["search_p50_ms"], r["search_p95_ms"]] for r in results]
    table("plankg build and questions per scale (honest synthetic corpus)",
          ["scale", "docs", "clauses", "triples", "peak RSS MB", "disk MB", "build s/doc",
           "ask p50 ms", "ask p95 ms", "search p50 ms", "search p95 ms"], rows)
    for r in results:
        parts = sorted(((k, v) for k, v in r["disk"].items() if k != "total" and v >= 0.5), key=lambda kv: -kv[1])
        print(f"  {r['scale']}x disk: " + ", ".join(f"{k} {v:.1f}" for k, v in parts[:6])
              + f"; slowest question: {r['slowest_ask']}")
    by_scale = {r["scale"]: r for r in results}
    if 4 in by_scale:
        base = by_scale[4]
        for r in results:
            if r["scale"] > 4:
                print(f"  {r['scale']}x / 4x: peak RSS {r['rss_mb'] / base['rss_mb']:.2f}, build s/doc "
                      f"{(r['seconds'] / r['documents']) / (base['seconds'] / base['documents']):.2f}, "
                      f"disk/doc {(r['disk']['total'] / r['documents']) / (base['disk']['total'] / base['documents']):.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,4,20,100")
    parser.add_argument("--rounds", type=int, default=3, help="times each question is asked (default 3)")
    parser.add_argument("--mode", choices=["honest", "places"], default="honest", help="synth_corpus generator")
    parser.add_argument("--keep", action="store_true", help="keep each scale's plans and workspace in /tmp")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--recall", type=Path, help="only report recall@10 of IVF-SQ8 / IVF-PQ on this vectors.npy")
    parser.add_argument("--recall16", type=Path, help="only report recall@10 of float16 against this float32 "
                        "vectors.npy")
    parser.add_argument("--build", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--ask", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.recall:
        from bench_search import table

        found = recall_at_10(args.recall)
        table(f"recall@10 against the exact index ({args.recall})", list(found[0]), [list(r.values()) for r in found])
        return 0
    if args.recall16:
        print(json.dumps(float16_recall_at_10(args.recall16)))
        return 0
    if args.build:
        print(json.dumps(build_one(*args.build)))
        return 0
    if args.ask:
        print(json.dumps(ask_one(args.ask, args.rounds), ensure_ascii=False))
        return 0
    from bench_build import machine

    print(f"machine: {machine()}")
    results = []
    for scale in (int(s) for s in args.scales.split(",")):
        try:
            results.append(one_scale(scale, args.rounds, args.keep, args.mode))
        except RuntimeError as error:
            print(f"scale {scale} failed: {error}")
            break
        print(f"  scale {scale}x: {json.dumps(results[-1], ensure_ascii=False)}", flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if results:
        print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
