"""What a stored IRI can do to a browser: only http(s) IRIs become links, every HTML page carries a
Content-Security-Policy that its own markup does not need to break, and an invalid IRI under
/id/ is a 404.  (The editor's results table is checked in a real browser, test_ui_browser.py.)"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from sgkg.ingest.store import OxigraphStore
from sgkg.service.csp import POLICY
from tests.service._ui_fixtures import fixture_store_dir, make_ui_app

HTML = {"Accept": "text/html"}
HOSTILE = "https://w3id.org/sgkg/id/test/hostile"
EX = "http://example.org/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PAGES = [
    "/",
    "/search?q=Hostile",
    "/area/Rutland",
    "/compare",
    "/compare?areas=Rutland,Halton",
    "/query",
    "/queries",
    "/queries/areas",
    "/ontology",
    "/id/test/hostile",
    "/id/nothing-known-here",
]


def _hostile_triples() -> list[ox.Triple]:
    n, lit = ox.NamedNode, ox.Literal
    return [
        ox.Triple(n(HOSTILE), n(RDFS_LABEL), lit("Hostile thing")),
        ox.Triple(n(HOSTILE), n(EX + "links-to"), n("javascript:alert(1)")),
        ox.Triple(n(HOSTILE), n(EX + "links-to"), n("data:text/html,hello")),
        ox.Triple(n(HOSTILE), n(EX + "links-to"), n("https://example.org/fine")),
        ox.Triple(n("javascript:alert(2)"), n(EX + "points-to"), n(HOSTILE)),
        ox.Triple(n("javascript:alert(3)"), n(RDFS_LABEL), lit("Hostile link in the search")),
    ]


@pytest.fixture(scope="module")
def ui(tmp_path_factory):
    path = fixture_store_dir(tmp_path_factory.mktemp("page-safety"))
    store = OxigraphStore.open(path)
    store.replace_graph("https://w3id.org/sgkg/graph/test/hostile", _hostile_triples())
    store.close()
    app = make_ui_app(path)
    yield app.test_client()
    app.extensions["sgkg"].close()


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_only_http_iris_become_links_on_a_linked_data_page(ui):
    html = ui.get("/id/test/hostile", headers=HTML).get_data(as_text=True)
    assert "javascript:alert(1)" in html and "data:text/html,hello" in html and "javascript:alert(2)" in html
    assert not [h for h in hrefs(html) if not h.startswith(("/", "?", "http://", "https://"))]
    assert 'href="https://example.org/fine"' in html


def test_search_hits_with_other_schemes_are_text(ui):
    html = ui.get("/search?q=Hostile", headers=HTML).get_data(as_text=True)
    assert "Hostile link in the search" in html and 'href="/id/test/hostile"' in html
    assert not [h for h in hrefs(html) if "javascript" in h]


@pytest.mark.parametrize("path", PAGES)
def test_every_html_page_sends_the_policy(ui, path):
    response = ui.get(path, headers=HTML)
    assert response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"] == POLICY


@pytest.mark.parametrize("path", PAGES)
def test_no_page_needs_what_the_policy_forbids(ui, path):
    html = ui.get(path, headers=HTML).get_data(as_text=True)
    for tag in re.findall(r"<script\b[^>]*>", html):  # only scripts from this origin, and data blocks
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=|<iframe\b|<object\b|<embed\b", html)
    loaded = re.findall(r'\ssrc="([^"]*)"', html) + re.findall(r'<link\b[^>]*\shref="([^"]*)"', html)
    assert all(url.startswith(("/", "?")) and not url.startswith("//") for url in loaded), loaded  # this origin only


def test_the_policy_is_strict():
    directives = dict(d.split(" ", 1) for d in POLICY.split("; "))
    assert directives["default-src"] == "'none'" and directives["script-src"] == "'self'"
    assert "unsafe" not in POLICY and directives["frame-ancestors"] == "'none'"


@pytest.mark.parametrize(
    "path",
    [
        "/id/%3Cscript%3E",
        "/id/%3Cscript%3Ealert(1)%3C/script%3E",
        "/id/a%20b",
        "/id/x%7By%7D",
        "/vocab/%3C",
        "/graph/a%22b",
    ],
)
def test_an_invalid_iri_under_our_paths_is_404(ui, path):
    page = ui.get(path, headers=HTML)
    assert page.status_code == 404 and "<script>" not in page.get_data(as_text=True)
    problem = ui.get(path, headers={"Accept": "text/turtle"})
    assert problem.status_code == 404 and problem.mimetype == "application/problem+json"
