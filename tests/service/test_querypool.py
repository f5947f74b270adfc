"""The query pool: a real time limit by killing worker processes, row limits, replicated writes.

Prints the pool's overhead against a direct in-memory query (for the benchmark engineer)."""

from __future__ import annotations

import os
import statistics
import threading
import time
from dataclasses import fields

import pyoxigraph as ox
import pytest
import requests

from sgkg.ingest.errors import QueryError, QueryOutOfMemory, QueryTimeout, StoreUnavailable, TooManyRows
from sgkg.ingest.store import OxigraphStore
from sgkg.service.negotiation import QueryFormats
from sgkg.service.querypool import Change, DirectQueries, QueryPool, QueryRequest, RequestOptions

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
    store.replace_graph(
        EX + "g",
        [ox.Triple(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i))) for i in range(3000)],
    )
    yield store
    store.close()


def test_request_options_are_fields_of_the_request_and_nothing_else(primary):
    """`Service.query` and `Queries.query` take one set of options (`RequestOptions`), each a `QueryRequest` field;
    None is the default, and a misspelt option is a TypeError as a keyword the signature lacks was."""
    assert set(RequestOptions.__annotations__) < {f.name for f in fields(QueryRequest)}
    direct, query = DirectQueries(primary, timeout=5, max_rows=5000), "SELECT ?s WHERE { ?s ?p ?o }"

    def rows(**options) -> list[str]:
        data = b"".join(direct.query(query, JSON, **options)[1])
        return sorted(row["s"].value for row in ox.parse_query_results(data, ox.QueryResultsFormat.JSON))

    assert len(rows()) == 3000
    assert rows(default_graph=None, named_graphs=None, bindings=None, base_iri=None) == rows()
    assert rows(bindings={"o": ox.Literal("7")}) == [EX + "s7"]
    with pytest.raises(TypeError, match="binding"):
        rows(binding={"o": ox.Literal("7")})


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
        print(
            f"\n[pool overhead] heavy query p50: direct in-memory {timings['direct'] * 1000:.1f} ms, "
            f"through the pool {timings['pool'] * 1000:.1f} ms ({timings['pool'] / timings['direct']:.2f}x)"
        )
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


# --- replacement without a stall, snapshots, the memory cap ---------------------------------------------------


def big_quads(n: int) -> bytes:
    return "".join(
        f'<{EX}s{i}> <{EX}p> "value number {i} of a store large enough to take a while to dump" <{EX}g{i % 50}> .\n'
        for i in range(n)
    ).encode()


@pytest.fixture(scope="module")
def big_pool(tmp_path_factory):
    """An on-disk primary of 300k quads (its dump takes seconds) and a pool of 2 workers with a 1 s limit."""
    store = OxigraphStore.open(tmp_path_factory.mktemp("big") / "store")
    store._store.bulk_load(big_quads(300_000), ox.RdfFormat.N_QUADS)
    pool = QueryPool(store, workers=2, timeout=1.0, max_rows=1000)
    pool.start()
    yield pool
    pool.close()
    store.close()


def test_other_queries_answer_in_under_a_second_while_a_worker_is_replaced(big_pool, capsys):
    """Issue 12: a replacement rebuilt from a dump under the write lock made an ASK {} wait 15.9 s."""
    errors: list[Exception] = []

    def heavy():
        try:
            big_pool.query(SLOW, JSON)
        except QueryTimeout as exc:
            errors.append(exc)

    restarts = big_pool.restarts
    thread = threading.Thread(target=heavy)
    thread.start()
    latencies = []
    stop = time.monotonic() + 6.0  # the kill at 1 s, then the replacement loading 300k quads
    while time.monotonic() < stop and (thread.is_alive() or big_pool.alive < 2):
        started = time.perf_counter()
        _, stream = big_pool.query("ASK {}", JSON, timeout=30)  # measure the wait, whatever it is
        assert b"true" in stream.read()
        latencies.append(time.perf_counter() - started)
        time.sleep(0.02)
    thread.join()
    with capsys.disabled():
        print(
            f"\n[replacement] ASK {{}} during a kill and replacement: {len(latencies)} answers, "
            f"max {max(latencies) * 1000:.0f} ms, p50 {statistics.median(latencies) * 1000:.1f} ms"
        )
    assert errors and big_pool.restarts == restarts + 1
    assert max(latencies) < 1.0


