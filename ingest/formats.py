"""The registry of input formats: one reader module per format, found by file suffix.

A reader module has ``read(data, limits) -> str`` (raising
:class:`~plankg.ingest.read_base.UnreadableInput`). Adding a format is one module and one line in
:data:`READER_MODULES` naming the suffixes it reads. Modules load only when a file of theirs comes in, so the
parsers they use (python-docx, pypdf, BeautifulSoup) stay unloaded otherwise.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

from plankg.ingest.read_base import ReadLimits

#: Reader module per format, with the (lower-case) suffixes it reads.
READER_MODULES: dict[str, tuple[str, ...]] = {
    "plankg.ingest.format_txt": (".txt", ".text", ".md"),
    "plankg.ingest.format_docx": (".docx",),
    "plankg.ingest.format_html": (".html", ".htm", ".shtml"),
    "plankg.ingest.format_pdf": (".pdf",),
    "plankg.ingest.format_sheet": (".xlsx", ".xlsm", ".xls", ".et", ".ods"),
    "plankg.ingest.format_csv": (".csv",),
    "plankg.ingest.format_legacy_word": (".doc", ".wps", ".rtf"),
    "plankg.ingest.format_ofd": (".ofd",),
    "plankg.ingest.format_image": (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"),
}
#: Suffix -> reader module name.
READERS: dict[str, str] = {suffix: module for module, suffixes in READER_MODULES.items() for suffix in suffixes}
TEXT_SUFFIXES: tuple[str, ...] = READER_MODULES["plankg.ingest.format_txt"]
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(READERS)


def reader_for(suffix: str) -> Callable[[bytes, ReadLimits], str] | None:
    """The ``read`` function for a lower-case suffix, or None when no format has it."""
    name = READERS.get(suffix)
    if name is None:
        return None
    module: ModuleType = importlib.import_module(name)
    return module.read
