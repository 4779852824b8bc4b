"""Answers about entities: lists by type and region (温州有哪些研究院), and profiles (…的进展)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from plankg.graph.terms import local_name
from plankg.qa.answer import Answer
from plankg.qa.answer_targets import regions_or_all
from plankg.qa.context import AnswerContext, Collector
from plankg.qa.not_found import not_found, search_query
from plankg.qa.parse import Question
from plankg.qa.render import snippet
from plankg.qa.sentences import sentences_for

MAX_PROGRESS = 5
#: Entities an entity list fetches per type and class at most (the most mentioned first): a place
#: holding a thousand institutes costs the same as one holding two hundred, and the answer says so.
MAX_ENTITIES = 200


def answer_entity_list(ctx: AnswerContext, parsed: Question) -> Answer:
    """Entities of the asked types in the asked region (aliases merged into one entity)."""
    col = Collector(parsed, "entity_list")
    seen: set[str] = set()
    capped = False
    for entity_type in parsed.entity_types:
        for cls in entity_type.classes:
            for region in regions_or_all(parsed):
                # One more than shown: a full page says there are more than the answer lists.
                found = col.ran(ctx.graph.run("entities_by_type", entity_type=cls, region=region,
                                              keyword=entity_type.keyword, limit=MAX_ENTITIES + 1))
                capped |= len(found) > MAX_ENTITIES
                for row in found[:MAX_ENTITIES]:
                    label = row.label or ""
                    if row.entity in seen:
                        continue
                    seen.add(row.entity)
                    clause_ids = _cite_mentions(ctx, col, [row.first_cited, row.next_cited])
                    col.rows.append({"entity": row.entity, "name": label, "type": cls,
                                     "asked": entity_type.surface, "region": row.area_name,
                                     "mentions": row.mentions, "clause_ids": clause_ids})
    if not col.rows:
        return not_found(ctx, col, "entities")
    text = _list_text(parsed, col.rows)
    if capped:
        text += sentences_for(parsed.language).entities_capped_note(MAX_ENTITIES)
    return col.finish(text)


def _cite_mentions(ctx: AnswerContext, col: Collector, cited: list[str | None]) -> list[str]:
    """Cite the clauses the graph links the entity to (``plankg:firstCitedIn``, ``nextCitedIn``:
    those of its first mentions, else the first clauses holding its name)."""
    clause_ids: list[str] = []
    for iri in cited:
        clause = ctx.records.clause(iri)
        if clause is not None and clause.id not in clause_ids:
            col.cite(ctx.records, clause)
            clause_ids.append(clause.id)
    return clause_ids


def _list_text(parsed: Question, rows: list[dict[str, Any]]) -> str:
    groups: dict[str, list[str]] = {}
    for row in rows:
        groups.setdefault(row["asked"], []).append(row["name"])
    return sentences_for(parsed.language).entity_list_answer(parsed, groups)


def answer_entity_profile(ctx: AnswerContext, parsed: Question) -> Answer:
    """What the graph knows about an entity, and the clauses reporting its progress."""
    col = Collector(parsed, "entity_profile")
    render = sentences_for(parsed.language)
    texts = []
    for name in parsed.entity_names[:3]:
        facts = _profile_facts(ctx, col, name)
        shown = facts.name or name
        forms = {name, *facts.aliases, shown}
        progress = _progress_clauses(ctx, col, parsed, forms, _named_in(facts, name))
        if facts.entity is None and not progress:
            continue
        col.rows.append({"entity": facts.entity, "name": shown,
                         "type": facts.type, "region": facts.region,
                         "aliases": sorted(set(facts.aliases) - {shown}),
                         "related": facts.related[:10],
                         "progress": [{"clause_id": c["clause_id"], "text": c["text"], "doc": c["doc"]}
                                      for c in progress]})
        shown_row = col.rows[-1]
        texts.append(render.entity_profile_answer(shown, shown_row["aliases"], shown_row["region"],
                                                  [snippet(p["text"], 90) for p in progress]))
    if not col.rows:
        return not_found(ctx, col, "entities")
    return col.finish(render.JOINER.join(texts))


@dataclass
class EntityFacts:
    """What the graph says about one entity: its node, names, type, place and related names."""

    entity: str | None = None
    name: str | None = None
    type: str | None = None
    region: str | None = None
    aliases: list[str] = field(default_factory=list)
    related: list[dict[str, str]] = field(default_factory=list)
    #: Entity -> ids of the first clauses holding one of its names (``plankg:namedInClauses``).
    named_in: dict[str, list[str]] = field(default_factory=dict)
    entities: set[str] = field(default_factory=set)


def _profile_facts(ctx: AnswerContext, col: Collector, name: str) -> EntityFacts:
    rows = col.ran(ctx.graph.run("entity_profile", name=name))
    if not rows:
        return EntityFacts()
    facts = EntityFacts(entity=rows[0].entity)
    for row in rows:
        local = local_name(row.property)
        value, label = row.value, row.value_label
        facts.entities.add(row.entity)
        if local == "namedInClauses":
            facts.named_in[row.entity] = value.split()
        elif local in ("label", "prefLabel") and not facts.name:
            facts.name = value
        elif local == "altLabel":
            facts.aliases.append(value)
        elif local == "type":
            facts.type = facts.type or local_name(value)
        elif local == "locatedIn":
            facts.region = label or value
        elif label:
            facts.related.append({"relation": local, "name": label})
    for neighbour in col.ran(ctx.graph.run("entity_neighbourhood", name=name))[:20]:
        if neighbour.neighbour_label and neighbour.direction == "co-mention":
            facts.related.append({"relation": "co-mention", "name": neighbour.neighbour_label})
    return facts


def _named_in(facts: EntityFacts, name: str) -> list[str] | None:
    """The clauses naming the one entity found (``plankg:namedInClauses``), or None to read the corpus:
    several entities by that name, or a name the link was not made from (its own names)."""
    if len(facts.entities) != 1 or facts.entity not in facts.named_in:
        return None
    if name not in {facts.name, *facts.aliases}:
        return None
    return facts.named_in[facts.entity]


def _progress_clauses(ctx: AnswerContext, col: Collector, parsed: Question, forms: set[str],
                      named_in: list[str] | None = None) -> list[dict[str, Any]]:
    """Clauses naming the entity, the most relevant to the question first.

    ``named_in`` (the first clauses holding one of the entity's names, from the graph) replaces
    reading the corpus's clauses in order: the first five such clauses hold the ones the reading
    would add, whichever of them the search found already.
    """
    forms = {f for f in forms if f and len(f) >= 2}
    try:
        hits = ctx.search.search(search_query(parsed), k=30)
    except Exception:  # noqa: BLE001 - ranking is a nicety; the scan below still finds the clauses
        hits = []
    chosen: list[dict[str, Any]] = [h for h in hits if any(f in h["text"] for f in forms)]
    if len(chosen) < MAX_PROGRESS:
        known = {h["clause_id"] for h in chosen}
        if named_in is not None:
            candidates = (ctx.records.clauses.get(clause_id) for clause_id in named_in)
            in_order: Iterable[Any] = (c for c in candidates if c is not None)
        else:
            in_order = ctx.records.corpus.clauses
        for clause in in_order:
            if clause.id not in known and clause.kind != "heading" and any(f in clause.text for f in forms):
                evidence = ctx.records.evidence(clause)
                chosen.append({"clause_id": clause.id, "text": clause.text, "doc": evidence.doc if evidence else ""})
                if len(chosen) >= MAX_PROGRESS:
                    break
    chosen = chosen[:MAX_PROGRESS]
    for hit in chosen:
        col.cite(ctx.records, ctx.records.clauses.get(hit["clause_id"]))
    return chosen
