"""Inputs are never lost: the workspace's own copies, relabelled records, the input list under the lock."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import plankg
from plankg.cli import main
from plankg.inputs import INPUTS_DIR
from plankg.progress import SILENT, Progress
from plankg.workspace import Workspace, WorkspaceError
from tests.plankg.test_workspace_integrity import run_python, write_plan


def records(home: Path) -> dict[str, bytes]:
    folder = home / "records"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def copies(home: Path) -> list[Path]:
    return sorted(p for p in (home / INPUTS_DIR).iterdir() if not p.name.startswith("."))


def twelve_plans(folder: Path) -> None:
    for k in range(12):
        write_plan(folder, f"plan{k}.txt", 2000 + k, 1.0 + k / 10)


def test_a_relative_build_keeps_its_documents_when_add_runs_from_another_folder(tmp_path, monkeypatch):
    # The case: built from `docs` in one folder, added to from another: 12 documents became 1.
    twelve_plans(tmp_path / "project" / "docs")
    write_plan(tmp_path / "elsewhere", "extra.txt", 2030, 9.9)
    monkeypatch.chdir(tmp_path / "project")
    kg = plankg.open(tmp_path / "home", build=False)
    assert kg.build(["docs"], index=False, progress=SILENT).documents == 12
    monkeypatch.chdir(tmp_path / "elsewhere")
    report = kg.add("extra.txt", progress=False)
    assert report.documents == 13 and report.errors == []
    # The documents keep the paths as the user typed them, never the workspace's copies.
    paths = {d.path for d in kg.corpus.documents}
    assert "docs/plan0.txt" in paths and "extra.txt" in paths
    assert not any(INPUTS_DIR in p for p in paths)


def test_an_input_that_vanished_is_read_from_its_copy_and_said_once(tmp_path, monkeypatch, capsys):
    docs = tmp_path / "docs"
    twelve_plans(docs)
    home = tmp_path / "home"
    kg = plankg.open(home, build=False)
    kg.build([docs], index=False, progress=SILENT)
    before = records(home)
    shutil.rmtree(docs)
    # The CLI rebuild from the vanished folder: every document kept, one line on stderr naming it.
    assert main(["build", "--no-index", "--workspace", str(home), str(docs)]) == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "no longer there" in line]
    assert len(lines) == 1 and str(docs) in lines[0] and "12 files" in lines[0]
    corpus = Workspace(home).corpus()
    assert len(corpus.documents) == 12 and sum("no longer there" in e for e in corpus.errors) == 1
    assert {n: b for n, b in records(home).items() if n != "errors.json"} == \
        {n: b for n, b in before.items() if n != "errors.json"}
    # One file gone from a folder that is still there: kept, and named.
    twelve_plans(docs)
    (docs / "plan3.txt").unlink()
    report = plankg.open(home, build=False).build([docs], index=False, progress=SILENT)
    assert report.documents == 12
    assert [e for e in report.errors if "no longer there" in e] == [
        f"{docs / 'plan3.txt'}: no longer there; read from the workspace's copy "
        f"(kg.remove({str(docs / 'plan3.txt')!r}) drops it)"]


def test_a_rebuild_with_nothing_changed_is_up_to_date_and_byte_identical(tmp_path):
    docs = tmp_path / "docs"
    twelve_plans(docs)
    (docs / "manifest.toml").write_text('[documents."plan1.txt"]\ntitle = "改过的标题"\n', "utf-8")
    home = tmp_path / "home"
    kg = plankg.open(home, build=False)
    kg.build([docs], index=False, progress=SILENT)
    first = records(home)
    assert kg.build([docs], index=False, progress=SILENT).up_to_date
    assert kg.build([docs], index=False, progress=SILENT, force=True).documents == 12
    assert records(home) == first
    # The folder's manifest still corrects its document (it is copied beside the copies).
    assert "改过的标题" in {d.title for d in kg.corpus.documents}
    # A fresh workspace from the same folder gives the same bytes (ids come from content).
    other = tmp_path / "other"
    plankg.open(other, build=False).build([docs], index=False, progress=SILENT)
    assert records(other) == first


def test_copies_are_deduplicated_by_content_and_bounded_by_max_file_mb(tmp_path):
    docs = tmp_path / "docs"
    write_plan(docs, "a.txt", 2020, 2.0)
    shutil.copyfile(docs / "a.txt", docs / "same.txt")
    (docs / "big.txt").write_bytes("甲".encode() * 400_000)  # 1.2 MB
    home = tmp_path / "home"
    report = plankg.open(home, build=False, max_file_mb=1).build([docs], index=False, progress=SILENT)
    assert report.documents == 1
    assert len(copies(home)) == 1  # a.txt and same.txt share one copy; big.txt is not copied
    assert any(e.startswith(f"{docs / 'big.txt'}:") for e in report.errors)


def test_two_adds_at_once_both_land(tmp_path):
    home = tmp_path / "home"
    plankg.open(home, build=False).build([write_plan(tmp_path / "docs", "first.txt", 2020, 2.0)], index=False,
                                         progress=SILENT)
    new = [write_plan(tmp_path / "new", f"{name}.txt", 2030 + k, 3.0 + k) for k, name in enumerate("ab")]
    code = "import sys, plankg; plankg.open(build=False).add(sys.argv[1], progress=False)"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], env={**_env(home)}, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for path in new]
    results = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    names = {Path(d.path).name for d in Workspace(home).corpus().documents}
    assert names == {"first.txt", "a.txt", "b.txt"}


def _env(home: Path) -> dict:
    import os

    return {**os.environ, "PLANKG_HOME": str(home)}


def test_same_named_uploads_are_two_documents_labelled_by_the_users_names(tmp_path):
    home = tmp_path / "home"
    workspace = Workspace(home)
    workspace.build([write_plan(tmp_path / "docs", "first.txt", 2020, 2.0)], index=False, progress=SILENT)
    one = write_plan(tmp_path / "u1", "tmp-a1.txt", 2031, 3.1)
    two = write_plan(tmp_path / "u2", "tmp-b2.txt", 2032, 3.2)
    report = workspace.add(uploads=[(one, "plan.txt"), (two, "plan.txt"), (one, "again.txt")], progress=SILENT)
    assert [(r["label"], r["status"]) for r in report.added] == [
        ("plan.txt", "new"), ("plan (2).txt", "new"), ("plan.txt", "already")]
    docs = {d.path: d for d in workspace.corpus().documents}
    assert {"plan.txt", "plan (2).txt"} <= set(docs) and docs["plan (2).txt"].source_name == "plan (2).txt"
    # The uploads live on in the workspace's copies: the temporary files may go.
    one.unlink()
    two.unlink()
    said = io.StringIO()
    assert Workspace(home).build([tmp_path / "docs"], index=False, progress=Progress(said)).documents == 1
    uploads = [s.given for s in Workspace(home).sources() if s.kind == "upload"]
    assert uploads == []  # an explicit build names its inputs: the uploads are not among them, and it says so
    assert "not among the inputs of this build (add them again to keep them): plan.txt, plan (2).txt\n" in said.getvalue()


def test_remove_rebuilds_without_a_source_or_a_file_of_a_folder(tmp_path):
    docs = tmp_path / "docs"
    twelve_plans(docs)
    home = tmp_path / "home"
    kg = plankg.open(home, build=False)
    kg.build([docs], index=False, progress=SILENT)
    kg.add(write_plan(tmp_path / "more", "extra.txt", 2030, 9.9), progress=False)
    assert kg.remove(str(docs / "plan3.txt"), progress=SILENT).documents == 12
    assert kg.remove(str(tmp_path / "more" / "extra.txt"), progress=SILENT).documents == 11
    assert "plan3.txt" not in {Path(d.path).name for d in kg.corpus.documents}
    # A removed file stays out when the folder is rebuilt.
    assert kg.add(docs, progress=False).documents == 11
    with pytest.raises(WorkspaceError, match="not an input of this workspace"):
        kg.remove("nothing.txt", progress=SILENT)
    # Copies are kept while a build on disk (the current one and the one before) uses them, then dropped.
    kg.add(write_plan(tmp_path / "more", "last.txt", 2031, 8.8), progress=False)
    kept = {f["sha256"] for build in (home / "builds").iterdir()
            for s in json.loads((build / "build.json").read_text("utf-8"))["sources"] for f in s["files"]}
    assert {p.name.split(".")[0] for p in copies(home)} == kept and len(kept) == 12


def test_a_failed_build_keeps_the_previous_inputs(tmp_path):
    home = tmp_path / "home"
    docs = tmp_path / "docs"
    write_plan(docs, "a.txt", 2020, 2.0)
    Workspace(home).build([docs], index=False, progress=SILENT)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(WorkspaceError, match="nothing could be read"):
        Workspace(home).build([empty], index=False, progress=SILENT)
    assert [s.given for s in Workspace(home).sources()] == [str(docs)]
    assert run_python("import plankg; print(len(plankg.open(build=False).corpus.documents))", home).stdout.strip() == "1"


def test_uploads_of_a_build_from_before_the_copies_get_their_users_names(tmp_path):
    home = tmp_path / "home"
    stored = write_plan(home / "uploads", "upload-2da8c0ffee.txt", 2030, 3.0)
    (home / "uploads" / "names.json").write_text(json.dumps({stored.name: "我的计划.txt"}), "utf-8")
    Workspace(home).build([stored], index=False, progress=SILENT)
    info_path = home / "build.json"
    info = json.loads(info_path.read_text("utf-8"))
    del info["sources"]  # what a build of the earlier version wrote
    info_path.resolve().write_text(json.dumps(info), "utf-8")
    workspace = Workspace(home)
    assert [(s.given, s.kind) for s in workspace.sources()] == [("我的计划.txt", "upload")]
    workspace.remove([], progress=SILENT)
    assert [d.path for d in workspace.corpus().documents] == ["我的计划.txt"]
