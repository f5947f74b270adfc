"""`sgkg serve`: the service under gunicorn (never Flask's development server).

``http_workers`` HTTP processes with several threads each (setting ``threads``).  The embedded
store directory can be opened by one process only: with more than one HTTP process, a store
owner process holds it and makes every write, and each HTTP process answers reads from its own
replica (`service.shared`); with one, that process holds the store.  SPARQL queries run in the
query pools' processes.

Connections: `sgkg serve` opens the listening socket itself, after checking that nothing else listens on the
port, and hands it to gunicorn; with several HTTP processes each one, once its app is loaded, also listens on a
socket of its own on the same port (``SO_REUSEPORT``), and the kernel spreads new connections over the open
sockets.  On the shared socket alone the process that happens to be awake takes most of them (in load tests all
4, or all 16, keep-alive connections landed on one process in a third of the runs, at about two thirds of the
requests per second of an even spread), and keep-alive connections never move.  The shared socket stays: it
holds connections while no process is ready (at start, or while every process is replaced) and loses none when a
process dies (the connections waiting on that process's own socket are reset).
Options are generated from the settings table.  At first start on a store that has never
been filled, the reference graph and the bundled founding corpus (``service/data/corpus.trig``,
made by ``sgkg corpus build``) are loaded, unless ``--empty``.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import socket
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from importlib.resources import files
from typing import Any

import click
import pyoxigraph as ox
from gunicorn.app.base import BaseApplication
from gunicorn.sock import TCP6Socket, TCPSocket
from gunicorn.util import is_ipv6

from sgkg.ingest.limits import Limits
from sgkg.ingest.options import setting_options
from sgkg.ingest.settings import BY_NAME, SETTINGS
from sgkg.ingest.store import init_store, open_configured, store_location
from sgkg.ontology.namespaces import REFERENCE_GRAPH
from sgkg.service import CORPUS
from sgkg.service.extensions import SHARED
from sgkg.service.shared import SharedFiles

log = logging.getLogger(__name__)
BACKLOG = 2048  # gunicorn's default


@click.command("serve")
@setting_options(layered=True)
def serve_command(**options: Any) -> None:
    """Serve the SPARQL endpoint, named queries, linked-data pages and the web UI over HTTP."""
    overrides = {BY_NAME[k].env: v for k, v in options.items() if v is not None and v is not False}
    config = {s.env: s.value() for s in SETTINGS} | overrides
    logging.getLogger().setLevel(str(config["SGKG_LOG_LEVEL"]).upper())
    listener = open_listener(str(config["SGKG_HOST"]), int(config["SGKG_PORT"]))  # before anything starts
    try:
        if shared_store(config):  # one process holds the store; every HTTP process reads its own replica
            try:
                _, files = start_owner(config)
            except RuntimeError as exc:
                raise click.ClickException(str(exc)) from None
            overrides = overrides | {SHARED: files}
        else:
            # in a child process: a store opened in gunicorn's master would be inherited, broken, by the fork
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
                child.submit(prepare_store, config).result()
        # a duplicate: gunicorn closes the descriptor it is given once it has its own copy
        ServiceApplication(overrides, gunicorn_options(config, os.dup(listener.fileno()))).run()
    finally:
        listener.close()


def open_listener(host: str, port: int) -> socket.socket:
    """The server's shared listening socket, with ``SO_REUSEPORT`` (each HTTP process adds its own: `listen_too`).
    A port that something listens on already is refused (ClickException), another `sgkg serve` included: the check
    binds with ``SO_REUSEADDR`` alone, as a plain server would, which fails beside any listening socket."""
    family = socket.AF_INET6 if is_ipv6(host) else socket.AF_INET
    if port:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError as exc:
                raise click.ClickException(
                    f"cannot listen on {host}:{port} ({exc.strerror}): another server (perhaps another sgkg serve) "
                    "uses it; stop it or choose another --port"
                ) from None
    listener = reusable_socket(family, host, port)
    listener.listen(BACKLOG)
    return listener


def reusable_socket(family: int, host: str, port: int) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def start_owner(config: dict[str, Any]) -> tuple[subprocess.Popen, SharedFiles]:
    """Start the owner process; its shared files once it is ready (RuntimeError if it could not start)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sgkg.service.owner"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    process.stdin.write(json.dumps(config) + "\n")
    process.stdin.flush()
    line = process.stdout.readline()
    if not line:
        raise RuntimeError(f"the store owner process ended at start (exit code {process.wait()}); see the log above")
    ready = json.loads(line)
    return process, SharedFiles(ready["directory"], bytes.fromhex(ready["authkey"]))


