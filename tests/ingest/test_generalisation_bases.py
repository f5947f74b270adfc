"""Statutory bases cited without naming the partnership, or naming the Act only by a back-reference.

Every text here is fictional (invented bodies; the area is a real one so that it is detected)."""

from __future__ import annotations

from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import extract_facts

SAB = (
    "Rutland Safeguarding Adults Board Annual Report\n\nThe Rutland Safeguarding Adults Board works with partners "
    "across the county.\n\n"
)
CP = (
    "Rutland Safeguarding Children Partnership Annual Report\n\nThe Rutland Safeguarding Children Partnership "
    "publishes this report.\n\n"
)
CSP = (
    "Safer Rutland Partnership Plan\n\nThe Safer Rutland Partnership is the Community Safety Partnership for "
    "Rutland.\n\n"
)


def bases(text: str) -> set[tuple[str, str | None]]:
    """(partnership type slug, "act-path/section/N" or act path) of every basis."""
    f = extract_facts(normalise(text).text)
    types = {p.key: p.type_id for p in f.partnerships}
    return {(types[b.partnership], (b.provision or b.legislation).split("/id/")[-1]) for b in f.bases}


def test_that_act_refers_to_the_act_named_in_the_previous_sentence():
    text = SAB + (
        "The Care Act 2014 came into force in April 2015. Under section 43 of that Act each local authority "
        "must establish a Safeguarding Adults Board for its area.\n"
    )
    assert ("safeguarding-adults-board", "ukpga/2014/23/section/43") in bases(text)


def test_the_said_act_and_the_act():
    text = SAB + (
        "The Care Act 2014 put adult safeguarding on a legal footing. The objectives of the Board are set "
        "out in section 14 of the Act.\n"
    )
    assert ("safeguarding-adults-board", "ukpga/2014/23/section/14") in bases(text)
    text = SAB + (
        "The Care Act 2014 put adult safeguarding on a legal footing. Under section 43 of the said Act every "
        "local authority must establish a Safeguarding Adults Board.\n"
    )
    assert ("safeguarding-adults-board", "ukpga/2014/23/section/43") in bases(text)


def test_provision_of_the_partnership_type_without_naming_the_partnership():
    text = CP + (
        "Under section 16E of the Children Act 2004 the three safeguarding partners for Rutland are the "
        "council, the police and the integrated care board.\n"
    )
    assert ("safeguarding-children-partnership", "ukpga/2004/31/section/16E") in bases(text)
    text = CP + (
        "Under section 16E of the Children Act 2004, the safeguarding partners must make arrangements to work "
        "together.\n"
    )
    assert ("safeguarding-children-partnership", "ukpga/2004/31/section/16E") in bases(text)


def test_establishing_a_partnership_type_with_a_section():
    text = CSP + (
        "In 1999 the responsible authorities established a Community Safety Partnership in line with section "
        "6 of the Crime and Disorder Act 1998.\n"
    )
    assert ("community-safety-partnership", "ukpga/1998/37/section/6") in bases(text)


def test_a_provision_of_another_type_or_a_procedure_is_no_basis():
    # section 42 (enquiries) is no partnership's statutory basis; a CSP provision in a SAB report matches no partnership
    text = SAB + "Under section 42 of the Care Act 2014 the local authority must make enquiries.\n"
    assert not any(b[1].endswith("/section/42") for b in bases(text))
    text = SAB + (
        "Under section 6 of the Crime and Disorder Act 1998 the responsible authorities must formulate a strategy.\n"
    )
    assert not any("1998/37" in b[1] for b in bases(text))


# --- lead representatives in a table kept in cells (roles) ---------------------------------------------------------
HEAD = (
    "Rutland Safeguarding Children Partnership Arrangements\n\nThe Rutland Safeguarding Children Partnership is "
    "the local safeguarding partnership for Rutland under the Children Act 2004.\n\n"
)


def lead_reps(text: str) -> dict[str | None, str]:
    return {p.person: p.title for p in extract_facts(normalise(text).text).posts if p.role == "lead-representative"}


def test_lead_representative_table_in_cells():
    text = HEAD + (
        "Lead safeguarding partner\tPost\tName\nRutland County Council\tChief Executive\tAlex Morgan\n"
        "Fenshire Police\tChief Constable\tPriya Shah\n\nThe partners meet monthly.\n"
    )
    assert lead_reps(text) == {
        "Alex Morgan": "Chief Executive, Rutland County Council",
        "Priya Shah": "Chief Constable, Fenshire Police",
    }


def test_lead_representative_table_columns_in_any_order():
    text = HEAD + (
        "Name\tRole\tDelegated safeguarding partner\nAlex Morgan\tDirector of Children's Services\tRutland "
        "County Council\n"
    )
    assert lead_reps(text) == {"Alex Morgan": "Director of Children's Services, Rutland County Council"}


