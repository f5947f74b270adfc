"""The W3C SPARQL 1.1 Protocol and Graph Store Protocol test suites, replayed against a real `sgkg serve`.

The runner is `tests/service/w3c_runner.py`; the manifests come from ../shared/w3c (these tests skip,
saying so, where ../shared is absent).  The server is a private one on an empty store (the protocol
tests run DROP ALL), with an access token sent on every request.  Every test that applies must pass;
tests that cannot apply are n/a with their reason, listed in docs/conformance.md with the results.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rdflib import Graph

from sgkg.ingest.validate import validate
from tests.service import w3c_runner
from tests.service.conftest import TOKEN, start_server, stop_server

DOC = Path(__file__).resolve().parents[2] / "docs" / "conformance.md"

# Failures of the service that are known and cannot be fixed in the files of the protocol surface;
# each names the fix.  The test fails when one of them starts passing, so that it is removed here.
KNOWN_FAILURES: dict[str, str] = {}


@pytest.fixture(scope="module")
def w3c_dir(shared_dir: Path) -> Path:
    path = shared_dir / "w3c"
    if not (path / "sparql11-protocol" / "manifest.ttl").is_file():
        pytest.skip(f"{path} holds no W3C manifests")
    return path


@pytest.fixture(scope="module")
def conformance_server(w3c_dir, tmp_path_factory):
    """`sgkg serve` on an empty store of its own (the tests DROP ALL), writes enabled by the token."""
    root = tmp_path_factory.mktemp("w3c")
    server = start_server(
        root / "store",
        root / "serve.log",
        "--empty",
        "--access-token",
        TOKEN,
        "--query-workers",
        "1",
        "--threads",
        "4",
        "--query-timeout",
        "10",
    )
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def summaries(w3c_dir, conformance_server) -> dict[str, w3c_runner.Summary]:
    return {s.suite: s for s in w3c_runner.run_all(w3c_dir, conformance_server.url, TOKEN)}


@pytest.mark.parametrize("suite", list(w3c_runner.SUITES))
def test_every_applicable_w3c_test_passes(summaries, suite):
    summary = summaries[suite]
    print("\n" + summary.line())
    for outcome in summary.outcomes:
        why = f": {outcome.why()}" if outcome.verdict != "pass" else ""
        print(f"  {outcome.verdict:4} {outcome.test.name}{why}")
    failed = {o.test.name: o.reason for o in summary.outcomes if o.verdict == "fail"}
    unexpected = {name: reason for name, reason in failed.items() if name not in KNOWN_FAILURES}
    assert not unexpected, "\n".join(f"{name}: {reason}" for name, reason in unexpected.items())
    mine = {o.test.name for o in summary.outcomes} & set(KNOWN_FAILURES)
    assert mine <= set(failed), f"now passing, remove from KNOWN_FAILURES: {sorted(mine - set(failed))}"
    assert all(o.reason for o in summary.outcomes if o.verdict == "n/a"), "every n/a says why"
    adapted = {o.test.name: o.adapted.reason for o in summary.outcomes if o.adapted and o.adapted.verdict != "pass"}
    assert not adapted, f"adapted runs failed: {adapted}"


def test_the_whole_protocol_suite_passes(summaries):
    """All 34 tests of the SPARQL 1.1 Protocol manifest pass, the update dataset ones included."""
    protocol = summaries["protocol"]
    assert (protocol.count("pass"), len(protocol.outcomes)) == (34, 34), protocol.line()


def test_docs_table_matches_the_run(summaries):
    """docs/conformance.md lists every test with the verdict this run gives it."""
    rows = dict(re.findall(r"^\| `(\w+)` \|.*?\| (pass|fail|n/a) \|", DOC.read_text(encoding="utf-8"), re.M))
    verdicts = {o.test.name: o.verdict for s in summaries.values() for o in s.outcomes}
    assert rows == verdicts, (
        "docs/conformance.md is out of date; regenerate its tables with "
        "`python -m tests.service.w3c_runner URL TOKEN` against a server started as in "
        "the conformance_server fixture"
    )


def test_w3c_data_and_the_shapes(w3c_dir):
    """The protocol suite's data conforms to the project's shapes (it is foaf:Document, which no shape
    targets); the Graph Store suite's foaf:Person data does not (PersonShape), and conforms once adapted."""

    def conforms(test: w3c_runner.W3CTest) -> dict[str, bool]:
        return {
            where: validate(
                Graph().parse(data=body, format=w3c_runner.RDF_PARSERS[media], publicID="http://www.example/gsp")
            ).conforms
            for where, body, media in test.payloads()
        }

    protocol = w3c_runner.load_suite(w3c_dir, "protocol")
    assert all(all(conforms(t).values()) for t in protocol)
    graph_store = [t for t in w3c_runner.load_suite(w3c_dir, "graph-store") if t.payloads()]
    assert graph_store and not any(all(conforms(t).values()) for t in graph_store)
    assert all(all(conforms(t.adapted()).values()) for t in graph_store)


