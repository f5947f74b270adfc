"""Ways real pages state a partnership's priorities, each written again as a small FICTIONAL text (invented places,
boards and people; the area is given, as `sgkg ingest --area` would). Each test failed before the rule it guards."""

from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import analyse

AREA = ("E06000017",)


def _facts(text: str):
    return analyse(normalise(text).text, area=AREA)._.sgkg


def _priorities(text: str) -> dict[str, object]:
    return {p.label: p for p in _facts(text).priorities}


# --------------------------------------------------------------------------- numbered priorities in markdown marks
MARKDOWN_NUMBERED = """Eastmere Community Safety Partnership

Community Safety Plan 2024-2027

## Priority 1: Reducing serious violence

We will work with schools and youth clubs to keep young people safe.

## Priority 2: Tackling domestic abuse

We will support victims and hold those who harm to account.
"""

BOLD_NUMBERED = """Eastmere Community Safety Partnership

Community Safety Plan 2024-2027

**Priority 1:** Reducing serious violence

We will work with schools and youth clubs to keep young people safe.

**Priority 2 - Tackling domestic abuse**

We will support victims and hold those who harm to account.
"""

HEADING_ALONE = """Eastmere Community Safety Partnership

Community Safety Plan 2024-2027

### Priority 3
Safer town centres

We will reduce anti-social behaviour around the market square.
"""


def test_numbered_priorities_as_markdown_headings():
    found = _priorities(MARKDOWN_NUMBERED)
    assert set(found) == {"Reducing serious violence", "Tackling domestic abuse"}, found
    assert all(p.period == "2024-27" for p in found.values())


def test_numbered_priorities_in_bold_lose_their_marks():
    assert set(_priorities(BOLD_NUMBERED)) == {"Reducing serious violence", "Tackling domestic abuse"}


def test_a_markdown_heading_that_is_only_a_priority_number_takes_the_next_line():
    assert set(_priorities(HEADING_ALONE)) == {"Safer town centres"}


# --------------------------------------------------------------------------- priorities shared with another board
SHARED_AFTER_OWN = """Eastmere Safeguarding Children Partnership

Our priorities

The Eastmere Safeguarding Children Partnership has agreed priorities for 2023/2024 that will shape the work of every
partner agency.

The priorities this year are:

  • Neglect
  • Early Help
  • Children with Disabilities

The Partnership also has shared priorities with the Eastmere Safeguarding Adults Board:

  • Modern Slavery
  • Transitional Safeguarding

Each area listed has a task group.
"""

SHARED_HEADING = """Brookvale Safeguarding Adults Board

Board Priorities

Safeguarding Adults Board Priorities
• Hoarding and self-neglect
• Financial abuse

Priorities shared with the Brookvale Safeguarding Children Partnership
• Exploitation and county lines
• Domestic abuse

Each priority has a group that reports to the Board every quarter.
"""

OUR_SHARED_PRIORITIES = """Brookvale Safeguarding Adults Board

Our shared priorities for 2024-2027 are:

• Hoarding and self-neglect
• Financial abuse
"""


def test_priorities_shared_with_another_board_after_the_own_list_are_joint():
    found = _priorities(SHARED_AFTER_OWN)
    assert set(found) == {
        "Neglect",
        "Early Help",
        "Children with Disabilities",
        "Modern Slavery",
        "Transitional Safeguarding",
    }
    assert not any(found[k].joint for k in ("Neglect", "Early Help", "Children with Disabilities"))
    for k in ("Modern Slavery", "Transitional Safeguarding"):
        assert found[k].joint and set(found[k].owners) == {
            "E06000017/eastmere-safeguarding-children-partnership",
            "E06000017/eastmere-safeguarding-adult-board",
        }, found[k]


def test_a_heading_of_priorities_shared_with_another_board_makes_them_joint():
    found = _priorities(SHARED_HEADING)
    assert not found["Financial abuse"].joint
    assert found["Domestic abuse"].joint and len(found["Domestic abuse"].owners) == 2


def test_our_shared_priorities_alone_are_the_boards_own():
    found = _priorities(OUR_SHARED_PRIORITIES)
    assert set(found) == {"Hoarding and self-neglect", "Financial abuse"}
    assert not any(p.joint for p in found.values())
