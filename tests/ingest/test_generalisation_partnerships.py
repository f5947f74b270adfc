"""Partnership names of kinds that no type label recognises, names of joint areas and names by a type's acronym.

Every text here is fictional, written for these tests (invented bodies, people and places; the area names are real
English areas, so that the area is detected)."""

from __future__ import annotations

from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import extract_facts


def partnerships(text: str) -> dict[str, str]:
    """name -> type id of every partnership read."""
    return {p.name: p.type_id for p in extract_facts(normalise(text).text).partnerships}


# -- a name typed by a statement ------------------------------------------------------------------------------------
def test_a_name_without_a_type_label_is_typed_by_the_statement_after_it():
    text = (
        "Rutland Well Together\n\n"
        "Rutland Well Together (RWT) is Rutland's statutory health and wellbeing board. It meets four times a "
        "year and agrees the joint health and wellbeing strategy.\n\n"
        "Rutland Well Together published its annual report in June.\n"
    )
    found = extract_facts(normalise(text).text)
    assert {p.name: p.type_id for p in found.partnerships} == {"Rutland Well Together": "health-and-wellbeing-board"}
    (p,) = found.partnerships
    assert "RWT" in p.abbreviations


def test_our_and_acts_as_state_a_type_too():
    text = "Torbay Safe Streets\n\nTorbay Safe Streets acts as the community safety partnership for Torbay.\n"
    assert partnerships(text) == {"Torbay Safe Streets": "community-safety-partnership"}
    text = "About us\n\nHealthy Halton Forum is our health and wellbeing board.\n"
    assert partnerships(text) == {"Healthy Halton Forum": "health-and-wellbeing-board"}


def test_a_type_in_brackets_after_a_name_types_it():
    text = (
        "Rutland\n\nThe Rutland Crime Reduction Group (the community safety partnership for Rutland) met in May. "
        "The Rutland Crime Reduction Group agreed its plan.\n"
    )
    assert partnerships(text) == {"Rutland Crime Reduction Group": "community-safety-partnership"}


def test_a_list_in_a_sentence_or_in_brackets_types_no_member():
    text = (
        "Rutland\n\nHealthwatch Rutland, the Health and Wellbeing Board for Rutland and the ICB agreed the plan. "
        "Rutland County Council (the Health and Wellbeing Board host) met.\n"
    )
    found = partnerships(text)
    assert not any(name.startswith(("Healthwatch", "Rutland,", "Rutland County")) for name in found)


def test_a_longer_name_typed_by_a_statement_wins_over_a_shorter_one_inside_it():
    text = "Rutland\n\nThe Rutland Partnership Against Crime is the community safety partnership for Rutland.\n"
    assert partnerships(text) == {"Rutland Partnership Against Crime": "community-safety-partnership"}


def test_people_councils_pronouns_and_compounds_are_not_named_by_a_statement():
    text = (
        "Rutland Safeguarding Adults Board\n\n"
        "Priya Okafor is the Safeguarding Adults Board manager. Rutland County Council is the Safeguarding Adults "
        "Board's host. It is the statutory safeguarding adults board for Rutland. Rutland is a safeguarding adults "
        "board area.\n"
    )
    assert partnerships(text) == {"Rutland Safeguarding Adults Board": "safeguarding-adults-board"}


# -- names of joint areas ----------------------------------------------------------------------------------------------
def test_a_comma_list_of_places_before_a_type_label_is_one_name():
    text = (
        "District partnerships\n\n"
        "In Nottinghamshire the Kettleby, Marsh & Oakdene Community Safety Partnership covers three districts.\n"
    )
    assert partnerships(text) == {
        "Kettleby, Marsh & Oakdene Community Safety Partnership": "community-safety-partnership"
    }


def test_a_comma_list_of_members_is_not_a_name():
    text = "Rutland\n\nThe Council, Police, Health and Probation Community Safety Partnership met in May.\n"
    assert not any("," in name for name in partnerships(text))


def test_compass_words_joined_before_an_area_stay_in_the_name():
    text = "Districts\n\nThe North & West Rutland Community Safety Partnership meets every quarter.\n"
    assert partnerships(text) == {"North & West Rutland Community Safety Partnership": "community-safety-partnership"}


def test_an_area_name_with_hyphens_or_a_lower_case_word_is_not_cut():
    text = (
        "Boards\n\nThe Southend-on-Sea Safeguarding Adults Board met in May. The Newcastle upon Tyne Safeguarding "
        "Adults Board met in June.\n"
    )
    assert set(partnerships(text)) == {
        "Southend-on-Sea Safeguarding Adults Board",
        "Newcastle upon Tyne Safeguarding Adults Board",
    }


