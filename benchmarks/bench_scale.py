"""Scale: cost per document of each build step at 1x, 10x, 100x (1000x) the bundled corpus.

The plans are synthesised at run time by ``synth_corpus.py`` (real structure, other places,
years and values). Each scale runs in its own process, so the peak memory (max RSS after each
step, cumulative) belongs to that scale alone.

    python benchmarks/bench_scale.py                      # 1, 10, 100
    python benchmarks/bench_scale.py --scales 1,10,100,1000 --embed-up-to 10

Reported per scale: seconds per document for reading, extraction, graph (N-Triples + Oxigraph
load) and embedding (only up to ``--embed-up-to``: its cost per clause does not depend on the
corpus size), the flatness ratio (per-document cost at this scale / at 1x), peak memory, and
the latency of the named queries ``plan_vs_outcome()`` (whole corpus, one region, one indicator)
and ``targets(region=...)`` on Oxigraph. ``--store DIR`` times only the queries, on a store built
before (the scale runs keep theirs in ``/tmp/plankg-scale<N>-*/oxigraph``).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_scale(scale: int, embed: bool) -> dict:
    """Run every step at one scale in this process; return timings and peaks."""
    from synth_corpus import write_corpus

    from plankg.graph.store import OxigraphStore
    from plankg.graph.workspace import load_oxigraph, write_ntriples
    from plankg.ingest.extract import extract_corpus
    from plankg.ingest.pipeline import read_corpus

    work = Path(tempfile.mkdtemp(prefix=f"plankg-scale{scale}-"))
    files = write_corpus(scale, work / "plans")
    out: dict = {"scale": scale, "files": len(files)}

    def step(name: str, run):
        started = time.perf_counter()
        cpu = time.process_time()
        result = run()
        out[name] = {"wall": time.perf_counter() - started, "cpu": time.process_time() - cpu, "rss_mb": _rss_mb()}
        return result

    corpus = step("read", lambda: read_corpus(files, extract=False))
    corpus = step("extraction", lambda: extract_corpus(corpus))
    out["documents"] = len(corpus.documents)
    out["clauses"] = len(corpus.clauses)
    out["targets"] = len(corpus.targets)
    out["triples"] = step("graph: N-Triples", lambda: write_ntriples(corpus, work / "graph.nt"))
    step("graph: Oxigraph load", lambda: load_oxigraph(work / "graph.nt", work / "oxigraph"))
    if embed:
        from plankg.embeddings.encoder import load_encoder
        from plankg.settings import Settings

        encoder = load_encoder(Settings(home=work)).load()
        step("embedding", lambda: encoder.encode([c.text for c in corpus.clauses]))
    region = next((d.region for d in corpus.documents if d.region and d.region.endswith("市")), None) or "温州市"
    out["region"] = region
    out["queries"] = time_queries(OxigraphStore.open(work / "oxigraph"), region)
    return out


def time_queries(store, region: str) -> dict:
    """Best of 3 (CPU and wall) for the named queries whose speed depends on the graph's size."""
    from plankg.graph import queries as Q

    runs = [("plan_vs_outcome()", lambda: len(Q.plan_vs_outcome(store).rows)),
            (f"plan_vs_outcome(region={region})", lambda: len(Q.plan_vs_outcome(store, region=region).rows)),
            ("plan_vs_outcome(high_tech_enterprises)",
             lambda: len(Q.plan_vs_outcome(store, "high_tech_enterprises").rows)),
            (f"targets(region={region})", lambda: len(Q.targets(store, region=region).rows))]
    timings: dict = {}
    for name, run in runs:
        best = cpu_best = None
        rows = 0
        for _ in range(3):
            started, cpu = time.perf_counter(), time.process_time()
            rows = run()
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            best = seconds if best is None else min(best, seconds)
            cpu_best = cpu if cpu_best is None else min(cpu_best, cpu)
            if seconds > 10:  # one run of a slow query is enough to see it is slow
                break
        timings[name] = {"seconds": best, "cpu": cpu_best, "rows": rows}
        print(json.dumps({"query": name, **timings[name]}, ensure_ascii=False), file=sys.stderr, flush=True)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--embed-up-to", type=int, default=10)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--embed", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help="only time the named queries on this Oxigraph folder")
    parser.add_argument("--region", default="温州市", help="region of the region queries (with --store)")
    args = parser.parse_args(argv)
    if args.store:
        from plankg.graph.store import OxigraphStore

        store = OxigraphStore.open(args.store)
        print(json.dumps({"triples": len(store), "queries": time_queries(store, args.region)}, ensure_ascii=False))
        return 0
    if args.one:
        print(json.dumps(one_scale(args.one, args.embed)))
        return 0
    from bench_build import machine
    from bench_search import table

    print(f"machine: {machine()}")
    results = []
    for scale in (int(s) for s in args.scales.split(",")):
        command = [sys.executable, __file__, "--one", str(scale)] + (["--embed"] if scale <= args.embed_up_to else [])
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"scale {scale} failed: {done.stderr[-800:]}")
            break
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"  scale {scale}x: {done.stdout.strip().splitlines()[-1]}", flush=True)
    steps = ["read", "extraction", "graph: N-Triples", "graph: Oxigraph load", "embedding"]
    base = {s: results[0][s]["cpu"] / results[0]["documents"] for s in steps if s in results[0]}
    rows = []
    for r in results:
        for s in steps:
            if s not in r:
                continue
            per_doc = r[s]["cpu"] / r["documents"]
            rows.append([f"{r['scale']}x", r["documents"], s, round(r[s]["wall"], 2), round(r[s]["cpu"], 2),
                         f"{per_doc * 1000:.0f}", f"{per_doc / base[s]:.2f}" if s in base else "-",
                         round(r[s]["rss_mb"])])
    table("Build steps per scale (CPU ms per document; flatness = per-document CPU / the 1x one)",
          ["scale", "docs", "step", "wall s", "cpu s", "cpu ms/doc", "flatness", "peak MB"], rows)
    rows = [[f"{r['scale']}x", r["triples"], name, f"{q['seconds'] * 1000:.0f}", f"{q['cpu'] * 1000:.0f}", q["rows"]]
            for r in results for name, q in r["queries"].items()]
    table("Named queries on Oxigraph (best of 3; one run above 10 s)",
          ["scale", "triples", "query", "wall ms", "cpu ms", "rows"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
