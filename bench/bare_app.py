"""The floor of sgkg's own stack, for `bench/throughput.py`: a bare Flask app over an in-memory pyoxigraph store.

No limits, no time limit, no query pool, no negotiation: ``GET /sparql?query=...`` runs the query on
the union default graph and answers SPARQL JSON results.  Run under gunicorn (the benchmark starts
it with 2 workers), each worker loading the N-Quads dump named by ``BARE_DUMP`` into its own store:

    BARE_DUMP=bench/out/store-50.nq gunicorn -w 2 -k gthread --threads 8 'bench.bare_app:create_app()'
"""

from __future__ import annotations

import os

import pyoxigraph as ox
from flask import Flask, Response, request


def create_app(dump: str | None = None) -> Flask:
    store = ox.Store()
    store.load(path=dump or os.environ["BARE_DUMP"], format=ox.RdfFormat.N_QUADS)
    app = Flask(__name__)

    @app.get("/sparql")
    def sparql() -> Response:
        results = store.query(request.args["query"], use_default_graph_as_union=True)
        return Response(
            results.serialize(format=ox.QueryResultsFormat.JSON), content_type="application/sparql-results+json"
        )

    return app
