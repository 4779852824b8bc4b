"""Tables flattened to one cell per line with no 序号 column (项目 | 分值 | 目标任务 | 监考单位).

Rows are told apart by what each line is: a name is a line of words followed by a number (its
score or value); a line of words followed by a name is a category over the rows below it; a unit
list is the row's owner cell; anything else fills the row's next value column.
"""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex
from plankg.ingest.numbers import UNITS
from plankg.ingest.orgnames import is_unit_list, known_units
from plankg.ingest.tables import RawCell, RawRow, Table, clean_cell, header_name, table_title, text_lines

# Column header words (lang/zh/cues.toml, [tables]).
_NAME_COLUMN = cue_regex(r"<tables.row_name_columns>")
_VALUE_COLUMN = cue_regex(r"<tables.value_columns>")
_OWNER_COLUMN = cue_regex(r"<tables.owner_columns>")
_NUMBER_COLUMN = cue_regex(r"<tables.number_columns>")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*(?:%|％)?$")
_MEASURE_COLUMN = re.compile(r"(?:计量)?单位")
_MEASURES = frozenset(UNITS) | {"家", "项", "名", "所", "座", "张", "次", "年"}
_END = re.compile(r"^\s*(?:注\s*[:：]|附件|备注\s*[:：])")


def find_unnumbered_tables(text: str) -> list[Table]:
    """Tables whose header names an indicator, a value and an owner column, but no row number."""
    lines = text_lines(text)
    known = known_units(text)
    tables = []
    i = 0
    while i < len(lines):
        columns = _header(lines, i)
        if columns is None:
            i += 1
            continue
        table, i = _parse(text, lines, i, columns, known)
        if table is not None:
            tables.append(table)
    return tables


def _header(lines: list[tuple[int, int, str]], i: int) -> list[str] | None:
    """The column names if a header of short lines (name first, then values, owner last) starts at ``i``."""
    names = []
    j = i
    while j < len(lines) and len(names) < 6 and len(lines[j][2]) <= 8 and not re.search(r"\d", lines[j][2]):
        names.append(header_name(lines[j][2]))
        j += 1
    owner_at = next((k for k, n in enumerate(names) if k >= 2 and _OWNER_COLUMN.search(n)), None)
    if owner_at is None or not _NAME_COLUMN.search(names[0]):
        return None
    names = names[: owner_at + 1]  # the owner column ends the header (a category cell may follow)
    if any(_NUMBER_COLUMN.search(n) for n in names) or not any(_VALUE_COLUMN.search(n) for n in names[1:-1]):
        return None  # numbered tables are read by line_tables
    if i == 0 or not lines[i - 1][2].endswith("表"):
        return None
    return names


def _parse(text: str, lines, i: int, columns: list[str], known: set[str]) -> tuple[Table | None, int]:
    name_col, value_cols, owner_col = columns[0], columns[1:-1], columns[-1]
    rows: list[RawRow] = []
    category = ""
    current: RawRow | None = None
    filled = 0
    j = i + len(columns)

    # A column of measures (单位 | 计量单位 between the name and the values): its cells (亿元, 件, %) are no words.
    measured = any(_MEASURE_COLUMN.fullmatch(c) for c in value_cols)

    def kind(k: int) -> str:
        if k >= len(lines):
            return "end"
        line = lines[k][2]
        if _NUMBER.match(line):
            return "number"
        if measured and line.strip() in _MEASURES:
            return "number"  # a measure cell fills its column as a value cell does
        return "unit" if is_unit_list(line, known) else "words"

    while j < len(lines):
        start, end, line = lines[j]
        if _END.match(line) or len(line) > 60:
            break
        here, following = kind(j), kind(j + 1)
        if here == "unit" and current is not None:
            current.cells.append((owner_col, RawCell(start, end)))
            current = None  # the owner cell closes the row
        elif here == "words" and following == "number":
            current = RawRow([(name_col, RawCell(start, end))], section=category, name=clean_cell(line), anchor=start)
            rows.append(current)
            filled = 0
        elif here == "words" and following == "words" and len(line) <= 8 and (current is None or filled == 0):
            category = clean_cell(line)
        elif current is not None and filled < len(value_cols):
            current.cells.append((value_cols[filled], RawCell(start, end)))
            filled += 1
        elif here == "words" and current is None and following in ("words", "unit"):
            category = clean_cell(line) if len(line) <= 8 else category
        else:
            break
        j += 1
    if len(rows) < 3:
        return None, i + 1
    return Table(lines[i][0], lines[j - 1][1], table_title(text, lines[i][0]), columns, rows), j
