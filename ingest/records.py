"""Plain records that ingest produces and every other layer consumes.

All offsets are 0-based code-point offsets into ``Document.text`` (the text as read from
the file, before any repair), end excluded. Records are frozen and serialise with
``to_dict()``/``from_dict()`` so the workspace can store them as JSON Lines.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, TypeVar

from plankg.errors import PlankgError

T = TypeVar("T")


class IngestError(PlankgError):
    """A document could not be read; the message names the input and the reason."""


def stable_id(prefix: str, *parts: object) -> str:
    """Return a short deterministic id such as ``doc-3f2a9c1b04``.

    Args:
        prefix: Kind of record (``doc``, ``cl``, ``tg``...).
        parts: Values the id is derived from (content hash, offsets...).
    """
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


class _Record:
    """Mixin: dict round-trip for frozen dataclasses with tuple fields."""

    def to_dict(self) -> dict[str, Any]:
        return _plain(dataclasses.asdict(self))  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name not in data:
                continue
            kwargs[f.name] = _revive(f.name, data[f.name])
        return cls(**kwargs)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


_NESTED: dict[str, type] = {}


def _revive(name: str, value: Any) -> Any:
    kind = _NESTED.get(name)
    if kind is not None and isinstance(value, list):
        return tuple(kind.from_dict(v) if isinstance(v, dict) else v for v in value)
    if isinstance(value, list):
        return tuple(tuple(v) if isinstance(v, list) else v for v in value)
    return value


@dataclass(frozen=True)
class Repair(_Record):
    """One OCR repair: ``original`` at ``[start, end)`` of the document text reads as ``replacement``."""

    start: int
    end: int
    original: str
    replacement: str
    rule: str


@dataclass(frozen=True)
class OcrSpan(_Record):
    """Text read by OCR: ``[start, end)`` of the document text came from page ``page`` (from 1)
    with Tesseract's mean word ``confidence`` (0-1). Records whose evidence lies here are marked ``ocr``."""

    start: int
    end: int
    page: int
    confidence: float


@dataclass(frozen=True)
class Placeholder(_Record):
    """An anonymised value kept as written (X家, 20XX年, XX市): unknown, never guessed."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document(_Record):
    """One plan document (a file may hold several).

    Attributes:
        id: Deterministic id from the file's content hash and the part index.
        path: Source path as given.
        source_name: File name, used as ``doc`` in exports.
        part: Index of this document inside its file (0 for single documents).
        title: Detected title.
        issuer: Issuing body, resolved in its region (e.g. 温州市科技局), or None if unnamed.
        region: Region the plan covers (e.g. 路桥区), or None if the text does not name it.
        region_level: ``province`` | ``city`` | ``county`` | ``district`` or None.
        parent_region: The city a county or district belongs to (路桥区 -> 台州市).
        doc_type: ``work_plan`` | ``summary_plan`` | ``action_plan`` | ``responsibility_table``
            | ``summary`` | ``other``.
        years: Years the document plans for.
        reported_years: Years the document reports on.
        published: Publication date as ISO ``YYYY-MM-DD`` where given.
        text: The document text exactly as read (offsets point here).
        repairs: OCR repairs applied when reading clauses.
        placeholders: Anonymised values found in the text.
        file_start: Offset of this document inside its file's text.
        reader: The reader module that read the file (``pdf``, ``sheet``, ``image``...).
        ocr: Spans of the text read by OCR, with each page's confidence.
        read_seconds: How long reading the file took (not compared: it varies from run to run).
    """

    id: str
    path: str
    source_name: str
    part: int
    title: str
    issuer: str | None
    region: str | None
    region_level: str | None
    parent_region: str | None
    doc_type: str
    years: tuple[int, ...]
    reported_years: tuple[int, ...]
    published: str | None
    text: str
    repairs: tuple[Repair, ...] = ()
    placeholders: tuple[Placeholder, ...] = ()
    file_start: int = 0
    reader: str = ""
    ocr: tuple[OcrSpan, ...] = ()
    read_seconds: float | None = field(default=None, compare=False)

    def ocr_confidence(self, start: int, end: int) -> float | None:
        """The OCR confidence of the text at ``[start, end)`` (the lowest page it touches), None if not OCR'd."""
        found = [span.confidence for span in self.ocr if span.start < max(end, start + 1) and start < span.end]
        return min(found) if found else None


@dataclass(frozen=True)
class Cell(_Record):
    """A named table cell with its span in the document text."""

    name: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Clause(_Record):
    """A node of a document's clause tree.

    Attributes:
        id: Deterministic id.
        doc_id: Owning document.
        parent_id: Enclosing heading or item, None at top level.
        kind: ``heading`` | ``item`` | ``sentence`` | ``table_row``.
        number: Numbering as written without punctuation (``一``, ``（一）``→``一``, ``19``), or ``""``.
        text: Clean text: chrome and page-number artefacts removed, OCR repaired.
        start: Start of the clause's source span in ``Document.text``.
        end: End of the span (excluded).
        section_path: Titles of the enclosing headings, outermost first.
        level: Heading level (1 for 一、, 2 for （一）, ...); 0 for non-headings.
        table: Table name for table rows, else None.
        cells: Named cells for table rows.
    """

    id: str
    doc_id: str
    parent_id: str | None
    kind: str
    number: str
    text: str
    start: int
    end: int
    section_path: tuple[str, ...] = ()
    level: int = 0
    table: str | None = None
    cells: tuple[Cell, ...] = ()

    def cell(self, name: str) -> Cell | None:
        """Return the cell called ``name``, or None."""
        return next((c for c in self.cells if c.name == name), None)


