"""Questions no named query fits: the best clauses from hybrid search are the answer."""
from __future__ import annotations

from plankg.qa.answer import Answer
from plankg.qa.context import AnswerContext, Collector
from plankg.qa.not_found import not_found, search_query, uncovered_places
from plankg.qa.parse import Question
from plankg.qa.sentences import sentences_for

SEARCH_K = 5


def answer_search(ctx: AnswerContext, parsed: Question) -> Answer:
    """Answer with the clauses nearest the question (within the asked regions, if any)."""
    col = Collector(parsed, "search")
    missing = uncovered_places(ctx, parsed)
    asked_places = list(parsed.regions) + list(parsed.places.unknown)
    if asked_places and len(missing) == len(asked_places):
        return not_found(ctx, col, "clauses")
    filters = {"region": list(parsed.regions)} if parsed.regions else None
    if parsed.places.documents and not parsed.regions:
        # A place known from its documents: only those documents answer.
        filters = {"doc": sorted(set().union(*(ids for _, ids in parsed.places.documents)))}
    hits = ctx.search.search(search_query(parsed), k=SEARCH_K, filters=filters)
    if not hits:
        return not_found(ctx, col, "clauses")
    for hit in hits:
        col.cite(ctx.records, ctx.records.clauses.get(hit["clause_id"]))
        col.rows.append(hit)
    titles = {e["clause_id"]: e.get("doc_title") or "" for e in col.evidence}
    text = sentences_for(parsed.language).search_answer([(h["text"], titles.get(h["clause_id"], "")) for h in hits])
    return col.finish(text, found=True, confidence=0.3)
