"""The sgkg HTTP service: a Flask app factory (no module-level app, store or pool).

Configuration is layered: the defaults of the settings table, then the instance
folder's ``config.py``, then ``SGKG_*`` environment variables, then ``test_config``
(which `sgkg serve` also uses for its command-line options).  Keys are the settings'
environment names (``SGKG_QUERY_TIMEOUT`` ...).
"""

from __future__ import annotations

import logging
import os
from typing import Any, Mapping

CORPUS = ("data", "corpus.trig")  # the bundled founding corpus, under this package (made by `sgkg corpus build`)


def create_app(test_config: Mapping[str, Any] | None = None):
    from flask import Flask

    from sgkg.ingest.settings import SETTINGS, as_config
    from sgkg.service import blueprints
    from sgkg.service.bodies import BoundedRequest

    app = Flask(
        __name__, instance_relative_config=True, root_path=blueprints.ROOT, instance_path=blueprints.instance_path()
    )
    app.request_class = BoundedRequest  # max_body on chunked bodies too
    app.config.from_mapping(as_config({}))
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping({s.env: s.value() for s in SETTINGS if os.environ.get(s.env)})
    if test_config:
        app.config.from_mapping(test_config)
    app.config["MAX_CONTENT_LENGTH"] = app.config["SGKG_MAX_BODY"]
    app.json.sort_keys = False
    logging.getLogger("service").setLevel(str(app.config["SGKG_LOG_LEVEL"]).upper())
    logging.getLogger("ingest").setLevel(str(app.config["SGKG_LOG_LEVEL"]).upper())
    _register(app)
    return app


def _register(app) -> None:
    from sgkg.service import cors, csp, errors, extensions, gsp, metrics, pages, queries_http, sparql, ui, upload, void

    errors.init_app(app)
    metrics.init_app(app)
    cors.init_app(app)
    csp.init_app(app)
    for bp in (sparql.bp, gsp.bp, upload.bp, void.bp, pages.bp, queries_http.bp, ui.bp):
        app.register_blueprint(bp)
    extensions.init_app(app)