def test_a_replacement_replays_the_writes_since_its_snapshot(pool, primary):
    triples = [ox.Triple(ox.NamedNode(EX + "y"), ox.NamedNode(EX + "p"), ox.Literal(str(i))) for i in range(5)]
    with pool.write_lock:
        primary.replace_graph(EX + "j", triples)
        pool.publish([Change(EX + "j", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))])
    before = pool.restarts
    for worker in list(pool._workers):  # every replica replaced: the new ones load the snapshot and the journal
        pool._retire(worker)
    deadline = time.monotonic() + 15
    while pool.alive < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pool.restarts == before + 2 and {n_of(pool) for _ in range(4)} == {3005}
    pool.compact()  # a new snapshot holds the write; the journal no longer needs it
    assert not pool._journal
    with pool.write_lock:
        primary.drop_graph(EX + "j")
        pool.publish([Change(EX + "j", None)])
    assert {n_of(pool) for _ in range(4)} == {3000}


def test_a_snapshot_no_worker_can_load_is_reported_once_and_not_retried():
    """A literal over 16 MiB (written before the write checks existed) cannot be reloaded by the engine."""
    store = OxigraphStore.open(None)
    store._store.add(
        ox.Quad(
            ox.NamedNode(EX + "s"),
            ox.NamedNode(EX + "p"),
            ox.Literal("x" * (17 * 1024 * 1024)),
            ox.NamedNode(EX + "huge"),
        )
    )  # past the store's own check, as before it existed
    store.replace_graph(EX + "g", [ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("ok"))])
    pool = QueryPool(store, workers=2, timeout=2.0, max_rows=1000)
    try:
        pool.start()
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="no query worker is running.*snapshot"):
            pool.query(COUNT, JSON)
        assert time.monotonic() - started < 0.5 and pool.restarts == 0 and pool.alive == 0
        with pool.write_lock:  # removing the literal makes the next snapshot loadable
            store.drop_graph(EX + "huge")
            pool.publish([Change(EX + "huge", None)])
        deadline = time.monotonic() + 15
        while pool.alive < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert n_of(pool) == 1
    finally:
        pool.close()
        store.close()


def test_a_query_over_the_memory_cap_ends_alone_and_the_worker_is_replaced(primary):
    pool = QueryPool(primary, workers=2, timeout=5.0, max_rows=1000, memory=128 * 1024 * 1024)
    pool.start()
    try:
        bomb = (
            'SELECT (STRLEN(?v30) AS ?n) WHERE { BIND("x" AS ?v0) '
            + " ".join(f"BIND(CONCAT(?v{i},?v{i}) AS ?v{i + 1})" for i in range(30))
            + " }"
        )
        started = time.monotonic()
        with pytest.raises(QueryOutOfMemory, match="query_worker_memory"):
            pool.query(bomb, JSON)
        assert time.monotonic() - started < 3.0
        assert n_of(pool) == 3000
        deadline = time.monotonic() + 15
        while pool.alive < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pool.alive == 2 and pool.restarts == 1
    finally:
        pool.close()


def test_a_new_snapshot_is_taken_in_the_background_when_the_journal_outgrows_it(primary):
    pool = QueryPool(primary, workers=1, timeout=5.0, max_rows=1000)
    pool.COMPACT_MIN = 10_000
    pool.start()
    try:
        first = pool._snapshot
        triples = [
            ox.Triple(ox.NamedNode(f"{EX}big{i}"), ox.NamedNode(EX + "p"), ox.Literal("z" * 1000)) for i in range(200)
        ]
        with pool.write_lock:
            primary.replace_graph(EX + "k", triples)
            pool.publish([Change(EX + "k", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))])
        deadline = time.monotonic() + 15
        while (pool._snapshot == first or pool._journal) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pool._snapshot != first and not pool._journal
        assert not os.path.exists(first)  # the old snapshot is deleted once no worker needs it
        pool._retire(pool._workers[0])  # a replacement from the new snapshot alone holds the write
        deadline = time.monotonic() + 15
        while pool.alive < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert n_of(pool) == 3200
    finally:
        with pool.write_lock:
            primary.drop_graph(EX + "k")
        pool.close()


