"""Partnerships, statutory bases, statutory partners and roles on small FICTIONAL texts.

The boards, people and organisations below are made up; each text imitates another council's way of
writing (lists, joined table cells, signature blocks, brackets) so that the rules are tested on more
than the seed documents.
"""

import pytest

from sgkg.ingest.normalise import normalise
from sgkg.ingest.patterns import load_reference
from sgkg.ingest.pipeline import analyse

CARE_ACT = "http://www.legislation.gov.uk/id/ukpga/2014/23"
CHILDREN_ACT = "http://www.legislation.gov.uk/id/ukpga/2004/31"


def read(text: str):
    return analyse(normalise(text).text)._.sgkg


@pytest.fixture(scope="module")
def torbay() -> str:
    return load_reference().areas.lookup("Torbay")


def partnerships(facts) -> dict[str, object]:
    return {p.key.split("/", 1)[1]: p for p in facts.partnerships}


def members(facts, role=None) -> set[tuple[str, str]]:
    return {(o.partnership.split("/", 1)[1], o.name) for o in facts.organisations if role in (None, o.role)}


def posts(facts) -> set[tuple[str, str, str | None]]:
    return {(p.partnership.split("/", 1)[1], p.role, p.person) for p in facts.posts}


ADULTS_BOARD = """Torbay Safeguarding Adults Board

Introduction
The Torbay Safeguarding Adults Board (TSAB) is established under section 43 of the Care Act 2014.
Torbay Council, Devon and Cornwall Police and NHS Devon Integrated Care Board are identified in the
Care Act 2014 as statutory members of the Safeguarding Adults Board.
Chair: Cllr Jane Doe
The TSAB works with the Torbay Community Safety Partnership (Safer Torbay) on domestic abuse.
Safer Torbay Partnership has agreed a joint plan with the TSAB.
Local Safeguarding Children Boards were replaced in Torbay by new arrangements.
"""


def test_named_board_acronym_and_basis(torbay):
    facts = read(ADULTS_BOARD)
    found = partnerships(facts)
    sab = found["safeguarding-adult-board"]
    assert sab.type_id == "safeguarding-adults-board" and sab.statutory and "TSAB" in sab.abbreviations
    assert (f"{torbay}/safeguarding-adult-board", f"{CARE_ACT}/section/43") in {
        (b.partnership, b.provision) for b in facts.bases
    }


def test_short_name_in_brackets_is_the_same_partnership():
    found = partnerships(read(ADULTS_BOARD))
    assert "community-safety-partnership" in found and "safer-partnership" not in found
    assert found["community-safety-partnership"].type_id == "community-safety-partnership"


def test_plural_type_in_a_sentence_about_the_national_system_is_no_partnership():
    assert "local-safeguarding-children-board" not in partnerships(read(ADULTS_BOARD))


def test_list_before_a_statutory_members_cue():
    assert members(read(ADULTS_BOARD), "statutory-partner") == {
        ("safeguarding-adult-board", "Torbay Council"),
        ("safeguarding-adult-board", "Devon and Cornwall Police"),
        ("safeguarding-adult-board", "NHS Devon Integrated Care Board"),
    }


def test_chair_label_with_a_councillor():
    assert ("safeguarding-adult-board", "chair", "Jane Doe") in posts(read(ADULTS_BOARD))


CHILDREN_PARTNERSHIP = """# Torbay Safeguarding Children Partnership arrangements

1.1 Torbay's safeguarding partnership for children is led by the three safeguarding partners, Torbay Council (LA),
NHS Devon Integrated Care Board and Devon and Cornwall Police, as required by the Children Act 2004.
1.2 The lead representatives are:
- Chief Executive, Torbay Council
- Chief Constable, Devon and Cornwall Police
1.3 The Children Act 2004 defines the local authority, integrated care board and police as the statutory partners.
The partnership is supported by the Safeguarding Partnership Business Manager.
1.4 The Executive Group meets monthly and the Practice Review Subgroup reports to it.

# Appendix 1: Relevant Agencies
- Schools, Colleges and other Education providers
- Coroner
- British Transport Police

# Signatures

Anna Example

Chief Executive
Torbay Council

---

Peter Sample

QPM
Chief Constable
Devon and Cornwall Police
"""


