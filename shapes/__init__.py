"""SHACL shapes that every ingested graph must pass, as package data."""

from importlib.resources import files as _files
from importlib.resources.abc import Traversable


def files() -> Traversable:
    return _files(__name__)


def turtle_files() -> list[Traversable]:
    return sorted((f for f in files().iterdir() if f.name.endswith(".ttl")), key=lambda f: f.name)


def load():
    """All shapes as one rdflib Graph."""
    from rdflib import Graph

    graph = Graph()
    for f in turtle_files():
        graph.parse(data=f.read_text(encoding="utf-8"), format="turtle")
    return graph
