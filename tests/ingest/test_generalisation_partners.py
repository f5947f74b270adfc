"""Statutory partners and member organisations read from the ways unseen documents name them: lead-in phrases,
posts that stand for their organisations, modifiers before a type, reference names, descriptions after a dash,
national descriptions that are no facts of the area.

Every text here is fictional, written for the test (invented bodies; the area is a real one so that it is detected)."""

from __future__ import annotations

from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import extract_facts


def members(text: str) -> dict[str, str]:
    facts = extract_facts(normalise(text).text)
    return {o.name: o.role for o in facts.organisations}


def test_people_lead_in_before_the_list():
    text = """Rutland Safeguarding Adults Board

The Rutland Safeguarding Adults Board is a statutory board set up under the Care Act 2014. It consists of senior officers from Rutland County Council, Fenshire Constabulary and Rutland NHS Clinical Commissioning Group.
"""
    got = members(text)
    assert set(got) == {"Rutland County Council", "Fenshire Constabulary", "Rutland NHS Clinical Commissioning Group"}


def test_participle_between_cue_and_verb():
    text = """Rutland Safeguarding Adults Board

The statutory agencies represented on the Board were: the local authority, the police and health.
"""
    got = members(text)
    assert got.get("local authority") == "statutory-partner"
    assert got.get("police") == "statutory-partner"


def test_modifiers_before_an_organisation_type_keep_the_list_going():
    text = """Rutland Community Safety Partnership

The Rutland Community Safety Partnership works with partner organisations like Fenshire Police, the Probation Service, local NHS Trusts and the London Fire Brigade to understand local crime.
"""
    got = members(text)
    assert {"Fenshire Police", "NHS Trusts", "London Fire Brigade"} <= set(got)


def test_posts_stand_for_their_organisations():
    text = """Rutland Safeguarding Children Partnership

The executive members are Rutland Council Chief Executive, Borough Commander for the North Area BCU and Chief Accountable Officer of Fenshire Collaboration of CCGs, and their nominated advisors.
"""
    got = members(text)
    assert got.get("Rutland Council") == "statutory-partner"
    assert got.get("North Area BCU") == "statutory-partner"
    assert "Chief Executive" not in " ".join(got)
    assert not any("advisors" in name for name in got)


def test_reference_name_wins_over_the_type_words():
    text = """Safer Rutland Partnership

The Safer Rutland Partnership is made up of Rutland County Council, Leicestershire Police and Tyne and Wear Fire and Rescue Service.
"""
    got = members(text)
    assert "Tyne and Wear Fire and Rescue Service" in got
    assert "Wear Fire and Rescue Service" not in got and "Tyne" not in got


def test_description_after_a_dash_in_a_member_list():
    text = """Rutland Health and Wellbeing Board

The current members of the Rutland Health and Wellbeing Board include:

- Rutland County Council
- Rutland Clinical Commissioning Group (CCG) – buys hospital and community services for people who live in the county
- Healthwatch Rutland
"""
    got = members(text)
    assert "Rutland Clinical Commissioning Group" in got


def test_national_description_is_no_fact_of_the_area():
    text = """Safer Rutland Partnership

Community Safety Partnerships (CSPs) are made up of representatives from the police, local authorities, fire and rescue authorities, health and probation services.

The Safer Rutland Partnership is made up of Rutland County Council, Fenshire Police and Fenshire Fire and Rescue Service.
"""
    got = members(text)
    assert set(got) == {"Rutland County Council", "Fenshire Police", "Fenshire Fire and Rescue Service"}


def test_cell_that_names_the_organisation_in_a_bar_table_under_a_heading():
    text = """Rutland Health and Wellbeing Board

Board members

| Name | Role | Organisation |
| Cllr A Smith | Chair | Rutland County Council |
| B Jones | Chief Superintendent | Fenshire Police |
| D Green | Chair | Healthwatch Rutland |
"""
    got = members(text)
    assert set(got) == {"Rutland County Council", "Fenshire Police", "Healthwatch Rutland"}


