"""The embedded store: a pyoxigraph (RocksDB) directory, or memory when no directory is given.

Writes are transactions: ``replace_graph`` is one SPARQL Update (``DROP SILENT GRAPH`` then
``INSERT DATA``, written by ``ingest.sparqltext``), so a crash leaves the old graph or the new
one, never half.  pyoxigraph is called directly (not through oxrdflib, see PITFALLS.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Unpack

import pyoxigraph as ox

from sgkg.ingest.errors import StoreLocked, StoreUnavailable
from sgkg.ingest.limits import Limits, check_sparql, check_terms
from sgkg.ingest.sparqltext import (
    dataset_options,
    inject_values,
    insert_data,
    iri,
    replace_graph_update,
    syntax_error,
)
from sgkg.ingest.store.convert import query_result
from sgkg.ingest.store.protocol import QueryOptions, QueryResult, dump_format, query_options
from sgkg.ontology.namespaces import PREFIXES

LOCKED_HINT = "is `sgkg serve` running? stop it, or ingest through its /ingest endpoint"
PATH_HINT = "check the path and its permissions (setting `store`)"


class OxigraphStore:
    """A pyoxigraph store in a directory (persistent) or in memory (``path=None``).

    ``limits`` (the settings max_query_bytes, max_query_depth, max_literal_bytes) are the opener's; None
    reads them from the environment at each call (``Limits.from_settings``)."""

    def __init__(self, store: ox.Store, path: str | None = None, limits: Limits | None = None):
        self._store = store
        self.path = path
        self.limits = limits

    @classmethod
    def open(
        cls, path: str | Path | None = None, *, read_only: bool = False, limits: Limits | None = None
    ) -> OxigraphStore:
        """Open (creating if needed) the store directory; a directory held by another process raises StoreLocked.

        ``read_only`` opens an existing store without its lock (RocksDB's read-only mode), so that a
        command that only reads works while `sgkg serve` holds the store; it sees the store as it was
        when opened, and cannot write."""
        if path is None:
            return cls(ox.Store(), None, limits)
        where = str(path)
        if read_only:
            return cls(cls._read_only(where), where, limits)
        try:
            Path(where).mkdir(parents=True, exist_ok=True)
            return cls(ox.Store(where), where, limits)
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(
                    f"the store directory {where} is in use by another process", where=where, hint=LOCKED_HINT
                ) from exc
            raise StoreUnavailable(
                f"cannot open the store directory {where}: {exc}", where=where, hint=PATH_HINT
            ) from exc

    @staticmethod
    def _read_only(where: str) -> ox.Store:
        if not (Path(where) / "CURRENT").is_file():
            raise StoreUnavailable(
                f"there is no store in {where}",
                where=where,
                hint=f"create one with `sgkg init --store {where}`, or check the path (setting `store`)",
            )
        try:
            return ox.Store.read_only(where)
        except OSError as exc:
            raise StoreUnavailable(
                f"cannot open the store directory {where} to read: {exc}", where=where, hint=PATH_HINT
            ) from exc

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # queries

    def query(self, sparql: str, **options: Unpack[QueryOptions]) -> QueryResult:
        """Run a SPARQL query with the `QueryOptions` given; ``bindings`` are bound by the engine.

        Bindings go in as a ``VALUES`` block (``inject_values``), not pyoxigraph's
        ``substitutions=``: in pyoxigraph 0.5 a substituted variable must be in the
        SELECT projection and ``BOUND()`` is false for it, which breaks the named
        queries' ``FILTER(!BOUND(?param_x) || ...)`` idiom.  A text over ``max_query_bytes`` or
        ``max_query_depth`` is refused before the engine parses it (a deep one would crash it).
        """
        given = query_options(options)
        check_sparql(sparql, self._limits())
        dataset = dataset_options(
            sparql, given["default_graph"], given["named_graphs"], union_default=given["union_default"]
        )
        try:
            return query_result(self._store.query(inject_values(sparql, given["bindings"] or {}), **dataset))
        except SyntaxError as exc:
            raise syntax_error(exc) from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update as one transaction."""
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise syntax_error(exc, "update") from exc

    def _limits(self) -> Limits:
        return self.limits or Limits.from_settings()

    def _within_limits(self, graph: str, triples: Iterable[ox.Triple]) -> list[ox.Triple]:
        """The triples, refused (LiteralTooLarge) when one holds a term over the setting ``max_literal_bytes``:
        the engine cannot reload a literal over 16 MiB from a dump, so no write may store one."""
        triples = list(triples)
        check_terms({graph: triples}, self._limits().max_literal_bytes)
        return triples

    # graphs

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Replace a named graph in one transaction: readers and crashes see the old graph or the new one.
        A term over ``max_literal_bytes`` refuses the write (LiteralTooLarge), so the store stays loadable."""
        self.update(replace_graph_update(graph, self._within_limits(graph, triples)))

    def add_to_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Add triples to a named graph in one transaction (terms checked as for ``replace_graph``)."""
        for operation in insert_data(graph, self._within_limits(graph, triples)):
            self.update(operation)

    def drop_graph(self, graph: str) -> None:
        self.update(replace_graph_update(graph))

    def has_graph(self, graph: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(graph))

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_triples(self, graph: str) -> Iterator[ox.Triple]:
        return (q.triple for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def count(self, graph: str | None = None) -> int:
        """Number of quads in the store, or of triples in one named graph."""
        if graph is None:
            return len(self._store)
        solutions = self._store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}")
        return int(next(iter(solutions))[0].value)

    def dump(self, fmt: str = "trig", graphs: list[str] | None = None) -> bytes:
        """Serialise the store (trig, nquads) or one graph (turtle, ntriples; also trig/nquads)."""
        rdf_format, multi_graph = dump_format(fmt, graphs)
        prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE) else None
        if not multi_graph:
            return self._store.dump(format=rdf_format, from_graph=ox.NamedNode(graphs[0]), prefixes=prefixes)
        if graphs is None:
            return self._store.dump(format=rdf_format, prefixes=prefixes)
        quads = [q for g in graphs for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(g))]
        return ox.serialize(quads, format=rdf_format, prefixes=prefixes)

    def snapshot(self, path: str | Path) -> None:
        """Write every quad to ``path`` as N-Quads, straight from the engine (the GIL is released;
        the query pool's replicas load it)."""
        self._store.dump(output=str(path), format=ox.RdfFormat.N_QUADS)

    def optimize(self) -> None:
        """Compact the on-disk store (faster reads after large loads)."""
        self._store.optimize()

    def close(self) -> None:
        """Release the store (and its directory lock)."""
        self._store = None
