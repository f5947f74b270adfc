"""Reference data generated from the verified CSVs: content checks and a regeneration check."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from sgkg import ontology
from sgkg.ontology.build_reference import OUTPUTS, area_alt_labels, build, legislation_alt_labels, provision_label
from sgkg.ontology.namespaces import ID, SGKG

CHILDREN_ACT_2004 = URIRef("http://www.legislation.gov.uk/id/ukpga/2004/31")


def _committed(name: str) -> Graph:
    return Graph().parse(data=(ontology.files() / "reference" / name).read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def reference() -> Graph:
    graph = Graph()
    for name in OUTPUTS:
        graph += _committed(name)
    return graph


def test_children_act_2004_has_its_title_and_citation_variants(reference):
    assert (CHILDREN_ACT_2004, RDF.type, SGKG.Legislation) in reference
    assert str(reference.value(CHILDREN_ACT_2004, DCTERMS.title)) == "Children Act 2004"
    assert reference.value(CHILDREN_ACT_2004, SGKG.legislationType).toPython() == "ukpga"
    assert reference.value(CHILDREN_ACT_2004, SGKG.number).toPython() == 31
    assert "2004 Children Act" in {str(a) for a in reference.objects(CHILDREN_ACT_2004, SKOS.altLabel)}


def test_areas_current_and_superseded(reference):
    areas = set(reference.subjects(RDF.type, SGKG.Area))
    current = {a for a in areas if reference.value(a, DCTERMS.isReplacedBy) is None}
    assert len(current) >= 153
    notations = Counter(str(reference.value(a, SKOS.notation)) for a in areas)
    assert all(n == 1 for n in notations.values()), "GSS notations must be unique"
    for area in areas:
        assert str(area) == str(ID["area/" + str(reference.value(area, SKOS.notation))])
        assert str(reference.value(area, SKOS.exactMatch)).endswith(str(reference.value(area, SKOS.notation)))
        assert reference.value(area, RDFS.label) and reference.value(area, SGKG.areaType)
    for old, new in reference.subject_objects(DCTERMS.isReplacedBy):
        if old in areas:
            assert new in areas, f"{old} is replaced by {new}, which is not an area"


def test_provisions_are_part_of_known_legislation(reference):
    provisions = set(reference.subjects(RDF.type, SGKG.Provision))
    assert len(provisions) > 100
    for provision in provisions:
        act = reference.value(provision, DCTERMS.isPartOf)
        assert (act, RDF.type, SGKG.Legislation) in reference, f"{provision} is part of unknown {act}"
        assert str(provision).startswith(str(act) + "/")
        assert reference.value(provision, SGKG.sectionNumber) and reference.value(provision, RDFS.label)
    s16e = URIRef(str(CHILDREN_ACT_2004) + "/section/16E")
    assert str(reference.value(s16e, RDFS.label)) == "section 16E of the Children Act 2004"


def test_guidance_editions(reference):
    wt2018 = ID["guidance/working-together-2018"]
    assert (wt2018, RDF.type, SGKG.Guidance) in reference
    assert reference.value(wt2018, DCTERMS.replaces) == ID["guidance/working-together-2015"]
    assert reference.value(wt2018, DCTERMS.issued) is not None


def test_citation_variants_follow_rules():
    assert legislation_alt_labels("Crime and Disorder Act 1998") == [
        "1998 Crime and Disorder Act",
        "Crime & Disorder Act 1998",
    ]
    assert "Local Safeguarding Children Boards Regulation 2006" in legislation_alt_labels(
        "Local Safeguarding Children Boards Regulations 2006"
    )
    assert legislation_alt_labels("Something without a year") == []
    assert area_alt_labels("Bristol, City of", "unitary") == ["City of Bristol", "Bristol", "Bristol Council"]
    assert area_alt_labels("Kent", "county", superseded=True) == ["Kent County Council"]
    assert (
        provision_label("http://www.legislation.gov.uk/id/ukpga/2014/23/schedule/2", "Sch 2", "Care Act 2014")
        == "Schedule 2 to the Care Act 2014"
    )


def test_committed_reference_files_match_a_regeneration(shared_dir, tmp_path):
    build(shared_dir / "reference", tmp_path)
    for name in OUTPUTS:
        fresh = Graph().parse(tmp_path / name, format="turtle")
        committed = _committed(name)
        missing, extra = set(fresh) - set(committed), set(committed) - set(fresh)
        assert not missing and not extra, (
            f"ontology/reference/{name} is stale: {len(missing)} triples to add, {len(extra)} to remove; "
            "run `python -m sgkg.ontology.build_reference ../shared/reference`"
        )


def test_area_short_names_find_their_area_and_name_their_source():
    """ "B&NES", "BCP", "Herts": short names councils and counties go by find the area (issue 10: a page that
    names its area only so was an unknown-area error); each comes from a described list."""
    import csv

    from sgkg.ingest.patterns import load_reference
    from sgkg.ontology.build_reference import SOURCES

    index = load_reference().areas
    lists = {row["list"] for row in csv.DictReader((SOURCES / "lists.csv").open(encoding="utf-8"))}
    rows = list(csv.DictReader((SOURCES / "area-short-names.csv").open(encoding="utf-8")))
    assert rows
    for row in rows:
        assert index.lookup(row["alt_label"]) == row["gss_code"], row
        assert row["source"] in lists, row
    assert index.find("the Newcastle-under-Lyme area") == []  # a longer place name is not the short one
