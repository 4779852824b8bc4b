"""The question-answering engine: loads the graph, records, index and vocabulary once; answers many."""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from plankg.ontology.indicators import load_scheme
from plankg.ontology.regions import load_gazetteer
from plankg.qa.answer import Answer, Intent, QAError
from plankg.qa.answer_entities import answer_entity_list, answer_entity_profile
from plankg.qa.answer_family import answer_family_owners
from plankg.qa.answer_series import answer_evolution, answer_plan_vs_outcome
from plankg.qa.answer_targets import answer_owners, answer_unit_targets, answer_value
from plankg.qa.answer_text import answer_search
from plankg.qa.backend import GraphBackend, RecordIndex, SparqlBackend
from plankg.qa.catalogue import load_entities, load_organisations, load_proposed_indicators
from plankg.qa.context import AnswerContext, Collector
from plankg.qa.doc_places import (
    CorpusPlaces,
    DocumentScopedGraph,
    named_inside,
    placeless_at_level,
    unstated_documents,
    zone_documents,
)
from plankg.qa.entities import EntityFinder
from plankg.qa.fact_fit import unread_words
from plankg.qa.indicator_slot import IndicatorMatcher
from plankg.qa.not_found import not_found, uncovered_places
from plankg.qa.orgs import OrgResolver
from plankg.qa.parse import Question, Vocabulary
from plankg.qa.parts import PART_INTENTS, Part, make_whole, merge_answers, split_parts, split_respectively
from plankg.qa.places import level_below
from plankg.qa.search import ClauseSearch
from plankg.qa.understand import WEAK_MATCH, understand

if TYPE_CHECKING:
    from plankg.ingest.records import Corpus

MAX_QUESTION_CHARS = 500


def _handlers() -> dict[Intent, Callable[[AnswerContext, Question], Answer]]:
    return {
        "target_owners": answer_owners,
        "target_value": answer_value,
        "unit_targets": answer_unit_targets,
        "evolution": answer_evolution,
        "plan_vs_outcome": answer_plan_vs_outcome,
        "entity_list": answer_entity_list,
        "entity_profile": answer_entity_profile,
        "search": answer_search,
    }


class Resources(Protocol):
    """What the engine needs from a workspace (``plankg.workspace.Workspace`` provides it)."""

    def corpus(self) -> Corpus: ...

    def graph(self) -> Any: ...

    def searcher(self) -> ClauseSearch: ...


