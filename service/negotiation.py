"""Content negotiation from two tables as data: result-set formats and graph formats.

A client chooses with the ``Accept`` header (q-values and wildcards, decided by
Werkzeug's ``accept_mimetypes``) or with a ``format`` parameter (a name such as
``csv`` or a media type).  What cannot be served is a 406 that lists what can.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from sgkg.ingest.errors import NotAcceptable


@dataclass(frozen=True)
class Format:
    """One serialisation: its short name, media types (first is canonical) and file extension."""

    name: str
    media_types: tuple[str, ...]
    extension: str
    aliases: tuple[str, ...] = ()

    @property
    def media_type(self) -> str:
        return self.media_types[0]

    @property
    def content_type(self) -> str:
        """The Content-Type header value (text formats say their charset)."""
        mt = self.media_type
        textual = mt.startswith("text/") or mt.endswith(("json", "xml", "trig", "n-triples", "n-quads"))
        return f"{mt}; charset=utf-8" if textual else mt

    def names(self) -> tuple[str, ...]:
        return (self.name, self.extension, *self.aliases, *self.media_types)


# SELECT / ASK results; the first is the default for */* and for no Accept at all.
RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", ("application/sparql-results+json", "application/json"), "srj"),
    Format("xml", ("application/sparql-results+xml", "application/xml", "text/xml"), "srx"),
    Format("csv", ("text/csv",), "csv"),
    Format("tsv", ("text/tab-separated-values",), "tsv"),
)

# CONSTRUCT / DESCRIBE results, graphs, service and dataset descriptions.
GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", ("text/turtle", "application/x-turtle"), "ttl"),
    Format("ntriples", ("application/n-triples", "text/plain"), "nt", ("n-triples",)),
    Format("jsonld", ("application/ld+json", "application/json"), "jsonld", ("json-ld", "json")),
    Format("rdfxml", ("application/rdf+xml", "application/xml", "text/xml"), "rdf", ("rdf-xml", "xml")),
    Format("trig", ("application/trig",), "trig"),
    Format("nquads", ("application/n-quads",), "nq", ("n-quads",)),
)

HTML = Format("html", ("text/html", "application/xhtml+xml"), "html")

# tables of the named-query surface (HTML first for browsers; JSON default for */*); SPARQL clients get
# SPARQL results
TABLE_FORMATS: tuple[Format, ...] = (
    Format("json", ("application/json",), "json"),
    HTML,
    Format("csv", ("text/csv",), "csv"),
    Format("tsv", ("text/tab-separated-values",), "tsv"),
    Format("sparql-json", ("application/sparql-results+json",), "srj"),
    Format("sparql-xml", ("application/sparql-results+xml",), "srx"),
)

BY_NAME: dict[str, Format] = {f.name: f for f in (*RESULT_FORMATS, *GRAPH_FORMATS, HTML)}


def supported(table: tuple[Format, ...]) -> str:
    return ", ".join(f"{f.name} ({f.media_type})" for f in table)


def choose(table: tuple[Format, ...], accept: MIMEAccept, fmt: str | None = None) -> Format:
    """The format of ``table`` the client asked for; raises NotAcceptable (406) otherwise."""
    found = find(table, accept, fmt)
    if found is None:
        asked = f"format={fmt!r}" if fmt else f"Accept: {accept.to_header() or '(none)'}"
        raise NotAcceptable(
            f"cannot serve {asked}; supported: {supported(table)}",
            hint="send a supported media type in Accept or a format parameter",
        )
    return found


def find(table: tuple[Format, ...], accept: MIMEAccept, fmt: str | None = None) -> Format | None:
    """Like `choose` but None when nothing fits."""
    if fmt:
        wanted = fmt.strip().lower()
        return next((f for f in table if wanted in f.names()), None)
    if not accept:
        return table[0]
    # canonical media types first, so that a wildcard picks text/csv rather than an alias like text/xml
    offered = [f.media_type for f in table] + [mt for f in table for mt in f.media_types[1:]]
    plain = without_parameters(accept)
    best = plain.best_match(offered)
    if best is None:
        return None
    best = _named_first(plain, offered, best)
    return next(f for f in table if best in f.media_types)


def _named_first(accept: MIMEAccept, offered: list[str], best: str) -> str:
    """Of the offers the client names outright with the quality of ``best``, the one it names first.

    Werkzeug breaks a tie by the server's order, so ``Accept: application/sparql-results+json,
    application/json`` (SPARQLWrapper's) would get whichever the table lists first."""
    quality = accept.quality(best)
    named = [value.lower() for value, q in accept if q == quality and value.lower() in offered]
    return named[0] if named else best


def without_parameters(accept: MIMEAccept) -> MIMEAccept:
    """``accept`` with media-type parameters dropped (``text/turtle; charset=utf-8``): Werkzeug matches
    an offer only when the parameters agree, and every format here is served, in UTF-8, without any."""
    return MIMEAccept([(value.split(";", 1)[0].strip(), quality) for value, quality in accept])


def prefers_html(accept: MIMEAccept) -> bool:
    """True when the client names HTML explicitly and likes it at least as much as JSON or RDF."""
    named = {value.lower() for value, quality in accept if quality > 0}
    if not named & set(HTML.media_types):
        return False
    best = accept.best_match(
        [
            *HTML.media_types,
            "application/json",
            "application/problem+json",
            "application/sparql-results+json",
            "text/turtle",
        ]
    )
    return best in HTML.media_types


@dataclass(frozen=True)
class QueryFormats:
    """The negotiated format for each kind of query result (names from the tables; None = not acceptable).

    The query form (SELECT/ASK or CONSTRUCT/DESCRIBE) is known only once the query is parsed, so
    both are chosen up front and the engine picks one.
    """

    results: str | None
    graph: str | None
    asked: str = ""

    def pick(self, kind: str) -> Format:
        """The format for a result of ``kind`` ("select", "ask" or "graph"); raises NotAcceptable."""
        graph = kind == "graph"
        name = self.graph if graph else self.results
        if name is None:
            table = GRAPH_FORMATS if graph else RESULT_FORMATS
            what = "an RDF graph (CONSTRUCT/DESCRIBE)" if graph else "a result set (SELECT/ASK)"
            raise NotAcceptable(
                f"the query returns {what}, but {self.asked or 'the request'} allows none of: {supported(table)}"
            )
        return BY_NAME[name]


def for_query(accept: MIMEAccept, fmt: str | None = None) -> QueryFormats:
    """Negotiate both result kinds; 406 at once when neither kind can be served."""
    results, graph = find(RESULT_FORMATS, accept, fmt), find(GRAPH_FORMATS, accept, fmt)
    asked = f"format={fmt!r}" if fmt else f"Accept: {accept.to_header() or '*/*'}"
    if results is None and graph is None:
        raise NotAcceptable(
            f"cannot serve {asked}; supported: {supported(RESULT_FORMATS)} for "
            f"SELECT/ASK, {supported(GRAPH_FORMATS)} for CONSTRUCT/DESCRIBE"
        )
    return QueryFormats(results and results.name, graph and graph.name, asked)


@functools.lru_cache(maxsize=256)
def for_query_header(accept_header: str, fmt: str | None = None) -> QueryFormats:
    """`for_query` for a raw ``Accept`` header, remembered: clients send the same few headers again and
    again, and matching them against both tables costs more than the rest of a cheap query's request."""
    return for_query(parse_accept_header(accept_header, MIMEAccept), fmt)
