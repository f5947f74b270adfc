"""The remote store against a real Virtuoso: the GraphStore contract, engine-bound
parameters with a hostile value, the error mapping, and what Virtuoso does (and
does not) guarantee, measured."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import requests

from sgkg.ingest.errors import QueryError, StoreError, StoreUnavailable
from sgkg.ingest.sparqltext import insert_data, query_form
from sgkg.ingest.store.remote import INSERT_CHUNK, RemoteStore
from tests.virtuoso import free_port, session_server

pytestmark = pytest.mark.virtuoso

EX = "http://example.org/"
G1, G2 = EX + "graph/1", EX + "graph/2"
P = ox.NamedNode(EX + "p")
XSD = "http://www.w3.org/2001/XMLSchema#"
INJECTION = '" } ; DROP ALL ; #'


def nn(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def triple(s: str, o) -> ox.Triple:
    return ox.Triple(nn(s), P, ox.Literal(o) if isinstance(o, str) else o)


@pytest.fixture(scope="module")
def virtuoso(request, tmp_path_factory):
    return session_server(request, tmp_path_factory)


@pytest.fixture
def store(virtuoso):
    opened = RemoteStore(virtuoso.sparql, timeout=30)
    yield opened
    for graph in opened.graph_names():
        opened.drop_graph(graph)
    opened.close()


def column(result, i: int = 0) -> list[str]:
    return sorted(row[i].value for row in result.rows)


# --- the contract ------------------------------------------------------------------


def test_replace_has_drop_and_names(store):
    assert store.graph_names() == []  # Virtuoso's own graphs are left out
    store.replace_graph(G1, [triple("a", "one"), triple("b", "two")])
    store.replace_graph(G2, [triple("a", "x")])
    assert store.graph_names() == [G1, G2]
    assert store.has_graph(G1) and not store.has_graph(EX + "nothing")
    assert (store.count(G1), store.count(G2), store.count()) == (2, 1, 3)
    store.replace_graph(G1, [triple("c", "three")])
    assert column(store.query(f"SELECT ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")) == ["three"]
    store.drop_graph(G1)
    assert store.graph_names() == [G2] and not store.has_graph(G1)
    store.drop_graph(G1)  # dropping a missing graph is not an error


def test_add_to_graph_and_graph_triples(store):
    store.add_to_graph(G1, [triple("a", "one")])
    store.add_to_graph(G1, [triple("b", "two")])
    store.add_to_graph(G1, [])
    assert sorted(t.object.value for t in store.graph_triples(G1)) == ["one", "two"]


def test_terms_round_trip(store):
    """IRIs, language tags, datatypes, escapes and non-ASCII come back as the same pyoxigraph terms."""
    objects = [
        ox.Literal('é ☃ 𝄞 "quoted" back\\slash\nnew line'),
        ox.Literal("Sandwell", language="en-gb"),
        ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("2021-03-01", datatype=ox.NamedNode(XSD + "date")),
        ox.NamedNode("http://example.org/é?x=1#frag"),
    ]
    store.replace_graph(G1, [ox.Triple(nn(f"s{i}"), P, o) for i, o in enumerate(objects)])
    result = store.query(f"SELECT ?s ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} ORDER BY ?s")
    assert result.kind == "select" and result.variables == ["s", "o"]
    assert [row[1] for row in result.rows] == objects
    assert set(store.graph_triples(G1)) == {ox.Triple(nn(f"s{i}"), P, o) for i, o in enumerate(objects)}


def test_select_ask_construct_and_unbound(store):
    store.replace_graph(G1, [triple("a", "one"), ox.Triple(nn("a"), nn("q"), nn("b"))])
    result = store.query(
        f"SELECT ?o ?none WHERE {{ GRAPH <{G1}> {{ ?s <{P.value}> ?o OPTIONAL {{ ?s <{EX}nope> ?none }} }} }}"
    )
    assert list(result.rows) == [(ox.Literal("one"), None)]
    assert store.query(f"ASK {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}").boolean is True
    assert store.query("ASK{ <urn:x:none> ?p ?o }").boolean is False
    graph = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")
    assert graph.kind == "graph" and len(list(graph.triples)) == 2
    described = store.query(f"DESCRIBE <{EX}a>")
    assert described.kind == "graph" and triple("a", "one") in set(described.triples)


def test_union_default_graph_and_dataset_parameters(store):
    """Virtuoso's default graph (no FROM) is the union of all graphs; duplicates across graphs are measured here."""
    store.replace_graph(G1, [triple("a", "shared")])
    store.replace_graph(G2, [triple("a", "shared"), triple("b", "only-2")])
    union = f"SELECT ?o WHERE {{ ?s <{P.value}> ?o }}"
    assert column(store.query(union)) == ["only-2", "shared", "shared"]  # one row per graph, like pyoxigraph 0.5
    assert column(store.query(union, default_graph=[G1])) == ["shared"]
    named = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert column(store.query(named, named_graphs=[G2])) == [G2, G2]
    assert column(store.query(f"SELECT DISTINCT ?o WHERE {{ ?s <{P.value}> ?o }}")) == ["only-2", "shared"]


