"""Run SPARQL queries with a real time limit: a pool of worker processes with in-memory replicas.

pyoxigraph cannot cancel a query, so every query of the service runs in one of K worker
processes (multiprocessing "spawn"; K = setting ``query_workers``).  Each worker holds an
in-memory pyoxigraph copy of the store, loaded from a dump of the primary (on-disk) store
when it starts; in-memory reads are also several times faster than reads from disk.

A query goes to an idle worker, which evaluates it, counts the rows (``max_rows``),
tells the parent it is ready (``begin``) and streams the serialised bytes back in chunks.
If ``query_timeout`` passes first, the worker is killed and a replacement is started in
the background (it loads a fresh dump of the primary); the client gets QueryTimeout (503).

Writes go to the primary store first; then, under the same lock, the change (a list of
graph replacements) is queued to every worker and applied before that worker's next query,
in one go, so a reader sees every graph either before or after a write, never half of it.
A replacement worker's dump is taken under that lock too, so it misses no write.

For a remote store (or ``query_workers = 0``) `DirectQueries` offers the same call and
runs queries in the request thread (a remote store enforces its own HTTP timeout).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

import pyoxigraph as ox

from ingest import errors
from ingest.errors import QueryError, QueryTimeout, StoreError, StoreUnavailable
from ingest.store import has_dataset_clause, inject_values
from service.negotiation import QueryFormats
from service.serialize import ChunkWriter, write_result

log = logging.getLogger(__name__)
_CTX = multiprocessing.get_context("spawn")


@dataclass
class Change:
    """Replace one graph of the replicas: ``graph`` None is the default graph; ``ntriples`` None drops it."""

    graph: str | None
    ntriples: bytes | None


@dataclass
class QueryRequest:
    sparql: str
    formats: QueryFormats
    default_graph: list[str | None] | None = None  # None entries mean the store's default graph
    named_graphs: list[str] | None = None
    bindings: Mapping[str, Any] = field(default_factory=dict)
    max_rows: int = 100_000
    base_iri: str | None = None  # resolves relative IRIs in the query (the protocol's service-defined base)


# --- what runs in a worker process -------------------------------------------------------

def dataset_arguments(req: QueryRequest) -> dict[str, Any]:
    """pyoxigraph query arguments for the request's dataset (union default graph unless it names one)."""
    if req.default_graph is None and req.named_graphs is None:
        return {} if has_dataset_clause(req.sparql) else {"use_default_graph_as_union": True}
    return {
        "default_graph": [ox.NamedNode(g) if g else ox.DefaultGraph() for g in req.default_graph or []],
        "named_graphs": [ox.NamedNode(g) for g in req.named_graphs or []],
    }


def evaluate(store: ox.Store, req: QueryRequest) -> Any:
    """Evaluate lazily; a SyntaxError becomes QueryError with the parser's message and position.

    Bindings go in as a VALUES block (`ingest.store.inject_values`, as the store does), not
    pyoxigraph's ``substitutions=``, which needs the variable projected and hides it from BOUND().
    """
    try:
        return store.query(inject_values(req.sparql, req.bindings), base_iri=req.base_iri, **dataset_arguments(req))
    except SyntaxError as exc:
        raise QueryError(f"malformed query: {exc}", hint="check the query near the position given") from None


def apply_changes(store: ox.Store, changes: list[Change]) -> None:
    for change in changes:
        graph = ox.NamedNode(change.graph) if change.graph else ox.DefaultGraph()
        if change.graph is None:
            store.clear_graph(graph)
        elif store.contains_named_graph(graph):
            store.remove_graph(graph)
        if change.ntriples:
            store.load(change.ntriples, ox.RdfFormat.N_TRIPLES, to_graph=graph)


def _answer(store: ox.Store, conn, req: QueryRequest) -> None:
    def emit(data: bytes) -> None:
        conn.send(("chunk", data))

    try:
        write_result(evaluate(store, req), req.formats, req.max_rows, ChunkWriter(emit),
                     on_ready=lambda fmt: conn.send(("begin", fmt.content_type)))
    except errors.SgkgError as exc:
        conn.send(("error", type(exc).__name__, exc.message, exc.hint))
    except Exception:  # noqa: BLE001 - handed to the parent, which logs it and answers 500
        conn.send(("error", None, traceback.format_exc(), None))
    else:
        conn.send(("end",))


def worker_main(conn, snapshot: str | None, snapshot_format: str) -> None:
    """A worker process: load the snapshot into memory, then answer messages until told to stop."""
    store = ox.Store()
    if snapshot:
        store.bulk_load(path=snapshot, format=ox.RdfFormat.from_extension(snapshot_format))
    conn.send(("ready", len(store)))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "apply":
            apply_changes(store, message[1])
        elif message[0] == "query":
            _answer(store, conn, message[1])
        else:
            return