def test_a_table_under_no_lead_header_is_no_lead_representative_table():
    text = HEAD + "Organisation\tPost\tName\nRutland County Council\tChief Executive\tAlex Morgan\n"
    assert lead_reps(text) == {}


# --- an Act cited with a loose basis phrase, checked against the type's statutory basis (issue 10) -----------------


def test_under_an_act_the_board_of_a_type_based_on_it():
    assert ("safeguarding-adults-board", "ukpga/2014/23") in bases(
        SAB + "Under the Care Act 2014, the Board has three core duties.\n"
    )


def test_an_act_in_a_list_of_legislation_the_partnership_follows():
    text = CP + (
        "The Partnership operates in line with the following legislation and guidance:\n\n- The Children Act "
        "2004\n- Working Together to Safeguard Children 2023\n"
    )
    assert ("safeguarding-children-partnership", "ukpga/2004/31") in bases(text)


def test_an_act_the_type_does_not_rest_on_is_no_basis():
    # the Care Act does not establish community safety partnerships: no basis, though a loose phrase is there
    text = CSP + "In line with the Care Act 2014, partners share information about adults at risk.\n"
    assert not any(act.startswith("ukpga/2014/23") for _, act in bases(text))


def test_the_act_that_replaced_boards_with_partnerships():
    text = CP + (
        "The Children and Social Work Act 2017 replaced Local Safeguarding Children Boards with new arrangements.\n"
    )
    assert ("safeguarding-children-partnership", "ukpga/2017/16") in bases(text)


def test_a_duty_established_on_a_statutory_basis_gives_the_partnership_none():
    text = CSP + (
        "It is the responsibility of the Partnership to undertake reviews. Domestic Homicide Reviews (DHRs) "
        "were "
        "established on a statutory basis under section 9 of the Domestic Violence, Crime and Victims Act "
        "2004.\n"
    )
    assert not any(act.startswith("ukpga/2004/28") for _, act in bases(text))


def test_acts_that_provide_the_legal_basis_for_a_named_partnership():
    text = (
        "Rutland Safeguarding Partnership\n\nThe Children Act 2004 and the Care Act 2014 provide the legal basis "
        "for "
        "the creation of the Rutland Safeguarding Partnership.\n"
    )
    got = {act for _, act in bases(text)}
    assert {"ukpga/2004/31", "ukpga/2014/23"} <= got, got


def test_an_act_cited_with_another_year_is_the_act_of_that_year():
    """ "the Health and Care Act 2012" (a slip for the Health and Social Care Act 2012) is not the 2022 Act; a plain
    misdating ("the Crime and Disorder Act (1997)") still names the one Act so titled."""
    hwb = "Salford Health and Wellbeing Board\n\n"
    assert ("health-and-wellbeing-board", "ukpga/2012/7") in bases(
        hwb + "Establishment of the Board as a Council committee was required by the Health and Care Act 2012.\n"
    )
    assert not any(
        act.startswith("ukpga/2022/31")
        for _, act in bases(
            hwb + "Establishment of the Board as a Council committee was required by the Health and Care Act 2012.\n"
        )
    )
    assert ("community-safety-partnership", "ukpga/1998/37") in bases(
        CSP + "The Crime and Disorder Act (1997) required all local authority areas to establish partnerships.\n"
    )


# --- loose citations: "under the terms of", "underpinned by", an Act in brackets, a range after the Act ------------


def test_under_the_terms_of_an_act():
    text = SAB + (
        "Under the terms of the Care Act 2014, each local authority must set up a Safeguarding Adults Board.\n"
    )
    assert ("safeguarding-adults-board", "ukpga/2014/23") in bases(text)
    text = SAB + "The Rutland Safeguarding Adults Board works under the auspices of the Care Act 2014.\n"
    assert ("safeguarding-adults-board", "ukpga/2014/23") in bases(text)


def test_a_partnership_underpinned_by_an_act():
    assert ("community-safety-partnership", "ukpga/1998/37") in bases(
        CSP + "The work of the Safer Rutland Partnership is underpinned by the Crime and Disorder Act 1998.\n"
    )


def test_an_act_in_brackets_after_a_statement_that_the_partnership_is_statutory():
    text = CSP + "The Safer Rutland Partnership is the statutory CSP for the county (Crime and Disorder Act 1998).\n"
    assert ("community-safety-partnership", "ukpga/1998/37") in bases(text)
    # not called statutory: a bracket is no basis cue
    text = CSP + "The Safer Rutland Partnership meets in public (Crime and Disorder Act 1998).\n"
    assert ("community-safety-partnership", "ukpga/1998/37") not in bases(text)


