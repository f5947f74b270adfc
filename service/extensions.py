"""The store and the query pool, attached to the app by `init_app` (nothing global).

Lifetime: the `Service` lives in ``app.extensions["sgkg"]`` as long as its app.  `close_app(app)`
closes it (the query pool's processes, then the store and its directory lock); gunicorn calls it when
its worker exits (``service.serve``), tests when they are done with an app.  An app dropped without
``close_app`` is closed when it is garbage-collected or the process ends (``weakref.finalize``, which
holds no reference to the app, unlike one ``atexit`` hook per app).  Flask's teardown callbacks run
after each request, so they are not where a store that outlives requests is closed.

`Service` is what views use: ``query`` (negotiated bytes, time-limited), ``read`` (a
QueryResult for in-process readers such as pages and named queries), ``commit`` (atomic
graph replacements: the primary store first, then every query worker) and ``synced``, a
GraphStore whose writes take the same path (handed to the ingestion pipeline).

Under `sgkg serve` with several HTTP processes (`service.shared`), ``store`` is this process's
replica (a `Follower`, brought up to date before every read) and writes are made by the store
owner process; otherwise ``store`` is the store itself.
"""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping, Unpack

import pyoxigraph as ox
from flask import Flask, current_app

from sgkg.ingest.limits import Limits, check_sparql, check_terms
from sgkg.ingest.outbound import allow_list, refuse_outbound
from sgkg.ingest.settings import BY_NAME
from sgkg.ingest.sparqltext import replace_graph_update
from sgkg.ingest.store import GraphStore, QueryResult, graph_contents, open_configured, query_result
from sgkg.service.negotiation import QueryFormats
from sgkg.service.querypool import Change, DirectQueries, QueryPool, RequestOptions
from sgkg.service.shared import Follower

log = logging.getLogger(__name__)
KEY = "sgkg"
CLOSE_KEY = "sgkg.close"  # the app's finalizer: closes its service once, explicitly or when the app goes
SHARED = "SHARED_STORE"  # set by `sgkg serve` (not a setting): the store owner's `service.shared.SharedFiles`


def setting(name: str, app: Flask | None = None) -> Any:
    """The value of one setting in the app's config."""
    return (app or current_app).config[BY_NAME[name].env]


@dataclass
class Service:
    store: GraphStore
    queries: QueryPool | DirectQueries
    limits: Limits
    outbound_allow: tuple[str, ...] = ()  # endpoints SERVICE and LOAD may reach (setting outbound_allow)
    shared: Follower | None = None  # this HTTP process's replica when the store owner makes the writes
    synced: "SyncedStore" = field(init=False)

    def __post_init__(self) -> None:
        self.synced = SyncedStore(self)

    def query(
        self, sparql: str, formats: QueryFormats, **options: Unpack[RequestOptions]
    ) -> tuple[str, Iterator[bytes]]:
        """Negotiated result bytes of a query with the `RequestOptions` given; a text over the size or depth limit
        is refused before any parser sees it."""
        check_sparql(sparql, self.limits)
        self.check_outbound(sparql, options.get("base_iri"))
        self.catch_up()  # every write that returned, in any HTTP process, is seen
        return self.queries.query(sparql, formats, **options)

    def catch_up(self) -> None:
        """This HTTP process's replica (and its query pool) brought up to date with every write that returned, in
        any HTTP process (a no-op without a store owner: one pread when nothing changed)."""
        if self.shared is not None:
            self.shared.follow()

    def check_outbound(self, sparql: str, base_iri: str | None = None) -> None:
        """OutboundRefused (400) for a SERVICE or LOAD to an endpoint that outbound_allow does not name."""
        refuse_outbound(sparql, self.outbound_allow, base_iri=base_iri)

    def read(
        self, sparql: str, *, bindings: Mapping[str, Any] | None = None, default_graph=None, named_graphs=None
    ) -> QueryResult:
        """Run a query through the pool and hand back terms (a QueryResult), time limit included."""
        ctype, stream = self.query(
            sparql,
            QueryFormats("json", "nquads"),
            default_graph=default_graph,
            named_graphs=named_graphs,
            bindings=bindings,
        )
        data = b"".join(stream)
        if ctype.startswith("application/n-quads"):
            return QueryResult(kind="graph", triples=iter([q.triple for q in ox.parse(data, ox.RdfFormat.N_QUADS)]))
        return query_result(ox.parse_query_results(data, ox.QueryResultsFormat.JSON))

    def commit(self, changes: Mapping[str | None, Iterable[ox.Triple] | None]) -> None:
        """Replace (or, with None, drop) several graphs at once: one update transaction on the
        primary, then the same replacement queued to every query worker. None names the default graph."""
        materialised = {g: (list(t) if t is not None else None) for g, t in changes.items()}
        if not materialised:
            return
        check_terms(materialised, self.limits.max_literal_bytes)
        changes = [
            Change(g, ox.serialize(t, format=ox.RdfFormat.N_TRIPLES) if t else None) for g, t in materialised.items()
        ]
        with self.queries.write_lock:
            if self.shared is not None:  # the owner writes; this replica and its workers follow
                self.shared.commit(changes)
                return
            self.store.update(" ;\n".join(replace_graph_update(g, t or ()) for g, t in materialised.items()))
            self.queries.publish(changes)

    def graph_contents(self, graph: str | None) -> list[ox.Triple]:
        """The triples of one graph of the primary (None: the default graph)."""
        return graph_contents(self.store, graph)

    def close(self) -> None:
        self.queries.close()
        self.store.close()


