"""Saying plainly that nothing was found, with the nearest clauses as "related" (never as the answer)."""
from __future__ import annotations

import re
from typing import Any

from plankg.ontology.regions import load_gazetteer
from plankg.qa.answer import Answer
from plankg.qa.context import AnswerContext, Collector
from plankg.qa.parse import ParsedQuestion
from plankg.qa.render import region_name

RELATED_K = 3
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_WHAT_ZH = {"targets": "目标", "indicator": "指标", "organisation": "单位", "entities": "机构", "clauses": "内容"}
_WHAT_EN = {"targets": "targets", "indicator": "indicator", "organisation": "organisation", "entities": "entities",
            "clauses": "clauses"}


def search_query(parsed: ParsedQuestion) -> str:
    """A Chinese query for clause search (English questions reach Chinese clauses through labels)."""
    if parsed.language == "zh":
        return parsed.text
    words = [h.label_zh for h in parsed.indicators[:3]]
    words += list(parsed.regions) + [o.surface for o in parsed.orgs] + list(parsed.entity_names)
    words += _CJK_RUN.findall(parsed.text)
    words += [t.keyword for t in parsed.entity_types if t.keyword]
    query = " ".join(dict.fromkeys(w for w in words if w))
    return query or parsed.text


def related_clauses(ctx: AnswerContext, parsed: ParsedQuestion, k: int = RELATED_K) -> list[dict[str, Any]]:
    """The nearest clauses to the question (shown as related, not as an answer)."""
    filters = None
    if parsed.places.documents and not parsed.regions:
        filters = {"doc": sorted(set().union(*(ids for _, ids in parsed.places.documents)))}
    try:
        return ctx.search.search(search_query(parsed), k=k, filters=filters)
    except Exception:  # noqa: BLE001 - related clauses are a courtesy; a search failure must not hide the answer
        return []


def uncovered_places(ctx: AnswerContext, parsed: ParsedQuestion) -> list[str]:
    """Places the question names that no document of the corpus is about (北京, 成都)."""
    covered = ctx.records.regions_covered()
    gazetteer = load_gazetteer()
    missing = list(parsed.places.unknown)
    for region in parsed.regions:
        related = {region, *(r.name for r in gazetteer.ancestors(region)),
                   *(r.name for r in gazetteer.descendants(region))}
        if not related & covered:
            missing.append(region)
    return missing


def not_found(ctx: AnswerContext, col: Collector, what: str = "targets") -> Answer:
    """An answer that says nothing matched, naming what was looked for, with related clauses."""
    parsed = col.parsed
    language = parsed.language
    subject = _subject(parsed)
    missing = uncovered_places(ctx, parsed)
    if language == "zh":
        text = f"未找到{subject}的相关{_WHAT_ZH.get(what, '内容')}。"
        if missing:
            text += f"语料中没有关于{'、'.join(missing)}的规划文件。"
        text += "下方“相关条款”仅供参考，不是答案。"
    else:
        text = f"No matching {_WHAT_EN.get(what, 'facts')} found" + (f" for {subject}." if subject else ".")
        if missing:
            text += f" The corpus holds no plan about {', '.join(region_name(m, language) for m in missing)}."
        text += " The related clauses below are the nearest text, not an answer."
    col.rows = []
    col.evidence = []
    return col.finish(text, found=False, confidence=0.9 if missing else 0.5,
                      related=related_clauses(ctx, parsed))


def _subject(parsed: ParsedQuestion) -> str:
    """What the question was about, in its language: 北京市2025年, 路桥区“技术交易额”..."""
    language = parsed.language
    parts: list[str] = []
    places = list(parsed.regions) + list(parsed.places.unknown)
    if places:
        parts.append(("、" if language == "zh" else ", ").join(region_name(p, language) for p in places))
    if parsed.time.period and len(parsed.time.years) >= 2:
        first, last = parsed.time.period
        parts.append(f"{first}—{last}年" if language == "zh" else f"{first}-{last}")
    elif parsed.time.years:
        parts.append(("、".join(f"{y}年" for y in parsed.time.years)) if language == "zh"
                     else ", ".join(map(str, parsed.time.years)))
    if parsed.orgs:
        parts.append(("、" if language == "zh" else ", ").join(o.surface for o in parsed.orgs))
    if parsed.indicators:
        labels = [h.label_zh if language == "zh" else (h.label_en or h.label_zh) for h in parsed.indicators[:3]]
        parts.append("“" + "、".join(labels) + "”" if language == "zh" else ", ".join(labels))
    if parsed.entity_names:
        parts.append(("、" if language == "zh" else ", ").join(parsed.entity_names))
    return "".join(parts) if language == "zh" else " ".join(parts)
