"""Reference organisations (police forces, ICBs, CCGs, fire and rescue services, probation regions):
counts, succession, lifespans, sources, the areas each serves, and names found by the lookup."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from sgkg import ontology
from sgkg.ontology.build_reference import SOURCES, organisation_iri
from sgkg.ontology.namespaces import ID, ORG_TYPE, SGKG

CHANGEOVER = Literal("2022-07-01T00:00:00+01:00", datatype=XSD.dateTime)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return ontology.load()


def _of_type(graph: Graph, org_type: str) -> set:
    return set(graph.subjects(ORG.classification, ORG_TYPE[org_type]))


def _current_areas(graph: Graph) -> set:
    return {a for a in graph.subjects(RDF.type, SGKG.Area) if graph.value(a, DCTERMS.isReplacedBy) is None}


def test_counts_per_kind(graph):
    forces = _of_type(graph, "police-force")
    with_area = {f for f in forces if graph.value(f, DCTERMS.identifier) is not None}
    assert len(with_area) == 43 and len(forces) == 44  # the 43 territorial forces and British Transport Police
    assert sum(str(graph.value(f, DCTERMS.identifier)).startswith("W15") for f in with_area) == 4
    assert len(_of_type(graph, "integrated-care-board")) == 42
    assert len(_of_type(graph, "clinical-commissioning-group")) == 106
    assert len(_of_type(graph, "fire-and-rescue")) == 44
    assert len(_of_type(graph, "probation")) == 12


def test_every_organisation_is_an_org_organisation_with_labels_and_a_type_concept(graph):
    for org in graph.subjects(RDF.type, ORG.FormalOrganization):
        assert (org, RDF.type, ORG.Organization) in graph, org
        kind = graph.value(org, ORG.classification)
        assert (kind, SKOS.inScheme, URIRef(str(ORG_TYPE).rstrip("/"))) in graph, (
            f"{org}: {kind} is no org-type concept"
        )
        assert str(org).startswith(str(ID["organisation/"]) + str(kind).rsplit("/", 1)[-1] + "/")
        pref = [o for o in graph.objects(org, SKOS.prefLabel) if o.language == "en"]
        assert len(pref) == 1 and graph.value(org, RDFS.label) == pref[0], org


def test_every_organisation_cites_a_described_source_list(graph):
    for org in graph.subjects(RDF.type, ORG.FormalOrganization):
        lists = list(graph.objects(org, DCTERMS.source))
        assert lists, f"{org} has no dcterms:source"
        for node in lists:
            assert (node, RDF.type, PROV.Entity) in graph and graph.value(node, RDFS.label), node
            note = str(graph.value(node, SKOS.editorialNote) or "")
            assert note.startswith("Reference data check - checked: "), f"{node} does not say how far it was checked"
    fire = organisation_iri("fire-and-rescue", "london")
    assert URIRef("https://www.justiceinspectorates.gov.uk/hmicfrs/fire-and-rescue-services/") in {
        graph.value(s, DCTERMS.source) for s in graph.objects(fire, DCTERMS.source)
    }


def test_each_ccg_is_succeeded_by_exactly_one_icb_on_1_july_2022(graph):
    icbs = _of_type(graph, "integrated-care-board")
    for ccg in _of_type(graph, "clinical-commissioning-group"):
        successors = list(graph.objects(ccg, DCTERMS.isReplacedBy))
        assert len(successors) == 1 and successors[0] in icbs, ccg
        assert (successors[0], DCTERMS.replaces, ccg) in graph
        assert graph.value(ccg, PROV.invalidatedAtTime) == CHANGEOVER
        assert str(graph.value(ccg, DCTERMS.identifier)).startswith("E38")
    for icb in icbs:
        assert graph.value(icb, PROV.generatedAtTime) == CHANGEOVER
        assert str(graph.value(icb, DCTERMS.identifier)).startswith("E54") and graph.value(icb, SGKG.odsCode)
        assert list(graph.objects(icb, DCTERMS.replaces)), f"{icb} replaces no CCG"


@pytest.mark.parametrize("org_type", ["police-force", "fire-and-rescue", "probation"])
def test_every_current_english_area_is_served_by_exactly_one(graph, org_type):
    served = Counter(a for org in _of_type(graph, org_type) for a in graph.objects(org, DCTERMS.coverage))
    current = _current_areas(graph)
    assert set(served) == current, f"areas without a {org_type}: {sorted(current - set(served))}"
    assert {a for a, n in served.items() if n > 1} == set()


def test_icbs_cover_every_area_and_agree_with_the_areas_their_ccgs_were_named_after(graph, shared_dir):
    """The hand-compiled ICB areas, checked against the ONS CCG -> ICB lookup: every area named in a CCG's
    name ("NHS Bedfordshire, Luton and Milton Keynes CCG") is served by the ICB the CCG became part of,
    unless the lookup says the CCG's boundary changed in July 2022 (West Birmingham moved to another board)."""
    from sgkg.ingest.patterns import load_reference

    covered = {a for icb in _of_type(graph, "integrated-care-board") for a in graph.objects(icb, DCTERMS.coverage)}
    assert covered == _current_areas(graph)
    ref = load_reference()
    with open(shared_dir / "reference" / "ccg-2021-icb-2022.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["boundaries_changed_ccg_loc"] == "False"]
    checked = 0
    for row in rows:
        stem = row["CCG21NM"].removeprefix("NHS ").removesuffix(" CCG")
        for _, _, code in ref.areas.find(stem):
            boards = {c.code for c in ref.organisations.serving(code, "integrated-care-board")}
            assert row["ICB22CD"] in boards, (
                f"{row['CCG21NM']} became part of {row['ICB22NM']}, which does not serve {code}"
            )
            checked += 1
    assert checked >= 85


def test_source_csvs_name_only_known_areas_and_organisations(graph, shared_dir):
    areas = {str(graph.value(a, SKOS.notation)) for a in graph.subjects(RDF.type, SGKG.Area)}
    for name in ("police-force-area-members.csv", "icb-area-members.csv", "fire-and-rescue-area-members.csv"):
        with open(SOURCES / name, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert rows and {r["area_code"] for r in rows} <= areas, name
    with open(shared_dir / "reference" / "ccg-2021-icb-2022.csv", newline="", encoding="utf-8") as f:
        icb_codes = {r["ICB22CD"] for r in csv.DictReader(f)}
    with open(SOURCES / "icb-area-members.csv", newline="", encoding="utf-8") as f:
        assert {r["icb_code"] for r in csv.DictReader(f)} == icb_codes


def test_thames_valley_police_and_birmingham_and_solihull_icb_carry_their_common_names(graph):
    tvp = organisation_iri("police-force", "E23000029")
    assert str(graph.value(tvp, SKOS.prefLabel)) == "Thames Valley Police"
    assert "TVP" in {str(a) for a in graph.objects(tvp, SKOS.altLabel)}
    assert str(graph.value(tvp, DCTERMS.identifier)) == "E23000029"
    bsol = organisation_iri("integrated-care-board", "E54000055")
    assert str(graph.value(bsol, SKOS.prefLabel)) == "NHS Birmingham and Solihull Integrated Care Board"
    assert {"Birmingham and Solihull ICB", "BSol ICB", "NHS Birmingham and Solihull"} <= {
        str(a) for a in graph.objects(bsol, SKOS.altLabel)
    }


def test_reference_organisations_are_not_extracted_organisations(graph):
    """Reference organisations are org:FormalOrganization, never sgkg:Organisation (the class of extracted
    agencies that the shapes and named queries select), and carry no dcterms:spatial."""
    orgs = set(graph.subjects(RDF.type, ORG.FormalOrganization))
    assert len(orgs) == 248
    assert not orgs & set(graph.subjects(RDF.type, SGKG.Organisation))
    assert not orgs & set(graph.subjects(DCTERMS.spatial, None))


@pytest.mark.parametrize(
    "name, iri",
    [
        ("TVP", organisation_iri("police-force", "E23000029")),
        ("Thames Valley Constabulary", organisation_iri("police-force", "E23000029")),
        ("BSol ICB", organisation_iri("integrated-care-board", "E54000055")),
        ("NHS Birmingham & Solihull", organisation_iri("integrated-care-board", "E54000055")),
        ("Birmingham and Solihull Integrated Care Board", organisation_iri("integrated-care-board", "E54000055")),
        ("Hampshire Constabulary", organisation_iri("police-force", "E23000030")),
        ("London Fire and Emergency Planning Authority", organisation_iri("fire-and-rescue", "london")),
        ("South Central probation region", organisation_iri("probation", "south-central")),
    ],
)
def test_the_reference_names_resolve_tricky_variants(name, iri):
    from sgkg.ingest.patterns import load_reference

    assert [c.iri for c in load_reference().organisations.lookup(name)] == [str(iri)]


@pytest.mark.parametrize(
    "area, expected",
    [
        (
            "E06000038",
            {
                "police-force": "E23000029",
                "integrated-care-board": "E54000044",  # Reading
                "fire-and-rescue": "royal-berkshire",
                "probation": "south-central",
            },
        ),
        (
            "E08000028",
            {
                "police-force": "E23000014",
                "integrated-care-board": "E54000062",  # Sandwell
                "fire-and-rescue": "west-midlands",
                "probation": "west-midlands",
            },
        ),
    ],
)
def test_serving_names_one_body_of_each_kind_for_two_areas(area, expected):
    from sgkg.ingest.patterns import load_reference

    orgs = load_reference().organisations
    for org_type, key in expected.items():
        assert orgs.serving_one(area, org_type).iri == str(organisation_iri(org_type, key)), (area, org_type)


def test_every_alt_label_row_names_a_reference_organisation(graph):
    with open(SOURCES / "alt-labels.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        iri = ID["organisation/" + row["organisation"]]
        assert (iri, ORG.classification, None) in graph, (
            f"alt-labels.csv names {row['organisation']}, which is no organisation"
        )
        assert Literal(row["alt_label"], lang="en") in set(graph.objects(iri, SKOS.altLabel)), row
