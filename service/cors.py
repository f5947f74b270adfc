"""CORS for the read endpoints: origins from the setting ``cors_origins`` (comma-separated or *).

Credentials are never allowed (so ``*`` is safe); write endpoints get no CORS headers, so a
browser page on another origin cannot send them a token.  Preflight (OPTIONS with
Access-Control-Request-Method) is answered for GET and POST.
"""

from __future__ import annotations

from flask import Flask, Response, request

from sgkg.service.extensions import setting

READ_BLUEPRINTS = {"sparql", "queries", "pages", "void", "metrics"}
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
ALLOWED_HEADERS = "Accept, Content-Type"


def init_app(app: Flask) -> None:
    app.after_request(add_headers)


def allowed_origin(origin: str) -> str | None:
    configured = [o.strip() for o in str(setting("cors_origins")).split(",") if o.strip()]
    if "*" in configured:
        return "*"
    return origin if origin in configured else None


def add_headers(response: Response) -> Response:
    origin = request.headers.get("Origin")
    if not origin or request.blueprint not in READ_BLUEPRINTS:
        return response
    if request.method == "POST" and request.blueprint == "sparql" and _is_update():
        return response
    allow = allowed_origin(origin)
    response.vary.add("Origin")
    if allow is None:
        return response
    response.headers["Access-Control-Allow-Origin"] = allow
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response.headers["Access-Control-Max-Age"] = "600"
    return response


def _is_update() -> bool:
    return request.mimetype == "application/sparql-update" or "update" in request.form
