"""A grid of cells (a sheet, a PDF table, an OCR'd table) flattened as .docx tables are.

Spreadsheets, PDF tables and scanned tables all come out as a grid of strings. This module finds
the header row by its content (序号, 指标, 目标, 牵头单位, 责任单位, 完成时限...), turns the rows above it
into title lines, carries merged cells down, and writes the rows the way the .docx reader does
(one tab-led line per cell, rows apart by a blank line), so the table readers of
:mod:`plankg.ingest.tables` name the cells and ``牵头单位``/``配合单位`` become lead and support owners.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from plankg.ingest.table_text import cell_text, table_row_text, table_text
from plankg.ingest.tables import ROW_NUMBER, SECTION
from plankg.ingest.traditional import to_simplified

#: Words of header cells in plan tables; a row with two cells holding them is the header.
HEADER_WORDS = ("序号", "编号", "指标", "目标", "任务", "牵头", "责任", "配合", "协同", "单位", "时限", "时间",
                "进度", "措施", "内容", "项目", "名称", "备注", "责任人", "举措", "计划", "基数", "现状")
_HEADER_SEARCH_ROWS = 15

Grid = list[list[str]]


def normalise(grid: Sequence[Sequence[str]]) -> Grid:
    """Cells stripped, empty rows dropped, trailing empty columns removed."""
    rows = [[(cell or "").strip() for cell in row] for row in grid]
    rows = [row for row in rows if any(rows_cell for rows_cell in row)]
    width = max((max((i + 1 for i, c in enumerate(row) if c), default=0) for row in rows), default=0)
    return [(row + [""] * width)[:width] for row in rows]


def carry_down(grid: Grid, merged: Sequence[tuple[int, int, int, int]]) -> None:
    """Copy each vertically merged cell's value into the rows it spans (``(row0, col0, row1, col1)``)."""
    for row0, col0, row1, _ in merged:
        if row1 <= row0 or row0 >= len(grid) or col0 >= len(grid[row0]):
            continue
        value = grid[row0][col0]
        for row in range(row0 + 1, min(row1, len(grid) - 1) + 1):
            if col0 < len(grid[row]) and not grid[row][col0]:
                grid[row][col0] = value


def header_index(grid: Grid) -> int | None:
    """The header row: the first of the top rows with two cells holding header words (in simplified
    or traditional characters: 牽頭單位 is 牵头单位), else None."""
    for index, row in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        filled = [to_simplified(cell) for cell in row if cell]
        if len(filled) >= 2 and sum(any(word in cell for word in HEADER_WORDS) for cell in filled if len(cell) <= 12) >= 2:
            return index
    return None


def grid_text(grid: Sequence[Sequence[str]], merged: Sequence[tuple[int, int, int, int]] = ()) -> str:
    """The text of one table: title lines, then the header and rows as tab-led cell lines.

    Args:
        grid: Rows of cell strings, as laid out (merged cells hold their value in the first cell).
        merged: Merged ranges ``(row0, col0, row1, col1)`` (inclusive) in ``grid``'s coordinates.

    Returns:
        Text ending with an empty line; "" for a grid without cells.
    """
    rows = [list(row) for row in grid]
    carry_down(rows, merged)
    rows = normalise(rows)
    if not rows:
        return ""
    head = header_index(rows)
    if head is None:
        # No header: a list of lines, one row each, cells apart by spaces (running text).
        return "\n".join("  ".join(c for c in row if c) for row in rows) + "\n\n"
    titles = ["".join(c for c in row if c) for row in rows[:head]]
    header, body = rows[head], rows[head + 1 :]
    numbered = _numbered(header, body)
    if not numbered:
        header = ["序号", *header]
    out_rows = [table_row_text([cell_text([c]) for c in header])]
    number = 0
    for row in body:
        if _section_row(row):
            out_rows.append(table_row_text([cell_text([c for c in row if c])]))  # a section row spanning the table
            continue
        if not numbered:
            number += 1
            row = [str(number), *row]
        out_rows.append(table_row_text([cell_text([c]) for c in row]))
    lead = "".join(title + "\n" for title in titles if title)
    return (lead + "\n" if lead else "") + table_text(out_rows) + "\n"


def _section_row(row: list[str]) -> bool:
    """A row with one filled cell in a table of three or more columns (一、科技创新, spanning the table)."""
    return len(row) > 2 and sum(bool(c) for c in row) == 1 and (bool(SECTION.match(row[0] or row[1])) or not row[-1])


def _numbered(header: list[str], body: Grid) -> bool:
    """True when the first column already numbers the rows 1, 2, 3 (restarting at 1 is fine)."""
    last = 0
    seen = False
    for row in body:
        if _section_row(row):
            continue
        match = ROW_NUMBER.match(row[0])
        if not match or int(match.group(1)) not in (1, last + 1):
            return False
        last = int(match.group(1))
        seen = True
    return seen or bool(re.search("序[号號]|[编編][号號]", header[0]))


def number_text(value: object) -> str:
    """A cell value as written: 360.0 as ``360``, dates as ``2025-06-30``, None as ``""``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.10g}"
    isoformat = getattr(value, "isoformat", None)
    if isoformat is not None:
        text = str(isoformat())
        return text[:10] if text.endswith("T00:00:00") or len(text) == 19 and text[11:] == "00:00:00" else text
    return str(value)
