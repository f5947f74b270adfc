"""SERVICE and LOAD are refused (400) unless the setting outbound_allow names the endpoint.

A real listener on the loopback interface records every request it receives; a refused query
must leave it empty.  The refusals run against `sgkg serve` with its query workers (the
engine that would send the request), the allowed cases on in-process apps, one of them over
a remote store (the listener standing in for it).
"""

from __future__ import annotations

import pytest
import requests

from sgkg.ingest.errors import OutboundRefused
from tests.listener import start_listener
from tests.service.conftest import EX


@pytest.fixture
def listener():
    server = start_listener()
    yield server
    server.close()


def refused(response, keyword: str = "SERVICE") -> dict:
    assert response.status_code == 400, response.text
    assert response.headers["Content-Type"].startswith("application/problem+json")
    problem = response.json() if callable(response.json) else response.json  # requests or Flask's test client
    assert problem["code"] == "SGKG420" and problem["detail"].startswith(f"SGKG420 {keyword}")
    return problem


def test_service_is_refused_for_an_anonymous_query_by_get_and_post(live, listener):
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
    problem = refused(requests.get(live.sparql, params={"query": query}))
    assert f"<{listener.url}/sparql>" in problem["detail"] and "outbound_allow is empty" in problem["detail"]
    assert "SGKG_OUTBOUND_ALLOW" in problem["hint"]
    refused(requests.post(live.sparql, data={"query": query}))
    refused(requests.post(live.sparql, data=query.encode(), headers={"Content-Type": "application/sparql-query"}))
    # the editor's request: a form POST asking for JSON results
    refused(requests.post(live.sparql, data={"query": query}, headers={"Accept": "application/sparql-results+json"}))
    assert listener.requests == []


