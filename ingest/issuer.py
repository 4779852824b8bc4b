"""Who issued a document and so where it is from: the issuer's region, never the most named place.

Evidence, strongest first: a body named in the title (华容县科技局2017年…, 中山市科学技术局…); the
body signed above a notice's date (温州市洞头区人民政府 / 2023年8月30日); a place the title opens
with (湖北黄石：…, 开封市推动…实施方案, 延安市上半年…); the page's 发布机构/发文机关/来源 field
(来源：区府办); the meeting a report is about (2023年嘉兴市科技创新工作会议召开, 召开的黔南州…大会);
a zone the text speaks as (开发区将…, 延安高新区…); a body named in the opening lines (the letterhead,
记者从X市科技局获悉, 我代表区人民政府) unless the text calls itself by another level (我区 citing
福州市科技局); a bare body (市科技局, 州科技局) resolved to the one region of its level that the text
names; failing all of these, the place the text speaks as (``ingest/voice.py``).

Not evidence: page chrome and address lines, bodies and places inside 《》 (cited documents) and the
bodies that issued one (X、Y联合印发的《…》, 根据X《…》), a venue
(会议在武汉召开) or dateline (新华网南昌3月23日电), a superior listed after its province (省、湛江市),
the field of a ranking (居绍兴第2). A region written as XX stays unknown.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from plankg.ingest.cues import cue_regex, fill
from plankg.ingest.layout import is_chrome_line
from plankg.ingest.voice import compared, first_person_level, place_of_voice, plan_word, speaks_at, voice_count
from plankg.ontology.regions import PROVINCE_ABBREVIATIONS, Gazetteer, Region, load_gazetteer

# Bodies that issue plans and the page fields that name them: lang/zh/cues.toml, [issuer].
BUREAU = fill("<issuer.bureaus>")
_GOVERNMENT = fill("<issuer.governments>")
_ZONE = fill("<issuer.zones>")
_BODY = re.compile(r"([\u4e00-\u9fffX]{0,14}?)(" + BUREAU + "|" + _GOVERNMENT + "|" + _ZONE + r")(?:管委会|管理委员会)?")
_FIELD = cue_regex(r"<issuer.fields>\s*[:：]\s*([^\s|｜]{2,30})")
_LEVEL_CHAR = {"省": ("province",), "市": ("city", "county", "municipality"), "州": ("city",), "盟": ("city",), "地区": ("city",),
               "县": ("county",), "旗": ("county",), "区": ("district",)}
#: A region named in the text: (region, start, end), as ``Gazetteer.find_all`` gives it.
Mentioned = tuple[Region, int, int]
_SELF = cue_regex(r"<issuer.self_words>")
#: The end of a clause whose bodies issued the document quoted next (X、Y日前联合印发的《).
_CITED_TAIL = cue_regex(r"(?:日前|近日|近期|此前|先后|最近)?(?:联合|共同)?(?:<issuer.cited_verbs>)的\s*$")
_CITING = cue_regex(r"<issuer.citing_words>")
_CLAUSE_MARKS = frozenset("。；;，,：:！!？?\n《》")
#: How far back from a cited document's 《 its issuers are looked for.
_CITED_REACH = 60
#: Where a zone's own name starts: after a verb or particle a name does not cross (记者从X示范区获悉).
_NAME_BOUNDARY = cue_regex(r"<entities.boundary>")
#: A would-be zone name made only of generic words or counts (国家级农业科技, 两个) names a kind, not a zone.
_GENERIC_NAME = cue_regex(r"(?:<entities.generic_parts>|[省市区县级])+|.*[个批家类多几]|[一二三四五六七八九十两各全我本该每].*")


@dataclass(frozen=True)
class Issuer:
    """The issuing body as written and the region it places the document in."""

    surface: str | None
    region: Region | None
    zone: str | None = None  # a functional area (宣城高新区) the document is from, inside ``region``


def detect_issuer(text: str, title: str, gazetteer: Gazetteer | None = None) -> Issuer:
    """The issuer of a document and its region, from the strongest evidence the text gives."""
    gaz = gazetteer or load_gazetteer()
    found = _detect_issuer(text, title, gaz)
    if found.region is not None:
        return found
    # Weakest evidence: the province a document number abbreviates (渝办发〔2002〕12号 -> 重庆市).
    numbered = _numbered_province(text, gaz)
    return Issuer(found.surface, numbered, found.zone) if numbered is not None else found


#: A document's own number at the head of a line or after its title (渝办发[2002]12号, 鲁政发〔2021〕3号).
_DOC_NUMBER = re.compile(r"(?:^|[\s（(])([\u4e00-\u9fff])(?:政办发|政发|办发|政办字|政字)\s*[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]")


def _numbered_province(text: str, gaz: Gazetteer) -> Region | None:
    """The province a document number abbreviates, when the text's own voice fits a province.

    Only the head counts (a cited number sits inside 《》 or after it), and only abbreviations no
    city number shares (宁 is also 南京's, 青 青岛's): ``PROVINCE_ABBREVIATIONS``.
    """
    head = text[:600]
    for match in _DOC_NUMBER.finditer(head):
        if _inside_quotes(head, match.start()) or "》" in head[max(0, match.start() - 3):match.start() + 1]:
            continue
        name = PROVINCE_ABBREVIATIONS.get(match.group(1))
        region = gaz.regions.get(name) if name else None
        own = first_person_level(text)
        if region is not None and (own is None or speaks_at(region, own)):
            return region
    return None


def _detect_issuer(text: str, title: str, gaz: Gazetteer) -> Issuer:
    # Page chrome (a footer's 主办单位, a site banner) names the website, not the issuer.
    raw_head = text[:1500]
    head = "\n".join("" if is_chrome_line(line) else line for line in raw_head.split("\n"))
    # Every region the text names, found once: the bare-body rules below all read this list. A venue
    # (会议在武汉召开) or a dateline (新华网南昌3月23日电) says where an event was, not whose text it is; a
    # superior named after its province (贯彻省、湛江市…精神) or the field of a ranking (居绍兴第2) is not
    # the text's own place, nor is an address line (地址：北京市朝阳区…).
    contact = [(m.start(), m.end()) for m in _CONTACT_LINE.finditer(text)]
    mentions = [m for m in gaz.find_all(text) if not _venue(text, m[1], m[2]) and not _superior(text, m[1])
                and not compared(text, m[1], m[2]) and not any(a <= m[1] < b for a, b in contact)
                and not (m[0].level in ("county", "district") and plan_word(text, m[1], m[2]))
                and not _institution(text, m[0], m[1], m[2])]
    mentions = sorted(mentions + _branch_places(text, gaz, mentions), key=lambda m: m[1])
    if _CONTACT_LINE.fullmatch(title):
        title = ""  # a page whose first line is its publisher's address (地址：…) has no title to place it
    title_cited = _cited_spans(title)
    for match in _BODY.finditer(title):
        if _in_spans(title_cited, match.start(2)):
            continue  # 河南省科学技术厅 in X、河南省科学技术厅联合印发的《…》: a cited document's issuer
        found = _resolve_body(match, text, gaz, mentions)
        if found.region is not None:
            return found
    signature = _signature(text, gaz, mentions)
    if signature is not None:
        return signature
    title_place = _title_place(title, gaz, mentions)
    fields = [m.group(1) for m in _FIELD.finditer(raw_head) if "主办" not in raw_head[max(0, m.start() - 4) : m.start()]]
    for value in fields:
        for match in _BODY.finditer(value):
            found = _resolve_body(match, text, gaz, mentions)
            if found.region is not None and (title_place is None or _within(title_place, found.region, gaz)):
                return found if title_place is None else Issuer(found.surface, title_place, found.zone)
    meeting_place = _meeting_place(title + "\n" + head, gaz, mentions) if title_place is None else None
    if meeting_place is not None:
        # A report of 2023年嘉兴市科技创新工作会议 is from the place that held the meeting.
        return Issuer(None, meeting_place)
    zone = _zone_of_voice(text, gaz, mentions)
    if title_place is not None:
        if zone is not None and zone.region is not None and _within(zone.region, title_place, gaz):
            return zone  # 宝鸡发展高新技术产业的开发区: a yearbook entry that counts as 延安高新区
        body = next((_resolve_body(m, text, gaz, mentions).surface for m in _BODY.finditer(head)
                     if m.group(2) and re.match(BUREAU, m.group(2))), None)
        return Issuer(body, title_place)
    own_level = first_person_level(text)
    head_cited = _cited_spans(head)
    for match in _BODY.finditer(head):
        if re.match(_ZONE, match.group(2)) and not match.group(1) or _inside_quotes(head, match.start()) or _listed(head, match):
            continue
        if _in_spans(head_cited, match.start(2)):
            continue  # 根据省科技厅《…》: the body that issued a cited document
        if _in_table_row(head, match.start()):
            continue  # | 浦东新区 | 120 |: a row's district that a target is shared out to, not the issuer
        found = _resolve_body(match, text, gaz, mentions)
        if found.region is not None and own_level and not speaks_at(found.region, own_level):
            continue  # 根据福州市科技局的通知 in a text that calls itself 我区: a body it cites
        if found.region is not None:
            below = _own_place_below(found.region, match, text, gaz, mentions)
            if below is not None:
                # 在省科技厅的指导下 names the province's bureau above a city that counts as 全市.
                own = next((m.group(0) for m in _BODY.finditer(title) if re.match(BUREAU, m.group(2))), None)
                return Issuer(own, below)
            return found
    if zone is not None:
        return zone
    # A body whose place the gazetteer does not know (or the text hides) keeps its written name.
    named = next((m.group(0)[-16:] for m in _BODY.finditer(title) if re.match(BUREAU, m.group(2))
                  and re.search(r"[\u4e00-\u9fff]{2,}[省市州县区旗盟]$", m.group(1)) and "XX" not in m.group(1).upper()), None)
    if named:
        return Issuer(named, None)
    # A bureau listed among the units that own a task (〔省发展改革委、省科技厅、…〕) did not issue the text.
    opening_cited = _cited_spans(text[:4000])
    bare = [m for m in _BODY.finditer(text[:4000]) if re.match(BUREAU, m.group(2)) and not _listed(text, m)
            and not _in_spans(opening_cited, m.start(2))]
    if bare:
        # 区科技局 in the opening says more than a bare 科技局 in the title.
        levelled = [m for m in bare if _level_tail(m.group(1))]
        chosen = levelled[0] if levelled else bare[0]
        # 记者从省科技厅获悉 in a text that counts as 全省/我省 and names its province: that province's.
        level = _level_tail(chosen.group(1)) or ("省" if chosen.group(2).endswith("厅") else "")
        voice = place_of_voice(text, mentions, gaz)
        fits = voice is not None and (not level or voice.level in _LEVEL_CHAR[level])
        return Issuer(_level_tail(chosen.group(1)) + chosen.group(2), voice if fits else None)
    # No body anywhere (a page extract of a plan's text): the place the text speaks as.
    return Issuer(fields[0] if fields else None, place_of_voice(text, mentions, gaz))


#: A meeting the document reports on (2023年嘉兴市科技创新工作会议), by the words that name one.
_MEETING = cue_regex(r"(?:20\d\d\s*年度?)?([\u4e00-\u9fff][\u4e00-\u9fff0-9]{1,29}?)(?:<frames.event_words>)")
#: A meeting named after the word that says it was held (从15日召开的恩施州第12个科技活动周总结大会上了解到).
_HELD_MEETING = cue_regex(r"(?:召开|举行|举办)的\s*(?:20\d\d\s*年度?)?([\u4e00-\u9fff][\u4e00-\u9fff0-9]{1,29}?)"
                          r"(?:<frames.event_words>)(?!\s*精神)")
#: Held: 召开 after the meeting, its session (第三次会议) and venue (在福州) between.
_HELD_AFTER = re.compile(r"\s*(?:第[一二三四五六七八九十\d]{1,3}次(?:全体)?会议)?\s*(?:在[^。，,]{0,12})?(?:召开|举行|举办|开幕|隆重)")
_VOICE_OF_LEVEL = {"city": re.compile(r"(?:全|我|本)市"), "county": re.compile(r"(?:全|我|本)[县市]"),
                   "district": re.compile(r"(?:全|我|本)区")}


def _meeting_place(head: str, gaz: Gazetteer, mentions: list[Mentioned]) -> Region | None:
    """The place named in the meeting a report is about (…临海市科技创新工作会议召开)."""
    held_before = [m for m in _MEETING.finditer(head)
                   if _HELD_AFTER.match(head, m.end())]
    for match in sorted([*held_before, *_HELD_MEETING.finditer(head)], key=lambda m: m.start()):
        # The meeting reported on is held (召开, 举行); one whose spirit is studied (贯彻…大会精神) is cited.
        if _inside_quotes(head, match.start()):
            continue
        found = gaz.find_all(match.group(1), _names(mentions))
        if found:
            deepest = found[0][0]
            for region, _, _ in found[1:]:
                if deepest.name in {a.name for a in gaz.ancestors(region.name)}:
                    deepest = region
            return deepest
    return None


#: A clause a zone opens (，开发区5家企业上榜; 下一步，高新区将…) speaks as that zone.
_CLAUSE_START = re.compile(r"(?:^|[\s，,。；;：:！!])$")
#: Words before a zone that leave it the subject (今年经开区工作, 2024年经开区…, 也是经开区…).
_TIME_OR_COPULA = re.compile(r"(?:今|明|全|上半|下半)?年|也是|是|将|由")
#: Fewest times a text must speak as a zone, and how much more than as its city or county (全市, 我县).
MIN_ZONE_VOICE = 3
_CITY_VOICE = re.compile(r"(?:全|我|本)[市县]")
#: Words that lead to a bare zone as the place a visit or work is about (对经开区科技工作进行调研, 到高新区).
_TOWARDS = re.compile(r"(?:对|到|赴|在|走进|深入|来到)$")


def _zone_of_voice(text: str, gaz: Gazetteer, mentions: list[Mentioned]) -> Issuer | None:
    """The functional zone a text speaks as: named with its place (延安高新区) or opening clauses (开发区将…).

    A zone's own news and yearbook entries call it 开发区/高新区 throughout and name their county or city
    once or twice. A bare zone is placed in the one county or city the text names outside cited documents.
    """
    body = text[:4000]
    named: Counter[str] = Counter()
    issuers: dict[str, Issuer] = {}
    bare: Counter[str] = Counter()
    for match in _BODY.finditer(body):
        if not re.fullmatch(_ZONE, match.group(2)) or _inside_quotes(body, match.start()) or _listed(body, match):
            continue
        if match.group(1) and not _TIME_OR_COPULA.fullmatch(match.group(1)) or not match.group(1) and not (
                _CLAUSE_START.search(body[:match.start()])):
            found = _resolve_body(match, text, gaz, mentions)
            if found.zone is not None:
                named[found.zone] += 1
                issuers.setdefault(found.zone, found)
            elif found.region is None and _TOWARDS.search(match.group(1)):
                bare[match.group(2)] += 1  # 市领导…到经开区察看创新工作: the zone the text is about
            continue
        bare[match.group(2)] += 1
    voiced = sum(bare.values()) + sum(named.values())
    if voiced < MIN_ZONE_VOICE or voiced <= 2 * voice_count(_CITY_VOICE, text):
        return None
    if named:
        best, best_n = named.most_common(1)[0]
        # A province's roundup of its zones (枣庄高新区…济南高新区…青岛高新区) speaks as none of them.
        if best_n < 2 * (sum(named.values()) - best_n):
            return None
        if issuers[best].region is not None:
            return issuers[best]
        # A zone the gazetteer lacks (X示范区 of a province's news) sits in the place the text names.
        parent = _one_chain(text, gaz, mentions, ("province", "city", "county", "district"))
        return Issuer(issuers[best].surface, parent, best) if parent is not None else None
    region = _one_chain(text, gaz, mentions, ("city", "county", "district"))
    if region is None:
        return None
    return Issuer(None, region, _zone_label(region.short, bare.most_common(1)[0][0]))


def _one_chain(text: str, gaz: Gazetteer, mentions: list[Mentioned], levels: tuple[str, ...]) -> Region | None:
    """The one place of ``levels`` the text names outside 《》, or the deepest of one chain (绍兴 … 上虞 -> 上虞区)."""
    places = {region.name: region for region, start, _ in mentions
              if region.level in levels and not _inside_quotes(text, start)}
    deepest = [r for r in places.values() if not any(r.name in {a.name for a in gaz.ancestors(o.name)}
                                                     for o in places.values())]
    if len(deepest) != 1 or any(not _within(deepest[0], r, gaz) for r in places.values()):
        return None
    return deepest[0]


def _unplaced_zone(prefix: str, kind: str) -> str | None:
    """A zone's name from the words before its kind when no known place is among them (记者从平川示范区 -> 平川示范区).

    The name starts after the last word a name does not cross; two to four characters that are not
    generic words or counts (两个示范区, 国家级农业科技示范区 name kinds of zone, not one zone).
    """
    if "X" in prefix.upper():
        return None
    name = prefix
    for boundary in _NAME_BOUNDARY.finditer(prefix):
        name = prefix[boundary.end():]
    if not 2 <= len(name) <= 4 or _GENERIC_NAME.fullmatch(name):
        return None
    return _zone_label(name, kind)


def _cited_spans(text: str) -> list[tuple[int, int]]:
    """Stretches naming the bodies that issued a document the text cites: X、Y联合印发的《…》, 根据X《…》.

    The issuers stand in the clause before 《, after any word that cites them (转发X印发的《 keeps the
    forwarding body out of the stretch).
    """
    spans = []
    for quote in re.finditer("《", text):
        start = quote.start()
        while start > max(0, quote.start() - _CITED_REACH) and text[start - 1] not in _CLAUSE_MARKS:
            start -= 1
        clause = text[start:quote.start()]
        citing = [m.end() for m in _CITING.finditer(clause)]
        tail = _CITED_TAIL.search(clause)
        if tail is None and not citing:
            continue
        first = start + (citing[-1] if citing and (tail is None or citing[-1] <= tail.start()) else 0)
        spans.append((first, start + tail.start() if tail else quote.start()))
    return spans


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _zone_label(short: str, kind: str) -> str:
    """A zone's name from its place and kind: 宣城 + 高新技术产业开发区 -> 宣城高新区."""
    return short + ("高新区" if "高新" in kind else "经开区" if "经济" in kind or "经开" in kind else kind)


