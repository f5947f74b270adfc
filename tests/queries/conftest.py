"""A store loaded with tests/data/fixture-graph.trig (the named-query fixture)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "fixture-graph.trig"


def load_fixture(store, path: Path = FIXTURE) -> None:
    """Add every named graph of a TriG file to a GraphStore through its public interface."""
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
        graphs[quad.graph_name.value].append(quad.triple)
    for graph, triples in graphs.items():
        store.add_to_graph(graph, triples)


@pytest.fixture(scope="session")
def fixture_store():
    from sgkg.ingest.store import open_store

    store = open_store(None)
    load_fixture(store)
    yield store
    store.close()
