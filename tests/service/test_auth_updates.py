"""SPARQL Update over HTTP: bearer token, shapes gate, atomic commit."""

from __future__ import annotations

import requests

from tests.service.conftest import EX

SGKG = "https://w3id.org/sgkg/def#"


def ask(live, query: str) -> bool:
    return requests.get(live.sparql, params={"query": query}).json()["boolean"]


def test_update_without_a_token_is_401_and_with_a_wrong_one_403(live):
    update = f"INSERT DATA {{ GRAPH <{EX}auth> {{ <{EX}x> <{EX}p> 1 }} }}"
    response = requests.post(live.sparql, data={"update": update})
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")
    response = requests.post(live.sparql, data={"update": update}, headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 403 and response.json()["code"] == "SGKG502"
    assert not ask(live, f"ASK {{ <{EX}x> ?p ?o }}")


def test_update_with_the_token_is_applied_and_visible_to_every_worker(live):
    update = f"INSERT DATA {{ GRAPH <{EX}auth> {{ <{EX}y> <{EX}p> 1 }} }}"
    response = requests.post(
        live.sparql, data=update.encode(), headers={**live.auth(), "Content-Type": "application/sparql-update"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["changed_graphs"] == [EX + "auth"]
    assert all(ask(live, f"ASK {{ <{EX}y> ?p ?o }}") for _ in range(6))
    delete = f"DELETE WHERE {{ GRAPH ?g {{ <{EX}y> ?p ?o }} }}"
    assert requests.post(live.sparql, data={"update": delete}, headers=live.auth()).status_code == 200
    assert not any(ask(live, f"ASK {{ <{EX}y> ?p ?o }}") for _ in range(6))


def test_an_update_that_breaks_the_shapes_is_refused_with_the_report(live):
    update = (
        f"INSERT DATA {{ GRAPH <{EX}bad> {{ <{EX}board> a <{SGKG}Partnership> . }} }} ;"
        f"INSERT DATA {{ GRAPH <{EX}fine> {{ <{EX}z> <{EX}p> 1 }} }}"
    )
    response = requests.post(live.sparql, data={"update": update}, headers=live.auth())
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "SGKG200" and problem["violations"] and "Conforms: no" in problem["report"]
    # atomic: the conforming half was not written either
    assert not ask(live, f"ASK {{ <{EX}z> ?p ?o }}") and not ask(live, f"ASK {{ <{EX}board> ?p ?o }}")


def test_malformed_update_is_400(live):
    response = requests.post(live.sparql, data={"update": "INSERT DATA { <a> "}, headers=live.auth())
    assert response.status_code == 400 and response.json()["code"] == "SGKG400"


def test_writes_are_disabled_without_a_configured_token(make_app):
    client = make_app(access_token="").test_client()
    response = client.post("/sparql", data={"update": "CLEAR ALL"}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403 and response.json["code"] == "SGKG503"
    assert "access_token" in response.json["detail"]
