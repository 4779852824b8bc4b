"""Wording shared by both languages' sentence writers: numbers with units, years, roles, regions, lists.

Pick a language's writer with :func:`plankg.qa.sentences.sentences_for`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from plankg.ontology.regions import load_gazetteer
from plankg.ontology.units import load_units

if TYPE_CHECKING:
    from plankg.qa.parse import Question

ROLE_ZH = {"lead": "牵头", "support": "配合", "default": "发文单位，文中未写明责任单位", "named": "条款列名，未写明角色"}
ROLE_EN = {"lead": "lead", "support": "supporting", "default": "issuing body, no unit named",
           "named": "named in the clause, no role stated"}
KIND_ZH = {"target": "目标", "stretch": "力争目标", "baseline": "基数", "actual": "实际"}
KIND_EN = {"target": "target", "stretch": "stretch target", "baseline": "baseline", "actual": "actual"}
COMPARATOR_ZH = {">=": "不低于", "<=": "不超过", "~": "约", ">": "超过", "<": "低于"}
COMPARATOR_EN = {">=": "at least", "<=": "at most", "~": "about", ">": "more than", "<": "less than"}


def indicator_label(question: Question, indicator_id: str, fallback: str) -> str:
    """The label to show for an indicator in the question's language."""
    for hit in question.indicators:
        if hit.id == indicator_id:
            if question.language == "en" and hit.label_en:
                return f"{sentence_case(hit.label_en)} ({hit.label_zh})"
            return hit.label_zh
    return fallback


def number(value: float | int | None) -> str:
    """A number as people write it: 20, 2.8, 0.35 (no trailing zeros, no exponent)."""
    if value is None:
        return "X"
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def quantity(value: float | None, unit: str | None, language: str, comparator: str | None = None,
             measure: str | None = None, written: str | None = None, placeholder: bool = False) -> str:
    """A value with its unit: 20亿元 / 20 亿元 (100 million yuan), with comparator and measure words.

    Args:
        written: The value as written in the source (used when the number itself is not).
        placeholder: The value is anonymised in the source (X家): say so, never guess.
    """
    if placeholder or value is None:
        shown = written or "X"
        return f"{shown}（原文匿名，数值未知）" if language == "zh" else f"{shown} (anonymised in the source; value unknown)"
    core = written or number(value) + (unit or "")
    if language == "zh":
        prefix = {"increment": "新增", "growth": "增长", "completion": "完成全年任务的", "multiple": ""}.get(measure or "", "")
        if comparator in COMPARATOR_ZH and comparator != "=":
            if written and re.search(r"(以上|以下|以内|左右|超过|不低于|不少于|不超过|突破|[多余近约])", written):
                return f"{prefix}{core}"  # the source's own words already say it (8万个以上)
            return f"{COMPARATOR_ZH[comparator]}{prefix}{core}" if comparator != ">=" else f"{prefix}{core}以上"
        return f"{prefix}{core}"
    # The unit's English label from the ontology (the same words the graph exports); % needs none.
    gloss = load_units().english(unit) if unit and unit not in ("%", "％") else None
    core = written or (f"{number(value)}%" if unit in ("%", "％") else f"{number(value)} {unit or ''}".strip())
    if gloss:
        core = f"{core} ({gloss})"
    prefix = {"increment": "an increase of ", "growth": "growth of ",
              "completion": "completion of the year's task: "}.get(measure or "", "")
    comparison = COMPARATOR_EN.get(comparator or "", "")
    return " ".join(p for p in (comparison, prefix + core) if p)


def year_phrase(year: int | None, period: Sequence[int] | None, language: str, inferred: bool = False) -> str:
    """2025年 / 2021-2025年 / 年份未知 (and the English forms); inferred years are marked as such."""
    if year is not None:
        if inferred:
            return f"{year}年（原文未写明年份，系推断）" if language == "zh" else f"{year} (inferred; not stated)"
        return f"{year}年" if language == "zh" else str(year)
    if period:
        return f"{period[0]}—{period[1]}年" if language == "zh" else f"{period[0]}-{period[1]}"
    return "年份未知" if language == "zh" else "year unknown"


def region_name(name: str | None, language: str) -> str:
    """路桥区 in Chinese; Luqiao (路桥区) in English."""
    if not name:
        return "" if language == "zh" else ""
    if language == "zh":
        return name
    english = load_gazetteer().english(name)
    return f"{english} ({name})" if english else name


def possessive(name: str | None) -> str:
    """Luqiao's (路桥区) — the English possessive of a region, with its Chinese name."""
    if not name:
        return ""
    english = load_gazetteer().english(name)
    return f"{english}'s ({name})" if english else f"{name}'s"


def sentence_case(label: str) -> str:
    """Technology transaction value -> technology transaction value (R&D, PCT stay as they are)."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def join_list(items: Iterable[str], language: str, limit: int = 8) -> str:
    """、-joined (zh) or comma-joined (en) list, cut after ``limit`` with a count of the rest."""
    items = [i for i in items if i]
    shown = items[:limit]
    rest = len(items) - len(shown)
    if language == "zh":
        return "、".join(shown) + (f"等{len(items)}项" if rest > 0 else "")
    text = ", ".join(shown)
    return text + (f" and {rest} more" if rest > 0 else "")


def snippet(text: str, length: int = 80) -> str:
    """The start of a clause for an answer paragraph."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
