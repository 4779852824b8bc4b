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


# Terminal escapes a document can carry: a window title (OSC 0), a hidden link (OSC 8), clear screen (CSI),
# the one-byte C1 CSI, a carriage return that rewrites the line, and a right-to-left override.
ESCAPES = ["\x1b]0;pwned\x07", "\x1b]8;;http://evil.example\x1b\\", "\x1b[2J", "\x9b31m", "\r", "\u202e"]
HOSTILE_PLAN = ("瑞安市科学技术局2024年科技工作要点\n\n一、主要目标\n2024年，全市高新技术企业总数达到500家"
                + "".join(ESCAPES) + "，[领奖](javascript:alert(1))。\n二、重点任务\n"
                + "".join(f"（{n}）培育第{n}批科技型企业，新增省科技型中小企业{n * 10}家。市科技局牵头。\n" for n in range(1, 30)))


def assert_inert(text: str) -> None:
    controls = {ch for ch in text if (ch < " " and ch not in "\n\t") or "\x7f" <= ch <= "\x9f" or ch == "\u202e"}
    assert not controls, repr(text)


def test_printable_and_the_inert_stream_replace_every_control_character():
    out = io.StringIO()
    from plankg.render import InertStream, printable

    InertStream(out).write("a" + "".join(ESCAPES) + "\tb\n")
    assert out.getvalue() == printable("a" + "".join(ESCAPES) + "\tb\n")
    assert out.getvalue().startswith("a\ufffd]0;pwned\ufffd") and out.getvalue().endswith("\tb\n")
    assert_inert(out.getvalue())


@pytest.fixture(scope="module")
def hostile_kg(tmp_path_factory):
    import plankg

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "plan\x1b[31m\u202e.txt").write_text(HOSTILE_PLAN, "utf-8")
    graph = plankg.open(tmp_path_factory.mktemp("home"), build=False)
    graph.build([folder], index=False)
    yield graph, folder
    graph.close()


@pytest.mark.parametrize("argv", [
    ["ingest", "{folder}"],
    ["ingest", "--json", "{folder}"],
    ["ingest", "{folder}/missing\x1b]0;x\x07.txt"],
    ["export", "targets", "--format", "table"],
    ["export", "documents", "--format", "jsonl"],
    ["export", "targets", "--format", "csv"],
    ["ask", "瑞安市2024年高新技术企业目标是多少？"],
    ["ask", "--json", "瑞安市2024年高新技术企业目标是多少？"],
    ["sparql", "SELECT ?t WHERE { ?c plankg:text ?t }"],
])
def test_no_command_lets_a_documents_escapes_reach_the_terminal(hostile_kg, capsys, argv):
    kg, folder = hostile_kg
    argv = [arg.replace("{folder}", str(folder)) for arg in argv] + ["--workspace", str(kg.home)]
    main(argv)
    out, err = capsys.readouterr()
    assert out or err
    assert_inert(out)
    assert_inert(err)
    if "--json" in argv or "jsonl" in argv:  # JSON keeps the characters, as escapes
        assert "\\u001b" in out


@pytest.mark.slow
def test_search_output_is_inert(hostile_kg, capsys):
    kg, folder = hostile_kg
    kg.build([folder])  # with the index this time
    assert main(["search", "高新技术企业", "--workspace", str(kg.home)]) == 0
    out, err = capsys.readouterr()
    assert "500家" in out
    assert_inert(out)
    assert_inert(err)
