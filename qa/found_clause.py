"""A clause found by search that writes the asked indicator and a figure, for when the graph has no fact.

Extraction misses figures (a table flattened into one line, a value written far from its name).
Such a figure is still in a clause, and clause search finds it. When no extracted fact fits the
question, or only one that had to give way on its year, the clause that writes the asked
indicator's words, a figure after them and (when a year is asked) that year is shown as found
text, never as a fact: its words are quoted, no value is read out of it.

Only clauses of the asked place's documents count, or of documents stating no place that name it
(labelled so); a question naming no place may be answered from any document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from plankg.ontology.regions import load_gazetteer
from plankg.qa.context import AnswerContext
from plankg.qa.doc_places import short_forms
from plankg.qa.indicator_slot import residual_zh
from plankg.qa.parse import Question
from plankg.qa.years import parse_time

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SLOT = re.compile(r"〈[^〉]*〉")

#: Clauses searched for one; the first that fits is shown.
SEARCH_K = 8
#: Characters quoted before the asked words (back to a stop) and after them (to a stop).
BEFORE_CHARS = 30
AFTER_CHARS = 90
#: A figure must follow the asked words within this many characters.
FIGURE_GAP = 40
_STOP = "。；;！!？?\n"
_FIGURE = re.compile(r"\d")
_MIN_WORD = 3
_MIN_UNREAD = 4


@dataclass(frozen=True)
class FoundClause:
    """A clause found by search: where, the quoted words, and whether its document states a place."""

    clause_id: str
    doc: str
    quote: str
    unplaced: bool


def search_query(parsed: Question) -> str:
    """A Chinese query for clause search (English questions reach Chinese clauses through labels)."""
    if parsed.language == "zh":
        return parsed.text
    words = [h.label_zh for h in parsed.indicators[:3]]
    words += list(parsed.regions) + [o.surface for o in parsed.orgs] + list(parsed.entity_names)
    words += _CJK_RUN.findall(parsed.text)
    words += [t.keyword for t in parsed.entity_types if t.keyword]
    query = " ".join(dict.fromkeys(w for w in words if w))
    return query or parsed.text


def asked_words(parsed: Question) -> list[str]:
    """The names of the indicators a question asks about (three characters or more), longest first."""
    words = set()
    for hit in parsed.indicators:
        # A proposed indicator's label is a phrase extraction wrote, often with figures in it: only
        # the words the question shares with it count.
        names = (hit.surface,) if hit.method == "proposed" else (hit.surface, hit.label_zh)
        for name in names:
            if name and len(name) >= _MIN_WORD and re.search(r"[\u4e00-\u9fff]", name) and not re.search(r"\d", name):
                words.add(name)
    if parsed.language == "en":
        # A Chinese term in an English question (how much 苏科贷 lending) is what it asks about.
        words.update(run for run in _CJK_RUN.findall(_SLOT.sub(" ", parsed.masked)) if len(run) >= _MIN_WORD)
    return sorted(words, key=len, reverse=True)


def _pieces(parsed: Question) -> list[str]:
    """The question's own words outside its slots and cue words (Chinese questions only)."""
    if parsed.language != "zh":
        return []
    return [piece for piece in residual_zh(_SLOT.sub("|", parsed.masked)).split("|") if len(piece) >= _MIN_UNREAD]


def _shared(pieces: list[str], text: str) -> str:
    """The longest run of the question's words the text writes (four characters or more), or ''."""
    best = ""
    for piece in pieces:
        for i in range(len(piece)):
            for j in range(i + max(len(best), _MIN_UNREAD - 1) + 1, len(piece) + 1):
                if piece[i:j] not in text:
                    break
                if j - i > len(best):
                    best = piece[i:j]
    return best if len(_CJK.findall(best)) >= _MIN_UNREAD else ""


