"""Content negotiation from the two format tables."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from sgkg.ingest.errors import NotAcceptable
from sgkg.service.negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose, for_query, prefers_html


def accept(header: str) -> MIMEAccept:
    return parse_accept_header(header, MIMEAccept)


@pytest.mark.parametrize(
    "header, fmt, expected",
    [
        ("", None, "json"),
        ("*/*", None, "json"),
        ("text/*", None, "csv"),
        ("text/csv;q=0.4, application/sparql-results+xml;q=0.8", None, "xml"),
        ("application/json", None, "json"),
        ("image/png", "tsv", "tsv"),
        ("", "text/tab-separated-values", "tsv"),
    ],
)
def test_result_formats(header, fmt, expected):
    assert choose(RESULT_FORMATS, accept(header), fmt).name == expected


def test_graph_formats_and_query_pairs():
    assert choose(GRAPH_FORMATS, accept("application/ld+json;q=0.9, text/turtle"), None).name == "turtle"
    pair = for_query(accept("text/turtle, application/sparql-results+json;q=0.5"))
    assert (pair.results, pair.graph) == ("json", "turtle")
    assert for_query(accept("text/turtle")).results is None
    with pytest.raises(NotAcceptable, match="SELECT/ASK"):
        for_query(accept("text/turtle")).pick("select")


def test_406_lists_what_is_supported():
    with pytest.raises(NotAcceptable) as info:
        for_query(accept("image/png"))
    assert info.value.status == 406 and "text/csv" in info.value.message and "text/turtle" in info.value.message
    with pytest.raises(NotAcceptable):
        choose(RESULT_FORMATS, accept(""), "pdf")


@pytest.mark.parametrize(
    "header, html",
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),
        ("*/*", False),
        ("", False),
        ("application/json", False),
        ("application/json, text/html;q=0.5", False),
    ],
)
def test_prefers_html(header, html):
    assert prefers_html(accept(header)) is html
