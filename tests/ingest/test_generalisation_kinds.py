"""Kinds of priorities, roles and statutory bases that recur across areas (found on the spent validation set,
written here in our own words): lists that are not priorities, priorities under headings and 'of' phrases,
holders named around a post, and the phrasings of a basis.

Every text is fictional (invented people and boards); the area is a real one so that it is detected."""

from __future__ import annotations

from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import extract_facts

SAB = (
    "Somerset Safeguarding Adults Board Annual Report\n\nThe Somerset Safeguarding Adults Board is established "
    "under section 43 of the Care Act 2014.\n\n"
)
CSP = (
    "Safer Somerset Partnership\n\nThe Safer Somerset Partnership is the Community Safety Partnership for Somerset.\n\n"
)
HWB = "Somerset Health and Wellbeing Board\n\nThe Somerset Health and Wellbeing Board meets four times a year.\n\n"


def facts(text: str):
    return extract_facts(normalise(text).text)


def priorities(text: str) -> set[str]:
    return {p.label for p in facts(text).priorities}


def posts(text: str) -> set[tuple[str, str | None]]:
    return {(p.role, p.person) for p in facts(text).posts}


# -- lists that are not priority lists ---------------------------------------------------------------------------

DISCUSSION = (
    SAB
    + """The committee heard the annual report, and the main points and themes of the discussion were:

- Training for councillors on exploitation;
- How carers were listened to;
- The cost of interpreters.
"""
)


def test_points_of_a_discussion_are_no_priorities():
    assert priorities(DISCUSSION) == set()


UPDATED = CSP + (
    "The partnership priorities have been updated after talking with residents, partner agencies, "
    "councillors and businesses.\n"
)


def test_priorities_updated_after_a_consultation_name_no_priorities():
    assert priorities(UPDATED) == set()


PURPOSE = CSP + (
    "The partnership sets priorities to ensure agencies are joining up to make the county a good place to "
    "grow, learn and retire.\n"
)


def test_a_purpose_clause_after_priorities_is_no_list():
    assert priorities(PURPOSE) == set()


# -- priorities named in other ways --------------------------------------------------------------------------------

OF_PHRASE = SAB + (
    "The Board approved its plan, including the agreed priority actions of stopping harm early; "
    "supporting adults at risk; learning from reviews; and, better services.\n"
)


def test_priorities_given_after_priority_actions_of():
    assert priorities(OF_PHRASE) == {
        "Stopping harm early",
        "Supporting adults at risk",
        "Learning from reviews",
        "Better services",
    }


TITLED_HEADINGS = (
    CSP
    + """The report then set out the partnership's key priorities and the areas of focus under each:

Safer Town Centres:
- Reduce shoplifting.
- Improve street lighting.
Harm from Drugs:
- Close drug lines.
- Support people into treatment.
"""
)


def test_title_case_headings_ending_in_a_colon_are_priorities():
    found = priorities(TITLED_HEADINGS)
    assert {"Safer Town Centres", "Harm from Drugs"} <= found
    assert "Reduce shoplifting" in found


TITLED_ITEMS = (
    SAB
    + """The plan has four strategic priorities, and the work under each priority area is:

- Prevention - The Board will make sure partners spot the early signs of harm and act on them quickly.
- Listening to People - The Board will hear from people who used services about what helped them. It reports this yearly.
- Workforce Skills - The Board will run shared training for staff of every partner agency.
"""
)


def test_a_titled_item_explained_by_a_sentence_gives_its_title():
    assert priorities(TITLED_ITEMS) == {"Prevention", "Listening to People", "Workforce Skills"}


# -- holders of posts --------------------------------------------------------------------------------------------

CONFIRMED = (
    HWB
    + """RESOLVED that:
(i) the Leader, Councillor Jo Marsh, be confirmed as Chair of the Somerset Health and Wellbeing Board; and
(ii) Dr Priya Lane be confirmed as Vice Chair of the Somerset Health and Wellbeing Board.
"""
)


def test_holders_confirmed_as_posts():
    assert {("chair", "Jo Marsh"), ("vice-chair", "Priya Lane")} <= {
        (r, p.replace("Councillor ", "").replace("Dr ", "") if p else p) for r, p in posts(CONFIRMED)
    }


NAME_POST_ROLE = HWB + (
    "Councillor Sam Reed, Cabinet Member for Adult Care, Chair of the Somerset Health and "
    "Wellbeing Board, will present the report.\n"
)


def test_a_name_with_its_own_post_then_the_post_read():
    assert any(r == "chair" and p and "Sam Reed" in p for r, p in posts(NAME_POST_ROLE))


