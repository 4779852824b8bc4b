"""Places the corpus's documents come from, for questions about places the gazetteer lacks.

A question about 开封, 黔东南州 or 宣城高新区 must find the documents those places issued and never
be answered from another place's document. Each document's places are read from its own fields:
its region, its issuer (开封市科学技术局 -> 开封市), the leading place of its title (汉寿县:…,
湖北黄石:…) and the 发布机构 line of a government page (安徽宣城高新技术产业开发区). Each place
is also known by its short forms (开封, 黔东南, 宣城高新区 for …高新技术产业开发区).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from plankg.graph.query_support import QueryResult
from plankg.graph.terms import record_id
from plankg.ingest.records import Document
from plankg.ingest.traditional import reading_text
from plankg.ontology.regions import load_gazetteer, pinyin, short_form, written_forms
from plankg.qa.backend import GraphBackend, RecordIndex

_AREA = r"(?:高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|开发区|新区|示范区|产业园区?)"
_ADMIN = r"(?:自治州|自治县|州|市|县|区|旗|盟)"
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,12}?" + _AREA + r"|[\u4e00-\u9fff]{2,10}?" + _ADMIN + r")")
_LEADING_NOISE = re.compile(r"^(?:今天|近日|日前|昨天|据悉|据|从|由|在|为|经)+")
_BUREAU = re.compile(r"(?:科学技术局|科技局|科技工信局|科学技术和工业信息化局|科技和工业信息化局|科技创新局|科技厅|人民政府|政府|"
                     r"管委会|管理委员会|发展和改革委员会|发改委|经信局)")
_ISSUER_LINE = re.compile(r"(?:发布机构|发文机关|发文单位|来源)\s*[:：]\s*([^\s:：]{2,30})")
#: A web page's navigation written before a colon (当前页面: 首页 > …), never a place.
_PAGE_CHROME = re.compile(r"当前|位置|首页|页面|来源|时间|日期|作者|标题|正文|栏目|导航|浏览|点击")
_TITLE_HEAD = re.compile(r"^\s*([\u4e00-\u9fff]{2,8})\s*[:：]")


@functools.lru_cache(maxsize=1)
def _province_prefix() -> re.Pattern[str]:
    """A leading province (湖北, 安徽省, 广西壮族自治区), from the gazetteer."""
    provinces = [r for r in load_gazetteer().regions.values() if r.level == "province"]
    forms = sorted({f for r in provinces for f in (r.name, r.short)}, key=len, reverse=True)
    return re.compile("^(?:" + "|".join(re.escape(f) for f in forms) + ")")


def _clean(name: str) -> str | None:
    name = _province_prefix().sub("", _LEADING_NOISE.sub("", name.strip()))
    match = _PLACE.match(name)
    if not match:
        return None
    place = match.group(1)
    if re.search(r"[省局委办厅的和与及]", place) or len(place) < 2:
        return None
    return place


def short_forms(place: str) -> set[str]:
    """开封市 -> {开封市, 开封}; 黔东南苗族侗族自治州 -> {…, 黔东南, 黔东南州}; X高新技术产业开发区 -> {…, X高新区}."""
    forms = {place}
    for long, short in (("高新技术产业开发区", "高新区"), ("经济技术开发区", "经开区"), ("经济开发区", "经开区")):
        if place.endswith(long):
            forms.add(place[: -len(long)] + short)
    if place.endswith(("新区", "开发区", "高新区", "经开区", "园区", "示范区")):
        return forms  # a zone's name keeps its 区
    # The gazetteer's rules: level suffixes and an autonomous area's peoples (ontology.regions).
    stem = short_form(place)
    if stem != place:
        forms.add(stem)
        forms.update(written_forms(place, stem))
    return forms


def document_places(doc: Document) -> set[str]:
    """The places a document is from, by its own fields (region, issuer, title, 发布机构)."""
    found: set[str] = set()
    if doc.region:
        found.add(doc.region)
    candidates = [doc.issuer or ""]
    head = _TITLE_HEAD.match(doc.title or "")
    if head:
        candidates.append(head.group(1))
    candidates.append(doc.title or "")
    candidates += [m.group(1) for m in _ISSUER_LINE.finditer((doc.text or "")[:800])]
    for candidate in candidates:
        candidate = _BUREAU.split(candidate)[0] if _BUREAU.search(candidate) else candidate
        place = _clean(candidate)
        if place:
            found.add(place)
        elif candidate and candidate is head and len(candidate) >= 2:
            found.add(_province_prefix().sub("", candidate))
    if head and not any(head.group(1).endswith(p) or p in head.group(1) for p in found):
        bare = _province_prefix().sub("", head.group(1))
        if 2 <= len(bare) <= 4 and not _PAGE_CHROME.search(bare):
            found.add(bare)  # 湖北黄石: -> 黄石
    return found


@dataclass(frozen=True)
class DocPlaceHit:
    """A place of the corpus named in a question, and the documents it issued."""

    name: str
    start: int
    end: int
    doc_ids: frozenset[str]


@dataclass
class CorpusPlaces:
    """Every document place and its short forms, for matching in questions."""

    forms: dict[str, set[str]] = field(default_factory=dict)  # form -> doc ids
    canonical: dict[str, str] = field(default_factory=dict)  # form -> full name

    english: dict[str, str] = field(default_factory=dict)  # pinyin form (huangshi) -> Chinese form
    #: Documents that state no place of their own, with their text: a place they name may be theirs.
    unplaced: dict[str, str] = field(default_factory=dict)
    #: Of those, the ones whose fields (issuer, title, 发布机构) give no place either.
    placeless: set[str] = field(default_factory=set)
    #: (document, place) -> does the document name another place of that level (read once).
    names_another: dict[tuple[str, str], bool] = field(default_factory=dict)

    @classmethod
    def from_documents(cls, documents: list[Document]) -> CorpusPlaces:
        places = cls()
        for doc in documents:
            own = document_places(doc)
            if not doc.region:
                # Read as the plans are read: a text mirrored in traditional characters (新鄉市)
                # names its places in simplified ones.
                places.unplaced[doc.id] = reading_text(doc.text or "")
                if not own:
                    places.placeless.add(doc.id)
            # Sorted, so a form's full name does not depend on set order (the hash seed): the
            # document's gazetteer region first, then longer names.
            for place in sorted(own, key=lambda p: (p != doc.region, -len(p), p)):
                for form in sorted(short_forms(place)):
                    places.forms.setdefault(form, set()).add(doc.id)
                    places.canonical.setdefault(form, place)
        for form in list(places.forms):
            # English names the short form (Huangshi, not Huangshishi); a short form may itself end
            # in a level character (鄞州 of 鄞州区: Yinzhou).
            with_suffix = form[-1] in "市县州区旗盟省" and form[:-1] in places.forms
            spelled = (pinyin(form) or "").lower() if not with_suffix and re.fullmatch(
                r"[\u4e00-\u9fff]+", form) else ""
            if len(spelled) >= 4:
                places.english.setdefault(spelled, form)
        return places

    def find(self, text: str) -> list[DocPlaceHit]:
        """Corpus places named in ``text`` (Chinese, or English in pinyin: Huangshi, Hanshou County),
        longest forms first, without overlaps."""
        hits: list[DocPlaceHit] = []
        taken: list[tuple[int, int]] = []
        for spelled, form in sorted(self.english.items(), key=lambda item: -len(item[0])):
            match = re.search(r"\b" + re.escape(spelled) + r"(?:'s|’s)?\b", text, re.IGNORECASE)
            if match and not any(match.start() < e and s < match.end() for s, e in taken):
                taken.append((match.start(), match.end()))
                hits.append(DocPlaceHit(self.canonical[form], match.start(), match.end(), frozenset(self.forms[form])))
        for form in sorted(self.forms, key=len, reverse=True):
            start = text.find(form)
            while start >= 0:
                span = (start, start + len(form))
                if not any(span[0] < e and s < span[1] for s, e in taken):
                    taken.append(span)
                    hits.append(DocPlaceHit(self.canonical[form], span[0], span[1], frozenset(self.forms[form])))
                    break
                start = text.find(form, start + 1)
        return sorted(hits, key=lambda h: h.start)


#: A place named this often in a document that states no place of its own is taken as its place.
NAMED_INSIDE_TIMES = 2


def named_inside(places: CorpusPlaces | None, region: str) -> frozenset[str]:
    """Documents stating no place of their own that name ``region`` (福建, 泉州市) in their text,
    at least :data:`NAMED_INSIDE_TIMES` times."""
    if places is None:
        return frozenset()
    forms = {f for f in short_forms(region) if len(f) >= 2}
    return frozenset(doc_id for doc_id, text in places.unplaced.items()
                     if max((text.count(f) for f in forms), default=0) >= NAMED_INSIDE_TIMES
                     or sum(text.count(f) for f in forms) >= NAMED_INSIDE_TIMES)


#: A zone named this often in a document is what the document is about (a zone's own report
#: names it again and again: 平原示范区…平原示范区科技局…落户平原示范区).
ZONE_NAMED_TIMES = 3


def zone_documents(documents: Iterable[Document], zone: str) -> frozenset[str]:
    """Documents that name a functional zone (X示范区, X高新区, in any of its forms) at least
    :data:`ZONE_NAMED_TIMES` times: the zone's own reports, whatever place their fields state."""
    forms = {form for form in short_forms(zone) if len(form) >= 4}
    return frozenset(doc.id for doc in documents
                     if sum(reading_text(doc.text or "").count(form) for form in forms) >= ZONE_NAMED_TIMES)


