"""Places in a question: regions of the gazetteer (with their hierarchy) and places outside it.

A question about a place the gazetteer does not know (成都, Sichuan) must not fall back to
"everywhere": it is kept as an unknown place, and the answer says nothing was found there.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from plankg.ontology.regions import Gazetteer, load_gazetteer

# Provinces and large cities of China, for recognising places outside the gazetteer; the
# gazetteer's own entries win where both know a name.
_OTHER_PLACES_ZH = (
    "河北 山西 辽宁 吉林 黑龙江 江西 河南 湖北 湖南 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 "
    "新疆 香港 澳门 石家庄 太原 沈阳 大连 长春 哈尔滨 南昌 郑州 武汉 长沙 海口 成都 贵阳 昆明 西安 兰州 西宁 呼和浩特 "
    "南宁 拉萨 银川 乌鲁木齐 合肥 福州 厦门 济南 青岛 烟台 常州 南通 扬州 徐州 东莞 佛山 珠海 雄安"
).split()
_OTHER_PLACES_EN = (
    "Hebei Shanxi Liaoning Jilin Heilongjiang Jiangxi Henan Hubei Hunan Hainan Sichuan Guizhou Yunnan Shaanxi "
    "Gansu Qinghai Taiwan Guangxi Tibet Ningxia Xinjiang Hong Kong Macau Macao Shijiazhuang Taiyuan Shenyang "
    "Dalian Changchun Harbin Nanchang Zhengzhou Wuhan Changsha Haikou Chengdu Guiyang Kunming Xi'an Xian Lanzhou "
    "Xining Nanning Lhasa Yinchuan Urumqi Hefei Fuzhou Xiamen Jinan Qingdao Yantai Changzhou Nantong Yangzhou "
    "Xuzhou Dongguan Foshan Zhuhai Xiong'an Nanjing Suzhou Wuxi Guangzhou Shenzhen"
).split()
_PLACE_SUFFIX = "(?:省|市|区|县|自治区)?"
# A question about a city covers its counties and districts only when it says so.
_INCLUDE_SUB = re.compile(r"全市|全省|所辖|下辖|含(各)?县|包括(各)?(县|区|县市区|区县)|各县|各区县|县（市、区）|县\(市、区\)|"
                          r"\bincluding\s+(its\s+|the\s+)?(counties|districts|county)|\band\s+its\s+(counties|districts)\b|"
                          r"\bwhole\s+(city|prefecture)\b|\bcity-wide\b|\bcitywide\b", re.IGNORECASE)


# A functional zone named after its place: 天津高新区, 丽水经济技术开发区 (the zone word as figures write it).
_ZONE_AFTER = re.compile(r"(?:市|县|区)?(?:国家级|国家|省级)?(高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|开发区|新区|"
                         r"示范区)")
_ZONE_WORDS = {"高新技术产业开发区": "高新区", "经济技术开发区": "开发区", "经济开发区": "开发区", "经开区": "开发区"}


@dataclass(frozen=True)
class PlaceMention:
    """A place written in a question: the gazetteer name (or the text when unknown) and where."""

    name: str
    start: int
    end: int
    known: bool = True
    #: For a place the gazetteer lacks but the corpus's documents come from: those documents.
    doc_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PlaceSlot:
    """Places a question names, in order of appearance."""

    mentions: tuple[PlaceMention, ...] = ()
    include_sub: bool = False
    #: Functional zones written after a known place (天津高新区, 丽水经开区): the zone as written, its
    #: zone word, and where the zone word stands in the question.
    zones: tuple[tuple[str, str, int, int], ...] = ()

    @property
    def regions(self) -> tuple[str, ...]:
        """Full gazetteer names (路桥区, 温州市)."""
        return tuple(dict.fromkeys(m.name for m in self.mentions if m.known))

    @property
    def unknown(self) -> tuple[str, ...]:
        """Places outside the gazetteer (成都, Sichuan) that no document of the corpus comes from."""
        return tuple(dict.fromkeys(m.name for m in self.mentions if not m.known and not m.doc_ids))

    @property
    def documents(self) -> tuple[tuple[str, frozenset[str]], ...]:
        """Places known only from the corpus's documents (开封市, 宣城高新区), with those documents."""
        return tuple((m.name, m.doc_ids) for m in self.mentions if m.doc_ids)

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return tuple((m.start, m.end) for m in self.mentions)

    def without(self, spans: list[tuple[int, int]]) -> PlaceSlot:
        """Drop mentions lying inside any of ``spans`` (温州 inside 浙大温州研究院)."""
        return PlaceSlot(tuple(m for m in self.mentions
                               if not any(s <= m.start and m.end <= e for s, e in spans)), self.include_sub,
                         self.zones)


@functools.lru_cache(maxsize=1)
def _english_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    gazetteer = load_gazetteer()
    names = {english.lower(): gazetteer.regions[name].name for english, name in gazetteer.english_names().items()
             if len(english) >= 4}
    forms = sorted(names, key=len, reverse=True)
    # Place names are capitalised in English questions: "Hanshou County", not the word "anning".
    pattern = re.compile(r"\b(" + "|".join(re.escape(f).capitalize() for f in forms) + r")(?:'s|’s)?\b"
                         r"(?:\s+(?:[Cc]ity|[Dd]istrict|[Cc]ounty|[Pp]rovince|[Pp]refecture))?")
    return pattern, names


