"""Read one input file into plain text, or fail with a one-line reason; list a batch's files.

``read_text`` is the only place that touches input files: everything downstream works on the
string it returns (offsets point into it), so it changes nothing but line endings ("\\r\\n"
and "\\r" become "\\n") and a leading byte order mark. Every bad input raises ``IngestError``
with the message ``"<path>: <reason>"`` on one line, so a batch can report it and go on.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from plankg.ingest.records import IngestError

TEXT_SUFFIXES: tuple[str, ...] = (".txt", ".text", ".md")
SUPPORTED_SUFFIXES: tuple[str, ...] = (*TEXT_SUFFIXES, ".docx", ".html", ".htm", ".shtml", ".pdf")
DEFAULT_MAX_BYTES = 20 * 2**20
_MB = 2**20
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office files (.doc .xls .wps)

# Magic numbers of binary formats people mistake for text, with a hint for the message.
_BINARY_MAGIC = (
    (b"%PDF-", "looks like a PDF; give it the .pdf extension"),
    (b"PK\x03\x04", "looks like a zip archive such as a .docx; give it the right extension"),
    (OLE_MAGIC, "looks like an old binary Office file (.doc/.xls); save it as .docx"),
    (b"\x89PNG", "looks like a PNG image"),
    (b"\xff\xd8\xff", "looks like a JPEG image"),
    (b"GIF8", "looks like a GIF image"),
)
_BOMS = (  # UTF-32 before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0/C1 control characters other than \t \n \v \f \r; a text file has (almost) none.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.01
_PLAUSIBILITY_SAMPLE = 200_000  # characters; enough to judge an encoding
_CN_SAMPLE_BYTES = 2_000_000  # charset-normalizer is slow on big inputs; a prefix is enough
# What to do with formats people often have instead of a supported one.
_CONVERSION_HINTS = {
    ".doc": "save it as .docx",
    ".wps": "save it as .docx",
    ".rtf": "save it as .docx",
    ".odt": "save it as .docx",
    ".xls": "copy the table into a .docx",
    ".xlsx": "copy the table into a .docx",
    ".ofd": "export it as .pdf",
}


def read_text(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the full plain text of one .txt/.text/.md, .docx, .html/.htm/.shtml or .pdf file.

    Args:
        path: The file.
        max_bytes: Larger files are refused (``Settings.max_file_mb`` in bytes).

    Returns:
        The text with "\\n" line endings; tables flattened one cell per tab-led line.

    Raises:
        IngestError: ``"<path>: <reason>"`` for a missing, empty, binary, undecodable,
            too large, corrupt or unsupported file.
    """
    file_path = Path(path)
    try:
        file_stat = file_path.stat()
    except FileNotFoundError:
        raise _error(file_path, "no such file") from None
    except OSError as exc:
        raise _error(file_path, f"cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(file_stat.st_mode):
        raise _error(file_path, "is a folder, not a file (iter_input_files expands folders)")
    if not stat.S_ISREG(file_stat.st_mode):
        raise _error(file_path, "not a regular file")
    suffix = file_path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _error(file_path, _unsupported_reason(suffix))
    if file_stat.st_size > max_bytes:
        raise _error(
            file_path,
            f"file too large ({file_stat.st_size / _MB:.1f} MB > {max_bytes / _MB:g} MB limit;"
            " set max_file_mb in plankg.toml)",
        )
    if file_stat.st_size == 0:
        raise _error(file_path, "empty file")
    try:
        data = file_path.read_bytes()
    except OSError as exc:
        raise _error(file_path, f"cannot read ({exc.strerror or exc})") from None
    try:
        text = _extract(suffix, data)
    except UnreadableInput as exc:
        raise _error(file_path, str(exc)) from None
    if not text.strip():
        if suffix in TEXT_SUFFIXES:
            raise _error(file_path, "empty file (only whitespace)")
        raise _error(file_path, f"empty file (no text in the {suffix})")
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
        elif path.exists():
            found = [path]
        else:
            raise _error(path, "no such file or folder")
        for file_path in found:
            key = file_path.resolve()
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


def _extract(suffix: str, data: bytes) -> str:
    if suffix in TEXT_SUFFIXES:
        return decode_text(data)
    from plankg.ingest import formats  # parsers load only when a structured file comes in

    if suffix == ".docx":
        return formats.docx_text(data)
    if suffix == ".pdf":
        return formats.pdf_text(data)
    return formats.html_text(data)


def _unsupported_reason(suffix: str) -> str:
    supported = " ".join(SUPPORTED_SUFFIXES)
    if not suffix:
        return f"no file extension, so the file type is unknown (supported: {supported})"
    hint = _CONVERSION_HINTS.get(suffix, "")
    hint = f"; {hint}" if hint else ""
    return f"unsupported file type '{suffix}' (supported: {supported}{hint})"


def _error(path: Path, reason: str) -> IngestError:
    """``IngestError("<path>: <reason>")`` on a single line."""
    return IngestError(re.sub(r"\s*[\r\n]+\s*", " ", f"{path}: {reason}"))


class UnreadableInput(Exception):
    """The bytes are not a readable document; ``str(exc)`` is the one-line reason."""


def short_reason(exc: BaseException, limit: int = 160) -> str:
    """One line describing ``exc`` (type name if it has no message), at most ``limit`` chars."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- text encodings


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode text bytes: BOM, then strict UTF-8, the declared charset, GB18030, charset-normalizer.

    Args:
        data: The file's bytes (non-empty).
        declared: A charset the file itself names (an HTML ``<meta charset>``), tried after UTF-8.

    Returns:
        The text, BOM removed, newlines untouched.

    Raises:
        UnreadableInput: "binary file (...)" or "undecodable bytes (...)".
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(encoding))
            except UnicodeDecodeError as exc:
                raise UnreadableInput(
                    f"undecodable bytes (invalid {encoding.upper()} after the byte order mark"
                    f" at byte {exc.start + len(bom)})"
                ) from None
    for magic, hint in _BINARY_MAGIC:
        if data.startswith(magic):
            raise UnreadableInput(f"binary file ({hint})")
    if b"\x00" in data:
        return _checked(_decode_utf16_without_bom(data))
    # Control bytes never occur inside UTF-8/GB18030/Big5 multi-byte characters: count them raw.
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise UnreadableInput(f"binary file ({controls / len(data):.0%} control bytes)")
    for encoding in ("utf-8", _python_codec(declared)):
        if encoding is None:
            continue
        try:
            return _checked(data.decode(encoding))
        except UnicodeDecodeError:
            pass
    _reject_almost_valid(data, "utf-8")
    try:
        gb_text: str | None = data.decode("gb18030")
    except UnicodeDecodeError:
        gb_text = None
        _reject_almost_valid(data, "gb18030")
    if gb_text is not None and _gb2312_share(gb_text) >= 0.6:
        return _checked(gb_text)
    guess = _charset_normalizer_guess(data)
    if gb_text is not None and (guess is None or _cjk_share(guess) <= _cjk_share(gb_text) + 0.1):
        # Big5 bytes also decode as GB18030 (as nonsense): take the other guess only if it
        # reads better.
        return _checked(gb_text)
    if guess is None:
        raise UnreadableInput(
            "undecodable bytes (not UTF-8, GB18030 or another detectable encoding)"
        )
    return _checked(guess)


def _checked(text: str) -> str:
    """Refuse decoded text with many control characters (a binary file that happened to decode)."""
    if not text:
        return text
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise UnreadableInput(f"binary file ({controls / len(text):.0%} control characters)")
    return text


def _python_codec(declared: str | None) -> str | None:
    """Map a declared charset to a Python codec, as browsers do.

    GB2312/GBK widen to their superset GB18030; a declared UTF-16/32 is ignored (such a
    declaration inside the bytes themselves cannot be true; byte order marks are handled).
    """
    if not declared:
        return None
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None
    return "gb18030" if name in ("gb2312", "gbk", "gb18030", "hz") else name


def _decode_utf16_without_bom(data: bytes) -> str:
    """Decode UTF-16 without a byte order mark (NULs in every other byte), else refuse as binary."""
    half = len(data) / 2
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    layouts = (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls))
    for encoding, nuls, other in layouts:
        if len(data) % 2 == 0 and nuls > 0.3 * half and other < 0.02 * half:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    raise UnreadableInput("binary file (contains NUL bytes)")


def _reject_almost_valid(data: bytes, encoding: str) -> None:
    """Refuse bytes that are valid ``encoding`` except for a few broken sequences.

    Such a file (truncated, badly concatenated, corrupted) must not fall through to a looser
    encoding that would decode it as nonsense without an error.
    """
    try:
        data.decode(encoding)
        return
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad  # non-ASCII characters decoded
    if good >= 20 and bad <= 0.02 * good:
        raise UnreadableInput(
            f"undecodable bytes (mostly {encoding.upper()}, but {bad} invalid byte sequence(s),"
            f" the first at byte {first_bad})"
        )


def _charset_normalizer_guess(data: bytes) -> str | None:
    """Text decoded by charset-normalizer's best strict guess, or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_CN_SAMPLE_BYTES]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_cjk_punctuation(code: int) -> bool:
    return (
        0x3000 <= code <= 0x303F  # CJK symbols and punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2000 <= code <= 0x206F  # general punctuation: “” — …
        or 0x2160 <= code <= 0x217F  # Roman numerals
        or 0x2460 <= code <= 0x24FF  # ① ⑴ ⒈
        or code in (0xB0, 0xB7, 0xD7, 0xF7, 0x2103)  # ° · × ÷ ℃
    )


def _gb2312_share(text: str) -> float:
    """Share of non-ASCII characters that are common simplified Chinese (GB2312) or punctuation.

    Real simplified Chinese text scores about 0.99; Big5 bytes misread as GB18030 about 0.15.
    """
    total = hits = 0
    for char in text[:_PLAUSIBILITY_SAMPLE]:
        code = ord(char)
        if code < 0x80:
            continue
        total += 1
        if 0x4E00 <= code <= 0x9FFF:
            try:
                char.encode("gb2312")
                hits += 1
            except UnicodeEncodeError:
                pass
        elif _is_cjk_punctuation(code):
            hits += 1
    return hits / total if total else 1.0


def _cjk_share(text: str) -> float:
    """Share of non-ASCII characters that are CJK ideographs or CJK/general punctuation."""
    total = hits = 0
    for char in text[:_PLAUSIBILITY_SAMPLE]:
        code = ord(char)
        if code < 0x80:
            continue
        total += 1
        hits += 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or _is_cjk_punctuation(code)
    return hits / total if total else 1.0
