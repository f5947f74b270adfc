"""The real sets: hand-checked expected facts of pages other areas published.

Three sets of the same layout: the development set (bench/real/), which rules are written from, and two held-out
sets (bench/validation/, then bench/validation2/ once the first had been studied), which nobody tuning the rules
reads. The pages' text is third-party material: it lives in each set's git-ignored ``cache/`` (rebuilt by hand from
the sources each expected file lists, see bench/real/README.md). These tests check what is committed (the expected files
and the manifests) always, and the
quotes against the cache only where the cache is there.
"""

from __future__ import annotations

import json
import subprocess
from itertools import combinations
from pathlib import Path

import pytest

from bench import extraction as bx
from bench import real_manifest
from tests.ingest.expected_facts import assert_vocabulary_ids
from tests.ingest.test_heldout import schemes  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[2]
SETS = real_manifest.SETS
EXPECTED = [p for folder in SETS.values() for p in sorted((folder / "expected").glob("*.json"))]
# the smallest size of each set: documents, distinct areas
SIZES = {"real": (40, 30), "validation": (25, 20), "validation2": (12, 10)}
# the stem prefix of each held-out set
PREFIXES = {"validation": "v", "validation2": "w"}
# areas kept sealed for evaluation (issue 10) and the founding areas: no real set uses them
SEALED = {
    "Leeds",
    "Stoke-on-Trent",
    "Cambridgeshire",
    "Peterborough",
    "Staffordshire",
    "Windsor and Maidenhead",
    "Slough",
    "City of London",
    "Hackney",
    "Stockport",
    "Hartlepool",
    "Middlesbrough",
    "Redcar and Cleveland",
    "Stockton-on-Tees",
    "Shropshire",
    "Cheshire West and Chester",
    "Derby",
    "Derbyshire",
    "Bradford",
    "Wirral",
    "Lancashire",
    "Rotherham",
    "Brighton and Hove",
    "Kent",
    "Wiltshire",
    "Lambeth",
    "Gloucestershire",
    "Barking and Dagenham",
    "Sandwell",
    "Walsall",
    "Barnsley",
}
CHECKED = ("partnerships", "statutory_bases", "statutory_partners", "roles", "priorities", "relationships")


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _areas(name: str) -> set[str]:
    return {code for p in (SETS[name] / "expected").glob("*.json") for code in _load(p)["area"].split("+")}


@pytest.mark.parametrize("name", sorted(SETS))
def test_each_set_has_enough_documents_from_enough_areas(name: str):
    documents = list((SETS[name] / "expected").glob("*.json"))
    assert len(documents) >= SIZES[name][0] and len(_areas(name)) >= SIZES[name][1], (len(documents), len(_areas(name)))


@pytest.mark.parametrize("pair", list(combinations(sorted(SETS), 2)), ids="-".join)
def test_no_area_is_in_two_sets(pair: tuple[str, str]):
    first, second = pair
    assert not _areas(first) & _areas(second), sorted(_areas(first) & _areas(second))


@pytest.mark.parametrize("name", sorted(PREFIXES))
def test_held_out_documents_carry_their_set_prefix(name: str):
    stems = [p.stem for p in (SETS[name] / "expected").glob("*.json")]
    assert stems and all(stem.startswith(PREFIXES[name]) for stem in stems), stems


def test_no_document_is_from_a_sealed_or_founding_area():
    from sgkg.ingest.patterns import load_reference

    index = load_reference().areas
    sealed = {index.lookup(name) for name in SEALED} - {None}
    assert len(sealed) == len(SEALED)
    used = {code: p.stem for p in EXPECTED for code in _load(p)["area"].split("+")}
    assert not set(used) & sealed, {used[c] for c in set(used) & sealed}


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_cache_is_never_committed(name: str):
    cache = (SETS[name] / "cache").relative_to(ROOT).as_posix()
    tracked = subprocess.run(["git", "ls-files", cache], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip(f"not a git checkout: {tracked.stderr.strip()}")
    assert tracked.stdout == ""
    ignored = subprocess.run(["git", "check-ignore", "-q", f"{cache}/x.txt"], cwd=ROOT)
    assert ignored.returncode == 0, f"{cache}/ must be git-ignored"


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_manifest_lists_every_source(name: str):
    folder = SETS[name]
    expected = real_manifest.render(real_manifest.rows(folder / "expected"))
    assert (folder / "manifest.tsv").read_text(encoding="utf-8") == expected, (
        f"{folder.relative_to(ROOT)}/manifest.tsv is out of date: run python -m bench.real_manifest --set {name}"
    )


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem[:3])
def test_expected_file_is_consistent(path: Path, schemes):  # noqa: F811
    doc = _load(path)
    assert doc["document"] == path.stem + ".txt"
    assert doc["sources"] and all(s["url"].startswith("http") and s.get("query") for s in doc["sources"])
    for name in CHECKED:
        assert doc[name]["complete"] is True, name
    for p in doc["partnerships"]["facts"]:
        assert p["types"] and set(p["types"]) <= schemes["partnership-type"], p
    assert_vocabulary_ids(doc, schemes)


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem[:3])
def test_quotes_are_in_the_cached_page(path: Path):
    doc = _load(path)
    cached = path.parent.parent / "cache" / doc["document"]
    if not cached.is_file():
        pytest.skip(
            f"{cached.relative_to(ROOT)} is not in the local cache (third-party text, never committed; "
            f"rebuild it from the sources in {path.parent.parent.relative_to(ROOT)}/manifest.tsv)"
        )
    text = " ".join(cached.read_text(encoding="utf-8").split())
    for name in CHECKED:
        for fact in doc[name]["facts"]:
            assert " ".join(fact["quote"].split()) in text, (name, fact["quote"])


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem[:3])
def test_a_perfect_graph_scores_perfectly(path: Path):
    from tests.ingest.test_extraction_quality import graph_from_expected

    doc = _load(path)
    alternatives = [
        f
        for name in CHECKED
        for f in doc[name]["facts"]
        if any(isinstance(f.get(k), list) for k in ("kind", "partnership", "from", "to"))
    ]
    if alternatives:
        pytest.skip(
            f"{len(alternatives)} facts accept alternatives (a list of kinds or partnerships), which the "
            "perfect-graph builder cannot write as one graph; the scorer reads them"
        )
    scores = bx.score_document(doc, bx.read_facts(graph_from_expected(doc), doc))
    assert not {c: (s.misses, s.false_positives) for c, s in scores.items() if s.fp or s.fn}


def test_the_studied_part_of_a_held_out_set_is_whole_areas():
    """``studied.txt`` lists documents of the set (no typo drops one silently), and no area is in both the studied
    part and the part still held out (a page of a studied area is not unseen)."""
    folder = SETS["validation2"]
    studied = bx.studied_stems(folder)
    stems = {p.stem for p in (folder / "expected").glob("*.json")}
    assert studied and studied <= stems, studied - stems
    areas = {p.stem: _load(p)["area"] for p in (folder / "expected").glob("*.json")}
    assert not {areas[s] for s in studied} & {areas[s] for s in stems - studied}
    assert bx.set_filter("validation2")(min(stems - studied)) and not bx.set_filter("validation2")(min(studied))
    assert bx.set_filter("validation2-studied")(min(studied))
