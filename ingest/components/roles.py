"""``sgkg_roles``: chairs, scrutineers, lay members, signatories ... (category 6)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan
from spacy.util import filter_spans

from .. import identity
from ..facts import PostFact, Span
from ..patterns import Reference, load_reference
from .base import all_spans, _ensure_extensions, facts_of, _mention, spans, _text
from .context import Context, PMention, Sentence, ctx_of
from .members import MemberReader
from .names import _POST, _clean
from .sentences import _BULLET

_HONORIFIC = r"(?:Cllr\.?|Councillor|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Professor|Prof\.?|Sir|Dame|Chief Superintendent|Superintendent|Chief Constable|Chief Inspector|Detective Superintendent|Detective Chief Superintendent)"
# a signatures heading: "Signatures", "Signed", "Agreed by:", "Endorsed by", "Signature: A Person"
_SIGN_HEAD = re.compile(r"(?:#+\s*|\d+[.)]\s*)*(?:Signatures|Signatories|Signed(?:\s+by)?|Agreed\s+by|Endorsed\s+by|Approved\s+by|Signature)\s*:?\s*", re.I)
_ON_BEHALF = re.compile(r"^\s*(?:signed\s+)?on\s+behalf\s+of\s*:?\s*(?:the\s+)?", re.I)
_DATE_LINE = re.compile(r"(?:date[d]?\s*:?\s*)?(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4}|[A-Z][a-z]+\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})", re.I)
# posts one person holds at a time
_SINGLE_HOLDER = {"chair", "vice-chair", "independent-chair", "independent-scrutineer", "business-manager"}
# "chaired by the Cabinet Member for X, currently Cllr A Person": a post title, then its holder
_CHAIRED_BY_POST = re.compile(r"[ \t]+(?:the[ \t]+|our[ \t]+|a[ \t]+)?(?P<post>[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|of|for|and|&|the)){1,9})"
                              r"(?:[ \t]*[,(][ \t]*(?P<now>(?:who[ \t]+is[ \t]+)?(?:currently|at present|presently))[ \t]*|(?=[ \t]*(?:[.;]|$)))")
# a name stays on one line; its first word has two letters at least ("I'm Jane Doe" is not a name)
_NAME = re.compile(rf"(?:{_HONORIFIC}[ \t]+)?(?:[A-Z][a-z][a-z'’-]*|O['’][A-Z][a-z]+)(?:[ \t]+[A-Z]\.)?(?:[ \t]+(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)+|[A-Z][a-z'’-]+|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)){{1,2}}")
_NOT_NAME_WORDS = {"board", "partnership", "council", "chair", "executive", "director", "children", "childrens", "safeguarding", "police", "group", "service", "services",
                   "trust", "authority", "officer", "chief", "member", "lead", "the", "independent", "designation", "signature", "name", "date", "vice", "health",
                   "adult", "adults", "care", "local", "west", "east", "north", "south", "clinical", "commissioning", "partner", "partners", "accountable", "scrutineer",
                   "lay", "signed", "behalf", "appendix", "protocol", "report", "strategy", "plan", "safer", "community", "communities", "stronger", "national", "team",
                   "wellbeing", "social", "and", "of", "for", "in", "constable", "commander", "borough", "nhs", "assistant", "head", "manager", "business", "annual", "version",
                   "co-chair", "co-chairs", "vice-chair", "currently", "cabinet", "portfolio", "holder", "deputy", "director", "executive"}


@dataclass(frozen=True)
class PersonMatch:
    """A person's name found in a text (the parts of re.Match the readers use)."""

    text: str
    begin: int
    finish: int

    def group(self, n: int = 0) -> str:
        return self.text

    def start(self, n: int = 0) -> int:
        return self.begin

    def end(self, n: int = 0) -> int:
        return self.finish


