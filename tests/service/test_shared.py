"""Several HTTP processes over one store: the owner's journal, replicas that follow it, `sgkg serve` end to end."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Listener
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from sgkg.ingest.errors import QueryError, StoreUnavailable
from sgkg.ingest.store import OxigraphStore
from sgkg.service.owner import Owner, serve_requests
from sgkg.service.querypool import Change
from sgkg.service.shared import Follower, SharedFiles, read_state
from tests.service.conftest import EX, start_server, stop_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}"


def nt(size: int, tag: str = "t") -> bytes:
    return "".join(f'<{EX}{tag}{i}> <{EX}p> "{i}" .\n' for i in range(size)).encode()


@pytest.fixture
def owner(tmp_path):
    files = SharedFiles(str(tmp_path), os.urandom(16))
    store = OxigraphStore.open(None)
    owner = Owner(store, files)
    owner.start()
    listener = Listener(files.address, family="AF_UNIX", authkey=files.authkey)
    threading.Thread(target=serve_requests, args=(owner, listener), daemon=True).start()
    yield owner
    listener.close()


def test_a_write_returns_once_every_replica_reads_it(owner):
    writer, reader = Follower(owner.files, keep_up=0), Follower(owner.files, keep_up=0)
    for size in (3, 7, 0, 5):
        writer.commit([Change(EX + "g", nt(size) or None)])
        assert reader.count(EX + "g") == size == writer.count(EX + "g")  # no wait, no poll: on the next read
    assert reader.has_graph(EX + "g") and reader.graph_names() == [EX + "g"]


def test_replicas_follow_new_snapshots_and_reload_after_an_arbitrary_update(owner):
    owner.COMPACT_MIN = 0  # a new snapshot (epoch) after every write
    writer, behind = Follower(owner.files, keep_up=0), Follower(owner.files, keep_up=0)
    for i in range(4):  # `behind` reads nothing meanwhile: its journal's successors are deleted under it
        writer.commit([Change(EX + f"g{i}", nt(i + 1, f"g{i}-"))])
    assert owner.epoch == 5 and not Path(owner.files.journal(2)).exists()
    assert behind.graph_names() == [EX + f"g{i}" for i in range(4)] and behind.count(EX + "g3") == 4
    writer.update(f"INSERT DATA {{ GRAPH <{EX}u> {{ <{EX}a> <{EX}p> 1 }} }}")
    assert behind.has_graph(EX + "u") and writer.has_graph(EX + "u")
    state = os.open(owner.files.state, os.O_RDONLY)
    try:  # caught up: the next read compares the state and finds nothing to do
        assert read_state(state) == (behind.epoch, behind.generation) == (writer.epoch, writer.generation)
    finally:
        os.close(state)
    assert len(list(behind.query(COUNT.format(EX + "g2")).rows)) == 1


def test_cheap_answers_made_in_an_http_process_come_from_its_replica_and_see_each_write_at_once(owner):
    from sgkg.service.negotiation import QueryFormats
    from sgkg.service.querypool import QueryPool

    follower = Follower(owner.files, keep_up=0)
    pool = QueryPool(follower, workers=1, timeout=30.0, max_rows=100, cheap=0.3, replica=follower.engine)
    follower.pool = pool
    pool.start()

    def n() -> int:
        data = pool.query(COUNT.format(EX + "g"), QueryFormats("json", "ntriples"))[1].read()
        return int(next(iter(ox.parse_query_results(data, ox.QueryResultsFormat.JSON)))["n"].value)

    try:
        follower.commit([Change(EX + "g", nt(3))])
        assert n() == 3  # a worker answers, quickly: the request is marked cheap
        before = pool.local_answers
        assert n() == 3 and pool.local_answers == before + 1
        follower.commit([Change(EX + "g", nt(5))])
        assert [n() for _ in range(3)] == [5, 5, 5]  # a worker first (new data), then the replica
        assert pool.local_answers == before + 3
    finally:
        pool.close()


def test_an_update_the_owner_refuses_comes_back_as_the_same_error(owner):
    writer = Follower(owner.files, keep_up=0)
    with pytest.raises(QueryError, match="malformed update"):
        writer.update("INSERT DATA { nonsense")
    assert writer.graph_names() == []


def test_a_snapshot_a_replica_cannot_load_is_read_through_the_owner_until_a_write_removes_it(tmp_path):
    files = SharedFiles(str(tmp_path), os.urandom(16))
    store = OxigraphStore.open(None)
    store._store.add(
        ox.Quad(
            ox.NamedNode(EX + "s"),
            ox.NamedNode(EX + "p"),
            ox.Literal("x" * (17 * 1024 * 1024)),
            ox.NamedNode(EX + "bomb"),
        )
    )  # written before the limits existed
    owner = Owner(store, files)
    owner.start()
    listener = Listener(files.address, family="AF_UNIX", authkey=files.authkey)
    threading.Thread(target=serve_requests, args=(owner, listener), daemon=True).start()
    try:
        replica = Follower(files, keep_up=0)
        assert "snapshot" in replica.failure
        assert replica.has_graph(EX + "bomb") and replica.graph_names() == [EX + "bomb"]  # the owner answers
        with pytest.raises(StoreUnavailable, match="no copy of the store"):
            replica.query("ASK {}")
        replica.commit([Change(EX + "bomb", None)])
        assert replica.failure is None and replica.graph_names() == []
        assert replica.query("ASK { ?s ?p ?o }").boolean is False
    finally:
        listener.close()


def http_processes(live) -> list[int]:
    """The gunicorn worker processes of a live `sgkg serve` (children of its master, not the store owner)."""
    children = Path(f"/proc/{live.process.pid}/task/{live.process.pid}/children").read_text().split()
    return [
        int(pid)
        for pid in children
        if b"sgkg.service.owner" not in Path(f"/proc/{pid}/cmdline").read_bytes()
        and b"serve" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def counts(live, graph: str, n: int = 8) -> set[int]:
    """The graph's size as ``n`` concurrent readers on fresh connections see it."""

    def one(_):
        response = requests.get(live.sparql, params={"query": COUNT.format(graph)}, timeout=30)
        assert response.status_code == 200, response.text
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    with ThreadPoolExecutor(n) as pool:
        return set(pool.map(one, range(n)))


