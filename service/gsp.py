"""The SPARQL 1.1 Graph Store HTTP Protocol at /rdf-graph-store?graph=IRI (or ?default).

GET and HEAD read a graph; PUT replaces it, POST adds to it, DELETE drops it.  Writes need
the access token and pass the same shapes gate as every other write.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, request
from werkzeug.exceptions import UnsupportedMediaType

from ingest.errors import GraphNotFound, RdfSyntaxError, UsageError
from service import negotiation
from service.auth import require_write_access
from service.extensions import get_service
from service.serialize import graph_bytes
from service.writes import gate

bp = Blueprint("gsp", __name__)

# request Content-Type -> parser (a graph; N-Quads/TriG are not graphs)
PARSERS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
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


@bp.route("/rdf-graph-store", methods=["PUT", "POST"])
def write():
    require_write_access()
    graph, new = target_graph(), parse_body()
    service = get_service()
    with service.queries.write_lock:
        created = not exists(graph)
        if request.method == "POST" and not created:
            new = list(dict.fromkeys(service.graph_contents(graph) + new))
        gate({graph: new})
        service.commit({graph: new})
    return Response(status=201 if created else 204)


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
    fmt = PARSERS.get(request.mimetype)
    if fmt is None:
        raise UnsupportedMediaType(f"cannot read a graph sent as {request.mimetype or 'no Content-Type'}; "
                                   "send one of " + ", ".join(PARSERS))
    try:
        return [q.triple for q in ox.parse(request.get_data(), fmt, base_iri=request.base_url)]
    except SyntaxError as exc:
        raise RdfSyntaxError(f"the request body is not valid {fmt.name}: {exc}") from None
