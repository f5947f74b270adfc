"""Time: `as_of` and `changes` against golden CSV files computed on tests/data/time-graph.trig (a fictional
area with documents of 2018, 2020 and 2023 and one undated; the 2020 one says its partnership replaced the
2018 board).  Set SGKG_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change."""

from __future__ import annotations

from pathlib import Path

import pytest

from sgkg.ingest.errors import BadParameter
from sgkg.service.named_queries import run_named_query
from tests.queries.conftest import load_fixture
from tests.queries.test_named_queries import assert_golden

TIME_FIXTURE = Path(__file__).resolve().parent.parent / "data" / "time-graph.trig"

CASES = [
    ("time--partnerships", "partnerships", {}),
    ("time--partnerships--as-of-2019", "partnerships", {"area": "Areaton", "as_of": "2019-01-01"}),
    ("time--statutory-partners", "statutory-partners", {"area": "Areaton"}),
    ("time--statutory-partners--as-of-2019", "statutory-partners", {"area": "Areaton", "as_of": "2019-01-01"}),
    ("time--roles", "roles", {}),
    ("time--priorities--as-of-2021", "priorities", {"as_of": "2021"}),
    ("time--partnerships--every-document", "partnerships", {"area": "Areaton", "every_document": "true"}),
    (
        "time--statutory-partners--every-document--as-of-2021",
        "statutory-partners",
        {"area": "Areaton", "as_of": "2021", "every_document": "true"},
    ),
    ("time--roles--every-document", "roles", {"every_document": "true"}),
    ("time--changes", "changes", {"area": "Areaton"}),
    ("time--changes--from-to", "changes", {"area": "E06000999", "from": "2019", "to": "2020-12-31"}),
]


@pytest.fixture(scope="module")
def time_store():
    from sgkg.ingest.store import open_store

    store = open_store(None)
    load_fixture(store, TIME_FIXTURE)
    yield store
    store.close()


@pytest.mark.parametrize("stem,name,params", CASES, ids=[c[0] for c in CASES])
def test_golden(time_store, stem, name, params):
    assert_golden(time_store, stem, name, params)


def _column(table, name):
    return [row[table.columns.index(name)] for row in table.rows]


def test_current_arrangements_leave_out_the_replaced_board(time_store):
    latest = run_named_query(time_store, "partnerships", {"area": "Areaton"})
    assert "Areaton Safeguarding Children Partnership" in _column(latest, "partnership")
    assert "Areaton Safeguarding Children Board" not in _column(latest, "partnership")
    # and the community safety partnership renamed in 2023 (last named in 2018) is not current either: the area's
    # board of that type is the one the 2023 report names, as the timeline says ("board renamed")
    assert "Safer Areaton Partnership" not in _column(latest, "partnership")
    # each board once: from its most recent document only
    assert sorted(_column(latest, "date")) == ["2023-01-31", "2023-01-31"]


def test_a_board_renamed_later_is_current_before_the_rename(time_store):
    then = _records(run_named_query(time_store, "partnerships", {"area": "Areaton", "as_of": "2022-12-31"}))
    assert ("Safer Areaton Partnership", "2018-04-01") in {(r["partnership"], r["date"]) for r in then}
    assert "Areaton Community Safety Partnership" not in {r["partnership"] for r in then}


def test_older_arrangements_remain_reachable(time_store):
    old = run_named_query(time_store, "partnerships", {"area": "Areaton", "as_of": "2019-01-01"})
    assert "Areaton Safeguarding Children Board" in _column(old, "partnership")
    assert "Areaton Safeguarding Children Partnership" not in _column(old, "partnership")


def test_changes_name_the_replacement_with_quotes_on_both_sides(time_store):
    table = run_named_query(time_store, "changes", {"area": "Areaton"})
    replaced = [dict(zip(table.columns, r)) for r in table.rows if r[table.columns.index("change")] == "board replaced"]
    assert len(replaced) == 1
    row = replaced[0]
    assert (row["was"], row["now"], row["date"]) == (
        "Areaton Safeguarding Children Board",
        "Areaton Safeguarding Children Partnership",
        "2020-03-31",
    )
    assert "former" in row["now_quote"] and row["was_quote"] and row["was_date"] == "2018-04-01"


def test_a_statutory_board_named_otherwise_by_a_later_document_is_renamed(time_store):
    table = run_named_query(time_store, "changes", {"area": "Areaton"})
    renamed = [dict(zip(table.columns, r)) for r in table.rows if r[table.columns.index("change")] == "board renamed"]
    assert [(r["was"], r["now"], r["was_date"], r["date"]) for r in renamed] == [
        ("Safer Areaton Partnership", "Areaton Community Safety Partnership", "2018-04-01", "2023-01-31")
    ]
    assert renamed[0]["was_quote"] and renamed[0]["now_quote"]
    # a board of another type that comes after a board is no rename of it (the board replaced above is one)
    assert not [r for r in renamed if r["now"] == "Areaton Safeguarding Children Partnership"]


