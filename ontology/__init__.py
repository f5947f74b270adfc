"""The sgkg ontology, SKOS vocabularies and reference data, as package data."""

from importlib.resources import files as _files
from importlib.resources.abc import Traversable


def files() -> Traversable:
    """The package's data folder (works from a wheel, never relative to the cwd)."""
    return _files(__name__)


def turtle_files() -> list[Traversable]:
    """Every Turtle file that makes up the reference graph, in a stable order."""
    root = files()
    found = [root / "sgkg.ttl"]
    for folder in ("vocabularies", "reference"):
        found += sorted(
            (f for f in (root / folder).iterdir() if f.name.endswith(".ttl")),
            key=lambda f: f.name,
        )
    return found


def load():
    """The ontology, vocabularies and reference data as one rdflib Graph."""
    from rdflib import Graph

    graph = Graph()
    for f in turtle_files():
        graph.parse(data=f.read_text(encoding="utf-8"), format="turtle")
    return graph
