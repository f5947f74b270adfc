"""sgkg.ingest.sparqltext: the one lexer and writer of SPARQL text, run against the real engine."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from sgkg.ingest.errors import QueryError
from sgkg.ingest.sparqltext import (
    dataset_options,
    has_dataset_clause,
    insert_data,
    mask,
    query_form,
    replace_graph_update,
    syntax_error,
)

EX = "http://example.org/"
G = EX + "g"


def t(s: str, o: str) -> ox.Triple:
    return ox.Triple(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), ox.Literal(o))


def graph(store: ox.Store, name: str | None) -> set:
    where = ox.NamedNode(name) if name else ox.DefaultGraph()
    return {q.triple for q in store.quads_for_pattern(None, None, None, where)}


def test_mask_blanks_strings_iris_and_comments_and_keeps_positions():
    text = 'SELECT * WHERE { ?s <http://x/FROM> "FROM { }" } # FROM\nLIMIT 1'
    masked = mask(text)
    assert len(masked) == len(text) and "FROM" not in masked and "{" in masked and masked.endswith("LIMIT 1")
    assert not has_dataset_clause(text) and has_dataset_clause(f"SELECT * FROM <{G}> WHERE {{}}")
    assert query_form('# SELECT\nASK { ?s ?p "CONSTRUCT" }') == "ASK"


@pytest.mark.parametrize("name", [G, None], ids=["named", "default"])
def test_replace_graph_update_replaces_and_drops_a_graph(name):
    store = ox.Store()
    store.update(replace_graph_update(name, [t("a", "old"), t("b", "old")]))
    store.update(replace_graph_update(name, [t("a", 'new "quoted" } text')]))
    assert graph(store, name) == {t("a", 'new "quoted" } text')}
    store.update(replace_graph_update(name))
    assert graph(store, name) == set()


def test_insert_data_in_chunks_writes_every_triple():
    triples = [t(f"s{i}", str(i)) for i in range(25)]
    operations = insert_data(G, triples, chunk=10)
    assert len(operations) == 3 and insert_data(G, []) == []
    store = ox.Store()
    store.update(" ;\n".join(operations))
    assert graph(store, G) == set(triples)


def test_dataset_options_choose_the_union_unless_the_query_or_the_caller_names_a_dataset():
    store = ox.Store()
    store.update(replace_graph_update(G, [t("a", "named")]) + " ;\n" + replace_graph_update(None, [t("b", "default")]))
    query = "SELECT ?o WHERE { ?s ?p ?o }"

    def objects(options) -> set[str]:
        return {row[0].value for row in store.query(query, **options)}

    assert objects(dataset_options(query)) == {"named", "default"}
    assert objects(dataset_options(query, union_default=False)) == {"default"}
    assert objects(dataset_options(query, [G])) == {"named"}
    assert objects(dataset_options(query, [None])) == {"default"}
    assert dataset_options(f"SELECT * FROM <{G}> WHERE {{ ?s ?p ?o }}") == {}


def test_syntax_error_carries_the_engines_position_and_one_hint():
    with pytest.raises(SyntaxError) as raised:
        ox.Store().query("SELECT * WHERE { ?s ?p }")
    error = syntax_error(raised.value)
    assert isinstance(error, QueryError) and error.message.startswith("malformed query: ")
    assert str(raised.value) in error.message and error.hint
    assert syntax_error(raised.value, "update").message.startswith("malformed update: ")