# --- the service changes the suites called for, checked on their own (Flask test client) ---------------

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PERSON_FREE = "<http://example.org/w3c/s> <http://example.org/w3c/p> {} ."


def test_accept_with_parameters_is_negotiated(make_app):
    client = make_app().test_client()
    response = client.get(
        "/sparql",
        query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"},
        headers={"Accept": "text/turtle; charset=utf-8"},
    )
    assert response.status_code == 200 and response.mimetype == "text/turtle"


def test_relative_iris_in_an_update_resolve_against_the_endpoint(make_app):
    client = make_app().test_client()
    update = "INSERT DATA { GRAPH <http://example.org/w3c/base> { <http://example.org/w3c/s> <p> <rel> } }"
    response = client.post("/sparql", data=update, headers={**AUTH, "Content-Type": "application/sparql-update"})
    assert response.status_code == 200, response.text
    ask = "ASK { GRAPH <http://example.org/w3c/base> { ?s ?p <http://localhost/rel> } }"
    assert client.get("/sparql", query_string={"query": ask}).json["boolean"] is True
    # a relative graph IRI names the existing graph: it is added to, not replaced
    for value in ("1", "2"):
        update = f"INSERT DATA {{ GRAPH <g> {{ <http://example.org/w3c/s> <http://example.org/w3c/p> {value} }} }}"
        assert client.post("/sparql", data={"update": update}, headers=AUTH).status_code == 200
    count = "SELECT (COUNT(*) AS ?n) { GRAPH <http://localhost/g> { ?s ?p ?o } }"
    assert client.get("/sparql", query_string={"query": count}).json["results"]["bindings"][0]["n"]["value"] == "2"


def test_a_direct_post_that_is_not_utf8_is_415(make_app):
    client = make_app().test_client()
    response = client.post(
        "/sparql", data="ASK {}".encode("utf-16"), headers={"Content-Type": "application/sparql-query; charset=UTF-16"}
    )
    assert response.status_code == 415 and "UTF-8" in response.json["detail"]