def test_lower_case_mention_and_subgroups_are_no_partnerships():
    found = partnerships(read(CHILDREN_PARTNERSHIP))
    assert set(found) == {"safeguarding-children-partnership"}


def test_safeguarding_partners_after_the_cue_and_relevant_agencies_list():
    facts = read(CHILDREN_PARTNERSHIP)
    scp = "safeguarding-children-partnership"
    assert members(facts, "statutory-partner") == {
        (scp, "Torbay Council"),
        (scp, "NHS Devon Integrated Care Board"),
        (scp, "Devon and Cornwall Police"),
    }
    assert members(facts, "relevant-agency") == {
        (scp, "Schools, Colleges and other Education providers"),
        (scp, "Coroner"),
        (scp, "British Transport Police"),
    }


def test_lead_representatives_business_manager_and_signature_blocks():
    facts = read(CHILDREN_PARTNERSHIP)
    titles = {(p.role, p.title, p.person) for p in facts.posts}
    assert ("lead-representative", "Chief Executive, Torbay Council", None) in titles
    assert ("lead-representative", "Chief Constable, Devon and Cornwall Police", None) in titles
    assert ("business-manager", "Safeguarding Partnership Business Manager", None) in titles
    assert ("signatory", "Chief Executive, Torbay Council", "Anna Example") in titles
    assert ("signatory", "Chief Constable, Devon and Cornwall Police", "Peter Sample") in titles


PROTOCOL = """Joint Working Protocol

Torbay Health and Wellbeing Board (HWBB) is a statutory body established by Section 194 of the Health and
Social Care Act 2012. The Board's functions are set out in Section 195 and Section 196.

Torbay Safeguarding Children Board (TSCB)
The TSCB is a statutory body established by Section 13 of the Children Act 2004. Section 14 sets out the objectives
of the Board. Regulation 5 of the Local Safeguarding Children Boards Regulations 2006 sets out its functions.

Safer Torbay Partnership
The Safer Torbay Partnership is the statutory Community Safety Partnership for Torbay established under the Crime
and Disorder Act 1998. The partnership brings together the responsible authorities of the Police, Torbay Council,
Health, Devon and Somerset Fire and Rescue and the Probation Service to reduce crime.
The board is chaired by Detective Superintendent Alan Brown
Torbay Safeguarding Adults Board (TSAB)
The TSAB has an independent Chair, Mary Major

Alan Brown
Signed on behalf of Safer Torbay
Partnership

6) Signatories

Name Designation Signature Date
Mary Major Independent Chair, Torbay Safeguarding Adults Board M. Major 01/02/23
Mark Minor Co-Chair, Safer Torbay Partnership M. Minor 01/02/23
Jo Bloggs 01/02/23
"""


def test_bases_section_of_the_act_named_last_and_regulations():
    facts = read(PROTOCOL)
    bases = {(b.partnership.split("/", 1)[1], b.provision or b.legislation) for b in facts.bases}
    assert ("health-and-wellbeing-board", "http://www.legislation.gov.uk/id/ukpga/2012/7/section/194") in bases
    assert ("health-and-wellbeing-board", "http://www.legislation.gov.uk/id/ukpga/2012/7/section/195") in bases
    assert ("health-and-wellbeing-board", "http://www.legislation.gov.uk/id/ukpga/2012/7/section/196") in bases
    assert ("safeguarding-children-board", f"{CHILDREN_ACT}/section/13") in bases
    assert ("safeguarding-children-board", f"{CHILDREN_ACT}/section/14") in bases
    assert ("safeguarding-children-board", "http://www.legislation.gov.uk/id/uksi/2006/90/regulation/5") in bases
    assert ("safer-partnership", "http://www.legislation.gov.uk/id/ukpga/1998/37") in bases
    assert not any("regulation/2006" in target for _, target in bases)


def test_no_name_runs_over_a_person_or_an_act_title():
    names = {p.name for p in read(PROTOCOL).partnerships}
    assert not any("Alan Brown" in n or "Regulations" in n for n in names)


def test_responsible_authorities_with_a_short_name_in_the_list():
    assert members(read(PROTOCOL), "responsible-authority") == {
        ("safer-partnership", "Police"),
        ("safer-partnership", "Torbay Council"),
        ("safer-partnership", "Health"),
        ("safer-partnership", "Devon and Somerset Fire and Rescue"),
        ("safer-partnership", "Probation Service"),
    }


