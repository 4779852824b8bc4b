"""Records -> RDF: one function, :func:`build_graph`, over a streaming triple generator.

Layout of the graph (terms in ``ontology/plankg.ttl``):
- documents ``plankg:PlanDocument`` with DCTERMS metadata, a ``qb:DataSet`` of their observations;
- clauses ``plankg:Clause`` with ``oa:SpecificResource`` source spans (position + quote selectors;
  these :class:`SpanTriple` triples are in the export, not in the query stores);
- targets/achievements ``qb:Observation`` with indicator, region, year/period, value kind, unit,
  comparator, placeholder flag, conflicts, ``prov:wasDerivedFrom`` their clause, a value span, and
  owners as ``prov:qualifiedAttribution`` with ``prov:hadRole``;
- organisations one node per canonical name (divisions ``org:unitOf`` their parent), regions in a
  ``plankg:withinRegion`` hierarchy, merged entities with aliases and merge reasons, mentions as
  ``oa:Annotation``s;
- materialised links (``graph/links.py``): each observation ``plankg:inRegion`` every region
  containing its place, each target's ``plankg:outcome`` (its nearest later report) and each
  report's ``plankg:nextOutcome``.
"""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, QB, RDF, RDFS, SKOS, XSD

from plankg import ontology
from plankg.graph.entities import EntityBuilder
from plankg.graph.links import (
    CITE_LINKS,
    DATA_LINKS,
    FAMILY_LINK,
    LINK_LABELS,
    MENTION_COUNT,
    NAMED_IN,
    PLACE_LINK,
    ROLE_LINKS,
    citing_clauses,
    family_members,
    materialised_triples,
    naming_clauses,
    outcome_links,
    region_closure,
)
from plankg.graph.terms import indicator_iri, record_iri, region_iri, role_iri, unit_iri
from plankg.ingest.records import Clause, Corpus, Document, Mention, Owner, Target
from plankg.ontology.namespaces import IND, OA, PLANKG, PREFIXES, SDMX_ATTRIBUTE, SDMX_MEASURE
from plankg.ontology.regions import load_gazetteer
from plankg.ontology.thesaurus import load_families

Triple = tuple[URIRef, URIRef, object]


class SpanTriple(tuple):
    """A triple of a text span: ``oa:SpecificResource`` with its position and quote selectors,
    and the link to it (``plankg:sourceSpan``, ``plankg:valueSpan``, ``oa:hasTarget``).

    The export (and ``plankg push``) hold them; the query stores do not, and no file keeps them:
    :func:`iter_span_triples` makes them again from the records' offsets when the graph is
    exported (see :mod:`plankg.graph.dump`). Each restates a record's offsets and a text the
    stores hold already (a clause's ``plankg:text``, a mention's ``plankg:surface``, a value's
    ``plankg:valueText``), no question reads them, and they are 42% of the triples: 40% of the
    Oxigraph store at 4x the bundled corpus.
    """

    __slots__ = ()
_VALUE_KINDS = {"target": PLANKG.TargetValue, "achievement": PLANKG.ActualValue}


@functools.lru_cache(maxsize=1)
def vocabulary_triples() -> tuple[Triple, ...]:
    """Triples of ``plankg.ttl`` and ``indicators.ttl`` (parsed once)."""
    folder = Path(ontology.__file__).resolve().parent
    graph = Graph()
    for name in ("plankg.ttl", "indicators.ttl"):
        graph.parse(folder / name, format="turtle")
    return tuple(graph)


def build_graph(corpus: Corpus, province: str | None = None, vocabulary: bool = True,
                links: bool = False, spans: bool = True) -> Graph:
    """Build the knowledge graph of a corpus.

    Args:
        corpus: Records from ingest.
        province: Province of cities the gazetteer does not know (default: the province the
            gazetteer gives for the corpus's own regions, or none).
        vocabulary: Include the ontology and indicator scheme (labels for queries and SHACL).
        links: Also add the lookup links (:mod:`plankg.graph.links`), as a workspace's store holds them.
        spans: Add the text spans (:class:`SpanTriple`), as the export holds them.

    Returns:
        An rdflib graph; rebuilding from the same records gives an isomorphic graph.
    """
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    add = graph.add
    lookup_links: list[Triple] | None = [] if links else None
    for triple in iter_triples(corpus, province=province, vocabulary=vocabulary, lookup_links=lookup_links,
                               spans=spans):
        add(triple)
    for triple in lookup_links or ():
        add(triple)
    return graph


