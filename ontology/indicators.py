"""Canonical indicator scheme: load ``indicators.ttl`` and match indicator phrases to concepts.

The Turtle file is the source of truth; it is parsed once (lazily, with rdflib) and cached.

Example:
    >>> scheme = load_scheme()
    >>> scheme.match("全社会R&D经费支出占GDP比重(%)").id
    'rd_intensity'
    >>> scheme.match("力争新增国家高新技术企业").id
    'high_tech_enterprises'
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

INDICATOR_NS = "https://w3id.org/plankg/indicator/"
SCHEME_IRI = INDICATOR_NS + "scheme"
PROPOSED_PREFIX = "proposed:"
_TTL_PATH = Path(__file__).with_name("indicators.ttl")

# Labels this short (高企, 院士, 排名) occur inside unrelated words (提高企业 contains 高企), so
# they only match at the start of a phrase once these leading qualifiers are stripped.
_SHORT_LABEL_MAX = 2
_LEADING_QUALIFIERS = re.compile(
    r"^(?:力争|争取|确保|全年|年内|累计|新增|新引进|引进|新认定|认定|培育|建成|创成|柔性合作|"
    r"国家级|国家|省级|省|市级|市|区级|区|县级|各类|全市|全区|全省|全县|每年|新)+"
)
_SPACES = re.compile(r"\s+")
#: A phrase that goes on past a label to a measure of its own (高新技术企业 + 有效发明专利拥有量)
#: uses the label as a modifier: it names that measure, not the label's count.
_OWN_HEAD = re.compile(r"(?:拥有量|产值|收入|营收|增加值|经费|成交额|交易额|面积|人数)$")
_INNER_VERB = re.compile(r"(?<=[\u4e00-\u9fff])实现(?=[\u4e00-\u9fff]{2})")


@dataclass(frozen=True)
class Concept:
    """One SKOS concept of the indicator scheme.

    Attributes:
        id: Short key (the concept's ``skos:notation``), e.g. ``rd_intensity``.
        iri: Full IRI of the concept.
        label_zh: Chinese ``skos:prefLabel``.
        label_en: English ``skos:prefLabel``.
        alt_labels: Surface forms (``skos:altLabel``), normalised, longest first.
        broader: Id of the category concept, or None for categories themselves.
        definition: English ``skos:definition`` ("" when absent).
        alt_labels_en: English phrasings (``skos:altLabel`` in English), lower case, sorted.
    """

    id: str
    iri: str
    label_zh: str
    label_en: str
    alt_labels: tuple[str, ...] = ()
    broader: str | None = None
    definition: str = ""
    alt_labels_en: tuple[str, ...] = ()


_MEASURE_WORDS = (("share", re.compile(r"(?:比重|占比|比例|覆盖率|建有率|设置率)$")),
                  ("intensity", re.compile(r"强度$")), ("growth", re.compile(r"(?:增长|增速|增幅|增长率)$")))


_COUNT_TAIL = re.compile(r"(?:数量|总数|总量|家数|个数|数)?(?:.{0,2})")


def _measure_word(phrase: str) -> str | None:
    """What a phrase's last word says it measures: a share, an intensity or a growth (else None)."""
    return next((name for name, pattern in _MEASURE_WORDS if pattern.search(phrase)), None)


def normalize_phrase(phrase: str) -> str:
    """Normalise an indicator phrase for matching.

    Full-width forms become half-width (NFKC: ＲＤ２％ -> RD2%), whitespace is removed, ASCII
    letters are upper-cased, and 规模以上 is shortened to the usual 规上. Qualifiers such as
    省级/市级 are kept: they distinguish concepts (市级企业研发中心 vs 省级企业研发中心).
    """
    text = unicodedata.normalize("NFKC", phrase)
    # 研究与试验发展(R&D)经费: the bracketed gloss repeats the name.
    text = re.sub(r"\((?:R&D|RD|R&amp;D)\)", "", _SPACES.sub("", text), flags=re.I).upper()
    return text.replace("规模以上", "规上")


def proposed_id(phrase: str) -> str:
    """Id for a phrase that matches no concept: ``proposed:<normalised phrase>``."""
    return PROPOSED_PREFIX + normalize_phrase(phrase)


def proposed_iri(indicator_id: str) -> str:
    """Deterministic IRI for a ``proposed:`` indicator id (hash of its normalised phrase)."""
    phrase = indicator_id[len(PROPOSED_PREFIX):] if indicator_id.startswith(PROPOSED_PREFIX) else indicator_id
    digest = hashlib.sha1(normalize_phrase(phrase).encode("utf-8")).hexdigest()[:12]
    return f"{INDICATOR_NS}proposed-{digest}"


class IndicatorScheme:
    """The canonical indicators with phrase matching.

    Attributes:
        concepts: Indicator concepts (categories excluded), in file order of their ids.
        categories: Category concepts (the scheme's top concepts).
    """

    def __init__(self, concepts: list[Concept], categories: list[Concept]) -> None:
        self.concepts: tuple[Concept, ...] = tuple(concepts)
        self.categories: tuple[Concept, ...] = tuple(categories)
        self._by_id = {c.id: c for c in (*self.concepts, *self.categories)}
        # (normalised label, concept), longest label first so the first hit is the best one.
        pairs: dict[str, Concept] = {}
        for concept in self.concepts:
            for label in (concept.label_zh, *concept.alt_labels):
                pairs.setdefault(normalize_phrase(label), concept)
        self._labels = sorted(pairs.items(), key=lambda item: (-len(item[0]), item[0]))

    def by_id(self, concept_id: str) -> Concept | None:
        """Return the concept (indicator or category) with this id, or None."""
        return self._by_id.get(concept_id)

    def match(self, phrase: str) -> Concept | None:
        """Return the concept whose longest label occurs in ``phrase``, or None.

        Args:
            phrase: An indicator phrase as written (全社会R&D经费投入占GDP比重, 新增省科技型中小企业).
        """
        # 高新技术产业实现增加值 names 高新技术产业增加值: the verb sits inside the noun phrase.
        text = _INNER_VERB.sub("", normalize_phrase(phrase))
        if not text:
            return None
        head = _LEADING_QUALIFIERS.sub("", text)
        kind = _measure_word(text)
        for label, concept in self._labels:
            # A Chinese noun phrase ends in its head: ……企业数量占全部工业企业数量比重 is a share,
            # so a count's label inside it does not name it.
            if kind and _measure_word(label) != kind:
                continue
            if len(label) <= _SHORT_LABEL_MAX:
                # 高新技术企业数量 is the count; 高新技术企业有效发明专利拥有量 is about something else.
                if text == label or head.startswith(label) and _COUNT_TAIL.fullmatch(head[len(label):]):
                    return concept
            elif label in text and not _OWN_HEAD.search(text[text.rindex(label) + len(label):]):
                return concept
        return None

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)


