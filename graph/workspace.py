"""The graph's files in a workspace: build them from records (``plankg.workspace`` opens them).

``<workspace>/graph/`` holds ``oxigraph/`` (a persistent pyoxigraph store, also served by
``plankg endpoint``: the data and the lookup links) and ``meta.json`` (the build report): one
copy of the graph. The export, the push and the memory store read the store back on demand
(:mod:`plankg.graph.dump`), the export and the push with the text spans made again from the
records.

The text spans (:class:`plankg.graph.build.SpanTriple`) are kept nowhere, and not in the store:
Oxigraph keeps three keys of about 45 bytes for every triple, uncompressed at these sizes (its
RocksDB options compress only the levels below the base level, and an index under 512 MB keeps
its data at the base level; only a single ``bulk_load`` of the whole graph, at about 0.8 KB of
memory a triple, leaves compressed files), so the store costs about 140 bytes a triple, and
the spans were 42% of them without any question reading them. A single load stays out of reach
under the build's memory cap: pyoxigraph 0.5's ``bulk_load`` and ``bulk_extend`` batch a million
quads per call and expose no memory limit (docs/performance.md, the second disk round).
"""
from __future__ import annotations

import gc
import itertools
import json
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from plankg.graph.build import iter_triples, span_triple_count
from plankg.graph.dump import OXIGRAPH_DIR, SORT_RUN_LINES, corpus_span_lines, sorted_unique, write_sorted
from plankg.graph.shacl import validate_file
from plankg.graph.store import META_FILE, QueryError, pyoxigraph_module
from plankg.graph.terms import nt_line
from plankg.ingest.records import Corpus
from plankg.ontology.indicators import PROPOSED_PREFIX, load_scheme


def write_ntriples(corpus: Corpus, path: str | Path, run_lines: int = SORT_RUN_LINES) -> int:
    """Write the corpus graph as sorted, de-duplicated N-Triples; return the triple count.

    Memory stays bounded at any corpus size (see :func:`sorted_unique`).
    """
    path = Path(path)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for line in sorted_unique((nt_line(t) for t in iter_triples(corpus)), path.parent, run_lines):
            out.write(line)
            count += 1
    return count


#: N-Triples lines per call of Oxigraph's bulk loader: each call holds its batch in memory (about
#: 100 MB of peak RSS at 250,000 lines in one call), so the build's memory is flat in the graph.
LOAD_BATCH_LINES = 20_000


def load_oxigraph_lines(lines: Iterable[str], store_dir: str | Path, batch_lines: int = LOAD_BATCH_LINES,
                        then: Iterable[Iterable[str]] = (), counts: list[int] | None = None) -> int:
    """Bulk-load N-Triples lines into a fresh persistent Oxigraph store, in batches; return the
    number of triples ``lines`` gave (further parts in ``then`` are loaded after it is counted;
    ``counts``, when given, receives that number and the store's final size).

    The lines are never held together in memory: each batch of ``batch_lines`` goes to the bulk
    loader on its own (which de-duplicates triples across batches too).
    """
    pyoxigraph = pyoxigraph_module()

    store_dir = Path(store_dir)
    if store_dir.exists() and any(store_dir.iterdir()):
        raise QueryError(f"Oxigraph folder {store_dir} is not empty: build into a fresh folder")
    store = pyoxigraph.Store(str(store_dir))
    size = 0
    for number, part in enumerate([lines, *then]):
        iterator = iter(part)
        while True:
            batch = "".join(itertools.islice(iterator, batch_lines))
            if not batch:
                break
            store.bulk_load(input=batch.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
        if number == 0:
            size = len(store)
    total = len(store)
    store.optimize()
    store.flush()
    # Release RocksDB's lock now, so read-only readers (queries, the endpoint) can open it.
    del store
    gc.collect()
    if counts is not None:
        counts.extend([size, total])
    return size


def load_oxigraph(nt_path: str | Path, store_dir: str | Path) -> int:
    """Bulk-load an N-Triples file into a fresh persistent Oxigraph store; return its size."""
    with Path(nt_path).open("r", encoding="utf-8") as lines:
        return load_oxigraph_lines(iter(lines), store_dir)


def build_graph_store(corpus: Corpus, out_dir: str | Path, validate: bool = False) -> dict[str, Any]:
    """Build the workspace graph into ``out_dir`` (a staging folder swapped in afterwards).

    The triples are streamed from the records into Oxigraph's bulk loader, so the build never
    holds the graph in memory, and the store is the one copy of it: N-Triples, Turtle and the
    memory store are made from it on demand. The text spans are not stored (the export makes
    them again from the records).

    Args:
        corpus: Records from ingest.
        out_dir: Folder to write ``oxigraph/`` and ``meta.json`` into.
        validate: Also run SHACL validation (about 7 s for the bundled corpus's 65k triples).

    Returns:
        A report: ``triples`` (the data triples, in the store and the export), ``span_triples``
        (the span lines written, in the export only: it holds ``triples + span_triples`` of them,
        a few fewer when records repeat an id, as the synthetic 20x corpus does for 11 clauses),
        ``lookup_links`` (in the store only), record counts, proposed indicators, timings, SHACL
        result.

    Raises:
        QueryError: ``out_dir`` holds a store already.
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
    store_dir = out_dir / OXIGRAPH_DIR
    links: list = []
    data = (nt_line(t) for t in iter_triples(corpus, lookup_links=links, spans=False))
    # The links are complete once the data is: they follow it in the same stream.
    link_lines = (nt_line(t) for t in _drain(links))
    counts: list[int] = []
    report["triples"] = load_oxigraph_lines(data, store_dir, then=[link_lines], counts=counts)
    known_docs = {doc.id for doc in corpus.documents}
    report["span_triples"] = sum(span_triple_count(record.doc_id in known_docs)
                                 for kind in (corpus.clauses, corpus.targets, corpus.mentions) for record in kind)
    report["lookup_links"] = counts[1] - counts[0]
    report["seconds_oxigraph"] = round(time.perf_counter() - started, 3)
    if validate:

        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix=".shacl-", dir=out_dir) as folder:
            nt_path = Path(folder) / "graph.nt"
            write_sorted(out_dir, nt_path, spans=corpus_span_lines(corpus))
            result = validate_file(nt_path)
        report["shacl_conforms"] = result.conforms
        report["shacl_violations"] = result.violations
        report["seconds_shacl"] = round(time.perf_counter() - started, 3)
    (out_dir / META_FILE).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def _drain(items: list) -> Iterator:
    """Yield and forget the items of ``items`` (filled while the data streamed)."""
    items.reverse()
    while items:
        yield items.pop()


def _is_proposed(indicator_id: str) -> bool:
    return indicator_id.startswith(PROPOSED_PREFIX) or load_scheme().by_id(indicator_id) is None
