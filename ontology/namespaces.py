"""RDF namespaces rdflib lacks (ELI, OA, QUDT, SDMX) and plankg's own, as strict DefinedNamespaces.

``_fail = True`` makes a typo (``PLANKG.Traget``) raise at import/use time instead of emitting an
undeclared IRI; a test checks every term listed here is declared in ``plankg.ttl``.
Importing this module imports rdflib, so ``plankg.ontology`` loads it lazily.
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, QB, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/plankg/ontology"
DATA = Namespace("https://w3id.org/plankg/id/")
IND = Namespace("https://w3id.org/plankg/indicator/")


class PLANKG(DefinedNamespace):
    """plankg's own terms (``ontology/plankg.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/plankg/ontology#")

    # classes
    PlanDocument: URIRef
    Clause: URIRef
    Target: URIRef
    Achievement: URIRef
    Indicator: URIRef
    IndicatorCategory: URIRef
    ProposedIndicator: URIRef
    ReviewStatus: URIRef
    Programme: URIRef
    Institute: URIRef
    Park: URIRef
    Person: URIRef
    Region: URIRef
    Province: URIRef
    City: URIRef
    County: URIRef
    District: URIRef
    OwnerRole: URIRef
    ValueKind: URIRef
    Unit: URIRef
    Mention: URIRef
    # individuals
    LeadRole: URIRef
    SupportRole: URIRef
    DefaultIssuerRole: URIRef
    BaselineValue: URIRef
    TargetValue: URIRef
    StretchValue: URIRef
    ActualValue: URIRef
    Unreviewed: URIRef
    Reviewed: URIRef
    targetStructure: URIRef
    # properties
    docType: URIRef
    planYear: URIRef
    reportedYear: URIRef
    sourceName: URIRef
    partIndex: URIRef
    recordId: URIRef
    clauseKind: URIRef
    number: URIRef
    level: URIRef
    text: URIRef
    sectionPath: URIRef
    tableName: URIRef
    parentClause: URIRef
    sourceSpan: URIRef
    valueSpan: URIRef
    indicator: URIRef
    refArea: URIRef
    year: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    valueKind: URIRef
    comparator: URIRef
    measure: URIRef
    isGrowth: URIRef
    isPlaceholder: URIRef
    unitInferred: URIRef
    yearInferred: URIRef
    yearReason: URIRef
    indicatorPhrase: URIRef
    valueText: URIRef
    ownerSource: URIRef
    conflictsWith: URIRef
    hasBaseline: URIRef
    hasStretch: URIRef
    withinRegion: URIRef
    inRegion: URIRef
    outcome: URIRef
    nextOutcome: URIRef
    regionLevel: URIRef
    locatedIn: URIRef
    mergeReason: URIRef
    surface: URIRef
    reviewStatus: URIRef


class PUNIT(DefinedNamespace):
    """plankg's own units of measure (declared in ``plankg.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/plankg/unit/")

    yi_yuan: URIRef
    wan_yuan: URIRef
    yuan: URIRef
    enterprise: URIRef
    item: URIRef
    project: URIRef
    piece: URIRef
    person: URIRef
    person_time: URIRef
    person_year: URIRef
    wan_yuan_per_person: URIRef
    rank: URIRef
    name_count: URIRef
    fund: URIRef
    session: URIRef
    times: URIRef
    percentage_point: URIRef
    unspecified: URIRef


class OA(DefinedNamespace):
    """W3C Web Annotation terms plankg uses."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    Annotation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef


class ELI(DefinedNamespace):
    """European Legislation Identifier terms plankg uses."""

    _fail = True
    _NS = Namespace("http://data.europa.eu/eli/ontology#")

    LegalResourceSubdivision: URIRef


class QUDT(DefinedNamespace):
    """QUDT schema terms plankg uses."""

    _fail = True
    _NS = Namespace("http://qudt.org/schema/qudt/")

    Unit: URIRef


class UNIT(DefinedNamespace):
    """QUDT unit vocabulary terms plankg uses."""

    _fail = True
    _NS = Namespace("http://qudt.org/vocab/unit/")

    PERCENT: URIRef


class SDMX_MEASURE(DefinedNamespace):
    """SDMX measure terms plankg uses."""

    _fail = True
    _NS = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")

    obsValue: URIRef


class SDMX_ATTRIBUTE(DefinedNamespace):
    """SDMX attribute terms plankg uses."""

    _fail = True
    _NS = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")

    unitMeasure: URIRef


class SDMX_DIMENSION(DefinedNamespace):
    """SDMX dimension terms plankg uses."""

    _fail = True
    _NS = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")

    refArea: URIRef


# Prefixes for serialisations and for the SPARQL prologue of named queries.
PREFIXES: dict[str, str] = {
    "plankg": str(PLANKG._NS),
    "ind": str(IND),
    "data": str(DATA),
    "punit": str(PUNIT._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SDO),
    "qb": str(QB),
    "sdmx-measure": str(SDMX_MEASURE._NS),
    "sdmx-attribute": str(SDMX_ATTRIBUTE._NS),
    "sdmx-dimension": str(SDMX_DIMENSION._NS),
    "oa": str(OA._NS),
    "eli": str(ELI._NS),
    "qudt": str(QUDT._NS),
    "unit": str(UNIT._NS),
}

# Namespaces whose every term must be declared in plankg.ttl (checked by a test).
DECLARED_NAMESPACES = (PLANKG, PUNIT, OA, ELI, QUDT, UNIT, SDMX_MEASURE, SDMX_ATTRIBUTE, SDMX_DIMENSION)


def sparql_prologue() -> str:
    """PREFIX lines for every namespace in :data:`PREFIXES`."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
