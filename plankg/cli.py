"""Command line: a thin layer over the library (every command calls the functions the app uses)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Callable, Sequence

from plankg.ingest.records import IngestError


def _print_error(message: str) -> None:
    print(f"plankg: {message}", file=sys.stderr)


def add_workspace_arg(parser: argparse.ArgumentParser) -> None:
    """The ``--workspace DIR`` option every command that reads a build takes."""
    parser.add_argument("--workspace", metavar="DIR", help="workspace folder (default: $PLANKG_HOME or the per-user folder)")


def _cmd_ingest(args: argparse.Namespace) -> int:
    from plankg.ingest.pipeline import read_corpus
    from plankg.reports import document_summaries

    corpus = read_corpus(args.paths or None, on_error=_print_error)
    summaries = document_summaries(corpus)
    if args.json:
        print(json.dumps(summaries, ensure_ascii=False, indent=2))
    else:
        for row in summaries:
            years = ",".join(map(str, row["years"])) or "?"
            reported = ",".join(map(str, row["reported_years"])) or "-"
            print(f"{row['doc']}#{row['part']}  {row['title']}")
            print(f"    issuer {row['issuer'] or '(not named)'} | region {row['region'] or '(not named)'} | "
                  f"{row['doc_type']} | plans {years} | reports {reported}")
            print(f"    {row['clauses']} clauses, {row['table_rows']} table rows, {row['targets']} targets, "
                  f"{row['achievements']} achievements, {len(row['repairs'])} repairs, {row['placeholders']} placeholders")
        print(f"{len(summaries)} documents from {len({r['doc'] for r in summaries})} files"
              + (f"; {len(corpus.errors)} files could not be read" if corpus.errors else ""))
    return 0 if corpus.documents else 1


def _cmd_build(args: argparse.Namespace) -> int:
    from plankg.workspace import Workspace

    workspace = Workspace(args.workspace)
    report = workspace.build(args.paths or None, force=args.force, graph=not args.no_graph, index=not args.no_index,
                             on_error=_print_error)
    where = workspace.home
    if report.up_to_date:
        print(f"{where}: up to date ({report.documents} documents, {report.targets} targets and achievements)")
        return 0
    print(f"{where}: built {report.documents} documents, {report.clauses} clauses, {report.targets} targets and "
          f"achievements, {report.entities} entities in {report.seconds:.1f}s")
    for name, part in (report.parts or {}).items():
        summary = ", ".join(f"{k} {v}" for k, v in part.items() if not isinstance(v, (dict, list)))
        print(f"    {name}: {summary}")
    if report.errors:
        print(f"    {len(report.errors)} files could not be read (see above)")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    if args.what == "graph":
        from plankg.cmd_graph import export_graph

        return export_graph(args)
    from plankg.reports import entity_rows, target_rows
    from plankg.workspace import Workspace

    corpus = Workspace(args.workspace).corpus()
    rows = target_rows(corpus) if args.what == "targets" else entity_rows(corpus)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if args.output:
            out.close()
    return 0


def _optional_commands(sub: argparse._SubParsersAction) -> None:
    """Commands whose modules may be missing in a partial install register themselves here."""
    for module_name, register in (("plankg.cmd_search", "add_parser"), ("plankg.cmd_graph", "add_parsers"),
                                  ("plankg.cmd_ask", "add_parser"), ("plankg.cmd_app", "add_parser"),
                                  ("plankg.cmd_evolve", "add_parser")):
        try:
            module = __import__(module_name, fromlist=[register])
        except ImportError:
            continue
        getattr(module, register)(sub)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="plankg",
        description="Knowledge graph and semantic search over Chinese S&T plans, offline, with evidence.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = sub.add_parser("ingest", help="read documents and summarise what was found (writes nothing)")
    ingest.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled corpus)")
    ingest.add_argument("--json", action="store_true", help="print JSON")
    ingest.set_defaults(func=_cmd_ingest)

    build = sub.add_parser("build", help="build the workspace: records, graph and search index")
    build.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled corpus)")
    build.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    build.add_argument("--no-graph", action="store_true", help="skip the RDF graph")
    build.add_argument("--no-index", action="store_true", help="skip the search index (no model is loaded)")
    add_workspace_arg(build)
    build.set_defaults(func=_cmd_build)

    export = sub.add_parser("export", help="export targets, entities (JSON Lines) or the graph (RDF)")
    export.add_argument("what", choices=["targets", "entities", "graph"])
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    export.add_argument("--format", default="turtle", choices=["turtle", "ntriples", "jsonld", "graphml"],
                        help="graph format (export graph only)")
    add_workspace_arg(export)
    export.set_defaults(func=_cmd_export)

    _optional_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors a user can cause print one line and exit non-zero."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        _print_error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the CLI never shows a traceback unless asked to
        if os.environ.get("PLANKG_DEBUG"):
            raise
        known = _known_errors()
        if isinstance(exc, known):
            _print_error(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            return 2
        _print_error(f"internal error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''} "
                     "(set PLANKG_DEBUG=1 for details)")
        return 3


def _known_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [IngestError, FileNotFoundError, PermissionError]
    from plankg.workspace import WorkspaceError

    errors.append(WorkspaceError)
    for module_name, name in (("plankg.graph", "QueryError"), ("plankg.embeddings", "SearchError"),
                              ("plankg.qa", "QAError")):
        try:
            errors.append(getattr(__import__(module_name, fromlist=[name]), name))
        except (ImportError, AttributeError):
            continue
    return tuple(errors)


if __name__ == "__main__":
    sys.exit(main())
