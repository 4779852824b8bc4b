"""The adapter and the views without a server: prefixes, chart points, escaping, upload checks."""
from __future__ import annotations

from pathlib import Path

import pytest

from plankg.ui import views
from plankg.ui.data import with_prefixes


def test_prefixes_are_declared_only_when_used_and_missing():
    query = "PREFIX skos: <http://example.org/mine#>\nSELECT ?t WHERE { ?t a plankg:Target ; skos:note ?n }"
    declared = with_prefixes(query)
    assert declared.startswith("PREFIX plankg: <https://w3id.org/plankg/ontology#>\n")
    assert declared.count("PREFIX skos:") == 1
    assert with_prefixes("SELECT * WHERE { ?s <http://x.org/a:b> 'rdf:no' }") == "SELECT * WHERE { ?s <http://x.org/a:b> 'rdf:no' }"


def test_evidence_is_escaped_and_the_span_marked():
    text = "甲<script>alert(1)</script>达到3.2%。"
    start = text.index("3.2%")
    html = views.evidence_html([{"text": text, "spans": [(start, start + 4)], "doc": "a.txt",
                                 "doc_title": "<b>标题</b>", "region": "椒江区", "clause_id": "cl-1"}])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>3.2%</mark>" in html and "&lt;b&gt;标题&lt;/b&gt;" in html


def test_one_line_error():
    assert views.one_line_error(ValueError("bad thing\nmore lines"), "question 'x'") == "question 'x': bad thing"


@pytest.mark.slow
def test_series_kinds_and_one_point_per_year_and_document(app_data):
    points = app_data.series(["rd_intensity"], ["椒江区"])
    by_kind = {(p["kind"], p["year"]): p["value"] for p in points}
    assert by_kind[("target", 2024)] == 3.2
    assert ("actual", 2023) in by_kind and by_kind[("actual", 2023)] == 2.9
    keys = [(p["kind"], p["year"], p["doc_title"], p["measure"], p["unit"]) for p in points]
    assert len(keys) == len(set(keys))


@pytest.mark.slow
def test_compare_years_statuses(app_data):
    planned_2024 = {(r["indicator"], r["region"]) for r in app_data.targets() if r["kind"] == "target" and r["year"] == 2024}
    assert planned_2024
    # Nothing is planned for 2030 (nor 2020): the comparison says so and names the years there are.
    with pytest.raises(Exception, match="2030.*years with goals: 2024"):
        app_data.compare_years(2024, 2030)
    with pytest.raises(Exception, match="2020.*years with goals: 2024"):
        app_data.compare_years(2020, 2024)
    # Years in the wrong order are refused with a message, not answered backwards.
    with pytest.raises(Exception, match="earlier"):
        app_data.compare_years(2030, 2024)


def test_value_span_in_a_table_row_rebuilt_from_cells():
    from types import SimpleNamespace

    from plankg.ui.data import value_span

    # Document text "指标 2015年 15家 2025年 30家" as a table row whose clause text is rebuilt from cells.
    cells = (SimpleNamespace(name="2015年", text="15家", start=10, end=13), SimpleNamespace(name="2025年", text="30家", start=20, end=23))
    clause = SimpleNamespace(start=0, cells=cells)
    text = "指标：孵化器；2015年：15家；2025年：30家"
    start, end = value_span(text, {"value_text": "30家", "start": 20}, clause)
    assert text[start:end] == "30家"
    start, end = value_span(text, {"value_text": "15家", "start": 10}, clause)
    assert text[start:end] == "15家" and start == text.index("15家")
    # A plain clause: the document offset holds; a value not standing alone is not matched.
    plain = SimpleNamespace(start=100, cells=())
    assert value_span("增长15%以上", {"value_text": "15%以上", "start": 102}, plain) == (2, 7)
    assert value_span("2015年完成", {"value_text": "15", "start": 0}, plain) is None


