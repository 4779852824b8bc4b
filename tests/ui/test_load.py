"""Twenty users asking at once over loopback: every one gets an answer (timings are printed, not asserted)."""
from __future__ import annotations

import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.slow

USERS = 20
QUESTIONS = [
    "哪些单位负责R&D经费投入相关的目标？",
    "椒江区2024年高新技术企业的目标是多少？",
    "椒江区全社会R&D经费支出占GDP比重从2023年到2024年怎样变化？",
    "Which unit leads the incubator target in Jiaojiang?",
    "椒江区有哪些研究院？",
]


def test_twenty_concurrent_users_all_get_answers(app_url, output_dir):
    from gradio_client import Client

    clients = [Client(app_url, verbose=False) for _ in range(USERS)]

    def one_user(index: int) -> tuple[float, str]:
        started = time.perf_counter()
        answer, table, evidence, sparql = clients[index].submit(QUESTIONS[index % len(QUESTIONS)], api_name="/ask").result(timeout=180)
        return time.perf_counter() - started, answer

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=USERS) as pool:
        results = list(pool.map(one_user, range(USERS)))
    wall = time.perf_counter() - started
    answers = [answer for _, answer in results]
    assert len(answers) == USERS
    assert all(answer.strip() and not answer.startswith("⚠") for answer in answers)
    latencies = sorted(seconds for seconds, _ in results)
    summary = {"users": USERS, "p50_s": round(statistics.median(latencies), 2),
               "p95_s": round(latencies[int(0.95 * (USERS - 1))], 2), "wall_s": round(wall, 2)}
    (output_dir / "load.json").write_text(json.dumps(summary), "utf-8")
    print("20 concurrent users:", summary)
