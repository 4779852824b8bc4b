"""What the answering code needs from the graph and the records, behind two small interfaces.

``GraphBackend`` is the set of named SPARQL queries QA uses (``plankg.graph.queries``); each call
returns rows and the SPARQL text that ran. ``RecordIndex`` turns the IRIs in those rows back into
the clause records that serve as evidence (text and span).
"""
from __future__ import annotations

from typing import Any, Protocol

from plankg.ingest.records import Clause, Corpus, Document, Mention, Target
from plankg.ontology.namespaces import DATA
from plankg.qa.answer import Evidence


class QueryResultLike(Protocol):
    """Rows plus the SPARQL text that produced them (``plankg.graph.queries.QueryResult``)."""

    name: str
    sparql: str
    rows: list[dict[str, Any]]


class GraphBackend(Protocol):
    """The named queries question answering runs."""

    def owners_of_indicator(self, indicator: str | list[str], region: str | None = None,
                            within: bool = True) -> QueryResultLike: ...

    def targets(self, region: str | None = None, year: int | None = None, owner: str | None = None,
                indicator: str | None = None, include_achievements: bool = False,
                within: bool = True) -> QueryResultLike: ...

    def indicator_series(self, indicator: str, region: str | None = None, within: bool = True) -> QueryResultLike: ...

    def plan_vs_outcome(self, indicator: str | None = None, region: str | None = None,
                        year: int | None = None, within: bool = True) -> QueryResultLike: ...

    def targets_in_years(self, years: list[int], region: str | None = None, within: bool = True
                         ) -> QueryResultLike: ...

    def entities_by_type(self, entity_type: str, region: str | None = None) -> QueryResultLike: ...

    def entity_profile(self, name: str) -> QueryResultLike: ...

    def entity_neighbourhood(self, name: str) -> QueryResultLike: ...


class SparqlBackend:
    """The named queries of ``plankg.graph.queries`` over an open graph store (rdflib or Oxigraph)."""

    def __init__(self, store: Any) -> None:
        from plankg.graph import queries

        self.store = store
        self._queries = queries

    def owners_of_indicator(self, indicator: str | list[str], region: str | None = None,
                            within: bool = True) -> QueryResultLike:
        return self._queries.owners_of_indicator(self.store, indicator, region, within=within)

    def targets(self, region: str | None = None, year: int | None = None, owner: str | None = None,
                indicator: str | None = None, include_achievements: bool = False,
                within: bool = True) -> QueryResultLike:
        return self._queries.targets(self.store, region=region, year=year, owner=owner, indicator=indicator,
                                     include_achievements=include_achievements, within=within)

    def indicator_series(self, indicator: str, region: str | None = None, within: bool = True) -> QueryResultLike:
        return self._queries.indicator_series(self.store, indicator, region, within=within)

    def plan_vs_outcome(self, indicator: str | None = None, region: str | None = None,
                        year: int | None = None, within: bool = True) -> QueryResultLike:
        return self._queries.plan_vs_outcome(self.store, indicator=indicator, region=region, year=year,
                                             within=within)

    def targets_in_years(self, years: list[int], region: str | None = None, within: bool = True
                         ) -> QueryResultLike:
        return self._queries.targets_in_years(self.store, years, region, within=within)

    def entities_by_type(self, entity_type: str, region: str | None = None) -> QueryResultLike:
        return self._queries.entities_by_type(self.store, entity_type, region)

    def entity_profile(self, name: str) -> QueryResultLike:
        return self._queries.entity_profile(self.store, name)

    def entity_neighbourhood(self, name: str) -> QueryResultLike:
        return self._queries.entity_neighbourhood(self.store, name)


def record_id(iri: str | None) -> str | None:
    """Record id of a data IRI: ``.../id/tg-1a2b`` and ``.../id/tg-1a2b/stretch`` -> ``tg-1a2b``."""
    if not iri:
        return None
    text = str(iri)
    prefix = str(DATA)
    if not text.startswith(prefix):
        return None
    return text[len(prefix):].split("/", 1)[0] or None


class RecordIndex:
    """Records by id, for evidence: clause text and span, target details, mentions of an entity."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.documents: dict[str, Document] = {d.id: d for d in corpus.documents}
        self.clauses: dict[str, Clause] = {c.id: c for c in corpus.clauses}
        self.targets: dict[str, Target] = {t.id: t for t in corpus.targets}
        self.mentions_by_canonical: dict[str, list[Mention]] = {}
        for mention in corpus.mentions:
            self.mentions_by_canonical.setdefault(mention.canonical, []).append(mention)

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
                        doc.title if doc else "")

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
