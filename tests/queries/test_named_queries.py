"""Every named query against golden CSV files computed on tests/data/fixture-graph.trig.

Set SGKG_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change (then read the diff).
Cells that join several values with "; " (GROUP_CONCAT) are compared as sets: SPARQL does not order them.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from sgkg.service.named_queries import format_table, load_named_queries, run_named_query

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "golden"
UPDATE = os.environ.get("SGKG_UPDATE_GOLDEN", "") == "1"

# The columns each query must start with, exactly as in issue 5 (extra columns may follow).
REQUIRED_COLUMNS = {
    "areas": ["area", "area_code", "documents", "partnerships", "facts"],
    "partnerships": ["area", "area_code", "partnership", "abbreviation", "type", "statutory", "document"],
    "statutory-bases": ["area", "partnership", "legislation", "section", "legislation_uri", "document"],
    "duties": ["area", "partnership", "duty", "basis", "document"],
    "statutory-partners": ["area", "partnership", "organisation", "org_type", "document"],
    "relevant-agencies": ["area", "partnership", "agency", "document"],
    "roles": ["area", "partnership", "role", "person", "post", "document"],
    "priorities": ["area", "scope", "priority", "theme", "period", "lead", "document"],
    "relationships": ["area", "from", "kind", "to", "frequency", "document"],
    "subgroups": ["area", "partnership", "subgroup", "document"],
    "reviews": ["area", "partnership", "kind", "summary", "status", "document"],
    "figures": ["area", "what", "value", "unit", "period", "document"],
    "shared-priorities": ["theme", "n_areas", "areas"],
    "partner-footprint": ["organisation", "org_type", "n_areas", "areas", "partnerships"],
    "compare-areas": ["feature"],
    "evidence": ["statement", "predicate", "value", "quote", "document", "start", "end"],
    "changes": ["area", "area_code", "date", "document", "change", "board", "was", "now", "was_quote", "now_quote"],
}

# (golden file stem, query name, parameters)
CASES = [
    ("areas", "areas", {}),
    ("areas--area-code", "areas", {"area": "e06000017"}),
    ("partnerships", "partnerships", {}),
    ("partnerships--area-name", "partnerships", {"area": "HALTON"}),
    ("partnerships--area-code", "partnerships", {"area": "E06000006"}),
    ("statutory-bases", "statutory-bases", {}),
    ("duties", "duties", {}),
    ("statutory-partners", "statutory-partners", {}),
    ("relevant-agencies", "relevant-agencies", {}),
    ("roles", "roles", {}),
    ("priorities", "priorities", {}),
    ("priorities--area-name", "priorities", {"area": "Rutland"}),
    ("relationships", "relationships", {}),
    ("relationships--area-name", "relationships", {"area": "torbay"}),
    ("subgroups", "subgroups", {}),
    ("reviews", "reviews", {}),
    ("figures", "figures", {}),
    ("figures--area-code", "figures", {"area": "E06000017"}),
    ("shared-priorities", "shared-priorities", {}),
    ("shared-priorities--area-name", "shared-priorities", {"area": "Halton"}),
    ("partner-footprint", "partner-footprint", {}),
    ("partner-footprint--area-name", "partner-footprint", {"area": "Rutland"}),
    ("compare-areas--three", "compare-areas", {"areas": "Rutland, Halton, Torbay"}),
    ("compare-areas--codes", "compare-areas", {"areas": "E06000027,e06000006"}),
    ("evidence--label", "evidence", {"subject": "rutland safeguarding adults board"}),
    (
        "evidence--iri",
        "evidence",
        {"subject": "https://w3id.org/sgkg/id/partnership/E06000027/safeguarding-adult-board"},
    ),
    ("evidence--area", "evidence", {"area": "Halton"}),
    ("changes", "changes", {}),  # the fixture's documents are undated: no step, no change (dated ones: test_time.py)
]


def _cell(value: str) -> str | tuple[str, ...]:
    return tuple(sorted(value.split("; "))) if "; " in value else value


def golden_rows(text: str) -> tuple[list[str], list[tuple]]:
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    return header, sorted((tuple(_cell(v) for v in row) for row in body), key=repr)


def assert_golden(store, stem: str, name: str, params: dict[str, str]) -> None:
    """The named query's CSV on the store equals golden/<stem>.csv (rewritten first with SGKG_UPDATE_GOLDEN=1)."""
    got = format_table(run_named_query(store, name, params), "csv")
    path = GOLDEN / f"{stem}.csv"
    if UPDATE:
        path.write_text(got, encoding="utf-8", newline="")
    assert path.is_file(), f"no golden file {path}; run with SGKG_UPDATE_GOLDEN=1 and check it"
    want_header, want_rows = golden_rows(path.read_text(encoding="utf-8"))
    got_header, got_rows = golden_rows(got)
    assert got_header == want_header
    assert got_rows == want_rows


