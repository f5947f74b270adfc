"""Generalisation of priorities, reviews and metadata, on small FICTIONAL texts (boards and decisions made up;
the area names are real so that the area is detected), each in a style unlike the seeds."""

from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import analyse


def read(text: str):
    return analyse(normalise(text).text)._.sgkg


def name_of(facts, key):
    return facts.partnership(key).name if key else None


PRIORITY_TABLE = """Wigan Safeguarding Adults Board
Strategic Plan 2023-2026

Our priorities
Priority\tLead board\tContributing boards
Tackling exploitation\tWigan Safeguarding Adults Board\tWigan Community Safety Partnership
Preventing self-neglect\tWigan Safeguarding Adults Board\tWigan Health and Wellbeing Board
"""


def test_priority_table_rows_give_lead_and_contributing_boards():
    facts = read(PRIORITY_TABLE)
    got = {
        (p.label, name_of(facts, p.lead), tuple(name_of(facts, k) for k in p.contributing)) for p in facts.priorities
    }
    assert got == {
        ("Tackling exploitation", "Wigan Safeguarding Adults Board", ("Wigan Community Safety Partnership",)),
        ("Preventing self-neglect", "Wigan Safeguarding Adults Board", ("Wigan Health and Wellbeing Board",)),
    }


NUMBERED_WITH_LEADS = """Wigan Safeguarding Adults Board
Strategic Plan 2023-2026

Our priorities for 2023-26
1. Self-neglect – improving how partners respond to people who neglect themselves.
2. Exploitation – working with partners to tackle cuckooing.
(lead: Wigan Community Safety Partnership)
3. Hoarding – led by Wigan Health and Wellbeing Board.
"""


def test_numbered_priorities_with_lead_notes():
    facts = read(NUMBERED_WITH_LEADS)
    leads = {p.label.split(" -")[0]: name_of(facts, p.lead) for p in facts.priorities}
    assert leads == {
        "Self-neglect": None,
        "Exploitation": "Wigan Community Safety Partnership",
        "Hoarding": "Wigan Health and Wellbeing Board",
    }


REVIEWS_IN_PROSE = """Wigan Safeguarding Adults Board
Annual Report 2022/23

The Board commissioned two SARs, one of which was published in May 2023.
A local learning review was completed in January 2023.
Since 2015 the Board has commissioned 14 safeguarding adults reviews.
The Board must arrange a safeguarding adults review when the criteria are met.
"""


def test_reviews_told_in_prose_and_learning_reviews():
    got = {(r.review_type, r.status) for r in read(REVIEWS_IN_PROSE).reviews}
    assert got == {("safeguarding-adults-review", "commissioned"), ("learning-review", "completed")}


TERMS = """Wigan Safeguarding Adults Board
Terms of Reference

3.1 The Board meets quarterly in March 2022 and after.
Date approved: 14 March 2023
Next review due: March 2024
"""


def test_labelled_approval_and_review_dates():
    meta = read(TERMS).document
    assert meta.kind[0] == "terms-of-reference"
    assert meta.date[0] == "2023-03-14"
    assert meta.review_date[0] == "2024-03"
    assert meta.version is None


def test_a_relationship_with_nothing_at_its_other_end_is_not_recorded():
    """A frame that finds neither a partnership nor an organisation at its other end adds nothing (it used to raise
    TypeError and lose the whole document)."""
    from sgkg.ingest.components.relationships import RelationshipReader
    from sgkg.ingest.facts import Facts

    facts = Facts()
    RelationshipReader._add(facts, set(), None, None, "reports-to", "relationship.test", None, "p", None, None)
    assert facts.relationships == []


def test_a_committee_item_on_a_partnerships_annual_report():
    """A council committee system's item page ("Meeting: DATE - BODY (Item N)") about a partnership's annual report:
    the partnership presents its annual report to the body that met."""
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import extract_facts

    text = (
        "Issue - meetings\n\nRutland Safeguarding Adults Board Annual Report 2023/24\n\n"
        "Meeting: 12/03/2024 - Rutland Health and Wellbeing Board (Item 7)\n\n"
        "The Independent Chair of the Rutland Safeguarding Adults Board introduced the report and members asked "
        "questions about self-neglect.\n"
    )
    facts = extract_facts(normalise(text).text)
    names = {p.key: p.name for p in facts.partnerships}
    got = {(names.get(r.source), r.kind, names.get(r.target, r.target)) for r in facts.relationships}
    assert (
        "Rutland Safeguarding Adults Board",
        "presents-annual-report-to",
        "Rutland Health and Wellbeing Board",
    ) in got
    text = text.replace("Rutland Health and Wellbeing Board (Item 7)", "Adult Social Care Scrutiny Committee (Item 7)")
    facts = extract_facts(normalise(text).text)
    assert any(
        r.kind == "presents-annual-report-to" and r.target == "org:Adult Social Care Scrutiny Committee"
        for r in facts.relationships
    ), facts.relationships