def _own_place_below(found: Region, match: re.Match[str], text: str, gaz: Gazetteer,
                     mentions: list[Mentioned]) -> Region | None:
    """A bare provincial body (省科技厅) in a text that names one place below it and speaks as that place.

    A document that names its city is never placed at the province above it.
    """
    if found.level != "province" or gaz.find_all(match.group(1), _names(mentions)):
        return None
    below: dict[str, Region] = {}
    for region, _, _ in mentions:
        voice = _VOICE_OF_LEVEL.get(region.level)
        if region.name != found.name and found.name in {a.name for a in gaz.ancestors(region.name)} and voice and (
                voice_count(voice, text)):
            below.setdefault(region.name, region)
    if len(below) == 1:
        return next(iter(below.values()))
    return None


#: A city bureau's branch in a district (市生态环境局咸安分局, 市公安局鹿城分局) names that district.
_BRANCH = re.compile(r"市[\u4e00-\u9fff]{1,10}?局([\u4e00-\u9fff]{2,3}?)分局")


def _branch_places(text: str, gaz: Gazetteer, mentions: list[Mentioned]) -> list[Mentioned]:
    """Districts and counties named only by a city bureau's branch there (…局咸安分局), when the name is unique."""
    named = {start for _, start, _ in mentions}
    found = []
    for match in _BRANCH.finditer(text):
        if match.start(1) in named:
            continue
        regions = [r for r in gaz.candidates(match.group(1)) if r.level in ("county", "district")]
        if len(regions) == 1:
            found.append((regions[0], match.start(1), match.end(1)))
    return found


