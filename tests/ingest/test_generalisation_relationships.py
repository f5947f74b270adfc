"""Generalisation of relationships between boards, on small FICTIONAL texts (boards, people and committees made
up; the area names are real so that the area is detected), one kind of failure each: committee items whose
committee is the recipient, recipients listed below a cue, organisations among an annual report's recipients, an
annual report speaking of itself, "report" as a noun, scrutiny by a council committee."""

from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import analyse


def read(text: str):
    return analyse(normalise(text).text)._.sgkg


def edges(facts) -> set[tuple[str, str, str]]:
    """(source name, kind, target name or organisation) of each relationship read."""
    out = set()
    for r in facts.relationships:
        target = facts.partnership(r.target).name if not r.target.startswith("org:") else r.target[4:]
        out.add((facts.partnership(r.source).name, r.kind, target))
    return out


UPDATES_TO_THE_BOARD_THAT_MET = """Agenda item

Community Safety Partnership Key Priority Updates

To update the Scrutiny Board on progress against the actions agreed for the partnership's four priorities.

Minutes:

The Board considered a number of progress updates from the Wigan Community Safety Partnership (WCSP) on its
action plans.

To seek the views of members of the Safer Places Scrutiny Board on the partnership's governance.
"""


def test_the_committee_that_met_receives_progress_updates():
    assert edges(read(UPDATES_TO_THE_BOARD_THAT_MET)) == {
        ("Wigan Community Safety Partnership", "progress-update-to", "Safer Places Scrutiny Board")
    }


ANNUAL_REVIEW_AT_A_COMMISSION = """The meeting of the Crime, Streets and Housing Scrutiny Commission was due to look at several reports.
Yearly Performance of the Wigan Community Safety Partnership
The meeting was scheduled to review a report on the Annual Review of the Wigan Community Safety Partnership 2023/2024
which summarised the partnership's plan.
"""


def test_the_meeting_reviews_a_partnerships_annual_review():
    assert edges(read(ANNUAL_REVIEW_AT_A_COMMISSION)) == {
        (
            "Wigan Community Safety Partnership",
            "presents-annual-report-to",
            "Crime, Streets and Housing Scrutiny Commission",
        )
    }


BOARD_IS_NOT_THE_COMMITTEE = """Wigan Safeguarding Adults Board
Annual Report 2023/24

The Board received the annual report of the Wigan Child Death Overview Panel.
The Board reports to the Council's Adults Scrutiny Committee.
"""


def test_the_board_of_an_annual_report_is_not_the_committee_it_names():
    assert edges(read(BOARD_IS_NOT_THE_COMMITTEE)) == {
        ("Wigan Child Death Overview Panel", "presents-annual-report-to", "Wigan Safeguarding Adults Board"),
        ("Wigan Safeguarding Adults Board", "reports-to", "Adults Scrutiny Committee"),
    }


DECISION_RECORD = """Decision

Wigan Safeguarding Adults Board Annual Report 2024-25

Decision Maker: Cabinet

Outcome: For Determination

Purpose: The report sets out what the Wigan Safeguarding Adults Board and its partners achieved over the year.
"""


def test_a_decision_makers_line_names_the_recipient():
    assert edges(read(DECISION_RECORD)) == {("Wigan Safeguarding Adults Board", "presents-annual-report-to", "Cabinet")}


def test_a_meeting_line_without_a_body_names_no_recipient():
    text = DECISION_RECORD.replace("Decision Maker: Cabinet", "Meeting: Tuesday 4 March")
    assert edges(read(text)) == set()


RECIPIENTS_BELOW_A_CUE = """Wigan Safeguarding Adults Board
Annual Report 2023/24

Once agreed, the annual report is sent to:
- the Police and Crime Commissioner
- Healthwatch Wigan
- the Chair of the Wigan Health and Wellbeing Board
- the Adults and Health Scrutiny Committee

The Board thanks every partner for its work.
"""


def test_recipients_listed_one_an_item_below_a_cue():
    assert edges(read(RECIPIENTS_BELOW_A_CUE)) == {
        ("Wigan Safeguarding Adults Board", "presents-annual-report-to", "Wigan Health and Wellbeing Board"),
        ("Wigan Safeguarding Adults Board", "presents-annual-report-to", "Police and Crime Commissioner"),
        ("Wigan Safeguarding Adults Board", "presents-annual-report-to", "Healthwatch Wigan"),
        ("Wigan Safeguarding Adults Board", "presents-annual-report-to", "Adults and Health Scrutiny Committee"),
    }


RECIPIENTS_IN_PROSE = """Wigan Safeguarding Adults Board

Its annual report is shared with the Wigan Health and Wellbeing Board, the Police and Crime Commissioner and
Healthwatch Wigan.
"""


