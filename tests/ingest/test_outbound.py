"""sgkg.ingest.outbound: every SERVICE and LOAD in a SPARQL text, its target resolved as the engine resolves it.

The spellings below were each seen to make pyoxigraph 0.5 send a request (a loopback listener
recorded it); the service-level tests (tests/service/test_outbound.py) send several of them to a
running server.
"""

from __future__ import annotations

import pytest

from sgkg.ingest.errors import OutboundRefused
from sgkg.ingest.outbound import Target, allow_list, is_allowed, outbound_targets, refuse_outbound

U = "http://127.0.0.1:9"


@pytest.mark.parametrize(
    "text, keyword, iri",
    [
        (f"SELECT * {{ SERVICE <{U}/a> {{ ?s ?p ?o }} }}", "SERVICE", f"{U}/a"),
        (f"SELECT * {{ SERVICE <{U}/\\u0061> {{ }} }}", "SERVICE", f"{U}/a"),
        (f"BASE <{U}/dir/> SELECT * {{ SERVICE <../a> {{ }} }}", "SERVICE", f"{U}/a"),
        (f"PREFIX ex: <{U}/> SELECT * {{ SERVICEex:a {{ }} }}", "SERVICE", f"{U}/a"),
        (f"BASE <{U}/> PREFIX ex: <dir/> SELECT * {{ SERVICE ex:a {{ }} }}", "SERVICE", f"{U}/dir/a"),
        (f"PREFIX : <{U}/> SELECT * {{ SERVICE silent:a {{ }} }}", "SERVICE", f"{U}/a"),
        (f"SELECT * {{ SERVICESILENT<{U}/a> {{ }} }}", "SERVICE", f"{U}/a"),
        (f"SELECT * {{ ?s ?p 1SERVICE <{U}/a> {{ }} }}", "SERVICE", f"{U}/a"),
        (f"SELECT * {{ ?s ?p falseSERVICE <{U}/a> {{ }} }}", "SERVICE", f"{U}/a"),
        (f"SELECT * {{ ?s ?p ?o # comment\rSERVICE <{U}/a> {{ }} }}", "SERVICE", f"{U}/a"),
        (f"SELECT * {{ SERVICE # comment\n <{U}/a> {{ }} }}", "SERVICE", f"{U}/a"),
        (f"PREFIX ex: <http://e/> SELECT * {{ ?s ex:a\\#b ?o . SERVICE <{U}/a> {{ }} }}", "SERVICE", f"{U}/a"),
        (f"SELECT * {{ ?s <http://e/\\u0041#b> ?o . SERVICE <{U}/a> {{ }} }}", "SERVICE", f"{U}/a"),
        (f"PREFIX ex: <http://other/> PREFIXex: <{U}/> SELECT * {{ SERVICE ex:a {{ }} }}", "SERVICE", f"{U}/a"),
        (f"CLEAR ALL;LOAD<{U}/a>", "LOAD", f"{U}/a"),
        (f"PREFIX ex: <{U}/> LOADex:a INTO GRAPH <http://g>", "LOAD", f"{U}/a"),
        (f"LOAD SILENT <{U}/a>", "LOAD", f"{U}/a"),
        ("LOAD <file:///etc/passwd>", "LOAD", "file:///etc/passwd"),
    ],
)
def test_targets_are_found_and_resolved(text, keyword, iri):
    assert [(t.keyword, t.iri) for t in outbound_targets(text)] == [(keyword, iri)]


def test_the_request_base_resolves_relative_targets():
    assert (
        outbound_targets("SELECT * { SERVICE <other> { } }", base_iri="http://host/sparql")[0].iri
        == "http://host/other"
    )
    assert outbound_targets("SELECT * { SERVICE <other> { } }")[0].iri is None  # no base: unreadable, refused


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { SERVICE ?x { } }",
        "SELECT * { SERVICE $x { } }",
        "SELECT * { SERVICE undeclared:x { } }",
        "SELECT * { SERVICE { } }",
    ],
)
def test_a_target_that_is_not_a_fixed_iri_has_none(text):
    assert outbound_targets(text)[0].iri is None


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?service ?load { ?service <http://e/load> 'SERVICE <http://x/>' } # LOAD <http://y/>",
        'SELECT * { ?s ?p """\nSERVICE <http://x/> {}\n""" }',
        "PREFIX download: <http://d/> PREFIX ex: <http://e/> SELECT * { ?s download:x ex:SERVICE . ?s ?p _:service }",
        'SELECT * { ?s ?p "x"@en-SERVICE ; <http://e/LOAD> ?load }',
        "SELECT * { ?s ?p ?o }",
    ],
)
def test_words_that_only_look_like_the_keywords_are_not_targets(text):
    assert outbound_targets(text) == []


def test_refusal_and_the_allow_list():
    text = f"SELECT * {{ SERVICE <{U}/sparql> {{ }} }}"
    with pytest.raises(OutboundRefused, match="outbound_allow is empty") as info:
        refuse_outbound(text, ())
    assert info.value.status == 400 and "SGKG_OUTBOUND_ALLOW" in info.value.hint
    refuse_outbound(text, allow_list(f"{U}/sparql"))
    refuse_outbound(text, allow_list(f"http://elsewhere/, {U}/"))
    with pytest.raises(OutboundRefused, match="does not name it"):
        refuse_outbound(text, allow_list(f"{U}/sparq"))  # no prefix match without a trailing /
    with pytest.raises(OutboundRefused, match="not a fixed IRI"):
        refuse_outbound("SELECT * { SERVICE ?x { } }", allow_list(f"{U}/"))


def test_a_virtuoso_pragma_is_refused_whatever_the_allow_list():
    for text in (
        'DEFINE get:soft "soft" SELECT * FROM <http://x/> { ?s ?p ?o }',
        'define input:grab-all "yes" SELECT * { ?s ?p ?o }',
    ):
        with pytest.raises(OutboundRefused, match="DEFINE pragma"):
            refuse_outbound(text, ("http://x/",))
    assert outbound_targets("SELECT ?define { ?define <http://e/define> 'define' }") == []


def test_only_http_endpoints_can_be_allowed():
    assert not is_allowed("file:///etc/passwd", ("file:///",))
    with pytest.raises(OutboundRefused, match="only http and https"):
        refuse_outbound("LOAD <file:///etc/passwd>", ("file:///",))


def test_allow_list_parsing():
    assert allow_list("") == () and allow_list(None) == ()
    assert allow_list(" http://a/sparql,http://b/ \n http://c/") == ("http://a/sparql", "http://b/", "http://c/")
    assert allow_list(["http://a/"]) == ("http://a/",)
    assert Target("SERVICE", None, "?x").iri is None
