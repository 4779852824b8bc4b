"""Build the whole clause tree of one document: prose and tables."""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from plankg.ingest.cell_line_tables import find_cell_line_tables
from plankg.ingest.cues import cue_regex
from plankg.ingest.layout import chrome_lines, export_artefacts, hard_wraps, page_break_lines, page_number_marks
from plankg.ingest.line_tables import find_line_tables
from plankg.ingest.records import Cell, Clause, Repair, stable_id
from plankg.ingest.segment import OpenSection, ProseSegmenter, SegmentState, paragraphs
from plankg.ingest.spaced_tables import find_spaced_tables
from plankg.ingest.stream_tables import stream_tables
from plankg.ingest.tab_tables import find_tab_tables
from plankg.ingest.tables import Table
from plankg.ingest.textmap import clean_span
from plankg.ingest.unnumbered_tables import find_unnumbered_tables

# Cells shorter than this are read from the row; longer ones also get sentence clauses.
_LONG_CELL = 24
# Column headers of indicator names (lang/zh/cues.toml, [tables]).
_NAME_HEADER = cue_regex(r"<tables.name_columns>")


@functools.lru_cache(maxsize=32)
def noise_spans(text: str) -> tuple[tuple[tuple[int, int], ...], frozenset[int]]:
    """Spans to leave out of clause text, and offsets where a page-number artefact starts a line.

    Segmentation, extraction and entity finding all need them; the cache computes them once
    per document text.
    """
    marks = page_number_marks(text)
    page_lines, page_joins = page_break_lines(text)
    # A hard-wrapped line joins the one before it; the break itself leaves the clause text.
    wraps = [(newline, resume) for newline, resume in hard_wraps(text)]
    wraps += [join for join in page_joins if not any(a <= join[0] < b for a, b in wraps)]
    drops = chrome_lines(text) + marks + export_artefacts(text) + page_lines + wraps
    # A wrap may skip a blank line: the line it resumes on is the one that continues the paragraph.
    resumed_lines = [text.rfind("\n", 0, resume) + 1 for _, resume in wraps]
    return tuple(drops), frozenset([start for start, _ in marks] + resumed_lines)


def build_clauses(doc_id: str, text: str, repairs: Sequence[Repair],
                  warn: Callable[[str], None] | None = None) -> list[Clause]:
    """Every clause of a document, in document order.

    A paragraph the segmenter cannot read (an odd marker, a table without a header) is kept as
    plain sentences and reported through ``warn`` with its offset; the rest is read as usual.
    """
    drops, continuations = noise_spans(text)
    tab_tables = find_tab_tables(text)
    # A tab table's cells are also short lines; do not read the same table twice.
    line_tables = [t for t in find_line_tables(text) if not any(a.start <= t.start < a.end for a in tab_tables)]
    streams = stream_tables(text)
    # Cells between | lines can be read both ways; the reading that places more cells wins.
    line_tables = [t for t in line_tables if not any(_overlap(t, s) and _cells_read(s) > _cells_read(t) for s in streams)]
    unnumbered = [t for t in find_unnumbered_tables(text)
                  if not any(a.start <= t.start < a.end or t.start <= a.start < t.end for a in tab_tables + line_tables)]
    known = tab_tables + line_tables + unnumbered
    # Rows one a line with spaced cells, and indicator tables one cell a line without row numbers:
    # such a reading wins over another that places fewer cells.
    spaced = [t for t in find_spaced_tables(text) + find_cell_line_tables(text)
              if not any(_overlap(t, k) and _cells_read(k) >= _cells_read(t) for k in known)]
    known = [k for k in known if not any(_overlap(k, t) for t in spaced)] + spaced
    cell_streams = [t for t in streams if not any(a.start <= t.start < a.end or t.start <= a.start < t.end
                                                               for a in known)]
    tables = sorted(known + cell_streams, key=lambda t: t.start)
    segmenter = ProseSegmenter(doc_id, text, repairs, drops)
    clauses: list[Clause] = []
    pos = 0
    for table in tables:
        for start, end in paragraphs(text, pos, table.start, drops, continuations):
            _segment(segmenter, start, end, warn)
        clauses.extend(segmenter.clauses)
        segmenter.clauses = []
        clauses.extend(_table_clauses(doc_id, text, table, repairs, drops, segmenter.state.path))
        pos = table.end
    for start, end in paragraphs(text, pos, len(text), drops, continuations):
        _segment(segmenter, start, end, warn)
    clauses.extend(segmenter.clauses)
    return clauses


