"""The .docx reader: body paragraphs and tables in document order (tables flattened).

The package is unpacked in chunks under ``ReadLimits.max_unpacked_bytes`` before python-docx
parses it, so a zip bomb stops at the limit.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from plankg.ingest.decoding import OLE_MAGIC
from plankg.ingest.read_base import ReadLimits, UnreadableInput, check_zip_unpacked, out_of_memory, short_reason
from plankg.ingest.table_text import cell_text, table_row_text, table_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text is not body text: deleted runs, field codes, note marks, text boxes
# (drawn apart from the flow; their mc:Fallback copy would duplicate them), properties.
_DOCX_SKIP = {
    _W + "delText", _W + "instrText", _W + "txbxContent", _W + "pPr", _W + "rPr",
    _W + "footnoteReference", _W + "endnoteReference", _W + "commentReference", _MC_FALLBACK,
}
_DOCX_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"}


def read(data: bytes, limits: ReadLimits = ReadLimits()) -> str:
    """Body text of a .docx: paragraphs and tables in document order (tables flattened)."""
    if data.startswith(OLE_MAGIC):
        raise UnreadableInput("not a valid .docx (old binary .doc format; save it as .docx)")
    if not data.startswith(b"PK"):
        raise UnreadableInput("not a valid .docx (not a zip package)")
    _check_word_package(data, limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # python-docx/zipfile/lxml raise many types for broken packages
        if out_of_memory(exc):  # within the file's memory budget (plankg.ingest.sandbox) it is not broken
            raise MemoryError(short_reason(exc)) from None
        raise UnreadableInput(f"not a valid .docx ({short_reason(exc)})") from None
    return "\n".join(_docx_blocks(body))


def _check_word_package(data: bytes, limits: ReadLimits) -> None:
    """Refuse a broken zip, a zip bomb or another Office format with a reason a user can act on."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            check_zip_unpacked(package, limits.max_unpacked_bytes, "the .docx", limits.max_docx_elements)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UnreadableInput(f"not a valid .docx ({short_reason(exc)})") from None
    if "xl/workbook.xml" in names:
        raise UnreadableInput("not a valid .docx (an Excel workbook; copy the table into a .docx)")
    if "ppt/presentation.xml" in names:
        raise UnreadableInput("not a valid .docx (a PowerPoint file)")
    if not any(name.startswith("word/") for name in names):
        raise UnreadableInput("not a valid .docx (the zip package holds no Word document)")


def _docx_children(element: Any, local_name: str) -> Iterator[Any]:
    """Children named ``w:<local_name>``, looking through content-control wrappers."""
    for child in element:
        if child.tag == _W + local_name:
            yield child
        elif child.tag in _DOCX_WRAPPERS:
            yield from _docx_children(child, local_name)


def _docx_blocks(container: Any) -> Iterator[str]:
    for child in container:
        if child.tag == _W + "p":
            yield _docx_paragraph_text(child)
        elif child.tag == _W + "tbl":
            yield _docx_table_text(child)
        elif child.tag in _DOCX_WRAPPERS:
            yield from _docx_blocks(child)


def _docx_paragraph_text(paragraph: Any) -> str:
    """Text of a ``w:p``, including inserted (tracked) runs, hyperlinks and field results."""
    parts: list[str] = []
    _collect_runs(paragraph, parts)
    return "".join(parts)


def _collect_runs(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append("\t")
        elif tag == _W + "br":
            if child.get(_W + "type") not in ("page", "column"):
                parts.append("\n")
        elif tag == _W + "cr":
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag not in _DOCX_SKIP and len(child):
            _collect_runs(child, parts)


def _docx_table_text(table: Any) -> str:
    rows = []
    for row in _docx_children(table, "tr"):
        # Each w:tc once: a horizontally merged cell is one w:tc; a vertically merged one
        # continues as an (empty) w:tc in the rows below, as in the bundled corpus.
        cells = [_docx_cell_text(cell) for cell in _docx_children(row, "tc")]
        if cells:
            rows.append(table_row_text(cells))
    return table_text(rows)


def _docx_cell_text(cell: Any) -> str:
    lines: list[str] = []
    for child in _docx_block_elements(cell):
        if child.tag == _W + "p":
            lines.append(_docx_paragraph_text(child))
        else:  # a nested table: its cells one per line
            for row in _docx_children(child, "tr"):
                lines.extend(_docx_cell_text(inner) for inner in _docx_children(row, "tc"))
    return cell_text(lines)


def _docx_block_elements(container: Any) -> Iterator[Any]:
    for child in container:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in _DOCX_WRAPPERS:
            yield from _docx_block_elements(child)
