"""The error catalogue: every domain error has a stable code, says what went
wrong and where (file, node, setting), and what to do.  ``CATALOGUE`` is the
table, one row an error class; a new error is one row.

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
    head = flat[: limit + 1]
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


class ShapesViolation(SgkgError):
    """Data refused by a write because it does not conform to the shapes; ``report`` is the ValidationReport."""

    code, status, title = "SGKG200", 422, "Data does not conform to the shapes"

    def __init__(self, message: str, *, report=None, where: str | None = None, hint: str | None = None):
        super().__init__(message, where=where, hint=hint)
        self.report = report


# One row an error class, each after its parent: name, parent, code, HTTP status, title (a family's members
# share its title), what it is for (the class's docstring).  ShapesViolation, which carries a report, is above.
CATALOGUE: tuple[tuple[str, str, str, int, str, str], ...] = (
    # input documents
    ("DocumentError", "SgkgError", "SGKG100", 422, "Unreadable document", "A document that cannot be read."),
    ("EmptyDocument", "DocumentError", "SGKG101", 422, "Unreadable document", "A document or file with nothing in it."),
    ("UnknownFormat", "DocumentError", "SGKG102", 415, "Unreadable document", "A format no reader supports."),
    ("NoTextLayer", "DocumentError", "SGKG103", 422, "Unreadable document", "A PDF without text (scanned?)."),
    ("EncryptedDocument", "DocumentError", "SGKG104", 422, "Unreadable document", "A password-protected document."),
    ("CorruptDocument", "DocumentError", "SGKG105", 422, "Unreadable document", "A damaged or truncated file."),
    (
        "DocumentTooLarge",
        "DocumentError",
        "SGKG106",
        413,
        "Unreadable document",
        "A document over the setting max_document_bytes.",
    ),
    ("FetchFailed", "DocumentError", "SGKG107", 502, "Unreadable document", "A URL that could not be downloaded."),
    ("NothingFound", "DocumentError", "SGKG108", 422, "Unreadable document", "A document in which no fact was found."),
    ("UnknownArea", "DocumentError", "SGKG109", 400, "Unreadable document", "An area that cannot be told or found."),
    ("DocumentNotFound", "DocumentError", "SGKG110", 404, "Unreadable document", "A file that does not exist."),
    (
        "ParseTimeLimit",
        "DocumentError",
        "SGKG111",
        422,
        "Unreadable document",
        "Reading a PDF or DOCX outlived the setting max_parse_seconds.",
    ),
    (
        "ParseMemoryLimit",
        "DocumentError",
        "SGKG112",
        413,
        "Unreadable document",
        "Reading a PDF or DOCX needed more than the setting max_parse_memory.",
    ),
    (
        "FetchRefused",
        "FetchFailed",
        "SGKG120",
        400,
        "URL not allowed",
        "A URL whose host is loopback, private, link-local, numeric ... (setting fetch_allow_hosts).",
    ),
    # validation and store
    ("RdfSyntaxError", "SgkgError", "SGKG201", 400, "RDF syntax error", "RDF that cannot be parsed."),
    ("StoreError", "SgkgError", "SGKG300", 500, "Store error", "The store failed or answered wrongly."),
    ("StoreLocked", "StoreError", "SGKG301", 503, "Store error", "The store directory is in use by another process."),
    ("StoreUnavailable", "StoreError", "SGKG302", 503, "Store error", "The store cannot be opened or reached."),
    ("GraphNotFound", "StoreError", "SGKG303", 404, "Graph not found", "No such named graph in the store."),
    (
        "LiteralTooLarge",
        "SgkgError",
        "SGKG304",
        413,
        "Term too large to store",
        "A literal or IRI over the setting max_literal_bytes.",
    ),
    # queries
    ("QueryError", "SgkgError", "SGKG400", 400, "Malformed query", "A query or update that cannot be run as written."),
    ("UnknownQuery", "QueryError", "SGKG401", 404, "Unknown named query", "No named query of that name."),
    (
        "BadParameter",
        "QueryError",
        "SGKG402",
        400,
        "Bad query parameter",
        "A named query's parameter of the wrong form.",
    ),
    (
        "QueryTimeout",
        "SgkgError",
        "SGKG403",
        503,
        "Query time limit reached",
        "A query over the setting query_timeout.",
    ),
    ("TooManyRows", "SgkgError", "SGKG404", 503, "Result row limit reached", "A result over the setting max_rows."),
    ("QueryTooLarge", "QueryError", "SGKG410", 413, "Query text too large", "A text over the setting max_query_bytes."),
    (
        "QueryTooDeep",
        "QueryError",
        "SGKG411",
        400,
        "Query nested too deeply",
        "Brackets nested deeper than the setting max_query_depth.",
    ),
    (
        "QueryOutOfMemory",
        "SgkgError",
        "SGKG412",
        503,
        "Query memory limit reached",
        "A query that reached the setting query_worker_memory.",
    ),
    (
        "QueryWorkerFailed",
        "SgkgError",
        "SGKG413",
        503,
        "Query worker failed",
        "A query worker that ended unexpectedly.",
    ),
    (
        "OutboundRefused",
        "QueryError",
        "SGKG420",
        400,
        "Outbound request refused",
        "SERVICE or LOAD to an endpoint the setting outbound_allow does not name.",
    ),
    (
        "OutboundFailed",
        "SgkgError",
        "SGKG421",
        502,
        "Outbound request failed",
        "A SERVICE endpoint that outbound_allow names could not be queried (refused, unreachable, bad answer).",
    ),
    # HTTP
    ("NotAcceptable", "SgkgError", "SGKG500", 406, "Not acceptable", "No format the request accepts can be served."),
    (
        "Unauthorized",
        "SgkgError",
        "SGKG501",
        401,
        "Authorization required",
        "An operation that needs credentials (a bearer token).",
    ),
    ("Forbidden", "SgkgError", "SGKG502", 403, "Forbidden", "Credentials, or a request, refused."),
    ("WritesDisabled", "SgkgError", "SGKG503", 403, "Writes are disabled", "A write to a server without a token."),
    ("BodyTooLarge", "SgkgError", "SGKG504", 413, "Request body too large", "A body over the setting max_body."),
    ("UsageError", "SgkgError", "SGKG505", 400, "Bad request", "A request or command that asks for the impossible."),
)


def _classes(rows: tuple[tuple[str, str, str, int, str, str], ...]) -> dict[str, type[SgkgError]]:
    """The error classes by name: the two written out above, and one class a row of ``rows``."""
    classes: dict[str, type[SgkgError]] = {"SgkgError": SgkgError, "ShapesViolation": ShapesViolation}
    for name, parent, code, status, title, doc in rows:
        attrs = {
            "code": code,
            "status": status,
            "title": title,
            "__doc__": doc,
            "__module__": __name__,
            "__qualname__": name,
        }
        classes[name] = type(name, (classes[parent],), attrs)
    return classes


ERRORS = _classes(CATALOGUE)
globals().update(ERRORS)  # each class importable by its name: ``from ingest.errors import StoreLocked``
__all__ = ["EXCERPT_CHARS", "excerpt", "CATALOGUE", "ERRORS", *ERRORS]
