"""What every format reader shares: the error for unreadable bytes and the size limits.

A reader turns one file's bytes into text or raises :class:`UnreadableInput` with a short reason
(``read_text`` prefixes it with the path). :class:`ReadLimits` bounds the work a file can cause:
sizes are checked while bytes are unpacked or decoded, never after.
"""
from __future__ import annotations

import itertools
import re
import zipfile
from dataclasses import dataclass

_MB = 2**20


class UnreadableInput(Exception):
    """The bytes are not a readable document; ``str(exc)`` is the one-line reason."""


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on one input file.

    Attributes:
        max_bytes: Largest file on disk.
        max_unpacked_bytes: Largest amount of text or markup a file may unpack to (a .docx's XML
            parts together, an .html page's decoded markup).
        max_pdf_pages: Largest number of pages of a .pdf (counted before any page is read).
        max_pdf_page_operators: Largest number of drawing operators in one page's content (counted
            on the bytes before the PDF parser reads them: parsing costs about 10 µs an operator).
        max_html_tags: Largest number of tags in an .html page (counted before the parse: the
            parse tree costs about 50 µs and 1 KB a tag).
        max_docx_elements: Largest number of XML elements in a .docx (counted while unpacking).
    """

    max_bytes: int = 20 * _MB
    max_unpacked_bytes: int = 100 * _MB
    max_pdf_pages: int = 2_000
    max_pdf_page_operators: int = 200_000
    max_html_tags: int = 200_000
    max_docx_elements: int = 1_000_000


def out_of_memory(exc: BaseException) -> bool:
    """Did a parser fail for want of memory? (lxml reports a failed allocation as a syntax error
    with ``ERR_NO_MEMORY`` in its log, which must not read as "not a valid file".)"""
    if isinstance(exc, MemoryError):
        return True
    try:
        log = list(getattr(exc, "error_log", None) or ())
        if any(getattr(entry, "type_name", "") == "ERR_NO_MEMORY" for entry in log):
            return True
        # With no memory left even for its error log, lxml raises a syntax error with no message
        # ("None (line 0)") and an empty log: a real syntax error always says what it met.
        return type(exc).__name__ == "XMLSyntaxError" and not log and str(exc).startswith("None")
    except Exception:  # noqa: BLE001 - an odd exception object: not a memory failure we can tell
        return False


def short_reason(exc: BaseException, limit: int = 160) -> str:
    """One line describing ``exc`` (type name if it has no message), at most ``limit`` chars."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def too_big(what: str, size: int, limit: int) -> UnreadableInput:
    """The error for content past a limit, naming the setting that raises it."""
    return UnreadableInput(f"{what} unpacks to more than {limit / _MB:g} MB (at least {size / _MB:.1f} MB;"
                           " set max_unpacked_mb in plankg.toml)")


def too_many(what: str, count: int, limit: int, setting: str, unit: str) -> UnreadableInput:
    """The error for a structure past a count limit, naming the setting that raises it."""
    return UnreadableInput(f"{what} has more than {limit:,} {unit} (at least {count:,}); raise {setting}"
                           " in plankg.toml to read it")


def count_up_to(pattern: re.Pattern, data: bytes | str, limit: int) -> int:
    """Matches of ``pattern`` in ``data``, counting no further than ``limit + 1`` (bounded work)."""
    return sum(1 for _ in itertools.islice(pattern.finditer(data), limit + 1))  # type: ignore[arg-type]


def check_zip_unpacked(package: zipfile.ZipFile, limit: int, what: str, max_elements: int | None = None) -> None:
    """Unpack every member in chunks, stopping as soon as the total passes ``limit``.

    The sizes a zip declares can lie, so this counts the bytes actually inflated; with
    ``max_elements``, it also counts the XML elements (start tags) of the ``.xml`` members.

    Raises:
        UnreadableInput: The members unpack to more than ``limit`` bytes or ``max_elements`` elements.
    """
    declared = sum(info.file_size for info in package.infolist())
    if declared > limit:
        raise too_big(what, declared, limit)
    total = elements = 0
    for info in package.infolist():
        xml = info.filename.lower().endswith((".xml", ".rels"))
        with package.open(info) as member:
            while chunk := member.read(1 << 20):
                total += len(chunk)
                if total > limit:
                    raise too_big(what, total, limit)
                if xml and max_elements is not None:
                    # Start tags only: "<x>" and "<x/>" but not "</x>", "<?xml" or "<!--".
                    elements += chunk.count(b"<") - chunk.count(b"</") - chunk.count(b"<?") - chunk.count(b"<!")
                    if elements > max_elements:
                        raise too_many(what, elements, max_elements, "max_docx_elements", "XML elements")
