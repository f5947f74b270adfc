"""``sgkg_roles``: chairs, scrutineers, lay members, signatories ... (category 6)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from .. import identity
from ..facts import PostFact, Span
from ..patterns import Reference, RuleSet
from .base import all_spans, doc_text, facts_of, make_mention, rules_reader, spans
from .context import Context, PMention, Sentence, ctx_of, named_key
from .layout import blocks_of
from .members import MemberReader
from .names import POST_TITLE, clean_name
from .sentences import BULLET

# a post title anywhere in a phrase ("X Borough Neighbourhood Policing Unit Commander")
_POST_WORD = re.compile(POST_TITLE.pattern.lstrip("^"))


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


def person_at(
    rules: RuleSet, text: str, start: int = 0, end: int | None = None, *, area_names=()
) -> PersonMatch | None:
    """The first person's name in text[start:end] (two or three capitalised words, optional honorific);
    words that cannot be part of a name are dropped from its end ("A Person Areaton Safeguarding ...")."""
    end = len(text) if end is None else end
    for m in rules.re("name").finditer(text, start, end):
        honorific = rules.re("hon-chain").match(m.group(0))
        lead = honorific.end() if honorific else 0
        words = list(re.finditer(r"\S+", m.group(0)[lead:]))
        base = m.start() + lead
        while words and (
            words[-1].group(0).lower().strip(".’'") in rules.words("not-name-words")
            or words[-1].group(0).lower() in area_names
            and not _place_surname(rules, text, words, base, area_names)
            or words[-1].group(0).endswith("-")
        ):  # "A Person Co-Chair", "A Person Areaton Safeguarding ..."
            words.pop()
        if len(words) < 2 or any(
            w.group(0).lower().strip(".’'") in rules.words("not-name-words")
            or w.group(0).lower() in area_names
            and not (n == len(words) - 1 and _place_surname(rules, text, words, base, area_names))
            for n, w in enumerate(words)
        ):
            continue
        stop = base + words[-1].end()
        return PersonMatch(text[m.start() : stop], m.start(), stop)
    return None


def _place_surname(rules: RuleSet, text: str, words: list[re.Match], base: int, area_names) -> bool:
    """ "Nick Blackburn", "Ann Preston": a surname that is also a place, kept when the words before it are a name and
    the word after it does not go on with an organisation's name ("A Person Areaton Safeguarding ...")."""
    if len(words) != 2 or words[0].group(0).lower() in area_names:
        return False
    after = rules.re("next-word").match(text, base + words[-1].end())
    return not (after and after.group(1).lower() in rules.words("org-words-after-place"))


