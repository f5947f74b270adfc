"""Fixtures of the cross-backend tests: the same test runs on the embedded Oxigraph
store and on a real Virtuoso (started once per session, see tests/virtuoso.py)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from sgkg.ingest.store import RemoteStore, open_store
from tests.virtuoso import session_server

BACKENDS = ["oxigraph", pytest.param("virtuoso", marks=pytest.mark.virtuoso)]
FIXTURE_GRAPH = Path(__file__).resolve().parent.parent / "data" / "fixture-graph.trig"


@pytest.fixture(scope="session")
def virtuoso(request, tmp_path_factory):
    return session_server(request, tmp_path_factory)


def open_backend(kind: str, request):
    if kind == "oxigraph":
        return open_store()
    store = RemoteStore(request.getfixturevalue("virtuoso").sparql, timeout=30)
    empty_store(store)
    return store


def empty_store(store) -> None:
    for graph in store.graph_names():
        store.drop_graph(graph)


@pytest.fixture(params=BACKENDS)
def store(request):
    """An empty store of each backend (Virtuoso's is emptied of our graphs before and after)."""
    opened = open_backend(request.param, request)
    yield opened
    if request.param == "virtuoso":
        empty_store(opened)
    opened.close()


def load_fixture_graph(store) -> dict[str, int]:
    """tests/data/fixture-graph.trig into the store, one replace_graph per graph; graph -> triples."""
    graphs = defaultdict(list)
    for quad in ox.parse(path=str(FIXTURE_GRAPH), format=ox.RdfFormat.TRIG):
        graphs[quad.graph_name.value].append(quad.triple)
    for graph, triples in graphs.items():
        store.replace_graph(graph, triples)
    return {graph: len(set(triples)) for graph, triples in graphs.items()}


@pytest.fixture(scope="module", params=BACKENDS)
def fixture_store(request):
    """A store of each backend holding tests/data/fixture-graph.trig (loaded once per module)."""
    if not FIXTURE_GRAPH.exists():
        pytest.skip(f"{FIXTURE_GRAPH} is absent")
    opened = open_backend(request.param, request)
    load_fixture_graph(opened)
    yield opened
    if request.param == "virtuoso":
        empty_store(opened)
    opened.close()
