"""A name found in a text by one recogniser: where it is, what it is and why it was taken.

The recognisers of government units, programmes and plan documents return these; the entity
extractor turns them into mentions and keeps each ``why`` (the ending, the pattern) so an export
can say how every entity was found.
"""
from __future__ import annotations

from dataclasses import dataclass

#: Characters a name may be made of (Chinese, Latin letters, digits, brackets, the middle dot).
NAME_CHARS = r"[\u4e00-\u9fffA-Za-z0-9()（）·]"


@dataclass(frozen=True)
class Found:
    """One name in a text.

    Attributes:
        start: Offset of its first character.
        end: Offset after its last character.
        kind: ``organization`` | ``division`` | ``institute`` | ``park`` | ``programme`` | ``plan_document``.
        name: The name as the recogniser reads it (before regional resolution).
        why: How it was recognised (``ending 科技局 after region 银川市``).
        parent: The body a division belongs to, when the text names it.
        planned: A goal to build it (打造X), not an existing thing.
    """

    start: int
    end: int
    kind: str
    name: str
    why: str
    parent: str | None = None
    planned: bool = False


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Does ``[start, end)`` share a character with any of ``spans``?"""
    return any(start < b and a < end for a, b in spans)
