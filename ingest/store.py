"""The graph store: one interface, an embedded Oxigraph behind it by default.

Callers see ``GraphStore`` only.  ``OxigraphStore`` keeps the data in a
pyoxigraph (RocksDB) directory, or in memory when no directory is given;
``ingest.remote.RemoteStore`` speaks SPARQL 1.1 to another store and is
returned by ``open_store(endpoint=...)``.

Terms crossing this boundary are pyoxigraph terms.  Writes are transactions:
``replace_graph`` is one SPARQL Update (``DROP SILENT GRAPH`` then
``INSERT DATA``), so a crash leaves the old graph or the new one, never half.
pyoxigraph is called directly (not through oxrdflib, see PITFALLS.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Protocol

import pyoxigraph as ox
import rdflib

from ingest.errors import QueryError, StoreLocked, StoreUnavailable, UsageError
from ontology.namespaces import PREFIXES, REFERENCE_GRAPH

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

LOCKED_HINT = "is `sgkg serve` running? stop it, or ingest through its /ingest endpoint"

# dump formats: name -> (pyoxigraph format, holds several graphs)
DUMP_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
}

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class QueryResult:
    """What a query returned: a table (select), a boolean (ask) or triples (construct/describe)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: Iterator[tuple] = field(default_factory=lambda: iter(()))
    boolean: bool | None = None
    triples: Iterator | None = None


class GraphStore(Protocol):
    """The store interface every caller uses (embedded or remote)."""

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None,
              union_default: bool = True) -> QueryResult: ...
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


# --- SPARQL text helpers -----------------------------------------------------

