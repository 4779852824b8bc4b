"""``plankg ask QUESTION ... [--json]``: answer several questions in one process."""
from __future__ import annotations

import argparse
import json
import sys


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``ask`` subcommand."""
    parser = subparsers.add_parser("ask", help="answer questions (Chinese or English) with evidence")
    parser.add_argument("questions", nargs="+", metavar="QUESTION", help="one or more questions")
    parser.add_argument("--json", action="store_true", help="print a JSON array of answer objects")
    parser.add_argument("--sparql", action="store_true", help="also print the SPARQL that ran (text output)")
    parser.add_argument("--workspace", metavar="DIR", help="workspace folder (default: $PLANKG_HOME or the per-user folder)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Answer each question; with ``--json`` print one JSON array, else readable text."""
    from plankg.qa import QAEngine
    from plankg.qa.render import snippet

    answers = QAEngine(args.workspace).ask_many(args.questions)
    if args.json:
        json.dump([a.to_dict() for a in answers], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for answer in answers:
        print(f"Q: {answer.question}")
        print(f"   [{answer.intent}, confidence {answer.confidence:.2f}]")
        print(f"A: {answer.answer}")
        for item in answer.evidence[:6]:
            print(f"   - {item['doc']} {item['clause_id']} [{item['start']}:{item['end']}] {snippet(item['text'], 70)}")
        if len(answer.evidence) > 6:
            print(f"   ... {len(answer.evidence) - 6} more clauses (use --json)")
        for item in answer.related:
            print(f"   ~ related: {item['doc']} {item['clause_id']} {snippet(item['text'], 70)}")
        if args.sparql and answer.sparql:
            print(answer.sparql)
        print()
    return 0
