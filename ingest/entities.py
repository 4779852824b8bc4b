"""Named things in plans: institutes, parks, programmes, organisations, people, regions.

Names are found by their endings (研究院, 产业园, 计划...) and trimmed on the left at verbs and
particles; generic phrases (省级企业研究院, 重点实验室) are not entities. Surface forms merge into
one entity through the reviewed alias table and general rules, each merge with its reason.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from plankg.ingest.clauses import noise_spans
from plankg.ingest.cues import cue_regex, fill, table, words
from plankg.ingest.entity_spans import NAME_CHARS, Found, overlaps
from plankg.ingest.govunits import find_units, units_in_cells
from plankg.ingest.name_heads import is_verb, leading_non_name, word_frequency
from plankg.ingest.orgnames import PLACE_NAME, canonical_unit
from plankg.ingest.owners import owners_from_cell, resolve_unit
from plankg.ingest.programmes import plan_documents, programme_cell, programmes
from plankg.ingest.records import Clause, Corpus, Document, Entity, Mention, stable_id
from plankg.ingest.source_names import source_names
from plankg.ingest.textmap import MappedText, clean_span
from plankg.ingest.traditional import reading_text, to_simplified
from plankg.ontology.aliases import load_aliases
from plankg.ontology.regions import load_gazetteer

_NAME_CHARS = NAME_CHARS
# Name endings, boundaries and generic parts: lang/zh/cues.toml, [entities].
_SUFFIXES = {
    "institute": fill("<entities.institute_suffixes>"),
    "park": fill("<entities.park_suffixes>"),
    "organization": fill("<entities.organization_suffixes>"),
}
# A name does not cross these on its left, nor a year, a count or a number.
_BOUNDARY = cue_regex(r"(?:<entities.boundary>|有\s*\d*\s*[家个项座所]|[\dX]+年|\d+个|\d+家|[\dX]+|[一二三四五六七八九十两]+[地个大家区市园])")
_GENERIC_PART = cue_regex(r"<entities.generic_parts>")
# 共建, 联合 inside a name that goes on to its head noun (省部共建国家重点实验室) are no boundary.
# A zone named for the development it tries (人工智能创新发展试验区, 融合发展示范区) keeps 发展.
_KEPT_BOUNDARY = cue_regex(r"(?<=省部|部省|校地|院地|部市|省市|市校|校企|军民|中外|院校)(?:共建|联合)|联合(?=实验室|研究)"
                           r"|(?<=[\u4e00-\u9fff]{2})发展(?=试验区|示范区|先行区|先导区)"
                           r"|<entity_heads.particle_words>")
# 怀柔实验室山西研究院, 国家第三代半导体技术创新中心(山西): a branch named after its parent, one name.
_BRANCH_OF = re.compile(r"[\u4e00-\u9fff]{2,4}(?:研究院|分院|分中心)|[（(][\u4e00-\u9fff]{2,4}[)）]")
_NONE = re.compile(r"(?!)")
# 中国(海南)自由贸易试验区海口片区: a part of a zone named after it.
_PART_OF = re.compile(r"[\u4e00-\u9fff]{2,4}(?:片区|分园|分区)")
_SCHOOL_OF = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:研究生院|医学院|学院|附属医院|医院)")
# An owner list's kinds of bodies (各区县市, 各县(市、区), 区直各部门, 全区各专班), not one body.
_KINDS_OF_BODY = re.compile(r"^(?:各|[省市区县州镇乡()（）、]+$)|各[\u4e00-\u9fff]{0,3}(?:部门|单位|专班|工作组)$")
_ZONE_SHORT_FORMS = [(short, *longs) for short, longs in table("entity_parks.abbreviations").items()]
_BRACKETED = re.compile(r"[（(]([\u4e00-\u9fff]{4,16})[)）]")
# A title that names a plan (实施方案, 行动计划, 发展规划); a year's work plan, summary or report, a notice,
# a split of tasks or a news headline (出台, 明确) names none.
_OWN_PLAN = cue_regex(r"(?:<entity_programmes.own_plan_endings>)$")
_NOT_OWN_PLAN = cue_regex(r"<entity_programmes.own_plan_not>|\d+月\d+日|[、，,：:《》]")
_TRAILING_YEARS = re.compile(r"\s*[（(][^（()）]{0,24}[)）]$")
_PAIRED_SHORT = re.compile(r"[（(]\s*(?:以下)?简称\s*[“\"]?([^”\"）)，,]{2,12}?)[”\"]?\s*[）)]")
_ENDING_WORDS = {kind: sorted(words(f"entities.{kind}_suffixes"), key=len, reverse=True)
                 for kind in ("institute", "park", "organization")}
_TITLE_MARKS = re.compile(r"[、，,\s“”\"·]")
_LEVEL_CHARS = set("省市区县州盟旗")
_VERB_TAILS = set("好成了有在把将给向到")
# A quoted goal (“挺进X前十五、加速建设Y高新区”) is a clause, not one name to keep whole.
_CLAUSE_MARKS = re.compile(r"[、，,；;]")
# A ranking (2022中国X百强产业园, 全省高新区前十) is a list a place earns a rank in, not a name.
_RANKING = re.compile(r"[百千十\d]强|前[一二三四五六七八九十百\d]+(?:名|位|强)?$|^\d{4}")
# The tail of a quantity (1.34亿亿次贵安超算中心): the unit of the number before, not the name.
_QUANTITY_TAIL = re.compile(r"[万亿千百十]*(?:次|吨|瓦|千瓦|台|套|亩|人|名)")
_BASE = "基地"
_BARE_ZONE = cue_regex(r"(?:^|[。；;，,：:、\n]|<entities.bare_zone_before>)(<entities.bare_zones>)(?!<entities.named_after_park>|[\u4e00-\u9fff]{0,2}(?:<entities.park_suffixes>))")
_FIRM_TRADE = re.compile(r"(?:发展|开发|服务|投资|建设|创新|实业|控股)$")
_TOKEN = re.compile(r"[^\s]+")
_CELL_NOTE = re.compile(r"[（(][^（()）]{1,8}[)）]$")
# A count right after a name (示范基地20个, 研发中心3家): the name is a kind of thing counted.
# (怀柔X中心29个科技设施 counts the facilities after it, not the name).
_COUNT_AFTER = re.compile(r"\s*(?:\d+|[一二三四五六七八九十两]+)\s*[个家座所处](?:以上|左右)?(?![\u4e00-\u9fff])")
_PLACE_BODY = cue_regex(r"^(?:<entity_units.level_words>)(?:<entities.place_bodies>)$")
_MEDIA_END = cue_regex(r"(?:<entity_sources.media_endings>)$")
_FACILITY = cue_regex(r"(?:<entities.park_facility_suffixes>)$")
# What a station, a road or an exit named after a zone adds after the zone's ending (高新区站, 开发区大道).
_NAMED_AFTER_PARK = cue_regex(r"(?:<entities.named_after_park>)")
_DASHES = ("—", "－", "-", "–")
_GENERIC_TITLES = frozenset(words("entity_programmes.generic_titles"))
# 第十届X科技城博览会: a name after an edition number is an event's, not the park's.
_EDITION = re.compile(r"第[一二三四五六七八九十百\d]+届")
_QUOTED_CORE = re.compile(r"“([^“”]{2,20})”")
_LEVEL_QUALIFIER = re.compile(r"^(?:国家级|省级|市级)(?=.{4,})")
_PLANNED = cue_regex(r"(?:<entity_programmes.planned_before>)$")
# 等企业 (等工业企业, 等服务业企业), or a count of them (3家研发投入过亿元企业, 两家企业) after the list.
_LIST_KIND = cue_regex(r"等(?:[^，。；、,;\n]{0,14}?的|[\u4e00-\u9fff]{1,3}?)?(?:<entity_units.list_kinds>)|(?:\d+|[两三四五六七八九十])家[\u4e00-\u9fff]{0,10}?(?:<entity_units.list_kinds>)")
_INDUSTRY_END = cue_regex(r"(?:<entity_units.list_not_names>)$")
_LIST_NOT_NAME = cue_regex(r"<entity_units.list_not_names>")
_BRAND_TRADE = cue_regex(r"(?:<entity_units.brand_trades>)")
_BRAND_BEFORE = cue_regex(r"(?:<entity_units.brand_before>)$")
_BRAND_AFTER = cue_regex(r"(?:<entity_units.brand_after>)")
_COMMON_WORD = 200  # a brand is a word the general dictionary hardly knows (鑫耀, 凌坤), not 节能 or 设立
_SURNAMES = set("".join(words("entities.surnames")))
_PERSON_TITLE = cue_regex(r"([\u4e00-\u9fff]{2,3}?)(<entities.person_titles>)")
_SPACE = r"[ \t\u3000\xa0]"
_ANNEX_PERSON = re.compile(
    rf"^(?:[^\n：:]{{0,8}}[:：])?{_SPACE}*([\u4e00-\u9fff]{{1,2}}{_SPACE}*[\u4e00-\u9fff]?){_SPACE}{{2,}}"
    rf"([\u4e00-\u9fff（）()、·]{{3,40}}){_SPACE}*$",
    re.M,
)


def extract_entities(corpus: Corpus) -> tuple[list[Mention], list[Entity]]:
    """Mentions of every entity and the merged entities they belong to."""
    docs = {d.id: d for d in corpus.documents}
    mentions: list[Mention] = []
    why: dict[str, str] = {}
    by_doc: dict[str, list[Clause]] = defaultdict(list)
    for clause in corpus.clauses:
        by_doc[clause.doc_id].append(clause)
    for doc in corpus.documents:
        drops, _ = noise_spans(doc.text)
        people = _annex_people(doc, by_doc[doc.id]) + _table_people(doc, by_doc[doc.id])
        names = {m.canonical.split("|")[0] for m in people}
        in_clauses = [m for clause in by_doc[doc.id] for mapped in _texts(doc, clause, drops)
                      for m in _clause_mentions(doc, clause, mapped, names, why)]
        cells = _cell_mentions(doc, by_doc[doc.id], why)
        mentions.extend(m for m in in_clauses if not _crosses_a_cell(m, cells))
        mentions.extend(cells)
        mentions.extend(people)
        mentions.extend(_source_mentions(doc, by_doc[doc.id], why))
        mentions.extend(_split_titles(doc, by_doc[doc.id], why))
        mentions.extend(_own_title(doc, by_doc[doc.id], why))
    # A source line that is also read as a clause names its body once.
    mentions = list({(m.doc_id, m.start, m.end, m.type): m for m in reversed(mentions)}.values())[::-1]
    owners = _owner_mentions(corpus, docs)
    why.update((m.id, "owner of a target") for m in owners)
    mentions.extend(owners)
    return _merge(_short_titles(mentions), docs, why)


def _texts(doc: Document, clause: Clause, drops) -> Iterable[MappedText]:
    if clause.kind == "table_row":
        for cell in clause.cells:
            if len(cell.text) < 24:  # long cells are segmented as their own clauses
                yield clean_span(doc.text, cell.start, cell.end, doc.repairs, drops)
        return
    yield clean_span(doc.text, clause.start, clause.end, doc.repairs, drops)


def _mention(doc: Document, clause: Clause, mapped: MappedText, kind: str, a: int, b: int, canonical: str) -> Mention:
    """A mention whose surface is the name as written (山東省科技廳 in a traditional page), read as ``canonical``."""
    start, end = mapped.span(a, b)
    surface = mapped.text[a:b]
    written = doc.text[start:end]
    if written != surface and len(written) == len(surface) and to_simplified(written) == surface:
        surface = written
    return Mention(stable_id("mn", doc.id, start, end, kind), doc.id, clause.id, kind, surface, canonical, start, end)


def _clause_mentions(doc: Document, clause: Clause, mapped: MappedText, people: set[str],
                     why: dict[str, str]) -> list[Mention]:
    """Every named thing in one clause; ``why`` gets how each mention was recognised (by mention id)."""
    text = mapped.text
    found: list[Mention] = []

    def keep(item: Found, canonical: str) -> None:
        mention = _mention(doc, clause, mapped, item.kind, item.start, item.end, canonical)
        found.append(mention)
        why[mention.id] = item.why + ("; planned" if item.planned else "")

    titles = plan_documents(text)
    for item in titles:
        if text[item.start] == "《":  # the title as written, without its marks (nor a draft's note)
            length = len(item.name) if text.startswith(item.name, item.start + 1) else item.end - item.start - 2
            item = Found(item.start + 1, item.start + 1 + length, item.kind, item.name, item.why)
        # 《X三年行动计划(2014—2016年)》 is written with its years; the document is named without them too
        keep(item, _TRAILING_YEARS.sub("", item.name) or item.name)
    # A body inside a cited title is named there too (《自治区党委办公厅关于…的通知》); the kinds of
    # parks, institutes and programmes a title is about (《X市科技企业孵化器管理办法》) are not entities.
    title_spans = [(t.start, t.end) for t in titles]
    named = [item for item in _suffix_names(text, people)
             if not overlaps(item.start, item.end, title_spans) or _named_park(item)]
    units = find_units(text, [(n.start, n.end) for n in named if n.kind == "park"])
    taken: list[tuple[int, int]] = []
    unit_spans = [(u.start, u.end) for u in units]
    # A bureau then a name (X局组织Y大学) is two names; 中国科学院大学 is one.
    bureau_spans = [(u.start, u.end) for u in units if u.why.startswith("ending")]
    for item in named:
        start = max([b for a, b in bureau_spans if a <= item.start < b < item.end] or [item.start])
        if start != item.start:  # X局组织Y大学: the body is its own name
            item = Found(start, item.end, item.kind, text[start:item.end], item.why, planned=item.planned)
        if overlaps(item.start, item.end, [(a, b) for a, b in unit_spans if not (item.start <= a and b <= item.end)]):
            continue
        if _generic(item.name, _SUFFIXES.get(item.kind, "$^")):
            continue
        taken.append((item.start, item.end))
        keep(item, resolve_unit(item.name, doc) if item.kind == "organization" else item.name)
        for inner in _BRACKETED.finditer(text, item.start, item.end):
            if re.search(_SUFFIXES["organization"] + "$", inner.group(1)) and not _generic(inner.group(1), _SUFFIXES["organization"]):
                # 谯城(江南大学)X研发中心: the university that runs it is named inside, a body of its own
                keep(Found(inner.start(1), inner.end(1), "organization", inner.group(1), "body named in brackets inside a name"),
                     resolve_unit(inner.group(1), doc))
        paired = _PAIRED_SHORT.match(text, item.end)
        if paired:  # 温州国家自主创新示范区(以下简称温州自创区): the short name the text gives it
            short = Found(paired.start(1), paired.end(1), item.kind, item.name, f"short name {paired.group(1)} given by the text")
            taken.append((paired.start(), paired.end()))
            keep(short, item.name)
    for unit in units:
        if any(a <= unit.start and unit.end <= b and (a, b) != (unit.start, unit.end) for a, b in taken):
            continue  # a body inside an institute's name (中国科学院青海盐湖研究所) is its parent, named there
        taken.append((unit.start, unit.end))
        body = next((u for u in units if u.end == unit.start and u.name == unit.parent), None) if unit.kind == "division" else None
        if body is not None:  # 市政府督查室: the division as written with its body before it
            unit = Found(body.start, unit.end, unit.kind, unit.name, unit.why, parent=unit.parent)
        keep(unit, _unit_canonical(unit, doc))
    for item in _listed_names(text, taken + title_spans) + programmes(text, taken + title_spans):
        taken.append((item.start, item.end))
        keep(item, item.name)
    for zone in _BARE_ZONE.finditer(text):  # after programmes: 高新区提质增效行动 is a programme's name
        own = _own_zone(doc, zone.group(1))
        if own and not overlaps(zone.start(1), zone.end(1), taken + title_spans):
            taken.append((zone.start(1), zone.end(1)))
            keep(Found(zone.start(1), zone.end(1), "park", zone.group(1), "a zone named by its kind alone: the document's own"),
                 own)
    for item in _brand_names(text, taken + title_spans):
        taken.append((item.start, item.end))
        keep(item, item.name)
    for match in _PERSON_TITLE.finditer(text):
        name = match.group(1)
        if name[0] in _SURNAMES and len(name) >= 2:
            found.append(_mention(doc, clause, mapped, "person", match.start(1), match.end(1), name))
    gazetteer = load_gazetteer()
    for region, start, end in gazetteer.find_all(text):
        if end - start < 2:
            continue
        found.append(_mention(doc, clause, mapped, "region", start, end, region.name))
    return found


def _cell_mentions(doc: Document, clauses: list[Clause], why: dict[str, str]) -> list[Mention]:
    """Bodies standing alone between spaces or line breaks (a table written out as text), which
    reading a clause joins to the cells beside them (``新增城镇就业 人社局 8950``)."""
    if not clauses:
        return []
    found = []
    reading = reading_text(doc.text)
    for token in _TOKEN.finditer(reading):  # 创新资源集聚工程 alone in a cell: a programme
        name = _CELL_NOTE.sub("", token.group().strip("|｜"))
        start = token.start() + token.group().find(name)
        clause = next((c for c in clauses if c.start <= start < c.end), None)
        if clause is None or not programme_cell(name):
            continue
        mention = Mention(stable_id("mn", doc.id, start, start + len(name), "programme"), doc.id, clause.id, "programme",
                          doc.text[start : start + len(name)], name, start, start + len(name))
        why[mention.id] = "a programme's name standing alone as a cell"
        found.append(mention)
    for unit in units_in_cells(reading):
        clause = next((c for c in clauses if c.start <= unit.start < c.end), None)
        if clause is None:
            continue  # page chrome no clause reads
        mention = Mention(stable_id("mn", doc.id, unit.start, unit.end, unit.kind), doc.id, clause.id, unit.kind,
                          doc.text[unit.start:unit.end], _unit_canonical(unit, doc), unit.start, unit.end)
        why[mention.id] = unit.why
        found.append(mention)
    return found


def _crosses_a_cell(mention: Mention, cells: list[Mention]) -> bool:
    """Is ``mention`` a body, park or institute read across the edge of a cell that holds a body's name
    (何海平教育局经开区 read from ``何海平 教育局 经开区``)?"""
    return mention.type in ("organization", "division", "park", "institute") and any(
        mention.start < c.end and c.start < mention.end and (mention.start, mention.end) != (c.start, c.end)
        for c in cells)


def _own_zone(doc: Document, kind: str) -> str | None:
    """The zone a document means by a kind alone (经开区): the one of that kind it names with its place
    (新乡经开区), else its own place's (X市经开区); None when it names several (济南高新区, 青岛高新区):
    the kind alone is then all of them, not one zone."""
    gazetteer = load_gazetteer()
    named: set[str] = set()
    for match in re.finditer(rf"([\u4e00-\u9fff]{{2,6}}?){kind}", reading_text(doc.text)):
        for width in range(len(match.group(1)), 1, -1):
            place = match.group(1)[-width:]
            if any(gazetteer.get(place + level) for level in ("", "市", "县", "区")):
                named.add(place + kind)
                break
    if len(named) > 1:
        return None
    if named:
        return named.pop()
    province = gazetteer.province_of(doc.region) if doc.region else None
    if province is not None and province.name == doc.region:
        return None  # a province's report: 高新区 alone is all its zones
    if doc.region and not doc.region.endswith(kind):
        return doc.region + kind
    return doc.region or kind


def _source_mentions(doc: Document, clauses: list[Clause], why: dict[str, str]) -> list[Mention]:
    """The body a page names as its source or publisher (来源:市科技局, 中新网…电), a line reading drops."""
    if not clauses:
        return []
    found = []
    for unit in source_names(doc.text):
        clause = next((c for c in clauses if c.start <= unit.start < c.end), clauses[0])
        mention = Mention(stable_id("mn", doc.id, unit.start, unit.end, unit.kind), doc.id, clause.id, unit.kind,
                          doc.text[unit.start:unit.end], _unit_canonical(unit, doc), unit.start, unit.end)
        why[mention.id] = unit.why
        found.append(mention)
    return found


def _split_titles(doc: Document, clauses: list[Clause], why: dict[str, str]) -> list[Mention]:
    """Titles in 《》 that the clause splitter cut in two (《X重点工作|目标任务分解》): read on the whole text."""
    found = []
    for item in plan_documents(reading_text(doc.text)):
        if item.why != "title in 《》" or any(c.start <= item.start and item.end <= c.end for c in clauses):
            continue
        clause = next((c for c in clauses if c.start <= item.start < c.end), None)
        if clause is None:
            continue
        start, end = item.start + 1, item.end - 1
        mention = Mention(stable_id("mn", doc.id, start, end, item.kind), doc.id, clause.id, item.kind,
                          doc.text[start:end], item.name, start, end)
        why[mention.id] = "title in 《》 across two clauses"
        found.append(mention)
    return found


def _own_title(doc: Document, clauses: list[Clause], why: dict[str, str]) -> list[Mention]:
    """A plan's own title when it names a plan (X市Y行动实施方案), not a year's work report or summary."""
    title = doc.title.strip()
    at = doc.text.find(title, 0, 600) if title else -1
    core = _TRAILING_YEARS.sub("", title)
    if (at < 0 or not clauses or not _OWN_PLAN.search(core) or _NOT_OWN_PLAN.search(title) or len(core) < 8
            or f"《{core}" in doc.text):
        return []  # a title cited in 《》 in the page is found there
    clause = next((c for c in clauses if c.start <= at < c.end), clauses[0])
    end = at + len(core)
    mention = Mention(stable_id("mn", doc.id, at, end, "plan_document"), doc.id, clause.id, "plan_document",
                      doc.text[at:end], title, at, end)
    why[mention.id] = "the plan's own title"
    return [mention]


def _suffix_names(text: str, people: set[str]) -> list[Found]:
    """Institutes, parks and organisations found by their endings (研究院, 高新区, 大学)."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for kind, suffix in _SUFFIXES.items():
        for match in re.finditer(rf"{_NAME_CHARS}{{2,30}}?{suffix}", text):
            start, end = _trim(text, match.start(), match.end(), kind)
            quote = text.rfind("“", max(0, end - 40), start + 1)
            if (quote >= 0 and text[end : end + 1] == "”" and "”" not in text[quote:end]
                    and not _CLAUSE_MARKS.search(text, quote, end)):
                start = quote + 1  # “国家新材料及精深加工产业示范基地”: the quoted name whole
            # A list of people and posts flattened to one line: 叶天恩区社发集团.
            person = next((p for p in people if text.startswith(p, start) and end - start > len(p) + 2), None)
            if person:
                start += len(person)
            ending = re.search(suffix + "$", text[start:end])
            if kind != "organization" and ending:
                start += leading_non_name(text[start:end], 3)
            elif re.match(r"[\u4e00-\u9fff]{2}[省市区县]", text[start:end]) and is_verb(text[start : start + 2]) \
                    and not any(a == 0 for _r, a, _b in load_gazetteer().find_all(text[start:end])):
                start += 2  # 迁建县政务服务中心: the verb, then the county's body
            if text[start : start + 1] in _VERB_TAILS and any(a == 1 for _, a, _b in load_gazetteer().find_all(text[start:end])):
                start += 1  # 建好四川省X平台 -> 四川省X平台: the tail of a verb, then the place that opens the name
            longer = {"organization": _SCHOOL_OF, "institute": _BRANCH_OF, "park": _PART_OF}.get(kind, _NONE).match(text, end)
            bracketed = longer.group().strip("()（）") if longer and longer.group()[0] in "(（" else None
            if longer and not _BOUNDARY.search(longer.group()) and (bracketed is None or load_gazetteer().get(bracketed)):
                end = longer.end()  # 郑州大学医学院: a school of the university, one name
            if kind == "park" and _NAMED_AFTER_PARK.match(text, end):
                continue  # 高新区站, 开发区大道: a station or a road named after the zone, not the zone
            if _COUNT_AFTER.match(text, end) and not any(a == 0 for _r, a, _b in load_gazetteer().find_all(text[start:end])):
                continue  # 建成示范基地20个: a count of a kind; 云南实验室5个 counts a title a place grants, named
            if kind == "park":
                start = _place_opens(text, start, end)
            base = re.match(r"(?:实验|试验|研发|中试)?" + _BASE, text[end : end + 4])
            if kind == "institute" and base:
                kind_here, end = "park", end + base.end()  # X重点实验室(实验)基地: the base named after the lab is a park
            else:
                kind_here = kind
            if kind == "park" and text[start - 1 : start] in _DASHES:
                start = _joined_place(text, start)  # 滨海—中关村科技园: two places joined by a dash name one park
            name = text[start:end]
            if _EDITION.search(text[max(0, start - 6) : start + 6]):
                continue
            if not name or any(a <= start and end <= b for a, b in taken) or name in load_gazetteer().regions:
                continue  # 滨海新区 is a district: a region, not a park
            taken.append((start, end))
            planned = bool(_PLANNED.search(text[max(0, start - 6) : start]))
            found.append(Found(start, end, kind_here, name, f"ending {ending.group() if ending else suffix}", planned=planned))
    return _zones_within_zones(found)


