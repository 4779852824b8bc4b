"""Run many callers at once and report their latencies (shared by the concurrency tests)."""
from __future__ import annotations

import statistics
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor


def run_burst(call: Callable[[int], list[float]], callers: int, rounds: int, label: str) -> list[float]:
    """Run ``call(index)`` for every caller at once; each returns its latencies in seconds.

    Any caller's error is re-raised. Prints p50/p95 under ``label`` and returns the sorted latencies.
    """
    with ThreadPoolExecutor(max_workers=callers) as pool:
        results = list(pool.map(call, range(callers)))
    latencies = sorted(seconds for per_caller in results for seconds in per_caller)
    assert len(latencies) == callers * rounds
    print(f"{label}: p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {latencies[int(0.95 * (len(latencies) - 1))] * 1000:.0f} ms")
    return latencies
