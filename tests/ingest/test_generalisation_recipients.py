"""Generalisation of relationship recipients and subjects, on small FICTIONAL texts (boards and arrangements made up;
the area names are real so that the area is detected): coordinated recipients, plural subjects, and the thing moved
(annual report, strategic assessment, progress) deciding the relationship kind."""

from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import analyse


def read(text: str):
    return analyse(normalise(text).text)._.sgkg


def edges(facts):
    def name(key):
        p = facts.partnership(key)
        return p.name if p else key.removeprefix("org:")

    return {(name(r.source), r.kind, name(r.target), r.frequency) for r in facts.relationships}


SAB, HWB, LEIGH_HWB = (
    "Wigan Safeguarding Adults Board",
    "Wigan Health and Wellbeing Board",
    ("Leigh Health and Wellbeing Board"),
)
CSP, LEIGH_CSP = "Wigan Community Safety Partnership", "Leigh Community Safety Partnership"


def test_annual_report_presented_to_two_coordinated_boards():
    facts = read(f"""{SAB}
Annual Report 2022/23

The Board works with {HWB} and {LEIGH_HWB}.
Each year the Board's annual report is presented to the {HWB} and to the {LEIGH_HWB}.
""")
    assert edges(facts) == {
        (SAB, "presents-annual-report-to", HWB, "annually"),
        (SAB, "presents-annual-report-to", LEIGH_HWB, "annually"),
    }


def test_this_report_in_an_annual_report_goes_to_every_recipient():
    facts = read(f"""{SAB}
Annual Report 2022/23

This report is presented each autumn to the {HWB} and to the Council's Adults Scrutiny Committee, and is sent to the {CSP} and to the Police and Crime Commissioner.
""")
    assert edges(facts) == {
        (SAB, "presents-annual-report-to", HWB, "annually"),
        (SAB, "presents-annual-report-to", "Adults Scrutiny Committee", "annually"),
        (SAB, "presents-annual-report-to", CSP, "annually"),
        (SAB, "presents-annual-report-to", "Police and Crime Commissioner", "annually"),
    }


def test_submit_it_to_a_list_after_the_annual_report():
    facts = read(f"""{SAB}
Annual Report 2022/23

The Board publishes an annual report and will submit it to the {HWB}, the {CSP}, the Chief Executive of the Council and the Police and Crime Commissioner.
""")
    got = edges(facts)
    assert (SAB, "presents-annual-report-to", HWB, "annually") in got
    assert (SAB, "presents-annual-report-to", CSP, "annually") in got
    assert (SAB, "presents-annual-report-to", "Police and Crime Commissioner", "annually") in got
    assert not any("Chief Executive" in t or t == "Council" for _, _, t, _ in got)


def test_this_report_outside_an_annual_report_is_not_the_annual_report():
    facts = read(f"""{SAB}
Terms of Reference

The Board works with {HWB}.
This report is sent to the {HWB}.
""")
    assert all(r.kind != "presents-annual-report-to" for r in facts.relationships)


def test_both_partnerships_share_their_assessments():
    facts = read(f"""{SAB}
Terms of Reference

The Board works with {CSP} and {LEIGH_CSP}.
Both community safety partnerships share their annual strategic assessments with the Board.
""")
    assert {(s, k, t) for s, k, t, _ in edges(facts)} == {
        (CSP, "shares-strategic-assessment-with", SAB),
        (LEIGH_CSP, "shares-strategic-assessment-with", SAB),
    }


def test_each_of_the_partnerships_presents_its_assessment():
    facts = read(f"""{SAB}
Terms of Reference

The Board works with {CSP} and {LEIGH_CSP}.
Each of the community safety partnerships presents its strategic assessment to the Board each year.
""")
    assert edges(facts) == {
        (CSP, "shares-strategic-assessment-with", SAB, "annually"),
        (LEIGH_CSP, "shares-strategic-assessment-with", SAB, "annually"),
    }


def test_the_object_decides_the_kind():
    facts = read(f"""{SAB}
Terms of Reference

{CSP} presents its strategic assessment to the Board each year.
""")
    assert edges(facts) == {(CSP, "shares-strategic-assessment-with", SAB, "annually")}


def test_chair_reports_progress_six_monthly():
    facts = read(f"""{SAB}
Terms of Reference

Accountability
The Chair reports progress to the {HWB} every six months.
""")
    assert edges(facts) == {(SAB, "progress-update-to", HWB, "six-monthly")}


def test_each_of_the_boards_presents_to_the_named_board():
    scp = "Wigan Safeguarding Children Partnership"
    facts = read(f"""{HWB}
Terms of Reference

The Board works with {SAB} and {scp}.
Each of the boards presents its annual report to the Health and Wellbeing Board.
""")
    assert edges(facts) == {
        (SAB, "presents-annual-report-to", HWB, "annually"),
        (scp, "presents-annual-report-to", HWB, "annually"),
    }


def test_a_body_named_for_a_subject_is_not_that_subject():
    """ "Department for Education", "What Works Centre for Children's Social Care": recipients whose names hold an
    organisation-type word are not that organisation type (issue 10, a precision error on the founding documents)."""
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import extract_facts

    text = (
        "Rutland Safeguarding Children Partnership Annual Report\n\nThe annual report is published on the website "
        "and a "
        "copy was sent to the Department for Education (DfE), the Police and Crime Commissioner and the What Works "
        "Centre for Children's Social Care.\n"
    )
    targets = {r.target for r in extract_facts(normalise(text).text).relationships}
    assert not {t for t in targets if t.lower() in ("org:education", "org:children's social care")}, targets
