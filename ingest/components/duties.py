"""``sgkg_duties``: duties and functions of partnerships."""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan
from spacy.util import filter_spans

from ..facts import DutyFact, Facts
from ..patterns import Reference, load_reference
from .attribution import Attribution
from .base import all_spans, _ensure_extensions, facts_of, _mention, spans
from .bases import BasisReader, LegRef
from .context import Sentence, ctx_of
from .sentences import _BULLET, _MARKER_ONLY, _PARA_NUMBER

_LIST_INTRO_END = re.compile(r"(?::\s*-?|\bare|\bincludes?|\bto)\s*(?:\(?[ivx]{1,4}\)|\(?[a-z]\)|\d{1,2}[.)])?\s*$", re.I)
# the duty phrase is the object of a duty verb ("commissioning and publishing (the) ...", "(CSPRs and SARs)")
_DUTY_OBJECT = re.compile(r"^(?:\s*(?:and|or|&)\s+\w+)?(?:\s+(?:a|an|the|any|all|its|their|our|local|annual|new|joint|independent|multi-agency|serious|required))*\s*$|^\s*(?:[^\s()]+\s+){0,5}\(\s*[^)]*$", re.I)
_DUTY_IS_CUE = re.compile(r"^\W*(?:is|are|was|were|remains?)\s+(?:a|an|the)?\s*(?:statutory|legal|key|core|main)?\s*$", re.I)
_NOT_A_DUTY = re.compile(r"\b(?:replac\w*|abolish\w*|former|previous|instead of)\s+(?:\w+\s+){0,2}$", re.I)


# a terms-of-reference list of functions: "The Board will:", "In line with the legislation the Partnership shall:"
_FUNCTIONS_INTRO = re.compile(r"\b(?:will|shall|must|is to|are to|undertakes? to)\s*:\s*-?\s*$", re.I)


@Language.factory("sgkg_duties", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_duties(nlp: Language, name: str):
    _ensure_extensions()
    return DutyReader(load_reference())


class DutyReader:
    """Duties: a duty phrase (duty-type labels) in a sentence with a duty cue ("must", "duties", "responsibility of",
    a duty verb just before it) or in a list introduced by one ("statutory duties:", "by statute must:");
    the statutory basis cited in the sentence or its list's introduction."""

    MAX_LIST = 14

    def __init__(self, ref: Reference):
        self.ref = ref
        self.bases = BasisReader(ref)

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        att = Attribution(doc, ctx, facts)
        cues = spans(doc, "CUE_DUTY")
        verbs = spans(doc, "CUE_DUTY_VERB")
        duties = [s for s in all_spans(doc) if s.label_ == "DUTY"]
        seen: set[tuple[str, str]] = set()
        intro: tuple[int, str | None, tuple[str, ...]] | None = None  # (last list index, owner, bases)
        last_act: str | None = None
        for sent in ctx.sentences:
            refs = self.bases.refs(doc, sent, last_act)
            if refs:
                last_act = refs[-1].act
            has_cue = any(sent.start <= c.start_char < sent.end for c in cues)
            in_list = intro is not None and sent.index <= intro[0] and self._list_like(sent) and not (
                _LIST_INTRO_END.search(sent.text) and sent.text.rstrip().endswith((":", ":-")) and not has_cue)
            if intro is not None and not in_list:
                intro = None
            if (has_cue or _FUNCTIONS_INTRO.search(sent.text) and att.named(sent)) and _LIST_INTRO_END.search(sent.text):
                owner = att.owner(sent)
                intro = (sent.index + self.MAX_LIST, owner, self._intro_bases(sent, refs, owner, facts))
            for d, key in self._choose(sent, duties, verbs, cues, in_list, intro, att):
                if key is None or (key, d.kb_id_) in seen:
                    continue
                seen.add((key, d.kb_id_))
                bases = self._bases(refs, d) or (intro[2] if in_list and intro is not None else ())
                label = re.sub(r"\s+", " ", _BULLET.sub("", sent.text)).strip(" ;,.-:")
                rule = "duty.list" if in_list and not has_cue else "duty.verb" if not has_cue else "duty.cue"
                facts.duties.append(DutyFact(key, label[:300], d.kb_id_, bases, _mention(doc, sent.start, sent.end, rule)))
        return doc

    @staticmethod
    def _choose(sent, duties, verbs, cues, in_list, intro, att: Attribution):
        """(duty phrase, owner) pairs of a sentence: per duty type, the phrase with the nearest partnership named before it."""
        text = att.text
        by_type: dict[str, list] = defaultdict(list)
        for d in filter_spans([d for d in duties if sent.start <= d.start_char < sent.end]):
            verb = any(d.start_char - 100 <= v.start_char <= d.start_char and _DUTY_OBJECT.match(text[v.end_char:d.start_char]) for v in verbs if v.end_char <= d.start_char or v.start_char == d.start_char)
            cued = any(sent.start <= c.start_char < d.start_char for c in cues) or any(
                d.end_char <= c.start_char < d.end_char + 40 and _DUTY_IS_CUE.match(text[d.end_char:c.start_char]) for c in cues)
            if not (cued or in_list or verb) or _NOT_A_DUTY.search(text[max(sent.start, d.start_char - 30):d.start_char]):
                continue
            if re.search(r"\bsafeguarding partners\b", text[sent.start:d.start_char], re.I) and not att.named(sent, end=d.start_char):
                own = att.facts.partnership(att.owner(sent) or "")
                if own is None or own.type_id != "safeguarding-children-partnership":
                    continue  # the statutory safeguarding partners of the 2017 arrangements, not this board
            before = att.named(sent, end=d.start_char)
            if before:
                by_type[d.kb_id_].append((d.start_char - before[-1].end, d, before[-1].key))
            elif in_list and intro is not None:
                by_type[d.kb_id_].append((10**6, d, intro[1]))
            else:
                by_type[d.kb_id_].append((10**6, d, att.owner(sent)))
        return [(d, key) for _, d, key in (min(c, key=lambda x: x[0]) for c in by_type.values())]

    @staticmethod
    def _list_like(sent: "Sentence") -> bool:
        t = sent.text
        if _PARA_NUMBER.match(t) or len(t.split()) > 60:
            return False
        return sent.bullet or bool(_MARKER_ONLY.match(t)) or t[:1].islower() or len(t.split()) <= 20

    def _target(self, r: "LegRef") -> str | None:
        prov, known = self.bases.provision(r)
        if prov and known:
            return prov
        return r.act if r.act in self.ref.legislation else None

    def _bases(self, refs: list, d: SpacySpan) -> tuple[str, ...]:
        """The provision cited nearest before the duty phrase in its sentence, else the first cited after it."""
        if not refs:
            return ()
        before = [r for r in refs if r.end <= d.start_char]
        chosen = before[-1] if before else refs[0]
        target = self._target(chosen)
        return (target,) if target else ()

    def _intro_bases(self, sent, refs, owner, facts: Facts) -> tuple[str, ...]:
        targets = tuple(dict.fromkeys(t for t in (self._target(r) for r in refs) if t))
        if targets or owner is None or not re.search(r"\bstatut", sent.text, re.I):
            return targets
        # "The partnership has the following statutory duties:" - the basis stated for it just before
        near = [b for b in facts.bases if b.partnership == owner and 0 <= sent.start - b.mention.end <= 1500]
        return tuple(dict.fromkeys(b.provision if b.provision and b.known_provision else b.legislation for b in near))[:1]
