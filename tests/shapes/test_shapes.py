"""Every shape has a passing and a failing fixture; every constraint speaks plain English."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, ORG, PROV, RDF, SH, SKOS

from sgkg import shapes
from sgkg.ingest.validate import shapes_graph, validate
from sgkg.ontology.namespaces import SGKG, VOCAB

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "shapes"
EXPECT = "# expect: "

# Classes the ingestion writes (docs/data-model.md, "Extracted data" and provenance).
WRITTEN = {
    SGKG.SourceDocument,
    SGKG.ExtractionActivity,
    PROV.SoftwareAgent,
    SGKG.Partnership,
    SGKG.Subgroup,
    SGKG.Organisation,
    ORG.Membership,
    ORG.Post,
    FOAF.Person,
    SGKG.Duty,
    SGKG.Priority,
    SGKG.Relationship,
    SGKG.Review,
    SGKG.Figure,
    SGKG.Value,
    SGKG.Evidence,
}
# The extracted classes: every node needs an Evidence node pointing at it.
EXTRACTED = WRITTEN - {SGKG.SourceDocument, SGKG.ExtractionActivity, PROV.SoftwareAgent, SGKG.Evidence}


TARGETS = (SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf, SH.targetNode)


def node_shapes() -> list[URIRef]:
    """Named shapes with a target, found in the shapes package (a new shape joins the tests by itself)."""
    graph = shapes_graph()
    return sorted({s for t in TARGETS for s in graph.subjects(t, None) if isinstance(s, URIRef)})


def targeted_nodes(shape: URIRef, data: Graph) -> set:
    """The nodes of `data` that `shape` targets (class, objects-of, subjects-of or explicit node targets)."""
    graph = shapes_graph()
    found = {s for c in graph.objects(shape, SH.targetClass) for s in data.subjects(RDF.type, c)}
    found |= {o for p in graph.objects(shape, SH.targetObjectsOf) for o in data.objects(None, p)}
    found |= {s for p in graph.objects(shape, SH.targetSubjectsOf) for s in data.subjects(p, None)}
    found |= set(graph.objects(shape, SH.targetNode))
    return found


def local(shape: URIRef) -> str:
    return str(shape).rsplit("#", 1)[-1]


def _property_shapes(graph: Graph):
    return set(graph.objects(None, SH.property))


def _messages_of(graph: Graph, shape: URIRef) -> set[str]:
    owned = [shape, *graph.objects(shape, SH.property)]
    owned += [c for s in list(owned) for c in graph.objects(s, SH.sparql)]
    return {str(m) for s in owned for m in graph.objects(s, SH.message)}


def test_shapes_parse_and_cover_every_written_class():
    targets = set(shapes_graph().objects(None, SH.targetClass))
    assert WRITTEN - targets == set(), "classes the ingestion writes without a shape"


def test_every_constraint_has_a_message_and_a_severity():
    graph = shapes_graph()
    for prop in _property_shapes(graph):
        path = graph.value(prop, SH.path)
        assert graph.value(prop, SH.message), f"property shape on {path} has no sh:message"
        assert graph.value(prop, SH.severity) in (SH.Violation, SH.Warning), f"property shape on {path}: no sh:severity"
    for owner, constraint in graph.subject_objects(SH.sparql):
        assert graph.value(constraint, SH.message) or graph.value(owner, SH.message), f"SPARQL constraint of {owner}"
        assert graph.value(owner, SH.severity) in (SH.Violation, SH.Warning), (
            f"{owner} has a SPARQL constraint but no severity"
        )


def test_extracted_classes_require_evidence():
    graph = shapes_graph()
    for shape in node_shapes():
        targets = set(graph.objects(shape, SH.targetClass))
        if len(targets) != 1 or not targets & EXTRACTED:
            continue
        inverse = {graph.value(graph.value(p, SH.path), SH.inversePath) for p in graph.objects(shape, SH.property)}
        assert inverse & {RDF.subject, RDF.object}, f"{local(shape)} does not insist on evidence"


def test_vocabulary_membership_is_checked_by_pattern_on_existing_schemes():
    from sgkg import ontology

    graph = shapes_graph()
    schemes = {str(s) for s in ontology.load().subjects(RDF.type, SKOS.ConceptScheme)}
    assert not set(graph.subjects(SH["class"], SKOS.Concept)), "use sh:pattern, not sh:class, for vocabularies"
    patterns = [str(p) for p in graph.objects(None, SH.pattern) if str(p).startswith("^" + str(VOCAB))]
    assert patterns
    for pattern in patterns:
        assert pattern[1:].rstrip("/") in schemes, f"{pattern} names no SKOS scheme"


def test_every_shape_has_fixtures():
    missing = [
        f"{local(s)}.{kind}.ttl"
        for s in node_shapes()
        for kind in ("pass", "fail")
        if not (FIXTURES / f"{local(s)}.{kind}.ttl").is_file()
    ]
    assert missing == [], f"shapes without fixtures in {FIXTURES}"
    orphans = {f.name.split(".")[0] for f in FIXTURES.glob("*.ttl")} - {local(s) for s in node_shapes()}
    assert orphans == set(), "fixtures of shapes that no longer exist"


@pytest.mark.parametrize("shape", node_shapes(), ids=local)
def test_passing_fixture_is_clean(shape):
    path = FIXTURES / f"{local(shape)}.pass.ttl"
    if not path.is_file():
        pytest.fail(f"{path.name} is missing")
    data = Graph().parse(path, format="turtle")
    assert targeted_nodes(shape, data), f"{path.name} holds no node that {local(shape)} targets"
    report = validate(data)
    assert report.conforms and report.results == [], report.text


@pytest.mark.parametrize("shape", node_shapes(), ids=local)
def test_failing_fixture_produces_the_expected_message(shape):
    path = FIXTURES / f"{local(shape)}.fail.ttl"
    if not path.is_file():
        pytest.fail(f"{path.name} is missing")
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(EXPECT), f"{path.name} must start with '{EXPECT}<sh:message>'"
    expected = first[len(EXPECT) :]
    assert expected in _messages_of(shapes_graph(), shape), f"{local(shape)} has no message {expected!r}"
    report = validate(Graph().parse(path, format="turtle"))
    produced = {(r.shape, r.message) for r in report.results}
    assert (str(shape), expected) in produced, report.text


def test_shapes_package_files_are_turtle_families():
    names = {f.name for f in shapes.turtle_files()}
    assert {
        "documents-provenance.ttl",
        "partnerships.ttl",
        "organisations-roles.ttl",
        "duties-priorities.ttl",
        "relationships-reviews-figures.ttl",
    } <= names
