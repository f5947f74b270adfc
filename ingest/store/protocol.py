"""What every store is: the ``GraphStore`` protocol, the ``QueryResult`` it answers with, the dump formats.

Terms crossing this boundary are pyoxigraph terms, whichever backend holds the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping, Protocol, TypedDict, Unpack

import pyoxigraph as ox

from sgkg.ingest.errors import UsageError
from sgkg.ingest.sparqltext import Term

# dump formats: name -> (pyoxigraph format, holds several graphs)
DUMP_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
}


@dataclass
class QueryResult:
    """What a query returned: a table (select), a boolean (ask) or triples (construct/describe)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: Iterator[tuple] = field(default_factory=lambda: iter(()))
    boolean: bool | None = None
    triples: Iterator | None = None


class QueryOptions(TypedDict, total=False):
    """What `GraphStore.query` takes besides the text, each optional (the default in brackets):

    - ``bindings``: variable name -> term, bound by the engine as a ``VALUES`` block, never formatted into the
      text [none];
    - ``default_graph``: the graphs whose union is the default graph (the protocol's ``default-graph-uri``)
      [as ``union_default`` says];
    - ``named_graphs``: the named graphs the query sees (``named-graph-uri``) [the store's];
    - ``union_default``: with no ``default_graph`` and no FROM in the query, the default graph is the union of
      every graph (a remote store: the server's own default graph, whatever it is) [True]."""

    bindings: Mapping[str, Term] | None
    default_graph: list[str] | None
    named_graphs: list[str] | None
    union_default: bool


QUERY_DEFAULTS: QueryOptions = {"bindings": None, "default_graph": None, "named_graphs": None, "union_default": True}


def query_options(options: QueryOptions) -> QueryOptions:
    """Every option of a `GraphStore.query` call, the defaults filled in; TypeError for a name that is not an
    option, as for a keyword argument a signature does not take."""
    unknown = sorted(set(options) - set(QUERY_DEFAULTS))
    if unknown:
        raise TypeError(f"query() got an unexpected keyword argument {unknown[0]!r}")
    return {**QUERY_DEFAULTS, **options}


class GraphStore(Protocol):
    """The store interface every caller uses (embedded or remote)."""

    def query(self, sparql: str, **options: Unpack[QueryOptions]) -> QueryResult:
        """Run a SPARQL query with the `QueryOptions` given (bindings bound by the engine, the dataset)."""

    def update(self, sparql: str) -> None: ...
    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None: ...
    def add_to_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None: ...
    def drop_graph(self, graph: str) -> None: ...
    def has_graph(self, graph: str) -> bool: ...
    def graph_names(self) -> list[str]: ...
    def graph_triples(self, graph: str) -> Iterator[ox.Triple]: ...
    def count(self, graph: str | None = None) -> int: ...
    def dump(self, fmt: str = "trig", graphs: list[str] | None = None) -> bytes: ...
    def close(self) -> None: ...


def dump_format(fmt: str, graphs: list[str] | None) -> tuple[ox.RdfFormat, bool]:
    """The pyoxigraph format of a dump and whether it holds several graphs; UsageError for an unknown
    format, or for a single-graph format (turtle, ntriples) not given exactly one graph."""
    if fmt not in DUMP_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}", hint="use one of " + ", ".join(DUMP_FORMATS))
    rdf_format, multi_graph = DUMP_FORMATS[fmt]
    if not multi_graph and (not graphs or len(graphs) != 1):
        raise UsageError(f"{fmt} holds a single graph", hint="name exactly one graph, or use trig or nquads")
    return rdf_format, multi_graph
