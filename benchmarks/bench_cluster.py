"""Reading and extraction serial vs on a local Dask cluster (``plankg build --workers N``), per document.

The corpus is synthesised at run time by ``synth_corpus.py`` (default 10x the bundled corpus).
Both runs happen in this one process, one after the other, so their ratio is fair on a shared
machine; CPU time is reported beside wall time (the driver's and, on the cluster, the workers').

    python benchmarks/bench_cluster.py                 # 10x, 2 workers
    python benchmarks/bench_cluster.py --scale 100 --workers 2 --encode 2000

Reported: the cluster's start (processes spawned, plankg imported and the gazetteer loaded on
each worker), then per step (per-file reading + extraction, then the corpus-wide entities and
conflicts in the driver) wall and CPU seconds and milliseconds per document, whether the records
equal the serial ones, and, with ``--encode N``, the encoder's cost per clause and per document
(serial ONNX, one batch per core), the graph's N-Triples + Oxigraph load per document and
``plankg push`` of that graph to an ``oxigraph serve`` on loopback, for the "towards a national
corpus" estimate.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


class StepClock:
    """A ``Progress``-like reporter that keeps each step's wall time (and counts completions)."""

    def __init__(self) -> None:
        self.walls: dict[str, float] = {}
        self.cpus: dict[str, float] = {}
        self.done = 0
        self.workers_cpu = 0.0  # CPU seconds the cluster's workers spent (set by the caller)
        self._step = ""
        self._started = self._cpu = 0.0

    def start(self, step: str, total: int = 0) -> None:
        self._step, self._started, self._cpu = step, time.perf_counter(), _cpu_time()

    def advance(self, units: int = 1) -> None:
        self.done += units

    def finish(self) -> None:
        self.walls[self._step] = time.perf_counter() - self._started
        self.cpus[self._step] = _cpu_time() - self._cpu

    def message(self, text: str) -> None:
        pass


