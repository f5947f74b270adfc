"""Rules are data: every hand-written pattern file is well formed, ids are unique, and every concept a rule yields
is a concept of the ontology's vocabularies (or a legislation IRI or an area code of the reference data)."""

from __future__ import annotations

import json
from importlib.resources import files

from sgkg.ingest.layout import read_rule_records, rules_from_records
from sgkg.ingest.patterns import SCHEME_LABELS, load_reference, structural_patterns


def _concepts() -> set[str]:
    ref = load_reference()
    return {cid for scheme in ref.concepts.values() for cid in scheme}


def test_structural_rule_ids_are_unique_per_pattern_and_labelled():
    rules = structural_patterns()
    assert rules
    seen: dict[str, set[str]] = {}
    for r in rules:
        seen.setdefault(r["id"], set()).add(r["label"])
    # one id may hold several token patterns (alternatives) but always of one label
    assert {i: labels for i, labels in seen.items() if len(labels) > 1} == {}


def test_every_concept_a_rule_yields_exists():
    ref = load_reference()
    known = _concepts() | set(ref.legislation) | set(ref.areas.areas)
    missing = [(r["id"], r["concept"]) for r in structural_patterns() if r.get("concept") and r["concept"] not in known]
    assert missing == []


def test_scheme_placeholders_name_a_vocabulary():
    schemes = set(load_reference().concepts) | set(SCHEME_LABELS)
    bad = []
    for r in structural_patterns():
        if isinstance(r["pattern"], list):
            bad += [(r["id"], t["SCHEME"]) for t in r["pattern"] if "SCHEME" in t and t["SCHEME"] not in schemes]
    assert bad == []


def test_every_pattern_file_in_subfolders_is_json_lines():
    folder = files("sgkg.ingest") / "patterns"
    for sub in (p for p in folder.iterdir() if p.is_dir()):
        for f in (p for p in sub.iterdir() if p.name.endswith(".jsonl")):
            for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip() and not line.lstrip().startswith("//"):
                    item = json.loads(line)
                    assert "id" in item, (f.name, n)


def test_layout_rules_compile():
    rules = rules_from_records(read_rule_records())
    assert len(rules.furniture) >= 10
