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
