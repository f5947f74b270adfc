"""Every IRI of ours, spelled once.

`SGKG` is the ontology namespace (classes and properties minted by this
project, each defined in ``sgkg.ttl``).  ``_fail = True`` makes a misspelt
term raise instead of warn.  Data IRIs (areas, partnerships, evidence, ...)
live under `ID`, SKOS concepts under `VOCAB`, named graphs under `GRAPH`.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/sgkg/"


class SGKG(DefinedNamespace):
    """The sgkg ontology: https://w3id.org/sgkg/def#"""

    _NS = Namespace(BASE + "def#")
    _fail = True

    # classes
    Area: URIRef
    Partnership: URIRef
    Subgroup: URIRef
    Organisation: URIRef
    Duty: URIRef
    Priority: URIRef
    Relationship: URIRef
    Review: URIRef
    Figure: URIRef
    Value: URIRef
    Legislation: URIRef
    Provision: URIRef
    Guidance: URIRef
    SourceDocument: URIRef
    Evidence: URIRef
    ExtractionActivity: URIRef

    # area
    areaType: URIRef
    region: URIRef
    regionCode: URIRef

    # partnerships and organisations
    abbreviation: URIRef
    statutory: URIRef
    statutoryBasis: URIRef
    organisationType: URIRef
    odsCode: URIRef

    # legislation (reference data)
    sectionNumber: URIRef
    legislationType: URIRef
    year: URIRef
    number: URIRef

    # duties
    dutyOf: URIRef
    dutyType: URIRef

    # priorities
    priorityOf: URIRef
    joint: URIRef
    leadPartnership: URIRef
    contributingPartnership: URIRef
    period: URIRef

    # relationships
    source: URIRef
    target: URIRef
    relationshipKind: URIRef
    frequency: URIRef

    # reviews, figures, values
    reviewType: URIRef
    reviewOf: URIRef
    status: URIRef
    figureOf: URIRef
    unit: URIRef
    valueOf: URIRef
    valueKind: URIRef

    # source documents
    documentKind: URIRef
    version: URIRef
    reviewDate: URIRef
    sourceName: URIRef
    characters: URIRef
    factsDigest: URIRef
    asOf: URIRef

    # provenance
    start: URIRef
    end: URIRef
    rule: URIRef

    # vocabulary annotations
    statutoryType: URIRef
    coreMembershipRole: URIRef
    patternLabel: URIRef


ID = Namespace(BASE + "id/")
VOCAB = Namespace(BASE + "vocab/")
GRAPH = Namespace(BASE + "graph/")

REFERENCE_GRAPH = GRAPH["reference"]
SOFTWARE_AGENT = ID["agent/sgkg"]

# SKOS concept schemes (closed vocabularies), one namespace each.
PARTNERSHIP_TYPE = Namespace(BASE + "vocab/partnership-type/")
ORG_TYPE = Namespace(BASE + "vocab/org-type/")
MEMBERSHIP_ROLE = Namespace(BASE + "vocab/membership-role/")
POST_ROLE = Namespace(BASE + "vocab/post-role/")
DUTY_TYPE = Namespace(BASE + "vocab/duty-type/")
THEME = Namespace(BASE + "vocab/theme/")
RELATIONSHIP_KIND = Namespace(BASE + "vocab/relationship-kind/")
FREQUENCY = Namespace(BASE + "vocab/frequency/")
REVIEW_TYPE = Namespace(BASE + "vocab/review-type/")
DOCUMENT_KIND = Namespace(BASE + "vocab/document-kind/")

# Standard vocabularies we reuse (rdflib ships ORG, SKOS, PROV, DCTERMS, FOAF, TIME, VOID).
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
LEGISLATION_ID = "http://www.legislation.gov.uk/id/"
STATISTICAL_GEOGRAPHY = Namespace("http://statistics.data.gov.uk/id/statistical-geography/")

PREFIXES = {
    "sgkg": str(SGKG._NS),
    "id": str(ID),
    "vocab": str(VOCAB),
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "time": "http://www.w3.org/2006/time#",
    "eli": str(ELI),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "void": "http://rdfs.org/ns/void#",
    "sd": str(SD),
}


def document_graph(doc_id: str) -> URIRef:
    """The named graph holding everything extracted from one document."""
    return GRAPH["document/" + doc_id]


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for query editors and named queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
