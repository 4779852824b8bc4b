"""Policy-term thesaurus and indicator families (SKOS), for query expansion and question scope.

``thesaurus.ttl`` holds policy terms with Chinese synonyms and English names: a Chinese query is
expanded with the synonyms of the terms it contains (研发投入 -> R&D经费, 研究与试验发展经费); an
English query is turned into the Chinese names of the terms it names (technology incubator ->
孵化器 ...). ``indicators.ttl`` holds the families (``skos:Collection``) a question means by
"R&D相关目标": every indicator listed, categories standing for all indicators under them.

Example:
    >>> thesaurus = load_thesaurus()
    >>> "研究与试验发展经费" in thesaurus.expand_zh("研发投入增长")
    True
    >>> "孵化器" in thesaurus.english_to_zh("technology incubator support")
    True
    >>> "rd_intensity" in load_families()["family_rd"].members
    True
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plankg.ontology.glossary import load_glossary, singular
from plankg.ontology.indicators import load_scheme

_THESAURUS_TTL = Path(__file__).with_name("thesaurus.ttl")
#: An English word alone maps to terms only when it names at most this many (incubator: 1; technology: many).
WORD_TERMS = 2
_EN_STOP = set("""the and for with from into onto that this what which who how many much are was were has have
had did does its their our your of in on at by to as an be or not all any per more most new total number
share level plan plans planned target targets goal goals year years""".split())
_INDICATORS_TTL = Path(__file__).with_name("indicators.ttl")


@dataclass(frozen=True)
class Term:
    """One thesaurus concept: its Chinese names (preferred first) and English names."""

    id: str
    zh: tuple[str, ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class Family:
    """An indicator family: the words that name it and the indicator ids it covers.

    Attributes:
        id: Short id (``family_rd``).
        label_zh: Chinese preferred label (研发).
        label_en: English preferred label (R&D).
        words_zh: Chinese words that name the family in a question, longest first.
        words_en: English words that name it, lower case, longest first.
        members: Indicator ids covered (categories already expanded).
    """

    id: str
    label_zh: str
    label_en: str
    words_zh: tuple[str, ...]
    words_en: tuple[str, ...]
    members: tuple[str, ...]


class Thesaurus:
    """Synonym expansion (Chinese) and English-to-Chinese mapping over the policy terms."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = tuple(terms)
        self._zh = sorted(((name, term) for term in terms for name in term.zh), key=lambda p: -len(p[0]))
        self._en = sorted(((name.lower(), term) for term in terms for name in term.en), key=lambda p: -len(p[0]))
        self._en_names = {singular(name) for name, _ in self._en}
        self._en_words: dict[str, list[Term]] = {}
        for term in terms:
            for word in {w for name in term.en for w in singular(name).split()}:
                self._en_words.setdefault(word, []).append(term)

    def terms_in_zh(self, text: str) -> list[Term]:
        """Terms whose Chinese names occur in ``text`` (longest names first, no overlaps)."""
        found: dict[str, Term] = {}
        taken: list[tuple[int, int]] = []
        upper = text.upper()
        for name, term in self._zh:
            start = upper.find(name.upper())
            if start < 0:
                continue
            span = (start, start + len(name))
            if any(span[0] < e and s < span[1] for s, e in taken):
                continue
            taken.append(span)
            found.setdefault(term.id, term)
        return list(found.values())

    def expand_zh(self, text: str, limit: int = 12) -> list[str]:
        """Chinese synonyms of the terms in ``text`` that the text does not already contain."""
        out: list[str] = []
        for term in self.terms_in_zh(text):
            for name in term.zh[:limit]:
                if name.upper() not in text.upper() and name not in out:
                    out.append(name)
        return out

    def terms_in_en(self, text: str) -> list[Term]:
        """Terms whose English names occur in ``text`` as whole words (longest first, no overlaps)."""
        lowered = " " + singular(text) + " "
        found: dict[str, Term] = {}
        taken: list[tuple[int, int]] = []
        for name, term in self._en:
            key = " " + singular(name) + " "
            start = lowered.find(key)
            if start < 0:
                continue
            span = (start, start + len(key))
            if any(span[0] < e - 1 and s < span[1] - 1 for s, e in taken):
                continue
            taken.append(span)
            found.setdefault(term.id, term)
        return list(found.values())

    def english_to_zh(self, text: str, per_term: int = 3) -> list[str]:
        """Chinese words for an English text: the Chinese names of the terms it names (whole English
        names first), then the glossary's words for the rest (expert -> 专家), then for words the
        glossary lacks, the terms naming that word (a word in at most :data:`WORD_TERMS` terms' names)."""
        glossary = load_glossary()
        words = singular(text).split()
        # A glossary phrase (foreign expert -> 外国专家) is more specific than a thesaurus term
        # naming one of its words (foreign -> 国际), so phrases are taken first, unless the
        # thesaurus names the phrase itself (venture capital -> 科技金融).
        phrase_words, in_phrases = glossary.translate(words, min_words=2, skip=self._en_names)
        text = " ".join("|" if i in in_phrases else w for i, w in enumerate(words))
        terms = self.terms_in_en(text)
        covered = {w for term in terms for name in term.en for w in singular(name).split()}
        rest = [w for i, w in enumerate(words) if i not in in_phrases and w not in covered and w not in _EN_STOP]
        glossary_words, translated = glossary.translate(rest)
        glossary_words = phrase_words + [w for w in glossary_words if w not in phrase_words]
        for position, word in enumerate(rest):
            if position in translated or len(word) < 3:
                continue
            candidates = self._en_words.get(word, [])
            if 0 < len(candidates) <= WORD_TERMS:
                terms += [t for t in candidates if t not in terms]
        out: list[str] = []
        for term in terms:
            for name in term.zh[:per_term]:
                if name not in out:
                    out.append(name)
        return out + [w for w in glossary_words if w not in out]