# strings, IRIs and comments, which may contain anything, including the words FROM and WHERE; also a
# backslash escape outside them (``ex:a\#b`` is a name, not a comment), and a comment ends at CR too
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*(?:(?:\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})[^<>"{}|^`\\\s]*)*>'
    r"|#[^\r\n]*"
    r"|\\.",
    re.DOTALL,
)
_FROM = re.compile(r"(?<![\w:?$])FROM(?![\w:-])", re.IGNORECASE)
_GROUPING = re.compile(r"[{}()]|(?<![\w:?$])WHERE(?![\w:-])", re.IGNORECASE)
_SUBSELECT = re.compile(r"[{}]|(?<![\w:?$])SELECT(?![\w:-])", re.IGNORECASE)
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _mask(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length, so positions hold)."""
    return _OPAQUE.sub(lambda m: " " * len(m.group()), sparql)


def has_dataset_clause(sparql: str) -> bool:
    """True when the query names its own dataset (FROM / FROM NAMED)."""
    return bool(_FROM.search(_mask(sparql)))


def _where_brace(masked: str) -> int | None:
    """Position of the ``{`` opening the outermost WHERE group (in a query masked by ``_mask``)."""
    tokens, depth = [], 0
    for match in _GROUPING.finditer(masked):
        token = match.group()
        if token in ")}":
            depth -= 1
        elif depth == 0:
            tokens.append((match.start(), token.upper()))
        if token in "({":
            depth += 1
    where = next((i for i, (_, t) in enumerate(tokens) if t == "WHERE"), -1)
    return next((at for at, t in tokens[where + 1:] if t == "{"), None)


def _subselect_groups(masked: str) -> list[tuple[int, int]]:
    """(start, end) of the ``{ ... }`` group of every sub-select: the first ``{`` after a nested SELECT."""
    groups, depth, waiting, opened = [], 0, [], []
    for match in _SUBSELECT.finditer(masked):
        token = match.group()
        if token == "{":
            if waiting and waiting[-1] == depth:
                waiting.pop()
                opened.append((depth, match.start()))
            depth += 1
        elif token == "}":
            depth -= 1
            if opened and opened[-1][0] == depth:
                groups.append((opened.pop()[1], match.start()))
        elif depth > 0:
            waiting.append(depth)
    return groups


def _values_block(names: list[str], bindings: Mapping[str, Term]) -> str:
    return " VALUES ({}) {{ ({}) }}\n".format(" ".join("?" + n for n in names),
                                              " ".join(str(bindings[n]) for n in names))


def inject_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables with a one-row ``VALUES`` block at the start of the outermost WHERE group.

    A sub-select cannot see the variables of the query around it, so the block also goes at the
    start of the group of every sub-select that mentions a bound variable (with just those
    variables): a named query can filter by its parameters inside a sub-select, before the rest
    of the query joins. The terms are written in N-Triples syntax (escaped by pyoxigraph), so a
    value is always one term, whatever it contains.  Used by the embedded and the remote store.
    """
    if not bindings:
        return sparql
    bindings = {name.lstrip("?$"): value for name, value in bindings.items()}
    names = list(bindings)
    bad = [n for n in names if not _VARIABLE.match(n)]
    if bad:
        raise QueryError(f"cannot bind {', '.join(bad)}: not a SPARQL variable name")
    masked = _mask(sparql)
    at = _where_brace(masked)
    if at is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    inserts = [(at, _values_block(names, bindings))]
    for start, end in _subselect_groups(masked):
        inner = [n for n in names if re.search(rf"[?$]{n}(?!\w)", masked[start:end])]
        if inner:
            inserts.append((start, _values_block(inner, bindings)))
    for position, block in sorted(inserts, reverse=True):
        sparql = sparql[: position + 1] + block + sparql[position + 1:]
    return sparql


def _triples_text(triples: Iterable[ox.Triple]) -> str:
    """Triples in N-Triples term syntax (valid inside SPARQL INSERT DATA)."""
    return " .\n".join(f"{t.subject} {t.predicate} {t.object}" for t in triples)


def _within_limits(graph: str, triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples, refused (LiteralTooLarge) when one holds a term over the setting ``max_literal_bytes``:
    the engine cannot reload a literal over 16 MiB from a dump, so no write may store one."""
    from ingest.limits import check_terms
    from ingest.settings import get

    triples = list(triples)
    check_terms({graph: triples}, get("max_literal_bytes"))
    return triples


def _iri(graph: str) -> str:
    """``<graph>``, checked by pyoxigraph (an invalid IRI raises ValueError)."""
    return str(ox.NamedNode(str(graph)))


# --- the embedded store ------------------------------------------------------

class OxigraphStore:
    """A pyoxigraph store in a directory (persistent) or in memory (``path=None``)."""

    def __init__(self, store: ox.Store, path: str | None = None):
        self._store = store
        self.path = path

    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False) -> OxigraphStore:
        """Open (creating if needed) the store directory; a directory held by another process raises StoreLocked.

        ``read_only`` opens an existing store without its lock (RocksDB's read-only mode), so that a
        command that only reads works while `sgkg serve` holds the store; it sees the store as it was
        when opened, and cannot write."""
        if path is None:
            return cls(ox.Store(), None)
        where = str(path)
        if read_only:
            return cls._open_read_only(where)
        try:
            Path(where).mkdir(parents=True, exist_ok=True)
            return cls(ox.Store(where), where)
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(f"the store directory {where} is in use by another process",
                                  where=where, hint=LOCKED_HINT) from exc
            raise StoreUnavailable(f"cannot open the store directory {where}: {exc}", where=where,
                                   hint="check the path and its permissions (setting `store`)") from exc

    @classmethod
    def _open_read_only(cls, where: str) -> OxigraphStore:
        if not (Path(where) / "CURRENT").is_file():
            raise StoreUnavailable(f"there is no store in {where}", where=where,
                                   hint=f"create one with `sgkg init --store {where}`, or check the path "
                                        "(setting `store`)")
        try:
            return cls(ox.Store.read_only(where), where)
        except OSError as exc:
            raise StoreUnavailable(f"cannot open the store directory {where} to read: {exc}", where=where,
                                   hint="check the path and its permissions (setting `store`)") from exc

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # queries

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None,
              union_default: bool = True) -> QueryResult:
        """Run a SPARQL query; ``bindings`` (variable name -> term) are bound by the engine.

        Bindings go in as a ``VALUES`` block (``inject_values``), not pyoxigraph's
        ``substitutions=``: in pyoxigraph 0.5 a substituted variable must be in the
        SELECT projection and ``BOUND()`` is false for it, which breaks the named
        queries' ``FILTER(!BOUND(?param_x) || ...)`` idiom.  A text over ``max_query_bytes`` or
        ``max_query_depth`` is refused before the engine parses it (a deep one would crash it).
        """
        from ingest.limits import Limits, check_sparql

        check_sparql(sparql, Limits.from_settings())
        options: dict = {}
        if default_graph is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        elif union_default and not has_dataset_clause(sparql):
            options["use_default_graph_as_union"] = True
        if named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return _result(self._store.query(inject_values(sparql, bindings or {}), **options))
        except SyntaxError as exc:
            raise QueryError(f"malformed query: {exc}", hint="fix the SPARQL syntax at that position") from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update as one transaction."""
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"malformed update: {exc}", hint="fix the SPARQL syntax at that position") from exc

    # graphs

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Replace a named graph in one transaction: readers and crashes see the old graph or the new one.
        A term over ``max_literal_bytes`` refuses the write (LiteralTooLarge), so the store stays loadable."""
        iri = _iri(graph)
        body = _triples_text(_within_limits(graph, triples))
        insert = f" ;\nINSERT DATA {{ GRAPH {iri} {{\n{body}\n}} }}" if body else ""
        self.update(f"DROP SILENT GRAPH {iri}{insert}")

    def add_to_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Add triples to a named graph in one transaction (terms checked as for ``replace_graph``)."""
        body = _triples_text(_within_limits(graph, triples))
        if body:
            self.update(f"INSERT DATA {{ GRAPH {_iri(graph)} {{\n{body}\n}} }}")

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH {_iri(graph)}")

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
        solutions = self._store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}")
        return int(next(iter(solutions))[0].value)

    def dump(self, fmt: str = "trig", graphs: list[str] | None = None) -> bytes:
        """Serialise the store (trig, nquads) or one graph (turtle, ntriples; also trig/nquads)."""
        if fmt not in DUMP_FORMATS:
            raise UsageError(f"unknown export format {fmt!r}", hint="use one of " + ", ".join(DUMP_FORMATS))
        rdf_format, multi_graph = DUMP_FORMATS[fmt]
        prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE) else None
        if not multi_graph:
            if not graphs or len(graphs) != 1:
                raise UsageError(f"{fmt} holds a single graph", hint="name exactly one graph, or use trig or nquads")
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


def _result(raw) -> QueryResult:
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        names = [v.value for v in raw.variables]
        width = len(names)
        return QueryResult(kind="select", variables=names,
                           rows=(tuple(solution[i] for i in range(width)) for solution in raw))
    return QueryResult(kind="graph", triples=iter(raw))


# --- opening and initialising -----------------------------------------------

def open_store(path: str | Path | None = None, *, endpoint: str | None = None,
               update_endpoint: str | None = None, graph_store_endpoint: str | None = None,
               read_only: bool = False) -> GraphStore:
    """The remote store when an endpoint is given, else the embedded store at ``path`` (in memory if None;
    an existing one opened without its lock when ``read_only``, see `OxigraphStore.open`)."""
    if endpoint:
        from ingest.remote import RemoteStore

        return RemoteStore(endpoint, update_endpoint=update_endpoint or None,
                           graph_store_endpoint=graph_store_endpoint or None)
    return OxigraphStore.open(path, read_only=read_only)


def graph_contents(store: GraphStore, graph: str | None) -> list[ox.Triple]:
    """The triples of one named graph, or of the store's own default graph (``None``)."""
    if graph is not None:
        return list(store.graph_triples(graph))
    return list(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", union_default=False).triples)


def init_store(store: GraphStore) -> None:
    """(Re)load the reference graph (ontology, vocabularies, reference data) in one transaction."""
    import ontology

    store.replace_graph(str(REFERENCE_GRAPH), to_oxigraph(ontology.load()))


def ensure_reference(store: GraphStore) -> bool:
    """Load the reference graph into a store that has none (the named queries join every fact with it);
    True when it was loaded."""
    if store.has_graph(str(REFERENCE_GRAPH)):
        return False
    init_store(store)
    return True


# --- converters ----------------------------------------------------------------

def to_oxigraph(graph: rdflib.Graph) -> list[ox.Triple]:
    """An rdflib graph as pyoxigraph triples (through N-Triples, faster than term by term)."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return [quad.triple for quad in ox.parse(data, ox.RdfFormat.N_TRIPLES)]


def to_rdflib(triples: Iterable) -> rdflib.Graph:
    """pyoxigraph triples (or quads) as an rdflib graph (term by term, faster than re-parsing N-Triples)."""
    graph = rdflib.Graph()
    graph.addN((_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object), graph)
               for t in triples)
    return graph


def _rdflib_term(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return rdflib.Literal(term.value, datatype=None if datatype == _XSD_STRING else rdflib.URIRef(datatype))
    raise TypeError(f"rdflib cannot hold the term {term!r} (RDF-star triple terms are not supported)")
