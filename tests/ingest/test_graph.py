"""Facts -> graph: evidence quotes are exact, IRIs and graphs deterministic."""

import pytest
from rdflib import Literal
from rdflib.namespace import PROV, RDF

from sgkg.ontology.namespaces import SGKG


@pytest.fixture(scope="module")
def extraction(data_dir, tmp_path_factory, monkeypatch_module=None):
    import os

    from sgkg.ingest.ingest import extract
    from sgkg.ingest.readers import read_source

    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    src = read_source(data_dir / "texts" / "rutland-protocol.txt", max_bytes=10**7, fetch_timeout=5)
    return src, extract(src)


def test_quotes_are_exact_slices_of_the_original(extraction):
    src, ex = extraction
    g = ex.graph
    evidence = list(g.subjects(RDF.type, SGKG.Evidence))
    assert evidence
    for ev in evidence:
        start, end = int(g.value(ev, SGKG.start)), int(g.value(ev, SGKG.end))
        assert str(g.value(ev, PROV.value)) == src.text[start:end]
        assert g.value(ev, SGKG.rule) is not None


def test_activity_time_from_source_date_epoch(extraction):
    _, ex = extraction
    times = list(ex.graph.objects(None, PROV.startedAtTime))
    assert times == [Literal("2023-11-14T22:13:20Z", datatype=times[0].datatype)]


def test_graph_is_deterministic(extraction):
    from sgkg.ingest.ingest import extract

    src, ex = extraction
    again = extract(src)
    assert set(ex.graph) == set(again.graph)


def test_graph_conforms_to_the_shapes(extraction):
    from sgkg.ingest.validate import validate

    report = validate(extraction[1].graph)
    assert report.conforms, report.text


@pytest.mark.parametrize(
    "value, ok",
    [
        ("2021-06-30", True),
        ("2021-06-00", False),
        ("2021-02-30", False),
        ("2021-06", True),
        ("2021-13", False),
        ("2021", True),
        ("21-06", False),
    ],
)
def test_only_real_calendar_dates_are_typed(value, ok):
    from sgkg.ingest.graph import typed_date

    assert (typed_date(value) is not None) is ok


def test_a_named_partner_links_to_the_national_reference_organisation():
    """ "Leicestershire Police" in any document is the one reference police force (skos:exactMatch); a generic
    "the police" is never resolved to a force the text does not name."""
    from rdflib.namespace import RDFS, SKOS

    from sgkg.ingest.graph import build_graph
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import analyse
    from sgkg.ingest.readers import SourceText

    text = (
        "Rutland Safeguarding Children Partnership\n\nThe safeguarding partners are Rutland County Council, "
        "Leicestershire Police and the integrated care board.\n"
    )
    norm = normalise(text)
    doc = analyse(norm.text)
    source = SourceText("0" * 16, "0" * 64, "t.txt", "text/plain", text, None)
    g = build_graph(source, norm, doc._.sgkg)
    links = {
        str(g.value(s, RDFS.label)): str(o) for s, o in g.subject_objects(SKOS.exactMatch) if "/organisation/" in str(o)
    }
    assert links == {"Leicestershire Police": "https://w3id.org/sgkg/id/organisation/police-force/E23000021"}, links
