"""Units of measure, read from ``plankg.ttl``: one table for ingest, the graph and answers.

Every unit is an individual of ``plankg:Unit`` (or QUDT's ``unit:PERCENT``) with its written form
as ``skos:notation``, other written forms (亿 for 亿元, ％ for %) as ``skos:altLabel`` and
``rdfs:label`` in Chinese and English. A new unit is a few lines of Turtle, no code.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib.term import Node


@dataclass(frozen=True)
class Unit:
    """One unit of measure.

    Attributes:
        iri: The QUDT or plankg unit IRI.
        notation: The written form (亿元, %, 家).
        label_zh: Chinese label.
        label_en: English label (hundred million yuan, percent, enterprises (count)).
        forms: Every written form that means this unit, the notation first.
    """

    iri: str
    notation: str
    label_zh: str
    label_en: str
    forms: tuple[str, ...]


class UnitTable:
    """Units by any of their written forms."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self._by_form = {form: unit for unit in units for form in unit.forms}

    def get(self, written: str | None) -> Unit | None:
        """The unit written as ``written`` (spaces ignored), or None when the ontology lacks it."""
        return self._by_form.get((written or "").strip())

    def english(self, written: str | None) -> str | None:
        """English label of a written unit (亿元 -> hundred million yuan), None when unknown."""
        unit = self.get(written)
        return unit.label_en if unit else None

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)


#: A unit's written forms in the Turtle: its notation and its other labels.
_FORM = re.compile(r'skos:(?:notation|altLabel)\s+"([^"]+)"')
#: Scales written alone after a number (1.2万, 3亿): not units, but read with them.
SCALE_FORMS = ("万", "亿")


@functools.lru_cache(maxsize=1)
def written_forms() -> tuple[str, ...]:
    """Every written form of a unit (家, 处, 笔, 件/万人, 人年/万人), longest first, for reading numbers.

    Read from the unit individuals of ``plankg.ttl`` without parsing the graph (ingest stays light):
    a new counter or rate is a unit declared there, never a word added to a pattern.
    """
    text = resources.files("plankg.ontology").joinpath("plankg.ttl").read_text("utf-8")
    forms: set[str] = set(SCALE_FORMS)
    for block in re.split(r"\n\s*\n", text):
        if "plankg:Unit" in block or "qudt:Unit" in block:
            forms.update(_FORM.findall(block))
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


@functools.lru_cache(maxsize=1)
def load_units() -> UnitTable:
    """The units declared in the bundled ``plankg.ttl`` (parsed once)."""
    from rdflib import Graph, Literal
    from rdflib.namespace import RDFS, SKOS

    graph = Graph()
    graph.parse(data=resources.files("plankg.ontology").joinpath("plankg.ttl").read_text("utf-8"), format="turtle")

    def label(node: Node, lang: str) -> str:
        values = [str(o) for o in graph.objects(node, RDFS.label) if isinstance(o, Literal) and o.language == lang]
        return min(values) if values else ""

    units = []
    for node, notation in graph.subject_objects(SKOS.notation):
        if not isinstance(notation, Literal) or "/unit/" not in str(node):
            continue
        aliases = sorted(str(a) for a in graph.objects(node, SKOS.altLabel))
        units.append(Unit(str(node), str(notation), label(node, "zh"), label(node, "en"),
                          (str(notation), *aliases)))
    units.sort(key=lambda unit: unit.notation)
    return UnitTable(units)
