"""The SPARQL 1.1 Graph Store HTTP Protocol at /rdf-graph-store?graph=IRI (or ?default).

GET and HEAD read a graph; PUT replaces it, POST adds to it, DELETE drops it.  POST to the
graph store itself (neither ?graph nor ?default) creates a new graph under GRAPH and answers
201 with its IRI in Location.  POST also takes multipart/form-data, one RDF document per part.
Writes need the access token and pass the same shapes gate as every other write.
A write that would leave a named graph without triples (an empty PUT) is a 400: the store keeps
no empty named graphs, so one could not be read back; DELETE removes a graph.  PUT ?default with
an empty body empties the default graph, which GET ?default then returns (empty).
"""

from __future__ import annotations

import uuid

import pyoxigraph as ox
from flask import Response, request
from werkzeug.exceptions import UnsupportedMediaType

from sgkg.ingest.errors import GraphNotFound, RdfSyntaxError, UsageError
from sgkg.ingest.limits import check_xml_entities
from sgkg.ontology.namespaces import GRAPH
from sgkg.service import bodies, negotiation
from sgkg.service.auth import require_write_access
from sgkg.service.blueprints import blueprint
from sgkg.service.extensions import get_service, setting
from sgkg.service.serialize import graph_bytes
from sgkg.service.writes import gate

bp = blueprint("gsp", __name__)

MULTIPART = "multipart/form-data"

# request Content-Type -> parser (a graph; N-Quads/TriG are not graphs)
PARSERS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/n3": ox.RdfFormat.N3,
}


def target_graph() -> str | None:
    """The graph the request names: an IRI, or None for ?default."""
    if "default" in request.args and "graph" not in request.args:
        return None
    graph = request.args.get("graph")
    if not graph:
        raise UsageError("name a graph with ?graph=IRI or ?default", hint="e.g. /rdf-graph-store?graph=https://...")
    try:
        return ox.NamedNode(graph).value
    except ValueError as exc:
        raise UsageError(f"graph={graph!r} is not an absolute IRI: {exc}") from None


def exists(graph: str | None) -> bool:
    return graph is None or get_service().store.has_graph(graph)


@bp.route("/rdf-graph-store", methods=["GET", "HEAD"])
def read():
    graph = target_graph()
    if not exists(graph):
        raise GraphNotFound(f"no graph {graph} in the store", where=graph)
    fmt = negotiation.choose(negotiation.GRAPH_FORMATS, request.accept_mimetypes, request.args.get("format"))
    body = graph_bytes(get_service().graph_contents(graph), fmt)
    return Response(body, content_type=fmt.content_type, headers={"Vary": "Accept"})


def names_the_store() -> bool:
    """True when the request IRI is the graph store itself (neither ?graph nor ?default)."""
    return "graph" not in request.args and "default" not in request.args


@bp.route("/rdf-graph-store", methods=["PUT", "POST"])
def write():
    require_write_access()
    creating = request.method == "POST" and names_the_store()
    graph = str(GRAPH[f"gsp/{uuid.uuid4().hex}"]) if creating else target_graph()
    new = parse_body()
    service = get_service()
    with service.queries.write_lock:
        created = not exists(graph)
        if request.method == "POST" and not created:
            new = list(dict.fromkeys(service.graph_contents(graph) + new))
        if graph is not None and not new:
            raise UsageError(
                f"{'the request body' if request.method == 'PUT' else 'the graph'} has no triples; "
                "the store keeps no empty named graphs",
                where=graph,
                hint="send at least one triple, or DELETE the graph to remove it",
            )
        gate({graph: new})
        service.commit({graph: new})
    response = Response(status=201 if created else 204)
    if creating:
        response.headers["Location"] = graph
    return response


@bp.route("/rdf-graph-store", methods=["DELETE"])
def delete():
    require_write_access()
    graph = target_graph()
    service = get_service()
    with service.queries.write_lock:
        if not exists(graph):
            raise GraphNotFound(f"no graph {graph} in the store", where=graph)
        service.commit({graph: None})
    return Response(status=204)


def parse_body() -> list[ox.Triple]:
    """The triples of the request body; for multipart/form-data (POST), of every file part."""
    if request.method == "POST" and request.mimetype == MULTIPART:
        parts = list(request.files.items(multi=True))
        if not parts:
            raise UsageError(
                "the multipart/form-data body has no file parts",
                hint="send each RDF document as a file part with its Content-Type",
            )
        return [
            t
            for name, part in parts
            for t in parse_rdf(part.read(), part.mimetype, f"part {name!r}", part.mimetype_params.get("charset"))
        ]
    return parse_rdf(request.get_data(), request.mimetype, "the request body", request.mimetype_params.get("charset"))


def parse_rdf(data: bytes, media_type: str, where: str, charset: str | None = None) -> list[ox.Triple]:
    """The triples of one RDF document; a declared charset other than UTF-8 is decoded strictly (400 when the
    bytes are not in it) and handed to the parser as UTF-8, which the parser requires."""
    fmt = PARSERS.get(media_type)
    if fmt is None:
        raise UnsupportedMediaType(
            f"cannot read a graph sent as {media_type or 'no Content-Type'} ({where}); "
            "send one of " + ", ".join(PARSERS) + f" (POST also takes {MULTIPART})"
        )
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        data = bodies.decode(data, charset, where).encode("utf-8")
    if fmt == ox.RdfFormat.RDF_XML:  # the parser expands internal entities without a bound
        check_xml_entities(data, setting("max_literal_bytes"), setting("max_body"))
    try:
        return [q.triple for q in ox.parse(data, fmt, base_iri=request.base_url)]
    except SyntaxError as exc:
        raise RdfSyntaxError(f"{where} is not valid {fmt.name}: {exc}") from None
