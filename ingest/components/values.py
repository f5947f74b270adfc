"""``sgkg_values``: values, behaviours and principles listed under a heading or cue."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..facts import Facts, ValueFact
from ..patterns import RuleSet, rule_set
from .base import ensure_extensions, make_mention
from .context import Context, PartnershipComponent
from .sentences import BULLET


@Language.factory("sgkg_values", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"],
                  default_config={"rules": {"@misc": "sgkg.component_rules.v1", "component": "values"}})
def make_values(nlp: Language, name: str, rules: list[dict]):
    ensure_extensions()
    return ValueReader(rule_set("values", rules))


class ValueReader(PartnershipComponent):
    """Lists under a 'Values' / 'Behaviours' / 'Principles' heading or cue. The cues are data
    (``ingest/patterns/rules/values.jsonl``), read-only; nothing is kept between documents."""

    def __init__(self, rules: RuleSet):
        self.rules = rules

    def read(self, doc: Doc, facts: Facts, ctx: Context, text: str) -> None:
        seen = set()
        for sent in ctx.sentences:
            m = self.rules.re("cue").search(sent.text)
            if not m or not (sent.heading or sent.text.rstrip().endswith(":")):
                continue
            kind = {"core values": "value", "values": "value", "behaviours": "behaviour", "principles": "principle"}[m.group(1).lower()]
            key = ctx.partnership_for(sent)
            for it in ctx.sentences[sent.index + 1: sent.index + 16]:
                if it.heading and not it.bullet and len(it.text.split()) <= 3 and self.rules.re("heading").search(it.text):
                    break
                if not it.bullet and len(it.text.split()) > 25:
                    break
                label = re.sub(r"\s+", " ", BULLET.sub("", it.text)).strip(" ;,.")
                if not label or len(label) > 160:
                    continue
                label = label.split(":")[0] if ":" in label and len(label.split(":")[0].split()) <= 3 else label
                if (key, label.lower()) in seen or key is None:
                    continue
                seen.add((key, label.lower()))
                facts.values.append(ValueFact(key, label, kind, make_mention(doc, it.start, it.end, "value.list")))