def iter_triples(corpus: Corpus, province: str | None = None, vocabulary: bool = True,
                 lookup_links: list[Triple] | None = None, spans: bool = True) -> Iterator[Triple]:
    """Yield the graph's triples one by one (for streaming into N-Triples or Oxigraph).

    Args:
        lookup_links: When given, filled (once the triples are all yielded) with the lookup links
            of :mod:`plankg.graph.links` (unit -> target by role, target -> indicator family).
            They restate the data for fast questions, so they are kept out of the data triples.
        spans: Also yield the text spans (:class:`SpanTriple`; the workspace's store leaves them out).
    """
    province = province or corpus_province(corpus)
    if vocabulary:
        yield from vocabulary_triples()
    builder = _GraphBuilder(corpus, province, lookup_links is not None, spans)
    yield from builder.triples()
    if lookup_links is not None:
        lookup_links.extend(builder.lookup_links)
        lookup_links.extend(_link_vocabulary())


def _link_vocabulary() -> Iterator[Triple]:
    from rdflib.namespace import OWL

    for name, (zh, en, comment) in LINK_LABELS.items():
        predicate = _link(name)
        yield predicate, RDF.type, OWL.DatatypeProperty if name in DATA_LINKS else OWL.ObjectProperty
        yield predicate, RDFS.label, Literal(zh, lang="zh")
        yield predicate, RDFS.label, Literal(en, lang="en")
        yield predicate, RDFS.comment, Literal(comment, lang="en")


def _link(name: str) -> URIRef:
    """A lookup predicate (declared with the links, not in the ontology file: they restate data)."""
    return URIRef(PREFIXES["plankg"] + name)


@functools.lru_cache(maxsize=1)
def _families_of() -> dict[str, list[str]]:
    try:

        return family_members(load_families().values())
    except (ImportError, OSError, ValueError):
        return {}


def corpus_province(corpus: Corpus) -> str | None:
    """The province the gazetteer places most of the corpus's documents in, or None."""
    gazetteer = load_gazetteer()
    provinces: Counter[str] = Counter()
    for doc in corpus.documents:
        for name in (doc.region, doc.parent_region):
            chain = [gazetteer.regions[name], *gazetteer.ancestors(name)] if name in gazetteer.regions else []
            province = next((r.name for r in chain if r.level == "province"), None)
            if province:
                provinces[province] += 1
                break
    return provinces.most_common(1)[0][0] if provinces else None


def _text(value: str) -> Literal:
    return Literal(value)


def _zh(value: str) -> Literal:
    return Literal(value, lang="zh")


def _int(value: int) -> Literal:
    return Literal(int(value), datatype=XSD.integer)


def decimal_lexical(value: float) -> str:
    """The canonical ``xsd:decimal`` form of ``value`` (XSD 1.1): ``10`` for 10.0, ``2.8``, ``0.00003``.

    The shortest exact digits (``repr``: 2.8, not 2.79999...), no exponent, no trailing zeros and
    no point after a whole number. It is the form Oxigraph keeps (``"10.0"`` reads back as ``"10"``),
    so the graph has one spelling of each value whether it comes from the store or from rdflib.
    """
    number = Decimal(repr(float(value)))
    if number == 0:
        return "0"
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _decimal(value: float) -> Literal:
    return Literal(decimal_lexical(value), datatype=XSD.decimal)


def _target_label(target: Target) -> str:
    """A readable label such as ``全社会R&D经费投入占GDP比重 2.8% (2025)``."""
    value = target.value_text or ("X" if target.placeholder else "" if target.value is None else f"{target.value:g}")
    when = f" ({target.year})" if target.year else f" ({target.period[0]}-{target.period[1]})" if target.period else ""
    return f"{target.indicator} {value}{'' if target.value_text else target.unit or ''}{when}".strip()


