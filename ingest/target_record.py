"""A Target record from a fact found in prose or a table row: ids, indicator concept, spans."""
from __future__ import annotations

from typing import Any

from plankg.ingest.facts import Fact
from plankg.ingest.records import Clause, Document, Owner, Target, stable_id
from plankg.ontology.indicators import load_scheme, proposed_id


def make_target(doc: Document, clause: Clause, fact: Fact, start: int, end: int,
                owners: tuple[Owner, ...], owner_source: str, **extra: Any) -> Target:
    """A Target record from a fact, with a deterministic id and a canonical indicator id."""
    concept = load_scheme().match(fact.indicator)
    return Target(
        id=stable_id("tg", doc.id, clause.id, start, end, fact.kind, fact.indicator),
        doc_id=doc.id,
        clause_id=clause.id,
        kind=fact.kind,
        indicator=fact.indicator,
        indicator_id=concept.id if concept else proposed_id(fact.indicator),
        value=fact.value,
        unit=fact.unit,
        start=start,
        end=end,
        unit_inferred=fact.unit_inferred,
        comparator=fact.comparator,
        measure=fact.measure,
        growth=fact.growth,
        year=fact.year,
        period=fact.period,
        stretch=fact.stretch,
        placeholder=fact.placeholder,
        owners=owners,
        owner_source=owner_source,
        value_text=doc.text[start:end],
        **({"why": fact.why} if "why" not in extra else {}),
        **({"baseline": fact.baseline} if fact.baseline is not None and "baseline" not in extra else {}),
        **extra,
    )
