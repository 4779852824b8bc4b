"""Plain rows for the CLI, the app and notebooks: document summaries, targets, entities."""
from __future__ import annotations

from collections import Counter

from plankg.ingest.genre import REPORT_TYPES
from plankg.ingest.orgnames import canonical_unit
from plankg.ingest.owners import written_name
from plankg.ingest.records import Clause, Corpus, Document, Owner
from plankg.ingest.textmap import clean_span
from plankg.ingest.traditional import written_form


def document_year(doc: Document) -> int | None:
    """The year a document is about: the year a report reports on, a plan's first year, else when it ran."""
    first = doc.reported_years if doc.doc_type in REPORT_TYPES else doc.years
    second = doc.years if doc.doc_type in REPORT_TYPES else doc.reported_years
    if first or second:
        return (first or second)[0]
    return int(doc.published[:4]) if doc.published else None


def document_summaries(corpus: Corpus) -> list[dict]:
    """One row per document: metadata, clause and table-row counts, repairs, placeholders."""
    kinds: dict[str, Counter] = {}
    for clause in corpus.clauses:
        kinds.setdefault(clause.doc_id, Counter())[clause.kind] += 1
    facts: dict[str, Counter] = {}
    for target in corpus.targets:
        facts.setdefault(target.doc_id, Counter())[target.kind] += 1
    rows = []
    for doc in corpus.documents:
        counts = kinds.get(doc.id, Counter())
        rows.append(
            {
                "id": doc.id,
                "doc": doc.source_name,
                "part": doc.part + 1,
                "title": doc.title,
                "issuer": doc.issuer,
                "region": doc.region,
                "parent_region": doc.parent_region,
                "region_level": doc.region_level,
                "doc_type": doc.doc_type,
                # The year the document speaks from: what it reports on, else plans for, else when it ran.
                "year": document_year(doc),
                "years": list(doc.years),
                "reported_years": list(doc.reported_years),
                "published": doc.published,
                "clauses": sum(counts.values()),
                "clause_kinds": dict(counts),
                "table_rows": counts.get("table_row", 0),
                "targets": facts.get(doc.id, Counter()).get("target", 0),
                "achievements": facts.get(doc.id, Counter()).get("achievement", 0),
                "repairs": [
                    {"start": r.start, "end": r.end, "original": r.original, "replacement": r.replacement,
                     "rule": r.rule}
                    for r in doc.repairs
                ],
                "placeholders": len(doc.placeholders),
                "reader": doc.reader,
                "read_seconds": doc.read_seconds,
                # Pages read by OCR, each with its confidence: the records whose evidence lies there are marked ocr.
                "ocr": [{"page": span.page, "confidence": span.confidence, "start": span.start, "end": span.end}
                        for span in doc.ocr],
            }
        )
    return rows


def _written(owner: Owner, doc: Document) -> str:
    """An owner's name as the document writes it, in its own characters (traditional ones too)."""
    return written_name(owner, written_form(owner.surface, doc.text, doc.repairs))


def target_rows(corpus: Corpus) -> list[dict]:
    """Targets and achievements as flat export rows with their evidence."""
    docs = {d.id: d for d in corpus.documents}
    clauses = {c.id: c for c in corpus.clauses}
    rows = []
    for target in corpus.targets:
        doc = docs[target.doc_id]
        clause = clauses.get(target.clause_id)
        rows.append(
            {
                "id": target.id,
                "doc": doc.source_name,
                "doc_id": doc.id,
                "doc_title": doc.title,
                "region": doc.region,
                "kind": target.kind,
                "indicator": target.indicator,
                "indicator_id": target.indicator_id,
                "value": target.value,
                # The unit in the document's own characters (億元 on a traditional page), as the text
                # and owners are; unit_read is the same unit as read, for grouping across documents.
                "unit": written_form(target.unit, doc.text, doc.repairs) if target.unit else target.unit,
                "unit_read": target.unit,
                "unit_inferred": target.unit_inferred,
                "comparator": target.comparator,
                "measure": target.measure,
                "year": target.year,
                "period": list(target.period) if target.period else None,
                "year_inferred": target.year_inferred,
                "year_reason": target.year_reason,
                "why": target.why,
                "baseline": target.baseline,
                "baseline_id": target.baseline_id,
                "stretch": target.stretch,
                "growth": target.growth,
                "placeholder": target.placeholder,
                # Owners as the plan writes them (区发展和改革局), qualified by the region they were resolved in.
                "owners": [_written(o, doc) for o in target.owners],
                "lead_owners": [_written(o, doc) for o in target.owners if o.role == "lead"],
                "owner_roles": [{"name": o.name, "written": _written(o, doc), "surface": o.surface, "role": o.role}
                                for o in target.owners],
                "owner_source": target.owner_source,
                "conflicts_with": list(target.conflicts_with),
                "value_text": target.value_text,
                "clause_id": target.clause_id,
                "text": written_text(doc, clause) if clause else "",
                "start": target.start,
                "end": target.end,
            }
        )
    return rows


def written_text(doc: Document, clause: Clause) -> str:
    """A clause's text as written: a page in traditional characters is quoted in them, not as read."""
    inside = [r for r in doc.repairs if clause.start <= r.start and r.end <= clause.end]
    if not any(r.rule == "traditional" for r in inside):
        return clause.text
    return clean_span(doc.text, clause.start, clause.end, [r for r in inside if r.rule != "traditional"]).text


def entity_rows(corpus: Corpus) -> list[dict]:
    """Entities with their documents, region, how they were found, their targets and mentions.

    ``targets`` are the targets the entity owns or is named in (by clause); ``why`` says how it was
    recognised (an ending, a pattern, an owner of a target); ``status`` is ``planned`` for a goal to build it.
    """
    mentions = {m.id: m for m in corpus.mentions}
    docs = {d.id: d.source_name for d in corpus.documents}
    by_clause: dict[str, list[str]] = {}
    by_owner: dict[str, list[str]] = {}
    for target in corpus.targets:
        by_clause.setdefault(target.clause_id, []).append(target.id)
        for owner in target.owners:  # the issuer owns its plan's targets by default, and shows them
            by_owner.setdefault(owner.name, []).append(target.id)
    rows = []
    for entity in corpus.entities:
        facts = dict(entity.attributes)
        own = [m for m in entity.mention_ids if m in mentions]
        names = {entity.canonical, *entity.aliases, *(canonical_unit(a) for a in entity.aliases)}
        targets = [t for name in sorted(names) for t in by_owner.get(name, [])]
        for mention_id in own:
            targets.extend(t for t in by_clause.get(mentions[mention_id].clause_id, []) if t not in targets)
        rows.append(
            {
                "id": entity.id,
                "type": entity.type,
                "name": entity.canonical,
                "aliases": list(entity.aliases),
                "documents": sorted({docs.get(mentions[m].doc_id) or "" for m in own}),
                "region": entity.region,
                "parent": entity.parent,
                "status": facts.get("status", "existing"),
                "why": facts.get("why", ""),
                "targets": sorted(set(targets)),
                "merge_reasons": list(entity.merge_reasons),
                "mentions": [
                    {"doc": docs.get(mentions[m].doc_id), "clause_id": mentions[m].clause_id,
                     "surface": mentions[m].surface, "start": mentions[m].start, "end": mentions[m].end}
                    for m in own
                ],
            }
        )
    return rows
