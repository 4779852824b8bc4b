"""The command line as a user runs it: ingest summary, bad input, idempotent and failed builds."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from plankg.record_files import record_text

SEEDS = Path(__file__).resolve().parents[2] / "plankg" / "corpus"


def plankg(*args: str, home: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLANKG_HOME": str(home)} if home else dict(os.environ)
    env.pop("PLANKG_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "plankg.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_ingest_json_lists_the_six_bundled_documents():
    result = plankg("ingest", "--json")
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)
    assert len(docs) == 6
    summary = {(d["doc"][:3], d["part"]): d for d in docs}
    wenzhou_table = summary[("000", 1)]
    assert wenzhou_table["issuer"] == "温州市科技局" and wenzhou_table["table_rows"] == 11
    assert wenzhou_table["doc_type"] == "responsibility_table" and wenzhou_table["years"] == [2019]
    assert summary[("001", 1)]["region"] is None and summary[("001", 1)]["issuer"] == "区科技局"
    assert summary[("001", 2)]["issuer"] == "温州市科技局"
    assert summary[("002", 1)]["region"] == "桐乡市" and summary[("002", 1)]["years"] == [2019]
    luqiao = summary[("003", 1)]
    assert luqiao["region"] == "路桥区" and luqiao["parent_region"] == "台州市"
    assert luqiao["doc_type"] == "action_plan" and luqiao["years"] == [2021, 2022, 2023, 2024, 2025]
    ruian = summary[("004", 1)]
    assert ruian["region"] == "瑞安市" and ruian["parent_region"] == "温州市" and ruian["reported_years"] == [2019]
    assert {r["original"] for r in summary[("001", 2)]["repairs"]} >= {"IL", "IlOO"}


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text((SEEDS / "002_b0bd98c00cc209c5.txt").read_text("utf-8"), "utf-8")
    (folder / "empty.txt").write_text("", "utf-8")
    (folder / "noise.txt").write_bytes(os.urandom(4096))
    (folder / "sheet.xlsx").write_bytes(b"PK\x03\x04 not really")
    (folder / "broken.docx").write_bytes(b"this is not a zip file")
    with zipfile.ZipFile(folder / "hollow.docx", "w") as archive:
        archive.writestr("hello.txt", "no word document inside")
    return folder


def test_a_batch_goes_on_past_bad_files(mixed_folder: Path):
    result = plankg("ingest", "--json", str(mixed_folder))
    assert result.returncode == 0
    docs = json.loads(result.stdout)
    assert [d["doc"] for d in docs] == ["good.txt"]
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 5, result.stderr
    for name in ("empty.txt", "noise.txt", "sheet.xlsx", "broken.docx", "hollow.docx"):
        line = next(e for e in errors if name in e)
        assert line.startswith("plankg: ") and "Traceback" not in result.stderr
    assert "empty" in next(e for e in errors if "empty.txt" in e)


def test_nothing_readable_exits_non_zero(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", "utf-8")
    result = plankg("ingest", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"))
    assert result.returncode != 0
    assert "missing.txt" in result.stderr and "empty.txt" in result.stderr and "Traceback" not in result.stderr


def test_build_is_idempotent_and_a_failed_build_keeps_the_workspace(tmp_path: Path, mixed_folder: Path):
    home = tmp_path / "home"
    first = plankg("build", "--no-index", "--no-graph", str(mixed_folder / "good.txt"), home=home)
    assert first.returncode == 0, first.stderr
    assert "built 1 documents" in first.stdout
    again = plankg("build", "--no-index", "--no-graph", str(mixed_folder / "good.txt"), home=home)
    assert again.returncode == 0 and "up to date" in again.stdout
    before = record_text(home / "records", "targets")
    failed = plankg("build", "--no-index", "--no-graph", str(mixed_folder / "empty.txt"), home=home)
    assert failed.returncode != 0 and "nothing could be read" in failed.stderr
    assert record_text(home / "records", "targets") == before
    exported = plankg("export", "targets", home=home)
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert rows and {"doc", "kind", "indicator", "indicator_id", "value", "unit", "unit_inferred", "comparator",
                     "year", "period", "baseline", "stretch", "growth", "placeholder", "owners", "lead_owners",
                     "owner_source", "conflicts_with", "year_inferred", "clause_id", "text", "start",
                     "end"} <= set(rows[0])
    assert all(r["doc"] == "good.txt" for r in rows)


def test_export_without_a_build_says_so(tmp_path: Path):
    result = plankg("export", "targets", home=tmp_path / "nothing")
    assert result.returncode != 0
    assert "plankg build" in result.stderr and "Traceback" not in result.stderr


def test_ingest_reads_with_the_workspaces_settings_and_its_clause_cap(tmp_path: Path):
    plan = tmp_path / "long.txt"
    plan.write_text("戊市科技局2024年工作要点\n\n" + "".join(f"{n}. 推进第{n}项工作。\n" for n in range(1, 60)), "utf-8")
    unlimited = plankg("ingest", "--json", str(plan), home=tmp_path / "default")
    assert unlimited.returncode == 0 and json.loads(unlimited.stdout)[0]["clauses"] > 40
    home = tmp_path / "capped"
    home.mkdir()
    (home / "plankg.toml").write_text("max_clauses_per_document = 40\n", "utf-8")
    for given in (["--workspace", str(home)], []):  # the option, or PLANKG_HOME as build reads it
        capped = plankg("ingest", *given, str(plan), home=home)
        assert capped.returncode == 1 and capped.stdout.strip().endswith("1 files could not be read")
        assert capped.stderr.strip() == (f"plankg: {plan}: too many clauses in one document (60 > 40; "
                                         "set max_clauses_per_document in plankg.toml)")


def test_ingest_stops_a_file_past_the_time_budget_and_goes_on(tmp_path: Path):
    from tests.ingest.hostile import pdf_bytes

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-slow.pdf").write_bytes(pdf_bytes(1, 600_000))  # ~7 s for the parser
    (inbox / "b-good.txt").write_text((SEEDS / "002_b0bd98c00cc209c5.txt").read_text("utf-8"), "utf-8")
    home = tmp_path / "home"
    home.mkdir()
    (home / "plankg.toml").write_text("max_file_seconds = 1\nmax_pdf_page_operators = 1000000000\n", "utf-8")
    result = plankg("ingest", "--json", str(inbox), home=home)
    assert result.returncode == 0 and [d["doc"] for d in json.loads(result.stdout)] == ["b-good.txt"]
    assert result.stderr.strip() == (f"plankg: {inbox / 'a-slow.pdf'}: took longer than 1 s; "
                                     "raise max_file_seconds to allow it")


def test_ingest_stops_a_file_past_the_memory_budget_and_says_so(tmp_path: Path):
    """In the CLI's own process the reader used to crawl at its address-space cap until the time
    budget ran out; the budget's watcher ends it as out of memory."""
    from tests.ingest.hostile import nested_tags_html

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-deep.html").write_bytes(nested_tags_html(600_000))  # its parse tree needs ~500 MB
    (inbox / "b-good.txt").write_text((SEEDS / "002_b0bd98c00cc209c5.txt").read_text("utf-8"), "utf-8")
    home = tmp_path / "home"
    home.mkdir()
    (home / "plankg.toml").write_text("max_file_memory_mb = 64\nmax_file_seconds = 120\nmax_html_tags = 1000000000\n",
                                      "utf-8")
    result = plankg("ingest", "--json", str(inbox), home=home)
    assert result.returncode == 0 and [d["doc"] for d in json.loads(result.stdout)] == ["b-good.txt"]
    assert result.stderr.strip() == (f"plankg: {inbox / 'a-deep.html'}: needed more than 64 MB; "
                                     "raise max_file_memory_mb to allow it")