def test_bindings_with_a_hostile_value_are_a_plain_value(store):
    store.replace_graph(G1, [triple("a", INJECTION), triple("b", "harmless")])
    query = f"SELECT ?s WHERE {{ GRAPH <{G1}> {{ ?s <{P.value}> ?o }} }}"
    result = store.query(query, bindings={"o": ox.Literal(INJECTION)})
    assert column(result) == [EX + "a"]
    assert store.graph_names() == [G1] and store.count(G1) == 2  # nothing was dropped
    both = store.query(f"SELECT ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}", bindings={"s": nn("b"), "p": P})
    assert column(both) == ["harmless"]


def test_bindings_leave_filters_on_unbound_parameters_working(store):
    store.replace_graph(G1, [triple("a", "one"), triple("b", "two")])
    query = f"SELECT ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} FILTER(!BOUND(?param_x) || ?o = ?param_x) }}"
    assert column(store.query(query)) == ["one", "two"]
    assert column(store.query(query, bindings={"param_x": ox.Literal("two")})) == ["two"]


def test_large_graph_is_written_in_chunks_of_one_request(store):
    """Virtuoso's parser fails near 5,000 triples in one INSERT DATA; chunked operations pass."""
    many = [triple(f"s{i}", f"value {i}") for i in range(3 * INSERT_CHUNK + 7)]
    assert len(insert_data(G1, many, INSERT_CHUNK)) == 4
    store.replace_graph(G1, many)
    assert store.count(G1) == len(many)


def test_dump_trig_and_nquads(store):
    store.replace_graph(G1, [triple("a", "one")])
    store.replace_graph(G2, [triple("b", "two")])
    quads = set(ox.parse(store.dump("nquads"), format=ox.RdfFormat.N_QUADS))
    assert quads == {
        ox.Quad(nn("a"), P, ox.Literal("one"), ox.NamedNode(G1)),
        ox.Quad(nn("b"), P, ox.Literal("two"), ox.NamedNode(G2)),
    }
    trig = set(ox.parse(store.dump("trig", graphs=[G2]), format=ox.RdfFormat.TRIG))
    assert trig == {ox.Quad(nn("b"), P, ox.Literal("two"), ox.NamedNode(G2))}


def test_graph_store_protocol_put(virtuoso):
    store = RemoteStore(virtuoso.sparql, graph_store_endpoint=virtuoso.graph_store, timeout=30)
    try:
        store.replace_graph(G1, [triple("a", "one"), triple("b", "é")])
        store.replace_graph(G1, [triple("c", "three")])
        store.add_to_graph(G1, [triple("d", "four")])
        assert sorted(t.object.value for t in store.graph_triples(G1)) == ["four", "three"]
    finally:
        store.drop_graph(G1)
        store.close()


def test_digest_authenticated_endpoint(virtuoso):
    store = RemoteStore(
        virtuoso.sparql,
        update_endpoint=virtuoso.base + "/sparql-auth",
        auth=requests.auth.HTTPDigestAuth("dba", "dba"),
        timeout=30,
    )
    try:
        store.replace_graph(G1, [triple("a", "one")])
        assert store.count(G1) == 1
    finally:
        store.drop_graph(G1)
        store.close()


# --- errors ------------------------------------------------------------------------


def test_malformed_query_is_a_query_error_with_the_servers_message(store):
    with pytest.raises(QueryError) as raised:
        store.query("SELECT ?s WHERE { ?s ?p }")
    assert "SP030" in raised.value.message and raised.value.status == 400


def test_malformed_update_is_a_query_error(store):
    with pytest.raises(QueryError):
        store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> } }")


def test_failing_update_is_a_store_error_not_a_query_error(store):
    """A runtime failure (Virtuoso answers 500) is not relabelled as a malformed query."""
    store.update(f"CREATE GRAPH <{G1}>")
    with pytest.raises(StoreError) as raised:
        store.update(f"CREATE GRAPH <{G1}>")
    assert not isinstance(raised.value, QueryError)
    store.update(f"DROP SILENT GRAPH <{G1}>")


def test_dead_endpoint_is_store_unavailable():
    endpoint = f"http://127.0.0.1:{free_port()}/sparql"
    store = RemoteStore(endpoint, timeout=2)
    with pytest.raises(StoreUnavailable) as raised:
        store.count()
    assert endpoint in raised.value.one_line() and "query_timeout" in raised.value.one_line()


# --- measured Virtuoso behaviour (documented in docs/remote-store.md) ---------------


def test_virtuoso_does_not_roll_back_a_failing_update_request(store):
    """A multi-operation request that fails keeps its earlier operations: not atomic."""
    store.update(f"CREATE GRAPH <{G2}>")
    with pytest.raises(StoreError):
        store.update(f'INSERT DATA {{ GRAPH <{G1}> {{ <{EX}a> <{P.value}> "kept" }} }} ; CREATE GRAPH <{G2}>')
    assert store.count(G1) == 1
    store.update(f"DROP SILENT GRAPH <{G2}>")


def test_query_form():
    assert query_form("PREFIX select: <urn:x#> ASK{ ?s select:p ?o }") == "ASK"
    assert query_form("# CONSTRUCT\nSELECT * { ?s ?p 'DESCRIBE' }") == "SELECT"
    assert query_form("construct where { ?s ?p ?o }") == "CONSTRUCT"
