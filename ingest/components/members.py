"""``sgkg_members``: statutory partners, responsible authorities, relevant agencies (category 5)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from .. import identity
from ..facts import Facts, OrganisationFact
from ..layout import block_at, list_after
from ..patterns import Reference, RuleSet
from .base import all_spans, doc_text, make_mention, rules_reader, spans
from .bases import partnership_by_act
from .context import Context, PartnershipComponent, Sentence, named_key
from .layout import blocks_of
from .names import LEADING_DROP, NAME_CONNECTORS, NAME_TOKEN, POST_TITLE, clean_name, is_acronym, is_post
from .sentences import SENTENCE_END


@dataclass
class OrgMention:
    start: int
    end: int
    name: str
    org_type: str
    generic: bool


# between the end of a list and a cue after it: "A and B are also identified in the X Act as statutory members"
_LINK_BEFORE = re.compile(
    r"^(?:['’]s)?\s*(?:representatives?\s+|organisations?\s+|agencies\s+)?(?:are|is|were|will "
    r"be|have been|as|being)\b[^,;]*$",
    re.I,
)
# a table's header row: "Member<TAB>Nominating body", "Responsible authority<TAB>Represented by"
_TABLE_HEADER = re.compile(r"^(?:[A-Z][a-z]+(?:\s+[a-z]+)*|Organisation|Name|Signature)$")
# cues whose sentence is read whole when no list follows them directly (see MemberReader._sentence_list)
_SENTENCE_ROLES = frozenset({"statutory-partner", "responsible-authority"})
_SENTENCE_CUES = frozenset(
    {
        "membership.made-up-of",
        "membership.brings-together",
        "membership.comprises",
        "membership.consists-of",
        "membership.formed-by",
        "membership.partnership-between",
        "membership.partnership-of",
        "membership.organisations-include",
    }
)
# cues whose bodies hold the core role of the partnership's type without the sentence being read whole
# ("The X Partnership is led by A, B and C": the bodies that lead it)
_CORE_CUES = _SENTENCE_CUES | {"membership.core-members-are", "membership.led-by"}
# cues whose sentence is read whole as well, the bodies keeping the role of members ("includes representation from A,
# B")
_READ_WHOLE = _SENTENCE_CUES | {"membership.representation-from", "membership.partners-like"}
# how a cue leads to the list after it: "... are A, B", "(termed Safeguarding Partners) who are ...: A", "responsible
# for the arrangements under the Partnership are A", "in Areaton (A, B and C)", "- A, B"
_LINK_AFTER = re.compile(
    r"\s*(?:[)'’\"”]\s*)?(?:[:(–—-]|,|\b(?:are|is|were|will|who|which|that|for|in|of|responsible|"
    r"jointly|"
    r"within|across|namely|being|include|includes|including|under|comprise|comprising|is|as|being|"
    r"here|locally|each|all|the|our|its|their|those|these|to|of|by|from|partners|organisations|"
    r"agencies|bodies|representatives)\b)",
    re.I,
)
_LAW_IN_GENERAL = re.compile(
    r"\b(?:the|this|that|new)\s+(?:Act|legislation|law|provisions?|regulations?|guidance)\b"
    r"|\b(?:a|each|every|any)\s+local\s+authority\s+area\b|\bdefined\s+(?:in|by|as)\b",
    re.I,
)
_NEGATED = re.compile(r"\b(?:not|no longer|neither|nor|rather than|other than|instead of)\b", re.I)
_NOT_BEFORE = re.compile(r"\bnot\s+(?:\w+\s+){0,2}$", re.I)  # "is not a statutory partner": nothing before counts
_ROLE_ORDER = {"statutory-partner": 0, "responsible-authority": 0, "relevant-agency": 1, "member": 2}


_DASH = re.compile(r"\s+[–—-]\s+")  # a spaced dash between an organisation and its representative's post
# between two items of one list: "A, B", "A (A2) and the B", "A in Areashire, as well as the B"
_ITEM_GAP = re.compile(
    r"\s*(?:(?:in|across)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}\s*)?(?:\([^()]{0,80}\)\s*)?"
    r"(?:[,;/&]|\b(?:and|with)\b|,\s*and\b|,?\s*as\s+well\s+as\b)\s*(?:(?:the|our|its|their)\s+)?$",
    re.I,
)


def _run(orgs: list[OrgMention], text: str, *, backwards: bool = False) -> list[OrgMention]:
    """The organisations that make one list with the first one: each next one follows a comma, semicolon, "and"
    or "&" (a bracketed comment between allowed)."""
    out = orgs[:1]
    for o in orgs[1:]:
        gap = text[o.end : out[-1].start] if backwards else text[out[-1].end : o.start]
        if not _ITEM_GAP.match(gap):
            break
        out.append(o)
    return out


@rules_reader("members", reference=True)
class MemberReader(PartnershipComponent):
    """Members named in a list anchored on a cue: "the statutory partners, A, B and C", "A and B are statutory
    members of X", "made up of: - A - B", "brings together the responsible authorities of A, B ..."."""

    def __init__(self, ref: Reference, rules: RuleSet):
        self.ref = ref
        self.rules = rules  # ingest/patterns/rules/members.jsonl, read-only

    def orgs(self, doc: Doc, start: int, end: int, ctx: Context) -> list[OrgMention]:
        """The organisations named between ``start`` and ``end``: each organisation-type span grown to its name."""
        out: list[OrgMention] = []
        found = spans(doc, "OTYPE", start, end)  # the label index: bisected, not a scan of every span
        found = filter_spans(found)
        otype_toks = {i for s in found for i in range(s.start, s.end)}
        for s in found:
            if ctx.covered(s.start_char, s.end_char):
                continue
            left = self._left_edge(doc, s, self._after_names(doc, ctx, start, s.start_char), otype_toks)
            mention = self._mention(doc, s, left, self._right_edge(doc, s, end))
            if mention is not None and not ctx.covered(mention.start, mention.end):
                out.append(mention)
        return self._with_reference_names(doc, start, end, ctx, out)

    @staticmethod
    def _after_names(doc: Doc, ctx: Context, start: int, at: int) -> int:
        """Where a name ending at ``at`` may start: after the last partnership named before it ("X Housing Partnership
        and Y Mental Health Trust": the trust's name never takes in the partnership's)."""
        ends = [e for s, e in ctx.names if start <= e <= at and s < at]
        return max(ends, default=start)

    def _left_edge(self, doc: Doc, s, start: int, otype_toks: set[int]) -> int:
        """The first token of the name an organisation type ends: capitalised name words before it."""
        i = s.start
        while i - 1 >= 0 and doc[i - 1].idx >= start:
            tok = doc[i - 1]
            if tok.lower_ in ("and", "&"):
                # "Black Country and West Birmingham Clinical Commissioning Group", not "Police and CCG"
                if (
                    i - 2 >= 0
                    and doc[i - 2].idx >= start
                    and doc[i - 2].is_title
                    and (i - 2) not in otype_toks
                    and i - 1 > s.start - 6
                    and not self._list_word(doc, i - 2, start)
                ):
                    i -= 1
                    continue
                break
            if tok.text == "," and self._comma_name(doc, start, i - 1, s, otype_toks):
                i -= 1
                continue
            if not NAME_TOKEN.match(tok.text) or tok.lower_ == "for" or (i - 1) in otype_toks:
                break
            i -= 1
        while i < s.start and (doc[i].lower_ in LEADING_DROP or doc[i].lower_ in NAME_CONNECTORS):
            i += 1
        cut = _after_post(doc, i, s.start)
        if cut > i and not is_post(doc[i : s.end].text):  # "Director of Children's Services" stays a post
            i = cut
        return i

    def _right_edge(self, doc: Doc, s, end: int) -> int:
        """The token after the name: a following capitalised head word ("Fire and Rescue Authority", "NHS Trust")
        and an NHS body's tail ("X Ambulance Service NHS Trust") join it."""
        j = s.end
        heads = self.rules.words("head-words") | self.rules.words("lower-heads")  # "Further Education colleges"
        while j < len(doc) and doc[j].idx + len(doc[j]) <= end and doc[j].text in heads:
            j += 1
        if j > s.start:
            after = doc[j - 1].idx + len(doc[j - 1])
            tail = self.rules.re("nhs-tail").match(doc_text(doc)[after:end])
            if tail:
                while j < len(doc) and doc[j].idx + len(doc[j]) <= after + tail.end():
                    j += 1
        return self._place_after(doc, s, j, end)

    def _place_after(self, doc: Doc, s, j: int, end: int) -> int:
        """ "Healthwatch Areaton": a type whose names put it first takes the place named after it."""
        if j != s.end or s.text not in self.rules.words("type-first"):
            return j
        k = j
        while k < len(doc) and k - j < 3 and doc[k].idx + len(doc[k]) <= end and doc[k].is_title:
            k += 1
        return next((j + n for n in range(k - j, 0, -1) if self.ref.areas.lookup(doc[j : j + n].text)), j)

    def _mention(self, doc: Doc, s, i: int, j: int) -> OrgMention | None:
        """The organisation doc[i:j] names (type span ``s``), or None when the words name a post."""
        span = doc[i:j]
        name = clean_name(span.text)
        generic = i == s.start and not (j > s.end and s.text in self.rules.words("type-first"))
        held = self.rules.re("post-held").match(name)
        if held and is_post(held.group(1)) and span.start_char + held.end() < s.start_char:
            # "the Chief Executive of Areaton Council": the organisation, not the post that leads it
            sub = doc.char_span(span.start_char + held.end(), span.end_char, alignment_mode="contract")
            if sub is not None and len(sub):
                span, name = sub, clean_name(sub.text)
        if is_post(name):
            return None  # "Director of Children's Services", "Assistant Chief Constable": a post
        if is_acronym(s.text) and generic:
            name = s.text
        return OrgMention(span.start_char, span.end_char, name, s.kb_id_, generic)

    def _with_reference_names(
        self, doc: Doc, start: int, end: int, ctx: Context, out: list[OrgMention]
    ) -> list[OrgMention]:
        """Names of national reference organisations the type words do not catch ("London Fire Brigade", "Met
        Police"): recognised from the reference data, never added where the text names no organisation."""
        found = doc.user_data.get("sgkg_reference_names")
        if found is None:  # the whole text read once per document, not once per sentence asked about
            found = doc.user_data["sgkg_reference_names"] = self.ref.organisations.find(doc_text(doc))
        for m in found:
            a, b = m.start, m.end
            if a < start or b > end or ctx.covered(a, b):
                continue
            types = {c.type for c in m.candidates}
            inside = [o for o in out if a <= o.start and o.end <= b]
            if any(o.start < b and a < o.end for o in out if o not in inside) or len(types) != 1:
                continue
            if inside and all((o.start, o.end) == (a, b) for o in inside):
                continue
            # "Tyne and Wear Fire and Rescue Service": the reference name, not the part the type words reach
            out = [o for o in out if o not in inside] + [OrgMention(a, b, m.text, types.pop(), False)]
        return sorted(out, key=lambda o: o.start)

    def _list_word(self, doc: Doc, k: int, start: int) -> bool:
        """ "the Council, Health and Police": a one-word item of a comma list before "and", not the first half of a
        name ("Black Country and West Birmingham CCG"); an area name ("Bedfordshire, Luton and Milton Keynes") is a
        half."""
        if k - 1 >= 0 and doc[k - 1].text in self.rules.words("type-first"):
            return True  # "Healthwatch Areaton and Areashire Fire and Rescue Service": the place ends the name before
        if doc[k].text in self.rules.words("head-words"):
            return True  # "X Probation Delivery Unit and NHS Y ICB": a head word ends the name before
        return (
            k - 1 >= 0 and doc[k - 1].idx >= start and doc[k - 1].text == "," and not self.ref.areas.lookup(doc[k].text)
        )

    @staticmethod
    def _comma_name(doc: Doc, start: int, comma: int, s, otype_toks: set[int]) -> bool:
        """A comma inside one name: "NHS A, B and C Integrated Care Board", "A, B and C NHS Foundation Trust":
        the words before the type are short capitalised place words joined by commas and one "and", and the
        name starts with "NHS" or the type is an NHS one."""
        words = [t for t in doc[max(0, s.start - 40) : s.start] if t.idx >= start][
            -12:
        ]  # a window, not the whole prefix
        k = next((n for n, t in enumerate(words) if t.i == comma), None)
        if k is None or not any(t.lower_ == "and" for t in words[k:]):
            return False
        j = comma
        while (
            j - 1 >= 0
            and doc[j - 1].idx >= start
            and (doc[j - 1].is_title or doc[j - 1].is_upper)
            and (j - 1) not in otype_toks
            and comma - j < 4
        ):
            j -= 1
        chunk = doc[j:comma]
        nhs = s.text.split()[0] == "NHS" or (len(chunk) > 0 and chunk[0].text == "NHS")
        if not nhs and not any(t.text == "NHS" for t in s):
            return False
        chunks = [c.strip() for c in doc[j : s.start].text.replace(" and ", ",").split(",")]
        return len(chunk) > 0 and all(c and len(c.split()) <= 3 for c in chunks)

    def parse_list(
        self, text: str, start: int, end: int, orgs: list[OrgMention], ctx: Context, *, lower: bool = False
    ) -> list[OrgMention]:
        """The organisations listed from `start`: "A, B (B2) and the C", "NHS trusts, including A and B"; a short
        name without a type word ("Health") counts in a list that names at least one organisation by its type; people
        and posts among the items ("directors of public health") are passed over."""
        items: list[OrgMention] = []
        classes: list[OrgMention] = []
        posts = closed = anded = False
        pos = start
        while pos < end:
            found = self._list_item(text, pos, end, orgs, ctx, lower=lower and bool(items))
            if found is None:
                break
            o, keep = found  # a partnership among the items (a member board) is passed over
            if closed and o.org_type == "other" and o.name[:1].islower() and o not in orgs:
                break  # "A, B and C, meet every month": after its "and" no bare lower-case words go on with a list
            held = self._post_bracket(text, o.end, end, orgs) if not keep or o.generic else None
            held = None if held is not None and keep and held.generic else held  # "(ICB)": a short form, no name
            if held is not None and not keep:  # "the Chief Nurse (X ICB)": the organisation the post stands for
                items.append(held)  # ... and the posts go on
            o = held or o  # "the local authority (X Council)": the body the generic words stand for
            # "Directors of Public Health, Children's Services and Adult Services": the posts go on
            posts = not keep or (posts and o.generic and not o.name[:1].islower())
            if keep and not posts:
                items.append(o)
            inner = self._bracket_members(text, o.end, end, orgs, ctx)
            if inner:  # "commissioners (like the Council and X CCG)": the bracket names the members of the class
                items = [i for i in items if not (i is o and o.generic)] + inner[1]
                o = OrgMention(o.start, inner[0], o.name, o.org_type, o.generic)
            sep = self.rules.re("list-sep").match(text, self._post_after(text, o.end, end), end)
            if sep is None or sep.end() == o.end:
                break
            if self.rules.re("sub-list").search(sep.group(0)):
                posts = False  # "..., NHS trusts, including A and B": organisations again
                if keep and o.generic:
                    classes.append(o)  # "NHS trusts, including A and B": the trusts are A and B
            rest = re.sub(r"^(?:\s*\([^()]{1,60}\))*", "", sep.group(0))
            if ")" in rest and not re.search(r"\)\s*(?:,|;|\band\b|&)", rest):
                # "(A, B and C) to reduce crime": the bracket that held the list closes it ("(A, B) and C" goes on)
                break
            pos = sep.end()
            joined = bool(
                self.rules.re("list-and").search(sep.group(0))
            )  # "..., the military": a determiner keeps a list open
            closed, anded = (
                anded and not joined and not self.rules.re("determiner-end").search(sep.group(0)),
                anded or joined,
            )
        items = [o for o in items if not any(o is c and c is not items[-1] for c in classes)]
        return items if any(o.org_type != "other" or not o.generic for o in items) else []

    def _post_bracket(self, text: str, pos: int, end: int, orgs: list[OrgMention]) -> OrgMention | None:
        """ "the Chief Nurse (Areashire Integrated Care Board)": a post passed over in a list, with the organisation it
        stands for alone in a bracket after it."""
        m = self.rules.re("open-bracket").match(text, pos, end)
        inside = [
            o for o in orgs if m and o.start == m.end() and self.rules.re("close-bracket").match(text, o.end, end)
        ]
        return inside[0] if inside else None

    def _bracket_members(
        self, text: str, pos: int, end: int, orgs: list[OrgMention], ctx: Context
    ) -> tuple[int, list[OrgMention]] | None:
        """ "(like A and B)", "(including A, B)" right after a list item: where the bracket closes, and the
        organisations it lists."""
        m = self.rules.re("bracket-sub-list").match(text, pos, end)
        close = text.find(")", pos, end) if m else -1
        if close < 0:
            return None
        inner = self.parse_list(text, m.end(), close, orgs, ctx, lower=True)
        return (close + 1, inner) if inner else None

    def _list_item(
        self, text: str, pos: int, end: int, orgs: list[OrgMention], ctx: Context, *, lower: bool
    ) -> tuple[OrgMention, bool] | None:
        """The item of a list at ``pos`` and whether it names an organisation (people and posts do not); None where
        the list ends. "a representative of X": the organisation X."""
        typed = any(pos <= o.start <= pos + 1 for o in orgs)  # "chief officers of the police": a type of its own
        lead = None if typed else self.rules.re("item-people-lead").match(text, pos, end)
        pos = lead.end() if lead else pos
        people = None if lead or typed else self.rules.re("not-an-organisation").match(text, pos, end)
        if people and self.rules.re("list-sep").match(text, people.end(), end):
            return OrgMention(pos, people.end(), "", "other", True), False  # "elected Councillors, ...": passed over
        o = next((o for o in orgs if pos <= o.start <= pos + 1), None)
        held = next((o for o in orgs if pos < o.start <= pos + 60 and self._post_of(text[pos : o.start])), None)
        if o is None and held is not None:
            # "the Chief Executive of X Council": the organisation; "directors of public health": a post, passed over
            return (held, True) if not held.generic else (OrgMention(pos, held.end, "", "other", True), False)
        o = o or self._led_by_modifiers(text, pos, orgs) or self._unit_of(text, pos, orgs)
        if o is not None:
            return o, True
        board = next(((s, e) for s, e in ctx.names if pos <= s <= pos + 1), None)
        if board is not None:
            return OrgMention(board[0], board[1], "", "other", True), False
        m = self.rules.re("loose-name").match(text, pos, end)
        low = None if m else self.rules.re("loose-lower").match(text, pos, end)
        if low and (
            lower
            or self.rules.re("not-an-organisation").fullmatch(low.group(0))  # "elected councillors, ...": passed over
            or (
                self.rules.re("class-noun").fullmatch(low.group(0))
                and (
                    self.rules.re("sub-list").search(text, low.end(), low.end() + 12)
                    or self.rules.re("bracket-sub-list").match(text, low.end(), end)
                )
            )
        ):
            m = low  # "health bodies such as A and B": a class of the members named next, first or not
        if (
            m is None
            or m.group(0).lower() in STOP_WORDS
            or m.group(0).split()[0] in STOP_WORDS  # ", with schools": a clause, not an item
            or any(m.start() < e and s < m.end() for s, e in ctx.names)
        ):
            return None
        people = self.rules.re("not-an-organisation").fullmatch(m.group(0)) or is_post(m.group(0))
        return OrgMention(m.start(), m.end(), m.group(0), "other", True), not people

    def _post_after(self, text: str, pos: int, end: int) -> int:
        """ "Areaton Council Chief Executive, ...": the end of the post an organisation's name runs on into, so that
        the list goes on after it; ``pos`` when no post follows."""
        m = self.rules.re("post-after").match(text, pos, end)
        return m.end() if m and is_post(m.group(1)) else pos

    def _led_by_modifiers(self, text: str, pos: int, orgs: list[OrgMention]) -> OrgMention | None:
        """ "local NHS Trusts", "all six local authorities": an organisation type after words that only qualify it
        (``item-lead`` words), read as the item."""
        lead = self.rules.words("item-lead")
        return next(
            (o for o in orgs if pos < o.start <= pos + 30 and all(w in lead for w in text[pos : o.start].split())),
            None,
        )

    def _unit_of(self, text: str, pos: int, orgs: list[OrgMention]) -> OrgMention | None:
        """ "Central Basic Command Unit of the Areashire Police Service": a unit of an organisation, named whole."""
        o = next(
            (o for o in orgs if pos < o.start <= pos + 80 and self.rules.re("unit-of").fullmatch(text[pos : o.start])),
            None,
        )
        return OrgMention(pos, o.end, text[pos : o.end], o.org_type, False) if o is not None and not o.generic else None

    @staticmethod
    def _post_of(gap: str) -> bool:
        """ "Chief Executive of ": a post that leads the organisation named next ("the Chief Executive of X")."""
        m = re.fullmatch(r"(.+?)\s+(?:of|for|at)\s+(?:the\s+)?", gap)
        return bool(m) and is_post(m.group(1))

    def _partnership(self, doc: Doc, ctx: Context, facts: Facts, sent: Sentence, anchor: int) -> str | None:
        """The partnership a membership sentence is about: the one it names (before the cue first); for a
        sentence naming none but an Act ("The Care Act defines ..."), the one partnership of a type based on that Act;
        the
        one the partners form, named after the cue ("the three partners (A, B and C) formed the X Partnership"),
        first."""
        text = doc_text(doc)
        formed = [
            m
            for m in ctx.in_sentence(sent)
            if m.start > anchor and self.rules.re("forms-the").search(text[max(anchor, m.start - 40) : m.start])
        ]
        if formed:
            return formed[0].key
        if not ctx.in_sentence(sent):
            key = partnership_by_act(self.ref, doc, facts, sent)
            if key:
                return key
        named = [
            m
            for m in ctx.in_sentence(sent)
            if m.end <= anchor or not self.rules.re("listed-after").search(text[anchor : m.start])
        ]
        if len(named) == len(ctx.in_sentence(sent)):
            return ctx.partnership_for(sent, before=anchor)
        # "It works with partner organisations like the X Partnership and ...": a member, not the one it is of
        listed = {m.key for m in ctx.in_sentence(sent)} - {m.key for m in named}
        key = named_key(named, anchor) or (ctx.section[sent.index] if ctx.section else ctx.main)
        return key if key not in listed else (ctx.main if ctx.main not in listed else None)

    def read(self, doc: Doc, facts: Facts, ctx: Context, text: str) -> None:
        cues = self._cues(doc, ctx)
        seen: dict[tuple[str, str], str] = {}
        aliases = self._aliases(doc, ctx, text)
        for cue, role_id, rule in cues:
            sent = ctx.sentence_at(cue.start_char)
            if sent is None:
                continue
            key = self._partnership(doc, ctx, facts, *self._cue_origin(ctx, cue, sent))
            if key is None or self._national(ctx, sent, cue, text):
                continue
            if role_id in _SENTENCE_ROLES and self.rules.re("other-than-core").search(
                text[sent.start : cue.start_char]
            ):
                continue  # "Other key partners ... are listed below:": not the statutory partners
            if rule == "membership.partnership-between" and self._indefinite(text[sent.start : cue.start_char]):
                continue  # "a working partnership between the Council, X Police and ...": not this partnership
            if rule == "membership.partnership-of" and not self._copular(text[sent.start : cue.start_char]):
                continue  # "X, the borough's partnership of NHS and council providers": some other partnership
            found = self._cued(doc, ctx, text, sent, (cue, role_id, rule), cues)
            if found and role_id == "member" and rule in _CORE_CUES and not self._wider(text, sent, cue):
                # "It is formed by A, B and C": the bodies that form a partnership hold its type's core role
                p = facts.partnership(key)
                role_id = self.ref.core_roles.get(p.type_id, role_id) if p else role_id
            self._record(doc, facts, seen, aliases, (key, role_id, rule), found)
        for cue in spans(doc, "CUE_ROSTER"):
            self._roster(doc, ctx, facts, seen, aliases, cue)
        self._resolve_generic(facts)

    def _indefinite(self, before: str) -> bool:
        """ "... came from a working partnership between": some partnership, unless the sentence says the partnership
        is one ("The Board is a partnership between ...")."""
        m = self.rules.re("indefinite-before").search(before)
        return bool(m) and (m.group(1) or "").lower() not in self.rules.words("copula")

    def _copular(self, before: str) -> bool:
        """ "The Board is a partnership of ...": the sentence says the partnership is one."""
        m = self.rules.re("indefinite-before").search(before)
        return bool(m) and (m.group(1) or "").lower() in self.rules.words("copula")

    def _national(self, ctx: Context, sent: Sentence, cue, text: str) -> bool:
        """ "Community Safety Partnerships (CSPs) are made up of ...": the cue's sentence speaks of a kind of
        partnership in general (its subject the type in the plural, or "every ..."), naming no partnership before it."""
        before = text[sent.start : cue.start_char]
        if any(m.end <= cue.start_char for m in ctx.in_sentence(sent)):
            return False
        # "The Case Review Panel consists of ...": the members of a panel or forum, not of the partnership
        return bool(self.rules.re("national-subject").match(before) or self.rules.re("other-body").match(before))

    def _cues(self, doc: Doc, ctx: Context) -> list[tuple]:
        """The membership cues of the document (span, role id, rule), core roles first, in text order."""
        cues = [(r, r.kb_id_, f"membership.{r.kb_id_}") for r in all_spans(doc) if r.label_ == "MROLE"]
        cues += [(c, "member", c.id_) for c in spans(doc, "CUE_MEMBERS")]
        cues += self._anaphoric_cues(doc, ctx, cues)
        cues += self._heading_cues(doc, ctx)
        nonstat = [(s.start_char, s.end_char) for s in spans(doc, "CUE_NONSTAT")]
        # "non-statutory partners such as:"
        cues = [c for c in cues if not any(a <= c[0].start_char < b for a, b in nonstat)]
        cues.sort(key=lambda x: (_ROLE_ORDER.get(x[1], 2), x[0].start_char))
        return cues

    def _cued(
        self, doc: Doc, ctx: Context, text: str, sent: Sentence, cued: tuple, cues: list
    ) -> list[tuple[OrgMention, Sentence]]:
        """The organisations one cue introduces: in its sentence, in a list or table after it, or just before it."""
        cue, role_id, rule = cued
        orgs = self.orgs(doc, sent.start, sent.end, ctx)
        lead = self.rules.re("list-lead").match(text, cue.end_char, sent.end)
        # a bare "member(s)" / "partner agencies" introduces no list in running text ("with partner agencies (A, B,
        # etc)")
        weak = rule == "membership.member"
        found = [] if weak else [(o, sent) for o in self.parse_list(text, lead.end(), sent.end, orgs, ctx, lower=True)]
        found += self._list_before(text, cue, sent, orgs, ctx)
        # "List of Relevant Agencies" / "... made up of the statutory agencies known as:" followed by one item a line
        list_head = self._list_head(sent)
        # "named the following relevant agencies, which ...:"
        following = re.search(r"\bfollowing\s+(?:[\w-]+\s+){0,2}$", text[sent.start : cue.start_char])
        colon = sent.text.rstrip().endswith(":")
        rest = len(text[cue.end_char : sent.end].split())  # "... that make up the X Partnership are the:"
        alone = sum(sent.start <= c.start_char < sent.end for c, _, _ in cues) == 1  # the sentence's only cue
        if list_head and (rest <= 8 or (colon and (following or (rest <= 12 and alone)))):
            whole = role_id == "relevant-agency"  # statutory partners are named by type; other lines are posts
            found += self._list_orgs(doc, ctx, self._list_after(doc, ctx, sent), whole)
        found += [
            (o, row)
            for n, row in enumerate(self._table_after(doc, ctx, sent, text))
            for o in self._row_orgs(doc, ctx, row, text, first=n == 0)
        ]
        if not found and (role_id in _SENTENCE_ROLES or rule in _READ_WHOLE):
            found = [(o, sent) for o in self._sentence_list(doc, ctx, sent, cue, cues, text)]
        if len(found) < 2 and role_id in _SENTENCE_ROLES:
            found += self._inline_roster(doc, ctx, sent, cue, [o for o, _ in found])
        if not found and role_id in _SENTENCE_ROLES:
            found = self._answer(doc, ctx, text, sent)
        return found

    def _answer(self, doc: Doc, ctx: Context, text: str, sent: Sentence) -> list[tuple[OrgMention, Sentence]]:
        """ "Who are the safeguarding partners?" followed by a line that is nothing but their list ("A, B and C.")."""
        if not sent.text.rstrip().endswith("?") or len(sent.text.split()) > 10 or sent.index + 1 >= len(ctx.sentences):
            return []
        nxt = ctx.sentences[sent.index + 1]
        start = nxt.start + len(nxt.text) - len(nxt.text.lstrip())
        listed = self.parse_list(text, start, nxt.end, self.orgs(doc, nxt.start, nxt.end, ctx), ctx)
        if len(listed) < 2 or listed[0].start > start + 4 or text[listed[-1].end : nxt.end].strip(" .;"):
            return []
        return [(o, nxt) for o in listed]

    def _list_before(
        self, text: str, cue, sent: Sentence, orgs: list[OrgMention], ctx: Context
    ) -> list[tuple[OrgMention, Sentence]]:
        """A list ending just before the cue ("A, B and C are the statutory partners")."""
        for o in orgs:
            if o.end > cue.start_char:
                break
            items = self.parse_list(text, o.start, cue.start_char, orgs, ctx, lower=True)
            gap = text[items[-1].end : cue.start_char] if items else ""
            if items and _LINK_BEFORE.match(gap) and len(gap.split()) <= 10 and not _NEGATED.search(gap):
                # "Health, the Police and the Local Authority are ...": a short first item without a type word
                head = self.rules.re("subject-first-item").fullmatch(text, sent.start, o.start)
                first = [OrgMention(head.start(1), head.end(1), head.group(1), "other", True)] if head else []
                return [(x, sent) for x in first + items]
        return []

    def _list_orgs(
        self, doc: Doc, ctx: Context, items: list[Sentence], whole: bool
    ) -> list[tuple[OrgMention, Sentence]]:
        """The organisations of a list's items; where two lines in three (one bulleted item in three) name an
        organisation
        by its type, the others are read whole too ("NHS Areaton", "The Strategic Health Authority"), posts and people
        ("Sir A B CBE", "Lay members") left out."""
        read = [(item, self._item_orgs(doc, ctx, item, whole=whole)) for item in self._without_page_numbers(items)]
        people = self.rules.re("not-an-organisation")
        glyph = self.rules.re("item-glyph")
        # a third of a
        typed = sum(bool(orgs) for _, orgs in read) * (3 if all(glyph.match(i.text) for i in items) else 1.5)
        if not whole and len(read) >= 3 and typed >= len(read):  # bulleted list, else two thirds of its lines
            read = [
                (
                    item,
                    orgs
                    or [
                        o
                        for o in self._item_orgs(doc, ctx, item)
                        if self.rules.re("member-marker").search(item.text)  # "X Association (Affiliated Partner)"
                        or (
                            not is_post(o.name)
                            and not people.fullmatch(o.name)
                            and not spans(doc, "PROLE", o.start, o.end)
                            and not spans(doc, "POST_WORD", o.start, o.end)
                        )
                    ],
                )
                for item, orgs in read
            ]
        return [(o, item) for item, orgs in read for o in orgs]

    def _without_page_numbers(self, items: list[Sentence]) -> list[Sentence]:
        """The entries of a list of contents without their page numbers ("8. Areashire Hospitals NHS Trust 11"), when
        three or more entries, all but one, end with one."""
        pages = self.rules.re("page-number")
        found = [pages.search(i.text) for i in items]
        if len(items) < 3 or sum(m is None for m in found) > 1:
            return items
        return [
            Sentence(i.index, i.start, i.end - len(m.group(0)), i.text[: m.start()], i.heading, i.bullet) if m else i
            for i, m in zip(items, found)
        ]

    def _inline_roster(
        self, doc: Doc, ctx: Context, sent: Sentence, cue, have: list[OrgMention]
    ) -> list[tuple[OrgMention, Sentence]]:
        """ "The statutory partners for Areaton are: A B Chief Executive Areaton Council C D Borough Commander Areashire
        Police ...": names, posts and organisations run on after the cue's colon (a table flattened into the sentence);
        read as a roster when three organisations are named properly."""
        text = doc_text(doc)
        colon = text.find(": ", cue.end_char, min(sent.end, cue.end_char + 40))
        if colon < 0 or not text[colon + 2 : colon + 3].isupper():
            return []
        orgs = [o for o in self.orgs(doc, colon + 2, sent.end, ctx) if not o.generic]
        if len(orgs) < 3:
            return []
        return [(o, sent) for o in orgs if all(o.end <= h.start or o.start >= h.end for h in have)]

    def _record(
        self,
        doc: Doc,
        facts: Facts,
        seen: dict,
        aliases: dict[str, str],
        how: tuple[str, str, str],
        found: list[tuple[OrgMention, Sentence]],
    ) -> None:
        """One membership fact for each organisation found, once per partnership (the first role read wins)."""
        key, role_id, rule = how
        for o, where in found:
            if o.name in aliases:  # "BLMK ICB" after "NHS A, B and C Integrated Care Board (BLMK ICB)"
                o = OrgMention(o.start, o.end, aliases[o.name], o.org_type, False)
            ident = (key, identity.slug(o.name))
            if not ident[1] or ident in seen:
                continue
            seen[ident] = role_id
            p = facts.partnership(key)
            facts.organisations.append(
                OrganisationFact(
                    key,
                    o.name,
                    o.org_type,
                    o.generic,
                    role_id,
                    p.areas if p else facts.areas,
                    make_mention(doc, where.start, where.end, rule),
                    self._reference(o),
                )
            )

    def _roster(self, doc: Doc, ctx: Context, facts: Facts, seen: dict, aliases: dict[str, str], cue) -> None:
        """A members table or attendance list run into one paragraph after "MEMBERSHIP:", "Present:", "Who is a member
        of the Board?" or inline after "Membership": every organisation it names properly is a member (names, posts
        and organisations have no separators left, so only organisations named by their type or from the reference
        lists are read; generic ones such as "Council" are left out)."""
        region = _roster_region(blocks_of(doc), doc_text(doc), cue, self.rules.re("sentence-end"))
        sent = ctx.sentence_at(cue.start_char)
        if region is None or sent is None:
            return
        # the partnership named before the cue, else the section's: never one named among the roster's words
        key = named_key([m for m in ctx.in_sentence(sent) if m.end <= cue.start_char]) or (
            ctx.section[sent.index] if ctx.section else ctx.main
        )
        orgs = [o for o in self.orgs(doc, region[0], region[1], ctx) if not o.generic]
        if any(m.key == key and region[0] <= m.start < region[1] for m in ctx.mentions):
            return  # the board found is a name read among the roster's words: not the board the roster is of
        if key is None or len(orgs) < (3 if region[0] == cue.end_char else 2):
            return
        found = [(o, ctx.sentence_at(o.start) or sent) for o in orgs]
        self._record(doc, facts, seen, aliases, (key, "member", cue.id_), found)

    def _wider(self, text: str, sent: Sentence, cue) -> bool:
        """ "Other members included ...", "Wider membership comprises ...": members beyond the core, who keep the
        role of members."""
        return bool(self.rules.re("wider-before").search(text[max(sent.start, cue.start_char - 30) : cue.start_char]))

    @staticmethod
    def _list_head(sent: Sentence) -> bool:
        """A line a list may follow: one ending with ":", a heading, or a short line that is no sentence ("The
        partnership:
        Responsible authorities/attendees")."""
        body = sent.text.rstrip()
        if body.endswith(":") or (sent.heading and (sent.text.startswith("#") or not sent.bullet)):
            return True
        return not sent.bullet and len(body.split()) <= 8 and not SENTENCE_END.search(body)

    @staticmethod
    def _heading_cues(doc: Doc, ctx: Context) -> list:
        """ "Our partners", "Board members", "3. Membership": a heading of a few words (``CUE_HEADING`` patterns) that
        announces the members listed under it; the same words in running text or in a longer heading are no cue."""
        out = []
        for c in spans(doc, "CUE_HEADING"):
            sent = ctx.sentence_at(c.start_char)
            if sent is None or not sent.heading or sent.bullet:
                continue
            if len(sent.text.split()) - len(c) <= 4:
                out.append((c, "member", c.id_))
        return out

    def _anaphoric_cues(self, doc: Doc, ctx: Context, cues: list) -> list:
        """ "... a wide range of statutory partners. These include: A; B; C", "Three partners work together ... They
        are A, B and C": a sentence that opens with a pronoun and a linking verb (``CUE_ANAPHORA`` patterns) continues
        the membership cue of the sentence before it."""
        out = []
        for a in spans(doc, "CUE_ANAPHORA"):
            sent = ctx.sentence_at(a.start_char)
            if sent is None or sent.index == 0:
                continue
            if a.start_char > sent.start + 2 and not self.rules.re("anaphora-lead").fullmatch(
                doc_text(doc), sent.start, a.start_char
            ):
                continue  # "In Areaton these are ...": only a place or "locally" may come before the pronoun
            prev = ctx.sentences[sent.index - 1]
            before = [
                (c, role, rule) for c, role, rule in cues if prev.start <= c.start_char < prev.end and role != "member"
            ]
            before = before or [
                (c, role, rule)
                for c, role, rule in cues
                if prev.start <= c.start_char < prev.end and rule in _SENTENCE_CUES
            ]
            if before:
                c, role, rule = before[-1]
                span = SpacySpan(doc, a.start, a.end, label=c.label_, kb_id=c.kb_id_, span_id=f"{a.id_}@{c.start_char}")
                out.append((span, role, rule if rule in _SENTENCE_CUES else a.id_))
        return out

    @staticmethod
    def _cue_origin(ctx: Context, cue, sent: Sentence) -> tuple[Sentence, int]:
        """Where the partnership of a cue is read: an anaphoric cue's is that of the cue it continues."""
        if "@" in cue.id_:
            origin = int(cue.id_.rsplit("@", 1)[1])
            return ctx.sentence_at(origin) or sent, origin
        return sent, cue.start_char

    def _sentence_list(self, doc: Doc, ctx: Context, sent: Sentence, cue, cues: list, text: str) -> list[OrgMention]:
        """The organisations a membership sentence lists anywhere in it, when they are two or more and the cue is
        the nearest one to them: "A, B and C are designated by the Act as 'safeguarding partners'", "the partners
        responsible for the arrangements under the Partnership are A, B and C", "three organisations (termed
        Safeguarding Partners) who are jointly responsible ...: A, B and C". An organisation in a clause that says
        it is not one ("The PCC is not a responsible authority") is left out."""
        inside = sorted(  # a cue inside this one ("partners are" in "safeguarding partners are") is this one
            c.start_char
            for c, _, _ in cues
            if sent.start <= c.start_char < sent.end and not cue.start_char < c.start_char < cue.end_char
        )
        mine: list[OrgMention] = []
        orgs = self.orgs(doc, sent.start, sent.end, ctx)
        after = [o for o in orgs if o.start >= cue.end_char]
        before = [o for o in orgs if o.end <= cue.start_char]
        gap = text[cue.end_char : after[0].start] if after else ""
        if after and not (_LINK_AFTER.match(gap) or self.rules.re("people-from").search(gap)):
            after = []  # "the Safeguarding Partners own governance bodies, namely ...": the cue names something else
        if before and not self.rules.re("link-before-cue").search(text[before[-1].end : cue.start_char]):
            before = []
        after = _run(after, text)  # one list: "A, B and C, and wider involvement from D" stops at C
        longer = self.parse_list(text, after[0].start, sent.end, orgs, ctx) if after else []
        if len(longer) > len(after) and all(a.start == b.start for a, b in zip(after, longer)):
            # "... including the council, Areashire Police, Areashire Ambulance, Areaton Homes and others"
            after = longer
        before = list(reversed(_run(list(reversed(before)), text, backwards=True)))
        for o in before + after:
            earlier = [c for c in inside if c <= o.start]
            nearest = earlier[-1] if earlier else next((c for c in inside if c >= o.end), None)
            if nearest != cue.start_char or _NEGATED.search(
                text[min(o.end, cue.end_char) : max(o.start, cue.start_char)]
            ):
                continue
            if _NOT_BEFORE.search(text[sent.start : cue.start_char]) and o.end <= cue.start_char:
                continue
            mine.append(o)
        named = [o for o in mine if not o.generic]
        if not named and (spans(doc, "LEG", sent.start, sent.end) or _LAW_IN_GENERAL.search(sent.text)):
            return []  # "the Act names the local authority, the police and the ICB": the law in general, not this area
        return mine if len(mine) >= 2 and (named or len(mine) >= 3 or cue.label_ == "MROLE") else []

    def _reference(self, o: OrgMention) -> str | None:
        """The national reference organisation a named organisation is (police force, ICB, CCG, fire and rescue
        service, probation region), when its name denotes exactly one; generic mentions are never resolved here."""
        if o.generic:
            return None
        found = self.ref.organisations.lookup(o.name)
        return found[0].iri if len(found) == 1 else None

    def _aliases(self, doc: Doc, ctx: Context, text: str) -> dict[str, str]:
        """Short forms given in brackets after an organisation's full name: "NHS X Integrated Care Board (XICB)"."""
        out: dict[str, str] = {}
        for sent in ctx.sentences:
            if "(" not in sent.text:
                continue
            for o in self.orgs(doc, sent.start, sent.end, ctx):
                m = re.match(r"\s*\(([A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,2})\)", text[o.end : sent.end])
                if m and not o.generic and len(m.group(1)) < len(o.name):
                    out.setdefault(m.group(1), o.name)
        return out

    @staticmethod
    def _table_after(doc: Doc, ctx: Context, sent: Sentence, text: str) -> list[Sentence]:
        """The rows of a table introduced by a membership sentence ("The responsible authorities ... are:",
        "The Board shall comprise the following members.") or heading ("Board members"): the layout's table rows
        (cells between tabs or "|" signs), a header row first, up to the next paragraph break after the rows; one
        prose line (a note on markers) may come between."""
        if not (
            sent.text.rstrip().endswith(":") or sent.heading or re.search(r"\bfollowing\b|\bas follows\b", sent.text)
        ):
            return []
        blocks = blocks_of(doc)
        rows: list[Sentence] = []
        gap = 0
        for s in ctx.sentences[sent.index + 1 : sent.index + 60]:
            block = block_at(blocks, s.start)
            if "\t" in s.text.strip() or (block is not None and block.kind == "table-row"):
                if rows and "\n\n" in text[rows[-1].end : s.start]:
                    break
                rows.append(s)
                continue
            if rows or gap >= 1 or s.text.startswith("#"):
                break
            gap += 1
        return rows

    def _row_orgs(self, doc: Doc, ctx: Context, row: Sentence, text: str, *, first: bool) -> list[OrgMention]:
        """The organisation of one table row: the cell that names an organisation by its type, else the one
        proper name beside a post ("Post<TAB>ORG", "ORG<TAB>Post", "ORG<TAB>£120,000<TAB>35%")."""
        cells: list[tuple[int, int, str]] = []
        for m in re.finditer(r"[^\t|]+", text[row.start : row.end]):
            raw = m.group(0)
            body = re.sub(r"\s*\([^()]*\)\s*$", "", raw.strip()).strip(" *;,.")
            if body:
                cells.append((row.start + m.start(), row.start + m.end(), body))
        if len(cells) < 2 or (first and all(_TABLE_HEADER.match(c[2]) for c in cells)):
            return []
        if re.fullmatch(r"[\d.]+", cells[0][2]) or re.fullmatch(r"\d+", cells[-1][2]):
            return []  # a contents line: "3.<TAB>The area we cover<TAB>3"
        posts = [c for c in cells if is_post(c[2]) or re.search(r"[£%]", c[2])]
        cells = [
            c
            for c in cells
            if not is_post(c[2]) and re.search(r"[A-Za-z]", c[2]) and c[2][:1].isupper() and len(c[2].split()) <= 10
        ]
        for start, end, body in cells:  # the cell that names an organisation by its type, wherever it stands
            orgs = [o for o in self.orgs(doc, start, end, ctx) if o.start <= start + 4]
            # "Healthwatch Areaton": a type word leading a proper name names the organisation too
            led = orgs and self.rules.re("proper-name").fullmatch(body) and len(body) > len(orgs[0].name)
            if orgs and (not orgs[0].generic or led):
                name = body if len(body) >= len(orgs[0].name) else orgs[0].name
                return [OrgMention(start, end, name, orgs[0].org_type, False)]
            if orgs and orgs[0].name == body and len(cells) > 1:  # "| Probation Service | Head of Service |"
                return [orgs[0]]
        person = self.rules.re("person-name")
        for start, end, body in cells:  # else the one proper name beside a post that is no person's name
            if (
                posts
                and not ctx.covered(start, end)
                and not (len(cells) > 1 and person.fullmatch(body))
                and not any(t.is_digit for t in doc.char_span(start, end, alignment_mode="expand") or [])
            ):
                orgs = [o for o in self.orgs(doc, start, end, ctx) if o.start <= start + 4]
                return [OrgMention(start, end, body, orgs[0].org_type if orgs else "other", False)]
        return []

    def _resolve_generic(self, facts: Facts) -> None:
        """ "the Police", "LA", "integrated care board" as a statutory partner or responsible authority is the one
        organisation of that type the document names properly ("Areashire Police"), when there is one."""
        proper: dict[str, set[str]] = defaultdict(set)  # doc-wide
        statutory: dict[tuple[str, str], set[str]] = defaultdict(set)  # the partnership's own statutory partners
        members: dict[tuple[str, str], set[str]] = defaultdict(set)  # the partnership's own members, by type
        for o in facts.organisations:
            if not o.generic:
                proper[o.org_type].add(o.name)
                if o.role in ("statutory-partner", "responsible-authority"):
                    statutory[(o.partnership, o.org_type)].add(o.name)
                members[(o.partnership, o.org_type)].add(o.name)
        named: dict[str, list[str]] = defaultdict(list)  # the partnership's organisations named properly
        for o in facts.organisations:
            if not o.generic:
                named[o.partnership].append(o.name)
        out: list[OrganisationFact] = []
        seen: set[tuple[str, str]] = set()
        for o in facts.organisations:
            word = re.sub(r"^the\s+", "", o.name, flags=re.I)
            if (
                o.generic
                and o.role == "member"
                and re.fullmatch(r"[A-Z]\w+", word)
                and any(re.search(rf"\b{re.escape(word)}\b", n) for n in named[o.partnership])
            ):
                # "NHS", "Healthwatch" beside "NHS South East London ICB", "Healthwatch Areaton": the same member
                continue
            concept = self.ref.concept("org-type", o.org_type)
            names = {n.lower() for n in concept.names} if concept else set()
            name = re.sub(r"^the\s+|['’]s$", "", o.name.lower())
            pool = statutory[(o.partnership, o.org_type)] or proper[o.org_type]
            if o.generic and o.role == "member" and name in names:
                pool = members[(o.partnership, o.org_type)]
            if o.generic and name in names and len(pool) == 1:
                o.name, o.generic = next(iter(pool)), False
                o.reference = self._reference(o)
            ident = (o.partnership, identity.slug(o.name))
            if ident not in seen:
                seen.add(ident)
                out.append(o)
        facts.organisations = out

    def _item_orgs(self, doc: Doc, ctx: Context, item: Sentence, *, whole: bool = True) -> list[OrgMention]:
        """A list item names one organisation: its first organisation when the rest is a comment
        ("X (SCT) for the provision of ..."), else the whole item ("Schools, Colleges and other Education
        providers")."""
        text = doc_text(doc)
        body = self.rules.re("item-glyph").sub("", item.text)
        start = item.end - len(body)
        posted = self._after_post_comma(doc, ctx, text, (start, item.end))
        listed = self._after_colon(doc, ctx, text, start, item.end) or ([posted] if posted is not None else [])
        if listed:
            return listed
        start = self._past_people(doc, ctx, text, start, item.end)
        orgs = self.orgs(doc, start, item.end, ctx)
        head = _item_head(text, start, item.end, orgs)
        if head is not None:
            return [head]
        listed = self.parse_list(text, start, item.end, orgs, ctx)  # "A Police Authority, B Fire and Rescue Service"
        if (
            len(listed) >= 2
            and all(not o.generic for o in listed)
            and not text[listed[-1].end : item.end].strip(" .;,)")
        ):
            return listed
        paired = self._org_beside_post(doc, ctx, text, start, item.end)
        if paired is not None:
            return [paired]
        columns = self._dash_columns(doc, ctx, text, start, item.end)
        if columns:
            return columns
        lead = self.rules.words("item-lead")  # "the three NHS integrated care boards covering X": still the item's head
        first = next(
            (o for o in orgs if o.start <= start + 1 or all(w in lead for w in text[start : o.start].split())), None
        )
        if first is not None:
            rest = re.sub(r"^(?:\s*\([^()]*\))*(?:['’]s)?\s*(?:[–—:-]\s+)?", "", text[first.end : item.end]).strip(
                " .;,"
            )
            if not rest or rest[:1].islower() or POST_TITLE.match(rest):
                return [first]  # "X Council Chief Executive Director of ...": a table row run into one line
        if not whole:
            return []
        name = re.sub(r"\s*\([^()]*\)\s*", " ", body)
        name = self.rules.re("closing-brackets").sub("", name)  # "X Services (Affiliated Partner": left open
        name = re.sub(r"\s+", " ", name).strip(" .;,")
        short = len(name.split()) <= 3  # "health partners" among typed items: a generic partner in lower case
        if not name or not (name[:1].isupper() or short) or len(name.split()) > 12 or ctx.covered(start, item.end):
            return []
        otype = orgs[0].org_type if orgs else "other"
        return [OrgMention(start, item.end, name, otype, True)]

    def _past_people(self, doc: Doc, ctx: Context, text: str, start: int, end: int) -> int:
        """ "A representative of Healthwatch Areaton", "the Leader of Areaton Council": an item that names the people
        or the post standing for an organisation before it starts, for reading, at the organisation (a post only
        before an organisation named properly: "Director of Public Health" stays a post)."""
        lead = self.rules.re("item-people-lead").match(text, start, end)
        held = None if lead else self.rules.re("post-held").match(text, start, end)
        if held and not is_post(held.group(1)):
            held = None
        at = (lead or held).end() if lead or held else start
        typed = [o for o in self.orgs(doc, at, end, ctx) if o.start <= at + 1 and (lead or not o.generic)]
        return at if at > start and typed else start

    def _after_post_comma(self, doc: Doc, ctx: Context, text: str, item: tuple[int, int]) -> OrgMention | None:
        """ "A B, Chief Executive of Areaton Council", "C D, Chief Constable, delegated to E F, Chief Superintendent,
        Areashire Police": a person and a post before the organisation they stand for, named by its type after the
        last post (commas inside its name allowed: "Integrated Care Board North, East and West Areashire")."""
        start, end = item
        seps = [(start + m.start(), start + m.end()) for m in self.rules.re("post-sep").finditer(text[start:end])]
        bounds = [(e, nxt[0] if nxt else end) for (_, e), nxt in zip(seps, seps[1:] + [None])]
        if seps and is_post(text[start : seps[0][0]].strip()):  # "Director of X, Areaton Council": a post first
            bounds = [(start, seps[0][0]), *bounds]
        a = None
        for n in range(len(bounds) - 1, -1, -1):  # the last post of the item, and the words after it
            seg_start, seg_end = bounds[n]
            segment = text[seg_start:seg_end].strip(" ;.")
            if is_post(segment) and n + 1 < len(bounds):  # "Director of Children's Services, X Council"
                a = bounds[n + 1][0]
                break
            held = self.rules.re("post-held").match(segment)
            if held and is_post(held.group(1)):
                a = seg_start + held.end()
                break
        if a is None:
            return None
        b = a + len(text[a:end].rstrip(" ;.,)"))  # "A B (Director, X Council)": the bracket closes the item
        typed = [o for o in self.orgs(doc, a, b, ctx) if o.start <= a + 1]
        if not typed or len(text[a:b].split()) > 12 or ctx.covered(a, b):
            return None
        return OrgMention(a, b, clean_name(text[a:b]), typed[0].org_type, False)

    def _after_colon(self, doc: Doc, ctx: Context, text: str, start: int, end: int) -> list[OrgMention]:
        """ "The two local clinical commissioning groups: A CCG and B CCG": an item that names its organisations after a
        colon, read as a list when one of them is named properly."""
        colon = text.find(": ", start, end)
        if colon < 0:
            return []
        a = colon + 2
        listed = self.parse_list(text, a, end, self.orgs(doc, a, end, ctx), ctx)
        return listed if any(not o.generic for o in listed) else []

    def _org_beside_post(self, doc: Doc, ctx: Context, text: str, start: int, end: int) -> OrgMention | None:
        """ "Areaton Council – Chief Executive", "Director of Nursing - NHS Areaton ICB": an item that pairs an
        organisation with the post that represents it, on either side of a spaced dash."""
        m = _DASH.search(text, start, end)
        if m is None:
            return None
        for (a, b), (c, d) in (((start, m.start()), (m.end(), end)), ((m.end(), end), (start, m.start()))):
            post = text[c:d].strip(" .;,")
            if not (is_post(post) or spans(doc, "PROLE", c, d)):
                continue
            head = _item_head(text, a, b, self.orgs(doc, a, b, ctx))
            if head is not None:
                return head
        return self._present_org(doc, ctx, text, m, (start, end))

    def _dash_columns(self, doc: Doc, ctx: Context, text: str, start: int, end: int) -> list[OrgMention]:
        """ "Areaton City Council - Areashire Ambulance Service", "Areashire Probation - Violence Reduction Network":
        two
        columns of a members table run into one item at a spaced dash; both are read when the first names an
        organisation by
        its type and the second is one too, or a short proper name that is no post; an untyped first one is a unit of
        the
        second."""
        m = _DASH.search(text, start, end)
        if m is None or _DASH.search(text, m.end(), end):
            return []
        heads = [_item_head(text, a, b, self.orgs(doc, a, b, ctx)) for a, b in ((start, m.start()), (m.end(), end))]
        # "Adults Health & Communities - Areaton Council": a unit of the organisation after the dash
        if heads[0] is None:
            return [heads[1]] if heads[1] is not None else []
        for n, (a, b) in enumerate(((start, m.start()), (m.end(), end))):
            if heads[n] is None:
                name = self.rules.re("closing-brackets").sub("", text[a:b]).rstrip(" .;,")
                if (
                    not self.rules.re("proper-name").fullmatch(name)
                    or len(name.split()) > 6
                    or is_post(name)
                    or spans(doc, "PROLE", a, b)
                    or spans(doc, "POST_WORD", a, b)
                ):
                    return []
                heads[n] = OrgMention(a, a + len(name), name, "other", False)
        return heads

    def _present_org(
        self, doc: Doc, ctx: Context, text: str, dash: re.Match, item: tuple[int, int]
    ) -> OrgMention | None:
        """ "Name – Post, Organisation" (a list of who was present): the organisation named by its type after the post's
        last comma; else, when a person's name leads the item, the proper name after the post's first comma, typed or
        not
        ("A B – Chief Executive Officer, Build, Areaton", "C D – Governor, HMP Areaton")."""
        start, end = item
        comma = text.rfind(",", dash.end(), end)
        if comma < 0:
            return None
        post = text[dash.end() : comma].strip()
        a = _skip_space(text, comma + 1, end)
        if post and (is_post(post) or spans(doc, "PROLE", dash.end(), comma)):
            head = _item_head(text, a, end, self.orgs(doc, a, end, ctx))
            if head is not None:
                return head
        if not self.rules.re("person-name").fullmatch(text[start : dash.start()].strip()):
            return None
        a = _skip_space(text, text.find(",", dash.end(), end) + 1, end)
        name = self.rules.re("closing-brackets").sub("", text[a:end]).rstrip(" .;,")
        if (
            not self.rules.re("proper-name").fullmatch(name)
            or len(name.split()) > 8
            or is_post(name)
            or ctx.covered(a, a + len(name))
        ):
            return None
        if spans(doc, "PTYPE", a, a + len(name)):
            # "Manager, Areaton Safeguarding Adults Board": the board's own staff, not a member organisation
            return None
        typed = [o for o in self.orgs(doc, a, a + len(name), ctx) if o.start <= a + 1]
        return OrgMention(a, a + len(name), name, typed[0].org_type if typed else "other", False)

    @staticmethod
    def _list_after(doc: Doc, ctx: Context, sent: Sentence) -> list[Sentence]:
        """The items of the list after a cue sentence: the layout's list items (any glyph, or none), else the short
        lines that follow it."""
        blocks = blocks_of(doc)
        at = next((n for n, b in enumerate(blocks) if b.start <= sent.start < b.end), None)
        if at is not None and blocks[at].end <= sent.end + 1:
            text = doc_text(doc)
            items = [(ctx.sentence_at(b.start), b) for b in list_after(blocks, at, text)]
            # the whole item, even where a marker ("2.") was read as a sentence of its own
            items = [Sentence(x.index, b.start, b.end, b.text(text), False, True) for x, b in items if x is not None]
            if items:
                return _before_next_cue(doc, items)
        items: list[Sentence] = []
        for s in ctx.sentences[sent.index + 1 : sent.index + 40]:
            if s.text.rstrip().endswith(":") or s.text.startswith("#"):
                break  # the next list's heading, the next section
            if (
                s.bullet
                or (len(s.text.split()) <= 10 and not SENTENCE_END.search(s.text.rstrip(",;")) and not s.heading)
                or (s.heading and not s.text.startswith("#") and len(s.text.split()) <= 10)
            ):
                items.append(s)
                continue
            break
        return _before_next_cue(doc, items)


