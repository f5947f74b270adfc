"""The ontology and its SKOS schemes: parse, label, define, and agree with namespaces.py."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from sgkg import ontology, shapes
from sgkg.ontology.namespaces import SGKG, VOCAB

ONTOLOGY_IRI = URIRef("https://w3id.org/sgkg/def")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

# Concept ids the data model (docs/data-model.md) promises, per scheme.
PROMISED = {
    "partnership-type": "safeguarding-children-partnership local-safeguarding-children-board safeguarding-adults-board "
    "community-safety-partnership health-and-wellbeing-board non-statutory-partnership subgroup",
    "org-type": "local-authority clinical-commissioning-group integrated-care-board police-force "
    "police-and-crime-commissioner "
    "nhs-trust fire-and-rescue probation community-rehabilitation-company voluntary-sector education healthwatch "
    "public-health childrens-trust youth-justice other",
    "membership-role": "statutory-partner relevant-agency responsible-authority member",
    "post-role": "chair vice-chair independent-chair co-chair independent-scrutineer lay-member lead-representative "
    "signatory business-manager",
    "duty-type": "publish-strategic-plan publish-annual-report safeguarding-adults-reviews "
    "child-safeguarding-practice-reviews "
    "jsna joint-health-and-wellbeing-strategy domestic-homicide-reviews strategic-assessment partnership-plan "
    "coordinate-and-ensure-effectiveness publish-arrangements independent-scrutiny encourage-integrated-working "
    "information-sharing-protocol consult-community other",
    "theme": "neglect domestic-abuse early-help child-exploitation",
    "relationship-kind": "joint-protocol reports-to presents-annual-report-to shares-strategic-assessment-with "
    "joint-chairs-meeting represented-on progress-update-to shares-plans-with member-of shares-business-unit-with",
    "frequency": "weekly monthly bi-monthly quarterly six-monthly annually biennially ongoing as-required",
    "review-type": "serious-case-review child-safeguarding-practice-review safeguarding-adults-review "
    "domestic-homicide-review learning-review rapid-review child-death-review",
    "document-kind": "protocol arrangements annual-report report-to-council strategy terms-of-reference other",
}
ACRONYMS = "SAB LSCB HWB HWBB CSP CCG ICB PCC SCR CSPR SAR DHR JSNA".split()


@pytest.fixture(scope="module")
def sgkg_ttl() -> Graph:
    return Graph().parse(data=(ontology.files() / "sgkg.ttl").read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def package_graph() -> Graph:
    return ontology.load()


def _defined(graph: Graph) -> set[str]:
    ns = str(SGKG._NS)
    return {str(s)[len(ns) :] for t in TERM_TYPES for s in graph.subjects(RDF.type, t) if str(s).startswith(ns)}


def test_ontology_header(sgkg_ttl):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in sgkg_ttl
    for predicate in (DCTERMS.title, DCTERMS.description, OWL.versionInfo):
        assert sgkg_ttl.value(ONTOLOGY_IRI, predicate), f"the ontology header lacks {predicate}"


def test_namespace_terms_equal_terms_defined_in_turtle(sgkg_ttl):
    in_python = set(SGKG.__annotations__)
    in_turtle = _defined(sgkg_ttl)
    assert in_python - in_turtle == set(), "terms in namespaces.SGKG not defined in sgkg.ttl"
    assert in_turtle - in_python == set(), "terms defined in sgkg.ttl missing from namespaces.SGKG"


def test_every_term_is_labelled_defined_and_says_why_it_was_minted(sgkg_ttl):
    for name in sorted(_defined(sgkg_ttl)):
        term = SGKG[name]
        labels = [o for o in sgkg_ttl.objects(term, RDFS.label) if isinstance(o, Literal) and o.language == "en"]
        assert len(labels) == 1, f"sgkg:{name} needs exactly one English rdfs:label"
        assert sgkg_ttl.value(term, SKOS.definition), f"sgkg:{name} has no skos:definition"
        comment = str(sgkg_ttl.value(term, RDFS.comment) or "")
        assert "minted" in comment.lower(), f"sgkg:{name}: rdfs:comment should say why the term was minted"


def test_classes_extend_standard_classes(sgkg_ttl):
    for cls in sgkg_ttl.subjects(RDF.type, OWL.Class):
        supers = list(sgkg_ttl.objects(cls, RDFS.subClassOf))
        assert supers, f"{cls} has no rdfs:subClassOf"
    assert (
        SGKG.Partnership,
        RDFS.subClassOf,
        URIRef("http://www.w3.org/ns/org#OrganizationalCollaboration"),
    ) in sgkg_ttl
    assert (SGKG.Evidence, RDFS.subClassOf, RDF.Statement) in sgkg_ttl


def _used_sgkg_terms(files) -> dict[str, set[str]]:
    ns = str(SGKG._NS)
    used: dict[str, set[str]] = {}
    for f in files:
        graph = Graph().parse(data=f.read_text(encoding="utf-8"), format="turtle")
        for triple in graph:
            for node in triple:
                if isinstance(node, URIRef) and str(node).startswith(ns):
                    used.setdefault(str(node)[len(ns) :], set()).add(f.name)
    return used


def test_no_undeclared_sgkg_terms_in_ontology_vocabularies_and_shapes(sgkg_ttl):
    defined = _defined(sgkg_ttl)
    used = _used_sgkg_terms(ontology.turtle_files() + shapes.turtle_files())
    undeclared = {term: sorted(where) for term, where in used.items() if term not in defined}
    assert undeclared == {}, f"sgkg: terms used but not defined in sgkg.ttl: {undeclared}"


def test_sparql_in_shapes_uses_only_declared_sgkg_terms(sgkg_ttl):
    import re

    defined = _defined(sgkg_ttl)
    for f in shapes.turtle_files():
        for term in re.findall(r"sgkg:([A-Za-z]+)", f.read_text(encoding="utf-8")):
            assert term in defined, f"{f.name} uses sgkg:{term}, which sgkg.ttl does not define"


def _schemes(graph: Graph) -> dict[str, URIRef]:
    return {str(s).rsplit("/", 1)[-1]: s for s in graph.subjects(RDF.type, SKOS.ConceptScheme)}


def test_one_scheme_file_per_closed_vocabulary():
    files = {f.name[:-4] for f in (ontology.files() / "vocabularies").iterdir() if f.name.endswith(".ttl")}
    assert files == set(PROMISED)
    for name in PROMISED:
        graph = Graph().parse(data=(ontology.files() / "vocabularies" / f"{name}.ttl").read_text(encoding="utf-8"))
        assert _schemes(graph) == {name: URIRef(str(VOCAB) + name)}, f"{name}.ttl should hold exactly its own scheme"


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_scheme_concepts_are_complete(package_graph, name):
    scheme = URIRef(str(VOCAB) + name)
    concepts = set(package_graph.subjects(SKOS.inScheme, scheme))
    assert concepts, f"scheme {name} has no concepts"
    assert set(package_graph.objects(scheme, SKOS.hasTopConcept)), f"scheme {name} has no top concept"
    ids = {str(c)[len(str(scheme)) + 1 :] for c in concepts}
    assert set(PROMISED[name].split()) <= ids, f"{name} lacks {set(PROMISED[name].split()) - ids}"
    for concept in concepts:
        assert str(concept).startswith(f"{scheme}/"), f"{concept} is not under {scheme}/"
        assert (concept, RDF.type, SKOS.Concept) in package_graph
        pref = [o for o in package_graph.objects(concept, SKOS.prefLabel) if o.language == "en"]
        assert len(pref) == 1, f"{concept} needs exactly one English prefLabel"
        assert package_graph.value(concept, SKOS.definition), f"{concept} has no skos:definition"
    for top in package_graph.objects(scheme, SKOS.hasTopConcept):
        assert top in concepts, f"top concept {top} is not in scheme {name}"


def test_acronyms_are_alt_labels(package_graph):
    alts = {str(o) for o in package_graph.objects(None, SKOS.altLabel)}
    assert set(ACRONYMS) - alts == set()


def test_theme_scheme_has_the_46_reference_themes(package_graph):
    scheme = URIRef(str(VOCAB) + "theme")
    assert len(set(package_graph.subjects(SKOS.inScheme, scheme))) == 46
    assert len(set(package_graph.objects(scheme, SKOS.hasTopConcept))) == 6
    assert package_graph.value(URIRef(str(VOCAB) + "theme/neglect"), SKOS.broader) == URIRef(
        str(VOCAB) + "theme/abuse-and-neglect"
    )


def test_partnership_types_carry_statutory_type_and_a_basis_in_the_reference_data(package_graph):
    scheme = URIRef(str(VOCAB) + "partnership-type")
    for concept in package_graph.subjects(SKOS.inScheme, scheme):
        statutory = package_graph.value(concept, SGKG.statutoryType)
        assert statutory is not None and statutory.datatype == URIRef("http://www.w3.org/2001/XMLSchema#boolean"), (
            concept
        )
        bases = list(package_graph.objects(concept, SGKG.statutoryBasis))
        if statutory.toPython():
            assert bases, f"statutory type {concept} has no sgkg:statutoryBasis"
        for basis in bases:
            kinds = set(package_graph.objects(basis, RDF.type))
            assert kinds & {SGKG.Legislation, SGKG.Provision}, f"{concept}: basis {basis} is not in the reference data"
    assert (
        package_graph.value(
            URIRef(str(VOCAB) + "partnership-type/non-statutory-partnership"), SGKG.statutoryType
        ).toPython()
        is False
    )


def test_docs_are_generated_from_the_turtle():
    from sgkg.ontology.docs import describe

    doc = describe()
    assert doc.version and doc.title
    assert {c.curie for c in doc.classes} | {p.curie for p in doc.properties} == {
        f"sgkg:{t}" for t in SGKG.__annotations__
    }
    partnership = next(c for c in doc.classes if c.curie == "sgkg:Partnership")
    assert "org:FormalOrganization" in {s.curie for s in partnership.superclasses}
    duty_of = next(p for p in doc.properties if p.curie == "sgkg:dutyOf")
    assert [t.curie for t in duty_of.domain] == ["sgkg:Duty"] and duty_of.kind == "object property"
    assert [s.name for s in doc.schemes] == sorted(PROMISED)
    frequency = next(s for s in doc.schemes if s.name == "frequency")
    assert all(c.label and c.definition for c in frequency.concepts)


def test_data_packages_import_nothing_of_ours_but_themselves():
    ours = {"ontology", "shapes", "queries", "ingest", "service"}
    root = Path(ontology.__file__).resolve().parent.parent
    for package in ("ontology", "shapes", "queries"):
        for path in (root / package).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else ([node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else [])
                )
                for name in names:
                    top = name.split(".")[0]
                    assert top not in ours - {package}, f"{path.name} imports {name}"