#: A venue (在武汉召开, 在长春市南湖宾馆举行) or a news dateline (新华网南昌3月23日电) after a place.
_VENUE_AFTER = re.compile(r"[^。，,；;、\s]{0,8}?(?:隆重)?(?:召开|举行|举办|开幕)")
_DATELINE_AFTER = re.compile(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)")
#: A title that issues or forwards the document it quotes (关于印发《…》).
_ISSUES = re.compile(r"(?:印发|转发|颁布|公布)\s*$")


#: A line of contact details (地址：…, 邮编, 电话, 传真): the publisher's address, not the document's place.
_CONTACT_LINE = re.compile(r"^.*(?:地址|邮编|邮政编码|电话|传真|邮箱|E-?mail)\s*[:：].*$", re.M | re.I)


#: A university or college named after its city (哈尔滨工业大学, 南京航空航天大学): a partner, not a place.
_INSTITUTION_AFTER = re.compile(r"[^\s与和及的、，,。；;：:（(]{0,4}?(?:大学|学院)")


def _institution(text: str, region: Region, start: int, end: int) -> bool:
    """Whether a place's short form at ``start:end`` opens an institution's name (深化与哈尔滨工业大学合作).

    A text that names its partners' universities says nothing about its own place by them.
    """
    return text[start:end] == region.short and bool(_INSTITUTION_AFTER.match(text, end))


