"""Where a document is from when it names no issuer: the place it speaks as.

Page extracts often keep only a plan's body: no title, letterhead or signature. Such a text still
speaks as its place: it adapts a plan to it (结合五华区实际，制订本方案) or counts in its own voice at
its own level (全省…达到, 我市…新增). The place is the region the text names at that level, and only
when it is clearly the one the text is about; otherwise the place stays unknown.
"""
from __future__ import annotations

import re
from collections import Counter

from plankg.ontology.regions import Gazetteer, Region

#: Adapting a plan to its place: 结合五华区实际, 立足我市实际 (the place's own words).
_ADAPTS = re.compile(r"(?:结合|立足|根据|从)([\u4e00-\u9fff]{2,12}?)(?:的)?实际")
#: Own-voice counting words of each level, and the region levels they speak for.
_VOICE = {
    "province": (re.compile(r"(?:全|我|本)省"), ("province",)),
    "city": (re.compile(r"(?:全|我|本)市"), ("city", "municipality")),
    "prefecture": (re.compile(r"(?:全|我|本)州"), ("city",)),
    "county": (re.compile(r"(?:全|我|本)[县旗]"), ("county",)),
    "district": (re.compile(r"(?:全|我|本)区"), ("district", "province")),
}
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
    counts = {level: len(pattern.findall(text)) for level, (pattern, _) in _VOICE.items()}
    level, voiced = max(counts.items(), key=lambda item: item[1])
    if voiced < MIN_VOICE:
        return None
    levels = _VOICE[level][1]
    named_counts = Counter(region.name for region, _, _ in mentions if _level_of(region) in levels)
    if level == "province" and not named_counts:
        # A province's short form shared with a smaller place (海南: 海南省, 乌海市海南区) is not
        # matched unless placed; in a text speaking as 全省 it is the province.
        named_counts = Counter({r.name: text.count(r.short) for r in gaz.regions.values()
                                if r.level == "province" and len(r.short) >= 2 and r.short in text})
        provinces = {name: gaz.regions[name] for name in named_counts}
        return _dominant(named_counts, provinces)
    if not named_counts:
        return None
    regions = {region.name: region for region, _, _ in mentions}
    if len(named_counts) == 1 and voiced >= 2 * MIN_VOICE:
        # A text that keeps speaking as 全市 and names one city names its own, if only once.
        return regions[next(iter(named_counts))]
    return _dominant(named_counts, regions)


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


def _level_of(region: Region) -> str:
    """The region's level, with the four municipalities (天津市) counted as cities as well."""
    if region.level == "province" and region.name.endswith("市"):
        return "municipality"
    return region.level
