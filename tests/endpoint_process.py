"""Loopback peers shared by the endpoint and query-safety tests and the chaos suite (benchmarks/chaos.py):
``plankg endpoint`` run as a user runs it, and a listener a SERVICE clause would reach."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from plankg.cmd_serve import descendants
from plankg.graph.endpoint import free_port


class Endpoint:
    """``plankg endpoint`` on a free port of a workspace, stopped with SIGTERM.

    Raises:
        RuntimeError: The endpoint exited or did not answer within 30 s.
    """

    def __init__(self, home: Path, timeout_s: float = 4) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([sys.executable, "-m", "plankg.cli", "endpoint", "--workspace", str(home),
                                         "--port", str(self.port), "--timeout", str(timeout_s)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(300):
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read() if self.process.stderr else "endpoint exited")
            try:
                self.get("ASK {}")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("endpoint did not start")

    def get(self, query: str, host: str | None = None, timeout: float = 60) -> tuple[int, str]:
        """(status, body) of a GET query, with another ``Host`` header when given."""
        request = urllib.request.Request(f"{self.base}/query?query={urllib.parse.quote(query)}",
                                         headers={"Accept": "application/sparql-results+json",
                                                  **({"Host": host} if host else {})})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def oxigraph_pids(self) -> list[int]:
        """The Oxigraph servers the endpoint runs."""
        return [pid for pid in descendants(self.process.pid) if command(pid).startswith("oxigraph")]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def command(pid: int) -> str:
    """The command name of a process ("" when it is gone)."""
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


class Listener:
    """A loopback TCP listener that counts connections: a SERVICE clause that runs would reach it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self, grace_s: float = 0.0) -> int:
        """Stop listening after ``grace_s`` more seconds for late callers; the connections seen."""
        time.sleep(grace_s)
        self._stop.set()
        self.thread.join(timeout=5)
        self.sock.close()
        return self.connections
