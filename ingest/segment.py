"""Clause tree of prose: headings 一、/（一）/1./（1）/①, 一是 items, sentences, with offsets.

Markers are accepted inline too (documents flattened to one line keep ``一、亮点工作(一)荣获...``),
but only in sequence: a marker must be the first of its level or follow the last one, which keeps
numbers inside sentences from opening sections.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field

from plankg.ingest.records import Clause, Repair, stable_id
from plankg.ingest.textmap import MappedText, clean_span

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN = "[一二三四五六七八九十]{1,3}"
_MARKERS = [
    (1, re.compile(rf"({_CN})、")),
    (2, re.compile(rf"[（(]({_CN})[）)]")),
    (3, re.compile(r"(\d{1,2})\s?[.．、﹒](?![%％])")),  # ﹒: the small full stop some pages number with
    (4, re.compile(r"[（(](\d{1,2})[）)]")),
    (5, re.compile(f"([{CIRCLED}])")),
    (6, re.compile(rf"({_CN})是(?=[^，,、。；]{{2}})")),
]
ITEM_LEVEL = 6
#: A bracketed block closing a sentence (…以上。（省发改委负责）), right before where a search stops.
_CLOSED_BLOCK = re.compile(r"[。；;][（(][^（()）]{2,120}[)）]$")
_BOUNDARY = "。；;！!？?：:"
_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)》]*")
_TITLE_END = re.compile(r"[。！？；!?;]")
MAX_TITLE = 40
# Words that end a heading glued to its body ("二、20XX年工作思路20XX年,温州市将...").
_HEADING_END = re.compile(
    r"(?:工作思路|工作计划与打算|计划与打算|工作打算|工作要点|重点工作|主要工作|开展情况和成效|目标要求|具体内容"
    r"|指导思想|基本原则|主要目标|总体要求|保障措施|重点任务|工作成效|工作举措)"
)
_DOC_TITLE = re.compile(
    r"^[^\n。；，,]{0,16}?(?:20\d\d|20XX)\s*年?[^\n。；，,]{0,20}?(?:工作要点|工作总结|工作计划|工作思路|行动方案|实施方案|规划|分工表)"
    r"(?:[和及与][^\n。；，,]{0,12}?(?:工作计划|工作思路|工作打算|工作要点))?"
)


def cn_number(token: str) -> int:
    """Value of a marker number: 十二 -> 12, 3 -> 3, ③ -> 3."""
    # Circled numbers count as digits for str.isdigit() but not for int().
    if token in CIRCLED:
        return CIRCLED.index(token) + 1
    if token.isdecimal():
        return int(token)
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + CN_DIGITS[token[1]]
    if len(token) >= 2 and token[1] == "十":
        return CN_DIGITS[token[0]] * 10 + (CN_DIGITS[token[2]] if len(token) > 2 else 0)
    return CN_DIGITS.get(token, 0)


@dataclass
class OpenSection:
    """A section open while segmenting: its level, heading clause and label."""

    level: int
    clause_id: str
    label: str


@dataclass
class SegmentState:
    """Numbering state and open sections, carried across the paragraphs of one document."""

    last: dict[int, int] = field(default_factory=dict)
    stack: list[OpenSection] = field(default_factory=list)
    boundary_at: int = -1

    def accepts(self, level: int, number: int, at_boundary: bool) -> bool:
        """Is ``number`` the next marker of ``level``?"""
        last = self.last.get(level, 0)
        if number == last + 1 or number == 1:
            return True
        # A document may open with a later section (its first part was cut off or unnumbered).
        return level == 1 and last == 0 and number <= 3 and at_boundary

    def open(self, level: int, clause_id: str, label: str, number: int) -> None:
        """Open a section; deeper sections close; deeper numbering restarts after a new item."""
        self.close_to(level)
        self.stack.append(OpenSection(level, clause_id, label))
        self.last[level] = number
        if level < ITEM_LEVEL:
            self.last[ITEM_LEVEL] = 0  # 一是/二是 restart under each new section or item

    def close_to(self, level: int) -> None:
        """Close sections at ``level`` or deeper."""
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()

    @property
    def parent_id(self) -> str | None:
        return self.stack[-1].clause_id if self.stack else None

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(o.label for o in self.stack)


def _find_marker(text: str, pos: int, state: SegmentState, para_start: bool,
                 spaced: frozenset[int] = frozenset()) -> tuple[int, int, int, int] | None:
    """The earliest acceptable marker at or after ``pos``: (start, end, level, number).

    ``spaced`` holds the offsets the document wrote after a run of spaces: a page flattened to one
    line keeps its items apart by spaces only (…县统计局 2.新增…), so a marker there is at a boundary.
    """
    best = None
    for level, pattern in _MARKERS:
        for match in pattern.finditer(text, pos):
            start = match.start()
            before = text[start - 1] if start > 0 else ""
            at_boundary = start == 0 or before in _BOUNDARY or start == state.boundary_at or start in spaced
            if level in (3, 4) and before and (before.isdigit() or before in ".．﹒" or before.isascii() and before.isalpha()):
                continue
            if level == 3:
                after = text[match.end() : match.end() + 1]
                # "3.9月底前" opens item 3 only at a paragraph start; elsewhere 2.8 is a number.
                if after.isdigit() and not (start == 0 and para_start):
                    continue
                # …以上。（省发改委主办，省工信委协办）2.重点抓好…: the next item right after the owner block
                # that closes the one before.
                after_owners = (before in "）)" and state.last.get(3, 0) + 1 == cn_number(match.group(1))
                                and _CLOSED_BLOCK.search(text, max(0, start - 130), start) is not None)
                if not (at_boundary or start == 0 or after_owners):
                    # Inline "1." only right after a heading title with no punctuation.
                    if not state.stack or state.stack[-1].level > 2 or before in "，,、":
                        continue
            if level in (1, ITEM_LEVEL) and not at_boundary:
                continue
            number = cn_number(match.group(1))
            if not state.accepts(level, number, at_boundary):
                continue
            if best is None or start < best[0]:
                best = (start, match.end(), level, number)
            break
    return best


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at 。！？； (closing quotes stay with their sentence)."""
    spans = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.end() > pos:
            spans.append((pos, match.end()))
        pos = match.end()
    if pos < end:
        spans.append((pos, end))
    return [(a, b) for a, b in spans if text[a:b].strip(" ，,、")]


