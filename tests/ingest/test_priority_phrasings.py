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

TABLE_NUMBERED = """Eastmere Safeguarding Children Partnership

Business Plan 2025-2027

Priority 1 | Neglect | We will embed the neglect toolkit
Priority 2 | Exploitation | We will strengthen the response to missing children
Priority 3 | Early help | We will make help easier to find
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


# --------------------------------------------------------------------------- an item's own joint note
ONE_JOINT_AREA = """Eastmere Safeguarding Children Partnership

Business Plan 2024 - 2026

The Partnership has also identified one joint area (with the Eastmere Safeguarding Adults Board) and three key areas
to focus its work upon:

- Domestic abuse (joint with Eastmere Safeguarding Adults Board)
- Learning from local reviews
- Neglect
- Emotional wellbeing of children
"""


def test_areas_to_focus_work_upon_with_one_item_joint_by_its_note():
    found = _priorities(ONE_JOINT_AREA)
    assert set(found) == {"Domestic abuse", "Learning from local reviews", "Neglect", "Emotional wellbeing of children"}
    assert found["Domestic abuse"].joint
    assert set(found["Domestic abuse"].owners) == {
        "E06000017/eastmere-safeguarding-children-partnership",
        "E06000017/eastmere-safeguarding-adult-board",
    }
    for k in ("Learning from local reviews", "Neglect", "Emotional wellbeing of children"):
        assert not found[k].joint and found[k].owners == ("E06000017/eastmere-safeguarding-children-partnership",)
    assert all(p.period == "2024-26" for p in found.values())


def test_areas_to_focus_on_over_sentences_are_no_priorities():
    text = (
        "Eastmere Safeguarding Children Partnership\n\nThe partners discussed the areas to focus on:\n\n"
        "- The chair asked whether the audit had been completed on time.\n"
        "- Members noted that the budget had been agreed by all three partners.\n"
    )
    assert _priorities(text) == {}


# --------------------------------------------------------------------------- counted introductions and enumerations
SEMICOLON_INTRO = """Oakham Vale Health and Wellbeing Board

Members were told that the draft strategy proposed three strategic priorities;

- Best Start - which focused on pregnancy, early years and childhood
- Healthy Adults - which covered the economic and social factors behind good health in adult life
- Later Life - which focused on independence and good care at the end of life

The Chair thanked officers for the report.
"""


def test_counted_priorities_introduced_with_a_semicolon():
    assert set(_priorities(SEMICOLON_INTRO)) == {"Best Start", "Healthy Adults", "Later Life"}


AIMS_OF = """Brookvale Safeguarding Adults Board

Strategic plan and priorities

The strategic plan for 2025/2026 outlines our four key strategic aims of prevention, making safeguarding personal,
quality assurance and workforce development.
"""


def test_counted_key_aims_enumerated_after_of():
    found = _priorities(AIMS_OF)
    assert set(found) == {"Prevention", "Making safeguarding personal", "Quality assurance", "Workforce development"}
    assert all(p.period == "2025/26" for p in found.values())


def test_counted_aims_of_the_board_are_no_enumeration():
    text = (
        "Brookvale Safeguarding Adults Board\n\nThe three main objectives of the Board are set in law, and the Board "
        "reports on them, its budget and its membership every year.\n"
    )
    assert _priorities(text) == {}


# ------------------------------------------------------------- "the partnership will concentrate on A, B and C"
WILL_CONCENTRATE = """Eastmere Safeguarding Children Partnership

Annual Report 2023-24

Priorities for 2024-25

Following our annual review, the partners agreed that next year the partnership will concentrate on neglect, serious
youth violence and the mental health of adolescents.
"""

WILL_FOCUS_ON_WORK = """Eastmere Safeguarding Children Partnership

Over the summer we will focus on improving how agencies share information with schools, and on training.

The Board will focus on the findings of the audit.

We will focus on making sure that every practitioner has had the training, that audits are done and that families
are heard.
"""


def test_the_partnership_will_concentrate_on_an_enumeration():
    found = _priorities(WILL_CONCENTRATE)
    assert set(found) == {"Neglect", "Serious youth violence", "The mental health of adolescents"}, found
    assert all(p.period == "2024/25" for p in found.values())


def test_will_focus_on_work_or_one_thing_is_no_priority_list():
    assert _priorities(WILL_FOCUS_ON_WORK) == {}


# --------------------------------------------------------------------------- one priority stated in a sentence
STATED = """Eastmere Safeguarding Children Partnership

Annual Report 2023/24

One of the areas of focus in the past year was hearing the voice of the child.

Exploitation continues to be a priority for the partnership.

Online safety became a priority for the partnership after the summer.
"""


def test_a_priority_that_continues_or_became_one_and_one_of_the_areas_of_focus():
    found = _priorities(STATED)
    assert set(found) == {"Hearing the voice of the child", "Exploitation", "Online safety"}, found
    assert all(p.owners == ("E06000017/eastmere-safeguarding-children-partnership",) for p in found.values())


def test_a_pronoun_that_has_been_a_priority_is_no_label():
    text = (
        "Eastmere Safeguarding Children Partnership\n\nThis became a priority for the partnership after the "
        "inspection.\n\nThat has been a priority for the Board for some years.\n"
    )
    assert _priorities(text) == {}


# ---------------------------------------------------------------- titled paragraphs under a priorities heading
TITLED_PARAGRAPHS = """Brookvale Safeguarding Adults Board

Our priorities for 2024-2027

Prevention - we will raise awareness of abuse so that people can stay safe. We will also train staff in every agency.

Self-neglect - we will improve how agencies work together with people who neglect themselves.

Learning from reviews - we will make sure that the lessons of reviews change practice.
"""


def test_titled_paragraphs_under_a_priorities_heading_are_its_priorities():
    found = _priorities(TITLED_PARAGRAPHS)
    assert set(found) == {"Prevention", "Self-neglect", "Learning from reviews"}, found
    assert all(p.period == "2024-27" for p in found.values())


def test_two_titled_paragraphs_under_a_heading_are_no_list():
    text = (
        "Brookvale Safeguarding Adults Board\n\nOur priorities\n\nPrevention - we will raise awareness of abuse so "
        "that people can stay safe.\n\nSelf-neglect - we will improve how agencies work with people who neglect "
        "themselves.\n"
    )
    assert _priorities(text) == {}


FOCUSING_ON_AREAS = """Oakham Vale Health and Wellbeing Board

Priority areas

Much of our work is about building healthy communities over the longer term.

We will do this by focusing on key areas including:

  - Early years - giving children the best start
  - Healthy lifestyles
  - Mental wellbeing
  - Loneliness and isolation
"""


def test_focusing_on_key_areas_including_a_list_of_labels():
    found = _priorities(FOCUSING_ON_AREAS)
    assert {"Healthy lifestyles", "Mental wellbeing", "Loneliness and isolation"} <= set(found), found
    assert len(found) == 4


def test_focusing_on_areas_over_sentences_is_no_list():
    text = (
        "Oakham Vale Health and Wellbeing Board\n\nThe review was carried out by focusing on the following areas:\n\n"
        "- The Board has met four times this year.\n- Officers will report on the budget in May.\n"
    )
    assert _priorities(text) == {}


def test_numbered_priorities_in_table_rows_take_the_next_cell():
    found = _priorities(TABLE_NUMBERED)
    assert set(found) == {"Neglect", "Exploitation", "Early help"}, found
    assert all(p.period == "2025-27" for p in found.values())
