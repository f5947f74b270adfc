"""Relationship rules are data with one home: every phrasing of a relationship (phrases, cues, verb frames) is a line of
``ingest/patterns/relationships.jsonl``, and every kind a rule yields is a concept of the relationship-kind
vocabulary."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
from rdflib import SKOS, URIRef

from sgkg import ontology
from sgkg.ingest.components.relationships import FRAME_SHAPES, frames_from_records, make_relationship_phrasings
from sgkg.ingest.patterns import load_reference, structural_patterns
from sgkg.ontology.namespaces import SGKG

SCHEME = "https://w3id.org/sgkg/vocab/relationship-kind"


def test_every_kind_a_relationship_rule_yields_is_a_relationship_kind():
    kinds = set(load_reference().concepts["relationship-kind"])
    rules = make_relationship_phrasings()
    assert rules
    wrong = [
        (r["id"], r.get("concept")) for r in rules if r["label"] != "CUE_MEETING" and r.get("concept") not in kinds
    ]
    assert wrong == []


def test_relationship_rules_live_in_one_file():
    folder = files("sgkg.ingest") / "patterns"
    elsewhere = []
    for f in (p for p in folder.iterdir() if p.name.endswith(".jsonl") and p.name != "relationships.jsonl"):
        elsewhere += [
            (f.name, line[:60])
            for line in f.read_text(encoding="utf-8").splitlines()
            if re.search(r'"label": "(?:CUE_REL|RELKIND|REL_FRAME|CUE_MEETING)"|"id": "relationship\.', line)
        ]
    assert elsewhere == []
    assert {r["label"] for r in make_relationship_phrasings()} == {"RELKIND", "CUE_REL", "REL_FRAME", "CUE_MEETING"}


def test_the_vocabulary_names_the_kinds_and_holds_no_phrasings():
    graph = ontology.load()
    kinds = set(graph.subjects(SKOS.inScheme, URIRef(SCHEME)))
    assert len(kinds) >= 9
    assert [str(k) for k in kinds if (k, SGKG.patternLabel, None) in graph] == []
    assert all((k, SKOS.prefLabel, None) in graph for k in kinds)


def test_every_verb_frame_has_a_shape_a_verb_and_a_preposition_or_lookahead():
    frames = frames_from_records(make_relationship_phrasings())
    assert {f.frame for f in frames} <= set(FRAME_SHAPES)
    assert {"moves", "receives", "reports"} <= {f.frame for f in frames}
    by_id = {r["id"]: r for r in structural_patterns() if r["label"] == "REL_FRAME"}
    for f in frames:
        assert isinstance(by_id[f.id]["pattern"], list)  # the verb is a token pattern: a new verb form is one word
        assert "prep" in f.after.groupindex or f.after.pattern.startswith("(?="), f.id


def test_a_frame_with_an_unknown_shape_is_refused_with_its_file():
    record = {
        "id": "relationship.frame.x",
        "label": "REL_FRAME",
        "concept": "reports-to",
        "frame": "sideways",
        "pattern": [{"LOWER": "x"}],
        "after": r"\s(?P<prep>to)\b",
    }
    with pytest.raises(ValueError, match="relationships.jsonl.*sideways"):
        frames_from_records([record])
