"""One error renderer for every endpoint: problem JSON (RFC 9457) for API clients, an HTML page
for browsers.  Domain errors carry their catalogue status; malformed queries are 400 with the
parser's message and position; unexpected exceptions are logged with a traceback and are 500,
never relabelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from sgkg.ingest.errors import BodyTooLarge, QueryError, SgkgError, ShapesViolation, Unauthorized
from sgkg.ontology.namespaces import BASE
from sgkg.service.negotiation import prefers_html

PROBLEM_BASE = BASE + "errors#"
_POSITION = re.compile(r"error at (\d+):(\d+)")


@dataclass
class Problem:
    status: int
    title: str
    detail: str
    code: str
    extra: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "type": PROBLEM_BASE + self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
            "instance": request.path,
            **self.extra,
        }


def init_app(app: Flask) -> None:
    app.register_error_handler(SgkgError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def render(problem: Problem) -> Response:
    g.sgkg_problem_code = problem.code
    if prefers_html(request.accept_mimetypes):
        response = Response(
            render_template("errors/error.html", problem=problem, body=problem.as_json()),
            problem.status,
            mimetype="text/html",
        )
    else:
        response = jsonify(problem.as_json())
        response.status_code = problem.status
        response.mimetype = "application/problem+json"
    response.headers.update(problem.headers)
    response.headers["Vary"] = "Accept"
    return response


def problem_for(exc: SgkgError) -> Problem:
    detail = exc.one_line()
    extra: dict[str, Any] = {}
    if exc.hint:
        extra["hint"] = exc.hint
    if exc.where:
        extra["where"] = exc.where
    if isinstance(exc, QueryError) and (m := _POSITION.search(exc.message)):
        extra["line"], extra["column"] = int(m.group(1)), int(m.group(2))
    if isinstance(exc, ShapesViolation) and exc.report is not None:
        extra["report"] = exc.report.text
        extra["violations"] = [vars(r) for r in exc.report.results]
    headers = {"WWW-Authenticate": 'Bearer realm="sgkg"'} if isinstance(exc, Unauthorized) else {}
    if exc.status >= 500 and exc.status not in (502, 503):  # 502, 503: another server failed, or a limit
        current_app.logger.error("%s %s failed: %s", request.method, request.path, exc.one_line(), exc_info=exc)
        detail = f"{exc.code}: internal error ({type(exc).__name__}); the server log has the details"
    return Problem(exc.status, exc.title, detail, exc.code, extra, headers)


def _domain_error(exc: SgkgError) -> Response:
    return render(problem_for(exc))


def _http_error(exc: HTTPException) -> Response:
    if exc.code == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        return render(
            problem_for(
                BodyTooLarge(
                    f"the request body is larger than {limit} bytes (setting max_body)",
                    hint="send less, or raise --max-body / SGKG_MAX_BODY",
                )
            )
        )
    headers = {k: v for k, v in exc.get_headers() if k.lower() not in ("content-type", "content-length")}
    status = exc.code or 500
    return render(Problem(status, exc.name, exc.description or exc.name, f"HTTP{status}", headers=headers))


def _unexpected(exc: Exception) -> Response:
    current_app.logger.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.path, exc_info=exc)
    return render(
        Problem(
            500,
            "Internal server error",
            f"unexpected {type(exc).__name__}; the server log has the traceback",
            "SGKG000",
        )
    )
