"""Rows of a task table run together in one clause, each closed by its lead units.

A table copied as text may keep its rows on one line, or lose the full stop that would split them
into sentences: ``1 地区生产总值增长7%以上. 发改委 2 一般公共预算收入增长8%以上. 财政局``. Each row
is its number, its task up to a stop, then the units that own it; the next row's number follows
(one more than this one), or the clause ends. Read row by row, no figure is owned by the unit of
the row before it and no indicator runs across two rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.ingest.orgnames import is_unit_list
from plankg.ingest.owners import owners_from_cell
from plankg.ingest.records import Document, Owner

#: A row's number and what follows it (1 地区…, 2.一般…, 3、工业…).
_NUMBER = re.compile(r"\s*(\d{1,3})\s*[.．、]?\s*(?=[\u4e00-\u9fff])")
#: A stop, then a run that may be a unit list, then the next row's number or the clause's end.
_UNITS_AFTER_STOP = re.compile(r"[。.．；;]\s*([\u4e00-\u9fff、，,（）()*＊]{2,60}?)\s*(?=\d{1,3}\s*[.．、]?\s*[\u4e00-\u9fff]|\s*$)")


@dataclass(frozen=True)
class ClauseRow:
    """One row inside a clause: ``text[start:end]`` is its task, its number ends at ``body``."""

    start: int
    body: int
    end: int
    owners: tuple[Owner, ...]


def rows_in_clause(text: str, doc: Document, start: int = 0) -> list[ClauseRow]:
    """The rows of ``text[start:]`` if it is numbered task rows closed by units; else no rows.

    The rows must open with a number and follow each other (n, n+1, ...); the last row may lack its
    units (a page cut inside it).
    """
    opening = _NUMBER.match(text, start)
    if not opening:
        return []
    rows: list[ClauseRow] = []
    row_start, body, number = start, opening.end(), int(opening.group(1))
    pos = body
    while True:
        closing = _closing_units(text, pos, number)
        if closing is None:
            break
        stop, units_end, units = closing
        owners, _ = owners_from_cell(re.sub(r"[，,]", "、", units), doc)
        rows.append(ClauseRow(row_start, body, stop, owners))
        following = _NUMBER.match(text, units_end)
        if not following:
            return rows
        row_start, body, number = following.start(1), following.end(), number + 1
        pos = body
    if not rows:
        return []
    rows.append(ClauseRow(row_start, body, len(text), ()))
    return rows


def _closing_units(text: str, pos: int, number: int) -> tuple[int, int, str] | None:
    """The first unit list after a stop that closes row ``number``: (end of the task, end of the list, list)."""
    for match in _UNITS_AFTER_STOP.finditer(text, pos):
        units = match.group(1)
        if not is_unit_list(units.replace("，", "、").replace(",", "、")):
            continue
        after = text[match.end(1):]
        following = _NUMBER.match(after)
        if after.strip() and not (following and int(following.group(1)) == number + 1):
            continue
        return match.start() + 1, match.end(1), units
    return None


#: Units written straight after a goal's value, as a flattened task list keeps its owner cell
#: (``新增孵化器3家. 县科技局 4 …``, ``新增高企50家 区科技局、区发改委``): a qualifier, a stop or a
#: comma at most between them, and the run ends where the next row's number, a stop or the text does.
_UNITS_AFTER_VALUE = re.compile(
    r"(?:左右|以上|以内|以下)?\s*[。.．；;，,]?\s*([\u4e00-\u9fff、，,*＊]{2,60}?)"
    r"(?=\s*(?:\d{1,3}\s*[.．、]?\s*[\u4e00-\u9fff]|[。；;]|$))")
#: What parts two goals into separate items: a stop, or a row number opening the next item.
_ITEM_BREAK = re.compile(r"[。；;]|(?<![\d.])\d{1,3}\s*[.．、]?\s*(?=[\u4e00-\u9fff])")


def units_closing_values(text: str, spans: list[tuple[int, int]], doc: Document) -> list[tuple[Owner, ...]]:
    """For each value span of ``text`` (in order), the units that close its item, or ``()``.

    A unit list written right after a value closes that item: it owns that value and the values
    before it in the same item (since the previous stop or row number); values after the last such
    list own nothing here. Prose units (科技局负责…) are no closing list: the run must end the row.
    """
    owned: list[tuple[Owner, ...]] = [()] * len(spans)
    pending: list[int] = []
    previous_end = 0
    for k, (start, end) in enumerate(spans):
        if pending and _ITEM_BREAK.search(text, previous_end, start):
            pending = []
        pending.append(k)
        previous_end = end
        match = _UNITS_AFTER_VALUE.match(text, end)
        units = match.group(1) if match else ""
        if not units or not is_unit_list(re.sub(r"[，,]", "、", units).strip("、")):
            continue
        owners, _ = owners_from_cell(re.sub(r"[，,]", "、", units), doc)
        if owners:
            for i in pending:
                owned[i] = owners
            pending = []
    return owned
