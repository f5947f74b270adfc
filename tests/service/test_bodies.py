"""Request bodies: max_body on chunked bodies (413, nothing stored), text in its declared encoding
(400 otherwise, never U+FFFD), and an empty PUT answered the same way every time (400)."""

from __future__ import annotations

import io

import pytest
import requests
from werkzeug.test import EnvironBuilder, run_wsgi_app

from tests.service.conftest import EX, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TTL = {"Content-Type": "text/turtle"}


def triples(n: int) -> bytes:
    return b"".join(f'<{EX}s{i}> <{LABEL}> "label {i:06d}" .\n'.encode() for i in range(n))


def chunked(data: bytes, size: int = 8192):
    """A generator body: requests sends it with Transfer-Encoding: chunked and no Content-Length."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


def count(live, graph: str) -> int:
    got = requests.get(
        live.url + "/rdf-graph-store", params={"graph": graph}, headers={"Accept": "application/n-triples"}
    )
    return 0 if got.status_code == 404 else len(got.content.splitlines())


# --- max_body on chunked bodies (through gunicorn, which terminates chunked input) ---------------


def test_chunked_put_over_max_body_is_413_and_creates_nothing(live):
    body = triples(6000)  # ~370 kB against the live server's --max-body 300000
    assert len(body) > 300_000
    graph = EX + "chunked-new"
    response = requests.put(
        live.url + "/rdf-graph-store", params={"graph": graph}, data=chunked(body), headers={**TTL, **live.auth()}
    )
    assert response.status_code == 413, response.text
    assert response.json()["code"] == "SGKG504" and "max_body" in response.json()["detail"]
    assert count(live, graph) == 0


def test_chunked_put_over_max_body_leaves_an_existing_graph_unchanged(live):
    graph = EX + "chunked-old"
    url = live.url + "/rdf-graph-store"
    assert (
        requests.put(url, params={"graph": graph}, data=triples(3), headers={**TTL, **live.auth()}).status_code == 201
    )
    response = requests.put(url, params={"graph": graph}, data=chunked(triples(6000)), headers={**TTL, **live.auth()})
    assert response.status_code == 413
    assert count(live, graph) == 3


def test_chunked_body_under_max_body_is_read_whole(live):
    graph = EX + "chunked-small"
    body = triples(1000)  # ~60 kB
    response = requests.put(
        live.url + "/rdf-graph-store", params={"graph": graph}, data=chunked(body, 1000), headers={**TTL, **live.auth()}
    )
    assert response.status_code == 201, response.text
    assert count(live, graph) == 1000


def test_chunked_sparql_update_over_max_body_is_413(live):
    update = b"INSERT DATA { " + triples(6000) + b" }"
    response = requests.post(
        live.sparql, data=chunked(update), headers={"Content-Type": "application/sparql-update", **live.auth()}
    )
    assert response.status_code == 413
    ask = f"ASK {{ <{EX}s5999> ?p ?o }}"
    assert requests.get(live.sparql, params={"query": ask}).json()["boolean"] is False


def post_chunked(app, path: str, body: bytes, headers: dict[str, str]) -> int:
    """POST ``body`` in process as a server that terminates chunked input hands it over: no Content-Length."""
    environ = EnvironBuilder(path=path, method="POST", headers=headers).get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ.update({"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True})
    _, status, _ = run_wsgi_app(app, environ, buffered=True)
    return int(status.split()[0])


@pytest.mark.parametrize("size, status", [(1000, 200), (1001, 413)])
def test_the_limit_is_exact(make_app, size, status):
    """In process, a terminated stream of exactly max_body bytes is read; one more byte is refused."""
    query = b"ASK {}" + b" " * (size - 6)
    assert (
        post_chunked(make_app(max_body=1000), "/sparql", query, {"Content-Type": "application/sparql-query"}) == status
    )


def test_chunked_form_and_upload_bodies_are_bounded_too(make_app):
    app = make_app(max_body=1000)
    form = b"query=" + b"ASK%20%7B%7D" + b"%20" * 400
    assert post_chunked(app, "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"}) == 413
    upload = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n" + b"x" * 2000 + b"\r\n--b--\r\n"
    )
    assert post_chunked(app, "/ingest", upload, {"Content-Type": "multipart/form-data; boundary=b", **AUTH}) == 413


# --- encodings ------------------------------------------------------------------------------------

LATIN1_UPDATE = f'INSERT DATA {{ <{EX}cafe> <{LABEL}> "café" }}'.encode("latin-1")


def labels(client) -> list[str]:
    response = client.get(
        "/sparql",
        query_string={"query": f"SELECT ?l WHERE {{ <{EX}cafe> <{LABEL}> ?l }}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    return [b["l"]["value"] for b in response.json["results"]["bindings"]]


def test_update_body_not_in_utf8_is_400_and_stores_nothing(make_app):
    client = make_app().test_client()
    response = client.post("/sparql", data=LATIN1_UPDATE, headers={"Content-Type": "application/sparql-update", **AUTH})
    assert response.status_code == 400, response.json
    assert "UTF-8" in response.json["detail"] or "utf-8" in response.json["detail"]
    assert labels(client) == []


def test_form_update_with_a_percent_encoded_latin1_byte_is_400(make_app):
    client = make_app().test_client()
    form = b"update=" + LATIN1_UPDATE.replace(b" ", b"+").replace(b"\xe9", b"%E9").replace(b"{", b"%7B").replace(
        b"}", b"%7D"
    )
    response = client.post("/sparql", data=form, headers={"Content-Type": "application/x-www-form-urlencoded", **AUTH})
    assert response.status_code == 400, response.json
    assert labels(client) == []


def test_query_body_and_query_string_not_in_utf8_are_400(make_app):
    client = make_app().test_client()
    query = 'ASK { ?s ?p "café" }'.encode("latin-1")
    assert client.post("/sparql", data=query, headers={"Content-Type": "application/sparql-query"}).status_code == 400
    assert client.get("/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%22caf%E9%22%20%7D").status_code == 400
    assert client.get("/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%22caf%C3%A9%22%20%7D").status_code == 200


def test_graph_in_a_declared_charset_is_read_in_it(make_app):
    client = make_app().test_client()
    body = f'<{EX}cafe> <{LABEL}> "café" .'.encode("latin-1")
    url = f"/rdf-graph-store?graph={EX}latin"
    assert client.put(url, data=body, headers={"Content-Type": "text/turtle", **AUTH}).status_code == 400
    assert (
        client.put(url, data=body, headers={"Content-Type": "text/turtle; charset=ISO-8859-1", **AUTH}).status_code
        == 201
    )
    assert labels(client) == ["café"]


# --- an empty PUT ---------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [b"", b"@prefix ex: <http://example.org/> .\n"])
def test_an_empty_put_is_400_and_creates_nothing(make_app, body):
    client = make_app().test_client()
    url = f"/rdf-graph-store?graph={EX}empty"
    response = client.put(url, data=body, headers={**TTL, **AUTH})
    assert response.status_code == 400 and "no triples" in response.json["detail"]
    assert client.get(url).status_code == 404
    assert client.post("/rdf-graph-store", data=body, headers={**TTL, **AUTH}).status_code == 400


def test_an_empty_put_keeps_an_existing_graph(make_app):
    client = make_app().test_client()
    url = f"/rdf-graph-store?graph={EX}kept"
    assert client.put(url, data=triples(2), headers={**TTL, **AUTH}).status_code == 201
    assert client.put(url, data=b"", headers={**TTL, **AUTH}).status_code == 400
    assert len(client.get(url, headers={"Accept": "application/n-triples"}).data.splitlines()) == 2


def test_an_empty_put_to_the_default_graph_empties_it(make_app):
    client = make_app().test_client()
    assert client.put("/rdf-graph-store?default", data=triples(2), headers={**TTL, **AUTH}).status_code == 204
    assert client.put("/rdf-graph-store?default", data=b"", headers={**TTL, **AUTH}).status_code == 204
    got = client.get("/rdf-graph-store?default", headers={"Accept": "application/n-triples"})
    assert got.status_code == 200 and got.data.strip() == b""