@pytest.fixture(scope="module")
def guarded_home(tmp_path_factory) -> Path:
    """A small workspace (no index) whose settings make the app's limits quick to reach."""
    from tests.graph.test_query_safety import build_home

    root = tmp_path_factory.mktemp("guarded")
    build_home(root / "home", root / "docs", 765)
    (root / "home" / "plankg.toml").write_text(
        'store = "oxigraph"\nquery_timeout_s = 3.0\nquery_max_memory_mb = 200.0\n', "utf-8")
    return root / "home"


@pytest.mark.timeout(180)
def test_the_sparql_console_is_bounded_like_kg_sparql(guarded_home):
    import multiprocessing
    import time

    from plankg.graph.store import QueryError
    from plankg.ui.data import AppData
    from tests.graph.test_query_safety import CROSS

    data = AppData(guarded_home)
    assert data.sparql("SELECT ?t WHERE { ?t a plankg:Target }")  # prefixes predeclared, rows come back
    for query, reason in (
        (CROSS, r"stopped after 3 s \(query_timeout_s\)"),
        ("SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1", r"200 MB of memory \(query_max_memory_mb\)"),
        ('SELECT * WHERE { # """\n SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }', "refused: SERVICE"),
    ):
        started = time.monotonic()
        with pytest.raises(QueryError, match=reason):
            data.sparql(query)
        assert time.monotonic() - started < 60
    assert not multiprocessing.active_children()


def test_the_entity_tabs_run_their_named_queries_under_the_row_limit(guarded_home):
    import plankg
    from plankg.graph.store import QueryError
    from plankg.ui.data import AppData

    data = AppData(guarded_home)
    assert data.profile("市科技局")  # the issuing bureau of the composed plan
    data.replace(plankg.open(guarded_home, build=False, query_max_rows=1))
    with pytest.raises(QueryError, match=r"more than 1 rows \(query_max_rows\)"):
        data.profile("市科技局")
    with pytest.raises(QueryError, match=r"more than 1 rows"):
        data.neighbourhood("市科技局")


def test_the_upload_report_names_uploads_as_given_and_says_what_was_read_from_a_copy():
    from types import SimpleNamespace

    from plankg.ui.uploads import _report_rows

    doc = SimpleNamespace(path="plan (2).txt", id="doc-1", title="甲市2031年工作要点")
    kg = SimpleNamespace(corpus=SimpleNamespace(documents=[doc], targets=[SimpleNamespace(doc_id="doc-1")]))
    gone = "/data/plans: no longer there; its 12 files are read from the workspace's copy (kg.remove('/data/plans') drops it)"
    report = SimpleNamespace(errors=[gone, "bad.pdf: not a valid .pdf (broken)"], added=[
        {"name": "plan.txt", "label": "plan (2).txt", "status": "new", "detail": ""},
        {"name": "bad.pdf", "label": "bad.pdf", "status": "new", "detail": ""},
        {"name": "copy.txt", "label": "plan.txt", "status": "already", "detail": "same content as plan.txt"}])
    rows = {r["file"]: r for r in _report_rows(kg, report, [])}
    assert rows["plan.txt"]["status"] == "added" and rows["plan.txt"]["detail"].startswith("stored as plan (2).txt")
    assert rows["bad.pdf"] == {"file": "bad.pdf", "status": "error", "detail": "not a valid .pdf (broken)"}
    assert rows["copy.txt"]["status"] == "already in the corpus"
    assert rows["/data/plans"]["status"] == "kept from the workspace's copy" and "12 files" in rows["/data/plans"]["detail"]


def test_tables_and_the_neighbourhood_are_bounded_whatever_the_corpus_holds(guarded_home, monkeypatch):
    from plankg.ui import data as ui_data
    from plankg.ui.data import AppData

    rows = [{"n": i} for i in range(30)]
    assert len(views.table(rows, limit=10)) == 10 and len(views.table(rows, limit=len(rows))) == 30
    assert "10" in views.shown_note(30, 10) and views.shown_note(10, 10) == ""
    data = AppData(guarded_home)
    everything = data.neighbourhood("市科技局")
    assert len(everything) > 2
    monkeypatch.setattr(ui_data, "MAX_NEIGHBOURS", 2)
    assert data.neighbourhood("市科技局") == everything[:2]  # the query's own first rows (LIMIT), in its order
