"""``sgkg_duties``: duties and functions of partnerships.

A list after a duty cue ("The Board must:", "The partnership has the following statutory duties:", "The Partnership
will:") is read item by item, whatever its markers: each item is one duty, its text the item without its marker and
closing ";" / "and", typed by the duty-type label it names, else of type "other" when it opens with a duty verb (the
verbs, and the words of a list of aims that is not one of duties, are data in ``ingest/patterns/duties.jsonl``). A
duty given in prose is the clause that holds its duty phrase, not the whole sentence.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from ..facts import DutyFact, Facts
from ..layout import block_at
from ..patterns import Reference, RuleSet, load_reference, rule_set
from .attribution import Attribution
from .base import all_spans, ensure_extensions, facts_of, make_mention, spans
from .bases import BasisReader, LegRef
from .context import Sentence, ctx_of
from .layout import blocks_of
from .sentences import BULLET, MARKER_ONLY, PARA_NUMBER

ITEM_MAX_WORDS = 40  # a listed duty longer than this is cut (at a comma where one falls late enough)
PROSE_MAX_WORDS = 30  # the clause of a duty given in prose
_PREAMBLE_WORDS = 12  # words before the duty phrase in its clause beyond which the clause starts at its "to"
# an item's marker inside a line, after the ";" that closed the item before ("...; and 4. keep a record")
_INLINE_MARKER = re.compile(r";\s*(?:(?:and|or)\s+)?(?=(?:\(?[a-z]\)|\(?[ivx]{1,4}[.)]|\d{1,2}[.)])\s+\S)", re.I)
# what comes before an item's first verb: its marker, "to", an adverb ("regularly engage and consult ...")
_ITEM_OPENING = re.compile(
    r"\s*(?:[-–—•*▪➢◦●○■□►▶✓✔·]\s*|\(?(?:[ivx]{1,4}|[a-z]|\d{1,2}(?:\.\d{1,2})*)[.)]\s*)?"
    r"(?:(?:and|or)\s+)?(?:to\s+)?(?:\w+ly\s+)?",
    re.I,
)
_LEAD_NOISE = re.compile(r"^(?:[-–—:;,\s]+|\d{1,2}(?:\.\d{1,2})+\s+|(?:and|or|but|then|so)\s+)+", re.I)
_TAIL_NOISE = re.compile(r"(?:[\s;,.:*\-–—]+|\b(?:and|or)\b)+$", re.I)


@Language.factory(
    "sgkg_duties",
    assigns=["doc._.sgkg"],
    requires=["doc._.sgkg_ctx", "doc._.sgkg_blocks"],
    default_config={
        "rules": {"@misc": "sgkg.component_rules.v1", "component": "duties"},
        "bases_rules": {"@misc": "sgkg.component_rules.v1", "component": "bases"},
    },
)
def make_duties(nlp: Language, name: str, rules: list[dict], bases_rules: list[dict]):
    ensure_extensions()
    return DutyReader(load_reference(), rule_set("duties", rules), rule_set("bases", bases_rules))


class DutyReader:
    """Duties: a duty phrase (duty-type labels) in a sentence with a duty cue ("must", "duties", "responsibility of",
    a duty verb just before it) or in a list introduced by one ("statutory duties:", "by statute must:");
    the statutory basis cited in the sentence or its list's introduction."""

    MAX_LIST = 14

    def __init__(self, ref: Reference, rules: RuleSet, bases_rules: RuleSet):
        self.ref = ref
        self.rules = rules  # ingest/patterns/rules/duties.jsonl, read-only
        self.bases = BasisReader(ref, bases_rules)

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        if facts.partnerships:
            _DocumentDuties(self, doc, facts).read()
        return doc

    def _choose(self, sent, duties, verbs, cues, in_list, intro, att: Attribution):
        """(duty phrase, owner) pairs of a sentence: per duty type, the phrase with the nearest partnership named before
        it."""
        text = att.text
        by_type: dict[str, list] = defaultdict(list)
        for d in filter_spans([d for d in duties if sent.start <= d.start_char < sent.end]):
            verb = any(
                d.start_char - 100 <= v.start_char <= d.start_char
                and self.rules.re("duty-object").match(text[v.end_char : d.start_char])
                for v in verbs
                if v.end_char <= d.start_char or v.start_char == d.start_char
            )
            cued = any(sent.start <= c.start_char < d.start_char for c in cues) or any(
                d.end_char <= c.start_char < d.end_char + 40
                and self.rules.re("is-cue").match(text[d.end_char : c.start_char])
                for c in cues
            )
            if not (cued or in_list or verb) or self.rules.re("not-a-duty-before").search(
                text[max(sent.start, d.start_char - 30) : d.start_char]
            ):
                continue
            if self.rules.re("partners-before").search(text[sent.start : d.start_char]) and not att.named(
                sent, end=d.start_char
            ):
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
        if PARA_NUMBER.match(t) or len(t.split()) > 60:
            return False
        return sent.bullet or bool(MARKER_ONLY.match(t)) or t[:1].islower() or len(t.split()) <= 20

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
        if targets or owner is None or not self.rules.re("statutory-word").search(sent.text):
            return targets
        # "The partnership has the following statutory duties:" - the basis stated for it just before
        near = [b for b in facts.bases if b.partnership == owner and 0 <= sent.start - b.mention.end <= 1500]
        return tuple(dict.fromkeys(b.provision if b.provision and b.known_provision else b.legislation for b in near))[
            :1
        ]