# --- the parent side ------------------------------------------------------------------------


class _Worker:
    def __init__(self, number: int, snapshot: str | None, fmt: str):
        self.number = number
        self.conn, child = _CTX.Pipe()
        self.process = _CTX.Process(target=worker_main, args=(child, snapshot, fmt),
                                    name=f"sgkg-query-{number}", daemon=True)
        self.child = child
        self.pending: list[Change] = []
        self.alive = True

    def kill(self) -> None:
        self.alive = False
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


def _rebuild_error(name: str | None, message: str, hint: str | None) -> Exception:
    if name is None:
        return StoreError(f"query worker failed:\n{message}")
    cls = getattr(errors, name, errors.SgkgError)
    return cls(message, hint=hint)


class QueryPool:
    """K worker processes with in-memory replicas of ``store``; see the module docstring."""

    def __init__(self, store, *, workers: int, timeout: float, max_rows: int):
        self.store, self.size, self.timeout, self.max_rows = store, max(1, workers), timeout, max_rows
        self.write_lock = threading.RLock()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: list[_Worker] = []
        self._numbers = iter(range(1, 1 << 30))
        self._closed = False
        self._snapshot_users: dict[str, int] = {}
        self._tmp = tempfile.TemporaryDirectory(prefix="sgkg-pool-")
        self.restarts = 0
        self.timeouts = 0

    # lifecycle -------------------------------------------------------------
    def start(self, wait: bool = True) -> None:
        with self.write_lock:
            snapshot = self._snapshot()
            started = [self._register(snapshot) for _ in range(self.size)]
        threads = [threading.Thread(target=self._boot, args=(w, snapshot), daemon=True) for w in started]
        for t in threads:
            t.start()
        if wait:
            for t in threads:
                t.join()

    def close(self) -> None:
        self._closed = True
        with self.write_lock:
            workers, self._workers = self._workers, []
        for w in workers:
            w.kill()
        self._tmp.cleanup()

    @property
    def alive(self) -> int:
        return sum(1 for w in self._workers if w.alive)

    def _snapshot(self) -> str:
        path = os.path.join(self._tmp.name, f"snapshot-{next(self._numbers)}.nq")
        data = self.store.dump("nquads")
        with open(path, "wb") as f:
            f.write(data)
        return path

    def _register(self, snapshot: str) -> _Worker:
        worker = _Worker(next(self._numbers), snapshot, "nq")
        self._workers.append(worker)
        self._snapshot_users[snapshot] = self._snapshot_users.get(snapshot, 0) + 1
        return worker

    def _boot(self, worker: _Worker, snapshot: str) -> None:
        started = time.monotonic()
        worker.process.start()
        worker.child.close()
        try:
            ok = worker.conn.poll(max(600.0, self.timeout))
            message = worker.conn.recv() if ok else None
        except (EOFError, OSError):
            message = None
        self._forget_snapshot(snapshot)
        if not message or message[0] != "ready":
            log.error("query worker %d did not start; retiring it", worker.number)
            self._retire(worker, replace=False)
            return
        log.info("query worker %d ready with %d quads in %.2fs", worker.number, message[1],
                 time.monotonic() - started)
        self._idle.put(worker)

    def _forget_snapshot(self, snapshot: str) -> None:
        """Delete a snapshot once every worker started from it has loaded it."""
        with self.write_lock:
            self._snapshot_users[snapshot] -= 1
            if self._snapshot_users[snapshot] > 0:
                return
            del self._snapshot_users[snapshot]
        with contextlib.suppress(FileNotFoundError):
            os.unlink(snapshot)

    def _retire(self, worker: _Worker, replace: bool = True) -> None:
        with self.write_lock:
            if worker in self._workers:
                self._workers.remove(worker)
        worker.kill()
        if replace and not self._closed:
            self.restarts += 1
            with self.write_lock:
                snapshot = self._snapshot()
                fresh = self._register(snapshot)
            threading.Thread(target=self._boot, args=(fresh, snapshot), daemon=True).start()

    # writes ----------------------------------------------------------------
    def publish(self, changes: list[Change]) -> None:
        """Queue graph replacements (already written to the primary) to every replica."""
        with self.write_lock:
            for w in self._workers:
                w.pending.extend(changes)

    def reload(self) -> None:
        """Replace every worker from a fresh dump (after a change that cannot be replayed)."""
        with self.write_lock:
            old = list(self._workers)
        for w in old:
            self._retire(w)

    # queries ---------------------------------------------------------------
    def query(self, sparql: str, formats: QueryFormats, default_graph=None, named_graphs=None,
              bindings: Mapping[str, Any] | None = None, timeout: float | None = None,
              base_iri: str | None = None) -> tuple[str, ResultStream]:
        """Run one query; returns (content type, iterator of bytes).  Raises before any byte on
        a malformed query, a refused format, too many rows or the time limit."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        req = QueryRequest(sparql, formats, default_graph, named_graphs, dict(bindings or {}), self.max_rows, base_iri)
        worker = self._acquire(deadline, timeout)
        with self.write_lock:
            pending, worker.pending = worker.pending, []
        try:
            if pending:
                worker.conn.send(("apply", pending))
            worker.conn.send(("query", req))
        except (OSError, ValueError):
            self._retire(worker)
            raise StoreUnavailable("a query worker stopped unexpectedly; try again") from None
        message = self._receive(worker, deadline, timeout)
        if message[0] == "begin":
            return message[1], ResultStream(self, worker)
        self._idle.put(worker)
        raise _rebuild_error(*message[1:])

    def _acquire(self, deadline: float, timeout: float) -> _Worker:
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self.timeouts += 1
                raise QueryTimeout(
                    f"all {self.size} query workers stayed busy for {timeout:g} s (settings query_timeout, "
                    "query_workers)", hint="try again later, or raise --query-workers") from None
            if worker.alive and worker.process.is_alive():
                return worker
            self._retire(worker)

    def _receive(self, worker: _Worker, deadline: float, timeout: float) -> tuple:
        """The worker's next message, or kill it at the deadline (QueryTimeout)."""
        try:
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                return worker.conn.recv()
        except (EOFError, OSError):
            self._retire(worker)
            raise StoreError(f"query worker {worker.number} died while answering") from None
        self.timeouts += 1
        log.warning("query worker %d passed the %g s limit; killing and replacing it", worker.number, timeout)
        self._retire(worker)
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped (setting query_timeout)",
                           hint="make the query more selective, or raise --query-timeout / SGKG_QUERY_TIMEOUT")


