"""Owners of a family's targets: each unit once, its role, and its indicators with value, year and place."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from plankg.graph.rows import OwnerRow
from plankg.graph.terms import indicator_id
from plankg.ontology.indicators import load_scheme
from plankg.ontology.thesaurus import Family
from plankg.qa.answer import Answer
from plankg.qa.answer_targets import regions_or_all, target_row
from plankg.qa.areas import place_label
from plankg.qa.context import AnswerContext, Collector, covers
from plankg.qa.facts import TargetFact
from plankg.qa.not_found import not_found
from plankg.qa.parse import ParsedQuestion
from plankg.qa.render import ROLE_EN, ROLE_ZH, join_list, region_name, year_phrase

_ROLE_ORDER = {"lead": 0, "support": 1, "default": 2}
MAX_FACTS_SHOWN = 4


@dataclass
class UnitFact:
    """One target a unit holds: indicator, place, year and the value as stated."""

    indicator: str
    indicator_id: str
    region: str | None
    year: int | None
    year_inferred: bool
    stated: str
    role: str
    clause_id: str | None
    doc: str | None
    target: str | None = None  # the target's IRI, so evidence can mark its exact value span


@dataclass
class UnitOwnership:
    """A unit and the family's targets it owns; ``role`` is its strongest role among them."""

    unit: str
    role: str
    facts: list[UnitFact] = field(default_factory=list)

    def to_row(self) -> dict[str, Any]:
        return {"owner": self.unit, "role": self.role, "indicators": sorted({f.indicator for f in self.facts}),
                "facts": [asdict(f) for f in self.facts]}


def answer_family_owners(ctx: AnswerContext, parsed: ParsedQuestion, family: Family) -> Answer:
    """哪些单位负责研发（R&D）相关目标: every indicator of the family, grouped by unit."""
    col = Collector(parsed, "target_owners")
    scheme = load_scheme()
    members = [m for m in family.members if scheme.by_id(m) is not None]
    units: dict[str, UnitOwnership] = {}
    seen: set[tuple] = set()
    explicit_targets: set[str] = set()
    gathered: list[tuple[OwnerRow, TargetFact]] = []
    for region in regions_or_all(parsed):
        owned = ctx.graph.run("owners_of_indicator", indicator=members, region=region,
                              within=parsed.places.include_sub)
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
        unit = units.setdefault(owner, UnitOwnership(owner, role))
        if _ROLE_ORDER.get(role, 3) < _ROLE_ORDER.get(unit.role, 3):
            unit.role = role
        unit.facts.append(fact)
    if not units:
        return not_found(ctx, col, "targets")
    ordered = sorted(units.values(), key=lambda u: (_ROLE_ORDER.get(u.role, 3), -len(u.facts), u.unit))
    col.rows = [u.to_row() for u in ordered]
    return col.finish(_family_text(ctx, parsed, family, ordered))


def _fact_text(fact: UnitFact, language: str) -> str:
    when = year_phrase(fact.year, None, language, fact.year_inferred) if fact.year else ""
    where = region_name(fact.region, language)
    if language == "zh":
        return f"{fact.indicator}（{where}{when}{fact.stated}）"
    place = ", ".join(p for p in (where, when) if p)
    return f"{fact.indicator} ({place}: {fact.stated})" if place else f"{fact.indicator} ({fact.stated})"


def _family_text(ctx: AnswerContext, parsed: ParsedQuestion, family: Family, units: list[UnitOwnership]) -> str:
    language = parsed.language
    parts = []
    for unit in units:
        facts = [_fact_text(f, language) for f in sorted(unit.facts, key=lambda f: (f.region or "", f.year or 0))]
        shown = join_list(facts, language, MAX_FACTS_SHOWN)
        if language == "zh":
            parts.append(f"{unit.unit}（{ROLE_ZH.get(unit.role, unit.role)}）：{shown}")
        else:
            english = ctx.orgs.english_name(unit.unit)
            name = f"{unit.unit} ({english})" if english else unit.unit
            parts.append(f"{name} — {ROLE_EN.get(unit.role, unit.role)}: {shown}")
    indicators = len({f.indicator_id for u in units for f in u.facts})
    if language == "zh":
        return (f"“{family.label_zh}”相关目标（{indicators}项指标）由{len(units)}个单位负责：" + "；".join(parts) + "。")
    return (f"The {family.label_en} targets ({indicators} indicators) are owned by {len(units)} units: "
            + "; ".join(parts) + ".")
