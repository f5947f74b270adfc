"""Clean values (issue 11 item 7): a document's title is never a section heading or a web address, and a figure
needs a value, a unit and what it measures (no duration, no share restating a count, no share whose noun is lost)."""

from __future__ import annotations

import pytest

BODY = (
    "The Rutland Safeguarding Adults Board (RSAB) is established under section 43 of the Care Act 2014.\n\n"
    "The Board received 412 safeguarding concerns during 2021/22.\n\n"
)


def analysed(text: str, hint: str | None = None):
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import analyse

    return analyse(normalise(text).text, title_hint=hint)._.sgkg


@pytest.mark.parametrize(
    "first_line", ["Foreword", "Introduction", "https://www.rutland.gov.uk/safeguarding", "www.rutland.gov.uk/rsab"]
)
def test_a_section_heading_or_an_address_is_never_the_title(first_line):
    facts = analysed(f"{first_line}\n\n{BODY}", hint=first_line)
    assert facts.document.title is None or facts.document.title[0] != first_line


def test_a_title_line_is_still_the_title():
    title = "Rutland Safeguarding Adults Board Annual Report 2021/22"
    facts = analysed(f"{title}\n\nForeword\n\n{BODY}", hint=title)
    assert facts.document.title[0] == title


def test_the_file_name_stands_in_for_a_lost_title(tmp_path):
    from sgkg.ingest.ingest import ingest_source
    from sgkg.ingest.store import open_store

    path = tmp_path / "rutland-sab-annual-report.txt"
    path.write_text("Foreword\n\n" + BODY, encoding="utf-8")
    store = open_store(None)
    try:
        result = ingest_source(str(path), store)
        assert result.status == "loaded", result.error
        titles = [
            row[0].value
            for row in store.query(
                "SELECT ?t WHERE { GRAPH ?g { ?d a <https://w3id.org/sgkg/def#SourceDocument> ; "
                "<http://purl.org/dc/terms/title> ?t } }"
            ).rows
        ]
        assert titles == ["rutland-sab-annual-report.txt"]
    finally:
        store.close()


def _figures(sentence: str) -> list[tuple[str, str, str]]:
    facts = analysed(BODY + sentence + "\n")
    return [(f.label, str(f.value), f.unit) for f in facts.figures]


def test_a_count_is_a_figure():
    assert "412" in [v for _, v, _ in _figures("")]


@pytest.mark.parametrize(
    "sentence,value",
    [
        ("Referrals fell this year - a total reduction of 232 (48%) on the year before.", "48"),
        ("Of the allegations last year 33.3% were substantiated, 23.3% and 17 were closed.", "23.3"),
        ("The Board has worked with the schools over 5 academic years to improve attendance.", "5"),
    ],
)
def test_fragments_are_not_figures(sentence, value):
    assert value not in [v for _, v, _ in _figures(sentence)]
