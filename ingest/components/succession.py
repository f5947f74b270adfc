"""``sgkg_succession``: a board the document calls former, previous or replaced, and the partnership that took its
place.

The direction comes from reference data, never from the wording: a partnership type's ``dcterms:isReplacedBy``
(a Local Safeguarding Children Board -> a safeguarding children partnership) names the types that may succeed
it.  A board of such a type, spoken of as former ("the former Areaton Safeguarding Children Board") or in a
sentence that says it was replaced, is succeeded by the one partnership of a successor type that the document
names for the same area.  The cue words are patterns (``CUE_FORMER``, ``CUE_REPLACED`` in
``patterns/structural.jsonl``); the evidence is the sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..facts import SuccessionFact
from ..patterns import Reference, load_reference
from .base import ensure_extensions, facts_of, make_mention, spans
from .context import ctx_of

# how far (in characters) a "former" cue may end before the name it qualifies ("the former SSCB")
_CUE_GAP = 2


@Language.factory("sgkg_succession", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_succession(nlp: Language, name: str):
    ensure_extensions()
    return SuccessionReader(load_reference())


class SuccessionReader:
    def __init__(self, ref: Reference):
        self.ref = ref

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if len(facts.partnerships) < 2:
            return doc
        former_ends = {s.end_char: s for s in spans(doc, "CUE_FORMER")}
        replaced = spans(doc, "CUE_REPLACED")
        # (successor, predecessor) -> (rank, fact): a "former X" cue (rank 0) names this area's board and is
        # preferred to a sentence about replacement (rank 1), which may speak of such boards in general
        found: dict[tuple[str, str], tuple[int, SuccessionFact]] = {}
        for m in ctx.mentions:
            old = facts.partnership(m.key)
            if old is None or old.type_id not in self.ref.successor_types:
                continue
            sent = ctx.sentence_at(m.start)
            if sent is None:
                continue
            rank, cue = 0, next((s for end, s in former_ends.items() if 0 <= m.start - end <= _CUE_GAP), None)
            if cue is None:
                rank, cue = 1, next((s for s in replaced if sent.start <= s.start_char < sent.end), None)
            if cue is None:
                continue
            new = self._successor(facts, old)
            if new is None or found.get((new.key, old.key), (2,))[0] <= rank:
                continue
            found[(new.key, old.key)] = (
                rank,
                SuccessionFact(new.key, old.key, make_mention(doc, sent.start, sent.end, cue.id_)),
            )
        facts.successions.extend(fact for _, fact in found.values())
        return doc

    def _successor(self, facts, old):
        """The one partnership of a type that replaced the old one's, in one of its areas (None when none or
        several)."""
        types = self.ref.successor_types[old.type_id]
        candidates = [
            p for p in facts.partnerships if p.type_id in types and p.key != old.key and set(p.areas) & set(old.areas)
        ]
        return candidates[0] if len(candidates) == 1 else None