class QAEngine:
    """Answers questions over one workspace; everything heavy is loaded once.

    Args:
        workspace: The resources to answer from: records, graph store and clause search
            (a ``plankg.workspace.Workspace``; ``plankg.open()`` builds the engine for you).
        graph: A graph backend to use instead of the workspace's graph (tests, other stores).
        search: A clause search to use instead of the workspace's.
    """

    def __init__(self, workspace: Resources, graph: GraphBackend | None = None,
                 search: ClauseSearch | None = None) -> None:
        self.workspace = workspace
        self.records = RecordIndex(workspace.corpus())
        self.store = None
        if graph is None:
            self.store = workspace.graph()
            graph = SparqlBackend(self.store)
        self.graph = graph
        self.search = search if search is not None else workspace.searcher()
        self.vocabulary = self._vocabulary()
        self.context = AnswerContext(graph, self.records, self.search, self.vocabulary.orgs)
        self.handlers = _handlers()
        self._lock = threading.Lock()

    def _vocabulary(self) -> Vocabulary:
        store = self.store if self.store is not None else getattr(self.graph, "store", None)
        orgs = load_organisations(store) if store is not None else []
        entities = load_entities(store) if store is not None else []
        proposed = load_proposed_indicators(store) if store is not None else []
        encode = getattr(self.search, "encode", None)

        return Vocabulary(IndicatorMatcher(load_scheme(), proposed, encode), OrgResolver(orgs), EntityFinder(entities),
                          CorpusPlaces.from_documents(list(self.records.corpus.documents)))

    def parse(self, question: str) -> Question:
        """Language, slots and intent of a question (no queries run)."""
        return understand(_checked(question), self.vocabulary)

    def ask(self, question: str) -> Answer:
        """Answer one question.

        Raises:
            QAError: The question is empty or too long.
        """
        parsed = self.parse(question)
        with self._lock:  # stores and the encoder are shared; keep one question at a time
            if parsed.asks != "search":
                pieces = split_parts(parsed.text, parsed.language)
                if len(pieces) == 1 and parsed.language == "zh":
                    pieces = split_respectively(parsed)
                if len(pieces) > 1:
                    return self._ask_parts(parsed, pieces)
            return self._ask_one(parsed, parsed.asks)

    def _ask_one(self, parsed: Question, intent: Intent) -> Answer:
        # A place no document states as its own, named inside documents that state none: the
        # answer comes from those, each figure's place labelled as not stated.
        below = self._below(parsed) if intent != "search" else None
        if below is not None:
            # 这个陕西的县: a place of that level inside the one named, known only from documents that
            # state no place and speak at that level; their figures answer when every slot fits.
            answer = self._answer(below, intent, "unstated")
            if answer.found:
                return answer
        inside = self._named_inside(parsed) if intent != "search" else []
        answer = self._answer(parsed, intent, "named" if inside else "")
        if answer.found or inside or intent == "search":
            return answer
        unstated = self._unstated(parsed)
        if unstated is None:
            return answer
        # Documents that name no place but speak of theirs at the asked level (我县, 全省): their
        # figures answer only when the indicator and year single them out, labelled as such.
        other = self._answer(unstated, intent, "unstated")
        return other if other.found else answer

    def _below(self, parsed: Question) -> Question | None:
        """The question kept to documents stating no place at the level it asks below a named
        place (这个云南的州: documents of a 州 that name none), or None."""
        if not (parsed.indicators or parsed.masked) or parsed.places.documents:
            return None
        mentions, found = [], False
        for mention in parsed.places.mentions:
            below = level_below(parsed.text, mention)
            ids = placeless_at_level(self.vocabulary.places, self.records.documents, below[0]) if below else frozenset()
            if below and ids:
                found = True
                mention = replace(mention, name=f"{mention.name}某{below[0]}", known=False, doc_ids=ids)
            mentions.append(mention)
        if not found:
            return None
        return replace(parsed, places=replace(parsed.places, mentions=tuple(mentions)), strict=True)

    def _unstated(self, parsed: Question) -> Question | None:
        """The question kept to the documents that may be its uncovered place's own, or None."""
        if not parsed.regions or parsed.places.documents or not (parsed.indicators or parsed.masked):
            return None
        uncovered = set(uncovered_places(self.context, parsed)) & set(parsed.regions)
        mentions, found = [], False
        for mention in parsed.places.mentions:
            ids = unstated_documents(self.vocabulary.places, mention.name) if mention.name in uncovered \
                else frozenset()
            if ids:
                found = True
                mention = replace(mention, known=False, doc_ids=ids)
            mentions.append(mention)
        if not found:
            return None
        return replace(parsed, places=replace(parsed.places, mentions=tuple(mentions)), strict=True)

    def _ask_parts(self, whole: Question, pieces: list[str]) -> Answer:
        """A question asking several things (…目标是多少？实际完成了多少？): each part, made whole
        with the place, year and indicator of the part before it, is answered on its own."""
        wholes: list[tuple[Part, Question]] = []
        previous: Question | None = None
        understood = True
        for piece in pieces:
            own = self.parse(piece)
            text = make_whole(previous, own) if previous is not None else piece
            parsed = self.parse(text) if text != piece else own
            wholes.append((Part(piece, text), parsed))
            if parsed.asks in PART_INTENTS and not (parsed.orgs or _solid(parsed) or previous is not None and any(
                    h.surface and h.surface in text for h in _solid(previous)) or _own_subject(own)):
                understood = False  # 其中省级的有多少个: no indicator of its own or borrowed
            previous = parsed
        about_targets = [parsed for _, parsed in wholes if parsed.asks in PART_INTENTS]
        if not about_targets or not understood:
            # Not parts about targets (哪些实验室？其中省级的有多少个？): the question as a whole.
            return self._ask_one(whole, whole.asks)
        # A part keeps what it asks (a list of labs stays a list); one too short to say takes the
        # whole question's intent, or a value's.
        fallback = whole.asks if whole.asks in PART_INTENTS else "target_value"
        answers = [self._ask_one(parsed, parsed.asks if parsed.asks != "search" else fallback)
                   for _, parsed in wholes]
        intent = whole.asks if whole.asks in PART_INTENTS else wholes[0][1].asks
        return merge_answers(whole.text, whole.language, intent, [part for part, _ in wholes], answers)

    def _named_inside(self, parsed: Question) -> list[str]:
        """Places the gazetteer knows but no document states as its own, found named inside
        documents that state no place (a province's news item): the question is kept to those
        documents. Returns the places so re-read."""
        if not parsed.regions or parsed.places.documents:
            return []
        uncovered = set(uncovered_places(self.context, parsed)) & set(parsed.regions)
        zones = {start: zone for zone, _, start, _ in parsed.places.zones}
        mentions, found = [], []
        for mention in parsed.places.mentions:
            ids = named_inside(self.vocabulary.places, mention.name) if mention.name in uncovered else frozenset()
            zone = next((zone for start, zone in zones.items() if mention.start <= start <= mention.end + 4), None)
            if zone is not None and mention.known and not self._has_own_documents(mention.name):
                # 平原示范区: no document is the place's (平原县), but a zone's own report names the zone
                # again and again, whatever place its fields state.
                inside = zone_documents(self.records.documents.values(), zone)
                if inside:
                    ids, mention = inside, replace(mention, name=zone)
            if ids:
                found.append(mention.name)
                mention = replace(mention, known=False, doc_ids=ids)
            mentions.append(mention)
        if found:
            parsed.places = replace(parsed.places, mentions=tuple(mentions))
        return found

    def _has_own_documents(self, region: str) -> bool:
        """Does any document state the place, or a place inside it, as its own?"""
        inside = {region, *(r.name for r in load_gazetteer().descendants(region))}
        return bool(inside & self.records.regions_covered())

    def _answer(self, parsed: Question, intent: Intent, placed_by: str = "") -> Answer:
        """Route a question to its handler (kept to a place's documents when that is all there is).

        ``placed_by``: ``named`` when the place is only named inside those documents, which state
        none of their own (a province's news item may give a city's figure or its own); ``unstated``
        when they name no place at all but speak of theirs at the asked level (我县). Their
        figures are labelled so.
        """
        if parsed.places.unknown and not parsed.regions and intent != "search":
            return not_found(self.context, Collector(parsed, intent), "targets")
        context = self.context
        if parsed.places.documents and not parsed.regions:
            # A place known only from its documents: answer from those documents, never others.
            names = "、".join(name for name, _ in parsed.places.documents)
            if placed_by == "named":
                names += "（文件未写明地区，据文中提及）" if parsed.language == "zh" else " (named in the text)"
            elif placed_by == "unstated":
                names += "（文件未写明地区）" if parsed.language == "zh" else " (place not stated in the document)"
            doc_ids = set().union(*(ids for _, ids in parsed.places.documents))
            context = replace(self.context, graph=DocumentScopedGraph(self.graph, self.records, doc_ids, names))
        if intent == "target_owners" and parsed.family is not None:

            return answer_family_owners(context, parsed, parsed.family)
        return self.handlers[intent](context, parsed)

    def ask_many(self, questions: list[str]) -> list[Answer]:
        """Answer several questions in order."""
        return [self.ask(q) for q in questions]

    def close(self) -> None:
        """Nothing to release: the graph store belongs to the workspace (``Workspace.close``)."""


def _own_subject(part: Question) -> bool:
    """A part that says what it is about in words no slot read, with a place or a year of its own
    (重庆高新区预计到2027年智能网联汽车产业实现产值多少？): its own question, not a follow-up of
    the part before (其中省级的有多少个)."""
    return bool((part.places.mentions or part.time.years) and unread_words(part.masked, part.language))


def _solid(parsed: Question) -> list[Any]:
    """The indicators a question names by more than a short shared run of characters."""
    return [h for h in parsed.indicators if h.method != "partial" or h.score >= WEAK_MATCH]


def _checked(question: str) -> str:
    if not isinstance(question, str) or not question.strip():
        raise QAError("question: empty; ask something such as 路桥区2025年技术交易额目标是多少？")
    if len(question) > MAX_QUESTION_CHARS:
        raise QAError(f"question: {len(question)} characters; keep it under {MAX_QUESTION_CHARS}")
    return question