@pytest.mark.parametrize(
    "query",
    [
        "PREFIX ex: <{url}/> SELECT * WHERE {{ SERVICE ex:sparql {{ ?s ?p ?o }} }}",
        "BASE <{url}/> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ service<{url}/sparql>{{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ ?s ?p 1SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p trueSERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o # a comment\rSERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s <{ex}a\\u0041#b> ?o . SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "PREFIX ex: <{ex}> SELECT * WHERE {{ ?s ex:a\\#b ?o . SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE <{url}/\\u0073parql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ VALUES ?x {{ <{url}/sparql> }} SERVICE ?x {{ ?s ?p ?o }} }}",
    ],
)
def test_every_spelling_of_service_is_refused(live, listener, query):
    refused(requests.get(live.sparql, params={"query": query.format(url=listener.url, ex=EX)}))
    assert listener.requests == []


def test_words_that_only_look_like_service_or_load_pass(live):
    query = (
        "PREFIX download: <http://example.org/download/> SELECT ?service ?load WHERE { "
        "BIND('SERVICE <http://127.0.0.1:1/>' AS ?service) BIND(download:load AS ?load) } # LOAD <file:///x>"
    )
    response = requests.get(live.sparql, params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text


def test_load_needs_the_token_and_then_the_allow_list(live, listener):
    update = f"LOAD <{listener.url}/data.ttl> INTO GRAPH <{EX}loaded>"
    assert requests.post(live.sparql, data={"update": update}).status_code == 401
    problem = refused(requests.post(live.sparql, data={"update": update}, headers=live.auth()), "LOAD")
    assert "`sgkg ingest`" in problem["hint"]
    for other in (
        f"PREFIX ex: <{listener.url}/> LOAD ex:data.ttl",
        f"CLEAR SILENT GRAPH <{EX}x> ; LOAD <{listener.url}/data.ttl>",
    ):
        refused(requests.post(live.sparql, data={"update": other}, headers=live.auth()), "LOAD")
    assert listener.requests == []


def test_load_of_a_file_is_a_400_not_a_500(live):
    response = requests.post(live.sparql, data={"update": "LOAD <file:///etc/passwd>"}, headers=live.auth())
    problem = refused(response, "LOAD")
    assert "<file:///etc/passwd>" in problem["detail"]


def test_an_endpoint_on_the_allow_list_is_queried(make_app, listener):
    client = make_app(outbound_allow=f"{listener.url}/sparql").test_client()
    query = f"SELECT ?s WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
    response = client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    assert response.json["results"]["bindings"][0]["s"]["value"] == "http://example.org/from-the-listener"
    assert [(method, path) for method, path, _ in listener.requests] == [("POST", "/sparql")]
    other = f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql/other> {{ ?s ?p ?o }} }}"
    assert "does not name it" in refused(client.get("/sparql", query_string={"query": other}))["detail"]
    assert len(listener.requests) == 1


def test_load_from_an_allowed_address_with_the_token(make_app, listener):
    from tests.service.conftest import TOKEN

    client = make_app(outbound_allow=f"{listener.url}/").test_client()
    update = f"LOAD <{listener.url}/data.ttl> INTO GRAPH <{EX}loaded>"
    response = client.post("/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    assert listener.paths() == ["/data.ttl"]
    assert client.get(
        "/sparql",
        query_string={"query": f"ASK {{ GRAPH <{EX}loaded> {{ ?s ?p 'loaded by LOAD' }} }}"},
        headers={"Accept": "application/sparql-results+json"},
    ).json["boolean"]


def test_named_queries_and_pages_go_through_the_same_check(make_app, listener):
    """Named queries, pages and the search read through Service.read / the synced store."""
    from sgkg.service.extensions import get_service

    app = make_app()
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
    with app.app_context():
        service = get_service()
        with pytest.raises(OutboundRefused):
            service.synced.query(query)
        with pytest.raises(OutboundRefused):
            service.read(query)
        with pytest.raises(OutboundRefused):
            service.synced.update(f"LOAD <{listener.url}/data.ttl>")
    assert listener.requests == []


def test_a_remote_store_never_receives_service(make_app, listener):
    """The remote backend: the listener is the store; a SERVICE query is refused before it is forwarded."""
    app = make_app(endpoint=f"{listener.url}/sparql")
    client = app.test_client()
    before = len(listener.requests)
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}/evil> {{ ?s ?p ?o }} }}"
    refused(client.get("/sparql", query_string={"query": query}))
    refused(client.post("/sparql", data={"query": query}))
    # Virtuoso's pragmas make it fetch the graphs a query names
    pragma = f'DEFINE get:soft "soft" SELECT * FROM <{listener.url}/evil> WHERE {{ ?s ?p ?o }}'
    refused(client.get("/sparql", query_string={"query": pragma}), "DEFINE")
    assert len(listener.requests) == before and "/evil" not in listener.paths()
    fine = client.get(
        "/sparql",
        query_string={"query": "SELECT ?s WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert fine.status_code == 200 and len(listener.requests) == before + 1


@pytest.mark.parametrize("query_workers", [0, 1])
def test_an_allowed_endpoint_that_fails_is_a_502_saying_so(make_app, query_workers):
    """Nothing listens at the allowed address: a 502 naming the endpoint's failure (in the request thread
    and in a query worker), not a 500."""
    from tests.service.conftest import free_port

    endpoint = f"http://127.0.0.1:{free_port()}/sparql"
    client = make_app(outbound_allow=endpoint, query_workers=query_workers).test_client()
    query = f"SELECT ?s WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"
    response = client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 502, response.text
    assert response.json["code"] == "SGKG421" and "SERVICE endpoint" in response.json["detail"]
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p ?o FILTER(bif:contains(?o, "x")) }',  # Virtuoso predeclares bif: and sql:
        "PREFIX b: <bif:> SELECT * WHERE { ?s ?p ?o FILTER(b:sleep(100000)) }",
        'SELECT * WHERE { ?s ?p ?o BIND(<sql:getenv>("HOME") AS ?h) }',
        "SELECT * WHERE { ?s ?p ?o } OPTION (QUIETCAST)",  # a Virtuoso query option
    ],
)
def test_a_remote_store_never_receives_engine_extensions(make_app, listener, query):
    """What the embedded engine would refuse or not run is a 400 before it is forwarded to a remote store."""
    client = make_app(endpoint=f"{listener.url}/sparql").test_client()
    before = len(listener.requests)
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 400, response.text
    assert response.json["code"] == "SGKG400" and "SPARQL 1.1" in response.json["hint"]
    assert len(listener.requests) == before