#: The queries kept to a place's documents, and the row field that leads to the document.
SCOPED_QUERIES = {"owners_of_indicator": "document", "targets": "document", "indicator_series": "document",
                  "plan_vs_outcome": "target", "targets_in_years": "document"}


class DocumentScopedGraph:
    """The named queries with their rows kept to the documents of one or more places.

    The SPARQL that ran is the unscoped query; a comment line added to it names the documents
    the rows were kept to, so the answer still shows what was run.
    """

    def __init__(self, graph: GraphBackend, records: RecordIndex, doc_ids: set[str], place: str) -> None:
        self.graph = graph
        self.records = records
        self.doc_ids = set(doc_ids)
        self.place = place

    def _keep(self, result: QueryResult[Any], key: str) -> QueryResult[Any]:
        rows = []
        for row in result.rows:
            if key == "document":
                doc_id = record_id(row.document)
            else:
                target = self.records.target(getattr(row, key))
                doc_id = target.doc_id if target else None
            if doc_id in self.doc_ids:
                if not row.area_name:
                    row = replace(row, area_name=self.place)  # the document's own place, by its issuer
                rows.append(row)
        note = (f"# rows kept to the documents issued by {self.place}: "
                + ", ".join(sorted(self.doc_ids)) + "\n")
        return QueryResult(result.name, note + result.sparql, rows, dict(result.params))

    def run(self, query_name: str, /, **params: Any) -> QueryResult[Any]:
        """Run a named query everywhere, then keep the rows of the place's documents."""
        if query_name not in SCOPED_QUERIES:
            return self.graph.run(query_name, **params)
        result = self.graph.run(query_name, **{**params, "region": None})
        return self._keep(result, key=SCOPED_QUERIES[query_name])


