"""Entity types (研究院, 实验室, 园区, labs, parks...) and named entities in a question.

A type word maps to the graph's entity classes and, when it is narrower than its class, to a
keyword the entity's name must contain (实验室: institutes whose name holds 实验室).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from plankg.ontology.regions import load_gazetteer
from plankg.qa.lexicon import ENGLISH_NAME_PARTS

# (pattern, classes to list, keyword the name must contain or None, English label)
_TYPE_WORDS_ZH: tuple[tuple[str, tuple[str, ...], str | None, str], ...] = (
    ("重点实验室", ("institute", "organization", "park", "programme"), "重点实验室", "key laboratories"),
    ("实验室", ("institute", "organization", "park", "programme"), "实验室", "laboratories"),
    ("新型研发机构", ("institute", "organization"), None, "new-type R&D institutions"),
    ("研究院|研究所", ("institute", "organization"), "研究", "research institutes"),
    ("研发机构|科研机构|科研院所|创新机构|院所|高校", ("institute",), None, "research institutions"),
    ("工程技术研究中心|研究中心|创新中心|研发中心|技术中心", ("institute", "organization", "park"), "中心", "centres"),
    ("孵化器|众创空间|加速器", ("park", "institute", "organization"), None, "incubators"),
    ("综合体", ("park", "institute", "programme"), "综合体", "innovation complexes"),
    ("高新区|开发区|集聚区|产业园|科技园|园区|科技城|小镇|走廊|基地|平台|载体", ("park",), None, "parks and zones"),
    ("计划|工程|专项|项目|行动|政策", ("programme",), None, "programmes"),
    ("专家|人才|院士|领导|人物", ("person",), None, "people"),
    ("单位|部门|机构", ("organization", "division"), None, "organisations"),
)
_TYPE_WORDS_EN: tuple[tuple[str, tuple[str, ...], str | None, str], ...] = (
    (r"key lab(?:oratorie)?s?|key laborator(?:y|ies)", ("institute", "organization", "park", "programme"),
     "重点实验室", "key laboratories"),
    (r"lab(?:oratorie)?s?\b|laborator(?:y|ies)", ("institute", "organization", "park", "programme"), "实验室",
     "laboratories"),
    # As their Chinese words: an institute is named 研究…, a centre …中心; "institutions" takes any institute.
    (r"research institutes?|institutes?", ("institute", "organization"), "研究", "research institutes"),
    (r"research institutions?", ("institute",), None, "research institutions"),
    (r"research cent(?:re|er)s?", ("institute", "organization", "park"), "中心", "centres"),
    (r"incubators?|maker ?spaces?", ("park", "institute", "organization"), None, "incubators"),
    (r"parks?|zones?|corridors?|clusters?|bases?(?!\s+stations?)|platforms?", ("park",), None, "parks and zones"),
    (r"programmes?|programs?|projects?|initiatives?|plans?", ("programme",), None, "programmes"),
    (r"people|persons?|experts?|leaders?|talents?", ("person",), None, "people"),
    (r"organi[sz]ations?|agenc(?:y|ies)|bureaus?|departments?|units?", ("organization", "division"), None,
     "organisations"),
)


@dataclass(frozen=True)
class EntityType:
    """An entity type asked about: classes to list, a name keyword, the word written."""

    classes: tuple[str, ...]
    keyword: str | None
    surface: str
    label_en: str
    start: int
    end: int


@dataclass(frozen=True)
class EntityRecord:
    """A named entity of the graph (institute, park, programme, person...)."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    region: str | None = None


@dataclass(frozen=True)
class EntityHit:
    """A named entity mentioned in a question."""

    name: str
    type: str
    surface: str
    start: int
    end: int


def parse_entity_types(text: str, language: str) -> list[EntityType]:
    """Entity-type words of a question in order (the most specific where words overlap).

    >>> [t.keyword for t in parse_entity_types("温州有哪些研究院和实验室", "zh")]
    ['研究', '实验室']
    """
    table = _TYPE_WORDS_EN if language == "en" else _TYPE_WORDS_ZH
    flags = re.IGNORECASE if language == "en" else 0
    found: list[EntityType] = []
    for pattern, classes, keyword, label_en in table:  # most specific first
        bound = r"\b(?:" + pattern + r")\b" if language == "en" else "(?:" + pattern + ")"
        for match in re.finditer(bound, text, flags):
            if any(match.start() < t.end and t.start < match.end() for t in found):
                continue
            found.append(EntityType(classes, keyword, match.group(), label_en, match.start(), match.end()))
    return sorted(found, key=lambda t: t.start)


