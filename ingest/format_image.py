"""The image reader (.png, .jpg/.jpeg, .tif/.tiff, .bmp): every page read by OCR (:mod:`plankg.ingest.ocr`).

The image's size is checked from its header before any pixel is decoded; a multi-page TIFF is
read page by page. All the text is marked ``ocr`` with each page's confidence.
"""
from __future__ import annotations

from plankg.ingest import ocr
from plankg.ingest.read_base import ReadLimits, UnreadableInput
from plankg.ingest.read_notes import NotedText, doubtful_note, join_pages


def read(data: bytes, limits: ReadLimits = ReadLimits()) -> NotedText:
    """The text OCR finds on every page of the image, pages joined by newlines."""
    image = ocr.open_image(data)
    try:
        frames = ocr.image_frames(image)
    except UnreadableInput:
        raise
    except Exception as exc:  # a truncated or corrupt frame
        raise UnreadableInput(f"not a readable image ({type(exc).__name__}: {exc})") from None
    pages: list[tuple[str, tuple[int, float] | None]] = []
    notes: list[str] = []
    for number, frame in enumerate(frames, start=1):
        try:
            read_page = ocr.ocr_image(frame, ocr.PAGE_SECONDS)
        except OSError as exc:  # Pillow decodes lazily: a truncated file fails here
            raise UnreadableInput(f"not a readable image (page {number}: {exc})") from None
        pages.append((read_page.text, (number, read_page.confidence)))
        notes.extend(doubtful_note(number, read_page.doubtful))
    return join_pages(pages, notes=notes)
