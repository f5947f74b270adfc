"""`sgkg serve`: the service under gunicorn (never Flask's development server).

``http_workers`` HTTP processes with several threads each (setting ``threads``).  The embedded
store directory can be opened by one process only: with more than one HTTP process, a store
owner process holds it and makes every write, and each HTTP process answers reads from its own
replica (`service.shared`); with one, that process holds the store.  SPARQL queries run in the
query pools' processes.
Options are generated from the settings table.  At first start on a store that has never
been filled, the reference graph and the bundled founding corpus (``service/data/corpus.trig``,
made by ``sgkg corpus build``) are loaded, unless ``--empty``.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from importlib.resources import files
from typing import Any

import click
import pyoxigraph as ox
from gunicorn.app.base import BaseApplication

from sgkg.ingest.limits import Limits
from sgkg.ingest.options import setting_options
from sgkg.ingest.settings import BY_NAME, SETTINGS
from sgkg.ingest.store import init_store, open_configured, store_location
from sgkg.ontology.namespaces import REFERENCE_GRAPH
from sgkg.service import CORPUS
from sgkg.service.balance import Board, assign_slot, clear_slot
from sgkg.service.extensions import SHARED
from sgkg.service.shared import SharedFiles

log = logging.getLogger(__name__)


@click.command("serve")
@setting_options(layered=True)
def serve_command(**options: Any) -> None:
    """Serve the SPARQL endpoint, named queries, linked-data pages and the web UI over HTTP."""
    overrides = {BY_NAME[k].env: v for k, v in options.items() if v is not None and v is not False}
    config = {s.env: s.value() for s in SETTINGS} | overrides
    logging.getLogger().setLevel(str(config["SGKG_LOG_LEVEL"]).upper())
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
    ServiceApplication(overrides, gunicorn_options(config)).run()


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


def gunicorn_options(config: dict[str, Any]) -> dict[str, Any]:
    return {
        "bind": f"{config['SGKG_HOST']}:{config['SGKG_PORT']}",
        "workers": int(config["SGKG_HTTP_WORKERS"]) if shared_store(config) else 1,
        "worker_class": "sgkg.service.balance.BalancedThreadWorker",  # gthread, connections spread evenly
        "threads": max(1, int(config["SGKG_THREADS"])),
        "timeout": max(60, int(config["SGKG_QUERY_TIMEOUT"] * 3)),
        "graceful_timeout": 10,
        "accesslog": "-" if str(config["SGKG_LOG_LEVEL"]).upper() in ("DEBUG", "INFO") else None,  # a line per request
        "loglevel": str(config["SGKG_LOG_LEVEL"]).lower(),
        "proc_name": "sgkg",
        "worker_exit": close_worker_app,
        "pre_fork": assign_slot,
        "child_exit": clear_slot,
        "control_socket_disable": True,
    }


def close_worker_app(server, worker) -> None:
    """gunicorn's worker_exit hook: close the worker's app (its query pool, then the store and its lock)."""
    from sgkg.service.extensions import close_app

    if getattr(worker, "wsgi", None) is not None:
        close_app(worker.wsgi)


class ServiceApplication(BaseApplication):
    """gunicorn running `service.create_app(overrides)` in each worker process."""

    def __init__(self, overrides: dict[str, Any], options: dict[str, Any]):
        self.overrides, self.options = overrides, options
        self.board = Board()  # made before the HTTP processes are forked: every one of them shares it
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
