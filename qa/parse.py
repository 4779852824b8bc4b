"""Understanding a question: language, slots (indicator, region, years, organisation, entity) and intent."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, cast

from plankg.qa.answer import TARGET_INTENTS, Intent
from plankg.qa.entities import EntityFinder, EntityHit, EntityType, name_like, parse_entity_types
from plankg.qa.indicator_slot import IndicatorHit, IndicatorMatcher
from plankg.qa.intents import IntentResult, SlotFlags, classify
from plankg.qa.language import Language, detect_language
from plankg.qa.orgs import OrgHit, OrgResolver
from plankg.qa.places import PlaceSlot, parse_places
from plankg.qa.years import TimeSlot, parse_time

#: Intents about targets: an entity's name in such a question may hold its place and indicator.
#: So are English questions about who answers for something (which unit is responsible for …): the
#: type word is the owner asked for, not what is listed.
_TARGET_WORDS = re.compile(r"目标|指标|多少|\btargets?\b|\bgoals?\b|\bhow many\b|\bhow much\b|"
                           r"\bresponsible\b|\bin charge\b", re.IGNORECASE)
_LIST_CUE_BEFORE = re.compile(r"(有哪些|有什么|哪些|列出|列举|有几[个家所]|有多少[个家所]|都有|which|what|list|"
                              r"how many|are there)\W{0,3}(\w+\W{0,2}){0,2}$", re.IGNORECASE)


_LIST_CUE_AFTER = re.compile(r"\W{0,2}(都|还|一共|共)?(有哪些|有什么|有几[个家所]|有多少[个家所]|是哪些|包括哪些|名单|清单|"
                             r"列表|\s+(are|is) there|\s+in\b)", re.IGNORECASE)


@dataclass
class Vocabulary:
    """What the parser matches against: indicators, known organisations and entities."""

    indicators: IndicatorMatcher
    orgs: OrgResolver
    entities: EntityFinder
    #: Places of the corpus's documents (``plankg.qa.doc_places.CorpusPlaces``), or None.
    places: Any = None


@dataclass
class Question:
    """A question as understood, before anything is looked up: its language, the places, years,
    organisations, indicators and entities it names, and what it asks for (the intent).

    Built in one pass by :func:`plankg.qa.understand.understand`; the handlers answer from it.
    """

    text: str
    language: Language
    time: TimeSlot
    places: PlaceSlot
    orgs: list[OrgHit] = field(default_factory=list)
    indicators: list[IndicatorHit] = field(default_factory=list)
    entity_types: list[EntityType] = field(default_factory=list)
    entities: list[EntityHit] = field(default_factory=list)
    entity_names: list[str] = field(default_factory=list)
    masked: str = ""
    intent: IntentResult | None = None
    blanks: list[tuple[int, int]] = field(default_factory=list)
    #: The indicator family the question is about (研发相关目标), or None (``plankg.qa.families``).
    family: Any = None
    #: Answer only facts fitting every slot, none relaxed (documents only presumed to be the place's).
    strict: bool = False

    @property
    def regions(self) -> tuple[str, ...]:
        """The gazetteer regions the question names."""
        return self.places.regions

    @property
    def asks(self) -> Intent:
        """What the question asks for; ``search`` when no intent was chosen."""
        return cast(Intent, self.intent.intent) if self.intent else "search"

    def slots(self) -> dict[str, Any]:
        """What was understood, as plain data (for the answer object)."""
        return {
            "indicators": [{"id": h.id, "label_zh": h.label_zh, "label_en": h.label_en, "method": h.method,
                            "score": h.score} for h in self.indicators],
            "regions": list(self.places.regions),
            "unknown_places": list(self.places.unknown),
            "document_places": [name for name, _ in self.places.documents],
            "years": list(self.time.years),
            "period": list(self.time.period) if self.time.period else None,
            "organisations": [{"surface": o.surface, "names": list(o.names)} for o in self.orgs],
            "entity_types": [{"word": t.surface, "classes": list(t.classes), "keyword": t.keyword}
                             for t in self.entity_types],
            "entities": list(self.entity_names),
            "intent_scores": dict(self.intent.scores) if self.intent else {},
            "family": {"id": self.family.id, "label_zh": self.family.label_zh, "label_en": self.family.label_en,
                       "members": list(self.family.members)} if self.family else None,
            "include_sub_regions": self.places.include_sub,
        }


def parse_question(question: str, vocabulary: Vocabulary) -> Question:
    """Fill the slots of a question and choose its intent."""
    text = question.strip()
    language = detect_language(text)
    time = parse_time(text)
    places = parse_places(text, corpus_places=vocabulary.places)
    entities = vocabulary.entities.find(text)
    if language == "en" and not entities:
        entities = vocabulary.entities.find_english(text)
    entity_spans = [(e.start, e.end) for e in entities]
    entity_names = [e.name for e in entities]
    if language == "zh":
        for name, start, end in name_like(text):
            if not any(start < e and s < end for s, e in entity_spans):
                entity_spans.append((start, end))
                entity_names.append(name)
    all_places = places
    places = places.without(entity_spans)
    orgs = [o for o in vocabulary.orgs.find(text, places.regions)
            if not any(o.start < e and s < o.end for s, e in entity_spans)]
    org_spans = [(o.start, o.end) for o in orgs]
    types = [t for t in parse_entity_types(text, language)
             if not any(t.start < e and s < t.end for s, e in entity_spans + org_spans)]
    blanks = list(time.spans) + list(places.spans) + entity_spans + org_spans
    indicators = _outside_zones(vocabulary.indicators.match(text, language, blanks), places)
    listed = [t for t in types if _LIST_CUE_BEFORE.search(text[:t.start]) or _LIST_CUE_AFTER.match(text[t.end:])]
    if listed and not _TARGET_WORDS.search(text):
        # 温州有哪些实验室: the type word is the subject, not the key-laboratory indicator.
        indicators = [h for h in indicators if h.method == "label" and h.span
                      and not any(h.span[0] < t.end and t.start < h.span[1] for t in types)]
    type_spans = [(t.start, t.end) for t in types
                  if not any(h.span and h.span[0] < t.end and t.start < h.span[1] for h in indicators)]
    masked = _masked(text, [(s, "〈年〉") for s in time.spans] + [(s, "〈地〉") for s in places.spans]
                     + [(s, "〈实体〉") for s in entity_spans] + [(s, "〈单位〉") for s in org_spans]
                     + [(h.span, "〈指〉") for h in indicators if h.span])
    flags = SlotFlags(
        indicator=bool(indicators),
        region=bool(places.regions or places.unknown or places.documents),
        year=bool(time.years),
        period=time.period is not None,
        org=bool(orgs),
        # 路桥区人才相关的目标有哪些 asks for targets: a type word counts only when it is what is listed.
        entity_type=bool(type_spans) and (bool(listed) or not _TARGET_WORDS.search(text)),
        entity_name=bool(entity_names),
        entity_type_after_cue=bool(listed),
    )
    parsed = Question(text, language, time, places, orgs, indicators,
                            [t for t in types if (t.start, t.end) in type_spans], entities, entity_names, masked,
                            blanks=blanks)
    # English entity names can swallow verbs (Wenzhou reach its goal for the ... zone): cues read the question too.
    parsed.intent = classify(masked, language, flags, original=text if language == "en" else "")
    if parsed.intent.intent in TARGET_INTENTS and entity_spans:
        # 温州国家高新区排名的目标完成了吗: the name holds the place and the indicator asked about.
        parsed.places = all_places
        blanks = list(time.spans) + list(all_places.spans) + org_spans
        parsed.indicators = _outside_zones(vocabulary.indicators.match(text, language, blanks), all_places) \
            or indicators
        parsed.blanks = blanks
    return parsed


def _outside_zones(indicators: list[IndicatorHit], places: PlaceSlot) -> list[IndicatorHit]:
    """天津高新区: the zone word is the place, not the count of zones (an indicator named 高新区排名 stays)."""
    return [h for h in indicators if not any(h.span and start <= h.span[0] and h.span[1] <= end
                                             for _, _, start, end in places.zones)]


def _masked(text: str, replacements: list[tuple[tuple[int, int], str]]) -> str:
    """Replace non-overlapping spans (earlier-listed wins) with their mask tokens."""
    chosen: list[tuple[int, int, str]] = []
    for (start, end), token in replacements:
        if not any(start < e and s < end for s, e, _ in chosen):
            chosen.append((start, end, token))
    out = text
    for start, end, token in sorted(chosen, reverse=True):
        out = out[:start] + token + out[end:]
    return out
