"""The Graph Store HTTP Protocol at /rdf-graph-store."""

from __future__ import annotations

import pyoxigraph as ox
import requests

from tests.service.conftest import EX

GRAPH = EX + "gsp"
TTL = {"Content-Type": "text/turtle"}


def store_url(live) -> str:
    return live.url + "/rdf-graph-store"


def test_put_get_post_head_delete(live):
    url, params = store_url(live), {"graph": GRAPH}
    body = f"<{EX}s> <{EX}p> <{EX}o1> .".encode()
    assert requests.put(url, params=params, data=body, headers=TTL).status_code == 401
    assert requests.put(url, params=params, data=body, headers={**TTL, **live.auth()}).status_code == 201
    assert requests.put(url, params=params, data=body, headers={**TTL, **live.auth()}).status_code == 204
    more = f"<{EX}s> <{EX}p> <{EX}o2> .".encode()
    assert (
        requests.post(
            url, params=params, data=more, headers={"Content-Type": "application/n-triples", **live.auth()}
        ).status_code
        == 204
    )
    got = requests.get(url, params=params, headers={"Accept": "text/turtle"})
    assert got.status_code == 200 and got.headers["Content-Type"].startswith("text/turtle")
    assert len(list(ox.parse(got.content, ox.RdfFormat.TURTLE))) == 2
    assert requests.head(url, params=params).status_code == 200
    assert requests.delete(url, params=params).status_code == 401
    assert requests.delete(url, params=params, headers=live.auth()).status_code == 204
    assert requests.get(url, params=params).status_code == 404
    assert requests.delete(url, params=params, headers=live.auth()).status_code == 404


def test_default_graph_and_errors(live):
    url = store_url(live)
    assert requests.get(url, params={"default": ""}, headers={"Accept": "application/n-triples"}).status_code == 200
    assert requests.get(url).status_code == 400
    bad = requests.put(url, params={"graph": GRAPH}, data=b"not turtle <", headers={**TTL, **live.auth()})
    assert bad.status_code == 400 and bad.json()["code"] == "SGKG201"
    assert (
        requests.put(
            url, params={"graph": GRAPH}, data=b"x", headers={"Content-Type": "image/png", **live.auth()}
        ).status_code
        == 415
    )


def test_gsp_writes_pass_the_shapes_gate(live):
    body = f"<{EX}board> a <https://w3id.org/sgkg/def#Partnership> .".encode()
    response = requests.put(
        store_url(live), params={"graph": EX + "gsp-bad"}, data=body, headers={**TTL, **live.auth()}
    )
    assert response.status_code == 422 and response.json()["violations"]
    assert requests.get(store_url(live), params={"graph": EX + "gsp-bad"}).status_code == 404
