"""What the text layer of a PDF leaves out: scanned pages (OCR) and tables (rows with named cells).

``format_pdf`` reads the text layer with pypdf; :func:`complete` then looks at each page with
pypdfium2 (PDFium, in the wheel): a page without text is rendered and read by OCR
(:mod:`plankg.ingest.ocr`), and a page whose text segments line up under a table header is read
from their positions (:mod:`plankg.ingest.placed_text`), so its table comes out as rows with named
cells while its running text stays as lines. Bounded: at most :data:`MAX_PAGES` pages are looked
at, a page is rendered at :data:`OCR_DPI` or less so it stays under ``ocr.MAX_PIXELS``, at most
``ocr.MAX_PAGES`` pages are OCR'd, each within ``ocr.PAGE_SECONDS``.
"""
from __future__ import annotations

from typing import Any

from plankg.ingest import ocr
from plankg.ingest.placed_text import Piece, placed_text
from plankg.ingest.read_base import ReadLimits, UnreadableInput, short_reason
from plankg.ingest.read_notes import NotedText, doubtful_note, join_pages

#: Pages of one PDF looked at for tables or a missing text layer.
MAX_PAGES = 2000
#: Resolution scanned pages are rendered at for OCR (docs/formats.md: best accuracy per second).
OCR_DPI = 300
_MIN_DPI = 72
#: A page whose text layer has fewer characters than this is read by OCR.
MIN_TEXT_CHARS = 10
_MAX_SEGMENTS = 20_000


def complete(data: bytes, texts: list[str], limits: ReadLimits = ReadLimits()) -> NotedText:
    """The PDF's text, pages joined by newlines: text-layer pages as read, tables and scans read anew.

    Args:
        data: The PDF.
        texts: pypdf's text of each page.
        limits: The file's limits.
    """
    if len(texts) > MAX_PAGES:
        raise UnreadableInput(f"too many pages ({len(texts):,} > {MAX_PAGES:,})")
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except Exception as exc:  # PDFium refuses what pypdf repaired: keep the text layer as read
        if not any(len(t.strip()) >= MIN_TEXT_CHARS for t in texts):
            raise UnreadableInput(f"PDF has no text layer and cannot be rendered ({short_reason(exc)})") from None
        return NotedText("\n".join(texts))
    try:
        pages: list[tuple[str, tuple[int, float] | None]] = []
        notes: list[str] = []
        scanned = 0
        for index, text in enumerate(texts):
            page = document[index] if index < len(document) else None
            if page is None:
                pages.append((text, None))
            elif len("".join(text.split())) < MIN_TEXT_CHARS:
                scanned += 1
                if scanned > ocr.MAX_PAGES:
                    raise UnreadableInput(f"too many scanned pages to OCR (more than {ocr.MAX_PAGES})")
                read = ocr.ocr_image(render(page, OCR_DPI), ocr.PAGE_SECONDS)
                pages.append((read.text, (index + 1, read.confidence)))
                notes.extend(doubtful_note(index + 1, read.doubtful))
            else:
                pages.append((_with_tables(page, text), None))
    finally:
        document.close()
    if not any(len(text.strip()) for text, _ in pages):
        raise UnreadableInput("PDF has no text, and OCR found none on its pages")
    return join_pages(pages, notes=notes)


def render(page: Any, dpi: int = OCR_DPI) -> Any:
    """A page as a greyscale Pillow image at ``dpi``, lower when the page is so large it would pass the limit."""
    width, height = page.get_size()  # points
    scale = dpi / 72
    while width * height * scale * scale > ocr.MAX_PIXELS:
        scale *= 0.8
        if scale * 72 < _MIN_DPI:
            ocr.check_pixels(width * _MIN_DPI / 72, height * _MIN_DPI / 72)
            break
    try:
        bitmap = page.render(scale=scale, grayscale=True)
        return bitmap.to_pil()
    except Exception as exc:
        raise UnreadableInput(f"cannot render a scanned page ({short_reason(exc)})") from None


def _with_tables(page: Any, text: str) -> str:
    """The page read from its text segments' positions when they hold a table, else pypdf's text."""
    try:
        pieces = _segments(page)
    except Exception:  # noqa: BLE001 - geometry is a bonus; the text layer stays
        return text
    if not pieces:
        return text
    placed = placed_text(pieces)
    return placed if "\n\t" in placed or placed.startswith("\t") else text


def _segments(page: Any) -> list[Piece]:
    """The page's text runs (PDFium's rectangles) as pieces, y downwards from the top."""
    textpage = page.get_textpage()
    try:
        _, height = page.get_size()
        count = min(textpage.count_rects(), _MAX_SEGMENTS)
        pieces = []
        for index in range(count):
            left, bottom, right, top = textpage.get_rect(index)
            content = textpage.get_text_bounded(left, bottom, right, top).strip()
            if content:
                pieces.append(Piece(left, height - top, right - left, top - bottom, content))
        return pieces
    finally:
        textpage.close()
