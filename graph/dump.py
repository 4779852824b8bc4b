"""The graph as N-Triples, made on demand from the one copy a workspace keeps: the Oxigraph store.

The store holds the data and the lookup links (:mod:`plankg.graph.links`); no N-Triples file sits
beside it. The export, ``plankg push`` and the memory store read the store back line by line
(:func:`store_lines`: Oxigraph's own N-Triples of each triple). The text spans
(:class:`plankg.graph.build.SpanTriple`) are in no file of the graph: the export and the push
make them again from the records' offsets (:func:`span_lines`), so the caller that knows the
records passes them in.

The build writes every ``xsd:decimal`` in its canonical form (``"10"``, not ``"10.0"``: see
:func:`plankg.graph.build.decimal_lexical`), the form Oxigraph keeps, so the store gives back
the lines the build wrote and the export holds the same RDF terms as :func:`~plankg.graph.build.build_graph`.

Builds made before kept a compressed dump beside the store (``graph.nt.gz``, the data;
``graph-spans.nt.gz``; ``graph-links.nt.gz``): such a graph is still read from its dump.
"""
from __future__ import annotations

import contextlib
import gzip
import heapq
import itertools
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from plankg.graph.build import iter_span_triples
from plankg.graph.links import LINK_LABELS
from plankg.graph.terms import nt_line
from plankg.ingest.records import Clause, Corpus, Mention, Target
from plankg.ontology.namespaces import PREFIXES

#: The Oxigraph store's folder inside a graph folder.
OXIGRAPH_DIR = "oxigraph"
#: The dump of builds made before the graph was kept once (the data, in build order, gzip).
LEGACY_DUMP_FILE = "graph.nt.gz"
#: Their lookup links and text spans.
LEGACY_LINKS_FILE = "graph-links.nt.gz"
LEGACY_SPANS_FILE = "graph-spans.nt.gz"
#: Distinct lines sorted in memory at a time; larger graphs are merged from sorted runs on disk.
SORT_RUN_LINES = 200_000
#: The lookup predicates: triples naming one (as predicate, or as subject: their labels) are links.
LINK_IRIS = frozenset(PREFIXES["plankg"] + name for name in LINK_LABELS)


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


def is_legacy(graph_dir: str | Path) -> bool:
    """Was ``graph_dir`` built with a dump beside the store (before the graph was kept once)?"""
    return (Path(graph_dir) / LEGACY_DUMP_FILE).is_file()


def has_graph(graph_dir: str | Path) -> bool:
    """Does ``graph_dir`` hold a built graph (its Oxigraph store, or an old build's dump)?"""
    return (Path(graph_dir) / OXIGRAPH_DIR).is_dir() or is_legacy(graph_dir)


def store_lines(graph_dir: str | Path, links: bool = True) -> Iterator[str]:
    """The triples of the graph's Oxigraph store as N-Triples lines, in the store's order.

    Args:
        links: Also the lookup links (the query stores hold them, the export does not).

    Raises:
        FileNotFoundError: No store in ``graph_dir``.
    """
    if is_legacy(graph_dir):
        yield from _legacy_lines(graph_dir, links=links, spans=False)
        return
    import pyoxigraph

    folder = Path(graph_dir) / OXIGRAPH_DIR
    if not folder.is_dir():
        raise FileNotFoundError(f"no graph at {graph_dir}: run 'plankg build' first")
    # Read-only: an endpoint or a reader may hold the store open at the same time.
    store = pyoxigraph.Store.read_only(str(folder))
    named = pyoxigraph.NamedNode
    for quad in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()):
        subject = quad.subject
        if not links and (quad.predicate.value in LINK_IRIS
                          or (isinstance(subject, named) and subject.value in LINK_IRIS)):
            continue
        # str() of Oxigraph's terms is their N-Triples form, the bytes of its own serialiser.
        yield f"{subject} {quad.predicate} {quad.object} .\n"


def span_lines(doc_texts: Mapping[str, str], records: Iterable[Clause | Target | Mention]) -> Iterator[str]:
    """The text spans of ``records`` as N-Triples lines (see :func:`~plankg.graph.build.iter_span_triples`)."""
    return (nt_line(triple) for triple in iter_span_triples(doc_texts, records))


def corpus_span_lines(corpus: Corpus) -> Iterator[str]:
    """The text spans of a corpus held in memory (a build's), as N-Triples lines."""
    texts = {doc.id: doc.text for doc in corpus.documents}
    return span_lines(texts, itertools.chain(corpus.clauses, corpus.targets, corpus.mentions))


def iter_sorted_lines(graph_dir: str | Path, spans: Iterable[str] = (), links: bool = False,
                      run_lines: int = SORT_RUN_LINES) -> Iterator[str]:
    """The graph of ``graph_dir`` as sorted, de-duplicated N-Triples lines, in bounded memory.

    By default what is exported: the store's data, and the text spans given.

    Args:
        spans: The text spans' lines (:func:`span_lines` of the records); an old build's
            dump has its own, and these are not read.
        links: Also the lookup links (``plankg push`` sends them; the export leaves them out).
    """
    if is_legacy(graph_dir):
        lines: Iterable[str] = _legacy_lines(graph_dir, links=links, spans=True)
    else:
        lines = itertools.chain(store_lines(graph_dir, links=links), spans)
    yield from sorted_unique(lines, run_lines=run_lines)


def write_sorted(graph_dir: str | Path, out_path: str | Path, spans: Iterable[str] = (), links: bool = False) -> int:
    """Write the graph of ``graph_dir`` as sorted N-Triples to ``out_path`` (``spans`` and ``links``
    as in :func:`iter_sorted_lines`); return the triple count."""
    count = 0
    with Path(out_path).open("w", encoding="utf-8") as out:
        for line in iter_sorted_lines(graph_dir, spans=spans, links=links):
            out.write(line)
            count += 1
    return count


@contextlib.contextmanager
def sorted_file(graph_dir: str | Path, spans: Iterable[str] = (), links: bool = False) -> Iterator[Path]:
    """A temporary sorted N-Triples file of the graph (for tools that read a file), removed after
    (``spans`` and ``links`` as in :func:`iter_sorted_lines`)."""
    if not has_graph(graph_dir):
        raise FileNotFoundError(f"no graph at {graph_dir}: run 'plankg build' first")
    with tempfile.TemporaryDirectory(prefix="plankg-graph-") as folder:
        path = Path(folder) / "graph.nt"
        write_sorted(graph_dir, path, spans=spans, links=links)
        yield path


def _legacy_lines(graph_dir: str | Path, links: bool, spans: bool) -> Iterator[str]:
    """An old build's dump: the data, and its links and spans when asked (unsorted)."""
    names = [LEGACY_DUMP_FILE, *([LEGACY_SPANS_FILE] if spans else []), *([LEGACY_LINKS_FILE] if links else [])]
    for name in names:
        path = Path(graph_dir) / name
        if path.is_file():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                yield from fh
