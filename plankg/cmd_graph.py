"""CLI commands over the graph: ``sparql`` and ``endpoint`` (``export graph`` is in ``cli``).

Thin wrappers over ``plankg.open()``: the same calls the notebooks and the app make.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register ``sparql`` and ``endpoint`` on the CLI's subparsers."""
    from plankg.render import FORMATS

    sparql = subparsers.add_parser("sparql", help="run a read-only SPARQL query on the workspace graph")
    sparql.add_argument("query", metavar="QUERY", help="SPARQL query text ('-' reads standard input); "
                        "the plankg, org, prov, skos, qb ... prefixes are predeclared")
    sparql.add_argument("--format", default="table", choices=FORMATS, help="output format")
    sparql.add_argument("--store", default=None, choices=["auto", "memory", "oxigraph"],
                        help="store to query (default: the workspace setting)")
    sparql.set_defaults(func=run_sparql)

    endpoint = subparsers.add_parser("endpoint",
                                     help="serve the graph as a read-only SPARQL endpoint (Oxigraph, YASGUI)")
    endpoint.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    endpoint.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    endpoint.set_defaults(func=run_endpoint)


# ---- sparql -----------------------------------------------------------------------------------
def run_sparql(args: argparse.Namespace) -> int:
    """``plankg sparql``: print the rows of a read-only query."""
    from plankg.cli import open_workspace
    from plankg.graph.store import check_read_only
    from plankg.render import write_rows

    text = sys.stdin.read() if args.query == "-" else args.query
    check_read_only(text)  # refuse updates before opening anything
    with open_workspace(args, store=args.store) as kg:
        rows = kg.store.query(text)
    write_rows(rows, args.format, sys.stdout)
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
    from plankg.cli import open_workspace
    from plankg.graph.store import OXIGRAPH_DIR, QueryError

    store_dir = open_workspace(args).workspace.graph_dir / OXIGRAPH_DIR
    if not store_dir.is_dir():
        raise QueryError(f"no Oxigraph store at {store_dir}: run 'plankg build' first")
    command = endpoint_command(store_dir, args.host, args.port)
    url = f"http://{args.host}:{args.port}"
    print(f"SPARQL endpoint {url}/query (read-only, CORS on); YASGUI at {url}/ ; Ctrl-C stops", flush=True)
    # exec: the server gets this process id, so stopping it stops the server (no orphan child).
    os.execv(command[0], command)
    return 0  # pragma: no cover - execv does not return