def test_safer_and_a_hyphenated_area_is_a_community_safety_partnership():
    text = "Southend\n\nThe Safer Southend-on-Sea Partnership agreed its plan for the year.\n"
    assert partnerships(text) == {"Safer Southend-on-Sea Partnership": "community-safety-partnership"}
    text = "Kingston\n\nSafer Kingston upon Thames is the community safety partnership for the borough.\n"
    assert partnerships(text) == {"Safer Kingston upon Thames": "community-safety-partnership"}


def test_joint_before_two_areas_is_a_word_of_the_name():
    text = "Governance\n\nThe Joint Coventry and Warwickshire Health and Wellbeing Board met in public in March.\n"
    assert "Joint Coventry and Warwickshire Health and Wellbeing Board" in partnerships(text)
    text = "Governance\n\nThe joint Rutland Health and Wellbeing Board workshop was held in March.\n"
    assert "Joint Rutland Health and Wellbeing Board" not in partnerships(text)


def test_ampersand_in_an_area_name_of_a_joint_board():
    text = (
        "Tri-borough board\n\nThe Hammersmith & Fulham, Kensington and Chelsea and Westminster Safeguarding Adults "
        "Executive Board covers three boroughs.\n"
    )
    (p,) = extract_facts(normalise(text).text).partnerships
    assert p.name.startswith("Hammersmith & Fulham, Kensington")
    assert len(p.areas) == 3


def test_an_area_written_with_an_ampersand_is_found():
    text = "Telford & Wrekin Safeguarding Partnership\n\nThe partnership publishes its arrangements each year.\n"
    found = extract_facts(normalise(text).text)
    assert found.areas == ("E06000020",)
    assert [p.name for p in found.partnerships] == ["Telford & Wrekin Safeguarding Partnership"]


def test_safer_and_two_places_partnership_is_a_community_safety_partnership():
    text = "Brent\n\nThe Safer Brent & Harrow Partnership agreed its plan for the year.\n"
    assert partnerships(text) == {"Safer Brent & Harrow Partnership": "community-safety-partnership"}


# -- an area and a type's acronym ------------------------------------------------------------------------------------
def test_an_area_and_a_type_acronym_name_a_partnership():
    text = (
        "Annual report\n\nThis is the last annual report of the Rutland LSCB. From 2019 the Rutland Safeguarding "
        "Children Partnership leads the arrangements.\n"
    )
    assert partnerships(text) == {
        "Rutland LSCB": "local-safeguarding-children-board",
        "Rutland Safeguarding Children Partnership": "safeguarding-children-partnership",
    }


def test_the_full_name_wins_over_the_acronym_name_of_one_partnership():
    text = (
        "Rutland HWB\n\nThe Rutland HWB agreed the strategy. The Rutland Health and Wellbeing Board meets in public.\n"
    )
    assert partnerships(text) == {"Rutland Health and Wellbeing Board": "health-and-wellbeing-board"}


def test_a_service_acronym_after_an_area_is_an_agency():
    text = "Rutland Safeguarding Adults Board\n\nThe Rutland YOS reported to the Rutland Safeguarding Adults Board.\n"
    assert partnerships(text) == {"Rutland Safeguarding Adults Board": "safeguarding-adults-board"}


def test_the_type_acronym_refers_to_the_board_of_the_documents_own_area():
    text = (
        "Wandsworth Safeguarding Adults Board\n\n"
        "Our chair also chairs the Camden SAB. The SAB publishes a strategic plan each year. The SAB met in May.\n"
    )
    found = extract_facts(normalise(text).text)
    own = next(p for p in found.partnerships if p.name == "Wandsworth Safeguarding Adults Board")
    other = next(p for p in found.partnerships if p.name == "Camden SAB")
    assert own.areas != other.areas


def test_a_bare_type_label_beside_two_named_partnerships_of_that_type_is_no_third():
    text = (
        "Safeguarding Children Partnership arrangements\n\n"
        "The Rutland Children and Adults Safeguarding Partnership (RCASP) replaced the Rutland Safeguarding Children "
        "Board. The Rutland Strategic Safeguarding Partnership (RSSP) oversees the RCASP. The RCASP meets monthly.\n"
    )
    found = partnerships(text)
    assert "Safeguarding Children Partnership" not in found
    assert "Rutland Children and Adults Safeguarding Partnership" in found


