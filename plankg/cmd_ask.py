"""``plankg ask QUESTION ... [--json]``: answer several questions in one process."""
from __future__ import annotations

import argparse
import sys

#: Evidence clauses printed per answer in text output (``--json`` has them all).
SHOWN_EVIDENCE = 6


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``ask`` subcommand."""
    parser = subparsers.add_parser("ask", help="answer questions (Chinese or English) with evidence")
    parser.add_argument("questions", nargs="+", metavar="QUESTION", help="one or more questions")
    parser.add_argument("--json", action="store_true", help="print a JSON array of answer objects")
    parser.add_argument("--sparql", action="store_true", help="also print the SPARQL that ran (text output)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Answer each question; with ``--json`` print one JSON array, else readable text."""
    from plankg.cli import open_workspace
    from plankg.qa.render import snippet
    from plankg.render import write_json

    answers = open_workspace(args).ask_many(args.questions)
    if args.json:
        write_json([a.to_dict() for a in answers], sys.stdout)
        return 0
    for answer in answers:
        print(f"Q: {answer.question}")
        print(f"   [{answer.intent}, confidence {answer.confidence:.2f}]")
        print(f"A: {answer.answer}")
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
