"""Text a reader produced, with notes on how: which pages came from OCR and how sure it was.

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

    def __new__(cls, text: str, ocr: Sequence[OcrSpan] = (), reader: str = "",
                seconds: float | None = None) -> NotedText:
        noted = super().__new__(cls, text)
        noted.ocr = tuple(ocr)
        noted.reader = reader
        noted.seconds = seconds
        return noted


def join_pages(pages: Sequence[tuple[str, tuple[int, float] | None]], separator: str = "\n") -> NotedText:
    """Pages joined by ``separator``; a page given ``(number, confidence)`` was read by OCR and gets a span.

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
    return NotedText("".join(parts), spans)


def spans_within(spans: Sequence[OcrSpan], start: int, end: int) -> tuple[OcrSpan, ...]:
    """The spans that fall in ``[start, end)`` of a file's text, clipped and made relative to ``start``."""
    return tuple(OcrSpan(max(s.start, start) - start, min(s.end, end) - start, s.page, s.confidence)
                 for s in spans if s.start < end and start < s.end)
