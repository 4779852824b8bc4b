"""The spreadsheet reader: .xlsx, .xlsm, .xls, .et (WPS) and .ods through calamine; .csv as text.

Each sheet is one table (:mod:`plankg.ingest.grid_text`): the header row found by its content,
title rows above it first (so the first sheet's title is the document's), merged cells carried down.
Bounded: a zip package is unpacked in chunks under ``max_unpacked_bytes`` before calamine opens it,
and reading stops past :data:`MAX_ROWS` rows or :data:`MAX_CELLS` cells in a workbook, or past
``max_unpacked_bytes`` of text.
"""
from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from plankg.ingest.decoding import OLE_MAGIC, decode_text
from plankg.ingest.grid_text import grid_text, number_text
from plankg.ingest.read_base import ReadLimits, UnreadableInput, check_zip_unpacked, short_reason, too_big

#: Rows of one sheet, and cells of one workbook, past which it is refused (a plan table has hundreds).
MAX_ROWS = 50_000
MAX_CELLS = 2_000_000
MAX_COLUMNS = 200


def read(data: bytes, limits: ReadLimits = ReadLimits()) -> str:
    """Every sheet's table, in sheet order (see the module docstring)."""
    if data.startswith(b"PK"):
        _check_package(data, limits)
    elif not data.startswith(OLE_MAGIC):
        raise UnreadableInput("not a spreadsheet (neither an Office zip package nor an .xls/.et file)")
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(workbook.sheet_names)
    except Exception as exc:  # calamine raises its own error types for broken files
        raise UnreadableInput(f"not a readable spreadsheet ({short_reason(exc)})") from None
    percents = _percent_cells(data) if data.startswith(b"PK") else {}
    parts: list[str] = []
    cells = 0
    size = 0
    for name in names:
        try:
            sheet = workbook.get_sheet_by_name(name)
            grid, merged, cells = _sheet_grid(sheet, cells, percents.get(name, set()))
        except UnreadableInput:
            raise
        except Exception as exc:
            raise UnreadableInput(f"cannot read sheet '{name}' ({short_reason(exc)})") from None
        text = grid_text(grid, merged)
        size += len(text.encode("utf-8"))
        if size > limits.max_unpacked_bytes:
            raise too_big("the spreadsheet", size, limits.max_unpacked_bytes)
        if text.strip():
            if parts and text.startswith("\t"):
                text = f"{name}\n\n{text}"  # a line apart, or the table would run on from the last sheet's
            # Two blank lines and a line of prose end a table; a blank line alone would not.
            parts.append(text)
    return "\n".join(parts)


def read_csv(data: bytes, limits: ReadLimits = ReadLimits()) -> str:
    """A .csv file (any encoding plans come in, comma, tab or semicolon separated) as one table."""
    text = decode_text(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:20_000], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            if number > MAX_ROWS:
                raise UnreadableInput(f"too many rows (more than {MAX_ROWS:,})")
            rows.append(row[:MAX_COLUMNS])
    except csv.Error as exc:
        raise UnreadableInput(f"not a valid .csv ({short_reason(exc)})") from None
    return grid_text(rows)


def _check_package(data: bytes, limits: ReadLimits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            check_zip_unpacked(package, limits.max_unpacked_bytes, "the spreadsheet")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UnreadableInput(f"not a valid spreadsheet ({short_reason(exc)})") from None
    if any(name.startswith("word/") for name in names):
        raise UnreadableInput("not a spreadsheet (a Word document; give it a .docx name)")
    if "xl/workbook.xml" not in names and "content.xml" not in names:
        raise UnreadableInput("not a valid spreadsheet (the zip package holds no workbook)")


def _percent_cells(data: bytes) -> dict[str, set[tuple[int, int]]]:
    """Cells (0-based row, column) of each sheet shown as percentages: calamine gives 0.032 for 3.2%.

    Only a workbook whose styles hold a percent format is read again (openpyxl, read-only).
    """
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if "xl/styles.xml" not in package.namelist():
            return {}
        styles = package.read("xl/styles.xml")
    if b"%" not in styles and b'numFmtId="9"' not in styles and b'numFmtId="10"' not in styles:
        return {}
    import openpyxl

    found: dict[str, set[tuple[int, int]]] = {}
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        for sheet in book.worksheets:
            marked = found.setdefault(sheet.title, set())
            for number, row in enumerate(sheet.iter_rows()):
                if number >= MAX_ROWS:
                    break
                for cell in row[:MAX_COLUMNS]:
                    if isinstance(cell.value, (int, float)) and "%" in str(getattr(cell, "number_format", "")):
                        marked.add((cell.row - 1, cell.column - 1))
        book.close()
    except Exception:  # noqa: BLE001 - the formats are a refinement; calamine's values stand
        return {}
    return found


def _percent_text(value: object) -> str:
    return f"{value * 100:.10g}%" if isinstance(value, (int, float)) else number_text(value)


def _sheet_grid(sheet: Any, cells_before: int, percents: set[tuple[int, int]] = frozenset()  # type: ignore[assignment]
                ) -> tuple[list[list[str]], list[tuple[int, int, int, int]], int]:
    """A sheet's cells as strings (percent-formatted ones as ``3.2%``), its merged ranges in grid
    coordinates, and the running cell count."""
    if sheet.total_height > MAX_ROWS or sheet.total_width > MAX_COLUMNS * 100:
        raise UnreadableInput(f"sheet '{sheet.name}' is too large ({sheet.total_height:,} rows × "
                              f"{sheet.total_width:,} columns; at most {MAX_ROWS:,} rows)")
    top, left = sheet.start or (0, 0)
    grid: list[list[str]] = []
    cells = cells_before
    for index, row in enumerate(sheet.iter_rows()):
        grid.append([_percent_text(value) if (top + index, left + column) in percents else number_text(value)
                     for column, value in enumerate(row[:MAX_COLUMNS])])
        cells += min(len(row), MAX_COLUMNS)
        if cells > MAX_CELLS:
            raise UnreadableInput(f"too many cells (more than {MAX_CELLS:,} in the workbook)")
    merged = [(r0 - top, c0 - left, r1 - top, c1 - left)
              for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
    return grid, merged, cells
