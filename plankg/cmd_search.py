"""``plankg search``: hybrid semantic search over every clause of the workspace's index."""
from __future__ import annotations

import argparse
import sys

from plankg.cmd_common import open_workspace
from plankg.embeddings.filters import KINDS
from plankg.render import clip, write_json

TEXT_COLUMNS = 88


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``search`` subcommand (dispatches to :func:`run`)."""
    parser = subparsers.add_parser(
        "search",
        help="find clauses by meaning (dense + BM25 hybrid)",
        description="Search every clause of the built workspace. Several queries run in one "
                    "process with the model loaded once.",
    )
    parser.add_argument("queries", nargs="+", metavar="QUERY", help="query text (Chinese)")
    parser.add_argument("-k", type=int, default=10, metavar="K", help="hits per query (default 10)")
    parser.add_argument("--json", action="store_true",
                        help="print a JSON array with one list of hits per query")
    parser.add_argument("--doc", help="only this document (file name, its stem, or doc id)")
    parser.add_argument("--region", help="only documents of this region or of its sub-regions (温州 includes 瑞安市)")
    parser.add_argument("--year", type=int, help="only documents planning for or reporting on this year")
    parser.add_argument("--doc-type", dest="doc_type",
                        help="work_plan | summary_plan | action_plan | responsibility_table | summary | other")
    parser.add_argument("--kind", choices=KINDS, help="only clauses of this kind")
    parser.add_argument("--has-target", dest="has_target", action="store_true",
                        help="only clauses holding a quantified target or achievement")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the searches in ``args`` and print the hits; returns the exit status."""
    results = open_workspace(args).search_many(
        args.queries, k=args.k, doc=args.doc, region=args.region, year=args.year, doc_type=args.doc_type,
        kind=args.kind, has_target=True if args.has_target else None)
    if args.json:
        write_json([[hit.to_dict() for hit in hits] for hits in results], sys.stdout)
    else:
        print(format_table(args.queries, results))
    return 0


def format_table(queries: list[str], results: list[list]) -> str:
    """Readable listing: per query, rank, score, document, section and the clause text."""
    lines: list[str] = []
    for number, (query, hits) in enumerate(zip(queries, results), start=1):
        lines.append(f"[{number}] {query}  ({len(hits)} hits)")
        if not hits:
            lines.append("    (no clause matches the filters)")
        for rank, hit in enumerate(hits, start=1):
            section = " > ".join(hit.section_path) or "-"
            lines.append(f"  {rank:>2}. {hit.score:.4f}  {hit.doc}  [{hit.kind}]  {hit.start}-{hit.end}")
            lines.append(f"      {clip(section, TEXT_COLUMNS)}")
            lines.append(f"      {clip(' '.join(hit.text.split()), TEXT_COLUMNS)}")
        lines.append("")
    return "\n".join(lines).rstrip()