def _place_opens(text: str, start: int, end: int) -> int:
    """Where a zone's name starts when a place inside it follows words that are no place nor zone
    (评价结果出炉重庆高新区 -> 重庆高新区); a chain of places (呼和浩特和林格尔新区), a bracket
    (中国(海南)自由贸易试验区) or a zone before it (西部科学城重庆高新区) keeps the name whole."""
    places = [(a, b) for _region, a, b in load_gazetteer().find_all(text[start:end])]
    if not places or places[0][0] == 0:
        return start
    at = places[0][0]
    before = text[start : start + at]
    if len(before) < 2 or re.search(r"[()（）·—-]", before) or re.search(_SUFFIXES["park"], before):
        return start
    return start + at


def _zones_within_zones(found: list[Found]) -> list[Found]:
    """西部科学城江州高新区: a zone, then a placed zone right after it, is one name; the placed zone is named too."""
    parks = {f.start: f for f in found if f.kind == "park"}
    out = []
    skip: set[int] = set()
    for item in sorted(found, key=lambda f: f.start):
        if item.start in skip:
            continue
        after = parks.get(item.end) if item.kind == "park" else None
        if after is not None and any(a == 0 for _region, a, _b in load_gazetteer().find_all(after.name)):
            out.append(after)
            skip.add(after.start)
            item = Found(item.start, after.end, "park", item.name + after.name, f"{item.why}; a placed zone inside it",
                         planned=item.planned)
        out.append(item)
    return out