def test_a_chairs_group_of_one_board_is_no_joint_chairs_meeting():
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import extract_facts

    text = (
        "Rutland Safeguarding Adults Board\n\nThe Board reports to the Rutland Health and Wellbeing Board.\n\n"
        "Its subgroups carry out the work of the Board between meetings.\n\n"
        "The Chairs Group\n\nBrings together all the subgroup chairs into one meeting every quarter.\n"
    )
    kinds = {r.kind for r in extract_facts(normalise(text).text).relationships}
    assert "joint-chairs-meeting" not in kinds


def test_committee_minutes_about_a_partnerships_annual_report():
    """Minutes naming a council committee and one partnership's annual report: the partnership presents it to the
    committee (an organisation, not a partnership)."""
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import extract_facts

    for sentence in (
        "The Adults and Health Scrutiny Board received a presentation by the Independent Chair, which "
        "provided an overview of the Rutland Safeguarding Adults Board Annual Report 2022/23.",
        "The Independent Chair presented the annual report of the Rutland Safeguarding Adults Board, "
        "which "
        "gave the Adults and Health Overview and Scrutiny Committee the opportunity to review its work.",
    ):
        facts = extract_facts(normalise("Rutland Safeguarding Adults Board\n\n" + sentence + "\n").text)
        got = {(r.kind, r.target) for r in facts.relationships}
        assert any(
            kind == "presents-annual-report-to" and target.startswith("org:Adults and Health") for kind, target in got
        ), got


def test_an_update_to_a_board_on_the_work_of_a_partnership():
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import extract_facts

    text = (
        "Rutland Safeguarding Children Partnership Update Report\n\nThe purpose of the report is to update the "
        "Rutland Health and Wellbeing Board on the work of the Rutland Safeguarding Children Partnership during "
        "2022-23.\n"
    )
    facts = extract_facts(normalise(text).text)
    names = {p.key: p.name for p in facts.partnerships}
    got = {(names.get(r.source), r.kind, names.get(r.target)) for r in facts.relationships}
    assert (
        "Rutland Safeguarding Children Partnership",
        "progress-update-to",
        "Rutland Health and Wellbeing Board",
    ) in got


def test_an_annual_report_considered_by_cabinet():
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import extract_facts

    text = (
        "Rutland Safeguarding Children Partnership\n\nThe annual report of the Rutland Safeguarding Children "
        "Partnership was submitted to and considered by Cabinet in November.\n"
    )
    targets = {
        r.target for r in extract_facts(normalise(text).text).relationships if r.kind == "presents-annual-report-to"
    }
    assert "org:Cabinet" in targets, targets


def test_an_accountable_to_field_of_terms_of_reference():
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import extract_facts

    for text in (
        "Rutland Health and Wellbeing Board\n\nTerms of Reference\n\nAccountable to\n\nRutland County Council "
        "Cabinet\n\nBackground\n\nThe Board was set up in 2013.\n",
        "Rutland Health and Wellbeing Board\n\nTerms of Reference\nAccountable to\nRutland County Council "
        "Cabinet\nBackground\n",
    ):
        rels = extract_facts(normalise(text).text).relationships
        assert any(r.kind == "reports-to" and r.target == "org:Rutland County Council Cabinet" for r in rels), rels


def test_the_annual_report_considered_by_cabinet_is_the_documents_partnerships():
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import extract_facts

    text = (
        "Rutland Safeguarding Children Partnership Annual Report 2022/23\n\nThe Rutland Safeguarding Children "
        "Partnership publishes a report every year.\n\nThese requirements formed the chapters of the annual report "
        "that was submitted and considered by Cabinet.\n"
    )
    facts = extract_facts(normalise(text).text)
    names = {p.key: p.name for p in facts.partnerships}
    got = {(names.get(r.source), r.target) for r in facts.relationships if r.kind == "presents-annual-report-to"}
    assert ("Rutland Safeguarding Children Partnership", "org:Cabinet") in got, got


def _relations(text: str) -> set[tuple[str | None, str, str | None]]:
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import extract_facts

    facts = extract_facts(normalise(text).text)
    names = {p.key: p.name for p in facts.partnerships}
    return {(names.get(r.source), r.kind, names.get(r.target, r.target)) for r in facts.relationships}


