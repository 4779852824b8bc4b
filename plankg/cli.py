"""Command line: a thin layer over ``plankg.open()`` (every command calls what notebooks and the app call)."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from plankg import cmd_ask, cmd_evolve, cmd_graph, cmd_search, cmd_serve
from plankg.cmd_common import open_workspace, print_error
from plankg.errors import PlankgError
from plankg.ingest.pipeline import FileLimits, read_corpus
from plankg.render import inert_output, write_json, write_rows
from plankg.reports import document_summaries
from plankg.settings import Settings

if TYPE_CHECKING:
    pass

#: Modules that register more subcommands (``add_parsers(subparsers)``).
COMMAND_MODULES = (cmd_search, cmd_ask, cmd_graph, cmd_evolve, cmd_serve)
#: Commands that read no workspace (so take no ``--workspace``); ``ingest`` takes one for its settings.
NO_WORKSPACE: tuple[str, ...] = ()


def _cmd_ingest(args: argparse.Namespace) -> int:

    # The workspace's limits (plankg.toml, environment), exactly as ``build`` reads with them.
    limits = FileLimits.from_settings(Settings.load(args.workspace))
    corpus = read_corpus(args.paths or None, limits=limits, on_error=print_error)
    for warning in corpus.warnings:
        print_error(f"warning: {warning}")
    summaries = document_summaries(corpus)
    if args.json:
        write_json(summaries, sys.stdout)
        return 0 if corpus.documents else 1
    for row in summaries:
        years = ",".join(map(str, row["years"])) or "?"
        reported = ",".join(map(str, row["reported_years"])) or "-"
        print(f"{row['doc']}#{row['part']}  {row['title']}")
        print(f"    issuer {row['issuer'] or '(not named)'} | region {row['region'] or '(not named)'} | "
              f"{row['doc_type']} | plans {years} | reports {reported}")
        print(f"    {row['clauses']} clauses, {row['table_rows']} table rows, {row['targets']} targets, "
              f"{row['achievements']} achievements, {len(row['repairs'])} repairs, "
              f"{row['placeholders']} placeholders")
        if row["reader"]:
            ocr = ", ".join(f"page {span['page']} {span['confidence']:.2f}" for span in row["ocr"])
            print(f"    read by {row['reader']} in {row['read_seconds'] or 0:.1f} s"
                  + (f"; OCR confidence {ocr}" if ocr else ""))
    print(f"{len(summaries)} documents from {len({r['doc'] for r in summaries})} files"
          + (f"; {len(corpus.errors)} files could not be read" if corpus.errors else ""))
    return 0 if corpus.documents else 1


def _cmd_build(args: argparse.Namespace) -> int:
    kg = open_workspace(args)
    report = kg.build(args.paths or None, force=args.force, graph=not args.no_graph, index=not args.no_index,
                      on_error=print_error, workers=args.workers, scheduler=args.scheduler)
    if report.up_to_date:
        print(f"{kg.home}: up to date ({report.documents} documents, {report.targets} targets and achievements)")
        return 0
    print(f"{kg.home}: built {report.documents} documents, {report.clauses} clauses, {report.targets} targets and "
          f"achievements, {report.entities} entities in {report.seconds:.1f}s")
    for name, part in (report.parts or {}).items():
        summary = ", ".join(f"{k} {v}" for k, v in part.items() if not isinstance(v, (dict, list)))
        print(f"    {name}: {summary}")
    if report.errors:
        print(f"    {len(report.errors)} files could not be read (see above)")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    kg = open_workspace(args)
    if args.what == "graph":
        if not args.output:
            raise PlankgError("export graph needs an output file: -o FILE")
        path = kg.export(args.output, "graph", args.format or "turtle")
        print(f"wrote {path} ({args.format or 'turtle'}, {path.stat().st_size:,} bytes)")
        return 0
    fmt = args.format or "jsonl"
    if args.output:
        kg.export(args.output, args.what, fmt)
    else:
        write_rows(kg.rows(args.what), fmt, sys.stdout)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="plankg",
        description="Knowledge graph and semantic search over Chinese S&T plans, offline, with evidence.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = sub.add_parser("ingest", help="read documents and summarise what was found (writes nothing; "
                            "the workspace's plankg.toml sets the limits)")
    ingest.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled corpus)")
    ingest.add_argument("--json", action="store_true", help="print JSON")
    ingest.set_defaults(func=_cmd_ingest)

    build = sub.add_parser("build", help="build the workspace: records, graph and search index")
    build.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled corpus)")
    build.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    build.add_argument("--no-graph", action="store_true", help="skip the RDF graph")
    build.add_argument("--no-index", action="store_true", help="skip the search index (no model is loaded)")
    cluster = build.add_mutually_exclusive_group()
    cluster.add_argument("--workers", type=int, metavar="N", help="read and extract on a local Dask cluster "
                         "of N processes (needs the cluster extra: pip install 'plankg[cluster]')")
    cluster.add_argument("--scheduler", metavar="URL", help="read and extract on the Dask cluster at URL, "
                         "e.g. tcp://host:8786 (workers need plankg and the input files at the same paths)")
    build.set_defaults(func=_cmd_build)

    export = sub.add_parser("export", help="export targets, entities, documents (rows) or the graph (RDF)")
    export.add_argument("what", choices=["targets", "entities", "documents", "graph"])
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    export.add_argument("--format", default=None,
                        choices=["turtle", "ntriples", "jsonld", "graphml", "jsonl", "json", "csv", "table"],
                        help="graph: turtle (default), ntriples, jsonld, graphml; rows: jsonl (default), json, csv")
    export.set_defaults(func=_cmd_export)

    for module in COMMAND_MODULES:
        module.add_parsers(sub)
    for name, command in sub.choices.items():
        if name not in NO_WORKSPACE:
            # The one --workspace option, added to every command that reads a workspace.
            command.add_argument("--workspace", metavar="DIR",
                                 help="workspace folder (default: $PLANKG_HOME or the per-user folder)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors a user can cause print one line and exit 2.

    Everything a command prints, to standard output or error, passes :func:`plankg.render.inert_output`:
    escape sequences from document text or file names reach the terminal as U+FFFD.
    """
    with inert_output():
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except (PlankgError, FileNotFoundError, PermissionError) as exc:
        if os.environ.get("PLANKG_DEBUG"):
            raise
        print_error(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return 2
    except Exception as exc:  # noqa: BLE001 - the CLI never shows a traceback unless asked to
        if os.environ.get("PLANKG_DEBUG"):
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        print_error(f"internal error: {type(exc).__name__}: {first} (set PLANKG_DEBUG=1 for details)")
        return 3


if __name__ == "__main__":
    sys.exit(main())