class _DocumentDuties:
    """One document's duties: the reader's state while it walks the sentences (the component keeps none)."""

    def __init__(self, reader: DutyReader, doc: Doc, facts: Facts):
        self.reader, self.doc, self.facts = reader, doc, facts
        self.ctx = ctx_of(doc)
        self.att = Attribution(doc, self.ctx, facts)
        self.text, self.blocks = self.att.text, blocks_of(doc)
        self.cues = spans(doc, "CUE_DUTY")
        self.verbs = spans(doc, "CUE_DUTY_VERB")
        self.duties = [s for s in all_spans(doc) if s.label_ == "DUTY"]
        self.cue_starts = [c.start_char for c in self.cues]  # the spans come sorted by where they start
        self.duty_starts = [d.start_char for d in self.duties]
        self.openers = {s.start_char for s in spans(doc, "DUTY_ITEM_VERB") + self.verbs}
        self.seen: set[tuple[str, str]] = set()
        self.intro: tuple[int, str | None, tuple[str, ...]] | None = None  # (last list index, owner, bases)
        self.chained = False  # the sentence before was the list's cue, one of its items or an item marker
        self.duty_list = False  # the list's cue speaks of duties (not "the core purpose of X is to:")

    def read(self) -> None:
        last_act: str | None = None
        before: list = []
        for sent in self.ctx.sentences:
            refs = self.reader.bases.refs(self.doc, sent, last_act)
            if refs:
                last_act = refs[-1].act
            self._sentence(sent, refs, before)
            before = refs

    def _sentence(self, sent: Sentence, refs: list, before: list) -> None:
        """``refs``: the legislation the sentence cites; ``before``: what the sentence before it cites."""
        has_cue = self._within(self.cue_starts, sent.start, sent.end) != (0, 0)
        intro = self.intro
        # a list runs while each sentence is an item (or an item's marker) right after the cue or another item
        in_list = (
            intro is not None
            and self.chained
            and sent.index <= intro[0]
            and self._item_like(sent)
            and not (
                self.reader.rules.re("list-intro-end").search(sent.text)
                and sent.text.rstrip().endswith((":", ":-"))
                and not has_cue
            )
        )
        if not in_list:
            self.intro = intro = None
        self.chained = False
        if self._is_intro(sent, has_cue):
            owner = self.att.owner(sent)
            # a list's cue takes the provision cited just before it in its paragraph ("Schedule 2 to the Act sets out
            # how
            # the Board must work. Each year the Board must:")
            cited = refs or (before if self.att.previous_on_line(sent) else [])
            self.intro = intro = (
                sent.index + DutyReader.MAX_LIST,
                owner,
                self.reader._intro_bases(sent, cited, owner, self.facts),
            )
            self.chained = True
            self.duty_list = not spans(self.doc, "CUE_AIM", sent.start, sent.end)
        elif in_list and intro is not None and MARKER_ONLY.match(sent.text):
            self.intro = (intro[0] + 1, *intro[1:])  # an item's marker on a line of its own ("iii)") does not count
        pieces = self._pieces(sent) if in_list else []
        typed = self._typed(sent, refs, has_cue, intro if in_list else None, pieces)
        if in_list and intro is not None:
            self.chained = self.chained or typed or bool(MARKER_ONLY.match(sent.text)) or self._marked(sent)
            if self.duty_list and intro[1] and not MARKER_ONLY.match(sent.text):
                for start, end in pieces:
                    if self._untyped_item(start, end):
                        self._add_other(start, end, intro)

    def _typed(self, sent: Sentence, refs: list, has_cue: bool, intro: tuple | None, pieces: list) -> bool:
        """The duties of a sentence that name a duty type (one per type and partnership in the document); ``intro``: the
        cue of the list the sentence is an item of. Whether the sentence names one."""
        in_list = intro is not None
        lo, hi = self._within(self.duty_starts, sent.start, sent.end)
        chosen = self.reader._choose(sent, self.duties[lo:hi], self.verbs, self.cues, in_list, intro, self.att)
        for d, key in chosen:
            if key is None or (key, d.kb_id_) in self.seen:
                continue
            self.seen.add((key, d.kb_id_))
            bases = self.reader._bases(refs, d) or (intro[2] if intro is not None else ())
            if in_list:
                label = item_text(self.reader.rules, self._piece(pieces, d.start_char))
            else:
                label = concise(self.reader.rules, self.text, sent, d.start_char, d.end_char, self.openers)
            rule = "duty.list" if in_list and not has_cue else "duty.verb" if not has_cue else "duty.cue"
            self.facts.duties.append(
                DutyFact(key, label, d.kb_id_, bases, make_mention(self.doc, sent.start, sent.end, rule))
            )
        return bool(chosen)

    @staticmethod
    def _within(starts: list[int], start: int, end: int) -> tuple[int, int]:
        """The index range of the spans starting in [start, end) (``starts`` sorted); (0, 0) when there is none."""
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return (lo, hi) if lo < hi else (0, 0)

    def _is_intro(self, sent: Sentence, has_cue: bool) -> bool:
        """A cue line of a list of duties: "The Board must:", "The partnership has the following statutory duties:",
        "The Partnership will:" (naming a partnership), "The principal statutory duties are:- to assess ..."."""
        t = sent.text
        if has_cue and (
            self.reader.rules.re("list-intro-end").search(t) or self.reader.rules.re("inline-intro").match(t)
        ):
            return True
        return bool(self.reader.rules.re("functions-intro").search(t) and self.att.named(sent))

    def _item_like(self, sent: Sentence) -> bool:
        """A list's item: short enough, and marked, or an item's marker, or the text after one, or starting in lower
        case."""
        previous = self.ctx.sentences[sent.index - 1] if sent.index else None
        return self.reader._list_like(sent) and (
            self._marked(sent)
            or bool(MARKER_ONLY.match(sent.text))
            or sent.text[:1].islower()
            or (previous is not None and bool(MARKER_ONLY.match(previous.text)))
        )

    def _marked(self, sent: Sentence) -> bool:
        """Whether a sentence is a list item by its layout (a marker, a list-item block) or by its punctuation (";")."""
        block = block_at(self.blocks, sent.start)
        return sent.bullet or (block is not None and block.kind == "list-item") or sent.text.rstrip().endswith(";")

    def _pieces(self, sent: Sentence) -> list[tuple[int, int]]:
        """The items of a list sentence: one, or several where the extraction joined lines of markers ("...; and 4.
        keep")."""
        cuts = [sent.start + m.end() for m in _INLINE_MARKER.finditer(sent.text)]
        return list(zip([sent.start, *cuts], [*cuts, sent.end]))

    def _piece(self, pieces: list[tuple[int, int]], char: int) -> str:
        return next((self.text[a:b] for a, b in pieces if a <= char < b), "")

    def _untyped_item(self, start: int, end: int) -> bool:
        """An item of a duty list that names no duty type: it opens with a duty verb ("consult on, set and monitor
        ...")."""
        t = self.text[start:end]
        if any(start <= d.start_char < end for d in self.duties):
            return False
        body = _ITEM_OPENING.match(t)
        return start + body.end() in self.openers and len(t.split()) <= 2 * ITEM_MAX_WORDS

    def _add_other(self, start: int, end: int, intro: tuple) -> None:
        label = item_text(self.reader.rules, self.text[start:end])
        if label and (intro[1], label.lower()) not in self.seen:
            self.seen.add((intro[1], label.lower()))
            mention = make_mention(self.doc, start, end, "duty.list-item")
            self.facts.duties.append(DutyFact(intro[1], label, "other", intro[2], mention))