def _cpu_time() -> float:
    """CPU seconds of this process and of the children it waited for (each file is read in one)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _worker_cpu() -> float:
    """CPU seconds of the worker process this runs in (called through ``client.run``)."""
    return _cpu_time()


def _warm(path: str) -> int:
    """Read and extract one file: imports every module and loads the gazetteer, as a first file would."""
    from plankg.ingest.pipeline import FileLimits, FileTask, read_file
    from plankg.ingest.read_base import ReadLimits

    return len(read_file(FileTask(Path(path), {}, FileLimits(read=ReadLimits(2**26, 2**26)))).targets)


def _best(runs: list[tuple[float, float, StepClock]]) -> tuple[float, float, StepClock]:
    return min(runs, key=lambda run: run[0])


def run(scale: int, workers: int, encode: int, rounds: int) -> None:
    from bench_build import machine
    from bench_search import table
    from synth_corpus import write_corpus

    from plankg.ingest.pipeline import read_corpus

    work = Path(tempfile.mkdtemp(prefix=f"plankg-cluster{scale}-"))
    files = write_corpus(scale, work / "plans")
    print(f"machine: {machine()}")
    print(f"corpus: {scale}x the bundled corpus, {len(files)} files; best of {rounds} rounds, serial and "
          "cluster alternating")
    _warm(str(files[0]))  # the serial runs start warm too

    from distributed import Client, LocalCluster

    from plankg.cluster import ClusterEncoder, DaskRunner

    started = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, worker_dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(_warm, str(files[0]))
        startup = time.perf_counter() - started
        runner = DaskRunner(client, f"a local cluster of {workers}")
        serial_runs, cluster_runs = [], []
        for _ in range(rounds):
            clock = StepClock()
            started, cpu = time.perf_counter(), _cpu_time()
            serial = read_corpus(files, progress=clock)
            serial_runs.append((time.perf_counter() - started, _cpu_time() - cpu, clock))
            clock = StepClock()
            before = client.run(_worker_cpu)
            started, cpu = time.perf_counter(), _cpu_time()
            on_cluster = read_corpus(files, progress=clock, runner=runner)
            wall, cpu = time.perf_counter() - started, _cpu_time() - cpu
            after = client.run(_worker_cpu)
            clock.workers_cpu = sum(after[w] - before[w] for w in before)
            cluster_runs.append((wall, cpu, clock))
        same = on_cluster == serial
        encoded = _encoding(serial, work, encode, client, ClusterEncoder) if encode else None
    docs = len(serial.documents)
    serial_wall, serial_cpu, serial_clock = _best(serial_runs)
    cluster_wall, cluster_cpu, cluster_clock = _best(cluster_runs)
    workers_cpu = cluster_clock.workers_cpu

    per_file, linking = "reading and extraction", "entities and conflicts"
    rows = []
    for name, clock, total_wall, driver_cpu, extra_cpu in (
        ("serial", serial_clock, serial_wall, serial_cpu, 0.0),
        (f"--workers {workers}", cluster_clock, cluster_wall, cluster_cpu, workers_cpu),
    ):
        per_file_cpu = clock.cpus[per_file] + extra_cpu
        rows.append([name, "per file: read + extract", round(clock.walls[per_file], 2), round(per_file_cpu, 2),
                     f"{clock.walls[per_file] / docs * 1000:.1f}", f"{per_file_cpu / docs * 1000:.1f}"])
        rows.append([name, "corpus: entities + conflicts", round(clock.walls[linking], 2),
                     round(clock.cpus[linking], 2), f"{clock.walls[linking] / docs * 1000:.1f}",
                     f"{clock.cpus[linking] / docs * 1000:.1f}"])
        total_cpu = driver_cpu + extra_cpu
        rows.append([name, "total", round(total_wall, 2), round(total_cpu, 2),
                     f"{total_wall / docs * 1000:.1f}", f"{total_cpu / docs * 1000:.1f}"])
    table(f"Reading + extraction, {docs} documents ({len(serial.clauses)} clauses, {len(serial.targets)} targets); "
          f"CPU includes the workers'", ["run", "step", "wall s", "cpu s", "wall ms/doc", "cpu ms/doc"], rows)
    per_file_speedup = serial_clock.walls[per_file] / cluster_clock.walls[per_file]
    print(f"cluster start ({workers} worker processes, each warmed on one file): {startup:.1f} s (once per build)")
    print(f"speed-up of the per-file step: {per_file_speedup:.2f}x; whole read: {serial_wall / cluster_wall:.2f}x; "
          f"records equal to the serial build: {same}")
    rows = []
    if encoded:
        for name, (count, wall, cpu) in encoded.items():
            per_doc = len(serial.clauses) / docs
            rows.append([name, count, round(wall, 2), round(cpu, 2), f"{wall / count * 1000:.1f}",
                         f"{wall / count * per_doc * 1000:.0f}", f"{cpu / count * per_doc * 1000:.0f}"])
        table(f"Encoding a sample of clauses ({len(serial.clauses) / docs:.0f} clauses a document; CPU includes "
              "the workers')", ["run", "clauses", "wall s", "cpu s", "wall ms/clause", "wall ms/doc", "cpu ms/doc"],
              rows)
        _graph(serial, work, table)


def _encoding(corpus, work: Path, sample: int, client, cluster_encoder) -> dict:
    """Encode the same sample of clauses here (one batch per core) and on the cluster; check equality."""
    from plankg.embeddings.encoder import load_encoder
    from plankg.settings import Settings

    settings = Settings(home=work)
    texts = [c.text for c in corpus.clauses if c.text.strip()]
    chosen = texts[:: max(1, len(texts) // sample)][:sample]  # spread over every document
    local = load_encoder(settings).load()
    remote = cluster_encoder(load_encoder(settings), settings, client)
    local.encode(chosen[:64])
    remote.encode(chosen[:64])  # every worker loads the model before the clock starts
    results = {}
    vectors = {}
    for name, encoder in ((f"serial ({local.backend})", local), ("on the cluster", remote)):
        before = client.run(_worker_cpu)
        started, cpu = time.perf_counter(), _cpu_time()
        vectors[name] = encoder.encode(chosen)
        wall, cpu = time.perf_counter() - started, _cpu_time() - cpu
        after = client.run(_worker_cpu)
        results[name] = (len(chosen), wall, cpu + sum(after[w] - before[w] for w in before))
    first, second = vectors.values()
    print(f"encoded vectors equal bit for bit: {first.tobytes() == second.tobytes()}")
    return results


def _graph(corpus, work: Path, table) -> None:
    """Per-document cost of the graph: N-Triples, Oxigraph load, push to a SPARQL store."""
    from plankg.graph.workspace import load_oxigraph, write_ntriples

    docs = len(corpus.documents)
    rows = []
    steps = (("graph: N-Triples", lambda: write_ntriples(corpus, work / "graph.nt")),
             ("graph: Oxigraph load", lambda: load_oxigraph(work / "graph.nt", work / "oxigraph")),
             ("plankg push to oxigraph serve (loopback)", lambda: _push(work / "graph.nt", work / "remote")))
    for name, call in steps:
        started, cpu = time.perf_counter(), _cpu_time()
        call()
        wall, cpu = time.perf_counter() - started, _cpu_time() - cpu
        rows.append([name, docs, round(wall, 2), round(cpu, 2), f"{wall / docs * 1000:.1f}", f"{cpu / docs * 1000:.1f}"])
    table("Graph per document (push: CPU of the client only)", ["step", "docs", "wall s", "cpu s", "wall ms/doc",
                                                                "cpu ms/doc"], rows)


def _push(nt_path: Path, location: Path) -> dict:
    """``plankg push``'s function against a real ``oxigraph serve`` on loopback (stopped after)."""
    import subprocess
    import urllib.request

    from plankg.graph.endpoint import free_port, oxigraph_binary
    from plankg.graph.push import push_ntriples

    port = free_port()
    server = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind",
                               f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(400):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        return push_ntriples(nt_path, f"http://127.0.0.1:{port}/store")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10, help="copies of the bundled corpus (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--rounds", type=int, default=2, help="serial/cluster rounds, best kept (default 2)")
    parser.add_argument("--encode", type=int, default=0, metavar="N",
                        help="also time encoding N clauses (serial and on the cluster) and the graph (default: skip)")
    args = parser.parse_args(argv)
    run(args.scale, args.workers, args.encode, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