def test_person_and_post_before_the_organisation_in_an_item():
    text = """Rutland Safeguarding Children Partnership

For Rutland the safeguarding partners are:
- A Person, Chief Executive of Rutland County Council;
- B Person, Interim Chief Executive, delegated to C Person, Chief Nursing Officer, Integrated Care Board Fenshire, Rutland and Dunlow;
- D Person, Chief Constable, Fenshire Police
"""
    got = members(text)
    assert set(got) == {
        "Rutland County Council",
        "Integrated Care Board Fenshire, Rutland and Dunlow",
        "Fenshire Police",
    }
    assert set(got.values()) == {"statutory-partner"}


def test_a_class_followed_by_the_members_it_includes():
    text = """Rutland Safeguarding Adults Board

The key statutory agencies involved were: the local authority, police and health bodies including directors of public health, NHS trusts, including Northtown Hospitals, Fenshire Partnership NHS Foundation Trust and Dunlow Community Healthcare.
"""
    got = members(text)
    assert {"local authority", "police", "Northtown Hospitals", "Dunlow Community Healthcare"} <= set(got)
    assert "NHS trusts" not in got and not any("public health" in name for name in got)


def test_members_of_a_panel_are_not_the_partnerships():
    text = """Rutland Safeguarding Children Partnership

The Rutland Safeguarding Children Partnership is made up of Rutland County Council, Fenshire Police and Fenshire ICB.

The Case Review Panel consists of senior officers from different agencies such as health, education and police.
"""
    got = members(text)
    assert set(got) == {"Rutland County Council", "Fenshire Police", "Fenshire ICB"}


def test_generic_partners_listed_after_a_long_lead_to_a_colon():
    text = """Safer Rutland Partnership

The Safer Rutland Partnership is the community safety partnership for Rutland.

The responsible authorities that make up the Community Safety Partnership are the:

  • police
  • fire and rescue service
  • health partners
  • probation
"""
    got = members(text)
    assert set(got) == {"police", "fire and rescue service", "health partners", "probation"}
    assert set(got.values()) == {"responsible-authority"}


def test_boards_in_the_plural_include_their_members():
    text = """Rutland Safeguarding Partnership

The Rutland Safeguarding Partnership brings together the Safeguarding Adults Board and the Safeguarding Children Partnership Board. Both Boards include the Fenshire Police Service, Rutland County Council and the NHS Fenshire Integrated Care Board.
"""
    got = members(text)
    assert {"Fenshire Police Service", "Rutland County Council", "NHS Fenshire Integrated Care Board"} <= set(got)


def test_other_key_partners_are_not_the_statutory_partners():
    text = """Safer Rutland Partnership

The Safer Rutland Partnership is made up of Rutland County Council, Fenshire Police and Fenshire Fire and Rescue Service.

Other key partners and areas of work for the partnership to consider are listed below:

o Senior Leaders Forum
o Rutland Voluntary Sector Council
"""
    got = members(text)
    assert set(got) == {"Rutland County Council", "Fenshire Police", "Fenshire Fire and Rescue Service"}


def test_a_partnership_among_the_members_is_passed_over_and_not_taken_into_the_next_name():
    text = """Safer Rutland Partnership

The Safer Rutland Partnership is made up of Rutland County Council, Fenshire Police and Fenshire Fire and Rescue Service. It works with partner organisations like the Rutland Housing Partnership and Fenshire and Rutland Mental Health Trust.
"""
    facts = extract_facts(normalise(text).text)
    got = {o.name: o.partnership for o in facts.organisations}
    assert got.get("Fenshire and Rutland Mental Health Trust", "").endswith("/safer-partnership")
    assert not any("Housing Partnership" in name for name in got)


def test_statutory_leads_are_the_statutory_partners():
    text = """Rutland Safeguarding Children Partnership

Within the Partnership there are three statutory leads; Fenshire Police, the ICB and the Local Authority.
"""
    got = members(text)
    assert got.get("Fenshire Police") == "statutory-partner"
    assert got.get("ICB") == "statutory-partner"


def test_a_constitution_that_is_to_include_a_representative_of_a_body():
    text = """Rutland Health and Wellbeing Board

The composition of the Rutland Health and Wellbeing Board is to include one “representative of Rutland Clinical Commissioning Group”.
"""
    assert "Rutland Clinical Commissioning Group" in members(text)


