"""One query engine as a long-lived benchmark server whose queries can be stopped.

    python -m bench.engine_worker disk   bench/out/store-150      # our on-disk store (ingest.store)
    python -m bench.engine_worker memory bench/out/dump-150.nq    # in-memory pyoxigraph, same data
    python -m bench.engine_worker rdflib bench/out/dump-150.nq    # rdflib.Dataset(default_union=True)

pyoxigraph cannot cancel a query and neither can rdflib, so every request runs in
a forked child that is killed when one repetition runs longer than ``cap`` seconds.
The parent loads the data once (rdflib parses the N-Quads dump; ``memory`` bulk-loads
it into ``pyoxigraph.Store()``; ``disk`` loads nothing: each child opens the store
directory with ``ingest.store.open_store``, so no RocksDB handle crosses a fork).

Prints ``{"ready": true, "load_s": ...}``, then answers one JSON line per request line
on stdin: ``{"text": SPARQL}`` or ``{"target": {...}}`` (an HTTP target of
bench/http_load.py run in process), with ``reps``, ``cap`` and ``budget``. Each child
runs one to three warm-ups (which also absorb copy-on-write page faults after the fork), then
repetitions until ``reps`` or ``budget`` seconds; when the warm-up alone exceeds the
budget it is the one measurement (``cold: true``).
"""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import time


class Engine:
    def __init__(self, backend: str, path: str):
        self.backend, self.path, self.data = backend, path, None
        if backend == "rdflib":
            import rdflib

            from bench import rdflib_fixes

            rdflib_fixes.apply()
            self.data = rdflib.Dataset(default_union=True)
            self.data.parse(path, format="nquads")
        elif backend == "memory":
            import pyoxigraph as ox

            from sgkg.ingest.store import OxigraphStore

            store = ox.Store()
            with open(path, "rb") as f:
                store.bulk_load(f.read(), ox.RdfFormat.N_QUADS)
            self.data = OxigraphStore(store)

    def store(self):
        """The store a child queries (the disk store is opened in the child)."""
        if self.backend == "disk":
            from sgkg.ingest.store import open_store

            return open_store(self.path)
        return self.data

    def runner(self, request: dict):
        """A function that runs the request once and returns its row count (or response size)."""
        if self.backend == "rdflib":
            dataset, text = self.data, request["text"]
            return lambda: len(list(dataset.query(text)))
        store = self.store()
        if "text" in request:
            text = request["text"]
            return lambda: len(list(store.query(text).rows))
        return lambda: run_target(store, request["target"])


def run_target(store, target: dict) -> int:
    """What the service does for an HTTP target, in process and without HTTP."""
    if "sparql" in target:
        return len(list(store.query(target["sparql"]).rows))
    if "named" in target:
        from sgkg.service.named_queries import format_table, run_named_query

        return len(format_table(run_named_query(store, target["named"], target["params"]), "json"))
    import pyoxigraph as ox

    from sgkg.service import pages

    this = {"this": ox.NamedNode(target["iri"])}
    return sum(len(list(store.query(q, bindings=this).rows)) for q in (pages.OUTGOING, pages.INCOMING, pages.EVIDENCE))


# Warm-up runs before the timed ones: a forked child pays copy-on-write page faults on the pages a query
# first touches (measured: the 2nd-5th runs of a 20 ms query took 29, 24, 23, 24 ms after a 45 ms first
# run), for both engines alike. Up to WARMUPS runs while they add up to less than WARM_SECONDS.
WARMUPS = 3
WARM_SECONDS = 1.0


def child(engine: Engine, request: dict, write_fd: int) -> None:
    def emit(item: dict) -> None:
        os.write(write_fd, (json.dumps(item) + "\n").encode())

    run = engine.runner(request)
    warm, warmups = 0.0, 0
    while warmups == 0 or (warmups < WARMUPS and warm < WARM_SECONDS):
        started = time.perf_counter()
        rows = run()
        warm += time.perf_counter() - started
        warmups += 1
    emit({"warm": warm / warmups, "rows": rows})
    budget, spent = float(request.get("budget", 10)), 0.0
    if warm > budget:
        return
    for _ in range(int(request.get("reps", 5))):
        started = time.perf_counter()
        rows = run()
        took = time.perf_counter() - started
        emit({"s": took, "rows": rows})
        spent += took
        if spent > budget:
            break


def answer(engine: Engine, request: dict) -> dict:
    cap = float(request.get("cap", 20))
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report, leave without the parent's cleanup handlers
        os.close(read_fd)
        code = 0
        try:
            child(engine, request, write_fd)
        except Exception as exc:  # the engine's error goes back to the parent as a value
            os.write(write_fd, (json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n").encode())
            code = 1
        os._exit(code)
    os.close(write_fd)
    out = {"times": [], "warm": None, "rows": None, "timed_out": False, "error": None, "cold": False}
    buffer, deadline = b"", time.monotonic() + cap
    while True:
        ready, _, _ = select.select([read_fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            out["timed_out"] = True
            os.kill(pid, signal.SIGKILL)
            break
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            item = json.loads(line)
            if "error" in item:
                out["error"] = item["error"]
            elif "warm" in item:
                out.update(warm=item["warm"], rows=item["rows"])
            else:
                out["times"].append(item["s"])
                out["rows"] = item["rows"]
            deadline = time.monotonic() + cap
    os.close(read_fd)
    os.waitpid(pid, 0)
    if not out["times"] and out["warm"] is not None:
        out.update(times=[out["warm"]], cold=True)
    return out


def main(argv: list[str] | None = None) -> None:
    backend, path = (sys.argv[1:] if argv is None else argv)[:2]
    started = time.perf_counter()
    engine = Engine(backend, path)
    size = {"rdflib": lambda: len(engine.data), "memory": lambda: engine.data.count()}.get(backend, lambda: None)()
    sys.stdout.write(json.dumps({"ready": True, "load_s": time.perf_counter() - started, "size": size}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(answer(engine, json.loads(line))) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
