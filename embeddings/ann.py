"""FAISS inner-product indexes: exact below :data:`FLAT_LIMIT` vectors, IVF or HNSW above.

Vectors are L2-normalised, so inner product is cosine similarity. The exact index is rebuilt from
``vectors.npy`` on load (a copy, no training); approximate ones persist in FAISS's own binary
format (``ann.faiss``, never pickle).
"""
from __future__ import annotations

import math
import mmap
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import numpy as np

FLAT_LIMIT = 100_000
ANN_FILE = "ann.faiss"
KINDS = ("flat", "ivf", "hnsw")
#: IVF lists = this * sqrt(n); probes per query = share of the lists. Measured in
#: benchmarks/bench_search.py (build time, recall@10 and latency at 100k and 1M vectors).
IVF_LISTS_PER_SQRT = 1.0
IVF_PROBE_SHARE = 1 / 8
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128
_TRAIN_PER_LIST = 40
#: Vectors added to an approximate index at a time.
ADD_CHUNK = 8_192
#: Training rows read from a memory-mapped matrix at a time.
_SAMPLE_CHUNK = 1_024
_SEED = 1234


def _faiss() -> ModuleType:
    """The ``faiss`` module, imported when an index is built, loaded or searched (never by ``import plankg``)."""
    import faiss

    return faiss


@dataclass
class AnnIndex:
    """A FAISS index and how to query it.

    Attributes:
        kind: ``flat`` | ``ivf`` | ``hnsw``.
        index: The FAISS index (ids are row numbers).
        params: Search-time parameters (``nprobe`` or ``ef_search``).
    """

    kind: str
    index: object
    params: dict = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Number of vectors."""
        return int(self.index.ntotal)

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` inner products per query; ids are -1 where fewer than ``k`` exist.

        Args:
            queries: ``(q, dim)`` float32 unit vectors.
            k: Hits per query.
            allowed: Sorted row numbers to restrict the search to (None: all rows).
        """
        faiss = _faiss()

        k = max(1, min(k, self.size))
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        selector = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64)) if allowed is not None else None
        if self.kind == "ivf":
            params = faiss.SearchParametersIVF(nprobe=self.params["nprobe"])
        elif self.kind == "hnsw":
            params = faiss.SearchParametersHNSW(efSearch=max(self.params["ef_search"], k))
        else:
            params = faiss.SearchParameters()
        if selector is not None:
            params.sel = selector
        scores, ids = self.index.search(queries, k, params=params)
        return scores, ids

    def save(self, folder: Path) -> dict:
        """Write the index if it is approximate; return the spec for ``meta.json``."""
        if self.kind != "flat":
            faiss = _faiss()

            faiss.write_index(self.index, str(Path(folder) / ANN_FILE))
        return {"kind": self.kind, **self.params}


def choose_kind(n_vectors: int) -> str:
    """``flat`` below :data:`FLAT_LIMIT` vectors, else ``ivf``."""
    return "flat" if n_vectors < FLAT_LIMIT else "ivf"


def build_ann(vectors: np.ndarray, kind: str = "auto") -> AnnIndex:
    """Build an index over ``vectors`` (row ``i`` gets id ``i``).

    Args:
        vectors: ``(n, dim)`` float32 unit vectors.
        kind: ``auto`` (:func:`choose_kind`), ``flat``, ``ivf`` or ``hnsw``.
    """
    faiss = _faiss()

    n, dim = vectors.shape
    kind = choose_kind(n) if kind == "auto" else kind
    if kind == "flat" or n < 2:
        index = faiss.IndexFlatIP(dim)
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return AnnIndex("flat", index)
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return AnnIndex("hnsw", index, {"ef_search": HNSW_EF_SEARCH})
    if kind != "ivf":
        raise ValueError(f"unknown index kind {kind!r}")
    n_lists = max(1, min(int(IVF_LISTS_PER_SQRT * math.sqrt(n)), n // _TRAIN_PER_LIST))
    quantizer = faiss.IndexFlatIP(dim)
    # int8 codes (a quarter of float32); recall@10 against the exact index is measured in
    # benchmarks/bench_scale.py --recall.
    index = faiss.IndexIVFScalarQuantizer(quantizer, dim, n_lists, faiss.ScalarQuantizer.QT_8bit,
                                          faiss.METRIC_INNER_PRODUCT)
    rng = np.random.default_rng(_SEED)
    sample_size = min(n, n_lists * _TRAIN_PER_LIST)
    if sample_size < n:
        picked = np.sort(rng.choice(n, sample_size, replace=False))
        sample = np.empty((sample_size, dim), dtype=np.float32)
        for start in range(0, sample_size, _SAMPLE_CHUNK):  # a map's pages dropped as they are read
            sample[start : start + _SAMPLE_CHUNK] = vectors[picked[start : start + _SAMPLE_CHUNK]]
            _drop_pages(vectors)
    else:
        sample = vectors
    index.train(np.ascontiguousarray(sample, dtype=np.float32))
    del sample
    _drop_pages(vectors)
    for start in range(0, n, ADD_CHUNK):  # the vectors may be a memory-mapped file: add them a chunk at a time
        index.add(np.ascontiguousarray(vectors[start : start + ADD_CHUNK], dtype=np.float32))
        _drop_pages(vectors)
    n_probe = max(1, math.ceil(n_lists * IVF_PROBE_SHARE))
    return AnnIndex("ivf", index, {"nprobe": n_probe, "nlist": n_lists})


def _drop_pages(vectors: np.ndarray) -> None:
    """Let the kernel drop the pages of a memory-mapped file read so far from the process.

    Pages read through a map stay in the process's resident set until it is closed: adding
    127,568 vectors at 100x held all 250 MB of them in the build's peak. They are clean file
    pages, read again from the file if touched again. An array in memory is left alone.
    """
    base: object = vectors
    while base is not None and getattr(base, "_mmap", None) is None:
        base = getattr(base, "base", None)
    mapped = getattr(base, "_mmap", None)
    if mapped is not None and hasattr(mapped, "madvise") and hasattr(mmap, "MADV_DONTNEED"):
        mapped.madvise(mmap.MADV_DONTNEED)


def load_ann(folder: Path, spec: dict, vectors: np.ndarray) -> AnnIndex:
    """Load the index described by ``spec`` (from ``meta.json``); exact ones from ``vectors``."""
    kind = spec.get("kind", "flat")
    if kind == "flat":
        return build_ann(vectors, "flat")
    faiss = _faiss()

    index = faiss.read_index(str(Path(folder) / ANN_FILE))
    params = {k: v for k, v in spec.items() if k != "kind"}
    return AnnIndex(kind, index, params)
