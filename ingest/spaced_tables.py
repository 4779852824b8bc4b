"""Tables written one row a line, the cells of each row separated by spaces or tabs.

Two layouts of the genre are read this way:

- a divided-targets table: ``责任单位 | 出口目标 | 引资目标`` (or 区县, 地区 first), each row a unit
  or a district and its numbers, the unit of the numbers stated above the table (``金额单位：万美元``);
- a progress table: ``序号 | 项目 | 责任单位 | 目标任务 | 完成情况 | 完成率 | 备注``, each row a goal and
  what was done against it.

The header is found by its words (a column of owners and at least one column of values), the
header may be split over two lines, and the columns may come in any order. A row's cells are
matched to the columns by what they hold (a row number, a unit or place, a value, a rate, a note),
so a row that leaves a cell empty does not shift the rest. A row without its number under a
numbered header is a sub-item of the row above, which it names as its section. The values columns
take the year the table's title gives (``2002年…目标任务分解表``) and the unit stated above it, so
each row's facts carry both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.ingest.cues import cue_regex
from plankg.ingest.orgnames import ORG_SUFFIX, PLACE_NAME, PLACE_OWNER
from plankg.ingest.tables import MEASURE_COLUMN, NOTE_COLUMN, VALUE_COLUMN, RawCell, RawRow, Table, text_lines

_WS = " \t\u3000\xa0"
_SINGLE = re.compile(r"^[\u4e00-\u9fff]$")
# Column kinds by header words (lang/zh/cues.toml, [tables]).
_NUMBER_COLUMN = cue_regex(r"^(?:<tables.number_columns>)$")
_OWNER_COLUMN = cue_regex(r"<tables.unit_columns>|^(?:<tables.place_columns>)$|责任")
_PERSON_COLUMN = cue_regex(r"<tables.person_columns>")
_RATE_COLUMN = re.compile(r"率|[%％]|比例")
_DEADLINE_COLUMN = cue_regex(r"<tables.deadline_columns>")
_ROW_NAME_COLUMN = cue_regex(r"^(?:<tables.row_name_columns>)")
_HEADER_CELL = re.compile(r"^[\u4e00-\u9fff\dA-Za-z（()）%％\-—~～/、]+$")
# A unit stated for the numbers of a table: 金额单位：万美元, 单位：亿元, （单位：家）.
_STATED_UNIT = re.compile(r"^[（(]?\s*(?:金额|计量|数量)?单位\s*[:：]\s*([^\s）)，,；;]{1,6})\s*[)）]?$")
_YEAR = re.compile(r"(20\d\d)\s*年")
_ROW_NUMBER = re.compile(r"^\d{1,3}[.．、]?$")
# A cell holding a value: a number with at most a short unit or comparator around it (1300人, ≥95%, 10000万).
_VALUE_CELL = re.compile(r"^(?:[约近超≥≤>＞<＜]|不低于|不少于|达到|新增)?[-+]?\d[\d,.]*\s*(?:[%％‰]|[\u4e00-\u9fffA-Za-z/]{0,5})$")
_YEAR_NAME = re.compile(r"^20\d\d\s*年(?:度|底|末)?[\u4e00-\u9fff]{0,8}$")
_PERCENT_CELL = re.compile(r"^\d+(?:\.\d+)?\s*[%％]$")
# A row that totals the table's rows: it names no owner.
_TOTAL = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|全[省市区县]|总数)$")
_END = re.compile(r"^(?:注\s*[:：]|附件|备注\s*[:：]|说明\s*[:：])")
MAX_HEADER_CELL = 16


@dataclass
class _Header:
    """A header's column names and kinds, the unit stated above it and the year of its title."""

    names: list[str]
    kinds: list[str]
    unit: str | None
    title: str
    repeat: int = 1


