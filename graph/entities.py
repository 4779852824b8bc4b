"""Shared nodes of the graph: regions, organisations, persons, merged entities, units.

Facts about a shared node arrive from many records (an issuer, an owner in ten targets, an
entity record with aliases). They are accumulated here and emitted once at the end, so each
node gets one consistent description whatever order the records come in.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDF, RDFS, SDO, SKOS

from plankg.graph.terms import entity_iri, is_known_unit, org_iri, record_iri, region_iri
from plankg.ingest.orgnames import canonical_unit
from plankg.ingest.records import Corpus, Document, Entity, Mention, Owner
from plankg.ontology.namespaces import PLANKG
from plankg.ontology.regions import load_gazetteer, short_form

Triple = tuple[URIRef, URIRef, object]

_LEVEL_CLASSES = {
    "province": PLANKG.Province,
    "city": PLANKG.City,
    "county": PLANKG.County,
    "district": PLANKG.District,
}
_TYPE_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "organization": (ORG.Organization,),
    "division": (ORG.OrganizationalUnit, ORG.Organization),
    "institute": (PLANKG.Institute, ORG.Organization, SDO.ResearchOrganization),
    "park": (PLANKG.Park,),
    "programme": (PLANKG.Programme,),
    "person": (PLANKG.Person, FOAF.Person),
    # A plan cited by title: a work, not a plankg:PlanDocument (that class is for documents read here).
    "plan_document": (SDO.CreativeWork,),
}


@dataclass
class _Node:
    """What is known about one shared node."""

    label: str
    kinds: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    reasons: set[str] = field(default_factory=set)
    record_ids: set[str] = field(default_factory=set)
    parent: str | None = None
    region: str | None = None
    documents: set[URIRef] = field(default_factory=set)


def infer_region_level(name: str, parent: str | None, province: str | None) -> str | None:
    """Guess a region's level from its suffix when no record states it."""
    if name.endswith("省"):
        return "province"
    if name.endswith("区"):
        return "district"
    if name.endswith("县"):
        return "county"
    if name.endswith("市"):
        return "county" if parent and parent != province and parent.endswith("市") else "city"
    return None


