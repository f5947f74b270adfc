"""The organisation index the extraction uses to recognise and link names (ingest/organisations.py)."""

from __future__ import annotations

import pytest

from sgkg.ingest.organisations import Candidate, name_key
from sgkg.ingest.patterns import load_reference

ICB = "https://w3id.org/sgkg/id/organisation/integrated-care-board/"
POLICE = "https://w3id.org/sgkg/id/organisation/police-force/"


@pytest.fixture(scope="module")
def orgs():
    return load_reference().organisations


def _labels(found: list[Candidate]) -> list[str]:
    return [c.label for c in found]


@pytest.mark.parametrize(
    "a, b",
    [
        ("NHS Birmingham & Solihull Integrated Care Board", "birmingham and solihull ICB"),
        ("Thames Valley Constabulary", "THAMES VALLEY POLICE"),
        ("the Metropolitan Police Service", "Metropolitan Police"),
        ("Cleveland Fire & Rescue Service", "Cleveland Fire Brigade"),
        ("NHS Stoke-on-Trent Clinical Commissioning Group", "Stoke on Trent CCG"),
        ("North East Probation Region", "the North East region of the Probation Service"),
    ],
)
def test_name_key_makes_variants_of_one_name_equal(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("NHS Birmingham and Solihull", "Birmingham and Solihull"),  # an ICB's own name, not an area's
        ("Birmingham and Solihull ICB", "Birmingham and Solihull CCG"),
        ("West Midlands Police", "West Midlands Fire Service"),
        ("Thames Valley Police", "Thames Valley Police and Crime Commissioner"),
    ],
)
def test_name_key_keeps_different_bodies_apart(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    "name, label",
    [
        ("Thames Valley Police", "Thames Valley Police"),
        ("TVP", "Thames Valley Police"),
        ("thames valley constabulary", "Thames Valley Police"),
        ("Hampshire Constabulary", "Hampshire and Isle of Wight Constabulary"),
        ("Durham Police", "Durham Constabulary"),
        ("NHS Birmingham and Solihull Integrated Care Board", "NHS Birmingham and Solihull Integrated Care Board"),
        ("Birmingham and Solihull ICB", "NHS Birmingham and Solihull Integrated Care Board"),
        ("BSol ICB", "NHS Birmingham and Solihull Integrated Care Board"),
        ("NHS Birmingham & Solihull", "NHS Birmingham and Solihull Integrated Care Board"),
        ("Black Country Integrated Care Board", "NHS Black Country Integrated Care Board"),
        (
            "NHS Black Country & West Birmingham Clinical Commissioning Group",
            "NHS Black Country and West Birmingham CCG",
        ),
        ("London Fire Brigade", "London Fire Brigade"),
        ("West Midlands Fire and Rescue Service", "West Midlands Fire Service"),
        ("Kent, Surrey & Sussex probation region", "Probation Service Kent, Surrey and Sussex"),
        ("British Transport Police", "British Transport Police"),
    ],
)
def test_lookup_finds_tricky_variants(orgs, name, label):
    assert _labels(orgs.lookup(name)) == [label]


@pytest.mark.parametrize(
    "name",
    [
        "Thames Valley",
        "Birmingham and Solihull",
        "Police",
        "the ICB",
        "Integrated Care Board",
        "Thames Valley Police and Crime Commissioner",
        "Sandwell Council",
        "",
    ],
)
def test_lookup_never_guesses(orgs, name):
    assert orgs.lookup(name) == []


def test_lookup_filters_by_type_and_by_the_day_the_body_existed(orgs):
    ccg = orgs.lookup("NHS Birmingham and Solihull CCG")
    assert [c.type for c in ccg] == ["clinical-commissioning-group"] and ccg[0].valid_to == "2022-06-30"
    assert orgs.lookup("NHS Birmingham and Solihull CCG", on="2022-06-30") == ccg
    assert orgs.lookup("NHS Birmingham and Solihull CCG", on="2022-07-01") == []
    assert orgs.lookup("BSol ICB", on="2021-01-01") == []
    assert orgs.lookup("TVP", org_type="integrated-care-board") == []
    assert orgs.lookup("TVP", org_type="police-force")[0].iri == POLICE + "E23000029"


