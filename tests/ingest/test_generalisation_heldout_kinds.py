"""Kinds of statement first seen on the studied part of the second held-out set (bench/validation2/studied.txt),
written again as small FICTIONAL texts (invented people and bodies; a real area so that it is detected)."""

from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import analyse


def priorities(text: str) -> dict[str, tuple[str, ...]]:
    return {p.label: p.owners for p in analyse(normalise(text).text)._.sgkg.priorities}


WORKPLAN_THEMES = """Rutland Safeguarding Adults Board

Ms Jo Bloggs, Independent Chair of the Rutland Safeguarding Adults Board, presented the Annual Report to the
Committee. She advised that the Board was developing its future workplan. The themes expected to be included in the
workplan were mental health and inpatient bed availability, self neglect, domestic abuse and the care system.
"""


def test_the_themes_a_workplan_is_to_include_are_its_board_priorities():
    found = priorities(WORKPLAN_THEMES)
    assert {"Mental health and inpatient bed availability", "Self neglect", "Domestic abuse", "The care system"} <= set(
        found
    ), found
    assert all(owners == ("E06000017/safeguarding-adult-board",) for owners in found.values())


def test_themes_of_an_event_are_no_priorities():
    text = (
        "Rutland Safeguarding Adults Board\n\nThe themes of the conference were neglect, housing and hoarding, "
        "and the speakers were warmly thanked.\n"
    )
    assert priorities(text) == {}


GROUPS_LIST = """Rutland Safeguarding Children Partnership

The work of the Rutland SCP is supported by three thematic multi-agency partnership groups, each of which presents
progress reports to the quarterly SCP meetings. The three thematic multi-agency partnership groups are:

  • the Adolescent Safety Group;
  • the Quality and Effectiveness Working Group; and
  • the Schools Safeguarding Group.

The statutory purpose of the Rutland SCP is to support organisations to work together.
"""


def test_subgroups_listed_with_articles_and_a_closing_and():
    facts = analyse(normalise(GROUPS_LIST).text)._.sgkg
    names = {s.name for s in facts.subgroups}
    assert {"Adolescent Safety Group", "Quality and Effectiveness Working Group", "Schools Safeguarding Group"} <= names
