"""Named queries: headers, engine-bound parameters, pivots and output formats
(purpose-written queries in tests/data/queries/)."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from sgkg.ingest.errors import BadParameter, QueryError, TooManyRows, UnknownQuery
from sgkg.ingest.store import open_store
from sgkg.service.named_queries import (
    NamedQuery,
    QueryParam,
    Table,
    format_table,
    load_named_queries,
    parse_header,
    run_named_query,
)

EX = "http://example.org/"
TRICKY = 'Tricky " } ; DROP ALL ; #'
TRICKY_TURTLE = TRICKY.replace('"', '\\"')
FIXTURE = f"""
@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{EX}graph/1> {{
  ex:t1 a ex:Board ; rdfs:label "Alpha" ; ex:size 3 .
  ex:f1 ex:feature "boards" ; ex:area "Sandwell" ; ex:value "Children board" .
}}
<{EX}graph/2> {{
  ex:t1 a ex:Board ; rdfs:label "Alpha" ; ex:size 3 .
  ex:t2 a ex:Group ; rdfs:label "Beta" ; ex:size 10 .
  ex:t3 a ex:Board ; rdfs:label "{TRICKY_TURTLE}" ; ex:size 5 .
  ex:f1 ex:feature "boards" ; ex:area "Sandwell" ; ex:value "Children board" .
  ex:f2 ex:feature "boards" ; ex:area "Sandwell" ; ex:value "Adults board" .
  ex:f3 ex:feature "boards" ; ex:area "Walsall" ; ex:value "Children partnership" .
  ex:f4 ex:feature "chair" ; ex:area "Walsall" ; ex:value "Independent chair" .
  ex:f5 ex:feature "boards" ; ex:area "Barnsley" ; ex:value "Adults board" .
}}
"""


@pytest.fixture
def store():
    opened = open_store()
    dataset = ox.Dataset(ox.parse(FIXTURE.encode(), ox.RdfFormat.TRIG))
    for graph in {q.graph_name for q in dataset}:
        opened.replace_graph(graph.value, [q.triple for q in dataset.quads_for_graph_name(graph)])
    yield opened
    opened.close()


@pytest.fixture
def queries(data_dir):
    return load_named_queries(data_dir / "queries")


def labels(table: Table) -> list[str]:
    return [row[table.columns.index("label")] for row in table.rows]


# --- headers -----------------------------------------------------------------------------


def test_header_is_parsed(queries):
    things = queries["things"]
    assert things.title == "Things by label"
    assert things.description == "Labelled things with their size, optionally one label, one kind and a smallest size."
    assert things.params == [
        QueryParam("label", "string", "", "Label to match exactly (empty for all)"),
        QueryParam("kind", "iri", "", "Class IRI (empty for all)"),
        QueryParam("min", "integer", "0", "Smallest size"),
    ]
    assert things.pivot is None and "SELECT DISTINCT" in things.text
    assert queries["compare"].pivot == ("feature", "area", "value")


def test_header_defaults_and_escapes():
    bare = parse_header("SELECT * WHERE { ?s ?p ?o }", "bare")
    assert (bare.name, bare.title, bare.description, bare.params, bare.pivot) == ("bare", "bare", "", [], None)
    quoted = parse_header('# param: q = "say \\"hi\\"" ; a quote\nSELECT * {}', "q")
    assert quoted.params[0].default == 'say "hi"'


@pytest.mark.parametrize(
    "line", ['# param: 1bad = ""', "# param: x:datetime", '# param: x = "unterminated', "# pivot: feature area"]
)
def test_malformed_header_lines_are_errors(line):
    with pytest.raises(QueryError) as caught:
        parse_header(line + "\nSELECT * {}", "broken")
    assert caught.value.where == "broken"


def test_package_queries_all_parse():
    for name, query in load_named_queries().items():
        assert query.name == name and query.title and query.text


# --- running ------------------------------------------------------------------------------


def test_defaults_and_distinct(store, queries):
    table = run_named_query(store, queries["things"], {})
    assert table.columns == ["thing", "label", "size"]
    assert labels(table) == ["Alpha", "Beta", TRICKY]  # Alpha is stated in two graphs, listed once
    assert table.rows[0] == [EX + "t1", "Alpha", "3"]  # IRIs as full strings, literals lexical


def test_typed_parameters(store, queries):
    assert labels(run_named_query(store, queries["things"], {"label": "Beta"})) == ["Beta"]
    assert labels(run_named_query(store, queries["things"], {"kind": EX + "Board"})) == ["Alpha", TRICKY]
    assert labels(run_named_query(store, queries["things"], {"min": "4"})) == ["Beta", TRICKY]


def test_empty_value_leaves_the_variable_unbound(store, queries):
    # ?param_min unbound: FILTER(?size >= ?param_min) is an error, so nothing passes
    assert run_named_query(store, queries["things"], {"min": ""}).rows == []
    assert len(run_named_query(store, queries["things"], {"label": "  "}).rows) == 3


def test_a_parameter_holding_sparql_is_a_plain_value(store, queries):
    before = store.count()
    assert run_named_query(store, queries["things"], {"label": '" } ; DROP ALL ; #'}).rows == []
    assert store.count() == before
    assert labels(run_named_query(store, queries["things"], {"label": TRICKY})) == [TRICKY]


@pytest.mark.parametrize(
    "params, words", [({"min": "many"}, ["min", "integer"]), ({"kind": "not an iri"}, ["kind", "IRI"])]
)
def test_badly_typed_values(store, queries, params, words):
    with pytest.raises(BadParameter) as caught:
        run_named_query(store, queries["things"], params)
    assert all(w in caught.value.one_line() for w in words)


def test_unknown_parameter_lists_the_accepted_ones(store, queries):
    with pytest.raises(BadParameter) as caught:
        run_named_query(store, queries["things"], {"colour": "red"})
    line = caught.value.one_line()
    assert "'colour'" in line and "accepted: kind, label, min" in line


def test_unknown_query_lists_the_names(store):
    with pytest.raises(UnknownQuery) as caught:
        run_named_query(store, "no-such-query", {})
    line = caught.value.one_line()
    assert "'no-such-query'" in line and "known:" in line


def test_list_parameters_lose_the_spaces_around_commas():
    assert QueryParam("areas", "list").term(" Sandwell , Walsall,Barnsley ") == ox.Literal("Sandwell,Walsall,Barnsley")


def test_only_select_queries(store):
    with pytest.raises(QueryError):
        run_named_query(store, NamedQuery("ask", "Ask", "", text="ASK { ?s ?p ?o }"), {})


def test_row_limit(store, queries):
    with pytest.raises(TooManyRows) as caught:
        run_named_query(store, queries["things"], {}, max_rows=2)
    assert "max_rows" in caught.value.one_line()


# --- pivot ---------------------------------------------------------------------------------


def test_pivot_orders_columns_as_the_areas_parameter(store, queries):
    table = run_named_query(store, queries["compare"], {"areas": "walsall ,  Sandwell"})
    assert table.columns == ["feature", "Walsall", "Sandwell"]
    assert table.rows == [
        ["boards", "Children partnership", "Children board; Adults board"],
        ["chair", "Independent chair", None],
    ]


def test_pivot_without_order_is_first_seen(store, queries):
    table = run_named_query(store, queries["compare"], {})
    assert table.columns == ["feature", "Sandwell", "Walsall", "Barnsley"]
    assert table.rows[0] == ["boards", "Children board; Adults board", "Children partnership", "Adults board"]


def test_pivot_needs_its_columns(store):
    query = parse_header("# pivot: feature area value\nSELECT ?feature WHERE { ?feature ?p ?o }", "bad-pivot")
    with pytest.raises(QueryError):
        run_named_query(store, query, {})


# --- formats -------------------------------------------------------------------------------

TABLE = Table(columns=["name", "note"], rows=[["Sandwell", 'a "quoted",\tvalue'], ["Walsall", None]])


def test_csv():
    rows = list(csv.reader(io.StringIO(format_table(TABLE, "csv"))))
    assert rows == [["name", "note"], ["Sandwell", 'a "quoted",\tvalue'], ["Walsall", ""]]


def test_tsv():
    lines = format_table(TABLE, "tsv").splitlines()
    assert lines == ["name\tnote", 'Sandwell\ta "quoted",\\tvalue', "Walsall\t"]


def test_json():
    assert json.loads(format_table(TABLE, "json")) == {
        "columns": ["name", "note"],
        "rows": [{"name": "Sandwell", "note": 'a "quoted",\tvalue'}, {"name": "Walsall", "note": None}],
    }


def test_aligned_table():
    lines = format_table(TABLE, "table").splitlines()
    assert lines[0].split() == ["name", "note"] and set(lines[1].replace(" ", "")) == {"-"}
    assert lines[0].index("note") == lines[2].index("a ") == len("Sandwell  ")
    assert lines[-1] == "(2 rows)"


def test_unknown_format():
    with pytest.raises(BadParameter):
        format_table(TABLE, "xlsx")


def test_an_empty_value_and_an_unbound_one_are_the_same_cell():
    import pyoxigraph as ox

    from sgkg.service.named_queries import cell

    assert cell(None) is None
    assert cell(ox.Literal("")) is None
    assert cell(ox.Literal("0")) == "0"


def test_sparql_results_keep_the_engines_terms(store, queries):
    table = run_named_query(store, queries["things"], {"label": "Beta"})
    data = json.loads(format_table(table, "sparql-json"))
    assert data["head"]["vars"] == ["thing", "label", "size"]
    assert data["results"]["bindings"] == [
        {
            "thing": {"type": "uri", "value": EX + "t2"},
            "label": {"type": "literal", "value": "Beta"},
            "size": {"type": "literal", "value": "10", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
        }
    ]
    xml = format_table(table, "sparql-xml").encode()
    parsed = list(ox.parse_query_results(xml, ox.QueryResultsFormat.XML))
    assert [s["thing"] for s in parsed] == [ox.NamedNode(EX + "t2")] and parsed[0]["size"] == ox.Literal(10)


def test_a_pivot_as_sparql_results_is_plain_literals(store, queries):
    table = run_named_query(store, queries["compare"], {"areas": "Walsall,Sandwell"})
    parsed = ox.parse_query_results(format_table(table, "sparql-json").encode(), ox.QueryResultsFormat.JSON)
    assert [v.value for v in parsed.variables] == table.columns
    rows = {s[0].value: s for s in parsed}
    assert rows["chair"]["Walsall"] == ox.Literal("Independent chair") and rows["chair"]["Sandwell"] is None


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        # SPARQLWrapper's Accept for JSON: the SPARQL type it names first wins over the plain JSON table
        (
            "application/sparql-results+json,application/json,text/javascript,application/javascript",
            "application/sparql-results+json",
        ),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
    ],
)
def test_named_queries_negotiate_sparql_results(make_app, accept, media):
    client = make_app().test_client()
    response = client.get("/queries/partnerships", query_string={"area": "E08000028"}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.mimetype == media
    if media.startswith("application/sparql-results"):
        fmt = ox.QueryResultsFormat.JSON if media.endswith("json") else ox.QueryResultsFormat.XML
        rows = list(ox.parse_query_results(response.data, fmt))
        assert "Testshire Safeguarding Board" in {s["partnership"].value for s in rows}
    srx = client.get("/queries/partnerships", query_string={"format": "srx"})
    assert srx.status_code == 200 and srx.mimetype == "application/sparql-results+xml"
