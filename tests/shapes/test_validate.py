"""sgkg.ingest.validate: reports are values, failures are exceptions."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from sgkg.ingest.errors import RdfSyntaxError
from sgkg.ingest.validate import ValidationReport, parse, validate, validate_store

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "shapes"
BAD_PARTNERSHIP = """
@prefix sgkg: <https://w3id.org/sgkg/def#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/sgkg/id/partnership/E09999999/x> a sgkg:Partnership ; rdfs:label "Example Board" .
"""


def test_non_conformance_is_a_readable_value():
    report = validate(parse(BAD_PARTNERSHIP))
    assert isinstance(report, ValidationReport) and not report.conforms
    assert report.violations and all(r.severity == "Violation" for r in report.violations)
    line = (
        "Violation: focus Example Board: A partnership must have exactly one type (org:classification) "
        "from the partnership-type scheme. (org:classification)"
    )
    assert line in report.text.splitlines()
    result = next(r for r in report.violations if r.path == "org:classification")
    assert result.focus == "https://w3id.org/sgkg/id/partnership/E09999999/x"
    assert result.shape == "https://w3id.org/sgkg/shapes#PartnershipShape"
    assert len(report.graph) > 0


def test_warnings_alone_conform():
    report = validate(Graph().parse(FIXTURES / "SoftwareAgentShape.fail.ttl"))
    assert report.conforms and report.warnings and not report.violations
    assert report.text.startswith("Conforms: yes (0 violations, 1 warnings)")


def test_empty_graph_conforms():
    assert validate(Graph()).conforms


def test_unreadable_data_raises():
    with pytest.raises(RdfSyntaxError) as err:
        parse("<a> <b> .", where="broken.ttl")
    assert "broken.ttl" in err.value.one_line()


class FakeStore:
    """The two GraphStore methods validate_store uses."""

    def __init__(self, graphs: dict[str, Graph]):
        from sgkg.ingest.store import to_oxigraph

        self.graphs = {name: to_oxigraph(g) for name, g in graphs.items()}

    def graph_names(self):
        return list(self.graphs)

    def graph_triples(self, name):
        return iter(self.graphs[name])


def test_validate_store_checks_each_document_graph_and_skips_the_reference_graph():
    pytest.importorskip("sgkg.ingest.store")
    good = Graph().parse(FIXTURES / "PartnershipShape.pass.ttl")
    store = FakeStore(
        {
            "https://w3id.org/sgkg/graph/reference": parse(BAD_PARTNERSHIP),
            "https://w3id.org/sgkg/graph/document/aaaaaaaaaaaaaaaa": good,
            "https://w3id.org/sgkg/graph/document/bbbbbbbbbbbbbbbb": parse(BAD_PARTNERSHIP),
        }
    )
    reports = validate_store(store)
    assert sorted(reports) == [
        "https://w3id.org/sgkg/graph/document/aaaaaaaaaaaaaaaa",
        "https://w3id.org/sgkg/graph/document/bbbbbbbbbbbbbbbb",
    ]
    assert reports["https://w3id.org/sgkg/graph/document/aaaaaaaaaaaaaaaa"].conforms
    assert not reports["https://w3id.org/sgkg/graph/document/bbbbbbbbbbbbbbbb"].conforms
