"""Linked-data pages: HTML for browsers, RDF for machines, 404 when nothing is known."""

from __future__ import annotations

import pyoxigraph as ox
import requests

from tests.service.conftest import DOC_GRAPH, EX, PARTNERSHIP

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
PATH = PARTNERSHIP.removeprefix("https://w3id.org/sgkg")


def test_html_page_has_label_types_properties_incoming_and_evidence(live):
    response = requests.get(live.url + PATH, headers=BROWSER)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")
    html = response.text
    assert "<h1>Testshire Safeguarding Board</h1>" in html
    assert 'href="/id/area/E08000028"' in html  # our IRIs link to their pages
    assert "The Testshire Safeguarding Board serves Sandwell." in html  # the evidence quote
    assert 'href="/id/document/00000000000000aa"' in html and "Testshire Safeguarding Arrangements 2020" in html
    assert '<nav aria-label="Main">' in html and 'href="/compare"' in html


def test_incoming_links_on_the_area_page(live):
    html = requests.get(live.url + "/id/area/E08000028", headers=BROWSER).text
    assert "Sandwell" in html and 'href="' + PATH + '"' in html


def test_turtle_jsonld_and_ntriples_by_conneg(live):
    for media, fmt in (
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ):
        response = requests.get(live.url + PATH, headers={"Accept": media})
        assert response.status_code == 200 and response.headers["Content-Type"].startswith(media)
        subjects = {q.subject.value for q in ox.parse(response.content, fmt)}
        assert PARTNERSHIP in subjects


def test_unknown_iri_is_404_for_browsers_and_machines(live):
    assert requests.get(live.url + "/id/partnership/nowhere", headers=BROWSER).status_code == 404
    response = requests.get(live.url + "/id/partnership/nowhere", headers={"Accept": "text/turtle"})
    assert response.status_code == 404 and response.headers["Content-Type"].startswith("application/problem+json")
    assert "<!doctype html>" in requests.get(live.url + "/id/nowhere", headers=BROWSER).text


def test_resource_vocab_and_graph_pages(live):
    assert "Alice" in requests.get(live.url + "/resource", params={"iri": EX + "alice"}, headers=BROWSER).text
    assert requests.get(live.url + "/resource", params={"iri": "not an iri"}).status_code == 400
    vocab = requests.get(live.url + "/vocab/org-type/police-force", headers={"Accept": "text/turtle"})
    assert vocab.status_code == 200
    graph = requests.get(live.url + DOC_GRAPH.removeprefix("https://w3id.org/sgkg"), headers=BROWSER)
    assert graph.status_code == 200 and "named graph of" in graph.text
