"""The endpoint heals and isolates: a dead Oxigraph child comes back, a timed-out query fails alone,
the memory cap holds, ``Host`` must name the bound address, and SIGTERM leaves nothing behind.

All against ``plankg endpoint`` and the real ``oxigraph`` server on loopback.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from plankg.graph.endpoint import allowed_host
from tests.endpoint_process import Endpoint, command
from tests.graph.test_query_safety import CROSS, build_home

pytestmark = pytest.mark.timeout(300)

#: About half a second of work for Oxigraph on the test graph: always some in flight.
MEDIUM = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?b ?f }"
SORTED_CROSS = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
MEMORY_CAP_MB = 300


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("heal")
    build_home(root / "home", root / "docs", 654)
    (root / "home" / "plankg.toml").write_text(f"query_max_memory_mb = {MEMORY_CAP_MB}\n", "utf-8")
    return root / "home"


@pytest.fixture(scope="module")
def endpoint(home: Path):
    served = Endpoint(home)
    yield served
    served.stop()


def test_the_host_header_must_name_the_bound_address(endpoint: Endpoint):
    port = endpoint.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "LOCALHOST"):
        assert endpoint.get("ASK {}", host=host)[0] == 200, host
    for host in (f"evil.example:{port}", "attacker.test", f"192.168.1.20:{port}", f"localhost.evil.example:{port}"):
        status, text = endpoint.get("ASK {}", host=host)
        assert status == 421 and "DNS rebinding" in text and text.count("\n") == 1, (host, status, text)


def test_allowed_hosts_follow_the_bind_address():
    assert allowed_host("127.0.0.2:80", "127.0.0.1") and not allowed_host("example.org", "127.0.0.1")
    assert allowed_host("10.0.0.5:7878", "10.0.0.5") and not allowed_host("10.0.0.6:7878", "10.0.0.5")
    assert allowed_host("10.0.0.6:7878", "0.0.0.0") and not allowed_host("rebound.example:7878", "0.0.0.0")
    assert allowed_host(None, "127.0.0.1")


def test_a_killed_oxigraph_child_is_started_again(endpoint: Endpoint):
    (first,) = endpoint.oxigraph_pids()
    os.kill(first, signal.SIGKILL)
    time.sleep(0.2)
    status, text = endpoint.get("ASK {}")
    assert status == 200 and "true" in text
    (second,) = endpoint.oxigraph_pids()
    assert second != first


def test_a_timed_out_query_fails_alone(endpoint: Endpoint):
    results: list[tuple[int, str]] = []
    stop = threading.Event()

    def innocent() -> None:
        while not stop.is_set():
            results.append(endpoint.get(MEDIUM))

    workers = [threading.Thread(target=innocent) for _ in range(3)]
    for worker in workers:
        worker.start()
    time.sleep(1)
    before = endpoint.oxigraph_pids()
    status, text = endpoint.get(CROSS)  # runs past the 4 s timeout: its server is killed
    time.sleep(1.5)
    stop.set()
    for worker in workers:
        worker.join(timeout=60)
    assert status == 503 and "stopped after 4 s" in text
    assert endpoint.oxigraph_pids() != before  # the stuck server was replaced
    assert len(results) >= 6
    assert [r for r in results if r[0] != 200] == []


def test_the_oxigraph_server_stays_under_its_memory_cap(endpoint: Endpoint):
    peak = [0.0]
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak[0] = max([peak[0], *(_rss_mb(pid) for pid in endpoint.oxigraph_pids())])
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.monotonic()
    try:
        status, text = endpoint.get(SORTED_CROSS)
    finally:
        done.set()
        watcher.join()
    assert status == 503 and f"({MEMORY_CAP_MB} MB, query_max_memory_mb)" in text, (status, text)
    assert time.monotonic() - started < 30
    assert 0 < peak[0] < MEMORY_CAP_MB + 20, peak[0]
    assert endpoint.get("ASK {}")[0] == 200


def test_sigterm_stops_the_endpoint_and_its_server_mid_query(home: Path):
    served = Endpoint(home, timeout_s=30)
    children = served.oxigraph_pids()
    assert children
    threading.Thread(target=served.get, args=(CROSS,), daemon=True).start()
    time.sleep(1)
    served.process.send_signal(signal.SIGTERM)
    served.process.wait(timeout=15)
    time.sleep(0.5)
    assert [pid for pid in children if command(pid) == "oxigraph"] == []
    with pytest.raises(OSError):
        served.get("ASK {}", timeout=2)
