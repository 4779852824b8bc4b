"""Latency of ``ask`` in one warm process on the bundled corpus: p50/p95 per intent and overall.

Usage: python benchmarks/bench_qa.py [--workspace DIR] [--rounds N]

Builds the workspace first if it is not built (``plankg build``'s library call). The engine is
loaded once and warmed with one question of each intent (the first clause search loads the
encoder); then every question is asked ``rounds`` times.
"""
from __future__ import annotations

import argparse
import sys
import time

QUESTIONS = {
    "target_value": ["路桥区2025年技术交易额目标是多少？", "温州2019年新增高新技术企业的目标是多少家？",
                     "What is Luqiao's 2025 target for technology transaction value?"],
    "target_owners": ["谁负责数字经济核心产业增加值占GDP比重的目标？", "哪个部门牵头技术交易额工作？",
                      "Which unit owns the R&D personnel target in Luqiao?"],
    "unit_targets": ["区经信局负责哪些目标？", "高新处负责哪些工作？", "What targets does the Luqiao HR bureau own?"],
    "evolution": ["路桥区每万名就业人员中研发人员数的目标从2021年到2025年怎样变化？",
                  "How did Luqiao's R&D intensity target change from 2021 to 2025?"],
    "plan_vs_outcome": ["温州2019年国家高新区排名前移的目标完成了吗？", "Did Wenzhou achieve its 2019 high-tech zone ranking goal?"],
    "entity_list": ["温州有哪些实验室？", "Which research institutes are in Wenzhou?"],
    "entity_profile": ["浙大温州研究院的进展", "Tell me about 浙大温州研究院"],
    "search": ["科技金融方面有哪些举措", "怎样培养科技人才队伍"],
    "not found": ["北京2025年的科技目标是什么？", "上海2030年的目标是什么"],
}


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workspace", help="workspace folder (default: $PLANKG_HOME or the per-user folder)")
    parser.add_argument("--rounds", type=int, default=5, help="times each question is asked (default 5)")
    args = parser.parse_args(argv)

    from plankg.qa import QAEngine
    from plankg.workspace import Workspace

    workspace = Workspace(args.workspace)
    started = time.perf_counter()
    report = workspace.build()
    build_seconds = time.perf_counter() - started
    started = time.perf_counter()
    engine = QAEngine(workspace)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for questions in QUESTIONS.values():
        engine.ask(questions[0])
    warm_seconds = time.perf_counter() - started

    timings: dict[str, list[float]] = {intent: [] for intent in QUESTIONS}
    routed: dict[str, int] = {intent: 0 for intent in QUESTIONS}
    for _ in range(args.rounds):
        for intent, questions in QUESTIONS.items():
            for question in questions:
                started = time.perf_counter()
                answer = engine.ask(question)
                timings[intent].append((time.perf_counter() - started) * 1000)
                expected = answer.found is False if intent == "not found" else answer.intent == intent
                routed[intent] += expected

    print(f"workspace {workspace.home}: build {'(up to date) ' if report.up_to_date else ''}{build_seconds:.1f}s, "
          f"engine load {load_seconds * 1000:.0f} ms, warm-up {warm_seconds:.1f}s "
          f"(graph store: {getattr(engine.store, 'kind', '?')}, search: {engine.search.kind})")
    print(f"{'intent':<16} {'asks':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'routed':>7}")
    everything: list[float] = []
    for intent, values in timings.items():
        everything += values
        print(f"{intent:<16} {len(values):>5} {percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f} "
              f"{max(values):>8.1f} {routed[intent] / len(values):>7.0%}")
    print(f"{'all':<16} {len(everything):>5} {percentile(everything, 0.5):>8.1f} "
          f"{percentile(everything, 0.95):>8.1f} {max(everything):>8.1f}")
    print(f"aim: p50 < 200 ms -> {'met' if percentile(everything, 0.5) < 200 else 'NOT met'}")
    engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