def test_organisations_beside_a_board_among_an_annual_reports_recipients():
    assert edges(read(RECIPIENTS_IN_PROSE)) == {
        ("Wigan Safeguarding Adults Board", "presents-annual-report-to", "Wigan Health and Wellbeing Board"),
        ("Wigan Safeguarding Adults Board", "presents-annual-report-to", "Police and Crime Commissioner"),
        ("Wigan Safeguarding Adults Board", "presents-annual-report-to", "Healthwatch Wigan"),
    }


def test_organisations_beside_a_board_it_reports_to_are_not_recipients():
    text = RECIPIENTS_IN_PROSE.replace("Its annual report is shared with", "The Board is accountable to")
    assert edges(read(text)) == {("Wigan Safeguarding Adults Board", "reports-to", "Wigan Health and Wellbeing Board")}


THIS_REPORT_INFORMS = """Wigan Safeguarding Children Board
Annual Report 2015-16

Welcome to the annual report of the Wigan Safeguarding Children Board (WSCB) for 2015-16. This report is for all
partners of the WSCB as well as informing the work of the Wigan Health and Wellbeing Board and providing assurance
to the Council's Children Scrutiny Committee.
"""


def test_an_annual_report_speaking_of_its_own_readers():
    assert edges(read(THIS_REPORT_INFORMS)) == {
        ("Wigan Safeguarding Children Board", "presents-annual-report-to", "Wigan Health and Wellbeing Board"),
        ("Wigan Safeguarding Children Board", "presents-annual-report-to", "Children Scrutiny Committee"),
    }


REPORT_AS_A_NOUN = """Wigan Safeguarding Adults Board

The Wigan Safeguarding Adults Board must publish an Annual Report each year and present that report to the
Wigan Health and Wellbeing Board.
"""


def test_present_that_report_to_is_no_reporting_line():
    assert edges(read(REPORT_AS_A_NOUN)) == {
        ("Wigan Safeguarding Adults Board", "presents-annual-report-to", "Wigan Health and Wellbeing Board")
    }


SCRUTINISED_BY = """Wigan Community Safety Partnership

The Community Safety Partnership is scrutinised by the City Council's Safer Streets Scrutiny Committee.
"""


def test_a_partnership_scrutinised_by_a_committee_reports_to_it():
    assert edges(read(SCRUTINISED_BY)) == {
        ("Wigan Community Safety Partnership", "reports-to", "Safer Streets Scrutiny Committee")
    }


def test_an_annual_report_scrutinised_by_a_committee_is_presented_to_it():
    text = SCRUTINISED_BY.replace("The Community Safety Partnership is", "Its annual report is")
    assert edges(read(text)) == {
        ("Wigan Community Safety Partnership", "presents-annual-report-to", "Safer Streets Scrutiny Committee")
    }


POSSESSIVE_COMMITTEE = """Wigan Safeguarding Children Partnership

The Partnership publishes an annual report which is presented to the Wigan Health and Wellbeing Board and the
Children's Scrutiny Panel.
"""


def test_a_possessive_inside_a_committees_name_is_kept():
    assert ("Wigan Safeguarding Children Partnership", "presents-annual-report-to", "Children's Scrutiny Panel") in (
        edges(read(POSSESSIVE_COMMITTEE))
    )


ACCOUNTABLE_TO_A_COMMITTEE = """Wigan Safeguarding Adults Board

The Partnership is also accountable to the Council's Health Scrutiny Committee.
"""


def test_accountable_to_a_committee_and_no_partnership():
    assert edges(read(ACCOUNTABLE_TO_A_COMMITTEE)) == {
        ("Wigan Safeguarding Adults Board", "reports-to", "Health Scrutiny Committee")
    }


UPDATE_AT_A_MEETING = """Issue - meetings

Community Safety Partnership Scrutiny Report

Meeting: 13/07/2021 - Corporate Overview and Scrutiny Committee (Renamed Scrutiny Board 01/09/2023) (Item 7)

7 Community Safety Partnership Scrutiny Report pdf icon PDF 599 KB

Minutes:

The Cabinet Member and the Director of Communities presented an update on the work of the
Wigan Community Safety Partnership and answered members' questions.
"""


def test_a_committee_item_on_a_partnerships_update():
    assert edges(read(UPDATE_AT_A_MEETING)) == {
        ("Wigan Community Safety Partnership", "progress-update-to", "Corporate Overview and Scrutiny Committee")
    }


ITEM_FOR_A_BOARD = """Agenda item

Community Safety Partnership Update

An update on the formation of the Wigan Community Safety Partnership.

Agenda item for: HWB

Minutes:

1. The Programme Lead updated the Board on the start of the Wigan Community Safety Partnership.
2. The Wigan Health and Wellbeing Board would hand its oversight of community safety to the new partnership.
"""


