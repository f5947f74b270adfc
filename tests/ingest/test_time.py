"""Time in the model: the day a document speaks for (sgkg:asOf) and partnerships that replaced others
(dcterms:replaces), read from small fictional texts."""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from sgkg.ingest.graph import as_of_date
from sgkg.ingest.readers import read_bytes
from sgkg.ontology.namespaces import SGKG

REPORT = """Rutland Safeguarding Children Partnership Annual Report

This annual report for 2020/21 sets out the work of the Rutland Safeguarding Children Partnership.
The safeguarding partners are Rutland County Council, Leicestershire Police and the integrated care board.

The partnership completed the reviews commissioned by the former Rutland Safeguarding Children Board.
"""

NO_CUE = """Rutland Safeguarding Children Partnership Annual Report

This annual report for 2020/21 sets out the work of the Rutland Safeguarding Children Partnership.
The partnership met the Rutland Safeguarding Children Board twice in the year.
"""


@pytest.mark.parametrize(
    "date,period,review,expected",
    [
        ("2023-01-31", "2021/22", None, "2023-01-31"),  # its own date first
        ("2018-04", None, None, "2018-04-01"),  # a month alone: its first day
        ("2021", "2019-22", None, "2021-01-01"),  # a year alone
        (None, "2019/20", None, "2020-03-31"),  # the end of the financial year it reports on
        (None, "2019-22", "2023-05", "2022-03-31"),  # a period of several years: the last one's end
        (None, None, "2018-09", "2018-09-01"),  # in force until its review date
        (None, None, "annually", None),  # no day at all: undated
        ("2021-06-00", None, None, None),  # a damaged date is no date
    ],
)
def test_as_of_date(date, period, review, expected):
    assert as_of_date(date, period, review) == expected


def _graph(text: str):
    from sgkg.ingest.ingest import extract

    return extract(read_bytes(text.encode("utf-8"), "report.txt", max_bytes=10**6)).graph


def test_a_report_is_dated_by_the_end_of_the_period_it_covers():
    g = _graph(REPORT)
    doc = next(g.subjects(RDF.type, SGKG.SourceDocument))
    assert g.value(doc, SGKG.period) == Literal("2020/21")
    assert g.value(doc, SGKG.asOf) == Literal("2021-03-31", datatype=XSD.date)
    evidence = [e for e in g.subjects(RDF.predicate, SGKG.asOf)]
    assert len(evidence) == 1 and "2020/21" in str(g.value(evidence[0], PROV.value))


def test_a_former_board_is_replaced_by_the_partnership_of_the_succeeding_type():
    g = _graph(REPORT)
    pairs = [(str(s).rsplit("/", 1)[1], str(o).rsplit("/", 1)[1]) for s, o in g.subject_objects(DCTERMS.replaces)]
    assert pairs == [("safeguarding-children-partnership", "safeguarding-children-board")]
    assert [
        (str(s).rsplit("/", 1)[1], str(o).rsplit("/", 1)[1]) for s, o in g.subject_objects(DCTERMS.isReplacedBy)
    ] == [("safeguarding-children-board", "safeguarding-children-partnership")]
    quotes = [str(g.value(e, PROV.value)) for e in g.subjects(RDF.predicate, DCTERMS.replaces)]
    assert len(quotes) == 1 and "the former Rutland Safeguarding Children Board" in quotes[0]


def test_two_boards_named_side_by_side_are_no_succession():
    g = _graph(NO_CUE)
    assert list(g.subject_objects(DCTERMS.replaces)) == []