def _bool(value: bool) -> Literal:
    return Literal(bool(value), datatype=XSD.boolean)


class _GraphBuilder:
    """Walks a corpus once; remembers which shared nodes (regions, orgs) it has described."""

    def __init__(self, corpus: Corpus, province: str | None, links: bool = False, spans: bool = True) -> None:
        self.corpus = corpus
        self.links = links
        self.spans = spans
        self.lookup_links: list[Triple] = []
        self.families = _families_of() if links else {}
        self.province = province
        self.docs = {d.id: d for d in corpus.documents}
        self.clauses = {c.id: c for c in corpus.clauses}
        self.target_ids = {t.id for t in corpus.targets}
        self.entities = EntityBuilder(corpus, province)
        # Observation nodes by their region name, for the region closure emitted at the end.
        self.observations_in: dict[str, list[URIRef]] = defaultdict(list)
        # Mentions per annotated node, for the plankg:mentionCount lookup links.
        self.mention_counts: Counter[URIRef] = Counter()

    def triples(self) -> Iterator[Triple]:
        for doc in self.corpus.documents:
            yield from self.document(doc)
        for clause in self.corpus.clauses:
            yield from self.clause(clause)
        for target in self.corpus.targets:
            yield from self.target(target)
        for mention in self.corpus.mentions:
            yield from self.mention(mention)
        yield from self.materialised()
        yield from self.entities.pending()
        if self.links:
            self.entity_links()

    def entity_links(self) -> None:
        """Lookup links of the named entities (every node but regions): the first clauses naming
        each (``plankg:firstCitedIn``, ``nextCitedIn``), every region it lies within
        (``plankg:locatedWithin``), the first clauses holding any of its names
        (``plankg:namedInClauses``), and, for every annotated node, its number of mentions
        (``plankg:mentionCount``)."""
        regions = self.entities.regions

        def parent_of(name: str) -> str | None:
            node = regions.get(name)
            return node.parent if node is not None else None

        nodes = self.entities.nodes
        cited = citing_clauses({node.label for node in nodes.values()}, self.corpus.mentions, self.corpus.clauses)
        named = naming_clauses({str(iri): {node.label, *node.aliases} for iri, node in nodes.items()},
                               self.corpus.clauses)
        named_in = _link(NAMED_IN)
        # Every entity gets the link, an empty one too: a profile then never reads the corpus.
        self.lookup_links.extend((iri, named_in, _text(" ".join(named.get(str(iri), ())))) for iri in nodes)
        counted = _link(MENTION_COUNT)
        self.lookup_links.extend((iri, counted, _int(count)) for iri, count in self.mention_counts.items())
        ranks, place = [_link(name) for name in CITE_LINKS], _link(PLACE_LINK)
        closures: dict[str, list[URIRef]] = {}
        for iri, node in nodes.items():
            for rank, clause_id in zip(ranks, cited.get(node.label, ())):
                self.lookup_links.append((iri, rank, record_iri(clause_id)))
            if node.region:
                if node.region not in closures:
                    closures[node.region] = [region_iri(r) for r in region_closure(node.region, parent_of)]
                self.lookup_links.extend((iri, place, area) for area in closures[node.region])

    def materialised(self) -> Iterator[Triple]:
        """Region closures and outcome links, once every record is in (the region tree is whole)."""
        regions = self.entities.regions

        def parent_of(name: str) -> str | None:
            node = regions.get(name)
            return node.parent if node is not None else None

        for region, nodes in self.observations_in.items():
            containing = [region_iri(name) for name in region_closure(region, parent_of)]
            for node in nodes:
                for area in containing:
                    yield node, PLANKG.inRegion, area
        outcomes, next_outcomes = outcome_links(self.corpus.targets, self.docs)
        yield from materialised_triples(outcomes, record_iri, PLANKG.outcome)
        yield from materialised_triples(next_outcomes, record_iri, PLANKG.nextOutcome)

    # ---- documents and clauses -------------------------------------------------------------
    def document(self, doc: Document) -> Iterator[Triple]:
        node = record_iri(doc.id)
        yield node, RDF.type, PLANKG.PlanDocument
        yield node, PLANKG.recordId, _text(doc.id)
        yield node, DCTERMS.title, _zh(doc.title or doc.source_name)
        yield node, RDFS.label, _zh(doc.title or doc.source_name)
        yield node, PLANKG.docType, _text(doc.doc_type)
        yield node, PLANKG.sourceName, _text(doc.source_name)
        yield node, PLANKG.partIndex, _int(doc.part)
        if doc.published:
            yield node, DCTERMS.issued, Literal(doc.published, datatype=XSD.date)
        for year in doc.years:
            yield node, PLANKG.planYear, _int(year)
        for year in doc.reported_years:
            yield node, PLANKG.reportedYear, _int(year)
        if doc.region:
            yield node, DCTERMS.spatial, region_iri(doc.region)
            yield from self.entities.document_region(doc)
        if doc.issuer:
            issuer = self.entities.organisation(doc.issuer, doc=doc)
            yield node, DCTERMS.publisher, issuer
        dataset = URIRef(f"{node}/dataset")
        yield dataset, RDF.type, QB.DataSet
        yield dataset, QB.structure, PLANKG.targetStructure
        yield dataset, DCTERMS.source, node
        yield dataset, RDFS.label, _zh(f"{doc.title or doc.source_name}：目标与完成情况")

    def record_spans(self, record: Clause | Target | Mention) -> Iterator[Triple]:
        """The text span of a record, when this build yields spans."""
        if self.spans:
            doc = self.docs.get(record.doc_id)
            yield from record_span_triples(record, None if doc is None else doc.text)

    def clause(self, clause: Clause) -> Iterator[Triple]:
        node = record_iri(clause.id)
        yield node, RDF.type, PLANKG.Clause
        yield node, PLANKG.recordId, _text(clause.id)
        yield node, DCTERMS.isPartOf, record_iri(clause.doc_id)
        if clause.parent_id:
            yield node, PLANKG.parentClause, record_iri(clause.parent_id)
        yield node, PLANKG.clauseKind, _text(clause.kind)
        if clause.number:
            yield node, PLANKG.number, _text(clause.number)
        yield node, PLANKG.level, _int(clause.level)
        yield node, PLANKG.text, _text(clause.text)
        if clause.section_path:
            yield node, PLANKG.sectionPath, _text(" > ".join(clause.section_path))
        if clause.table:
            yield node, PLANKG.tableName, _text(clause.table)
        yield from self.record_spans(clause)

    # ---- targets and achievements ----------------------------------------------------------
    def target(self, target: Target) -> Iterator[Triple]:
        node = record_iri(target.id)
        doc = self.docs.get(target.doc_id)
        yield node, RDF.type, PLANKG.Achievement if target.kind == "achievement" else PLANKG.Target
        yield node, RDF.type, QB.Observation
        yield node, PLANKG.recordId, _text(target.id)
        yield node, QB.dataSet, URIRef(f"{record_iri(target.doc_id)}/dataset")
        yield node, PLANKG.valueKind, _VALUE_KINDS.get(target.kind, PLANKG.TargetValue)
        yield from self.observation_dimensions(node, target, doc)
        if target.value is not None:
            yield node, SDMX_MEASURE.obsValue, _decimal(target.value)
        yield node, PLANKG.isPlaceholder, _bool(target.placeholder)
        if target.comparator:
            yield node, PLANKG.comparator, _text(target.comparator)
        yield node, PLANKG.measure, _text(target.measure)
        yield node, PLANKG.isGrowth, _bool(target.growth)
        yield node, PLANKG.unitInferred, _bool(target.unit_inferred)
        yield node, PLANKG.yearInferred, _bool(target.year_inferred)
        if target.year_reason:
            yield node, PLANKG.yearReason, _text(target.year_reason)
        if target.value_text:
            yield node, PLANKG.valueText, _text(target.value_text)
        yield node, PLANKG.indicatorPhrase, _zh(target.indicator)
        yield node, RDFS.label, _zh(_target_label(target))
        yield node, PLANKG.ownerSource, _text(target.owner_source)
        for other in target.conflicts_with:
            yield node, PLANKG.conflictsWith, record_iri(other)
            yield record_iri(other), PLANKG.conflictsWith, node
        yield from self.record_spans(target)
        yield from self.owners(node, target, doc)
        yield from self.side_values(node, target, doc)
        for family in self.families.get(target.indicator_id, ()):
            self.lookup_links.append((node, _link(FAMILY_LINK), IND[family]))

    def observation_dimensions(self, node: URIRef, target: Target, doc: Document | None) -> Iterator[Triple]:
        """Indicator, area, time and unit shared by an observation and its side values."""
        concept, proposed = indicator_iri(target.indicator_id)
        yield node, PLANKG.indicator, concept
        if proposed:
            yield from self.proposed_concept(concept, target)
        if doc is not None and doc.region:
            yield node, PLANKG.refArea, region_iri(doc.region)
            self.observations_in[doc.region].append(node)
        if target.year is not None:
            yield node, PLANKG.year, _int(target.year)
        if target.period:
            yield node, PLANKG.periodStart, _int(target.period[0])
            yield node, PLANKG.periodEnd, _int(target.period[1])
        unit = unit_iri(target.unit)
        yield node, SDMX_ATTRIBUTE.unitMeasure, unit
        yield from self.entities.unit(unit, target.unit)
        yield node, PROV.wasDerivedFrom, record_iri(target.clause_id)

    def proposed_concept(self, concept: URIRef, target: Target) -> Iterator[Triple]:
        if not self.entities.first_time(concept):
            return
        yield concept, RDF.type, SKOS.Concept
        yield concept, RDF.type, PLANKG.Indicator
        yield concept, RDF.type, PLANKG.ProposedIndicator
        yield concept, SKOS.inScheme, IND.proposedScheme
        yield concept, SKOS.prefLabel, _zh(target.indicator or target.indicator_id)
        yield concept, RDFS.label, _zh(target.indicator or target.indicator_id)
        if target.indicator_id:
            yield concept, SKOS.notation, _text(target.indicator_id)
        yield concept, PLANKG.reviewStatus, PLANKG.Unreviewed

    def owners(self, node: URIRef, target: Target, doc: Document | None) -> Iterator[Triple]:
        owners = list(target.owners)
        if not owners and doc is not None and doc.issuer:
            # No owner extracted at all: the issuing body owns the target by default.
            owners = [Owner(name=doc.issuer, surface=doc.issuer, role="default")]
        for owner in owners:
            agent = self.entities.owner(owner, doc)
            role = role_iri(owner.role)
            attribution = URIRef(f"{node}/attribution/{role.rsplit('#', 1)[-1]}/{agent.rsplit('/', 1)[-1]}")
            yield node, PROV.wasAttributedTo, agent
            yield node, PROV.qualifiedAttribution, attribution
            yield attribution, RDF.type, PROV.Attribution
            yield attribution, PROV.agent, agent
            yield attribution, PROV.hadRole, role
            yield attribution, PLANKG.surface, _zh(owner.surface or owner.name)
            if self.links:
                self.lookup_links.append((agent, _link(ROLE_LINKS.get(owner.role, ROLE_LINKS["default"])), node))

    def side_values(self, node: URIRef, target: Target, doc: Document | None) -> Iterator[Triple]:
        """Stretch and baseline values as their own observations linked to the target."""
        if target.stretch is not None:
            stretch = URIRef(f"{node}/stretch")
            yield node, PLANKG.hasStretch, stretch
            yield stretch, RDF.type, QB.Observation
            yield stretch, QB.dataSet, URIRef(f"{record_iri(target.doc_id)}/dataset")
            yield stretch, PLANKG.valueKind, PLANKG.StretchValue
            yield stretch, SDMX_MEASURE.obsValue, _decimal(target.stretch)
            yield from self.observation_dimensions(stretch, target, doc)
        if target.baseline_id and target.baseline_id in self.target_ids:
            yield node, PLANKG.hasBaseline, record_iri(target.baseline_id)
        elif target.baseline is not None:
            baseline = URIRef(f"{node}/baseline")
            yield node, PLANKG.hasBaseline, baseline
            yield baseline, RDF.type, QB.Observation
            yield baseline, QB.dataSet, URIRef(f"{record_iri(target.doc_id)}/dataset")
            yield baseline, PLANKG.valueKind, PLANKG.BaselineValue
            yield baseline, SDMX_MEASURE.obsValue, _decimal(target.baseline)
            concept, _ = indicator_iri(target.indicator_id)
            yield baseline, PLANKG.indicator, concept
            if doc is not None and doc.region:
                yield baseline, PLANKG.refArea, region_iri(doc.region)
                self.observations_in[doc.region].append(baseline)
            unit = unit_iri(target.unit)
            yield baseline, SDMX_ATTRIBUTE.unitMeasure, unit
            yield baseline, PROV.wasDerivedFrom, record_iri(target.clause_id)

    # ---- mentions ----------------------------------------------------------------------------
    def mention(self, mention: Mention) -> Iterator[Triple]:
        node = record_iri(mention.id)
        body = self.entities.mention_entity(mention)
        self.mention_counts[body] += 1
        yield node, RDF.type, PLANKG.Mention
        yield node, RDF.type, OA.Annotation
        yield node, PLANKG.recordId, _text(mention.id)
        yield node, OA.hasBody, body
        yield node, PLANKG.surface, _zh(mention.surface)
        yield node, PROV.wasDerivedFrom, record_iri(mention.clause_id)
        yield from self.record_spans(mention)