def find_spaced_tables(text: str) -> list[Table]:
    """Every table written one row a line with cells separated by spaces or tabs."""
    lines = text_lines(text)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        found = _header_at(lines, i)
        if found is None:
            i += 1
            continue
        header, first_row = found
        rows, stop = _rows(text, lines, first_row, header)
        if len(rows) >= 2 or rows and stop >= len(lines):
            tables.append(Table(lines[i][0], lines[stop - 1][1], header.title, header.names, rows))
            i = stop
        else:
            i += 1
    return tables


def _parts(line: str) -> list[str]:
    """A line's cells: split at runs of spaces or tabs; a cell cut after a dash (1- 8月) joins the next."""
    parts = [p for p in re.split(r"[ \t\u3000\xa0]+", line.strip(_WS)) if p]
    joined: list[str] = []
    for n, part in enumerate(parts):
        # A name spaced out to fill its cell's width (万 州 区, 序 号): single characters join up.
        spaced_out = (n > 0 and _SINGLE.match(part) and _SINGLE.match(parts[n - 1]) and joined
                      and _column_kind(joined[-1]) == "text")  # 序 号 街 道: 序号 is whole, 街道 starts anew
        if joined and re.search(r"[-—~～至]$", joined[-1]) or spaced_out:
            joined[-1] += part
        else:
            joined.append(part)
    return joined


def _is_header_line(parts: list[str]) -> bool:
    return (len(parts) >= 3 and all(len(p) <= MAX_HEADER_CELL and _HEADER_CELL.match(p) for p in parts)
            and not any(_is_value_cell(p) or _ROW_NUMBER.match(p) for p in parts))


def _is_value_cell(part: str) -> bool:
    """A cell holding a value; a column named by its year (2025年, 2023年目标) holds none."""
    return bool(_VALUE_CELL.match(part)) and not _YEAR_NAME.match(part)


def _column_kind(name: str) -> str:
    if _NUMBER_COLUMN.search(name):
        return "number"
    if NOTE_COLUMN.search(name):
        return "note"
    if _PERSON_COLUMN.search(name):
        return "person"
    if MEASURE_COLUMN.match(name):
        return "measure"
    if _ROW_NAME_COLUMN.search(name) and not re.search(r"值|目标|完成|20\d\d", name):
        return "text"  # 指标, 项目名称: the indicator, not its value
    if _OWNER_COLUMN.search(name) and not VALUE_COLUMN.search(name):
        return "owner"
    if _DEADLINE_COLUMN.search(name):
        return "deadline"
    if VALUE_COLUMN.search(name):
        return "rate" if _RATE_COLUMN.search(name) else "value"
    return "text"