class ResultStream:
    """The bytes of one answer as the worker sends them; ``close()`` frees the worker."""

    def __init__(self, pool: QueryPool, worker: _Worker):
        self._pool, self._worker, self._done = pool, worker, False

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        if self._done:
            raise StopIteration
        message = self._next_message()
        if message[0] == "chunk":
            return message[1]
        self._release()
        if message[0] == "end":
            raise StopIteration
        raise _rebuild_error(*message[1:])

    def _next_message(self) -> tuple:
        timeout = self._pool.timeout
        try:
            return self._pool._receive(self._worker, time.monotonic() + timeout, timeout)
        except Exception:
            self._done = True
            raise

    def _release(self) -> None:
        self._done = True
        self._pool._idle.put(self._worker)

    def close(self) -> None:
        """Drain what the worker still sends (the query is already evaluated) and free it."""
        while not self._done:
            try:
                kind = self._next_message()[0]
            except Exception:  # noqa: BLE001 - the worker was killed and replaced already
                return
            if kind != "chunk":
                self._release()

    def __del__(self) -> None:
        if not self._done:
            self.close()

    def read(self) -> bytes:
        """Every byte (for in-process callers)."""
        try:
            return b"".join(self)
        finally:
            self.close()


class DirectQueries:
    """The same `query` call without worker processes: a remote store (which applies its own HTTP
    timeout) or ``query_workers = 0`` (no time limit; for tests and debugging)."""

    def __init__(self, store, *, timeout: float, max_rows: int):
        self.store, self.timeout, self.max_rows = store, timeout, max_rows
        self.write_lock = threading.RLock()
        self.restarts = self.timeouts = 0
        self.size = self.alive = 0

    def start(self, wait: bool = True) -> None:
        pass

    def close(self) -> None:
        pass

    def publish(self, changes: list[Change]) -> None:
        pass

    def reload(self) -> None:
        pass

    def query(self, sparql: str, formats: QueryFormats, default_graph=None, named_graphs=None,
              bindings: Mapping[str, Any] | None = None, timeout: float | None = None,
              base_iri: str | None = None) -> tuple[str, Iterator[bytes]]:
        if default_graph is not None:  # the store's own default graph cannot be named through the interface
            default_graph = [g for g in default_graph if g]
        raw = self.store.query(sparql, bindings=bindings or None, default_graph=default_graph,
                               named_graphs=named_graphs)
        chunks: list[bytes] = []
        fmt = write_result(raw, formats, self.max_rows, ChunkWriter(chunks.append))
        return fmt.content_type, iter(chunks)
