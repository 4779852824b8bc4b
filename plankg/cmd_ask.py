"""``plankg ask QUESTION ... [--json]``: answer several questions in one process."""
from __future__ import annotations

import argparse
import sys

from plankg.cmd_common import open_workspace
from plankg.qa.render import snippet
from plankg.render import write_json

#: Evidence clauses printed per answer in text output (``--json`` has them all).
SHOWN_EVIDENCE = 6
#: Table rows printed per answer in text output.
SHOWN_ROWS = 12
#: Widest cell printed (longer cells end in …).
CELL_CHARS = 40


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``ask`` subcommand."""
    parser = subparsers.add_parser("ask", help="answer questions (Chinese or English) with evidence")
    parser.add_argument("questions", nargs="+", metavar="QUESTION", help="one or more questions")
    parser.add_argument("--json", action="store_true", help="print a JSON array of answer objects")
    parser.add_argument("--sparql", action="store_true", help="also print the SPARQL that ran (text output)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Answer each question; with ``--json`` print one JSON array, else readable text."""
    answers = open_workspace(args).ask_many(args.questions)
    if args.json:
        write_json([a.to_dict() for a in answers], sys.stdout)
        return 0
    for answer in answers:
        print(f"Q: {answer.question}")
        print(f"   [{answer.intent}, confidence {answer.confidence:.2f}]")
        print(f"A: {answer.lead}")
        _print_table(answer.table)
        for item in answer.evidence[:SHOWN_EVIDENCE]:
            print(f"   - {item['doc']} {item['clause_id']} [{item['start']}:{item['end']}] {snippet(item['text'], 70)}")
        if len(answer.evidence) > SHOWN_EVIDENCE:
            print(f"   ... {len(answer.evidence) - SHOWN_EVIDENCE} more clauses (use --json)")
        for item in answer.related:
            print(f"   ~ related: {item['doc']} {item['clause_id']} {snippet(item['text'], 70)}")
        if args.sparql and answer.sparql:
            print(answer.sparql)
        print()
    return 0


def _print_table(table: dict) -> None:
    """The answer's table as ``|``-separated lines (first rows; ``--json`` has every row and column)."""
    columns, rows = table.get("columns") or [], table.get("rows") or []
    if not rows:
        return
    shown = [i for i, _ in enumerate(columns) if any(row[i] not in (None, "") for row in rows)]
    print("   | " + " | ".join(columns[i] for i in shown))
    for row in rows[:SHOWN_ROWS]:
        print("   | " + " | ".join("" if row[i] is None else snippet(str(row[i]), CELL_CHARS) for i in shown))
    if len(rows) > SHOWN_ROWS:
        print(f"   ... {len(rows) - SHOWN_ROWS} more rows (use --json)")