def _before_next_cue(doc: Doc, items: list[Sentence]) -> list[Sentence]:
    """The items of a list up to a line that is little more than another statutory role and opens the next list
    ("Relevant Agencies" after the statutory partners)."""
    for n, item in enumerate(items):
        roles = [r for r in spans(doc, "MROLE", item.start, item.end) if r.kb_id_ != "member"]
        if roles and len(item.text.split()) - len(roles[0]) <= 1 and not spans(doc, "OTYPE", item.start, item.end):
            return items[:n]
    return items


def _roster_region(blocks: list, text: str, cue, sentence_end: re.Pattern) -> tuple[int, int] | None:
    """Where a roster cue's names run: the rest of its block when names follow it there ("Membership Councillor A
    (Chair) ..."); after a short line of its own ("MEMBERSHIP:", "Who is a member of the Board?"), the paragraphs that
    follow it, up to running text, a list, a line ending with ":" or a heading that is a sentence."""
    at = next((n for n, b in enumerate(blocks) if b.start <= cue.start_char < b.end), None)
    if at is None or blocks[at].kind == "furniture":
        return None
    block = blocks[at]
    rest = text[cue.end_char : block.end].strip(" :")
    if len(rest.split()) >= 6 and rest[:1].isupper() and not sentence_end.search(rest[:200]):
        return cue.end_char, block.end
    if len(text[block.start : cue.start_char].split()) > 4 or len(rest.split()) > 6:
        return None
    end = None
    for b in blocks[at + 1 : at + 6]:
        body = b.text(text).rstrip()
        if b.kind not in ("paragraph", "heading") or body.endswith(":") or sentence_end.search(body):
            break
        end = b.end
    return (blocks[at + 1].start, end) if end is not None else None


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i].isspace():
        i += 1
    return i