@rules_reader("roles", reference=True)
class RoleReader:
    """Posts and their holders, signatures, lead representatives. The rules are data
    (``ingest/patterns/rules/roles.jsonl``), read-only; nothing is kept between documents."""

    def __init__(self, ref: Reference, rules: RuleSet):
        self.ref = ref
        self.rules = rules
        self.area_words = {w for n in ref.areas.names() for w in n.split()}

    def person(self, text: str, start: int, end: int):
        return person_at(self.rules, text, start, end, area_names=self.area_words)

    def key_at(self, ctx: Context, sent: Sentence, at: int, text: str, after: int | None = None) -> str | None:
        """The partnership of a post: named before it in the sentence, or "Chair of the X" right after it,
        else the partnership of the sentence's section (not one named later in the sentence)."""
        named = ctx.in_sentence(sent)
        # a name in brackets ("X (formerly the Y Board)") is not the sentence's subject
        earlier = [
            m
            for m in named
            if m.end <= at and text.count("(", sent.start, m.start) <= text.count(")", sent.start, m.start)
        ]
        if earlier:
            return earlier[-1].key
        if after is not None:
            m = self.rules.re("of-partnership-after").match(text[after : after + 12])
            nxt = next((x for x in named if m and x.start == after + m.end()), None)
            if nxt:
                return nxt.key
        return ctx.section[sent.index] if ctx.section else ctx.main

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        if not facts.partnerships:
            return doc
        run = copy.copy(self)  # the posts read so far belong to this document only (the pipe is shared by threads)
        run.seen, run.facts = {}, facts
        run._read(doc)
        facts.posts = list(run.seen.values())
        return doc

    def _read(self, doc: Doc) -> None:
        ctx = ctx_of(doc)
        text = doc_text(doc)
        proles = filter_spans([s for s in all_spans(doc) if s.label_ == "PROLE"])
        cues = spans(doc, "CUE_CHAIRED_BY")
        for s in cues:
            if any(c.start_char < s.start_char and c.end_char >= s.end_char for c in cues):
                continue  # "vice-chaired by", "co-chaired by": the longer cue reads it
            sent = ctx.sentence_at(s.start_char)
            m = self.person(text, s.end_char, min(sent.end if sent else s.end_char + 80, s.end_char + 80))
            if m and m.start() - s.end_char <= 2 and sent:
                self._chaired_by_person(doc, ctx, s, sent, m)
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
        self._post_table(doc, ctx)
        self._partner_posts(doc, ctx)
        self._delegates(doc, ctx)
        self._message_signature(doc, ctx)
        self._name_dash_manager(doc, ctx)
        self._partner_people(doc, ctx)
        self._signature_columns(doc, ctx)
        self._name_chairs(doc, ctx)
        self._role_cells(doc, ctx)
        self._role_table_run(doc, ctx)
        self._in_the_chair(doc, ctx)
        self._name_label_blocks(doc, ctx)
        self._joint_titles(doc, proles)

    def _joint_titles(self, doc: Doc, proles: list[SpacySpan]) -> None:
        """ "Independent Chair and Scrutineer", "Chair/Independent Scrutineer": one person holds both posts, so the
        holder read for one of the two titles holds the other (the pairs are data: ``roles.joint-titles``)."""
        text = doc_text(doc)
        for a, b in zip(proles, proles[1:]):
            pair = {f"{a.kb_id_}+{b.kb_id_}", f"{b.kb_id_}+{a.kb_id_}"}
            if not (pair & set(self.rules.words("joint-titles"))) or not self.rules.re("joint-title-sep").fullmatch(
                text, a.end_char, b.start_char
            ):
                continue
            for post in [p for p in self.seen.values() if p.person and p.role in (a.kb_id_, b.kb_id_)]:
                if post.mention.start <= a.start_char < post.mention.end:
                    other = b.kb_id_ if post.role == a.kb_id_ else a.kb_id_
                    self.add(doc, post.partnership, other, post.person, post.mention.span, "role.joint-title")

    def _name_label_blocks(self, doc: Doc, ctx: Context) -> None:
        """ "Name: A Person" then "Position: Chief Executive", "Organisation: X Council" lines: a post read from its
        labels; a signatory after a signatures heading, else the post the position names ("Role: Independent Chair")."""
        text = doc_text(doc)
        signed = [s.start_char for s in spans(doc, "CUE_SIGNATURES")]
        for sent in ctx.sentences:
            m = self.rules.re("name-label").match(sent.text)
            p = self.person(text, sent.start + m.end(), sent.end) if m else None
            if not (p and p.start() == sent.start + m.end() and p.end() >= sent.end - 1):
                continue
            values, roles, end = [], [], sent.end
            for nxt in ctx.sentences[sent.index + 1 : sent.index + 4]:
                lab = self.rules.re("post-label").match(nxt.text)
                if lab is None:
                    break
                values.append(nxt.text[lab.end() :].strip(" ,;."))
                roles += [r.kb_id_ for r in spans(doc, "PROLE", nxt.start + lab.end(), nxt.end) if self._title(r)]
                end = nxt.end
            if any(0 <= sent.start - at <= 3000 for at in signed):
                roles = ["signatory"]
            for role in dict.fromkeys(roles):
                title = ", ".join(v for v in values if v) or None
                self.add(
                    doc,
                    ctx.partnership_for(sent),
                    role,
                    p.group(0),
                    Span(sent.start, end, ""),
                    "role.name-labels",
                    title,
                )

    def _in_the_chair(self, doc: Doc, ctx: Context) -> None:
        """Minutes: "PRESENT: Councillor A Person (in the Chair)", "A Person in the Chair": who chaired the meeting of
        the partnership."""
        text = doc_text(doc)
        for m in self.rules.re("in-the-chair").finditer(text):
            sent = ctx.sentence_at(m.start())
            p = self._name_ending(text, m.start()) if sent else None
            if p is None or p.start() < sent.start:
                continue
            self.add(doc, ctx.partnership_for(sent), "chair", p.group(0), sent, "role.in-the-chair")

    def _role_cells(self, doc: Doc, ctx: Context) -> None:
        """A table row kept in cells ("A Person | Chair | X Council", tabs or bars): a cell that is a post title and a
        cell that is a name."""
        text = doc_text(doc)
        for b in blocks_of(doc):
            sent = ctx.sentence_at(b.start)
            if b.kind != "table-row" or len(b.cells) < 2 or sent is None:
                continue
            for n, (a, z) in enumerate(b.cells[1:], 1):
                role = next((r for r in spans(doc, "PROLE", a, z) if (r.start_char, r.end_char) == (a, z)), None)
                # the name ends the cell before (rows joined into one line: "X Council A Person | Vice Chair")
                p = self._name_ending(text, b.cells[n - 1][1]) if role is not None and self._title(role) else None
                if p is None:
                    continue
                named = [x for x in ctx.mentions if b.start <= x.start < b.end]
                key = named[0].key if named else ctx.partnership_for(sent)
                self.add(doc, key, role.kb_id_, p.group(0), Span(b.start, b.end, ""), "role.table-cells")

    def _role_table_run(self, doc: Doc, ctx: Context) -> None:
        """A table whose cells were run together after its header ("Name Role Organisation A Person Chair X Council B
        Person Vice Chair Y Board"): each name followed at once by a post title holds it."""
        text = doc_text(doc)
        for head in self.rules.re("name-role-header").finditer(text):
            sent = ctx.sentence_at(head.start())
            if sent is None:
                continue
            end = min(sent.end, head.end() + 1500)
            for p in self._persons_at_words(text, head.end(), end):
                gap = self.rules.re("gap").match(text, p.end(), end)
                role = next(iter(spans(doc, "PROLE", gap.end(), end)), None) if gap else None
                if role is None or role.start_char != gap.end() or not self._title(role):
                    continue
                self.add(doc, ctx.partnership_for(sent), role.kb_id_, p.group(0), sent, "role.table-run")

    def _name_chairs(self, doc: Doc, ctx: Context) -> None:
        """ "Councillor A Person chairs the Board", "A Person co-chairs the X Partnership": the person holds the chair
        of the partnership named (or spoken of as "the Board") right after the verb."""

        text = doc_text(doc)
        for m in self.rules.re("chairs-verb").finditer(text):
            sent = ctx.sentence_at(m.start())
            lead = self.rules.re("chairs-lead").search(text, max(0, m.start() - 20), m.start())
            if not (lead and sent) or lead.start() <= sent.start:
                continue
            keys = self._chaired_keys(ctx, sent, text, m.end())
            role = "co-chair" if m.group("co") else "chair"
            p = self._name_ending(text, lead.start())
            if p is None:  # "Councillor A Person, Leader of the Council, chairs the Board"
                base = max(sent.start, lead.start() - 160)
                q = self.rules.re("name-post-comma-before").search(text, base, lead.start())
                p = self.person(text, q.start(1), q.end(1)) if q else None
            for key in keys:
                if p is not None and p.start() >= sent.start:
                    self.add(doc, key, role, p.group(0), sent, "role.name-chairs")
                    continue
                # "The Leader of the Council will chair the Board": a post, the sentence's subject, holds the chair
                post = self.rules.re("post-subject").fullmatch(text, sent.start, lead.start())
                if post and _POST_WORD.match(post.group("post")):
                    self.add(doc, key, role, None, sent, "role.post-chairs", title=clean_name(post.group("post")))

    def _chaired_keys(self, ctx: Context, sent: Sentence, text: str, at: int) -> list[str | None]:
        """The partnerships chaired: named right after the verb ("chairs both the X Board and the Y Partnership"), or
        the one spoken of as "the Board"; none for another body ("chairs the Housing Committee")."""
        keys, pos = [], at
        for x in ctx.in_sentence(sent):
            if x.start == pos or keys and x.start > pos and self.rules.re("and-the").fullmatch(text, pos, x.start):
                keys.append(x.key)
                pos = x.end
        if not keys and self.rules.re("generic-partnership").match(text, at):
            keys = [ctx.partnership_for(sent)]
        return list(dict.fromkeys(keys))

    def _chaired_by_person(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence, m) -> None:
        """ "X is chaired by A Person": A Person chairs X; "..., who is independent of ..." makes it an independent
        chair.
        "It was chaired by A Person, Independent Chair of Y" names no chaired partnership: the appositive speaks."""
        text = doc_text(doc)
        tail = text[m.end() : sent.end]
        if (
            re.match(r",\s*(?:the\s+)?", tail)
            and not any(x.end <= s.start_char for x in ctx.in_sentence(sent))
            and any(
                r.start_char > m.end()
                for r in spans(doc, "PROLE", m.end(), m.end() + 40)
                if r.start_char <= m.end() + 8
            )
        ):
            return
        if self._of_group(ctx, sent, text, s.start_char):
            return
        role = s.kb_id_
        if role == "chair" and (
            any(m.end() < c.start_char <= m.end() + 12 for c in spans(doc, "CUE_INDEPENDENT", m.end(), m.end() + 60))
            or self.rules.re("independently-before").search(text[max(sent.start, s.start_char - 20) : s.start_char])
            or any(
                r.kb_id_ == "independent-chair"
                and self.rules.re("who-post-before").fullmatch(text, m.end(), r.start_char)
                for r in spans(doc, "PROLE", m.end(), sent.end)
            )
        ):
            role = "independent-chair"  # "chaired by A Person, who was appointed as Independent Chair in 2021"

        key = self.key_at(ctx, sent, s.start_char, text)
        self.add(doc, key, role, m.group(0), sent, s.id_)
        self._second_person(doc, key, role, m, sent, s.id_)

    def _chaired_by_post(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> None:
        """ "chaired by the Cabinet Member for X, currently Cllr A Person": the post, and its holder when named."""
        text = doc_text(doc)
        m = self.rules.re("chaired-by-post").match(text, s.end_char, sent.end)
        if s.id_ == "role.chaired-by" and self.rules.re("co-before").search(
            text[max(0, s.start_char - 8) : s.start_char]
        ):
            return  # "co-chaired by": the co-chair rule reads it
        if (
            m is None
            or ctx.covered(m.start("post"), m.end("post"))
            or any(m.start("post") <= x.start < m.end("post") for x in ctx.in_sentence(sent))
        ):
            return
        if self._of_group(ctx, sent, text, s.start_char):
            return
        key = self.key_at(ctx, sent, s.start_char, text)
        p = self.person(text, m.end(), sent.end) if m.group("now") else None
        person = p.group(0) if p and p.start() - m.end() <= 1 else self._person_after(text, m.end("post"), sent.end)
        # "jointly chaired by the Leader of the Council and the ICB Place Director": one co-chair a post
        posts = self.rules.re("post-and").split(m.group("post")) if s.kb_id_ == "co-chair" else [m.group("post")]
        for key in self._each(text, sent, s.start_char, key):
            for post in posts:
                self.add(doc, key, s.kb_id_, person, sent, s.id_ + "-post", title=clean_name(post))
            if person is None:
                self._holder_next(doc, ctx, sent, key, s.kb_id_)

    def _of_group(self, ctx: Context, sent: Sentence, text: str, at: int) -> bool:
        """ "The Quality Subgroup is chaired by ...", "The meeting was chaired by ...": the subject before the cue is a
        group, a committee or a meeting (not a partnership named there), whose chair is no post of the partnership."""
        lead = text[sent.start : at]
        m = self.rules.re("group-subject").search(lead)
        return bool(m) and not any(x.start <= sent.start + m.start() < x.end for x in ctx.in_sentence(sent))

    def _each(self, text: str, sent: Sentence, at: int, key: str | None) -> list[str | None]:
        """ "Both Boards are chaired by ...": every partnership of the document with that head word; else the one
        key."""
        m = self.rules.re("each-of").search(text[sent.start : at])
        if m is None:
            return [key]
        head = m.group(1).lower().rstrip("s")
        keys = [p.key for p in self.facts.partnerships if p.name.lower().split()[-1:] == [head]]
        return keys if len(keys) >= 2 else [key]

    def _second_person(self, doc, key, role, first, sent, rule, listed: bool = False) -> None:
        """ "two lay members, A Person and B Person": the second of two coordinated names holds the same post;
        after a plural label ("Lay members: A Person, B Person, C Person") every name of the list does."""
        text = doc_text(doc)
        sep = r"\s*(?:,|;)?\s*(?:and|&)\s+|\s*[,;]\s*" if listed else r"\s*(?:and|&)\s+"
        while True:
            m = re.match(sep, text[first.end() : first.end() + 8])
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
        if person:  # "Dr.J Person" -> "Dr. J Person", "A Canale- Person" -> "A Canale-Person"
            person = re.sub(r"(?<=[a-z]\.)(?=[A-Z])", " ", re.sub(r"(?<=[a-z])-\s+(?=[A-Z])", "-", person))
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
            if role in self.rules.words("single-holder"):  # the post read without its holder elsewhere is this one
                same = (role, "chair") if role == "independent-chair" else (role,)  # an independent chair is the chair
                for k in [k for k, v in self.seen.items() if k[0] == key and k[1] in same and v.person is None]:
                    self.seen.pop(k)
        if ident in self.seen or role == "chair" and (key, "independent-chair", ident[2]) in self.seen:
            return
        if role == "independent-chair":  # the same person read as plain chair elsewhere is this independent chair
            self.seen.pop((key, "chair", ident[2]), None)
        start, end = (sent_or_span.start, sent_or_span.end)
        self.seen[ident] = PostFact(key, role, title, person, make_mention(doc, start, end, rule))

    def _role(self, doc: Doc, ctx: Context, s: SpacySpan) -> None:
        sent = ctx.sentence_at(s.start_char)
        if sent is None:
            return
        rules = (
            self._name_line_above,
            self._foreword_by,
            self._label_name,
            self._body_label,
            self._role_is_name,
            self._name_is_role,
            self._names_are_role,
            self._introduced_as,
            self._post_is_role,
            self._appointed,
            self._name_comma_role,
            self._name_bracket_role,
            self._role_name,
            self._held_by,
            self._heading_then_name,
            self._heading_people,
            self._role_of_partnership,
            self._role_of_this,
            self._post_bracket_role,
        )
        if any(rule(doc, ctx, s, sent) for rule in rules):
            return
        self._mention(doc, ctx, s, sent)
        if s.kb_id_ == "lead-representative":
            self._lead_reps(doc, ctx, sent)
            self._lead_reps_inline(doc, ctx, sent, s)

    def _foreword_by(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "Chair's Introduction, A Person": the person who writes the post's foreword holds the post."""
        text = doc_text(doc)
        m = self.rules.re("foreword-after").match(text[s.end_char : sent.end])
        p = self.person(text, s.end_char + m.end(), sent.end) if m else None
        if not (p and p.start() == s.end_char + m.end()):
            return False
        self.add(doc, ctx.partnership_for(sent), s.kb_id_, p.group(0), sent, "role.foreword-by")
        return True

    def _label_name(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "Chair: NAME", "has an independent Chair, NAME" (of X and Y); "Independent Chair, X Board" in a table
        row."""
        text, role = doc_text(doc), s.kb_id_
        m = re.match(r"\s*[:,\-–]\s*", text[s.end_char : sent.end])
        if m is None:
            return False
        p = self.person(text, s.end_char + m.end(), sent.end)
        if p and p.start() == s.end_char + m.end():
            if self._past_holder(text, sent, s):
                return True  # "Previous Independent Chair: A Person"
            if self._holds_later(doc, text, p, sent) or self._of_chairs_meeting(doc, ctx, sent):
                return True  # "Our Chair, A Person, is co-chair of X": the later post is the one in X
            keys = self._of_partnerships(ctx, sent, text, p.end()) or [ctx.partnership_for(sent, before=s.start_char)]
            for key in keys:
                self.add(doc, key, role, p.group(0), sent, "role.label-name")
                self._second_person(
                    doc,
                    key,
                    role,
                    p,
                    sent,
                    "role.label-name",
                    listed=s.text.lower().endswith("s") or role in ("co-chair", "lay-member"),
                )
            return True
        # "Independent Chair, Safeguarding Adults Board" in a signature table row ("A Person (Independent Chair, X
        # Board)": the bracket rule reads it)
        named = [pm for pm in ctx.in_sentence(sent) if pm.start >= s.end_char]
        if named and named[0].start - s.end_char <= 3 and not text[sent.start : s.start_char].rstrip().endswith("("):
            row = self._row(text, sent)
            person = self._row_person(text, row, s.start_char)
            # "Independent Chair, X Board – A Person"
            dash = re.match(r"[ \t]*[–-][ \t]*", text[named[0].end : sent.end])
            q = self.person(text, named[0].end + dash.end(), sent.end) if dash and person is None else None
            person = q.group(0) if q and q.start() == named[0].end + dash.end() else person
            self.add(
                doc,
                named[0].key,
                role,
                person,
                sent,
                "role.table-row",
            )
            if role == "co-chair":
                self._co_chair_next(doc, ctx, sent, named[0].key)
            return True
        return self._label_post(doc, ctx, s, sent, s.end_char + m.end()) if m.group(0).strip() == ":" else False

    def _label_post(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence, at: int) -> bool:
        """ "Chair: Director of Place, X Council" in terms of reference: the post that holds the chair (no person)."""
        text = doc_text(doc)
        end = min([r.start_char for r in spans(doc, "PROLE", at, sent.end)] + [sent.end])
        value = text[at:end].strip(" .;,")
        if (
            s.kb_id_ not in self.rules.words("held-posts")
            or not (_POST_WORD.search(value) and _POST_WORD.search(value).start() <= 25)
            or len(value.split()) > 16
            or self.person(value, 0, len(value)) is not None
        ):
            return False
        self.add(
            doc, ctx.partnership_for(sent, before=s.start_char), s.kb_id_, None, sent, "role.label-post", title=value
        )
        return True

    def _past_holder(self, text: str, sent: Sentence, s: SpacySpan) -> bool:
        """ "Previous Chair", "former Independent Chair": the word before the post says its holder has left."""
        lead = self.rules.re("word-before").search(text[sent.start : s.start_char])
        return bool(lead) and bool(self.rules.re("past-holder").fullmatch(lead.group(1)))

    def _body_label(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "Chair of the Board – A Person", "Independent Chair of the X Board: A Person": a label naming the
        partnership, then the holder."""
        text = doc_text(doc)
        at, body = self._body_after(ctx, sent, text, s.end_char)
        m = self.rules.re("label-sep").match(text, at, sent.end) if at not in (None, s.end_char) else None
        p = self.person(text, m.end(), sent.end) if m else None
        if not (p and p.start() == m.end()) or self._past_holder(text, sent, s):
            return False
        self.add(doc, body or ctx.partnership_for(sent), s.kb_id_, p.group(0), sent, "role.body-label")
        return True

    @staticmethod
    def _of_chairs_meeting(doc: Doc, ctx: Context, sent: Sentence) -> bool:
        """ "Chair: A Person" naming no partnership, in a section about the partnership chairs' meeting ("Each of the
        Partnership Chairs ... will meet quarterly"): the post is the meeting's, not a partnership's."""
        if ctx.in_sentence(sent):
            return False
        start = sent.index
        while start > max(0, sent.index - 12) and not (
            ctx.sentences[start - 1].heading and ":" not in ctx.sentences[start - 1].text
        ):
            start -= 1
        lo, hi = ctx.sentences[max(0, start - 1)].start, sent.start
        return any(
            r.kb_id_ == "joint-chairs-meeting" and r.start_char < hi for r in spans(doc, "CUE_REL", lo, sent.end)
        )

    def _holds_later(self, doc: Doc, text: str, p, sent: Sentence) -> bool:
        """ "A Person, is co-chair of ...": the name is the subject of a later post in the sentence."""
        m = self.rules.re("holds-after").match(text[p.end() : sent.end])
        return bool(m) and any(
            r.start_char == p.end() + m.end() for r in spans(doc, "PROLE", p.end() + m.end(), sent.end)
        )

    def _of_partnerships(self, ctx: Context, sent: Sentence, text: str, at: int) -> list[str]:
        """ "..., A Person, of X Partnership and Y Board": the partnerships named right after "of"."""
        m = re.match(r",?\s*of\s+(?:the\s+)?", text[at : at + 12])
        if m is None:
            return []
        keys, pos = [], at + m.end()
        for x in ctx.in_sentence(sent):
            if x.start == pos or (
                keys
                and x.start > pos
                and re.fullmatch(
                    r"(?:\s*\([^()]{1,12}\))?\s*(?:,|and|"
                    r"&)\s*(?:the\s+)?",
                    text[pos : x.start],
                )
            ):
                keys.append(x.key)
                pos = x.end
        return list(dict.fromkeys(keys))

    def _role_is_name(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "the current Vice-Chair is A Person", "The Independent Scrutineer for the partnership is A Person", "The
        Chair of the X Board is Councillor A Person"; "The Chair of the Board is the Leader of the Council" (a post)."""
        text = doc_text(doc)
        at, body = self._body_after(ctx, sent, text, s.end_char)
        if at is None and s.kb_id_ in self.rules.words("partner-posts"):
            at = self.rules.re("of-body-after").match(text, s.end_char, sent.end).end()  # "for X Police": the partner
        if at is None:
            return False
        m = self.rules.re("is-after").match(text[at : sent.end])
        if m is None or self.rules.re("plural-verb").search(m.group(0)) and not s.text.endswith("s"):
            return False  # "The Chair and the Manager are A Person and B Person respectively": whose is whose

        p = self.person(text, at + m.end(), sent.end)
        key = body or self._paragraph_key(ctx, sent, text) or ctx.partnership_for(sent, before=s.start_char)
        if p and p.start() == at + m.end():
            self.add(doc, key, s.kb_id_, p.group(0), sent, "role.role-is-name")
            if s.text.endswith("s"):  # "The Vice-Chairs are A Person and B Person"
                self._second_person(doc, key, s.kb_id_, p, sent, "role.role-is-name", listed=True)
            return True

        post = self.rules.re("is-post").match(text, at + m.end(), sent.end)
        if post is None or not _POST_WORD.search(post.group("post")) or s.kb_id_ not in self.rules.words("held-posts"):
            return False
        holder = self._person_after(text, post.end("post"), sent.end)  # "is the Chief Constable, A Person"
        self.add(doc, key, s.kb_id_, holder, sent, "role.role-is-post", title=clean_name(post.group("post")))
        return True

    def _post_is_role(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "The Chief Executive of X Council is the Lead Safeguarding Partner for the council", "The Leader of the
        Council is the Chair of the Board": a post that holds the post (no person)."""
        text = doc_text(doc)
        m = self.rules.re("post-is-before").fullmatch(text, sent.start, s.start_char)
        if m is None or s.kb_id_ not in self.rules.words("held-posts") or not _POST_WORD.match(m.group("post")):
            return False
        at, body = self._body_after(ctx, sent, text, s.end_char)
        if at is None and s.kb_id_ not in self.rules.words("partner-posts"):
            return False
        key = body or ctx.partnership_for(sent, before=s.start_char)
        self.add(doc, key, s.kb_id_, None, sent, "role.post-is-role", title=clean_name(m.group("post")))
        return True

    def _body_after(self, ctx: Context, sent: Sentence, text: str, at: int) -> tuple[int | None, str | None]:
        """Where a post's words end, and the partnership they name: "Chair" alone, "Chair of the X Board", "Chair of
        the Board", "Independent Scrutineer for the partnership"; (None, None) for a post of another body ("Chair of
        Healthwatch")."""
        m = self.rules.re("of-body-after").match(text, at, sent.end) or self.rules.re("of-this-after").match(
            text, at, sent.end
        )
        if m is None:
            return at, None
        named = [x for x in ctx.in_sentence(sent) if at < x.start <= m.end()]
        if named:
            return named[-1].end, named[-1].key
        if self.rules.re("of-this-after").fullmatch(text, at, m.end()):
            return m.end(), None
        return None, None

    def _title(self, s: SpacySpan) -> bool:
        """A post's title ("Independent Chair"), not a cue that names it ("chaired by", "Signed")."""
        return s.kb_id_ not in self.rules.words("cue-roles") and not self.rules.re("cue-words").search(s.text)

    def _role_name(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "Independent Scrutineer A Person said ...", "by independent scrutineer A Person", "Board Chair A Person":
        a post title right before its holder's name; "Healthwatch Chair A Person" is a post of another body."""
        text = doc_text(doc)
        if not self._title(s):
            return False
        gap = self.rules.re("role-name-gap").match(text[s.end_char : sent.end])

        p = self.person(text, s.end_char + gap.end(), sent.end) if gap else None
        if not (
            p
            and p.start() == s.end_char + gap.end()
            and self.rules.re("name-end").match(text, self._postnominals_end(text, p.end(), sent.end), sent.end)
        ):
            return False
        if not (s.text[:1].isupper() or s.kb_id_ in self.rules.words("lower-title-roles")):
            return False  # "board chair A Person" in a news story: whose board is unsaid
        lead = self.rules.re("word-before").search(text[sent.start : s.start_char])
        named = [x for x in ctx.in_sentence(sent) if x.end <= s.start_char and not text[x.end : s.start_char].strip()]
        if self._other_body_title(ctx, sent, text, s):
            return True  # "Healthwatch Chair A Person"
        if lead and self.rules.re("past-holder").fullmatch(lead.group(1)):
            return True  # "the previous Chair A Person": not the post now

        key = named[-1].key if named else ctx.partnership_for(sent, before=s.start_char)
        self.add(doc, key, s.kb_id_, p.group(0), sent, "role.role-name")
        return True

    def _other_body_title(self, ctx: Context, sent: Sentence, text: str, s: SpacySpan) -> bool:
        """ "Healthwatch Chair", "Youth Scrutineer": the word right before the title makes it another body's post (not
        a partnership named there, nor a word that leaves the post the partnership's: "Board Chair", "our Chair")."""
        lead = self.rules.re("word-before").search(text[sent.start : s.start_char])
        named = any(x.end <= s.start_char and not text[x.end : s.start_char].strip() for x in ctx.in_sentence(sent))
        if not lead or named or self.rules.re("post-lead-word").fullmatch(lead.group(1)):
            return False
        # "Chair: A Person Vice Chair: B Person" (cells run into one line): the word ends a name, not another body's
        return self._name_ending(text, sent.start + lead.end(1)) is None

    def _postnominals_end(self, text: str, at: int, end: int) -> int:
        """After a name's letters ("A Person CBE QPM"): where they end."""
        return self.rules.re("postnominals").match(text, at, end).end()

    def _name_line_above(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """A signature: a name alone on a line, then a line that is the post ("Independent Chair", "Chair, X Board",
        "Interim Independent Chair of the X Board")."""
        text = doc_text(doc)
        if not self._title(s):
            return False
        line_start = text.rfind("\n", 0, s.start_char) + 1
        line_end = text.find("\n", s.end_char)
        line_end = len(text) if line_end < 0 else line_end
        if line_start == 0 or not self.rules.re("line-post-lead").fullmatch(text, line_start, s.start_char):
            return False
        at, body = self._body_after(ctx, sent, text, s.end_char)
        named = [x for x in ctx.mentions if s.end_char < x.start and x.end <= line_end + 1]
        if named and self.rules.re("post-org-sep").fullmatch(text, s.end_char, named[0].start):
            at, body = named[0].end, named[0].key
        if at is None or text[at:line_end].strip(" .,;"):
            return False
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        p = self.person(text, prev_start, line_start - 1)
        if not (p and p.start() == prev_start and self._postnominals_end(text, p.end(), line_start) >= line_start - 1):
            return False
        self.add(doc, body or ctx.partnership_for(sent), s.kb_id_, p.group(0), sent, "role.name-line-above")
        return True

    def _heading_then_name(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """A heading that is the post ("Independent Chair", "Meet our Independent Scrutineer", "Chair of the Board:")
        and the holder's name opening the next line ("A Person QPM", "A Person, Director of X")."""
        text = doc_text(doc)
        nxt = ctx.sentences[sent.index + 1] if sent.index + 1 < len(ctx.sentences) else None
        if (
            nxt is None
            or s.text.endswith("s")
            or not self._title(s)
            or not self.rules.re("heading-post-lead").fullmatch(text, sent.start, s.start_char)
        ):
            return False
        at, body = self._body_after(ctx, sent, text, s.end_char)
        if at is None or text[at : sent.end].strip(" :") or "\n" not in text[sent.end : nxt.start + 1]:
            return False
        if text.rfind("\n", 0, nxt.start + 1) + 1 != nxt.start:
            return False
        p = self.person(text, nxt.start, nxt.end)
        if not (
            p
            and p.start() == nxt.start
            and self.rules.re("name-line-end").match(text, self._postnominals_end(text, p.end(), nxt.end), nxt.end)
        ):
            return False
        self.add(doc, body or ctx.partnership_for(sent), s.kb_id_, p.group(0), nxt, "role.heading-then-name")
        return True

    def _heading_people(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """A heading naming a post in the plural ("Lead Safeguarding Partners", "Our Lay Members:"), then one person a
        line: a name line and the post on the line below, or "A Person, Post"."""
        text = doc_text(doc)
        if not (
            s.text.endswith("s")
            and self._title(s)
            and self.rules.re("heading-post-lead").fullmatch(text, sent.start, s.start_char)
            and self.rules.re("heading-people-tail").fullmatch(text, s.end_char, sent.end)
        ):
            return False
        key, found, i = ctx.partnership_for(sent), 0, 0
        lines = self._lines_after(text, ctx, sent, 25)
        while i < len(lines):
            start, end = lines[i]
            p = self.person(text, start, end)
            if p is None or p.start() != start:
                break
            rest = self._postnominals_end(text, p.end(), end)
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if (
                rest >= end - 1
                and nxt
                and not self._starts_with_person(text, Span(*nxt, ""))
                and (len(text[nxt[0] : nxt[1]].split()) <= 16)
            ):
                title, where, i = text[nxt[0] : nxt[1]].strip(" ,;."), Span(start, nxt[1], ""), i + 2
            elif self.rules.re("name-post-sep").match(text, rest, end):
                title, where, i = text[rest:end].strip(" ,;.–-"), Span(start, end, ""), i + 1
            else:
                break
            self.add(doc, key, s.kb_id_, p.group(0), where, "role.heading-people", title=title or None)
            found += 1
        return found > 0

    def _lines_after(self, text: str, ctx: Context, sent: Sentence, most: int) -> list[tuple[int, int]]:
        """The lines of the sentences after `sent` (a sentence of a list whose lines were not split is one a line)."""
        out: list[tuple[int, int]] = []
        for cur in ctx.sentences[sent.index + 1 : sent.index + 1 + most]:
            out += [(cur.start + m.start(), cur.start + m.end()) for m in self.rules.re("line").finditer(cur.text)]
        return out[:most]

    def _starts_with_person(self, text: str, sent: Sentence) -> bool:
        p = self.person(text, sent.start, sent.end)
        return bool(p) and p.start() == sent.start

    def _held_by(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "The role of Independent Scrutineer is held by A Person", "Independent scrutiny is provided by A Person"."""
        text = doc_text(doc)
        at, body = self._body_after(ctx, sent, text, s.end_char)
        m = self.rules.re("held-by").match(text, at, sent.end) if at is not None else None
        p = self.person(text, m.end(), sent.end) if m else None
        if not (p and p.start() == m.end()):
            return False
        self.add(
            doc, body or ctx.partnership_for(sent, before=s.start_char), s.kb_id_, p.group(0), sent, "role.held-by"
        )
        return True

    @staticmethod
    def _paragraph_key(ctx: Context, sent: Sentence, text: str) -> str | None:
        """A sentence naming no partnership after one that names one in the same paragraph speaks of that one
        ("X has an independent chair, A Person. The Partnership Manager is B Person.")."""
        if ctx.in_sentence(sent) or sent.index == 0:
            return None
        prev = ctx.sentences[sent.index - 1]
        keys = {m.key for m in ctx.in_sentence(prev)}
        return keys.pop() if len(keys) == 1 and "\n" not in text[prev.end : sent.start] else None

    def _name_is_role(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "A Person is the Board Business Manager", "A Person, is co-Chair of X"."""
        text, role = doc_text(doc), s.kb_id_
        base = max(sent.start, s.start_char - 90)
        m = self.rules.re("name-is-role").search(text[base : s.start_char])
        if not (
            m
            and (s.text[:1].isupper() or not m.group("det") and any(c.isupper() for c in s.text))
            and not s.text.endswith("s")
        ):
            return False
        p = self.person(text, base + m.start(1), base + m.end(1))
        if p is None:
            return False
        if self._body_after(ctx, sent, text, s.end_char)[0] is None:
            return True  # "A Person is the Chair of the Housing Committee": a post in another body
        key = self.key_at(ctx, sent, s.start_char, text, after=s.end_char)
        lead = text[base + m.end(1) : s.start_char]
        lead = self.rules.re("is-role-lead").sub("", lead)
        title = (lead + s.text).strip() if role == "business-manager" else None
        self.add(doc, key, role, p.group(0), sent, "role.name-is-role", title=title)
        return True

    def _names_are_role(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "A Person and B Person are the co-chairs of the Board": each name of the run before a plural title holds
        the post (of the partnership named after it, or spoken of as "the Board")."""
        text = doc_text(doc)
        m = self.rules.re("are-role-before").search(text, sent.start, s.start_char)
        if m is None or not s.text.endswith("s") or m.end() != s.start_char:
            return False
        at, body = self._body_after(ctx, sent, text, s.end_char)
        people = self._named_run(text, sent.start, m.start())
        if at is None or len(people) < 2:
            return False
        key = body or ctx.partnership_for(sent, before=s.start_char)
        for p in people:
            self.add(doc, key, s.kb_id_, p.group(0), sent, "role.names-are-role")
        return True

    def _introduced_as(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "My name is A Person, and I am the Independent Chair of ...", "I am A Person and I have been the Chair
        since ...": the writer introduces themself, then the post they hold."""
        text = doc_text(doc)
        m = self.rules.re("i-am-name-before").search(text, sent.start, s.start_char)
        p = self.person(text, m.start(1), m.end(1)) if m and m.end() == s.start_char else None
        if p is None or p.end() != m.end(1):
            return False
        at, body = self._body_after(ctx, sent, text, s.end_char)
        if at is None:
            return False  # "I am the Chair of the Housing Committee"
        self.add(doc, body or ctx.partnership_for(sent, before=s.start_char), s.kb_id_, p.group(0), sent, "role.i-am")
        return True

    def _appointed(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """An appointment cue (data: CUE_APPOINTED) right before the post: "that A Person and B Person be appointed Vice
        Chairs of X" (the names before), "the appointment of A Person as X's Chair" (the name after), "... A Person ...
        and confirmed she would be taking over as Chair of X" (the last name before)."""
        text = doc_text(doc)
        cue = next(
            (c for c in reversed(spans(doc, "CUE_APPOINTED", sent.start, s.start_char)) if c.end_char <= s.start_char),
            None,
        )
        if cue is None:
            return False
        between = text[cue.end_char : s.start_char]
        if cue.id_ == "role.appointment-of":
            m = self.rules.re("appointed-and-as").fullmatch(between) or self.rules.re("appointed-as").fullmatch(between)
            p = self.person(text, cue.end_char + m.start(1), cue.end_char + m.end(1)) if m else None
            people = [p] if p and (p.start(), p.end()) == (cue.end_char + m.start(1), cue.end_char + m.end(1)) else []
        elif not self.rules.re("as-post").fullmatch(between):
            return False
        elif cue.id_ == "role.taking-over-as":
            people = self._all_persons(text, sent.start, cue.start_char)[-1:]
        else:
            people = self._named_run(text, sent.start, cue.start_char)
        key = self.key_at(ctx, sent, s.start_char, text, after=s.end_char)
        for p in people:
            self.add(doc, key, s.kb_id_, p.group(0), sent, cue.id_)
        return bool(people)

    def _named_run(self, text: str, start: int, end: int) -> list:
        """The names listed right before `end` ("A Person, B Person and C Person")."""
        found, pos = [], start
        while (p := self.person(text, pos, end)) is not None:
            found.append(p)
            pos = p.end()
        run: list = []
        for p in reversed(found):
            gap = text[p.end() : run[0].start()] if run else text[p.end() : end]
            if not re.fullmatch(r"\s*(?:,|;|and|&|,\s*and)?\s*" if run else r"\s*,?\s*(?:had|has|have)?\s*", gap):
                break
            run.insert(0, p)
        return run

    def _name_comma_role(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "NAME, Lay Member of PARTNERSHIP", "NAME, the Independent Chair, reported"; "NAME, Chair of the Y Committee"
        is a post in another body (nothing recorded)."""
        text = doc_text(doc)
        before = text[max(sent.start, s.start_char - 60) : s.start_char]
        m = self.rules.re("name-comma-before").search(before)
        if m is None and s.start_char - sent.start <= 60 and text.rfind("\n", 0, sent.start) + 1 == sent.start:
            # "A Person Interim Independent Chair X Board" on a line
            m = self.rules.re("name-line-before").match(before)
        p = self.person(before, m.start(1), m.end(1)) if m else None
        if p is None or p.end() != m.end(1):
            return False
        named = [pm for pm in ctx.in_sentence(sent) if pm.start >= s.end_char]
        org = re.match(r"\s*,\s*", text[s.end_char : sent.end])
        if m.group("sep") != "," and org and not (named and named[0].start == s.end_char + org.end()):
            return True  # "A Person – Vice Chair, Y Committee": a post in another body
        of = re.match(r"\s+(?:of|for|at)\s+(?:the\s+|this\s+|our\s+)?", text[s.end_char : sent.end])
        # "of the Board": the one spoken of
        this = of and self.rules.re("generic-partnership").match(text[s.end_char + of.end() : sent.end])
        if of and not this and not (named and named[0].start == s.end_char + of.end()):
            return True
        key = ctx.partnership_for(sent) if this else named[0].key if named else ctx.partnership_for(sent)
        self.add(doc, key, s.kb_id_, p.group(0), sent, "role.name-comma-role")
        return True

    def _name_bracket_role(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "A Person (Chair)", "Cllr A Person (Chair, X Partnership/ Cabinet Member)", "A Person (Deputy Chair)" in a
        membership list (an initial and a surname read there)."""
        text = doc_text(doc)
        base = max(sent.start, s.start_char - 60)
        before = text[base : s.start_char]
        if not re.match(r"\s*(?:\)|[,/–-])", text[s.end_char : sent.end]):
            return False
        initial = self.rules.re("initial-bracket-before").search(before)
        p = None
        for m in (
            self.rules.re("name-bracket-before").search(before),
            self.rules.re("name-dash-bracket-before").search(before),
        ):
            q = self.person(before, m.start(1), m.end(1)) if m and not initial else None
            p = p or (q if q and q.end() == m.end(1) else None)
        name = initial.group(1) if initial else (p.group(0) if p else None)
        if name is None:
            return False
        # "Councillor A Person (Chair) Cabinet Member ... X Partnership" in a membership list: a partnership named later
        # in the sentence is not the one chaired
        key = next(iter(self._after_comma(ctx, sent, text, s.end_char)), None) or self.key_at(
            ctx, sent, s.start_char, text
        )
        self.add(doc, key, s.kb_id_, name, sent, "role.name-bracket-role")

        return True

    @staticmethod
    def _after_comma(ctx: Context, sent: Sentence, text: str, at: int) -> list[str]:
        m = re.match(r"\s*,\s*(?:(?:the|of)\s+)*", text[at : at + 12])
        return [x.key for x in ctx.in_sentence(sent) if m and x.start == at + m.end()]

    def _role_of_partnership(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "... and Chair of the SCSP" after a name line (a signature under a foreword), "A Person – Cabinet Member and
        Chair of the X", "Chief Executive of Y / Chair X Partnership"."""
        text = doc_text(doc)
        lead = text[max(sent.start, s.start_char - 3) : s.start_char]
        slash = re.search(r"/\s*$", lead)
        of = self.rules.re("slash-of") if slash else self.rules.re("of-partnership-after")
        m = of.match(text, s.end_char, sent.end)
        named = [pm for pm in ctx.in_sentence(sent) if m and pm.start == m.end()]
        if not named:
            return False
        person = (
            self._person_before(text, sent, s.start_char)
            or self._name_line_after(text, ctx, sent, s)
            or self._person_after(text, named[0].end, sent.end)
        )
        if person is None and self.rules.re("to-from-before").search(
            text[max(sent.start, s.start_char - 12) : s.start_char]
        ):
            return True  # "send the report to the Chair of X": a recipient, not a post read
        self.add(doc, named[0].key, s.kb_id_, person, sent, "role.role-of-partnership")
        return True

    def _role_of_this(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "it was proposed by the Chair of the Board", "The chair of the Partnership rotates ...": the post of the
        partnership spoken of (its holder when named in apposition: "the Chair of the Board, A Person, ...")."""
        text = doc_text(doc)
        if (
            s.kb_id_ not in self.rules.words("of-this-roles")
            or self._past_holder(text, sent, s)
            or self._of_group(ctx, sent, text, s.start_char)
        ):
            return False
        m = self.rules.re("of-this-body").match(text, s.end_char, sent.end) or self.rules.re("rotates-after").match(
            text, s.end_char, sent.end
        )
        if m is None:  # "The Chair and Vice-Chair of the Partnership"
            pair = self.rules.re("post-and").match(text, s.end_char, sent.end)
            nxt = next(
                (r for r in spans(doc, "PROLE", s.end_char, sent.end) if pair and r.start_char == pair.end()), None
            )
            m = self.rules.re("of-this-body").match(text, nxt.end_char, sent.end) if nxt else None
        if m is None:
            return False
        person = self._person_after(text, m.end(), sent.end) or self._name_in_bracket_before(text, sent, s)
        if person is None and self.rules.re("to-from-before").search(
            text[max(sent.start, s.start_char - 12) : s.start_char]
        ):
            return True  # "reports to the Chair of the Board": a recipient, not a post read
        self.add(doc, ctx.partnership_for(sent, before=s.start_char), s.kb_id_, person, sent, "role.role-of-this")
        return True

    def _name_in_bracket_before(self, text: str, sent: Sentence, s: SpacySpan) -> str | None:
        """ "Councillor A Person (Chair of the Board)": the name right before the bracket that opens the post."""
        before = text[max(sent.start, s.start_char - 60) : s.start_char]
        m = self.rules.re("name-bracket-before").search(before)
        p = self.person(before, m.start(1), m.end(1)) if m else None
        return p.group(0) if p and p.end() == m.end(1) else None

    def _person_before(self, text: str, sent: Sentence, at: int) -> str | None:
        """The holder named before a post: a lone name on the line above, or "A Person – other post and" the post."""
        prev_line = text[: sent.start].rstrip().rsplit("\n", 1)[-1].strip()
        p = self.person(prev_line, 0, len(prev_line))
        gap = text[text.rfind(prev_line, 0, sent.start) + len(prev_line) : sent.start] if prev_line else ""
        if p and p.end() == len(prev_line) and sent.start == text.rfind("\n", 0, at) + 1 and gap.count("\n") == 1:
            return p.group(0)  # the name line right above (no blank line between)
        base = max(sent.start, at - 160)
        post = self.rules.re("name-post-comma-before").search(text[base:at])
        p = self.person(text, base + post.start(1), base + post.end(1)) if post else None
        if p and p.end() == base + post.end(1):
            return p.group(0)  # "A Person, Cabinet Member for X, Chair of the Y Board"
        if not re.search(r"\s(?:and|&)\s+(?:the\s+)?$", text[base:at]):
            return None
        found = [q for q in self._all_persons(text, base, at) if re.match(r"\s*[,–-]", text[q.end() : q.end() + 3])]
        return found[-1].group(0) if found else None

    def _person_after(self, text: str, at: int, end: int) -> str | None:
        """The holder named in apposition after the partnership ("the Chair of the X Board, A Person, who ...")."""
        m = self.rules.re("comma-name-after").match(text, at, end)
        p = self.person(text, m.start(1), m.end(1)) if m else None
        return p.group(0) if p and p.end() == m.end(1) else None

    def _name_line_after(self, text: str, ctx: Context, sent: Sentence, s: SpacySpan) -> str | None:
        """A heading line "The Chair of X" and the holder's name alone on the next line."""
        nxt = ctx.sentences[sent.index + 1] if sent.index + 1 < len(ctx.sentences) else None
        if (
            nxt is None
            or len(sent.text.split()) > 12
            or not re.fullmatch(r"(?:The\s+)?", text[sent.start : s.start_char])
        ):
            return None
        if "\n" not in text[sent.end : nxt.start] or "\n" in text[nxt.start : nxt.end]:
            return None
        p = self.person(text, nxt.start, nxt.end)
        rest = text[p.end() : nxt.end] if p else ""
        return p.group(0) if p and p.start() == nxt.start and re.fullmatch(r"(?:\s+[A-Z]{2,5})*\s*", rest) else None

    def _persons_at_words(self, text: str, start: int, end: int) -> list:
        """Every name starting at a capitalised word ("... Croydon Council Andrew Person Chief ..." finds Andrew
        Person)."""
        found, pos = [], start
        for w in re.finditer(r"(?<![\w'’-])[A-Z]", text[start:end]):
            at = start + w.start()
            if at < pos:
                continue
            p = self.person(text, at, end)
            if p and p.start() == at:
                found.append(p)
                pos = p.end()
        return found

    def _all_persons(self, text: str, start: int, end: int) -> list:
        found, pos = [], start
        while (p := self.person(text, pos, end)) is not None:
            found.append(p)
            pos = p.end()
        return found

    def _post_bracket_role(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> bool:
        """ "Chief Executive X Council (Chair)" in a membership list: the post is the chair, no person named."""
        text = doc_text(doc)
        if not re.match(r"\s*\)", text[s.end_char : sent.end]) or s.kb_id_ not in ("chair", "vice-chair", "co-chair"):
            return False
        line_start = max(sent.start, text.rfind("\n", 0, s.start_char) + 1, text.rfind(")", 0, s.start_char) + 1)
        m = re.search(
            r"([A-Z][\w'’&-]*(?:\s+[A-Z&][\w'’&-]*|\s+of|\s+for){1,8})\s*\($", text[line_start : s.start_char]
        )
        if m is None or not POST_TITLE.match(m.group(1).strip()) or self.person(m.group(1), 0, len(m.group(1))):
            title = self._item_post(text[sent.start : s.start_char])
        else:
            title = m.group(1).strip()
        if title is None:
            return False
        self.add(
            doc, ctx.partnership_for(sent, before=s.start_char), s.kb_id_, None, sent, "role.post-bracket-role", title
        )
        return True

    def _item_post(self, before: str) -> str | None:
        """A membership item that is a post, before its "(Chair)": "ii. Portfolio Holder for Health, Wellbeing and Adult
        Care", "The Leader's nominee is the Cabinet Member for Health"."""
        body = self.rules.re("item-post-lead").sub("", BULLET.sub("", before.rstrip(" (\t")))
        head = _POST_WORD.search(body)
        if head is None or head.start() > 40 or len(body.split()) > 20 or self.person(body, 0, len(body)):
            return None
        return body.strip(" ,;") or None

    def _mention(self, doc: Doc, ctx: Context, s: SpacySpan, sent: Sentence) -> None:
        """A post spoken of without its holder: "the Independent Chair", "with an independent scrutineer",
        "is independently chaired"; "an independent chair and scrutineer" holds two posts."""
        text, role = doc_text(doc), s.kb_id_
        lead = text[max(sent.start, s.start_char - 40) : s.start_char]
        counted = self.rules.re("counted-before").search(lead)
        if role not in self.rules.words("plural-roles") or s.text.endswith("s") and not counted:
            return
        indefinite = counted or self.rules.re("indefinite-before").search(lead)
        if not (s.text[:1].isupper() or indefinite or s.text.lower().startswith("independently")):
            return
        if re.fullmatch(r"[\W\d]*" + re.escape(s.text) + r"[\s.\d]*", sent.text):
            return  # a heading or a contents line names a subject, not a post
        if len(s) == 1 and self._other_body_title(ctx, sent, text, s):
            return  # a one-word title after another word ("Youth Scrutineer"): a post of another body
        key = self.key_at(ctx, sent, s.start_char, text, after=s.end_char)
        title, person = None, None
        if (
            re.fullmatch(r"(?:The\s+)?", text[sent.start : s.start_char])
            and sent.start == text.rfind("\n", 0, s.start_char) + 1
        ):
            # a name line above "The Independent Chair of ..."
            prev = text[: sent.start].rstrip().rsplit("\n", 1)[-1].strip()
            p = self.person(prev, 0, len(prev))
            person = (
                p.group(0) if p and p.start() == 0 and re.fullmatch(r"(?:\s+[A-Z]{2,5})*\s*", prev[p.end() :]) else None
            )
        of = self.rules.re("of-body-after").match(text, s.end_char, sent.end) if person is None else None
        # "the Chair of X, A Person, who ..."
        person = person or (self._person_after(text, of.end(), sent.end) if of else None)
        if role == "business-manager":  # "the Safeguarding Partnership Business Manager"
            title, person, key = self._business_manager(ctx, sent, text, s, person, key)
        for k in self._each(text, sent, s.start_char, key):
            self.add(doc, k, role, person, sent, "role.mention", title=title)
            self._holder_next(doc, ctx, sent, k, role)
        second = re.match(r"\s+and\s+([a-z]+)\b", text[s.end_char : sent.end])
        if second and indefinite:
            other = self._independent_post(second.group(1))
            if other and other != role:
                self.add(doc, key, other, None, sent, "role.mention")

    def _business_manager(
        self, ctx: Context, sent: Sentence, text: str, s: SpacySpan, person: str | None, key: str | None
    ) -> tuple[str, str | None, str | None]:
        """A business manager's title with the capitalised words before it ("Safeguarding Partnership Business
        Manager"), the person named before it ("A Person, X Partnerships Manager") and whose post it is."""
        lead = re.search(
            r"(?:(?!(?:The|Our)\s)[A-Z][\w'’-]*\s+){1,4}$", text[max(sent.start, s.start_char - 60) : s.start_char]
        )
        own = lead.group(0) if lead and not lead.group(0).startswith(("The ", "Our ")) else ""
        title = (own + s.text).strip()
        at = s.start_char - len(own)
        named = self.rules.re("name-comma-before").search(text[max(sent.start, at - 60) : at])
        p = self.person(named.group(1), 0, len(named.group(1))) if named else None
        person = person or (p.group(0) if p and p.end() == len(named.group(1)) else None)
        key = next((x.key for x in ctx.in_sentence(sent) if x.start < s.start_char < x.end), None) or self._named_in(
            title, key
        )
        return title, person, key

    def _named_in(self, title: str, key: str | None) -> str | None:
        """The partnership whose name a post title carries ("X Safeguarding Children Partnership Manager"), else key."""
        head = re.sub(r"\s+\S+$", "", title).lower()
        hits = [p.key for p in self.facts.partnerships if len(p.name.split()) >= 2 and head.endswith(p.name.lower())]
        return hits[0] if len(set(hits)) == 1 else key

    def _independent_post(self, word: str) -> str | None:
        """The post an "independent WORD" is ("scrutineer" -> independent-scrutineer), from the post-role labels."""
        for cid, concept in self.ref.concepts.get("post-role", {}).items():
            if any(lab.lower() == "independent " + word.lower() for lab in concept.labels):
                return cid
        return None

    def _holder_next(self, doc: Doc, ctx: Context, sent: Sentence, key: str | None, role: str) -> None:
        """ "... chaired by an Independent Chairperson. In Areaton this is A Person.": the next sentence names the
        holder."""
        nxt = ctx.sentences[sent.index + 1] if sent.index + 1 < len(ctx.sentences) else None
        if nxt is None:
            return
        text = doc_text(doc)
        m = self.rules.re("holder-next").match(nxt.text)
        p = self.person(text, nxt.start + m.end(), nxt.end) if m else None
        if p and p.start() == nxt.start + m.end():
            self.add(doc, key, role, p.group(0), Span(sent.start, nxt.end, ""), "role.holder-next-sentence")

    def _lead_reps_inline(self, doc: Doc, ctx: Context, sent: Sentence, s: SpacySpan) -> None:
        """ "The lead safeguarding partners are the Chief Executive of X, the Chief Constable of Y and ...": one post
        each."""
        text = doc_text(doc)
        m = self.rules.re("reps-are").match(text[s.end_char : sent.end])
        if m is None:
            return
        body = text[s.end_char + m.end() : sent.end].rstrip(" .;")
        items = [x.strip() for x in self.rules.re("post-list-split").split(body)]
        if len(items) < 2 or not all(POST_TITLE.match(x) and len(x.split()) <= 12 for x in items):
            return  # only a list made of posts ("the Chief Executive of X"); anything else is prose
        key = ctx.partnership_for(sent, before=s.start_char)
        for x in items:
            self.add(doc, key, "lead-representative", None, sent, "role.lead-representative-inline", title=x)

    @staticmethod
    def _row(text: str, sent: Sentence) -> str:
        ls = text.rfind("\n", 0, sent.start) + 1
        le = text.find("\n", sent.end)
        return text[ls : le if le >= 0 else len(text)]

    def _row_person(self, text: str, row: str, role_start: int) -> str | None:
        cells = [c.strip() for c in row.split("\t")]
        if len(cells) >= 2:
            p = self.person(cells[0], 0, len(cells[0]))
            if p and p.end() == len(cells[0]):
                return p.group(0)
            return None
        # a table row whose cells were joined: "A Person Independent Chair, X Board ...", "A Person, Independent Chair,
        # X Board" (a signature on one line)
        ls = text.rfind("\n", 0, role_start) + 1
        head = text[ls:role_start]
        p = self.person(head, 0, len(head))
        if p and p.start() == len(head) - len(head.lstrip()) and not head[p.end() :].strip(" \t,–-"):
            return p.group(0)
        return None

    def _co_chair_next(self, doc, ctx, sent, key):
        """A co-chair table row is often followed by a row with the second name only."""
        text = doc_text(doc)
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
        text = doc_text(doc)
        named = [pm for pm in ctx.mentions if pm.start >= s.end_char and pm.start - s.end_char <= 4]
        if not named:
            # "Signed on behalf of Safer X\nPartnership, ...": the partnership whose name the words start with
            after = re.sub(r"\s+", " ", text[s.end_char : s.end_char + 120]).strip().lower()
            after = re.sub(r"^the ", "", after)
            hits = sorted(
                (p for p in self.facts.partnerships if after.startswith(p.name.lower())), key=lambda p: -len(p.name)
            )
            if not hits:
                return
            end = s.end_char + len(text[s.end_char :]) - len(text[s.end_char :].lstrip())
            named = [PMention(end, end + len(hits[0].name), hits[0].key, "partnership.name")]
        before = text[: s.start_char].rstrip()
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
        head = self.rules.re("sign-head").match(sent.text) if sent is not None else None
        if head is None:
            return
        text = doc_text(doc)
        first = sent.index + 1
        if sent.text[head.end() :].strip():  # "Signature: A Person"
            p = self.person(text, sent.start + head.end(), sent.end)
            if not self._signer_on_head_line(text, p, sent.start + head.end(), sent.end):
                return
            first = sent.index
        i, misses = first, 0
        while i < len(ctx.sentences) and i < sent.index + 60 and misses <= 2:
            cur = ctx.sentences[i]
            begin = sent.start + head.end() if i == sent.index else cur.start
            p = self.person(text, begin, cur.end) if "\t" not in cur.text else None
            if p and p.start() == begin and (p.end() >= cur.end - 1 or text[p.end() : p.end() + 1] == ","):
                misses = 0
                i = max(self._signatory(doc, ctx, text, i, p), i + 1)
                continue
            if cur.heading and cur.text.startswith("#"):
                break
            misses += 1  # an introduction ("We the undersigned ..."), a rule line between signatories
            i += 1

    def _signatory(self, doc: Doc, ctx: Context, text: str, i: int, p: re.Match) -> int:
        """One signatory whose name starts sentence ``i``: the post lines under the name line (or the rest of the
        line after "NAME,") give the post; returns the index of the sentence after the post lines."""
        cur = ctx.sentences[i]
        post_lines: list[Sentence] = []
        j = i + 1
        while p.end() >= cur.end - 1 and j < len(ctx.sentences) and len(post_lines) < 4:
            nxt = ctx.sentences[j]
            q = self.person(text, nxt.start, nxt.end)
            if (
                (q and q.start() == nxt.start and q.end() >= nxt.end - 1)
                or nxt.text.startswith(("-", "#"))
                or len(nxt.text.split()) > 10
            ):
                break
            post_lines.append(nxt)
            j += 1
        parts = [x.text for x in post_lines] if p.end() >= cur.end - 1 else text[p.end() : cur.end].split(",")
        lines = [self.rules.re("on-behalf").sub("", re.sub(r"\s+", " ", x)).strip(" ,;.") for x in parts]
        lines = [x for x in lines if x and x != "---" and not self._not_a_post_line(x)]
        where = post_lines or [cur]
        named = [m for x in where for m in ctx.in_sentence(x)]
        key = named[0].key if named else ctx.main
        span = Span(cur.start, where[-1].end, "")
        self.add(doc, key, "signatory", p.group(0), span, "role.signature-block", title=", ".join(lines) or None)
        return j

    def _not_a_post_line(self, line: str) -> bool:
        """Initials, a date or a "Signature" label under a signatory's name: no part of the post."""
        return bool(
            re.fullmatch(r"[A-Z]{2,4}", line)
            or self.rules.re("date-line").fullmatch(line)
            or self.rules.re("signature-label").fullmatch(line)
        )

    @staticmethod
    def _signer_on_head_line(text: str, p, at: int, end: int) -> bool:
        """ "Signature: A Person", "Signed by A Person, Post, ...": the name right after the heading's words."""
        return bool(p) and p.start() == at and (p.end() >= end - 1 or text[p.end() : p.end() + 1] == ",")

    def _on_behalf(self, doc: Doc, ctx: Context) -> None:
        """ "A Person / (Post) / On behalf of X": a name line, at most one post line, then "On behalf of X"."""
        text = doc_text(doc)
        for sent in ctx.sentences:
            m = self.rules.re("on-behalf").match(sent.text)
            if (
                m is None
                or sent.index == 0
                or len(sent.text.split()) > 14
                or sent.text.lstrip().lower().startswith("signed")
            ):
                continue  # "Signed on behalf of X": the CUE_SIGNED rule reads it
            lines = ctx.sentences[max(0, sent.index - 2) : sent.index]
            for n in range(len(lines) - 1, -1, -1):
                cur = lines[n]
                p = self.person(text, cur.start, cur.end)
                if p and p.start() == cur.start and p.end() >= cur.end - 1:
                    posts = [x.text.strip(" ,;") for x in lines[n + 1 :]]
                    if any(len(x.split()) > 8 or self.person(x, 0, len(x)) for x in posts):
                        break
                    named = [pm for pm in ctx.mentions if 0 <= pm.start - (sent.start + m.end()) <= 4]
                    org = sent.text[m.end() :].strip(" ,;.")
                    title = ", ".join(posts + ([] if named else [org])) or None
                    self.add(
                        doc,
                        named[0].key if named else ctx.main,
                        "signatory",
                        p.group(0),
                        Span(cur.start, sent.end, ""),
                        "role.on-behalf-of",
                        title=title,
                    )
                    break

    def _signature_table(self, doc: Doc, ctx: Context) -> None:
        """A signatories table kept in cells: a header row "Name<TAB>Designation<TAB>Partnership<TAB>Date" (a name
        column
        beside a signature or date column), then one row a signatory: the person, the post and organisation cells as the
        title."""
        text = doc_text(doc)
        for sent in ctx.sentences:
            cols = [c.strip().lower().rstrip(":") for c in self._row(text, sent).split("\t")]
            if len(cols) < 3 or "name" not in cols or not any(c in self.rules.words("signature-columns") for c in cols):
                continue
            post_cols = [n for n, c in enumerate(cols) if self.rules.re("post-column").fullmatch(c)]
            org_cols = [n for n, c in enumerate(cols) if self.rules.re("org-column").fullmatch(c)]
            for row in ctx.sentences[sent.index + 1 : sent.index + 20]:
                cells = [c.strip() for c in self._row(text, row).split("\t")]
                if len(cells) < 2:
                    break
                name = cells[cols.index("name")] if cols.index("name") < len(cells) else ""
                p = self.person(name, 0, len(name))
                if not (p and p.start() == 0 and p.end() >= len(name) - 1) or any(
                    k[1] == "signatory" and k[2] == identity.slug(identity.person_name(p.group(0))) for k in self.seen
                ):
                    continue  # not a name, or a signatory the joined-cells rule has read
                parts = [cells[n] for n in post_cols + org_cols if n < len(cells) and cells[n]]
                named = ctx.in_sentence(row)
                key = named[0].key if named else ctx.main
                self.add(
                    doc, key, "signatory", p.group(0), row, "role.signature-table-cells", title=", ".join(parts) or None
                )

    def _lead_rep_table(self, doc: Doc, ctx: Context) -> None:
        """A lead-representative table kept in cells (one row a line, cells split by tabs): a header naming the lead (or
        delegated) safeguarding partners or lead representatives, with an organisation, a post and a name column
        ("Lead safeguarding partner<TAB>Post<TAB>Name"), then one row a lead representative: the person, and the
        post with its organisation ("Chief Executive, X Council") as the title."""
        text = doc_text(doc)
        lines = [(m.start(), m.end(), m.group(0).strip()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
        i = 0
        while i < len(lines):
            start, _, line = lines[i]
            i += 1
            columns = self._lead_rep_columns(line)
            sent = ctx.sentence_at(start) if columns is not None else None
            if sent is None:
                continue
            key = (
                ctx.partnership_for(sent)
                if ctx.in_sentence(sent)
                else (ctx.section[sent.index] if ctx.section else ctx.main)
            )
            i = max(i, self._lead_rep_rows(doc, key, lines, i, columns))

    def _lead_rep_columns(self, line: str) -> tuple[int, int, int] | None:
        """The organisation, post and name columns of a lead-representative table's header line, or None."""
        cols = [c.strip().rstrip(":") for c in line.split("\t")]
        if len(cols) < 3 or not self.rules.re("lead-head").search(line):
            return None
        org = next((n for n, c in enumerate(cols) if self.rules.re("org-column-header").fullmatch(c)), None)
        post = next(
            (n for n, c in enumerate(cols) if n != org and self.rules.re("post-column-header").fullmatch(c)), None
        )
        name = next(
            (
                n
                for n, c in enumerate(cols)
                if n not in (org, post) and self.rules.re("name-column-header").fullmatch(c)
            ),
            None,
        )
        return None if None in (org, post, name) else (org, post, name)

    def _lead_rep_rows(self, doc: Doc, key, lines: list, j: int, columns: tuple[int, int, int]) -> int:
        """The rows under a lead-representative table's header, one lead representative each; returns the index of
        the first line after them."""
        org, post, name = columns
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
            span = Span(row_start, row_end, "")
            self.add(doc, key, "lead-representative", p.group(0), span, "role.lead-representative-table", title=title)
            j += 1
        return j

    def _post_table(self, doc: Doc, ctx: Context) -> None:
        """A table of the lead (and delegated) representatives' posts with no column of names ("Safeguarding partner |
        Accountable person | Delegated representative", then "X Council | Chief Executive | Director of Children's
        Services"): each post cell of a row is a lead representative, titled with the organisation of its row."""
        text = doc_text(doc)
        rows = [b for b in blocks_of(doc) if b.kind == "table-row" and len(b.cells) >= 2]
        for n, head in enumerate(rows):
            cells = [text[a:z].strip(" :") for a, z in head.cells]
            if not any(self.rules.re("post-table-head").fullmatch(c) for c in cells) or any(
                self.rules.re("name-column-header").fullmatch(c) for c in cells
            ):
                continue
            sent = ctx.sentence_at(head.start)
            key = ctx.partnership_for(sent) if sent else ctx.main
            for row in rows[n + 1 :]:
                if not self._post_row(doc, text, row, key):
                    break

    def _post_row(self, doc: Doc, text: str, row, key: str | None) -> bool:
        """One row of a table of posts: its post cells (a post title, no name) and the organisation cell; False when
        the row holds no post."""
        cells = [text[a:z].strip(" ,;.") for a, z in row.cells]
        posts = [c for c in cells if (w := _POST_WORD.search(c)) and w.start() <= 25 and not self._has_person(c)]
        orgs = [c for c in cells if c and c not in posts and not self._has_person(c)]
        if not posts or len(orgs) > 1:
            return False
        for post in posts:
            title = post if not orgs or orgs[0].lower() in post.lower() else f"{post}, {orgs[0]}"
            self.add(doc, key, "lead-representative", None, Span(row.start, row.end, ""), "role.post-table", title)
        return True

    def _has_person(self, value: str) -> bool:
        """A cell that opens with a person's name ("A Person", "A Person, Chief Executive")."""
        p = self.person(value, 0, len(value))
        return p is not None and p.start() == 0

    def _sign_off(self, doc: Doc, ctx: Context) -> None:
        """A sign-off without "Signed on behalf of": after an "Agreement" / "Sign-off" heading or a sentence
        "We, the lead representatives of ..., agree these arrangements", pairs of a name line and a post line
        (a date at its end dropped). The signatories hold the post the sentence names too."""
        text = doc_text(doc)
        for sent in ctx.sentences:
            heading = sent.heading and self.rules.re("sign-off-heading").fullmatch(sent.text)
            we = self.rules.re("we-agree").match(sent.text)
            if not (heading or we):
                continue
            roles = self._signatory_roles(doc, sent, we)
            key = ctx.main
            i = sent.index + 1
            while key and i + 1 < len(ctx.sentences) and i < sent.index + 40:
                cur, nxt = ctx.sentences[i], ctx.sentences[i + 1]
                p = self.person(text, cur.start, cur.end)
                if (
                    p is None
                    or p.start() != cur.start
                    or not re.fullmatch(r"(?:\s+[A-Z]{2,4})*\.?", text[p.end() : cur.end])
                ):
                    if we and i == sent.index + 1 or cur.heading and not cur.text[:1].isupper():
                        break
                    i += 1
                    if i > sent.index + 3 and not any(k[1] == "signatory" for k in self.seen):
                        break
                    continue
                title = self.rules.re("date-tail").sub("", nxt.text).strip(" ,;")
                if (
                    self.person(text, nxt.start, nxt.end) is not None
                    and self.person(text, nxt.start, nxt.end).start() == nxt.start
                    or len(title.split()) > 16
                ):
                    title = None
                for role in roles:
                    self.add(
                        doc,
                        key,
                        role,
                        p.group(0),
                        Span(cur.start, nxt.end if title else cur.end, ""),
                        "role.sign-off",
                        title=title,
                    )
                i += 2 if title else 1

    def _signatory_roles(self, doc: Doc, sent: Sentence, we) -> list[str]:
        """What the signatories of a sign-off hold: "signatory", and the posts the "We, the ..." sentence names."""
        roles = ["signatory"]
        if we:
            for r in all_spans(doc):
                if (
                    r.label_ == "PROLE"
                    and sent.start <= r.start_char < sent.start + we.end(1)
                    and r.kb_id_ not in roles
                ):
                    roles.append(r.kb_id_)
        return roles

    def _signature_rows(self, doc: Doc, ctx: Context, s: SpacySpan) -> None:
        """A signatories table whose cells were joined into lines: "A Person Independent Chair, X Board  sig  date";
        a row naming no partnership ("A Person  date") signs for the partnership of the row above."""
        sent = ctx.sentence_at(s.start_char)
        if sent is None or not self.rules.re("signatures-heading").fullmatch(sent.text):
            return
        text = doc_text(doc)
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
                title = re.sub(r"\s+", " ", text[p.end() : named[0].end]).strip(" ,") or None
            if key is None:
                continue
            self.add(doc, key, "signatory", p.group(0), Span(ls, line_end, ""), "role.signature-table", title=title)

    def _lead_reps(self, doc: Doc, ctx: Context, sent: Sentence) -> None:
        """ "The lead representatives are:" then one post a list item ("Chief Executive, X Council", "X Council – Chief
        Executive", "Director of Nursing - X Integrated Care Board")."""
        if not sent.text.rstrip().endswith(":"):
            return
        key = ctx.partnership_for(sent)
        for item in MemberReader._list_after(doc, ctx, sent)[:8]:
            title = re.sub(r"^\W+", "", BULLET.sub("", item.text)).strip(" .;,")
            if title and ("," in title or re.search(r"\s[–-]\s", title)) and len(title.split()) <= 20:
                person, title = self._holder_in_item(title)
                self.add(doc, key, "lead-representative", person, item, "role.lead-representative-list", title=title)

    def _holder_in_item(self, item: str) -> tuple[str | None, str]:
        """ "A Person, Chief Executive, X Council" -> the person and the post; "X Council: A Person, Chief Executive" ->
        the person and "Chief Executive, X Council"; a post alone stays the title."""
        org = self.rules.re("item-org-label").match(item)
        rest = item[org.end() :] if org else item
        p = self.person(rest, 0, len(rest))
        sep = (
            self.rules.re("name-post-sep").match(rest, p.end())
            if p and p.start() == 0 and not _POST_WORD.search(p.group(0))
            else None
        )

        if sep is None:
            return None, item
        post = rest[sep.end() :].strip(" ,;")
        return p.group(0), ", ".join(x for x in (post, org.group(1).strip() if org else "") if x) or item

    def _message_signature(self, doc: Doc, ctx: Context) -> None:
        """ "Message from the Chair/Independent Scrutineer" ... "A Person, Chair of X": the person who signs a message
        (the first name line or "NAME, post" line before the next heading) holds the posts of its heading."""
        text = doc_text(doc)
        for sent in ctx.sentences:
            head = self.rules.re("message-heading").match(sent.text)
            if head is None or len(sent.text.split()) > 10:
                continue
            roles = [r.kb_id_ for r in spans(doc, "PROLE", sent.start, sent.end)]
            person = self._signer(text, ctx, sent) if roles else None
            if person is None:
                continue
            key = ctx.partnership_for(sent)
            for role in dict.fromkeys(roles):
                self.add(doc, key, role, person, sent, "role.message-signature")

    def _signer(self, text: str, ctx: Context, head: Sentence) -> str | None:
        for cur in ctx.sentences[head.index + 1 : head.index + 40]:
            if cur.heading and cur.text.startswith("#"):
                return None
            p = self.person(text, cur.start, cur.end)
            if (
                p
                and p.start() == cur.start
                and cur.start == text.rfind("\n", 0, cur.start + 1) + 1
                and (p.end() >= cur.end - 1 or text[p.end()] == "," and len(cur.text.split()) <= 12)
            ):
                return p.group(0)
        return None

    def _name_dash_manager(self, doc: Doc, ctx: Context) -> None:
        """ "A Person – Manager, X Safeguarding Adults Board" in an attendance list: the partnership's business
        manager."""
        text = doc_text(doc)
        for m in self.rules.re("dash-manager").finditer(text):
            p = self._name_ending(text, m.start())
            sent = ctx.sentence_at(m.start())
            if p is None or sent is None:
                continue
            named = [x for x in ctx.mentions if x.start <= m.end() < x.end]
            key = named[0].key if named else self._type_named(text, m.end(), sent)
            self.add(doc, key, "business-manager", p.group(0), sent, "role.name-manager-of")

    def _name_ending(self, text: str, end: int):
        """The shortest name of two words or more that ends at `end` (a list whose lines were joined)."""
        for w in reversed(list(re.finditer(r"(?<![\w'’-])[A-Z]", text[max(0, end - 40) : end]))):
            pos = max(0, end - 40) + w.start()
            p = self.person(text, pos, end)
            if p and p.start() == pos and p.end() == end and len(identity.person_name(p.group(0)).split()) >= 2:
                return p
        return None

    def _type_named(self, text: str, at: int, sent: Sentence) -> str | None:
        """ "Safeguarding Adults Board ..." written without its place: the one partnership whose name, less its place,
        starts there."""
        line = text[at : at + 120].lower()
        hits = set()
        for p in self.facts.partnerships:
            words = p.name.lower().split()
            if any(len(words) - k >= 2 and re.match(re.escape(" ".join(words[k:])) + r"\b", line) for k in (1, 2)):
                hits.add(p.key)
        return hits.pop() if len(hits) == 1 else None

    def _partner_people(self, doc: Doc, ctx: Context) -> None:
        """ "The statutory safeguarding partners for X are: A Person Chief Executive X Council B Person Chief Constable
        Y Police": people, each followed by a post title, listed after a partners cue are the lead representatives."""
        text = doc_text(doc)
        for cue in spans(doc, "CUE_PARTNER_PEOPLE"):
            sent = ctx.sentence_at(cue.start_char)
            start = self._people_start(text, sent, cue.end_char) if sent else None
            if start is None:
                continue
            people = self._persons_at_words(text, start, min(sent.end, start + 600))
            for n, p in enumerate(people):
                nxt = people[n + 1].start() if n + 1 < len(people) else None
                post = text[p.end() : nxt if nxt else min(sent.end, p.end() + 80)]
                post = self.rules.re("item-tail").sub("", post).strip(" ,;().")
                head = _POST_WORD.search(post)
                if head is None or len(post[: head.start()].split()) > 2 or (nxt and len(post.split()) > 12):
                    break
                self.add(
                    doc,
                    ctx.partnership_for(sent, before=cue.start_char),
                    "lead-representative",
                    p.group(0),
                    sent,
                    "role.partner-people",
                    title=post if nxt or sent.end <= p.end() + 80 and len(post.split()) <= 12 else None,
                )

    def _people_start(self, text: str, sent: Sentence, at: int) -> int | None:
        """Where the people listed after a partners cue start: after "are:" ("are represented by:"), or right after
        "are" when a name follows at once ("The delegated safeguarding partners are A Person, post; ...")."""
        colon = text.find(":", at, sent.end)
        if colon >= 0 and self.rules.re("partner-people-cue").fullmatch(text, at, colon):
            return colon + 1
        m = self.rules.re("partner-people-cue").match(text, at, sent.end)
        p = self.person(text, m.end(), sent.end) if m else None
        return m.end() if p and p.start() == m.end() else None

    def _signature_columns(self, doc: Doc, ctx: Context) -> None:
        """Signatures set side by side under a foreword, their columns joined into lines: a line of names only
        ("A Person CBE B Person C Person", first name and surname each) after a paragraph's last sentence, the
        posts on the next line."""
        text = doc_text(doc)
        for m in re.finditer(r"(?<=\.\n\n)[^\n]{10,120}(?=\n[^\n]+)", text):
            words = [w for w in re.finditer(r"\S+", m.group(0)) if not re.fullmatch(r"[A-Z]{2,5}", w.group(0))]
            nxt = text[m.end() + 1 :].split("\n", 1)[0]
            # a statement someone signs
            signed = self.rules.re("we-before").search(text[max(0, m.start() - 600) : m.start()])
            if len(words) < 4 or len(words) % 2 or len(_POST_WORD.findall(nxt)) < len(words) // 2 - 1 or not signed:
                continue
            pairs = [(m.start() + a.start(), m.start() + b.end()) for a, b in zip(words[::2], words[1::2])]
            people = [self.person(text, x, y) for x, y in pairs]
            if all(p and (p.start(), p.end()) == xy for p, xy in zip(people, pairs)):
                for p in people:
                    self.add(
                        doc,
                        ctx.main,
                        "signatory",
                        p.group(0),
                        Span(m.start(), m.end() + 1 + len(nxt), ""),
                        "role.signature-columns",
                    )

    def _partner_posts(self, doc: Doc, ctx: Context) -> None:
        """ "The three safeguarding partners are:" then posts one an item ("Chief Executive of X Council"), or "The
        executive members are the X Council Chief Executive, the Borough Commander ... and ...": each post a lead
        representative, only when every item is a post."""
        text = doc_text(doc)
        for sent in ctx.sentences:
            m = self.rules.re("partner-posts-cue").search(sent.text)
            subject = None if m else self.rules.re("posts-subject").match(sent.text)
            if m is None and subject is None:
                continue
            if subject is not None:
                items = [(sent, x.strip()) for x in self.rules.re("post-list-split").split(subject.group("items"))]
            elif sent.text.rstrip().endswith(":"):
                items = [
                    (x, self.rules.re("item-lead").sub("", BULLET.sub("", x.text)).strip(" .;,"))
                    for x in MemberReader._list_after(doc, ctx, sent)[:8]
                ]
            else:
                body = text[sent.start + m.end() : sent.end].rstrip(" .;")
                end = self.rules.re("partner-posts-end").search(body)
                body = body[: end.start()] if end else body
                items = [(sent, x.strip()) for x in self.rules.re("post-list-split").split(body)]
            read = [self._holders(t) or ([(None, t)] if self._post_item(t) else []) for _, t in items]
            if len(items) < 2 or not all(read):
                continue
            prev = ctx.in_sentence(ctx.sentences[sent.index - 1]) if sent.index else []
            # the partners of the partnership named here or just before, else of the document's (not of a section's old
            # board)
            key = (
                named_key(ctx.in_sentence(sent))
                or (prev[-1].key if prev else None)
                or ctx.main
                or ctx.partnership_for(sent)
            )
            for (where, _), found in zip(items, read):
                for person, title in found:
                    self.add(doc, key, "lead-representative", person, where, "role.partner-posts", title=title)

    def _holders(self, item: str) -> list[tuple[str, str]]:
        """ "A Person, Chief Executive of X, delegated to B Person, Chief Nurse": each name with the post after it."""
        out = []
        for p in self._all_persons(item, 0, len(item)):
            post = self.rules.re("post-after-name").match(item[p.end() :])
            if post and self._post_item(post.group(1)):
                out.append((p.group(0), post.group(1).strip()))
        return out

    def _post_item(self, item: str) -> bool:
        """An item that is a post ("Chief Constable of X Police", "X Council Chief Executive"), not a body or a
        person."""
        m = _POST_WORD.search(item)
        return bool(m) and m.start() <= 30 and len(item.split()) <= 14 and self.person(item, 0, len(item)) is None

    def _delegates(self, doc: Doc, ctx: Context) -> None:
        """A membership list whose items are posts held "on behalf of" a partner ("Director of Children's Services on
        behalf of the Chief Executive – Key Statutory Partner"): each is a lead (delegated) representative."""
        for sent in ctx.sentences:
            if not sent.text.rstrip().endswith(":"):
                continue
            key = ctx.partnership_for(sent)
            for item in MemberReader._list_after(doc, ctx, sent)[:12]:
                text = re.sub(r"^\W+", "", BULLET.sub("", item.text))
                m = self.rules.re("on-behalf-item").match(text)
                q = self.person(m.group(1), 0, len(m.group(1))) if m else None
                if (
                    m
                    and _POST_WORD.search(m.group(1))
                    and not self.rules.re("not-post-verb").search(m.group(1))
                    and not (q and q.start() == 0 and q.end() >= len(m.group(1).rstrip(" ,")) - 1)
                ):
                    self.add(
                        doc, key, "lead-representative", None, item, "role.delegate-list", title=m.group(1).strip(" ,")
                    )
