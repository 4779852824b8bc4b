"""The indicator phrase of a value: where the phrase starts, and the noun left of the verbs around it.

新增国家高新技术企业80家 -> 国家高新技术企业: the phrase runs back from the value to a delimiter; its
leading verbs and list markers (新增, 1.) and trailing verbs (达到, 不少于) are not part of it. The
word lists come from lang/zh/cues.toml ([facts]).
"""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex
from plankg.ontology.units import written_forms

_UNITS_LONGEST_FIRST = written_forms()

_DELIMS = "，,；;、。：:（(）)【】\n"
# Verbs and adverbs that open an indicator phrase without being part of it.
# List markers (1. / （一） / 一是 / ★) first, then the leading words, as often as they repeat.
_LEADING = cue_regex(
    r"^(?:\d{1,2}\s?[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}是|★+|<facts.leading>)+"
)
_TRAILING = cue_regex(r"<facts.trailing>+$")
_GROWTH_END = cue_regex(r"(?:同比)?(?:<facts.growth>|<facts.annual_growth>)(?:率)?$")
_VERB_CUT = cue_regex(r"^.*(?:<facts.verb_cut>|(?:20\d\d|20XX)年)")
_TREND_PREDICATE = cue_regex(r"<facts.trend_predicates>$")


def only_verbs(phrase: str) -> bool:
    """A phrase with no noun of its own: 累计突破, 拟申报, 获批, 今年要达到."""
    return bool(phrase.strip()) and not clean_indicator(re.sub(r"^.*?(?:20\d\d|今|本|全)年", "", phrase)).strip(
        "获批可要拟超总共已")


def previous_noun(text: str, begin: int) -> str:
    """The noun phrase of the segment before ``begin`` (布局...高科技园中园,总数... -> 高科技园中园)."""
    end = begin - 1
    if end <= 0:
        return ""
    start = phrase_start(text, end)
    segment = _VERB_CUT.sub("", text[start:end])
    segment = re.sub(r"^.*?(?:沿线|内|中)(?=.{3,})", "", segment) if len(segment) > 12 else segment
    # 高新技术企业数量再创新高，净增529家: the subject, without its predicate.
    segment = _TREND_PREDICATE.sub("", segment)
    return clean_indicator(segment)[-12:]


def phrase_start(text: str, pos: int) -> int:
    """Start of the phrase ending at ``pos``; a bracketed note inside it (企业类) does not end it."""
    i = pos
    while i > 0:
        ch = text[i - 1]
        if ch in ")）":
            opening = max(text.rfind("(", 0, i - 1), text.rfind("（", 0, i - 1))
            if opening > 0 and i - opening <= 12 and text[opening - 1] not in _DELIMS:
                i = opening
                continue
        if ch in _DELIMS:
            break
        i -= 1
    return i


def indicator_left(text: str, pos: int) -> str:
    """The indicator phrase ending at ``pos``, without a leading year or condition and cleaned."""
    start = phrase_start(text, pos)
    phrase = text[start:pos]
    if _SIGN.search(phrase):
        phrase = _flattened_row(phrase)
    # A year phrase or a condition before the indicator is not part of it.
    phrase = re.sub(r"^.*?(?:20\d\d|20XX)\s*年(?:底|末|前)?", "", phrase)
    phrase = re.sub(r"^.*?(?:期间|以来|时期)", "", phrase)
    return clean_indicator(phrase)


#: A comparator sign: target tables write ≥ 15 in their value column.
_SIGN = re.compile(r"[≥≤＞＜]")
#: Up to the last value of an earlier row of a flattened table (…比重% ≥ 15省统计局3 …), its source unit and row number.
_EARLIER_ROW = re.compile(r"^.*[≥≤＞＜>=<]\s*\d+(?:\.\d+)?\s*(?:[\u4e00-\u9fff]{1,10}?(?:局|厅|委|办|总队|中心))?\s*\d{0,2}\s*")
_TRAILING_SIGN = re.compile(r"\s*[≥≤＞＜>=<]=?\s*$")


def _flattened_row(phrase: str) -> str:
    """The indicator of one row of a target table flattened into a line (序号 指标 单位 ≥值 来源 ...)."""
    phrase = _EARLIER_ROW.sub("", phrase)
    sign = _TRAILING_SIGN.search(phrase)
    if sign:
        phrase = phrase[: sign.start()]
        # 拥有量件≥, 比重%≥: the unit column before the sign is not part of the name.
        unit = next((u for u in _UNITS_LONGEST_FIRST if phrase.endswith(u) and not u[0].isascii() or u == "%"
                     and phrase.endswith(u)), "")
        phrase = phrase[: len(phrase) - len(unit)] if len(phrase) > len(unit) + 1 else phrase
    return phrase


def clean_indicator(phrase: str) -> str:
    """An indicator phrase without quotes, leading verbs and list markers, trailing verbs and rank words."""
    phrase = re.sub(r"[“”\"'‘’]", "", phrase).strip()
    for _ in range(3):
        phrase = _LEADING.sub("", phrase)
        phrase = _TRAILING.sub("", phrase)
        phrase = _GROWTH_END.sub(lambda m: m.group(0) if "增速" in m.group(0) else "", phrase) if len(phrase) > 4 else phrase
    phrase = re.sub(r"(?:要进入|进入|跻身|要)?(?:[^，,]{0,6}排名)?前$", lambda m: m.group(0)[:-1] if "排名" in m.group(0) else "", phrase)
    return phrase.strip(" “”\"'")
