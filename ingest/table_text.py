"""Tables flattened the way the bundled corpus's tables are.

One line per cell starting with a tab, rows separated by an empty line, and an empty line after
the table (so the next paragraph is not read as part of the last cell).
"""
from __future__ import annotations


def cell_text(lines: list[str]) -> str:
    """One cell's text: its non-blank lines joined by newlines, tabs turned into spaces.

    Blank lines and tabs inside a cell would read as a row break or a new cell.
    """
    kept = [line.replace("\t", " ") for text in lines for line in text.split("\n")]
    return "\n".join(line for line in kept if line.strip())


def table_row_text(cells: list[str]) -> str:
    """A table row: each cell on a new line starting with a tab."""
    return "\n".join("\t" + cell for cell in cells)


def table_text(rows: list[str]) -> str:
    """A table: rows separated by an empty line, and an empty line after the last row."""
    return "\n\n".join(rows) + "\n" if rows else ""