# --- the text of a duty ----------------------------------------------------------------------------------------------


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = _LEAD_NOISE.sub("", text)
    return _TAIL_NOISE.sub("", text).strip()


def _cut(text: str, limit: int, keep: int = 0) -> str:
    """``text`` cut to ``limit`` words: at the last comma after character ``keep`` that leaves half of them, else at the
    limit."""
    words = list(re.finditer(r"\S+", text))
    if len(words) <= limit:
        return text
    bound = words[limit - 1].end()
    comma = max(text.rfind(", ", keep, bound), text.rfind("; ", keep, bound))
    if comma > 0 and len(text[:comma].split()) >= limit // 2:
        return text[:comma]
    return text[:bound]


def item_text(rules: RuleSet, sentence: str) -> str:
    """A listed duty: the item without its marker, paragraph number and closing ";" / "and" ("; and," "."), at most
    ITEM_MAX_WORDS words."""
    body = BULLET.sub("", sentence, count=1)
    inline = rules.re("inline-intro").match(body)
    if inline:  # the cue line itself: its item is what follows the colon
        body = body[inline.end() :]
    return _tidy(_cut(_without_citation(rules, _tidy(body)), ITEM_MAX_WORDS))


def _without_citation(rules: RuleSet, text: str) -> str:
    """A duty without the closing clause that cites its legislation (", as required by section 116 of the ... Act
    2007"),
    which the duty's statutory basis records; the text is kept whole when the clause is all there is."""
    m = rules.re("citation-tail").search(text)
    return text[: m.start()] if m and len(text[: m.start()].split()) >= 3 else text


