"""The error catalogue: every domain error has a stable code, says what went
wrong and where (file, node, setting), and what to do.

Library code raises these; the CLI turns them into one line and a non-zero
exit, the service into one problem-JSON / HTML shape with an HTTP status.
Non-conformance to the shapes is a *value* (a ValidationReport), not an error;
``ShapesViolation`` is raised only where a write is refused because of it.
"""

from __future__ import annotations

EXCERPT_CHARS = 200  # how much of another library's message an error quotes


def excerpt(text: object, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line, at most ``limit`` characters cut after a whole word (`` …`` marks the cut), for
    quoting another library's or server's message in one of ours.  Only a first word longer than the
    limit is cut inside itself."""
    flat = " ".join(str(text).split())
    if len(flat) <= limit:
        return flat
    head = flat[:limit + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else flat[:limit]
    return cut + " …"


class SgkgError(Exception):
    """Base of every domain error. ``code`` is stable; ``status`` is the HTTP status."""

    code = "SGKG000"
    status = 500
    title = "sgkg error"

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def one_line(self) -> str:
        parts = [f"{self.code}"]
        if self.where:
            parts.append(f"{self.where}:")
        parts.append(self.message)
        line = " ".join(parts)
        if self.hint:
            line += f" ({self.hint})"
        return line

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.one_line()


# --- input documents -------------------------------------------------------
class DocumentError(SgkgError):
    code, status, title = "SGKG100", 422, "Unreadable document"


class EmptyDocument(DocumentError):
    code = "SGKG101"


class UnknownFormat(DocumentError):
    code, status = "SGKG102", 415


class NoTextLayer(DocumentError):
    code = "SGKG103"


class EncryptedDocument(DocumentError):
    code = "SGKG104"


class CorruptDocument(DocumentError):
    code = "SGKG105"


class DocumentTooLarge(DocumentError):
    code, status = "SGKG106", 413


class FetchFailed(DocumentError):
    code, status = "SGKG107", 502


class NothingFound(DocumentError):
    code = "SGKG108"


class UnknownArea(DocumentError):
    code, status = "SGKG109", 400


class DocumentNotFound(DocumentError):
    code, status = "SGKG110", 404


class ParseTimeLimit(DocumentError):
    """Reading a PDF or DOCX outlived the setting max_parse_seconds."""

    code, status = "SGKG111", 422


class ParseMemoryLimit(DocumentError):
    """Reading a PDF or DOCX needed more than the setting max_parse_memory."""

    code, status = "SGKG112", 413


class FetchRefused(FetchFailed):
    """A URL whose host is loopback, private, link-local, numeric ... (setting fetch_allow_hosts)."""

    code, status, title = "SGKG120", 400, "URL not allowed"


# --- validation and store --------------------------------------------------
class ShapesViolation(SgkgError):
    code, status, title = "SGKG200", 422, "Data does not conform to the shapes"

    def __init__(self, message: str, *, report=None, where: str | None = None, hint: str | None = None):
        super().__init__(message, where=where, hint=hint)
        self.report = report


class RdfSyntaxError(SgkgError):
    code, status, title = "SGKG201", 400, "RDF syntax error"


class StoreError(SgkgError):
    code, status, title = "SGKG300", 500, "Store error"


class StoreLocked(StoreError):
    code, status = "SGKG301", 503


class StoreUnavailable(StoreError):
    code, status = "SGKG302", 503


class GraphNotFound(StoreError):
    code, status, title = "SGKG303", 404, "Graph not found"


class LiteralTooLarge(SgkgError):
    code, status, title = "SGKG304", 413, "Term too large to store"


# --- queries ----------------------------------------------------------------
class QueryError(SgkgError):
    code, status, title = "SGKG400", 400, "Malformed query"


class UnknownQuery(QueryError):
    code, status, title = "SGKG401", 404, "Unknown named query"


class BadParameter(QueryError):
    code, status, title = "SGKG402", 400, "Bad query parameter"


class QueryTimeout(SgkgError):
    code, status, title = "SGKG403", 503, "Query time limit reached"


class TooManyRows(SgkgError):
    code, status, title = "SGKG404", 503, "Result row limit reached"


class QueryTooLarge(QueryError):
    code, status, title = "SGKG410", 413, "Query text too large"


class QueryTooDeep(QueryError):
    code, status, title = "SGKG411", 400, "Query nested too deeply"


class QueryOutOfMemory(SgkgError):
    code, status, title = "SGKG412", 503, "Query memory limit reached"


class QueryWorkerFailed(SgkgError):
    code, status, title = "SGKG413", 503, "Query worker failed"


class OutboundRefused(QueryError):
    """SERVICE or LOAD to an endpoint the setting outbound_allow does not name."""

    code, status, title = "SGKG420", 400, "Outbound request refused"


class OutboundFailed(SgkgError):
    """A SERVICE endpoint that outbound_allow names could not be queried (refused, unreachable, bad answer)."""

    code, status, title = "SGKG421", 502, "Outbound request failed"


# --- HTTP -------------------------------------------------------------------
class NotAcceptable(SgkgError):
    code, status, title = "SGKG500", 406, "Not acceptable"


class Unauthorized(SgkgError):
    code, status, title = "SGKG501", 401, "Authorization required"


class Forbidden(SgkgError):
    code, status, title = "SGKG502", 403, "Forbidden"


class WritesDisabled(SgkgError):
    code, status, title = "SGKG503", 403, "Writes are disabled"


class BodyTooLarge(SgkgError):
    code, status, title = "SGKG504", 413, "Request body too large"


class UsageError(SgkgError):
    code, status, title = "SGKG505", 400, "Bad request"