class EntityBuilder:
    """Accumulates regions, organisations and entities; emits their triples once."""

    def __init__(self, corpus: Corpus, province: str | None) -> None:
        self.province = province
        self.gazetteer = load_gazetteer()
        self.regions: dict[str, _Node] = {}
        self.region_levels: dict[str, str] = {}
        self.nodes: dict[URIRef, _Node] = {}
        self.entity_by_id: dict[str, Entity] = {e.id: e for e in corpus.entities}
        self.doc_by_name: dict[str, str] = {d.source_name: d.id for d in corpus.documents}
        self._seen: set[URIRef] = set()
        self._units: dict[URIRef, str] = {}
        # A body's other names (its official name, with its city) lead to its one node: an owner written
        # 银川市西夏区科技局 and the entity 西夏区科技局 (named 银川市西夏区科学技术局 in the text) are one.
        self.org_names: dict[str, str] = {}
        for entity in corpus.entities:
            if entity.type in ("organization", "division"):
                for alias in entity.aliases:
                    self.org_names.setdefault(canonical_unit(alias), entity.canonical)
        for doc in corpus.documents:
            self.document_region_levels(doc)
        # Entities are folded in first so owners and mentions meet the same nodes and regions.
        self.entity_regions: dict[tuple[str, str], str] = {}
        for entity in corpus.entities:
            self.add_entity(entity)

    def first_time(self, node: URIRef) -> bool:
        """True the first time ``node`` is seen (for nodes described inline)."""
        if node in self._seen:
            return False
        self._seen.add(node)
        return True

    # ---- regions ---------------------------------------------------------------------------
    def document_region_levels(self, doc: Document) -> None:
        if doc.region and doc.region_level:
            self.region_levels.setdefault(doc.region, doc.region_level)
        if doc.parent_region:
            parent_level = {"city": "province", "county": "city", "district": "city"}.get(doc.region_level or "")
            if parent_level:
                self.region_levels.setdefault(doc.parent_region, parent_level)

    def region(self, name: str, parent: str | None = None) -> URIRef:
        """Register a region (and its parent chain up to the province); return its IRI."""
        is_new = name not in self.regions
        node = self.regions.setdefault(name, _Node(label=name))
        if parent and node.parent is None and not self._is_within(parent, name):
            node.parent = parent
            self.region(parent)
        if is_new and node.parent is None and name != self.province:
            known = self.gazetteer.regions.get(name)
            if known is not None and known.parent:
                node.parent = known.parent
                self.region(known.parent)
            elif self.level_of(name) == "city" and self.province:
                node.parent = self.province
                self.region(self.province)
        return region_iri(name)

    def level_of(self, name: str) -> str | None:
        """A region's level: stated by a document, else the gazetteer's, else from its suffix."""
        known = self.gazetteer.regions.get(name)
        node = self.regions.get(name)
        parent = node.parent if node is not None else None
        return (
            self.region_levels.get(name)
            or (known.level if known is not None else None)
            or infer_region_level(name, parent, self.province)
        )

    def _is_within(self, name: str, ancestor: str) -> bool:
        """True when ``name`` is ``ancestor`` or lies inside it (guards against cycles)."""
        seen: set[str] = set()
        current: str | None = name
        while current is not None and current not in seen:
            if current == ancestor:
                return True
            seen.add(current)
            node = self.regions.get(current)
            current = node.parent if node is not None else None
        return False

    def document_region(self, doc: Document) -> Iterator[Triple]:
        """Register the document's region chain (district ⊂ city ⊂ province); no inline triples."""
        if doc.region:
            parent = doc.parent_region
            if parent is None and doc.region_level == "city":
                parent = self.province
            self.region(doc.region, parent)
        return iter(())

    # ---- organisations and entities ----------------------------------------------------------
    def _node(self, iri: URIRef, label: str, kind: str) -> _Node:
        node = self.nodes.setdefault(iri, _Node(label=label))
        node.kinds.add(kind)
        return node

    def organisation(self, name: str, kind: str = "organization", doc: Document | None = None,
                     parent: str | None = None) -> URIRef:
        """Register an organisation (or division, with its parent organisation); return its IRI."""
        other = self.org_names.get(name)
        if other is not None and self._same_place(self.entity_regions.get(("org", other)), doc):
            name = other
        iri = org_iri(name)
        node = self._node(iri, name, kind)
        if parent and parent != name:
            node.parent = parent
            self.organisation(parent, "organization", doc)
        if node.region is None:
            node.region = self.entity_regions.get(("org", name)) or self._region_for_name(name, parent, doc)
            if node.region:
                self.region(node.region)
        return iri

    def _same_place(self, region: str | None, doc: Document | None) -> bool:
        """Can a body of ``region`` be the one a document of ``doc``'s place names? An unqualified
        name (省科技厅) is another province's bureau only in that province's documents."""
        here = doc.region if doc is not None else None
        if region is None or here is None or region == here:
            return True
        return self._within(here, region) or self._within(region, here)

    def _within(self, name: str, ancestor: str) -> bool:
        return self._is_within(name, ancestor) or any(
            parent.name == ancestor for parent in self.gazetteer.ancestors(name))

    def _region_for_name(self, name: str, parent: str | None, doc: Document | None) -> str | None:
        """The document's region whose name (or short name) starts the body's name, if any."""
        if parent:
            parent_node = self.nodes.get(org_iri(parent))
            if parent_node is not None and parent_node.region:
                return parent_node.region
        candidates = [doc.region, doc.parent_region] if doc is not None else []
        candidates.append(self.province)
        for region in candidates:
            if region and (name.startswith(region) or name.startswith(short_form(region))):
                return region
        return None

    def owner(self, owner: Owner, doc: Document | None) -> URIRef:
        """Register an owner (organisation, division or person); return the agent IRI."""
        if owner.kind == "person":
            iri = entity_iri("person", owner.name)
            node = self._node(iri, owner.name, "person")
        else:
            kind = "division" if owner.kind == "division" else "organization"
            iri = self.organisation(owner.name, kind, doc, owner.parent)
            node = self.nodes[iri]
        if owner.surface and owner.surface != owner.name:
            node.aliases.add(owner.surface)
        return iri

    def add_entity(self, entity: Entity) -> URIRef:
        """Fold a merged entity record into its node."""
        if entity.type == "region":
            iri = self.region(entity.canonical, entity.parent or entity.region)
            node = self.regions[entity.canonical]
        else:
            iri = entity_iri(entity.type, entity.canonical)
            node = self._node(iri, entity.canonical, entity.type)
            if entity.region:
                node.region = entity.region
                self.region(entity.region)
                family = "org" if entity.type in ("organization", "division", "institute") else entity.type
                self.entity_regions.setdefault((family, entity.canonical), entity.region)
            if entity.parent and entity.parent != entity.canonical and entity.type in ("division", "institute"):
                node.parent = entity.parent
                self.organisation(entity.parent)
        node.aliases.update(a for a in entity.aliases if a != entity.canonical)
        node.reasons.update(entity.merge_reasons)
        cited = dict(entity.attributes).get("document") if entity.type == "plan_document" else None
        if cited in self.doc_by_name:  # a plan cited by title that the corpus holds
            node.documents.add(record_iri(self.doc_by_name[cited]))
        node.record_ids.add(entity.id)
        return iri

    def mention_entity(self, mention: Mention) -> URIRef:
        """The node a mention's annotation points at (its merged entity, else by canonical name)."""
        entity = self.entity_by_id.get(mention.entity_id) if mention.entity_id else None
        if entity is not None:
            iri = self.add_entity(entity)
        elif mention.type == "region":
            iri = self.region(mention.canonical)
        else:
            iri = entity_iri(mention.type, mention.canonical)
            self._node(iri, mention.canonical, mention.type)
        if mention.surface != mention.canonical:
            node = self.regions.get(mention.canonical) if mention.type == "region" else self.nodes.get(iri)
            if node is not None:
                node.aliases.add(mention.surface)
        return iri

    def unit(self, iri: URIRef, text: str | None) -> Iterator[Triple]:
        """Triples describing a unit the vocabulary does not declare (once per unit)."""
        if text and not is_known_unit(text) and iri not in self._units:
            self._units[iri] = text
            yield iri, RDF.type, PLANKG.Unit
            yield iri, RDFS.label, Literal(text, lang="zh")
            yield iri, SKOS.notation, Literal(text)

    # ---- emission ------------------------------------------------------------------------------
    def pending(self) -> Iterator[Triple]:
        """Triples of every accumulated region and node."""
        for name, node in self.regions.items():
            iri = region_iri(name)
            level = self.level_of(name)
            yield iri, RDF.type, PLANKG.Region
            if level in _LEVEL_CLASSES:
                yield iri, RDF.type, _LEVEL_CLASSES[level]
                yield iri, PLANKG.regionLevel, Literal(level)
            yield from self._labels(iri, node)
            english = self.gazetteer.english(name)
            if english:
                yield iri, RDFS.label, Literal(english, lang="en")
                yield iri, SKOS.prefLabel, Literal(english, lang="en")
            if node.parent:
                yield iri, PLANKG.withinRegion, region_iri(node.parent)
        for iri, node in self.nodes.items():
            for kind in sorted(node.kinds):
                for cls in _TYPE_CLASSES.get(kind, ()):
                    yield iri, RDF.type, cls
            yield from self._labels(iri, node)
            if node.parent:
                parent = org_iri(node.parent)
                if "division" in node.kinds:
                    yield iri, ORG.unitOf, parent
                    yield parent, ORG.hasUnit, iri
                else:
                    yield iri, ORG.subOrganizationOf, parent
            if node.region:
                yield iri, PLANKG.locatedIn, region_iri(node.region)
            for document in sorted(node.documents):
                yield iri, RDFS.seeAlso, document

    @staticmethod
    def _labels(iri: URIRef, node: _Node) -> Iterator[Triple]:
        yield iri, RDFS.label, Literal(node.label, lang="zh")
        yield iri, SKOS.prefLabel, Literal(node.label, lang="zh")
        for alias in sorted(node.aliases - {node.label}):
            yield iri, SKOS.altLabel, Literal(alias, lang="zh")
        for reason in sorted(node.reasons):
            yield iri, PLANKG.mergeReason, Literal(reason)
        for record_id in sorted(node.record_ids):
            yield iri, PLANKG.recordId, Literal(record_id)