def _allowed_documents(ctx: AnswerContext, parsed: Question) -> tuple[set[str] | None, set[str]]:
    """Documents whose clauses may answer (None: any), and which of them state no place."""
    if parsed.places.documents and not parsed.regions:
        return set().union(*(ids for _, ids in parsed.places.documents)), set()
    if not parsed.regions:
        return (None, set()) if not parsed.places.unknown else (set(), set())
    gazetteer = load_gazetteer()
    wanted = set(parsed.regions)
    for region in parsed.regions:
        wanted |= {r.name for r in gazetteer.descendants(region)}
    forms = {form for region in parsed.regions for form in short_forms(region) if len(form) >= 2}
    placed, unplaced = set(), set()
    for doc in ctx.records.documents.values():
        if doc.region in wanted or (doc.parent_region in wanted and doc.region is None):
            placed.add(doc.id)
        elif doc.region is None and any(form in (doc.text or "") for form in forms):
            unplaced.add(doc.id)
    if not placed:
        # A place no document states as its own: documents that state none may be its.
        unplaced |= {doc.id for doc in ctx.records.documents.values() if doc.region is None}
    return placed | unplaced, unplaced


def _quote(text: str, words: list[str]) -> str | None:
    """The words around the first asked word that a figure follows, cut at stops; None when none."""
    for word in words:
        start = text.find(word)
        while start >= 0:
            after = text[start + len(word):start + len(word) + FIGURE_GAP]
            if _FIGURE.search(after):
                head = text[max(0, start - BEFORE_CHARS):start]
                cut = max(head.rfind(stop) for stop in _STOP + "，,")
                head = head[cut + 1:] if cut >= 0 else head
                tail = text[start:start + len(word) + AFTER_CHARS]
                stops = [tail.find(stop, len(word)) for stop in _STOP]
                stops = [s for s in stops if s >= 0]
                tail = tail[:min(stops) + 1] if stops else tail
                return (head + tail).strip()
            start = text.find(word, start + 1)
    return None


_WRITTEN_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")


def _writes_asked_time(parsed: Question, text: str, doc: Any) -> bool:
    """Does the clause (or its document's years) write a year the question asks about, or the
    five-year plan it asks about (a plan's name alone does not stand for each of its years)?"""
    time = parsed.time
    if not time.years and time.period is None:
        return True
    if any(time.covers(int(year)) for year in _WRITTEN_YEAR.findall(text)):
        return True
    written = parse_time(text).period
    if time.period and written and written[0] <= time.period[1] and time.period[0] <= written[1]:
        return True
    years = list(doc.years or ()) + list(doc.reported_years or ()) if doc is not None else []
    return any(time.covers(year) for year in years)


def find_clause(ctx: AnswerContext, parsed: Question, cited: set[str] | None = None,
                year_written: bool = False) -> FoundClause | None:
    """The first searched clause that writes the asked words with a figure after them.

    Args:
        cited: Clauses already shown as evidence (a figure there was read; not found again).
        year_written: Only a clause writing the asked year itself counts (the facts found were of
            another year, or of none stated).
    """
    words, pieces = asked_words(parsed), _pieces(parsed)
    if not words and not pieces:
        return None
    allowed, unplaced = _allowed_documents(ctx, parsed)
    if allowed is not None and not allowed:
        return None
    filters = {"doc": sorted(allowed)} if allowed is not None else None
    try:
        hits = ctx.search.search(search_query(parsed), k=SEARCH_K, filters=filters)
    except Exception:  # noqa: BLE001 - a found clause is a courtesy; a search failure must not hide the answer
        return None
    for hit in hits:
        clause = ctx.records.clause(hit.get("clause_id"))
        if clause is None or clause.id in (cited or set()):
            continue
        if allowed is not None and clause.doc_id not in allowed:
            continue
        shared = _shared(pieces, clause.text)
        quote = _quote(clause.text, sorted(set(words) | ({shared} if shared else set()), key=len, reverse=True))
        if quote is None:
            continue
        doc = ctx.records.documents.get(clause.doc_id)
        text = quote if year_written else clause.text
        if year_written and not (parsed.time.years or parsed.time.period):
            return None
        if not (_writes_asked_time(parsed, text, None if year_written else doc)):
            continue
        return FoundClause(clause.id, hit.get("doc") or clause.doc_id, quote, clause.doc_id in unplaced)
    return None
