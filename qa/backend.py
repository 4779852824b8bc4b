"""What the answering code needs from the graph and the records, behind two small interfaces.

``GraphBackend`` runs the named SPARQL queries of ``plankg.graph.queries`` by name; each call
returns typed rows and the SPARQL text that ran. ``RecordIndex`` turns the IRIs in those rows back into
the clause records that serve as evidence (text and span).
"""
from __future__ import annotations

from typing import Any, Protocol

from plankg.graph.queries import run
from plankg.graph.query_support import QueryResult
from plankg.graph.terms import record_id
from plankg.ingest.records import Clause, Corpus, Document, Mention, Target
from plankg.qa.answer import Evidence


class GraphBackend(Protocol):
    """The graph as question answering sees it: the registry of named queries."""

    def run(self, query_name: str, /, **params: Any) -> QueryResult[Any]:
        """Run a named query of ``plankg.graph.queries`` (typed rows and the SPARQL that ran)."""
        ...


class SparqlBackend:
    """The named queries of ``plankg.graph.queries`` over an open graph store (rdflib or Oxigraph)."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def run(self, query_name: str, /, **params: Any) -> QueryResult[Any]:
        """Run a named query on the store."""
        return run(self.store, query_name, **params)


class RecordIndex:
    """Records by id, for evidence: clause text and span, target details, mentions of an entity."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.documents: dict[str, Document] = {d.id: d for d in corpus.documents}
        self.clauses: dict[str, Clause] = {c.id: c for c in corpus.clauses}
        self.targets: dict[str, Target] = {t.id: t for t in corpus.targets}
        self._by_doc: dict[str, list[Clause]] | None = None
        self.mentions_by_canonical: dict[str, list[Mention]] = {}
        for mention in corpus.mentions:
            self.mentions_by_canonical.setdefault(mention.canonical, []).append(mention)

    def in_document(self, doc_id: str) -> list[Clause]:
        """The clauses of a document in reading order (indexed on first use)."""
        if self._by_doc is None:
            by_doc: dict[str, list[Clause]] = {}
            for item in self.corpus.clauses:
                by_doc.setdefault(item.doc_id, []).append(item)
            self._by_doc = {doc: sorted(items, key=lambda c: c.start) for doc, items in by_doc.items()}
        return self._by_doc.get(doc_id, [])

    def following(self, clause: Clause, count: int) -> list[Clause]:
        """The next ``count`` clauses after ``clause`` in its document, in reading order."""
        return [c for c in self.in_document(clause.doc_id) if c.start >= clause.end][:count]

    def target(self, iri: str | None) -> Target | None:
        rid = record_id(iri)
        return self.targets.get(rid) if rid else None

    def clause(self, iri_or_id: str | None) -> Clause | None:
        if not iri_or_id:
            return None
        rid = record_id(iri_or_id) or iri_or_id
        return self.clauses.get(rid)

    def document(self, iri_or_id: str | None) -> Document | None:
        if not iri_or_id:
            return None
        rid = record_id(iri_or_id) or iri_or_id
        return self.documents.get(rid)

    def evidence(self, clause: Clause | None) -> Evidence | None:
        """Evidence entry for a clause (document file name, clause id, text, span)."""
        if clause is None:
            return None
        doc = self.documents.get(clause.doc_id)
        return Evidence(doc.source_name if doc else clause.doc_id, clause.id, clause.text, clause.start, clause.end,
                        doc.title if doc else "", doc.ocr_confidence(clause.start, clause.end) if doc else None)

    def clause_of(self, row_iri: str | None) -> Clause | None:
        """The clause a target/observation IRI was derived from."""
        target = self.target(row_iri)
        return self.clauses.get(target.clause_id) if target else None

    def document_year(self, doc: Document | None) -> int | None:
        """Where to place a document in time when a value's year is unknown: publication, else plan years."""
        if doc is None:
            return None
        if doc.published and doc.published[:4].isdigit():
            return int(doc.published[:4])
        years = list(doc.years) + list(doc.reported_years)
        return max(years) if years else None

    def regions_covered(self) -> set[str]:
        """Regions some document is about."""
        return {d.region for d in self.corpus.documents if d.region}
