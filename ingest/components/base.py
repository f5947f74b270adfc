"""What every component shares: the Doc extensions, how a reader of rules is registered, the facts of a Doc,
mentions and the pattern-span index."""

from __future__ import annotations

import bisect
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..facts import Facts, Mention, Span
from ..patterns import load_reference, rule_set

SPANS = "sgkg"
ENT_LABELS = ("PARTNERSHIP", "ORG", "LEG", "PROLE", "AREA", "THEME", "DUTY", "FREQ")


def ensure_extensions() -> None:
    if not Doc.has_extension("sgkg"):
        Doc.set_extension("sgkg", default=None)
    if not Doc.has_extension("sgkg_ctx"):
        Doc.set_extension("sgkg_ctx", default=None)
    if not Doc.has_extension("sgkg_blocks"):
        Doc.set_extension("sgkg_blocks", default=None)


def rules_config(component: str, **more: dict) -> dict:
    """The ``default_config`` of a component given its rules (``ingest/patterns/rules/<component>.jsonl``) and,
    before them, the entries ``more``."""
    return {**more, "rules": {"@misc": "sgkg.component_rules.v1", "component": component}}


def rules_reader(
    component: str,
    *,
    reference: bool = False,
    requires: tuple[str, ...] = ("doc._.sgkg_ctx",),
    assigns: tuple[str, ...] = ("doc._.sgkg",),
) -> Callable[[type], type]:
    """Class decorator: register the class as the spaCy factory ``sgkg_<component>``, which makes it from the
    component's compiled rules: ``reader(rules)``, or ``reader(load_reference(), rules)`` with ``reference``."""

    def register(reader: type) -> type:
        def make(nlp: Language, name: str, rules: list[dict]):
            ensure_extensions()
            compiled = rule_set(component, rules)
            return reader(load_reference(), compiled) if reference else reader(compiled)

        Language.factory(
            f"sgkg_{component}",
            assigns=list(assigns),
            requires=list(requires),
            default_config=rules_config(component),
            func=make,
        )
        return reader

    return register


def doc_text(doc: Doc) -> str:
    """doc.text, computed once (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("sgkg_text")
    if text is None:
        text = doc.user_data["sgkg_text"] = doc.text
    return text


def facts_of(doc: Doc) -> Facts:
    if doc._.sgkg is None:
        doc._.sgkg = Facts()
    return doc._.sgkg


def make_mention(doc: Doc, start: int, end: int, rule: str) -> Mention:
    return Mention(Span(start, end, doc_text(doc)[start:end]), rule)


def spans(doc: Doc, label: str, start: int = 0, end: int | None = None) -> list[SpacySpan]:
    """The pattern spans of one label, optionally inside [start, end) (character offsets)."""
    end = len(doc_text(doc)) if end is None else end
    items, starts = doc.user_data["sgkg_index"][1].get(label, ([], []))
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(items) and items[i].start_char < end:
        if items[i].end_char <= end:
            out.append(items[i])
        i += 1
    return out


def all_spans(doc: Doc) -> list[SpacySpan]:
    return doc.user_data["sgkg_index"][0]
