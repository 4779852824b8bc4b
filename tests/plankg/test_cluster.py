"""Reading and extraction on Dask (``build --workers N`` / ``--scheduler URL``) give the serial build's records.

Real clusters on loopback: ``distributed.LocalCluster`` with worker processes, started by the
build itself (``--workers``) or by the test (``--scheduler``). The documents are composed here.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from plankg.cli import main
from plankg.graph.dump import iter_sorted_lines
from plankg.ingest.pipeline import FileLimits, FileResult, FileTask, read_corpus
from plankg.ingest.read_base import ReadLimits
from plankg.progress import SILENT
from plankg.record_files import RECORD_FILES, record_path
from plankg.workspace import Workspace

distributed = pytest.importorskip("distributed")

PLAN = """{place}科学技术局{year}年科技工作要点

一、主要目标
{year}年，全{level}研究与试验发展经费支出占地区生产总值比重达到{share}%，高新技术企业总数达到{firms}家。
二、重点任务
（一）培育科技型企业。{level}科技局牵头，{level}财政局配合，全年新增省科技型中小企业{smes}家。
（二）建设创新平台。新建省级重点实验室{labs}家，由{level}科技局负责。
（三）推进成果转化。技术合同成交额达到{deals}亿元（{level}科技局、{level}商务局）。
"""

SUMMARY = """{place}科学技术局{year}年工作总结和{next}年工作计划

一、{year}年工作总结
{year}年，全{level}研究与试验发展经费支出占地区生产总值比重达到{share}%，新增高新技术企业{firms}家。
二、{next}年工作计划
{next}年，全{level}技术交易额达到{deals}亿元，{level}科技局牵头，{level}发改局配合。
"""

PLACES = [("瑞安市", "市"), ("台州市路桥区", "区"), ("温州市", "市"), ("宣城市", "市"), ("椒江区", "区"),
          ("乐清市", "市")]


def compose(folder: Path) -> list[Path]:
    """Twelve composed plans and summaries, one of them twice, and a .docx that is not one."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (place, level) in enumerate(PLACES):
        year = 2021 + i % 4
        values = dict(place=place, level=level, year=year, next=year + 1, share=f"{2.1 + i / 10:.1f}",
                      firms=300 + 40 * i, smes=100 + 7 * i, labs=1 + i % 3, deals=12 + 3 * i)
        for kind, template in (("plan", PLAN), ("summary", SUMMARY)):
            path = folder / f"{i:02d}-{kind}.txt"
            path.write_text(template.format(**values), "utf-8")
            paths.append(path)
    (folder / "07-copy.txt").write_bytes(paths[3].read_bytes())
    (folder / "03-broken.docx").write_bytes(b"this is not a zip archive")
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    compose(folder)
    return folder


@pytest.fixture(scope="module")
def serial(plans, tmp_path_factory) -> Workspace:
    workspace = Workspace(tmp_path_factory.mktemp("serial"))
    workspace.build([plans], index=False, progress=SILENT)
    return workspace


