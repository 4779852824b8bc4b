"""Text a reader produced, with notes on how: which pages came from OCR, how sure it was, and what to check.

Readers return ``str``; one that OCRs pages returns :class:`NotedText`, a ``str`` carrying the
spans of OCR'd text and their confidence. ``read_text`` keeps the notes and adds the reader's name
and timing, and the pipeline turns them into ``Document.ocr``, ``reader`` and ``read_seconds``.
"""
from __future__ import annotations

from collections.abc import Sequence

from plankg.ingest.records import OcrSpan


class NotedText(str):
    """A reader's text with its OCR spans, the reader's name and the seconds reading took."""

    ocr: tuple[OcrSpan, ...]
    reader: str
    seconds: float | None
    notes: tuple[str, ...]

    def __new__(cls, text: str, ocr: Sequence[OcrSpan] = (), reader: str = "",
                seconds: float | None = None, notes: Sequence[str] = ()) -> NotedText:
        noted = super().__new__(cls, text)
        noted.ocr = tuple(ocr)
        noted.reader = reader
        noted.seconds = seconds
        noted.notes = tuple(notes)
        return noted


def join_pages(pages: Sequence[tuple[str, tuple[int, float] | None]], separator: str = "\n",
               notes: Sequence[str] = ()) -> NotedText:
    """Pages joined by ``separator``; a page given ``(number, confidence)`` was read by OCR and gets a span.

    ``notes`` are one-line remarks for the reader's user (numbers OCR was unsure of).

    Carriage returns are dropped here, so offsets never move when ``read_text`` normalises line endings.
    """
    parts: list[str] = []
    spans: list[OcrSpan] = []
    position = 0
    for index, (text, ocr) in enumerate(pages):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if index:
            parts.append(separator)
            position += len(separator)
        if ocr is not None and text:
            spans.append(OcrSpan(position, position + len(text), ocr[0], round(ocr[1], 3)))
        parts.append(text)
        position += len(text)
    return NotedText("".join(parts), spans, notes=notes)


def spans_within(spans: Sequence[OcrSpan], start: int, end: int) -> tuple[OcrSpan, ...]:
    """The spans that fall in ``[start, end)`` of a file's text, clipped and made relative to ``start``."""
    return tuple(OcrSpan(max(s.start, start) - start, min(s.end, end) - start, s.page, s.confidence)
                 for s in spans if s.start < end and start < s.end)


def doubtful_note(page: int, doubtful: Sequence[tuple[str, float]]) -> list[str]:
    """One note naming the numbers OCR was unsure of on a page (none when it was sure of all)."""
    if not doubtful:
        return []
    words = ", ".join(f"'{text}' ({confidence:.2f})" for text, confidence in doubtful[:8])
    more = f" and {len(doubtful) - 8} more" if len(doubtful) > 8 else ""
    return [f"page {page}: OCR was unsure of {words}{more}; check these numbers against the scan"]
