"""No facts about particular areas in code or patterns: they come from documents, with provenance.

Reference data (ontology/reference/) names every area by design; the founding documents' areas, boards and
people must not appear in the code, patterns, shapes or queries.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOUNDING = [
    "Sandwell",
    "Walsall",
    "Barnsley",
    "Audrey Williamson",
    "Bob Dyson",
    "Wendy Lowder",
    "Eddie Clarke",
    "Richard Baker",
    "Ann Shackleton",
    "Helen Patterson",
    "Safer Sandwell",
    "Stronger Communities Partnership",
]
FOLDERS = ["ingest", "shapes", "queries", "service"]
SKIP = {"corpus.trig"}  # the bundled corpus is extracted data, with provenance


def source_files():
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if (
                path.is_file()
                and path.name not in SKIP
                and path.suffix in {".py", ".jsonl", ".cfg", ".ttl", ".rq", ".html", ".js", ".css"}
            ):
                yield path


@pytest.mark.parametrize("name", FOUNDING)
def test_founding_names_are_not_written_into_code_or_patterns(name):
    hits = [str(p.relative_to(ROOT)) for p in source_files() if name.lower() in p.read_text(encoding="utf-8").lower()]
    assert not hits, f"{name!r} is written into {hits}: facts must come from the documents"