APPOSITION = SAB + (
    "Minutes:\n\n4.1 The Director of Adult Services introduced the report on behalf of the Independent "
    "Chair of the Somerset SAB, Kim Dale, who could not attend.\n"
)


def test_the_holder_after_the_post_and_no_post_from_a_minute():
    found = posts(APPOSITION)
    assert any(r == "independent-chair" and p and "Kim Dale" in p for r, p in found)
    assert not any(r == "lead-representative" for r, _ in found)


POST_FOR_BOARD = HWB + "Alex Moss, Policy Lead for Health & Wellbeing Board, will take questions.\n"


def test_a_post_for_a_board_is_not_part_of_the_board_name():
    names = {p.name for p in facts(POST_FOR_BOARD).partnerships}
    assert not any(n.lower().startswith("policy lead") for n in names)


PARTNER_POSTS = """Somerset Safeguarding Children Partnership Arrangements

The Somerset Safeguarding Children Partnership is the local safeguarding partnership for Somerset.

In Somerset the three safeguarding partners are:

- Chief Executive of Somerset Council
- Chief Constable of Avon and Somerset Police
- Chief Nursing Officer of the Somerset Integrated Care Board
"""


def test_posts_listed_as_the_safeguarding_partners_are_lead_representatives():
    titles = {p.title for p in facts(PARTNER_POSTS).posts if p.role == "lead-representative"}
    assert {"Chief Executive of Somerset Council", "Chief Constable of Avon and Somerset Police"} <= titles


EXECUTIVE_INLINE = """Somerset Safeguarding Children Partnership Arrangements

The Somerset Safeguarding Children Partnership is the local safeguarding partnership for Somerset.

The executive members are the Council Chief Executive, the District Police Commander and the Integrated Care Board Chief Nurse, and their deputies.
"""


def test_posts_named_inline_as_executive_members_are_lead_representatives():
    titles = {p.title for p in facts(EXECUTIVE_INLINE).posts if p.role == "lead-representative"}
    assert "District Police Commander" in titles and not any("deputies" in t for t in titles if t)


ORGANISATIONS_NOT_POSTS = """Somerset Safeguarding Children Partnership Arrangements

The Somerset Safeguarding Children Partnership is the local safeguarding partnership for Somerset.

The three safeguarding partners are:

- Somerset Council
- Avon and Somerset Police
- Somerset Integrated Care Board
"""


def test_organisations_listed_as_partners_are_no_posts():
    assert not any(p.role == "lead-representative" for p in facts(ORGANISATIONS_NOT_POSTS).posts)


HOLDERS_IN_PARTNER_LIST = """Somerset Safeguarding Children Partnership Arrangements

The Somerset Safeguarding Children Partnership is the local safeguarding partnership for Somerset.

For Somerset the safeguarding partners are:
- Ruth Elder, Chief Executive of Somerset Council;
- Omar Quill, Chief Constable, delegated to Lena Frost, Chief Superintendent, Avon and Somerset Police
"""


def test_holders_named_with_their_posts_in_a_list_of_partners():
    found = {p.person for p in facts(HOLDERS_IN_PARTNER_LIST).posts if p.role == "lead-representative"}
    assert {"Ruth Elder", "Omar Quill", "Lena Frost"} <= found


WELCOMED = (
    SAB
    + """The Leader welcomed Tom Baxter as the new Independent Chair.

- Ann Lowe had been appointed as the Independent Chair of the Board in 2019.
"""
)


def test_holders_welcomed_as_or_appointed_as_a_post():
    found = posts(WELCOMED)
    assert ("independent-chair", "Tom Baxter") in found and ("independent-chair", "Ann Lowe") in found


# -- statutory bases ---------------------------------------------------------------------------------------------


def bases(text: str) -> set[tuple[str, str]]:
    return {(b.partnership, b.legislation) for b in facts(text).bases}


SET_UP_AS_PART_OF = (
    "Safer Somerset Partnership\n\nThe Safer Somerset Partnership (SSP) is a group of agencies set up "
    "as part of the Crime and Disorder Act 1998.\n"
)


def test_set_up_as_part_of_an_act():
    assert any(a.endswith("ukpga/1998/37") for _, a in bases(SET_UP_AS_PART_OF))


DESCRIBED_WITHIN = (
    "Somerset Safeguarding Children Partnership\n\nThe Somerset Safeguarding Children Partnership is "
    "made up of "
    "partner agencies as described within the Children Act 2004.\n"
)