@pytest.fixture(scope="module")
def fast_pool(primary):
    """A pool whose cheap-request bar is high enough that a loaded machine does not change which requests pass it."""
    pool = QueryPool(primary, workers=1, timeout=30.0, max_rows=10_000, cheap=0.3)
    pool.start()
    yield pool
    pool.close()


def publish(pool: QueryPool, primary, graph: str, triples: list | None) -> None:
    with pool.write_lock:
        if triples:
            primary.replace_graph(graph, triples)
        else:
            primary.drop_graph(graph)
        pool.publish([Change(graph, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else None)])


def test_a_cheap_request_is_answered_again_in_the_service_process_until_the_next_write(fast_pool, primary):
    query = f"SELECT ?o WHERE {{ <{EX}s7> ?p ?o }} ORDER BY ?o"
    first = fast_pool.query(query, JSON)[1].read()  # a worker answers, quickly: the request is marked cheap
    before = fast_pool.local_answers
    assert [fast_pool.query(query, JSON)[1].read() for _ in range(3)] == [first] * 3
    assert fast_pool.local_answers == before + 3
    publish(
        fast_pool, primary, EX + "k", [ox.Triple(ox.NamedNode(EX + "s7"), ox.NamedNode(EX + "q"), ox.Literal("more"))]
    )
    try:
        counted = fast_pool.local_answers
        assert b"more" in fast_pool.query(query, JSON)[1].read()  # new data: a worker answers first again
        assert fast_pool.local_answers == counted
        assert b"more" in fast_pool.query(query, JSON)[1].read() and fast_pool.local_answers == counted + 1
    finally:
        publish(fast_pool, primary, EX + "k", None)
    assert fast_pool.query(query, JSON)[1].read() == first


