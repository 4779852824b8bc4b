"""``plankg search`` argument parsing and errors (fast); a real run lives in test_real_model.py."""
from __future__ import annotations

import argparse

from plankg import cmd_search


def parse(*argv: str) -> argparse.Namespace:
    from plankg.cli import build_parser

    return build_parser().parse_args(["search", *argv])


def test_all_options_parse():
    args = parse("孵化器", "人才", "-k", "3", "--json", "--doc", "a.txt", "--region", "温州", "--year", "2021",
                 "--doc-type", "action_plan", "--kind", "table_row", "--has-target", "--workspace", "/w")
    assert args.queries == ["孵化器", "人才"] and args.k == 3 and args.json
    assert (args.doc, args.region, args.year, args.doc_type, args.kind, args.has_target) == (
        "a.txt", "温州", 2021, "action_plan", "table_row", True)
    assert str(args.workspace) == "/w" and args.func is cmd_search.run


def test_defaults():
    args = parse("孵化器")
    assert args.k == 10 and not args.json and not args.has_target and args.workspace is None


def test_missing_index_prints_one_line_and_fails(tmp_path, capsys, monkeypatch):
    from plankg.cli import main

    monkeypatch.delenv("PLANKG_DEBUG", raising=False)
    status = main(["search", "孵化器", "--workspace", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "plankg build" in err


def test_clip_counts_wide_characters():
    from plankg.render import clip

    assert clip("孵化器建设", 6) == "孵化器…"
    assert clip("abc", 6) == "abc"
