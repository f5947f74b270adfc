"""Changes and current arrangements where documents are partial: golden CSV files and checks computed on
tests/data/succession-graph.trig (a fictional area whose 2018 protocol names a chair that the 2023 report names
as a post without its holder, whose 2020 report says nothing of one board's priorities and spells another's
differently, and whose 2023 report names its community safety partnership otherwise).  The same cases run on
Virtuoso in tests/backends/test_succession_results.py.  SGKG_UPDATE_GOLDEN=1 rewrites the golden files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sgkg.service.named_queries import run_named_query
from tests.queries.conftest import load_fixture
from tests.queries.test_named_queries import assert_golden

SUCCESSION_FIXTURE = Path(__file__).resolve().parent.parent / "data" / "succession-graph.trig"
AREA_URI = "https://w3id.org/sgkg/id/area/E06000998"

CASES = [
    ("succession--changes", "changes", {"area": "Brookvale"}),
    ("succession--partnerships", "partnerships", {"area": "Brookvale"}),
    ("succession--partnerships--as-of-2021", "partnerships", {"area": "Brookvale", "as_of": "2021"}),
    ("succession--roles--every-document", "roles", {"area": "Brookvale", "every_document": "true"}),
    ("succession--priorities", "priorities", {"area": "Brookvale"}),
    ("succession--compare-areas", "compare-areas", {"areas": "Brookvale"}),
    ("succession--compare-areas--as-of-2021", "compare-areas", {"areas": "Brookvale", "as_of": "2021"}),
]


def load_succession(store) -> None:
    """The reference graph (the compare rows are named by the vocabularies' labels) and the fixture."""
    from sgkg.ingest.store import init_store

    init_store(store)
    load_fixture(store, SUCCESSION_FIXTURE)


@pytest.fixture(scope="module")
def store():
    from sgkg.ingest.store import open_store

    opened = open_store(None)
    load_succession(opened)
    yield opened
    opened.close()


@pytest.mark.parametrize("stem,name,params", CASES, ids=[c[0] for c in CASES])
def test_golden(store, stem, name, params):
    assert_golden(store, stem, name, params)


def _records(table) -> list[dict]:
    return [dict(zip(table.columns, row)) for row in table.rows]


def _changes(store, **params) -> set[tuple]:
    rows = _records(run_named_query(store, "changes", {"area": "Brookvale", **params}))
    return {(r["change"], r["board"], r["was"] or r["now"]) for r in rows}


def test_a_post_named_without_its_holder_changes_no_chair(store):
    """2018 names the health and wellbeing board's chair; 2023 names the post but not who holds it: nobody was
    added or dropped (and the adults board's independent chair likewise)."""
    changes = _changes(store)
    assert not [c for c in changes if c[0].startswith("chair")]


def test_a_document_silent_on_a_kind_adds_nothing_when_a_later_one_states_it_again(store):
    """The 2020 report names the health and wellbeing board but none of its priorities; 2023 states the 2018
    priority again: no "priority added" (nor dropped) for it."""
    assert not [c for c in _changes(store) if c[2] == "Healthy weight"]


def test_a_priority_spelt_otherwise_is_the_same_priority(store):
    """'Prevention of Violence and Exploitation (PoVE)' (2018) and '... Exploitation' (2020) are one priority; it
    is dropped once, by the 2023 report, which adds another."""
    changes = _changes(store)
    assert ("priority added", "Brookvale Safeguarding Adults Board", "Making Safeguarding Personal") in changes
    assert {c[2] for c in changes if c[0] == "priority dropped"} == {"Prevention of Violence and Exploitation"}
    assert not [c for c in changes if c[0] == "priority added" and "Violence" in c[2]]


def test_the_first_list_of_a_kind_adds_its_facts(store):
    """A board's first document that lists a kind adds them all (there is nothing to compare with but its previous
    document): here none, because the board's first document is the one that lists them."""
    assert not [c for c in _changes(store, to="2018-12-31") if c[0] != "board added"]


def test_a_board_renamed_is_not_current_after_the_rename(store):
    now = {r["partnership"] for r in _records(run_named_query(store, "partnerships", {"area": "Brookvale"}))}
    assert "Brookvale Community Safety Partnership" in now and "Safer Brookvale Partnership" not in now
    then = {
        r["partnership"]
        for r in _records(run_named_query(store, "partnerships", {"area": "Brookvale", "as_of": "2021"}))
    }
    assert "Safer Brookvale Partnership" in then and "Brookvale Community Safety Partnership" not in then
    assert ("board renamed", "Brookvale Community Safety Partnership", "Safer Brookvale Partnership") in _changes(store)


def _cells(store, **params) -> dict[str, str]:
    table = run_named_query(store, "compare-areas", params)
    return {row[0]: row[1] for row in table.rows}


def test_compare_reads_each_board_as_its_latest_document_states_it(store):
    latest = _cells(store, areas="Brookvale")
    assert latest["Community Safety Partnership: board"] == "Brookvale Community Safety Partnership"
    # the 2018 priority the adults board's 2023 report no longer states is not compared
    assert "Theme: Exploitation" not in latest
    assert latest["Theme: Making Safeguarding Personal"].startswith("Making Safeguarding Personal")
    # the chairs named in 2018 still hold the posts the 2023 report names without a holder
    assert latest["Health and Wellbeing Board: chair"] == "Ada Holder, Chair"
    assert latest["Safeguarding Adults Board: chair"] == "Ira Keeper, Independent Chair"


def test_compare_as_of_a_day_reads_the_latest_document_on_or_before_it(store):
    then = _cells(store, areas="Brookvale", as_of="2021")
    assert then["Community Safety Partnership: board"] == "Safer Brookvale Partnership"
    # the adults board's 2020 report states the priority (as it spells it); the 2023 one is not yet written
    assert (
        then["Theme: Exploitation"] == "Prevention of Violence and Exploitation (Brookvale Safeguarding Adults Board)"
    )
    assert "Theme: Making Safeguarding Personal" not in then
    # the boards' 2020 reports name no chair: none is compared (the area page counts them under older documents)
    assert not [f for f in then if f.endswith(": chair")]


def test_compare_by_area_iri_gives_the_same_rows(store):
    """The compare page asks for each area by its IRI: the same rows as by name."""
    by_name = run_named_query(store, "compare-areas", {"areas": "Brookvale"})
    by_iri = run_named_query(store, "compare-areas", {"area": "Brookvale", "area_uri": AREA_URI})
    assert by_iri.rows == by_name.rows
