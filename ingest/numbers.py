"""Numbers, units and comparators in Chinese plan text.

Numeric spans are found with regular expressions first; only those spans are converted (cn2an on
whole sentences corrupts names such as 第十四个五年规划).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.ingest.cues import words
from plankg.ontology.units import written_forms

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}

# Every written unit (plankg.ttl, through ontology.units), longest first: 个百分点 before 百分点,
# 人年/万人 before 人年 before 人.
UNITS = written_forms()
#: The known units as a regex alternation, longest first (万人次 before 万人).
UNIT_PATTERN = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
# 3,963.1 (thousands separators) before plain numbers.
# 3 205 (a yearbook's space between thousands) likewise, never after a digit (2020 100).
# A spaced number must run straight into its scale or unit, and follow no label (表1 123家 is table 1).
_ARABIC = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.表图第号])\d{1,3}(?:[ \u00a0\u2009]\d{3})+(?:\.\d+)?"
           rf"(?=万|亿|{_UNIT_ALT})|\d+(?:\.\d+)?")
_CHINESE = r"[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]*(?:点[零〇一二三四五六七八九]+)?"
# A value: optional 百分之, number (or X placeholder), optional range, optional 万/亿 scale, unit.
VALUE = re.compile(
    rf"(?P<pct>百分之)?(?P<num>{_ARABIC}|(?<![A-Za-z])[Xx]{{1,3}}(?![A-Za-z])|{_CHINESE})"
    rf"(?:\s?[-~～至到—]\s?(?P<upper>{_ARABIC}))?"
    # 50余家, 20多人, 1万余人, 10余万元: 余/多 (more than) may stand between number and unit.
    rf"(?:(?P<scale>万|千|亿)?(?P<more>余|多)(?=(?:万|千|亿)?(?:{_UNIT_ALT}))(?P<scale_after>万|千|亿)?"
    rf"|(?P<scale_only>万|千|亿))?(?=(?P<unit>{_UNIT_ALT})?)"
)
#: A unit column, then a comparator sign, right before a bare number (比重% ≥ 15).
_UNIT_BEFORE = re.compile(rf"(?<![\d.])({_UNIT_ALT})\s*[≥≤＞＜><]=?\s*$")
# Comparator words before and after a value (lang/zh/cues.toml, [numbers]).
GE_WORDS = words("numbers.at_least")
LE_WORDS = words("numbers.at_most")
APPROX_WORDS = words("numbers.about")
EQ_WORDS = words("numbers.equal")
_GE_AFTER = words("numbers.at_least_after")
_LE_AFTER = words("numbers.at_most_after")
_APPROX_AFTER = words("numbers.about_after")


@dataclass(frozen=True)
class ValueMention:
    """A number with its unit in clean text; offsets are into that clean text."""

    start: int
    end: int
    value: float | None
    unit: str | None
    upper: float | None = None
    placeholder: bool = False
    chinese: bool = False
    more: bool = False  # 50余家: more than the number


def parse_number(token: str) -> float:
    """Parse Arabic, Chinese or mixed numerals: ``1.2万`` -> 12000, ``百分之二点八`` -> 2.8.

    >>> parse_number("三千五百")
    3500.0
    >>> parse_number("1.2万")
    12000.0
    """
    token = re.sub(r"[,，\s\u00a0\u2009]", "", token)
    if token.startswith("百分之"):
        return parse_number(token[3:])
    scale = 1.0
    if token and token[-1] in _CN_BIG and re.match(r"^\d", token):
        scale = _CN_BIG[token[-1]]
        token = token[:-1]
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token) * scale
    return _parse_chinese(token) * scale


def _parse_chinese(token: str) -> float:
    if "点" in token:
        whole, frac = token.split("点", 1)
        digits = "".join(str(_CN_DIGIT[c]) for c in frac)
        return (_parse_chinese(whole) if whole else 0.0) + float("0." + digits)
    total = 0.0
    section = 0.0
    number = 0.0
    for ch in token:
        if ch in _CN_DIGIT:
            number = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            section += (number or 1) * _CN_UNIT[ch]
            number = 0
        elif ch in _CN_BIG:
            total += (section + number) * _CN_BIG[ch]
            section = number = 0
        else:
            raise ValueError(f"not a Chinese numeral: {token!r}")
    return total + section + number


# 6000个亿元以上项目, 8个亿元级产业: projects of a size, counted; not spoken money (2个亿).
_CLASS_OF_SIZE = re.compile(r"亿元?(?:及)?以上|亿元?级")
_PHASE_AFTER = re.compile(r"工程|项目|建设|场所|厂房|基地|用地|园区|主体|基础|规划")


def find_values(text: str) -> list[ValueMention]:
    """Every number-with-unit (or placeholder) in ``text``, with its unit normalised.

    Scales fold into the number for counts (``1.2万家`` -> 12000 家) and stay in money units
    (``1100亿元`` stays 1100 亿元).
    """
    found = []
    for match in VALUE.finditer(text):
        num = match.group("num")
        chinese = not re.match(r"[\dXx]", num)
        placeholder = num.lower().startswith("x")
        unit = match.group("unit")
        scale = match.group("scale") or match.group("scale_after") or match.group("scale_only")
        end = match.end() + (len(unit) if unit else 0)
        if unit is None and match.group("scale_only"):
            # 500千瓦: a unit that begins with a scale character is the unit, not a scale.
            rest = text[match.end() - 1 :]
            whole = next((u for u in UNITS if u[0] == scale and rest.startswith(u)), None)
            if whole:
                unit, scale, end = whole, None, match.end() - 1 + len(whole)
        if match.group("pct"):
            unit = "%"
        if chinese and not (unit or match.group("pct")):
            continue
        if chinese and num in ("一", "两", "二") and unit in ("个", "家", "项", "批", "条", "支", "门") and _followed_by_noun(text, end):
            # 一个/两个 before a noun is an article, not a quantity.
            continue
        if unit is None and not chinese and not scale:
            # 比重% ≥ 15, 拥有量件≥ 20: a flattened target table writes its unit column before the value.
            unit_before = _UNIT_BEFORE.search(text, 0, match.start())
            if unit_before:
                unit = unit_before.group(1)
        if unit == "个" and text.startswith("亿", end) and not _CLASS_OF_SIZE.match(text, end):
            # 2个亿: spoken money, two hundred million yuan
            unit, end = "亿元", end + (2 if text.startswith("亿元", end) else 1)
        if chinese and unit == "度":
            continue  # 一度成为: once, not one kilowatt-hour
        if unit == "期" and (chinese or _PHASE_AFTER.match(text, end)):
            continue  # 二期场所, 1期工程: a phase of a project, not a count of sessions
        try:
            value = None if placeholder else parse_number(num)
        except ValueError:
            continue
        upper = float(match.group("upper")) if match.group("upper") else None
        if scale and unit in ("元", "美元") or scale and unit is None and scale == "亿":
            unit = scale + (unit or "元")
        elif scale == "万" and unit in ("亿", "亿元"):
            # 1.6万亿(元): ten thousand 亿, read as 16000 亿元 (the money unit plans count in)
            value = value * 10_000 if value is not None else None
            upper = upper * 10_000 if upper is not None else None
            unit = "亿元"
        elif scale and unit in ("万", "亿"):
            pass
        elif scale:
            factor = {"万": 10_000, "千": 1000, "亿": 100_000_000}[scale]
            value = value * factor if value is not None else None
            upper = upper * factor if upper is not None else None
        if unit == "％":
            unit = "%"
        if unit == "亿":
            unit = "亿元"
        found.append(ValueMention(match.start(), end, value, unit, upper, placeholder, chinese,
                                  more=bool(match.group("more"))))
    return found


def _followed_by_noun(text: str, end: int) -> bool:
    nxt = text[end : end + 1]
    return bool(nxt) and "\u4e00" <= nxt <= "\u9fff"


def comparator_for(before: str, after: str) -> str | None:
    """Comparator from the words around a value: ``>=``, ``<=``, ``~`` or ``=``."""
    tail = after[:4]
    head = before[-4:]
    if tail.startswith(_GE_AFTER) or head.endswith(GE_WORDS):
        return ">="
    if tail.startswith(_LE_AFTER) or head.endswith(LE_WORDS):
        return "<="
    if tail.startswith(_APPROX_AFTER) or head.endswith(APPROX_WORDS):
        return "~"
    if head.endswith(EQ_WORDS):
        return "="
    return None

