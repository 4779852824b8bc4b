"""Search benchmarks: encoders, index builds, search latency, approximate indexes at 100k and 1M.

Usage: python benchmarks/bench_search.py [--sizes 100000,1000000] [--skip-synthetic] [--rounds N]

Timings are the best of ``--rounds`` (default 3), taken round-robin across the methods compared.

1. Encode throughput on the bundled corpus's clauses: plankg's encoder for each backend against
   plain ``SentenceTransformer.encode`` on the same clauses in the same run (ratio), and each
   backend's cosine to the plain vectors.
2. Backend agreement: hybrid top-5 for the fixed query set (tests/embeddings/agreement_queries.txt)
   with each backend's vectors against torch's; the fastest agreeing backend is the right
   ``AUTO_BACKEND``.
3. Index build of the bundled corpus: cold (fresh workspace, model load and ONNX export
   included, reported apart) and warm with no change (must embed 0 clauses).
4. Search latency p50/p95 in one warm process on the bundled corpus (one query per call).
5. Synthetic collections: random unit vectors (the worst case for any approximate index) and
   vectors drawn from a Gaussian with the mean and covariance of the real clause vectors; IVF
   build time, latency and recall@10 against exact search, for several probe counts.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
QUERY_FILE = HERE.parent / "tests" / "embeddings" / "agreement_queries.txt"
BACKENDS = ("torch", "onnx", "onnx-int8")


def table(title: str, header: list[str], rows: list[list]) -> None:
    """Print a plain-text table."""
    cells = [header] + [[_fmt(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n{title}")
    for n, row in enumerate(cells):
        print("  " + "  ".join(c.rjust(w) if n and i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.4f}" if abs(value) < 1 else f"{value:.1f}"
    return str(value)


def queries() -> list[str]:
    lines = QUERY_FILE.read_text(encoding="utf-8").splitlines()
    return [q.strip() for q in lines if q.strip() and not q.startswith("#")]


def percentiles(seconds: list[float]) -> tuple[float, float]:
    ms = sorted(s * 1000 for s in seconds)
    return statistics.median(ms), ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]


class Precomputed:
    """Wraps an encoder and answers from vectors computed before (so agreement builds embed nothing)."""

    def __init__(self, encoder, texts: list[str], vectors: np.ndarray) -> None:
        self.inner, self.lookup = encoder, {t: v for t, v in zip(texts, vectors)}
        self.name, self.backend, self.key, self.dim = encoder.name, encoder.backend, encoder.key, encoder.dim
        self.info, self.model_path = encoder.info, encoder.model_path

    def encode(self, texts, batch_size=32, progress=False):
        missing = [t for t in texts if t not in self.lookup]
        if missing:
            self.lookup.update(zip(missing, self.inner.encode(missing)))
        return np.stack([self.lookup[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def bench_encoders(corpus, settings, rounds: int) -> dict:
    from sentence_transformers import SentenceTransformer

    from plankg.embeddings import load_encoder
    from plankg.embeddings.index import search_text
    from plankg.embeddings.model import resolve_model

    texts = list(dict.fromkeys(search_text(c) for c in corpus.clauses))
    plain = SentenceTransformer(str(resolve_model(settings.model_path).path), device="cpu")
    plain.encode(texts[:64], batch_size=32)

    encoders, load_seconds, rows = {}, {}, []
    for backend in BACKENDS:
        encoder = load_encoder(settings, backend=backend)
        if encoder.backend != backend:
            rows.append([backend, "unavailable", "", "", "", "", ""])
            continue
        started = time.perf_counter()
        encoder.load()
        load_seconds[backend] = time.perf_counter() - started
        encoder.encode(texts[:64])
        encoders[backend] = encoder
    # Round-robin, best of each: the machine's load changes over time, so every method gets
    # measured in every period rather than one after another.
    methods = {"plain": lambda: plain.encode(texts, batch_size=32, normalize_embeddings=True)}
    methods.update({b: (lambda e=e: e.encode(texts)) for b, e in encoders.items()})
    best = {name: float("inf") for name in methods}
    vectors = {}
    for _ in range(rounds):
        for name, run in methods.items():
            started = time.perf_counter()
            vectors[name] = run()
            best[name] = min(best[name], time.perf_counter() - started)
    plain_seconds, plain_vectors = best["plain"], vectors["plain"]
    results = {}
    for backend, encoder in encoders.items():
        seconds = best[backend]
        cosines = np.sum(vectors[backend] * plain_vectors, axis=1)
        results[backend] = {"encoder": encoder, "vectors": vectors[backend], "rate": len(texts) / seconds}
        rows.append([backend, len(texts), round(len(texts) / seconds, 1), round(len(texts) / plain_seconds, 1),
                     f"{plain_seconds / seconds:.2f}x", f"{cosines.mean():.4f} / {cosines.min():.4f}",
                     round(load_seconds[backend], 1)])
    table(f"Encode throughput, bundled corpus ({len(texts)} distinct clause texts, best of {rounds})",
          ["backend", "clauses", "plankg clauses/s", "plain ST clauses/s", "ratio", "cosine mean / min",
           "load s (+export)"], rows)
    return {"texts": texts, **results}


def bench_agreement(corpus, encoded: dict) -> str:
    from plankg.embeddings import AUTO_BACKEND, Searcher, build_index

    qs = queries()
    tops: dict[str, list[list[str]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for backend in BACKENDS:
            if backend not in encoded:
                continue
            wrapped = Precomputed(encoded[backend]["encoder"], encoded["texts"], encoded[backend]["vectors"])
            build_index(corpus, Path(tmp) / backend, encoder=wrapped, progress=False)
            hits = Searcher(Path(tmp) / backend, encoder=wrapped).search(qs, k=5)
            tops[backend] = [[h.clause_id for h in q] for q in hits]
    rows, agreeing = [], []
    for backend, top in tops.items():
        same_set = sum(set(a) == set(b) for a, b in zip(top, tops["torch"]))
        same_list = sum(a == b for a, b in zip(top, tops["torch"]))
        overlap = np.mean([len(set(a) & set(b)) / 5 for a, b in zip(top, tops["torch"])])
        rows.append([backend, f"{same_set}/{len(qs)}", f"{same_list}/{len(qs)}", round(float(overlap), 3),
                     round(encoded[backend]["rate"], 1)])
        if same_set == len(qs):
            agreeing.append((encoded[backend]["rate"], backend))
    table(f"Top-5 agreement with torch on the fixed query set ({len(qs)} queries, hybrid search)",
          ["backend", "same top-5 set", "same order", "overlap@5", "clauses/s"], rows)
    choice = max(agreeing)[1] if agreeing else "torch"
    print(f"  fastest agreeing backend: {choice}; AUTO_BACKEND = {AUTO_BACKEND}"
          + ("" if choice == AUTO_BACKEND else "  <-- differs, update AUTO_BACKEND"))
    return choice


def bench_builds(corpus, rounds: int) -> Path:
    from plankg.embeddings import Searcher, build_index, load_encoder
    from plankg.embeddings.onnx_export import ensure_onnx
    from plankg.settings import Settings

    workspace = Path(tempfile.mkdtemp(prefix="plankg-bench-"))
    settings = Settings(home=workspace)
    encoder = load_encoder(settings)
    rows = []
    if encoder.backend.startswith("onnx"):
        started = time.perf_counter()
        ensure_onnx(encoder.info, workspace / "models", quantized=encoder.backend == "onnx-int8")
        rows.append(["ONNX export (once per model)", "", "", round(time.perf_counter() - started, 1)])
    started = time.perf_counter()
    cold = build_index(corpus, workspace / "index", encoder=encoder, progress=False)
    rows.append([f"cold build ({encoder.backend}, model load included)", cold["clauses"], cold["embedded"],
                 round(time.perf_counter() - started, 1)])
    warm = build_index(corpus, workspace / "index2", previous_dir=workspace / "index",
                       encoder=load_encoder(settings), progress=False)
    rows.append(["warm build, no change", warm["clauses"], warm["embedded"], round(warm["seconds"], 2)])
    started = time.perf_counter()
    searcher = Searcher(workspace / "index2", settings=settings)
    load_seconds = time.perf_counter() - started
    rows.append(["Searcher load (JSON + NumPy)", len(searcher), "", round(load_seconds, 3)])
    table("Index build, bundled corpus", ["step", "clauses", "embedded", "seconds"], rows)
    assert warm["embedded"] == 0, "warm rebuild embedded clauses"

    qs = queries()
    searcher.search(qs[:2], k=10)  # loads the encoder and jieba
    single = []
    for _ in range(rounds):
        for q in qs:
            started = time.perf_counter()
            searcher.search([q], k=10)
            single.append(time.perf_counter() - started)
    started = time.perf_counter()
    searcher.search(qs, k=10)
    batch_ms = (time.perf_counter() - started) * 1000 / len(qs)
    filtered = []
    for q in qs:
        started = time.perf_counter()
        searcher.search([q], k=10, filters={"region": "温州", "kind": ["sentence", "item"]})
        filtered.append(time.perf_counter() - started)
    p50, p95 = percentiles(single)
    f50, f95 = percentiles(filtered)
    table(f"Search latency, bundled corpus, warm process ({len(single)} single-query calls, k=10)",
          ["mode", "p50 ms", "p95 ms"],
          [["one query per call", round(p50, 1), round(p95, 1)],
           ["with region + kind filters", round(f50, 1), round(f95, 1)],
           [f"{len(qs)} queries in one call (per query)", round(batch_ms, 1), ""]])
    return workspace


def synthetic(kind: str, n: int, dim: int, real: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``n`` unit vectors: ``random`` (uniform on the sphere) or ``gaussian`` (fitted to ``real``)."""
    out = np.empty((n, dim), dtype=np.float32)
    if kind == "gaussian":
        mean = real.mean(axis=0)
        chol = np.linalg.cholesky(np.cov(real.T) + 1e-6 * np.eye(dim)).astype(np.float32)
    for start in range(0, n, 100_000):
        end = min(n, start + 100_000)
        block = rng.standard_normal((end - start, dim), dtype=np.float32)
        if kind == "gaussian":
            block = mean + block @ chol.T
        out[start:end] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def bench_synthetic(sizes: list[int], real: np.ndarray, n_queries: int = 200) -> None:
    from plankg.embeddings.ann import build_ann

    rows = []
    rng = np.random.default_rng(42)
    for kind in ("random", "gaussian"):
        for n in sizes:
            vectors = synthetic(kind, n, real.shape[1], real, rng)
            probes = synthetic(kind, n_queries, real.shape[1], real, rng)
            exact = build_ann(vectors, "flat")
            _, truth = exact.search(probes, 10)
            flat_lat = []
            for q in probes[:50]:
                started = time.perf_counter()
                exact.search(q[None], 10)
                flat_lat.append(time.perf_counter() - started)
            del exact
            f50, f95 = percentiles(flat_lat)
            rows.append([kind, n, "flat (exact)", "", "", round(f50, 2), round(f95, 2), 1.0])
            started = time.perf_counter()
            ann = build_ann(vectors)
            build_seconds = time.perf_counter() - started
            default_probe = ann.params["nprobe"]
            for share in (1 / 32, 1 / 16, 1 / 8, 1 / 4):
                ann.params["nprobe"] = max(1, round(ann.params["nlist"] * share))
                latencies, found = [], []
                for q in probes:
                    started = time.perf_counter()
                    _, ids = ann.search(q[None], 10)
                    latencies.append(time.perf_counter() - started)
                    found.append(ids[0])
                recall = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, truth)]))
                p50, p95 = percentiles(latencies)
                label = f"{ann.kind} nlist={ann.params['nlist']} nprobe={ann.params['nprobe']}"
                label += " (default)" if ann.params["nprobe"] == default_probe else ""
                rows.append([kind, n, label, round(build_seconds, 1), "", round(p50, 2), round(p95, 2),
                             round(recall, 3)])
            del ann, vectors
    table("Approximate index on synthetic unit vectors (dim 512, 200 queries, recall@10 vs exact)",
          ["vectors", "n", "index", "build s", "", "p50 ms", "p95 ms", "recall@10"], rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="synthetic collection sizes")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--rounds", type=int, default=3, help="repeat timings, keep the best")
    parser.add_argument("--quality-only", action="store_true",
                        help="only the search-quality comparison (dense, BM25, RRF, txtai, plankg)")
    args = parser.parse_args(argv)
    if args.quality_only:
        return search_quality()

    from plankg.embeddings.store import read_vectors
    from plankg.ingest import read_corpus
    from plankg.settings import Settings

    corpus = read_corpus()
    print(f"bundled corpus: {len(corpus.documents)} documents, {len(corpus.clauses)} clauses")
    with tempfile.TemporaryDirectory() as tmp:
        encoded = bench_encoders(corpus, Settings(home=Path(tmp)), args.rounds)
        bench_agreement(corpus, encoded)
    workspace = bench_builds(corpus, args.rounds)
    try:
        if not args.skip_synthetic:
            sizes = [int(s) for s in args.sizes.split(",") if s]
            bench_synthetic(sizes, read_vectors(workspace / "index2"))
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    return search_quality()


def search_quality() -> int:
    """hit@3 and MRR on paraphrase queries (``search_quality.py``) in a fresh workspace of the bundled corpus."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import search_quality as quality

    with tempfile.TemporaryDirectory() as tmp:
        return quality.main(Path(tmp) / "workspace")


if __name__ == "__main__":
    sys.exit(main())