class SyncedStore:
    """A GraphStore over the primary whose reads go through the query pool and whose writes
    also reach the pool's replicas (handed to the ingestion pipeline and named queries)."""

    def __init__(self, service: Service):
        self._service = service

    def query(
        self, sparql: str, *, bindings=None, default_graph=None, named_graphs=None, union_default: bool = True
    ) -> QueryResult:
        return self._service.read(sparql, bindings=bindings, default_graph=default_graph, named_graphs=named_graphs)

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        self._service.commit({graph: triples})

    def drop_graph(self, graph: str) -> None:
        self._service.commit({graph: None})

    def add_to_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        service, triples = self._service, list(triples)
        check_terms({graph: triples}, service.limits.max_literal_bytes)
        if service.shared is not None:  # the owner replaces whole graphs
            with service.queries.write_lock:
                service.commit({graph: list(service.store.graph_triples(graph)) + triples})
            return
        with service.queries.write_lock:
            service.store.add_to_graph(graph, triples)
            content = ox.serialize(service.store.graph_triples(graph), format=ox.RdfFormat.N_TRIPLES)
            service.queries.publish([Change(graph, content)])

    def update(self, sparql: str) -> None:
        """An arbitrary update cannot be replayed graph by graph: the workers reload from the primary."""
        self._service.check_outbound(sparql)
        if self._service.shared is not None:  # the owner writes; every replica reloads
            with self._service.queries.write_lock:
                self._service.shared.update(sparql)
            return
        with self._service.queries.write_lock:
            self._service.store.update(sparql)
        self._service.queries.reload()

    def __getattr__(self, name: str):  # has_graph, graph_names, graph_triples, count, dump
        if name in ("has_graph", "graph_names", "graph_triples", "count", "dump"):
            return getattr(self._service.store, name)
        raise AttributeError(name)

    def close(self) -> None:
        """The service owns the store; closing this view does nothing."""


def init_app(app: Flask) -> Service:
    """Open the store named by the settings, start the query pool and attach both to the app."""
    endpoint, files = setting("endpoint", app), app.config.get(SHARED)
    limits = Limits.from_settings(lambda name: setting(name, app))
    shared = Follower(files) if files else None  # under `sgkg serve` with several HTTP processes
    store = shared or open_configured(lambda name: setting(name, app), limits=limits)
    timeout, max_rows = setting("query_timeout", app), setting("max_rows", app)
    workers = setting("query_workers", app)
    if endpoint or workers <= 0:
        queries: QueryPool | DirectQueries = DirectQueries(store, timeout=timeout, max_rows=max_rows)
    else:
        queries = QueryPool(
            store,
            workers=workers,
            timeout=timeout,
            max_rows=max_rows,
            memory=setting("query_worker_memory", app),
            cheap=setting("cheap_query_time", app),
            replica=shared.engine if shared is not None else None,
        )
    if shared is not None:  # every change the replica applies reaches the pool; writers take the shared lock
        shared.pool, queries.write_lock = queries, shared.write_lock
    try:
        queries.start(wait=True)
    except BaseException:
        store.close()
        raise
    service = Service(store, queries, limits, allow_list(setting("outbound_allow", app)), shared)
    app.extensions[KEY] = service
    app.extensions[CLOSE_KEY] = weakref.finalize(app, service.close)
    log.info(
        "store %s; %s",
        endpoint or setting("store", app),
        f"{workers} query workers (in-memory replicas)"
        if isinstance(queries, QueryPool)
        else "queries run in the request thread",
    )
    return service


def get_service() -> Service:
    return current_app.extensions[KEY]


def close_app(app: Flask) -> None:
    """Close the app's service (query pool, then store) and detach it; a second call does nothing."""
    app.extensions.pop(KEY, None)
    close = app.extensions.pop(CLOSE_KEY, None)
    if close is not None:
        close()
