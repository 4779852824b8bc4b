"""The CLI's one output renderer: rows (dicts) as an aligned table, JSON, JSON Lines or CSV.

Output is inert: document text and file names can hold terminal escape sequences (which can
retitle a window, rewrite the screen or plant a link) and other control characters. Every command
writes through :func:`inert_output`, which shows them as U+FFFD; JSON keeps them as ``\\u`` escapes.
"""
from __future__ import annotations

import contextlib
import csv
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from typing import Any, TextIO

from plankg.ontology.namespaces import PREFIXES

FORMATS = ("table", "json", "jsonl", "csv")
#: Table cells longer than this are cut (the full value is in json/csv).
CELL_COLUMNS = 80


def write_rows(rows: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    """Write rows in ``fmt`` (``table`` | ``json`` | ``jsonl`` | ``csv``) to ``out``."""
    if fmt == "json":
        out.write(_escape_c1(json.dumps(rows, ensure_ascii=False, indent=2, default=str)) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(_escape_c1(json.dumps(row, ensure_ascii=False, default=str)) + "\n")
    elif fmt == "csv":
        columns = _columns(rows)
        writer = csv.writer(out, lineterminator="\n")  # "\r" would show as U+FFFD on the inert stream
        writer.writerow([printable(c) for c in columns])
        for row in rows:
            writer.writerow([printable(str(_flat(row.get(c)))) for c in columns])
    elif fmt == "table":
        _write_table(rows, out)
    else:
        raise ValueError(f"output format {fmt!r}: use one of {', '.join(FORMATS)}")


def write_json(value: Any, out: TextIO) -> None:
    """Pretty JSON with Chinese kept readable (control characters as ``\\u`` escapes)."""
    out.write(_escape_c1(json.dumps(value, ensure_ascii=False, indent=2, default=str)) + "\n")


def clip(text: str, columns: int) -> str:
    """Cut ``text`` to ``columns`` terminal columns (CJK characters take two)."""
    used = 0
    for i, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > columns:
            return text[:i] + "…"
    return text


def width(text: str) -> int:
    """Terminal columns ``text`` takes (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def compact_iri(value: Any) -> Any:
    """``https://w3id.org/plankg/ontology#Target`` -> ``plankg:Target`` for display."""
    if not isinstance(value, str) or "://" not in value:
        return value

    best, name = "", ""
    for prefix, iri in PREFIXES.items():
        if value.startswith(iri) and len(iri) > len(best):
            best, name = iri, prefix
    if not best:
        return value
    local = value[len(best):]
    return f"{name}:{local}" if local and all(c.isalnum() or c in "_-./" for c in local) else f"<{value}>"


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def _flat(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _write_table(rows: list[dict[str, Any]], out: TextIO) -> None:
    columns = _columns(rows)
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([width(c)] + [width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    if columns:
        out.write("  ".join(_pad(c, w) for c, w in zip(columns, widths)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(_pad(v, w) for v, w in zip(row, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


# C0 and C1 control characters (ESC and CSI start terminal escape sequences; CR rewrites the line)
# except tab and newline, and the bidirectional overrides that reorder what a line shows.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What json.dumps(ensure_ascii=False) writes raw of those: DEL, C1 and the overrides.
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters shown as U+FFFD, so a document cannot drive the terminal."""
    return _CONTROL.sub("\ufffd", text)


class InertStream:
    """A text stream that passes everything on through :func:`printable`.

    Args:
        stream: Where the text goes (``sys.stdout``, ``sys.stderr``).

    Attributes:
        raw_stream: The stream itself, for the program's own control sequences (a progress line
            redrawn in place) and nothing that comes from a document.
    """

    def __init__(self, stream: TextIO) -> None:
        self.raw_stream = stream

    def write(self, text: str) -> int:
        self.raw_stream.write(printable(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw_stream, name)  # flush, isatty, encoding, fileno...


def raw_stream(stream: Any) -> Any:
    """The stream under an :class:`InertStream` (``stream`` itself otherwise)."""
    return getattr(stream, "raw_stream", stream)


@contextlib.contextmanager
def inert_output() -> Iterator[None]:
    """Send standard output and standard error through :class:`InertStream` inside the block."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = InertStream(sys.stdout), InertStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # a closed pipe: nothing more to say
            sys.stdout.flush()
        sys.stdout, sys.stderr = saved


def _escape_c1(text: str) -> str:
    # json escapes C0 characters itself; DEL, C1 and the bidirectional overrides it writes raw.
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = printable(str(compact_iri(_flat(value))).replace("\n", " ").replace("\t", " "))
    return text if width(text) <= CELL_COLUMNS else clip(text, CELL_COLUMNS - 1)


def _pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))
