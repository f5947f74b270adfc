"""The layout layer: blocks of every kind with exact offsets, rules as data, furniture never read for facts."""

from __future__ import annotations

from dataclasses import fields

import pytest

from sgkg.ingest.cli import explain
from sgkg.ingest.facts import CATEGORIES
from sgkg.ingest.ingest import analyse_source
from sgkg.ingest.layout import KINDS, list_after, read_rule_records, rules_from_records, segment
from sgkg.ingest.normalise import normalise
from sgkg.ingest.readers import read_source

TEXT = """# Arrangements

Our partners

The statutory partners are:

- Areaton Council
1. Areaton Police
(a) the integrated care board
The local authority

Partner\tContribution
Areaton Council\t£10,000
Member | Post | Organisation
Chair: Sam Person, Independent Chair
Skip to main content
We use essential cookies to make this site work. Accept all cookies
Home > Children > Safeguarding
The Board meets every quarter and publishes a yearly report.
"""


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text(text)) for b in segment(text)]


def test_every_line_is_one_block_with_exact_offsets():
    blocks = segment(TEXT)
    lines = [line.strip() for line in TEXT.splitlines() if line.strip()]
    assert [b.text(TEXT) for b in blocks] == lines
    assert all(b.kind in KINDS for b in blocks)
    assert all(a.end <= b.start for a, b in zip(blocks, blocks[1:]))


def test_blocks_of_each_kind():
    kinds = dict((t, k) for k, t in _kinds(TEXT))
    assert kinds["# Arrangements"] == "heading"
    assert kinds["Our partners"] == "heading"
    assert kinds["The statutory partners are:"] == "paragraph"
    for item in ("- Areaton Council", "1. Areaton Police", "(a) the integrated care board", "The local authority"):
        assert kinds[item] == "list-item", item
    assert kinds["Partner\tContribution"] == "table-row"
    assert kinds["Member | Post | Organisation"] == "table-row"
    assert kinds["Chair: Sam Person, Independent Chair"] == "label-value"
    for furniture in (
        "Skip to main content",
        "We use essential cookies to make this site work. Accept all cookies",
        "Home > Children > Safeguarding",
    ):
        assert kinds[furniture] == "furniture", furniture
    assert kinds["The Board meets every quarter and publishes a yearly report."] == "paragraph"


def test_list_after_a_cue_is_read_whatever_the_glyph():
    blocks = segment(TEXT)
    cue = next(i for i, b in enumerate(blocks) if b.text(TEXT).endswith("are:"))
    items = list_after(blocks, cue, TEXT)
    assert [b.glyph for b in items] == ["-", "1.", "(a)", ""]
    assert [TEXT[b.body_start : b.end] for b in items] == [
        "Areaton Council",
        "Areaton Police",
        "the integrated care board",
        "The local authority",
    ]
    assert [b.level for b in items] == [1, 1, 2, 1]


def test_table_cells_and_label_value_spans_are_exact():
    blocks = {b.text(TEXT): b for b in segment(TEXT)}
    row = blocks["Member | Post | Organisation"]
    assert [TEXT[s:e] for s, e in row.cells] == ["Member", "Post", "Organisation"]
    lv = blocks["Chair: Sam Person, Independent Chair"]
    assert TEXT[slice(*lv.label)] == "Chair" and TEXT[slice(*lv.value)] == "Sam Person, Independent Chair"


def test_a_sentence_broken_at_a_colon_is_no_label():
    text = "Section 14 sets out the objectives of the\nBoard which are to: co-ordinate what is done\n"
    assert [k for k, _ in _kinds(text)][1] != "label-value"


def test_a_heading_after_a_list_is_no_list_item():
    text = (
        "Our work:\n\n- one thing\n- another thing\n\nWhat we achieved this year\n\nWe did a lot of things this year.\n"
    )
    assert dict((t, k) for k, t in _kinds(text))["What we achieved this year"] == "heading"


def test_rules_are_data_with_unique_ids_and_known_kinds():
    records = read_rule_records()
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    rules = rules_from_records(records)
    assert rules.furniture and rules.markers and rules.label_value and rules.separators
    with pytest.raises(ValueError, match="unknown kind"):
        rules_from_records([{"id": "x", "kind": "nonsense", "regex": "x"}])


def test_a_new_furniture_phrase_is_one_line_of_data():
    records = read_rule_records() + [
        {"id": "furniture.test-banner", "kind": "furniture", "regex": "sign up to our newsletter"}
    ]
    text = "Sign up to our newsletter\n\nThe Board meets quarterly.\n"
    assert segment(text, rules_from_records(records))[0].rule == "furniture.test-banner"
    assert segment(text)[0].kind != "furniture"


def test_a_list_item_never_runs_into_the_paragraph_after_a_blank_line():
    lines = ["A fairly long opening line that sets a wrap width for the guess", "", "The partners are:", ""]
    lines += [f"- Item number {n} of the list of partners here" for n in range(8)]
    lines += ["", "The Police and Crime Commissioner is not a responsible authority but supports the partnership."]
    norm = normalise("\n".join(lines)).text
    assert "here\n\nThe Police and Crime Commissioner" in norm


# --- a page saved from a council website --------------------------------------------------------------------