@functools.lru_cache(maxsize=1)
def _other_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    known = {f for r in load_gazetteer().regions.values() for f in (r.name, r.short, r.en) if f}
    zh = sorted((p for p in _OTHER_PLACES_ZH if p not in known), key=len, reverse=True)
    en = sorted((p for p in _OTHER_PLACES_EN if p not in known), key=len, reverse=True)
    never = r"(?!x)x"  # the national gazetteer knows them all: nothing is left to match
    return (re.compile("(" + ("|".join(zh) or never) + ")" + _PLACE_SUFFIX),
            re.compile(r"\b(" + ("|".join(re.escape(p) for p in en) or never) + r")\b", re.IGNORECASE))


def parse_places(text: str, gazetteer: Gazetteer | None = None, corpus_places: object | None = None) -> PlaceSlot:
    """Find gazetteer regions and other places in a question (Chinese and English names).

    >>> parse_places("路桥区2025年的目标").regions
    ('路桥区',)
    >>> parse_places("What are Wenzhou's labs?").regions
    ('温州市',)
    >>> parse_places("成都的目标").regions
    ('成都市',)
    """
    gazetteer = gazetteer or load_gazetteer()
    mentions: list[PlaceMention] = []
    spans: list[tuple[int, int]] = []

    def add(name: str, start: int, end: int, known: bool, doc_ids: frozenset[str] = frozenset()) -> None:
        if not _overlaps((start, end), spans):
            mentions.append(PlaceMention(name, start, end, known, doc_ids))
            spans.append((start, end))

    for region, start, end in _unrelated_short_forms_dropped(gazetteer, gazetteer.find_all(text, loose=True), text):
        add(region.name, start, end, True)
    # English names of gazetteer regions before the corpus's places, so "Wenzhou" is the region 温州市
    # (a scope every question kind honours), not only a place some documents come from.
    pattern, names = _english_pattern()
    for match in pattern.finditer(text):
        add(names[match.group(1).lower().replace(" ", "").replace("'", "")], match.start(), match.end(), True)
    if corpus_places is not None:
        # Places the documents come from (their region, issuer, title): a longer one (宣城高新区)
        # replaces the region inside it (宣城); the others fill what the gazetteer lacks.
        for hit in corpus_places.find(text):  # type: ignore[attr-defined]
            inside = [m for m in mentions if hit.start <= m.start and m.end <= hit.end and (m.start, m.end) != (hit.start, hit.end)]
            for mention in inside:
                mentions.remove(mention)
                spans.remove((mention.start, mention.end))
            add(hit.name, hit.start, hit.end, False, hit.doc_ids)
    zh_other, en_other = _other_patterns()
    for other in (zh_other, en_other):
        for match in other.finditer(text):
            add(match.group(1), match.start(), match.end(), False)
    zones = []
    for mention in mentions:
        zone = _ZONE_AFTER.match(text, mention.end) if mention.known else None
        if zone:
            zones.append((text[mention.start:zone.end()], _ZONE_WORDS.get(zone.group(1), zone.group(1)),
                          zone.start(1), zone.end()))
    return PlaceSlot(tuple(sorted(mentions, key=lambda m: m.start)), bool(_INCLUDE_SUB.search(text)), tuple(zones))


#: An unnamed place below a named one: 这个陕西的县, 云南某州, 湖南下辖的一个区.
_BELOW = re.compile(r"(?:省|自治区|市)?(?:的|某|下属的?|下辖的?|所辖的?)(?:一个|某个|某)?(县|州|市|区|旗)(?![级长委域])")


def level_below(text: str, mention: PlaceMention) -> tuple[str, int] | None:
    """The level of an unnamed place the question puts inside a named one (陕西的县 -> 县), with
    where those words end; None when the place itself is asked."""
    match = _BELOW.match(text, mention.end)
    if match is None or not mention.known:
        return None
    region = load_gazetteer().regions.get(mention.name)
    if region is None or region.level not in ("province", "city"):
        return None
    return match.group(1), match.end()


def _unrelated_short_forms_dropped(gazetteer: Gazetteer, hits: list, text: str) -> list:
    """A county's or district's short name beside another place written in full that is neither
    above nor below it is a word, not a place (增城 in 岳阳楼区2017年新增城镇就业): questions name
    one place, or places of one family."""
    def short_county(region: object, start: int, end: int) -> bool:
        return text[start:end] != region.name and region.level not in ("province", "city")  # type: ignore[attr-defined]

    def related(one: str, other: str) -> bool:
        above_one = {r.name: r.level for r in gazetteer.ancestors(one)}
        above_other = {r.name: r.level for r in gazetteer.ancestors(other)}
        shared_city = any(level not in ("province", "country") for name, level in above_one.items()
                          if name in above_other)
        return other in above_one or one in above_other or shared_city

    placed = [region for region, start, end in hits if not short_county(region, start, end)]
    return [(region, start, end) for region, start, end in hits
            if not (short_county(region, start, end) and placed)
            or any(related(region.name, other.name) for other in placed)]


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)