class ProseSegmenter:
    """Turns paragraphs of one document into clauses."""

    def __init__(self, doc_id: str, text: str, repairs: Sequence[Repair], drops: Iterable[tuple[int, int]]):
        self.doc_id = doc_id
        self.text = text
        self.repairs = list(repairs)
        self.drops = list(drops)
        self.state = SegmentState()
        self.clauses: list[Clause] = []
        # The document's own title (often glued to its first sentence) sits near the top.
        self.title_zone = 600

    def _emit(self, mapped: MappedText, a: int, b: int, kind: str, number: str = "", level: int = 0,
              label: str | None = None) -> Clause:
        while a < b and mapped.text[a] in " ，,":
            a += 1
        start, end = mapped.span(a, b)
        clause = Clause(
            id=stable_id("cl", self.doc_id, start, end, kind),
            doc_id=self.doc_id,
            parent_id=self.state.parent_id,
            kind=kind,
            number=number,
            text=mapped.text[a:b],
            start=start,
            end=end,
            section_path=self.state.path,
            level=level,
        )
        self.clauses.append(clause)
        return clause

    def paragraph(self, start: int, end: int) -> None:
        """Segment one paragraph ``[start, end)`` of the document text."""
        mapped = clean_span(self.text, start, end, self.repairs, self.drops)
        text = mapped.text
        pos = 0
        first = True
        # A numbered heading (一、2023年工作总结) near the top opens a section; it is not the title.
        if start < self.title_zone and not _MARKERS[0][1].match(text) and not _MARKERS[1][1].match(text):
            title = _DOC_TITLE.match(text)
            if title:
                self._emit(mapped, 0, title.end(), "heading", "", 0)
                pos = title.end()
                self.state.boundary_at = pos
                first = False
        origin = mapped.origin
        spaced = frozenset(i for i in range(1, len(text)) if origin[i] - origin[i - 1] > 1
                           and not self.text[origin[i - 1] + 1:origin[i]].strip(" \u3000\xa0"))
        while pos < len(text):
            marker = _find_marker(text, pos, self.state, first, spaced)
            body_end = marker[0] if marker else len(text)
            for a, b in _sentences(text, pos, body_end):
                self._emit(mapped, a, b, "sentence")
            if marker is None:
                break
            m_start, m_end, level, number = marker
            title_match = _TITLE_END.search(text, m_end)
            next_marker = _find_marker(text, m_end, _peek(self.state, level, number), False, spaced)
            title_end = min(
                title_match.end() if title_match else len(text),
                next_marker[0] if next_marker else len(text),
            )
            if title_end - m_end > 24:
                glued = list(_HEADING_END.finditer(text, m_end, m_end + 24))
                if glued:
                    title_end = glued[-1].end()
            kind = "heading" if level <= 2 else "item"
            raw_number = text[m_start:m_end]
            label = (raw_number + text[m_end:title_end]).rstrip("。；;")[:MAX_TITLE]
            self.state.close_to(level)
            clause = self._emit(mapped, m_start, title_end, kind, _number_of(raw_number), level)
            self.state.open(level, clause.id, label, number)
            pos = title_end
            first = False

    def plain_paragraph(self, start: int, end: int) -> None:
        """Sentences of ``[start, end)`` without looking for markers (the fallback for odd text)."""
        mapped = clean_span(self.text, start, end, self.repairs, self.drops)
        for a, b in _sentences(mapped.text, 0, len(mapped.text)):
            self._emit(mapped, a, b, "sentence")


def _peek(state: SegmentState, level: int, number: int) -> SegmentState:
    """State as it will be once the marker at ``level`` is opened (for finding the title's end)."""
    peek = SegmentState(dict(state.last), list(state.stack), state.boundary_at)
    peek.open(level, "", "", number)
    return peek


def _number_of(marker: str) -> str:
    return re.sub(r"[\s（()）、.．﹒是]", "", marker)


def paragraphs(text: str, start: int, end: int, drops: Sequence[tuple[int, int]],
               continuations: Set[int]) -> list[tuple[int, int]]:
    """Lines of ``text[start:end]`` as paragraphs, skipping blank and dropped lines.

    A line that starts with a page-number artefact (offset in ``continuations``) continues the
    paragraph before it.
    """
    spans: list[tuple[int, int]] = []
    pos = start
    dropped = sorted(drops)
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        if text[pos:line_end].strip() and not _covered(pos, line_end, dropped):
            if pos in continuations and spans:
                spans[-1] = (spans[-1][0], line_end)
            else:
                spans.append((pos, line_end))
        pos = line_end + 1
    return spans


def _covered(a: int, b: int, drops: Sequence[tuple[int, int]]) -> bool:
    return any(d0 <= a and b <= d1 for d0, d1 in drops)
