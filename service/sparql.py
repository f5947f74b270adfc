"""The SPARQL 1.1 Protocol endpoint at /sparql: query, update and the service description.

Queries by GET, POST form-encoded or POST application/sparql-query; default-graph-uri and
named-graph-uri honoured.  Without them the default graph is the union of all graphs
(said in the service description as sd:UnionDefaultGraph).  Updates by POST (form field
``update`` or application/sparql-update) need the access token and pass the shapes gate;
using-graph-uri and using-named-graph-uri set the dataset of their WHERE (`service.update_dataset`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import Response, jsonify, redirect, request, url_for
from werkzeug.exceptions import UnsupportedMediaType

from sgkg.ingest.errors import UsageError
from sgkg.ontology.namespaces import PREFIXES, SD
from sgkg.service import bodies, negotiation, update_dataset, writes
from sgkg.service.auth import require_write_access
from sgkg.service.blueprints import blueprint
from sgkg.service.extensions import get_service, setting
from sgkg.service.serialize import RDF_FORMATS, graph_bytes

bp = blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
QUERY_MEDIA = "application/sparql-query"
UPDATE_MEDIA = "application/sparql-update"
RESULT_FORMAT_IRIS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


@dataclass
class Operation:
    """One protocol request, parsed."""

    query: str | None = None
    update: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    using_graphs: list[str] = field(default_factory=list)  # using-graph-uri (updates)
    using_named_graphs: list[str] = field(default_factory=list)  # using-named-graph-uri (updates)
    format: str | None = None  # the format parameter (the query string's, else the form's)


def parse_operation() -> Operation:
    params = in_url = bodies.strict_params(request.query_string, "the query string")
    if request.method == "GET":
        if "update" in params:
            raise UsageError("SPARQL Update must be sent by POST", hint="POST update=... or application/sparql-update")
        texts, kind = params.getlist("query"), "query"
    elif request.mimetype == FORM:
        params = bodies.strict_params(request.get_data(), "the form body")
        if "query" in params and "update" in params:
            raise UsageError("a request carries either a query or an update, not both")
        kind = "update" if "update" in params else "query"
        texts = params.getlist(kind)
        if not texts:
            raise UsageError("the form has neither a query nor an update field")
    elif request.mimetype in (QUERY_MEDIA, UPDATE_MEDIA):
        kind = "query" if request.mimetype == QUERY_MEDIA else "update"
        charset = request.mimetype_params.get("charset", "utf-8")
        if charset.lower() not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(f"the protocol sends {request.mimetype} in UTF-8 (got charset={charset})")
        texts = [bodies.decode(request.get_data(), "utf-8", f"the {request.mimetype} body")]
    else:
        raise UnsupportedMediaType(
            f"POST a query as {FORM} or {QUERY_MEDIA}, an update as {FORM} or "
            f"{UPDATE_MEDIA} (got {request.mimetype or 'no Content-Type'})"
        )
    if len(texts) > 1:
        raise UsageError(f"the request has {len(texts)} {kind} parameters; send exactly one")
    op = Operation(
        default_graphs=params.getlist("default-graph-uri"),
        named_graphs=params.getlist("named-graph-uri"),
        using_graphs=params.getlist("using-graph-uri"),
        using_named_graphs=params.getlist("using-named-graph-uri"),
        format=in_url.get("format", params.get("format")),  # as request.values would say, without parsing again
    )
    setattr(op, kind, texts[0] if texts else None)
    return op


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    op = parse_operation()
    if op.update is not None:
        require_write_access()
        # the service-defined base IRI of the protocol is the endpoint's own URL
        service, base_iri = get_service(), url_for("sparql.endpoint", _external=True)
        update = update_dataset.with_dataset(op.update, op.using_graphs, op.using_named_graphs, service.limits)
        service.check_outbound(update, base_iri)  # LOAD would make this server fetch the IRI
        changed = writes.apply_update(service, update, base_iri=base_iri)
        return jsonify({"status": "updated", "changed_graphs": changed})
    if op.query is None:
        return service_description()
    formats = negotiation.for_query_header(request.headers.get("Accept", ""), op.format)
    dataset = bool(op.default_graphs or op.named_graphs)
    ctype, stream = get_service().query(
        op.query,
        formats,
        default_graph=op.default_graphs if dataset else None,
        named_graphs=op.named_graphs if dataset else None,
        base_iri=url_for("sparql.endpoint", _external=True),
    )
    return Response(stream, content_type=ctype, headers={"Vary": "Accept"})


def service_description() -> Response:
    """The SPARQL Service Description (RDF by conneg); browsers go to the query page."""
    if negotiation.prefers_html(request.accept_mimetypes) and not request.args.get("format"):
        return redirect("/query", code=303)
    fmt = negotiation.choose(negotiation.GRAPH_FORMATS, request.accept_mimetypes, request.args.get("format"))
    endpoint_url = url_for("sparql.endpoint", _external=True)
    body = graph_bytes(describe_service(endpoint_url, bool(setting("access_token"))), fmt)
    return Response(body, content_type=fmt.content_type, headers={"Vary": "Accept"})


def describe_service(endpoint_url: str, writable: bool) -> list[ox.Triple]:
    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    service, dataset = ox.NamedNode(endpoint_url), ox.NamedNode(endpoint_url + "#dataset")
    default_graph = ox.NamedNode(endpoint_url + "#default-graph")

    def sd(term: str) -> ox.NamedNode:
        return ox.NamedNode(str(SD[term]))

    languages = [sd("SPARQL11Query")] + ([sd("SPARQL11Update")] if writable else [])
    formats = [f.iri for f in RESULT_FORMAT_IRIS.values()] + [f.iri for f in RDF_FORMATS.values()]
    triples = [
        ox.Triple(service, rdf_type, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(
            service, ox.NamedNode(PREFIXES["rdfs"] + "seeAlso"), ox.NamedNode(url_for("void.void", _external=True))
        ),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, rdf_type, sd("Graph")),
        ox.Triple(
            default_graph,
            ox.NamedNode(PREFIXES["dcterms"] + "description"),
            ox.Literal(
                "The default graph is the union of all graphs of the store, unless the request names its own "
                "dataset (default-graph-uri / named-graph-uri, or FROM / FROM NAMED in the query). A fact stated "
                "in several graphs appears once per graph: use DISTINCT."
            ),
        ),
    ]
    triples += [ox.Triple(service, sd("supportedLanguage"), lang) for lang in languages]
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(iri)) for iri in formats]
    for name in get_service().store.graph_names():
        node = ox.NamedNode(name)
        triples += [
            ox.Triple(dataset, sd("namedGraph"), node),
            ox.Triple(node, rdf_type, sd("NamedGraph")),
            ox.Triple(node, sd("name"), node),
        ]
    return triples
