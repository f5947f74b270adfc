"""Service fixtures: a store with the reference graph and purpose-written data, a real
`sgkg serve` on a free loopback port (session), and in-process apps for Flask's test client."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from sgkg.ingest.store import OxigraphStore, init_store

DATA = Path(__file__).resolve().parents[1] / "data" / "service"
TOKEN = "test-token-1234"
EX = "http://example.org/"
DOC_GRAPH = "https://w3id.org/sgkg/graph/document/00000000000000aa"
PARTNERSHIP = "https://w3id.org/sgkg/id/partnership/E08000028/testshire-safeguarding-board"


def load_sample(store) -> None:
    graphs = defaultdict(list)
    for quad in ox.parse((DATA / "sample.trig").read_bytes(), ox.RdfFormat.TRIG):
        graphs[quad.graph_name.value].append(quad.triple)
    for graph, triples in graphs.items():
        store.replace_graph(graph, triples)


@pytest.fixture(scope="session")
def template_store(tmp_path_factory) -> Path:
    """A closed store directory holding the reference graph and tests/data/service/sample.trig."""
    path = tmp_path_factory.mktemp("template") / "store"
    store = OxigraphStore.open(path)
    init_store(store)
    load_sample(store)
    store.close()
    return path


@pytest.fixture
def store_copy(template_store, tmp_path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(template_store, target)
    return target


@pytest.fixture
def make_app(template_store, tmp_path_factory):
    """create_app on a private copy of the template store; closed after the test."""
    from sgkg.service import create_app
    from sgkg.service.extensions import close_app

    apps = []

    def make(**config):
        target = tmp_path_factory.mktemp("app") / "store"
        shutil.copytree(template_store, target)
        settings = {"SGKG_STORE": str(target), "SGKG_QUERY_WORKERS": 0, "SGKG_ACCESS_TOKEN": TOKEN}
        app = create_app(settings | {f"SGKG_{k.upper()}": v for k, v in config.items()})
        app.config["TESTING"] = False  # let the error handlers answer, as in production
        apps.append(app)
        return app

    yield make
    for app in apps:
        close_app(app)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sgkg_command() -> list[str]:
    script = Path(sys.executable).with_name("sgkg")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from sgkg.service.cli import main; main()"]


@dataclass
class Live:
    url: str
    token: str
    log: Path
    process: subprocess.Popen

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_server(store: Path, log: Path, *extra: str, timeout: float = 60.0) -> Live:
    port = free_port()
    handle = log.open("w")
    process = subprocess.Popen(
        [*sgkg_command(), "serve", "--store", str(store), "--port", str(port), *extra],
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"sgkg serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if requests.get(url + "/healthz", timeout=1).status_code == 200:
                return Live(url, TOKEN, log, process)
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"sgkg serve did not answer within {timeout} s:\n{log.read_text()}")


def stop_server(live: Live) -> None:
    live.process.terminate()
    try:
        live.process.wait(15)
    except subprocess.TimeoutExpired:
        live.process.kill()
        live.process.wait(5)


@pytest.fixture(scope="session")
def live(template_store, tmp_path_factory):
    """`sgkg serve` on a free loopback port: 2 query workers, 1.5 s query limit, 2000 rows, 300 kB bodies."""
    root = tmp_path_factory.mktemp("live")
    shutil.copytree(template_store, root / "store")
    server = start_server(
        root / "store",
        root / "serve.log",
        "--query-workers",
        "2",
        "--query-timeout",
        "1.5",
        "--max-rows",
        "2000",
        "--max-body",
        "300000",
        "--threads",
        "8",
        "--access-token",
        TOKEN,
    )
    yield server
    stop_server(server)