def _depths(text: str) -> list[int]:
    out, depth = [], 0
    for ch in text:
        if ch in ")]":
            depth = max(0, depth - 1)
        out.append(depth)
        if ch in "([":
            depth += 1
    return out


def concise(rules: RuleSet, text: str, sent: Sentence, start: int, end: int, verbs: Iterable[int] = ()) -> str:
    """The clause of a prose sentence that holds the duty phrase at [start, end): from the last ";", ":" or "," before
    it
    (its "to" when a long preamble precedes it: "the objectives of X which are to enable ... by co-ordinating ...") to
    the
    next ";"; inside a parenthesis that states the duty ("(duty to encourage integrated working)"); of verb phrases
    joined by "and" or "," (``verbs``: where duty verbs start), the one holding the phrase."""
    t = text[sent.start : sent.end]
    a0, a1 = start - sent.start, end - sent.start
    depth = _depths(t)
    lo, hi = 0, len(t)
    while depth[a0]:
        opening = max(t.rfind("(", 0, a0), t.rfind("[", 0, a0))
        closing = next((i for i in range(a1, len(t)) if t[i] in ")]" and depth[i] == depth[a0] - 1), len(t))
        if rules.re("duty-parenthesis").match(t[opening + 1 : closing]):
            lo, hi = opening + 1, closing
            break
        a0, a1 = opening, min(len(t), closing + 1)
    base = depth[a0]
    lo = max((i + 1 for i in range(lo, a0) if t[i] in ";:," and depth[i] == base), default=lo)
    if len(t[lo:a0].split()) > _PREAMBLE_WORDS:
        to = [m.start() for m in re.finditer(r"\bto\s", t[lo:a0]) if depth[lo + m.start()] == base]
        lo = lo + to[-1] if to else lo
    hi = next(
        (
            m.start()
            for m in rules.re("clause-end").finditer(t, a1, hi)
            if depth[m.start()] == base and (m.group(0)[0] != "\n" or len(t[a1 : m.start()].split()) >= 6)
        ),
        hi,
    )
    phrases = _verb_phrases(
        rules, t, depth, base, lo, hi, sorted(v - sent.start for v in verbs if sent.start <= v < sent.end)
    )
    lo = max((p for p in phrases if p <= a0), default=lo)
    hi = min((p for p in phrases if p >= a1), default=hi)
    return _tidy(_cut(_without_citation(rules, t[lo:hi]), PROSE_MAX_WORDS, keep=a1 - lo))


def _verb_phrases(rules: RuleSet, t: str, depth: list[int], base: int, lo: int, hi: int, verbs: list[int]) -> list[int]:
    """Where the second and later of verb phrases joined by "and" / "," start ("publish a strategic plan, write an
    annual
    report and conduct ..."): each verb with its object (a determiner or a capitalised name after it; not "develop and
    deliver a plan", "care and support needs"); a participle after a comma qualifies the phrase before it."""
    out, prev = [], lo
    for p in verbs:
        if not (lo < p < hi) or depth[p] != base or not rules.re("verb-before").search(t[max(lo, p - 30) : p]):
            continue  # a verb's word used as a noun ("an annual report", "the strategic plan")
        before = rules.re("joined-before").search(t[prev:p])
        if before and before.group(0)[0] == "," and _word(t, p).endswith("ing") and not _word(t, prev).endswith("ing"):
            # a participle after a comma qualifies the phrase before it ("..., ensuring that what they do ...")
            continue
        phrase = t[prev : prev + before.start()] if before else ""
        if (
            before
            and rules.re("object-start").search(phrase)
            and rules.re("object-start").match(t, p + len(_word(t, p)))
            and not (rules.re("to-verb-end").search(phrase))
        ):  # "to safeguard and promote the welfare": one verb phrase
            out.append(p)  # both verbs have an object: "publish a strategic plan, write an annual report"
        prev = p
    return out


def _word(t: str, at: int) -> str:
    m = re.match(r"\w+", t[at:])
    return m.group(0).lower() if m else ""
