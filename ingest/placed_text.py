"""Text pieces placed on a page (OFD text objects, PDF characters, OCR lines) read in order.

Pieces are grouped into lines by vertical overlap and read left to right. A piece far from the
one before it starts a new cell; a run of lines with several cells under a header row (found by
its words, :func:`plankg.ingest.grid_text.header_index`) is a table, its cells assigned to the
header's columns by position and written by :func:`plankg.ingest.grid_text.grid_text`, so tables
in scans and PDFs come out as rows with named cells. Everything else is running text, one line per line.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from plankg.ingest.grid_text import grid_text, header_index


@dataclass(frozen=True)
class Piece:
    """Text at ``(x, y)`` (top left, y growing downwards) with its box size, in any one unit."""

    x: float
    y: float
    width: float
    height: float
    text: str


@dataclass
class _Line:
    top: float
    bottom: float
    pieces: list[Piece]

    def cells(self, gap: float) -> list[list[Piece]]:
        ordered = sorted(self.pieces, key=lambda p: p.x)
        cells: list[list[Piece]] = [[ordered[0]]]
        for piece in ordered[1:]:
            last = cells[-1][-1]
            if piece.x - (last.x + last.width) > gap:
                cells.append([piece])
            else:
                cells[-1].append(piece)
        return cells


def lines_of(pieces: list[Piece], drop_tall: bool = False) -> list[_Line]:
    """Pieces grouped into lines (a piece joins a line its vertical middle falls in), top to bottom.

    With ``drop_tall`` (OCR), narrow pieces much taller than the text (ruling lines and specks read
    as glyphs) are left out: they would join rows.
    """
    kept = [p for p in pieces if p.text.strip()]
    if not kept:
        return []
    typical = median(p.height for p in kept)
    lines: list[_Line] = []
    if drop_tall:
        kept = [p for p in kept if p.height <= typical * 2.5 or p.width >= p.height * 1.5]
    for piece in sorted(kept, key=lambda p: (p.y, p.x)):
        middle = piece.y + piece.height / 2
        for line in reversed(lines[-3:]):
            if line.top <= middle <= line.bottom:
                line.pieces.append(piece)
                break
        else:
            lines.append(_Line(piece.y, piece.y + piece.height, [piece]))
    return lines


def placed_text(pieces: list[Piece], drop_tall: bool = False) -> str:
    """The page's text in reading order, tables as rows of named cells (see the module docstring).

    Args:
        pieces: The page's text pieces.
        drop_tall: Leave out narrow pieces much taller than the text (OCR noise; see :func:`lines_of`).
    """
    lines = lines_of(pieces, drop_tall)
    if not lines:
        return ""
    size = median(p.height for line in lines for p in line.pieces) or 1.0
    gap = size * 1.5  # more than a character's width apart: a new cell
    line_cells = [line.cells(gap) for line in lines]
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = _table_end(lines, line_cells, i, size)
        if end > i:
            out.append(_table_text(line_cells[i:end]))
            i = end
            continue
        out.append("  ".join(_join(cell) for cell in line_cells[i]))
        i += 1
    return "\n".join(part.rstrip("\n") if not part.endswith("\n\n") else part for part in out) + "\n"


def _join(cell: list[Piece]) -> str:
    text = ""
    for piece in cell:
        # ASCII words keep their space; Chinese characters join.
        if text and text[-1].isascii() and text[-1].isalnum() and piece.text[:1].isascii() and piece.text[:1].isalnum():
            text += " "
        text += piece.text
    return text.strip()


def _table_end(lines: list[_Line], line_cells: list[list[list[Piece]]], start: int, size: float) -> int:
    """End of a table whose header is line ``start`` (``start`` itself when it is no header).

    The table goes on over lines of several cells, and over a one-cell line that is the wrapped
    rest of a cell: close under the line above and not at the table's left edge.
    """
    header = [_join(cell) for cell in line_cells[start]]
    if len(header) < 2 or header_index([header]) != 0:
        return start
    first_column_end = line_cells[start][0][-1].x + line_cells[start][0][-1].width
    end = start + 1
    while end < len(line_cells):
        cells = line_cells[end]
        close = lines[end].top - lines[end - 1].bottom < size * 1.2
        if len(cells) >= 2 or close and cells[0][0].x > first_column_end:
            end += 1
        elif len(cells) == 1 and end + 1 < len(line_cells) and len(line_cells[end + 1]) >= 2:
            end += 1
        else:
            break
    return end if end > start + 1 else start


def _table_text(line_cells: list[list[list[Piece]]]) -> str:
    """Rows under the header, each cell put in the header column nearest to it; wrapped lines join."""
    header_cells = line_cells[0]
    centres = [(cell[0].x + cell[-1].x + cell[-1].width) / 2 for cell in header_cells]
    grid = [[_join(cell) for cell in header_cells]]
    for cells in line_cells[1:]:
        row = [""] * len(header_cells)
        for cell in cells:
            column = _column(cell, centres)
            row[column] = (row[column] + _join(cell)) if row[column] else _join(cell)
        starts_row = bool(row[0]) or sum(bool(c) for c in row) >= 2
        if not starts_row and len(grid) > 1:  # a wrapped cell continues the row above
            for column, text in enumerate(row):
                if text:
                    grid[-1][column] += text
            continue
        grid.append(row)
    return grid_text(grid)


def _column(cell: list[Piece], centres: list[float]) -> int:
    """The header column whose middle is nearest the cell's (cells may be left-aligned, headers centred)."""
    centre = (cell[0].x + cell[-1].x + cell[-1].width) / 2
    return min(range(len(centres)), key=lambda k: abs(centres[k] - centre))
