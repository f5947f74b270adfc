"""Named queries over HTTP: GET /queries lists them, GET /queries/NAME?param=... runs one.

Parameters are bound by the engine (`service.named_queries.run_named_query`); results are
HTML, JSON, CSV or TSV, or SPARQL results in JSON or XML for SPARQL clients, by content negotiation
or ``?format=``.
"""

from __future__ import annotations

from flask import Response, jsonify, render_template, request, url_for

from sgkg.ingest.errors import UnknownQuery
from sgkg.service import negotiation
from sgkg.service.blueprints import blueprint
from sgkg.service.extensions import get_service, setting
from sgkg.service.named_queries import NamedQuery, format_table, load_named_queries, run_named_query

bp = blueprint("queries", __name__)

LIST_FORMATS = (negotiation.TABLE_FORMATS[0], negotiation.HTML)


def describe(query: NamedQuery) -> dict:
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "url": url_for("queries.run", name=query.name, _external=True),
        "params": [vars(p) for p in query.params],
    }


@bp.get("/queries")
def index():
    fmt = negotiation.choose(LIST_FORMATS, request.accept_mimetypes, request.args.get("format"))
    found = load_named_queries()
    if fmt.name == "html":
        return render_template("queries/index.html", queries=found.values())
    return jsonify({"queries": [describe(q) for q in found.values()]})


@bp.get("/queries/<name>")
def run(name: str):
    fmt = negotiation.choose(negotiation.TABLE_FORMATS, request.accept_mimetypes, request.args.get("format"))
    query = load_named_queries().get(name)
    if query is None:
        raise UnknownQuery(f"no named query {name!r}", hint="GET /queries lists them")
    params = {k: v for k, v in request.args.items() if k != "format"}
    table = run_named_query(get_service().synced, query, params, max_rows=setting("max_rows"))
    if fmt.name == "html":
        return render_template("queries/run.html", query=query, params=params, table=table)
    return Response(format_table(table, fmt.name), content_type=fmt.content_type, headers={"Vary": "Accept"})