def test_an_annual_report_disseminated_to_a_board():
    got = _relations(
        "Rutland Safeguarding Adults Board\n\nEach year the Rutland Safeguarding Adults Board publishes "
        "an "
        "annual report and disseminates it to the Rutland Health and Wellbeing Board and to local "
        "partners.\n"
    )
    assert (
        "Rutland Safeguarding Adults Board",
        "presents-annual-report-to",
        "Rutland Health and Wellbeing Board",
    ) in got, got


def test_a_board_receiving_a_list_of_annual_reports():
    got = _relations(
        "Rutland Health and Wellbeing Board\n\nThe Board is also responsible for receiving the Director "
        "of "
        "Public Health's Annual Report, the Screening Annual Report and the Annual Report of the Rutland "
        "Child Death Overview Panel.\n"
    )
    assert (
        "Rutland Child Death Overview Panel",
        "presents-annual-report-to",
        "Rutland Health and Wellbeing Board",
    ) in got, got


def test_the_last_update_to_a_scrutiny_committee_is_the_documents_partnerships():
    got = _relations(
        "Rutland Community Safety Partnership\n\nSix-monthly report on the community safety plan\n\n"
        "Following questions asked at the last update to the Adults and Health Scrutiny Committee, this "
        "report sets out how the plan is being delivered.\n"
    )
    assert (
        "Rutland Community Safety Partnership",
        "progress-update-to",
        "org:Adults and Health Scrutiny Committee",
    ) in got, got


def test_a_partnership_among_the_members_of_another_is_a_member_of_it():
    text = (
        "Rutland Community Safety Partnership\n\nThe Rutland Community Safety Partnership brings together Rutland "
        "County Council, Leicestershire Police, Rutland's Health and Wellbeing Board, Leicestershire Fire and "
        "Rescue Service and the Probation Service.\n\nThe Partnership works with the Rutland Safeguarding Children "
        "Partnership.\n"
    )
    got = _relations(text)
    assert ("Rutland's Health and Wellbeing Board", "member-of", "Rutland Community Safety Partnership") in got, got
    assert not any(r[0] == "Rutland Safeguarding Children Partnership" and r[1] == "member-of" for r in got), got


def test_a_protocol_between_the_parties_listed_below_it():
    text = (
        "Rutland Safeguarding Boards\n\nJoint working protocol between:\n\n- Rutland Safeguarding Children "
        "Partnership\n- Rutland Safeguarding Adults Board\n- Rutland Health and Wellbeing Board\n\nDate agreed: "
        "March 2024\n\n1. Purpose\n\nThis document describes how the boards work together on their plans.\n"
    )
    got = {(a, b) for a, kind, b in _relations(text) if kind == "joint-protocol"}
    assert got == {
        ("Rutland Safeguarding Children Partnership", "Rutland Safeguarding Adults Board"),
        ("Rutland Safeguarding Children Partnership", "Rutland Health and Wellbeing Board"),
    }


def test_a_protocol_named_in_passing_lists_no_parties():
    text = (
        "Rutland Safeguarding Adults Board\n\nThe Board follows the joint working protocol between the agencies of "
        "the county, which is published on our website.\n\n- Rutland Safeguarding Children Partnership\n"
        "- Rutland Community Safety Partnership\n"
    )
    assert not any(kind == "joint-protocol" for _, kind, _ in _relations(text))


def test_a_board_receiving_a_report_named_by_its_owner():
    text = (
        "Rutland Health and Wellbeing Board\n\nMinutes of the meeting held on 4 March 2024\n\nThe Board noted the "
        "Rutland Safeguarding Children Partnership's annual report and thanked the partners.\n"
    )
    assert (
        "Rutland Safeguarding Children Partnership",
        "presents-annual-report-to",
        "Rutland Health and Wellbeing Board",
    ) in _relations(text)


def test_coordinated_partnerships_are_each_a_source():
    text = (
        "Rutland Health and Wellbeing Board\n\nMinutes of the meeting held on 12 June 2024\n\nThe annual reports "
        "of "
        "the Rutland Safeguarding Children Partnership and the Rutland Safeguarding Adults Board were presented to "
        "the Rutland Health and Wellbeing Board.\n\nThe Rutland Community Safety Partnership and the Rutland "
        "Safeguarding Children Partnership are both accountable to the Rutland Health and Wellbeing Board.\n"
    )
    got = _relations(text)
    hwb = "Rutland Health and Wellbeing Board"
    assert {
        ("Rutland Safeguarding Children Partnership", "presents-annual-report-to", hwb),
        ("Rutland Safeguarding Adults Board", "presents-annual-report-to", hwb),
        ("Rutland Community Safety Partnership", "reports-to", hwb),
        ("Rutland Safeguarding Children Partnership", "reports-to", hwb),
    } <= got, got