XSD = "http://www.w3.org/2001/XMLSchema#"
VARIED = [  # terms whose forms differ between the result formats (no blank nodes: each replica labels its own)
    ox.Literal("chat", language="fr"),
    ox.Literal("01", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("1.50", datatype=ox.NamedNode(XSD + "decimal")),
    ox.Literal("1e3", datatype=ox.NamedNode(XSD + "double")),
    ox.Literal("1", datatype=ox.NamedNode(XSD + "boolean")),
    ox.Literal("2024-01-02T03:04:05Z", datatype=ox.NamedNode(XSD + "dateTime")),
    ox.Literal('tab\there, "quotes", new\nline, <angle> & ampersand, ünïcödé, comma,'),
    ox.Literal("x", datatype=ox.NamedNode(EX + "custom")),
    ox.NamedNode(EX + "o?a=1&b=%3C2%3E"),
]


def test_answers_made_in_the_service_process_are_the_workers_bytes_in_every_result_format(fast_pool, primary):
    """The service process serialises a small result set in one pass of the engine, in the format asked; a worker
    counts the rows through TSV first.  Both give the same bytes, for every term form and an unbound variable."""
    subjects = [ox.NamedNode(f"{EX}v{i:02}") for i in range(len(VARIED))]
    publish(
        fast_pool, primary, EX + "varied", [ox.Triple(s, ox.NamedNode(EX + "p"), o) for s, o in zip(subjects, VARIED)]
    )
    query = (
        f"SELECT ?s ?o ?none WHERE {{ GRAPH <{EX}varied> {{ ?s ?p ?o }} OPTIONAL {{ ?s <{EX}nope> ?none }} }} "
        "ORDER BY ?s"
    )
    try:
        for name in ("json", "xml", "csv", "tsv"):
            formats = QueryFormats(name, "ntriples")
            ctype, stream = fast_pool.query(query, formats)  # a worker answers, quickly: the request is marked cheap
            from_worker, before = stream.read(), fast_pool.local_answers
            assert fast_pool.query(query, formats) == (ctype, [from_worker]), name
            assert fast_pool.local_answers == before + 1, name
            key = fast_pool._cheap_key(QueryRequest(query, formats, max_rows=fast_pool.max_rows))
            assert fast_pool._cheap[key].sized  # made in one pass: the answer's size proved the row limit
        assert b"ampersand" in from_worker and from_worker.count(b"\n") == 1 + len(VARIED)  # TSV: header and rows
    finally:
        publish(fast_pool, primary, EX + "varied", None)


@pytest.fixture(scope="module")
def tight_pool(primary):
    """A cheap pool whose row limit is smaller than the bytes of any answer: the size of an answer proves nothing."""
    pool = QueryPool(primary, workers=1, timeout=30.0, max_rows=5, cheap=0.3)
    pool.start()
    yield pool
    pool.close()


def test_the_row_limit_holds_for_answers_made_in_the_service_process_when_their_size_proves_nothing(tight_pool):
    within = f"SELECT ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?o LIMIT 5"
    first = tight_pool.query(within, JSON)[1].read()
    assert len(first) > 5  # more bytes than max_rows: the rows are counted in the service process too
    before = tight_pool.local_answers
    assert [tight_pool.query(within, JSON)[1].read() for _ in range(2)] == [first] * 2
    assert tight_pool.local_answers == before + 2
    over = within.replace("LIMIT 5", "LIMIT 6")
    for _ in range(3):
        with pytest.raises(TooManyRows, match="max_rows"):
            tight_pool.query(over, JSON)
    assert tight_pool.local_answers == before + 2


def test_requests_whose_work_can_change_or_that_call_out_never_run_in_the_service_process(fast_pool):
    before = fast_pool.local_answers
    for query in (
        "SELECT (RAND() AS ?r) WHERE {}",
        "SELECT (NOW() AS ?t) WHERE {}",
        "SELECT (STRUUID() AS ?u) WHERE {}",
        "SELECT (UUID() AS ?u) WHERE {}",
    ):
        for _ in range(3):
            fast_pool.query(query, JSON)[1].read()
    assert fast_pool.local_answers == before


def test_a_query_over_the_limit_is_stopped_every_time_never_run_in_the_service_process(pool):
    for _ in range(2):
        with pytest.raises(QueryTimeout, match="query_timeout"):
            pool.query(SLOW, JSON)
    assert n_of(pool) == 3000


def test_after_a_reload_the_service_process_answers_from_the_new_data(fast_pool, primary):
    query = f"ASK {{ <{EX}r> ?p ?o }}"
    for _ in range(2):
        assert b"false" in fast_pool.query(query, JSON)[1].read()
    with fast_pool.write_lock:  # an arbitrary update: in no journal, so everything reloads from a new snapshot
        primary.update(f"INSERT DATA {{ GRAPH <{EX}r> {{ <{EX}r> <{EX}p> 1 }} }}")
    try:
        fast_pool.reload()
        assert all(b"true" in fast_pool.query(query, JSON)[1].read() for _ in range(4))
    finally:
        with fast_pool.write_lock:
            primary.drop_graph(EX + "r")
            fast_pool.publish([Change(EX + "r", None)])
    assert b"false" in fast_pool.query(query, JSON)[1].read()


WATCHED = """
import sys, time
import pyoxigraph as ox
from sgkg.ingest.store import OxigraphStore
from sgkg.service.negotiation import QueryFormats
from sgkg.service.querypool import QueryPool, QueryRequest
store = OxigraphStore.open(None)
store.replace_graph("http://example.org/g", [ox.Triple(ox.NamedNode(f"http://example.org/s{i}"),
                    ox.NamedNode("http://example.org/p"), ox.Literal(str(i))) for i in range(3000)])
pool = QueryPool(store, workers=1, timeout=1.0, max_rows=10)
pool.start()
request = QueryRequest(sys.argv[1], QueryFormats("json", "ntriples"))
key = pool._cheap_key(request)
pool._remember_cheap(key, request, pool._generation, 0)  # as if a worker had answered it under the cheap bar
started = time.monotonic()
pool._answer_here(key, request)
print(f"answered in {time.monotonic() - started:.1f} s")
"""


def test_an_answer_made_in_the_service_process_past_the_limit_ends_that_process():
    """The time limit of the cheap path: a query that runs on in the service process is stopped with it."""
    import subprocess
    import sys

    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", WATCHED, SLOW], capture_output=True, text=True, timeout=120)
    assert done.returncode == QueryPool.EXIT_STUCK, done.stdout + done.stderr
    assert "answered" not in done.stdout and "query_timeout" in done.stderr
    assert time.monotonic() - started < 60
