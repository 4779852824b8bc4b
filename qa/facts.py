"""Typed facts the answer handlers compute, before any sentence is written.

The sentence writers (``render_zh``, ``render_en``) read these; ``to_dict()`` gives each fact's
row in the answer's table.

A :class:`TargetFact` is "a target as a flat row": built once from a named query's row and the
target's record (:func:`plankg.qa.answer_targets.target_row`), read by the sentence builders
through attributes, and turned into the answer's table row by :meth:`TargetFact.to_dict`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

from plankg.graph.rows import Role

#: What a table row of a target answer holds: a goal, a reported result, or a task without a number.
FactKind = Literal["target", "achievement", "task"]


@dataclass(frozen=True)
class Responsible:
    """An owner of a target as the answer shows it: name and role."""

    name: str | None
    role: Role | None
    #: The name in the document's own characters where they differ (省科技廳 of a plan mirrored
    #: in traditional characters), else None.
    written: str | None = None


@dataclass(frozen=True)
class TargetFact:
    """One target (or reported result) with its value as stated, owners and evidence."""

    indicator: str | None
    indicator_id: str | None
    area: str | None
    phrase: str | None
    region: str | None
    year: int | None
    year_inferred: bool
    period: list[int] | None
    value: float | None
    unit: str | None
    comparator: str | None
    measure: str | None
    stretch: float | None
    baseline: float | None
    placeholder: bool
    written: str | None
    stated: str
    owners: tuple[Responsible, ...]
    doc: str | None
    doc_title: str | None
    clause_id: str | None
    target: str | None
    kind: str = "target"
    #: The one owner a row is about (answers listing owners), and that owner's role.
    owner: str | None = None
    role: Role | None = None

    def key(self) -> tuple[Any, ...]:
        """The figure itself: the same value of the same indicator, place and time is one fact."""
        return (self.indicator, self.region, self.year, tuple(self.period or ()), self.value, self.unit)

    def to_dict(self) -> dict[str, Any]:
        """The answer's table row; ``owner`` and ``role`` only on rows about one owner."""
        # Shallow (asdict deep-copies every field): a unit's answer turns thousands of rows.
        row = {f.name: getattr(self, f.name) for f in fields(self)}
        row["period"] = list(self.period) if self.period is not None else None
        row["owners"] = [{"name": o.name, "role": o.role, **({"written": o.written} if o.written else {})}
                         for o in self.owners]
        if self.owner is None:
            del row["owner"], row["role"]
        return row


@dataclass
class SeriesFact:
    """One figure of an indicator's series: a baseline, target, stretch value or actual, with its time."""

    indicator: str
    region: str | None
    area: str | None
    target_id: str | None
    year: int | None
    year_inferred: bool
    period: list[int] | None
    placed_by_document: int | None
    kind: str
    value: float | None
    unit: str | None
    comparator: str | None
    placeholder: bool
    written: str | None
    stated: str
    doc: str | None
    doc_title: str | None
    clause_id: str | None
    #: Other clauses giving the same figure (a table and a sentence), when there are any.
    also_in: list[str | None] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The answer's table row (``also_in`` only when the figure appears more than once)."""
        row = asdict(self)
        if self.also_in is None:
            del row["also_in"]
        return row


@dataclass(frozen=True)
class OutcomeFact:
    """A planned target beside its best reported outcome (or none), and whether it was met."""

    indicator: str | None
    phrase: str | None
    actual_phrase: str | None
    region: str | None
    year: int | None
    year_inferred: bool
    target_value: float | None
    target_stated: str
    actual_value: float | None
    actual_stated: str | None
    actual_year: int | None
    actual_year_inferred: bool | None
    unit: str | None
    met: bool | None
    matched_by: str | None
    year_gap: int | None
    target_doc: str | None
    target_doc_title: str | None
    target_clause_id: str | None
    actual_doc: str | None
    actual_doc_title: str | None
    actual_clause_id: str | None

    def to_dict(self) -> dict[str, Any]:
        """The answer's table row."""
        return asdict(self)


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
    """A unit and the family's targets it holds in one role (a unit with two roles has two of these)."""

    unit: str
    role: str
    facts: list[UnitFact] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The answer's table row: the unit, its role, its indicators and each fact."""
        return {"owner": self.unit, "role": self.role, "indicators": sorted({f.indicator for f in self.facts}),
                "facts": [asdict(f) for f in self.facts]}
