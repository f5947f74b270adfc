"""compare-areas as of a day, against golden CSV files computed on tests/data/time-graph.trig (a fictional area
whose 2020 report says its safeguarding partnership replaced the 2018 board).  Set SGKG_UPDATE_GOLDEN=1 to rewrite
the golden files after a deliberate change."""

from __future__ import annotations

import pytest

from sgkg.service.named_queries import run_named_query
from tests.queries.conftest import load_fixture
from tests.queries.test_named_queries import assert_golden
from tests.queries.test_time import TIME_FIXTURE

CASES = [
    ("time--compare-areas", {"areas": "Areaton"}),
    ("time--compare-areas--as-of-2019", {"areas": "Areaton", "as_of": "2019-01-01"}),
]


@pytest.fixture(scope="module")
def time_store():
    """The dated fixture with the reference graph (the compare rows are named by the vocabularies' labels)."""
    from sgkg.ingest.store import init_store, open_store

    store = open_store(None)
    init_store(store)
    load_fixture(store, TIME_FIXTURE)
    yield store
    store.close()


@pytest.mark.parametrize("stem,params", CASES, ids=[c[0] for c in CASES])
def test_golden(time_store, stem, params):
    assert_golden(time_store, stem, "compare-areas", params)


def _cells(table) -> dict[str, str | None]:
    return {row[0]: row[1] for row in table.rows}


def test_latest_compares_the_partnership_not_the_board_it_replaced(time_store):
    latest = _cells(run_named_query(time_store, "compare-areas", {"areas": "Areaton"}))
    assert latest["Safeguarding Children Partnership: board"] == "Areaton Safeguarding Children Partnership"
    assert "Local Safeguarding Children Board: board" not in latest
    assert latest["Safeguarding Children Partnership: independent scrutiny"] == "Lee Newer, Independent Scrutineer"


def test_as_of_a_day_compares_what_stood_then(time_store):
    then = _cells(run_named_query(time_store, "compare-areas", {"areas": "Areaton", "as_of": "2019-01-01"}))
    assert then["Local Safeguarding Children Board: board"] == "Areaton Safeguarding Children Board"
    assert then["Local Safeguarding Children Board: chair"].startswith("Pat Older, ")
    assert not any(feature.startswith("Safeguarding Children Partnership") for feature in then)
