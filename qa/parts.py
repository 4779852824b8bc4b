"""Questions that ask several things at once: split them into parts, each whole in itself.

Researchers often ask two figures in one breath: ``X2022年A的目标是多少？实际完成了多少？``,
``X2024年A的目标是多少？2023年实际达到了多少？``, ``X的A是多少，同比增长多少？``. Each part after the
first leaves out what the first one said (the place, the year, the indicator). A part is made whole by
writing in front of it the place, year and indicator of the part before that it does not name
itself; each part is then understood and answered on its own, with its own cue words deciding
whether it asks for a goal or a result.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.qa.answer import Answer
from plankg.qa.fact_fit import asked_kinds
from plankg.qa.parse import Question
from plankg.qa.places import level_below
from plankg.qa.shape import LEAD_CHARS, lead_of

#: Where a question asks: a cue of a figure, a unit or a yes/no question.
_ASKS_ZH = re.compile(r"多少|几|什么|哪|谁|是否|有没有|吗|如何|怎样|百分之几")
_ASKS_EN = re.compile(r"\b(how|what|which|who|did|was|were|is|are)\b", re.IGNORECASE)
#: A question mark or semicolon ends a part; a comma does when both sides ask something.
_HARD_STOP = re.compile(r"[？?；;]")
#: In English a second question often follows ``and`` with no comma (… did it have and what was …).
_AND_ASKS_EN = re.compile(r"\s+(?=and\s+(?:what|how|which|who)\b)", re.IGNORECASE)
_SOFT_STOP = re.compile(r"[，,、]")
#: Intents a part may keep as its own; any other (a part too short to classify) takes the whole question's.
PART_INTENTS = ("target_value", "plan_vs_outcome", "target_owners")
#: At most this many parts are answered.
MAX_PARTS = 4
#: An indicator matched only by a short shared run of characters is not a part's own indicator.
WEAK_INDICATOR = 0.6


@dataclass(frozen=True)
class Part:
    """One part of a question: as written, and as made whole from the part before it."""

    written: str
    whole: str


def split_parts(text: str, language: str) -> list[str]:
    """The parts of a question that each ask something (one part when it asks one thing).

    >>> split_parts("甲市2022年高新技术企业的目标是多少家？实际完成了多少家？", "zh")
    ['甲市2022年高新技术企业的目标是多少家？', '实际完成了多少家？']
    >>> split_parts("甲市2020年营业收入是多少，同比增长多少？", "zh")
    ['甲市2020年营业收入是多少，', '同比增长多少？']
    >>> split_parts("甲市要求企业研发投入增长10%，新增多少家高企？", "zh")
    ['甲市要求企业研发投入增长10%，新增多少家高企？']
    """
    asks = _ASKS_ZH if language == "zh" else _ASKS_EN
    pieces = [p for p in re.split(r"(?<=[？?；;])", text.strip()) if p.strip()]
    parts: list[str] = []
    for piece in pieces:
        soft = [p for p in re.split(r"(?<=[，,、])", piece) if p.strip()]
        if language == "en":
            soft = [q for p in soft for q in _and_asks(p, asks)]
        current = ""
        for chunk in soft:
            if current and asks.search(current) and asks.search(chunk) and _SOFT_STOP.search(current[-1:]):
                parts.append(current)
                current = chunk
            else:
                current += chunk
        if current:
            parts.append(current)
    # A piece that asks nothing (a lead-in, 据报道，) joins the part after it.
    merged: list[str] = []
    carry = ""
    for part in parts:
        if asks.search(part):
            merged.append(carry + part)
            carry = ""
        else:
            carry += part
    if carry:
        if merged:
            merged[-1] += carry
        else:
            merged.append(carry)
    return merged[:MAX_PARTS] if len(merged) > 1 else [text]


def _and_asks(text: str, asks: re.Pattern[str]) -> list[str]:
    """An English piece cut before ``and what…`` when what comes before asks something too (the
    first piece then ends in a comma, so the comma rule splits it as any other)."""
    cut = _AND_ASKS_EN.search(text)
    if cut is None or not asks.search(text[:cut.start()]):
        return [text]
    return [text[:cut.start()] + ",", " " + text[cut.end():]]


def _surfaces(parsed: Question, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> str:
    return "".join(parsed.text[s:e] for s, e in sorted(set(spans)))


def _own_indicators(parsed: Question) -> list[tuple[int, int]]:
    """Where the question writes its indicators (a proposed indicator is found by its words)."""
    spans = []
    for hit in parsed.indicators:
        if hit.method == "partial" and hit.score < WEAK_INDICATOR:
            continue
        if hit.span:
            spans.append(hit.span)
        elif hit.surface and hit.surface in parsed.text:
            start = parsed.text.index(hit.surface)
            spans.append((start, start + len(hit.surface)))
    return spans


def _place_spans(parsed: Question) -> list[tuple[int, int]]:
    # A place below the one named (陕西的县) keeps its level words.
    spans = [(m.start, below[1] if (below := level_below(parsed.text, m)) else m.end) for m in parsed.places.mentions]
    for _, _, start, end in parsed.places.zones:
        spans.append((start, end))
    # A zone written after its place (延安高新区): keep the place and the zone word as one name.
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _new_goal(previous: Question, part: Question) -> bool:
    """A part asking a goal after one asking no goal (…2019年贡献率是多少？提出的新目标是多少？):
    the new goal is set for a later year, so the year of the figure before is not borrowed."""
    return asked_kinds(part.text, part.language) == {"goal"} and \
        "goal" not in asked_kinds(previous.text, previous.language)


_CJK_TERM = re.compile(r"[\u4e00-\u9fff]{2,}")


def _own_words(part: Question) -> bool:
    """Does an English part write its own subject as a Chinese term (how much 苏科贷 lending was
    issued)? It then borrows no indicator. (A Chinese part's unread words are as often a verb,
    组织申报, as a subject: it borrows unless a slot found its own.)"""
    if part.language != "en":
        return False
    text = "".join(" " if any(s <= i < e for s, e in part.places.spans) else c for i, c in enumerate(part.text))
    return bool(_CJK_TERM.search(text))


def make_whole(previous: Question, part: Question) -> str:
    """A part written with what it leaves out of the part before it: its place, year and indicator.

    The part's own words come after (its own year before the borrowed indicator, so that
    ``2023年实际达到了多少`` after ``河南省2024年研发经费投入强度…`` reads
    ``河南省2023年研发经费投入强度实际达到了多少``).
    """
    text = part.text
    place = "" if (part.places.mentions or part.entity_names) else (
        _surfaces(previous, _place_spans(previous)) or "".join(previous.entity_names[:1]))
    own_years = part.time.spans
    lead_year = ""
    if own_years and own_years[0][0] == 0:
        lead_year, text = text[: own_years[0][1]], text[own_years[0][1]:]
    year = lead_year or ("" if own_years or _new_goal(previous, part) else _surfaces(previous, previous.time.spans))
    own = bool(_own_indicators(part) or part.orgs or _own_words(part))
    indicator = "" if own else _surfaces(previous, _own_indicators(previous))
    if not indicator and not own and part.language == "zh":
        # A proposed indicator matched on its words (科技进步对经济增长贡献率 for …的贡献率): its label.
        solid = [h for h in previous.indicators if not (h.method == "partial" and h.score < WEAK_INDICATOR)]
        indicator = solid[0].surface if solid else ""
    if part.language == "en":
        if not indicator and not own and not part.indicators and previous.indicators:
            indicator = previous.indicators[0].label_en or ""  # English hits are matched on normalised words
        if _THEIR.search(text) and previous.indicators and not indicator:
            # …high-tech enterprises… and what was their sales revenue: theirs is the subject before.
            text = _THEIR.sub(lambda _: _subject_en(previous) + " ", text, count=1)
        text = re.sub(r"^\W*(and|but|also|then)\b\s*", "", text.strip(), flags=re.IGNORECASE)
        return " ".join(piece for piece in (place, year, indicator, text) if piece)
    return f"{place}{year}{indicator}{text}"


_THEIR = re.compile(r"\btheir\s+", re.IGNORECASE)


def _subject_en(previous: Question) -> str:
    """What an English part's ``their`` stands for: the indicator words of the part before, as written."""
    spans = _own_indicators(previous)
    if spans:
        return _surfaces(previous, spans)
    hit = previous.indicators[0]
    return hit.surface or hit.label_en or ""


