"""CLI commands over the graph: ``sparql``, ``endpoint`` and ``export graph``.

Thin wrappers: each calls the same ``plankg.graph`` functions the notebooks and the app use.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path
from typing import Any


def _workspace(args: argparse.Namespace) -> Path:
    from plankg.settings import Settings

    return Settings.load(getattr(args, "workspace", None)).home


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register ``sparql`` and ``endpoint`` on the CLI's subparsers."""
    sparql = subparsers.add_parser("sparql", help="run a read-only SPARQL query on the workspace graph")
    sparql.add_argument("query", metavar="QUERY", help="SPARQL query text ('-' reads standard input); "
                        "the plankg, org, prov, skos, qb ... prefixes are predeclared")
    sparql.add_argument("--format", default="table", choices=["table", "json", "csv"], help="output format")
    sparql.add_argument("--store", default=None, choices=["auto", "memory", "oxigraph"],
                        help="store to query (default: the workspace setting)")
    sparql.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="stop the query after this long (default: query_timeout_s, 30)")
    sparql.add_argument("--max-rows", type=int, metavar="N", help="refuse results longer than this "
                        "(default: query_max_rows, 100000)")
    sparql.add_argument("--allow-service", action="store_true",
                        help="let the query use SERVICE (network calls to other endpoints); off by default")
    sparql.add_argument("--workspace", metavar="DIR", help="workspace folder (default: $PLANKG_HOME or the per-user folder)")
    sparql.set_defaults(func=run_sparql)

    endpoint = subparsers.add_parser("endpoint", help="serve the graph as a read-only SPARQL endpoint (Oxigraph, YASGUI)")
    endpoint.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    endpoint.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this "
                          "machine only; another address exposes the graph to the network)")
    endpoint.add_argument("--cors-origin", metavar="ORIGIN", help="let pages from this origin (e.g. "
                          "http://localhost:8080) query the endpoint from a browser; off by default")
    endpoint.add_argument("--timeout", type=float, metavar="SECONDS",
                          help="stop each query after this long (default: query_timeout_s, 30)")
    endpoint.add_argument("--allow-service", action="store_true",
                          help="let queries use SERVICE (network calls to other endpoints); off by default")
    endpoint.add_argument("--workspace", metavar="DIR", help="workspace folder (default: $PLANKG_HOME or the per-user folder)")
    endpoint.set_defaults(func=run_endpoint)

    push = subparsers.add_parser("push", help="send the graph to a SPARQL store (Graph Store Protocol)")
    push.add_argument("--endpoint", required=True, metavar="URL", help="Graph Store Protocol URL, e.g. "
                      "http://localhost:7878/store (Oxigraph) or http://host:3030/ds/data (Fuseki)")
    push.add_argument("--graph", metavar="IRI", help="named graph to replace (default: the default graph)")
    push.add_argument("--chunk", type=int, default=50_000, metavar="N", help="triples per request (default 50000)")
    push.add_argument("--workspace", metavar="DIR", help="workspace folder (default: $PLANKG_HOME or the per-user folder)")
    push.set_defaults(func=run_push)


# ---- sparql -----------------------------------------------------------------------------------
def run_sparql(args: argparse.Namespace) -> int:
    """``plankg sparql``: print the rows of a read-only query."""
    from plankg.graph.store import check_read_only
    from plankg.graph.workspace import open_graph

    from plankg.graph.store import check_no_service
    from plankg.settings import Settings

    settings = Settings.load(getattr(args, "workspace", None))
    allow_service = args.allow_service or settings.allow_service
    text = sys.stdin.read() if args.query == "-" else args.query
    check_read_only(text)  # refuse updates and network calls before opening anything
    if not allow_service:
        check_no_service(text)
    with open_graph(settings.home, kind=args.store) as store:
        store.allow_service = allow_service
        rows = store.query(text, timeout=args.timeout or settings.query_timeout_s,
                           max_rows=args.max_rows or settings.query_max_rows)
    write_rows(rows, args.format, sys.stdout)
    return 0


