"""Tables flattened to one cell per line, recognised by a header run containing 序号.

Merged cells (a category over several rows, an owner list for a group) carry down to the rows
below them; a short note in brackets extends the value before it.
"""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex
from plankg.ingest.orgnames import is_unit_list, known_units
from plankg.ingest.tables import (
    ROW_NUMBER,
    SECTION,
    RawCell,
    RawRow,
    Table,
    clean_cell,
    header_name,
    table_title,
    text_lines,
)

# Column header words and name endings (lang/zh/cues.toml, [tables]).
_HEADER_HINT = cue_regex(r"<tables.number_columns>")
_VALUE_COLUMN = cue_regex(r"20\d\d|<tables.value_columns>")
_OWNER_COLUMN = cue_regex(r"<tables.owner_columns>")
_NOTE = re.compile(r"^[（(]?[^（()）]{0,8}[)）]$|^[（(][^（()）]{0,10}[)）]?$")
_END = re.compile(r"^\s*(?:注\s*[:：]|注：|附件|备注\s*[:：])")
_NAME_SUFFIX = cue_regex(r"<tables.name_endings>$")


def find_line_tables(text: str) -> list[Table]:
    """Tables flattened to one cell per line, recognised by a header run containing 序号."""
    lines = _lines(text)
    tables = []
    i = 0
    known = known_units(text)
    while i < len(lines):
        header_end = _header_run(lines, i)
        if header_end is None:
            i += 1
            continue
        table, i = _parse_line_table(text, lines, i, header_end, known)
        if table is not None:
            tables.append(table)
    return tables


def _lines(text: str) -> list[tuple[int, int, str]]:
    # Cells between | separators, on lines of their own or at a line's ends (|序号|, 重点任务|).
    return text_lines(text, " \t\u3000\xa0|｜")


def _header_run(lines: list[tuple[int, int, str]], i: int) -> int | None:
    """If a header run (short lines including 序号 and a value column) starts at ``i``, its end."""
    j = i
    names = []
    while j < len(lines) and len(lines[j][2]) <= 14 and not ROW_NUMBER.match(lines[j][2]) and j - i < 12:
        following = lines[j + 1][2] if j + 1 < len(lines) else ""
        if SECTION.match(lines[j][2]) or (names and ROW_NUMBER.match(following) and not _OWNER_COLUMN.search(lines[j][2])):
            break  # a category cell (六倍增) right before row 1 is data, not header
        names.append(lines[j][2])
        j += 1
    if len(names) < 3 or not any(_HEADER_HINT.search(n) for n in names):
        return None
    if not any(_VALUE_COLUMN.search(n) for n in names):
        return None
    if j >= len(lines) or not (ROW_NUMBER.match(lines[j][2]) or SECTION.match(lines[j][2]) or len(lines[j][2]) <= 8):
        return None
    return j


def _parse_line_table(text: str, lines, i: int, header_end: int, known: set[str]) -> tuple[Table | None, int]:
    columns = [header_name(ln[2]) for ln in lines[i:header_end]]
    number_col = next(k for k, c in enumerate(columns) if _HEADER_HINT.search(c))
    category_col = columns[number_col - 1] if number_col > 0 else None
    name_col = columns[number_col + 1] if number_col + 1 < len(columns) else "名称"
    value_cols = [c for c in columns[number_col + 2 :] if not _OWNER_COLUMN.search(c)]
    # 牵头部门 then 配合部门: each owner column in order.
    owner_cols = [c for c in columns[number_col + 2 :] if _OWNER_COLUMN.search(c)]
    parser = _LineRows(columns[number_col], category_col, name_col, value_cols, owner_cols)
    # 序号 | 任务 | 责任科室 | 落实情况: owners before the values do not close the row, its values follow them.
    owners_last = not value_cols or not owner_cols or columns.index(owner_cols[0]) > columns.index(value_cols[-1])
    sections_seen = False
    last_number = 0
    j = header_end
    while j < len(lines):
        start, end, line = lines[j]
        following = lines[j + 1][2] if j + 1 < len(lines) else ""
        number = ROW_NUMBER.match(line)
        is_section = bool(SECTION.match(line))
        if _END.match(line) or re.match(r"^[（(][一二三四五六七八九十]+[）)]", line):
            break
        if is_section and parser.rows and not sections_seen:
            break  # a heading of the text that follows a table whose categories are not headings
        expected = last_number + 1 if last_number else 1
        if number and len(line) <= 3 and int(number.group(1)) == expected and j + 1 < len(lines):
            last_number = int(number.group(1))
            parser.new_row(_raw(start, end), number.group(1), _raw(lines[j + 1][0], lines[j + 1][1]), lines[j + 1][2])
            j += 2
            continue
        short_label = len(line) <= 8 and not re.search(r"\d", line) and bool(ROW_NUMBER.match(following))
        if is_section or (short_label and not is_unit_list(line, known)):
            sections_seen = sections_seen or is_section
            parser.category(clean_cell(line), _raw(start, end))
        elif parser.current is None:
            pass
        elif is_unit_list(line, known) and len(parser.owners) < max(1, len(owner_cols)):
            parser.owners.append(_raw(start, end))
        elif parser.owners and is_unit_list(line, known):
            # One unit a line in the last owner cell (区经信局 / 区财政局): a cell, not a new row.
            parser.owners[-1] = _raw(parser.owners[-1].start, end)
        elif _NOTE.match(line) and parser.values:
            parser.values[-1] = _raw(parser.values[-1].start, end)
        elif parser.owners and owners_last or len(parser.values) >= len(value_cols) or line.startswith(("*", "＊")) or (
            parser.values and _is_name(line)
        ):
            parser.sub_row(_raw(start, end), line)
        else:
            parser.values.append(_raw(start, end))
        j += 1
    parser.flush()
    if not parser.rows:
        return None, j
    end_pos = lines[j - 1][1]
    return Table(lines[i][0], end_pos, table_title(text, lines[i][0]), columns, parser.rows), j