def person_at(text: str, start: int = 0, end: int | None = None, *, area_names=()) -> PersonMatch | None:
    """The first person's name in text[start:end] (two or three capitalised words, optional honorific);
    words that cannot be part of a name are dropped from its end ("A Person Areaton Safeguarding ...")."""
    end = len(text) if end is None else end
    for m in _NAME.finditer(text, start, end):
        honorific = re.match(rf"{_HONORIFIC}[ \t]+", m.group(0))
        lead = honorific.end() if honorific else 0
        words = list(re.finditer(r"\S+", m.group(0)[lead:]))
        while words and (words[-1].group(0).lower().strip(".’'") in _NOT_NAME_WORDS or words[-1].group(0).lower() in area_names
                         or words[-1].group(0).endswith("-")):  # "A Person Co-Chair"
            words.pop()
        if len(words) < 2 or any(w.group(0).lower().strip(".’'") in _NOT_NAME_WORDS or w.group(0).lower() in area_names for w in words):
            continue
        stop = m.start() + lead + words[-1].end()
        return PersonMatch(text[m.start():stop], m.start(), stop)
    return None


@Language.factory("sgkg_roles", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_roles(nlp: Language, name: str):
    _ensure_extensions()
    return RoleReader(load_reference())


class RoleReader:
    def __init__(self, ref: Reference):
        self.ref = ref
        self.area_words = {w for n in ref.areas.names() for w in n.split()}

    def person(self, text: str, start: int, end: int):
        return person_at(text, start, end, area_names=self.area_words)

    @staticmethod
    def key_at(ctx: Context, sent: Sentence, at: int, text: str, after: int | None = None) -> str | None:
        """The partnership of a post: named before it in the sentence, or "Chair of the X" right after it,
        else the partnership of the sentence's section (not one named later in the sentence)."""
        named = ctx.in_sentence(sent)
        earlier = [m for m in named if m.end <= at]
        if earlier:
            return earlier[-1].key
        if after is not None:
            m = re.match(r"\s+(?:of|for|on)\s+(?:the\s+)?", text[after:after + 12])
            nxt = next((x for x in named if m and x.start == after + m.end()), None)
            if nxt:
                return nxt.key
        return ctx.section[sent.index] if ctx.section else ctx.main

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        self.seen: dict[tuple[str, str], PostFact] = {}
        self.facts = facts
        text = _text(doc)
        proles = filter_spans([s for s in all_spans(doc) if s.label_ == "PROLE"])
        for s in spans(doc, "CUE_CHAIRED_BY"):
            sent = ctx.sentence_at(s.start_char)
            m = self.person(text, s.end_char, min(sent.end if sent else s.end_char + 80, s.end_char + 80))
            if m and m.start() - s.end_char <= 2 and sent:
                key = self.key_at(ctx, sent, s.start_char, text)
                self.add(doc, key, s.kb_id_, m.group(0), sent, s.id_)
                self._second_person(doc, key, s.kb_id_, m, sent, s.id_)
            elif sent:
                self._chaired_by_post(doc, ctx, s, sent)
        for s in spans(doc, "CUE_SIGNED"):
            self._signed(doc, ctx, s)
        for s in proles:
            self._role(doc, ctx, s)
        for s in spans(doc, "CUE_SIGNATURES"):
            self._signature_block(doc, ctx, s)
            self._signature_rows(doc, ctx, s)
        self._sign_off(doc, ctx)
        self._on_behalf(doc, ctx)
        self._signature_table(doc, ctx)
        self._lead_rep_table(doc, ctx)
        facts.posts = list(self.seen.values())
        return doc

    def _chaired_by_post(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> None:
        """ "chaired by the Cabinet Member for X, currently Cllr A Person": the post, and its holder when named."""
        text = _text(doc)
        m = _CHAIRED_BY_POST.match(text, s.end_char, sent.end)
        if s.id_ == "role.chaired-by" and re.search(r"(?:co|jointly)[ -]?$", text[max(0, s.start_char - 8): s.start_char], re.I):
            return  # "co-chaired by": the co-chair rule reads it
        if m is None or ctx.covered(m.start("post"), m.end("post")) or any(
                m.start("post") <= x.start < m.end("post") for x in ctx.in_sentence(sent)):
            return
        key = self.key_at(ctx, sent, s.start_char, text)
        p = self.person(text, m.end(), sent.end) if m.group("now") else None
        person = p.group(0) if p and p.start() - m.end() <= 1 else None
        self.add(doc, key, s.kb_id_, person, sent, s.id_ + "-post", title=_clean(m.group("post")))

    def _second_person(self, doc, key, role, first, sent, rule, listed: bool = False) -> None:
        """ "two lay members, A Person and B Person": the second of two coordinated names holds the same post;
        after a plural label ("Lay members: A Person, B Person, C Person") every name of the list does."""
        text = _text(doc)
        sep = r"\s*(?:,|;)?\s*(?:and|&)\s+|\s*[,;]\s*" if listed else r"\s*(?:and|&)\s+"
        while True:
            m = re.match(sep, text[first.end(): first.end() + 8])
            if m is None:
                return
            q = self.person(text, first.end() + m.end(), min(sent.end, first.end() + m.end() + 60))
            if not (q and q.start() == first.end() + m.end()):
                return
            self.add(doc, key, role, q.group(0), sent, rule)
            if not listed:
                return
            first = q

    def add(self, doc, key, role, person, sent_or_span, rule, title=None):
        if key is None or role is None:
            return
        person = identity.person_name(person) if person else None
        if person and len(person.split()) < 2:
            person = None
        title = title or (self.ref.concept("post-role", role).pref if self.ref.concept("post-role", role) else role)
        ident = (key, role, identity.slug(person or title))
        if person is None:
            # a post without a holder adds nothing when the same post with a holder is known
            if any(k[0] == key and k[1] == role and (k[2] == ident[2] or self.seen[k].person) for k in self.seen):
                return
        else:
            self.seen.pop((key, role, identity.slug(title)), None)
            if role in _SINGLE_HOLDER:  # the post read without its holder elsewhere is this one
                for k in [k for k, v in self.seen.items() if k[0] == key and k[1] == role and v.person is None]:
                    self.seen.pop(k)
        if ident in self.seen:
            return
        start, end = (sent_or_span.start, sent_or_span.end)
        self.seen[ident] = PostFact(key, role, title, person, _mention(doc, start, end, rule))

    def _role(self, doc: Doc, ctx: Context, s: SpacySpan) -> None:
        text = _text(doc)
        sent = ctx.sentence_at(s.start_char)
        if sent is None:
            return
        role = s.kb_id_
        after = text[s.end_char: sent.end]
        # "Chair: NAME", "has an independent Chair, NAME", "Lay Member of X" ...
        m = re.match(r"\s*[:,\-–]\s*", after)
        if m:
            p = self.person(text, s.end_char + m.end(), sent.end)
            if p and p.start() == s.end_char + m.end():
                key = ctx.partnership_for(sent, before=s.start_char)
                self.add(doc, key, role, p.group(0), sent, "role.label-name")
                self._second_person(doc, key, role, p, sent, "role.label-name", listed=s.text.lower().endswith("s") or role in ("co-chair", "lay-member"))
                return
            # "Independent Chair, Safeguarding Adults Board" in a signature table row
            named = [pm for pm in ctx.in_sentence(sent) if pm.start >= s.end_char]
            if named and named[0].start - s.end_char <= 3:
                row = self._row(text, sent)
                person = self._row_person(text, row, s.start_char)
                self.add(doc, named[0].key, role, person, sent, "role.table-row", )
                if role == "co-chair":
                    self._co_chair_next(doc, ctx, sent, named[0].key)
                return
        # "the current Vice-Chair is A Person"
        m = re.match(r"[ \t]+(?:is|was|will be)[ \t]+", after)
        if m:
            p = self.person(text, s.end_char + m.end(), sent.end)
            if p and p.start() == s.end_char + m.end():
                key = ctx.partnership_for(sent, before=s.start_char)
                self.add(doc, key, role, p.group(0), sent, "role.role-is-name")
                return
        # "A Person is the Board Business Manager"
        m = re.search(rf"({_NAME.pattern})[ \t]+(?:is|was|has been|will be)[ \t]+(?:the|our)[ \t]+(?:[A-Z][\w'’-]*[ \t]+){{0,3}}$",
                      text[max(sent.start, s.start_char - 90): s.start_char])
        if m and s.text[:1].isupper() and not s.text.endswith("s"):
            base = max(sent.start, s.start_char - 90)
            p = self.person(text, base + m.start(1), base + m.end(1))
            if p:
                key = self.key_at(ctx, sent, s.start_char, text, after=s.end_char)
                lead = text[base + m.end(1): s.start_char]
                lead = re.sub(r"^[ \t]+(?:is|was|has been|will be)[ \t]+(?:the|our)[ \t]+", "", lead)
                title = (lead + s.text).strip() if role == "business-manager" else None
                self.add(doc, key, role, p.group(0), sent, "role.name-is-role", title=title)
                return
        # "NAME, Lay Member of PARTNERSHIP" / "I'm NAME, ROLE"
        before = text[max(sent.start, s.start_char - 60): s.start_char]
        m = re.search(rf"({_NAME.pattern}),\s*$", before)
        if m:
            p = self.person(before, m.start(1), m.end(1))
            if p:
                named = [pm for pm in ctx.in_sentence(sent) if pm.start >= s.end_char]
                key = named[0].key if named else ctx.partnership_for(sent)
                self.add(doc, key, role, p.group(0), sent, "role.name-comma-role")
                return
        # "A Person (Chair)", "A Person (Independent Chair)"
        m = re.search(rf"({_NAME.pattern})[ \t]*\($", before)
        if m and re.match(r"\s*\)", after):
            p = self.person(before, m.start(1), m.end(1))
            if p:
                self.add(doc, ctx.partnership_for(sent, before=s.start_char), role, p.group(0), sent, "role.name-bracket-role")
                return
        # "... and Chair of the SCSP" after a name line (a signature under a foreword)
        m = re.match(r"\s+of\s+(?:the\s+)?", after)
        if m:
            named = [pm for pm in ctx.in_sentence(sent) if pm.start >= s.end_char and pm.start - s.end_char <= 12]
            if named:
                prev_line = text[:sent.start].rstrip().rsplit("\n", 1)[-1].strip()
                person = None
                p = self.person(prev_line, 0, len(prev_line))
                if p and p.end() == len(prev_line):
                    person = p.group(0)
                self.add(doc, named[0].key, role, person, sent, "role.role-of-partnership")
                return
        if role in ("independent-chair", "independent-scrutineer", "lay-member", "business-manager") and s.text[:1].isupper() and not s.text.endswith("s"):
            key = self.key_at(ctx, sent, s.start_char, text, after=s.end_char)
            title = None
            if role == "business-manager":  # "the Safeguarding Partnership Business Manager"
                lead = re.search(r"(?:[A-Z][\w'’-]*\s+){1,4}$", text[max(sent.start, s.start_char - 60): s.start_char])
                title = ((lead.group(0) if lead and not lead.group(0).startswith(("The ", "Our "))else "") + s.text).strip()
            self.add(doc, key, role, None, sent, "role.mention", title=title)
        if role == "lead-representative":
            self._lead_reps(doc, ctx, sent)
            self._lead_reps_inline(doc, ctx, sent, s)

    def _lead_reps_inline(self, doc: Doc, ctx: Context, sent: Sentence, s: SpacySpan) -> None:
        """ "The lead safeguarding partners are the Chief Executive of X, the Chief Constable of Y and ...": one post each."""
        text = _text(doc)
        m = re.match(r"[ \t]+(?:for[ \t]+[^,.;:]{2,40}?[ \t]+)?(?:are|will be|is)[ \t]+(?:the[ \t]+)?", text[s.end_char:sent.end])
        if m is None:
            return
        body = text[s.end_char + m.end(): sent.end].rstrip(" .;")
        items = [x.strip() for x in re.split(r"\s*[,;]\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", body)]
        if len(items) < 2 or not all(_POST.match(x) and len(x.split()) <= 12 for x in items):
            return  # only a list made of posts ("the Chief Executive of X"); anything else is prose
        key = ctx.partnership_for(sent, before=s.start_char)
        for x in items:
            self.add(doc, key, "lead-representative", None, sent, "role.lead-representative-inline", title=x)

    @staticmethod
    def _row(text: str, sent: Sentence) -> str:
        ls = text.rfind("\n", 0, sent.start) + 1
        le = text.find("\n", sent.end)
        return text[ls: le if le >= 0 else len(text)]

    def _row_person(self, text: str, row: str, role_start: int) -> str | None:
        cells = [c.strip() for c in row.split("\t")]
        if len(cells) >= 2:
            p = self.person(cells[0], 0, len(cells[0]))
            if p and p.end() == len(cells[0]):
                return p.group(0)
            return None
        # a table row whose cells were joined: "A Person Independent Chair, X Board ..."
        ls = text.rfind("\n", 0, role_start) + 1
        head = text[ls:role_start]
        p = self.person(head, 0, len(head))
        if p and p.start() == len(head) - len(head.lstrip()) and not head[p.end():].strip():
            return p.group(0)
        return None

    def _co_chair_next(self, doc, ctx, sent, key):
        """A co-chair table row is often followed by a row with the second name only."""
        text = _text(doc)
        nxt = ctx.sentences[sent.index + 1] if sent.index + 1 < len(ctx.sentences) else None
        if nxt is None:
            return
        row = self._row(text, nxt)
        cells = [c.strip() for c in row.split("\t") if c.strip()]
        if cells:
            p = self.person(cells[0], 0, len(cells[0]))
            if p and p.end() == len(cells[0]) and len(cells[1:2]) <= 1 and not any(ctx.in_sentence(nxt)):
                self.add(doc, key, "co-chair", p.group(0), nxt, "role.table-row-continued")

    def _signed(self, doc: Doc, ctx: Context, s: SpacySpan) -> None:
        text = _text(doc)
        named = [pm for pm in ctx.mentions if pm.start >= s.end_char and pm.start - s.end_char <= 4]
        if not named:
            # "Signed on behalf of Safer X\nPartnership, ...": the partnership whose name the words start with
            after = re.sub(r"\s+", " ", text[s.end_char: s.end_char + 120]).strip().lower()
            after = re.sub(r"^the ", "", after)
            hits = sorted((p for p in self.facts.partnerships if after.startswith(p.name.lower())), key=lambda p: -len(p.name))
            if not hits:
                return
            end = s.end_char + len(text[s.end_char:]) - len(text[s.end_char:].lstrip())
            named = [PMention(end, end + len(hits[0].name), hits[0].key, "partnership.name")]
        before = text[:s.start_char].rstrip()
        prev_line = before.rsplit("\n", 1)[-1].strip()
        p = self.person(prev_line, 0, len(prev_line))
        if p is None:
            return
        start = before.rfind("\n") + 1
        end = named[0].end
        self.add(doc, named[0].key, "signatory", p.group(0), Span(start, end, ""), s.id_)
        # "Safer X Partnership, Police and Crime Board": the person signs for the first named partnership

    def _signature_block(self, doc: Doc, ctx: Context, s: SpacySpan) -> None:
        """After a 'Signatures' / 'Signed' / 'Agreed by' heading (or "Signature: NAME"): per signatory a name line,
        then post lines (title, organisation, "On behalf of X"; a date line dropped), or "NAME, Post, Organisation"."""
        sent = ctx.sentence_at(s.start_char)
        head = _SIGN_HEAD.match(sent.text) if sent is not None else None
        if head is None:
            return
        text = _text(doc)
        first = sent.index + 1
        if sent.text[head.end():].strip():  # "Signature: A Person"
            p = self.person(text, sent.start + head.end(), sent.end)
            if not (p and p.start() == sent.start + head.end() and p.end() >= sent.end - 1):
                return
            first = sent.index
        i, misses = first, 0
        while i < len(ctx.sentences) and i < sent.index + 60 and misses <= 2:
            cur = ctx.sentences[i]
            begin = sent.start + head.end() if i == sent.index else cur.start
            p = self.person(text, begin, cur.end) if "\t" not in cur.text else None
            if p and p.start() == begin and (p.end() >= cur.end - 1 or text[p.end():p.end() + 1] == ","):
                misses = 0
                post_lines: list[Sentence] = []
                j = i + 1
                while p.end() >= cur.end - 1 and j < len(ctx.sentences) and len(post_lines) < 4:
                    nxt = ctx.sentences[j]
                    q = self.person(text, nxt.start, nxt.end)
                    if (q and q.start() == nxt.start and q.end() >= nxt.end - 1) or nxt.text.startswith(("-", "#")) or len(nxt.text.split()) > 10:
                        break
                    post_lines.append(nxt)
                    j += 1
                parts = [x.text for x in post_lines] if p.end() >= cur.end - 1 else text[p.end():cur.end].split(",")
                lines = [_ON_BEHALF.sub("", re.sub(r"\s+", " ", x)).strip(" ,;.") for x in parts]
                lines = [x for x in lines if x and x != "---" and not re.fullmatch(r"[A-Z]{2,4}", x) and not _DATE_LINE.fullmatch(x)
                         and not re.fullmatch(r"(?:Signed|Signature|Date[d]?)\s*:?[\s_.]*", x, re.I)]
                where = post_lines or [cur]
                named = [m for x in where for m in ctx.in_sentence(x)]
                key = named[0].key if named else ctx.main
                self.add(doc, key, "signatory", p.group(0), Span(cur.start, where[-1].end, ""), "role.signature-block", title=", ".join(lines) or None)
                i = max(j, i + 1)
                continue
            if cur.heading and cur.text.startswith("#"):
                break
            misses += 1  # an introduction ("We the undersigned ..."), a rule line between signatories
            i += 1

    def _on_behalf(self, doc: Doc, ctx: Context) -> None:
        """ "A Person / (Post) / On behalf of X": a name line, at most one post line, then "On behalf of X"."""
        text = _text(doc)
        for sent in ctx.sentences:
            m = _ON_BEHALF.match(sent.text)
            if m is None or sent.index == 0 or len(sent.text.split()) > 14 or sent.text.lstrip().lower().startswith("signed"):
                continue  # "Signed on behalf of X": the CUE_SIGNED rule reads it
            lines = ctx.sentences[max(0, sent.index - 2): sent.index]
            for n in range(len(lines) - 1, -1, -1):
                cur = lines[n]
                p = self.person(text, cur.start, cur.end)
                if p and p.start() == cur.start and p.end() >= cur.end - 1:
                    posts = [x.text.strip(" ,;") for x in lines[n + 1:]]
                    if any(len(x.split()) > 8 or self.person(x, 0, len(x)) for x in posts):
                        break
                    named = [pm for pm in ctx.mentions if 0 <= pm.start - (sent.start + m.end()) <= 4]
                    org = sent.text[m.end():].strip(" ,;.")
                    title = ", ".join(posts + ([] if named else [org])) or None
                    self.add(doc, named[0].key if named else ctx.main, "signatory", p.group(0), Span(cur.start, sent.end, ""), "role.on-behalf-of", title=title)
                    break

    def _signature_table(self, doc: Doc, ctx: Context) -> None:
        """A signatories table kept in cells: a header row "Name<TAB>Designation<TAB>Partnership<TAB>Date" (a name column
        beside a signature or date column), then one row a signatory: the person, the post and organisation cells as the title."""
        text = _text(doc)
        for sent in ctx.sentences:
            cols = [c.strip().lower().rstrip(":") for c in self._row(text, sent).split("\t")]
            if len(cols) < 3 or "name" not in cols or not any(c in ("signature", "signed", "date", "date signed") for c in cols):
                continue
            post_cols = [n for n, c in enumerate(cols) if re.fullmatch(r"(?:job\s+)?(?:designation|title|position|post|role)", c)]
            org_cols = [n for n, c in enumerate(cols) if re.fullmatch(r"partnership|organi[sz]ation|agency|partner|representing|on behalf of", c)]
            for row in ctx.sentences[sent.index + 1: sent.index + 20]:
                cells = [c.strip() for c in self._row(text, row).split("\t")]
                if len(cells) < 2:
                    break
                name = cells[cols.index("name")] if cols.index("name") < len(cells) else ""
                p = self.person(name, 0, len(name))
                if not (p and p.start() == 0 and p.end() >= len(name) - 1) or any(
                        k[1] == "signatory" and k[2] == identity.slug(identity.person_name(p.group(0))) for k in self.seen):
                    continue  # not a name, or a signatory the joined-cells rule has read
                parts = [cells[n] for n in post_cols + org_cols if n < len(cells) and cells[n]]
                named = ctx.in_sentence(row)
                key = named[0].key if named else ctx.main
                self.add(doc, key, "signatory", p.group(0), row, "role.signature-table-cells", title=", ".join(parts) or None)

    _LEAD_HEAD = re.compile(r"(?:lead|delegated)\s+(?:statutory\s+)?(?:safeguarding\s+)?(?:partners?|representatives?)|lead\s+members?", re.I)
    _POST_COL = re.compile(r"(?:job\s+)?(?:post|role|title|designation|position)(?:\s+held)?|(?:lead\s+)?representative(?:'s)?\s+(?:post|role|title)", re.I)
    _NAME_COL = re.compile(r"(?:full\s+)?name|(?:lead\s+)?representative(?:'s)?\s+name|name\s+of\s+(?:lead\s+)?representative", re.I)
    _ORG_COL = re.compile(r"(?:lead\s+|delegated\s+|statutory\s+)?(?:safeguarding\s+)?partners?(?:\s+organi[sz]ation)?|organi[sz]ation|agency|body", re.I)

    def _lead_rep_table(self, doc: Doc, ctx: Context) -> None:
        """A lead-representative table kept in cells (one row a line, cells split by tabs): a header naming the lead (or
        delegated) safeguarding partners or lead representatives, with an organisation, a post and a name column
        ("Lead safeguarding partner<TAB>Post<TAB>Name"), then one row a lead representative: the person, and the
        post with its organisation ("Chief Executive, X Council") as the title."""
        text = _text(doc)
        lines = [(m.start(), m.end(), m.group(0).strip()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
        i = 0
        while i < len(lines):
            start, _, line = lines[i]
            i += 1
            cols = [c.strip().rstrip(":") for c in line.split("\t")]
            if len(cols) < 3 or not self._LEAD_HEAD.search(line):
                continue
            org = next((n for n, c in enumerate(cols) if self._ORG_COL.fullmatch(c)), None)
            post = next((n for n, c in enumerate(cols) if n != org and self._POST_COL.fullmatch(c)), None)
            name = next((n for n, c in enumerate(cols) if n not in (org, post) and self._NAME_COL.fullmatch(c)), None)
            if None in (org, post, name):
                continue
            sent = ctx.sentence_at(start)
            if sent is None:
                continue
            key = ctx.partnership_for(sent) if ctx.in_sentence(sent) else (ctx.section[sent.index] if ctx.section else ctx.main)
            j = i
            while j < len(lines):
                row_start, row_end, row = lines[j]
                cells = [c.strip() for c in row.split("\t")]
                if max(org, post, name) >= len(cells):
                    break
                p = self.person(cells[name], 0, len(cells[name]))
                if not (p and p.start() == 0 and p.end() >= len(cells[name]) - 1):
                    break
                title = ", ".join(x for x in (cells[post].strip(" ,;"), cells[org].strip(" ,;")) if x)
                if not title or len(title.split()) > 20:
                    break
                self.add(doc, key, "lead-representative", p.group(0), Span(row_start, row_end, ""),
                         "role.lead-representative-table", title=title)
                j += 1
            i = max(i, j)

    def _sign_off(self, doc: Doc, ctx: Context) -> None:
        """A sign-off without "Signed on behalf of": after an "Agreement" / "Sign-off" heading or a sentence
        "We, the lead representatives of ..., agree these arrangements", pairs of a name line and a post line
        (a date at its end dropped). The signatories hold the post the sentence names too."""
        text = _text(doc)
        for sent in ctx.sentences:
            heading = sent.heading and re.fullmatch(r"(?:\d+[.)]?\s*)?(?:Agreement|Sign[- ]?off|Endorsement|Approval)\s*:?", sent.text, re.I)
            we = re.match(r"We,?\s+(?:the\s+)?(.{3,120}?),?\s+(?:agree|sign|endorse|confirm|approve)", sent.text)
            if not (heading or we):
                continue
            roles = ["signatory"]
            if we:
                roles += [r.kb_id_ for r in all_spans(doc) if r.label_ == "PROLE" and sent.start <= r.start_char < sent.start + we.end(1)
                          and r.kb_id_ not in roles]
            key = ctx.main
            i = sent.index + 1
            while key and i + 1 < len(ctx.sentences) and i < sent.index + 40:
                cur, nxt = ctx.sentences[i], ctx.sentences[i + 1]
                p = self.person(text, cur.start, cur.end)
                if p is None or p.start() != cur.start or not re.fullmatch(r"(?:\s+[A-Z]{2,4})*\.?", text[p.end():cur.end]):
                    if we and i == sent.index + 1 or cur.heading and not cur.text[:1].isupper():
                        break
                    i += 1
                    if i > sent.index + 3 and not any(k[1] == "signatory" for k in self.seen):
                        break
                    continue
                title = re.sub(r"(?:\s+(?:date[d:]*\s*)?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})+\s*$", "", nxt.text, flags=re.I).strip(" ,;")
                if self.person(text, nxt.start, nxt.end) is not None and self.person(text, nxt.start, nxt.end).start() == nxt.start or len(title.split()) > 16:
                    title = None
                for role in roles:
                    self.add(doc, key, role, p.group(0), Span(cur.start, nxt.end if title else cur.end, ""), "role.sign-off", title=title)
                i += 2 if title else 1

    def _signature_rows(self, doc: Doc, ctx: Context, s: SpacySpan) -> None:
        """A signatories table whose cells were joined into lines: "A Person Independent Chair, X Board  sig  date";
        a row naming no partnership ("A Person  date") signs for the partnership of the row above."""
        sent = ctx.sentence_at(s.start_char)
        if sent is None or not re.fullmatch(r"(?:#+\s*|\d+[.)]\s*)*(?:Signatures|Signatories)\s*:?", sent.text, re.I):
            return
        text = _text(doc)
        pos = sent.end
        key = None
        for _ in range(20):
            line_end = text.find("\n", pos + 1)
            line_end = len(text) if line_end < 0 else line_end
            line = text[pos:line_end]
            ls = pos + len(line) - len(line.lstrip())
            pos = line_end
            if not line.strip():
                continue
            p = self.person(text, ls, line_end)
            if p is None or p.start() != ls:
                if key is not None:
                    break
                continue  # the header row
            named = [m for m in ctx.mentions if p.end() <= m.start < line_end]
            title = None
            if named:
                key = named[0].key
                title = re.sub(r"\s+", " ", text[p.end():named[0].end]).strip(" ,") or None
            if key is None:
                continue
            self.add(doc, key, "signatory", p.group(0), Span(ls, line_end, ""), "role.signature-table", title=title)

    def _lead_reps(self, doc: Doc, ctx: Context, sent: Sentence) -> None:
        if not sent.text.rstrip().endswith(":"):
            return
        key = ctx.partnership_for(sent)
        for item in MemberReader._list_after(doc, ctx, sent)[:8]:
            title = re.sub(r"^\W+", "", _BULLET.sub("", item.text)).strip(" .;,")
            if title and "," in title:
                self.add(doc, key, "lead-representative", None, item, "role.lead-representative-list", title=title)