#: How a document speaks of its own place: 我县, 全省, 本区 (the level character of its name).
_SELF_WORD = re.compile(r"[我全本]([省市县区旗州盟])")
_LEVEL = {"省": 0, "市": 1, "州": 1, "盟": 1, "县": 2, "区": 2, "旗": 2}


@functools.lru_cache(maxsize=1)
def _names_by_suffix() -> dict[str, tuple[tuple[str, str], ...]]:
    """Gazetteer places by the last character of their name, each with its short form."""
    table: dict[str, list[tuple[str, str]]] = {}
    for region in load_gazetteer().regions.values():
        # A county's two-character short form is often a common word (振兴, 新兴): only its full name
        # counts; a province's or a city's short form (江西, 衢州) is its usual name.
        wide = region.level in ("province", "city")
        short = region.short if region.short and (len(region.short) >= 3 or wide) else region.name
        table.setdefault(region.name[-1], []).append((region.name, short))
    return {suffix: tuple(names) for suffix, names in table.items()}


def _telling_forms(region: str, at_level: bool) -> set[str]:
    """The forms of a place's name that tell it apart in running text: a county's two-character
    short form is often a common word (乡村振兴, 新兴), so it counts only in a document that speaks
    at the county's level (区府办, 区本级, 全区)."""
    place = load_gazetteer().regions.get(region)
    wide = place is not None and place.level in ("province", "city")
    return {form for form in short_forms(region) if len(form) >= 3 or ((wide or at_level) and len(form) >= 2)}


