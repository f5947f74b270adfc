"""Write access: SPARQL Update, the Graph Store Protocol and HTTP ingestion need the bearer token
(setting ``access_token``); without a configured token the server is read-only."""

from __future__ import annotations

import hmac

from flask import request

from sgkg.ingest.errors import Forbidden, Unauthorized, WritesDisabled
from sgkg.service.extensions import setting


def require_write_access() -> None:
    """Raise WritesDisabled (403), Unauthorized (401) or Forbidden (403) unless the request may write."""
    token = str(setting("access_token") or "")
    if not token:
        raise WritesDisabled(
            "writes are disabled: the server was started without an access token (setting access_token)",
            hint="restart with --access-token TOKEN or SGKG_ACCESS_TOKEN",
        )
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized(
            "this operation needs the header Authorization: Bearer TOKEN",
            hint="send the access token the server was started with",
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Forbidden("the access token is not the one this server was started with")