def test_a_partnership_held_to_account_is_not_the_holder():
    text = (
        "Rutland Safeguarding Adults Board\n\nThe Rutland Safeguarding Adults Board is held to account by the "
        "Rutland Health and Wellbeing Board.\n"
    )
    got = _relations(text)
    assert ("Rutland Health and Wellbeing Board", "reports-to", "Rutland Safeguarding Adults Board") not in got, got
    assert ("Rutland Safeguarding Adults Board", "reports-to", "Rutland Health and Wellbeing Board") in got, got


def test_a_board_given_updates_by_a_partnership():
    text = (
        "Rutland Health and Wellbeing Board\n\nMinutes of the meeting held on 12 June 2024\n\nMembers were given "
        "an "
        "update on the work of the Rutland Community Safety Partnership.\n\nThe Board received regular updates "
        "from "
        "the Rutland Safeguarding Children Partnership during the year.\n\nThe Board noted the update on progress "
        "from the Rutland Safeguarding Adults Board.\n"
    )
    got = {(a, b) for a, kind, b in _relations(text) if kind == "progress-update-to"}
    hwb = "Rutland Health and Wellbeing Board"
    assert got == {
        ("Rutland Community Safety Partnership", hwb),
        ("Rutland Safeguarding Children Partnership", hwb),
        ("Rutland Safeguarding Adults Board", hwb),
    }, got


def test_accountability_as_a_label_and_as_a_governance_list_item():
    for text in (
        "Rutland Community Safety Partnership\n\nTerms of reference\n\nAccountability: the Rutland Health and "
        "Wellbeing Board\n\nMembership\n\nThe Partnership has 12 members.\n",
        "Rutland Community Safety Partnership\n\nGovernance\n\n- Reports to the Rutland Health and Wellbeing "
        "Board\n- Links with the Rutland Safeguarding Adults Board\n\nThe Partnership meets quarterly.\n",
    ):
        got = _relations(text)
        assert ("Rutland Community Safety Partnership", "reports-to", "Rutland Health and Wellbeing Board") in got, got
        assert not any(a == "Rutland Health and Wellbeing Board" for a, _, _ in got), got


def test_an_annual_report_made_available_for_a_board_to_consider():
    text = (
        "Rutland Safeguarding Adults Board\n\nThe annual report of the Rutland Safeguarding Adults Board will be "
        "available in the autumn for the Rutland Health and Wellbeing Board to consider.\n"
    )
    assert (
        "Rutland Safeguarding Adults Board",
        "presents-annual-report-to",
        "Rutland Health and Wellbeing Board",
    ) in _relations(text)


def test_both_boards_are_the_two_just_named():
    text = (
        "Rutland Safeguarding Partnerships\n\nThe Rutland Safeguarding Children Partnership and the Rutland "
        "Safeguarding Adults Board work together with the Rutland Health and Wellbeing Board and the Rutland "
        "Domestic Abuse Partnership Board.\n\nThe Rutland Health and Wellbeing Board and the Rutland Domestic "
        "Abuse "
        "Partnership Board meet in public.\n\nThe Rutland Safeguarding Children Partnership and the Rutland "
        "Safeguarding Adults Board publish a joint plan.\n\nThe Rutland Community Safety Partnership reports to "
        "both boards each year.\n"
    )
    got = {b for a, kind, b in _relations(text) if a == "Rutland Community Safety Partnership" and kind == "reports-to"}
    assert got == {"Rutland Safeguarding Children Partnership", "Rutland Safeguarding Adults Board"}, got


def test_a_board_that_sits_under_or_reports_through_another():
    text = (
        "Rutland Community Safety Partnership\n\nThe Rutland Domestic Abuse Partnership Board sits under the "
        "Rutland Community Safety Partnership.\n\nThe Rutland Community Safety Partnership reports through the "
        "Rutland Health and Wellbeing Board to the Council.\n"
    )
    got = {(a, b) for a, kind, b in _relations(text) if kind == "reports-to"}
    assert {
        ("Rutland Domestic Abuse Partnership Board", "Rutland Community Safety Partnership"),
        ("Rutland Community Safety Partnership", "Rutland Health and Wellbeing Board"),
    } <= got, got


