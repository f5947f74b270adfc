"""The bundled founding corpus is exactly what `sgkg ingest` makes of ../shared/seeds today."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from sgkg.ingest.cli import build_corpus

BUNDLED = Path(__file__).resolve().parents[2] / "service" / "data" / "corpus.trig"


@pytest.mark.seeds
@pytest.mark.slow
def test_bundled_corpus_equals_a_fresh_ingest_of_the_seeds(seeds_dir):
    assert BUNDLED.is_file(), f"{BUNDLED} is missing: run `sgkg corpus build` from the project root"
    fresh = build_corpus(seeds_dir).decode("utf-8").splitlines()
    bundled = BUNDLED.read_text(encoding="utf-8").splitlines()
    if fresh != bundled:
        diff = "\n".join(list(difflib.unified_diff(bundled, fresh, "bundled", "fresh", lineterm="", n=0))[:40])
        pytest.fail(
            "service/data/corpus.trig differs from a fresh ingest of the seeds; "
            f"regenerate it with `sgkg corpus build`:\n{diff}"
        )


def test_bundled_corpus_covers_the_three_founding_areas():
    assert BUNDLED.is_file(), f"{BUNDLED} is missing: run `sgkg corpus build` from the project root"
    text = BUNDLED.read_text(encoding="utf-8")
    for code in ("E08000028", "E08000030", "E08000016"):  # Sandwell, Walsall, Barnsley (ONS GSS)
        assert f"/id/area/{code}>" in text, f"no fact attributed to area {code}"
