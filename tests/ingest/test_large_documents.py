"""Long documents are analysed in pieces (no spaCy E088), every offset still referring to the whole text."""

from __future__ import annotations

import hashlib
import time

import pytest
from rdflib.namespace import PROV

from sgkg.ingest import errors
from sgkg.ingest.facts import Span
from sgkg.ingest.ingest import extract, ingest_source
from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import analyse, get_nlp, pieces
from sgkg.ingest.readers import read_source
from sgkg.ingest.store import open_store
from sgkg.ontology.namespaces import SGKG

from . import docgen


@pytest.fixture(scope="module")
def protocol(data_dir) -> str:
    return (data_dir / "texts" / "rutland-protocol.txt").read_text(encoding="utf-8")


def filler(chars: int) -> str:
    """Paragraphs of long opaque words: many characters, few tokens, nothing to extract."""
    words = " ".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(15))
    para = words + ".\n\n"
    return para * (chars // len(para) + 1)


def spans_of(value, found: list[Span]) -> list[Span]:
    if isinstance(value, Span):
        found.append(value)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            spans_of(getattr(value, name), found)
    elif isinstance(value, (list, tuple)):
        for v in value:
            spans_of(v, found)
    elif isinstance(value, dict):
        for v in value.values():
            spans_of(v, found)
    return found


def test_pieces_are_cut_at_paragraph_breaks_and_join_back():
    text = "".join(f"Paragraph {i} says something.\nA second line.\n\n" for i in range(200))
    cut = pieces(text, 500)
    assert "".join(p for _, p in cut) == text
    assert all(len(p) <= 500 for _, p in cut) and len(cut) > 10
    assert all(text[start : start + len(p)] == p for start, p in cut)
    assert all(p.endswith("\n\n") for _, p in cut[:-1])


def test_a_text_with_no_break_is_still_cut_within_the_limit():
    text = "x" * 1234
    assert [len(p) for _, p in pieces(text, 500)] == [500, 500, 234]


def test_facts_of_every_piece_are_kept_with_exact_offsets(protocol):
    text = normalise(protocol + "\n\n" + filler(3000) + protocol.replace("Jane Marlow", "Ann Other")).text
    whole = analyse(text, piece_chars=len(text) + 1)._.sgkg  # one piece
    split = analyse(text, piece_chars=2000)._.sgkg  # several
    assert len(pieces(text, 2000)) > 2
    spans = spans_of(split, [])
    assert spans and all(text[s.start : s.end] == s.text for s in spans)
    assert max(s.start for s in spans) > len(text) - len(protocol)  # facts of the last piece
    assert "Ann Other" in {p.person for p in split.posts} and "Jane Marlow" in {p.person for p in split.posts}
    assert [p.key for p in split.partnerships] == [p.key for p in whole.partnerships]  # named once
    assert split.areas == whole.areas and split.document.title == whole.document.title


@pytest.mark.slow
def test_a_2mb_text_file_is_ingested_without_a_spacy_length_error(protocol, tmp_path):
    path = tmp_path / "long-report.txt"
    path.write_text(protocol + "\n\n" + filler(2_000_000) + protocol, encoding="utf-8")
    source = read_source(path, max_bytes=10 * 1024 * 1024, fetch_timeout=1)
    assert len(source.text) > 2_000_000 > get_nlp().max_length
    extraction = extract(source)
    evidence = list(extraction.graph.subject_objects(SGKG.start))
    assert max(int(start) for _, start in evidence) > 2_000_000  # evidence from the end of the text
    for node, start in evidence:
        quote = next(extraction.graph.objects(node, PROV.value))
        assert source.text[int(start) : int(start) + len(str(quote))] == str(quote)
    store = open_store(None)
    try:
        assert ingest_source(source, store).status == "loaded"
    finally:
        store.close()


# --- DOCX and PDF parsing bounded in time and memory ---------------------------------------------


def test_a_docx_of_many_small_paragraphs_is_read_quickly_and_whole(tmp_path):
    """python-docx took 72 s (style look-ups) on this 100,000-paragraph, 320 kB document."""
    path = tmp_path / "many.docx"
    path.write_bytes(docgen.docx_of_paragraphs(100_000))
    started = time.monotonic()
    source = read_source(path, max_bytes=10 * 1024 * 1024, fetch_timeout=1)
    assert time.monotonic() - started < 30
    paragraphs = source.text.split("\n\n")
    assert len(paragraphs) == 100_000 and paragraphs[0] == "Paragraph 0 of the report."
    assert paragraphs[-1] == "Paragraph 99999 of the report."


def test_a_docx_over_max_parse_seconds_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("SGKG_MAX_PARSE_SECONDS", "0.5")
    path = tmp_path / "report.docx"
    path.write_bytes(docgen.docx_of_paragraphs(300_000))
    started = time.monotonic()
    with pytest.raises(errors.ParseTimeLimit) as caught:
        read_source(path, max_bytes=10 * 1024 * 1024, fetch_timeout=1)
    assert time.monotonic() - started < 10
    line = caught.value.one_line()
    assert line.startswith("SGKG111 ") and "report.docx" in line and "max_parse_seconds" in line
    assert "SGKG_MAX_PARSE_SECONDS" in line


def test_a_docx_over_max_parse_memory_is_a_clear_error_and_a_small_one_still_reads(tmp_path, monkeypatch):
    monkeypatch.setenv("SGKG_MAX_PARSE_MEMORY", str(150 * 1024 * 1024))  # the child starts at about 60 MB
    small, large = tmp_path / "small.docx", tmp_path / "large.docx"
    small.write_bytes(docgen.docx_of_paragraphs(10))
    large.write_bytes(docgen.docx_of_paragraphs(450_000))  # ~190 MB to read
    assert read_source(small, max_bytes=10 * 1024 * 1024, fetch_timeout=1).text.count("Paragraph") == 10
    with pytest.raises(errors.ParseMemoryLimit) as caught:
        read_source(large, max_bytes=10 * 1024 * 1024, fetch_timeout=1)
    line = caught.value.one_line()
    assert line.startswith("SGKG112 ") and "large.docx" in line and "max_parse_memory" in line


def test_the_parse_limits_are_documented_settings():
    from sgkg.ingest.settings import BY_NAME

    assert BY_NAME["max_parse_seconds"].default > 0 and BY_NAME["max_parse_memory"].default > 0


def test_a_pdf_over_max_parse_seconds_is_a_clear_error_and_a_short_one_still_reads(tmp_path, monkeypatch):
    pages = [[f"Line {j} of page {i} of the annual report." for j in range(40)] for i in range(3000)]
    long, short = tmp_path / "long.pdf", tmp_path / "short.pdf"
    long.write_bytes(docgen.pdf_with_text(pages))
    short.write_bytes(docgen.pdf_with_text(pages[:1]))
    monkeypatch.setenv("SGKG_MAX_PARSE_SECONDS", "0.3")
    assert "Line 39 of page 0" in read_source(short, max_bytes=10 * 1024 * 1024, fetch_timeout=1).text
    with pytest.raises(errors.ParseTimeLimit, match="max_parse_seconds") as caught:
        read_source(long, max_bytes=10 * 1024 * 1024, fetch_timeout=1)
    assert caught.value.one_line().startswith("SGKG111 ") and "long.pdf" in caught.value.one_line()
