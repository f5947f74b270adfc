"""`as_of` and `changes` give the golden answers of tests/queries/test_time.py on every backend (the embedded
Oxigraph store and a real Virtuoso 7: the `virtuoso` run is skipped where no Virtuoso is installed)."""

from __future__ import annotations

import pytest

from sgkg.service.named_queries import format_table, run_named_query
from tests.backends.conftest import BACKENDS, empty_store, open_backend
from tests.queries.conftest import load_fixture
from tests.queries.test_named_queries import GOLDEN, golden_rows
from tests.queries.test_time import CASES, TIME_FIXTURE


@pytest.fixture(scope="module", params=BACKENDS)
def time_store(request):
    opened = open_backend(request.param, request)
    load_fixture(opened, TIME_FIXTURE)
    yield opened
    if request.param == "virtuoso":
        empty_store(opened)
    opened.close()


@pytest.mark.parametrize("stem,name,params", CASES, ids=[c[0] for c in CASES])
def test_same_golden_rows(time_store, stem, name, params):
    got = format_table(run_named_query(time_store, name, params), "csv")
    assert golden_rows(got) == golden_rows((GOLDEN / f"{stem}.csv").read_text(encoding="utf-8"))