def test_an_agenda_item_for_a_board_named_by_its_acronym():
    assert edges(read(ITEM_FOR_A_BOARD)) == {
        ("Wigan Community Safety Partnership", "progress-update-to", "Wigan Health and Wellbeing Board")
    }


NEWS_OF_A_COMMITTEE = """Feeling Safe in Wigan

Most residents said they feel safe where they live. Those are among the findings of a report considered
by the City Council's Scrutiny Committee.

The Safer Wigan Annual Report also noted that crime fell.

The Safer Wigan Partnership brings together the council, the police and health services.
"""


def test_the_next_sentence_says_whose_annual_report_a_committee_considered():
    assert edges(read(NEWS_OF_A_COMMITTEE)) == {
        ("Safer Wigan Partnership", "presents-annual-report-to", "Scrutiny Committee")
    }


def test_a_report_a_committee_considered_with_no_owner_after_it_is_no_relationship():
    text = NEWS_OF_A_COMMITTEE.replace("The Safer Wigan Annual Report also noted", "The survey also found")
    assert edges(read(text)) == set()


SUBGROUP_OF = """Wigan Community Safety Partnership

The Wigan Community Safety Partnership is a sub-group of the Wigan Health and Wellbeing Board.
"""


def test_a_partnership_that_is_a_subgroup_of_a_board_reports_to_it():
    assert edges(read(SUBGROUP_OF)) == {
        ("Wigan Community Safety Partnership", "reports-to", "Wigan Health and Wellbeing Board")
    }


def test_a_subgroup_of_people_is_no_relationship():
    text = "Wigan Safeguarding Adults Board\n\nThe Board has a subgroup of practitioners who meet quarterly.\n"
    assert edges(read(text)) == set()


OVERSIGHT = """Wigan Health and Wellbeing Board

The Board has strategic oversight of the Wigan Safeguarding Adults Board and the Wigan Community Safety Partnership.
The Board will also oversee the delivery of the joint strategy.
"""


def test_the_boards_a_board_has_oversight_of_report_to_it():
    assert edges(read(OVERSIGHT)) == {
        ("Wigan Safeguarding Adults Board", "reports-to", "Wigan Health and Wellbeing Board"),
        ("Wigan Community Safety Partnership", "reports-to", "Wigan Health and Wellbeing Board"),
    }


def test_a_board_that_oversees_another_is_reported_to():
    text = (
        "Wigan Health and Wellbeing Board\n\nThe Board oversees the work of the Wigan Community Safety Partnership.\n"
    )
    assert edges(read(text)) == {
        ("Wigan Community Safety Partnership", "reports-to", "Wigan Health and Wellbeing Board")
    }


ANNUAL_REPORTS_OF_A_LIST = """Wigan Health and Wellbeing Board
Terms of Reference

The Board will receive the annual reports of the Wigan Safeguarding Adults Board,
the Wigan Safeguarding Children Partnership and the Wigan Community Safety Partnership.
"""


def test_a_board_receiving_the_annual_reports_of_three_partnerships():
    hwb = "Wigan Health and Wellbeing Board"
    assert edges(read(ANNUAL_REPORTS_OF_A_LIST)) == {
        ("Wigan Safeguarding Adults Board", "presents-annual-report-to", hwb),
        ("Wigan Safeguarding Children Partnership", "presents-annual-report-to", hwb),
        ("Wigan Community Safety Partnership", "presents-annual-report-to", hwb),
    }


FOLLOWING_BOARDS = """Wigan Health and Wellbeing Board
Terms of Reference

The following boards report to the Health and Wellbeing Board:
- Wigan Safeguarding Adults Board
- Wigan Safeguarding Children Partnership

Meetings are held in public.
"""


def test_the_following_boards_listed_below_a_cue_are_its_sources():
    hwb = "Wigan Health and Wellbeing Board"
    assert edges(read(FOLLOWING_BOARDS)) == {
        ("Wigan Safeguarding Adults Board", "reports-to", hwb),
        ("Wigan Safeguarding Children Partnership", "reports-to", hwb),
    }


IT_IS_PRESENTED = """Wigan Safeguarding Children Partnership

Annual Report
Each year the partnership publishes an annual report. It is presented to the Wigan Health and Wellbeing Board.
"""


def test_it_after_a_sentence_about_the_annual_report_is_the_annual_report():
    assert edges(read(IT_IS_PRESENTED)) == {
        ("Wigan Safeguarding Children Partnership", "presents-annual-report-to", "Wigan Health and Wellbeing Board")
    }


def test_a_councils_cabinet_is_a_recipient_and_a_cabinet_member_is_not():
    cabinet = "Wigan Community Safety Partnership\n\nThe Partnership is accountable to the Council's Cabinet.\n"
    member = "Wigan Community Safety Partnership\n\nThe Partnership reports to the Cabinet Member for Communities.\n"
    assert edges(read(cabinet)) == {("Wigan Community Safety Partnership", "reports-to", "Cabinet")}
    assert edges(read(member)) == set()