@pytest.fixture(scope="module")
def scheduler():
    """A two-process cluster on loopback, as an outside cluster a user would point at."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, worker_dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def same_build(built: Workspace, serial: Workspace) -> None:
    """Every record file, the N-Triples graph and the exported targets are byte for byte the serial ones."""
    for name in RECORD_FILES:
        mine = record_path(built.records_dir, name).read_bytes()
        assert mine == record_path(serial.records_dir, name).read_bytes(), name
    assert (built.records_dir / "errors.json").read_bytes() == (serial.records_dir / "errors.json").read_bytes()
    assert (list(iter_sorted_lines(built.graph_dir, spans=built.span_lines()))
            == list(iter_sorted_lines(serial.graph_dir, spans=serial.span_lines())))


def test_the_serial_build_reads_the_good_files_and_names_the_bad_one(serial):
    corpus = serial.corpus()
    assert len(corpus.documents) == 12  # the copy is one document
    assert len(corpus.targets) >= 40
    assert [Path(e.split(":")[0]).name for e in corpus.errors] == ["03-broken.docx"]


def test_workers_give_the_serial_records_and_graph(plans, serial, tmp_path):
    reported: list[str] = []
    workspace = Workspace(tmp_path / "home")
    report = workspace.build([plans], index=False, progress=SILENT, workers=2, on_error=reported.append)
    same_build(workspace, serial)
    assert report.documents == 12
    # The bad file is one line naming it; the copy is said to be one; the other files are built.
    assert [Path(line.split(":")[0]).name for line in report.errors] == ["03-broken.docx"]
    assert any("07-copy.txt: duplicate of" in line and "01-summary.txt" in line for line in reported)
    assert all("\n" not in line for line in reported)


def test_scheduler_gives_the_serial_records_and_exports(plans, serial, scheduler, tmp_path, capsys):
    home = tmp_path / "home"
    assert main(["build", str(plans), "--no-index", "--workspace", str(home), "--scheduler", scheduler]) == 0
    out, err = capsys.readouterr()
    assert "built 12 documents" in out
    assert f"reading and extraction on {scheduler}" in err
    assert "03-broken.docx" in err and "Traceback" not in err
    same_build(Workspace(home), serial)
    assert main(["export", "targets", "--format", "jsonl", "--workspace", str(home)]) == 0
    on_cluster = capsys.readouterr().out
    assert main(["export", "targets", "--format", "jsonl", "--workspace", str(serial.home)]) == 0
    assert on_cluster == capsys.readouterr().out
    assert len(on_cluster.splitlines()) == len(serial.corpus().targets)


def test_reading_on_the_cluster_equals_reading_here(scheduler, plans):
    from plankg.cluster import dask_runner

    here = read_corpus([plans])
    with dask_runner(scheduler=scheduler) as runner:
        there = read_corpus([plans], runner=runner)
    assert there == here  # documents, clauses, targets, mentions, entities, errors and warnings
    assert there.errors and there.entities


def test_the_cluster_reads_each_file_within_the_same_budget(scheduler, plans, tmp_path):
    from plankg.cluster import dask_runner
    from tests.ingest.hostile import pdf_bytes

    (tmp_path / "slow.pdf").write_bytes(pdf_bytes(1, 600_000))  # ~7 s for the parser
    inputs = [tmp_path / "slow.pdf", *sorted(plans.glob("*.txt"))[:2]]
    limits = FileLimits(read=ReadLimits(max_pdf_page_operators=10**9), max_seconds=1)
    here = read_corpus(inputs, limits=limits)
    with dask_runner(scheduler=scheduler) as runner:
        started = time.perf_counter()
        there = read_corpus(inputs, limits=limits, runner=runner)
        assert time.perf_counter() - started < 6
    assert there == here and len(there.documents) == 2
    assert there.errors == (f"{inputs[0]}: took longer than 1 s; raise max_file_seconds to allow it",)


@pytest.mark.slow
def test_the_index_built_on_the_cluster_is_the_serial_one(plans, scheduler, tmp_path):
    from plankg.cluster import ClusterEncoder, ClusterError
    from plankg.embeddings.encoder import load_encoder

    homes = {"serial": tmp_path / "serial", "cluster": tmp_path / "cluster"}
    Workspace(homes["serial"]).build([plans], graph=False, progress=SILENT)
    Workspace(homes["cluster"]).build([plans], graph=False, progress=SILENT, scheduler=scheduler)
    folders = {name: Workspace(home).index_dir for name, home in homes.items()}
    names = sorted(p.name for p in folders["serial"].iterdir())
    assert "vectors.npy" in names and names == sorted(p.name for p in folders["cluster"].iterdir())
    for name in names:  # vectors, clause rows, BM25 and meta: byte for byte
        assert (folders["cluster"] / name).read_bytes() == (folders["serial"] / name).read_bytes(), name
    # Pieces of other sizes and orders give the same vectors bit for bit, in the caller's order.
    settings = Workspace(homes["serial"]).settings
    texts = [c.text for c in Workspace(homes["serial"]).corpus().clauses][:40]
    with distributed.Client(scheduler) as client:
        there = ClusterEncoder(load_encoder(settings), settings, client).encode(texts, batch_size=7)
        # Workers whose model is not the build's are refused, not mixed into the index.
        other = SimpleNamespace(key="m3e-small@0000000000:onnx", dim=512)
        with pytest.raises(ClusterError, match=r"embedding on the cluster failed \(ValueError: this worker's "
                                               r"encoder is m3e-small@.*, the build's is m3e-small@0000000000:onnx\)"):
            ClusterEncoder(other, settings, client).encode(texts[:3])
    assert there.tobytes() == load_encoder(settings).encode(texts).tobytes()


def test_workers_with_other_plankg_code_are_refused(plans, scheduler, tmp_path, capsys):
    def swap(hash_function_name: str) -> None:  # runs on each worker: another version of the ingest code
        import plankg.cluster as module

        if hash_function_name == "other":
            module.__dict__.setdefault("real_hash", module.ingest_code_hash)
            module.ingest_code_hash = lambda: "0" * 40
        else:
            module.ingest_code_hash = module.__dict__.pop("real_hash")

    with distributed.Client(scheduler) as client:
        client.run(swap, "other")
        try:
            code = main(["build", str(plans), "--no-index", "--workspace", str(tmp_path), "--scheduler", scheduler])
        finally:
            client.run(swap, "real")
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"plankg: --scheduler {scheduler}: 2 worker(s) (") and err.endswith(
        "run other plankg ingest code than this one; their records would differ\n")
    assert not Workspace(tmp_path).built


def test_a_task_that_fails_on_the_cluster_is_that_files_error(tmp_path):
    from plankg.cluster import DaskRunner
    from plankg.ingest.pipeline import read_file

    files = compose(tmp_path / "plans")[:3]
    tasks = [FileTask(path, {}, FileLimits(read=ReadLimits(2**20, 2**20))) for path in files]

    def read_or_die(task: FileTask) -> FileResult:
        if task.path == files[1]:
            raise MemoryError("worker ran out of memory")
        return read_file(task)

    done: list[int] = []
    with distributed.LocalCluster(n_workers=2, processes=False, dashboard_address=None,
                                      worker_dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        results = DaskRunner(client, "the test cluster").map_files(read_or_die, tasks, lambda: done.append(1))
    assert [r.path for r in results] == files
    assert len(done) == 3
    assert results[0].error is None and results[2].error is None and results[0].parts
    assert results[1].error == f"{files[1]}: failed on the cluster at the test cluster (MemoryError: worker ran out of memory)"


def test_a_scheduler_with_nothing_listening_is_one_line_and_exit_2(plans, tmp_path, capsys):
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    home = tmp_path / "home"
    home.mkdir()
    (home / "plankg.toml").write_text("cluster_connect_s = 1\n", "utf-8")
    started = time.monotonic()
    code = main(["build", str(plans), "--no-index", "--workspace", str(home), "--scheduler", f"tcp://127.0.0.1:{port}"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"plankg: --scheduler tcp://127.0.0.1:{port}: no Dask scheduler answered")
    assert time.monotonic() - started < 60
    assert not Workspace(home).built


@pytest.mark.parametrize("argv, message", [
    (["--workers", "0"], "plankg: --workers 0: needs at least one worker\n"),
    (["--scheduler", "http://127.0.0.1:1"], "plankg: --scheduler http://127.0.0.1:1: no Dask scheduler answered (ValueError: unknown address scheme"),
])
def test_impossible_cluster_options_are_usage_errors(plans, tmp_path, capsys, argv, message):
    assert main(["build", str(plans), "--no-index", "--workspace", str(tmp_path), *argv]) == 2
    assert capsys.readouterr().err.startswith(message)


def test_without_dask_workers_say_how_to_install_it(plans, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now fails
    assert main(["build", str(plans), "--no-index", "--workspace", str(tmp_path), "--workers", "2"]) == 2
    err = capsys.readouterr().err
    assert err == "plankg: --workers needs Dask, which is not installed: pip install 'plankg[cluster]' " \
                  "(or: pip install 'dask[distributed]')\n"


def test_a_serial_build_never_imports_dask(plans, tmp_path):
    code = (f"import sys, plankg; plankg.open({str(tmp_path)!r}, build=False).build([{str(plans)!r}], "
            "graph=False, index=False); print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PLANKG_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"')) == []