def _speaks_at(text: str, suffix: str) -> bool:
    """Does the text speak as a body of that level (我区, 全区, 区府办, 区本级, 区科技局)?"""
    return bool(re.search(r"[我全本]" + suffix + r"|(?<![\u4e00-\u9fff])" + suffix +
                          r"(?:府|政府|委|本级|科技局|财政局|发改局|发改委)", text))


def _names_another(text: str, region: str, suffix: str) -> bool:
    """Does the text name, at least twice, another place whose name ends like ``region``'s?"""
    return any(name != region and text.count(short) >= NAMED_INSIDE_TIMES
               for name, short in _names_by_suffix().get(suffix, ()))


def placeless_at_level(places: CorpusPlaces | None, documents: dict[str, Document], level: str) -> frozenset[str]:
    """Documents that state no place whose issuer or title is a body of that level (县科学技术局…)
    or that speak of their own place at it (我州, 全州) more than at any other."""
    if places is None:
        return frozenset()
    found = set()
    for doc_id in sorted(places.placeless):
        doc = documents.get(doc_id)
        heads = [(doc.issuer or "") if doc else "", (doc.title or "") if doc else ""]
        if any(head.startswith(level) and _BUREAU.search(head[:12]) for head in heads):
            found.add(doc_id)
            continue
        words = [m.group(1) for m in _SELF_WORD.finditer(places.unplaced.get(doc_id, ""))]
        own = words.count(level)
        if own and all(words.count(w) < own or (words.count(w) == own and _LEVEL[w] <= _LEVEL[level])
                       for w in set(words) - {level}):
            found.add(doc_id)
    return frozenset(found)


def unstated_documents(places: CorpusPlaces | None, region: str) -> frozenset[str]:
    """Documents that state no place, but name ``region`` once or speak of their own place at its
    level (我县, 全县 for a county; 我省, 全省 for a province): they may be that place's, and can
    answer about it when the rest of the question singles their figures out.

    A document naming another place of that level twice (巫山 in a 全区 report) is that place's.
    """
    if places is None or not places.placeless:
        return frozenset()
    suffix = region[-1]
    found = set()
    for doc_id in sorted(places.placeless):
        text = places.unplaced[doc_id]
        words = [m.group(1) for m in _SELF_WORD.finditer(text)]
        key = (doc_id, region)
        if key not in places.names_another:
            places.names_another[key] = _names_another(text, region, suffix)
        another = places.names_another[key]
        named_once = any(form in text for form in _telling_forms(region, _speaks_at(text, suffix)))
        if named_once and not another:
            found.add(doc_id)  # named once in passing, and no other place of its level named
            continue
        if not words:
            continue
        own = words.count(suffix)
        # The most named level is the document's own; on a tie the lower one (a district's report
        # ranks itself 全市第二), since a report speaks of the places above it only in passing.
        if own == 0 or any(words.count(w) > own or (words.count(w) == own and _LEVEL[w] > _LEVEL[suffix])
                           for w in set(words)):
            continue
        if another:
            continue
        found.add(doc_id)
    return frozenset(found)