def _parse_scheme(path: Path) -> IndicatorScheme:
    import rdflib
    from rdflib.namespace import RDF, SKOS

    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    scheme = rdflib.URIRef(SCHEME_IRI)
    top = set(graph.objects(scheme, SKOS.hasTopConcept)) | set(graph.subjects(SKOS.topConceptOf, scheme))

    def labels(node: rdflib.term.Node, prop: rdflib.URIRef, lang: str) -> list[str]:
        return sorted(str(o) for o in graph.objects(node, prop) if getattr(o, "language", None) == lang)

    concepts: list[Concept] = []
    categories: list[Concept] = []
    for node in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
        if (node, SKOS.inScheme, scheme) not in graph:
            continue
        iri = str(node)
        notation = graph.value(node, SKOS.notation)
        concept_id = str(notation) if notation is not None else iri.rsplit("/", 1)[-1]
        broader_node = graph.value(node, SKOS.broader)
        broader = None
        if broader_node is not None:
            broader_notation = graph.value(broader_node, SKOS.notation)
            broader = str(broader_notation) if broader_notation is not None else str(broader_node).rsplit("/", 1)[-1]
        zh = labels(node, SKOS.prefLabel, "zh")
        en = labels(node, SKOS.prefLabel, "en")
        alts = sorted({normalize_phrase(a) for a in labels(node, SKOS.altLabel, "zh")}, key=lambda a: (-len(a), a))
        definition = graph.value(node, SKOS.definition)
        concept = Concept(
            id=concept_id,
            iri=iri,
            label_zh=zh[0] if zh else concept_id,
            label_en=en[0] if en else concept_id,
            alt_labels=tuple(alts),
            broader=broader,
            definition=str(definition) if definition is not None else "",
            alt_labels_en=tuple(sorted({a.lower() for a in labels(node, SKOS.altLabel, "en")})),
        )
        (categories if node in top else concepts).append(concept)
    return IndicatorScheme(concepts, categories)


@functools.lru_cache(maxsize=4)
def load_scheme(path: str | None = None) -> IndicatorScheme:
    """Parse the indicator scheme once and cache it.

    Args:
        path: Another Turtle file with the same structure; default the packaged ``indicators.ttl``.
    """
    return _parse_scheme(Path(path) if path else _TTL_PATH)