def test_serving_resolves_the_board_only_where_exactly_one_serves_the_area(orgs):
    sandwell, essex = "E08000028", "E10000012"
    assert orgs.serving_one(sandwell, "integrated-care-board").iri == ICB + "E54000062"  # Black Country
    assert orgs.serving_one(sandwell, "police-force").label == "West Midlands Police"
    assert len(orgs.serving(essex, "integrated-care-board")) == 3
    assert orgs.serving_one(essex, "integrated-care-board") is None
    assert orgs.serving_one(essex, "police-force").label == "Essex Police"
    assert orgs.serving_one(sandwell, "integrated-care-board", on="2020-01-01") is None  # no ICBs before July 2022


def test_serving_reads_a_superseded_area_as_its_successors(orgs):
    northamptonshire = "E10000021"
    assert orgs.serving_one(northamptonshire, "police-force").label == "Northamptonshire Police"
    assert orgs.serving_one(northamptonshire, "integrated-care-board").label == (
        "NHS Northamptonshire Integrated Care Board"
    )


def test_one_force_across_every_area_it_serves(orgs):
    tvp = orgs.lookup("Thames Valley Police")[0]
    served = orgs.areas_served(tvp.iri)
    assert len(served) == 9 and "E06000038" in served  # Reading
    assert {orgs.serving_one(code, "police-force").iri for code in served} == {tvp.iri}
    assert orgs.get(tvp.iri) == tvp and tvp.code == "E23000029"


TEXT = """The statutory safeguarding partners are Reading Borough Council, Thames Valley Police and NHS Buckinghamshire,
Oxfordshire and Berkshire West ICB. Members include the Thames Valley Police and Crime Commissioner, Royal Berkshire
Fire & Rescue Service and TVP. Essex Police, Fire and Crime Commissioner attends. West Midlands Police and West Midlands
Fire Service signed. The board reports to Surrey. Police attend. NHS Birmingham and Solihull CCG closed in 2022."""


def test_find_gives_every_name_in_a_text_with_exact_offsets(orgs):
    found = orgs.find(TEXT)
    assert all(TEXT[m.start : m.end] == m.text for m in found)
    assert [(m.text.replace("\n", " "), [c.label for c in m.candidates]) for m in found] == [
        ("Thames Valley Police", ["Thames Valley Police"]),
        (
            "NHS Buckinghamshire, Oxfordshire and Berkshire West ICB",
            ["NHS Buckinghamshire, Oxfordshire and Berkshire West Integrated Care Board"],
        ),
        ("Royal Berkshire Fire & Rescue Service", ["Royal Berkshire Fire and Rescue Service"]),
        ("TVP", ["Thames Valley Police"]),
        ("West Midlands Police", ["West Midlands Police"]),
        ("West Midlands Fire Service", ["West Midlands Fire Service"]),
        ("NHS Birmingham and Solihull CCG", ["NHS Birmingham and Solihull CCG"]),
    ]  # names wrapped onto a new line, but not a commissioner, nor "Surrey. Police" across a sentence end


def test_find_never_joins_list_items_or_paragraphs_and_filters_by_day(orgs):
    for text in (
        "Partners:\n- Surrey\n- Police\n",
        "Partners:\n1. Surrey\n2. Police",
        "Surrey\n\nPolice",
        "Surrey; Police",
    ):
        assert orgs.find(text) == [], text
    assert [m.text for m in orgs.find("Partners:\n- Surrey Police\n- NHS Surrey Heartlands ICB")] == [
        "Surrey Police",
        "NHS Surrey Heartlands ICB",
    ]
    assert orgs.find("NHS Birmingham and Solihull CCG", on="2023-01-01") == []