# C0 and C1 control characters (ESC starts terminal escape sequences) except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters shown as U+FFFD, so a document cannot drive the terminal."""
    return _CONTROL.sub("\ufffd", text)


def compact_iri(value: Any) -> Any:
    """``https://w3id.org/plankg/ontology#Target`` -> ``plankg:Target`` for display."""
    if not isinstance(value, str) or "://" not in value:
        return value
    from plankg.ontology.namespaces import PREFIXES

    best = ""
    for prefix, iri in PREFIXES.items():
        if value.startswith(iri) and len(iri) > len(best):
            best, name = iri, prefix
    if not best:
        return value
    local = value[len(best):]
    return f"{name}:{local}" if local and all(c.isalnum() or c in "_-./" for c in local) else f"<{value}>"


def write_rows(rows: list[dict[str, Any]], fmt: str, out: Any) -> None:
    """Write query rows as an aligned table, JSON or CSV."""
    if fmt == "json":
        # json escapes C0 characters itself; C1 ones (and DEL) it writes raw.
        out.write(re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}",
                         json.dumps(rows, ensure_ascii=False, indent=2)) + "\n")
        return
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow([printable(c) for c in columns])
        for row in rows:
            writer.writerow(["" if row[c] is None else printable(str(row[c])) for c in columns])
        return
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    if columns:
        out.write("  ".join(_pad(c, w) for c, w in zip(columns, widths)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(_pad(v, w) for v, w in zip(row, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = printable(str(compact_iri(value)).replace("\n", " ").replace("\t", " "))
    return text if len(text) <= 80 else text[:77] + "..."


def _width(text: str) -> int:
    # CJK characters take two terminal columns.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


# ---- export ------------------------------------------------------------------------------------
def export_graph(args: argparse.Namespace) -> int:
    """``plankg export graph --format turtle|ntriples|jsonld|graphml -o FILE``."""
    from plankg.graph.export import export_graph_file
    from plankg.graph.store import QueryError
    from plankg.graph.workspace import graph_dir

    output = getattr(args, "output", None)
    if not output:
        raise QueryError("export graph needs an output file: -o FILE")
    path = export_graph_file(graph_dir(_workspace(args)), args.format, output)
    print(f"wrote {path} ({args.format}, {path.stat().st_size:,} bytes)")
    return 0


# ---- push ------------------------------------------------------------------------------------
def run_push(args: argparse.Namespace) -> int:
    """``plankg push --endpoint URL``: replace a graph in another store with the workspace graph."""
    from plankg.graph.push import push_ntriples
    from plankg.graph.store import GRAPH_FILE
    from plankg.graph.workspace import graph_dir

    def shown(requests: int, triples: int) -> None:
        print(f"\rplankg: sent {triples:,} triples in {requests} requests", end="", file=sys.stderr, flush=True)

    report = push_ntriples(graph_dir(_workspace(args)) / GRAPH_FILE, args.endpoint, args.graph,
                           lines_per_chunk=args.chunk, on_chunk=shown if sys.stderr.isatty() else None)
    print(f"pushed {report['triples']:,} triples to {report['url']} in {report['requests']} requests")
    return 0


# ---- endpoint ----------------------------------------------------------------------------------
def run_endpoint(args: argparse.Namespace) -> int:
    """``plankg endpoint``: Oxigraph's read-only server behind plankg's guard (see graph/endpoint.py)."""
    from plankg.graph.endpoint import serve
    from plankg.settings import Settings

    settings = Settings.load(getattr(args, "workspace", None))

    def ready(url: str) -> None:
        cors = f"CORS for {args.cors_origin}" if args.cors_origin else "no CORS"
        print(f"SPARQL endpoint {url}/query (read-only, {cors}, queries stop after "
              f"{args.timeout or settings.query_timeout_s:g} s); YASGUI at {url}/ ; Ctrl-C stops", flush=True)

    serve(settings.home, args.host, args.port, timeout_s=args.timeout or settings.query_timeout_s,
          cors_origin=args.cors_origin, allow_service=args.allow_service or settings.allow_service,
          on_ready=ready)
    return 0