def test_chaired_by_the_board_of_the_section_and_signatures():
    found = posts(read(PROTOCOL))
    assert ("safer-partnership", "chair", "Alan Brown") in found
    assert ("safeguarding-adult-board", "independent-chair", "Mary Major") in found
    assert ("safer-partnership", "signatory", "Alan Brown") in found  # "Signed on behalf of" over a line break
    assert ("safeguarding-adult-board", "signatory", "Mary Major") in found
    assert ("safer-partnership", "signatory", "Mark Minor") in found
    assert ("safer-partnership", "signatory", "Jo Bloggs") in found  # a row without a designation


def test_table_row_roles_carry_the_person():
    assert ("safer-partnership", "co-chair", "Mark Minor") in posts(read(PROTOCOL))


# --- generalisation round: the kinds of failure seen on other councils' documents ------------------------
HWB_TOR = """Council Constitution - Part 4
Rules of Procedure for Committees and Boards

HEALTH AND WELLBEING BOARD
TERMS OF REFERENCE

1. Status

1.1 The Rutland Health and Wellbeing Board (the Board) is a committee of the Council established under section 194 of the Health and Social Care Act 2012.

1.2 The Board works alongside the Rutland Safeguarding Adults Board (RSAB), which reports to the Board each year.

2. Duties

2.1 The Board will:
a) produce the joint strategic needs assessment under sections 116 and 116A of the Local Government and Public Involvement in Health Act 2007;
b) review the strategy under section 116A of the 2007 Act.

Chair: Cllr Anna Brightwell-Hayes
The current Vice-Chair is Dr Omar Castellane.

Rutland Constitution - Part 4    Page 7 of 40
"""


def test_the_board_of_a_document_about_one_board_is_that_board():
    facts = read(HWB_TOR)
    keys = {k.split("/", 1)[1] for k in {b.partnership for b in facts.bases}}
    assert keys == {"health-and-wellbeing-board"}
    lgpiha = "http://www.legislation.gov.uk/id/ukpga/2007/28"
    provisions = {b.provision for b in facts.bases}
    assert {
        f"{lgpiha}/section/116",
        f"{lgpiha}/section/116A",
        "http://www.legislation.gov.uk/id/ukpga/2012/7/section/194",
    } <= provisions
    assert ("health-and-wellbeing-board", "chair", "Anna Brightwell-Hayes") in posts(facts)
    assert ("health-and-wellbeing-board", "vice-chair", "Omar Castellane") in posts(facts)
    assert not any("Page" in p.name or "Constitution" in p.name for p in facts.partnerships)


CSP_TOR = """SAFER DARLINGTON PARTNERSHIP

Darlington's Community Safety Partnership

Terms of Reference 2024

1. The Safer Darlington Partnership ("SDP" or "the Partnership") is the statutory community safety partnership for Darlington. Sections 5 and 6 of the Crime and Disorder Act 1998 require the responsible authorities to work together.

2. The Police and Justice Act 2006 amended the 1998 Act and introduced scrutiny of the Partnership under section 19 of the 2006 Act.

3. The Partnership is chaired by the Cabinet Member for Stronger Communities, currently Cllr Peter Ashdown.

4. An enquiry under section 42 of the Care Act 2014 is not a matter for the Partnership.

Safer Darlington Partnership - Terms of Reference    Page 2 of 5

Safer Darlington Partnership - Terms of Reference    Page 3 of 5

Safer Darlington Partnership - Terms of Reference    Page 4 of 5
"""


def test_subtitle_is_the_same_partnership_and_provision_lists():
    facts = read(CSP_TOR)
    found = partnerships(facts)
    assert list(found) == ["safer-partnership"] and "SDP" in found["safer-partnership"].abbreviations
    cda, pja = "http://www.legislation.gov.uk/id/ukpga/1998/37", "http://www.legislation.gov.uk/id/ukpga/2006/48"
    targets = {b.provision or b.legislation for b in facts.bases}
    assert {f"{cda}/section/5", f"{cda}/section/6", pja} <= targets
    assert not any("/2014/23" in t for t in targets)  # a procedure another body runs "under section 42"
    chair = [p for p in facts.posts if p.role == "chair"]
    assert [(p.person, p.title) for p in chair] == [("Peter Ashdown", "Cabinet Member for Stronger Communities")]


