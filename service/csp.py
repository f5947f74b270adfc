"""A Content-Security-Policy on every HTML page.

The pages load nothing but their own stylesheet and script (``/static/``), so the policy
allows only those: no inline script or style, no plugin, no frame, nothing from another
origin.  The editor fetches ``/sparql`` (``connect-src 'self'``); its examples and prefixes
travel in ``<script type="application/json">`` data blocks, which are never executed and so
need no exception.  A value that slipped past escaping could not run.
"""

from __future__ import annotations

from flask import Flask, Response

POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)


def init_app(app: Flask) -> None:
    app.after_request(add_policy)


def add_policy(response: Response) -> Response:
    """The policy on HTML responses (pages, the editor, error pages); other media types need none."""
    if response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = POLICY
    return response
