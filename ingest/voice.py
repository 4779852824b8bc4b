"""Where a document is from when it names no issuer: the place it speaks as.

Page extracts often keep only a plan's body: no title, letterhead or signature. Such a text still
speaks as its place: it adapts a plan to it (结合五华区实际，制订本方案) or counts in its own voice at
its own level (全省…达到, 我市…新增). The place is the region the text names at that level, and only
when it is clearly the one the text is about; otherwise the place stays unknown.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from plankg.ingest.cues import words
from plankg.ontology.regions import PROVINCE_BYNAMES, Gazetteer, Region

#: Adapting a plan to its place: 结合五华区实际, 立足我市实际 (the place's own words).
_ADAPTS = re.compile(r"(?:结合|立足|根据|从)([\u4e00-\u9fff]{2,12}?)(?:的)?实际")
#: Own-voice counting words of each level, and the region levels they speak for.
_VOICE = {
    "province": (re.compile(r"(?:全|我|本)省"), ("province", "plain_province")),
    "city": (re.compile(r"(?:全|我|本)市"), ("city", "municipality")),
    "prefecture": (re.compile(r"(?:全|我|本)州"), ("city",)),
    "county": (re.compile(r"(?:全|我|本)[县旗]"), ("county",)),
    "district": (re.compile(r"(?:全|我|本)区"), ("district", "province")),
}
#: 全市 in a comparison (居全市第二, 占全市35%, 全市排名第2, 全市唯一) ranks the text's place among its
#: superior's places: it is the superior's word, not the text's own voice.
_COMPARED_BEFORE = re.compile(r"(?:居|占|位居|位列|列|高于|低于|超过|领先)$")
_COMPARED_AFTER = re.compile(r"(?:的)?(?:排名|排行|排位|第[一二三四五六七八九十\d]+(?![一二三四五六七八九十\d届次批期个家项件号])"
                             r"|前(?:列|[一二三四五六七八九十\d]+[位名强])|唯一|首位|首个|平均|之最|领先|比重|占比|同类)")


def voice_count(pattern: re.Pattern[str], text: str) -> int:
    """How often a text speaks in a voice (全市, 我县), leaving out comparisons with its superior's places."""
    return sum(1 for m in pattern.finditer(text) if not compared(text, m.start(), m.end()))


