"""The .ofd reader (GB/T 33190, China's format for electronic government documents).

An OFD file is a zip of XML parts: ``OFD.xml`` names each document's ``Document.xml``, which lists
its pages in order; each page's ``Content.xml`` holds text objects (``ofd:TextObject`` with a
``Boundary`` and ``ofd:TextCode`` runs at ``X``/``Y`` inside it). The text codes are placed on
the page and read in order by :mod:`plankg.ingest.placed_text` (so tables come out as rows).
Maintained readers were judged and not used: ``easyofd`` renders to images and PDF with heavy
dependencies, ``ofdparser`` has not changed since 2023; the text layer is all plankg needs.

Bounded: the package is unpacked in chunks under ``max_unpacked_bytes`` before any part is
parsed, at most :data:`MAX_PAGES` pages are read, and the XML parser resolves no entities.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any
from xml.etree import ElementTree

from plankg.ingest.placed_text import Piece, placed_text
from plankg.ingest.read_base import ReadLimits, UnreadableInput, check_zip_unpacked, short_reason

MAX_PAGES = 2000
_LOCAL = re.compile(r"^\{[^}]*\}")


def read(data: bytes, limits: ReadLimits = ReadLimits()) -> str:
    """The text of every page of every document in the package, pages in order."""
    if not data.startswith(b"PK"):
        raise UnreadableInput("not a valid .ofd (not a zip package)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            check_zip_unpacked(package, limits.max_unpacked_bytes, "the .ofd")
            names = {name.lstrip("/"): name for name in package.namelist()}
            if "OFD.xml" not in names:
                raise UnreadableInput("not a valid .ofd (no OFD.xml in the package)")
            pages: list[str] = []
            for doc_root in _texts(_parse(package, names, "OFD.xml"), "DocRoot"):
                pages.extend(_document_pages(package, names, doc_root.strip()))
    except UnreadableInput:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UnreadableInput(f"not a valid .ofd ({short_reason(exc)})") from None
    return "\n".join(pages)


def _document_pages(package: zipfile.ZipFile, names: dict[str, str], doc_path: str) -> list[str]:
    document = _parse(package, names, doc_path)
    base = posixpath.dirname(doc_path)
    texts = []
    for number, page in enumerate(_elements(document, "Page"), start=1):
        if number > MAX_PAGES:
            raise UnreadableInput(f"too many pages (more than {MAX_PAGES:,})")
        location = (page.get("BaseLoc") or "").strip()
        if not location:
            continue
        path = location.lstrip("/") if location.startswith("/") else posixpath.normpath(posixpath.join(base, location))
        texts.append(placed_text(list(_pieces(_parse(package, names, path)))))
    return texts


def _pieces(page: Any) -> list[Piece]:
    pieces = []
    for text_object in _elements(page, "TextObject"):
        box = _numbers(text_object.get("Boundary", ""))
        left, top = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        size = _number(text_object.get("Size"), box[3] if len(box) >= 4 else 3.5)
        last_x, last_y = 0.0, 0.0
        for code in _elements(text_object, "TextCode"):
            text = code.text or ""
            last_x = _number(code.get("X"), last_x)
            last_y = _number(code.get("Y"), last_y)
            widths = _numbers(code.get("DeltaX", ""))
            width = sum(widths) + size if widths else size * len(text)
            # Y is the baseline: the glyphs stand above it.
            pieces.append(Piece(left + last_x, top + last_y - size, width, size, text))
    return pieces


def _parse(package: zipfile.ZipFile, names: dict[str, str], path: str) -> Any:
    name = names.get(path.lstrip("/"))
    if name is None:
        raise UnreadableInput(f"not a valid .ofd (missing part {path[:80]})")
    raw = package.read(name)
    if b"<!DOCTYPE" in raw[:2048] or b"<!ENTITY" in raw[:4096]:
        raise UnreadableInput(f"not a valid .ofd ({path[:80]} declares a DTD or entities)")
    try:
        return ElementTree.fromstring(raw)
    except ElementTree.ParseError as exc:
        raise UnreadableInput(f"not a valid .ofd ({path[:80]}: {short_reason(exc)})") from None


def _elements(root: Any, local: str) -> list[Any]:
    return [element for element in root.iter() if _LOCAL.sub("", str(element.tag)) == local]


def _texts(root: Any, local: str) -> list[str]:
    return [element.text or "" for element in _elements(root, local) if (element.text or "").strip()]


def _numbers(text: str) -> list[float]:
    """Numbers of an OFD list (``g`` repeats are expanded: ``g 3 4.2`` is three times 4.2)."""
    tokens = text.split()
    values: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            values.extend([_number(tokens[i + 2], 0.0)] * min(int(_number(tokens[i + 1], 0.0)), 10_000))
            i += 3
            continue
        values.append(_number(tokens[i], 0.0))
        i += 1
    return values


def _number(text: str | None, default: float) -> float:
    try:
        return float(text) if text is not None else default
    except ValueError:
        return default
