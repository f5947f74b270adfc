"""The error catalogue: every domain error has a stable code, says what went
wrong and where (file, node, setting), and what to do.  ``CATALOGUE`` is the
table, read from ``errors.tsv`` beside this module, one row an error class; a new error is one row there.

Library code raises these; the CLI turns them into one line and a non-zero
exit, the service into one problem-JSON / HTML shape with an HTTP status.
Non-conformance to the shapes is a *value* (a ValidationReport), not an error;
``ShapesViolation`` is raised only where a write is refused because of it.
"""

from __future__ import annotations

from importlib.resources import files

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


# The catalogue is data: ``errors.tsv`` beside this module, one row an error class, each after its parent (name,
# parent, code, HTTP status, title, what it is for).  ShapesViolation, which carries a report, is above.
COLUMNS = ("name", "parent", "code", "status", "title", "doc")
CatalogueRow = tuple[str, str, str, int, str, str]
CATALOGUE_FILE = "errors.tsv"


def read_catalogue(text: str, where: str = f"ingest/{CATALOGUE_FILE}") -> tuple[CatalogueRow, ...]:
    """The rows of a catalogue file: tab-separated cells under a header line of ``COLUMNS``, the status a whole
    number; blank lines and lines starting ``#`` are comments.  A malformed line raises ValueError naming it."""
    numbered = enumerate(text.splitlines(), 1)
    lines = [(n, line.split("\t")) for n, line in numbered if line.strip() and not line.startswith("#")]
    if not lines or lines[0][1] != list(COLUMNS):
        raise ValueError(f"{where}: the first row is the header {' '.join(COLUMNS)} (tab-separated)")
    rows: list[CatalogueRow] = []
    for n, cells in lines[1:]:
        if len(cells) != len(COLUMNS) or not cells[3].isdigit():
            raise ValueError(f"{where}:{n}: a row is {len(COLUMNS)} tab-separated cells, the status a whole number")
        name, parent, code, status, title, doc = cells
        rows.append((name, parent, code, int(status), title, doc))
    return tuple(rows)


CATALOGUE = read_catalogue(files("sgkg.ingest").joinpath(CATALOGUE_FILE).read_text(encoding="utf-8"))


def _classes(rows: tuple[CatalogueRow, ...]) -> dict[str, type[SgkgError]]:
    """The error classes by name: the two written out above, and one class a row of ``rows`` (ValueError for a
    row above its parent)."""
    classes: dict[str, type[SgkgError]] = {"SgkgError": SgkgError, "ShapesViolation": ShapesViolation}
    for name, parent, code, status, title, doc in rows:
        if parent not in classes:
            raise ValueError(f"ingest/{CATALOGUE_FILE}: {name} stands above its parent {parent} (or it has none)")
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
