"""``plankg evolve --from 2019 --to 2022 [--region 温州]``: how one year's plans became a later year's goals."""
from __future__ import annotations

import argparse
import sys

from plankg.cmd_common import open_workspace
from plankg.qa.answer_evolution import overview_text, summary_lead
from plankg.render import write_json


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``evolve`` subcommand."""
    parser = subparsers.add_parser("evolve", help="compare the plans of two years: indicators and measures")
    parser.add_argument("--from", dest="from_year", type=int, required=True, metavar="YEAR", help="earlier plan year")
    parser.add_argument("--to", dest="to_year", type=int, required=True, metavar="YEAR", help="later plan year")
    parser.add_argument("--region", metavar="PLACE", help="only this place (温州, 路桥区, Luqiao)")
    parser.add_argument("--include-counties", action="store_true",
                        help="with --region: also the counties and districts inside it (rows labelled)")
    parser.add_argument("--family", metavar="NAME", help="only an indicator family: rd, ip, talent, enterprise, "
                                                         "platform (or 研发, 人才...)")
    parser.add_argument("--no-measures", action="store_true", help="indicators only (no clause alignment)")
    parser.add_argument("--english", action="store_true", help="print the overview in English")
    parser.add_argument("--json", action="store_true", help="print the whole comparison as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the summary and the overview (or JSON) for the two years; a year without a plan for the
    place is an error (one line, exit 2) naming the years there are."""
    evolution = open_workspace(args).evolution(args.from_year, args.to_year, region=args.region,
                             include_counties=args.include_counties, family=args.family,
                             measures=not args.no_measures)
    if args.json:
        write_json(evolution.to_dict(), sys.stdout)
        return 0

    language = "en" if args.english else "zh"
    print(summary_lead(evolution, language))  # the counts and the largest changes first, then the detail
    print(overview_text(evolution, language))
    return 0
