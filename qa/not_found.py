"""Saying plainly that nothing was found, with the nearest clauses as "related" (never as the answer)."""
from __future__ import annotations

from typing import Any

from plankg.ontology.regions import load_gazetteer
from plankg.qa.answer import Answer
from plankg.qa.context import AnswerContext, Collector
from plankg.qa.found_clause import find_clause, search_query
from plankg.qa.parse import Question
from plankg.qa.sentences import sentences_for

RELATED_K = 3
#: Intents whose answer is a figure: a clause writing the asked words and a figure may be shown.
FIGURE_INTENTS = ("target_value", "plan_vs_outcome")


def related_clauses(ctx: AnswerContext, parsed: Question, k: int = RELATED_K) -> list[dict[str, Any]]:
    """The nearest clauses to the question (shown as related, not as an answer)."""
    filters = None
    if parsed.places.documents and not parsed.regions:
        filters = {"doc": sorted(set().union(*(ids for _, ids in parsed.places.documents)))}
    try:
        return ctx.search.search(search_query(parsed), k=k, filters=filters)
    except Exception:  # noqa: BLE001 - related clauses are a courtesy; a search failure must not hide the answer
        return []


def show_found(ctx: AnswerContext, col: Collector, clause_id: str) -> None:
    """Cite a found clause as evidence, marked as found by search (not an extracted fact's)."""
    before = len(col.evidence)
    col.cite(ctx.records, ctx.records.clause(clause_id))
    for item in col.evidence[before:]:
        item["found_by"] = "search"


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
    found = find_clause(ctx, parsed) if col.intent in FIGURE_INTENTS and what == "targets" else None
    lead = ""
    if found is not None:
        # Extraction read no figure here, but a clause of the place writes the asked words and one:
        # quoted as found text, never as a fact; the lead says both.
        lead = render.found_clause_lead(found.quote.rstrip("。；;！!？?"), found.doc)
        text += render.found_clause(found.quote, found.doc, found.unplaced)
        show_found(ctx, col, found.clause_id)
    return col.finish(text, found=False, confidence=0.9 if missing else 0.5,
                      related=related_clauses(ctx, parsed), lead=lead)
