"""Orchestration: load, unchanged re-ingest, nothing found, batches going on past failures."""

import pytest

from sgkg.ingest.errors import NothingFound


@pytest.fixture()
def store():
    from sgkg.ingest.store import open_store

    s = open_store(None)
    yield s
    s.close()


def test_ingest_then_unchanged(store, data_dir):
    from sgkg.ingest.ingest import ingest_source

    path = data_dir / "texts" / "rutland-protocol.txt"
    first = ingest_source(path, store)
    assert first.status == "loaded" and first.counts["partnerships"] >= 3
    second = ingest_source(path, store)
    assert second.status == "unchanged"


def test_nothing_found(tmp_path):
    from sgkg.ingest.ingest import extract
    from sgkg.ingest.readers import read_source

    f = tmp_path / "note.txt"
    f.write_text("Minutes of a meeting in Rutland about parking on the high street.\n", encoding="utf-8")
    with pytest.raises(NothingFound):
        extract(read_source(f, max_bytes=10**6, fetch_timeout=5))


def test_batch_goes_on_past_failures(store, data_dir, tmp_path):
    from sgkg.ingest.ingest import ingest_many

    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    results = ingest_many([str(empty), str(data_dir / "texts" / "rutland-protocol.txt")], store, progress=False)
    assert [r.status for r in results] == ["failed", "loaded"]
    assert results[0].error
