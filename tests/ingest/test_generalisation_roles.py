"""Roles, signatories and membership lists read from the shapes other councils use.

Every text here is fictional (invented people and bodies; the area is a real one so that it is detected)."""

from __future__ import annotations

from ingest.normalise import normalise
from ingest.pipeline import extract_facts

HEAD = "Rutland Safeguarding Children Partnership Arrangements\n\nThe Rutland Safeguarding Children Partnership is the local safeguarding partnership for Rutland under the Children Act 2004.\n\n"
SAB = "Rutland Safeguarding Adults Board Annual Report\n\nThe Rutland Safeguarding Adults Board is established under section 43 of the Care Act 2014.\n\n"
CSP = "Safer Rutland Partnership Plan\n\nThe Safer Rutland Partnership is the Community Safety Partnership for Rutland under section 5 of the Crime and Disorder Act 1998.\n\n"


def facts(text: str):
    return extract_facts(normalise(text).text)


def posts(text: str) -> set[tuple[str, str | None]]:
    return {(p.role, p.person) for p in facts(text).posts}


def titles(text: str, role: str) -> dict[str | None, str]:
    return {p.person: p.title for p in facts(text).posts if p.role == role}


def members(text: str) -> dict[str, str]:
    return {o.name: o.role for o in facts(text).organisations}


def test_signed_heading_with_post_organisation_and_date_lines_in_any_order():
    text = HEAD + "Signed\n\nAlex Morgan\nChief Executive\nRutland Borough Council\n12 March 2024\n\nPriya Shah\nFenshire Police\nChief Constable\n12 March 2024\n"
    got = titles(text, "signatory")
    assert got == {"Alex Morgan": "Chief Executive, Rutland Borough Council", "Priya Shah": "Fenshire Police, Chief Constable"}


def test_agreed_by_lines_and_signature_label():
    text = HEAD + "Agreed by:\nAlex Morgan, Chief Executive, Rutland Borough Council\n\nSignature: Jordan Ellis\nDirector of Nursing\nNHS Fenshire Integrated Care Board\n"
    got = titles(text, "signatory")
    assert got["Alex Morgan"] == "Chief Executive, Rutland Borough Council"
    assert got["Jordan Ellis"] == "Director of Nursing, NHS Fenshire Integrated Care Board"


def test_on_behalf_of_lines():
    text = HEAD + "Alex Morgan\nOn behalf of Rutland Borough Council\n\nPriya Shah\nChief Constable\nOn behalf of Fenshire Police\n"
    got = titles(text, "signatory")
    assert got == {"Alex Morgan": "Rutland Borough Council", "Priya Shah": "Chief Constable, Fenshire Police"}


def test_signature_table_in_cells():
    text = HEAD + "Name\tDesignation\tPartnership\tDate\nAlex Morgan\tChief Executive\tRutland Borough Council\t01/04/2024\nPriya Shah\tChief Constable\tFenshire Police\t01/04/2024\n"
    assert titles(text, "signatory") == {"Alex Morgan": "Chief Executive, Rutland Borough Council", "Priya Shah": "Chief Constable, Fenshire Police"}


def test_a_long_paragraph_ends_a_signature_block():
    text = HEAD + "Signatures\n\nThe undersigned endorse these arrangements.\n\nAlex Morgan\nChief Executive\n\nThe partnership reviews its arrangements every year and publishes a report on them in the autumn.\nThe report is read by the scrutineer.\nIt is then published.\nStrategic Priority\nDomestic Abuse\n"
    assert posts(text) == {("signatory", "Alex Morgan")}


def test_vice_chairman_is_never_the_chair():
    text = SAB + "Independent Chair: Alex Morgan\nVice-Chairman: Priya Shah\n\nThe Vice-Chairman is Robin Hale.\n"
    got = posts(text)
    assert ("vice-chair", "Priya Shah") in got and ("vice-chair", "Robin Hale") in got
    assert ("independent-chair", "Alex Morgan") in got
    assert not any(r == "chair" for r, _ in got)


def test_working_together_2023_lead_and_delegated_partners():
    text = HEAD + ("The lead safeguarding partners are the Chief Executive of Rutland Borough Council, the Chief Constable of Fenshire Police "
                   "and the Chief Executive of NHS Fenshire Integrated Care Board.\n\n"
                   "The delegated safeguarding partners are the Director of Children's Services, the Assistant Chief Constable and the Chief Nurse.\n")
    f = facts(text)
    leads = {p.title for p in f.posts if p.role == "lead-representative"}
    assert "Chief Constable of Fenshire Police" in leads and "Chief Nurse" in leads
    assert {o.name for o in f.organisations if o.role == "statutory-partner"} == {
        "Rutland Borough Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"}


def test_lead_partners_in_prose_make_no_posts():
    text = HEAD + "The lead safeguarding partners are committed to working together and meet every month.\n"
    assert not any(p.role == "lead-representative" for p in facts(text).posts)


def test_safeguarding_partners_for_the_area_are():
    text = HEAD + "The safeguarding partners for Rutland are Rutland Borough Council, Fenshire Police and NHS Fenshire Integrated Care Board.\n"
    assert members(text) == dict.fromkeys(["Rutland Borough Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner")


def test_membership_comprises():
    text = CSP + "Its membership comprises Rutland Borough Council, Fenshire Police, Fenshire Fire and Rescue Service and the Probation Service.\n"
    assert set(members(text)) == {"Rutland Borough Council", "Fenshire Police", "Fenshire Fire and Rescue Service", "Probation Service"}


def test_a_closing_bracket_ends_the_list():
    text = CSP + "The partnership brings together the responsible authorities (Rutland Borough Council, Fenshire Police and the Probation Service) to reduce crime.\n"
    assert set(members(text)) == {"Rutland Borough Council", "Fenshire Police", "Probation Service"}


def test_relevant_agencies_with_words_between_cue_and_list():
    text = HEAD + ("The relevant agencies for the area are: Rutland College, Fenshire Probation Service, and Northmere Hospitals NHS Foundation Trust.\n\n"
                   "The safeguarding partners have named the following organisations as relevant agencies: Fenshire Ambulance Service NHS Trust, "
                   "Rutland Youth Offending Team and Fenshire Housing Association.\n")
    got = members(text)
    for name in ("Rutland College", "Northmere Hospitals NHS Foundation Trust", "Fenshire Ambulance Service NHS Trust", "Fenshire Housing Association"):
        assert got.get(name) == "relevant-agency", name
