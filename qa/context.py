"""What every intent handler shares: the backends, and a collector for rows, evidence and SPARQL."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from plankg.graph.query_support import QueryResult
from plankg.ingest.records import Clause, Target
from plankg.qa.answer import Answer, Intent
from plankg.qa.backend import GraphBackend, RecordIndex
from plankg.qa.orgs import OrgResolver
from plankg.qa.parse import Question
from plankg.qa.render import number
from plankg.qa.search import ClauseSearch

RowT = TypeVar("RowT")
_SPARQL_SEPARATOR = "\n\n# ---- next query ----\n\n"


@dataclass
class AnswerContext:
    """Backends for answering: graph (named queries), records (evidence), search, organisations."""

    graph: GraphBackend
    records: RecordIndex
    search: ClauseSearch
    orgs: OrgResolver


@dataclass
class Collector:
    """Accumulates the queries that ran, the rows and the evidence of one answer."""

    parsed: Question
    intent: Intent
    #: Table rows: plain dicts or typed facts (``to_dict()``), turned into dicts by :meth:`finish`.
    rows: list[Any] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    sparql: list[str] = field(default_factory=list)
    _cited: set[str] = field(default_factory=set)

    def ran(self, result: QueryResult[RowT]) -> list[RowT]:
        """Record a named query's SPARQL and return its rows."""
        if result.sparql not in self.sparql:
            self.sparql.append(result.sparql)
        return list(result.rows)

    def cite(self, records: RecordIndex, clause: Clause | None) -> str | None:
        """Add a clause to the evidence (once); return its id."""
        if clause is None:
            return None
        if clause.id not in self._cited:
            evidence = records.evidence(clause)
            if evidence is not None:
                self.evidence.append(evidence.to_dict())
                self._cited.add(clause.id)
        return clause.id

    def finish(self, answer: str, found: bool = True, confidence: float | None = None,
               related: list[dict[str, Any]] | None = None, lead: str = "",
               table: dict[str, Any] | None = None) -> Answer:
        """Build the answer object (the lead and the table are derived unless given)."""
        intent_confidence = self.parsed.intent.confidence if self.parsed.intent else 0.5
        if confidence is None:
            confidence = intent_confidence if found else 0.2
        return Answer(
            question=self.parsed.text,
            language=self.parsed.language,
            intent=self.intent,
            answer=answer,
            rows=[row if isinstance(row, dict) else row.to_dict() for row in self.rows],
            evidence=self.evidence,
            sparql=_SPARQL_SEPARATOR.join(self.sparql) if self.sparql else None,
            confidence=confidence,
            related=related or [],
            found=found,
            slots=self.parsed.slots(),
            lead=lead,
            table=table or {},
        )


def written_value(target: Target | None, clause: Clause | None, value: float | None) -> str | None:
    """The value as the source writes it, when the plain number is not in the clause (16万平方米).

    Returns None when the formatted number itself appears in the clause text (the usual case).
    """
    if clause is None or value is None:
        return None
    if number(value) in clause.text:
        return None
    if target is not None and target.value_text:
        written = "".join(target.value_text.split())
        if written in "".join(clause.text.split()):
            return written
    return None


def covers(parsed: Question, year: int | None, period_start: int | None = None,
           period_end: int | None = None) -> bool:
    """Does a fact's year or period fall in the years the question asks about?"""
    time = parsed.time
    if not time.years and time.period is None:
        return True
    if year is not None:
        return time.covers(year)
    if period_start is not None and period_end is not None:
        first, last = time.period or (min(time.years), max(time.years))
        return period_start <= last and first <= period_end
    return False
