"""Typed rows of the named queries: one frozen dataclass per query, snake_case fields.

SPARQL variables are camelCase (``?areaName``); :func:`from_binding` maps them to the fields
(``area_name``) once, so no caller reads a result by string key. Missing variables (unbound
OPTIONALs) become ``None``.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal, TypeVar

#: How an owner relates to a target (``prov:hadRole``).
Role = Literal["lead", "support", "default"]
#: The dimension of an observation's value (``plankg:valueKind``).
ValueKind = Literal["baseline", "target", "stretch", "actual"]

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")
#: SPARQL variables whose snake_case form would be a Python keyword.
_RENAMED = {"class": "rdf_class"}


def snake_case(variable: str) -> str:
    """``areaName`` -> ``area_name``; ``class`` -> ``rdf_class``."""
    return _RENAMED.get(variable) or _CAMEL.sub("_", variable).lower()


@dataclass(frozen=True)
class _Row:
    """Base of the typed rows: a plain dict for tables, JSON and DataFrames."""

    def to_dict(self) -> dict[str, Any]:
        """The row as a dict with snake_case keys (nested owners as dicts)."""
        return asdict(self)


@dataclass(frozen=True)
class Owner:
    """An owner of a target: node IRI, Chinese name and role."""

    owner: str | None
    name: str | None
    role: Role | None


@dataclass(frozen=True)
class OwnerRow(_Row):
    """``owners_of_indicator``: one row per (target, owner)."""

    target: str
    indicator: str
    owner: str
    owner_name: str | None = None
    role: Role | None = None
    year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    value: float | None = None
    unit: str | None = None
    placeholder: bool | None = None
    document: str | None = None
    doc_title: str | None = None
    clause: str | None = None
    area_name: str | None = None


@dataclass(frozen=True)
class TargetRow(_Row):
    """``targets``: one row per target (or achievement) with all its owners."""

    target: str
    rdf_class: str | None = None
    indicator: str | None = None
    indicator_label: str | None = None
    phrase: str | None = None
    value: float | None = None
    unit: str | None = None
    comparator: str | None = None
    year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    placeholder: bool | None = None
    area_name: str | None = None
    document: str | None = None
    doc_title: str | None = None
    clause: str | None = None
    clause_text: str | None = None
    owners: tuple[Owner, ...] = ()


@dataclass(frozen=True)
class SeriesRow(_Row):
    """``indicator_series``: one observation of an indicator (baseline, target, stretch, actual)."""

    observation: str
    kind: ValueKind
    area_name: str | None = None
    year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    value: float | None = None
    unit: str | None = None
    comparator: str | None = None
    placeholder: bool | None = None
    document: str | None = None
    doc_title: str | None = None


@dataclass(frozen=True)
class OutcomeRow(_Row):
    """``plan_vs_outcome``: a planned target beside a reported actual (if any) and whether it was met."""

    indicator: str
    target: str
    indicator_label: str | None = None
    area_name: str | None = None
    year: int | None = None
    target_value: float | None = None
    comparator: str | None = None
    unit: str | None = None
    actual: str | None = None
    actual_value: float | None = None
    actual_year: int | None = None
    actual_document: str | None = None
    met: bool | None = None


@dataclass(frozen=True)
class YearTargetRow(_Row):
    """``targets_in_years``: a target set for one of the asked years (stretch values excluded)."""

    target: str
    indicator: str
    indicator_label: str | None = None
    indicator_label_en: str | None = None
    year: int | None = None
    value: float | None = None
    unit: str | None = None
    comparator: str | None = None
    placeholder: bool | None = None
    area_name: str | None = None
    document: str | None = None
    doc_title: str | None = None
    clause: str | None = None


@dataclass(frozen=True)
class RegionRow(_Row):
    """``find_regions``: a region node and its Chinese label."""

    region: str
    label: str | None = None


@dataclass(frozen=True)
class EntityRow(_Row):
    """``find_entities``: a node named by a label or alias."""

    entity: str
    label: str | None = None


@dataclass(frozen=True)
class ProfileRow(_Row):
    """``entity_profile``: one statement about an entity."""

    entity: str
    property: str
    value: Any
    value_label: str | None = None


@dataclass(frozen=True)
class NeighbourRow(_Row):
    """``entity_neighbourhood``: a linked or co-mentioned node."""

    entity: str
    relation: str
    direction: Literal["out", "in", "co-mention"]
    neighbour: str
    neighbour_label: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class OwnedTargetRow(_Row):
    """``first_targets``: one of the first targets of some units or a family, with how many there are in all."""

    target: str
    total: int = 0


@dataclass(frozen=True)
class EntityCountRow(_Row):
    """``entities_by_type``: an entity with its place and number of mentions."""

    entity: str
    label: str | None = None
    area_name: str | None = None
    mentions: int = 0
    first_cited: str | None = None
    next_cited: str | None = None


@dataclass(frozen=True)
class IndicatorCountRow(_Row):
    """``indicator_counts``: an indicator with its numbers of targets and achievements."""

    indicator: str
    label: str | None = None
    label_en: str | None = None
    proposed: bool = False
    targets: int = 0
    achievements: int = 0


@dataclass(frozen=True)
class OrganisationRow(_Row):
    """``organisations``: a body with one of its aliases, its place and its parent body."""

    node: str
    label: str
    alias: str | None = None
    area: str | None = None
    parent_label: str | None = None


@dataclass(frozen=True)
class NamedEntityRow(_Row):
    """``named_entities``: an institute, park, programme or person with one of its aliases."""

    node: str
    label: str
    rdf_class: str
    alias: str | None = None
    area: str | None = None


@dataclass(frozen=True)
class ProposedIndicatorRow(_Row):
    """``proposed_indicators``: an indicator the scheme lacks, named by its phrase."""

    indicator: str
    label: str


RowT = TypeVar("RowT", bound=_Row)


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _field_names(row_type: type) -> frozenset[str]:
    names = _FIELD_NAMES.get(row_type)
    if names is None:
        names = _FIELD_NAMES[row_type] = frozenset(f.name for f in fields(row_type))
    return names


def from_binding(row_type: type[RowT], binding: dict[str, Any]) -> RowT:
    """A typed row from one SPARQL solution (camelCase variables; unbound ones absent).

    Variables the row type does not declare are dropped (helper variables such as ``?kindOrder``).
    """
    names = _field_names(row_type)
    values = {snake_case(k): v for k, v in binding.items()}
    if "owners" in names:
        values["owners"] = tuple(Owner(o.get("owner"), o.get("name"), o.get("role"))
                                 for o in binding.get("owners") or ())
    return row_type(**{k: v for k, v in values.items() if k in names})


__all__ = [
    "EntityCountRow",
    "EntityRow",
    "IndicatorCountRow",
    "NamedEntityRow",
    "OwnedTargetRow",
    "NeighbourRow",
    "OrganisationRow",
    "OutcomeRow",
    "Owner",
    "OwnerRow",
    "ProfileRow",
    "ProposedIndicatorRow",
    "RegionRow",
    "Role",
    "SeriesRow",
    "TargetRow",
    "ValueKind",
    "YearTargetRow",
    "from_binding",
    "snake_case",
]
