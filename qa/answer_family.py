"""Owners of a family's targets: each unit once, its role, and its indicators with value, year and place."""
from __future__ import annotations

from plankg.graph.rows import OwnerRow
from plankg.graph.terms import indicator_id
from plankg.ontology.indicators import load_scheme
from plankg.ontology.thesaurus import Family
from plankg.qa.answer import Answer
from plankg.qa.answer_targets import regions_or_all, target_row
from plankg.qa.areas import place_label
from plankg.qa.context import AnswerContext, Collector, covers
from plankg.qa.facts import TargetFact, UnitFact, UnitOwnership
from plankg.qa.not_found import not_found
from plankg.qa.parse import Question
from plankg.qa.sentences import sentences_for
from plankg.qa.shape import table_of

_ROLE_ORDER = {"lead": 0, "support": 1, "default": 2}
MAX_FACTS_SHOWN = 4
#: Targets a family asked everywhere fetches at most (the answer says how many there are).
MAX_FAMILY_TARGETS = 200


def answer_family_owners(ctx: AnswerContext, parsed: Question, family: Family) -> Answer:
    """哪些单位负责研发（R&D）相关目标: every indicator of the family, grouped by unit."""
    col = Collector(parsed, "target_owners")
    scheme = load_scheme()
    units: dict[str, UnitOwnership] = {}  # by unit and role
    seen: set[tuple] = set()
    explicit_targets: set[str] = set()
    gathered: list[tuple[OwnerRow, TargetFact]] = []
    shown = total = 0
    for region in regions_or_all(parsed):
        # One query from the family's lookup links (plankg:inFamily), not a list of its indicators.
        # Everywhere, the family's first targets and their count come first, so the cost is bounded.
        first = None
        if region is None:
            first = col.ran(ctx.graph.run("first_targets", family=family.id, limit=MAX_FAMILY_TARGETS))
            shown, total = len(first), (first[0].total if first else 0)
            if not first:
                continue
        owned = ctx.graph.run("owners_of_indicator", family=family.id, region=region,
                              within=parsed.places.include_sub,
                              first=[r.target for r in first] if first is not None else None)
        for row in col.ran(owned):
            if not covers(parsed, row.year, row.period_start, row.period_end):
                continue
            if row.role in ("lead", "support"):
                explicit_targets.add(row.target)
            gathered.append((row, target_row(ctx, col, row)))
    for row, table in gathered:
        role = row.role or "default"
        if role == "default" and row.target in explicit_targets:
            continue
        concept = scheme.by_id(indicator_id(row.indicator) or "")
        label = (concept.label_en if parsed.language == "en" and concept else None) or \
            (concept.label_zh if concept else table.phrase or "?")
        fact = UnitFact(label, concept.id if concept else "", place_label(table.region, table.area), table.year,
                        table.year_inferred, table.stated, role, table.clause_id, table.doc, row.target or None)
        owner = row.owner_name or "?"
        key = (owner, fact.indicator_id, fact.region, fact.year, fact.stated)
        if key in seen:
            continue
        seen.add(key)
        # A unit's role is its role for that indicator: a unit leading one target and supporting
        # another is listed under each role, never merged into its strongest.
        units.setdefault(f"{owner}\t{role}", UnitOwnership(owner, role)).facts.append(fact)
    if not units:
        return not_found(ctx, col, "targets")
    ordered = sorted(units.values(), key=lambda u: (_ROLE_ORDER.get(u.role, 3), -len(u.facts), u.unit))
    col.rows = list(ordered)
    # The table holds one row per fact (unit, role, indicator), not one nested row per unit.
    flat = [{"place": f.region, "year": f.year, "kind": "target", "document": f.doc, "owner": u.unit, "role": u.role,
             "indicator": f.indicator, "stated": f.stated, "clause_id": f.clause_id} for u in ordered for f in u.facts]
    indicators = len({f.indicator_id for u in ordered for f in u.facts})
    render = sentences_for(parsed.language)
    lead = render.family_lead(family, ordered, indicators)
    text = _family_text(ctx, parsed, family, ordered)
    if total > shown:
        text += render.capped_note(shown, total)
    return col.finish(text, lead=lead, table=table_of(flat, parsed.language))


def _family_text(ctx: AnswerContext, parsed: Question, family: Family, units: list[UnitOwnership]) -> str:
    indicators = len({f.indicator_id for u in units for f in u.facts})
    return sentences_for(parsed.language).family_answer(family, units, indicators, MAX_FACTS_SHOWN,
                                                        ctx.orgs.english_name)