def _facts_and_furniture(path):
    source = read_source(path, max_bytes=10_000_000, fetch_timeout=5)
    _, doc = analyse_source(source)
    text = doc.text
    furniture = [(b.start, b.end) for b in doc._.sgkg_blocks if b.kind == "furniture"]
    quotes = []
    for cat in CATEGORIES:
        for f in getattr(doc._.sgkg, cat):
            for field in fields(f):
                m = getattr(f, field.name)
                if hasattr(m, "span") and hasattr(m, "rule"):
                    quotes.append((m.span.start, m.span.end, m.rule))
    return doc, text, furniture, quotes


@pytest.mark.parametrize("main_region", [True, False], ids=["with-main", "without-main"])
def test_saved_council_page_yields_no_fact_from_furniture(data_dir, tmp_path, main_region):
    page = (data_dir / "docs" / "saved-council-page.html").read_text(encoding="utf-8")
    if not main_region:  # the same page without a marked content region: the furniture reaches the text
        page = page.replace('<main id="content">', "<div>").replace("</main>", "</div>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc, text, furniture, quotes = _facts_and_furniture(path)
    assert quotes, "the page's real content yields facts"
    for start, end, rule in quotes:
        assert not any(s < end and start < e for s, e in furniture), (text[start:end], rule)
        assert not any(word in text[start:end] for word in ("cookies", "Share this", "Facebook", "helpful", "©"))
    if not main_region:
        assert {"Skip to main content", "Share this page"} <= {text[s:e] for s, e in furniture}
    facts = doc._.sgkg
    assert {o.name for o in facts.organisations} >= {
        "Northumberland County Council",
        "Northumbria Police",
        "NHS North East and North Cumbria Integrated Care Board",
    }
    assert facts.document.title[0] == "Northumberland Safeguarding Adults Board"


def test_explain_shows_blocks_and_the_rule_of_each_fact(data_dir, tmp_path):
    page = (data_dir / "docs" / "saved-council-page.html").read_text(encoding="utf-8")
    path = tmp_path / "page.html"
    path.write_text(page.replace('<main id="content">', "<div>").replace("</main>", "</div>"), encoding="utf-8")
    source = read_source(path, max_bytes=10_000_000, fetch_timeout=5)
    _, doc = analyse_source(source)
    out = explain(doc)
    assert "furniture (furniture.skip-link) ignored: 'Skip to main content'" in out
    assert "list-item 1 '-' (list.bullet):" in out
    assert "label-value (label-value.line): 'Chair: Pat Example, Independent Chair'" in out
    assert "organisations: Northumbria Police [membership.statutory-partner]" in out


CONTENTS = """Areaton Safeguarding Adults Board Annual Report

Contents
Foreword from the Independent Chair
1Our priorities
2.1Learning from reviews
Appendix 1: Board membership

Foreword from the Independent Chair

Welcome to the report of the Areaton Safeguarding Adults Board, which sets out what the Board did this year.
"""

PAGED = """Contents

Purpose of this plan 3

Our priorities 6

Priority 1 8

Priority 2 12

PURPOSE OF THIS PLAN

The partnership was set up to keep people safe and the plan says how it will do that over three years.
"""


@pytest.mark.parametrize("text, entries", [(CONTENTS, 4), (PAGED, 4)])
def test_a_table_of_contents_is_furniture_up_to_the_heading_it_repeats(text, entries):
    blocks = segment(text)
    contents = [b for b in blocks if b.rule.startswith("furniture.contents")]
    assert [b.kind for b in contents] == ["furniture"] * (entries + 1)
    assert contents[0].rule == "furniture.contents" and contents[-1].rule == "furniture.contents-entry"
    after = blocks[blocks.index(contents[-1]) + 1]
    assert after.kind == "heading" and after.text(text).lower().startswith(("foreword", "purpose"))


def test_a_contents_heading_before_content_that_is_no_table_of_contents_is_read():
    """Short lines after 'Contents' with no page numbers and no heading repeated: not a table of contents."""
    text = (
        "Contents\n\nOur partners\n\n- Areaton Council\n- Areaton Police\n\nThe Board was set up in 2019 to keep "
        "adults safe from abuse and neglect in the area.\n"
    )
    blocks = segment(text)
    assert not any(b.rule.startswith("furniture.contents") for b in blocks)
    assert [b.kind for b in blocks if b.text(text).startswith("- ")] == ["list-item", "list-item"]


def test_no_fact_comes_from_a_table_of_contents(tmp_path):
    text = """Rutland Safeguarding Adults Board Annual Report 2023/24

Contents
Foreword
Our priorities
Working with the Rutland Safeguarding Children Partnership
Board membership

Foreword

The Rutland Safeguarding Adults Board is set up under the Care Act 2014. Its statutory partners are Rutland
Council, Rutland Police and the NHS Rutland Integrated Care Board.

Our priorities

Our priorities for 2023 to 2026 are:
- Preventing self-neglect
- Making safeguarding personal
"""
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    doc, text, furniture, quotes = _facts_and_furniture(path)
    contents = [(b.start, b.end) for b in doc._.sgkg_blocks if b.rule.startswith("furniture.contents")]
    assert len(contents) == 5 and set(contents) <= set(furniture)
    assert quotes, "the report's own text yields facts"
    for start, end, rule in quotes:
        assert not any(s < end and start < e for s, e in contents), (text[start:end], rule)
