"""The .pdf reader: the text layer, pages joined by newlines; scans OCR'd and tables read by pdf_pages.

The parser's cost grows with pages and with operators per page, neither of which the file's size
bounds (pages can share one content stream; a few KB of deflated stream can hold millions of
operators). Both are counted before the parser reads a page: the page count from the page tree,
each page's operators on its decoded content bytes.
"""
from __future__ import annotations

import io
import logging
import re
from typing import Any

from plankg.ingest import pdf_pages
from plankg.ingest.read_base import ReadLimits, UnreadableInput, count_up_to, short_reason, too_big, too_many

# What the parser would skip or read as one token is taken out before operators are counted: inline
# image data (binary) and literal strings (their words are text, not operators).
_IMAGE_DATA = re.compile(rb"(?<![A-Za-z])ID\s")
_LITERAL_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)", re.S)
# An operator: a run of letters (and ' " *) standing on its own, not a /Name or part of a number.
_OPERATOR = re.compile(rb"(?<![^\s\[\]()<>{}])[A-Za-z'\"][A-Za-z*'\"0-9]{0,2}(?=[\s\[\]()<>{}/%]|$)")


def read(data: bytes, limits: ReadLimits = ReadLimits()) -> str:
    """Text layer of a PDF, pages joined by newlines (stops past ``limits.max_unpacked_bytes``)."""
    if b"%PDF-" not in data[:1024]:
        raise UnreadableInput("not a valid .pdf (no %PDF header)")
    import pypdf

    pypdf_logger = logging.getLogger("pypdf")
    saved_level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)  # repairs of sloppy PDFs are logged as warnings
    try:
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _decrypt_without_password(reader):
                raise UnreadableInput("encrypted PDF (needs a password)")
            _check_page_count(_declared_page_count(reader), limits)  # before pypdf walks the page tree
            pages = list(reader.pages)
            _check_page_count(len(pages), limits)  # the pages found, in case /Count lied
        except (UnreadableInput, MemoryError):  # past the memory budget the file is not broken
            raise
        except Exception as exc:  # pypdf raises many types for broken files
            raise UnreadableInput(f"not a valid .pdf ({short_reason(exc)})") from None
        texts = []
        size = 0
        for number, page in enumerate(pages, start=1):
            try:
                _check_page_operators(page, number, limits)
                texts.append(page.extract_text() or "")
                size += len(texts[-1]) * 3  # at most 3 UTF-8 bytes a character here
                if size > limits.max_unpacked_bytes:
                    raise too_big("the .pdf", size, limits.max_unpacked_bytes)
            except (UnreadableInput, MemoryError):
                raise
            except Exception as exc:
                reason = f"cannot read the text of page {number} ({short_reason(exc)})"
                raise UnreadableInput(reason) from None
    finally:
        pypdf_logger.setLevel(saved_level)
    # Scanned pages go to OCR and tables are read from their geometry (pdf_pages).
    return pdf_pages.complete(data, texts, limits)


def _declared_page_count(reader: Any) -> int:
    """The page tree's own ``/Count`` (0 when missing or not a number; the pages are counted again)."""
    try:
        return int(reader.root_object["/Pages"]["/Count"])
    except Exception:  # noqa: BLE001 - a broken tree is pypdf's to report when it reads the pages
        return 0


def _check_page_count(count: int, limits: ReadLimits) -> None:
    if count > limits.max_pdf_pages:
        raise too_many("the .pdf", count, limits.max_pdf_pages, "max_pdf_pages", "pages")


def _check_page_operators(page: Any, number: int, limits: ReadLimits) -> None:
    """Refuse a page whose content holds more operators than the budget, before it is parsed."""
    contents = page.get_contents()
    if contents is None:
        return
    operators = count_operators(contents.get_data(), limits.max_pdf_page_operators)
    if operators > limits.max_pdf_page_operators:
        raise too_many(f"page {number} of the .pdf", operators, limits.max_pdf_page_operators,
                       "max_pdf_page_operators", "drawing operators")


def count_operators(data: bytes, limit: int) -> int:
    """Operators in decoded content-stream bytes as the parser would find them, counted up to ``limit + 1``."""
    return count_up_to(_OPERATOR, _LITERAL_STRING.sub(b"()", _without_image_data(data)), limit)


def _without_image_data(data: bytes) -> bytes:
    """``data`` without the binary data of inline images (``ID ... EI``), in one forward pass."""
    pieces, position = [], 0
    while match := _IMAGE_DATA.search(data, position):
        end = data.find(b"EI", match.end())
        pieces.append(data[position:match.start()])
        position = len(data) if end < 0 else end + 2
    pieces.append(data[position:])
    return b" ".join(pieces)


def _decrypt_without_password(reader: Any) -> bool:
    """Open a PDF encrypted with an empty user password (common for 'no copy' PDFs)."""
    try:
        return bool(reader.decrypt(""))
    except Exception as exc:  # e.g. AES without the cryptography package
        raise UnreadableInput(f"encrypted PDF ({short_reason(exc)})") from None