def test_a_partnership_and_its_successor_each_with_its_own_acronym_are_two():
    text = (
        "Report to the Scrutiny Panel\n\n"
        "The chair of the Rutland Children and Adults Safeguarding Partnership (RCASP) presented the report. In 2019 "
        "the LSCB became the Rutland Safeguarding Children Partnership (RSCP), which has since joined the adults "
        "board to form the RCASP.\n"
    )
    found = partnerships(text)
    assert "Rutland Safeguarding Children Partnership" in found
    assert "Rutland Children and Adults Safeguarding Partnership" in found


# -- statutory bases -------------------------------------------------------------------------------------------------
def bases(text: str) -> set[tuple[str, str]]:
    """(partnership type, legislation path) of every basis read."""
    f = extract_facts(normalise(text).text)
    types = {p.key: p.type_id for p in f.partnerships}
    return {(types[b.partnership], (b.provision or b.legislation).split("/id/")[-1]) for b in f.bases}


def test_an_act_title_broken_over_two_lines_or_with_a_word_changed():
    text = (
        "Rutland Health and Wellbeing Board\n\nThe Rutland Health and Wellbeing Board was established under the "
        "Health and Social Care\nAct (2012) as a committee of the council.\n"
    )
    assert ("health-and-wellbeing-board", "ukpga/2012/7") in bases(text)
    text = (
        "Rutland Safeguarding Children Partnership\n\nThe Rutland Safeguarding Children Partnership was set up under "
        "the Children's Social Work Act 2017.\n"
    )
    assert ("safeguarding-children-partnership", "ukpga/2017/16") in bases(text)


def test_an_unknown_act_title_is_no_basis():
    text = (
        "Rutland Safeguarding Children Partnership\n\nThe Rutland Safeguarding Children Partnership was set up under "
        "the Children's Social Work Reform Act 2017.\n"
    )
    assert bases(text) == set()


def test_a_sentence_about_the_type_citing_its_act():
    text = (
        "Rutland Health and Wellbeing Board\n\nHealth and Wellbeing Boards are a key part of the Health and Social "
        "Care Act 2012. The Rutland Health and Wellbeing Board meets every two months.\n"
    )
    assert bases(text) == {("health-and-wellbeing-board", "ukpga/2012/7")}
    # an Act the type does not rest on
    text = (
        "Rutland Health and Wellbeing Board\n\nHealth and Wellbeing Boards are a key part of the Localism Act 2011. "
        "The Rutland Health and Wellbeing Board meets every two months.\n"
    )
    assert bases(text) == set()


def test_an_act_on_its_own_line_under_a_legal_heading():
    text = (
        "Rutland Safeguarding Adults Board\n\nLegal framework\n\nCare Act 2014\n\n"
        "The Rutland Safeguarding Adults Board meets four times a year.\n"
    )
    assert bases(text) == {("safeguarding-adults-board", "ukpga/2014/23")}
    text = (
        "Rutland Safeguarding Adults Board\n\nFurther reading\n\nCare Act 2014\n\n"
        "The Rutland Safeguarding Adults Board meets four times a year.\n"
    )
    assert bases(text) == set()


def test_acts_that_set_out_requirements_for_the_partners():
    text = (
        "Rutland Safeguarding Children Partnership\n\nWorking Together to Safeguard Children and the Children Act 2004 "
        "set out requirements for the safeguarding partners. The Rutland Safeguarding Children Partnership meets "
        "monthly.\n"
    )
    assert ("safeguarding-children-partnership", "ukpga/2004/31") in bases(text)


# -- a partnership named only as the owner of its report ---------------------------------------------------------
def test_a_report_title_names_the_partnership_that_owns_it():
    text = (
        "Report to:\n\nRutland Health and Wellbeing Board\n\nDate of meeting:\n\n9 November 2023\n\n"
        "Rutland Safeguarding Adults Board Annual Report 2022-23\n\n"
        "To present the annual report of the Safeguarding Adults Board (SAB) as the Care Act 2014 requires.\n"
    )
    assert partnerships(text) == {
        "Rutland Health and Wellbeing Board": "health-and-wellbeing-board",
        "Rutland Safeguarding Adults Board": "safeguarding-adults-board",
    }


