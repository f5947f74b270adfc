"""Helpers shared by the tests of hand-checked expected-fact files (seeds and the development set)."""

from __future__ import annotations

from bench import extraction as bx

# category -> (field, SKOS scheme) pairs whose values must be concept ids of that scheme
VOCABULARY_FIELDS = {
    "duties": [("type", "duty-type")],
    "statutory_partners": [("role", "membership-role"), ("org_type", "org-type")],
    "relevant_agencies": [("role", "membership-role"), ("org_type", "org-type")],
    "roles": [("role", "post-role")],
    "relationships": [("kind", "relationship-kind"), ("frequency", "frequency")],
    "reviews": [("kind", "review-type")],
}


def facts(doc: dict, category: str) -> list[dict]:
    return (doc.get(category) or {"facts": []})["facts"]


def listify(value) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def assert_vocabulary_ids(doc: dict, schemes: dict[str, set]) -> None:
    """Every vocabulary field of every fact names a concept of its scheme (or is empty, or the wildcard)."""
    for category, fields in VOCABULARY_FIELDS.items():
        for fact in facts(doc, category):
            for name, scheme in fields:
                for v in listify(fact.get(name)):
                    assert v in schemes[scheme] | {None, bx.ANY}, (category, name, fact)
