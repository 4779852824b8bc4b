"""CLI commands over the graph: ``sparql``, ``endpoint`` and ``push`` (``export graph`` is in ``cli``).

Thin wrappers over ``plankg.open()`` and the graph layer: the same calls the notebooks and the app
make. User SPARQL is read-only, offline (no ``SERVICE`` unless allowed), and bounded in time, rows and memory.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plankg.cmd_common import open_workspace
from plankg.graph.dump import has_graph, sorted_file
from plankg.graph.endpoint import serve
from plankg.graph.push import push_ntriples
from plankg.graph.store import QueryError
from plankg.render import FORMATS, raw_stream, write_rows


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register ``sparql``, ``endpoint`` and ``push`` on the CLI's subparsers."""
    sparql = subparsers.add_parser("sparql", help="run a read-only SPARQL query on the workspace graph")
    sparql.add_argument("query", metavar="QUERY", help="SPARQL query text ('-' reads standard input); "
                        "the plankg, org, prov, skos, qb ... prefixes are predeclared")
    sparql.add_argument("--format", default="table", choices=FORMATS, help="output format")
    sparql.add_argument("--store", default=None, choices=["auto", "memory", "oxigraph"],
                        help="store to query (default: the workspace setting)")
    sparql.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="stop the query after this long (default: query_timeout_s, 30)")
    sparql.add_argument("--max-rows", type=int, metavar="N", help="refuse results longer than this "
                        "(default: query_max_rows, 100000)")
    sparql.add_argument("--max-memory-mb", type=float, metavar="MB", help="stop the query when it needs "
                        "more memory than this (default: query_max_memory_mb, 1024)")
    sparql.add_argument("--allow-service", action="store_true",
                        help="let the query use SERVICE (network calls to other endpoints); off by default")
    sparql.set_defaults(func=run_sparql)

    endpoint = subparsers.add_parser("endpoint",
                                     help="serve the graph as a read-only SPARQL endpoint (Oxigraph, YASGUI)")
    endpoint.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    endpoint.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this "
                          "machine only; another address exposes the graph to the network)")
    endpoint.add_argument("--cors-origin", metavar="ORIGIN", help="let pages from this origin (e.g. "
                          "http://localhost:8080) query the endpoint from a browser; off by default")
    endpoint.add_argument("--timeout", type=float, metavar="SECONDS",
                          help="stop each query after this long (default: query_timeout_s, 30)")
    endpoint.add_argument("--allow-service", action="store_true",
                          help="let queries use SERVICE (network calls to other endpoints); off by default")
    endpoint.set_defaults(func=run_endpoint)

    push = subparsers.add_parser("push", help="send the graph to a SPARQL store (Graph Store Protocol)")
    push.add_argument("--endpoint", required=True, metavar="URL", help="Graph Store Protocol URL, e.g. "
                      "http://localhost:7878/store (Oxigraph) or http://host:3030/ds/data (Fuseki)")
    push.add_argument("--graph", metavar="IRI", help="named graph to replace (default: the default graph)")
    push.add_argument("--chunk", type=int, default=50_000, metavar="N", help="triples per request (default 50000)")
    push.set_defaults(func=run_push)


# ---- sparql -----------------------------------------------------------------------------------
def run_sparql(args: argparse.Namespace) -> int:
    """``plankg sparql``: print the rows of a read-only query (``kg.sparql``'s guard and limits)."""
    text = sys.stdin.read() if args.query == "-" else args.query
    overrides = {"store": args.store, "query_timeout_s": args.timeout, "query_max_rows": args.max_rows,
                 "query_max_memory_mb": args.max_memory_mb, "allow_service": True if args.allow_service else None}
    with open_workspace(args, **overrides) as kg:
        rows = kg.sparql_rows(text)
    write_rows(rows, args.format, sys.stdout)
    return 0


# ---- endpoint ----------------------------------------------------------------------------------
def endpoint_command(home: Path, host: str, port: int) -> list[str]:
    """The command that runs ``plankg endpoint`` for a workspace (the app starts it beside itself)."""
    return [sys.executable, "-m", "plankg", "endpoint", "--workspace", str(home), "--host", host, "--port", str(port)]


def run_endpoint(args: argparse.Namespace) -> int:
    """``plankg endpoint``: Oxigraph's read-only server behind plankg's guard (see graph/endpoint.py)."""
    settings = open_workspace(args).workspace.settings
    timeout = args.timeout or settings.query_timeout_s

    def ready(url: str) -> None:
        cors = f"CORS for {args.cors_origin}" if args.cors_origin else "no CORS"
        print(f"SPARQL endpoint {url}/query (read-only, {cors}, queries stop after {timeout:g} s "
              f"or {settings.query_max_memory_mb:g} MB); "
              f"YASGUI at {url}/ ; Ctrl-C stops", flush=True)

    serve(settings.home, args.host, args.port, timeout_s=timeout, cors_origin=args.cors_origin,
          allow_service=args.allow_service or settings.allow_service, max_memory_mb=settings.query_max_memory_mb,
          on_ready=ready)
    return 0


# ---- push ------------------------------------------------------------------------------------
def run_push(args: argparse.Namespace) -> int:
    """``plankg push --endpoint URL``: replace a graph in another store with the workspace graph."""
    def shown(requests: int, triples: int) -> None:
        # The redrawn line's own \r goes to the terminal itself (past the inert stream that would show it as U+FFFD).
        print(f"\rplankg: sent {triples:,} triples in {requests} requests", end="", file=raw_stream(sys.stderr),
              flush=True)

    workspace = open_workspace(args).workspace
    graph_dir = workspace.graph_dir
    if not has_graph(graph_dir):
        raise QueryError(f"push: no graph at {graph_dir}: run 'plankg build' first")
    # What the graph is (the data and its text spans, made from the records) with the lookup links.
    with sorted_file(graph_dir, spans=workspace.span_lines(), links=True) as nt_path:
        report = push_ntriples(nt_path, args.endpoint, args.graph,
                               lines_per_chunk=args.chunk, on_chunk=shown if sys.stderr.isatty() else None)
    print(f"pushed {report['triples']:,} triples to {report['url']} in {report['requests']} requests")
    return 0
