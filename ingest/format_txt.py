"""The plain-text reader: .txt, .text and .md files, decoded as they are."""
from __future__ import annotations

from plankg.ingest.decoding import decode_text
from plankg.ingest.read_base import ReadLimits


def read(data: bytes, limits: ReadLimits = ReadLimits()) -> str:
    """The decoded text (byte order mark removed, newlines untouched)."""
    return decode_text(data)