def _overlap(one: Table, other: Table) -> bool:
    return one.start <= other.start < one.end or other.start <= one.start < other.end


def _cells_read(table: Table) -> tuple[int, int]:
    """How many cells a reading of a table placed in its rows, then how many columns it found.

    A cell carried down to the rows below it (a merged number or owner cell) counts once, so a
    reading that splits one row into two is not the better for it.
    """
    return len({(cell.start, cell.end) for row in table.rows for _, cell in row.cells}), len(table.columns)


def _segment(segmenter: ProseSegmenter, start: int, end: int, warn: Callable[[str], None] | None) -> None:
    emitted = len(segmenter.clauses)
    try:
        segmenter.paragraph(start, end)
    except MemoryError:
        raise  # the file's memory budget: its one line, not a skipped paragraph
    except Exception as exc:  # noqa: BLE001 - one odd paragraph must not lose the document
        del segmenter.clauses[emitted:]
        if warn:
            warn(f"characters {start}-{end}: paragraph read as plain sentences ({type(exc).__name__}: {exc})")
        segmenter.plain_paragraph(start, end)


def _table_clauses(doc_id: str, text: str, table: Table, repairs: Sequence[Repair],
                   drops: Sequence[tuple[int, int]], outer_path: tuple[str, ...]) -> list[Clause]:
    clauses: list[Clause] = []
    for row in table.rows:
        cells = []
        for name, raw in row.cells:
            lines = [clean_span(text, a, b, repairs, drops).text for a, b in _line_spans(text, raw.start, raw.end)]
            value = "\n".join(line for line in lines if line)
            cells.append(Cell(name=name, text=value, start=raw.start, end=raw.end))
        if not cells:
            continue
        # Merged cells carried down from rows above do not widen this row's span.
        own = [c for c in cells if c.start >= row.anchor]
        start = min(c.start for c in own or cells)
        end = max(c.end for c in own or cells)
        row_text = "；".join(f"{c.name}：{c.text.replace(chr(10), ' ')}" for c in cells if c.text)
        path = (*outer_path, table.name, *(p for p in (row.section,) if p))
        row_clause = Clause(
            id=stable_id("cl", doc_id, start, end, "table_row", row.name),
            doc_id=doc_id,
            parent_id=None,
            kind="table_row",
            number=row.number,
            text=row_text,
            start=start,
            end=end,
            section_path=path,
            table=table.name,
            cells=tuple(cells),
        )
        clauses.append(row_clause)
        label = row.name or _task_name(cells)
        # Tables without year columns hold their goals as prose, however short the cell.
        prose_cells = not any(re.search(r"20\d\d", c) for c in table.columns)
        # 序号 | 2022年预期目标 | 责任单位: no column names the indicator, so the year column's cell is
        # a whole statement (地区生产总值增长5.5%左右) and is read as one.
        unnamed = not any(_NAME_HEADER.search(c) for c in table.columns)
        for cell in cells:
            statement = unnamed and cell.text == row.name and re.search(r"20\d\d", cell.name)
            short_goal = (prose_cells or statement) and re.search(r"\d", cell.text) and not re.search(
                r"责任|牵头|单位|部门|领导|序号|编号|时限|期限", cell.name)
            if len(cell.text) < _LONG_CELL and not short_goal:
                continue
            segmenter = ProseSegmenter(doc_id, text, repairs, drops)
            segmenter.state = SegmentState(stack=[OpenSection(0, row_clause.id, f"{label}·{cell.name}")])
            for a, b in _line_spans(text, cell.start, cell.end):
                segmenter.paragraph(a, b)
            clauses.extend(
                Clause(**{**c.__dict__, "section_path": (*path, *c.section_path)}) for c in segmenter.clauses
            )
    return clauses


def _task_name(cells: list[Cell]) -> str:
    named = [c for c in cells if re.search(r"内容|任务|项目|指标|名称", c.name)]
    text = (named[0] if named else cells[0]).text
    return text.replace("★", "").strip().split("\n")[-1][:30]


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        if text[pos:line_end].strip():
            spans.append((pos, line_end))
        pos = line_end + 1
    return spans
