"""One error shape: problem JSON for API clients, HTML for browsers; 500s logged, never relabelled."""

from __future__ import annotations

import logging

from sgkg.ingest.errors import GraphNotFound

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def test_unexpected_exception_is_500_logged_with_a_traceback(make_app, caplog):
    app = make_app()

    @app.get("/_boom")
    def boom():
        raise ZeroDivisionError("deliberate")

    with caplog.at_level(logging.ERROR):
        response = app.test_client().get("/_boom")
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert response.json["status"] == 500 and "ZeroDivisionError" in response.json["detail"]
    assert "deliberate" not in response.json["detail"]
    record = next(r for r in caplog.records if r.exc_info)
    assert record.exc_info[0] is ZeroDivisionError


def test_domain_errors_keep_their_status_and_code(make_app):
    app = make_app()

    @app.get("/_missing")
    def missing():
        raise GraphNotFound("no graph x", where="x", hint="try another")

    body = app.test_client().get("/_missing").json
    assert body["status"] == 404 and body["code"] == "SGKG303" and body["hint"] == "try another"
    assert body["type"].endswith("#SGKG303") and body["instance"] == "/_missing" and body["title"]


def test_browsers_get_an_html_error_page(make_app):
    client = make_app().test_client()
    response = client.get("/sparql", query_string={"query": "SELECT * {"}, headers=BROWSER)
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert b"Malformed query" in response.data and b"Line 1" in response.data
    response = client.get("/nowhere", headers=BROWSER)
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_method_not_allowed_keeps_the_allow_header(make_app):
    response = make_app().test_client().delete("/sparql")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]
