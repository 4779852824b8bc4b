"""Twenty callers at once: SPARQL clients on ``plankg endpoint`` and threads on ``kg.ask``/``kg.search``.

Usage: python benchmarks/bench_concurrency.py [--workspace DIR] [--clients 20] [--rounds 10]

Builds the workspace of the bundled corpus first if it is not built (``Workspace.build``). Then:

1. starts ``plankg endpoint`` (the real Oxigraph server behind plankg's guard, on loopback) and
   lets ``clients`` threads send ``rounds`` SPARQL requests each, all at once (the named queries'
   own SPARQL: targets of a region, plan vs outcome of a region, owners of an indicator, counts);
2. opens the facade once, warms it, and lets ``clients`` threads call ``kg.ask`` and
   ``kg.search`` in turn, ``rounds`` calls each.

Prints p50/p95/max latency, errors and throughput for each, with the serial (one caller) p50
of the same calls in the same run for comparison.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

QUESTIONS = ["路桥区2025年技术交易额目标是多少？", "谁负责数字经济核心产业增加值占GDP比重的目标？",
             "温州2019年国家高新区排名前移的目标完成了吗？", "Which unit owns the R&D personnel target in Luqiao?",
             "温州有哪些实验室？"]
SEARCHES = ["科技金融方面有哪些举措", "怎样培养科技人才队伍", "高新技术企业培育", "研发投入强度"]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def burst(clients: int, rounds: int, call: Callable[[int, int], None]) -> dict:
    """``clients`` threads released together, each making ``rounds`` calls; latencies and errors."""
    start = threading.Barrier(clients)
    errors: list[str] = []

    def one_client(index: int) -> list[float]:
        start.wait(timeout=300)
        latencies = []
        for turn in range(rounds):
            began = time.perf_counter()
            try:
                call(index, turn)
            except Exception as error:  # noqa: BLE001 - counted and shown, the burst goes on
                errors.append(f"{type(error).__name__}: {error}"[:200])
            latencies.append(time.perf_counter() - began)
        return latencies

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        latencies = [s for per_client in pool.map(one_client, range(clients)) for s in per_client]
    wall = time.perf_counter() - began
    return {"calls": len(latencies), "errors": len(errors), "first_error": errors[0] if errors else "",
            "p50_ms": percentile(latencies, 0.5) * 1000, "p95_ms": percentile(latencies, 0.95) * 1000,
            "max_ms": max(latencies) * 1000, "per_s": len(latencies) / wall, "wall_s": wall}


def serial_p50(calls: int, call: Callable[[int, int], None]) -> float:
    """p50 of the same calls made one at a time (ms)."""
    latencies = []
    for turn in range(calls):
        began = time.perf_counter()
        call(turn, 0)
        latencies.append(time.perf_counter() - began)
    return percentile(latencies, 0.5) * 1000


def sparql_requests(home: Path) -> list[str]:
    """The named queries' own SPARQL (the text each returns), run as plain requests."""
    from plankg.graph import queries as Q
    from plankg.graph.store import open_store

    store = open_store(home / "graph", kind="oxigraph")
    texts = [Q.targets(store, region="温州").sparql, Q.plan_vs_outcome(store, region="温州").sparql,
             Q.owners_of_indicator(store, "rd_intensity").sparql, Q.indicator_counts(store).sparql]
    store.close()
    return [text.split("\n\n")[-1] for text in texts]  # the main query (the region lookup ran first)


def endpoint_burst(home: Path, clients: int, rounds: int) -> tuple[dict, float]:
    from plankg.graph.endpoint import free_port

    requests = sparql_requests(home)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "plankg.cli", "endpoint", "--workspace", str(home),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(600):
            if server.poll() is not None:
                raise SystemExit(f"the endpoint did not start: {server.stderr.read().decode()[-300:]}")
            try:
                urllib.request.urlopen(base + "?query=" + urllib.parse.quote("ASK {}"), timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)

        def call(index: int, turn: int) -> None:
            query = requests[(index + turn) % len(requests)]
            request = urllib.request.Request(base, data=query.encode("utf-8"),
                                             headers={"Content-Type": "application/sparql-query",
                                                      "Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(request, timeout=120) as answer:
                json.load(answer)["results"]["bindings"]  # noqa: B018 - a whole, parsed answer

        alone = serial_p50(2 * len(requests), call)
        return burst(clients, rounds, call), alone
    finally:
        server.terminate()
        server.wait(timeout=30)


def facade_burst(home: Path, clients: int, rounds: int) -> tuple[dict, float]:
    import plankg

    kg = plankg.open(home, build=False)

    def call(index: int, turn: int) -> None:
        which = index + turn
        if which % 2:
            answer = kg.ask(QUESTIONS[which % len(QUESTIONS)])
            if not answer.answer:
                raise RuntimeError(f"empty answer to {QUESTIONS[which % len(QUESTIONS)]}")
        elif not kg.search(SEARCHES[which % len(SEARCHES)], k=10):
            raise RuntimeError(f"no hits for {SEARCHES[which % len(SEARCHES)]}")

    for turn in range(len(QUESTIONS) + len(SEARCHES)):  # warm: model, index, graph, vocabulary
        call(turn, 0)
    alone = serial_p50(2 * len(QUESTIONS), call)
    try:
        return burst(clients, rounds, call), alone
    finally:
        kg.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, help="workspace folder (default: $PLANKG_HOME or the per-user one)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    from bench_build import machine
    from bench_search import table

    from plankg.workspace import Workspace

    print(f"machine: {machine()}")
    workspace = Workspace(args.workspace)
    workspace.build()
    home = workspace.home
    rows = []
    for name, run in (("SPARQL clients on plankg endpoint", endpoint_burst), ("threads on kg.ask / kg.search", facade_burst)):
        result, alone = run(home, args.clients, args.rounds)
        rows.append([name, args.clients, result["calls"], result["errors"], round(alone), round(result["p50_ms"]),
                     round(result["p95_ms"]), round(result["max_ms"]), round(result["per_s"], 1)])
        if result["errors"]:
            print(f"{name}: first error: {result['first_error']}")
    table(f"{args.clients} callers at once, {args.rounds} calls each (latency per call, ms)",
          ["callers", "n", "calls", "errors", "alone p50", "p50", "p95", "max", "calls/s"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
