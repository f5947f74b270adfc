"""Documentation of the ontology, generated from its Turtle (never written twice).

``describe()`` reads the package graph (``ontology.load()``) and returns
dataclasses for the service's ontology page: the classes and properties
defined in ``sgkg.ttl`` and every SKOS concept scheme, each with its label,
IRI, definition, comment and links.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from sgkg.ontology.namespaces import PREFIXES, SGKG

ONTOLOGY = URIRef(str(SGKG._NS).rstrip("#"))  # https://w3id.org/sgkg/def, the owl:Ontology of sgkg.ttl

PROPERTY_KINDS = {
    OWL.ObjectProperty: "object property",
    OWL.DatatypeProperty: "datatype property",
    OWL.AnnotationProperty: "annotation property",
}


@dataclass
class Term:
    iri: str
    curie: str  # "org:FormalOrganization"; the IRI when no prefix fits
    label: str | None = None


@dataclass
class ClassDoc:
    iri: str
    curie: str
    label: str
    definition: str | None
    comment: str | None
    superclasses: list[Term] = field(default_factory=list)


@dataclass
class PropertyDoc:
    iri: str
    curie: str
    label: str
    kind: str  # "object property" | "datatype property" | "annotation property"
    definition: str | None
    comment: str | None
    domain: list[Term] = field(default_factory=list)
    range: list[Term] = field(default_factory=list)
    superproperties: list[Term] = field(default_factory=list)


@dataclass
class ConceptDoc:
    iri: str
    notation: str  # the id at the end of the concept IRI
    label: str
    definition: str | None
    alt_labels: list[str] = field(default_factory=list)
    broader: list[Term] = field(default_factory=list)


@dataclass
class SchemeDoc:
    iri: str
    name: str  # "partnership-type"
    label: str
    definition: str | None
    concepts: list[ConceptDoc] = field(default_factory=list)


@dataclass
class OntologyDoc:
    iri: str
    title: str
    description: str | None
    version: str | None
    classes: list[ClassDoc]
    properties: list[PropertyDoc]
    schemes: list[SchemeDoc]


def curie(iri: str) -> str:
    """The prefixed form of an IRI where one of our prefixes fits."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _text(graph: Graph, node, *predicates) -> str | None:
    """The English (or untagged) value of the first predicate that has one."""
    for predicate in predicates:
        values = list(graph.objects(node, predicate))
        for value in values:
            if getattr(value, "language", None) in ("en", None):
                return str(value)
    return None


def _terms(graph: Graph, node, predicate) -> list[Term]:
    found = [o for o in graph.objects(node, predicate) if isinstance(o, URIRef)]
    return sorted(
        (Term(str(o), curie(str(o)), _text(graph, o, RDFS.label, SKOS.prefLabel)) for o in found), key=lambda t: t.curie
    )


def _ours(node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(SGKG._NS))


def _class_doc(graph: Graph, node: URIRef) -> ClassDoc:
    return ClassDoc(
        iri=str(node),
        curie=curie(str(node)),
        label=_text(graph, node, RDFS.label) or curie(str(node)),
        definition=_text(graph, node, SKOS.definition),
        comment=_text(graph, node, RDFS.comment),
        superclasses=_terms(graph, node, RDFS.subClassOf),
    )


def _property_doc(graph: Graph, node: URIRef, kind: str) -> PropertyDoc:
    return PropertyDoc(
        iri=str(node),
        curie=curie(str(node)),
        label=_text(graph, node, RDFS.label) or curie(str(node)),
        kind=kind,
        definition=_text(graph, node, SKOS.definition),
        comment=_text(graph, node, RDFS.comment),
        domain=_terms(graph, node, RDFS.domain),
        range=_terms(graph, node, RDFS.range),
        superproperties=_terms(graph, node, RDFS.subPropertyOf),
    )


def _scheme_doc(graph: Graph, scheme: URIRef) -> SchemeDoc:
    concepts = [
        ConceptDoc(
            iri=str(c),
            notation=str(c).rsplit("/", 1)[-1],
            label=_text(graph, c, SKOS.prefLabel) or str(c),
            definition=_text(graph, c, SKOS.definition),
            alt_labels=sorted(str(a) for a in graph.objects(c, SKOS.altLabel)),
            broader=_terms(graph, c, SKOS.broader),
        )
        for c in graph.subjects(SKOS.inScheme, scheme)
        if isinstance(c, URIRef)
    ]
    return SchemeDoc(
        iri=str(scheme),
        name=str(scheme).rsplit("/", 1)[-1],
        label=_text(graph, scheme, SKOS.prefLabel, DCTERMS.title) or str(scheme),
        definition=_text(graph, scheme, SKOS.definition, DCTERMS.description),
        concepts=sorted(concepts, key=lambda c: c.notation),
    )


def describe(graph: Graph | None = None) -> OntologyDoc:
    """Classes, properties and concept schemes of the ontology package (or of ``graph``)."""
    if graph is None:
        from sgkg.ontology import load

        graph = load()
    ontology = ONTOLOGY
    classes = [_class_doc(graph, c) for c in graph.subjects(RDF.type, OWL.Class) if _ours(c)]
    properties = [
        _property_doc(graph, p, kind)
        for rdf_type, kind in PROPERTY_KINDS.items()
        for p in graph.subjects(RDF.type, rdf_type)
        if _ours(p)
    ]
    schemes = [_scheme_doc(graph, s) for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef)]
    return OntologyDoc(
        iri=str(ontology),
        title=_text(graph, ontology, DCTERMS.title, RDFS.label) or "sgkg ontology",
        description=_text(graph, ontology, DCTERMS.description),
        version=_text(graph, ontology, OWL.versionInfo),
        classes=sorted(classes, key=lambda c: c.label.lower()),
        properties=sorted(properties, key=lambda p: p.label.lower()),
        schemes=sorted(schemes, key=lambda s: s.name),
    )