def test_people_and_posts_among_the_bodies_a_board_brings_together():
    text = """Rutland Health and Wellbeing Board

The Rutland Health and Wellbeing Board brings together elected Councillors, the Directors of Public Health, Children’s Services, and Adult Services, and a representative of Healthwatch Rutland along with other commissioners.
"""
    got = members(text)
    assert set(got) == {"Healthwatch Rutland"}


def test_a_bracket_names_the_members_of_a_class():
    text = """Rutland Health and Wellbeing Board

The Rutland Health and Wellbeing Board comprises commissioners (like Rutland County Council and Rutland Clinical Commissioning Group) but also other local leaders.
"""
    got = members(text)
    assert {"Rutland County Council", "Rutland Clinical Commissioning Group"} <= set(got)


def test_a_working_partnership_between_bodies_is_not_the_documents_partnership():
    text = """Safer Rutland Partnership

The Safer Rutland Partnership is made up of Rutland County Council, Fenshire Police and Fenshire Fire and Rescue Service.

Town centre improvements came from a working partnership between the Council, Fenshire Police, the Office of the Police and Crime Commissioner and the Rutland Business Improvement District.
"""
    got = members(text)
    assert set(got) == {"Rutland County Council", "Fenshire Police", "Fenshire Fire and Rescue Service"}


def test_a_lower_case_head_noun_ends_a_type_and_the_list_goes_on():
    text = """Rutland Safeguarding Children Board

The Rutland Board includes representation from Fenshire Police, schools and Further Education colleges, the military, the voluntary sector and lay members.
"""
    got = members(text)
    assert {"Fenshire Police", "Further Education colleges", "military", "voluntary sector"} <= set(got)
    assert not any("lay" in name for name in got)


def test_person_with_post_and_organisation_in_brackets():
    text = """Rutland Safeguarding Children Partnership

Executive group membership:
A Person (Director of Children's Services, Rutland County Council)
B Person (Assistant Chief Constable, Fenshire Police)
C Person (Chief Nursing Officer, Fenshire ICB)
"""
    got = members(text)
    assert set(got) == {"Rutland County Council", "Fenshire Police", "Fenshire ICB"}


def test_a_question_line_before_the_partners_names():
    text = """Rutland Safeguarding Children Partnership

Who are the partners?
Rutland County Council (Chair)
Fenshire Police
Fenshire ICB
"""
    got = members(text)
    assert {"Rutland County Council", "Fenshire Police", "Fenshire ICB"} <= set(got)


def test_a_table_cell_that_is_an_organisation_type_beside_a_post():
    text = """Safer Rutland Partnership

Membership of the Partnership

| Organisation | Representative |
| Rutland County Council | Director of Communities |
| Fenshire Police | Chief Inspector |
| Probation Service | Head of Service |
"""
    got = members(text)
    assert {"Rutland County Council", "Fenshire Police", "Probation Service"} <= set(got)


def test_a_standing_in_brackets_makes_the_item_an_organisation():
    text = """Rutland Safeguarding Children Partnership

The following agencies are members of the partnership:
  • Fenshire Police (Partner Agency)
  • Rutland City Council (Partner Agency)
  • Fenshire Clinical Commissioning Group (Partner Agency)
  • Rutland Head Teachers Association (Affiliated Partner)
  • Youth Justice Services (Affiliated Partner
"""
    got = members(text)
    assert {"Rutland Head Teachers Association", "Youth Justice Services"} <= set(got)


def test_an_organisation_named_in_an_aside_does_not_split_the_item():
    text = """Safer Rutland Partnership

The partnership: Responsible authorities/attendees
- Rutland City Council - Office of the Police & Crime Commissioner
- Fenshire Police - Fenshire Ambulance Service
- National Probation Service (merged with CRC) - Violence Reduction Network
"""
    got = members(text)
    assert {"National Probation Service", "Violence Reduction Network"} <= set(got)
    assert not any(" - " in name for name in got)


