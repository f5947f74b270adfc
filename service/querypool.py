"""Run SPARQL queries with a real time limit and memory cap: worker processes with in-memory replicas.

pyoxigraph cannot cancel a query, so every query of the service runs in one of K worker
processes (multiprocessing "spawn"; K = setting ``query_workers``).  Each worker holds an
in-memory pyoxigraph copy of the store; in-memory reads are also several times faster than
reads from disk.  A worker's address space is capped (``RLIMIT_AS``, setting
``query_worker_memory``): a query that reaches the cap ends that worker only.

A query goes to an idle worker, which evaluates it, counts the rows (``max_rows``) and
sends the serialised bytes back: an answer of one chunk (64 KiB) in one message (one wake-up
of the request thread, and a body with a Content-Length), a longer one as ``begin`` and chunks.
If ``query_timeout`` passes first, the worker is killed (QueryTimeout, 503); if the worker
dies, the error says how (its memory cap: QueryOutOfMemory; a crash: QueryWorkerFailed).
Either way a replacement starts in the background.

Replicas are made from one shared snapshot plus a journal, never from a dump per
replacement.  The snapshot is an N-Quads file of the primary; the journal is every change
(a list of graph replacements) written since.  Writes go to the primary store first, then
their change is queued to every worker (applied before that worker's next query, in one go,
so a reader sees every graph either before or after a write, never half of it) and appended
to the journal.  A replacement loads the snapshot and replays the journal, outside any lock
the readers wait on, while the other workers go on answering.  When the journal outgrows a quarter
of the snapshot (and 32 MiB), a new snapshot is dumped in the background, without the write lock: every change
is a whole-graph replacement, so replaying the journal from the moment the dump began gives
the same store whatever the dump saw of writes made during it.  The on-disk store is compacted
(``optimize``) just before, in the same background thread: it grows with writes and deletes,
and its dump slows with it.  A snapshot that a worker
cannot load retires that worker (StoreUnavailable says why); no replacement is tried until
the next snapshot.

Cheap requests are answered in the service process itself.  It keeps its own in-memory replica (loaded from
the same snapshot and journal, every write applied to it before the write returns).  When a worker has
answered a request (the same text, formats, dataset, bindings and base IRI) in one message in under ``cheap``
seconds (setting ``cheap_query_time``, 10 ms, and at most 1/100 of the time limit) and nothing has been
written since, the same request is answered again from that replica in the request thread: no message to a
worker and back, which is most of a cheap query's cost.  Its dataset arguments are worked out once, when it is
marked cheap, and a result set is serialised in one pass in the format asked when the worker's answer had at
most ``max_rows`` bytes (a row takes at least one byte, so the size proves the row limit; otherwise the rows
are counted as in a worker).  It is the same work on the same data as a moment before, so it should stay far
inside the time limit and the memory cap; every other request, the first after each write, and any text that
calls out (SERVICE) or whose work can change between runs (RAND, NOW, UUID, STRUUID) goes to a worker as
before, killed at the limit.  The limit still holds here: a watchdog thread ends the whole service process
(exit status 70) if such an answer is still running at ``query_timeout`` (the engine releases the GIL while it
evaluates, so the watchdog runs); under `sgkg serve` with several HTTP processes, gunicorn starts a new one
while the others answer.  A write being applied while such an answer is made throws the answer away (a worker
answers).  Several request threads can answer at once (the engine releases the GIL while it evaluates).  The
replica costs the service process one more copy of the store in memory.

For a remote store (or ``query_workers = 0``) `DirectQueries` offers the same call and
runs queries in the request thread (a remote store enforces its own HTTP timeout).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import re
import resource
import signal
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, TypedDict, Unpack

import pyoxigraph as ox

from sgkg.ingest import errors
from sgkg.ingest.errors import (
    OutboundFailed,
    QueryError,
    QueryOutOfMemory,
    QueryTimeout,
    QueryWorkerFailed,
    StoreError,
    StoreUnavailable,
)
from sgkg.ingest.limits import check_terms
from sgkg.ingest.sparqltext import dataset_options, inject_values, syntax_error, written_iris
from sgkg.ingest.store import OxigraphStore, graph_contents
from sgkg.service.negotiation import QueryFormats
from sgkg.service.serialize import CHUNK, ChunkWriter, sized_solutions, write_result

log = logging.getLogger(__name__)
_CTX = multiprocessing.get_context("spawn")
_VOLATILE = re.compile(r"(?i)\b(?:service|rand|now|uuid|struuid)\b")  # never answered in the service process
_SERVICE = re.compile(r"(?i)\bservice\b")


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


class RequestOptions(TypedDict, total=False):
    """What a query request may say besides its text and formats, each optional (the fields of `QueryRequest`):
    the dataset (``default_graph``, None entries meaning the store's default graph; ``named_graphs``),
    ``bindings`` (variable name -> term, bound by the engine) and ``base_iri``."""

    default_graph: list[str | None] | None
    named_graphs: list[str] | None
    bindings: Mapping[str, Any] | None
    base_iri: str | None


@dataclass
class UpdateRequest:
    """A SPARQL Update to evaluate on copies of ``graphs`` (None: every graph; None in the list: the
    default graph); nothing is written, the changed graphs come back."""

    sparql: str
    graphs: list[str | None] | None
    max_literal_bytes: int
    base_iri: str | None = None


Changes = dict[str | None, list[ox.Triple] | None]  # graph (None: default) -> its new triples (None: dropped)


# --- what runs in a worker process -------------------------------------------------------


def dataset_arguments(req: QueryRequest) -> dict[str, Any]:
    """pyoxigraph query arguments for the request's dataset (union default graph unless it names one)."""
    if req.default_graph is None and req.named_graphs is None:
        return dataset_options(req.sparql)
    # the protocol: only what is named
    return dataset_options(req.sparql, req.default_graph or [], req.named_graphs or [])


def evaluate(store: ox.Store, req: QueryRequest, dataset: Mapping[str, Any] | None = None) -> Any:
    """Evaluate lazily; a SyntaxError becomes QueryError with the parser's message and position.

    Bindings go in as a VALUES block (`ingest.sparqltext.inject_values`, as the store does), not
    pyoxigraph's ``substitutions=``, which needs the variable projected and hides it from BOUND().
    ``dataset``: the request's `dataset_arguments`, when the caller already has them.
    """
    if dataset is None:
        dataset = dataset_arguments(req)
    try:
        return store.query(inject_values(req.sparql, req.bindings), base_iri=req.base_iri, **dataset)
    except SyntaxError as exc:
        raise syntax_error(exc) from None


def _graph_node(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.NamedNode(graph) if graph else ox.DefaultGraph()


def apply_changes(store: ox.Store, changes: list[Change]) -> None:
    for change in changes:
        graph = _graph_node(change.graph)
        if change.graph is None:
            store.clear_graph(graph)
        elif store.contains_named_graph(graph):
            store.remove_graph(graph)
        if change.ntriples:
            store.load(change.ntriples, ox.RdfFormat.N_TRIPLES, to_graph=graph)


def changed_graphs(store: ox.Store, req: UpdateRequest) -> Changes:
    """Run the update on a copy of the graphs it can touch; the graphs it changed, with their new triples.

    What the update would store is checked against ``max_literal_bytes`` here, before anything is written."""
    graphs = (
        req.graphs
        if req.graphs is not None
        else [None] + [g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)]
    )
    scratch, before = ox.Store(), {}
    for graph in graphs:
        quads = list(store.quads_for_pattern(None, None, None, _graph_node(graph)))
        before[graph] = {q.triple for q in quads}
        scratch.extend(quads)
    try:
        scratch.update(req.sparql, base_iri=req.base_iri)
    except SyntaxError as exc:
        raise syntax_error(exc, "update") from None
    written = set(before) | {g.value for g in scratch.named_graphs() if isinstance(g, ox.NamedNode)}
    changes: Changes = {}
    for graph in sorted(written, key=lambda g: g or ""):
        after = [q.triple for q in scratch.quads_for_pattern(None, None, None, _graph_node(graph))]
        if set(after) != before.get(graph, set()):
            changes[graph] = after or None
    check_terms(changes, req.max_literal_bytes)
    return changes


def _send_failure(conn, exc: BaseException) -> bool:
    """Hand an exception to the parent; False when the worker should exit (it ran out of memory)."""
    if isinstance(exc, errors.SgkgError):
        conn.send(("error", type(exc).__name__, exc.message, exc.hint))
    elif isinstance(exc, MemoryError):
        conn.send(("error", "QueryOutOfMemory", "", None))  # the parent words it and replaces this worker
        return False
    else:  # handed to the parent, which logs it and answers 500
        conn.send(("error", None, "".join(traceback.format_exception(exc)), None))
    return True


def _dry_run(store: ox.Store, conn, req: UpdateRequest) -> bool:
    try:
        changes = changed_graphs(store, req)
    except Exception as exc:  # noqa: BLE001 - every failure goes to the parent as it is
        return _send_failure(conn, exc)
    conn.send(
        ("changes", {g: ox.serialize(t, format=ox.RdfFormat.N_TRIPLES) if t else None for g, t in changes.items()})
    )
    return True


class _Reply:
    """The bytes of one answer on their way to the parent: an answer that fits in one chunk goes as one
    message ``("answer", content type, bytes)``; a longer one as ``begin``, ``chunk``... and ``end``.
    The last chunk is held back until the next one (or the end) shows whether the answer is longer."""

    def __init__(self, conn):
        self.conn, self.content_type, self.held, self.begun = conn, "", None, False

    def ready(self, fmt) -> None:
        self.content_type = fmt.content_type

    def emit(self, data: bytes) -> None:
        if self.held is not None:
            if not self.begun:
                self.conn.send(("begin", self.content_type))
                self.begun = True
            self.conn.send(("chunk", self.held))
        self.held = data

    def finish(self, seconds: float) -> None:
        if not self.begun and len(self.held or b"") <= CHUNK:
            self.conn.send(("answer", self.content_type, self.held or b"", seconds))
            return
        if not self.begun:
            self.conn.send(("begin", self.content_type))
        if self.held is not None:
            self.conn.send(("chunk", self.held))
        self.conn.send(("end",))


def outbound_failure(sparql: str, exc: OSError) -> OSError | OutboundFailed:
    """The engine's I/O error for a query that calls out (SERVICE) is that endpoint failing (502)."""
    if not _SERVICE.search(sparql):
        return exc
    return OutboundFailed(
        f"a SERVICE endpoint the query calls failed: {exc}",
        hint="check that the endpoint is up and answers SPARQL; it is on outbound_allow",
    )


def _answer(store: ox.Store, conn, req: QueryRequest) -> bool:
    """Answer one query; False when the worker should exit (it ran out of memory)."""
    reply, started = _Reply(conn), time.perf_counter()
    try:
        try:
            write_result(evaluate(store, req), req.formats, req.max_rows, ChunkWriter(reply.emit), on_ready=reply.ready)
        except OSError as exc:
            raise outbound_failure(req.sparql, exc) from None
    except Exception as exc:  # noqa: BLE001 - every failure goes to the parent as it is
        return _send_failure(conn, exc)
    reply.finish(time.perf_counter() - started)
    return True


def cap_memory(limit: int) -> None:
    """Cap this process's address space (RLIMIT_AS) at ``limit`` bytes; 0 leaves it uncapped."""
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def worker_main(conn, snapshot: str | None, snapshot_format: str, memory: int = 0) -> None:
    """A worker process: cap its memory, load the snapshot, then answer messages until told to stop."""
    cap_memory(memory)
    store = ox.Store()
    try:
        if snapshot:
            store.load(path=snapshot, format=ox.RdfFormat.from_extension(snapshot_format))  # bulk_load peaks higher
    except (MemoryError, OSError, SyntaxError, ValueError) as exc:
        conn.send(("failed", f"loading the store snapshot failed ({type(exc).__name__}: {exc})"))
        return
    conn.send(("ready", len(store)))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "apply":
            apply_changes(store, message[1])
        elif message[0] == "ping":
            conn.send(("pong", len(store)))
        elif message[0] in ("query", "update"):
            if not (_answer if message[0] == "query" else _dry_run)(store, conn, message[1]):
                return
        else:
            return


# --- the parent side ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cheap:
    """What the pool remembers of a request a worker answered quickly: the generation of the data it was answered
    on, its dataset arguments (worked out once, not per answer) and whether the worker's answer was at most
    ``max_rows`` bytes (then the size of an answer made here proves the row limit: `serialize.sized_solutions`)."""

    generation: int
    dataset: Mapping[str, Any]
    sized: bool


class _LocalReplica:
    """An in-memory replica inside the service process, for requests a worker has just shown to be cheap."""

    def __init__(self):
        self.store: ox.Store | None = None
        self.pending: list[Change] = []  # published, not yet applied (guarded by the pool's _state)
        self.generation = -1  # the pool generation of the data held; -1 while not loaded or being changed
        self.build = 0  # the latest (re)build started; an older one finishing is thrown away
        self.failed = False  # the last build could not load the snapshot
        self.apply_lock = threading.Lock()


class _Worker:
    def __init__(self, number: int, snapshot: str | None, fmt: str, memory: int):
        self.number = number
        self.snapshot = snapshot
        self.conn, child = _CTX.Pipe()
        self.process = _CTX.Process(
            target=worker_main, args=(child, snapshot, fmt, memory), name=f"sgkg-query-{number}", daemon=True
        )
        self.child = child
        self.pending: list[Change] = []
        self.generation = 0  # the pool generation of the data the worker has been sent
        self.alive = True
        self.ready = False

    def kill(self) -> None:
        self.alive = False
        if self.process.is_alive():
            self.process.kill()
        if self.process.pid is not None:  # started
            self.process.join(5)
        self.conn.close()

    def exit_status(self) -> str:
        """How the process ended, in words (after it died)."""
        self.process.join(1)
        code = self.process.exitcode
        if code is None:
            return "still running"
        if code < 0:
            with contextlib.suppress(ValueError):
                return f"killed by {signal.Signals(-code).name}"
        return f"exit code {code}"


def _size(n: int) -> str:
    return f"{n / 1024**2:,.0f} MiB" if n < 1024**3 else f"{n / 1024**3:,.1f} GiB"


def error_from_message(name: str | None, message: str, hint: str | None) -> Exception:
    if name is None:
        return StoreError(f"query worker failed:\n{message}")
    cls = getattr(errors, name, errors.SgkgError)
    return cls(message, hint=hint)


def _local_answer(store: ox.Store, req: QueryRequest, cheap: _Cheap) -> tuple[str, WholeAnswer] | None:
    """The answer to a request a worker answered quickly, made on ``store``.  A result set whose worker answer
    proved the row limit by its size is serialised in one pass of the engine, in the format asked (no count
    through TSV); None when this answer is larger than that proof allows (a worker answers)."""
    raw = evaluate(store, req, cheap.dataset)
    if cheap.sized and isinstance(raw, ox.QuerySolutions):
        fmt = req.formats.pick("select")
        data = sized_solutions(raw, fmt, req.max_rows)
        return None if data is None else (fmt.content_type, WholeAnswer([data]))
    chunks: list[bytes] = []
    fmt = write_result(raw, req.formats, req.max_rows, ChunkWriter(chunks.append))
    return fmt.content_type, WholeAnswer(chunks)


class Queries:
    """What QueryPool and DirectQueries share: the one ``query`` call, which makes the request that ``run`` answers."""

    max_rows: int

    def query(
        self, sparql: str, formats: QueryFormats, timeout: float | None = None, **options: Unpack[RequestOptions]
    ) -> tuple[str, Iterable[bytes]]:
        """Run one query with the `RequestOptions` given; returns (content type, iterable of bytes).  Raises before
        any byte on a malformed query, a refused format or too many rows (with the pool: the time limit or the
        memory cap too)."""
        bindings = dict(options.pop("bindings", None) or {})
        return self.run(QueryRequest(sparql, formats, bindings=bindings, max_rows=self.max_rows, **options), timeout)

    def run(self, req: QueryRequest, timeout: float | None) -> tuple[str, Iterable[bytes]]:
        raise NotImplementedError


class QueryPool(Queries):
    """K worker processes with in-memory replicas of ``store``; see the module docstring."""

    COMPACT_MIN = 32 * 1024 * 1024  # journal bytes below which no new snapshot is made (else: a quarter of it)
    FAST_KEYS = 1024  # cheap requests remembered (forgotten all at once when full)
    FAST_TEXT = 16 * 1024  # longer texts are never answered in the service process

    EXIT_STUCK = 70  # the exit status of a service process whose own answer ran past the time limit

    def __init__(
        self,
        store,
        *,
        workers: int,
        timeout: float,
        max_rows: int,
        memory: int = 0,
        cheap: float = 0.01,
        replica: Callable[[], ox.Store | None] | None = None,
    ):
        self.store, self.size, self.timeout, self.max_rows = store, max(1, workers), timeout, max_rows
        self.memory = memory
        self.cheap = cheap  # a worker answer this quick (and within timeout / 100) marks the request as cheap
        # an in-memory store this process already keeps current (each change applied before it is published),
        # used for the answers made here instead of a copy of its own (`service.shared.Follower.engine`)
        self.replica = replica
        self.write_lock = threading.RLock()  # serialises writers; readers never wait on it
        self._state = threading.Lock()  # the lists below; never held while waiting on a process or the store
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: list[_Worker] = []
        self._numbers = iter(range(1, 1 << 30))
        self._closed = False
        self._tmp = tempfile.TemporaryDirectory(prefix="sgkg-pool-")
        self._snapshot: str | None = None
        self._snapshot_bytes = 0
        self._snapshot_users: dict[str, int] = {}
        self._journal: list[Change] = []
        self._journal_bytes = 0
        self._compacting = False
        self._compact_lock = threading.Lock()  # one new snapshot at a time
        self._failure: str | None = None  # why the current snapshot could not be loaded
        self.restarts = 0
        self.timeouts = 0
        self._generation = 0  # changes published (and reloads) so far
        self._local = _LocalReplica()
        self._cheap: dict[tuple, _Cheap] = {}  # request key -> when a worker answered it quickly, and how
        self.local_answers = 0
        self._local_since: dict[int, float] = {}  # answers being made in this process: thread -> when begun

    # lifecycle -------------------------------------------------------------
    def start(self, wait: bool = True) -> None:
        self._snapshot, self._snapshot_bytes = self._dump()
        started = [self._register() for _ in range(self.size)]
        threads = [threading.Thread(target=self._boot, args=(w,), daemon=True) for w in started]
        threads.append(threading.Thread(target=self._build_local, daemon=True))
        for t in threads:
            t.start()
        if self.cheap > 0:
            threading.Thread(target=self._watch_local, daemon=True, name="sgkg-watchdog").start()
        if wait:  # a snapshot no worker can load is logged, and queries answer 503 saying why
            for t in threads:
                t.join()

    def close(self) -> None:
        self._closed = True
        with self._state:
            workers, self._workers = self._workers, []
        for w in workers:
            w.kill()
        self._tmp.cleanup()

    @property
    def alive(self) -> int:
        return sum(1 for w in self._workers if w.alive and w.ready)

    def _dump(self) -> tuple[str, int]:
        """A new snapshot file of the primary (the dump releases the GIL; no lock is needed)."""
        path = os.path.join(self._tmp.name, f"snapshot-{next(self._numbers)}.nq")
        self.store.snapshot(path)
        return path, os.path.getsize(path)

    def _register(self) -> _Worker:
        """A new worker (not started) for the current snapshot, with the journal since it as pending."""
        with self._state:
            worker = _Worker(next(self._numbers), self._snapshot, "nq", self.memory)
            worker.pending = list(self._journal)
            self._workers.append(worker)
            self._snapshot_users[self._snapshot] = self._snapshot_users.get(self._snapshot, 0) + 1
        return worker

    def _boot(self, worker: _Worker) -> None:
        """Start the process, wait until it has loaded the snapshot and replayed the journal, make it idle."""
        started = time.monotonic()
        try:
            if self._closed:
                return
            worker.process.start()
            worker.child.close()
            message = self._await(worker, "loading the snapshot")
            if message[0] == "ready":
                with self._state:
                    pending, worker.pending = worker.pending, []
                worker.conn.send(("apply", pending))
                worker.conn.send(("ping",))
                message = self._await(worker, "replaying the writes made since the snapshot")
        finally:
            self._release_snapshot(worker.snapshot)
        if message[0] not in ("ready", "pong"):
            self._failed_to_start(worker, message[1])
            return
        worker.ready = True
        log.info("query worker %d ready with %d quads in %.2fs", worker.number, message[1], time.monotonic() - started)
        self._idle.put(worker)

    def _await(self, worker: _Worker, stage: str) -> tuple:
        """The starting worker's next message, or ("failed", why)."""
        try:
            if worker.conn.poll(max(600.0, self.timeout)):
                return worker.conn.recv()
            return ("failed", f"it was still {stage} after 600 s")
        except (EOFError, OSError):
            status = worker.exit_status()
            if status == "killed by SIGABRT" and self.memory:
                status += f", most likely its memory cap of {_size(self.memory)} (setting query_worker_memory)"
            return ("failed", f"it ended ({status}) while {stage}")

    def _failed_to_start(self, worker: _Worker, reason: str) -> None:
        """Retire a worker that could not load the snapshot; no replacement until the next snapshot."""
        if self._closed:
            return
        with self._state:
            self._failure = reason
        log.error(
            "query worker %d could not start: %s; not replacing it until the store changes", worker.number, reason
        )
        self._retire(worker, replace=False)

    def _release_snapshot(self, snapshot: str | None) -> None:
        """Delete an old snapshot once every worker started from it has loaded it."""
        with self._state:
            self._snapshot_users[snapshot] -= 1
            unused = self._snapshot_users[snapshot] <= 0 and snapshot != self._snapshot
            if self._snapshot_users[snapshot] <= 0:
                del self._snapshot_users[snapshot]
        if unused and snapshot:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(snapshot)

    def _retire(self, worker: _Worker, replace: bool = True) -> None:
        with self._state:
            present = worker in self._workers  # retired once only, so replaced once only
            if present:
                self._workers.remove(worker)
            replace = replace and present and not self._closed and self._failure is None
        worker.kill()
        if replace:
            self.restarts += 1
            self._spawn()

    def _spawn(self) -> None:
        threading.Thread(target=self._boot, args=(self._register(),), daemon=True).start()

    # writes ----------------------------------------------------------------
    def publish(self, changes: list[Change]) -> None:
        """Queue graph replacements (already written to the primary) to every replica and the journal."""
        with self._state:
            for w in self._workers:
                w.pending.extend(changes)
            self._local.pending.extend(changes)
            self._generation += 1
            self._journal.extend(changes)
            self._journal_bytes += sum(len(c.ntriples or b"") + 100 for c in changes)
            compact = (
                not self._compacting
                and not self._closed
                and (
                    self._failure is not None  # the write may have removed what the last snapshot could not load
                    or self._journal_bytes > max(self.COMPACT_MIN, self._snapshot_bytes // 4)
                )
            )
            self._compacting |= compact
        if compact:
            threading.Thread(target=self.compact, daemon=True).start()
        self._catch_up()

    def compact(self) -> None:
        """Take a new snapshot (outside the write lock) and drop the journal it makes redundant;
        then start workers again if the previous snapshot could not be loaded."""
        try:
            with self._compact_lock:
                with self._state:
                    mark = len(self._journal)  # changes before this are in the primary, so in the dump
                self.store.optimize()  # after many writes and deletes: a dump of 260k quads 16 s before, 5.6 s after
                path, size = self._dump()
                with self._state:
                    old, self._snapshot, self._snapshot_bytes = self._snapshot, path, size
                    self._journal = self._journal[mark:]
                    self._journal_bytes = sum(len(c.ntriples or b"") + 100 for c in self._journal)
                    self._failure = None
                    unused = old not in self._snapshot_users
                    missing = 0 if self._closed else self.size - len(self._workers)
                if unused and old:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(old)
                for _ in range(missing):
                    self._spawn()
                if self._local.failed and not self._closed:
                    threading.Thread(target=self._build_local, daemon=True).start()
        finally:
            self._compacting = False

    def reload(self) -> None:
        """Replace every worker from a new snapshot (after a change that cannot be replayed)."""
        self.compact()
        with self._state:
            old = list(self._workers)
            self._generation += 1  # the change is in no journal: the service's own replica is rebuilt
        for w in old:
            self._retire(w)
        threading.Thread(target=self._build_local, daemon=True).start()

    # the service process's own replica ---------------------------------------
    def _build_local(self) -> None:
        """(Re)load the service's own replica from the current snapshot and the journal since, in the background."""
        local = self._local
        if self.replica is not None:
            self._catch_up()
            return
        with self._state:
            if self._closed or not self._snapshot:
                return
            local.build += 1
            build, snapshot, journal, generation = local.build, self._snapshot, list(self._journal), self._generation
            local.store, local.generation, local.pending = None, -1, []
            self._snapshot_users[snapshot] = self._snapshot_users.get(snapshot, 0) + 1
        try:
            store = ox.Store()
            store.load(path=snapshot, format=ox.RdfFormat.N_QUADS)
            apply_changes(store, journal)
        except (MemoryError, OSError, SyntaxError, ValueError) as exc:
            local.failed = True
            log.warning(
                "the service's own replica could not be loaded (%s: %s); every query goes to the workers",
                type(exc).__name__,
                exc,
            )
            return
        finally:
            self._release_snapshot(snapshot)
        with self._state:
            if build != local.build:
                return
            local.store, local.generation, local.failed = store, generation, False
        self._catch_up()

    def _catch_up(self) -> None:
        """Apply the writes published since to the service's own replica (generation -1 meanwhile)."""
        local = self._local
        if self.replica is not None:  # already holds every change published
            with self._state:
                local.store, local.pending = self.replica(), []
                local.generation = self._generation if local.store is not None else -1
            return
        with local.apply_lock:
            with self._state:
                if local.store is None or not local.pending:
                    return
                pending, local.pending, target, store = local.pending, [], self._generation, local.store
                local.generation = -1
            apply_changes(store, pending)
            with self._state:
                if local.store is store:
                    local.generation = target

    # queries ---------------------------------------------------------------
    def run(self, req: QueryRequest, timeout: float | None) -> tuple[str, ResultStream | WholeAnswer]:
        """(content type, iterable of bytes: a WholeAnswer when it came in one message).  Raises before any byte on
        a malformed query, a refused format, too many rows, the time limit or the memory cap."""
        timeout = self.timeout if timeout is None else timeout
        key = self._cheap_key(req)
        if key is not None and (answer := self._answer_here(key, req)) is not None:
            return answer
        worker, message = self._send(("query", req), timeout)
        if message[0] == "answer":  # the whole answer in one message: the worker is free again
            if key is not None and message[3] < min(self.cheap, timeout / 100):
                self._remember_cheap(key, req, worker.generation, len(message[2]))
            self._idle.put(worker)
            return message[1], WholeAnswer([message[2]])
        if message[0] == "begin":
            return message[1], ResultStream(self, worker)
        raise self._finished_with_error(worker, message)

    def _cheap_key(self, req: QueryRequest) -> tuple | None:
        """What makes two requests the same work; None for one never answered in the service process (long).
        Texts that call the network (SERVICE) or whose work can change between runs (RAND, NOW, UUID) get a
        key too, but are never remembered as cheap (`_remember_cheap`), so they always go to a worker."""
        if self.cheap <= 0 or len(req.sparql) > self.FAST_TEXT:
            return None
        graphs = (
            tuple(req.default_graph) if req.default_graph is not None else None,
            tuple(req.named_graphs) if req.named_graphs is not None else None,
        )
        bindings = tuple(sorted(req.bindings.items(), key=lambda kv: kv[0])) if req.bindings else ()
        return req.sparql, req.formats, graphs, bindings, req.base_iri, req.max_rows

    def _remember_cheap(self, key: tuple, req: QueryRequest, generation: int, answer_bytes: int) -> None:
        """Remember that a worker answered ``req`` quickly on the data of ``generation``, in ``answer_bytes``
        bytes, unless its text calls out or its work can change between runs."""
        if _VOLATILE.search(req.sparql):
            return
        entry = _Cheap(generation, dataset_arguments(req), answer_bytes <= req.max_rows)
        with self._state:
            if len(self._cheap) >= self.FAST_KEYS:
                self._cheap.clear()
            self._cheap[key] = entry

    def _answer_here(self, key: tuple, req: QueryRequest) -> tuple[str, WholeAnswer] | None:
        """Answer a request in the service process, from its own replica, when a worker answered the same
        request on the same data (no write since) in under ``cheap`` seconds: the same work again, so it stays
        far inside the time limit and the memory cap.  None (ask a worker) otherwise, or when a write began."""
        local = self._local
        with self._state:
            generation, store, cheap = self._generation, local.store, self._cheap.get(key)
            if store is None or local.generation != generation or cheap is None or cheap.generation != generation:
                return None
            self._local_since[threading.get_ident()] = time.monotonic()
        try:
            answer = _local_answer(store, req, cheap)
        except (errors.SgkgError, SyntaxError, ValueError, OSError):
            return None  # not what the worker saw: a worker answers (and reports) it
        finally:
            with self._state:
                del self._local_since[threading.get_ident()]
        if answer is None or local.generation != generation:  # a write was applied meanwhile: it may mix old and new
            return None
        self.local_answers += 1
        return answer

    def _watch_local(self) -> None:
        """The time limit of answers made in this process: one still running at ``timeout`` (it was
        cheap on a worker, so something is badly wrong) ends this process, as a worker would be killed.
        Under `sgkg serve` gunicorn starts a new one; the other HTTP processes go on answering."""
        while not self._closed:
            time.sleep(min(1.0, self.timeout / 4))
            with self._state:
                since = min(self._local_since.values(), default=None)
            if since is not None and time.monotonic() - since > self.timeout:
                log.critical(
                    "an answer made in the service process ran past the %g s limit (setting "
                    "query_timeout); ending this process (exit status %d) to stop it",
                    self.timeout,
                    self.EXIT_STUCK,
                )
                logging.shutdown()
                os._exit(self.EXIT_STUCK)

    def changes_of(self, update: UpdateRequest) -> Changes:
        """What the update would change, evaluated by a worker on copies of its replica's graphs (so
        within the time limit and the memory cap); call it holding ``write_lock``.  Nothing is written."""
        worker, message = self._send(("update", update), self.timeout)
        if message[0] != "changes":
            raise self._finished_with_error(worker, message)
        self._idle.put(worker)
        return {
            g: [q.triple for q in ox.parse(data, ox.RdfFormat.N_TRIPLES)] if data else None
            for g, data in message[1].items()
        }

    def _send(self, message: tuple, timeout: float) -> tuple[_Worker, tuple]:
        """Hand a request to an idle worker (after the writes it has not seen); the worker and its first answer."""
        deadline = time.monotonic() + timeout
        worker = self._acquire(deadline, timeout)
        with self._state:
            pending, worker.pending = worker.pending, []
            worker.generation = self._generation
        try:
            if pending:
                worker.conn.send(("apply", pending))
            worker.conn.send(message)
        except (OSError, ValueError):
            raise self._died(worker) from None
        return worker, self._receive(worker, deadline, timeout)

    def _finished_with_error(self, worker: _Worker, message: tuple) -> Exception:
        """Free the worker after an error message (or replace it: it ran out of memory); the error."""
        if message[1] == "QueryOutOfMemory":
            self._retire(worker)
            return self._out_of_memory()
        self._idle.put(worker)
        return error_from_message(*message[1:])

    def _out_of_memory(self) -> QueryOutOfMemory:
        return QueryOutOfMemory(
            f"the request needed more memory than a query worker may use ({_size(self.memory)}, setting "
            "query_worker_memory) and was stopped; nothing was written and other queries were not affected",
            hint="make the query more selective, or raise --query-worker-memory / SGKG_QUERY_WORKER_MEMORY",
        )

    def _died(self, worker: _Worker) -> Exception:
        """The error for a worker that died while answering (replaced in the background)."""
        status = worker.exit_status()
        self._retire(worker)
        if status == "killed by SIGABRT" and self.memory:  # the engine aborts when an allocation fails
            log.warning("query worker %d reached its memory cap (%s); replacing it", worker.number, status)
            return self._out_of_memory()
        log.error("query worker %d crashed while answering (%s); replacing it", worker.number, status)
        return QueryWorkerFailed(
            f"the query worker crashed while answering ({status}); it is being "
            "replaced and other queries were not affected",
            hint="the query may trip a bug in the engine; simplify it",
        )

    def _acquire(self, deadline: float, timeout: float) -> _Worker:
        while True:
            with self._state:
                failure = self._failure if not self._workers else None
            if failure:
                raise StoreUnavailable(
                    f"no query worker is running: {failure}",
                    hint="see the server log; a store holding a literal over 16 MiB cannot be "
                    "loaded by the engine (remove it), or raise --query-worker-memory",
                )
            try:
                worker = self._idle.get(timeout=min(0.5, max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                if time.monotonic() < deadline:
                    continue
                self.timeouts += 1
                starting = sum(1 for w in self._workers if not w.ready)
                raise QueryTimeout(
                    f"no query worker became free within {timeout:g} s ({len(self._workers) - starting} busy with "
                    "other "
                    f"queries, {starting} starting; settings query_timeout, query_workers)",
                    hint="try again later, or raise --query-workers",
                ) from None
            if worker.alive and worker.process.is_alive():
                return worker
            self._retire(worker)

    def _receive(self, worker: _Worker, deadline: float, timeout: float) -> tuple:
        """The worker's next message, or kill it at the deadline (QueryTimeout)."""
        try:
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                return worker.conn.recv()
        except (EOFError, OSError):
            raise self._died(worker) from None
        self.timeouts += 1
        log.warning("query worker %d passed the %g s limit; killing and replacing it", worker.number, timeout)
        self._retire(worker)
        raise QueryTimeout(
            f"the query ran longer than {timeout:g} s and was stopped (setting query_timeout)",
            hint="make the query more selective, or raise --query-timeout / SGKG_QUERY_TIMEOUT",
        )


class WholeAnswer(list):
    """An answer that came in one message: a list of its bytes (a Response sends it with a Content-Length),
    read like a `ResultStream`."""

    def read(self) -> bytes:
        return b"".join(self)

    def close(self) -> None:
        """Nothing to free: the worker is idle again."""


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
        self._done = True
        if message[0] == "end":
            self._pool._idle.put(self._worker)
            raise StopIteration
        raise self._pool._finished_with_error(self._worker, message)

    def _next_message(self) -> tuple:
        timeout = self._pool.timeout
        try:
            return self._pool._receive(self._worker, time.monotonic() + timeout, timeout)
        except Exception:
            self._done = True
            raise

    def close(self) -> None:
        """Drain what the worker still sends (the query is already evaluated) and free it."""
        while not self._done:
            try:
                next(self)
            except StopIteration:
                return
            except Exception:  # noqa: BLE001 - nobody reads the answer any more; the worker is freed or replaced
                return

    def __del__(self) -> None:
        if not self._done:
            self.close()

    def read(self) -> bytes:
        """Every byte (for in-process callers)."""
        try:
            return b"".join(self)
        finally:
            self.close()


_STANDARD = "send standard SPARQL 1.1: engine extensions (Virtuoso's bif: functions, pragmas) are not accepted"
_EXTENSION_IRI = re.compile(r"(?i)\s*(bif|sql):")  # Virtuoso's built-in function namespaces


def standard_sparql(sparql: str) -> None:
    """Refuse what the embedded engine would not run before it reaches a remote one: text that is not
    SPARQL 1.1 (Virtuoso's ``bif:`` and ``sql:`` prefixes are predeclared there only), and IRIs in
    Virtuoso's built-in function namespaces (``<bif:...>``), which the embedded engine treats as
    unknown functions but Virtuoso runs.  Parsed by rdflib, which evaluates nothing."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepareQuery(sparql)
    except ParseException as exc:
        raise QueryError(f"malformed query: {exc}", hint=_STANDARD) from None
    except Exception as exc:  # rdflib raises a bare Exception for a prefix the query does not declare
        if "Unknown namespace prefix" not in str(exc):
            raise
        raise QueryError(f"malformed query: {exc} (not declared)", hint=_STANDARD) from None
    if found := next(filter(None, map(_EXTENSION_IRI.match, written_iris(sparql))), None):
        raise QueryError(
            f"the query calls an engine extension ({found.group(1)}: functions are Virtuoso's own, not SPARQL 1.1)",
            hint="use the standard SPARQL 1.1 functions",
        )


class DirectQueries(Queries):
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

    def changes_of(self, update: UpdateRequest) -> Changes:
        """What the update would change, evaluated here on copies of the graphs (no time or memory bound)."""
        graphs = update.graphs if update.graphs is not None else [None] + self.store.graph_names()
        source = ox.Store()
        for graph in graphs:
            source.extend(
                ox.Quad(t.subject, t.predicate, t.object, _graph_node(graph)) for t in graph_contents(self.store, graph)
            )
        return changed_graphs(source, update)

    def run(self, req: QueryRequest, timeout: float | None) -> tuple[str, Iterator[bytes]]:
        """The answer's bytes, whole; no time limit here (``timeout`` and ``req.base_iri`` are not used)."""
        default_graph = req.default_graph
        if default_graph is not None:  # the store's own default graph cannot be named through the interface
            default_graph = [g for g in default_graph if g]
        if not isinstance(self.store, OxigraphStore):  # the embedded engine parses its own queries
            standard_sparql(req.sparql)
        chunks: list[bytes] = []
        try:
            raw = self.store.query(
                req.sparql, bindings=req.bindings or None, default_graph=default_graph, named_graphs=req.named_graphs
            )
            fmt = write_result(raw, req.formats, req.max_rows, ChunkWriter(chunks.append))
        except OSError as exc:
            raise outbound_failure(req.sparql, exc) from None
        return fmt.content_type, iter(chunks)
