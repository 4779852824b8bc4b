"""Workspace integrity: one writer, atomic switch, crash in the switch, duplicates, kept parts."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import plankg
from plankg.files import FileLock, write_atomic
from plankg.progress import SILENT
from plankg.record_files import record_text
from plankg.workspace import Workspace, WorkspaceError

PLAN = """甲市科学技术局{year}年工作要点

一、主要目标
到{year}年，全市研发投入强度达到{value}%，高新技术企业达到{firms}家。
二、重点任务
（一）加快建设创新平台。新建省级重点实验室{labs}家。
"""


def write_plan(folder: Path, name: str, year: int, value: float, firms: int = 300, labs: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(PLAN.format(year=year, value=value, firms=firms, labs=labs), "utf-8")
    return path


def run_python(code: str, home: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLANKG_HOME": str(home)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=timeout)


def build(home: Path, folder: Path, **options) -> Workspace:
    workspace = Workspace(home)
    workspace.build([folder], index=False, progress=SILENT, **options)
    return workspace


def doc_paths(home: Path) -> set[str]:
    return {d.path for d in Workspace(home).corpus().documents}


def test_concurrent_builds_wait_for_each_other_and_record_their_own_data(tmp_path: Path):
    home = tmp_path / "home"
    folders = [tmp_path / "a", tmp_path / "b"]
    for n, folder in enumerate(folders):
        for k in range(3):
            write_plan(folder, f"plan{k}.txt", 2020 + k, 1.5 + n + k / 10)
    cli = [sys.executable, "-m", "plankg.cli", "build", "--no-index"]
    env = {**os.environ, "PLANKG_HOME": str(home)}
    for _ in range(3):
        procs = [subprocess.Popen([*cli, str(f)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for f in folders]
        results = [p.communicate(timeout=300) for p in procs]
        assert all(p.returncode == 0 for p in procs), results
        # Whichever finished last is current, and its build.json describes exactly its records.
        info = Workspace(home).info()
        built_from = Path(info["inputs"][0])
        assert {Path(p).parent for p in doc_paths(home)} == {built_from}
        assert info["documents"] == len(doc_paths(home))
        # The other folder is not "up to date" over the wrong data.
        other = folders[1] if built_from == folders[0] else folders[0]
        again = subprocess.run([*cli, str(other)], env=env, capture_output=True, text=True, timeout=300)
        assert "up to date" not in again.stdout
        assert {Path(p).parent for p in doc_paths(home)} == {other}
    assert not list((home / "builds").glob(".staging-*"))


def test_a_second_writer_is_told_who_holds_the_workspace(tmp_path: Path):
    home = tmp_path / "home"
    write_plan(tmp_path / "a", "plan.txt", 2024, 2.5)
    lock = FileLock(home / ".lock")
    lock.acquire()
    try:
        with pytest.raises(WorkspaceError, match=f"pid {os.getpid()}"):
            Workspace(home).build([tmp_path / "a"], index=False, wait=0.3, progress=SILENT)
    finally:
        lock.release()
    build(home, tmp_path / "a")  # free again
    assert Workspace(home).built


def test_a_stale_lock_from_a_dead_process_is_taken_over(tmp_path: Path, capsys):
    home = tmp_path / "home"
    write_plan(tmp_path / "a", "plan.txt", 2024, 2.5)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    home.mkdir()
    (home / ".lock").write_text(json.dumps({"pid": int(dead.stdout), "started": "2026-01-01T00:00:00Z"}))
    (home / "builds" / f".staging-{dead.stdout.strip()}-x").mkdir(parents=True)
    Workspace(home).build([tmp_path / "a"], index=False)
    err = capsys.readouterr().err
    assert f"pid {dead.stdout.strip()}" in err and "did not finish" in err
    assert not list((home / "builds").glob(".staging-*"))


def test_killed_inside_the_switch_the_old_build_stays_whole(tmp_path: Path):
    home = tmp_path / "home"
    old, new = tmp_path / "old", tmp_path / "new"
    write_plan(old, "plan.txt", 2023, 2.1)
    write_plan(new, "plan.txt", 2024, 3.4, firms=999)
    build(home, old)
    before = record_text(home / "records", "targets")
    code = (
        "import os, plankg.workspace as w\n"
        "w.BEFORE_SWITCH = lambda: os._exit(9)\n"
        f"w.Workspace().build([{str(new)!r}], index=False)\n"
    )
    result = run_python(code, home)
    assert result.returncode == 9, result.stderr
    workspace = Workspace(home)
    assert workspace.built and record_text(home / "records", "targets") == before
    assert {Path(p).parent for p in doc_paths(home)} == {old}
    values = plankg.open(home, build=False).sparql(
        "SELECT ?v WHERE { ?o sdmx-measure:obsValue ?v }")
    assert 999 not in set(values["v"])  # the facade's rows are a DataFrame
    # The next build finishes the job and clears what the killed one left.
    build(home, new)
    assert {Path(p).parent for p in doc_paths(home)} == {new}
    assert not list((home / "builds").glob(".staging-*"))


def test_a_truncated_build_json_does_not_break_later_builds(tmp_path: Path):
    home = tmp_path / "home"
    write_plan(tmp_path / "a", "plan.txt", 2024, 2.5)
    workspace = build(home, tmp_path / "a")
    build_json = workspace.data_dir() / "build.json"
    build_json.write_text(build_json.read_text("utf-8")[:40], "utf-8")
    report = Workspace(home).build([tmp_path / "a"], index=False, progress=SILENT)
    assert not report.up_to_date and report.documents == 1
    assert Workspace(home).info()["documents"] == 1


def test_write_atomic_leaves_old_or_new_content(tmp_path: Path):
    path = tmp_path / "x.json"
    write_atomic(path, "old")
    write_atomic(path, "new")
    assert path.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_identical_inputs_are_one_document_reported_as_duplicates(tmp_path: Path):
    folder = tmp_path / "copies"
    first = write_plan(folder, "a.txt", 2024, 2.5)
    for n in range(4):
        (folder / f"copy{n}.txt").write_bytes(first.read_bytes())
    errors: list[str] = []
    workspace = Workspace(tmp_path / "home")
    report = workspace.build([folder], index=False, on_error=errors.append, progress=SILENT)
    assert report.documents == 1
    corpus = workspace.corpus()
    assert len(corpus.targets) == len({t.id for t in corpus.targets}) > 0
    assert len(errors) == 4 and all(f"duplicate of {first}" in e for e in errors)


def test_skipping_a_part_keeps_the_previous_one(tmp_path: Path, monkeypatch):
    home = tmp_path / "home"
    write_plan(tmp_path / "a", "plan.txt", 2024, 2.5)

    def fake_index(self, corpus, out_dir, progress, runner=None):  # the real index needs the model; this is about files
        out_dir.mkdir(parents=True)
        (out_dir / "meta.json").write_text(json.dumps({"clauses": len(corpus.clauses)}))
        return {"clauses": len(corpus.clauses)}

    monkeypatch.setattr(Workspace, "_build_index", fake_index)
    Workspace(home).build([tmp_path / "a"], progress=SILENT)
    expected = (home / "index" / "meta.json").read_text()
    report = Workspace(home).build([tmp_path / "a"], index=False, force=True, progress=SILENT)
    assert "kept from" in report.parts["index"]
    assert (home / "index" / "meta.json").read_text() == expected
    report = Workspace(home).build([tmp_path / "a"], graph=False, index=False, force=True, progress=SILENT)
    assert (home / "graph" / "oxigraph").is_dir() and "kept from" in report.parts["graph"]


def test_an_open_facade_notices_a_new_build(tmp_path: Path):
    home = tmp_path / "home"
    write_plan(tmp_path / "a", "plan.txt", 2023, 2.1, firms=111)
    write_plan(tmp_path / "b", "plan.txt", 2024, 3.4, firms=222)
    build(home, tmp_path / "a")
    kg = plankg.open(home, build=False)
    query = "SELECT ?v WHERE { ?o sdmx-measure:obsValue ?v }"
    assert 111 in set(kg.sparql(query)["v"])
    build(home, tmp_path / "b")  # another writer (a second Workspace object)
    values = set(kg.sparql(query)["v"])
    assert 222 in values and 111 not in values
    assert {Path(d.path).parent for d in kg.corpus.documents} == {tmp_path / "b"}
