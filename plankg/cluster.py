"""A build on a Dask cluster: ``plankg build --workers N`` or ``--scheduler URL``.

Each file is one call of :func:`plankg.ingest.pipeline.read_file` (a pure function of the file),
sent to the cluster as a future; the pipeline joins the results in the order of the files, so
the records equal a serial build's. The clauses' embeddings are computed on the cluster too, in
pieces (:class:`ClusterEncoder`). Dask is an optional extra (``pip install 'plankg[cluster]'``),
imported only here and only when a cluster is asked for.

Workers of an outside cluster (``--scheduler``) need the same plankg installed and must see the
input files at the same paths (a shared file system).
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import plankg.ingest
import plankg.ontology
from plankg.embeddings.encoder import load_encoder
from plankg.errors import PlankgError
from plankg.ingest.pipeline import FileResult, FileTask

if TYPE_CHECKING:
    import numpy as np

    from plankg.settings import Settings

INSTALL_HINT = "pip install 'plankg[cluster]' (or: pip install 'dask[distributed]')"


class ClusterError(PlankgError):
    """No cluster could be started or reached, or the one reached cannot run plankg."""


class DaskRunner:
    """Runs the per-file work of a build on a Dask ``Client`` (a :class:`FileRunner`)."""

    def __init__(self, client: Any, where: str) -> None:
        self.client = client
        self.where = where

    def map_files(self, read: Callable[[FileTask], FileResult], tasks: list[FileTask],
                  on_done: Callable[[], None]) -> list[FileResult]:
        """Send one future per file, count them as they complete, and return the results in order.

        A task that fails on the cluster itself (a worker killed by memory use, say) becomes that
        file's one-line error; the other files are still built.
        """
        from distributed import as_completed

        # pure=False: two tasks never share a key, even for the same path given twice.
        futures = self.client.map(read, tasks, pure=False)
        index_of = {future.key: i for i, future in enumerate(futures)}
        results: list[FileResult | None] = [None] * len(tasks)
        for future in as_completed(futures):
            i = index_of[future.key]
            if future.status == "finished":
                results[i] = future.result()
            else:
                exc = future.exception()
                results[i] = FileResult(tasks[i].path, error=f"{tasks[i].path}: failed on the cluster at "
                                        f"{self.where} ({type(exc).__name__}: {_first_line(exc)})")
            future.release()
            on_done()
        return [r for r in results if r is not None]


class ClusterEncoder:
    """The workspace's encoder, with ``encode`` done by the cluster's workers in pieces.

    It has the local encoder's identity (``key``, ``name``, ``backend``, ``dim``), so the index
    records the same vector space; each worker loads the model once (from the per-machine ONNX
    cache) and keeps it. A task is one batch of texts of similar length (sorted as the serial
    encoder sorts them), so a worker runs one batch on one core and the cluster runs one per core;
    ONNX gives each text the same vector whatever batch it is in (checked bit for bit in the tests).

    Args:
        local: The encoder a serial build would use (not loaded here).
        settings: The workspace settings the workers load the encoder with.
        client: A Dask ``Client``.
    """

    def __init__(self, local: Any, settings: Settings, client: Any) -> None:
        self._local = local
        self._settings = settings
        self._client = client

    def __getattr__(self, name: str) -> Any:
        return getattr(self._local, name)  # name, backend, key, dim, model_path, info

    def load(self) -> ClusterEncoder:
        """Nothing to load here: the workers load the model on their first piece."""
        return self

    def encode(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        """Unit vectors of ``texts``, encoded on the cluster (``progress`` is not shown there)."""
        import numpy as np

        out = np.zeros((len(texts), self._local.dim), dtype=np.float32)
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        pieces = [order[k : k + batch_size] for k in range(0, len(order), batch_size)]
        # (``key`` would name Dask's tasks: the encoder's key travels as ``expected_key``.)
        futures = self._client.map(encode_on_worker, [[texts[i] for i in piece] for piece in pieces],
                                   settings=self._settings, batch_size=batch_size,
                                   expected_key=self._local.key, pure=False)
        try:
            for piece, future in zip(pieces, futures):
                out[piece] = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker lost mid-build is the cluster's, not a bug
            raise ClusterError(f"embedding on the cluster failed ({type(exc).__name__}: {_first_line(exc)})") from None
        return out


#: Encoders loaded on this worker, by the settings that chose them.
_WORKER_ENCODERS: dict[tuple, Any] = {}


def encode_on_worker(texts: list[str], settings: Settings, batch_size: int = 32, expected_key: str | None = None
                     ) -> np.ndarray:
    """Encode ``texts`` with the workspace's encoder, loaded once per worker process.

    Raises:
        ValueError: This worker's encoder is not ``expected_key`` (another model or version): its vectors
            would not mix with the index's.
    """
    chosen_by = (settings.model_path, settings.encoder_backend, settings.max_tokens, str(settings.cache_dir))
    if chosen_by not in _WORKER_ENCODERS:
        _WORKER_ENCODERS[chosen_by] = load_encoder(settings).load()
    encoder = _WORKER_ENCODERS[chosen_by]
    if expected_key is not None and encoder.key != expected_key:
        raise ValueError(f"this worker's encoder is {encoder.key}, the build's is {expected_key}")
    return encoder.encode(texts, batch_size=batch_size)


@contextlib.contextmanager
def dask_runner(workers: int | None = None, scheduler: str | None = None,
                connect_timeout_s: float = 10.0) -> Iterator[DaskRunner]:
    """A runner on a local cluster of ``workers`` processes, or on the cluster at ``scheduler``.

    The local cluster listens on loopback only and is shut down on leaving the block.

    Raises:
        ClusterError: Dask is not installed, the scheduler did not answer, or its workers lack plankg.
    """
    check_options(workers, scheduler)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(_missing(workers)) from None
    with _quiet_dask(), contextlib.ExitStack() as stack:
        if workers is not None:
            try:
                cluster = stack.enter_context(LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address=None, worker_dashboard_address=None, silence_logs=logging.ERROR))
            except Exception as exc:  # noqa: BLE001 - a cluster that cannot start is the user's to fix
                raise ClusterError(f"--workers {workers}: could not start a local Dask cluster "
                                   f"({type(exc).__name__}: {_first_line(exc)})") from None
            client = stack.enter_context(Client(cluster))
            where = f"a local cluster of {workers} worker{'s' if workers > 1 else ''}"
        else:
            assert scheduler is not None
            try:
                client = stack.enter_context(Client(scheduler, timeout=connect_timeout_s))
            except Exception as exc:  # noqa: BLE001 - refused, timed out, malformed address...
                raise ClusterError(f"--scheduler {scheduler}: no Dask scheduler answered "
                                   f"({type(exc).__name__}: {_first_line(exc)})") from None
            where = scheduler
            _check_workers(client, scheduler, connect_timeout_s)
        yield DaskRunner(client, where)


def check_options(workers: int | None, scheduler: str | None) -> None:
    """Refuse impossible options before any work (without importing Dask).

    Raises:
        ClusterError: Both or neither given, fewer than one worker, or Dask not installed.
    """
    if (workers is None) == (scheduler is None):
        raise ClusterError("give either a number of local workers or a scheduler address, not both")
    if workers is not None and workers < 1:
        raise ClusterError(f"--workers {workers}: needs at least one worker")
    try:
        found = importlib.util.find_spec("distributed") is not None
    except (ImportError, ValueError):  # a module set to None in sys.modules, a broken install
        found = False
    if not found:
        raise ClusterError(_missing(workers))


def _missing(workers: int | None) -> str:
    return f"{'--workers' if workers is not None else '--scheduler'} needs Dask, which is not installed: {INSTALL_HINT}"


def _check_workers(client: Any, scheduler: str, timeout_s: float) -> None:
    """Refuse a cluster whose workers cannot import plankg (their results would never come)."""
    try:
        client.wait_for_workers(1, timeout=timeout_s)
    except Exception:  # noqa: BLE001 - distributed raises TimeoutError here
        raise ClusterError(f"--scheduler {scheduler}: the scheduler has no workers "
                           f"(none joined within {timeout_s:g}s)") from None
    try:
        codes = client.run(ingest_code_hash)
    except Exception as exc:  # noqa: BLE001 - an import error on a worker comes back as itself
        raise ClusterError(f"--scheduler {scheduler}: workers cannot run plankg "
                           f"({type(exc).__name__}: {_first_line(exc)})") from None
    mine = ingest_code_hash()
    if any(code != mine for code in codes.values()):
        others = sorted(worker for worker, code in codes.items() if code != mine)
        raise ClusterError(f"--scheduler {scheduler}: {len(others)} worker(s) ({others[0]}...) run other "
                           "plankg ingest code than this one; their records would differ")


def ingest_code_hash() -> str:
    """Hash of the code and data a file's records depend on (called on each worker too)."""
    digest = hashlib.sha1()
    for package in (plankg.ingest, plankg.ontology):
        folder = Path(str(package.__file__)).parent
        for path in sorted(folder.glob("*")):
            if path.suffix in (".py", ".ttl", ".toml", ".txt", ".json", ".csv"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextlib.contextmanager
def _quiet_dask() -> Iterator[None]:
    """Keep distributed's own log lines (connection retries, shutdown notices) off the terminal."""
    loggers = [logging.getLogger(name) for name in ("distributed", "tornado", "asyncio")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)