BOARD_MINUTES = """Wigan Health and Wellbeing Board
Minutes of the meeting held on 3 March 2024

12. Wigan Safeguarding Adults Board Annual Report
The report presented the annual report of the Wigan Safeguarding Adults Board for 2022/23.
RESOLVED: that the Board notes the annual report.
"""


def test_an_item_of_a_boards_minutes_presents_another_partnerships_annual_report():
    assert edges(read(BOARD_MINUTES)) == {
        ("Wigan Safeguarding Adults Board", "presents-annual-report-to", "Wigan Health and Wellbeing Board")
    }


def test_a_committee_item_page_is_no_boards_minutes():
    text = BOARD_MINUTES.replace("Minutes of the meeting held on 3 March 2024", "Agenda item")
    assert edges(read(text)) == set()


def test_an_annual_report_approved_or_discussed_by_another_body():
    head = "Wigan Safeguarding Adults Board\nAnnual Report 2023/24\n\n"
    approved = (
        head
        + "The Wigan Safeguarding Adults Board annual report was approved by the Wigan Health and Wellbeing Board.\n"
    )
    discussed = (
        head
        + "The Wigan Safeguarding Adults Board annual report was then discussed by the Adults Scrutiny Committee.\n"
    )
    own = head + "The annual report was approved by the Wigan Safeguarding Adults Board in June.\n"
    sab = "Wigan Safeguarding Adults Board"
    assert edges(read(approved)) == {(sab, "presents-annual-report-to", "Wigan Health and Wellbeing Board")}
    assert edges(read(discussed)) == {(sab, "presents-annual-report-to", "Adults Scrutiny Committee")}
    assert edges(read(own)) == set()


def test_members_of_a_partnership_are_no_committee_that_met():
    text = """Wigan Safeguarding Adults Board
Annual Report 2023/24

The Board reports to the Council's Adults Scrutiny Committee.
Members received regular progress updates from the Wigan Community Safety Partnership.
"""
    assert ("Wigan Community Safety Partnership", "progress-update-to", "Adults Scrutiny Committee") not in edges(
        read(text)
    )


COPY_SENT_TO = """Wigan Safeguarding Adults Board
Annual Report 2023/24

The Wigan Safeguarding Adults Board must send a copy of the report to—
a) the Leader of Wigan Council,
b) the Police and Crime Commissioner,
c) Healthwatch Wigan, and
d) the chair of the Wigan Health and Wellbeing Board.
"""


def test_a_copy_sent_to_a_lettered_list_after_a_dash_and_a_post_is_no_organisation():
    sab = "Wigan Safeguarding Adults Board"
    assert edges(read(COPY_SENT_TO)) == {
        (sab, "presents-annual-report-to", "Wigan Health and Wellbeing Board"),
        (sab, "presents-annual-report-to", "Police and Crime Commissioner"),
        (sab, "presents-annual-report-to", "Healthwatch Wigan"),
    }


LINKS_TABLE = """Wigan Safeguarding Adults Board

Links with other boards
Board\tHow we work together
Wigan Health and Wellbeing Board\tThe SAB presents its annual report each year
Wigan Community Safety Partnership\tThe SAB meets it when needed
"""


def test_a_row_whose_first_cell_names_the_other_board():
    assert edges(read(LINKS_TABLE)) == {
        ("Wigan Safeguarding Adults Board", "presents-annual-report-to", "Wigan Health and Wellbeing Board")
    }


def test_a_board_that_presents_its_annual_report_with_no_recipient_named_gives_nothing():
    text = "Wigan Safeguarding Adults Board\n\nThe Board presents its annual report each year.\n"
    assert edges(read(text)) == set()


def test_its_yearly_report_presented_to_a_board_is_its_annual_report():
    text = (
        "Wigan Health and Wellbeing Board\n\n"
        "The Wigan Safeguarding Children Partnership presents its yearly report on its arrangements to the Board.\n"
    )
    assert edges(read(text)) == {
        ("Wigan Safeguarding Children Partnership", "presents-annual-report-to", "Wigan Health and Wellbeing Board")
    }


UPDATE_PRESENTED = """Wigan Community Safety Partnership

An update on the work of the Wigan Community Safety Partnership was presented
to the Council's Safer Streets Scrutiny Committee in March.
The Partnership's strategic plan was then presented to the Safer Streets Scrutiny Committee.
"""


def test_what_a_cue_moves_decides_the_kind_given_to_a_committee():
    csp, committee = "Wigan Community Safety Partnership", "Safer Streets Scrutiny Committee"
    assert edges(read(UPDATE_PRESENTED)) == {
        (csp, "progress-update-to", committee),
        (csp, "shares-plans-with", committee),
    }
