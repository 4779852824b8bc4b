"""CLI commands over the graph: ``sparql``, ``endpoint`` and ``export graph``.

Thin wrappers: each calls the same ``plankg.graph`` functions the notebooks and the app use.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
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
    sparql.add_argument("--workspace", metavar="DIR", help="workspace folder (default: $PLANKG_HOME or the per-user folder)")
    sparql.set_defaults(func=run_sparql)

    endpoint = subparsers.add_parser("endpoint", help="serve the graph as a read-only SPARQL endpoint (Oxigraph, YASGUI)")
    endpoint.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    endpoint.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    endpoint.add_argument("--workspace", metavar="DIR", help="workspace folder (default: $PLANKG_HOME or the per-user folder)")
    endpoint.set_defaults(func=run_endpoint)


# ---- sparql -----------------------------------------------------------------------------------
def run_sparql(args: argparse.Namespace) -> int:
    """``plankg sparql``: print the rows of a read-only query."""
    from plankg.graph.store import check_read_only
    from plankg.graph.workspace import open_graph

    text = sys.stdin.read() if args.query == "-" else args.query
    check_read_only(text)  # refuse updates before opening anything
    with open_graph(_workspace(args), kind=args.store) as store:
        rows = store.query(text)
    write_rows(rows, args.format, sys.stdout)
    return 0


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
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in columns])
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
    text = str(compact_iri(value)).replace("\n", " ")
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


# ---- endpoint ----------------------------------------------------------------------------------
def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server installed with the ``oxigraph`` PyPI package."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        from plankg.graph.store import QueryError

        raise QueryError("the 'oxigraph' server is not installed: pip install oxigraph")
    return found


def endpoint_command(store_dir: Path, host: str, port: int) -> list[str]:
    """The ``oxigraph serve-read-only`` command line for a store folder."""
    return [oxigraph_binary(), "serve-read-only", "--location", str(store_dir), "--bind", f"{host}:{port}", "--cors"]


def run_endpoint(args: argparse.Namespace) -> int:
    """``plankg endpoint``: replace this process with Oxigraph's read-only server."""
    from plankg.graph.store import OXIGRAPH_DIR, QueryError
    from plankg.graph.workspace import graph_dir

    store_dir = graph_dir(_workspace(args)) / OXIGRAPH_DIR
    if not store_dir.is_dir():
        raise QueryError(f"no Oxigraph store at {store_dir}: run 'plankg build' first")
    command = endpoint_command(store_dir, args.host, args.port)
    url = f"http://{args.host}:{args.port}"
    print(f"SPARQL endpoint {url}/query (read-only, CORS on); YASGUI at {url}/ ; Ctrl-C stops", flush=True)
    # exec: the server gets this process id, so stopping it stops the server (no orphan child).
    os.execv(command[0], command)
    return 0  # pragma: no cover - execv does not return
