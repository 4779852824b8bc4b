"""The SPARQL endpoint: Oxigraph's read-only server behind a small guard on loopback.

Oxigraph serves the SPARQL 1.1 Protocol and YASGUI; the guard in front of it (this module)
adds what a local tool needs and Oxigraph does not do:

- refuses ``SERVICE``, ``FROM`` (network reads) and updates, found on the parsed query, before
  they reach Oxigraph;
- stops queries after a timeout (Oxigraph's own ``--timeout-s``, and killing the server when that
  is not enough), refuses results larger than a limit, and caps the server's memory
  (``RLIMIT_DATA``, ``query_max_memory_mb``), each with a plain-text message;
- heals: a server that died (killed, or past its memory cap) is started again on the next request,
  and requests that were in flight on a server the guard stopped or lost are retried once;
- answers only requests whose ``Host`` header names the address it is bound to (loopback names
  for a loopback bind), so a web page cannot reach it through DNS rebinding;
- sends CORS headers only for one named origin (none by default: any web page open in a local
  browser could otherwise drive the endpoint);
- follows the workspace's ``current`` build: after a rebuild the next request is answered by a
  fresh Oxigraph server on the new store (the old one is stopped).

Exposure: ``oxigraph serve-read-only`` (0.5) cannot listen on a Unix socket, so its server listens
on a random port of 127.0.0.1. Other users and programs *on this machine* can find that port and
query it directly, past the guard (no SERVICE refusal, Oxigraph's own timeout only; the memory cap
still holds, and it is read-only). Nothing off the machine can reach it.
"""
from __future__ import annotations

import http.client
import ipaddress
import queue
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from plankg.graph.store import OXIGRAPH_DIR, QueryError, check_query

_FORWARDED_HEADERS = ("Accept", "Content-Type", "Accept-Encoding")
_MB = 2**20


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server installed with the ``oxigraph`` PyPI package."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise QueryError("the 'oxigraph' server is not installed: pip install oxigraph")
    return found


class _Spawner:
    """Starts child processes from one long-lived thread.

    Linux sends the "parent died" signal when the *thread* that forked a child exits, so
    children must not be started from the short-lived request threads.
    """

    def __init__(self) -> None:
        self._jobs: queue.Queue = queue.Queue()
        threading.Thread(target=self._loop, daemon=True, name="oxigraph-spawner").start()

    def _loop(self) -> None:
        while True:
            job, answer = self._jobs.get()
            try:
                answer.put((True, job()))
            except BaseException as error:  # noqa: BLE001 - handed to the caller
                answer.put((False, error))

    def run(self, job: Callable[[], object]) -> object:
        answer: queue.Queue = queue.Queue()
        self._jobs.put((job, answer))
        ok, value = answer.get()
        if not ok:
            raise value  # type: ignore[misc]
        return value


