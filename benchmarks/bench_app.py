"""The app under load on the bundled corpus: 20 users asking at once over loopback, p50/p95.

Usage: python benchmarks/bench_app.py [--workspace DIR] [--users N] [--concurrency C ...]

Builds the workspace first if needed, launches the app on a free loopback port, asks one question
alone (the single-user latency), then lets ``users`` clients ask together, once per queue size
given. Each user is its own ``gradio_client.Client`` (its own session), as separate browsers are.
"""
from __future__ import annotations

import argparse
import socket
import sys
import time
from concurrent.futures import ThreadPoolExecutor

QUESTIONS = [
    "哪些单位负责R&D经费投入相关的目标？",
    "路桥区每万名就业人员中研发人员数的目标从2021年到2025年怎样变化？",
    "Which unit owns the R&D personnel target in Luqiao?",
    "路桥区2025年技术交易额目标是多少？",
    "温州有哪些实验室？",
    "科技金融方面有哪些举措",
]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_users(url: str, users: int) -> tuple[list[float], float, int]:
    """Latencies of ``users`` clients asking at once, the wall time, and how many got an answer."""
    from gradio_client import Client

    clients = [Client(url, verbose=False) for _ in range(users)]

    def one(index: int) -> tuple[float, bool]:
        started = time.perf_counter()
        answer, *_ = clients[index].submit(QUESTIONS[index % len(QUESTIONS)], api_name="/ask").result(timeout=600)
        return time.perf_counter() - started, bool(answer.strip()) and not answer.startswith("⚠")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        results = list(pool.map(one, range(users)))
    return [seconds for seconds, _ in results], time.perf_counter() - started, sum(ok for _, ok in results)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workspace", help="workspace folder (default: $PLANKG_HOME or the per-user folder)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4], help="queue sizes to compare")
    args = parser.parse_args(argv)

    from plankg.ui.app import launch
    from plankg.ui.data import AppData
    from plankg.workspace import Workspace

    workspace = Workspace(args.workspace)
    workspace.build()
    data = AppData(workspace.home)
    data.warm()
    print(f"{'queue':>5} {'users':>5} {'answered':>8} {'alone p50 s':>11} {'p50 s':>7} {'p95 s':>7} {'wall s':>7} "
          f"{'p50/alone':>9}")
    for concurrency in args.concurrency:
        demo = launch(data, port=free_port(), block=False, concurrency=concurrency)
        try:
            alone = [run_users(demo.local_url, 1)[0][0] for _ in range(5)]
            latencies, wall, answered = run_users(demo.local_url, args.users)
        finally:
            demo.close()
        single = percentile(alone, 0.5)
        p50 = percentile(latencies, 0.5)
        print(f"{concurrency:>5} {args.users:>5} {answered:>8} {single:>11.2f} {p50:>7.2f} "
              f"{percentile(latencies, 0.95):>7.2f} {wall:>7.2f} {p50 / single:>9.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