def test_a_report_title_alone_names_its_partnership():
    text = (
        "Rutland Safeguarding Adults Board Annual Report 2022-23\n\nForeword\n\nWelcome to our report for the year.\n"
    )
    assert partnerships(text) == {"Rutland Safeguarding Adults Board": "safeguarding-adults-board"}


# -- community safety partnerships named "Safer <Place>": their cues, and road safety partnerships -----------------
def test_safer_and_a_place_with_anti_social_behaviour_or_reoffending_is_a_community_safety_partnership():
    text = "About us\n\nSafer Rutland brings partners together to cut anti-social behaviour and reoffending.\n"
    assert partnerships(text) == {"Safer Rutland": "community-safety-partnership"}
    text = "About us\n\nSafer Rutland Together works to reduce re-offending across the county.\n"
    assert partnerships(text) == {"Safer Rutland Together": "community-safety-partnership"}


def test_a_road_safety_partnership_or_a_safer_streets_project_is_no_community_safety_partnership():
    text = "About us\n\nThe Rutland Safer Roads Partnership runs speed awareness courses.\n"
    assert partnerships(text) == {"Rutland Safer Roads Partnership": "non-statutory-partnership"}
    text = "About us\n\nSafer Roads Rutland works with the community safety partnership on speeding.\n"
    assert "community-safety-partnership" not in partnerships(text).values()
    text = "About us\n\nThe Safer Streets Rutland project is led by the community safety team.\n"
    assert partnerships(text) == {}


def test_a_document_that_names_a_partnership_only_as_the_owner_of_its_report_is_about_it():
    text = (
        "Decision details\n\nDecisions:\n\n1. Before it is published, the Rutland Safeguarding Children Board Annual "
        "Report be noted.\n\nReasons for Decisions:\n\nThe Board is constituted under section 13 of the Children Act "
        "2004.\n"
    )
    assert partnerships(text) == {"Rutland Safeguarding Children Board": "local-safeguarding-children-board"}
    # beside a partnership the document names, such a mention names nothing new
    text = (
        "Rutland Health and Wellbeing Board\n\nThe Rutland Health and Wellbeing Board noted the Rutland Safeguarding "
        "Children Board Annual Report.\n"
    )
    assert partnerships(text) == {"Rutland Health and Wellbeing Board": "health-and-wellbeing-board"}


def test_an_adults_safeguarding_partnership_is_an_adults_board():
    text = "About us\n\nThe Rutland Adults Safeguarding Partnership agreed its plan for the year.\n"
    assert partnerships(text) == {"Rutland Adults Safeguarding Partnership": "safeguarding-adults-board"}
    text = "About us\n\nThe Rutland Safeguarding Partnership agreed its plan for the year.\n"
    assert partnerships(text) == {"Rutland Safeguarding Partnership": "safeguarding-children-partnership"}


def test_safer_and_a_place_in_a_list_of_community_safety_partnerships():
    text = (
        "Community Safety Partnerships\n\nIn the county there are three community safety partnerships as follows:\n\n"
        "- Harborough Community Safety Partnership\n- Safer Charnwood Partnership\n- Safer Rutland\n"
    )
    assert partnerships(text)["Safer Rutland"] == "community-safety-partnership"
    # a list led in by anything else types no "Safer" name
    text = "Projects\n\nThe council funds the following:\n\n- Safer Rutland\n- Brighter Futures\n"
    assert "Safer Rutland" not in partnerships(text)


def test_a_hyphenated_name_with_a_lower_case_tail_is_one_word_of_the_name():
    text = (
        "History\n\nThe Sutton and Merton Local Safeguarding Children Board met in 2017. The Tri-borough Local "
        "Safeguarding Children Board covered three other boroughs.\n"
    )
    assert "Tri-borough Local Safeguarding Children Board" in partnerships(text)
    text = "About us\n\nThe Rutland Safeguarding Adults Board met. Our multi-agency Safeguarding Adults Board met.\n"
    assert partnerships(text) == {"Rutland Safeguarding Adults Board": "safeguarding-adults-board"}


def test_an_area_and_a_type_acronym_before_annual_report_in_a_title():
    text = "Rutland SAB Annual Report 2022/23\n\nForeword\n\nWelcome to our report for the year.\n"
    assert partnerships(text) == {"Rutland SAB": "safeguarding-adults-board"}
    text = "Rutland Safeguarding Children Partnership\n\nThe partnership noted the Rutland SAB Annual Report.\n"
    assert partnerships(text) == {"Rutland Safeguarding Children Partnership": "safeguarding-children-partnership"}
