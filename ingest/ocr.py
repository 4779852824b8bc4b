"""Offline OCR of page images: Debian's Tesseract (``chi_sim``) in a subprocess, one page at a time.

Each page is a PNG handed to ``tesseract`` on stdin; its TSV output gives every word's box and
confidence, so the words are placed on the page and read by :mod:`plankg.ingest.placed_text`
(lines in order, tables as rows with named cells). The engine was chosen by measurement against
RapidOCR (docs/formats.md). Bounded: at most :data:`MAX_PIXELS` pixels a page (checked before
decoding), at most :data:`MAX_PAGES` pages, :data:`PAGE_SECONDS` a page (the process group is
killed past it), one thread per OCR process (the machine is shared).
"""
from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from typing import Any

from plankg.ingest.placed_text import Piece, placed_text
from plankg.ingest.read_base import UnreadableInput, short_reason

#: Largest page image (pixels) decoded: an A3 page at 400 dpi; a 50,000 × 50,000 "image" is refused unread.
MAX_PIXELS = 40_000_000
#: Pages of one file read by OCR, and the time each may take.
MAX_PAGES = 200
PAGE_SECONDS = 60.0
#: Longest side an image is scaled down to before OCR (about 300 dpi for an A4 page).
MAX_SIDE = 3600
LANGUAGE = "chi_sim"
#: Words Tesseract is less sure of (0-100) are noise: specks, ruling lines.
MIN_WORD_CONFIDENCE = 20.0
#: A number read with less confidence than this is named in a warning (a misread 8 as 38 scored 70,
#: the digits read right on the same page 91-92).
DIGIT_CONFIDENCE = 80.0
_LATIN_NOISE = re.compile(r"^[A-Za-z|!_\-—~'\"“”‘’`.,:;()\[\]{}/\\]{1,3}$")
PACKAGES = "tesseract-ocr tesseract-ocr-chi-sim"


@dataclass(frozen=True)
class OcrPage:
    """One page read by OCR: its text, mean word confidence (0-1), the seconds it took, and the
    words holding digits that OCR was unsure of (with their confidence), for a person to check."""

    text: str
    confidence: float
    seconds: float
    doubtful: tuple[tuple[str, float], ...] = ()


def tesseract_path() -> str:
    """The ``tesseract`` program with Chinese data, or a one-line error naming the packages."""
    found = shutil.which("tesseract")
    if found is None:
        raise UnreadableInput(f"cannot OCR it: Tesseract is not installed (apt-get install {PACKAGES})")
    return found


def open_image(data: bytes) -> Any:
    """A Pillow image of ``data``, its size checked before any pixel is decoded."""
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
    except Image.DecompressionBombError:
        raise UnreadableInput("image too large to decode") from None
    except Exception as exc:  # Pillow raises many types for broken images
        raise UnreadableInput(f"not a readable image ({short_reason(exc)})") from None
    check_pixels(width, height)
    return image


def check_pixels(width: float, height: float) -> None:
    """Refuse a page whose pixels would pass :data:`MAX_PIXELS`."""
    if width * height > MAX_PIXELS:
        raise UnreadableInput(f"image too large ({int(width):,} × {int(height):,} pixels;"
                              f" at most {MAX_PIXELS / 1e6:g} million are read)")


def image_frames(image: Any) -> list[Any]:
    """Every frame of an image (a multi-page TIFF has several), at most :data:`MAX_PAGES`."""
    count = getattr(image, "n_frames", 1)
    if count > MAX_PAGES:
        raise UnreadableInput(f"too many pages to OCR ({count:,} > {MAX_PAGES})")
    frames = []
    for index in range(count):
        image.seek(index)
        check_pixels(*image.size)
        frames.append(image.copy())
    return frames


