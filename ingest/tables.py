"""Tables flattened to text: the records every table layout gives, and helpers they share.

Each layout is read by a module of its own: tab-separated cells (``tab_tables``, docx exports), one
cell per line under a 序号 header (``line_tables``) or without one (``unnumbered_tables`` with an owner
column, ``cell_line_tables`` for indicator tables), cells in a stream of lines with people and
deadlines (``stream_tables``), and one row a line with spaced cells (``spaced_tables``: goals
divided among districts, progress and indicator tables). All become ``table_row`` clauses with named cells. Column names are the header
text as written (``2021年目标``, ``责任单位``), so extraction reads years and roles from them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from plankg.ingest.cues import cue_regex

# A row number cell (12) and a section cell (三、科技创新) of a flattened table.
ROW_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
SECTION = re.compile(r"^\s*([一二三四五六七八九十]{1,3})、\S")
# Column kinds shared by the table readers, by their header words (lang/zh/cues.toml, [tables]).
VALUE_COLUMN = cue_regex(r"<tables.year_value_columns>|<tables.value_columns>|^20\d\d\s*年")
MEASURE_COLUMN = re.compile(r"^(?:计量)?单位$")
NOTE_COLUMN = re.compile(r"^(?:备注|说明|附注)$")


@dataclass
class RawCell:
    """A cell's span in the document text."""

    start: int
    end: int


@dataclass
class RawRow:
    """One table row before naming: the cells and the section it sits in."""

    cells: list[tuple[str, RawCell]]
    section: str = ""
    number: str = ""
    name: str = ""
    anchor: int = -1  # where the row's own cells begin (carried-down cells lie before it)


@dataclass
class Table:
    """A table found in a document: its span, name and rows."""

    start: int
    end: int
    name: str
    columns: list[str]
    rows: list[RawRow] = field(default_factory=list)


def clean_cell(text: str) -> str:
    """A cell's text without any whitespace (cells wrap mid-word)."""
    return re.sub(r"\s+", "", text)


def header_name(raw: str) -> str:
    """A column name: the header cell without spaces and without a bracketed note."""
    name = clean_cell(raw)
    return re.sub(r"[（(][^）)]*[）)]", "", name) or name


def table_title(text: str, start: int) -> str:
    """A table's name: the last non-empty line before it."""
    lines = [ln.strip() for ln in text[max(0, start - 300) : start].split("\n") if ln.strip()]
    return lines[-1][:60] if lines else "表"


def text_lines(text: str, strip: str = " \t\u3000\xa0") -> list[tuple[int, int, str]]:
    """The non-blank lines of ``text`` as (start, end, text) with ``strip`` taken off both ends."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip(strip)
        if stripped:
            lead = len(line) - len(line.lstrip(strip))
            out.append((pos + lead, pos + lead + len(stripped), stripped))
        pos += len(line) + 1
    return out
