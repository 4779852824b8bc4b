"""Send the workspace graph to any SPARQL 1.1 store through the Graph Store Protocol.

The N-Triples file is sent in chunks of whole lines (``PUT`` for the first, replacing the
target graph; ``POST`` for the rest, adding to it), so a graph of any size goes through bounded
requests. The plankg graph has no blank nodes, so splitting it between lines is safe; a file
that has them is sent in one request instead.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from plankg.graph.store import QueryError

NTRIPLES = "application/n-triples"


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of the default graph or of a named one."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise QueryError(f"push: {endpoint!r} is not an http(s) URL of a Graph Store Protocol endpoint")
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    joined = f"{parts.query}&{query}" if parts.query else query
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, joined, ""))


def _chunks(path: Path, lines_per_chunk: int) -> Iterator[bytes]:
    chunk: list[bytes] = []
    with path.open("rb") as fh:
        for line in fh:
            chunk.append(line)
            if len(chunk) >= lines_per_chunk:
                yield b"".join(chunk)
                chunk = []
    if chunk:
        yield b"".join(chunk)


def _has_blank_nodes(path: Path) -> bool:
    with path.open("rb") as fh:
        return any(line.startswith(b"_:") or b" _:" in line for line in fh)


def push_ntriples(nt_path: str | Path, endpoint: str, graph: str | None = None, *,
                  lines_per_chunk: int = 50_000, timeout: float = 300.0,
                  on_chunk: Callable[[int, int], None] | None = None) -> dict:
    """Replace ``graph`` (default: the default graph) at ``endpoint`` with the file's triples.

    Args:
        nt_path: N-Triples file (the workspace's ``graph/graph.nt``).
        endpoint: Graph Store Protocol endpoint, e.g. ``http://localhost:7878/store``
            (Oxigraph), ``http://host:3030/ds/data`` (Fuseki).
        graph: IRI of the named graph to replace; None for the default graph.
        lines_per_chunk: Triples per request.
        timeout: Seconds per request.
        on_chunk: Called with (chunks sent, triples sent) after each request.

    Returns:
        ``{"url", "triples", "requests"}``.

    Raises:
        QueryError: The endpoint refused a request or could not be reached (one line).
    """
    path = Path(nt_path)
    if not path.is_file():
        raise QueryError(f"push: no graph at {path}: run 'plankg build' first")
    url = graph_url(endpoint, graph)
    if _has_blank_nodes(path):
        lines_per_chunk = 10**12  # blank node labels only hold within one request
    sent = requests = 0
    for data in _chunks(path, lines_per_chunk):
        method = "PUT" if requests == 0 else "POST"
        request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": NTRIPLES})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                answer.read()
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace").strip().splitlines()
            raise QueryError(f"push: {url} refused {method} #{requests + 1} (HTTP {error.code}"
                             f"{': ' + body[0][:200] if body else ''})") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise QueryError(f"push: cannot reach {url} ({reason})") from None
        requests += 1
        sent += data.count(b"\n")
        if on_chunk:
            on_chunk(requests, sent)
    if requests == 0:  # an empty graph still replaces the target
        request = urllib.request.Request(url, data=b"", method="PUT", headers={"Content-Type": NTRIPLES})
        try:
            urllib.request.urlopen(request, timeout=timeout).read()
        except (urllib.error.URLError, OSError) as error:
            raise QueryError(f"push: {url} refused the empty graph ({error})") from None
        requests = 1
    return {"url": url, "triples": sent, "requests": requests}
