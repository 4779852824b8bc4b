"""The plain-text reader: .txt, .text and .md files, decoded as they are.

A page saved as text sometimes keeps its markup (``<p style=...><span>到2027年...</span>``): text
that is mostly HTML tags is read through the HTML reader, so the plan's words come out and the
styles do not.
"""
from __future__ import annotations

import re

from plankg.ingest import format_html
from plankg.ingest.decoding import decode_text
from plankg.ingest.read_base import ReadLimits

_TAG = re.compile(r"</?(?:p|span|div|br|td|tr|table|strong|font|section|img|a)\b[^>]*>", re.I)
#: Tags per 1,000 characters above which a text file is a saved web page.
MARKUP_DENSITY = 3.0


def read(data: bytes, limits: ReadLimits = ReadLimits()) -> str:
    """The decoded text (byte order mark removed, newlines untouched); markup-heavy text as HTML."""
    text = decode_text(data)
    tags = len(_TAG.findall(text[:200_000]))
    if tags >= 5 and tags * 1000 / max(1, min(len(text), 200_000)) >= MARKUP_DENSITY:

        return format_html.read(text.encode("utf-8"), limits)
    return text
