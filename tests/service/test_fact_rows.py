"""sgkg.service.fact_rows: rows of a named query (one per fact and document) as one row per fact."""

from __future__ import annotations

from sgkg.service.fact_rows import DocumentInfo, merge

OLD = DocumentInfo("doc:old", "Protocol", "2018-04")
NEW = DocumentInfo("doc:new", "Annual report", "2023-01-31")
NONE = DocumentInfo("doc:none", "Foreword")
DOCUMENTS = {d.uri: d for d in (OLD, NEW, NONE)}


def row(fact, document, **values):
    return {"fact_uri": fact, "document_uri": document.uri, "document": document.title} | values


def test_one_fact_in_three_documents_is_one_row_with_its_documents_oldest_first_undated_last():
    rows = [row("p:board", d, partnership="Board") for d in (NONE, NEW, OLD)]
    [merged] = merge(rows, fact="fact_uri", compared=("partnership",), documents=DOCUMENTS)
    assert [s.document.title for s in merged.sources] == ["Protocol", "Annual report", "Foreword"]
    assert merged["partnership"] == "Board" and merged.variants == {}


def test_distinct_facts_stay_distinct_rows_in_query_order():
    rows = [row("p:b", OLD, partnership="B"), row("p:a", OLD, partnership="A"), row("p:b", NEW, partnership="B")]
    merged = merge(rows, fact="fact_uri", documents=DOCUMENTS)
    assert [m["partnership"] for m in merged] == ["B", "A"]
    assert [len(m.sources) for m in merged] == [2, 1]


def test_documents_that_disagree_show_both_values_with_their_dates():
    rows = [
        row("post:chair/ann", OLD, board="p:hwb", role="Chair", person="Ann Shackleton"),
        row("post:chair/bob", NEW, board="p:hwb", role="Chair", person="Bob Dyson"),
    ]
    [merged] = merge(
        rows,
        fact="fact_uri",
        key=("board", "role"),
        compared=("person",),
        distinct_within_document=True,
        documents=DOCUMENTS,
    )
    assert [(v.value, v.when) for v in merged.variants["person"]] == [
        ("Ann Shackleton", ("2018-04",)),
        ("Bob Dyson", ("2023-01-31",)),
    ]
    assert {s.evidence_uri for s in merged.sources} == {"post:chair/ann", "post:chair/bob"}


def test_a_value_left_unstated_by_one_document_is_no_disagreement():
    rows = [
        row("post:chair/unnamed", NEW, board="p:hwb", role="Chair", person=None),
        row("post:chair/ann", OLD, board="p:hwb", role="Chair", person="Ann Shackleton"),
    ]
    [merged] = merge(
        rows,
        fact="fact_uri",
        key=("board", "role"),
        compared=("person",),
        distinct_within_document=True,
        documents=DOCUMENTS,
    )
    assert merged["person"] == "Ann Shackleton" and merged.variants == {}
    assert len(merged.sources) == 2


def test_several_holders_in_one_document_are_several_facts():
    rows = [row(f"post:signatory/{p}", OLD, board="p:wsp", role="Signatory", person=p) for p in ("A", "B", "C")]
    merged = merge(
        rows,
        fact="fact_uri",
        key=("board", "role"),
        compared=("person",),
        distinct_within_document=True,
        documents=DOCUMENTS,
    )
    assert [m["person"] for m in merged] == ["A", "B", "C"]


def test_without_distinct_within_document_one_key_is_one_fact():
    """Two evidence nodes of one statutory basis in one document are one basis."""
    rows = [
        row("ev:1", OLD, board="p:sab", basis="Care Act 2014"),
        row("ev:2", OLD, board="p:sab", basis="Care Act 2014"),
    ]
    [merged] = merge(rows, fact="fact_uri", key=("board", "basis"), documents=DOCUMENTS)
    assert [s.evidence_uri for s in merged.sources] == ["ev:1", "ev:2"]


def test_a_document_missing_from_the_lookup_is_named_by_the_row():
    [merged] = merge([row("p:board", DocumentInfo("doc:other", "Other title"))], fact="fact_uri")
    assert merged.sources[0].document.title == "Other title" and merged.sources[0].document.when is None


# --- current facts: rows of every document, marked by the query's `latest` column (every_document=true) ---------

MID = DocumentInfo("doc:mid", "Annual report 2019/20", "2019/20", day="2020-03-31")
REVIEWED = DocumentInfo("doc:reviewed", "Protocol", None, day="2018-09-01")  # dated by its review date only


def dated(fact, document, latest, **values):
    return row(fact, document, **values) | {"latest": latest}


def test_a_fact_its_boards_latest_document_states_is_current_with_every_document_that_states_it():
    rows = [dated("m:police", d, latest, organisation="Police") for d, latest in ((NEW, "true"), (OLD, "false"))]
    [merged] = merge(rows, fact="fact_uri", documents=DOCUMENTS, latest="latest")
    assert merged.current
    assert [s.document.title for s in merged.sources] == ["Protocol", "Annual report"]  # oldest first


def test_a_fact_only_older_documents_state_is_not_current():
    rows = [
        dated("m:ccg", OLD, "false", organisation="Clinical Commissioning Group"),
        dated("m:icb", NEW, "true", organisation="Integrated Care Board"),
    ]
    merged = merge(rows, fact="fact_uri", documents=DOCUMENTS, latest="latest")
    assert [(m["organisation"], m.current) for m in merged] == [
        ("Clinical Commissioning Group", False),
        ("Integrated Care Board", True),
    ]


def test_a_current_fact_older_documents_state_otherwise_shows_both_values_with_their_dates():
    rows = [
        dated("post:chair/ann", OLD, "false", board="p:hwb", role="Chair", person="Ann Shackleton"),
        dated("post:chair/bob", NEW, "true", board="p:hwb", role="Chair", person="Bob Dyson"),
    ]
    [merged] = merge(
        rows,
        fact="fact_uri",
        key=("board", "role"),
        compared=("person",),
        distinct_within_document=True,
        documents=DOCUMENTS,
        latest="latest",
    )
    assert merged.current
    assert [(v.value, v.when) for v in merged.variants["person"]] == [
        ("Ann Shackleton", ("2018-04",)),
        ("Bob Dyson", ("2023-01-31",)),
    ]


def test_of_rows_stating_as_much_the_latest_documents_gives_the_cells():
    rows = [
        dated("p:board", OLD, "false", partnership="Board", abbreviation="OLD"),
        dated("p:board", NEW, "true", partnership="Board", abbreviation="NEW"),
    ]
    [merged] = merge(rows, fact="fact_uri", documents=DOCUMENTS, latest="latest")
    assert merged["abbreviation"] == "NEW"


def test_without_a_latest_column_every_fact_is_current():
    rows = [dated("f:budget", OLD, "false", value="10")]
    assert merge(rows, fact="fact_uri", documents=DOCUMENTS)[0].current  # (figures: no as-of block, no column)


def test_documents_sort_by_the_day_their_statements_hold():
    """A document dated only by its review date sorts by that day, before a report of 2019/20; undated ones last."""
    documents = {d.uri: d for d in (MID, REVIEWED, NONE)}
    rows = [dated("p:board", d, "true") for d in (NONE, MID, REVIEWED)]
    [merged] = merge(rows, fact="fact_uri", documents=documents, latest="latest")
    assert [s.document.uri for s in merged.sources] == ["doc:reviewed", "doc:mid", "doc:none"]
