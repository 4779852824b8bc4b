"""Typed facts the answer handlers compute, before any sentence is written.

A :class:`TargetFact` is "a target as a flat row": built once from a named query's row and the
target's record (:func:`plankg.qa.answer_targets.target_row`), read by the sentence builders
through attributes, and turned into the answer's table row by :meth:`TargetFact.to_dict`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from plankg.graph.rows import Role

#: What a table row of a target answer holds: a goal, a reported result, or a task without a number.
FactKind = Literal["target", "achievement", "task"]


@dataclass(frozen=True)
class Responsible:
    """An owner of a target as the answer shows it: name and role."""

    name: str | None
    role: Role | None


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
        row = asdict(self)
        row["owners"] = [{"name": o.name, "role": o.role} for o in self.owners]
        if self.owner is None:
            del row["owner"], row["role"]
        return row