def _header_at(lines: list[tuple[int, int, str]], i: int) -> tuple[_Header, int] | None:
    """The header starting at line ``i`` (one line, or two stacked ones) and the first row's line."""
    if re.search(r"[|｜]", lines[i][2]):
        return None  # cells between bars keep their empty cells: the stream reader's layout
    names = _parts(lines[i][2])
    # Two columns make a header only as a place or unit and its goal (区县 2024年目标).
    pair = len(names) == 2 and _is_header_line(names * 2) and [_column_kind(n) for n in names] == ["owner", "value"]
    if not (_is_header_line(names) or pair):
        return None
    end = i + 1
    if end < len(lines):
        below = _parts(lines[end][2])
        # A header split over two lines: the second line names the second halves of the last
        # columns (2025年 / 目标), a first cell spanning both lines (责任单位) written once.
        if 1 <= len(below) <= len(names) and (len(below) >= 2 or len(names) >= 3) and all(
                len(p) <= MAX_HEADER_CELL and _HEADER_CELL.match(p) and not _ROW_NUMBER.match(p)
                and _column_kind(p) in ("value", "rate", "text") and not _is_value_cell(p) for p in below) \
                and any(_column_kind(p) in ("value", "rate") for p in below):
            lead = len(names) - len(below)
            names = names[:lead] + [a + b for a, b in zip(names[lead:], below)]
            end += 1
    # A header printed twice side by side (区县 目标 区县 目标): each line holds two rows.
    repeat = 1
    for width in range(2, len(names) // 2 + 1):
        if len(names) % width == 0 and all(names[k] == names[k % width] for k in range(len(names))):
            names, repeat = names[:width], len(names) // width
            break
    kinds = [_column_kind(n) for n in names]
    if not any(k in ("value", "rate") for k in kinds):
        return None
    # Without an owner column, an indicator table: its name column first, every other a value,
    # a measure or a note (指标 | 单位 | 2023年目标 | 2023年完成).
    if "owner" not in kinds and not (_ROW_NAME_COLUMN.search(names[0])
                                     and all(k in ("value", "rate", "measure", "note") for k in kinds[1:])):
        return None
    unit, title = _caption(lines, i)
    year = _YEAR.search(title)
    if year and not any(_YEAR.search(n) for n in names):
        # A table titled for a year (2017年…完成情况表): its value columns are that year's.
        names = [f"{year.group(1)}年{n}" if k in ("value", "rate") else n for n, k in zip(names, kinds)]
    if unit:
        # The unit stated above the table holds for every value column that states none.
        names = [f"{n}（{unit}）" if k == "value" and not re.search(r"[（(]", n) else n
                 for n, k in zip(names, kinds)]
    return _Header(names, kinds, unit, title, repeat), end


def _caption(lines: list[tuple[int, int, str]], i: int) -> tuple[str | None, str]:
    """The unit stated just above a header (金额单位：万美元) and the table's title line above it."""
    unit = None
    title = "表"
    for k in range(i - 1, max(-1, i - 4), -1):
        line = re.sub(r"\s+", "", lines[k][2])
        stated = _STATED_UNIT.match(line)
        if stated and unit is None:
            unit = stated.group(1)
            continue
        title = line[:60]
        break
    return unit, title


def _part_kind(part: str) -> str:
    if _ROW_NUMBER.match(part):
        return "row_number"
    if _PERCENT_CELL.match(part):
        return "percent"
    if _VALUE_CELL.match(part):
        return "value"
    if _TOTAL.match(part):
        return "total"
    if not re.search(r"\d", part) and len(part) <= 20 and (ORG_SUFFIX.search(part) or PLACE_OWNER.fullmatch(part)
                                                             or PLACE_NAME.fullmatch(part)):
        return "owner"
    return "text"


def _accepts(column: str, part: str, kind: str) -> bool:
    if column == "number":
        return kind == "row_number"
    if column == "owner":
        return kind in ("owner", "total")
    if column in ("value", "rate"):
        return kind in ("value", "percent", "row_number")
    if column == "text":
        return kind in ("text", "owner")
    if column == "measure":
        return len(part) <= 6 and not re.search(r"\d", part)
    if column == "person":
        return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", part)) and kind != "owner"
    return True  # note, deadline


def _rows(text: str, lines: list[tuple[int, int, str]], start: int, header: _Header) -> tuple[list[RawRow], int]:
    kinds = header.kinds
    numbered = "number" in kinds
    rows: list[RawRow] = []
    previous: RawRow | None = None
    j = start
    while j < len(lines):
        line_start, _, line = lines[j]
        all_parts = _parts(line)
        if _END.match(line) or _is_header_line(all_parts) or len(all_parts) < 2:
            break
        all_spans = _spans(text, line_start, line, all_parts)
        read = False
        for first, last in _groups(all_parts, kinds, header.repeat):
            parts, spans = all_parts[first:last], all_spans[first:last]
            own_number = numbered and _ROW_NUMBER.match(parts[0]) is not None
            placed = _align(parts, kinds, skip_number=numbered and not own_number)
            if not any(kinds[k] in ("value", "rate") for k in placed):
                continue
            cells = [(header.names[k], RawCell(spans[idx[0]][0], spans[idx[-1]][1]))
                     for k, idx in sorted(placed.items()) if not (kinds[k] == "owner" and _TOTAL.match(parts[idx[0]]))]
            section, number = "", ""
            if own_number:
                number = parts[0].rstrip(".．、")
            elif numbered and previous is not None:
                # A sub-item line under a numbered row: the row above names what it belongs to.
                number = previous.number
                section = previous.name
            name = next((parts[idx[0]] if len(idx) == 1 else " ".join(parts[i] for i in idx)
                         for k, idx in sorted(placed.items()) if kinds[k] == "text"), "")
            row = RawRow(cells, section=section, number=number, name=name, anchor=cells[0][1].start if cells else -1)
            if cells:
                read = True
                rows.append(row)
                if own_number or previous is None:
                    previous = row
        if not read:
            break
        j += 1
    return rows, j


def _groups(parts: list[str], kinds: list[str], repeat: int) -> list[tuple[int, int]]:
    """Where each row of a line starts and ends: the whole line, or, under a header printed two
    (or more) times side by side (区县 | 目标 | 区县 | 目标), one row for each copy. A row of such a
    line starts at each owner or row number when the copy opens with one, else every ``width`` cells."""
    if repeat <= 1:
        return [(0, len(parts))]
    width = len(kinds)
    if kinds[0] in ("owner", "number"):
        opening = "owner" if kinds[0] == "owner" else "row_number"
        starts = [n for n, p in enumerate(parts) if _part_kind(p) in (opening, "total") or kinds[0] == "owner"
                  and n > 0 and _part_kind(p) == "text" and _part_kind(parts[n - 1]) in ("value", "percent")]
        if starts and starts[0] == 0:
            return list(zip(starts, [*starts[1:], len(parts)]))
    return [(n, min(n + width, len(parts))) for n in range(0, len(parts), width)]


def _spans(text: str, line_start: int, line: str, parts: list[str]) -> list[tuple[int, int]]:
    """Each part's span in the document (a joined part spans the gap it was cut at)."""
    spans = []
    offset = 0
    for part in parts:
        at = line.find(part[0], offset)
        # A joined part (1- 8月, 东 湖 区) was written with gaps inside: its span runs to its last character.
        end = at
        for char in part:
            end = line.find(char, end) + 1
        spans.append((line_start + at, line_start + end))
        offset = end
    return spans


def _align(parts: list[str], kinds: list[str], skip_number: bool) -> dict[int, list[int]]:
    """Which column each part of a row goes to: in order, each to the first column from the current
    one that takes what it holds, a note column only when no other does. A text part that only a
    note would take goes on the text cell before it (a name written in two parts: 项目 | 子项目)."""
    placed: dict[int, list[int]] = {}
    column = 1 if skip_number and kinds[0] == "number" else 0
    first_value: str | None = None
    for n, part in enumerate(parts):
        kind = _part_kind(part)
        target = None
        for k in range(column, len(kinds)):
            if kinds[k] == "note":
                continue
            if kind == "percent" and kinds[k] == "value" and first_value is not None \
                    and not _PERCENT_CELL.match(first_value) and "rate" in kinds[k:]:
                continue  # the rate of a goal counted in units (2所 … 70%) is the rate column's
            if _accepts(kinds[k], part, kind) or kinds[k] == "owner" and k - 1 in placed and kind == "text" \
                    and re.fullmatch(r"[\u4e00-\u9fff]{2,6}", part):
                # A short name where the owners stand (残联, 区实事办) is the row's owner, whatever its ending.
                target = k
                break
        after_text = column > 0 and kinds[column - 1] == "text" and (column - 1) in placed
        if target is None and kind == "text" and after_text:
            placed[column - 1].append(n)
            continue
        if target is None:
            target = next((k for k in range(column, len(kinds)) if kinds[k] == "note"), None)
        if target is None:
            last = max(placed) if placed else None
            if last is not None and kinds[last] in ("text", "note"):
                placed[last].append(n)
            continue
        if kinds[target] == "value" and first_value is None:
            first_value = part
        placed.setdefault(target, []).append(n)
        column = target + 1
    return placed


__all__ = ["find_spaced_tables"]