def merge_answers(question: str, language: str, intent: str, parts: list[Part], answers: list[Answer]) -> Answer:
    """One answer for a question of several parts: each part's answer in turn, under its own words.

    Rows and evidence are the union (each fact and clause once); the answer is found when any part
    is, and each part that found nothing says so in its place.
    """
    texts, rows, evidence, sparql, related = [], [], [], [], []
    seen_rows: set[str] = set()
    seen_clauses: set[str] = set()
    for index, (part, answer) in enumerate(zip(parts, answers), start=1):
        label = f"（{index}）{part.whole.strip()}" if language == "zh" else f"({index}) {part.whole.strip()}"
        texts.append(f"{label}{'' if language == 'zh' else ' '}{answer.answer}")
        for row in answer.rows:
            key = str((row.get("target"), row.get("owner"), row.get("role"))) if row.get("target") else str(row)
            if key not in seen_rows:
                seen_rows.add(key)
                rows.append({**row, "asked": part.whole.strip()})
        for item in answer.evidence:
            if item.get("clause_id") not in seen_clauses:
                seen_clauses.add(item.get("clause_id"))
                evidence.append(item)
        if answer.sparql and answer.sparql not in sparql:
            sparql.append(answer.sparql)
        related += [r for r in answer.related if r not in related]
    found = any(a.found for a in answers)
    # Each found part keeps its own sentence in the lead, within an equal share of its length.
    leads = [a.lead for a in answers if (a.found or a.evidence) and a.lead]  # a found clause leads too
    share = max(80, LEAD_CHARS // max(1, len(leads)))
    lead = ("" if language == "zh" else " ").join(lead_of(text, share, language) for text in leads)
    return Answer(
        question=question, language=language, intent=intent,
        answer=("" if language == "zh" else "\n").join(texts),
        rows=rows, evidence=evidence,
        sparql="\n\n# ---- next part ----\n\n".join(sparql) if sparql else None,
        confidence=min(a.confidence for a in answers),
        related=related if not found else [], found=found,
        slots={**answers[0].slots, "parts": [{"asked": p.whole, "intent": a.intent, "found": a.found,
                                              "slots": a.slots} for p, a in zip(parts, answers)]},
        lead=lead,
    )


_JOINED = re.compile(r"以及|和|与|及|、")


def split_respectively(parsed: Question) -> list[str]:
    """``A和B分别达到多少家``: one question per item of the list before 分别 (two indicators, never one
    made of both), each with the place and year written before the list.

    Years joined before 分别 (2018年和2022年分别) are left alone: the years slot holds them all.

    >>> from plankg.qa.parse import Question
    >>> from plankg.qa.places import PlaceSlot
    >>> from plankg.qa.years import TimeSlot
    >>> split_respectively(Question("甲指标和乙指标分别是多少？", "zh", TimeSlot(), PlaceSlot()))
    ['甲指标是多少？', '乙指标是多少？']
    """
    text = parsed.text
    at = text.find("分别")
    if at <= 0:
        return [text]
    before = [end for start, end in parsed.blanks if end <= at]
    start = max(before, default=0)
    segment = text[start:at]
    lead = re.match(r"^[的在中，,\s]*", segment)
    skip = lead.end() if lead else 0
    items = [item for item in _JOINED.split(segment[skip:]) if item]
    if len(items) < 2 or any(len(item) < 2 or re.fullmatch(r"[\d年月底末]+", item) for item in items):
        return [text]
    head, rest = text[:start + skip], text[at + 2:]
    return [f"{head}{item}{rest}" for item in items][:MAX_PARTS]
