"""Search filters: which documents and clauses a query may return."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from plankg.embeddings.errors import SearchError
from plankg.embeddings.store import DocInfo, Row
from plankg.ontology.regions import short_form

FILTER_KEYS = ("doc", "region", "year", "doc_type", "kind", "has_target")
KINDS = ("heading", "item", "sentence", "table_row")


def _values(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return [value]


def _doc_matches(doc: DocInfo, filters: dict[str, Any]) -> bool:
    if filters.get("doc") is not None:
        wanted = {str(v) for v in _values(filters["doc"])}
        names = {doc.id, doc.source_name, doc.path, doc.source_name.rsplit(".", 1)[0]}
        if not wanted & names:
            return False
    if filters.get("region") is not None:
        # Short forms (温州市 -> 温州), so 温州 and 温州市 match.
        wanted = {short_form(str(v)) for v in _values(filters["region"])}
        if not wanted & {short_form(doc.region), short_form(doc.parent_region)} - {""}:
            return False
    if filters.get("year") is not None:
        wanted_years = {int(v) for v in _values(filters["year"])}
        if not wanted_years & (set(doc.years) | set(doc.reported_years)):
            return False
    if filters.get("doc_type") is not None and doc.doc_type not in _values(filters["doc_type"]):
        return False
    return True


def check_filters(filters: dict[str, Any] | None, documents: Sequence[DocInfo]) -> dict[str, Any]:
    """Return the filters without None values, or raise SearchError on an unknown key or value."""
    active = {k: v for k, v in (filters or {}).items() if v is not None}
    unknown = sorted(set(active) - set(FILTER_KEYS))
    if unknown:
        raise SearchError(f"search filter {unknown[0]!r}: unknown; use {', '.join(FILTER_KEYS)}")
    for kind in _values(active.get("kind", [])):
        if kind not in KINDS:
            raise SearchError(f"search filter kind={kind!r}: unknown; use {', '.join(KINDS)}")
    for year in _values(active.get("year", [])):
        try:
            int(year)
        except (TypeError, ValueError):
            raise SearchError(f"search filter year={year!r}: not a year") from None
    if "doc" in active:
        names = {n for d in documents for n in (d.id, d.source_name, d.path, d.source_name.rsplit(".", 1)[0])}
        for name in _values(active["doc"]):
            if str(name) not in names:
                raise SearchError(f"search filter doc={name!r}: no such document in the index")
    return active


def allowed_rows(filters: dict[str, Any] | None, rows: Sequence[Row], documents: Iterable[DocInfo]
                 ) -> np.ndarray | None:
    """Sorted row numbers passing ``filters``, or None when nothing is filtered.

    Args:
        filters: ``doc`` (file name, its stem, path or doc id), ``region`` (the document's region or
            its parent region, with or without 市/区/县), ``year`` (planned or reported),
            ``doc_type``, ``kind`` (clause kind), ``has_target`` (bool). A list means any of.
    """
    documents = list(documents)
    active = check_filters(filters, documents)
    if not active:
        return None
    doc_ok = {d.id for d in documents if _doc_matches(d, active)}
    kinds = set(_values(active["kind"])) if "kind" in active else None
    want_target = bool(active["has_target"]) if "has_target" in active else None
    keep = [
        i for i, row in enumerate(rows)
        if row.doc_id in doc_ok
        and (kinds is None or row.kind in kinds)
        and (want_target is None or row.has_target == want_target)
    ]
    return np.array(keep, dtype=np.int64)
