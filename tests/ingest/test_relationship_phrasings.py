"""Relationships between boards in phrasings the first rules missed, on small FICTIONAL texts (places, boards and
committees made up; the area is given, as `sgkg ingest --area` would): other verbs of accountability, reporting and
representation, field labels of a terms-of-reference table, and another name of a chairs' meeting. Each phrasing is
one line of ``ingest/patterns/relationships.jsonl`` (or of its rules file)."""

import pytest

from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import analyse
from tests.ingest.test_generalisation_relationships import edges as edges_of

AREA = ("E06000017",)
SAB = "Brookvale Safeguarding Adults Board"
SCP = "Brookvale Safeguarding Children Partnership"
CSP = "Brookvale Community Safety Partnership"
HWB = "Brookvale Health and Wellbeing Board"


def facts_of(text: str):
    return analyse(normalise(text).text, area=AREA)._.sgkg


def edges(text: str) -> set[tuple[str, str, str]]:
    """(source name, kind, target name or organisation) of each relationship read."""
    return edges_of(facts_of(text))


def frequencies(text: str) -> set[str | None]:
    return {r.frequency for r in facts_of(text).relationships}


@pytest.mark.parametrize(
    "sentence",
    [
        f"The {SAB} is answerable to the {HWB}.",
        f"The {SAB} is held accountable by the {HWB}.",
        f"The {SAB} reports directly into the {HWB}.",
        f"The {SAB} feeds into the {HWB}.",
        f"The {SAB} sits within the governance structure of the {HWB}.",
        f"The {SAB} forms part of the governance arrangements of the {HWB}.",
        f"The {SAB} comes under the oversight of the {HWB}.",
    ],
)
def test_other_verbs_of_accountability(sentence):
    assert edges(f"{SAB}\n\n{sentence}\n") == {(SAB, "reports-to", HWB)}


def test_a_reporting_line_with_its_frequency_in_a_longer_phrase():
    text = f"{SAB}\n\nThe {SAB} reports on a six-monthly basis to the {HWB}.\n"
    assert edges(text) == {(SAB, "reports-to", HWB)}
    assert frequencies(text) == {"six-monthly"}


def test_a_board_that_receives_reports_from_others_is_reported_to():
    text = f"{HWB}\nTerms of Reference\n\nThe Board receives regular reports from the {CSP} and the {SAB}.\n"
    assert edges(text) == {(CSP, "reports-to", HWB), (SAB, "reports-to", HWB)}


def test_a_seat_on_another_board_is_representation():
    text = f"{SAB}\n\nThe {SAB} has a seat on the {HWB}.\n"
    assert edges(text) == {(SAB, "represented-on", HWB)}


def test_an_annual_report_presented_at_a_board():
    text = f"{SAB}\n\nThe {SAB} annual report was presented at the {HWB} in July.\n"
    assert edges(text) == {(SAB, "presents-annual-report-to", HWB)}


def test_an_annual_report_that_goes_to_a_board_and_a_committee_is_the_documents():
    text = f"{SAB}\n\nThe annual report goes to the {HWB} and the Council's Adult Social Care Scrutiny Committee.\n"
    assert edges(text) == {
        (SAB, "presents-annual-report-to", HWB),
        (SAB, "presents-annual-report-to", "Adult Social Care Scrutiny Committee"),
    }


@pytest.mark.parametrize("label", ["Answerable to:", "Reporting arrangements:"])
def test_other_labels_of_a_terms_of_reference_field(label):
    assert edges(f"{SAB}\nTerms of Reference\n\n{label} {HWB}\n") == {(SAB, "reports-to", HWB)}


def test_a_chairs_forum_is_a_joint_chairs_meeting():
    text = f"{SAB}\n\nThe {SAB}, the {SCP} and the {CSP} are represented at a Chairs' Forum.\n"
    assert edges(text) == {(SAB, "joint-chairs-meeting", SCP), (SAB, "joint-chairs-meeting", CSP)}


def test_a_report_going_nowhere_named_and_a_plan_feeding_a_strategy_are_no_relationship():
    text = (
        f"{SAB}\n\nThe annual report goes on to describe the work of the year.\n"
        f"The Board went to the {HWB} to discuss its plan. Most of the funding goes to the {CSP}.\n"
        "Our plan feeds into the Joint Health and Wellbeing Strategy.\n"
        f"The Board receives reports from its subgroups.\n"
    )
    assert edges(text) == set()


