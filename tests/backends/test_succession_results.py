"""The golden answers of tests/queries/test_succession.py (changes, current arrangements and compare, as of a day
too, on a fictional area with partial documents) and of tests/queries/test_compare_time.py (compare as of a day) on
every backend (the embedded Oxigraph store and a real Virtuoso 7: the `virtuoso` run is skipped where no Virtuoso is
installed); and compare by the area's IRI, as the compare page asks, gives the same rows."""

from __future__ import annotations

import pytest

from sgkg.service.named_queries import format_table, run_named_query
from tests.backends.conftest import BACKENDS, empty_store, open_backend
from tests.queries.conftest import load_fixture
from tests.queries.test_compare_time import CASES as COMPARE_CASES
from tests.queries.test_named_queries import GOLDEN, golden_rows
from tests.queries.test_succession import AREA_URI, CASES, load_succession
from tests.queries.test_time import TIME_FIXTURE

ALL = CASES + [(stem, "compare-areas", params) for stem, params in COMPARE_CASES]


@pytest.fixture(scope="module", params=BACKENDS)
def both_store(request):
    opened = open_backend(request.param, request)
    load_succession(opened)
    load_fixture(opened, TIME_FIXTURE)  # a second area: every case names its area
    yield opened
    if request.param == "virtuoso":
        empty_store(opened)
    opened.close()


@pytest.mark.parametrize("stem,name,params", ALL, ids=[c[0] for c in ALL])
def test_same_golden_rows(both_store, stem, name, params):
    got = format_table(run_named_query(both_store, name, params), "csv")
    assert golden_rows(got) == golden_rows((GOLDEN / f"{stem}.csv").read_text(encoding="utf-8"))


@pytest.mark.parametrize("as_of", ["", "2021"])
def test_compare_by_area_iri(both_store, as_of):
    by_name = {"areas": "Brookvale"} | ({"as_of": as_of} if as_of else {})
    by_iri = {"area": "Brookvale", "area_uri": AREA_URI} | ({"as_of": as_of} if as_of else {})
    expected = format_table(run_named_query(both_store, "compare-areas", by_name), "csv")
    got = format_table(run_named_query(both_store, "compare-areas", by_iri), "csv")
    assert golden_rows(got) == golden_rows(expected) and len(golden_rows(got)[1]) >= 4
