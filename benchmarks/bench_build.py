"""Build and encoder benchmarks, side by side in one run (wall time and CPU time).

Usage: python benchmarks/bench_build.py [--rounds N] [--skip-encoders] [--skip-cli]

1. Encoders on the bundled corpus's clauses, round-robin: plain sentence-transformers (fp32,
   its defaults) against plankg's ONNX encoder at 512 and 256 tokens, fp32 and per-channel int8.
   Speed ratio to plain sentence-transformers, cosine to its vectors (mean, min), and the dense
   top-5 of each query of the fixed set (tests/embeddings/agreement_queries.txt) compared with
   plain sentence-transformers' top-5 (queries whose top-5 set is unchanged).
2. The command line as a user meets it, each step a fresh process: cold ``plankg build`` of the
   bundled corpus (new workspace; ONNX export already in the per-user cache), warm no-change
   rebuild, cold ``plankg search`` process. CPU time is the child's user+system time.

The machine is shared: compare the ratios within one run, and the CPU times across runs.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
QUERY_FILE = HERE.parent / "tests" / "embeddings" / "agreement_queries.txt"
sys.path.insert(0, str(HERE))
from bench_search import table  # noqa: E402 - the shared table printer


def machine() -> str:
    """One line describing this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, load {load:.1f} at start"


def queries() -> list[str]:
    lines = QUERY_FILE.read_text(encoding="utf-8").splitlines()
    return [q.strip() for q in lines if q.strip() and not q.startswith("#")]


def timed(run) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def bench_encoders(rounds: int) -> None:
    from sentence_transformers import SentenceTransformer

    from plankg.embeddings.encoder import load_encoder
    from plankg.ingest import read_corpus
    from plankg.settings import Settings

    texts = [c.text for c in read_corpus().clauses]
    qs = queries()
    home = Path(tempfile.mkdtemp(prefix="plankg-bench-"))
    variants = {}
    for backend in ("onnx", "onnx-int8"):
        for tokens in (0, 256):
            settings = Settings(home=home, max_tokens=tokens)
            variants[f"{backend} {tokens or 512} tok"] = load_encoder(settings, backend=backend).load()
    plain = SentenceTransformer(str(variants["onnx 512 tok"].info.path), device="cpu")
    runners = {"sentence-transformers fp32": lambda t: plain.encode(t, batch_size=32, normalize_embeddings=True,
                                                                     convert_to_numpy=True)}
    runners.update({name: enc.encode for name, enc in variants.items()})
    best: dict[str, tuple[float, float]] = {}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(rounds):
        for name, run in runners.items():
            wall, cpu, out = timed(lambda run=run: run(texts))
            vectors[name] = np.asarray(out, dtype=np.float32)
            if name not in best or wall < best[name][0]:
                best[name] = (wall, cpu)
    reference = vectors["sentence-transformers fp32"]
    ref_queries = np.asarray(plain.encode(qs, normalize_embeddings=True), dtype=np.float32)
    ref_top = [set(np.argsort(-(reference @ q))[:5]) for q in ref_queries]
    base_wall, base_cpu = best["sentence-transformers fp32"]
    rows = []
    for name, (wall, cpu) in best.items():
        cos = np.sum(vectors[name] * reference, axis=1)
        if name in variants:
            query_vectors = variants[name].encode(qs)
        else:
            query_vectors = ref_queries
        same = sum(set(np.argsort(-(vectors[name] @ q))[:5]) == top for q, top in zip(query_vectors, ref_top))
        rows.append([name, round(wall, 2), round(cpu, 2), f"{base_wall / wall:.2f}x", f"{base_cpu / cpu:.2f}x",
                     float(cos.mean()), float(cos.min()), f"{same}/{len(qs)}"])
    table(f"Encoders on {len(texts)} bundled clauses (best of {rounds}; ratios against plain sentence-transformers)",
          ["encoder", "wall s", "cpu s", "speed (wall)", "speed (cpu)", "cos mean", "cos min", "same top-5"], rows)


def run_cli(args: list[str], home: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run ``plankg ARGS`` in a fresh process: (wall s, child CPU s, result)."""
    env = {**os.environ, "PLANKG_HOME": str(home)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "plankg.cli", *args], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        raise SystemExit(f"plankg {' '.join(args)} failed: {result.stderr[-500:]}")
    return wall, cpu, result


def bench_cli(rounds: int) -> None:
    rows = []
    results: dict[str, list[tuple[float, float]]] = {"cold build": [], "warm no-change rebuild": [],
                                                     "cold `plankg search` process": []}
    warmup = Path(tempfile.mkdtemp(prefix="plankg-bench-"))
    run_cli(["build"], warmup)  # makes sure the ONNX export is in the per-user cache
    for _ in range(rounds):
        home = Path(tempfile.mkdtemp(prefix="plankg-bench-"))
        results["cold build"].append(run_cli(["build"], home)[:2])
        results["warm no-change rebuild"].append(run_cli(["build"], home)[:2])
        results["cold `plankg search` process"].append(run_cli(["search", "科技特派员制度", "-k", "5"], home)[:2])
    for name, runs in results.items():
        walls = sorted(w for w, _ in runs)
        cpus = sorted(c for _, c in runs)
        rows.append([name, round(walls[0], 2), round(walls[len(walls) // 2], 2), round(cpus[0], 2)])
    table(f"Command line, fresh process each ({rounds} runs; ONNX export cached per machine)",
          ["step", "best wall s", "median wall s", "best cpu s"], rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-encoders", action="store_true")
    parser.add_argument("--skip-cli", action="store_true")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    if not args.skip_encoders:
        bench_encoders(args.rounds)
    if not args.skip_cli:
        bench_cli(args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