# ---- text spans: made with the data, or again from the records' offsets ------------------------
#: Record type -> (the predicate from the record to its span, the span node's suffix).
_SPAN_LINKS = {Clause: (PLANKG.sourceSpan, "span"), Target: (PLANKG.valueSpan, "value-span"),
               Mention: (OA.hasTarget, "span")}


def record_span_triples(record: Clause | Target | Mention, doc_text: str | None) -> Iterator[SpanTriple]:
    """The text span of a clause, a target (its value) or a mention, as :class:`SpanTriple` triples.

    Args:
        record: The record, with its document's id and its ``[start, end)`` offsets.
        doc_text: Its document's text (None: the quote selector is left out).
    """
    predicate, suffix = _SPAN_LINKS[type(record)]
    node = record_iri(record.id)
    span = URIRef(f"{node}/{suffix}")
    yield SpanTriple((node, predicate, span))
    for triple in _span(span, record.doc_id, record.start, record.end, doc_text):
        yield SpanTriple(triple)


def span_triple_count(has_text: bool) -> int:
    """How many triples :func:`record_span_triples` gives for a record (with its document's text or not)."""
    return 10 if has_text else 7


def _span(node: URIRef, doc_id: str, start: int, end: int, doc_text: str | None) -> Iterator[Triple]:
    """An ``oa:SpecificResource`` for ``[start, end)`` of a document's text."""
    yield node, RDF.type, OA.SpecificResource
    yield node, OA.hasSource, record_iri(doc_id)
    position = URIRef(f"{node}/position")
    yield node, OA.hasSelector, position
    yield position, RDF.type, OA.TextPositionSelector
    yield position, OA.start, Literal(int(start), datatype=XSD.nonNegativeInteger)
    yield position, OA.end, Literal(int(end), datatype=XSD.nonNegativeInteger)
    if doc_text is not None:
        quote = URIRef(f"{node}/quote")
        yield node, OA.hasSelector, quote
        yield quote, RDF.type, OA.TextQuoteSelector
        yield quote, OA.exact, _text(doc_text[start:end])


def iter_span_triples(doc_texts: Mapping[str, str], records: Iterable[Clause | Target | Mention]
                      ) -> Iterator[SpanTriple]:
    """The text spans of ``records`` (clauses, targets, mentions in any order), the same triples
    :func:`iter_triples` yields for them: the workspace keeps none, so the export makes them here.

    Args:
        doc_texts: Each document's text by its id.
        records: The records, read one at a time.
    """
    for record in records:
        yield from record_span_triples(record, doc_texts.get(record.doc_id))
