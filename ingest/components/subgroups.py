"""``sgkg_subgroups``: subgroups of partnerships."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .. import identity
from ..facts import Facts, SubgroupFact
from .base import doc_text, make_mention, rules_reader, spans
from .context import Context, PartnershipComponent, Sentence
from .names import is_acronym
from .sentences import BULLET, SENTENCE_END


def _key(name: str) -> str:
    """A subgroup's name as a key: "Sub-Group", "sub group" and "Group" all read "subgroup"."""
    norm = re.sub(r"sub[- ]?group", "subgroup", name.lower())
    return re.sub(r"\bgroup\b", "subgroup", norm) if "subgroup" not in norm else norm


@rules_reader("subgroups")
class SubgroupReader(PartnershipComponent):
    """Subgroups named in the text or listed after a cue. The rules are data
    (``ingest/patterns/rules/subgroups.jsonl``),
    read-only; nothing is kept between documents."""

    def read(self, doc: Doc, facts: Facts, ctx: Context, text: str) -> None:
        seen: dict[str, SubgroupFact] = {}
        for m in self.rules.re("name").finditer(doc_text(doc)):
            words = m.group(1).split()
            while words and words[0].lower() in self.rules.words("leading-drop"):
                words = words[1:]
            if any(w.lower() in self.rules.words("not-own-words") for w in words):
                continue  # a joint chairs' group, a national panel: not a subgroup of this partnership
            if not words or (len(words) == 1 and words[0].isupper()) or m.group(1).strip().isupper():
                continue
            name = " ".join(words + [m.group(2)])
            if self.rules.re("not-subgroup-group").search(name) and "Group" == m.group(2):
                continue
            sent = ctx.sentence_at(m.start())
            if sent is None:
                continue
            key = ctx.main
            norm = _key(name)
            if (
                norm in seen
                or ctx.covered(m.start(1), m.end(2))
                or self._not_local(doc, ctx, m.start(2) - len(" ".join(words)) - 1, m.end(2))
            ):
                continue
            seen[norm] = SubgroupFact(key, name, make_mention(doc, sent.start, sent.end, "subgroup.name"))
        for item, name in self._listed(ctx):
            norm = _key(name)
            if not any(
                identity.slug(norm) in identity.slug(k) or identity.slug(k) in identity.slug(norm) for k in seen
            ):
                seen[norm] = SubgroupFact(ctx.main, name, make_mention(doc, item.start, item.end, "subgroup.list"))
        text = doc_text(doc).lower()
        names = {k: v.name.lower() for k, v in seen.items()}
        # "Operations and Scrutiny Group" once written "Safeguarding Operations and Scrutiny Group"
        for k, name in names.items():
            longer = [j for j, other in names.items() if j != k and other.endswith(" " + name) and j in seen]
            for j in longer:
                if text.count(names[j]) >= 2:
                    seen.pop(k, None)
                else:
                    seen.pop(j, None)
        facts.subgroups = [s for s in seen.values() if s.partnership]

    @staticmethod
    def _not_local(doc: Doc, ctx: "Context", start: int, end: int) -> bool:
        """A panel that is a partnership of its own (the Child Death Overview Panel, a partnership type) or the
        national panel of a review type (the Child Safeguarding Practice Review Panel: a review type's full label
        followed by "Panel", with no area named), not a subgroup of the document's partnership."""
        if any(
            s.start_char < end and start < s.end_char
            for s in spans(doc, "PTYPE", max(0, start - 80), end + 80)
            if not is_acronym(s.text) and s.kb_id_ != "subgroup" and s.text.lower().endswith(("panel", "panels"))
        ):
            return True
        if any(
            s.start_char <= max(0, start) + 1 and s.end_char <= end
            for s in spans(doc, "REVIEW", max(0, start - 1), end)
            if s.kb_id_ == "child-safeguarding-practice-review" and len(s.text.split()) >= 4
        ):
            return doc_text(doc)[start:end].rstrip().endswith("Panel")
        return False

    def _item_name(self, item: "Sentence") -> str:
        """A list item as a name: its bullet, a leading article and a closing "; and" dropped ("• the X Group; and")."""
        name = re.sub(r"\s+", " ", BULLET.sub("", item.text)).strip(" ;,.")
        return self.rules.re("item-trim").sub("", name).strip(" ;,.")

    def _listed(self, ctx: "Context") -> list[tuple["Sentence", str]]:
        """Items of a list introduced as (sub)groups ("The following groups report to the Partnership:",
        "Subgroups:"), each with the name it gives."""
        out = []
        for s in ctx.sentences:
            if not (s.text.rstrip().endswith(":") and self.rules.re("list-cue").search(s.text)):
                continue
            for it in ctx.sentences[s.index + 1 : s.index + 16]:
                body = self._item_name(it)
                if (
                    not it.bullet
                    or len(body.split()) > 8
                    or not body[:1].isupper()
                    or SENTENCE_END.search(it.text.rstrip(" ;,"))
                    and it.text.rstrip().endswith(".")
                ):
                    break
                out.append((it, body))
        return out
