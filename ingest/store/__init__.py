"""The graph store: one interface, an embedded Oxigraph behind it by default, a SPARQL 1.1 server instead.

Callers see ``GraphStore`` (``protocol``) only, and open it here: ``open_store`` from arguments,
``open_configured`` from the settings table.  One module per backend: ``oxigraph`` (a pyoxigraph
directory, or memory) and ``remote`` (the SPARQL 1.1 protocols over HTTP).  ``convert`` holds the
conversions at the edge (rdflib, engine answers); the SPARQL text both backends write and read is
``ingest.sparqltext``.  Terms crossing this boundary are pyoxigraph terms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pyoxigraph as ox

from sgkg.ingest.limits import Limits
from sgkg.ingest.sparqltext import Term, has_dataset_clause, inject_values
from sgkg.ingest.store.convert import query_result, to_oxigraph, to_rdflib
from sgkg.ingest.store.oxigraph import LOCKED_HINT, OxigraphStore
from sgkg.ingest.store.protocol import DUMP_FORMATS, GraphStore, QueryOptions, QueryResult
from sgkg.ingest.store.remote import RemoteStore
from sgkg.ontology.namespaces import REFERENCE_GRAPH

# the settings that say which store to open (and how long a remote one may take to answer)
STORE_SETTINGS = ("store", "endpoint", "update_endpoint", "graph_store_endpoint", "query_timeout")


def open_store(
    path: str | Path | None = None,
    *,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    graph_store_endpoint: str | None = None,
    timeout: float | None = None,
    read_only: bool = False,
    limits: Limits | None = None,
) -> GraphStore:
    """The remote store when an endpoint is given (requests time out after ``timeout`` seconds), else the
    embedded store at ``path`` (in memory if None; an existing one opened without its lock when
    ``read_only``, see `OxigraphStore.open`), checking texts and terms against ``limits`` (None: the
    environment's)."""
    if endpoint:
        return RemoteStore(
            endpoint,
            update_endpoint=update_endpoint or None,
            graph_store_endpoint=graph_store_endpoint or None,
            timeout=timeout,
        )
    return OxigraphStore.open(path, read_only=read_only, limits=limits)


def open_configured(
    value: Callable[[str], Any], *, read_only: bool = False, limits: Limits | None = None
) -> GraphStore:
    """The store the settings name; ``value(name)`` is a setting's value (from the command line, the app's
    config or ``ingest.settings.get``), for every name in ``STORE_SETTINGS``; ``limits`` as for `open_store`."""
    return open_store(
        value("store") or None,
        endpoint=value("endpoint") or None,
        update_endpoint=value("update_endpoint") or None,
        graph_store_endpoint=value("graph_store_endpoint") or None,
        timeout=value("query_timeout"),
        read_only=read_only,
        limits=limits,
    )


def store_location(value: Callable[[str], Any]) -> str:
    """Where the configured store is, for messages: its endpoint, else its directory."""
    return value("endpoint") or value("store")


def graph_contents(store: GraphStore, graph: str | None) -> list[ox.Triple]:
    """The triples of one named graph, or of the store's own default graph (``None``)."""
    if graph is not None:
        return list(store.graph_triples(graph))
    return list(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", union_default=False).triples)


def init_store(store: GraphStore) -> None:
    """(Re)load the reference graph (ontology, vocabularies, reference data) in one transaction."""
    from sgkg import ontology

    store.replace_graph(str(REFERENCE_GRAPH), to_oxigraph(ontology.load()))


def ensure_reference(store: GraphStore) -> bool:
    """Load the reference graph into a store that has none (the named queries join every fact with it);
    True when it was loaded."""
    if store.has_graph(str(REFERENCE_GRAPH)):
        return False
    init_store(store)
    return True


__all__ = [
    "DUMP_FORMATS",
    "LOCKED_HINT",
    "STORE_SETTINGS",
    "GraphStore",
    "OxigraphStore",
    "QueryOptions",
    "QueryResult",
    "RemoteStore",
    "Term",
    "ensure_reference",
    "graph_contents",
    "has_dataset_clause",
    "init_store",
    "inject_values",
    "open_configured",
    "open_store",
    "query_result",
    "store_location",
    "to_oxigraph",
    "to_rdflib",
]
