"""What every format reader shares: the error for unreadable bytes and the size limits.

A reader turns one file's bytes into text or raises :class:`UnreadableInput` with a short reason
(``read_text`` prefixes it with the path). :class:`ReadLimits` bounds the work a file can cause:
sizes are checked while bytes are unpacked or decoded, never after.
"""
from __future__ import annotations

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
    """

    max_bytes: int = 20 * _MB
    max_unpacked_bytes: int = 100 * _MB


def short_reason(exc: BaseException, limit: int = 160) -> str:
    """One line describing ``exc`` (type name if it has no message), at most ``limit`` chars."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def too_big(what: str, size: int, limit: int) -> UnreadableInput:
    """The error for content past a limit, naming the setting that raises it."""
    return UnreadableInput(f"{what} unpacks to more than {limit / _MB:g} MB (at least {size / _MB:.1f} MB;"
                           " set max_unpacked_mb in plankg.toml)")


def check_zip_unpacked(package: zipfile.ZipFile, limit: int, what: str) -> None:
    """Unpack every member in chunks, stopping as soon as the total passes ``limit``.

    The sizes a zip declares can lie, so this counts the bytes actually inflated.

    Raises:
        UnreadableInput: The members unpack to more than ``limit`` bytes.
    """
    declared = sum(info.file_size for info in package.infolist())
    if declared > limit:
        raise too_big(what, declared, limit)
    total = 0
    for info in package.infolist():
        with package.open(info) as member:
            while chunk := member.read(1 << 20):
                total += len(chunk)
                if total > limit:
                    raise too_big(what, total, limit)
