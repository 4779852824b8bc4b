"""Task tables copied from web pages as a stream of cells: one cell per line, cells between ``|``
lines, or rows on one line with cells separated by spaces.

A header is a run of short cells naming the columns of a responsibility table (任务, 责任单位,
责任人, 完成时限...) or of a progress table (工作任务, 二季度完成情况). Rows then start at a row number (any number: a page may start at row 33),
or, in tables without one, where the cells have filled every column. Cells are matched to columns
by what they hold (a person's name, a unit list, a deadline), so a cell that spans two lines or a
column left empty does not shift the rest of the row.
"""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex
from plankg.ingest.orgnames import ORG_SUFFIX, PLACE_NAME, PLACE_OWNER, is_unit_list
from plankg.ingest.tables import RawCell, RawRow, Table, table_title

# Header and cell words (lang/zh/cues.toml, [tables]).
_HEADER_WORD = cue_regex(r"<tables.header_words>")
# A row's number: 12, 12., (12), （一） (the marker alone in its cell; 一、 heads a section, not a row).
_NUMBER = re.compile(r"^(?:\d{1,3}[.．、]?|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[）)])$")
_CN_DIGITS = "一二三四五六七八九"


def _row_number(flat: str) -> int:
    """The number a row marker stands for (（三） is 3, 十二、 is 12)."""
    marker = flat.strip("（()）.．、")
    if marker.isdigit():
        return int(marker)
    tens, _, ones = marker.rpartition("十")
    if "十" not in marker:
        return _CN_DIGITS.index(marker) + 1 if marker in _CN_DIGITS else 0
    return (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_CN_DIGITS.index(ones) + 1 if ones else 0)
_PERSON_COLUMN = cue_regex(r"<tables.person_columns>")
_UNIT_COLUMN = cue_regex(r"<tables.unit_columns>")
_PROGRESS_COLUMN = cue_regex(r"<tables.progress_columns>")
_DEADLINE_COLUMN = cue_regex(r"<tables.deadline_columns>")
_NUMBER_COLUMN = cue_regex(r"<tables.number_columns>")
_DEADLINE = cue_regex(r"<tables.deadline_words>")
# The rule under a table's header in Markdown (|---|:---:|): no cell.
_RULE = re.compile(r"[|｜]?(?:\s*:?-{3,}:?\s*[|｜])+\s*(?::?-{3,}:?)?\s*")
# Role words after a unit in an owner cell (市科技局（牵头）, 市财政局配合): the entry is still a unit.
_ROLE_WORDS = cue_regex(r"[（(]?(?:<owners.primary_words>|<owners.support_words>)(?:负责)?[)）]?(?=[、，,。；;]|$)")
# A column of measures (单位 | 计量单位 beside the values): 单位 alone there is not a unit answerable.
_MEASURE_COLUMN = re.compile(r"(?:计量)?单位")
_PERSON = re.compile(r"^[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,3}$")
MAX_HEADER_CELL = 14
# A row written between bars: | 区科技局 | 区教育局 | 4个 | (at least two cells).
_BAR_ROW = re.compile(r"[|｜][^|｜\n]*[|｜][^|｜\n]*(?:[|｜][^|｜\n]*)*[|｜]")
# A cell alone on its line behind or before one bar (| 市科技局, 市科技局 |); a line with no bar is its own cell.
_LONE_BAR_CELL = re.compile(r"[|｜]?[ \t\u3000\xa0]*([^|｜]+?)[ \t\u3000\xa0]*[|｜]?")
#: A column of values for a year or of a kind (2023年目标, 2022年完成, 目标值, 基数): an indicator table's.
_YEAR_VALUE_COLUMN = cue_regex(r"20\d\d\s*年(?:度|底|末)?(?:<tables.year_value_columns>)|^20\d\d\s*年?$"
                               r"|^(?:<tables.value_columns>)值?$")
_ROW_NAME_COLUMN = cue_regex(r"^(?:<tables.row_name_columns>)")
_GOAL_COLUMN = re.compile(r"(?:工作|目标|考核)?(?:标准|目标任务|目标|任务)$")
_VALUE_NAME = cue_regex(r"<tables.value_columns>|<tables.year_value_columns>|20\d\d")


