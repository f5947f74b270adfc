"""CORS on read endpoints, /healthz and /metrics."""

from __future__ import annotations

import requests

ORIGIN = {"Origin": "https://notebook.example"}


def test_cors_on_queries_with_star_and_no_credentials(live):
    response = requests.get(live.sparql, params={"query": "ASK {}"}, headers=ORIGIN)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_preflight(live):
    response = requests.options(
        live.sparql,
        headers={**ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
    )
    assert response.status_code in (200, 204)
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]
    assert "Authorization" not in response.headers["Access-Control-Allow-Headers"]


def test_no_cors_on_write_endpoints(live):
    response = requests.delete(
        live.url + "/rdf-graph-store", params={"graph": "http://example.org/none"}, headers={**ORIGIN, **live.auth()}
    )
    assert "Access-Control-Allow-Origin" not in response.headers


def test_configured_origins(make_app):
    client = make_app(cors_origins="https://a.example, https://b.example").test_client()
    allowed = client.get("/void", headers={"Origin": "https://b.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://b.example"
    assert "Origin" in allowed.headers["Vary"]
    assert "Access-Control-Allow-Origin" not in client.get("/void", headers={"Origin": "https://c.example"}).headers


def test_healthz_and_metrics(live):
    health = requests.get(live.url + "/healthz").json()
    assert health["status"] == "ok" and health["query_workers"] == 2
    requests.get(live.sparql, params={"query": "ASK {}"})
    text = requests.get(live.url + "/metrics").text
    assert "sgkg_queries_total" in text and 'sgkg_query_latency_seconds_bucket{le="+Inf"}' in text
    data = requests.get(live.url + "/metrics", params={"format": "json"}).json()
    assert data["queries_total"] >= 1 and data["query_latency_seconds_count"] >= 1
    assert {"errors_total", "query_timeouts_total", "query_latency_seconds_sum"} <= set(data)


def test_void_lists_every_graph_with_its_triples(live):
    import pyoxigraph as ox

    body = requests.get(live.url + "/.well-known/void", headers={"Accept": "text/turtle"}).content
    triples = [q.triple for q in ox.parse(body, ox.RdfFormat.TURTLE)]
    void = "http://rdfs.org/ns/void#"
    subsets = {t.object.value for t in triples if t.predicate.value == void + "subset"}
    assert {"http://example.org/graph-a", "https://w3id.org/sgkg/graph/reference"} <= subsets
    counts = {t.subject.value: int(t.object.value) for t in triples if t.predicate.value == void + "triples"}
    assert counts["http://example.org/graph-b"] == 2
    assert any(t.predicate.value == void + "vocabulary" for t in triples)
