"""The remote store: the GraphStore interface over the SPARQL 1.1 protocols.

``RemoteStore`` speaks the SPARQL 1.1 Protocol (queries and updates) and,
when given a Graph Store endpoint, the Graph Store HTTP Protocol, to any
SPARQL 1.1 server (Virtuoso, Fuseki, Oxigraph server) through one keep-alive
``requests`` session.  Results come back as the same ``QueryResult`` with
pyoxigraph terms as the embedded store's.

What each server guarantees differs; docs/remote-store.md has the measured
details.  In short: Fuseki (TDB2) and Oxigraph server run one update request
as one transaction, so ``replace_graph`` is atomic there; Virtuoso 7 does not
(a failing request keeps its earlier operations, and concurrent readers can
see a half-replaced graph), whatever the protocol used.

Parameters are bound with a ``VALUES`` block (``ingest.sparqltext.inject_values``);
user values are never formatted into the query text any other way.
"""

from __future__ import annotations

import hashlib
import json
from typing import Iterable, Iterator, Unpack

import pyoxigraph as ox
import requests

from sgkg.ingest.errors import (
    Forbidden,
    QueryError,
    QueryTimeout,
    StoreError,
    StoreUnavailable,
    Unauthorized,
    excerpt,
)
from sgkg.ingest.settings import BY_NAME
from sgkg.ingest.sparqltext import (
    has_dataset_clause,
    inject_values,
    insert_data,
    iri,
    query_form,
    replace_graph_update,
)
from sgkg.ingest.store.protocol import QueryOptions, QueryResult, dump_format, query_options

# Virtuoso keeps its own metadata in these graphs; they are not ours and are
# left out of graph_names() and count() (they are still in its union default graph).
VIRTUOSO_SYSTEM_GRAPHS = frozenset(
    {
        "http://www.openlinksw.com/schemas/virtrdf#",
        "http://www.w3.org/ns/ldp#",
        "http://localuriqaserver/sparql",
        "http://www.w3.org/2002/07/owl#",
    }
)

# Virtuoso 7.2's SPARQL parser runs out of stack ("SP030 ... memory exhausted") near
# 5,000 triples in one INSERT DATA; several INSERT DATA operations in one request work.
INSERT_CHUNK = 1000

_ASK_VARIABLE = "__ASK_RETVAL"
RESULTS_JSON = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
UPDATE_TYPE = "application/sparql-update; charset=utf-8"


class RemoteStore:
    """A GraphStore over HTTP: SPARQL 1.1 Query/Update and (optionally) Graph Store protocols.

    ``auth`` is anything ``requests`` accepts (``("user", "pw")`` for Basic,
    ``requests.auth.HTTPDigestAuth(...)`` for Virtuoso's /sparql-auth).
    ``hidden_graphs`` are server-internal graphs left out of graph_names() and count().
    ``timeout`` (seconds a request may take) is the opener's setting ``query_timeout``; None is the
    table's default, never the environment.
    """

    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        graph_store_endpoint: str | None = None,
        timeout: float | None = None,
        auth=None,
        hidden_graphs: Iterable[str] = VIRTUOSO_SYSTEM_GRAPHS,
    ):
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.graph_store_endpoint = graph_store_endpoint or None
        self.timeout = float(BY_NAME["query_timeout"].default if timeout is None else timeout)
        self.hidden_graphs = frozenset(hidden_graphs)
        self._session = requests.Session()
        self._session.auth = auth

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r})"

    # --- queries -------------------------------------------------------------------

    def query(self, sparql: str, **options: Unpack[QueryOptions]) -> QueryResult:
        """Run a query with the `QueryOptions` given (POST, form-encoded); its results come back as pyoxigraph terms.

        ``union_default`` is the server's business: without ``default_graph`` the
        server's own default graph is used (Virtuoso: the union of all graphs;
        Fuseki and Oxigraph server: the union only when configured so).
        """
        given = query_options(options)
        text = inject_values(sparql, given["bindings"] or {})
        form_keyword = query_form(text)
        default_graph, named_graphs = given["default_graph"], given["named_graphs"]
        if (
            form_keyword == "DESCRIBE"
            and given["union_default"]
            and default_graph is None
            and not has_dataset_clause(text)
        ):
            default_graph = self.graph_names()  # Virtuoso 7 describes nothing from its implicit union
        form = [("query", text)]
        form += [("default-graph-uri", g) for g in default_graph or ()]
        form += [("named-graph-uri", g) for g in named_graphs or ()]
        graph_form = form_keyword in ("CONSTRUCT", "DESCRIBE")
        response = self._post(
            self.endpoint, data=form, headers={"Accept": GRAPH_ACCEPT if graph_form else RESULTS_JSON}
        )
        if graph_form:
            return QueryResult(kind="graph", triples=iter(_parse_graph(response)))
        result = _parse_results(response)
        if form_keyword == "ASK" and result.kind == "select":
            return _virtuoso_ask(result)
        return result

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update request (one request; atomic only where the server makes it so)."""
        self._post(
            self.update_endpoint,
            data=sparql.encode("utf-8"),
            headers={"Content-Type": UPDATE_TYPE, "Accept": RESULTS_JSON + ", */*;q=0.1"},
        )

    # --- graphs --------------------------------------------------------------------

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Replace a named graph in one request: a Graph Store PUT when a graph store
        endpoint is configured, else ``DROP SILENT GRAPH`` + ``INSERT DATA`` operations."""
        if self.graph_store_endpoint:
            self._put_graph("PUT", graph, triples)
            return
        self.update(replace_graph_update(graph, triples, INSERT_CHUNK))

    def add_to_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Add triples in one request (Graph Store POST, or INSERT DATA operations)."""
        if self.graph_store_endpoint:
            self._put_graph("POST", graph, triples)
            return
        operations = insert_data(graph, triples, INSERT_CHUNK)
        if operations:
            self.update(" ;\n".join(operations))

    def drop_graph(self, graph: str) -> None:
        self.update(replace_graph_update(graph))

    def has_graph(self, graph: str) -> bool:
        return bool(self.query(f"ASK {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}").boolean)

    def graph_names(self) -> list[str]:
        """Named graphs holding at least one triple, without the server's own graphs.

        (``GRAPH ?g {}`` is not used: Virtuoso 7 answers it with one unbound row.)
        """
        return sorted(self._graph_counts())

    def graph_triples(self, graph: str) -> Iterator[ox.Triple]:
        return self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}").triples

    def count(self, graph: str | None = None) -> int:
        """Triples in one named graph, or quads in all named graphs (server graphs left out)."""
        if graph is None:
            return sum(self._graph_counts().values())
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}")
        return int(next(result.rows)[0].value)

    def dump(self, fmt: str = "trig", graphs: list[str] | None = None) -> bytes:
        """Serialise named graphs (trig, nquads) or one graph (turtle, ntriples), one CONSTRUCT per graph."""
        rdf_format, multi_graph = dump_format(fmt, graphs)
        if not multi_graph:
            return ox.serialize(list(self.graph_triples(graphs[0])), format=rdf_format)
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
            for g in (self.graph_names() if graphs is None else graphs)
            for t in self.graph_triples(g)
        ]
        return ox.serialize(quads, format=rdf_format)

    def close(self) -> None:
        self._session.close()

    # --- HTTP ----------------------------------------------------------------------

    def _graph_counts(self) -> dict[str, int]:
        result = self.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {
            g.value: int(n.value)
            for g, n in result.rows
            if isinstance(g, ox.NamedNode) and g.value not in self.hidden_graphs
        }

    def _put_graph(self, method: str, graph: str, triples: Iterable[ox.Triple]) -> None:
        body = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
        self._request(
            method,
            self.graph_store_endpoint,
            params={"graph": ox.NamedNode(graph).value},
            data=body,
            headers={"Content-Type": "application/n-triples; charset=utf-8"},
        )

    def _post(self, url: str, **kwargs) -> requests.Response:
        return self._request("POST", url, **kwargs)

    def _request(self, method: str, url: str, **kwargs) -> requests.Response:
        try:
            response = self._session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.Timeout as exc:
            raise StoreUnavailable(
                f"the SPARQL endpoint {url} did not answer within {self.timeout:g} s",
                where=url,
                hint="check the server, or raise the setting `query_timeout`",
            ) from exc
        except requests.ConnectionError as exc:
            raise StoreUnavailable(
                f"cannot reach the SPARQL endpoint {url}: {_reason(exc)}",
                where=url,
                hint="is the triple store running? check `endpoint` / `update_endpoint` "
                f"(requests time out after `query_timeout` = {self.timeout:g} s)",
            ) from exc
        _check(response, url)
        return response


# --- responses -----------------------------------------------------------------------


def _check(response: requests.Response, url: str) -> None:
    """Map an HTTP failure to the error catalogue, carrying the server's own message."""
    status = response.status_code
    message = _server_message(response)
    if status < 400:
        if response.headers.get("X-SQL-State"):  # Virtuoso's "anytime query": partial results
            raise QueryTimeout(
                f"{url} returned partial results: {response.headers.get('X-SQL-Message', '')}",
                where=url,
                hint="the server's own time limit (Virtuoso: [SPARQL] MaxQueryExecutionTime) was reached",
            )
        return
    if status == 400:
        raise QueryError(
            f"the server rejected the request: {message}",
            where=url,
            hint="fix the SPARQL at the position the server names",
        )
    if status == 401:
        raise Unauthorized(
            f"{url} asks for credentials: {message}",
            where=url,
            hint="give the store credentials, or grant the server's anonymous user the right",
        )
    if status == 403:
        raise Forbidden(
            f"{url} refused the request: {message}",
            where=url,
            hint='grant the update right on the server (Virtuoso: GRANT SPARQL_UPDATE TO "SPARQL")',
        )
    if status in (502, 503, 504):
        raise StoreUnavailable(
            f"{url} is unavailable (HTTP {status}): {message}", where=url, hint="retry later, or check the triple store"
        )
    raise StoreError(
        f"{url} failed (HTTP {status}): {message}",
        where=url,
        hint="read the server's message; the store may hold a partial write when an update failed",
    )


def _server_message(response: requests.Response, limit: int = 500) -> str:
    text = response.text.strip()
    if "SPARQL query:" in text:  # Virtuoso appends the whole query; keep the diagnosis
        text = text.split("SPARQL query:")[0].strip()
    return excerpt(text, limit)


def _reason(exc: Exception) -> str:
    text = str(exc)
    return "connection refused" if "refused" in text.lower() else excerpt(text)


def _parse_results(response: requests.Response) -> QueryResult:
    try:
        data = response.json()
    except ValueError as exc:
        raise StoreError(
            f"{response.url} did not return SPARQL JSON results (Content-Type {response.headers.get('Content-Type')})",
            hint="is the endpoint URL a SPARQL query endpoint?",
        ) from exc
    if "boolean" in data:
        return QueryResult(kind="ask", boolean=bool(data["boolean"]))
    variables = list(data.get("head", {}).get("vars", []))
    blanks: dict[str, ox.BlankNode] = {}
    rows = [
        tuple(_term(binding.get(v), blanks) for v in variables)
        for binding in data.get("results", {}).get("bindings", [])
    ]
    return QueryResult(kind="select", variables=variables, rows=iter(rows))


def _virtuoso_ask(result: QueryResult) -> QueryResult:
    """Virtuoso 7.2 answers ASK with a table: one row ``__ASK_RETVAL = 1`` for true, no row for false."""
    if result.variables != [_ASK_VARIABLE]:
        raise StoreError(f"the server answered an ASK query with a table of {result.variables}")
    rows = list(result.rows)
    return QueryResult(
        kind="ask", boolean=bool(rows) and rows[0][0] is not None and rows[0][0].value not in ("0", "false")
    )


def _term(value: dict | None, blanks: dict[str, ox.BlankNode]):
    """A SPARQL JSON term as a pyoxigraph term (``typed-literal`` is Virtuoso's older spelling)."""
    if value is None:
        return None
    kind = value.get("type")
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        label = value["value"]
        if label not in blanks:  # Virtuoso labels (nodeID://b10001) are not valid ids
            blanks[label] = ox.BlankNode("b" + hashlib.sha1(label.encode()).hexdigest()[:16])
        return blanks[label]
    if kind in ("literal", "typed-literal"):
        if value.get("xml:lang"):
            return ox.Literal(value["value"], language=value["xml:lang"])
        if value.get("datatype"):
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(value["value"])
    raise StoreError(f"unexpected term in SPARQL JSON results: {excerpt(json.dumps(value))}")


def _parse_graph(response: requests.Response) -> list[ox.Triple]:
    media_type = response.headers.get("Content-Type", "text/turtle").split(";")[0].strip()
    rdf_format = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.TURTLE
    try:
        parsed = ox.parse(response.content, format=rdf_format, rename_blank_nodes=True)
        return [item.triple if isinstance(item, ox.Quad) else item for item in parsed]
    except SyntaxError as exc:
        raise StoreError(f"{response.url} returned {media_type} that does not parse: {exc}") from exc
