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
