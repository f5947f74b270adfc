"""The VoID description of the dataset at /.well-known/void and /void: the dataset, one
void:subset per named graph with its triple count, and the vocabularies used."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Response, request, url_for

from sgkg.ontology.namespaces import PREFIXES
from sgkg.service import negotiation
from sgkg.service.blueprints import blueprint
from sgkg.service.extensions import get_service
from sgkg.service.serialize import graph_bytes

bp = blueprint("void", __name__)

GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
PREDICATES = "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } }"
VOID = PREFIXES["void"]


@bp.get("/void")
@bp.get("/.well-known/void")
def void():
    fmt = negotiation.choose(negotiation.GRAPH_FORMATS, request.accept_mimetypes, request.args.get("format"))
    body = graph_bytes(
        describe_dataset(url_for("void.void", _external=True), url_for("sparql.endpoint", _external=True)), fmt
    )
    return Response(body, content_type=fmt.content_type, headers={"Vary": "Accept"})


def namespace_of(iri: str) -> str:
    """The vocabulary of a term: its IRI up to the last '#' or '/'."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def describe_dataset(void_url: str, endpoint_url: str) -> list[ox.Triple]:
    service = get_service()
    counts = [(row[0].value, int(row[1].value)) for row in service.read(GRAPH_COUNTS).rows]
    vocabularies = sorted({namespace_of(row[0].value) for row in service.read(PREDICATES).rows})

    def v(term: str) -> ox.NamedNode:
        return ox.NamedNode(VOID + term)

    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    dataset = ox.NamedNode(void_url + "#dataset")
    triples = [
        ox.Triple(dataset, rdf_type, v("Dataset")),
        ox.Triple(
            dataset,
            ox.NamedNode(PREFIXES["dcterms"] + "title"),
            ox.Literal("sgkg: English local strategic partnerships", language="en"),
        ),
        ox.Triple(dataset, v("sparqlEndpoint"), ox.NamedNode(endpoint_url)),
        ox.Triple(
            dataset,
            v("triples"),
            ox.Literal(str(sum(n for _, n in counts)), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer")),
        ),
    ]
    triples += [ox.Triple(dataset, v("vocabulary"), ox.NamedNode(ns)) for ns in vocabularies]
    for graph, n in counts:
        node = ox.NamedNode(graph)
        triples += [
            ox.Triple(dataset, v("subset"), node),
            ox.Triple(node, rdf_type, v("Dataset")),
            ox.Triple(node, v("triples"), ox.Literal(str(n), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))),
        ]
    return triples
