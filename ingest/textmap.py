"""Clean text with a map back to the original offsets.

Clause text drops page chrome, page-number artefacts and line breaks, and reads OCR repairs,
while every clean character still knows where it came from in ``Document.text``.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from plankg.ingest.records import Repair

# Whitespace inside Chinese running text is layout, not content.
_DROP = set("\n\r\t\u3000\xa0\u200b\ufeff")


@dataclass(frozen=True)
class MappedText:
    """A clean string whose character ``i`` came from ``origin[i]`` in the document text."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean ``[start, end)`` range to a document ``[start, end)`` range."""
        if not self.origin:
            return (0, 0)
        if end <= start:
            pos = self.origin[min(start, len(self.origin) - 1)]
            return (pos, pos)
        return (self.origin[start], self.origin[end - 1] + 1)

    def find(self, needle: str, start: int = 0) -> int:
        """``str.find`` on the clean text."""
        return self.text.find(needle, start)


def clean_span(
    text: str,
    start: int,
    end: int,
    repairs: Sequence[Repair] = (),
    drops: Iterable[tuple[int, int]] = (),
) -> MappedText:
    """Return the clean text of ``text[start:end]`` with its offset map.

    Args:
        text: The document text.
        start: Start of the span.
        end: End of the span (excluded).
        repairs: OCR repairs; a repair is applied only if it lies wholly inside the span.
        drops: Document ranges to leave out (chrome, page-number artefacts).
    """
    drop_ranges = sorted((a, b) for a, b in drops if b > start and a < end)
    repair_at = {r.start: r for r in repairs if r.start >= start and r.end <= end}
    chars: list[str] = []
    origin: list[int] = []
    i = start
    d = 0
    while i < end:
        while d < len(drop_ranges) and drop_ranges[d][1] <= i:
            d += 1
        if d < len(drop_ranges) and drop_ranges[d][0] <= i < drop_ranges[d][1]:
            i = drop_ranges[d][1]
            continue
        rep = repair_at.get(i)
        if rep is not None:
            width = rep.end - rep.start
            for k, ch in enumerate(rep.replacement):
                chars.append(ch)
                origin.append(rep.start + min(k, width - 1))
            i = rep.end
            continue
        ch = text[i]
        if ch in _DROP:
            i += 1
            continue
        if ch == " " and (not chars or chars[-1] == " " or not _ascii_neighbours(text, i)):
            i += 1
            continue
        chars.append(ch)
        origin.append(i)
        i += 1
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return MappedText("".join(chars), tuple(origin))


def _ascii_neighbours(text: str, i: int) -> bool:
    """A space is content only between two ASCII letters or digits (e.g. ``Made in``)."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
