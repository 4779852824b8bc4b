"""Rows as pandas DataFrames, and the filters of ``kg.targets(...)`` and ``kg.entities(...)``."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plankg.errors import PlankgError
from plankg.ontology.indicators import load_scheme
from plankg.ontology.regions import load_gazetteer, short_form

if TYPE_CHECKING:
    import pandas

Row = dict[str, Any]
TARGET_KINDS = ("target", "achievement")


def select_targets(rows: list[Row], region: str | None = None, year: int | None = None,
                   indicator: str | None = None, kind: str | None = None) -> list[Row]:
    """Target rows (``plankg.reports.target_rows``) matching every filter given.

    Args:
        rows: Target and achievement rows.
        region: A region with or without its suffix (温州 or 温州市); its sub-regions count.
        year: The year a value is planned for or reported on.
        indicator: An indicator id, a proposed id present in ``rows``, or a Chinese or English label.
        kind: ``target`` or ``achievement``.

    Raises:
        PlankgError: An unknown kind or indicator.
    """
    chosen = rows
    if kind is not None:
        if kind not in TARGET_KINDS:
            raise PlankgError(f"kind {kind!r}: unknown; use {' or '.join(TARGET_KINDS)}")
        chosen = [r for r in chosen if r["kind"] == kind]
    if year is not None:
        chosen = [r for r in chosen if r["year"] == int(year)]
    if region is not None:
        chosen = [r for r in chosen if in_region(r["region"], region)]
    if indicator is not None:
        wanted = indicator_id(indicator, {r["indicator_id"] for r in rows})
        chosen = [r for r in chosen if r["indicator_id"] == wanted]
    return chosen


def select_entities(rows: list[Row], type: str | None = None) -> list[Row]:  # noqa: A002 - the natural name
    """Entity rows of one type (all when ``type`` is None).

    Raises:
        PlankgError: No entity of that type exists.
    """
    if type is None:
        return rows
    known = sorted({r["type"] for r in rows})
    if type not in known:
        raise PlankgError(f"entity type {type!r}: none in this workspace; have {', '.join(known)}")
    return [r for r in rows if r["type"] == type]


def frame(rows: list[dict[str, Any]], like: list[dict[str, Any]] | None = None) -> pandas.DataFrame:
    """Rows as a DataFrame; an empty result keeps the columns of ``like`` (filters return no rows)."""
    import pandas as pd

    if not rows and like:
        return pd.DataFrame(columns=list(like[0]))
    return pd.DataFrame(rows)


def in_region(name: str | None, wanted: str) -> bool:
    """Is ``name`` the region ``wanted`` (with or without suffix) or inside it?"""
    if not name:
        return False
    key = short_form(wanted)
    forms = {short_form(name)} | {short_form(r.name) for r in load_gazetteer().ancestors(name)}
    return key in forms


def region_matches(name: str | None, wanted: str, include_sub: bool = False) -> bool:
    """Is ``name`` the region ``wanted`` through the gazetteer (温州 is 温州市), or, with
    ``include_sub``, one of its counties and districts (瑞安市 in 温州)?"""
    if not name or not wanted.strip():
        return False
    if short_form(name) == short_form(wanted.strip()):
        return True
    return include_sub and in_region(name, wanted.strip())


def indicator_id(indicator: str, present: set[str]) -> str:
    """The indicator id for an id, a proposed id present in the workspace, or a zh/en label."""
    text = indicator.strip()
    if text in present:
        return text
    scheme = load_scheme()
    concept = scheme.by_id(text) or scheme.match(text)
    if concept is None:
        # English: the label, or its head before a parenthesis ("R&D intensity"), any case.
        wanted = text.casefold()
        for candidate in scheme:
            english = candidate.label_en.casefold()
            if wanted in (english, english.split(" (")[0].strip()):
                concept = candidate
                break
    if concept is None:
        raise PlankgError(f"indicator {indicator!r}: matches no indicator id or label")
    return concept.id
