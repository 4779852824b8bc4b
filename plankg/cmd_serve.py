"""``plankg serve``: the Gradio app on a workspace, optionally with the read-only SPARQL endpoint."""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from plankg.cmd_graph import endpoint_command
from plankg.settings import default_home
from plankg.ui.app import launch
from plankg.ui.data import AppData
from plankg.ui.uploads import use_private_temp_dir
from plankg.workspace import Workspace


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Register ``plankg serve`` (the CLI adds ``--workspace``)."""
    serve = sub.add_parser("serve", help="start the app (ask, search, targets, evolution, entities, SPARQL, corpus)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=7860, help="app port (default 7860)")
    serve.add_argument("--sparql-port", type=int, metavar="PORT",
                       help="also serve the graph read-only over SPARQL on this port (e.g. 7878)")
    serve.add_argument("--concurrency", type=int, default=4, help="requests answered at once (default 4)")
    serve.set_defaults(func=run)


class SparqlEndpoint:
    """``plankg endpoint`` (Oxigraph behind plankg's guard) for the workspace, as a child process.

    The guard follows the workspace's ``current`` build itself, so an upload needs no restart.
    """

    def __init__(self, home: Path, host: str, port: int) -> None:
        self.home, self.host, self.port = home, host, port
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/query"

    def start(self) -> None:
        with self._lock:
            self.stop()
            self._process = subprocess.Popen(endpoint_command(self.home, self.host, self.port),
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
        self._process = None


def run(args: argparse.Namespace) -> int:
    """Build the bundled corpus when the workspace is empty, then serve until interrupted."""
    workspace = Workspace(args.workspace)
    # Before Gradio is imported: its uploads go to the workspace's own folder, not the shared /tmp/gradio.
    use_private_temp_dir(workspace.home)

    if not workspace.built:
        print(f"{workspace.home}: empty workspace; building the bundled corpus first (about a minute)...", flush=True)
        report = workspace.build(on_error=lambda message: print(f"plankg: {message}", file=sys.stderr))
        print(f"built {report.documents} documents, {report.targets} targets and achievements in {report.seconds:.0f}s",
              flush=True)
    print("loading graph, index and model...", flush=True)
    data = AppData(workspace.home)
    data.warm()
    endpoint = None
    if args.sparql_port:
        endpoint = SparqlEndpoint(workspace.home, args.host, args.sparql_port)
        endpoint.start()
        print(f"SPARQL endpoint (read-only): {endpoint.url}", flush=True)
    demo = launch(data, host=args.host, port=args.port, sparql_endpoint=endpoint.url if endpoint else None, block=False,
                  concurrency=args.concurrency)
    print(f"plankg app: http://{args.host}:{args.port}/  (Ctrl-C stops)", flush=True)
    default = " (the default workspace, which plankg commands use too)" if workspace.home.resolve() == \
        default_home().resolve() else ""
    print(f"serving and adding uploads to the workspace {workspace.home}{default}", flush=True)
    # A plain `kill` stops the app the way Ctrl-C does, so the endpoint child goes with it.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        demo.block_thread()
    except KeyboardInterrupt:
        pass
    finally:
        demo.close()
        if endpoint:
            endpoint.stop()
        stop_descendants()
        sys.stdout.flush()
        sys.stderr.flush()
        # Gradio's worker threads are not daemons: one still reading an upload or waiting on a query
        # would keep the process (and the workspace lock) alive. Builds are atomic, so leave now.
        os._exit(0)


def descendants(pid: int) -> list[int]:
    """Every living process below ``pid`` (children first), read from /proc (Linux)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])  # the name in (...) may hold spaces
        parents.setdefault(ppid, []).append(int(entry.name))
    found, queue = [], list(parents.get(pid, []))
    while queue:
        child = queue.pop(0)
        found.append(child)
        queue += parents.get(child, [])
    return found


def stop_descendants(grace_s: float = 3.0) -> None:
    """SIGTERM every process this one started (query children, the endpoint and its Oxigraph, file
    readers), then SIGKILL those still there after ``grace_s``."""
    pids = descendants(os.getpid())
    for pid in pids:
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.05)
    for pid in pids:
        _signal(pid, signal.SIGKILL)
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)  # reap our own children; grandchildren are their parents' to reap
        except ChildProcessError:
            pass


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass
