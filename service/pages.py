"""Linked-data pages: every IRI we mint dereferences.

GET /id/<path> describes https://w3id.org/sgkg/id/<path> (likewise /vocab/ and /graph/);
GET /resource?iri=... any IRI in the store.  Browsers get HTML (label, types, every property
with links, incoming links, and the evidence quotes with their source documents); machines
get Turtle, JSON-LD, N-Triples ... by content negotiation.  Nothing known: 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import Response, render_template, request
from werkzeug.exceptions import NotFound

from sgkg.ingest.errors import UsageError
from sgkg.ontology.namespaces import GRAPH, ID, PREFIXES, VOCAB, sparql_prefixes
from sgkg.service import negotiation
from sgkg.service.blueprints import blueprint
from sgkg.service.extensions import get_service
from sgkg.service.serialize import graph_bytes

bp = blueprint("pages", __name__)

PAGE_FORMATS = (negotiation.HTML, *negotiation.GRAPH_FORMATS)
LABELS = "rdfs:label|skos:prefLabel|foaf:name|dcterms:title"
LABEL_PROPERTIES = [
    PREFIXES["rdfs"] + "label",
    PREFIXES["skos"] + "prefLabel",
    PREFIXES["foaf"] + "name",
    PREFIXES["dcterms"] + "title",
]
RDF_TYPE = PREFIXES["rdf"] + "type"
LOCAL = ((str(ID), "/id/"), (str(VOCAB), "/vocab/"), (str(GRAPH), "/graph/"))

OUTGOING = (
    sparql_prefixes()
    + f"""SELECT ?this ?p ?o (SAMPLE(?l) AS ?label) WHERE {{
  ?this ?p ?o . OPTIONAL {{ ?o {LABELS} ?l }} }} GROUP BY ?this ?p ?o ORDER BY ?p ?o"""
)
INCOMING = (
    sparql_prefixes()
    + f"""SELECT ?this ?s ?p (SAMPLE(?l) AS ?label) WHERE {{
  ?s ?p ?this . FILTER NOT EXISTS {{ ?s a sgkg:Evidence }} OPTIONAL {{ ?s {LABELS} ?l }}
}} GROUP BY ?this ?s ?p ORDER BY ?p ?s LIMIT 1000"""
)
EVIDENCE = (
    sparql_prefixes()
    + """SELECT DISTINCT ?this ?p ?o ?quote ?doc ?title ?rule WHERE {
  ?ev a sgkg:Evidence ; rdf:subject ?this ; rdf:predicate ?p ; rdf:object ?o ; prov:value ?quote .
  OPTIONAL { ?ev prov:wasQuotedFrom ?doc OPTIONAL { ?doc dcterms:title ?title } }
  OPTIONAL { ?ev sgkg:rule ?rule }
} ORDER BY ?doc ?p ?quote LIMIT 1000"""
)
TRIPLES = """CONSTRUCT { ?this ?p ?o . ?s ?q ?this } WHERE { { ?this ?p ?o } UNION { ?s ?q ?this } }"""


@dataclass
class Page:
    iri: str
    outgoing: list[tuple] = field(default_factory=list)  # (p, o, label)
    incoming: list[tuple] = field(default_factory=list)  # (s, p, label)
    evidence: list[tuple] = field(default_factory=list)  # (p, o, quote, doc, title, rule)
    graph_size: int | None = None

    @property
    def label(self) -> str:
        for p, o, _ in self.outgoing:
            if p.value in LABEL_PROPERTIES and isinstance(o, ox.Literal):
                return o.value
        return self.iri

    @property
    def types(self) -> list:
        return [o for p, o, _ in self.outgoing if p.value == RDF_TYPE]


def page_href(iri: str) -> str | None:
    """Our IRIs link to their pages here; any other http(s) IRI links to itself; an IRI of any other
    scheme (``javascript:``, ``data:``, ``file:`` ...) is no link at all (None): it is shown as text."""
    for base, path in LOCAL:
        if iri.startswith(base):
            return path + iri[len(base) :]
    return iri if iri.lower().startswith(("http://", "https://")) else None


@bp.app_template_filter("page_href")
def _page_href_filter(iri) -> str | None:
    return page_href(iri.value if isinstance(iri, ox.NamedNode) else str(iri))


@bp.get("/id/<path:path>")
def data_page(path: str):
    return respond(str(ID) + path)


@bp.get("/vocab/<path:path>")
def vocab_page(path: str):
    return respond(str(VOCAB) + path)


@bp.get("/graph/<path:path>")
def graph_page(path: str):
    return respond(str(GRAPH) + path)


@bp.get("/resource")
def resource_page():
    iri = request.args.get("iri", "")
    try:
        return respond(ox.NamedNode(iri).value)
    except ValueError as exc:
        raise UsageError(f"iri={iri!r} is not an absolute IRI: {exc}", hint="e.g. /resource?iri=https://...") from None


def respond(iri: str) -> Response:
    fmt = negotiation.choose(PAGE_FORMATS, request.accept_mimetypes, request.args.get("format"))
    try:
        this = {"this": ox.NamedNode(iri)}
    except ValueError:  # /id/%3Cscript%3E: no such IRI can be stored, so nothing is known about it
        raise NotFound(f"nothing is known about {iri!r}: it is not a valid IRI") from None
    service = get_service()
    is_graph = service.store.has_graph(iri)
    if fmt.name != "html":
        result = service.read(TRIPLES, bindings=this)
        triples = list(dict.fromkeys(result.triples))
        if is_graph and not triples:
            triples = service.graph_contents(iri)
        if not triples:
            raise NotFound(f"nothing is known about <{iri}>")
        return Response(graph_bytes(triples, fmt), content_type=fmt.content_type, headers={"Vary": "Accept"})

    def rows(query: str) -> list[tuple]:  # the engine needs ?this projected to bind it; drop it here
        return [row[1:] for row in service.read(query, bindings=this).rows]

    page = Page(iri, rows(OUTGOING), rows(INCOMING), rows(EVIDENCE), service.store.count(iri) if is_graph else None)
    if not (page.outgoing or page.incoming or is_graph):
        raise NotFound(f"nothing is known about <{iri}>")
    return Response(
        render_template("pages/resource.html", page=page),
        content_type="text/html; charset=utf-8",
        headers={"Vary": "Accept"},
    )