def test_a_partner_dropped_and_one_added_in_the_same_step(time_store):
    table = run_named_query(time_store, "changes", {"area": "Areaton", "from": "2022-01-01"})
    got = {
        (r[table.columns.index("change")], r[table.columns.index("was")] or r[table.columns.index("now")])
        for r in table.rows
    }
    assert ("partner dropped", "Areaton Clinical Commissioning Group") in got
    assert ("partner added", "Areaton Integrated Care Board") in got
    assert ("partner dropped", "Areaton Police") not in got  # stated in both documents: no change
    # and, the org types being national successors (a CCG replaced by an ICB), one row names both with their quotes
    replaced = [
        dict(zip(table.columns, r)) for r in table.rows if r[table.columns.index("change")] == "partner replaced"
    ]
    assert [(r["was"], r["now"]) for r in replaced] == [
        ("Areaton Clinical Commissioning Group", "Areaton Integrated Care Board")
    ]
    assert "2019/20" in replaced[0]["was_quote"] and "2023" in replaced[0]["now_quote"]


def test_partners_as_of_a_day_are_those_of_the_boards_latest_document(time_store):
    now = run_named_query(time_store, "statutory-partners", {"area": "Areaton"})
    # the partnership's 2023 report; the community safety partnership's latest (2018) names no partner, and its
    # undated plan counts as older
    assert sorted(_column(now, "organisation")) == [
        "Areaton Borough Council",
        "Areaton Integrated Care Board",
        "Areaton Police",
    ]
    then = run_named_query(time_store, "statutory-partners", {"area": "Areaton", "as_of": "2019-01-01"})
    assert "Areaton Clinical Commissioning Group" in _column(then, "organisation")
    assert "Areaton Integrated Care Board" not in _column(then, "organisation")


def test_every_named_query_of_an_area_takes_as_of():
    from sgkg.service.named_queries import load_named_queries

    missing = [name for name, q in load_named_queries().items() if q.param("as_of") is None]
    assert missing == []


def test_as_of_must_be_a_date(time_store):
    with pytest.raises(BadParameter):
        run_named_query(time_store, "partnerships", {"as_of": "last year"})


# the queries whose rows are those of each board's most recent document (the as-of block), and so take
# every_document; figures and evidence read every document on or before the day already
PER_BOARD = (
    "partnerships",
    "statutory-bases",
    "statutory-partners",
    "relevant-agencies",
    "roles",
    "priorities",
    "relationships",
    "duties",
    "subgroups",
    "reviews",
)


def _records(table):
    return [dict(zip(table.columns, row)) for row in table.rows]


def test_every_document_adds_the_rows_of_older_documents_and_marks_the_latest(time_store):
    latest = _records(run_named_query(time_store, "partnerships", {"area": "Areaton"}))
    every = _records(run_named_query(time_store, "partnerships", {"area": "Areaton", "every_document": "true"}))
    # the partnership's 2020 report (older than its 2023 one) comes back too, not marked latest
    older = sorted((r["partnership"], r["date"]) for r in every if r["latest"] == "false")
    assert older == [("Areaton Safeguarding Children Partnership", "2020-03-31")]
    # the rows marked latest are exactly the default's rows
    assert sorted(map(repr, (r for r in every if r["latest"] == "true"))) == sorted(map(repr, latest))
    # the board replaced in 2020 and the one renamed in 2023 stay out, whatever document names them
    assert not {"Areaton Safeguarding Children Board", "Safer Areaton Partnership"} & {r["partnership"] for r in every}
    # before the rename, the undated plan of the community safety partnership (undated: the oldest) comes back
    before = _records(
        run_named_query(time_store, "partnerships", {"area": "Areaton", "as_of": "2022", "every_document": "true"})
    )
    assert {(r["date"], r["latest"]) for r in before if r["partnership"] == "Safer Areaton Partnership"} == {
        ("2018-04-01", "true"),
        (None, "false"),
    }


def test_every_document_stops_at_as_of(time_store):
    every = _records(
        run_named_query(time_store, "statutory-partners", {"area": "Areaton", "as_of": "2021", "every_document": "1"})
    )
    # the partnership's 2020 report is its latest by 2021: the CCG is there, the ICB (2023 report) is not yet
    assert {(r["organisation"], r["latest"]) for r in every if "Children" in r["partnership"]} == {
        ("Areaton Borough Council", "true"),
        ("Areaton Clinical Commissioning Group", "true"),
        ("Areaton Police", "true"),
    }
    # the community safety partnership's partners come from its undated plan, older than its 2018 document
    assert {(r["organisation"], r["latest"]) for r in every if r["partnership"] == "Safer Areaton Partnership"} == {
        ("Areaton Borough Council", "false"),
        ("Areaton Police", "false"),
    }


@pytest.mark.parametrize("name", PER_BOARD)
def test_every_document_false_is_the_default(time_store, name):
    default = run_named_query(time_store, name, {})
    assert run_named_query(time_store, name, {"every_document": "false"}).rows == default.rows
    every = run_named_query(time_store, name, {"every_document": "true"})
    assert set(map(tuple, default.rows)) <= set(map(tuple, every.rows))
    assert default.columns == every.columns and default.columns[-1] == "latest"


def test_the_queries_with_the_as_of_block_take_every_document():
    from sgkg.service.named_queries import load_named_queries

    takes = {name for name, q in load_named_queries().items() if q.param("every_document") is not None}
    assert takes == set(PER_BOARD) | {"shared-priorities", "partner-footprint"}
    assert {load_named_queries()[name].param("every_document").type for name in takes} == {"boolean"}


def test_every_document_must_be_true_or_false(time_store):
    with pytest.raises(BadParameter, match="every_document"):
        run_named_query(time_store, "roles", {"every_document": "all"})
