"""``plankg serve``: its options, and the read-only SPARQL endpoint it runs beside the app."""
from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request

import pytest

from plankg.cli import build_parser
from tests.ui.conftest import free_port


def test_serve_options_and_defaults():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.sparql_port) == ("127.0.0.1", 7860, None)
    args = build_parser().parse_args(["serve", "--port", "8001", "--sparql-port", "7878", "--workspace", "w"])
    assert (args.port, args.sparql_port, args.workspace) == (8001, 7878, "w")


def _count(url: str) -> int:
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    request = urllib.request.Request(f"{url}?{query}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
def test_endpoint_serves_the_workspace_graph_read_only(app_home):
    from plankg.cmd_serve import SparqlEndpoint

    endpoint = SparqlEndpoint(app_home, "127.0.0.1", free_port())
    endpoint.start()
    count = 0
    try:
        for _ in range(150):  # the guarded endpoint starts Oxigraph behind it first
            try:
                count = _count(endpoint.url)
                break
            except OSError:
                time.sleep(0.2)
        assert count > 0
        update = urllib.request.Request(endpoint.url.replace("/query", "/update"), data=b"update=DELETE WHERE { ?s ?p ?o }",
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(OSError):
            urllib.request.urlopen(update, timeout=10)
        assert _count(endpoint.url) == count
    finally:
        endpoint.stop()


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_sigterm_stops_the_app_and_every_child_mid_query(app_home):
    """SIGTERM while the SPARQL console runs a long query: the app, its query child, the endpoint and
    its Oxigraph all end within seconds, and the workspace lock is free."""
    import os
    import signal
    import subprocess
    import sys
    import threading
    from pathlib import Path

    from gradio_client import Client

    from plankg.cmd_serve import descendants
    from plankg.files import FileLock
    from plankg.workspace import LOCK_FILE
    from tests.graph.test_query_safety import CROSS

    port = free_port()
    app = subprocess.Popen([sys.executable, "-m", "plankg.cli", "serve", "--workspace", str(app_home), "--port", str(port),
                            "--sparql-port", str(free_port())], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(600):
            assert app.poll() is None, app.stderr.read().decode()
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        client = Client(url, verbose=False)
        started = set(descendants(app.pid))  # the endpoint and its Oxigraph
        threading.Thread(target=lambda: client.predict(CROSS, api_name="/sparql"), daemon=True).start()
        for _ in range(200):
            if set(descendants(app.pid)) - started:
                break
            time.sleep(0.1)
        children = descendants(app.pid)
        assert set(children) - started, "the query should run in a child process of its own"
        app.send_signal(signal.SIGTERM)
        stopped = time.monotonic()
        app.wait(timeout=30)
        assert time.monotonic() - stopped < 15
        time.sleep(0.5)
        living = [pid for pid in children if Path(f"/proc/{pid}").exists()
                  and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
        assert living == []
        lock = FileLock(Path(app_home) / LOCK_FILE)
        lock.acquire(wait=0)
        lock.release()
        with pytest.raises(OSError):
            urllib.request.urlopen(url, timeout=2)
    finally:
        if app.poll() is None:
            os.kill(app.pid, signal.SIGKILL)
            app.wait()


@pytest.mark.slow
def test_serve_puts_uploads_in_the_workspace_folder_not_the_shared_tmp(app_home, tmp_path):
    import os
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from gradio_client import Client, handle_file

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "GRADIO_TEMP_DIR"}
    server = subprocess.Popen([sys.executable, "-m", "plankg.cli", "serve", "--workspace", str(app_home),
                               "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        for line in server.stdout:  # the banner says where the app is and which workspace it writes to
            lines.append(line)
            if line.startswith("serving and adding uploads to the workspace"):
                break
        assert any(str(app_home) in line for line in lines), lines
        name = f"probe-{os.getpid()}-{port}.exe"
        probe = tmp_path / name
        probe.write_bytes(b"MZ")
        with pytest.raises(Exception, match="Invalid file type"):  # Gradio took the file, then refused its type
            Client(f"http://127.0.0.1:{port}/", verbose=False).predict([handle_file(str(probe))], api_name="/upload")
        landed = list((app_home / ".gradio").rglob(name))
        assert len(landed) == 1 and oct(landed[0].parents[1].stat().st_mode & 0o777) == "0o700"
        assert not list((Path(tempfile.gettempdir()) / "gradio").rglob(name))
        landed[0].unlink()
    finally:
        server.terminate()
        server.wait(timeout=60)