def compared(text: str, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` name the field a ranking is within (居绍兴第2, 全市排名第3, 占全省)."""
    return bool(_COMPARED_BEFORE.search(text, max(0, start - 2), start) or _COMPARED_AFTER.match(text, end))


#: First-person words of each level (我区, 本县): how a text names itself, never a place it compares with.
_FIRST_PERSON = {char: re.compile(r"(?:我|本)" + char) for char in "省市州县区"}
#: A level's own units, named by their level char alone at the start of a cell or list item
#: (牵头单位：区发改局、区财政局): a responsibility table speaks in its own level's voice.
_OWN_UNITS = {level: re.compile(r"(?:^|(?<=[\s:：、，,；;（(|]))" + char + r"[\u4e00-\u9fff]{1,8}?(?:局|委|办)(?![\u4e00-\u9fff])", re.M)
              for level, char in (("province", "省"), ("city", "市"), ("county", "县"), ("district", "区"))}
#: The opening of a text, where the place it is about is named as its subject.
OPENING = 60
#: Fewest own-voice words that make a level the text's own.
MIN_VOICE = 2


def place_of_voice(text: str, mentions: list[tuple[Region, int, int]], gaz: Gazetteer) -> Region | None:
    """The region a text with no issuer speaks as, or None when the text does not make it clear.

    Args:
        text: The document's text.
        mentions: Every region the text names, as ``Gazetteer.find_all`` gives them.
        gaz: The gazetteer the mentions come from.
    """
    for match in _ADAPTS.finditer(text):
        named = [region for region, start, end in mentions if match.start(1) <= start and end <= match.end(1)]
        if len(named) == 1:
            return named[0]
    counts = {level: voice_count(pattern, text) + (len(_OWN_UNITS[level].findall(text)) if level in _OWN_UNITS else 0)
              for level, (pattern, _) in _VOICE.items()}
    level, voiced = max(counts.items(), key=lambda item: item[1])
    if voiced < MIN_VOICE:
        return _keeps_naming(mentions, gaz, text)
    levels = _VOICE[level][1]
    named_counts = Counter(region.name for region, _, _ in mentions if _speaks_as(region, levels))
    if not named_counts and level == "city":
        parent = _parent_of_parts(mentions, gaz)
        if parent is not None:
            return parent
    if not named_counts and level != "province":
        # 赋能瓯海产业 in a text that counts as 全区: a district named by its short form alone, the one
        # place of the text's own level it names (found only where the name is unique in the country).
        loose = {region.name: region for region, start, end in gaz.find_all(text, loose=True)
                 if region.level in ("county", "district") and text[start:end] == region.short
                 and _speaks_as(region, levels) and _reads_as_place(text, start, end)}
        return next(iter(loose.values())) if len(loose) == 1 else None
    if level == "province" and not named_counts:
        # A province's short form shared with a smaller place (海南: 海南省, 乌海市海南区) is not
        # matched unless placed; in a text speaking as 全省 it is the province.
        named_counts = Counter({r.name: text.count(r.short) for r in gaz.regions.values()
                                if r.level == "province" and len(r.short) >= 2 and r.short in text})
        # 为龙江高质量发展 in a text counting as 全省: a province called by its byname.
        named_counts.update({name: text.count(byname) for byname, name in PROVINCE_BYNAMES.items()
                             if byname in text and name not in named_counts})
        provinces = {name: gaz.regions[name] for name in named_counts}
        if named_counts:
            return _dominant(named_counts, provinces)
        # 我省…兰州白银国家自主创新示范区: a province that names only places of its own.
        holders = {getattr(gaz.province_of(region.name), "name", None) for region, _, _ in mentions}
        return gaz.regions[holders.pop()] if len(mentions) >= MIN_VOICE and len(holders) == 1 and None not in holders else None
    if not named_counts:
        return None
    regions = {region.name: region for region, _, _ in mentions}
    opening = {region.name for region, start, _ in mentions if start < OPENING}
    if len(named_counts) == 1 and (voiced >= 2 * MIN_VOICE or next(iter(named_counts)) in opening):
        # A text that keeps speaking as 全市 and names one city names its own, if only once; so does one
        # that opens with it (上海科技事业三年大变样…本市…全市).
        return regions[next(iter(named_counts))]
    return _dominant(named_counts, regions)


#: Fewest counties and districts a city's text divides its work among for their parent to be its place.
MIN_PARTS = 3


def _parent_of_parts(mentions: list[tuple[Region, int, int]], gaz: Gazetteer) -> Region | None:
    """The city (or municipality) that holds most of the counties and districts a 全市 text names.

    A city's target table shares its work out among its districts (万州区…黔江区…) and never names
    itself: the parent of most of them is the city that speaks, if one holds two thirds or more.
    """
    parts = {region.name: region for region, _, _ in mentions if region.level in ("county", "district")}
    parents = Counter(region.parent for region in parts.values() if region.parent)
    if not parents:
        return None
    best, best_n = parents.most_common(1)[0]
    parent = gaz.regions.get(best)
    if parent is None or best_n < MIN_PARTS or best_n * 3 < len(parts) * 2:
        return None
    return parent if _speaks_as(parent, ("city", "municipality")) else None


#: Fewest times a text with no own-voice words names the one place it is about (上海…上海…).
MIN_NAMED = 5
#: Fewest times a text naming no other place must name its one place (a city's table: 常州科教城…).
MIN_ONLY_NAMED = 3


def _keeps_naming(mentions: list[tuple[Region, int, int]], gaz: Gazetteer, text: str) -> Region | None:
    """The one place a text keeps naming when it never counts in its own voice (a plan that says 上海 for 我市).

    It must be named ``MIN_NAMED`` times or more, three times as often as any place not above it, and no
    place inside it may be named twice (a county's text names its city and province too).
    """
    counts = Counter(region.name for region, _, _ in mentions)
    if not counts:
        return None
    regions = {region.name: region for region, _, _ in mentions}
    best, best_n = counts.most_common(1)[0]
    # A short form hidden in other words (四平 in 四平台一中心) names no place outside the one named most.
    unrelated = [(r, start, end) for r, start, end in mentions if r.name != best and not _related(r.name, best, gaz)]
    for region, start, end in unrelated:
        if text[start:end] == region.short and not _reads_as_place(text, start, end):
            counts[region.name] -= 1
    counts = +counts
    above = {a.name for a in gaz.ancestors(best)}
    others = [n for name, n in counts.items() if name != best and name not in above]
    inside = [n for name, n in counts.items() if best in {a.name for a in gaz.ancestors(name)}]
    if any(n >= 2 for n in inside):
        return None
    # A digest of a municipality's report (北京…怀柔…昌平…北京) names its places inside it once each.
    outside = [n for name, n in counts.items() if name != best and name not in above
               and best not in {a.name for a in gaz.ancestors(name)}]
    ranges_over = not outside and best_n >= MIN_VOICE and len(inside) >= 2
    # A table naming one city in its projects (常州科教城, 中以常州创新园) and no other place is that city's.
    only_one = len(counts) == 1 and best_n >= MIN_ONLY_NAMED
    if not ranges_over and not only_one and (best_n < MIN_NAMED or any(n * 3 > best_n for n in others)):
        return None
    return regions[best]


def _related(name: str, other: str, gaz: Gazetteer) -> bool:
    """Whether one region holds the other."""
    return other in {a.name for a in gaz.ancestors(name)} or name in {a.name for a in gaz.ancestors(other)}


def first_person_level(text: str) -> str | None:
    """The level char a text speaks of itself in (我区 -> 区), when it uses one and only one, twice or more."""
    counts = {char: len(pattern.findall(text)) for char, pattern in _FIRST_PERSON.items()}
    used = [char for char, n in counts.items() if n]
    return used[0] if len(used) == 1 and counts[used[0]] >= MIN_VOICE else None


def speaks_at(region: Region, char: str) -> bool:
    """Whether a region can speak of itself as 我<char> (我区: a district or an autonomous region)."""
    levels = {"省": ("province", "plain_province"), "市": ("city", "county", "municipality"), "州": ("city",),
              "县": ("county",), "区": ("district", "province")}[char]
    return _level_of(region) in levels or region.level in levels and char != "区"


def _dominant(named_counts: Counter[str], regions: dict[str, Region]) -> Region | None:
    """The region named far more than any other (twice or more, and at least twice as often)."""
    if not named_counts:
        return None
    ranked = named_counts.most_common(2)
    best, best_n = ranked[0]
    second_n = ranked[1][1] if len(ranked) > 1 else 0
    # The place a text speaks as is the one it keeps naming; a near tie is no evidence.
    if best_n < 2 or best_n < 2 * second_n:
        return None
    return regions[best]


#: The verbs plans count with (新建, 建设, 培育): a district whose short form is one (新建区) is not
#: named by 新建院士专家工作站. jieba's dictionary tags such words as places, so they are read here.
_PLAN_VERBS = frozenset(words("facts.leading") + words("facts.verb_cut") + words("facts.goal_verbs")
                        + words("facts.increment"))


def plan_word(text: str, start: int, end: int) -> bool:
    """Whether a short place form at ``start:end`` is written as one of the plan's own verbs (新建…工作站)."""
    return text[start:end] in _PLAN_VERBS


def _reads_as_place(text: str, start: int, end: int) -> bool:
    """Whether a short form is a place-name word in its sentence (赋能瓯海产业), not part of other words.

    资源 (资源县) is an everyday noun and 新平 (新平县) hides in 创新平台: the word segmenter reads both
    so. It tags a rare place name as a place, a person or another proper name (鹿城 nr), never as a noun.
    """
    if plan_word(text, start, end):
        return False
    left = max(text.rfind(stop, 0, start) for stop in "。；;！!？?\n") + 1
    right = min((i for i in (text.find(stop, end) for stop in "。；;！!？?\n") if i >= 0), default=len(text))
    pos = left
    for token in _tagger().cut(text[left:right]):
        if pos == start:
            return token.word == text[start:end] and token.flag in _PROPER_NAME_TAGS
        pos += len(token.word)
        if pos > start:
            return False
    return False


#: jieba's tags of proper names: places, persons, transliterations, other names.
_PROPER_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nz"})


@functools.cache
def _tagger() -> Any:
    import jieba  # deferred: loading its dictionary takes about a second, and few texts get this far
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg


def _speaks_as(region: Region, levels: tuple[str, ...]) -> bool:
    """Whether a region counts in a voice of these levels (a county-level city, 泰兴市, says 全市)."""
    return _level_of(region) in levels or "city" in levels and region.level == "county" and region.name.endswith("市")


def _level_of(region: Region) -> str:
    """The region's level; the four municipalities (天津市) count as cities, the autonomous regions as 区."""
    if region.level == "province" and region.name.endswith("市"):
        return "municipality"
    if region.level == "province" and not region.name.endswith("自治区"):
        return "plain_province"  # 全区 never speaks for 福建省
    return region.level
