"""Saying plainly that nothing was found, with the nearest clauses as "related" (never as the answer)."""
from __future__ import annotations

import re
from typing import Any

from plankg.ontology.regions import load_gazetteer
from plankg.qa.answer import Answer
from plankg.qa.context import AnswerContext, Collector
from plankg.qa.parse import Question
from plankg.qa.sentences import sentences_for

RELATED_K = 3
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def search_query(parsed: Question) -> str:
    """A Chinese query for clause search (English questions reach Chinese clauses through labels)."""
    if parsed.language == "zh":
        return parsed.text
    words = [h.label_zh for h in parsed.indicators[:3]]
    words += list(parsed.regions) + [o.surface for o in parsed.orgs] + list(parsed.entity_names)
    words += _CJK_RUN.findall(parsed.text)
    words += [t.keyword for t in parsed.entity_types if t.keyword]
    query = " ".join(dict.fromkeys(w for w in words if w))
    return query or parsed.text


def related_clauses(ctx: AnswerContext, parsed: Question, k: int = RELATED_K) -> list[dict[str, Any]]:
    """The nearest clauses to the question (shown as related, not as an answer)."""
    filters = None
    if parsed.places.documents and not parsed.regions:
        filters = {"doc": sorted(set().union(*(ids for _, ids in parsed.places.documents)))}
    try:
        return ctx.search.search(search_query(parsed), k=k, filters=filters)
    except Exception:  # noqa: BLE001 - related clauses are a courtesy; a search failure must not hide the answer
        return []


def uncovered_places(ctx: AnswerContext, parsed: Question) -> list[str]:
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
    render = sentences_for(parsed.language)
    missing = uncovered_places(ctx, parsed)
    text = render.not_found_answer(render.subject(parsed), what, missing)
    col.rows = []
    col.evidence = []
    return col.finish(text, found=False, confidence=0.9 if missing else 0.5,
                      related=related_clauses(ctx, parsed))