def _superior(text: str, start: int) -> bool:
    """Whether the place at ``start`` follows its province in a list of superiors (省、湛江市科技创新座谈会)."""
    return text[max(0, start - 2):start] in ("省、", "省和", "省及")


def _venue(text: str, start: int, end: int) -> bool:
    """Whether the place at ``start:end`` is where an event was held or a report was filed from."""
    if text[max(0, start - 1):start] == "在" and _VENUE_AFTER.match(text, end):
        return True
    return bool(_DATELINE_AFTER.match(text, end))


_DATE_LINE = re.compile(r"^\s*20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


def _signature(text: str, gaz: Gazetteer, mentions: list[Mentioned]) -> Issuer | None:
    """The issuing body signed above a notice's date (温州市洞头区人民政府 / 2023年8月30日)."""
    lines = [ln.strip() for ln in text[:3000].split("\n")]
    for i, line in enumerate(lines[:-1]):
        body = _BODY.fullmatch(line)
        if body and _DATE_LINE.match(lines[i + 1]):
            found = _resolve_body(body, text, gaz, mentions)
            if found.region is not None:
                return found
    return None


def _names(mentions: list[Mentioned]) -> tuple[str, ...]:
    return tuple(region.name for region, _, _ in mentions)


def _listed(text: str, match: re.Match[str]) -> bool:
    """Whether a body is one of a list (旬阳市、安康高新区、市农科院作了发言): a participant, not the issuer.

    A table cell's lead unit is marked (区财政局*、区发改局): a list all the same.
    """
    return text[match.start() - 1 : match.start()] == "、" or bool(re.match(r"\*?、", text[match.end():match.end() + 2]))


def _in_table_row(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a table row written with cell bars (| 闵行区 | 60 |)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return text[line_start:pos].lstrip().startswith("|")


def _inside_quotes(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside 《…》: a cited document's issuer is not this one's."""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


def _within(inner: Region, outer: Region, gaz: Gazetteer) -> bool:
    return inner.name == outer.name or outer.name in {a.name for a in gaz.ancestors(inner.name)}


def _title_place(title: str, gaz: Gazetteer, mentions: list[Mentioned]) -> Region | None:
    """The deepest region a title names (湖北黄石：… -> 黄石市); XX places are unknown.

    A venue (…会议在武汉召开) is not the title's place, nor is a document the title cites
    (发布《对河南省…的公告》), unless the title issues it (关于印发《X市…方案》的通知).
    """
    cited = _cited_spans(title)
    found = [r for r, start, end in gaz.find_all(title, _names(mentions)) if not _venue(title, start, end)
             and not _in_spans(cited, start) and not (_inside_quotes(title, start) and not _ISSUES.search(title[:title.rfind("《", 0, start)]))]
    if not found:
        return None
    deepest = found[0]
    for region in found[1:]:
        if deepest.name in {a.name for a in gaz.ancestors(region.name)}:
            deepest = region
    return deepest


def _resolve_body(match: re.Match[str], text: str, gaz: Gazetteer, mentions: list[Mentioned]) -> Issuer:
    """Region of one written body: its own place name, else its level char resolved in the text."""
    prefix, kind = match.group(1), match.group(2)
    surface = match.group(0)
    if "XX" in prefix.upper():
        return Issuer(surface, None)
    in_prefix = gaz.find_all(prefix, _names(mentions))
    # The body's own place ends right before it (资阳市科学技术局); 河北省级以上高新区 names a class.
    # Only the places written edge to edge before the body are its own (湖北省武汉市科技局): in
    # 安徽网讯据安徽省人民政府 the news dateline before 安徽省 is no part of the name.
    own = in_prefix[-1:] if in_prefix and in_prefix[-1][2] == len(prefix) else []
    for place in reversed(in_prefix[:-1]):
        if own and place[2] == own[0][1]:
            own.insert(0, place)
    named = [r for r, _, _ in own]
    if named:
        surface = surface[own[0][1]:]
    elif prefix:
        surface = surface[len(prefix) - len(_level_tail(prefix)):]
    zone = None
    whole = gaz.candidates(match.group(0)[len(prefix) - len(named[-1].short) if named else 0 :]) if named else []
    if re.match(_ZONE, kind) and whole:
        return Issuer(surface, whole[0])  # 滨海新区, 浦东新区: districts, not functional zones
    if re.match(_ZONE, kind):
        if not named:
            unplaced = _unplaced_zone(prefix, kind)
            return Issuer(unplaced or surface, None, unplaced)
        zone = _zone_label(named[-1].short, kind)
    if named:
        region = named[-1]
        for candidate in named[:-1]:
            if region.name in {a.name for a in gaz.ancestors(candidate.name)}:
                region = candidate
        return Issuer(surface, region, zone)
    level_char = _level_char(prefix)
    if level_char is None:
        return Issuer(surface, None)
    return Issuer(surface, _region_of_level(text, level_char, mentions))


def _level_tail(prefix: str) -> str:
    """The level char a bare body keeps in its written form (…工作。州科技局 -> 州)."""
    char = _level_char(prefix)
    return char if char and prefix.endswith(char) else ""


def _level_char(prefix: str) -> str | None:
    """The level a bare body names: 市科技局 -> 市, 全州 -> 州, 县科技工信局 -> 县."""
    # 我代表区人民政府向大会报告工作: the speaker of a government work report.
    stripped = re.sub(r"^(?:我代表|全|本|我|该)", "", prefix)
    for char in sorted(_LEVEL_CHAR, key=len, reverse=True):
        if stripped == char or stripped.endswith(char) and len(stripped) <= len(char) + 1:
            return char
    return None


def _region_of_level(text: str, level_char: str, mentions: list[Mentioned]) -> Region | None:
    """The one region of the level a bare body names that the text places it in."""
    levels = _LEVEL_CHAR[level_char]
    seen: dict[str, Region] = {}
    for region, start, end in mentions:
        written = text[start:end]
        municipality = region.level == "province" and region.name.endswith("市")  # 天津市科技局 is a 市's
        if region.level not in levels and not (municipality and "municipality" in levels):
            continue
        if level_char in ("市", "州", "县", "区") and not municipality:
            # 市科技局 is a 市's bureau: a county-level city (瑞安市) counts, a 县 does not.
            if not (region.name.endswith(level_char) or written.endswith(level_char)
                    or level_char == "州" and region.name.endswith("自治州")
                    or level_char == "市" and region.level == "city" and written == region.short):
                continue
        seen.setdefault(region.name, region)
    if len(seen) <= 1:
        return next(iter(seen.values()), None)
    # Several of that level: a bare 市科技局 writes about its own city far more than any other.
    counts = Counter(region.name for region, _, _ in mentions if region.name in seen)
    (best, best_n), (_, second_n) = counts.most_common(2)
    return seen[best] if best_n >= 3 and best_n >= 2 * second_n else None


def mentions_self(text: str) -> bool:
    """Whether the text speaks as the issuer (我局, 本局)."""
    return bool(_SELF.search(text))
