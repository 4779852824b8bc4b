"""The graph's files in a workspace: build them from records (``plankg.workspace`` opens them).

``<workspace>/graph/`` holds ``graph.nt`` (sorted N-Triples, the memory store's source and the
export base), ``oxigraph/`` (a persistent pyoxigraph store, also served by ``plankg endpoint``)
and ``meta.json`` (the build report).
"""
from __future__ import annotations

import gc
import json
import time
from pathlib import Path
from typing import Any

from plankg.graph.store import (
    GRAPH_FILE,
    META_FILE,
    OXIGRAPH_DIR,
    QueryError,
)
from plankg.ingest.records import Corpus

#: Distinct lines sorted in memory at a time; larger graphs are merged from sorted runs on disk.
SORT_RUN_LINES = 500_000


def write_ntriples(corpus: Corpus, path: str | Path, run_lines: int = SORT_RUN_LINES) -> int:
    """Write the corpus graph as sorted, de-duplicated N-Triples; return the triple count.

    Memory stays bounded at any corpus size: lines are sorted in runs of ``run_lines``, spilled
    to temporary files, and merged (the same bytes as one in-memory sort).
    """
    import heapq
    import tempfile

    from plankg.graph.build import iter_triples
    from plankg.graph.terms import nt_line

    path = Path(path)
    runs: list[Path] = []
    pending: set[str] = set()
    with tempfile.TemporaryDirectory(prefix=".nt-runs-", dir=path.parent) as spill:
        for triple in iter_triples(corpus):
            pending.add(nt_line(triple))
            if len(pending) >= run_lines:
                runs.append(_spill(sorted(pending), Path(spill) / f"run{len(runs)}.nt"))
                pending = set()
        last = sorted(pending)
        count = 0
        with path.open("w", encoding="utf-8") as out:
            if not runs:
                out.writelines(last)
                return len(last)
            files = [run.open("r", encoding="utf-8") for run in runs]
            try:
                previous = None
                for line in heapq.merge(*files, last):
                    if line != previous:
                        out.write(line)
                        count += 1
                        previous = line
            finally:
                for handle in files:
                    handle.close()
    return count


def _spill(lines: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(lines)
    return path


def load_oxigraph(nt_path: str | Path, store_dir: str | Path) -> int:
    """Bulk-load an N-Triples file into a fresh persistent Oxigraph store; return its size."""
    import pyoxigraph

    store_dir = Path(store_dir)
    if store_dir.exists() and any(store_dir.iterdir()):
        raise QueryError(f"Oxigraph folder {store_dir} is not empty: build into a fresh folder")
    store = pyoxigraph.Store(str(store_dir))
    store.bulk_load(path=str(nt_path), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.optimize()
    store.flush()
    size = len(store)
    # Release RocksDB's lock now, so read-only readers (queries, the endpoint) can open it.
    del store
    gc.collect()
    return size


def build_graph_store(corpus: Corpus, out_dir: str | Path, validate: bool = False,
                      oxigraph: bool = True) -> dict[str, Any]:
    """Build the workspace graph files into ``out_dir`` (a staging folder swapped in afterwards).

    Args:
        corpus: Records from ingest.
        out_dir: Folder to write ``graph.nt``, ``oxigraph/`` and ``meta.json`` into.
        validate: Also run SHACL validation (about 7 s for the bundled corpus's 65k triples).
        oxigraph: Also build the persistent Oxigraph store.

    Returns:
        A report: triple count, record counts, proposed indicators, timings, SHACL result.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "documents": len(corpus.documents),
        "clauses": len(corpus.clauses),
        "targets": sum(1 for t in corpus.targets if t.kind != "achievement"),
        "achievements": sum(1 for t in corpus.targets if t.kind == "achievement"),
        "mentions": len(corpus.mentions),
        "entities": len(corpus.entities),
        "proposed_indicators": len({t.indicator_id for t in corpus.targets if _is_proposed(t.indicator_id)}),
    }
    started = time.perf_counter()
    nt_path = out_dir / GRAPH_FILE
    report["triples"] = write_ntriples(corpus, nt_path)
    report["seconds_ntriples"] = round(time.perf_counter() - started, 3)
    if oxigraph:
        started = time.perf_counter()
        load_oxigraph(nt_path, out_dir / OXIGRAPH_DIR)
        report["seconds_oxigraph"] = round(time.perf_counter() - started, 3)
    if validate:
        from plankg.graph.shacl import validate_file

        started = time.perf_counter()
        result = validate_file(nt_path)
        report["shacl_conforms"] = result.conforms
        report["shacl_violations"] = result.violations
        report["seconds_shacl"] = round(time.perf_counter() - started, 3)
    (out_dir / META_FILE).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def _is_proposed(indicator_id: str) -> bool:
    from plankg.ontology.indicators import PROPOSED_PREFIX, load_scheme

    return indicator_id.startswith(PROPOSED_PREFIX) or load_scheme().by_id(indicator_id) is None