def ocr_image(image: Any, timeout: float = PAGE_SECONDS) -> OcrPage:
    """Read one page image with Tesseract within ``timeout`` seconds."""
    program = tesseract_path()
    began = time.monotonic()
    image = _prepared(image)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    process = subprocess.Popen([program, "stdin", "stdout", "-l", LANGUAGE, "--psm", "3", "tsv"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, env=env)
    try:
        output, errors = process.communicate(buffer.getvalue(), timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise UnreadableInput(f"OCR of a page took longer than {timeout:g} s (stopped)") from None
    if process.returncode != 0:
        reason = " ".join(errors.decode("utf-8", "replace").split())[-160:]
        if "chi_sim" in reason:
            reason = f"the Chinese data is missing (apt-get install {PACKAGES})"
        raise UnreadableInput(f"OCR failed ({reason or f'exit {process.returncode}'})")
    pieces, confidence, doubtful = _tsv_pieces(output.decode("utf-8", "replace"))
    return OcrPage(placed_text(pieces, drop_tall=True), confidence, time.monotonic() - began, tuple(doubtful))


def _prepared(image: Any) -> Any:
    """Greyscale, no larger than :data:`MAX_SIDE` on its longest side, table rules wiped out.

    Tesseract reads the ruling lines of a table as glyphs (``|``, ``dl``) that join rows; a pixel
    row or column that is dark over most of a long stretch is a rule, not text, and turns white.
    """
    import numpy as np
    from PIL import Image

    image = image.convert("L")
    longest = max(image.size)
    if longest > MAX_SIDE:
        scale = MAX_SIDE / longest
        image = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))))
    angle = skew_angle(image)
    if angle:
        image = image.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    pixels = np.asarray(image)
    dark = pixels < 128
    ruled_rows = _long_runs(dark, image.width // 3)
    # Vertical rules must be far longer than any glyph's stroke (a 36 pt title at 300 dpi is 150 px).
    ruled_columns = _long_runs(dark.T, max(image.height // 5, 200))
    if not ruled_rows.any() and not ruled_columns.any():
        return image
    cleaned = pixels.copy()
    # The rule's grey edges too: a row or column beside a rule goes with it.
    ruled_rows = ruled_rows | np.roll(ruled_rows, 1) | np.roll(ruled_rows, -1)
    ruled_columns = ruled_columns | np.roll(ruled_columns, 1) | np.roll(ruled_columns, -1)
    cleaned[ruled_rows, :] = 255
    cleaned[:, ruled_columns] = 255
    return Image.fromarray(cleaned)


def skew_angle(image: Any, limit: float = 4.0, step: float = 0.25) -> float:
    """The rotation (degrees) that makes the text lines level: the angle whose row profile is sharpest.

    Scans are often turned by a degree or two, and Tesseract misreads digits on a turned page.
    Measured on a copy at most 1,000 pixels wide, so it costs little.
    """
    import numpy as np

    small = image.copy()
    small.thumbnail((1000, 1000))
    best, best_score = 0.0, -1.0
    for k in range(int(-limit / step), int(limit / step) + 1):
        angle = k * step
        turned = small.rotate(angle, fillcolor=255) if angle else small
        profile = (np.asarray(turned) < 128).sum(axis=1).astype(np.float64)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score * 1.0001:
            best, best_score = angle, score
    return best


def _long_runs(dark: Any, length: int) -> Any:
    """Rows of ``dark`` holding a run of at least ``length`` dark pixels (a 1-pixel gap allowed)."""
    import numpy as np

    if length < 20:
        return np.zeros(dark.shape[0], dtype=bool)
    # A run of `length` dark pixels: a moving sum over a window equals the window.
    counts = np.cumsum(np.pad(dark, ((0, 0), (1, 0))).astype(np.int32), axis=1)
    window = counts[:, length:] - counts[:, :-length]
    return (window >= length - 2).any(axis=1)


def _tsv_pieces(tsv: str) -> tuple[list[Piece], float, list[tuple[str, float]]]:
    """Words of Tesseract's TSV as placed pieces, their mean confidence weighted by length, and the
    words with digits read with less than :data:`DIGIT_CONFIDENCE`."""
    pieces: list[Piece] = []
    doubtful: list[tuple[str, float]] = []
    weighted = 0.0
    characters = 0
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            confidence = float(row["conf"])
            box = [float(row[key]) for key in ("left", "top", "width", "height")]
        except (KeyError, ValueError):
            continue
        if confidence < MIN_WORD_CONFIDENCE or confidence < 60 and _LATIN_NOISE.match(text):
            continue  # specks and ruling lines read as glyphs (|, dl, LO)
        pieces.append(Piece(box[0], box[1], box[2], box[3], text))
        if confidence < DIGIT_CONFIDENCE and any(ch.isdigit() for ch in text):
            doubtful.append((text, round(confidence / 100, 2)))
        weighted += max(confidence, 0.0) * len(text)
        characters += len(text)
    return pieces, (weighted / characters / 100.0 if characters else 0.0), doubtful
