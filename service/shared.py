"""Several HTTP processes over one store: a single writer process, read replicas in every HTTP process.

The embedded store directory can be opened by one process only, and the engine holds the GIL
while it evaluates, so one HTTP process answers at most one core's worth of requests.  With
``http_workers`` > 1, `sgkg serve` starts one **store owner** process (`service.owner`) that
holds the store directory and makes every write, and gunicorn runs ``http_workers`` symmetric
HTTP processes.  Each HTTP process keeps an in-memory replica (`Follower`) and its own query
pool over it, so reads never leave the process that received them.

What the owner publishes, in a directory of its own (`SharedFiles`):

- ``snapshot-E.nq``: every quad of the store when epoch E began;
- ``journal-E``: every change since, one frame each (``("changes", generation, [Change...])``),
  ended by a marker when the next epoch begins (``("next", E+1)``: a new snapshot of the same
  data, the journal grew too long; ``("reload", E+1)``: an update that is not a list of whole-graph
  replacements, so replicas reload from the new snapshot);
- ``state``: the current epoch and generation, 16 bytes rewritten in place after each frame.

Read-your-writes: a write returns only after its frame and the new ``state`` are on disk, and
every read in every HTTP process first compares ``state`` with what its replica holds (one
``pread``), applying the frames it has not seen, in one transaction each, before it answers.
Writes are serialised across processes by an ``flock`` on ``write.lock`` held from before the
update's dry run (on an up-to-date replica) until the owner has answered.
"""

from __future__ import annotations

import fcntl
import logging
import os
import pickle
import shutil
import struct
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Client
from pathlib import Path
from typing import Any, Iterator

import pyoxigraph as ox

from sgkg.ingest.errors import StoreUnavailable
from sgkg.ingest.sparqltext import replace_graph_update
from sgkg.ingest.store import OxigraphStore, QueryResult
from sgkg.service.querypool import Change, error_from_message

log = logging.getLogger(__name__)
_STATE = struct.Struct(">QQ")  # epoch, generation
_FRAME = struct.Struct(">I")  # the length of the pickled frame that follows
READS = ("has_graph", "graph_names", "graph_triples", "count")  # what the owner answers for a failed replica


def update_text(changes: list[Change]) -> str:
    """Whole-graph replacements as one SPARQL Update (one transaction), as `Service.commit` writes them."""
    return " ;\n".join(
        replace_graph_update(c.graph, ox.parse(c.ntriples, ox.RdfFormat.N_TRIPLES) if c.ntriples else ())
        for c in changes
    )


@dataclass(frozen=True)
class SharedFiles:
    """Where the owner publishes the store (see the module docstring: ``snapshot(E)``, ``journal(E)``, ``state``),
    the lock its writers take (``lock``) and how to reach the owner (``address``, ``authkey``)."""

    directory: str
    authkey: bytes

    def path(self, name: str) -> str:
        """The path of the directory's file ``name``."""
        return os.path.join(self.directory, name)

    @property
    def address(self) -> str:
        return self.path("owner.sock")

    def snapshot(self, epoch: int) -> str:
        return self.path(f"snapshot-{epoch}.nq")

    def journal(self, epoch: int) -> str:
        return self.path(f"journal-{epoch}")

    @property
    def state(self) -> str:
        return self.path("state")

    @property
    def lock(self) -> str:
        return self.path("write.lock")


def write_frame(handle, frame: tuple) -> int:
    data = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
    handle.write(_FRAME.pack(len(data)) + data)
    handle.flush()
    return len(data)


def read_frame(handle) -> tuple | None:
    """The next whole frame, or None (the position is left at its start) when none is complete yet."""
    start = handle.tell()
    head = handle.read(_FRAME.size)
    if len(head) == _FRAME.size:
        (size,) = _FRAME.unpack(head)
        data = handle.read(size)
        if len(data) == size:
            return pickle.loads(data)
    handle.seek(start)
    return None


def write_state(fd: int, epoch: int, generation: int) -> None:
    os.pwrite(fd, _STATE.pack(epoch, generation), 0)


def read_state(fd: int) -> tuple[int, int]:
    return _STATE.unpack(os.pread(fd, _STATE.size, 0))


class SharedWriteLock:
    """Serialises writers of every HTTP process (an ``flock``, re-entrant per thread); on taking it the
    replica catches up, so an update's dry run sees every write made before."""

    def __init__(self, path: str, follow):
        self._threads, self._held = threading.RLock(), threading.local()
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        self._follow = follow

    def __enter__(self) -> SharedWriteLock:
        self._threads.acquire()
        depth = getattr(self._held, "depth", 0)
        self._held.depth = depth + 1
        if depth == 0:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX)
                self._follow()
            except BaseException:
                self.__exit__()
                raise
        return self

    def __exit__(self, *exc_info) -> None:
        self._held.depth -= 1
        if self._held.depth == 0:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._threads.release()