@dataclass(frozen=True)
class Owner(_Record):
    """A unit responsible for a target.

    Attributes:
        name: Canonical name resolved in the document's region (路桥区科技局, 温州市科技局高新处).
        surface: The form written in the document (区科技局, 高新处).
        role: ``lead`` | ``support`` | ``default``.
        parent: The organisation a division belongs to, if any.
        kind: ``organization`` | ``division`` | ``person``.
    """

    name: str
    surface: str
    role: str
    parent: str | None = None
    kind: str = "organization"


@dataclass(frozen=True)
class Target(_Record):
    """A quantified goal (kind ``target``) or a reported result (kind ``achievement``).

    Attributes:
        value: The number, or None when anonymised (``placeholder``) or not numeric.
        comparator: ``>=`` | ``<=`` | ``~`` | ``=`` | None.
        measure: ``level`` | ``increment`` | ``cumulative`` | ``growth`` | ``rank`` | ``multiple`` (翻一番:
            a multiple of the baseline) | ``completion`` (完成全年任务的80%).
        growth: True when the value is a growth rate (增长15%), not a level.
        year: The year the value is for; None when unknown (20XX) or a period.
        period: (first, last) year for periods such as 十四五 (2021, 2025).
        year_inferred: True when ``year`` was inferred, never stated; see ``year_reason``.
        baseline: Baseline value given for the same indicator (e.g. the 2020 column).
        baseline_id: Id of the achievement record holding that baseline.
        stretch: Stretch value (高线, 力争) when given beside the floor value.
        start: Start of the value span in ``Document.text``; ``end`` excluded.
        why: Why this kind and year, in words: the statement's cue (力争 marks a goal), its section's
            frame (section "一、十二五期间主要工作回顾" reviews 2011–2015) or the document's.
    """

    id: str
    doc_id: str
    clause_id: str
    kind: str
    indicator: str
    indicator_id: str
    value: float | None
    unit: str | None
    start: int
    end: int
    unit_inferred: bool = False
    comparator: str | None = None
    measure: str = "level"
    growth: bool = False
    year: int | None = None
    period: tuple[int, int] | None = None
    year_inferred: bool = False
    year_reason: str | None = None
    baseline: float | None = None
    baseline_id: str | None = None
    stretch: float | None = None
    placeholder: bool = False
    owners: tuple[Owner, ...] = ()
    owner_source: str = "default"
    conflicts_with: tuple[str, ...] = ()
    value_text: str = ""
    why: str = ""

    @property
    def lead_owners(self) -> tuple[str, ...]:
        """Names of the owners in the lead role (all explicit owners if none is marked)."""
        leads = tuple(o.name for o in self.owners if o.role == "lead")
        return leads


@dataclass(frozen=True)
class Mention(_Record):
    """An entity mention in a clause.

    Attributes:
        type: ``organization`` | ``division`` | ``institute`` | ``park`` | ``programme``
            | ``person`` | ``region``.
        surface: Text as written.
        canonical: Canonical name after alias merging and regional resolution.
        entity_id: Id of the merged entity.
    """

    id: str
    doc_id: str
    clause_id: str
    type: str
    surface: str
    canonical: str
    start: int
    end: int
    entity_id: str = ""


@dataclass(frozen=True)
class Entity(_Record):
    """A merged entity with every surface form and the reason for each merge."""

    id: str
    type: str
    canonical: str
    aliases: tuple[str, ...] = ()
    region: str | None = None
    parent: str | None = None
    merge_reasons: tuple[str, ...] = ()
    mention_ids: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()  # e.g. ("post", "区科技局局长") for people


@dataclass(frozen=True)
class Corpus(_Record):
    """Everything ingest produced for a set of files."""

    documents: tuple[Document, ...] = ()
    clauses: tuple[Clause, ...] = ()
    targets: tuple[Target, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    errors: tuple[str, ...] = field(default=())
    # Problems inside documents that were still read as far as they could be (one line each).
    warnings: tuple[str, ...] = field(default=())

    def document(self, doc_id: str) -> Document:
        """Return the document with id ``doc_id``."""
        return next(d for d in self.documents if d.id == doc_id)


_NESTED.update(
    {
        "repairs": Repair,
        "ocr": OcrSpan,
        "placeholders": Placeholder,
        "cells": Cell,
        "owners": Owner,
        "documents": Document,
        "clauses": Clause,
        "targets": Target,
        "mentions": Mention,
        "entities": Entity,
    }
)
