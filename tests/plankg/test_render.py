"""The CLI's one renderer (table, json, jsonl, csv) and the commands that use it, in process."""
from __future__ import annotations

import csv
import io
import json

import pytest

from plankg.cli import build_parser, main
from plankg.render import width, write_rows

ROWS = [{"region": "瑞安市", "value": 500.0, "owners": ["市科技局"], "note": None},
        {"region": "路桥区", "value": 45.0, "owners": [], "note": "achievement"}]


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_every_format_holds_every_row(fmt):
    out = io.StringIO()
    write_rows(ROWS, fmt, out)
    text = out.getvalue()
    if fmt == "json":
        assert json.loads(text) == ROWS
    elif fmt == "jsonl":
        assert [json.loads(line) for line in text.splitlines()] == ROWS
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["region"] for r in rows] == ["瑞安市", "路桥区"] and json.loads(rows[0]["owners"]) == ["市科技局"]
    else:
        lines = text.splitlines()
        assert lines[0].split() == ["region", "value", "owners", "note"] and lines[-1] == "(2 rows)"
        # CJK cells take two columns: the value column starts at the same place on every row.
        starts = {width(line[:line.index("500.0" if "瑞安" in line else "45.0")]) for line in lines[2:4]}
        assert len(starts) == 1
        assert "瑞安市" in lines[2] and "路桥区" in lines[3]


def test_every_command_that_reads_a_workspace_takes_one_workspace_option():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, command in commands.items():
        options = {o for action in command._actions for o in action.option_strings}
        assert "--workspace" in options, name


def test_sparql_and_export_print_through_the_renderer(kg, capsys):
    home = str(kg.home)
    assert main(["sparql", "SELECT ?t ?v WHERE { ?t a plankg:Target ; sdmx-measure:obsValue ?v }",
                 "--format", "csv", "--workspace", home]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sorted(float(r["v"]) for r in rows) == sorted(kg.targets(kind="target")["value"])
    assert main(["export", "targets", "--format", "csv", "--workspace", home]) == 0
    assert len(list(csv.DictReader(io.StringIO(capsys.readouterr().out)))) == len(kg.targets())
    assert main(["ask", "瑞安市2024年高新技术企业目标是多少？", "--json", "--workspace", home]) == 0
    assert "500" in json.loads(capsys.readouterr().out)[0]["answer"]


def test_a_query_error_is_one_line_with_status_2(kg, capsys, monkeypatch):
    monkeypatch.delenv("PLANKG_DEBUG", raising=False)
    assert main(["sparql", "SELECT ?x WHERE {", "--workspace", str(kg.home)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
