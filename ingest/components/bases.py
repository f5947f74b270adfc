"""``sgkg_bases``: statutory bases (category 3)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from ..facts import BasisFact, Facts
from ..patterns import Reference, RuleSet, section_key
from .base import doc_text, make_mention, rules_reader, spans
from .context import Context, PartnershipComponent, Sentence
from .layout import blocks_of
from .sentences import BULLET


def partnership_by_act(ref: Reference, doc: Doc, facts: Facts, sent: Sentence) -> str | None:
    """The one partnership in the document whose type is based on an Act the sentence names
    ("The Care Act defines ..." -> the Safeguarding Adults Board), else None."""
    acts = {s.kb_id_ for s in spans(doc, "LEG", sent.start, sent.end)}
    if not acts:
        return None
    # a sentence citing sections names the partnership those sections establish, not every one under the Act
    cited = {section_key(n) for m in _PROVISION.finditer(sent.text) for n in provision_numbers(m)}

    def based(type_id: str) -> bool:
        if not ref.type_acts.get(type_id, set()) & acts:
            return False
        if not cited:
            return True
        numbers = {
            section_key(b.rsplit("/", 1)[-1])
            for b in ref.type_bases.get(type_id, ())
            if re.search(r"/(?:section|regulation)/", b)
        }
        return bool(numbers & cited)

    keys = {p.key for p in facts.partnerships if based(p.type_id)}
    return keys.pop() if len(keys) == 1 else None


_PROVISION = re.compile(
    # "s43", "S194": a section letter written against its number
    r"\b(?P<kind>sections?|s\.|ss\.|s(?=\d)|regulations?|reg\.|schedule|sch\.)\s*(?P<num>\d+[A-Z]{0,2})\b(?:\s*\(\d+\))?"
    # "sections 5 and 6 of", "sections 116 and 116A of", "ss. 13, 14 and 14A of"; after the Act, the citation's end
    # ("the Crime and Disorder Act 1998 sections 5-7", "(... Act 1998, ss. 5-7)")
    r"(?P<more>(?:\s*(?:,|and|or|&|-|–|to)\s*\d+[A-Z]{0,2}\b(?:\s*\(\d+\))?)+(?=\s+(?:of|in|to)\b|\s*(?:[)\].;]|\n|$)))?",
    re.I,
)
_MORE_NUMBERS = re.compile(r"\d+[A-Z]{0,2}\b(?!\s*\))", re.I)


def provision_numbers(m: re.Match) -> list[str]:
    """The section numbers of a provision citation ("sections 5 and 6" -> ["5", "6"])."""
    more = m.group("more") or ""
    found = re.fullmatch(r"\s*(?:[-–]|to)\s*(\d+)", more)
    if found and m.group("num").isdigit() and 0 < int(found.group(1)) - int(m.group("num")) <= 6:
        # "ss.13-14", "sections 5 to 7": a range of sections
        return [str(n) for n in range(int(m.group("num")), int(found.group(1)) + 1)]
    return [m.group("num")] + [n for n in _MORE_NUMBERS.findall(more)]


@dataclass
class LegRef:
    start: int
    end: int
    act: str
    section: str | None
    kind: str  # section | regulation | schedule
    back: bool = False  # "the 2006 Act": a back-reference to an Act named before


@rules_reader("bases", reference=True)
class BasisReader(PartnershipComponent):
    """Statutory bases: the Acts and provisions a partnership is set up under. The cue words are data
    (``ingest/patterns/rules/bases.jsonl``), read-only; nothing is kept between documents."""

    def __init__(self, ref: Reference, rules: RuleSet):
        self.ref = ref
        self.rules = rules

    def refs(self, doc: Doc, sent: Sentence, last_act: str | None) -> list[LegRef]:
        """Acts and provisions cited in a sentence ("Section 13 of the Children Act 2004", "the Care Act 2014
        (s.43)")."""
        legs = [s for s in spans(doc, "LEG", sent.start, sent.end)]
        legs = [x for x in (self._year_checked(doc, s) for s in filter_spans(legs)) if x is not None]
        legs += self._year_acts(doc, sent)
        legs += self._loose_titles(doc, sent, legs)
        legs.sort(key=lambda s: s.start_char)
        out: list[LegRef] = []
        used: set[int] = set()
        text = doc_text(doc)
        for m in _PROVISION.finditer(text, sent.start, sent.end):
            if any(leg.start_char <= m.start() < leg.end_char for leg in legs):
                continue  # "... Regulations 2006" is a title, not regulation 2006
            kind = m.group("kind").lower()
            kind = "schedule" if kind.startswith("sch") else "regulation" if kind.startswith("reg") else "section"
            found = self._provision_act(text, m, legs, last_act)
            if found is None:
                continue
            act, used_i, end = found
            if kind == "regulation" and act is not None and self._kind(act, "uksi") != "uksi":
                # a regulation number belongs to Regulations: the nearest ones the sentence names, else none
                sis = sorted(
                    (leg for leg in legs if self._kind(leg.kb_id_, "") == "uksi"),
                    key=lambda leg: abs(leg.start_char - m.end()),
                )
                act, used_i = (sis[0].kb_id_, None) if sis else (None, None)
            if act is None:
                continue
            if used_i is not None:
                used.add(used_i)
            refs = [LegRef(m.start(), end, act, n, kind) for n in provision_numbers(m)]
            out += self._trailing_range(text, m, refs)
        for i, leg in enumerate(legs):
            if i not in used:
                out.append(LegRef(leg.start_char, leg.end_char, leg.kb_id_, None, "act", back=leg.label_ == "LEG_BACK"))
        out.sort(key=lambda r: r.start)
        return out

    def _trailing_range(self, text: str, m: re.Match, refs: list[LegRef]) -> list[LegRef]:
        """ "The Care Act 2014 (sections 42 to 46)", "the Crime and Disorder Act 1998 sections 5-7": of a range cited
        after its Act (a span of the Act, not a list of what the partnership rests on), the sections that are a
        partnership type's basis (the reference data's), when there are any."""
        if len(refs) < 2 or self.rules.re("provision-of-act").match(text, m.end()):
            return refs
        based = [r for r in refs if any(self.provision(r)[0] in b for b in self.ref.type_bases.values())]
        return based or refs

    def _kind(self, act: str, default: str) -> str:
        return getattr(self.ref.legislation.get(act), "kind", default)

    def _provision_act(
        self, text: str, m: re.Match, legs: list[SpacySpan], last_act: str | None
    ) -> tuple[str | None, int | None, int] | None:
        """The Act a provision belongs to: (act, index of the Act's mention when it is used up, end of the
        citation), or None when an Act close by is not its own (the provision is then left out)."""
        for i, leg in enumerate(legs):
            gap = text[m.end() : leg.start_char]
            if leg.start_char >= m.end() and self.rules.re("act-after-provision").fullmatch(gap):
                return leg.kb_id_, i, leg.end_char  # "Regulation 5 [of] the X Regulations 2006"
            gap2 = text[leg.end_char : m.start()]
            if leg.end_char <= m.start() and self.rules.re("act-before-provision").fullmatch(gap2):
                return leg.kb_id_, i, m.end()
        # "Section 14 sets out ...", "section 10 of this Act": the Act named last (no other Act follows closely)
        if self.rules.re("this-act-after").match(text[m.end() : m.end() + 20]) or not any(
            0 <= leg.start_char - m.end() <= 40 for leg in legs
        ):
            before = [leg for leg in legs if leg.end_char <= m.start()]
            return (before[-1].kb_id_ if before else last_act), None, m.end()
        return None

    def _acts_under(self, doc: Doc, ctx: Context, sent: Sentence, cue: SpacySpan) -> bool:
        """ "... under section N": a basis of the partnership only when the partnership is what acts under it
        (named before the cue, "It"/"Its" opening the sentence, or a function listed after "The Board will:"),
        not a procedure another body runs ("an enquiry under section 42")."""
        if any(m.end <= cue.start_char for m in ctx.in_sentence(sent)):
            return True
        body = BULLET.sub("", sent.text, count=1).lstrip()
        if self.rules.re("own-subject").match(body):
            return True
        if not sent.bullet and not BULLET.match(sent.text):
            return False
        for prev in reversed(ctx.sentences[max(0, sent.index - 12) : sent.index]):
            if prev.text.rstrip().endswith(":"):
                return bool(ctx.in_sentence(prev))
            if not (prev.bullet or BULLET.match(prev.text)):
                return False
        return False

    def _basis_of_something_else(self, doc: Doc, ctx: Context, sent: Sentence, cue: SpacySpan) -> bool:
        """ "Domestic Homicide Reviews (DHRs) were established on a statutory basis under section 9 ...": the clause
        before the cue has a duty or review as its subject, not a partnership; the basis is the duty's."""
        text = doc_text(doc)
        named = [m.end for m in ctx.in_sentence(sent) if m.end <= cue.start_char]
        start = max([sent.start] + named)
        clause = text[start : cue.start_char]
        verb = self.rules.re("passive-subject-end").search(clause)
        if verb is None:
            return False
        subject_end = start + verb.start()
        return any(
            s.end_char <= subject_end and subject_end - s.end_char <= 12
            for label in ("DUTY", "REVIEW")
            for s in spans(doc, label, start, subject_end)
        )

    def _statutory_under(self, ctx: Context, sent: Sentence, cue: SpacySpan) -> bool:
        """ "X is the statutory CSP for Areaton under the 1998 Act": the partnership is named before the cue and
        called statutory between its name and the cue."""
        before = [m for m in ctx.in_sentence(sent) if m.end <= cue.start_char]
        if not before:
            return False
        between = sent.text[before[0].end - sent.start : cue.start_char - sent.start]
        return bool(self.rules.re("called-statutory").search(between))

    def _typed(
        self, doc: Doc, ctx: Context, facts: Facts, sent: Sentence, refs: list[LegRef]
    ) -> list[tuple[LegRef, str]]:
        """A provision cited with no partnership named: "Under section 43 of that Act each local authority must
        establish a Safeguarding Adults Board", "Under section 16E of the Children Act 2004 the safeguarding partners
        must make arrangements ..." -> the document's partnership of the type whose statutory basis that provision
        is (the reference data's sgkg:statutoryBasis), or of the type the sentence says is established."""
        if ctx.in_sentence(sent) or sent.heading:
            return []
        provs = [r for r in refs if r.section is not None]
        if not provs:
            return []
        body = sent.text
        # a type the sentence establishes: "must establish a Safeguarding Adults Board", "established a CSP"
        established: set[str] = set()
        for m in self.rules.re("establishes").finditer(body):
            at = sent.start + m.end()
            for t in spans(doc, "PTYPE", at, min(sent.end, at + 60)):
                if t.start_char <= at + 1:
                    established.add(t.kb_id_)
        if not established and not self.rules.re("requirement-words").search(body):
            return []
        out = []
        for r in provs:
            prov, _ = self.provision(r)
            types = {t for t, bases in self.ref.type_bases.items() if prov in bases} | established
            key = self._of_types(ctx, facts, sent, types)
            if key is not None:
                out.append((r, key))
        return out

    def _type_acts(self, doc: Doc, ctx: Context, facts: Facts, sent: Sentence, refs: list[LegRef], seen: set) -> None:
        """ "Under the Care Act 2014, the Board ...", "The Children Act 2004, as amended by ..." in a list of the
        legislation a partnership operates in line with, "set up in April 2006 to comply with the Children Act 2004":
        an Act cited with a basis phrase (``CUE_BASIS_LOOSE`` patterns) is a basis of the partnership the sentence
        (or its section) speaks of, only when the reference data says partnerships of its type rest on that Act."""
        if (
            not spans(doc, "CUE_BASIS_LOOSE", sent.start, sent.end)
            and not self._in_legislation_list(doc, ctx, sent)
            and not self._type_subject(doc, sent, refs)
        ):
            return
        for r in refs:
            if r.back or self._stated_others_provision(doc, ctx, sent, r):
                continue
            types = {t for t, acts in self.ref.type_acts.items() if r.act in acts}
            named = ctx.partnership_for(sent)
            p = facts.partnership(named) if named else None
            key = named if p is not None and p.type_id in types else self._of_types(ctx, facts, sent, types)
            if key is None:
                continue
            prov, known = self.provision(r)
            target = prov or r.act
            if (key, target) in seen:
                continue
            seen.add((key, target))
            self._add_basis(doc, facts, sent, key, r, prov, known, "statutory-basis.type-act")

    def _type_subject(self, doc: Doc, sent: Sentence, refs: list[LegRef]) -> bool:
        """ "Health and Wellbeing Boards are a key element of the Health and Social Care Act 2012": a sentence about
        a partnership type (its label opening the sentence) that cites an Act the type rests on."""
        text = doc_text(doc)
        opening = self.rules.re("type-subject-lead").match(text, sent.start, sent.end)
        head = text[opening.end() if opening else sent.start : sent.end][:80].lower()
        types = {
            cid
            for cid, concept in self.ref.concepts.get("partnership-type", {}).items()
            for label in concept.labels
            if len(label) > 5 and head.startswith(label.lower()) and head[len(label) : len(label) + 1] in ("s", " ")
        }
        return any(r.act in self.ref.type_acts.get(t, set()) for t in types for r in refs if not r.back)

    def _in_legislation_list(self, doc: Doc, ctx: Context, sent: Sentence) -> bool:
        """A list item under a cue that introduces legislation ("in line with the following legislation:"),
        or a line that is only an Act's title under a heading about legislation ("Legal framework", "Care Act 2014")."""
        blocks = blocks_of(doc)
        at = next((n for n, b in enumerate(blocks) if b.start <= sent.start < b.end), None)
        if at is None:
            return False
        if blocks[at].kind == "list-item":
            cue = next((b for b in reversed(blocks[:at]) if b.kind not in ("list-item", "furniture")), None)
        elif self._title_line(doc, blocks[at]):
            before = (b for b in reversed(blocks[:at]) if b.kind != "furniture" and not self._title_line(doc, b))
            cue = next((b for b in before if b.kind != "list-item"), None)
            cue = cue if cue is not None and cue.kind in ("heading", "label-value", "paragraph") else None
        else:
            return False
        return cue is not None and bool(spans(doc, "CUE_LEGISLATION_LIST", cue.start, cue.end))

    def _title_line(self, doc: Doc, block) -> bool:
        """A line that holds an Act's title and little else ("Care Act 2014", "The Children Act 2004 (as amended)")."""
        legs = spans(doc, "LEG", block.start, block.end)
        if not legs:
            return False
        text = doc_text(doc)[block.start : block.end]
        for leg in legs:
            text = text.replace(leg.text, " ")
        return len(self.rules.re("title-word").findall(text.lower())) <= 4

    @staticmethod
    def _of_types(ctx: Context, facts: Facts, sent: Sentence, types: set[str]) -> str | None:
        """The document's one partnership of those types (its section's or the document's main one when several)."""
        keys = {p.key for p in facts.partnerships if p.type_id in types}
        if not keys:
            return None
        for k in ((ctx.section[sent.index] if ctx.section else None), ctx.subject, ctx.main):
            if k in keys:
                return k
        return keys.pop() if len(keys) == 1 else None

    def _year_checked(self, doc: Doc, leg: SpacySpan) -> SpacySpan | None:
        """An Act named without its year but followed by one: "the Health and Care Act 2012" is not the 2022 Act its
        words name; it is the one Act of 2012 whose title holds all those words (the Health and Social Care Act
        2012); with no such Act, the Act its words name ("the Crime and Disorder Act (1997)" is misdated)."""
        act = self.ref.legislation.get(leg.kb_id_)
        m = re.match(r"\s*\(?((?:19|20)\d\d)\)?", doc_text(doc)[leg.end_char : leg.end_char + 8])
        if act is None or m is None or not act.year or m.group(1) == act.year or re.search(r"\d{4}", leg.text):
            return leg
        words = set(re.findall(r"[a-z]+", leg.text.lower()))
        same_year = [
            a
            for a in self.ref.legislation.values()
            if a.year == m.group(1) and a.kind == act.kind and words <= set(re.findall(r"[a-z]+", a.title.lower()))
        ]
        if len(same_year) != 1:
            return leg  # "the Crime and Disorder Act (1997)": a misdated citation of the one Act so titled
        return SpacySpan(doc, leg.start, leg.end, label=leg.label_, kb_id=same_year[0].uri, span_id=leg.id_)

    def _year_acts(self, doc: Doc, sent: Sentence) -> list[SpacySpan]:
        """ "the 2006 Act" in a sentence: the Act of that year the document named before (the last one)."""
        out = []
        text = doc_text(doc)
        for m in self.rules.re("year-act").finditer(text, sent.start, sent.end):
            named = [
                s
                for s in spans(doc, "LEG", 0, m.start())
                if (act := self.ref.legislation.get(s.kb_id_)) is not None
                and act.year == m.group(1)
                and act.kind == "ukpga"
            ]
            span = doc.char_span(m.start(), m.end(), label="LEG_BACK", kb_id=named[-1].kb_id_) if named else None
            if span is not None:
                out.append(span)
        return out

    def _loose_titles(self, doc: Doc, sent: Sentence, legs: list[SpacySpan]) -> list[SpacySpan]:
        """An Act's title that no label matches: broken over two lines ("the Health and Social Care\nAct (2012)") or
        with a word changed ("the Children's Social Work Act 2017"): the one Act of that year whose title's words
        (left of "Act", "and", "of", "'s" aside) are the last words before "Act"."""
        out = []
        text = doc_text(doc)
        for m in self.rules.re("act-year").finditer(text, sent.start, sent.end):
            if any(leg.start_char < m.end() and m.start() < leg.end_char for leg in legs):
                continue
            start = self._title_start(text, max(sent.start, m.start() - 120), m.start())
            words = self._title_words(text[start : m.start()])
            found = [
                a
                for a in self.ref.legislation.values()
                if a.kind == "ukpga" and a.year == m.group(1) and self._title_matches(words, a.title)
            ]
            if len(found) != 1:
                continue
            span = doc.char_span(start, m.end(), label="LEG", kb_id=found[0].uri, alignment_mode="expand")
            if span is not None:
                out.append(span)
        return out

    def _title_start(self, text: str, lo: int, end: int) -> int:
        """Where the capitalised words (and "and", "of", "&") right before end begin, over one line break at most."""
        start = end
        for w in reversed(list(self.rules.re("non-space").finditer(text, lo, end))):
            gap = text[w.end() : start]
            if not self.rules.re("title-token").fullmatch(w.group(0)) or gap.count("\n") > 1:
                break
            start = w.start()
        return start

    def _title_words(self, text: str) -> list[str]:
        words = self.rules.re("title-word").findall(text.lower())
        return [w for w in words if w not in self.rules.words("title-skip")]

    def _title_matches(self, words: list[str], title: str) -> bool:
        own = self._title_words(self.rules.re("title-year").sub("", title))[:-1]  # without "act"
        return bool(own) and words[-len(own) :] == own

    def provision(self, r: LegRef) -> tuple[str | None, bool]:
        if r.section is None:
            return None, False
        act = self.ref.legislation.get(r.act)
        kind = r.kind
        if kind == "section" and act and act.kind == "uksi":
            kind = "regulation"
        key = f"sch-{r.section}" if kind == "schedule" else r.section.upper()
        known = self.ref.provisions.get((r.act, key))
        if known:
            return known, True
        return f"{r.act}/{kind}/{r.section}", False

    def _add_basis(
        self, doc: Doc, facts: Facts, sent: Sentence, key: str, r: LegRef, prov: str | None, known: bool, rule: str
    ) -> None:
        """A basis of partnership key from reference r, labelled by its provision ("section 14 of the Care Act 2014")
        where it cites one."""
        act = self.ref.legislation.get(r.act)
        label = f"{r.kind} {r.section} of the {act.title if act else r.act}" if prov else None
        facts.bases.append(
            BasisFact(key, r.act, prov, label, r.section, known, make_mention(doc, sent.start, sent.end, rule))
        )

    def read(self, doc: Doc, facts: Facts, ctx: Context, text: str) -> None:
        cues = spans(doc, "CUE_BASIS")
        act_cues = spans(doc, "CUE_BASIS_ACT")
        seen: set[tuple[str, str]] = set()
        last_act: str | None = None
        for sent in ctx.sentences:
            refs = self.refs(doc, sent, last_act)
            if not refs:
                continue
            last_act = refs[-1].act
            chosen = self._chosen(doc, ctx, sent, refs, cues, act_cues)
            if chosen is None:
                self._typed_bases(doc, ctx, facts, sent, refs, seen)
                continue
            self._add_bases(doc, ctx, facts, sent, chosen, seen)

    def _chosen(self, doc: Doc, ctx: Context, sent: Sentence, refs: list[LegRef], cues, act_cues) -> list | None:
        """The references a sentence gives as a basis, each with its rule and the offset its partnership is read
        before: after a basis cue, or just before a verb of stating ("The Care Act 2014 states ..."); None when the
        sentence has neither."""
        cue = next(
            (
                c
                for c in cues
                if sent.start <= c.start_char < sent.end
                and (c.id_ != "statutory-basis.under-provision" or self._acts_under(doc, ctx, sent, c))
                and (c.id_ != "statutory-basis.statutory-under-act" or self._statutory_under(ctx, sent, c))
                and not self._basis_of_something_else(doc, ctx, sent, c)
            ),
            None,
        )
        # "The Care Act 2014 states ...", "Section 14 sets out ...": each Act or provision just before such a verb
        stated = [
            (r, c)
            for c in act_cues
            if sent.start <= c.start_char < sent.end
            for r0 in [next((r for r in reversed(refs) if r.end <= c.start_char and not r.back), None)]
            if r0 is not None and c.start_char - r0.end <= 40
            for r in refs
            if (r.end == r0.end or self._amended_subject(doc, r, c))
            and not r.back
            and not self._others_provision(doc, ctx, sent, r)
        ]
        if cue is not None:
            chosen = [
                (r, cue.id_, cue.start_char)
                for r in ([r for r in refs if r.start >= cue.start_char] or refs)
                if not self._others_duty(doc, ctx, sent, r)
            ]
            return chosen + [(r, c.id_, r.start) for r, c in stated if r.end <= cue.start_char]
        if stated:
            return [(r, c.id_, r.start) for r, c in stated]
        return None

    def _amended_subject(self, doc: Doc, r: LegRef, cue: SpacySpan) -> bool:
        """ "The Children Act 2004 (as amended by the Children and Social Work Act 2017) sets out ...": the Act before a
        bracket of its amendment is what the verb is said of."""
        return r.end < cue.start_char and bool(
            self.rules.re("amended-bracket").fullmatch(doc_text(doc)[r.end : cue.start_char])
        )

    def _others_provision(self, doc: Doc, ctx: Context, sent: Sentence, r: LegRef) -> bool:
        """ "Section 17 of the Crime and Disorder Act 1998 places a duty on the council ...", "... requires local
        authorities to ...": a provision that puts a duty on bodies, in a sentence that names no partnership and
        establishes none, is a basis only when it is the statutory basis of a partnership type (the reference data's);
        otherwise it is a duty of other bodies."""
        if r.section is None or ctx.in_sentence(sent):
            return False
        after = doc_text(doc)[r.end : sent.end]
        if not self.rules.re("duty-on-others").match(after) or self.rules.re("establishes").search(after):
            return False
        prov, _ = self.provision(r)
        return not any(prov in bases for bases in self.ref.type_bases.values())

    def _stated_others_provision(self, doc: Doc, ctx: Context, sent: Sentence, r: LegRef) -> bool:
        """ "Section 17 of the ... Act requires local authorities to ...": a provision just before a verb of stating
        that is a duty of other bodies (see _others_provision)."""
        return bool(spans(doc, "CUE_BASIS_ACT", r.end, min(r.end + 40, sent.end))) and self._others_provision(
            doc, ctx, sent, r
        )

    def _others_duty(self, doc: Doc, ctx: Context, sent: Sentence, r: LegRef) -> bool:
        """ "many agencies have a duty under section 11 of ...": a duty of bodies the sentence names no partnership
        among, not the partnership's basis ("a duty under the Care Act 2014 to establish a Board" is one); "the
        Partnership has a duty under section 9 of the Domestic Violence, Crime and Victims Act 2004": a duty under an
        Act no partnership type rests on is the partnership's duty, not its basis."""
        text = doc_text(doc)
        before = text[max(sent.start, r.start - 30) : r.start]
        no_type_act = not any(r.act in acts for acts in self.ref.type_acts.values())
        return (
            bool(self.rules.re("duty-under-before").search(before))
            and (no_type_act or not any(m.end <= r.start for m in ctx.in_sentence(sent)))
            and not self.rules.re("establishes").search(text[r.end : sent.end])
        )

    def _named_of_act(self, ctx: Context, facts: Facts, sent: Sentence, anchor: int, r: LegRef) -> str | None:
        """ "In 2019 the X Safeguarding Children Partnership replaced the LSCB, as required by the Children and Social
        Work Act 2017": when the partnership named last before the cue is of a type that does not rest on the Act, the
        one partnership named before it whose type does."""
        named = [m.key for m in ctx.in_sentence(sent) if m.end <= anchor]
        if len(named) < 2 or self._rests_on(facts, named[-1], r.act):
            return None
        fits = {k for k in named if self._rests_on(facts, k, r.act)}
        return fits.pop() if len(fits) == 1 else None

    def _rests_on(self, facts: Facts, key: str, act: str) -> bool:
        p = facts.partnership(key)
        return p is not None and act in self.ref.type_acts.get(p.type_id, set())

    def _typed_bases(self, doc: Doc, ctx: Context, facts: Facts, sent: Sentence, refs: list[LegRef], seen: set) -> None:
        """A sentence with no basis cue: provisions it cites for a partnership type (see _typed), else the Acts of a
        type (see _type_acts)."""
        typed = self._typed(doc, ctx, facts, sent, refs)
        if not typed:
            self._type_acts(doc, ctx, facts, sent, refs, seen)
        for r, key in typed:
            prov, known = self.provision(r)
            if prov is None or (key, prov) in seen:
                continue
            seen.add((key, prov))
            self._add_basis(doc, facts, sent, key, r, prov, known, "statutory-basis.type-provision")

    def _add_bases(self, doc: Doc, ctx: Context, facts: Facts, sent: Sentence, chosen: list, seen: set) -> None:
        """The chosen references as bases of the partnership the sentence names before each (or the one whose Act it
        is)."""
        by_act = None if ctx.in_sentence(sent) else partnership_by_act(self.ref, doc, facts, sent)
        for r, rule, anchor in chosen:
            key = by_act or self._named_of_act(ctx, facts, sent, anchor, r) or ctx.partnership_for(sent, before=anchor)
            if key is None:
                continue
            prov, known = self.provision(r)
            target = prov or r.act
            if (key, target) in seen or (
                r.kind == "act" and any(r2.start < r.start and r2.act == r.act for r2, _, _ in chosen)
            ):
                continue
            seen.add((key, target))
            act = self.ref.legislation.get(r.act)
            label = (
                f"{r.kind if r.kind != 'act' else 'section'} {r.section} of the {act.title if act else r.act}"
                if prov
                else None
            )
            facts.bases.append(
                BasisFact(key, r.act, prov, label, r.section, known, make_mention(doc, sent.start, sent.end, rule))
            )