def _after_post(doc: Doc, i: int, head: int) -> int:
    """Where a name run on from a post or a person's title starts ("Elaine Doe Chief Executive Areaton Council",
    "Professor A B CBE Areaton NHS Trust"): after the last ``POST_WORD`` before the type word, when there is one."""
    if i >= head:
        return i
    words = spans(doc, "POST_WORD", doc[i].idx, doc[head].idx)
    if not words:
        return i
    j = words[-1].end
    while j < head and (
        doc[j].lower_ in LEADING_DROP or doc[j].lower_ in NAME_CONNECTORS or not doc[j].text[:1].isalnum()
    ):
        j += 1
    return j


_ITEM_DETERMINERS = frozenset({"the", "our", "a", "an", "each", "any", "every"})


def _item_head(text: str, start: int, end: int, orgs: list[OrgMention]) -> OrgMention | None:
    """A list item that is one organisation's name ending with its type word: "NHS Cornwall and the Isles of Scilly
    Integrated Care Board", "The relevant district or borough council" (a generic partner, typed by its head)."""
    trimmed = re.sub(r"(?:\s*\([^()]*\))+\s*$", "", text[start:end]).rstrip(" .;,")
    orgs = [o for o in orgs if o.end <= start + len(trimmed)]  # "X Service (merged with CRC)": the bracket's aside
    last = next((o for o in reversed(orgs) if o.end == start + len(trimmed)), None)
    head, _, place = trimmed.rpartition(", ")
    if last is None and head and len(place.split()) <= 3 and all(w[:1].isupper() for w in place.split()):
        trimmed = head  # "Areashire Integrated Care Board, Northtown Place": the part of it the representative serves
        last = next((o for o in reversed(orgs) if o.end == start + len(trimmed)), None)
    if last is None or len(trimmed.split()) > 12 or not trimmed[:1].isalpha() or "\t" in trimmed:
        return None  # "X Council<TAB>Leader of the Council": cells of a table row, not one name
    if any(o is not last and (o.start > start + 1 or text[o.end : last.start].strip() == ",") for o in orgs):
        # two organisations in one item ("X Police and Y Council", "X Police Authority, Y Fire Service"): a list
        return None
    words = text[start : last.start].split()
    name_words = all(w[:1].isupper() or w in ("and", "of", "the", "&") for w in words)  # "NHS Cornwall and the"
    modifiers = all(w.islower() or (n == 0 and w.lower() in _ITEM_DETERMINERS) for n, w in enumerate(words))
    if not (name_words or (modifiers and last.generic)):
        return None  # "Delegated to Bedford Borough Council": a cell or a phrase, not a name
    lead = re.match(r"(?:the|our|a|an)\s+", trimmed, flags=re.I)
    skip = lead.end() if lead else 0
    return OrgMention(start + skip, start + len(trimmed), trimmed[skip:], last.org_type, last.generic)
