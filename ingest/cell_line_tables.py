"""Indicator tables flattened to one cell a line with no row number: 指标 | 单位 | 全年目标 | 完成情况.

The header is a run of short lines, the first naming the indicator column (指标, 项目, 名称) and
at least one naming a value column (目标, 完成情况, 2025年); a column of measures (单位) and a note
column may stand among them. A header with a row number column is ``line_tables``'s, one with an
owner column ``unnumbered_tables``'s. Each row opens with the indicator's name, a line of words;
the lines after it fill the row's columns by what they hold: a measure (%, 亿美元, 微克/立方米) goes
to the unit column, a value (8左右, 3.5以内, 正增长, 与经济增长基本同步) to the next value column, so a
row that leaves its unit out still puts its values in place. A line of words once the row holds
a value, or once its values are full, opens the next row. The value columns take the year of the
table's title when they name none (2021年…主要指标完成情况).
"""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex
from plankg.ingest.numbers import UNIT_PATTERN
from plankg.ingest.tables import (
    MEASURE_COLUMN,
    NOTE_COLUMN,
    SECTION,
    VALUE_COLUMN,
    RawCell,
    RawRow,
    Table,
    table_title,
    text_lines,
)

_NAME_COLUMN = cue_regex(r"^(?:<tables.row_name_columns>)")
_NUMBER_COLUMN = cue_regex(r"<tables.number_columns>")
_OWNER_COLUMN = cue_regex(r"<tables.unit_columns>|<tables.person_columns>|责任")
_YEAR = re.compile(r"(20\d\d)\s*年")
# A measure cell: a unit the units module knows, with a scale (万人) or a rate (微克/立方米) perhaps.
_MEASURE = re.compile(r"^(?:[%％‰]|(?:千|万|百万|千万|亿)?(?:" + UNIT_PATTERN + r")|[\u4e00-\u9fffA-Za-z]{1,4}/[\u4e00-\u9fffA-Za-z²³]{1,4})$")
# A value cell: a number with a short tail (8左右, 3.5以内, ≥95%), or a short phrase of the way a
# value is given without one (正增长, 与经济增长基本同步, 持平).
_VALUE = re.compile(r"^(?:[约近超≥≤>＞<＜]|不低于|不少于|达到|力争)?[-+]?\d[\d,.]*\s*\S{0,6}$")
_VALUE_PHRASE = re.compile(r"^[\u4e00-\u9fff]{0,8}(?:增长|同步|持平|下降|以内|以上|左右|稳定|完成|达标)$")
_END = re.compile(r"^\s*(?:注\s*[:：]|附件|备注\s*[:：]|资料来源)")
MAX_HEADER_CELL = 10
MAX_NAME = 40


def find_cell_line_tables(text: str) -> list[Table]:
    """Every indicator table of one cell a line without a row number (see the module docstring)."""
    lines = text_lines(text)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        names = _header(lines, i)
        if names is None:
            i += 1
            continue
        title = table_title(text, lines[i][0])
        year = _YEAR.search(title)
        if year and not any(_YEAR.search(n) for n in names):
            names = [f"{year.group(1)}年{n}" if _is_value(n) else n for n in names]
        rows, stop = _rows(lines, i + len(names), names)
        if len(rows) >= 2:
            tables.append(Table(lines[i][0], lines[stop - 1][1], title, names, rows))
            i = stop
        else:
            i += 1
    return tables


def _is_value(name: str) -> bool:
    return bool(VALUE_COLUMN.search(name)) and not _NAME_COLUMN.search(name) and not MEASURE_COLUMN.match(name)


def _header(lines: list[tuple[int, int, str]], i: int) -> list[str] | None:
    """The column names if a header of this layout starts at line ``i``."""
    if not _NAME_COLUMN.search(lines[i][2]) or len(lines[i][2]) > MAX_HEADER_CELL:
        return None
    names = [re.sub(r"\s+", "", lines[i][2])]
    j = i + 1
    while j < len(lines) and len(names) < 8:
        name = re.sub(r"\s+", "", lines[j][2])
        if len(name) > MAX_HEADER_CELL or not (_is_value(name) or MEASURE_COLUMN.match(name) or NOTE_COLUMN.match(name)):
            break
        names.append(name)
        j += 1
    if len(names) < 3 or not any(_is_value(n) for n in names[1:]):
        return None
    if any(_NUMBER_COLUMN.search(n) or _OWNER_COLUMN.search(n) and not MEASURE_COLUMN.match(n) for n in names):
        return None
    return names


def _kind(line: str) -> str:
    flat = re.sub(r"\s+", "", line)
    if _MEASURE.match(flat):
        return "measure"
    if _VALUE.match(flat) or _VALUE_PHRASE.match(flat) or flat in ("—", "-", "/", "——"):
        return "value"
    return "text"


def _rows(lines: list[tuple[int, int, str]], start: int, names: list[str]) -> tuple[list[RawRow], int]:
    measure_at = next((k for k, n in enumerate(names) if MEASURE_COLUMN.match(n)), None)
    value_at = [k for k, n in enumerate(names) if _is_value(n) or NOTE_COLUMN.match(n)]
    rows: list[RawRow] = []
    cells: dict[int, RawCell] = {}
    text_of: dict[int, str] = {}
    j = start
    while j < len(lines):
        begin, end, line = lines[j]
        if _END.match(line) or SECTION.match(line) or len(line) > MAX_NAME or line.endswith(("。", "：", ":")):
            break
        kind = _kind(line)
        filled = [k for k in value_at if k in cells]
        free = [k for k in value_at if k not in cells and (not filled or k > max(filled))]
        if kind == "value" and not free and not re.search(r"\d", line):
            kind = "text"  # 工业增加值增长: a name that reads like a value phrase, once the row is full
        if kind == "measure" and cells and measure_at is not None and measure_at not in cells and not filled:
            cells[measure_at] = RawCell(begin, end)
        elif kind == "value" and cells and free:
            cells[free[0]] = RawCell(begin, end)
        elif kind == "text" and (not cells or filled):
            _close(rows, cells, names, text_of)
            cells = {0: RawCell(begin, end)}
            text_of[begin] = line
        else:
            break  # a line that fits no place of the layout: the table has ended
        j += 1
    _close(rows, cells, names, text_of)
    return rows, j


def _close(rows: list[RawRow], cells: dict[int, RawCell], names: list[str], text_of: dict[int, str]) -> None:
    if len(cells) < 2 or 0 not in cells:
        return
    named = [(names[k], cell) for k, cell in sorted(cells.items())]
    rows.append(RawRow(named, name=text_of.get(cells[0].start, ""), anchor=cells[0].start))


__all__ = ["find_cell_line_tables"]