def test_serve_runs_several_http_processes_and_every_one_reads_each_write_at_once(live):
    assert len(http_processes(live)) == 2
    put = {"Content-Type": "application/n-triples", **live.auth()}
    url, graph = live.url + "/rdf-graph-store", EX + "shared"
    for size in (5, 9, 2, 11, 4, 7):
        assert requests.put(url, params={"graph": graph}, data=nt(size), headers=put).status_code in (201, 204)
        assert counts(live, graph) == {size}
    assert requests.delete(url, params={"graph": graph}, headers=live.auth()).status_code == 204
    assert counts(live, graph) == {0}


def test_an_http_process_killed_is_replaced_and_the_others_answer_meanwhile(template_store, tmp_path):
    shutil.copytree(template_store, tmp_path / "store")
    live = start_server(
        tmp_path / "store",
        tmp_path / "serve.log",
        "--http-workers",
        "2",
        "--query-workers",
        "1",
        "--access-token",
        "kill-test-token",
    )
    try:
        first, second = http_processes(live)
        os.kill(first, signal.SIGKILL)
        assert counts(live, EX + "none") == {0}  # the other process answers while the first is replaced
        put = {"Content-Type": "application/n-triples", "Authorization": "Bearer kill-test-token"}
        assert (
            requests.put(live.url + "/rdf-graph-store", params={"graph": EX + "k"}, data=nt(3), headers=put).status_code
            == 201
        )
        deadline = time.monotonic() + 60
        while len(http_processes(live)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert second in http_processes(live) and len(http_processes(live)) == 2
        assert counts(live, EX + "k") == {3}
    finally:
        stop_server(live)


def test_stopping_the_server_s_process_group_leaves_no_shared_files(template_store, tmp_path):
    """SIGTERM to every process of `sgkg serve` (as a service manager or the benchmark stops it): the owner
    removes its snapshot and journal too."""
    import subprocess

    from tests.service.conftest import free_port, sgkg_command

    shutil.copytree(template_store, tmp_path / "store")
    port = free_port()
    with (tmp_path / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [*sgkg_command(), "serve", "--store", str(tmp_path / "store"), "--port", str(port), "--query-workers", "1"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        owner = next(
            pid
            for pid in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
            if b"sgkg.service.owner" in Path(f"/proc/{pid}/cmdline").read_bytes()
        )
        state = next(
            link for link in (os.readlink(fd) for fd in Path(f"/proc/{owner}/fd").iterdir()) if link.endswith("/state")
        )
        directory = Path(state).parent
        assert (directory / "snapshot-1.nq").is_file()
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)
        deadline = time.monotonic() + 15
        while directory.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not directory.exists()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