def test_progress_updates_to_a_council_committee():
    text = (
        "Rutland Community Safety Partnership\n\nThe Partnership provides progress updates to the Adults and "
        "Communities Scrutiny Committee twice a year.\n"
    )
    assert (
        "Rutland Community Safety Partnership",
        "progress-update-to",
        "org:Adults and Communities Scrutiny Committee",
    ) in _relations(text)


def test_a_cover_sheet_report_to_field_of_an_annual_report():
    text = (
        "Report to:\n\nRutland Health and Wellbeing Board\n\nDate of meeting:\n\n14 October 2024\n\nTitle:\n\n"
        "Annual Report 2023-24 of the Rutland Safeguarding Adults Board\n\nThe Board is asked to note the annual "
        "report of the Rutland Safeguarding Adults Board.\n"
    )
    got = _relations(text)
    assert (
        "Rutland Safeguarding Adults Board",
        "presents-annual-report-to",
        "Rutland Health and Wellbeing Board",
    ) in got, got
    assert not any(kind == "reports-to" for _, kind, _ in got), got


def test_membership_among_a_protocols_contents_is_no_relationship():
    text = (
        "Protocol between the Rutland Safeguarding Adults Board and the Rutland Community Safety Partnership\n\n"
        "This protocol sets out how the two partnerships work together. It covers their roles, membership of the "
        "partnerships and arrangements for scrutiny.\n"
    )
    assert not any(kind == "represented-on" for _, kind, _ in _relations(text))


def test_the_receiver_named_in_a_clause_after_that():
    text = (
        "Rutland Safeguarding Children Partnership\n\nThe Rutland Safeguarding Adults Board (RSAB) meets "
        "quarterly.\n\n"
        "Report of the Independent Chair of the Rutland Safeguarding Children Partnership recommending that the "
        "Panel receive the RSAB Annual Report.\n"
    )
    assert not any(kind == "presents-annual-report-to" for _, kind, _ in _relations(text))


def test_an_annual_report_considered_by_a_committee_and_a_board():
    text = (
        "Rutland Safeguarding Children Partnership (RSCP)\n\nThe RSCP annual report will then be considered by "
        "the Children and Families Scrutiny Committee and the Rutland Health and Wellbeing "
        "Board.\n\nThe new threshold document was reviewed by the Rutland Health and Wellbeing Board.\n"
    )
    got = _relations(text)
    scp = "Rutland Safeguarding Children Partnership"
    assert {(a, b) for a, kind, b in got if kind == "presents-annual-report-to"} == {
        (scp, "Rutland Health and Wellbeing Board"),
        (scp, "org:Children and Families Scrutiny Committee"),
    }, got
    assert not any(kind == "reports-to" for _, kind, _ in got), got


def test_a_partnership_named_before_its_annual_report():
    text = (
        "Rutland Safeguarding Children Partnership\n\nThe Director presented the Rutland Safeguarding Children "
        "Partnership Annual Report 2023/24, which had been considered by the Rutland Health and Wellbeing "
        "Board.\n\n"
        "The Draft Rutland Safeguarding Adults Board Annual Report is due in the autumn.\n"
    )
    from sgkg.ingest.pipeline import extract_facts

    facts = extract_facts(text)
    assert {p.name for p in facts.partnerships} == {
        "Rutland Safeguarding Children Partnership",
        "Rutland Health and Wellbeing Board",
    }
    assert (
        "Rutland Safeguarding Children Partnership",
        "presents-annual-report-to",
        "Rutland Health and Wellbeing Board",
    ) in _relations(text)


def test_a_children_and_young_peoples_board_is_a_party_to_a_protocol():
    text = (
        "Rutland Interboard Protocol\n\nThis protocol sets out the working relationship between the Rutland "
        "Safeguarding Adults Board (RSAB), Rutland Children and Young People's Board (RCYPB) and the Rutland "
        "Community Safety Partnership (RCSP).\n"
    )
    got = {frozenset((a, b)) for a, kind, b in _relations(text) if kind == "joint-protocol"}
    assert frozenset(("Rutland Safeguarding Adults Board", "Rutland Children and Young People's Board")) in got, got


def test_a_partnership_name_stops_at_the_end_of_an_organisations_name():
    from sgkg.ingest.pipeline import extract_facts

    text = (
        "Joint protocol between: Rutland Health and Wellbeing Board; Rutland Children's Trust Rutland Safeguarding "
        "Adults Board; Rutland Community Safety Partnership\n\nThe boards meet twice a year.\n"
    )
    names = {p.name for p in extract_facts(text).partnerships}
    assert "Rutland Safeguarding Adults Board" in names, names
    assert not any("Trust" in n for n in names), names