class OxigraphBackend:
    """One ``oxigraph serve-read-only`` child on a private loopback port."""

    def __init__(self, store_dir: Path, timeout_s: float, max_memory_mb: float | None = None) -> None:
        self.store_dir = store_dir
        self.port = free_port()
        self.max_memory_mb = max_memory_mb
        #: Set when the guard stops or kills this server (requests on it are then retried elsewhere).
        self.stopped = False
        command = [oxigraph_binary(), "serve-read-only", "--location", str(store_dir),
                   "--bind", f"127.0.0.1:{self.port}", "--timeout-s", str(max(1, round(timeout_s)))]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        preexec_fn=lambda: _prepare_child(max_memory_mb))
        self._wait_ready()

    @property
    def alive(self) -> bool:
        """Is the server process still running?"""
        return self.process.poll() is None

    def _wait_ready(self, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                message = (self.process.stderr.read() or b"").decode("utf-8", "replace").strip()
                raise QueryError(f"the Oxigraph server for {self.store_dir} did not start: {message[-300:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise QueryError(f"the Oxigraph server for {self.store_dir} did not start within {seconds:g} s")

    def stop(self) -> None:
        """Terminate the server (killed after 5 s)."""
        self.stopped = True
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _prepare_child(max_memory_mb: float | None) -> None:  # pragma: no cover - runs between fork and exec
    """Cap the server's memory, and stop it when the guard dies, even by SIGKILL (no orphan on the port).

    ``RLIMIT_DATA`` is absolute here: the server starts small (about 75 MB), and an allocation past
    the cap ends it, which the guard reports and heals on the next request.
    """
    if max_memory_mb is not None:
        limit = int(max_memory_mb * _MB)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def allowed_host(host_header: str | None, bound: str) -> bool:
    """May a request whose ``Host`` header is ``host_header`` be answered by a server bound to ``bound``?

    A loopback bind answers loopback names and addresses only; a bind to one address answers that
    address; a wildcard bind (0.0.0.0, ::) answers any IP address and this machine's own names.
    Any other name is what a DNS-rebinding page sends, and is refused. No header (HTTP/1.0, not a
    browser) is allowed.
    """
    if not host_header:
        return True
    name = host_header.strip().lower()
    if name.startswith("["):  # [::1]:7878
        name = name[1:].split("]", 1)[0]
    elif name.count(":") == 1:
        name = name.rsplit(":", 1)[0]
    name = name.rstrip(".")
    address = _ip(name)
    if (address is not None and address.is_loopback) or name in _LOOPBACK_NAMES:
        return True
    bound_address = _ip(bound)
    if bound_address is None:  # bound by name
        return name == bound.lower()
    if bound_address.is_unspecified:
        return address is not None or name in {socket.gethostname().lower(), socket.getfqdn().lower()}
    return address == bound_address


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


class GuardedEndpoint:
    """The guard: a threaded HTTP server relaying checked requests to the current Oxigraph.

    Args:
        store_dir_of: Returns the current build's Oxigraph folder (read again on each request).
        host: Address to bind (loopback unless told otherwise).
        port: Port to bind.
        timeout_s: Query timeout given to Oxigraph.
        cors_origin: The one origin allowed to call from a browser (None: no CORS headers).
        allow_service: Let SERVICE through.
        max_response_mb: Larger results are refused with a message.
        max_memory_mb: Memory cap of the Oxigraph server (None: none).
    """

    def __init__(self, store_dir_of: Callable[[], Path], host: str = "127.0.0.1", port: int = 7878,
                 timeout_s: float = 30.0, cors_origin: str | None = None, allow_service: bool = False,
                 max_response_mb: float = 64.0, max_memory_mb: float | None = 1024.0) -> None:
        self.store_dir_of = store_dir_of
        self.host = host
        self.timeout_s = timeout_s
        self.cors_origin = cors_origin.rstrip("/") if cors_origin else None
        self.allow_service = allow_service
        self.max_response_bytes = int(max_response_mb * _MB)
        self.max_memory_mb = max_memory_mb
        self._backend: OxigraphBackend | None = None
        self._retiring: set[OxigraphBackend] = set()
        self._lock = threading.Lock()
        self._spawner = _Spawner()
        self.server = ThreadingHTTPServer((host, port), self._handler_class())
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def backend(self) -> OxigraphBackend:
        """The Oxigraph server for the current build: started, or started again after a rebuild or
        after it died (killed, or past its memory cap)."""
        store_dir = self.store_dir_of()
        with self._lock:
            current = self._backend
            if current is None or current.store_dir != store_dir or not current.alive:
                if not store_dir.is_dir():
                    raise QueryError(f"no Oxigraph store at {store_dir}: run 'plankg build' first")
                started = self._spawner.run(lambda: OxigraphBackend(store_dir, self.timeout_s, self.max_memory_mb))
                self._backend = started
                if current is not None and current.alive:
                    # Requests already relayed to the old server get a moment to finish.
                    self._retiring.add(current)
                    timer = threading.Timer(self.timeout_s + 1, self._retire, [current])
                    timer.daemon = True
                    timer.start()
            return self._backend

    def _retire(self, backend: OxigraphBackend) -> None:
        backend.stop()
        with self._lock:
            self._retiring.discard(backend)

    def restart(self, backend: OxigraphBackend) -> None:
        """Stop a server stuck on a query; the next request starts a fresh one.

        Other requests in flight on it lose their connection; :meth:`lost` tells their relays to
        retry them on the fresh server, so only the query that ran out of time fails.
        """
        with self._lock:
            if self._backend is backend:
                self._backend = None
        backend.stopped = True
        backend.process.kill()
        backend.process.wait()

    def lost(self, backend: OxigraphBackend) -> bool:
        """Did ``backend`` go away under a request (stopped by the guard, or died)?

        A dying server closes its sockets a moment before it can be reaped, so this waits up to a
        second for the process to end before calling a failed connection a live server's error.
        """
        if backend.stopped:
            return True
        try:
            backend.process.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            return False
        return True

    def serve_forever(self) -> None:
        """Serve until interrupted; stops the Oxigraph child on the way out."""
        try:
            self.server.serve_forever()
        finally:
            self.close()

    def close(self) -> None:
        """Close the port and stop every Oxigraph server this guard started."""
        self.server.server_close()
        with self._lock:
            backends = [b for b in (self._backend, *self._retiring) if b is not None]
            self._backend = None
            self._retiring.clear()
        for backend in backends:
            backend.stop()

    def check(self, query: str) -> None:
        """Refuse updates and (unless allowed) SERVICE and FROM, on the parsed query."""
        check_query(query, allow_service=self.allow_service)

    def memory_message(self) -> str:
        cap = f" ({self.max_memory_mb:g} MB, query_max_memory_mb)" if self.max_memory_mb else ""
        return f"the Oxigraph server stopped while answering: the query needed more memory than allowed{cap}; " \
               "narrow it or add LIMIT"

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        guard = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet: the terminal is the user's
                pass

            def _host_refused(self) -> bool:
                if allowed_host(self.headers.get("Host"), guard.host):
                    return False
                self._text(421, f"refused: Host {self.headers.get('Host')!r} is not this server's address "
                                "(a web page using DNS rebinding?); use the address it listens on")
                return True

            def do_OPTIONS(self) -> None:  # noqa: N802 - http.server's naming
                if self._host_refused():
                    return
                self.send_response(204)
                self._cors(preflight=True)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self) -> None:  # noqa: N802
                self._relay(b"")

            def do_HEAD(self) -> None:  # noqa: N802
                self._relay(b"")

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                if length > 10 * _MB:
                    self._text(413, "request too large")
                    return
                self._relay(self.rfile.read(length))

            def _relay(self, body: bytes) -> None:
                if self._host_refused():
                    return
                parts = urlsplit(self.path)
                if parts.path.rstrip("/") in ("/update", "/store") and self.command not in ("GET", "HEAD"):
                    self._text(403, "refused: this endpoint is read-only")
                    return
                query = self._query(parts.query, body)
                try:
                    if query is not None:
                        guard.check(query)
                except QueryError as error:
                    self._text(400, str(error))
                    return
                for attempt in (1, 2):
                    try:
                        backend = guard.backend()
                    except QueryError as error:
                        self._text(503, str(error))
                        return
                    try:
                        answer, data = self._forward(backend, body)
                        break
                    except TimeoutError:
                        # Oxigraph's own timeout does not stop every query: stopping its process does.
                        guard.restart(backend)
                        self._text(503, f"the query was stopped after {guard.timeout_s:g} s; narrow it or add LIMIT")
                        return
                    except (OSError, http.client.HTTPException) as error:
                        lost = guard.lost(backend)
                        if attempt == 1 and lost:
                            continue  # the server went away under this request: once more on a fresh one
                        if lost and backend.stopped:
                            self._text(503, "the Oxigraph server was restarted twice while answering (other "
                                            "queries ran out of time); try again")
                        elif lost:
                            self._text(503, guard.memory_message())
                        else:
                            self._text(502, f"the Oxigraph server did not answer ({error})")
                        return
                if len(data) > guard.max_response_bytes:
                    self._text(413, f"the result is larger than {guard.max_response_bytes / _MB:g} MB; "
                                    "add LIMIT or narrow the query")
                    return
                self.send_response(answer.status)
                for name in ("Content-Type", "Content-Disposition", "Content-Encoding", "Vary"):
                    if answer.getheader(name):
                        self.send_header(name, answer.getheader(name))
                self._cors()
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            def _forward(self, backend: OxigraphBackend, body: bytes) -> tuple[http.client.HTTPResponse, bytes]:
                headers = {k: self.headers[k] for k in _FORWARDED_HEADERS if self.headers.get(k)}
                connection = http.client.HTTPConnection("127.0.0.1", backend.port, timeout=guard.timeout_s)
                try:
                    connection.request(self.command, self.path, body=body or None, headers=headers)
                    answer = connection.getresponse()
                    return answer, answer.read(guard.max_response_bytes + 1)
                finally:
                    connection.close()

            def _query(self, url_query: str, body: bytes) -> str | None:
                found = parse_qs(url_query).get("query")
                if found:
                    return found[0]
                content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                if content_type == "application/sparql-query":
                    return body.decode("utf-8", "replace")
                if content_type == "application/x-www-form-urlencoded":
                    found = parse_qs(body.decode("utf-8", "replace")).get("query")
                    return found[0] if found else None
                return None

            def _cors(self, preflight: bool = False) -> None:
                origin = (self.headers.get("Origin") or "").rstrip("/")
                if guard.cors_origin and origin == guard.cors_origin:
                    self.send_header("Access-Control-Allow-Origin", guard.cors_origin)
                    self.send_header("Vary", "Origin")
                    if preflight:
                        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")

            def _text(self, status: int, message: str) -> None:
                data = (message + "\n").encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self._cors()
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


def current_store_dir(home: Path) -> Callable[[], Path]:
    """A function giving the Oxigraph folder of ``home``'s current build (resolved each call)."""
    return lambda: (Path(home) / "graph" / OXIGRAPH_DIR).resolve()


def serve(home: Path, host: str, port: int, *, timeout_s: float, cors_origin: str | None,
          allow_service: bool, max_memory_mb: float | None = None,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Run the guarded endpoint for a workspace until interrupted (SIGTERM or Ctrl-C)."""
    endpoint = GuardedEndpoint(current_store_dir(home), host, port, timeout_s=timeout_s,
                               cors_origin=cors_origin, allow_service=allow_service, max_memory_mb=max_memory_mb)
    endpoint.backend()  # start Oxigraph now: a missing store is an error before "ready"
    signal.signal(signal.SIGTERM, _interrupt)
    if on_ready:
        on_ready(endpoint.url)
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        endpoint.close()


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt
