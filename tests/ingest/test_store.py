"""The embedded store: round trips, the union default graph, engine-bound parameters,
atomic replacement (also across a SIGKILL), the lock, dumps and the reference graph."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, XSD

from sgkg import ontology
from sgkg.ingest.errors import LiteralTooLarge, QueryError, QueryTooDeep, StoreLocked, UsageError
from sgkg.ingest.store import (
    OxigraphStore,
    QueryResult,
    RemoteStore,
    has_dataset_clause,
    init_store,
    inject_values,
    open_store,
    to_oxigraph,
    to_rdflib,
)
from sgkg.ingest.store.protocol import query_options
from sgkg.ontology.namespaces import REFERENCE_GRAPH, SGKG

EX = "http://example.org/"
G1, G2 = EX + "graph/1", EX + "graph/2"
P = ox.NamedNode(EX + "p")
INJECTION = '" } ; DROP ALL ; #'


def nn(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def triple(s: str, o) -> ox.Triple:
    return ox.Triple(nn(s), P, o if not isinstance(o, str) else ox.Literal(o))


@pytest.fixture
def store():
    opened = open_store()
    yield opened
    opened.close()


@pytest.fixture
def two_graphs(store):
    """The same fact stated in two graphs, plus one fact only in the second."""
    store.replace_graph(G1, [triple("a", "shared")])
    store.replace_graph(G2, [triple("a", "shared"), triple("b", "only-2")])
    return store


def values(result: QueryResult) -> list[str]:
    return sorted(row[0].value for row in result.rows)


# --- round trips -------------------------------------------------------------------------


def test_replace_graph_round_trip(store):
    triples = [triple("a", "1"), triple("a", ox.Literal(2)), ox.Triple(nn("a"), P, nn("b"))]
    store.replace_graph(G1, triples)
    assert set(store.graph_triples(G1)) == set(triples)
    assert store.count(G1) == 3 and store.count() == 3
    assert store.graph_names() == [G1] and store.has_graph(G1) and not store.has_graph(G2)


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01",
        '"quoted"',
        "back\\slash",
        "line\nbreak\r\t",
        "\u2028 é 😀",
        "\\u0022 not an escape",
        "'''",
        '"""',
        INJECTION,
    ],
)
def test_any_literal_survives_a_write(store, text):
    store.replace_graph(G1, [triple("a", text), triple("a", ox.Literal(text, language="en-gb"))])
    assert sorted(t.object.value for t in store.graph_triples(G1)) == [text, text]


def test_replace_graph_replaces_and_empty_drops(store):
    store.replace_graph(G1, [triple("a", "old"), triple("b", "old")])
    store.replace_graph(G1, [triple("a", "new")])
    assert list(store.graph_triples(G1)) == [triple("a", "new")]
    store.replace_graph(G1, [])
    assert not store.has_graph(G1) and store.count() == 0


def test_add_and_drop(store):
    store.add_to_graph(G1, [triple("a", "1")])
    store.add_to_graph(G1, [triple("b", "2")])
    assert store.count(G1) == 2
    store.drop_graph(G1)
    store.drop_graph(G1)  # silent when absent
    assert store.graph_names() == []


def test_replace_graph_is_all_or_nothing_when_the_input_fails(store):
    store.replace_graph(G1, [triple("a", "old")])

    def broken():
        yield triple("a", "new")
        raise RuntimeError("reader failed half way")

    with pytest.raises(RuntimeError):
        store.replace_graph(G1, broken())
    assert list(store.graph_triples(G1)) == [triple("a", "old")]


def test_no_write_stores_a_term_the_engine_could_not_reload(store, monkeypatch):
    """A literal over 16 MiB breaks every dump and reload (issue 12): writes refuse terms over the setting."""
    monkeypatch.setenv("SGKG_MAX_LITERAL_BYTES", "1000")
    store.replace_graph(G1, [triple("a", "old")])
    with pytest.raises(LiteralTooLarge, match="max_literal_bytes"):
        store.replace_graph(G1, [triple("a", "x" * 1001)])
    with pytest.raises(LiteralTooLarge, match="max_literal_bytes"):
        store.add_to_graph(G1, [ox.Triple(nn("a" * 1001), P, nn("b"))])
    with pytest.raises(LiteralTooLarge, match="1002 bytes"):
        store.replace_graph(G1, [triple("a", "é" * 501)])  # 501 characters, 1002 bytes in UTF-8
    assert list(store.graph_triples(G1)) == [triple("a", "old")]
    store.replace_graph(G1, [triple("a", "é" * 500)])  # 1000 bytes: at the limit
    assert store.count(G1) == 1


def test_the_limits_an_opener_gives_hold_whatever_the_environment_says(monkeypatch):
    """`sgkg serve --max-literal-bytes` reaches the store it opens: given limits are not read from the environment."""
    from sgkg.ingest.limits import Limits

    monkeypatch.setenv("SGKG_MAX_LITERAL_BYTES", str(10**9))
    monkeypatch.setenv("SGKG_MAX_QUERY_BYTES", "10")
    store = open_store(None, limits=Limits(max_query_bytes=10**6, max_query_depth=100, max_literal_bytes=1000))
    with pytest.raises(LiteralTooLarge, match="max_literal_bytes"):
        store.replace_graph(G1, [triple("a", "x" * 1001)])
    assert store.query("ASK { ?s ?p ?o }").boolean is False  # longer than the environment's 10 bytes


def test_a_query_nested_too_deep_is_refused_before_the_engine_parses_it(store):
    deep = "SELECT * WHERE " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000  # crashes the engine's parser
    with pytest.raises(QueryTooDeep, match="max_query_depth"):
        store.query(deep)
    assert store.query("ASK {}").boolean is True


def test_converters_round_trip():
    graph = rdflib.Graph()
    s, b = rdflib.URIRef(EX + "s"), rdflib.BNode()
    graph.add((s, RDFS.label, rdflib.Literal("Sandwell", lang="en")))
    graph.add((s, RDFS.comment, rdflib.Literal('plain "text"\n')))
    graph.add((s, RDF.value, rdflib.Literal("0.5", datatype=XSD.decimal)))
    graph.add((s, RDFS.seeAlso, b))
    graph.add((b, RDFS.label, rdflib.Literal("blank")))
    triples = to_oxigraph(graph)
    assert len(triples) == 5 and all(isinstance(t, ox.Triple) for t in triples)
    assert to_rdflib(triples).isomorphic(graph)


def test_persistent_store_reopens(tmp_path):
    path = tmp_path / "store"
    with OxigraphStore.open(path) as first:
        first.replace_graph(G1, [triple("a", "kept")])
    with OxigraphStore.open(path) as second:
        assert list(second.graph_triples(G1)) == [triple("a", "kept")]


def test_locked_store_directory(tmp_path):
    path = tmp_path / "store"
    with OxigraphStore.open(path):
        with pytest.raises(StoreLocked) as caught:
            open_store(path)
    line = caught.value.one_line()
    assert str(path) in line and "sgkg serve" in line and "/ingest" in line


# --- queries -----------------------------------------------------------------------------


def test_union_default_graph_counts_each_graph(two_graphs):
    select = "SELECT ?o WHERE { ?s ?p ?o }"
    assert values(two_graphs.query(select)) == ["only-2", "shared", "shared"]  # PITFALLS: one per graph
    assert values(two_graphs.query("SELECT DISTINCT ?o WHERE { ?s ?p ?o }")) == ["only-2", "shared"]
    assert values(two_graphs.query(select, union_default=False)) == []


def test_default_and_named_graphs_are_honoured(two_graphs):
    select = "SELECT ?o WHERE { ?s ?p ?o }"
    assert values(two_graphs.query(select, default_graph=[G1])) == ["shared"]
    in_graphs = "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert values(two_graphs.query(in_graphs, named_graphs=[G2])) == ["only-2", "shared"]
    assert values(two_graphs.query(f"SELECT ?o FROM <{G1}> WHERE {{ ?s ?p ?o }}")) == ["shared"]


def test_query_options_are_checked_and_defaulted_once_for_every_backend(two_graphs):
    """One signature (`QueryOptions`): a misspelt option is a TypeError, as a keyword the signature lacks was,
    on either backend and before any request; an option given as None is its default."""
    select = "SELECT ?o WHERE { ?s ?p ?o }"
    remote = RemoteStore("http://127.0.0.1:9/sparql", timeout=1)  # nothing listens: a request would fail otherwise
    for store in (two_graphs, remote):
        with pytest.raises(TypeError, match="'binding'"):
            store.query(select, binding={"o": ox.Literal("shared")})
    assert query_options({}) == {"bindings": None, "default_graph": None, "named_graphs": None, "union_default": True}
    assert query_options({"union_default": False})["union_default"] is False
    given = two_graphs.query(select, bindings=None, default_graph=None, named_graphs=None, union_default=True)
    assert values(given) == values(two_graphs.query(select)) == ["only-2", "shared", "shared"]


def test_dataset_clause_detection():
    assert has_dataset_clause("SELECT * FROM <http://g> WHERE {}")
    assert has_dataset_clause("select * from named <http://g> { graph ?g {} }")
    assert not has_dataset_clause('SELECT ?from WHERE { <http://x/from> ex:from "from" } # FROM')


def test_bindings_are_bound_by_the_engine(two_graphs):
    query = "SELECT ?s WHERE { ?s ?p ?o FILTER(!BOUND(?param_o) || ?o = ?param_o) }"
    assert len(list(two_graphs.query(query).rows)) == 3  # unbound: no filter
    rows = list(two_graphs.query(query, bindings={"param_o": ox.Literal("only-2")}).rows)
    assert rows == [(nn("b"),)]
    assert two_graphs.query(query, bindings={"param_o": ox.Literal("x")}).variables == ["s"]


def test_a_parameter_holding_sparql_is_a_plain_value(two_graphs):
    before = two_graphs.count()
    query = "SELECT ?s WHERE { ?s ?p ?o FILTER(?o = ?param_o) }"
    assert list(two_graphs.query(query, bindings={"param_o": ox.Literal(INJECTION)}).rows) == []
    assert two_graphs.count() == before
    two_graphs.add_to_graph(G1, [triple("c", INJECTION)])
    assert list(two_graphs.query(query, bindings={"param_o": ox.Literal(INJECTION)}).rows) == [(nn("c"),)]


def test_values_block_goes_into_the_outermost_where_group():
    query = (
        "PREFIX where: <http://x/where> SELECT (EXISTS { ?a ?b ?c } AS ?e) # WHERE {\n"
        'WHERE { ?s ?p "WHERE {" } VALUES ?z { 1 }'
    )
    injected = inject_values(query, {"param_x": ox.Literal("v")})
    assert 'WHERE { VALUES (?param_x) { ("v") }' in injected
    assert inject_values("ASK { ?s ?p ?o }", {"x": nn("a")}).startswith(f"ASK {{ VALUES (?x) {{ (<{EX}a>) }}")


def test_values_block_also_goes_into_sub_selects_that_mention_the_parameter():
    query = (
        "SELECT ?s WHERE { ?s ?p ?o .\n"
        "  { SELECT DISTINCT ?s WHERE { ?s ?p2 ?o2 FILTER(?o2 = ?param_x) } }\n"
        "  OPTIONAL { SELECT ?s ?l { ?s ?q ?l } }\n"
        '  FILTER(?o != "{ SELECT ?param_x WHERE {") }'
    )
    injected = inject_values(query, {"param_x": ox.Literal("v"), "param_y": ox.Literal("w")})
    assert injected.count("VALUES") == 2
    assert 'WHERE { VALUES (?param_x ?param_y) { ("v" "w") }' in injected
    assert 'SELECT DISTINCT ?s WHERE { VALUES (?param_x) { ("v") }' in injected
    assert "SELECT ?s ?l { ?s" in injected  # does not mention a parameter: untouched
    assert '"{ SELECT ?param_x WHERE {"' in injected  # a string is not a sub-select


def test_a_parameter_filters_inside_a_sub_select(two_graphs):
    """Without the inner VALUES block the sub-select would not see ?param_o and return every subject."""
    query = (
        "SELECT ?s WHERE { { SELECT DISTINCT ?s WHERE { ?s ?p ?o "
        "FILTER(!BOUND(?param_o) || STR(?o) = STR(?param_o)) } } }"
    )
    every = {row[0] for row in two_graphs.query(query).rows}
    assert len(every) > 1
    one = {row[0] for row in two_graphs.query(query, bindings={"param_o": ox.Literal("only-2")}).rows}
    assert len(one) == 1 and one < every


def test_ask_and_construct(two_graphs):
    assert two_graphs.query("ASK { ?s ?p 'only-2' }").boolean is True
    result = two_graphs.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { ?s ?p ?o } }" % G1)
    assert result.kind == "graph" and list(result.triples) == [triple("a", "shared")]


def test_syntax_errors_carry_the_parser_position(store):
    with pytest.raises(QueryError) as caught:
        store.query("SELECT ?s WHERE { ?s ?p }")
    assert "1:" in caught.value.message
    with pytest.raises(QueryError):
        store.update("INSERT DATA { <a> }")


# --- dumps -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, rdflib_format", [("trig", "trig"), ("nquads", "nquads")])
def test_dump_parses_back(two_graphs, fmt, rdflib_format):
    dataset = rdflib.Dataset()
    dataset.parse(data=two_graphs.dump(fmt), format=rdflib_format)
    assert {str(g.identifier): len(g) for g in dataset.graphs() if len(g)} == {G1: 1, G2: 2}
    only_g2 = rdflib.Dataset()
    only_g2.parse(data=two_graphs.dump(fmt, graphs=[G2]), format=rdflib_format)
    assert len(list(only_g2.quads())) == 2


def test_dump_single_graph_formats(two_graphs):
    assert len(rdflib.Graph().parse(data=two_graphs.dump("turtle", graphs=[G2]), format="turtle")) == 2
    assert len(rdflib.Graph().parse(data=two_graphs.dump("ntriples", graphs=[G1]), format="nt")) == 1
    with pytest.raises(UsageError):
        two_graphs.dump("turtle")
    with pytest.raises(UsageError):
        two_graphs.dump("csv")


# --- reference graph ---------------------------------------------------------------------


def test_init_store_loads_the_reference_graph_idempotently(store):
    expected = len(ontology.load())
    init_store(store)
    init_store(store)
    assert store.graph_names() == [str(REFERENCE_GRAPH)]
    assert store.count(str(REFERENCE_GRAPH)) == expected
    ask = f"ASK {{ GRAPH <{REFERENCE_GRAPH}> {{ <{SGKG.Partnership}> a <{OWL.Class}> }} }}"
    assert store.query(ask).boolean


def test_open_store_with_an_endpoint_is_the_remote_store():
    from sgkg.ingest.store import RemoteStore

    assert isinstance(open_store(endpoint="http://127.0.0.1:9/sparql"), RemoteStore)


def test_the_remote_store_timeout_is_the_one_passed_in_never_the_environment(monkeypatch):
    """--query-timeout reaches the remote store through the opener; SGKG_QUERY_TIMEOUT is not read behind it."""
    from sgkg.ingest.settings import BY_NAME
    from sgkg.ingest.store import open_configured

    monkeypatch.setenv("SGKG_QUERY_TIMEOUT", "99")
    given = {
        "store": "",
        "endpoint": "http://127.0.0.1:9/sparql",
        "update_endpoint": "",
        "graph_store_endpoint": "",
        "query_timeout": 2.5,
    }
    assert open_configured(given.__getitem__).timeout == 2.5
    assert open_store(endpoint="http://127.0.0.1:9/sparql").timeout == BY_NAME["query_timeout"].default != 99


# --- crash safety ------------------------------------------------------------------------

CRASH_TRIPLES = 50_000
CRASH_GRAPH = EX + "graph/big"
WRITER = """
import sys
import pyoxigraph as ox
from sgkg.ingest.store import OxigraphStore

path, size, graph = sys.argv[1], int(sys.argv[2]), sys.argv[3]
store = OxigraphStore.open(path)
p = ox.NamedNode("http://example.org/p")
subjects = [ox.NamedNode(f"http://example.org/s{i}") for i in range(size)]
version = 0
while True:
    version += 1
    triples = [ox.Triple(s, p, ox.Literal(version)) for s in subjects]
    print("begin", version, flush=True)
    store.replace_graph(graph, triples)
    print("end", version, flush=True)
"""


def _expect(proc: subprocess.Popen, wanted: str) -> float:
    line = proc.stdout.readline().strip()
    assert line == wanted, f"writer said {line!r}, expected {wanted!r}: {proc.stderr.read() if not line else ''}"
    return time.monotonic()


@pytest.mark.slow
def test_store_survives_a_kill_in_the_middle_of_a_replace(tmp_path):
    """SIGKILL a process half way through replacing a large graph: the graph is one whole version."""
    path = tmp_path / "store"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(CRASH_TRIPLES), CRASH_GRAPH],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        began = _expect(proc, "begin 1")
        ended = _expect(proc, "end 1")  # version 1 is committed: the writer has started
        with pytest.raises(StoreLocked):  # and holds the directory meanwhile
            open_store(path)
        _expect(proc, "begin 2")
        time.sleep((ended - began) / 2)  # the second write (drop + insert) takes longer than the first
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        said = proc.stdout.read().split("\n")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert "end 2" not in said, "the kill came after the write; lengthen the graph"
    with OxigraphStore.open(path) as store:
        assert store.count(CRASH_GRAPH) == CRASH_TRIPLES
        versions = values(store.query(f"SELECT DISTINCT ?o WHERE {{ GRAPH <{CRASH_GRAPH}> {{ ?s ?p ?o }} }}"))
    assert versions in (["1"], ["2"])