@pytest.mark.parametrize("stem,name,params", CASES, ids=[c[0] for c in CASES])
def test_golden(fixture_store, stem, name, params):
    assert_golden(fixture_store, stem, name, params)


def test_every_query_has_a_golden_case():
    assert set(load_named_queries()) == {name for _, name, _ in CASES}


def test_every_query_has_required_columns_listed():
    assert set(load_named_queries()) == set(REQUIRED_COLUMNS)


@pytest.mark.parametrize("name", sorted(REQUIRED_COLUMNS))
def test_every_query_declares_area(name):
    query = load_named_queries()[name]
    assert query.param("area") is not None, f"{name}.rq has no `# param: area` line"
    assert query.title and query.description


@pytest.mark.parametrize("name", sorted(REQUIRED_COLUMNS))
def test_columns_start_with_the_issue_table(fixture_store, name):
    params = {"areas": "Rutland,Halton,Torbay"} if name == "compare-areas" else {}
    columns = run_named_query(fixture_store, name, params).columns
    required = REQUIRED_COLUMNS[name]
    assert columns[: len(required)] == required


def test_compare_areas_has_one_column_per_area_in_the_given_order(fixture_store):
    table = run_named_query(fixture_store, "compare-areas", {"areas": "Torbay,Rutland,Halton"})
    assert table.columns == ["feature", "Torbay", "Rutland", "Halton"]
    assert load_named_queries()["compare-areas"].pivot == ("feature", "area", "value")


def test_a_fact_stated_in_two_documents_is_one_row_per_document(fixture_store):
    """The Rutland SAB, its type and a membership are stated in two document graphs (DISTINCT test)."""
    table = run_named_query(fixture_store, "statutory-partners", {"area": "Rutland"})
    at = table.columns.index
    council = [r for r in table.rows if r[at("organisation")] == "Rutland County Council"]
    assert sorted(r[at("document")] for r in council) == [
        "Rutland Joint Working Protocol",
        "Rutland Safeguarding Adults Board Annual Report 2021/22",
    ]
    areas = run_named_query(fixture_store, "areas", {"area": "Rutland"})
    assert areas.rows[0][areas.columns.index("partnerships")] == "3"


def test_area_matches_name_and_code_alike(fixture_store):
    by_name = run_named_query(fixture_store, "partnerships", {"area": "halton"})
    by_code = run_named_query(fixture_store, "partnerships", {"area": "E06000006"})
    assert by_name.rows == by_code.rows and len(by_name.rows) == 2


def test_labels_not_iris_in_label_columns(fixture_store):
    """Issue 5: labels in the table's columns, except legislation_uri and evidence statement."""
    for name, required in REQUIRED_COLUMNS.items():
        params = {"areas": "Rutland,Halton,Torbay"} if name == "compare-areas" else {}
        table = run_named_query(fixture_store, name, params)
        for column in required:
            if column in {"legislation_uri", "statement"}:
                continue
            at = table.columns.index(column)
            for row in table.rows:
                assert not (row[at] or "").startswith(("http://", "https://")), (name, column, row[at])


def test_queries_use_standard_sparql_only():
    """No pyoxigraph-only functions, so that the queries also run on Virtuoso."""
    for name, query in load_named_queries().items():
        text = query.text.lower()
        for extension in ("oxigraph", "ofn:", "sfn:", "bif:", "sql:"):
            assert extension not in text, f"{name}.rq uses {extension}"