JOINT_SCP = """Cheshire East and Cheshire West and Chester
Safeguarding Children Partnership

Published arrangements

1. The two councils formed one joint partnership, the Cheshire East and Cheshire West and Chester Safeguarding Children Partnership (referred to below as "the Partnership" or CECWSCP). It is published in accordance with section 16E of the Children Act 2004.

2. The Partnership is represented on the Cheshire, Halton and Warrington Integrated Care Partnership.

3. The safeguarding partners have named the following relevant agencies, which must co-operate with the arrangements:
- Countess of Chester Hospital NHS Foundation Trust
- Cheshire Fire and Rescue Service
- Early years and childcare providers

4. The Board is supported by two lay members, Ruth Ambleside and Peter Kestrel. Tom Grayling is the Partnership Business Manager.

Agreement

We, the lead representatives of the safeguarding partners, agree these arrangements.

Helen Moorcroft
Chief Executive, Cheshire East Council    12/01/2024

David Quillan QPM
Chief Constable, Cheshire Constabulary    15/01/2024
"""


def test_joint_partnership_title_over_two_lines_and_sign_off():
    facts = read(JOINT_SCP)
    scp = [p for p in facts.partnerships if p.type_id == "safeguarding-children-partnership"]
    assert len(scp) == 1 and len(scp[0].areas) == 2 and "CECWSCP" in scp[0].abbreviations
    assert scp[0].key.endswith("/safeguarding-children-partnership")
    assert any(p.name.startswith("Cheshire, Halton and Warrington") for p in facts.partnerships)
    assert (scp[0].key, f"{CHILDREN_ACT}/section/16E") in {(b.partnership, b.provision) for b in facts.bases}
    agencies = {o.name for o in facts.organisations if o.role == "relevant-agency"}
    assert {"Countess of Chester Hospital NHS Foundation Trust", "Cheshire Fire and Rescue Service"} <= agencies
    held = {(p.role, p.person) for p in facts.posts}
    assert {
        ("signatory", "Helen Moorcroft"),
        ("lead-representative", "Helen Moorcroft"),
        ("signatory", "David Quillan"),
        ("lead-representative", "David Quillan"),
    } <= held
    assert {
        ("lay-member", "Ruth Ambleside"),
        ("lay-member", "Peter Kestrel"),
        ("business-manager", "Tom Grayling"),
    } <= held


def test_one_partnership_under_names_that_differ_by_head_words_and_type_labels():
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import extract_facts

    text = (
        "Safer Rutland Partnership\n\nSafer Rutland is the Community Safety Partnership for Rutland. The Safer "
        "Rutland "
        "Community Safety Partnership meets quarterly, and Safer Rutland reports to the Police and Crime Panel.\n"
    )
    names = [
        p.name for p in extract_facts(normalise(text).text).partnerships if p.type_id == "community-safety-partnership"
    ]
    assert len(names) == 1, names


def test_a_member_organisation_called_partnership_in_a_list_of_members_is_no_partnership():
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import extract_facts

    text = (
        "Rutland Safeguarding Adults Board\n\nThe members of the Board are:\n\n- Rutland County Council\n"
        "- Fenshire Police\n- Rutland Councils Partnership\n- Rutland Age Partnership\n"
    )
    names = {p.name for p in extract_facts(normalise(text).text).partnerships}
    assert names == {"Rutland Safeguarding Adults Board"}, names


def test_a_name_written_in_lower_case_with_its_acronym():
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import extract_facts

    text = (
        "News\n\nThe strategy will be delivered by the Rutland community safety partnership board (CSPB), which "
        "comprises partners and organisations including the council, Fenshire Police and Fenshire Fire and Rescue "
        "Service.\n"
    )
    facts = extract_facts(normalise(text).text)
    assert [p.name for p in facts.partnerships] == ["Rutland community safety partnership board"]
    assert {o.name for o in facts.organisations} >= {"Fenshire Police", "Fenshire Fire and Rescue Service"}
