"""The .pdf reader: the text layer, pages joined by newlines; scans OCR'd and tables read by pdf_pages."""
from __future__ import annotations

import io
import logging
from typing import Any

from plankg.ingest import pdf_pages
from plankg.ingest.read_base import ReadLimits, UnreadableInput, short_reason, too_big


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
            pages = list(reader.pages)
        except UnreadableInput:
            raise
        except Exception as exc:  # pypdf raises many types for broken files
            raise UnreadableInput(f"not a valid .pdf ({short_reason(exc)})") from None
        texts = []
        size = 0
        for number, page in enumerate(pages, start=1):
            try:
                texts.append(page.extract_text() or "")
                size += len(texts[-1]) * 3  # at most 3 UTF-8 bytes a character here
                if size > limits.max_unpacked_bytes:
                    raise too_big("the .pdf", size, limits.max_unpacked_bytes)
            except UnreadableInput:
                raise
            except Exception as exc:
                reason = f"cannot read the text of page {number} ({short_reason(exc)})"
                raise UnreadableInput(reason) from None
    finally:
        pypdf_logger.setLevel(saved_level)
    # Scanned pages go to OCR and tables are read from their geometry (pdf_pages).
    return pdf_pages.complete(data, texts, limits)


def _decrypt_without_password(reader: Any) -> bool:
    """Open a PDF encrypted with an empty user password (common for 'no copy' PDFs)."""
    try:
        return bool(reader.decrypt(""))
    except Exception as exc:  # e.g. AES without the cryptography package
        raise UnreadableInput(f"encrypted PDF ({short_reason(exc)})") from None