def shared_store(config: dict[str, Any]) -> bool:
    """Several HTTP processes over one embedded store (not for a remote store, nor without query workers)."""
    return (
        int(config["SGKG_HTTP_WORKERS"]) > 1 and not config["SGKG_ENDPOINT"] and int(config["SGKG_QUERY_WORKERS"]) > 0
    )


def gunicorn_options(config: dict[str, Any], listener: int | None = None) -> dict[str, Any]:
    """gunicorn's settings; ``listener``: the file descriptor of the socket `open_listener` opened."""
    workers = int(config["SGKG_HTTP_WORKERS"]) if shared_store(config) else 1
    own = {"post_worker_init": listen_too} if listener is not None and workers > 1 else {}
    return own | {
        "bind": f"fd://{listener}" if listener is not None else f"{config['SGKG_HOST']}:{config['SGKG_PORT']}",
        "workers": workers,
        "backlog": BACKLOG,
        "worker_class": "gthread",
        "threads": max(1, int(config["SGKG_THREADS"])),
        "timeout": max(60, int(config["SGKG_QUERY_TIMEOUT"] * 3)),
        "graceful_timeout": 10,
        "accesslog": "-" if str(config["SGKG_LOG_LEVEL"]).upper() in ("DEBUG", "INFO") else None,  # a line per request
        "loglevel": str(config["SGKG_LOG_LEVEL"]).lower(),
        "proc_name": "sgkg",
        "worker_exit": close_worker_app,
        "control_socket_disable": True,
    }


def listen_too(worker) -> None:
    """gunicorn's post_worker_init hook: the app is loaded; listen on a socket of this HTTP process's own as well,
    on the shared socket's address.  Only now: listening while the app loads (seconds: the replica and its query
    workers), it would hold its share of new connections unanswered, where running processes would answer."""
    host, port = worker.sockets[0].getsockname()[:2]
    own = reusable_socket(worker.sockets[0].sock.family, host, port)
    worker.sockets.append(
        (TCP6Socket if own.family == socket.AF_INET6 else TCPSocket)(
            (host, port), worker.cfg, worker.log, fd=own.detach()
        )
    )
    worker.log.info("HTTP process %s also listening on a socket of its own at %s", worker.pid, worker.sockets[-1])


def close_worker_app(server, worker) -> None:
    """gunicorn's worker_exit hook: close the worker's app (its query pool, then the store and its lock)."""
    from sgkg.service.extensions import close_app

    if getattr(worker, "wsgi", None) is not None:
        close_app(worker.wsgi)


class ServiceApplication(BaseApplication):
    """gunicorn running `service.create_app(overrides)` in each worker process."""

    def __init__(self, overrides: dict[str, Any], options: dict[str, Any]):
        self.overrides, self.options = overrides, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from sgkg.service import create_app

        return create_app(self.overrides)


def prepare_store(config: dict[str, Any]) -> None:
    """At first start (a store without any graph): load the reference graph, then the corpus unless empty."""
    logging.basicConfig(
        level=str(config["SGKG_LOG_LEVEL"]).upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )

    def value(name: str) -> Any:
        return config[BY_NAME[name].env]

    store = open_configured(value, limits=Limits.from_settings(value))
    where = store_location(value)
    try:
        names = store.graph_names()
        if names:
            log.info("store %s holds %d graphs; nothing loaded at start", where, len(names))
            return
        init_store(store)
        log.info("new store %s: loaded the reference graph", where)
        if config["SGKG_EMPTY"]:
            log.info("--empty: the founding corpus was not loaded")
            return
        load_corpus(store)
    finally:
        store.close()


def load_corpus(store) -> int:
    """Load the bundled corpus's document graphs; returns how many (0 and a warning when absent)."""
    corpus = files("sgkg.service").joinpath(*CORPUS)
    if not corpus.is_file():
        log.warning(
            "no bundled corpus at service/%s (make it with `sgkg corpus build`); "
            "the store holds the reference graph only",
            "/".join(CORPUS),
        )
        return 0
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(corpus.read_bytes(), ox.RdfFormat.TRIG):
        if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value != str(REFERENCE_GRAPH):
            graphs[quad.graph_name.value].append(quad.triple)
    for graph, triples in graphs.items():
        store.replace_graph(graph, triples)
    log.info(
        "loaded the founding corpus: %d document graphs, %d triples, from service/%s",
        len(graphs),
        sum(map(len, graphs.values())),
        "/".join(CORPUS),
    )
    return len(graphs)
