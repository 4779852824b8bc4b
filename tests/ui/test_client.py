"""Each tab's main function through ``gradio_client`` against the launched app."""
from __future__ import annotations

import csv
from html import unescape

import pytest

from plankg.ui import views

pytestmark = pytest.mark.slow


def _rows(table: dict) -> list[dict]:
    """The table's rows; an empty table's one-line reason (the note column) counts as none."""
    if table["headers"] == [views.EMPTY_COLUMN]:
        assert len(table["data"]) == 1 and table["data"][0][0]  # it says why it is empty
        return []
    return [dict(zip(table["headers"], row)) for row in table["data"]]


def test_ask_lists_the_owners_of_the_rd_targets_with_evidence_and_sparql(client, app_data):
    answer, table, evidence, sparql = client.predict("哪些单位负责R&D经费投入相关的目标？", api_name="/ask")
    # The answer groups the R&D family's targets by unit: one row per owner.
    owners_shown = {row["owner"] for row in _rows(table)}
    # The owners stated in the records for the R&D expenditure targets, lead and support alike.
    expected = {o for r in app_data.targets() if r["indicator_id"] == "rd_expenditure" and r["kind"] == "target"
                for o in r["owners"]}
    assert expected and expected <= owners_shown
    assert "<mark>12%以上</mark>" in evidence  # the exact value span is highlighted in its clause
    assert "椒江区科技局2024年科技创新工作要点" in evidence and "椒江区" in evidence
    assert sparql.lstrip().startswith("PREFIX") and "SELECT" in sparql
    assert "椒江区发改委" in unescape(answer)


def test_a_failing_question_shows_one_line(client):
    answer, table, evidence, sparql = client.predict("   ", api_name="/ask")
    assert "\n" not in answer.strip() and "Traceback" not in answer
    answer, *_ = client.predict("x" * 600, api_name="/ask")
    assert "longer than" in answer and "Traceback" not in answer


def test_search_applies_region_kind_and_target_filters(client):
    table, status = client.predict("孵化器", 10, ["椒江区"], ["2024"], [], ["sentence"], True, api_name="/search")
    rows = _rows(table)
    assert rows and all(r["region"] == "椒江区" and r["kind"] == "sentence" for r in rows)
    assert "孵化器" in rows[0]["text"]
    table, status = client.predict("孵化器", 10, [], [], [], ["item"], False, api_name="/search")
    assert all(r["kind"] == "item" for r in _rows(table))
    table, status = client.predict("孵化器", 10, ["不存在的地方"], [], [], [], False, api_name="/search")
    assert _rows(table) == []


def test_search_error_is_one_line(client):
    table, status = client.predict("孵化器", 10, [], ["二〇二四"], [], [], False, api_name="/search")
    assert "year" in status and "\n" not in status


def test_targets_filter_and_csv_download(client, app_data):
    table, status, csv_file = client.predict(["椒江区"], ["2024"], [], ["target"], "财政局", "", False, False,
                                             api_name="/targets")
    rows = _rows(table)
    expected = [r for r in app_data.targets() if r["kind"] == "target" and r["year"] == 2024
                and any("财政局" in o for o in r["owners"])]
    assert len(rows) == len(expected) >= 1
    assert {r["指标 indicator"] for r in rows} == {r["indicator"] for r in expected}
    with open(csv_file, encoding="utf-8-sig") as fh:
        downloaded = list(csv.DictReader(fh))
    assert [r["指标 indicator"] for r in downloaded] == [r["指标 indicator"] for r in rows]


def test_evolution_charts_baseline_target_and_actual_per_place(client):
    plot, outcome, status = client.predict(["rd_intensity"], ["椒江区"], api_name="/evolution")
    import json

    figure = json.loads(plot["plot"])
    points = {(trace["name"], x, y) for trace in figure["data"] for x, y in zip(trace.get("x") or [], trace.get("y") or [])
              if trace.get("mode") == "lines+markers"}
    assert ("椒江区 · 目标 target", 2024, 3.2) in points
    assert any(name.startswith("椒江区 · 实绩") and x == 2023 and y == 2.9 for name, x, y in points)
    outcome_rows = _rows(outcome)
    assert any(r["year"] == 2024 and r["target"] == 3.2 for r in outcome_rows)


def test_compare_two_plan_years(client):
    # Nothing was planned for 2023: the tab says so in one line and names the years that have goals.
    table, measures, status = client.predict("2023", "2024", [], api_name="/compare")
    assert not _rows(table) and "2023" in status and "2024" in status and "\n" not in status.strip()


def test_entities_find_and_open_a_neighbourhood(client):
    table, status = client.predict("研究院", "", api_name="/entities")
    names = [r["name"] for r in _rows(table)]
    assert any("椒江智能制造研究院" in n for n in names)
    name, plot, facts, neighbours, status = client.predict(names[0], api_name="/entity")
    assert name == names[0] and plot is not None
    assert _rows(facts) and _rows(neighbours)
    name, plot, facts, neighbours, status = client.predict("没有这个实体", api_name="/entity")
    assert "not in the graph" in status


def test_sparql_console_reads_and_refuses_updates(client):
    table, status = client.predict("SELECT ?t WHERE { ?t a plankg:Target } LIMIT 3", api_name="/sparql")
    assert len(_rows(table)) == 3
    table, status = client.predict("DELETE WHERE { ?s ?p ?o }", api_name="/sparql")
    assert "read-only" in unescape(status) and "\n" not in status
    table, status = client.predict("SELECT ?t WHERE { ?t a plankg:Target } LIMIT 1", api_name="/sparql")
    assert len(_rows(table)) == 1  # still there
    table, status = client.predict("SELEC nonsense", api_name="/sparql")
    assert status.startswith("⚠ SPARQL:") and "\n" not in status


def test_corpus_lists_documents_and_refuses_bad_uploads(client, tmp_path):
    from gradio_client import handle_file

    documents, repairs, warnings, status = client.predict(api_name="/corpus")
    titles = {r["标题 title"] for r in _rows(documents)}
    assert "椒江区科技局2024年科技创新工作要点" in titles
    bad = tmp_path / "notes.exe"
    bad.write_bytes(b"MZ")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="Invalid file type"):  # Gradio refuses the type before we see it
        client.predict([handle_file(str(bad))], api_name="/upload")
    report, *_ = client.predict([handle_file(str(empty))], api_name="/upload")
    rows = {r["文件 file"]: r for r in _rows(report)}
    assert rows["empty.txt"]["状态 status"] == "error" and rows["empty.txt"]["详情 detail"] == "empty file"
