"""``sgkg_values``: values, behaviours and principles listed under a heading or cue."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..facts import Facts, ValueFact
from .base import make_mention, rules_reader
from .context import Context, PartnershipComponent
from .sentences import BULLET


@rules_reader("values")
class ValueReader(PartnershipComponent):
    """Lists under a 'Values' / 'Behaviours' / 'Principles' heading or cue. The cues are data
    (``ingest/patterns/rules/values.jsonl``), read-only; nothing is kept between documents."""

    def read(self, doc: Doc, facts: Facts, ctx: Context, text: str) -> None:
        seen = set()
        for sent in ctx.sentences:
            m = self.rules.re("cue").search(sent.text)
            if not m or not (sent.heading or sent.text.rstrip().endswith(":")):
                continue
            kind = {"core values": "value", "values": "value", "behaviours": "behaviour", "principles": "principle"}[
                m.group(1).lower()
            ]
            key = ctx.partnership_for(sent)
            for it in ctx.sentences[sent.index + 1 : sent.index + 16]:
                if (
                    it.heading
                    and not it.bullet
                    and len(it.text.split()) <= 3
                    and self.rules.re("heading").search(it.text)
                ):
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
