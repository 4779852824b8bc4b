"""The answer object: a readable sentence, the table behind it, the evidence and the SPARQL that ran."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

from plankg.errors import PlankgError
from plankg.qa.shape import lead_of, table_of

#: What a question asks for; the engine routes each to one handler.
Intent = Literal["target_owners", "target_value", "unit_targets", "evolution", "plan_vs_outcome",
                 "entity_list", "entity_profile", "search"]
#: Intents the engine routes questions to.
INTENTS: tuple[Intent, ...] = get_args(Intent)
#: Intents about targets: an entity name inside the question is part of the target, not the topic.
TARGET_INTENTS: tuple[Intent, ...] = ("target_owners", "target_value", "evolution", "plan_vs_outcome")
#: Intents whose answer needs an indicator: when the words name none, try embedding similarity.
NEEDS_INDICATOR: tuple[Intent, ...] = ("target_owners", "evolution", "plan_vs_outcome")
#: Intents where a family word (研发相关, R&D-related) widens the question to the whole family.
FAMILY_INTENTS: tuple[Intent, ...] = ("target_owners", "evolution")


class QAError(PlankgError):
    """A question could not be answered for a reason the user can fix (empty question, no build)."""


@dataclass(frozen=True)
class Evidence:
    """One clause backing a row: where it is and what it says.

    Attributes:
        doc: Source file name of the document.
        clause_id: Id of the clause record.
        text: The clause text.
        start: Start of the clause span in the document text (code points).
        end: End of the span (excluded).
        doc_title: Title of the document.
        ocr_confidence: For a clause read by OCR from a scan, the page's confidence (0-1): the
            value should be checked against the scan. None for text read as text.
    """

    doc: str
    clause_id: str
    text: str
    start: int
    end: int
    doc_title: str = ""
    ocr_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    """What ``ask`` returns.

    Attributes:
        question: The question as asked.
        language: ``zh`` or ``en`` (the language of ``answer``).
        intent: One of :data:`INTENTS`.
        answer: A readable sentence or short paragraph stating values with units and years.
        rows: The table behind the answer (one dict per fact).
        evidence: One entry per clause that backs a row (document, clause id, text, span).
        sparql: The SPARQL text that ran (several queries separated by a comment line), or None.
        confidence: 0..1, how sure the engine is that it understood and answered the question.
        related: Nearest clauses when nothing was found (never used as the answer).
        found: False when the corpus holds nothing that answers the question.
        slots: What was understood: indicator, region, years, organisation, entity type...
        lead: One or two sentences (about 200 characters at most) with the key numbers.
        table: The rows as plain values, ``{"columns": [...], "rows": [[...]]}``, with the place,
            year, kind and document columns first (``plankg.qa.shape``).
    """

    question: str
    language: str
    intent: str
    answer: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    sparql: str | None = None
    confidence: float = 0.0
    related: list[dict[str, Any]] = field(default_factory=list)
    found: bool = True
    slots: dict[str, Any] = field(default_factory=dict)
    lead: str = ""
    table: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.lead:
            self.lead = lead_of(self.answer, language=self.language)
        if not self.table:
            self.table = table_of(self.rows, self.language)

    def reshape(self, keep_lead: bool = False) -> None:
        """Recompute the lead and the table after ``answer`` or ``rows`` changed."""
        if not keep_lead:
            self.lead = lead_of(self.answer, language=self.language)
        self.table = table_of(self.rows, self.language)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "question": self.question,
            "language": self.language,
            "intent": self.intent,
            "lead": self.lead,
            "answer": self.answer,
            "table": self.table,
            "rows": self.rows,
            "evidence": self.evidence,
            "sparql": self.sparql,
            "confidence": round(float(self.confidence), 3),
            "related": self.related,
            "found": self.found,
            "slots": self.slots,
        }
