"""Orchestration: load, unchanged re-ingest, nothing found, batches going on past failures."""

import pytest

from sgkg.ingest.errors import NothingFound


@pytest.fixture()
def store():
    from sgkg.ingest.store import open_store

    s = open_store(None)
    yield s
    s.close()


def test_ingest_then_unchanged(store, data_dir):
    from sgkg.ingest.ingest import ingest_source

    path = data_dir / "texts" / "rutland-protocol.txt"
    first = ingest_source(path, store)
    assert first.status == "loaded" and first.counts["partnerships"] >= 3
    second = ingest_source(path, store)
    assert second.status == "unchanged"


def test_nothing_found(tmp_path):
    from sgkg.ingest.ingest import extract
    from sgkg.ingest.readers import read_source

    f = tmp_path / "note.txt"
    f.write_text("Minutes of a meeting in Rutland about parking on the high street.\n", encoding="utf-8")
    with pytest.raises(NothingFound):
        extract(read_source(f, max_bytes=10**6, fetch_timeout=5))


def test_batch_goes_on_past_failures(store, data_dir, tmp_path):
    from sgkg.ingest.ingest import ingest_many

    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    results = ingest_many([str(empty), str(data_dir / "texts" / "rutland-protocol.txt")], store, progress=False)
    assert [r.status for r in results] == ["failed", "loaded"]
    assert results[0].error


# --- a page whose text names no area: the area its address names ----------------------------------------------

COMMITTEE_PAGE = (
    "Agenda item\n\nHealth and Wellbeing Board - Revised Terms of Reference\n\n"
    "The Health and Wellbeing Board is a formal committee of the local authority established under section 194 "
    "of the Health and Social Care Act 2012.\n"
)


@pytest.mark.parametrize(
    "url, name",
    [
        ("https://northnorthants.moderngov.co.uk/mgAi.aspx?ID=1", "North Northamptonshire"),
        ("https://democracy.royalgreenwich.gov.uk/ieListDocuments.aspx", "Greenwich"),
        ("https://committee.nottinghamcity.gov.uk/mgAi.aspx?ID=2", "Nottingham"),
        ("https://www.east-sussex.gov.uk/social-care", "East Sussex"),
        ("https://www.safeguardingsandwell.org.uk/about", "Sandwell"),
    ],
)
def test_the_area_of_an_address(url, name):
    from sgkg.ingest.ingest import area_from_address
    from sgkg.ingest.patterns import load_reference

    areas = load_reference().areas
    assert area_from_address(url, areas) == areas.lookup(name)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.gov.uk/government/publications/working-together",
        "http://2130706433/",
        "https://docslib.org/doc/1/annual-report",
        "https://www.lbhf.gov.uk/",  # initials: no area's name
        "file:///tmp/birmingham.txt",
        "birmingham-minutes.txt",  # a file name is not an address
    ],
)
def test_no_area_from_an_address_that_names_none(url):
    from sgkg.ingest.ingest import area_from_address
    from sgkg.ingest.patterns import load_reference

    assert area_from_address(url, load_reference().areas) is None


def test_a_page_naming_no_area_takes_the_area_of_its_address_and_says_so():
    from sgkg.ingest.errors import UnknownArea
    from sgkg.ingest.ingest import extract
    from sgkg.ingest.patterns import load_reference
    from sgkg.ingest.readers import read_bytes

    data = COMMITTEE_PAGE.encode("utf-8")
    with pytest.raises(UnknownArea):
        extract(read_bytes(data, "minutes.txt", max_bytes=10**6))
    found = extract(read_bytes(data, "https://northnorthants.moderngov.co.uk/mgAi.aspx?ID=9", max_bytes=10**6))
    code = load_reference().areas.lookup("North Northamptonshire")
    assert found.facts.areas == (code,)
    assert any(p.areas == (code,) for p in found.facts.partnerships), found.facts.partnerships
    assert any("taken from the address northnorthants.moderngov.co.uk" in w for w in found.facts.warnings)