def _cells_and_rows(text: str) -> list[tuple[RawCell, tuple[RawCell | None, ...]]]:
    """Each cell, and when it opens a row written between bars (``| 区科技局 | | 4个 |``) that row's
    cells in order, None for an empty one (else an empty tuple).

    A line closed by bars on both sides is one row of cells whatever its cells hold, so it is split
    at every bar; a line of spaced cells is split only when it is a header or opens with a row number.
    """
    out: list[tuple[RawCell, tuple[RawCell | None, ...]]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip(" \t\u3000\xa0")
        if stripped and stripped not in ("|", "｜") and not _RULE.fullmatch(stripped):
            start = pos + len(line) - len(line.lstrip(" \t\u3000\xa0"))
            if _BAR_ROW.fullmatch(stripped):
                row: list[RawCell | None] = []
                for bar in re.finditer(r"[^|｜]+|(?<=[|｜])(?=[|｜])", stripped[1:-1]):
                    part = bar.group().strip(" \t\u3000\xa0")
                    at = 1 + bar.start() + bar.group().find(part) if part else 0
                    row.append(RawCell(start + at, start + at + len(part)) if part else None)
                kept = [c for c in row if c is not None]
                out += [(c, tuple(row) if n == 0 else ()) for n, c in enumerate(kept)]
            else:
                # A cell a line, each opened (or closed) by one bar (| 市科技局): the bar separates, it is no text.
                lone = _LONE_BAR_CELL.fullmatch(stripped)
                if lone:
                    start, stripped = start + lone.start(1), lone.group(1)
                offset = 0
                for part in _split_spaced(stripped):
                    at = stripped.find(part, offset)
                    out.append((RawCell(start + at, start + at + len(part)), ()))
                    offset = at + len(part)
        pos += len(line) + 1
    return out


def _split_spaced(line: str) -> list[str]:
    """A line of space-separated cells (a header, or a row opening with its number) split up."""
    barred = [p.strip(" \t\u3000\xa0") for p in re.split(r"[|｜]", line.strip("|｜ \t\u3000\xa0"))]
    if len(barred) >= 3 and all(barred):
        return barred  # | 高新技术企业（家） | 410 | 480 |: bars are the separators, spaces stay inside cells
    tabbed = [p.strip(" \u3000\xa0") for p in line.split("\t")]
    if len([p for p in tabbed if p]) >= 3:
        return [p for p in tabbed if p]  # 高新技术企业数（家）<tab>120<tab>250: tabs likewise
    parts = [p for p in re.split(r"[ \t\u3000\xa0|｜]+", line) if p]
    if len(parts) == 2 and _NUMBER.match(parts[0]):
        return parts  # a numbered row cut off after its first cell
    if len(parts) == 2 and _is_deadline(parts[1]) and not _is_deadline(parts[0]):
        return parts  # a row's last cells: the end of a cell spanning lines, then its deadline
    if len(parts) < 3:
        return [line]
    header = sum(bool(_HEADER_WORD.search(p)) for p in parts) >= 3 and all(len(p) <= MAX_HEADER_CELL for p in parts)
    if header or _NUMBER.match(parts[0]):
        return parts
    return [line]


def _is_deadline(value: str) -> bool:
    """A deadline cell (2024年12月底, 三季度): short, with a deadline word and a date or season."""
    return len(value) <= 10 and bool(_DEADLINE.search(value)) and bool(re.search(r"\d|[一二三四]季度|长期|持续", value))


def _text(text: str, cell: RawCell) -> str:
    return text[cell.start : cell.end]


class _Columns:
    """Column names with the kind of content each takes."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.kinds = [
            "number" if _NUMBER_COLUMN.search(n) else "measure" if _MEASURE_COLUMN.fullmatch(n)
            else "person" if _PERSON_COLUMN.search(n)
            else "unit" if _UNIT_COLUMN.search(n) else "deadline" if _DEADLINE_COLUMN.search(n) else "text"
            for n in names
        ]

    def accepts(self, k: int, value: str) -> bool:
        kind = self.kinds[k]
        flat = re.sub(r"\s+", "", value)
        if kind == "number":
            return bool(_NUMBER.match(flat))
        if kind == "person":
            names = [p.strip() for p in re.split(r"[、，,]", value) if p.strip()]
            return bool(names) and all(_PERSON.match(p) and not ORG_SUFFIX.search(p) for p in names)
        if kind == "measure":  # 单位 of a value (%, 亿元, 家), not a unit answerable
            return len(flat) <= 6 and not ORG_SUFFIX.search(flat)
        if kind == "unit":
            # 区发改委、区经信局、等区政府有关部门，区农投公司。: the list may trail an 等 phrase and a stop.
            # A second name in brackets (区商务局(区某中心)) is part of the unit's entry.
            listed = re.sub(r"等[^、，,]*(?:[、，,]|$)", "、", re.sub(r"[（(][^（()）]{0,16}[)）]", "", flat))
            listed = _ROLE_WORDS.sub("", listed).strip("、，,。；;*＊")
            if len(flat) > 60:
                return False
            # A unit list may end on places that act as owners (市科技局、高新区、各县(区)、某某区).
            items = [p for p in re.split(r"[、，,]", listed) if p]
            # A zone alone (高新区) administers its part; 各县(区) alone is too loose to tell a unit cell.
            zone = len(items) == 1 and not items[0].startswith("各") and bool(PLACE_OWNER.fullmatch(items[0]))
            return bool(ORG_SUFFIX.search(listed)) or zone or (
                len(items) >= 2 and any(ORG_SUFFIX.search(p) or p.startswith("各") for p in items)
                and all(ORG_SUFFIX.search(p) or PLACE_OWNER.fullmatch(p) or PLACE_NAME.fullmatch(p) for p in items))
        if kind == "deadline":
            return len(flat) <= 16 and bool(_DEADLINE.search(flat))
        return True


def _find_header(text: str, cells: list[RawCell], i: int,
                 row_starts: dict[int, tuple[RawCell | None, ...]] | None = None) -> int | None:
    """End of a header run of short column names starting at cell ``i``, or None.

    A header written between bars is that one row: the run stops where the next bar row starts.
    """
    j = i
    hits = 0
    # A header written on one line (| 指标 | 2022年完成 | … |) ends with its line.
    one_line = i + 1 < len(cells) and "\n" not in text[cells[i].end : cells[i + 1].start]
    while j < len(cells) and j - i < 10:
        if j > i and (row_starts and j in row_starts
                      or one_line and "\n" in text[cells[j - 1].end : cells[j].start]):
            break
        value = re.sub(r"\s+", "", _text(text, cells[j]))
        # A table's own name (…任务表) heads the table, it names no column.
        if (len(value) > MAX_HEADER_CELL or _NUMBER.match(value) or re.search(r"[。；;，,%:：|｜]", value)
                or len(value) > 4 and value.endswith("表")):
            if j == i:
                return None
            break
        hits += bool(_HEADER_WORD.search(value) or _YEAR_VALUE_COLUMN.search(value))
        j += 1
    names = j - i
    if names < 3 or hits < max(2, names - 2):
        return None
    values = [re.sub(r"\s+", "", _text(text, c)) for c in cells[i:j]]
    if any(_ROW_NAME_COLUMN.search(v) for v in values[:3]):
        # 指标 | 2022年完成 | 2023年目标: an indicator table, each row a name and its values by year
        if sum(bool(_YEAR_VALUE_COLUMN.search(v)) for v in values) >= 1:
            return j
    # Responsibility tables name who is responsible; a run of headings does not.
    if any(_PERSON_COLUMN.search(v) or _UNIT_COLUMN.search(v) for v in values):
        return j
    # A progress table reports on each numbered task beside it (序号 | 工作任务 | 二季度完成情况); a
    # heading that reports (一、目标完成情况) is no column name.
    numbered = any(_NUMBER_COLUMN.search(v) for v in values)
    if numbered and any(_PROGRESS_COLUMN.search(v) for v in values) and not any("、" in v for v in values):
        return j
    # A numbered task table with no owner column (序号 | 项目名称 | 工作标准): each row names a task and
    # the goals set for it, written one row a line between bars.
    if numbered and one_line and any(_ROW_NAME_COLUMN.search(v) for v in values) and any(
            _GOAL_COLUMN.search(v) for v in values):
        return j
    return None


def stream_tables(text: str) -> list[Table]:
    """Every responsibility table laid out as a stream of cells (see the module docstring)."""
    marked = _cells_and_rows(text)
    cells = [cell for cell, _ in marked]
    row_starts = {k: row for k, (_, row) in enumerate(marked) if row}
    tables: list[Table] = []
    i = 0
    while i < len(cells):
        end = _find_header(text, cells, i, row_starts)
        if end is None:
            i += 1
            continue
        names = [re.sub(r"\s+", "", _text(text, c)) for c in cells[i:end]]
        if end < len(cells) and _NUMBER.match(re.sub(r"\s+", "", _text(text, cells[end]))) and not any(
                _NUMBER_COLUMN.search(n) for n in names):
            # Rows opening with their number under a header that names no number column (a flattened
            # table whose 序号 heading was left out): the numbers are a column of their own.
            names = ["序号", *names]
        columns = _Columns(names)
        rows, stop = _rows(text, cells, end, columns, row_starts)
        if rows:
            title = table_title(text, cells[i].start)
            tables.append(Table(cells[i].start, cells[stop - 1].end, title, columns.names, rows))
        i = max(stop, end)
    return tables


def _rows(text: str, cells: list[RawCell], start: int, columns: _Columns,
          row_starts: dict[int, tuple[RawCell | None, ...]] | None = None) -> tuple[list[RawRow], int]:
    numbered = columns.kinds[0] == "number"
    rows: list[RawRow] = []
    current: dict[int, list[RawCell]] = {}
    pointer = 0
    last_number: int | None = None
    j = start
    while j < len(cells):
        cell = cells[j]
        value = _text(text, cell)
        flat = re.sub(r"\s+", "", value)
        if _find_header(text, cells, j, row_starts) is not None:
            break  # the next table (or the header repeated on a new page)
        bar_row = row_starts.get(j, ()) if row_starts else ()
        if len(bar_row) == len(columns.names):
            # A row between bars with a cell for every column, empty ones too: each cell is its
            # column's, whatever it holds.
            _close(rows, current, columns, text)
            current = {k: [c] for k, c in enumerate(bar_row) if c is not None}
            pointer = len(bar_row)
            last_number = _row_number(flat) if numbered and _NUMBER.match(flat) else last_number
            j += len(current)
            continue
        # Rows may start at any number and skip some (a page of a longer table, rows left out).
        # A number in a row still missing two or more cells (序号 | 指标 | 单位 | 2024年目标: 45) is its
        # value, unless it is the next row's number.
        # So is a number where the row's next column holds values (前三年目标 20 | 五年目标 30, then row 14).
        half_empty = (last_number is not None and bool(_NUMBER.match(flat)) and _row_number(flat) != last_number + 1
                      and (len(current) < len(columns.names) - 1
                           or pointer < len(columns.names) and pointer not in current
                           and bool(_VALUE_NAME.search(columns.names[pointer]))))
        if numbered and _NUMBER.match(flat) and not half_empty and (
                last_number is None or last_number < _row_number(flat) <= last_number + 100):
            _close(rows, current, columns, text)
            current, pointer, last_number = {0: [cell]}, 1, _row_number(flat)
            j += 1
            continue
        if numbered and last_number is None:
            break  # rows of a numbered table start with their number
        if not numbered and current and bar_row:
            # A row between bars is whole: the next bar line starts the next row, even with cells left empty.
            _close(rows, current, columns, text)
            current, pointer = {}, 0
        elif not numbered and pointer >= len(columns.names):
            _close(rows, current, columns, text)
            current, pointer = {}, 0
        placed = False
        if pointer > 0 and columns.kinds[pointer - 1] == "person" and columns.accepts(pointer - 1, value):
            current[pointer - 1].append(cell)  # the second name in a person column
            placed = True
        elif pointer < len(columns.names) and columns.accepts(pointer, value) and not (
                columns.kinds[pointer] == "text" and _specific_later(columns, pointer, value)):
            current.setdefault(pointer, []).append(cell)
            pointer += 1
            placed = True
        else:
            # A second name in a person column, or a cell that belongs to a later typed column.
            if pointer > 0 and columns.kinds[pointer - 1] in ("person", "unit") and columns.accepts(pointer - 1, value):
                current[pointer - 1].append(cell)
                placed = True
            else:
                later = next((k for k in range(pointer, len(columns.names))
                              if columns.kinds[k] != "text" and columns.accepts(k, value)), None)
                if later is not None:
                    skipped = range(pointer, later)
                    if (skipped and pointer - 1 in current and columns.kinds[pointer - 1] == "text"
                            and all(columns.kinds[k] == "text" and k not in current for k in skipped)):
                        # A merged leading cell (a category over several rows) is written in the first of
                        # its rows only, so the others' name lands one text column early: it belongs in
                        # the text column next to the typed ones.
                        current[later - 1] = current.pop(pointer - 1)
                    current.setdefault(later, []).append(cell)
                    pointer = later + 1
                    placed = True
                elif pointer > 0 and columns.kinds[pointer - 1] == "text":
                    current[pointer - 1].append(cell)  # the text column's cell went on over two lines
                    placed = True
        if not placed:
            break
        j += 1
    _close(rows, current, columns, text)
    return rows, j


def _specific_later(columns: _Columns, pointer: int, value: str) -> bool:
    """A person's name, or a list of units, arriving while a text column is open belongs to the person
    or unit column after it (a value column left empty between them)."""
    flat = re.sub(r"\s+", "", value)
    if len(flat) <= 4 and any(columns.kinds[k] == "person" and columns.accepts(k, value)
                              for k in range(pointer + 1, len(columns.names))):
        return True
    return is_unit_list(flat) and any(columns.kinds[k] == "unit" for k in range(pointer + 1, len(columns.names)))


def _close(rows: list[RawRow], current: dict[int, list[RawCell]], columns: _Columns, text: str) -> None:
    if not current or all(columns.kinds[k] == "number" for k in current):
        return
    named = [(columns.names[k], RawCell(parts[0].start, parts[-1].end)) for k, parts in sorted(current.items())]
    number = _text(text, current[0][0]).strip() if 0 in current and columns.kinds[0] == "number" else ""
    anchor = min(c.start for _, c in named)
    rows.append(RawRow(named, number=number, anchor=anchor))


__all__ = ["stream_tables"]