def test_a_first_generic_partner_without_a_type_word_opens_the_list():
    text = """Rutland Safeguarding Children Partnership

Health, the Police and the Local Authority are the three statutory partners.
"""
    got = members(text)
    assert got == {"Health": "statutory-partner", "Police": "statutory-partner", "Local Authority": "statutory-partner"}


def test_items_that_name_representatives_or_a_post_before_the_organisation():
    text = """Rutland Health and Wellbeing Board

The statutory members of the Board are:
- the Leader of Rutland County Council
- the Director of Public Health
- two councillors of Rutland County Council
- a representative of Healthwatch Rutland
- a representative of NHS Fenshire Integrated Care Board
"""
    got = members(text)
    assert set(got) == {"Rutland County Council", "Healthwatch Rutland", "NHS Fenshire Integrated Care Board"}


def test_representatives_under_a_members_heading():
    text = """Rutland Health and Wellbeing Board

Voting members
Two councillors of Rutland County Council
The Director of Public Health
A representative of Healthwatch Rutland
A representative of NHS Fenshire Integrated Care Board
"""
    got = members(text)
    assert set(got) == {"Rutland County Council", "Healthwatch Rutland", "NHS Fenshire Integrated Care Board"}


def test_posts_with_their_organisation_in_brackets():
    text = """Rutland Safeguarding Adults Board

The Board is made up of the Director of Adult Social Services (Rutland County Council), the Detective Superintendent (Fenshire Police), the Chief Nurse (NHS Fenshire Integrated Care Board) and the Independent Chair.
"""
    got = members(text)
    assert set(got) == {"Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"}