@pytest.mark.parametrize("what", ["the work", "the performance"])
def test_a_committee_that_scrutinises_a_partnership_is_reported_to(what):
    text = f"{CSP}\n\nThe Council's Safer Streets Scrutiny Committee scrutinises {what} of the {CSP}.\n"
    assert edges(text) == {(CSP, "reports-to", "Safer Streets Scrutiny Committee")}


def test_a_protocols_title_line_and_its_parties_listed_below():
    text = f"{SAB}\n\nInter-Board Protocol\n- {HWB}\n- {CSP}\n- {SAB}\n"
    assert edges(text) == {(HWB, "joint-protocol", CSP), (HWB, "joint-protocol", SAB)}


@pytest.mark.parametrize(
    "sentence",
    [
        f"The {SAB} and the {SCP} have a joint working protocol.",
        f"The {SAB} and the {SCP} have agreed a working together protocol.",
        f"This protocol covers the {SAB} and the {SCP}.",
        f"This document sets out the relationship and working arrangements between the {SAB} and the {SCP}.",
    ],
)
def test_a_protocol_with_its_parties_named_around_it(sentence):
    assert edges(f"{SAB}\n\n{sentence}\n") == {(SAB, "joint-protocol", SCP)}


def test_a_protocol_named_without_its_parties_is_no_relationship():
    text = (
        f"{SAB}\n\nJoint Working Protocol\nVersion 3\nAgreed by the {SAB} in May 2024.\nNext review: May 2025\n"
        "The partnership protocol sets out how the boards work together.\n"
        f"The Board scrutinises the work of its subgroups.\n"
    )
    assert edges(text) == set()


@pytest.mark.parametrize(
    "sentence",
    [
        f"The {SAB} and the {SCP} share a business unit.",
        f"The {SAB} has a joint business unit with the {SCP}.",
        f"The {SAB} works alongside the {SCP}. Both boards are supported by a shared business unit.",
    ],
)
def test_boards_that_share_a_business_unit(sentence):
    assert edges(f"{SAB}\n\n{sentence}\n") == {(SAB, "shares-business-unit-with", SCP)}


def test_one_boards_business_unit_is_shared_with_no_one():
    text = (
        f"{SAB}\n\nThe Board is supported by a joint business unit. The {SCP} meets quarterly.\n"
        f"The Board is supported by a business unit hosted by the Council. The {CSP} has its own team.\n"
    )
    assert edges(text) == set()


@pytest.mark.parametrize(
    "sentence",
    [
        f"The Partnership provides the {HWB} with regular progress updates.",
        f"The {CSP} updates the {HWB} on its progress every six months.",
    ],
)
def test_a_partnership_that_keeps_a_board_updated(sentence):
    assert edges(f"{CSP}\n\n{sentence}\n") == {(CSP, "progress-update-to", HWB)}


def test_a_board_asked_to_note_another_partnerships_annual_report():
    text = f"{HWB}\n\nThe Board will be asked to note the annual report of the {SCP}.\n"
    assert edges(text) == {(SCP, "presents-annual-report-to", HWB)}


def test_a_partnership_subject_to_scrutiny_by_a_committee_reports_to_it():
    text = f"{CSP}\n\nThe Partnership is subject to scrutiny by the Council's Safer Streets Scrutiny Committee.\n"
    assert edges(text) == {(CSP, "reports-to", "Safer Streets Scrutiny Committee")}


def test_an_update_on_another_partnerships_work_is_that_partnerships():
    text = f"{HWB}\n\nThe Chair updated the Board on the work of the {CSP}.\n"
    assert (HWB, "progress-update-to", CSP) not in edges(text)


def test_a_relative_clause_reports_for_its_antecedent():
    safer = "Safer Brookvale Partnership"
    text = f"{CSP}\n\nThe {CSP} reports to the {safer}, which in turn reports to the {HWB}.\n"
    assert edges(text) == {(CSP, "reports-to", safer), (safer, "reports-to", HWB)}


def test_a_relative_clause_about_a_body_that_is_no_partnership_gives_nothing_beyond_it():
    text = f"{CSP}\n\nThe {CSP} reports to the Safer Streets Board, which in turn reports to the {HWB}.\n"
    assert (CSP, "reports-to", HWB) not in edges(text)
