"""Read one input file into plain text, or fail with a one-line reason; list a batch's files.

``read_text`` is the only place that touches input files: everything downstream works on the
string it returns (offsets point into it), so it changes nothing but line endings ("\\r\\n"
and "\\r" become "\\n") and a leading byte order mark. Every bad input raises ``IngestError``
with the message ``"<path>: <reason>"`` on one line, so a batch can report it and go on.
The format readers themselves are in the registry (:mod:`plankg.ingest.formats`).
"""
from __future__ import annotations

import errno
import os
import re
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from plankg.ingest.formats import READERS, SUPPORTED_SUFFIXES, TEXT_SUFFIXES, reader_for
from plankg.ingest.read_base import ReadLimits, UnreadableInput
from plankg.ingest.read_notes import NotedText
from plankg.ingest.records import IngestError

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "file_error", "iter_input_files", "read_text"]

DEFAULT_MAX_BYTES = ReadLimits().max_bytes
DEFAULT_MAX_UNPACKED_BYTES = ReadLimits().max_unpacked_bytes
_MB = 2**20

# What to do with formats people often have instead of a supported one.
_CONVERSION_HINTS = {
    ".odt": "save it as .docx",
}


def read_text(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES,
              max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES, *, limits: ReadLimits | None = None) -> str:
    """Return the full plain text of one .txt/.text/.md, .docx, .html/.htm/.shtml or .pdf file.

    Args:
        path: The file.
        max_bytes: Larger files are refused (``Settings.max_file_mb`` in bytes).
        max_unpacked_bytes: Files unpacking (.docx) or decoding (.html) to more are refused
            while they are read (``Settings.max_unpacked_mb`` in bytes).
        limits: Every limit at once (pages, operators, tags, elements too); when given, it is
            used instead of ``max_bytes`` and ``max_unpacked_bytes``.

    Returns:
        The text with "\\n" line endings; tables flattened one cell per tab-led line.

    Raises:
        IngestError: ``"<path>: <reason>"`` for a missing, empty, binary, undecodable,
            too large, corrupt or unsupported file.
    """
    file_path = Path(path)
    _check_kind(file_path, _stat(file_path))
    suffix = file_path.suffix.lower()
    reader = reader_for(suffix)
    if reader is None:
        raise _error(file_path, _unsupported_reason(suffix))
    limits = limits or ReadLimits(max_bytes, max_unpacked_bytes)
    data = _read_regular_file(file_path, limits.max_bytes)
    began = time.monotonic()
    try:
        text = reader(data, limits)
    except UnreadableInput as exc:
        raise _error(file_path, str(exc)) from None
    if not text.strip():
        if suffix in TEXT_SUFFIXES:
            raise _error(file_path, "empty file (only whitespace)")
        raise _error(file_path, f"empty file (no text in the {suffix})")
    # The reader's name, its timing and any OCR notes travel with the text (a str all the same).
    return NotedText(text.replace("\r\n", "\n").replace("\r", "\n"), getattr(text, "ocr", ()),
                     READERS[suffix].rsplit(".format_", 1)[-1], round(time.monotonic() - began, 3),
                     getattr(text, "notes", ()))


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except FileNotFoundError:
        raise _error(path, "no such file" if not path.is_symlink() else "broken symbolic link") from None
    except OSError as exc:
        raise _error(path, _os_reason(exc)) from None


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (the link points back to itself)"
    return f"cannot read ({exc.strerror or exc})"


def _check_kind(path: Path, info: os.stat_result) -> None:
    """Refuse folders, FIFOs, devices and sockets before anything opens them."""
    if stat.S_ISDIR(info.st_mode):
        raise _error(path, "is a folder, not a file (iter_input_files expands folders)")
    if not stat.S_ISREG(info.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode)
                else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                else "a socket" if stat.S_ISSOCK(info.st_mode) else "a special file")
        raise _error(path, f"not a regular file ({kind}); skipped without reading it")


def _read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, checked again on the open descriptor (it may have changed since)."""
    try:
        # O_NONBLOCK: opening a FIFO swapped in after the check must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _error(path, _os_reason(exc)) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        _check_kind(path, info)
        if info.st_size > max_bytes:
            raise _error(path, f"file too large ({info.st_size / _MB:.1f} MB > {max_bytes / _MB:g} MB limit;"
                               " set max_file_mb in plankg.toml)")
        if info.st_size == 0:
            raise _error(path, "empty file")
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise _error(path, _os_reason(exc)) from None
    if len(data) > max_bytes:  # it grew while we read it
        raise _error(path, f"file too large (more than {max_bytes / _MB:g} MB; set max_file_mb in plankg.toml)")
    return data


def iter_input_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand the given files and folders into the list of files to read.

    Folders are walked recursively in sorted order, skipping hidden entries (".name") and
    Office lock files ("~$name"); files given by name are kept as given, whatever their
    type, so that ``read_text`` can report an unsupported one. Duplicates are dropped.

    Args:
        paths: Files and folders.

    Returns:
        Files in order: given order, each folder's files sorted by relative path.

    Raises:
        IngestError: ``"<path>: no such file or folder"`` for a path that does not exist.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = _walk_folder(path)
        elif path.exists() or path.is_symlink():
            found = [path]  # a broken link or a link loop: read_text says which, for this file only
        else:
            raise _error(path, "no such file or folder")
        for file_path in found:
            key = Path(os.path.realpath(file_path))  # never raises, even inside a link loop
            if key not in seen:
                seen.add(key)
                files.append(file_path)
    return files


def _walk_folder(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dir_names, file_names in os.walk(folder):  # does not follow links into loops
        dir_names[:] = sorted(name for name in dir_names if not name.startswith("."))
        found.extend(
            Path(root) / name
            for name in file_names
            if not name.startswith((".", "~$"))
        )
    return sorted(found, key=lambda file_path: file_path.relative_to(folder).parts)


def _unsupported_reason(suffix: str) -> str:
    supported = " ".join(SUPPORTED_SUFFIXES)
    if not suffix:
        return f"no file extension, so the file type is unknown (supported: {supported})"
    hint = _CONVERSION_HINTS.get(suffix, "")
    hint = f"; {hint}" if hint else ""
    return f"unsupported file type '{suffix}' (supported: {supported}{hint})"


def file_error(path: str | os.PathLike[str], reason: str) -> IngestError:
    """The one-line error for a file: ``"<path>: <reason>"``, control characters shown as U+FFFD."""
    return _error(Path(path), reason)


def _error(path: Path, reason: str) -> IngestError:
    """``IngestError("<path>: <reason>")`` on a single line, control characters (a file name can
    hold terminal escapes) shown as U+FFFD."""
    one_line = re.sub(r"\s*[\r\n]+\s*", " ", f"{path}: {reason}")
    return IngestError(re.sub(r"[\x00-\x1f\x7f-\x9f]", "\ufffd", one_line))