def test_a_place_before_the_pronoun_that_continues_a_cue():
    text = """Rutland Safeguarding Children Partnership

The safeguarding partners have a shared duty to make arrangements for children. In Rutland they are Rutland County Council, Fenshire Police and NHS Fenshire Integrated Care Board.
"""
    got = members(text)
    assert got == dict.fromkeys(
        ["Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner"
    )


def test_a_place_before_the_pronoun_that_leads_a_list():
    text = """Rutland Community Safety Partnership

The partnership rests on the responsible authorities, the bodies that must work together on crime and disorder. In our area these are:

- Rutland County Council
- Fenshire Police
- Fenshire Fire and Rescue Service
- the Probation Service
"""
    got = members(text)
    assert {"Rutland County Council", "Fenshire Police", "Fenshire Fire and Rescue Service"} <= set(got)
    assert set(got.values()) == {"responsible-authority"}


def test_words_before_the_pronoun_that_are_no_place_do_not_continue_a_cue():
    text = """Rutland Safeguarding Children Partnership

The safeguarding partners have a shared duty to make arrangements for children. When schools raise concerns they are passed to Rutland County Council and Fenshire Police.
"""
    assert members(text) == {}


def test_core_members_named_after_the_board_they_sit_on():
    text = """Rutland Safeguarding Adults Board

The core members of the Board are Rutland County Council, Fenshire Police and NHS Fenshire Integrated Care Board.
"""
    got = members(text)
    assert got == dict.fromkeys(
        ["Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner"
    )


def test_core_members_listed_after_a_colon():
    text = """Rutland Safeguarding Adults Board

The Board has three core members:

- Rutland County Council
- Fenshire Police
- NHS Fenshire Integrated Care Board

Other members include Healthwatch Rutland.
"""
    got = members(text)
    assert got == {
        "Rutland County Council": "statutory-partner",
        "Fenshire Police": "statutory-partner",
        "NHS Fenshire Integrated Care Board": "statutory-partner",
        "Healthwatch Rutland": "member",
    }


def test_a_list_in_apposition_ends_at_its_last_item():
    text = """Rutland Safeguarding Children Partnership

Our three statutory partners, Rutland County Council, Fenshire Police and NHS Fenshire Integrated Care Board, meet every month.
"""
    got = members(text)
    assert set(got) == {"Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"}


def test_a_healthwatch_name_ends_at_its_place_before_and():
    text = """Rutland Safeguarding Adults Board

Other members include Healthwatch Rutland and Fenshire Fire and Rescue Service.
"""
    got = members(text)
    assert set(got) == {"Healthwatch Rutland", "Fenshire Fire and Rescue Service"}


def test_the_bodies_that_lead_a_partnership_hold_its_core_role():
    text = """Rutland Safeguarding Children Partnership

The Rutland Safeguarding Children Partnership is led by Rutland County Council, Fenshire Police and NHS Fenshire Integrated Care Board.
"""
    got = members(text)
    assert got == dict.fromkeys(
        ["Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner"
    )


def test_a_partnership_of_the_bodies_named_after_it():
    text = """Rutland Community Safety Partnership

The Rutland Community Safety Partnership is a partnership of Rutland County Council, Fenshire Police, Fenshire Fire and Rescue Service and NHS Fenshire Integrated Care Board.
"""
    got = members(text)
    assert got == dict.fromkeys(
        [
            "Rutland County Council",
            "Fenshire Police",
            "Fenshire Fire and Rescue Service",
            "NHS Fenshire Integrated Care Board",
        ],
        "responsible-authority",
    )


def test_a_partnership_of_in_apposition_is_some_other_partnership():
    text = """Rutland Health and Wellbeing Board

Rutland Care Partners, the county's partnership of NHS and council providers, reports to the Board twice a year.
"""
    assert members(text) == {}


def test_a_table_row_of_an_organisation_and_a_post_naming_another_type():
    text = """Rutland Health and Wellbeing Board

Members of the Board
Organisation\tRepresentative
Rutland County Council\tLeader of the Council
Healthwatch Rutland\tChair
NHS Fenshire Integrated Care Board\tPlace Director
"""
    got = members(text)
    assert set(got) == {"Rutland County Council", "Healthwatch Rutland", "NHS Fenshire Integrated Care Board"}


def test_a_constitution_that_lists_what_the_membership_shall_be():
    text = """Rutland Health and Wellbeing Board

3. Membership

3.1 The membership of the Board shall be:
(a) the Leader of Rutland County Council (Chair);
(b) the Cabinet Member for Adult Social Care;
(c) the Director of Public Health;
(d) one representative of Healthwatch Rutland;
(e) two representatives of NHS Fenshire Integrated Care Board;
(f) the Chief Executive of Rutland Hospitals NHS Foundation Trust.
"""
    got = members(text)
    assert set(got) == {
        "Rutland County Council",
        "Healthwatch Rutland",
        "NHS Fenshire Integrated Care Board",
        "Rutland Hospitals NHS Foundation Trust",
    }


def test_a_bracket_that_names_the_listed_bodies_by_their_role():
    text = """Rutland Safeguarding Children Partnership

Rutland County Council, Fenshire Police and NHS Fenshire Integrated Care Board (the "safeguarding partners") have agreed these arrangements.
"""
    got = members(text)
    assert got == dict.fromkeys(
        ["Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner"
    )


def test_partners_represented_by_posts_for_their_organisations():
    text = """Rutland Safeguarding Children Partnership

The safeguarding partners are represented by the Director of Children's Services for Rutland County Council, the Detective Superintendent for Fenshire Police and the Chief Nurse for NHS Fenshire Integrated Care Board.
"""
    got = members(text)
    assert got == dict.fromkeys(
        ["Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner"
    )


def test_a_table_flattened_into_lines_of_organisation_and_posts():
    text = """Rutland Safeguarding Children Partnership

Statutory Safeguarding Partners Accountable person Delegated representative
Rutland County Council Chief Executive Director of Children's Services
Fenshire Police Chief Constable Detective Superintendent
NHS Fenshire Integrated Care Board Chief Executive Chief Nurse
"""
    got = members(text)
    assert got == dict.fromkeys(
        ["Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner"
    )


def test_a_label_cell_and_the_list_in_the_next_cell():
    text = """Rutland Safeguarding Children Partnership

| Safeguarding partners | Rutland County Council, Fenshire Police, NHS Fenshire Integrated Care Board |
| Independent scrutineer | A Person |
"""
    got = members(text)
    assert got == dict.fromkeys(
        ["Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner"
    )


def test_a_question_answered_by_a_line_that_lists_the_partners():
    text = """Rutland Safeguarding Children Partnership

Who are the safeguarding partners?

Rutland County Council, Fenshire Police and NHS Fenshire Integrated Care Board.

What do they do?

Rutland County Council and Fenshire Police share information every week.
"""
    got = members(text)
    assert got == dict.fromkeys(
        ["Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner"
    )


def test_items_that_put_the_post_before_a_comma_and_the_organisation():
    text = """Rutland Safeguarding Children Partnership

Delegated Safeguarding Partners
Director of Children's Services, Rutland County Council
Detective Chief Superintendent, Fenshire Police
Chief Nursing Officer, NHS Fenshire Integrated Care Board
"""
    got = members(text)
    assert got == dict.fromkeys(
        ["Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner"
    )


def test_bodies_that_share_equal_responsibility():
    text = """Rutland Safeguarding Children Partnership

Rutland County Council, Fenshire Police and NHS Fenshire Integrated Care Board share equal responsibility for the arrangements.
"""
    got = members(text)
    assert got == dict.fromkeys(
        ["Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner"
    )


def test_a_probation_delivery_unit_before_and_keeps_the_next_name_whole():
    text = """Rutland Community Safety Partnership

In Rutland the responsible authorities are Rutland County Council, Fenshire Police, Fenshire Probation Delivery Unit and NHS Fenshire Integrated Care Board.
"""
    got = members(text)
    assert got == dict.fromkeys(
        [
            "Rutland County Council",
            "Fenshire Police",
            "Fenshire Probation Delivery Unit",
            "NHS Fenshire Integrated Care Board",
        ],
        "responsible-authority",
    )


def test_partners_that_remain_or_continue_to_be_the_bodies_named():
    for verb in ("remain", "continue to be"):
        text = f"""Rutland Safeguarding Children Partnership

The statutory partners {verb} Rutland County Council, Fenshire Police and NHS Fenshire Integrated Care Board.
"""
        got = members(text)
        assert got == dict.fromkeys(
            ["Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner"
        ), verb


def test_responsible_authorities_of_the_partnership_include():
    text = """Rutland Community Safety Partnership

Responsible authorities of the partnership include Rutland County Council, Fenshire Police, Fenshire Fire and Rescue Service and the Probation Service.
"""
    got = members(text)
    assert set(got.values()) == {"responsible-authority"}
    assert {"Rutland County Council", "Fenshire Police", "Fenshire Fire and Rescue Service"} <= set(got)


def test_a_list_of_lines_ends_at_the_heading_of_the_next_list():
    text = """Rutland Safeguarding Children Partnership

Statutory Partners

Rutland County Council (RCC)
Fenshire Police
NHS Fenshire Integrated Care Board (ICB)

Relevant Agencies

Rutland Hospitals NHS Trust
Fenshire Fire and Rescue Service
"""
    got = members(text)
    assert got == {
        "Rutland County Council": "statutory-partner",
        "Fenshire Police": "statutory-partner",
        "NHS Fenshire Integrated Care Board": "statutory-partner",
        "Rutland Hospitals NHS Trust": "relevant-agency",
        "Fenshire Fire and Rescue Service": "relevant-agency",
    }


def test_generic_partners_with_their_names_in_brackets():
    text = """Rutland Safeguarding Children Partnership

The statutory safeguarding partners in Rutland are the local authority (Rutland County Council), the police (Fenshire Police) and health (NHS Fenshire Integrated Care Board).
"""
    got = members(text)
    assert got == dict.fromkeys(
        ["Rutland County Council", "Fenshire Police", "NHS Fenshire Integrated Care Board"], "statutory-partner"
    )


def test_a_short_form_in_brackets_keeps_the_generic_name():
    text = """Rutland Safeguarding Children Partnership

The safeguarding partners are the local authority, the police and the Integrated Care Board (ICB).
"""
    got = members(text)
    assert set(got) == {"local authority", "police", "Integrated Care Board"}


def test_a_list_between_dashes_ends_at_the_closing_dash():
    text = """Rutland Community Safety Partnership

The partnership brings together the responsible authorities - the council, the police, probation and the NHS - with local voluntary groups.
"""
    got = members(text)
    assert set(got) == {"council", "police", "probation", "NHS"}