def _unit_canonical(unit: Found, doc: Document) -> str:
    """A body's name resolved in the document's region; a division as ``name|parent``."""
    if unit.kind != "division":
        return _resolve_body(unit.name, doc)
    parent = _resolve_body(unit.parent, doc) if unit.parent else (canonical_unit(doc.issuer) if doc.issuer else None)
    if not parent:
        return unit.name
    return f"{parent}{unit.name}|{parent}"


def _resolve_body(name: str, doc: Document) -> str:
    """区科技局 in 路桥区 -> 路桥区科技局; 自治区科技厅 in a Ningxia plan -> 宁夏回族自治区科技厅."""
    resolved = resolve_unit(name, doc)
    for level in ("自治区", "省"):
        if resolved.startswith(level):
            province = _province(doc)
            if province and province.endswith(level):
                return province + resolved[len(level) :]
    return resolved


def _province(doc: Document) -> str | None:
    gazetteer = load_gazetteer()
    for name in (doc.region, doc.parent_region):
        if name:
            province = gazetteer.province_of(name)
            if province:
                return province.name
    return None


def _listed_names(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """Named bodies in a list before 等企业 / 等高校 (华铸、青禾、远帆等企业); categories are not names."""
    found = []
    previous = 0
    for match in _LIST_KIND.finditer(text):
        head = max([text.rfind(c, 0, match.start()) + 1 for c in "，,。；;：:\n"] + [previous])
        previous = match.end()
        pos = head
        items = text[head : match.start()].split("、")
        count = match.group().split("家")[0] if not match.group().startswith("等") else None
        if count is not None and _count(count) != len(items):
            items = re.split(r"[、和与及]", text[head : match.start()])  # 甲集团和乙科两家企业
            if _count(count) != len(items):
                continue  # 3家X企业 after a list of three: the count says the list is theirs
        for index, item in enumerate(items):
            start, end = pos, pos + len(item)
            pos = end + 1
            if index == 0 and end - start > 2:  # only the first item carries the clause's verb (重点抓好X、Y)
                start, _ = _trim(text, start, end)
            while start < end and not re.match(r"[\u4e00-\u9fffA-Za-z]", text[start]):
                start += 1
            name = text[start:end]
            if (not 2 <= len(name) <= 8 or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", name)
                    or (_LIST_NOT_NAME.search(name) and not _brand_and_trade(name))
                    or load_gazetteer().get(name) or re.fullmatch(r"[省市区县州镇乡]+", name)
                    or _BOUNDARY.fullmatch(name) or is_verb(name)):  # 拥有1家X企业: the verb, not a firm
                continue
            if not overlaps(start, end, taken):
                found.append(Found(start, end, "organization", name, f"item of a list before {match.group()}"))
    return found


def _brand_names(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """Firms named in prose by brand and trade (引导青禾食品、远帆制冷承担X): the brand is no common word."""
    found = []
    for match in _BRAND_TRADE.finditer(text):
        if not _BRAND_AFTER.match(text, match.end()):
            continue
        for width in (2, 3):
            start = match.start() - width
            brand = text[start : match.start()]
            if start < 0 or not re.fullmatch(r"[\u4e00-\u9fff]+", brand):
                break
            opened = start == 0 or text[start - 1] in "，,。；;：:、（(“\n 和与及" or _BRAND_BEFORE.search(text, 0, start)
            if not opened:
                continue
            if (brand[0] in "省市区县州镇乡各全本我该其" or _LIST_NOT_NAME.search(brand) or _GENERIC_PART.fullmatch(brand)
                    or load_gazetteer().find_all(brand)
                    or any(word_frequency(brand[i : i + 2]) >= _COMMON_WORD for i in range(width - 1))
                    or leading_non_name(text[start : match.end()], 2)  # 也是科技: an adverb, not a brand
                    or overlaps(start, match.end(), taken)):
                break
            found.append(Found(start, match.end(), "organization", text[start : match.end()], "brand + trade word of a firm"))
            break
    return found


def _count(number: str) -> int:
    return int(number) if number.isdigit() else "一两三四五六七八九十".index(number) + 1 if len(number) == 1 else 0


def _brand_and_trade(name: str) -> bool:
    """A brand then its trade (振华新材料, 航宇科技): the trade word ends it, the brand before is no category."""
    trade = _INDUSTRY_END.search(name)
    brand = name[: trade.start()] if trade else ""
    return 2 <= len(brand) <= 4 and not _LIST_NOT_NAME.search(brand) and not _GENERIC_PART.search(brand)


def _trim(text: str, start: int, end: int, kind: str | None = None) -> tuple[int, int]:
    """Move ``start`` past the last verb or particle before the ending (not one inside a place name)."""
    span = text[start:end]
    kept = [(m.start(), m.end()) for m in _KEPT_BOUNDARY.finditer(span)]
    # The whole ending is kept (重点实验室: 重点 is a boundary elsewhere).
    ending = next((w for w in _ENDING_WORDS.get(kind or "", ()) if span.endswith(w)), "")
    kept.append((len(span) - len(ending), len(span)))
    trade = _FIRM_TRADE.search(span, 0, len(span) - len(ending)) if ending.endswith(("公司", "集团")) else None
    if trade:  # 产业发展有限公司, 科技服务集团: a firm's trade word before its ending
        kept.append((trade.start(), trade.end()))
    # 呼和浩特和林格尔新区: a boundary word inside a place name is part of it; a place the boundary word
    # runs into (建成县残疾人综合服务中心: 成县) is a chance reading, not a place.
    boundaries = [(m.start(), m.end()) for m in _BOUNDARY.finditer(span)]
    kept += [(a, b) for _, a, b in load_gazetteer().find_all(span)
             if not any(x < a < y for x, y in boundaries)]
    cut = 0
    if kind == "park":  # 乡镇与高新区: two places joined; a zone's name holds no 与
        cut = max((m.end() for m in re.finditer("与", span[: len(span) - len(ending)])), default=0)
    for match in _BOUNDARY.finditer(span):
        if match.end() <= len(span) - 2 and not overlaps(match.start(), match.end(), kept):
            cut = max(cut, match.end())
    start += cut
    while start < end and (text[start] in "()（）·" or text[start] in "与同和跟向对在由从把了据"):
        start += 1
    if start < end and text[start] in "家个项座所" and re.search(r"(?:\d|有\s*|\s)$", text[max(0, start - 3) : start]):
        start += 1  # 有5家特色小镇: the measure word of a count
    tail = _QUANTITY_TAIL.match(text, start, end) if re.search(r"[\d.]$", text[max(0, start - 1) : start]) else None
    if tail and end - tail.end() >= 4:
        start = tail.end()
    # A name does not start inside a bracket it never closes: 度假区(虞山林场 -> 虞山林场.
    inside = text[start:end].replace("（", "(").replace("）", ")")
    if inside.count("(") != inside.count(")"):
        opened = inside.rfind("(")
        if opened < 0 or ")" in inside[opened:] or end - (start + opened + 1) < 3:
            return end, end
        start += opened + 1
    return start, end


def _joined_place(text: str, start: int) -> int:
    """Where a park's name starts when a place and a dash come right before it (滨海—中关村科技园)."""
    gazetteer = load_gazetteer()
    for width in (4, 3, 2):
        place = text[max(0, start - 1 - width) : start - 1]
        if len(place) == width and any(gazetteer.get(place + level) for level in ("", "市", "区", "县", "新区", "旗")):
            return start - 1 - width
    return start


def _named_park(item: Found) -> bool:
    """A park a title names by its own name (《关于支持西部科学城建设的意见》), not a kind of park
    with a place before it (《X市科技企业孵化器管理办法》)."""
    if item.kind != "park":
        return False
    rest = item.name
    for _region, a, b in load_gazetteer().find_all(rest):
        if a == 0:
            rest = rest[b:]
    if rest != item.name and not _FACILITY.search(rest):
        return True  # 绵阳科技城: a place's one zone
    return not _generic(rest, _SUFFIXES["park"]) and len(rest) >= 4


def _generic(name: str, suffix: str) -> bool:
    """A phrase made only of generic words (省级企业研究院, 重点实验室) names no entity.

    A facility after a place and a level (嘉兴市级孵化器) is a kind of facility there, not a name.
    """
    if re.search(r"[省市区县]级(?:孵化器|众创空间|星创天地|加速器|科创园)$", name) or _RANKING.search(name):
        return True
    if _PLACE_BODY.match(name):
        return False  # 县图书馆: the county's own library
    if re.search(r"(?<!限)公司$", name) and _LIST_NOT_NAME.search(name[-4:-2]):
        return True  # 国有公司, 上市公司: a kind of firm
    if re.search(r"[一二三四五六七八九十两]+(?:大|个|家)|^[A-Za-z]|[^\u4e00-\u9fff]?类", name):
        # 三大创新中心, 两个创新中心: counts of things; 综合领域类X: a class of things; not names
        return True
    core = re.sub(suffix + "$", "", name)
    core = _GENERIC_PART.sub("", core)
    core = re.sub(r"[()（）·\d]", "", core)
    # 发展示范区, 分析实验室, 明确园区: a verb, then the kind
    if _MEDIA_END.search(name):
        return len(name) < 4  # 科技日报: a newspaper is named by generic words
    # A verb only where it opens the name: 技术转移联盟, 科技进步示范区 keep a verb inside a name.
    return len(core) < 2 or len(name) < 4 or bool(_BOUNDARY.fullmatch(core)) or (name.startswith(core) and is_verb(core))


def _table_people(doc: Document, clauses: list[Clause]) -> list[Mention]:
    """Leaders named in a responsibility column (分管领导) are people with that post."""
    found = []
    for clause in clauses:
        for cell in clause.cells:
            if not re.search(r"领导|负责人", cell.name):
                continue
            _, people = owners_from_cell(cell.text, doc)
            for person in people:
                pos = doc.text.find(person.name, cell.start, cell.end)
                if pos >= 0:
                    post = re.sub(r"责任处室|责任单位|处室", "", cell.name) or cell.name
                    found.append(Mention(stable_id("mn", doc.id, pos, "person"), doc.id, clause.id, "person",
                                         person.name, f"{person.name}|{post}", pos, pos + len(person.name)))
    return found


def _annex_people(doc: Document, clauses: list[Clause]) -> list[Mention]:
    """People listed with their posts, one a line (``罗进军  区科技局党组书记``)."""
    found = []
    for match in _ANNEX_PERSON.finditer(doc.text):
        name = re.sub(r"\s", "", match.group(1))
        if len(name) < 2 or name[0] not in _SURNAMES:
            continue
        clause = next((c for c in clauses if c.start <= match.start(1) < c.end), None)
        if clause is None:
            continue
        post = match.group(2)
        found.append(Mention(stable_id("mn", doc.id, match.start(1), match.end(1), "person"), doc.id, clause.id,
                             "person", match.group(1), f"{name}|{post}", match.start(1), match.end(1)))
    return found


def _owner_mentions(corpus: Corpus, docs: dict[str, Document]) -> list[Mention]:
    """Owners of targets as organisation, division and person mentions (one per clause)."""
    clauses = {c.id: c for c in corpus.clauses}
    seen: set[tuple[str, str]] = set()
    found = []
    for target in corpus.targets:
        for owner in target.owners:
            if owner.role == "default" or (target.clause_id, owner.name) in seen or _KINDS_OF_BODY.search(owner.name):
                continue
            if PLACE_NAME.fullmatch(owner.name):
                continue  # a district owning its share of a divided goal is a place (a region), not a body
            seen.add((target.clause_id, owner.name))
            doc = docs[target.doc_id]
            clause = clauses[target.clause_id]
            reading = reading_text(doc.text)  # traditional pages too
            pos = reading.find(owner.surface, clause.start, clause.end)
            start, end = (pos, pos + len(owner.surface)) if pos >= 0 else (clause.start, clause.start)
            elsewhere = reading.find(owner.surface) if pos < 0 else pos
            # The surface as written (省科技廳), even when the owner cell lies outside the clause's span.
            surface = doc.text[elsewhere : elsewhere + len(owner.surface)] if elsewhere >= 0 else owner.surface
            kind = owner.kind if owner.kind in ("division", "person") else "organization"
            parts = _joined_units(owner.surface) if kind == "organization" else []
            for unit in parts:  # 区发改委区统计局: two bodies written without a mark between them
                a, b = (start + unit.start, start + unit.end) if pos >= 0 else (start, start)
                found.append(Mention(stable_id("mn", doc.id, target.clause_id, unit.name), doc.id, clause.id,
                                     "organization", doc.text[a:b] if pos >= 0 else unit.name,
                                     _unit_canonical(unit, doc), a, b))
            if parts:
                continue
            canonical = owner.name if not owner.parent else f"{owner.name}|{owner.parent}"
            found.append(Mention(stable_id("mn", doc.id, target.clause_id, owner.name), doc.id, clause.id, kind,
                                 surface, canonical, start, end))
    return found


def _joined_units(surface: str) -> list[Found]:
    """The bodies of an owner written as two names run together (区发改委区统计局), or [] if it is one."""
    units = find_units(surface)
    tiled = len(units) >= 2 and units[0].start == 0 and units[-1].end == len(surface) and all(
        a.end == b.start for a, b in zip(units, units[1:]))
    return units if tiled else []


def _short_titles(mentions: list[Mention]) -> list[Mention]:
    """《管理办法》 after 《银川市科技计划项目管理办法》 in one document: the short title names the long one."""
    titles: dict[str, set[str]] = defaultdict(set)
    # One title written with and without a mark (…行动、提升… and …行动提升…) is one document.
    forms: dict[str, str] = {}
    for mention in mentions:
        if mention.type == "plan_document":
            forms.setdefault(_TITLE_MARKS.sub("", mention.canonical), mention.canonical)
    mentions = [Mention(**{**m.__dict__, "canonical": forms[_TITLE_MARKS.sub("", m.canonical)]})
                if m.type == "plan_document" else m for m in mentions]
    for mention in mentions:
        if mention.type == "plan_document":
            titles[mention.doc_id].add(mention.canonical)
    out = []
    for mention in mentions:
        if mention.type == "plan_document":
            longer = [t for t in titles[mention.doc_id] if t.endswith(mention.canonical) and t != mention.canonical]
            if len(longer) == 1 and len(mention.canonical) >= 4:
                mention = Mention(**{**mention.__dict__, "canonical": longer[0]})
            elif mention.canonical in _GENERIC_TITLES:
                continue  # 《政府工作报告》 alone: a kind of document, not one the text names
        out.append(mention)
    return out


def _merge(mentions: list[Mention], docs: dict[str, Document],
           found_by: dict[str, str] | None = None) -> tuple[list[Mention], list[Entity]]:
    aliases = load_aliases()
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    reasons: dict[tuple[str, str], set[str]] = defaultdict(set)
    extra: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for mention in mentions:
        canonical, parent_or_post = (mention.canonical.split("|", 1) + [""])[:2]
        if mention.type in ("person", "region", "division", "plan_document"):
            key_name, merged_by = canonical, []
        else:
            key_name, merged_by = aliases.canonical(canonical)
        key = (mention.type, key_name)
        groups[key].append(mention)
        reasons[key].update(f"{mention.surface} -> {key_name}: {w}" for w in merged_by)
        if parent_or_post:
            extra[key]["post" if mention.type == "person" else "parent"] = parent_or_post
    _merge_variants(groups, reasons, extra)
    entities = []
    linked: list[Mention] = []
    why = found_by or {}
    titles = {d.title: d.source_name for d in docs.values() if d.title}
    for (kind, name), members in sorted(groups.items()):
        entity_id = stable_id("en", kind, name)
        regions = Counter(docs[m.doc_id].region for m in members if docs[m.doc_id].region)
        context = tuple(r for d in {m.doc_id for m in members} for r in (docs[d].region, docs[d].parent_region) if r)
        region = name if kind == "region" else _name_region(name, kind, context) or (
            regions.most_common(1)[0][0] if regions else None)
        forms = {m.surface for m in members}
        if kind == "programme":
            forms |= _programme_forms(members, docs)
        surfaces = sorted(forms - {name})
        facts = dict(extra[(kind, name)])
        reasons_found = sorted({why[m.id].replace("; planned", "") for m in members if m.id in why})
        if reasons_found:
            facts["why"] = "; ".join(reasons_found)
        found_in_text = [m for m in members if m.id in why and why[m.id] != "owner of a target"]
        if found_in_text and all(why[m.id].endswith("; planned") for m in found_in_text):
            facts["status"] = "planned"
        if kind == "plan_document" and name in titles:
            facts["document"] = titles[name]
        attributes = tuple(sorted(facts.items()))
        entities.append(
            Entity(
                id=entity_id,
                type=kind,
                canonical=name,
                aliases=tuple(surfaces),
                region=region,
                parent=extra[(kind, name)].get("parent") or _university_parent(name) if kind == "institute" else extra[(kind, name)].get("parent"),
                merge_reasons=tuple(sorted(reasons[(kind, name)])),
                mention_ids=tuple(m.id for m in members),
                attributes=attributes,
            )
        )
        linked.extend(Mention(**{**m.__dict__, "canonical": name, "entity_id": entity_id}) for m in members)
    return linked, entities


def _programme_forms(members: list[Mention], docs: dict[str, Document]) -> set[str]:
    """Other forms a programme is written in: its quoted core (“揭榜挂帅”专项 -> 揭榜挂帅), the core
    with its quote marks when the text quotes it alone, and the name without a leading level (国家级)."""
    forms: set[str] = set()
    for mention in members:
        surface = mention.surface
        text = docs[mention.doc_id].text
        if text[mention.start - 1 : mention.start] == "“" and text[mention.end : mention.end + 1] == "”":
            forms.add(f"“{surface}”")
        forms.update(core for core in _QUOTED_CORE.findall(surface) if len(core) >= 2 and core != surface)
        forms.add(_LEVEL_QUALIFIER.sub("", surface))
    return forms


def _merge_variants(groups: dict, reasons: dict, extra: dict) -> None:
    """Merge 温州浙南科技城 into 浙南科技城 and 产业园区 into 产业园 when both forms occur."""
    gazetteer = load_gazetteer()
    for key in sorted(groups, key=lambda k: -len(k[1])):
        kind, name = key
        if kind not in ("institute", "park", "organization") or key not in groups:
            continue
        target = None
        # Only the place names this name starts with (a dictionary lookup per length, not a scan).
        for prefix in (["中国"] if name.startswith("中国") else []) + gazetteer.prefixes_of(name):
            rest = name[len(prefix):]
            if kind == "organization" and rest[:1] in _LEVEL_CHARS:
                continue  # 旌阳区科技局 is not another district's 区科技局
            if name.startswith(prefix) and (kind, rest) in groups and len(rest) >= 4:
                target, why = (kind, name[len(prefix):]), f"rule: place prefix {prefix} dropped"
                break
        if target is None and name.endswith("园区") and (kind, name[:-1]) in groups:
            target, why = (kind, name[:-1]), "rule: 园区 = 园"
        if target is None and kind == "park":
            for short, *longs in _ZONE_SHORT_FORMS:
                full = next((name[: -len(short)] + f for f in longs if name.endswith(short)
                             and (kind, name[: -len(short)] + f) in groups), None)
                if full:
                    target, why = (kind, full), f"rule: {short} = {full[len(name) - len(short):]}"
                    break
        if target is None:
            continue
        members = groups.pop(key)
        groups[target].extend(members)
        reasons[target].update(f"{m.surface} -> {target[1]}: {why}" for m in members)
        reasons[target].update(reasons.pop(key, set()))
        extra[target].update(extra.pop(key, {}))


def _name_region(name: str, kind: str, context: tuple[str, ...] = ()) -> str | None:
    """The region a name starts with (银川市西夏区科技局 -> 西夏区), the most specific of a chain.

    An institute is where the last place in its name is (浙江大学温州研究院 -> 温州市), not where
    the university that founded it is named after (北京航空航天大学瑞安…中心 -> 瑞安市).
    """
    gazetteer = load_gazetteer()
    if kind == "institute":
        places = [(r, a, b) for r, a, b in gazetteer.find_all(name, context)
                  if not re.match(r"[\u4e00-\u9fff]{0,6}?(?:大学|学院|科学院|工程院)", name[b:]) or a > 0]
        return places[-1][0].name if places else None
    found = [r for r, a, _ in gazetteer.find_all(name) if a == 0] if name else []
    if not found:
        return None
    region, end = found[0], len(found[0].name) if name.startswith(found[0].name) else 0
    for later, a, b in gazetteer.find_all(name):
        if a == end and a > 0:  # 银川市 then 西夏区: the district
            region, end = later, b
    return region.name


def _university_parent(name: str) -> str | None:
    match = re.match(r"^(.{2,12}?(?:大学|学院))(?=.{2,})", name)
    return match.group(1) if match else None
