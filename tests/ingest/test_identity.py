"""Identifiers: the data model's slug rules and keys."""

from sgkg.ingest import identity


def test_slug_rules():
    assert identity.slug("Sandwell Children’s Safeguarding Partnership") == "sandwell-children-safeguarding-partnership"
    assert identity.slug("Health & Wellbeing Board") == "health-and-wellbeing-board"
    assert identity.slug("Safeguarding Adults Board") == identity.slug("Safeguarding Adult Board")
    assert identity.slug("  --Odd__name--  ") == "odd-name"


def test_partnership_key_drops_area_and_sorts_joint_codes():
    key = identity.partnership_key("Rutland Safeguarding Adults Board", ["E06000017"], ["rutland"])
    assert key == "E06000017/safeguarding-adult-board"
    joint = identity.partnership_key("Joint Board", ["E2", "E1"], [])
    assert joint.startswith("E1+E2/")


def test_person_name_drops_honorifics():
    assert identity.person_name("Chief Superintendent Richard Roe") == "Richard Roe"
    assert identity.person_name("Cllr Ann Example") == "Ann Example"
    assert identity.person_iri("Dr. Jo Bloggs QPM").endswith("person/jo-bloggs")


def test_area_index_finds_main_area():
    index = identity.AreaIndex([identity.Area("E06000017", "Rutland", ()), identity.Area("E06000016", "Leicester", ())])
    text = "Rutland ... Rutland board ... Leicester once ... Rutland"
    assert index.main_areas(text) == ["E06000017"]
    assert index.lookup("rutland") == "E06000017"
    assert index.lookup("E06000016") == "E06000016"


def test_a_name_shared_with_a_superseded_code_finds_the_current_code():
    from sgkg.ingest.identity import Area, AreaIndex

    index = AreaIndex([Area("E08000020", "Gateshead", (), current=False), Area("E08000037", "Gateshead", ())])
    assert index.lookup("Gateshead") == "E08000037"
    assert index.find("the Gateshead partnership") == [(4, 13, "E08000037")]


def test_reference_areas_prefer_current_codes():
    from sgkg.ingest.patterns import load_reference

    assert load_reference().areas.lookup("Gateshead") == "E08000037"
