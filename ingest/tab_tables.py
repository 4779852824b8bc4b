"""Tables whose cells start on a new line with a tab, the layout docx exports give."""
from __future__ import annotations

import re

from plankg.ingest.owners import column_role
from plankg.ingest.tables import ROW_NUMBER, SECTION, RawCell, RawRow, Table, clean_cell, header_name, table_title


def find_tab_tables(text: str) -> list[Table]:
    """Tables whose cells start on a new line with a tab (the layout docx exports give)."""
    tables = []
    pos = 0
    while True:
        first = re.search(r"(?m)^\t", text[pos:])
        if not first:
            break
        start = pos + first.start()
        end = _tab_region_end(text, start)
        table = _parse_tab_region(text, start, end)
        if table is not None:
            tables.append(table)
        pos = end
    return tables


def _tab_region_end(text: str, start: int) -> int:
    """A tab table runs to its last tab-started line plus that cell's continuation lines."""
    last_tab = start
    for match in re.finditer(r"(?m)^\t", text[start:]):
        candidate = start + match.start()
        # Two blank lines followed by prose end the table.
        between = text[last_tab:candidate]
        if re.search(r"\n\s*\n\s*\n[^\t\n]", between) and last_tab != start:
            break
        last_tab = candidate
    blank = text.find("\n\n", last_tab)
    return len(text) if blank < 0 else blank


def _cells(text: str, start: int, end: int) -> list[RawCell]:
    starts = [m.start() + 1 for m in re.finditer(r"(?m)^\t", text[start:end])]
    cells = []
    for i, s in enumerate(starts):
        e = starts[i + 1] - 1 if i + 1 < len(starts) else end - start
        a, b = start + s, start + e
        while b > a and text[b - 1] in "\n\t ":
            b -= 1
        cells.append(RawCell(a, b))
    return cells


def _parse_tab_region(text: str, start: int, end: int) -> Table | None:
    cells = _cells(text, start, end)
    header: list[RawCell] = []
    rows: list[RawRow] = []
    section = ""
    last_number = 0
    current: RawRow | None = None
    for cell in cells:
        content = text[cell.start : cell.end]
        number = ROW_NUMBER.match(content)
        section_match = SECTION.match(content)
        if number and int(number.group(1)) in (1, last_number + 1) and (current or header):
            last_number = int(number.group(1))
            current = RawRow([], section=section, number=number.group(1), anchor=cell.start)
            rows.append(current)
            current.cells.append(("", cell))
        elif section_match and not content.strip().count("\n"):
            section = clean_cell(content)
            current = None
        elif current is not None:
            current.cells.append(("", cell))
        else:
            header.append(cell)
    if not rows:
        return None
    columns = _tab_columns(text, header, max(len(r.cells) for r in rows))
    for row in rows:
        row.cells = [(columns[i] if i < len(columns) else f"列{i + 1}", c) for i, (_, c) in enumerate(row.cells)]
    _carry_owner_cells(text, rows)
    title = table_title(text, start)
    return Table(start, end, title, columns, rows)


def _tab_columns(text: str, header: list[RawCell], width: int) -> list[str]:
    """Column names from one or two header rows (a spanning cell over sub-columns)."""
    header_rows: list[list[str]] = [[]]
    for i, cell in enumerate(header):
        if i and "\n\n" in text[header[i - 1].end : cell.start + 1]:
            header_rows.append([])
        header_rows[-1].append(header_name(text[cell.start : cell.end]))
    header_rows = [r for r in header_rows if r]
    if not header_rows:
        return [f"列{i + 1}" for i in range(width)]
    base = max(header_rows, key=len)
    upper = next((r for r in header_rows if r is not base), None)
    if upper is None:
        return base + [f"列{i + 1}" for i in range(len(base), width)]
    names, j, in_span = [], 0, False
    for sub in base:
        if sub:
            names.append(f"{upper[j] if j < len(upper) else ''}{sub}")
            in_span = True
            continue
        if in_span:
            j += 1
            in_span = False
        names.append(upper[j] if j < len(upper) else "")
        j += 1
    return names + [f"列{i + 1}" for i in range(len(names), width)]


def _carry_owner_cells(text: str, rows: list[RawRow]) -> None:
    """An owner cell merged over several rows is empty below its first row: it owns those rows too.

    Every task of a responsibility table has its lead, so an empty 牵头单位 cell under a filled one (in
    the same section) is the merged cell's continuation, as .docx and HTML tables write it.
    """
    above: dict[str, RawCell] = {}
    section = None
    for row in rows:
        if row.section != section:
            above, section = {}, row.section
        for k, (name, cell) in enumerate(row.cells):
            if column_role(name) in (None, "people"):
                continue
            if text[cell.start : cell.end].strip():
                above[name] = cell
            elif name in above:
                row.cells[k] = (name, above[name])