class Follower:
    """An HTTP process's in-memory replica of the owner's store, a GraphStore for readers.

    Every read first applies what the owner published since (`follow`); writes go to the owner
    (`commit`, `update`) and return once this replica and its query pool hold them.  The query pool
    built over it (``pool``) takes its snapshots from here and receives every change it applies."""

    def __init__(self, files: SharedFiles, keep_up: float = 0.5):
        self.files, self.pool, self.closed = files, None, False
        self._lock = threading.Lock()
        self._state_fd = os.open(files.state, os.O_RDONLY)
        self.write_lock = SharedWriteLock(files.lock, self.follow)
        self._load()
        if keep_up > 0:  # an idle process stays close behind too (and its health reflects the store's)
            threading.Thread(target=self._keep_up, args=(keep_up,), daemon=True, name="sgkg-follow").start()

    def _keep_up(self, every: float) -> None:
        while not self.closed:
            time.sleep(every)
            if self.closed:
                return
            try:
                self.follow()
            except Exception:  # noqa: BLE001 - logged; the next read follows again and reports it
                log.exception("following the store owner's journal failed")

    # following the owner ---------------------------------------------------
    def _load(self) -> None:
        """(Re)load the replica from the current snapshot and its journal (a file removed meanwhile: again).

        A snapshot the engine cannot load (a store written before the limits existed, holding a literal
        over 16 MiB) leaves the replica empty and ``failure`` set: the query pool's workers then fail on
        the same snapshot (queries answer 503 saying why), the graph reads below ask the owner, and the
        next write asks the owner for a new snapshot, which may load again."""
        while True:
            epoch, generation = read_state(self._state_fd)  # the frames after it are in the journal
            engine, self.failure = ox.Store(), None
            try:
                journal = open(self.files.journal(epoch), "rb")  # noqa: SIM115 - kept open while following
                engine.load(path=self.files.snapshot(epoch), format=ox.RdfFormat.N_QUADS)
            except FileNotFoundError:
                continue  # two new epochs began while loading
            except (MemoryError, OSError, SyntaxError, ValueError) as exc:
                self.failure = f"loading the store snapshot failed ({type(exc).__name__}: {exc})"
                log.error(
                    "this HTTP process's replica: %s; queries answer 503 until a write changes the store", self.failure
                )
            self._engine, self.replica = engine, OxigraphStore(engine)
            self.epoch, self.generation, self._journal = epoch, generation, journal
            self._read_frames()
            return

    def follow(self) -> None:
        """Apply what the owner published since this replica last looked (nothing to do: one pread)."""
        if read_state(self._state_fd) == (self.epoch, self.generation):
            return
        with self._lock:
            self._read_frames()

    def _read_frames(self) -> None:
        while (frame := read_frame(self._journal)) is not None:
            if frame[0] == "changes":
                self.replica.update(update_text(frame[2]))
                self.generation = frame[1]
                if self.pool is not None:
                    self.pool.publish(frame[2])
                continue
            self._journal.close()
            if frame[0] == "next":
                try:
                    self.epoch, self._journal = frame[1], open(self.files.journal(frame[1]), "rb")  # noqa: SIM115
                    continue
                except FileNotFoundError:
                    pass  # this replica fell two epochs behind: reload it whole
            self._load()
            if self.pool is not None:
                self.pool.reload()
            return

    # writes, made by the owner -------------------------------------------------
    def _call(self, *message: Any) -> Any:
        """Ask the owner; its answer, after this replica has caught up with what it wrote."""
        try:
            with Client(self.files.address, family="AF_UNIX", authkey=self.files.authkey) as conn:
                conn.send(message)
                reply = conn.recv()
        except (OSError, EOFError) as exc:
            raise StoreUnavailable(
                f"the store's writer process does not answer ({type(exc).__name__}); nothing was written",
                hint="see the server log; restart `sgkg serve`",
            ) from exc
        if reply[0] == "error":
            raise error_from_message(*reply[1:])
        self.follow()  # this process reads its own write from now on
        return reply[1]

    def commit(self, changes: list[Change]) -> None:
        """Whole-graph replacements, made by the owner in one transaction (hold ``write_lock``)."""
        self._call("commit", changes)
        if self.failure:  # the write may have removed what could not be loaded: every replica reloads
            self._call("renew")

    def update(self, sparql: str) -> None:
        """Any SPARQL Update, made by the owner; every replica then reloads from a new snapshot."""
        self._call("update", sparql)

    # reads (GraphStore), after catching up -------------------------------------
    def _read(self, name: str, *args) -> Any:
        self.follow()
        if self.failure:  # the replica could not be loaded: the owner answers
            return self._call("read", name, *args) if name in READS else self._unavailable()
        return getattr(self.replica, name)(*args)

    def _unavailable(self):
        raise StoreUnavailable(
            f"this HTTP process has no copy of the store: {self.failure}",
            hint="see the server log; a literal over 16 MiB cannot be loaded by the engine (delete its graph)",
        )

    def query(self, sparql: str, **kwargs) -> QueryResult:
        self.follow()
        return self._unavailable() if self.failure else self.replica.query(sparql, **kwargs)

    def has_graph(self, graph: str) -> bool:
        return self._read("has_graph", graph)

    def graph_names(self) -> list[str]:
        return self._read("graph_names")

    def graph_triples(self, graph: str) -> Iterator[ox.Triple]:
        return iter(self._read("graph_triples", graph))

    def count(self, graph: str | None = None) -> int:
        return self._read("count", graph)

    def dump(self, fmt: str = "trig", graphs: list[str] | None = None) -> bytes:
        return self._read("dump", fmt, graphs)

    # what the query pool asks of its primary -------------------------------------
    def engine(self) -> ox.Store | None:
        """The replica's engine store, current as soon as a change is published to the pool (None: not loaded)."""
        return None if self.failure else self._engine

    def snapshot(self, path: str | Path) -> None:
        """The replica as N-Quads; the owner's snapshot when the replica could not load it (so the workers
        fail on it the same way and say so)."""
        if self.failure:
            shutil.copyfile(self.files.snapshot(self.epoch), path)
        else:
            self.replica.snapshot(path)

    def optimize(self) -> None:
        """Nothing to compact in memory."""

    def close(self) -> None:
        self.closed = True
        with self._lock:
            self._journal.close()
            os.close(self._state_fd)