def test_agencies_as_described_within_an_act():
    assert any(a.endswith("ukpga/2004/31") for _, a in bases(DESCRIBED_WITHIN))


DESCRIPTION_NOT_NAME = (
    "Somerset Safeguarding Adults Board\n\n1.1 Somerset Safeguarding Adults Board (SSAB) is a "
    "Multi-Agency Strategic "
    "Partnership, established on a statutory basis under section 43 of the Care Act 2014.\n"
)


def test_a_multi_agency_description_is_no_partnership_name():
    found = facts(DESCRIPTION_NOT_NAME)
    assert not any(p.name.lower().startswith("multi") for p in found.partnerships)
    keys = {p.key for p in found.partnerships}
    assert found.bases and all(b.partnership in keys for b in found.bases)


POSTS_AS_SUBJECT = """Somerset Safeguarding Children Partnership Arrangements

The Somerset Safeguarding Children Partnership is the local safeguarding partnership for Somerset.

The Somerset Council Chief Executive, the Chief Constable of Wessex Police and the Director of Nursing for the Integrated Care Board are committed to working together.
"""


def test_posts_committed_together_are_lead_representatives():
    titles = {p.title for p in facts(POSTS_AS_SUBJECT).posts if p.role == "lead-representative"}
    assert "Chief Constable of Wessex Police" in titles and len(titles) == 3


MANAGER_CONTACT = SAB + "Contact: Lou Pike, Strategic Safeguarding Partnerships Manager Tel: 01234 567890\n"


def test_a_partnerships_manager_named_before_the_title():
    assert ("business-manager", "Lou Pike") in posts(MANAGER_CONTACT)


OVERARCHING = (
    SAB
    + """Our priorities

Our overarching priority from 2024 to 2027 is early intervention.

The work under it falls into three areas:

- Listening to adults at risk
- Learning from reviews
- Checking the quality of practice
"""
)


def test_one_overarching_priority_stated_before_a_list():
    found = priorities(OVERARCHING)
    assert "Early intervention" in found and "Learning from reviews" in found


CUT_OFF = CSP + "With key priorities of reducing burglary, tackling knife crime and protecting vulner"


def test_the_last_item_of_a_sentence_the_text_cuts_off_is_dropped():
    assert priorities(CUT_OFF) == {"Reducing burglary", "Tackling knife crime"}


OTHERS_DUTY = (
    "Somerset Safeguarding Children Partnership\n\nThe Somerset Safeguarding Children Partnership was set "
    "up by the Children "
    "and Social Work Act 2017.\n\nAs set out in national guidance, schools and charities have a duty under "
    "section 11 of the "
    "Children Act 2004 to safeguard children.\n"
)


def test_a_duty_of_other_bodies_under_a_section_is_no_basis():
    found = {b.provision for b in facts(OTHERS_DUTY).bases}
    assert not any(p and p.endswith("/section/11") for p in found)
    assert any(b.legislation.endswith("ukpga/2017/16") for b in facts(OTHERS_DUTY).bases)


DUTY_TO_ESTABLISH = (
    "Somerset Safeguarding Adults Board\n\nThe council had a statutory duty under the Care Act 2014 "
    "to establish a "
    "Safeguarding Adults Board for the county.\n"
)


def test_a_duty_to_establish_the_board_is_its_basis():
    assert any(b.legislation.endswith("ukpga/2014/23") for b in facts(DUTY_TO_ESTABLISH).bases)


REPORTED_PRIORITY = SAB + (
    "Ms Green reported that self-neglect was a priority area for the Somerset Safeguarding Adults Board this year.\n"
)


def test_a_priority_area_reported_in_a_that_clause():
    assert {p.label.lower() for p in facts(REPORTED_PRIORITY).priorities} == {"self-neglect"}


NAME_LINE = SAB + (
    "Report to the Health and Wellbeing Board\n\nPat Irwin Interim Independent Chair Somerset "
    "Safeguarding Adults Board\n\nThe report covers 2023-24.\n"
)


def test_a_line_that_opens_with_a_name_then_the_post():
    assert ("independent-chair", "Pat Irwin") in posts(NAME_LINE)


THESE_FOCUSED = SAB + (
    "The Board used its peer review to identify priorities for the coming year. In particular "
    "these are focused on "
    "quicker referrals to the hub and how they are triaged, stronger carer support and joint "
    "audits of self-neglect cases.\n"
)


def test_an_enumeration_whose_subject_is_the_priorities_just_named():
    assert priorities(THESE_FOCUSED) == {
        "Quicker referrals to the hub",
        "Stronger carer support",
        "Joint audits of self-neglect cases",
    }
