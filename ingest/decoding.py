"""Text bytes -> str: byte order marks, UTF-8, a declared charset, GB18030, then a guess.

Refuses binary data that happens to decode (many control characters, NUL bytes, magic numbers
of other formats) with a reason a user can act on.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from plankg.ingest.read_base import UnreadableInput

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
    return _share(text, lambda char, code: _is_cjk_punctuation(code) or 0x4E00 <= code <= 0x9FFF and _in_gb2312(char))


def _cjk_share(text: str) -> float:
    """Share of non-ASCII characters that are CJK ideographs or CJK/general punctuation."""
    return _share(text, lambda _, code: 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or _is_cjk_punctuation(code))


def _share(text: str, counts: Callable[[str, int], bool]) -> float:
    """Share of the sample's non-ASCII characters for which ``counts(char, code)`` holds."""
    total = hits = 0
    for char in text[:_PLAUSIBILITY_SAMPLE]:
        code = ord(char)
        if code >= 0x80:
            total += 1
            hits += bool(counts(char, code))
    return hits / total if total else 1.0


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
