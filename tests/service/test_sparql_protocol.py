"""The SPARQL 1.1 Protocol at /sparql, against a real `sgkg serve`, with raw HTTP and SPARQLWrapper."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
import requests
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from tests.service.conftest import EX

COUNT_KNOWS = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}knows> ?o }}"
KNOWS = f"SELECT ?s ?o WHERE {{ ?s <{EX}knows> ?o }} ORDER BY ?s ?o"
CONSTRUCT = f"CONSTRUCT {{ ?s <{EX}knows> ?o }} WHERE {{ ?s <{EX}knows> ?o }}"


def count(response: requests.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_and_post_query_agree(live):
    # the union default graph counts a triple stated in two graphs twice (see PITFALLS)
    assert count(requests.get(live.sparql, params={"query": COUNT_KNOWS})) == 3
    assert count(requests.post(live.sparql, data={"query": COUNT_KNOWS})) == 3
    assert (
        count(
            requests.post(live.sparql, data=COUNT_KNOWS.encode(), headers={"Content-Type": "application/sparql-query"})
        )
        == 3
    )


def test_the_format_parameter_of_a_post_in_the_form_or_in_the_url(live):
    """format= counts in a form body and in the URL of any POST; the URL's wins over the form's."""
    form = {"query": KNOWS, "format": "csv"}
    assert requests.post(live.sparql, data=form).headers["Content-Type"].startswith("text/csv")
    in_url = requests.post(f"{live.sparql}?format=tsv", data=form)
    assert in_url.headers["Content-Type"].startswith("text/tab-separated-values")
    direct = requests.post(
        f"{live.sparql}?format=xml", data=KNOWS.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert direct.status_code == 200 and direct.headers["Content-Type"].startswith("application/sparql-results+xml")
    assert requests.post(live.sparql, data={"query": KNOWS, "format": "pdf"}).status_code == 406


@pytest.mark.parametrize(
    "fmt, media",
    [
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
    ],
)
def test_select_in_every_result_format(live, fmt, media):
    by_accept = requests.get(live.sparql, params={"query": KNOWS}, headers={"Accept": media})
    by_param = requests.get(live.sparql, params={"query": KNOWS, "format": fmt})
    for response in (by_accept, by_param):
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith(media)
        if fmt == "csv":  # lossy by design; pyoxigraph does not parse it back
            rows = [tuple(r) for r in csv.reader(io.StringIO(response.text))][1:]
        else:
            parsed = ox.parse_query_results(response.content, ox.QueryResultsFormat.from_media_type(media))
            rows = [(s["s"].value, s["o"].value) for s in parsed]
        assert rows == [(EX + "alice", EX + "bob")] * 2 + [(EX + "carol", EX + "dave")]


@pytest.mark.parametrize(
    "media",
    ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"],
)
def test_ask_in_every_result_format(live, media):
    response = requests.get(live.sparql, params={"query": f"ASK {{ <{EX}alice> ?p ?o }}"}, headers={"Accept": media})
    assert response.status_code == 200
    if media.endswith("json"):
        assert response.json()["boolean"] is True
    else:
        assert b"true" in response.content


@pytest.mark.parametrize(
    "media, fmt",
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/trig", ox.RdfFormat.TRIG),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
    ],
)
def test_construct_in_every_graph_format(live, media, fmt):
    response = requests.get(live.sparql, params={"query": CONSTRUCT}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(media)
    triples = {q.triple for q in ox.parse(response.content, fmt)}
    assert ox.Triple(ox.NamedNode(EX + "carol"), ox.NamedNode(EX + "knows"), ox.NamedNode(EX + "dave")) in triples


def test_describe(live):
    response = requests.get(live.sparql, params={"query": f"DESCRIBE <{EX}carol>"}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and b"dave" in response.content


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/*", "text/csv"),
        ("*/*", "application/sparql-results+json"),
        ("text/html, */*;q=0.1", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
    ],
)
def test_accept_q_values_and_wildcards(live, accept, expected):
    response = requests.get(live.sparql, params={"query": KNOWS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(expected)


def test_unsupported_accept_is_406_listing_the_supported_formats(live):
    response = requests.get(live.sparql, params={"query": KNOWS}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    problem = response.json()
    assert problem["status"] == 406 and "text/csv" in problem["detail"] and "text/turtle" in problem["detail"]
    # a graph format asked for a SELECT is refused too, not silently replaced
    response = requests.get(live.sparql, params={"query": KNOWS}, headers={"Accept": "text/turtle"})
    assert response.status_code == 406 and "application/sparql-results+json" in response.json()["detail"]
    assert requests.get(live.sparql, params={"query": KNOWS, "format": "pdf"}).status_code == 406


def test_dataset_from_the_protocol(live):
    only_a = requests.get(live.sparql, params={"query": COUNT_KNOWS, "default-graph-uri": EX + "graph-a"})
    assert count(only_a) == 1
    both = requests.get(
        live.sparql, params={"query": COUNT_KNOWS, "default-graph-uri": [EX + "graph-a", EX + "graph-b"]}
    )
    assert count(both) == 3
    named = requests.post(
        live.sparql,
        data={
            "query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            "named-graph-uri": EX + "graph-b",
        },
    )
    rows = named.json()["results"]["bindings"]
    assert [(r["g"]["value"], r["n"]["value"]) for r in rows] == [(EX + "graph-b", "2")]
    # with only named graphs given, the default graph is empty
    assert count(requests.get(live.sparql, params={"query": COUNT_KNOWS, "named-graph-uri": EX + "graph-b"})) == 0


def test_from_in_the_query_overrides_the_union_default(live):
    query = f"SELECT (COUNT(*) AS ?n) FROM <{EX}graph-b> WHERE {{ ?s <{EX}knows> ?o }}"
    assert count(requests.get(live.sparql, params={"query": query})) == 2


def test_sparqlwrapper_json_xml_csv_and_turtle(live):
    client = SPARQLWrapper(live.sparql)
    client.setQuery(KNOWS)
    client.setReturnFormat(JSON)
    assert len(client.query().convert()["results"]["bindings"]) == 3
    client.setReturnFormat(XML)
    assert len(client.query().convert().getElementsByTagName("result")) == 3
    client.setReturnFormat(CSV)
    assert len(list(csv.reader(io.StringIO(client.query().convert().decode())))) == 4
    client.setMethod("POST")
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    assert b"dave" in client.query().convert()


def test_service_description(live):
    response = requests.get(live.sparql, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    triples = {q.triple for q in ox.parse(response.content, ox.RdfFormat.TURTLE)}
    sd = "http://www.w3.org/ns/sparql-service-description#"
    service = ox.NamedNode(live.sparql)
    assert ox.Triple(service, ox.NamedNode(sd + "feature"), ox.NamedNode(sd + "UnionDefaultGraph")) in triples
    assert ox.Triple(service, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + "SPARQL11Update")) in triples
    names = {t.object.value for t in triples if t.predicate.value == sd + "name"}
    assert {EX + "graph-a", EX + "graph-b"} <= names
    jsonld = requests.get(live.sparql, params={"format": "jsonld"})
    assert jsonld.headers["Content-Type"].startswith("application/ld+json") and json.loads(jsonld.content)


def test_browsers_asking_for_the_endpoint_go_to_the_query_page(live):
    response = requests.get(
        live.sparql, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}, allow_redirects=False
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/query")


def test_malformed_query_is_400_with_the_parsers_position(live):
    response = requests.get(live.sparql, params={"query": "SELECT * WHERE { ?s ?p "})
    assert response.status_code == 400
    problem = response.json()
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert problem["code"] == "SGKG400" and problem["line"] == 1 and problem["column"] > 1
    assert "error at 1:" in problem["detail"]


@pytest.mark.parametrize(
    "kwargs, status",
    [
        ({"data": "SELECT * {}", "headers": {"Content-Type": "text/plain"}}, 415),
        ({"data": {"query": ["ASK {}", "ASK {}"]}}, 400),
        ({"data": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400),
        ({"data": {"neither": "query nor update"}}, 400),
    ],
)
def test_bad_protocol_requests(live, kwargs, status):
    response = requests.post(live.sparql, **kwargs)
    assert response.status_code == status, response.text
    assert response.json()["status"] == status


def test_update_by_get_is_refused(live):
    assert requests.get(live.sparql, params={"update": "CLEAR ALL"}).status_code == 400


def test_max_rows_names_its_setting(live):
    response = requests.get(live.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 503
    assert response.json()["code"] == "SGKG404" and "max_rows" in response.json()["detail"]
    assert requests.get(live.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2000"}).status_code == 200


def test_max_body_is_413_naming_its_setting(live):
    response = requests.post(live.sparql, data={"query": "ASK {}" + " " * 400_000})
    assert response.status_code == 413
    assert "max_body" in response.json()["detail"]


def test_unknown_path_is_a_404_problem(live):
    response = requests.get(live.url + "/no/such/thing")
    assert response.status_code == 404 and response.json()["status"] == 404


def test_large_results_stream_in_chunks(live):
    response = requests.get(
        live.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2000", "format": "tsv"}, stream=True
    )
    assert response.status_code == 200
    assert response.headers.get("Transfer-Encoding") == "chunked"
    assert sum(1 for _ in response.iter_lines()) == 2001
