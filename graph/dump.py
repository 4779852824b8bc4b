"""The graph's compressed dump: every triple as N-Triples, gzip-compressed, beside the store.

Oxigraph keeps numbers in canonical form (``"10.0"^^xsd:decimal`` comes back as ``"10"``,
``xsd:nonNegativeInteger`` as ``xsd:integer``), so the store alone cannot give back the exact
N-Triples the build wrote. The dump can: about a tenth of their size, written in build order
while the same lines stream into the store, and sorted and de-duplicated on demand
(:func:`iter_sorted_lines`) for the export, the push and the memory store.

Three files, by where their triples go:

- ``graph.nt.gz``: the data, in the export and in the query stores;
- ``graph-spans.nt.gz``: the text spans (``graph.build.SpanTriple``), in the export only;
- ``graph-links.nt.gz``: the lookup links, in the query stores only.
"""
from __future__ import annotations

import contextlib
import gzip
import heapq
import io
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

DUMP_FILE = "graph.nt.gz"
#: The lookup links (:mod:`plankg.graph.links`): loaded into the store and the memory store with
#: the data, pushed with it, but not part of the exported graph (they restate it).
LINKS_FILE = "graph-links.nt.gz"
#: The text spans (:class:`plankg.graph.build.SpanTriple`): exported and pushed with the data,
#: but not loaded into the query stores (no question reads them; 42% of the triples).
SPANS_FILE = "graph-spans.nt.gz"
#: Distinct lines sorted in memory at a time; larger graphs are merged from sorted runs on disk.
SORT_RUN_LINES = 200_000
#: gzip level: 6 makes the dump about 8% smaller than 1 for twice the CPU (still well under
#: the store's load time).
COMPRESS_LEVEL = 6


def sorted_unique(lines: Iterable[str], spill_dir: str | Path | None = None,
                  run_lines: int = SORT_RUN_LINES) -> Iterator[str]:
    """``lines`` sorted and de-duplicated, holding at most ``run_lines`` of them in memory.

    Lines are sorted in runs, spilled to temporary files under ``spill_dir`` (default: the
    system's temporary folder) and merged: the same lines as one in-memory sort.
    """
    with tempfile.TemporaryDirectory(prefix=".nt-runs-", dir=spill_dir) as spill:
        runs: list[Path] = []
        pending: set[str] = set()
        for line in lines:
            pending.add(line)
            if len(pending) >= run_lines:
                runs.append(_spill(sorted(pending), Path(spill) / f"run{len(runs)}.nt"))
                pending = set()
        last = sorted(pending)
        del pending
        if not runs:
            yield from last
            return
        files = [run.open("r", encoding="utf-8") for run in runs]
        try:
            previous = None
            for line in heapq.merge(*files, last):
                if line != previous:
                    yield line
                    previous = line
        finally:
            for handle in files:
                handle.close()


def _spill(lines: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(lines)
    return path


def open_dump_writer(graph_dir: str | Path, name: str = DUMP_FILE) -> IO[str]:
    """A text stream writing the dump (or, with ``name=LINKS_FILE``, the links) of ``graph_dir``."""
    # mtime 0: the same graph gives the same bytes, whenever it is built.
    raw = gzip.GzipFile(Path(graph_dir) / name, "wb", compresslevel=COMPRESS_LEVEL, mtime=0)
    return io.TextIOWrapper(raw, encoding="utf-8")


def tee(lines: Iterable[str], out: IO[str]) -> Iterator[str]:
    """Yield ``lines`` while writing each to ``out``."""
    for line in lines:
        out.write(line)
        yield line


def has_dump(graph_dir: str | Path) -> bool:
    """Does ``graph_dir`` hold a dump?"""
    return (Path(graph_dir) / DUMP_FILE).is_file()


def iter_links_lines(graph_dir: str | Path) -> Iterator[str]:
    """The lookup links of ``graph_dir`` as written (none when the file is missing)."""
    path = Path(graph_dir) / LINKS_FILE
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            yield from fh


def iter_sorted_lines(graph_dir: str | Path, run_lines: int = SORT_RUN_LINES, links: bool = False,
                      spans: bool = True) -> Iterator[str]:
    """The graph of ``graph_dir`` as sorted, de-duplicated N-Triples lines, in bounded memory.

    By default what is exported: the data and the text spans.

    Args:
        links: Also the lookup links (the query stores hold them, the export does not).
        spans: The text spans (the export holds them, the query stores do not).
    """
    names = [DUMP_FILE, *([SPANS_FILE] if spans else []), *([LINKS_FILE] if links else [])]
    paths = [Path(graph_dir) / name for name in names if (Path(graph_dir) / name).is_file() or name == DUMP_FILE]

    def lines() -> Iterator[str]:
        for path in paths:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                yield from fh

    yield from sorted_unique(lines(), run_lines=run_lines)


def write_sorted(graph_dir: str | Path, out_path: str | Path, links: bool = False, spans: bool = True) -> int:
    """Write the graph of ``graph_dir`` as sorted N-Triples to ``out_path`` (``links`` and ``spans``
    as in :func:`iter_sorted_lines`); return the triple count."""
    count = 0
    with Path(out_path).open("w", encoding="utf-8") as out:
        for line in iter_sorted_lines(graph_dir, links=links, spans=spans):
            out.write(line)
            count += 1
    return count


@contextlib.contextmanager
def sorted_file(graph_dir: str | Path, links: bool = False, spans: bool = True) -> Iterator[Path]:
    """A temporary sorted N-Triples file of the graph (for tools that read a file), removed after
    (``links`` and ``spans`` as in :func:`iter_sorted_lines`)."""
    if not has_dump(graph_dir):
        raise FileNotFoundError(f"no graph at {graph_dir}: run 'plankg build' first")
    with tempfile.TemporaryDirectory(prefix="plankg-graph-") as folder:
        path = Path(folder) / "graph.nt"
        write_sorted(graph_dir, path, links=links, spans=spans)
        yield path
