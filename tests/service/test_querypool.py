"""The query pool: a real time limit by killing worker processes, row limits, replicated writes.

Prints the pool's overhead against a direct in-memory query (for the benchmark engineer)."""

from __future__ import annotations

import statistics
import time

import pyoxigraph as ox
import pytest
import requests

from ingest.errors import QueryError, QueryTimeout, TooManyRows
from ingest.store import OxigraphStore
from service.negotiation import QueryFormats
from service.querypool import Change, QueryPool

EX = "http://example.org/"
JSON = QueryFormats("json", "ntriples")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def n_of(pool: QueryPool, query: str = COUNT) -> int:
    _, stream = pool.query(query, JSON)
    data = stream.read()
    return int(next(iter(ox.parse_query_results(data, ox.QueryResultsFormat.JSON)))["n"].value)


@pytest.fixture(scope="module")
def primary():
    store = OxigraphStore.open(None)
    store.replace_graph(EX + "g", [ox.Triple(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i)))
                                   for i in range(3000)])
    yield store
    store.close()


@pytest.fixture(scope="module")
def pool(primary):
    pool = QueryPool(primary, workers=2, timeout=1.0, max_rows=1000)
    pool.start()
    yield pool
    pool.close()


def test_answers_from_the_in_memory_replica(pool):
    assert n_of(pool) == 3000


def test_a_query_past_the_limit_is_stopped_and_the_pool_recovers(pool):
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="query_timeout"):
        pool.query(SLOW, JSON)
    assert time.monotonic() - started < 2.0
    assert n_of(pool) == 3000  # the other worker answers at once
    deadline = time.monotonic() + 15
    while pool.alive < 2 and time.monotonic() < deadline:  # the replacement loads in the background
        time.sleep(0.05)
    assert pool.alive == 2 and pool.restarts >= 1


def test_row_limit_and_syntax_errors_leave_the_worker_usable(pool):
    with pytest.raises(TooManyRows, match="max_rows"):
        pool.query("SELECT * WHERE { ?s ?p ?o }", JSON)
    with pytest.raises(QueryError, match="error at 1:"):
        pool.query("SELECT * WHERE { ?s ?p ", JSON)
    assert n_of(pool) == 3000


def test_writes_reach_every_worker_before_its_next_query(pool, primary):
    triples = [ox.Triple(ox.NamedNode(EX + "x"), ox.NamedNode(EX + "p"), ox.Literal("new"))]
    with pool.write_lock:
        primary.replace_graph(EX + "h", triples)
        pool.publish([Change(EX + "h", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))])
    assert {n_of(pool) for _ in range(6)} == {3001}
    with pool.write_lock:
        primary.drop_graph(EX + "h")
        pool.publish([Change(EX + "h", None)])
    assert {n_of(pool) for _ in range(6)} == {3000}


def test_bindings_are_bound_by_the_engine(pool):
    _, stream = pool.query("SELECT ?s WHERE { ?s ?p ?o }", JSON, bindings={"o": ox.Literal("7")})
    data = stream.read()
    assert [s["s"].value for s in ox.parse_query_results(data, ox.QueryResultsFormat.JSON)] == [EX + "s7"]


def test_abandoned_streams_free_their_worker(pool):
    for _ in range(5):  # more than the pool size: each close() must hand the worker back
        _, stream = pool.query("SELECT * WHERE { ?s ?p ?o } LIMIT 900", QueryFormats("tsv", None))
        next(iter(stream))
        stream.close()
    assert n_of(pool) == 3000


def test_pool_overhead_against_a_direct_in_memory_query(pool, primary, capsys):
    heavy = "SELECT ?o (STRLEN(?o) AS ?l) (UCASE(STR(?s)) AS ?u) WHERE { ?s ?p ?o } ORDER BY DESC(?o) LIMIT 1000"
    memory = ox.Store()
    memory.load(primary.dump("nquads"), ox.RdfFormat.N_QUADS)

    def direct():
        return memory.query(heavy, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)

    def pooled():
        return pool.query(heavy, JSON)[1].read()

    timings = {}
    for name, run in (("direct", direct), ("pool", pooled)):
        run()
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            run()
            samples.append(time.perf_counter() - started)
        timings[name] = statistics.median(samples)
    with capsys.disabled():
        print(f"\n[pool overhead] heavy query p50: direct in-memory {timings['direct'] * 1000:.1f} ms, "
              f"through the pool {timings['pool'] * 1000:.1f} ms ({timings['pool'] / timings['direct']:.2f}x)")
    assert timings["pool"] < timings["direct"] * 1.5 + 0.005


def test_http_timeout_is_503_within_a_bound_and_the_server_answers_next(live):
    started = time.monotonic()
    response = requests.get(live.sparql, params={"query": SLOW})
    elapsed = time.monotonic() - started
    assert response.status_code == 503, response.text
    assert response.json()["code"] == "SGKG403" and "query_timeout" in response.json()["detail"]
    assert elapsed < 1.5 + 1.5
    ok = requests.get(live.sparql, params={"query": "ASK { ?s ?p ?o }"})
    assert ok.status_code == 200 and ok.json()["boolean"] is True
    assert "killing and replacing" in live.log_text()