class _LineRows:
    """Collects rows of a one-cell-per-line table; merged cells (category, owners) carry down."""

    def __init__(self, number_col: str, category_col: str | None, name_col: str, value_cols: list[str],
                 owner_cols: list[str]) -> None:
        self.number_col, self.category_col, self.name_col = number_col, category_col, name_col
        self.value_cols, self.owner_cols = value_cols, owner_cols
        self.rows: list[RawRow] = []
        self.current: RawRow | None = None
        self.values: list[RawCell] = []
        self.owners: list[RawCell] = []
        self.carried_owners: list[RawCell] = []
        self.category_text = ""
        self.category_cell: RawCell | None = None
        self.number_cell: RawCell | None = None

    def category(self, text: str, cell: RawCell) -> None:
        if text == self.category_text:
            return  # the header repeated after a page break
        self.flush()
        self.current = None
        self.category_text, self.category_cell = text, cell

    def new_row(self, number_cell: RawCell, number: str, name_cell: RawCell, name: str) -> None:
        self.flush()
        self.number_cell = number_cell
        self._start(name_cell, name, number)

    def sub_row(self, name_cell: RawCell, name: str) -> None:
        self.flush()
        self._start(name_cell, name, self.current.number if self.current else "")

    def _start(self, name_cell: RawCell, name: str, number: str) -> None:
        cells: list[tuple[str, RawCell]] = []
        if self.category_col and self.category_cell is not None:
            cells.append((self.category_col, self.category_cell))
        if self.number_cell is not None:
            cells.append((self.number_col, self.number_cell))
        cells.append((self.name_col, name_cell))
        self.current = RawRow(cells, section=self.category_text, number=number, name=name, anchor=name_cell.start)
        self.rows.append(self.current)

    def flush(self) -> None:
        """Close the current (sub-)row: values fill the last value columns, owners carry down."""
        if self.current is None:
            return
        if self.owners:
            self.carried_owners = self.owners  # a merged owner cell holds for the rows below it
        values = self.values[-len(self.value_cols) :] if self.value_cols else []
        self.current.cells.extend(zip(self.value_cols[len(self.value_cols) - len(values) :], values))
        self.current.cells.extend(zip(self.owner_cols, self.carried_owners))
        self.values, self.owners = [], []


def _raw(start: int, end: int) -> RawCell:
    return RawCell(start, end)


def _is_name(line: str) -> bool:
    """A line that names a new sub-item rather than giving a value: a noun phrase, no digits."""
    return not re.search(r"\d", line) and bool(_NAME_SUFFIX.search(line.rstrip("。"))) and not re.search(
        r"^(?:完成|启动|持续|滚动|稳定|推动|形成|建立|实施|深化|实现|开展|加大|提质|组建|承担|积极|争取|不考核|列全省|跻身"
        r"|基本|有效|探索|选择|逐步|推广|主导|年底|新成立|发放|取得|成功|申报|引进|派遣|建成|组织|加强|机制|工作|目前|拟)",
        line,
    )