def _labels(graph: Any, node: Any, prop: Any, lang: str) -> list[str]:
    return sorted(str(o) for o in graph.objects(node, prop) if getattr(o, "language", None) == lang)


@functools.lru_cache(maxsize=2)
def load_thesaurus(path: str | None = None) -> Thesaurus:
    """Parse ``thesaurus.ttl`` once (rdflib) and cache it."""
    import rdflib
    from rdflib.namespace import RDF, SKOS

    graph = rdflib.Graph()
    graph.parse(Path(path) if path else _THESAURUS_TTL, format="turtle")
    terms = []
    for node in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
        zh = _labels(graph, node, SKOS.prefLabel, "zh") + _labels(graph, node, SKOS.altLabel, "zh")
        en = _labels(graph, node, SKOS.prefLabel, "en") + _labels(graph, node, SKOS.altLabel, "en")
        terms.append(Term(str(node).rsplit("/", 1)[-1], tuple(dict.fromkeys(zh)), tuple(dict.fromkeys(en))))
    return Thesaurus(terms)


@functools.lru_cache(maxsize=2)
def load_families(path: str | None = None) -> dict[str, Family]:
    """The indicator families of ``indicators.ttl`` by id, categories expanded to their indicators."""
    import rdflib
    from rdflib.namespace import RDF, SKOS

    graph = rdflib.Graph()
    graph.parse(Path(path) if path else _INDICATORS_TTL, format="turtle")

    def notation(node: Any) -> str:
        value = graph.value(node, SKOS.notation)
        return str(value) if value is not None else str(node).rsplit("/", 1)[-1]

    narrower: dict[rdflib.term.Node, list[rdflib.term.Node]] = {}
    for child, parent in graph.subject_objects(SKOS.broader):
        narrower.setdefault(parent, []).append(child)
    families: dict[str, Family] = {}
    for node in sorted(set(graph.subjects(RDF.type, SKOS.Collection)), key=str):
        members: list[str] = []
        for member in sorted(graph.objects(node, SKOS.member), key=str):
            children = sorted(narrower.get(member, []), key=str)
            for concept in children or [member]:
                if notation(concept) not in members:
                    members.append(notation(concept))
        zh = _labels(graph, node, SKOS.prefLabel, "zh")
        en = _labels(graph, node, SKOS.prefLabel, "en")
        words_zh = zh + _labels(graph, node, SKOS.altLabel, "zh")
        words_en = [w.lower() for w in en + _labels(graph, node, SKOS.altLabel, "en")]
        family_id = str(node).rsplit("/", 1)[-1]
        families[family_id] = Family(family_id, zh[0] if zh else family_id, en[0] if en else family_id,
                                     tuple(sorted(set(words_zh), key=lambda w: (-len(w), w))),
                                     tuple(sorted(set(words_en), key=lambda w: (-len(w), w))), tuple(members))
    return families


@functools.lru_cache(maxsize=1)
def load_query_vocabulary() -> Thesaurus:
    """The thesaurus plus the indicator scheme's concepts (English prefLabel -> Chinese labels),
    for turning English queries into Chinese ones."""
    terms = list(load_thesaurus().terms)
    for concept in load_scheme().concepts:
        if concept.label_en and concept.label_en != concept.id:
            terms.append(Term("indicator:" + concept.id, (concept.label_zh, *concept.alt_labels[:2]),
                              (concept.label_en,)))
    return Thesaurus(terms)
