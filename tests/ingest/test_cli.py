"""`sgkg ingest` and `sgkg nlp explain` as a user runs them: real console script, real store directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from sgkg.ingest.store import open_store

SGKG = [sys.executable, "-c", "from sgkg.service.cli import main; main()"]


def run(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([*SGKG, *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def batch(tmp_path_factory, data_dir):
    """A store, and one batch of a good document, an empty file, binary junk and a PDF with no text layer."""
    root = tmp_path_factory.mktemp("cli")
    docs = root / "docs"
    docs.mkdir()
    shutil.copy(data_dir / "texts" / "rutland-protocol.txt", docs / "a-protocol.txt")
    (docs / "b-empty.txt").write_bytes(b"")
    (docs / "c-junk.bin").write_bytes(bytes(range(256)) * 64)
    (docs / "d-scanned.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    store = root / "store"
    result = run("ingest", "--store", str(store), "--no-progress", str(docs))
    return store, docs, result


def test_batch_goes_on_past_failures_and_exits_1(batch):
    _, _, result = batch
    assert result.returncode == 1, result.stderr
    assert "a-protocol.txt\tloaded" in result.stdout
    for name in ("b-empty.txt", "c-junk.bin", "d-scanned.pdf"):
        line = next(ln for ln in result.stdout.splitlines() if ln.startswith("failed: ") and name in ln)
        assert "Traceback" not in line and len(line) < 400
    assert "Traceback" not in result.stderr


def test_only_the_good_document_was_committed(batch):
    store_dir, _, _ = batch
    store = open_store(str(store_dir))
    try:
        docs = [g for g in store.graph_names() if "/graph/document/" in g]
        assert len(docs) == 1
        assert store.count(docs[0]) > 50
    finally:
        store.close()


def test_reingest_is_idempotent(batch):
    store_dir, docs, _ = batch
    before = open_store(str(store_dir))
    dump_before = before.dump("nquads")
    before.close()
    again = run("ingest", "--store", str(store_dir), "--no-progress", str(docs / "a-protocol.txt"))
    assert again.returncode == 0, again.stderr
    assert "unchanged" in again.stdout
    after = open_store(str(store_dir))
    try:
        assert sorted(after.dump("nquads").splitlines()) == sorted(dump_before.splitlines())
    finally:
        after.close()


def test_unknown_area_is_one_line(data_dir, tmp_path):
    result = run(
        "ingest",
        "--store",
        str(tmp_path / "s"),
        "--no-progress",
        "--area",
        "Atlantis",
        str(data_dir / "texts" / "rutland-protocol.txt"),
    )
    assert result.returncode != 0
    assert "Atlantis" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_nlp_explain_shows_sentences_entities_and_facts(data_dir):
    result = run("nlp", "explain", str(data_dir / "texts" / "rutland-protocol.txt"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "areas: E06000017" in out  # Rutland
    assert "entities:" in out and "-> partnerships:" in out


def test_a_document_that_fails_unexpectedly_is_one_line_and_the_batch_goes_on(data_dir, tmp_path, monkeypatch):
    """[good, bad, good]: both good documents are committed, the bad one is one line, the exit status 1."""
    from click.testing import CliRunner

    import sgkg.ingest.ingest
    from sgkg.service.cli import cli

    protocol = (data_dir / "texts" / "rutland-protocol.txt").read_text(encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, extra in (("a-good.txt", ""), ("b-bad.txt", "\nBad.\n"), ("c-good.txt", "\nAlso good.\n")):
        (docs / name).write_text(protocol + extra, encoding="utf-8")
    real = sgkg.ingest.ingest.extract

    def extract(source, **kwargs):
        if source.source_name == "b-bad.txt":
            raise RuntimeError("a bug in one component")
        return real(source, **kwargs)

    monkeypatch.setattr(sgkg.ingest.ingest, "extract", extract)
    result = CliRunner().invoke(cli, ["ingest", "--store", str(tmp_path / "store"), "--no-progress", str(docs)])
    assert result.exit_code == 1 and (result.exception is None or isinstance(result.exception, SystemExit)), (
        result.output
    )
    assert "a-good.txt\tloaded" in result.output and "c-good.txt\tloaded" in result.output
    (line,) = [ln for ln in result.output.splitlines() if ln.startswith("failed:")]
    assert "b-bad.txt" in line and "SGKG000" in line and "RuntimeError" in line
    assert "Traceback" not in result.output
    store = open_store(str(tmp_path / "store"))
    try:
        assert len([g for g in store.graph_names() if "/graph/document/" in g]) == 2
    finally:
        store.close()


def test_a_docx_over_the_parse_time_limit_fails_alone(data_dir, tmp_path):
    """[good, a DOCX too slow to read, good] with max_parse_seconds 0.5: one clear line, the others committed."""
    from . import docgen

    docs = tmp_path / "docs"
    docs.mkdir()
    protocol = (data_dir / "texts" / "rutland-protocol.txt").read_text(encoding="utf-8")
    (docs / "a-good.txt").write_text(protocol, encoding="utf-8")
    (docs / "b-huge.docx").write_bytes(docgen.docx_of_paragraphs(300_000))
    (docs / "c-good.txt").write_text(protocol + "\nAlso good.\n", encoding="utf-8")
    result = run(
        "ingest",
        "--store",
        str(tmp_path / "store"),
        "--no-progress",
        str(docs),
        env_extra={"SGKG_MAX_PARSE_SECONDS": "0.5"},
    )
    assert result.returncode == 1, result.stderr
    assert "a-good.txt\tloaded" in result.stdout and "c-good.txt\tloaded" in result.stdout
    (line,) = [ln for ln in result.stdout.splitlines() if ln.startswith("failed:")]
    assert "b-huge.docx" in line and "SGKG111" in line and "max_parse_seconds" in line
    assert "Traceback" not in result.stdout + result.stderr


def test_ingest_into_a_store_without_reference_data_loads_it_first_and_says_so(batch):
    """Without the reference graph every named query would answer nothing, silently."""
    from sgkg.ontology.namespaces import REFERENCE_GRAPH
    from sgkg.service.named_queries import run_named_query

    store_dir, docs, result = batch
    assert "had no reference data: loaded the reference graph" in result.stderr
    store = open_store(str(store_dir))
    try:
        assert store.count(str(REFERENCE_GRAPH)) > 1000
        rows = run_named_query(store, "partnerships", {"area": "Rutland"}).rows
        assert rows, "the partnerships query finds the ingested document's partnerships"
    finally:
        store.close()
    again = run("ingest", "--store", str(store_dir), "--no-progress", str(docs / "a-protocol.txt"))
    assert again.returncode == 0 and "reference" not in again.stderr