def test_a_range_of_sections_after_the_act():
    """A range cited after its Act is a span of the Act: the sections in it that are a type's basis."""
    got = bases(
        CSP
        + "The Safer Rutland Partnership is the statutory CSP for the county (Crime and Disorder Act 1998, ss. 5-7).\n"
    )
    assert {("community-safety-partnership", f"ukpga/1998/37/section/{n}") for n in (5, 6)} <= got, got
    got = bases(CSP + "The partnership was formed as required by the Crime and Disorder Act 1998 sections 5-7.\n")
    assert {("community-safety-partnership", f"ukpga/1998/37/section/{n}") for n in (5, 6)} <= got, got
    got = bases(SAB + "Legislation\n\n- The Care Act 2014 (sections 42 to 46)\n- The Human Rights Act 1998\n")
    assert ("safeguarding-adults-board", "ukpga/2014/23/section/43") in got, got
    assert not any(act.endswith(("/section/45", "/section/46")) for _, act in got), got


def test_a_provision_that_puts_a_duty_on_other_bodies_is_no_basis():
    text = CSP + (
        "Section 17 of the Crime and Disorder Act 1998 places a duty on the council to consider crime and disorder "
        "in all its work.\n"
    )
    assert not any(act.endswith("/section/17") for _, act in bases(text))
    text = CSP + "Section 17 of the Crime and Disorder Act 1998 requires councils to consider crime in their work.\n"
    assert not any(act.endswith("/section/17") for _, act in bases(text))
    # a provision that is the type's basis, or one that establishes the partnership, still is
    text = (
        SAB + "Section 43 of the Care Act 2014 places a duty on each council to set up a Safeguarding Adults Board.\n"
    )
    assert ("safeguarding-adults-board", "ukpga/2014/23/section/43") in bases(text)


def test_a_section_letter_written_against_its_number():
    text = SAB + "The Rutland Safeguarding Adults Board was established under s43 Care Act 2014.\n"
    assert ("safeguarding-adults-board", "ukpga/2014/23/section/43") in bases(text)
    text = CP + "The Rutland Safeguarding Children Partnership was set up under S16E of the Children Act 2004.\n"
    assert ("safeguarding-children-partnership", "ukpga/2004/31/section/16E") in bases(text)


def test_a_section_then_a_comma_then_its_act():
    text = "Rutland Safeguarding Children Partnership\n\nLegal basis: Section 16E, Children Act 2004.\n\n" + CP
    assert ("safeguarding-children-partnership", "ukpga/2004/31/section/16E") in bases(text)


def test_an_act_with_a_bracket_of_its_amendment_before_a_verb_of_stating():
    text = CP + (
        "The Children Act 2004 (as amended by the Children and Social Work Act 2017) sets out the duty on the "
        "three safeguarding partners to make local arrangements.\n"
    )
    got = bases(text)
    assert {
        ("safeguarding-children-partnership", "ukpga/2004/31"),
        ("safeguarding-children-partnership", "ukpga/2017/16"),
    } <= got, got


def test_a_duty_of_the_partnership_under_an_act_no_partnership_type_rests_on_is_no_basis():
    text = CSP + (
        "The Safer Rutland Partnership has a duty under section 9 of the Domestic Violence, Crime and Victims Act "
        "2004 to commission domestic homicide reviews.\n"
    )
    assert not any(act.startswith("ukpga/2004/28") for _, act in bases(text))
    # under the Act its type rests on, the partnership's duty still cites its basis
    text = (
        SAB
        + "The Rutland Safeguarding Adults Board has a duty under section 43 of the Care Act 2014 to publish a plan.\n"
    )
    assert ("safeguarding-adults-board", "ukpga/2014/23/section/43") in bases(text)


def test_a_partnership_that_fulfils_the_requirements_of_an_act():
    text = (
        CP
        + "The Rutland Safeguarding Children Partnership fulfils the requirements of the Children and Social Work Act 2017.\n"
    )
    assert ("safeguarding-children-partnership", "ukpga/2017/16") in bases(text)
    # an Act its type does not rest on
    text = (
        CP + "The Rutland Safeguarding Children Partnership meets the requirements of the Data Protection Act 2018.\n"
    )
    assert not any(act.startswith("ukpga/2018/12") for _, act in bases(text))


def test_a_basis_goes_to_the_named_partnership_whose_type_rests_on_the_act():
    text = CP + (
        "In 2019 the Rutland Safeguarding Children Partnership replaced the Rutland Local Safeguarding Children Board, "
        "as required by the Children and Social Work Act 2017.\n"
    )
    f = extract_facts(normalise(text).text)
    by_key = {p.key: p.type_id for p in f.partnerships}
    got = {(by_key[b.partnership], (b.provision or b.legislation).split("/id/")[-1]) for b in f.bases}
    assert ("safeguarding-children-partnership", "ukpga/2017/16") in got, got
    assert ("local-safeguarding-children-board", "ukpga/2017/16") not in got, got


def test_governed_by_or_within_the_framework_of_an_act():
    assert ("safeguarding-adults-board", "ukpga/2014/23") in bases(
        SAB + "The Board is a partnership of many organisations. Its work is governed by the Care Act 2014.\n"
    )
    assert ("safeguarding-adults-board", "ukpga/2014/23") in bases(
        SAB + "The Board operates within the framework of the Care Act 2014.\n"
    )