# An entity-like name the graph may not know: 浙大温州研究院, 瓯江实验室, 环大罗山科创走廊.
_NAME_LIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9“”\"]{2,14}?(?:研究院|实验室|研究所|研究中心|创新中心|研发中心|"
                        r"科技城|科创走廊|走廊|产业园|科技园|园区|基地|综合体|孵化器|众创空间)")


_SUFFIX = re.compile(r"(?:研究院|实验室|研究所|研究中心|创新中心|研发中心|科技城|科创走廊|走廊|产业园|科技园|园区|基地|综合体|"
                     r"孵化器|众创空间)$")
_NOT_IN_NAMES = "的有些么是在和与及、，,？?哪几少个各家所"
#: Question and role words never inside a name: 哪些单位负责众创空间目标 names no 单位负责众创空间.
_NOT_NAME_WORDS = re.compile(r"谁|负责|牵头|承担|配合|单位|部门|新增|培育|建设|引进|目标|指标")


def name_like(text: str) -> list[tuple[str, int, int]]:
    """Entity-like names in ``text`` as (name, start, end), whether or not the graph knows them."""
    names = []
    for match in _NAME_LIKE.finditer(text):
        name, start = match.group(), match.start()
        cut = max((name.rfind(c) for c in _NOT_IN_NAMES), default=-1)
        if cut >= 0:
            name, start = name[cut + 1:], start + cut + 1
        words = list(_NOT_NAME_WORDS.finditer(name))
        if words:
            name, start = name[words[-1].end():], start + words[-1].end()
        suffix = _NAME_LIKE.fullmatch(name)
        if suffix and len(name) - len(_SUFFIX.search(name).group()) >= 2:
            names.append((name, start, match.end()))
    return names


class EntityFinder:
    """Finds graph entities named in a question by canonical name or alias (longest first)."""

    def __init__(self, records: Iterable[EntityRecord]) -> None:
        parts = dict(ENGLISH_NAME_PARTS)
        for region in load_gazetteer().regions.values():
            if region.en:
                parts.setdefault(region.en.lower(), region.short)
        self._english_parts = sorted(parts.items(), key=lambda item: -len(item[0]))
        self.records = list(records)
        self.forms: dict[str, EntityRecord] = {}
        for record in self.records:
            for form in (record.name, *record.aliases):
                if len(form) >= 3 and form not in self.forms:
                    self.forms[form] = record
        ordered = sorted(self.forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(f) for f in ordered)) if ordered else None

    def find_english(self, text: str) -> list[EntityHit]:
        """An entity named in English by its parts (Wenzhou Research Institute of Zhejiang University).

        The parts are translated (浙江大学, 温州, 研究院); the entity whose Chinese name or alias
        contains them all is the one meant, if it is the only such entity.
        """
        lowered = text.lower()
        found: list[tuple[str, int, int]] = []
        plural: set[str] = set()
        for english, chinese in self._english_parts:
            for match in re.finditer(r"\b" + re.escape(english) + r"(s?)\b", lowered):
                if not any(match.start() < e and s < match.end() for _, s, e in found):
                    found.append((chinese, match.start(), match.end()))
                    if match.group(1):
                        plural.add(chinese)
        # A part in the plural (which research institutes…) is the kind asked for, not a piece of one name.
        pieces = {chinese for chinese, _, _ in found} - plural
        if len(pieces) < 2:
            return []
        matches = [r for r in self.records
                   if any(all(p in form for p in pieces) for form in (r.name, *r.aliases))]
        if len(matches) != 1:
            return []
        start = min(s for _, s, _ in found)
        end = max(e for _, _, e in found)
        return [EntityHit(matches[0].name, matches[0].type, text[start:end], start, end)]

    def find(self, text: str) -> list[EntityHit]:
        """Entities named in ``text``."""
        if self._pattern is None:
            return []
        hits = []
        for match in self._pattern.finditer(text):
            record = self.forms[match.group()]
            hits.append(EntityHit(record.name, record.type, match.group(), match.start(), match.end()))
        return hits