def test_post_to_the_graph_store_creates_a_graph(make_app):
    client = make_app().test_client()
    response = client.post(
        "/rdf-graph-store", data=PERSON_FREE.format('"new"'), headers={**AUTH, "Content-Type": "application/n-triples"}
    )
    assert response.status_code == 201
    graph = response.headers["Location"]
    assert graph.startswith("https://w3id.org/sgkg/graph/gsp/")
    got = client.get("/rdf-graph-store", query_string={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert got.status_code == 200 and b'"new"' in got.data


def test_multipart_post_adds_every_part(make_app):
    client = make_app().test_client()
    params = {"graph": "http://example.org/w3c/multi"}
    parts = {
        "a.ttl": (io.BytesIO(PERSON_FREE.format('"a"').encode()), "a.ttl", "text/turtle; charset=utf-8"),
        "b.nt": (io.BytesIO(PERSON_FREE.format('"b"').encode()), "b.nt", "application/n-triples"),
    }
    response = client.post(
        "/rdf-graph-store", query_string=params, data=parts, headers=AUTH, content_type="multipart/form-data"
    )
    assert response.status_code == 201, response.text
    got = client.get("/rdf-graph-store", query_string=params, headers={"Accept": "application/n-triples"})
    assert b'"a"' in got.data and b'"b"' in got.data
    bad = {"c.txt": (io.BytesIO(b"hello"), "c.txt", "application/octet-stream")}
    response = client.post(
        "/rdf-graph-store", query_string=params, data=bad, headers=AUTH, content_type="multipart/form-data"
    )
    assert response.status_code == 415 and "c.txt" in response.json["detail"]


# --- using-graph-uri / using-named-graph-uri (SPARQL 1.1 Protocol 2.2.3) ------------------------------------

DOC_TYPE = "<http://xmlns.com/foaf/0.1/Document>"
THREE_GRAPHS = (
    "INSERT DATA { "
    + " ".join(
        f"GRAPH <http://example.org/w3c/g{n}> {{ <http://example.org/w3c/d{n}> a {DOC_TYPE} }}" for n in (1, 2, 3)
    )
    + " }"
)


def _found(client, graph: str) -> list[str]:
    query = f"SELECT ?s ?in {{ GRAPH <{graph}> {{ ?s <http://example.org/w3c/in> ?in }} }} ORDER BY ?s"
    rows = client.get("/sparql", query_string={"query": query}).json["results"]["bindings"]
    return [f"{r['s']['value'].rsplit('/', 1)[-1]}={r['in']['value'].rsplit('/', 1)[-1]}" for r in rows]


def test_using_parameters_set_the_dataset_of_the_where(make_app):
    client = make_app().test_client()
    assert client.post("/sparql", data={"update": THREE_GRAPHS}, headers=AUTH).status_code == 200
    update = (
        "INSERT { GRAPH <http://example.org/w3c/out> { ?s <http://example.org/w3c/in> ?in } } WHERE { "
        f"{{ GRAPH ?g {{ ?s a {DOC_TYPE} }} BIND(?g AS ?in) }} UNION "
        f"{{ ?s a {DOC_TYPE} BIND(<x:default> AS ?in) }} }}"
    )
    params = {"using-graph-uri": "http://example.org/w3c/g1", "using-named-graph-uri": "http://example.org/w3c/g2"}
    response = client.post(
        "/sparql", query_string=params, data=update, headers={**AUTH, "Content-Type": "application/sparql-update"}
    )
    assert response.status_code == 200, response.text
    assert _found(client, "http://example.org/w3c/out") == ["d1=x:default", "d2=g2"]


def test_using_parameters_apply_to_every_operation_and_to_delete_where(make_app):
    client = make_app().test_client()
    assert client.post("/sparql", data={"update": THREE_GRAPHS}, headers=AUTH).status_code == 200
    update = (
        f"DELETE WHERE {{ ?s a {DOC_TYPE} }} ; "
        f"INSERT {{ GRAPH <http://example.org/w3c/out> {{ ?s <http://example.org/w3c/in> <x:seen> }} }} "
        f"WHERE {{ ?s ?p ?o }}"
    )
    # a form POST carries the parameters in its body
    response = client.post(
        "/sparql", data={"update": update, "using-graph-uri": "http://example.org/w3c/g3"}, headers=AUTH
    )
    assert response.status_code == 200, response.text
    # DELETE WHERE matched g3 only (its template is the default graph, where nothing is), then
    # the INSERT's WHERE read g3 alone
    assert _found(client, "http://example.org/w3c/out") == ["d3=x:seen"]


def test_using_parameters_with_using_or_with_in_the_update_are_400(make_app):
    client = make_app().test_client()
    for update in (
        "WITH <http://example.org/w3c/g1> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } USING <http://example.org/w3c/g1> WHERE { ?s ?p ?o }",
    ):
        response = client.post(
            "/sparql",
            query_string={"using-named-graph-uri": "http://example.org/w3c/g2"},
            data=update,
            headers={**AUTH, "Content-Type": "application/sparql-update"},
        )
        assert response.status_code == 400 and "names its own dataset" in response.json["detail"]
    response = client.post(
        "/sparql",
        data={"update": "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "using-graph-uri": "not an IRI"},
        headers=AUTH,
    )
    assert response.status_code == 400 and "using-graph-uri" in response.json["detail"]


def test_the_using_clauses_go_only_where_a_where_is():
    """Keywords inside strings, IRIs, comments and names are not WHERE; INSERT DATA gets no clause."""
    from sgkg.ingest.limits import Limits
    from sgkg.service.update_dataset import with_dataset

    update = (
        'PREFIX ex: <http://example.org/where/>\nINSERT DATA { ex:a ex:where "WHERE {" } ;\n'
        "INSERT { ?s ex:p ?where } # WHERE {\nWHERE { ?s ex:q ?where }"
    )
    rewritten = with_dataset(update, ["http://example.org/g"], [], Limits.from_settings())
    assert rewritten.count("USING <http://example.org/g>") == 1
    assert rewritten.endswith("USING <http://example.org/g> WHERE { ?s ex:q ?where }")
