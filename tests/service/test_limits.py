"""Limits an anonymous caller or a token holder cannot get past, attacked on loopback (issue 12,
findings 2 and 3): no write can make the store unreadable, no query can stall or exhaust the pool.

One `sgkg serve` with small limits for the module (2 workers, 2 s, 256 MiB per worker); the
restart test runs its own."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from tests.service.conftest import EX, TOKEN, Live, free_port, sgkg_command, start_server, stop_server

MEMORY = 256 * 1024 * 1024
SMALL = (
    "--query-workers",
    "2",
    "--query-timeout",
    "2",
    "--query-worker-memory",
    str(MEMORY),
    "--max-query-bytes",
    "100000",
    "--access-token",
    TOKEN,
)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
BOMB_GRAPH = EX + "bomb"


def doubling(times: int) -> str:
    """BIND(CONCAT(?v, ?v)) chained: "x" doubled ``times`` times (2**times characters) in a few hundred bytes."""
    return 'BIND("x" AS ?v0) ' + " ".join(f"BIND(CONCAT(?v{i},?v{i}) AS ?v{i + 1})" for i in range(times))


def literal_bomb_update(times: int = 24) -> str:
    """An update that stores one literal of 2**times bytes (16 MiB at 24: more than the engine can reload)."""
    return f"INSERT {{ GRAPH <{BOMB_GRAPH}> {{ <{EX}s> <{EX}p> ?v{times} }} }}\nWHERE {{ {doubling(times)} }}"


def billion_laughs(levels: int = 7) -> bytes:
    """RDF/XML whose internal entities expand tenfold per level: 10**(levels+1) bytes in one literal."""
    entities = '<!ENTITY a0 "xxxxxxxxxx">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, levels + 1)
    )
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [{entities}]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
        f'<rdf:Description rdf:about="{EX}s"><ex:p>&a{levels};</ex:p></rdf:Description></rdf:RDF>'
    ).encode()


def count(server) -> int:
    response = requests.get(server.sparql, params={"query": COUNT}, headers={"Accept": "application/json"}, timeout=30)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def ask_answers(server) -> bool:
    response = requests.get(server.sparql, params={"query": "ASK {}"}, timeout=30)
    return response.status_code == 200 and response.json()["boolean"] is True


def health(server, session=requests) -> dict:
    """/healthz of the HTTP process that answers (a session's kept-alive connection: the same process each time)."""
    return session.get(server.url + "/healthz", timeout=10).json()


def wait_for_workers(server, n: int = 2, within: float = 20.0, session=requests) -> dict:
    deadline = time.monotonic() + within
    while (state := health(server, session))["query_workers_alive"] < n and time.monotonic() < deadline:
        time.sleep(0.1)
    return state


def query_workers(server) -> dict[int, int]:
    """pid -> resident bytes of every process under the server spawned by multiprocessing (the query workers)."""
    found, todo = {}, [server.process.pid]
    while todo:
        pid = todo.pop()
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            todo += [int(c) for c in task.read_text().split()]
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        if b"spawn_main" in cmdline:
            rss = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
            found[pid] = rss * 1024
    return found


@pytest.fixture(scope="module")
def guarded(template_store, tmp_path_factory):
    root = tmp_path_factory.mktemp("limits")
    shutil.copytree(template_store, root / "store")
    # one HTTP process: /healthz and the worker counts below are that process's
    server = start_server(root / "store", root / "serve.log", *SMALL, "--http-workers", "1")
    yield server
    stop_server(server)


def test_an_update_building_a_16_mib_literal_is_refused_and_the_store_stays_readable(template_store, tmp_path):
    shutil.copytree(template_store, tmp_path / "store")
    server = start_server(tmp_path / "store", tmp_path / "serve.log", *SMALL)
    try:
        before = count(server)
        update = literal_bomb_update()
        assert len(update.encode()) < 1000
        response = requests.post(server.sparql, data={"update": update}, headers=server.auth(), timeout=60)
        assert response.status_code == 413, response.text
        assert response.json()["code"] == "SGKG304" and "max_literal_bytes" in response.json()["detail"]
        assert count(server) == before and ask_answers(server)
        assert requests.get(server.url + "/rdf-graph-store", params={"graph": BOMB_GRAPH}).status_code == 404
    finally:
        stop_server(server)
    server = start_server(tmp_path / "store", tmp_path / "serve2.log", *SMALL)
    try:
        assert count(server) == before and ask_answers(server)
        assert wait_for_workers(server)["query_workers_alive"] == 2
    finally:
        stop_server(server)


def test_a_billion_laughs_rdf_xml_put_is_refused_before_it_expands(guarded):
    body = billion_laughs()
    assert len(body) < 1000
    before = count(guarded)
    started = time.monotonic()
    response = requests.put(
        guarded.url + "/rdf-graph-store",
        params={"graph": BOMB_GRAPH},
        data=body,
        headers={"Content-Type": "application/rdf+xml", **guarded.auth()},
        timeout=60,
    )
    assert response.status_code == 413, response.text
    assert response.json()["code"] == "SGKG304" and "max_literal_bytes" in response.json()["detail"]
    assert time.monotonic() - started < 5
    assert requests.get(guarded.url + "/rdf-graph-store", params={"graph": BOMB_GRAPH}).status_code == 404
    assert count(guarded) == before and ask_answers(guarded)


def test_rdf_xml_with_small_entities_is_still_accepted(guarded):
    body = (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY ex "http://example.org/">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
        '<rdf:Description rdf:about="&ex;s"><ex:p rdf:resource="&ex;o"/></rdf:Description></rdf:RDF>'
    ).encode()
    params = {"graph": EX + "entities"}
    response = requests.put(
        guarded.url + "/rdf-graph-store",
        params=params,
        data=body,
        headers={"Content-Type": "application/rdf+xml", **guarded.auth()},
        timeout=60,
    )
    assert response.status_code == 201, response.text
    got = requests.get(guarded.url + "/rdf-graph-store", params=params, headers={"Accept": "application/n-triples"})
    assert got.text.strip() == f"<{EX}s> <{EX}p> <{EX}o> ."
    requests.delete(guarded.url + "/rdf-graph-store", params=params, headers=guarded.auth(), timeout=30)


def test_a_memory_bomb_select_ends_with_503_and_the_worker_memory_returns(guarded):
    wait_for_workers(guarded)
    restarts = health(guarded)["worker_restarts"]
    query = f"SELECT (STRLEN(?v30) AS ?n) WHERE {{ {doubling(30)} }}"
    assert len(query.encode()) < 1000
    started = time.monotonic()
    response = requests.get(guarded.sparql, params={"query": query}, timeout=60)
    elapsed = time.monotonic() - started
    assert response.status_code == 503, response.text
    assert response.json()["code"] == "SGKG412" and "query_worker_memory" in response.json()["detail"]
    assert elapsed < 2.0  # the cap ended it, not the 2 s time limit
    assert ask_answers(guarded)
    state = wait_for_workers(guarded)
    assert state["query_workers_alive"] == 2 and state["worker_restarts"] == restarts + 1
    workers = query_workers(guarded)
    assert len(workers) == 2 and all(rss < MEMORY for rss in workers.values()), workers


def test_a_query_nested_10000_deep_is_a_400_and_no_worker_dies(guarded):
    wait_for_workers(guarded)
    pids, restarts = set(query_workers(guarded)), health(guarded)["worker_restarts"]
    deep = "SELECT * WHERE " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000
    response = requests.post(guarded.sparql, data={"query": deep}, timeout=30)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "SGKG411" and "max_query_depth" in response.json()["detail"]
    update = "INSERT { ?s ?p ?o } WHERE " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000
    response = requests.post(guarded.sparql, data={"update": update}, headers=guarded.auth(), timeout=30)
    assert response.status_code == 400 and response.json()["code"] == "SGKG411", response.text
    assert ask_answers(guarded)
    assert set(query_workers(guarded)) == pids and health(guarded)["worker_restarts"] == restarts


def test_a_query_text_over_the_size_limit_is_a_413(guarded):
    padding = "# " + "x" * 120_000 + "\n"
    response = requests.post(guarded.sparql, data={"query": padding + "ASK {}"}, timeout=30)
    assert response.status_code == 413, response.text
    assert response.json()["code"] == "SGKG410" and "max_query_bytes" in response.json()["detail"]


def test_an_update_that_builds_too_much_meets_the_worker_memory_cap_not_the_server(guarded):
    """The dry run of an update happens in a query worker: 2**28 characters pass its 256 MiB cap, the
    server process is untouched and nothing is written."""
    wait_for_workers(guarded)
    before, server_pid = count(guarded), guarded.process.pid
    response = requests.post(
        guarded.sparql, data={"update": literal_bomb_update(28)}, headers=guarded.auth(), timeout=60
    )
    assert response.status_code == 503, response.text
    assert response.json()["code"] == "SGKG412" and "query_worker_memory" in response.json()["detail"]
    assert guarded.process.poll() is None and guarded.process.pid == server_pid
    assert count(guarded) == before and ask_answers(guarded)
    assert requests.get(guarded.url + "/rdf-graph-store", params={"graph": BOMB_GRAPH}).status_code == 404


def test_a_store_already_holding_a_literal_too_big_to_reload_says_so_and_recovers_when_it_is_dropped(
    template_store, tmp_path
):
    """A store written before the checks existed: queries answer a clear 503 at once (no replacement loop),
    and deleting the graph over the Graph Store Protocol brings the workers back without a restart."""
    shutil.copytree(template_store, tmp_path / "store")
    raw = ox.Store(str(tmp_path / "store"))
    raw.add(
        ox.Quad(
            ox.NamedNode(EX + "s"),
            ox.NamedNode(EX + "p"),
            ox.Literal("x" * (17 * 1024 * 1024)),
            ox.NamedNode(BOMB_GRAPH),
        )
    )
    del raw
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [*sgkg_command(), "serve", "--store", str(tmp_path / "store"), "--port", str(port), *SMALL],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Live(f"http://127.0.0.1:{port}", TOKEN, tmp_path / "serve.log", process)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(server.url + "/healthz", timeout=5)  # 503 while no worker runs: up is enough
                break
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
        started = time.monotonic()
        response = requests.get(server.sparql, params={"query": "ASK {}"}, timeout=30)
        assert response.status_code == 503 and time.monotonic() - started < 1.0, response.text
        assert response.json()["code"] == "SGKG302" and "snapshot" in response.json()["detail"]
        time.sleep(1.0)
        assert health(server)["worker_restarts"] == 0
        # the delete and the health checks on one kept-alive connection: the same HTTP process (fresh connections are
        # spread over both, and the other process's pool is rebuilt only once it reads again)
        with requests.Session() as one:
            dropped = one.delete(
                server.url + "/rdf-graph-store", params={"graph": BOMB_GRAPH}, headers=server.auth(), timeout=60
            )
            assert dropped.status_code == 204, dropped.text
            assert wait_for_workers(server, session=one)["query_workers_alive"] == 2
        assert ask_answers(server)
    finally:
        stop_server(server)
