"""Generalisation: failure kinds reported on documents of other councils, on small FICTIONAL texts.

The boards, people and decisions below are made up (the area names are real English areas, so that the
area is detected); each text is written in a style unlike the seeds.
"""

from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import analyse

CDA = "http://www.legislation.gov.uk/id/ukpga/1998/37"
CHILDREN_ACT = "http://www.legislation.gov.uk/id/ukpga/2004/31"
LSCB_REGS = "http://www.legislation.gov.uk/id/uksi/2006/90"


def read(text: str):
    return analyse(normalise(text).text)._.sgkg


def names(facts) -> dict[str, object]:
    return {p.name: p for p in facts.partnerships}


AGENCIES = """Rutland Safeguarding Children Partnership
Annual Report 2022/23

Our partners
The Rutland Youth Justice Service works with schools and the police.
Leicestershire Partnership NHS Trust provides mental health services.

The Partnership must publish an annual report.
"""


def test_agencies_with_partnership_like_names_are_not_partnerships():
    facts = read(AGENCIES)
    assert set(names(facts)) == {"Rutland Safeguarding Children Partnership"}
    (duty,) = facts.duties
    assert duty.partnership == facts.partnerships[0].key


SAFER_TOGETHER = """Safer Halton Together
Terms of Reference

1. Purpose
Safer Halton Together is the statutory community safety partnership for Halton under the Crime and Disorder Act 1998.
The responsible authorities are Halton Borough Council, Cheshire Constabulary and the Probation Service.
Safer Halton Together must prepare a strategic assessment each year.
"""

STRATEGY_BOARD = """Torbay Safer Communities Strategy Board

The Torbay Safer Communities Strategy Board brings together the responsible authorities under section 5 of the Crime and Disorder Act 1998 to reduce crime and disorder.
It produces an annual strategic assessment.
"""

NOT_A_CSP = """Torbay Safeguarding Adults Board
The Board supported the Safer Streets Fund bid.
"""


def test_community_safety_partnership_named_without_community_safety():
    facts = read(SAFER_TOGETHER)
    p = names(facts)["Safer Halton Together"]
    assert p.type_id == "community-safety-partnership" and p.statutory
    assert (p.key, CDA) in {(b.partnership, b.legislation) for b in facts.bases}
    assert {o.name for o in facts.organisations if o.partnership == p.key} >= {
        "Halton Borough Council",
        "Cheshire Constabulary",
    }
    assert any(d.duty_type == "strategic-assessment" and d.partnership == p.key for d in facts.duties)
    facts = read(STRATEGY_BOARD)
    p = names(facts)["Torbay Safer Communities Strategy Board"]
    assert p.type_id == "community-safety-partnership"
    assert f"{CDA}/section/5" in {b.provision for b in facts.bases if b.partnership == p.key}


def test_safer_name_without_community_safety_context_is_no_partnership():
    assert "Safer Streets Fund" not in names(read(NOT_A_CSP))


CITATIONS = """Torbay Safeguarding Children Board
Annual Report 2017/18

The Torbay Safeguarding Children Board (TSCB) is established under ss.13-14 of the Children Act 2004 and its membership is set out in regulation 4 of the Local Safeguarding Children Boards Regulations 2006.
The Board must publish an annual report under section 14A of the Children Act 2004.
"""


def test_section_ranges_and_regulation_numbers():
    provisions = {b.provision for b in read(CITATIONS).bases}
    assert {f"{CHILDREN_ACT}/section/13", f"{CHILDREN_ACT}/section/14", f"{LSCB_REGS}/regulation/4"} <= provisions
    assert f"{CHILDREN_ACT}/regulation/4" not in provisions and f"{CHILDREN_ACT}/section/4" not in provisions


REPORT_HEAD = """Halton Safeguarding Adults Board
Annual Report
1 April 2022 to 31 March 2023

4.1 The Board met Four Times 2022 in its new form.
"""


def test_reporting_period_is_not_the_date_and_paragraph_number_is_not_the_version():
    meta = read(REPORT_HEAD).document
    assert meta.date is None or meta.date[0] not in ("2022-04-01", "2023-03-31")
    assert meta.version is None


ROLES = """Halton Safeguarding Adults Board
Terms of Reference

Independent Chair: Margaret Ellison
Lay members: Anne Fowler, Brian Keogh, Carol Dunmore
The Board's Executive is chaired jointly by Sarah Penrose and David Oakes.
Karen Whitby (Vice Chair)

The Board is accountable to the Halton Health and Wellbeing Board and reports annually to it.
The Board provides assurance to the Halton Community Safety Partnership on domestic abuse.
"""


def test_roles_lists_joint_chairs_and_bracketed_posts():
    posts = {(p.role, p.person) for p in read(ROLES).posts}
    assert {
        ("independent-chair", "Margaret Ellison"),
        ("lay-member", "Anne Fowler"),
        ("lay-member", "Brian Keogh"),
        ("lay-member", "Carol Dunmore"),
        ("co-chair", "Sarah Penrose"),
        ("co-chair", "David Oakes"),
        ("vice-chair", "Karen Whitby"),
    } <= posts


def test_assurance_and_accountability_relationships():
    facts = read(ROLES)
    rels = {
        (r.kind, facts.partnership(r.target).name, r.frequency)
        for r in facts.relationships
        if not r.target.startswith("org:")
    }
    assert ("reports-to", "Halton Health and Wellbeing Board", "annually") in rels
    assert ("reports-to", "Halton Community Safety Partnership", None) in rels


PANELS = """Rutland Safeguarding Children Partnership
Annual Report 2022/23

Reviews
Two rapid reviews were sent to the Child Safeguarding Practice Review Panel, which decided that no local review was needed.
The Child Death Overview Panel reviewed the deaths of children in the area.
The Practice Review Group met monthly.
"""


def test_national_panel_and_child_death_overview_panel_are_not_subgroups():
    subgroups = {s.name for s in read(PANELS).subgroups}
    assert "Child Safeguarding Practice Review Panel" not in subgroups
    assert "Child Death Overview Panel" not in subgroups
    assert "Practice Review Group" in subgroups
