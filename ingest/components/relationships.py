"""``sgkg_relationships``: relationships between partnerships."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans, registry

from ..facts import Facts, RelationshipFact
from ..patterns import Reference, RuleSet, load_reference, rule_set, structural_patterns
from .attribution import Attribution, resolved_content
from .base import all_spans, ensure_extensions, facts_of, make_mention, rules_config, spans
from .context import PMention, Sentence, ctx_of
from .layout import block_at, blocks_of
from .names import NAME_CONNECTORS, clean_name, is_acronym

_GROUP_KINDS = {"joint-protocol", "joint-chairs-meeting", "shares-business-unit-with"}
_SEVERAL_KINDS = {
    "joint-chairs-meeting",
    "shares-business-unit-with",
}  # kinds of a group: only where several are spoken of
_ORG_TARGET_KINDS = {"presents-annual-report-to", "reports-to"}
_COMMITTEE_TARGET_KINDS = {"progress-update-to", "shares-plans-with"}  # given to a council committee, not others
FRAME_SHAPES = (
    "moves",
    "receives",
    "holds",
    "represents",
    "sits",
    "protocol",
    "progress",
    "shares",
    "reports",
    "nominal",
    "receives-owned",
    "passive",
)


@registry.misc("sgkg.relationship_phrasings.v1")
def make_relationship_phrasings() -> list[dict]:
    """The relationship rules (``ingest/patterns/relationships.jsonl``) for the component's factory config."""
    return [r for r in structural_patterns() if r["id"].startswith("relationship.")]


@dataclass(frozen=True)
class Frame:
    """A verb frame: the verb is a ``REL_FRAME`` span of rule ``id``; ``after`` must follow it; ``frame`` is its
    shape."""

    id: str
    frame: str
    kind: str
    after: re.Pattern


def frames_from_records(records: list[dict]) -> tuple[Frame, ...]:
    out: dict[str, Frame] = {}
    for r in records:
        if r["label"] == "REL_FRAME" and r["id"] not in out:
            if r.get("frame") not in FRAME_SHAPES:
                raise ValueError(
                    f"ingest/patterns/relationships.jsonl: frame {r['id']!r} has shape "
                    f"{r.get('frame')!r}, "
                    f"not one of {', '.join(FRAME_SHAPES)}"
                )
            out[r["id"]] = Frame(r["id"], r["frame"], r["concept"], re.compile(r["after"], re.I))
    return tuple(out.values())


@Language.factory(
    "sgkg_relationships",
    assigns=["doc._.sgkg"],
    requires=["doc._.sgkg_ctx"],
    default_config=rules_config("relationships", phrasings={"@misc": "sgkg.relationship_phrasings.v1"}),
)
def make_relationships(nlp: Language, name: str, phrasings: list[dict], rules: list[dict]):
    ensure_extensions()
    return RelationshipReader(load_reference(), frames_from_records(phrasings), rule_set("relationships", rules))


@dataclass
class _RelCue:
    start: int
    end: int
    kind: str
    rule: str


class RelationshipReader:
    """Relationships between partnerships: a cue (presented to, shared with, report to, joint chairs meeting,
    representation from/on, protocol between ...) with its source before and targets after it; plural groups
    ("both Safeguarding Boards", "each of the four Partnerships") resolved to the partnerships they stand for."""

    def __init__(self, ref: Reference, frames: tuple[Frame, ...], rules: RuleSet):
        self.ref = ref
        self.frames = frames  # the verb frames (ingest/patterns/relationships.jsonl)
        self.rules = rules  # the other rules (ingest/patterns/rules/relationships.jsonl)

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        att = Attribution(doc, ctx, facts)
        if not att.usable:
            return doc
        text = att.text
        cue_spans = spans(doc, "CUE_REL") + [s for s in all_spans(doc) if s.label_ == "RELKIND"]
        freqs = [s for s in all_spans(doc) if s.label_ == "FREQ"]
        seen: set[tuple[str, str, str]] = set()
        committee = self._document_committee(doc, att)
        minutes_of = self._minutes_of(att)
        for sent in ctx.sentences:
            cue = self._cue(sent, [c for c in cue_spans if sent.start <= c.start_char < sent.end], att)
            before = len(facts.relationships)
            if cue is not None and cue.kind in _SEVERAL_KINDS and not self._several_parties(sent, att):
                cue = None  # "The Chairs Group" heading of one board's subgroups: no meeting of several boards' chairs
            if cue is not None:
                freq = self._frequency(sent, freqs, text, cue.kind)
                for source, target, org in self._edges(sent, cue, att, doc):
                    self._add(facts, seen, doc, sent, cue.kind, cue.rule, freq, source, target, org)
            if len(facts.relationships) == before:
                for kind, rule, freq, source, target, org in self._frames(sent, att, doc, freqs):
                    self._add(facts, seen, doc, sent, kind, rule, freq, source, target, org)
            if len(facts.relationships) == before:
                self._accountable_line(doc, sent, att, facts, seen)
            if len(facts.relationships) == before:
                self._update_on_the_work_of(doc, sent, att, facts, seen)
            if len(facts.relationships) == before:
                self._report_to_committee(doc, sent, att, facts, seen)
            if len(facts.relationships) == before:
                self._committee_received(doc, sent, att, facts, seen, committee)
            if len(facts.relationships) == before and minutes_of is not None:
                self._minutes_item(doc, sent, att, facts, seen, minutes_of)
        self._meeting_items(doc, ctx, att, facts, seen)
        self._member_lists(doc, att, facts, seen)
        return doc

    def _member_lists(self, doc: Doc, att: Attribution, facts: Facts, seen: set) -> None:
        """A sentence that lists a partnership's members (two organisations or more, read by sgkg_members) and names
        another partnership among its items ("It includes the Council, the Police, ..., the Health and Wellbeing
        Board"):
        that partnership is a member of the first."""
        lists: dict[tuple[int, int], set[str]] = {}
        for o in facts.organisations:
            lists.setdefault((o.mention.span.start, o.mention.span.end), set()).add(o.partnership)
        for (start, end), owners in lists.items():
            named = [o for o in facts.organisations if (o.mention.span.start, o.mention.span.end) == (start, end)]
            separators = len(re.findall(r"[,;]", att.text[start:end]))
            if len(owners) != 1 or len(named) < 2 or "\n" in att.text[start:end] or separators < len(named) - 1:
                continue  # a sentence that lists members item by item, not a roster of posts
            owner = next(iter(owners))
            for m in att.ctx.mentions:
                if (
                    start <= m.start
                    and m.end <= end
                    and m.key in att.usable
                    and m.key != owner
                    and self.rules.re("list-item").search(att.text, max(start, m.start - 12), m.start)
                ):
                    sent = att.ctx.sentence_at(m.start)
                    if sent is not None:
                        self._add(
                            facts, seen, doc, sent, "member-of", "relationship.member-list", None, m.key, owner, None
                        )

    def _accountable_line(self, doc: Doc, sent: "Sentence", att: Attribution, facts: Facts, seen: set) -> None:
        """A terms-of-reference field on two lines, "Accountable to" then "Areaton Council Cabinet and City Mayor":
        the document's partnership reports to the partnership or committee on the next line."""
        m = self.rules.re("accountable-line").match(sent.text)
        if m is None or len(sent.text.split()) > 14 or sent.text.rstrip().endswith("."):
            return  # a field of a terms-of-reference table, not prose ("Reports to the Board are made quarterly.")
        if m.end() < len(sent.text.rstrip()):  # "Accountable to Areaton Council Cabinet" (the two lines joined)
            value = Sentence(sent.index, sent.start + m.end(), sent.end, sent.text[m.end() :], False, False)
        elif sent.index + 1 < len(att.ctx.sentences):
            value = att.ctx.sentences[sent.index + 1]
        else:
            return
        source = att.section(sent) or att.ctx.main
        if sent.index and source in {x.key for x in att.named(value)}:
            # the line names its target: the field is the section's
            source = att.section(att.ctx.sentences[sent.index - 1])
        if source is None:
            return
        targets = [x.key for x in att.named(value) if x.key != source]
        orgs = (
            []
            if targets
            else (
                self._committees(att, value.start, value.end)
                or [
                    (m.group(1), "local-authority") for m in [self.rules.re("cabinet").search(" to " + value.text)] if m
                ]
            )
        )
        kind, freq = "reports-to", None
        if (
            self.rules.re("report-to-field").match(sent.text)
            and (att.facts.document.kind or ("",))[0] == "annual-report"
        ):
            kind, freq = "presents-annual-report-to", "annually"  # an annual report's cover sheet: "Report to:" X
        for t in targets[:1]:
            self._add(facts, seen, doc, value, kind, "relationship.accountable-line", freq, source, t, None)
        for org in orgs[:1]:
            self._add(facts, seen, doc, value, kind, "relationship.accountable-line", freq, source, None, org)

    def _update_on_the_work_of(self, doc: Doc, sent: "Sentence", att: Attribution, facts: Facts, seen: set) -> None:
        """ "to update the Health and Wellbeing Board on the work of the Areaton Safeguarding Children Partnership":
        the partnership whose work it is gives the board named first a progress update."""
        m = self.rules.re("update-on-work").search(sent.text)
        if m is None:
            return
        cut = sent.start + m.start("on")
        to = [x.key for x in att.named(sent, sent.start + m.start(), cut)]
        of = [x.key for x in att.named(sent, cut, sent.end)]
        if to and of and to[0] != of[0]:
            self._add(
                facts,
                seen,
                doc,
                sent,
                "progress-update-to",
                "relationship.update-on-the-work-of",
                None,
                of[0],
                to[0],
                None,
            )

    @staticmethod
    def _named_or_written(sent: "Sentence", att: Attribution) -> list[str]:
        """The partnerships a sentence names, then those whose name is written in it without being read as a
        mention ("Areaton Safeguarding Children Partnership Annual Report 2024/25": a report's title)."""
        low = sent.text.lower().replace("’", "'")
        written = [k for k, name in att.names.items() if k in att.usable and name in low]
        return list(dict.fromkeys([m.key for m in att.named(sent)] + written))

    def _report_to_committee(self, doc: Doc, sent: "Sentence", att: Attribution, facts: Facts, seen: set) -> None:
        """Committee minutes: a sentence about one partnership's annual report that names a council committee ("The
        Scrutiny Board received a presentation ... which provided an overview of the Areaton SAB Annual Report", "X
        presented the annual report of the CSP, which gave the Overview and Scrutiny Committee ..."): the partnership
        presents its annual report to that committee."""
        if not self.rules.re("annual-report").search(sent.text):
            self._report_named_next(doc, sent, att, facts, seen)
            return
        named = self._named_or_written(sent, att)
        committees = self._committees(att, sent.start, sent.end)
        if not committees:
            bare = self.rules.re("cabinet").search(sent.text)  # "submitted to and considered by Cabinet"
            committees = [(bare.group(1), "local-authority")] if bare else []
        if (
            not named
            and committees
            and self.rules.re("the-annual-report").search(sent.text)
            and att.ctx.main in att.usable
        ):
            # "the annual report ... was considered by Cabinet": the document's
            named = [att.section(sent) or att.ctx.main]
        if len(named) == 1 and committees:
            for org in committees[:1]:
                self._add_annual_report(facts, seen, doc, sent, "relationship.report-to-committee", named[0], None, org)

    def _report_named_next(self, doc: Doc, sent: "Sentence", att: Attribution, facts: Facts, seen: set) -> None:
        """News of a committee: "... a report considered by the City Council's Scrutiny Committee." then "The Safer
        Areaton Annual Report also noted that": the partnership whose annual report the next sentence names presents
        it to the committee."""
        if not self.rules.re("report-considered-by").search(sent.text) or att.named(sent):
            return
        committees = self._committees(att, sent.start, sent.end)
        if not committees or sent.index + 1 >= len(att.ctx.sentences):
            return
        owners = self._report_owners(att.ctx.sentences[sent.index + 1], att)
        if len(owners) == 1:
            self._add_annual_report(
                facts, seen, doc, sent, "relationship.report-named-next", owners[0], None, committees[0]
            )

    def _report_owners(self, sent: "Sentence", att: Attribution) -> list[str]:
        """The partnerships whose annual report a sentence names: by name, or by its name without its head word ("the
        Safer Areaton Annual Report" of the Safer Areaton Partnership)."""
        low = sent.text.lower().replace("’", "'")
        out = []
        for key, name in att.names.items():
            words = name.split()
            for form in (name, " ".join(words[:-1]) if len(words) >= 3 else None):
                if (
                    form
                    and key in att.usable
                    and re.search(r"\b" + re.escape(form) + self.rules.re("owned-report").pattern, low)
                ):
                    out.append(key)
                    break
        return out

    def _several_parties(self, sent: "Sentence", att: Attribution) -> bool:
        """A sentence (or the one before it: "... between the A Board, the B Partnership and C. The chairs will
        meet quarterly") that names two partnerships or more, or speaks of several ("the four Boards")."""
        sentences = att.ctx.sentences
        for s in (sent, sentences[sent.index - 1] if sent.index > 0 else None):
            if s is not None and (len({m.key for m in att.named(s)}) >= 2 or self.rules.re("several").search(s.text)):
                return True
        return False

    def _meeting_items(self, doc: Doc, ctx, att: Attribution, facts: Facts, seen: set) -> None:
        """A committee item page: "Meeting: 06/10/2025 - Health and Wellbeing Board (Item 20)" and an item about
        a partnership's annual report: the partnership presents its annual report to the body that met (a partnership
        the document names, else the committee or board as an organisation)."""
        text = att.text
        meetings = self._meetings(doc, att)
        for n, (block, m) in enumerate(meetings):
            stop = meetings[n + 1][0].start if n + 1 < len(meetings) else len(text)
            body_start, body_end = m.span("body")
            named = [x for x in ctx.mentions if body_start <= x.start and x.end <= body_end and x.key in att.usable]
            target = named[0].key if named else None
            org = None if named else (text[body_start:body_end].strip(), "local-authority")
            here = ctx.sentence_at(block.start)
            # the item's title: the line before the "Meeting:" line, then what follows it up to the next meeting
            before = [ctx.sentences[here.index - 1]] if here is not None and here.index > 0 else []
            after = [x for x in ctx.sentences if block.end <= x.start < stop]
            found = self._item_subject(before + after, att, target)
            if found is not None:
                kind, sent, source = found
                freq = "annually" if kind == "presents-annual-report-to" else None
                self._add(facts, seen, doc, sent, kind, "relationship.meeting-item", freq, source, target, org)

    def _item_subject(self, sentences: list["Sentence"], att: Attribution, target: str | None):
        """What a committee item is about: the first of its sentences that names a partnership's annual report, else
        the first that names a partnership's update ("Community Safety Partnership Update", "presented an update on
        the work of the X Partnership"): (kind, sentence, partnership), or None."""
        for rule, kind in (("annual-report", "presents-annual-report-to"), ("item-update", "progress-update-to")):
            for sent in sentences:
                if not self.rules.re(rule).search(sent.text):
                    continue
                sources = [k for k in self._named_or_written(sent, att) if k != target]
                if sources:
                    return kind, sent, sources[0]
        return None

    def _meetings(self, doc: Doc, att: Attribution) -> list:
        """The document's "Meeting: 06/10/2025 - Health and Wellbeing Board (Item 20)", "Decision maker: Cabinet" and
        "Agenda item for: HWB" lines: (block, match of the value, its group "body" the body that met)."""
        meetings = []
        for block in blocks_of(doc):
            if block.kind != "label-value" or block.value is None:
                continue
            if not spans(doc, "CUE_MEETING", block.label[0], block.label[1]):
                continue
            m = self.rules.re("meeting-value").match(att.text, block.value[0], block.value[1])
            if m is not None and (
                m["date"]
                or m["item"]
                or self.rules.re("meeting-body").search(m["body"])
                or any(m.start("body") <= x.start < m.end("body") for x in att.ctx.mentions if x.key in att.usable)
            ):
                meetings.append((block, m))
        return meetings

    def _document_committee(self, doc: Doc, att: Attribution) -> tuple[str, str | None, tuple[str, str] | None] | None:
        """The body whose meeting a committee item records, as (its name, a partnership key or None, an organisation or
        None): the body of its "Meeting:" line, else the one council committee the document names (a document naming
        several has no one committee)."""
        meetings = self._meetings(doc, att)
        if meetings:
            m = meetings[0][1]
            named = [
                x.key for x in att.ctx.mentions if m.start("body") <= x.start < m.end("body") and x.key in att.usable
            ]
            body = m["body"].strip()
            return (body, named[0], None) if named else (body, None, (body, "local-authority"))
        found: list[tuple[str, str]] = []
        for name, org_type in self._committees(att, 0, len(att.text)):
            if not any(name.lower() in n.lower() for n, _ in found):
                found = [f for f in found if f[0].lower() not in name.lower()] + [(name, org_type)]
        return (found[0][0], None, found[0]) if len(found) == 1 else None

    def _minutes_of(self, att: Attribution) -> str | None:
        """The partnership whose minutes the document is: a line "Minutes of the meeting ..." near the top of a
        document about one partnership (a Health and Wellbeing Board's minutes)."""
        head = att.text[:400]
        if att.ctx.subject not in att.usable or not self.rules.re("minutes-heading").search(head):
            return None
        return att.ctx.subject if att.names.get(att.ctx.subject, "") in head.lower().replace("’", "'") else None

    def _minutes_item(self, doc: Doc, sent: "Sentence", att: Attribution, facts: Facts, seen: set, board: str) -> None:
        """An item of a board's minutes ("The report presented the annual report of the X Partnership for 2023/24"):
        the one other partnership whose annual report (or update) the item presents gives it to the board."""
        kind = self._item_kind(sent.text) if self.rules.re("item-verb").search(sent.text) else None
        if kind is None:
            return
        named = [k for k in dict.fromkeys(self._named_or_written(sent, att)) if k != board]
        if len(named) == 1:
            freq = "annually" if kind == "presents-annual-report-to" else None
            self._add(facts, seen, doc, sent, kind, "relationship.minutes-item", freq, named[0], board, None)

    def _item_kind(self, text: str) -> str | None:
        """What an item presents: an annual report, a progress update, or neither (None)."""
        if self.rules.re("item-annual").search(text):
            return "presents-annual-report-to"
        if self.rules.re("item-update").search(text):
            return "progress-update-to"
        return None

    def _committee_received(
        self, doc: Doc, sent: "Sentence", att: Attribution, facts: Facts, seen: set, committee
    ) -> None:
        """A committee item's sentence with the committee that met as its subject ("The Board considered a number of
        progress updates from the Areaton Community Safety Partnership", "The meeting was scheduled to review the
        Annual Review of the X Partnership"): the one partnership it names gives that committee its annual report
        (or its progress update)."""
        m = self.rules.re("committee-receives").search(sent.text)
        if committee is None or m is None:
            return
        name, target, org = committee
        who = m["who"].lower()
        if who not in ("meeting", "members") and name.split()[-1].lower() != who:
            return  # "The Board received ..." in the item of a committee: the Board is not the committee that met
        if who in ("meeting", "members") and not self.rules.re("committee-item").search(att.text):
            return  # "Members received updates" in a partnership's own document: its members, not a committee
        rest = Sentence(sent.index, sent.start + m.end(), sent.end, sent.text[m.end() :], False, False)
        kind = self._item_kind(rest.text)
        if kind is None:
            return
        named = [k for k in [x.key for x in att.named(rest)] or self._named_or_written(rest, att) if k != target]
        if len(set(named)) == 1:
            freq = "annually" if kind == "presents-annual-report-to" else None
            self._add(facts, seen, doc, sent, kind, "relationship.committee-received", freq, named[0], target, org)

    @classmethod
    def _add_annual_report(
        cls, facts: Facts, seen: set, doc: Doc, sent: "Sentence", rule: str, source, target, org
    ) -> None:
        """source presents its annual report to target (a partnership) or org (a committee of an organisation)."""
        cls._add(facts, seen, doc, sent, "presents-annual-report-to", rule, "annually", source, target, org)

    @staticmethod
    def _add(
        facts: Facts, seen: set, doc: Doc, sent: "Sentence", kind: str, rule: str, freq, source, target, org
    ) -> None:
        if target is None and not org:
            return  # neither a partnership nor an organisation at the other end
        if source is not None and (source, kind, target or "org:" + org[0]) in seen and freq:
            # "is accountable to X ... reports annually to X": the same relationship, now with its frequency
            for r in facts.relationships:
                if (r.source, r.kind, r.target) == (source, kind, target or "org:" + org[0]) and r.frequency is None:
                    r.frequency = freq
        if source is None or source == target or (source, kind, target or "org:" + org[0]) in seen:
            return
        seen.add((source, kind, target or "org:" + org[0]))
        sp = facts.partnership(source)
        tname = facts.partnership(target).name if target else org[0]
        label = f"{sp.name if sp else source} {kind.replace('-', ' ')} {tname}"
        m = make_mention(doc, sent.start, sent.end, rule)
        if target:
            facts.relationships.append(RelationshipFact(source, target, kind, freq, label, m))
        else:
            facts.relationships.append(RelationshipFact(source, "org:" + org[0], kind, freq, label, m, org[1]))

    # -- verb frames: other verbs and word orders ("reports quarterly to", "is presented each autumn to",
    #    "represents the Board on", "receives the annual report of", "a joint protocol with") ---------------------

    def _annual(self, att: Attribution, text: str) -> bool:
        """The thing moved is the annual report: named so, or "this report"/"the report" in a document that is one."""
        if self.rules.re("annual-reports").search(text):
            return True
        kind = att.facts.document.kind
        return bool(
            kind
            and kind[0] == "annual-report"
            and self.rules.re("this-report").search(text)
            and not self.rules.re("not-annual").search(text)
        )

    def _plain_frequency(self, text: str) -> str | None:
        if self.rules.re("six-monthly").search(text):
            return "six-monthly"
        return "annually" if self.rules.re("annually").search(text) else None

    def _plural_subject(self, att: Attribution, start: int, end: int) -> list[str]:
        """ "Both community safety partnerships ...", "Each of the partnerships ...": the partnerships a plural subject
        stands for."""
        out: list[str] = []
        for m, resolved in att.plural(start, end):
            det = m.group(1).lower()
            if not re.match(r"each|all|both", det) and not re.search(
                r"\b(?:two|three|four|five|six|[2-6])\b", m.group(2), re.I
            ):
                continue
            out += resolved or []
        return list(dict.fromkeys(out)) if len(set(out)) >= 2 else []

    def _frame_kind(self, frame: Frame, clause: str, att: Attribution | None = None) -> str | None:
        low = clause.lower()
        if frame.frame in ("receives", "receives-owned", "holds", "represents", "sits", "nominal"):
            return frame.kind  # "A holds B to account": B reports to A; "A receives the annual report of B"
        if frame.frame == "protocol":
            return frame.kind if self.rules.re("protocol-made").search(low) else None
        if frame.frame == "passive":  # "the X annual report will be considered by Y"; nothing else moved so is kept
            return frame.kind if att is not None and self._annual(att, clause) else None
        if self.rules.re("strategic-assessment").search(low):
            return "shares-strategic-assessment-with" if frame.frame in ("shares", "moves") else None
        if frame.frame == "shares":
            return frame.kind if self.rules.re("plans").search(low) else None
        if (
            frame.frame == "progress"
            or self.rules.re("progress").search(low)
            and not self.rules.re("annual-report-words").search(low)
        ):
            return "progress-update-to"
        if self.rules.re("annual-reports").search(low) or (att is not None and self._annual(att, clause)):
            return "presents-annual-report-to"
        return frame.kind

    def _frame_matches(self, sent: "Sentence", att: Attribution) -> list[tuple[int, int, Frame, int]]:
        """Verb frames in a sentence, in rule order then text order, none overlapping one found before it:
        (start, end, frame, where its preposition starts), offsets into the document text."""
        verbs = [s for s in spans(att.doc, "REL_FRAME", sent.start, sent.end) if s.end_char <= sent.end]
        found: list[tuple[int, int, Frame, int]] = []
        for frame in self.frames:
            for v in (v for v in verbs if v.id_ == frame.id):
                m = frame.after.match(att.text, v.end_char, sent.end)
                if m is None or v.start_char > 0 and re.match(r"\w", att.text[v.start_char - 1]):
                    continue
                if not any(v.start_char < e and s < m.end() for s, e, _, _ in found):
                    found.append(
                        (v.start_char, m.end(), frame, m.start("prep") if "prep" in frame.after.groupindex else m.end())
                    )
        return sorted(found, key=lambda f: f[0])

    def _plural_after(self, sent: "Sentence", att: Attribution, start: int, end: int) -> list[str]:
        """The partnerships a plural names right after a frame ("of both boards", "of the three partnerships")."""
        found = self._parties_in(att, sent, start, min(end, start + 40), last=False)
        return found if isinstance(found, list) and len(found) >= 2 else []

    def _clause_subject(
        self,
        sent: "Sentence",
        att: Attribution,
        frame: Frame,
        at: tuple[int, int, int, int],
        subject: str | None,
        plural: list[str],
    ) -> tuple[str | None, list[str] | None]:
        """The subject of a frame's clause and the group it stands for: a later clause ("..., and presents ...")
        keeps the subject of the first unless it names its own; (None, None) when the subject is no partnership."""
        prev_end, a, prep, z = at
        text = att.text
        own = att.named(sent, prev_end, a) if subject is None or re.search(r"[;:]\s|\.\s", text[prev_end:a]) else []
        relative = self.rules.re("relative-clause").search(text, prev_end, a)
        if relative:  # "reports to X, which in turn reports to Y": the subject is X, the antecedent, or none named
            own = att.named(sent, prev_end, relative.start())[-1:]
            if not own:
                return None, None
        if frame.frame == "represents":
            own = att.named(sent, a, prep) or own
            if not own and re.search(r"\b(?:the|our|this)\s+(?:partnership|board)\b", text[a:z], re.I):
                own, subject = [], att.section(sent)
        group = [] if own else self._plural_subject(att, prev_end, a)
        if own:
            coordinated = self._coordinated_tail(att, own)
            return coordinated[-1], coordinated if len(coordinated) > 1 else []
        if group:
            return group[0], group  # "Both community safety partnerships share ...": each of them
        if subject is None:
            if self.rules.re("not-a-party").match(text[sent.start : a]):
                return None, None
            subject = self._subject(sent, att, a) or (att.section(sent) if frame.frame == "nominal" else None)
        return subject, plural

    def _frame_orgs(
        self, doc: Doc, att: Attribution, frame: Frame, kind: str, has_targets: bool, z: int, clause_end: int
    ) -> list[tuple[str, str]]:
        """Organisations a frame's clause moves something to: a council committee, else an organisation named."""
        if frame.frame == "nominal" or kind == "progress-update-to" and frame.frame not in ("receives", "holds"):
            return [] if has_targets else self._committees(att, z, clause_end)[:1]  # updates go to a council committee
        if kind not in _ORG_TARGET_KINDS or frame.frame in ("receives", "receives-owned", "holds"):
            return []
        orgs = self._committees(att, z, clause_end) or (
            [] if has_targets else self._organisations(doc, att, z, clause_end)
        )
        if has_targets and kind == "presents-annual-report-to":
            orgs = self._merge(orgs, self._organisations(doc, att, z, clause_end))
        return orgs

    def _frames(self, sent: "Sentence", att: Attribution, doc: Doc, freqs: list):
        """Relationships read from verb frames, clause by clause: the subject (a partnership named before the verb, or
        the document's partnership for "The Partnership"/"The Chair"/"Our annual report"), the kind from the verb and
        what it moves (annual report, strategic assessment, progress update), the targets after the preposition."""
        text = att.text
        found = self._frame_matches(sent, att)
        subject, plural = None, []
        for n, (a, z, frame, prep) in enumerate(found):
            clause_end = found[n + 1][0] if n + 1 < len(found) else sent.end
            prev_end = found[n - 1][1] if n else sent.start
            kind = self._frame_kind(
                frame, text[sent.start : z] if frame.frame in ("moves", "passive") else text[prev_end:clause_end], att
            )
            if kind is None:
                continue
            after = [
                x
                for x in att.named(sent, z, clause_end)
                if not self.rules.re("not-a-recipient-after").match(text, x.end, x.end + 20)
            ]
            if frame.frame == "receives":  # "... the annual report of X" / "... the annual reports of both boards"
                sources = self._coordinated_run(att, after) or self._plural_after(sent, att, z, clause_end)
                sources, targets = sources, [subject or self._subject(sent, att, a)]
            elif frame.frame == "receives-owned":  # "received an overview of the Areaton SAB Annual Report"
                owners = [x.key for x in after if self.rules.re("owned-report").match(text, x.end)]
                sources, targets = owners[:1], [subject or self._subject(sent, att, a)]
            elif frame.frame == "holds":
                if self.rules.re("passive-held").search(text, max(prev_end, a - 30), z):
                    continue  # "A is held to account by B": the phrase "held to account by" says who reports to whom
                sources, targets, holders = self._holders(sent, att, prev_end, a, subject, after)
            else:
                subject, plural = self._clause_subject(sent, att, frame, (prev_end, a, prep, z), subject, plural)
                if subject is None and plural is None:
                    continue  # "The following groups report to the Partnership": subgroups, not partnerships
                sources, targets = plural or [subject], list(dict.fromkeys(x.key for x in after))
            freq = self._clause_frequency(freqs, text, prev_end, clause_end, kind)
            orgs = (
                holders
                if frame.frame == "holds"
                else self._frame_orgs(doc, att, frame, kind, bool(targets), z, clause_end)
            )
            if not (targets or orgs) and frame.frame == "moves" and self._listed_after(doc, sent):
                targets, orgs = self._list_targets(doc, sent, att, kind)  # "must send a copy of the report to:" a list
            for src in sources:
                for t in targets:
                    yield kind, frame.id, freq, src, t, None
                for org in orgs:
                    yield kind, frame.id, freq, src, None, org

    def _clause_frequency(self, freqs: list, text: str, start: int, end: int, kind: str) -> str | None:
        """How often, as the clause says it (a frequency phrase, or plain words); an annual report's is yearly."""
        return (
            next((f.kb_id_ for f in freqs if start <= f.start_char < end), None)
            or self._plain_frequency(text[start:end])
            or ("annually" if kind == "presents-annual-report-to" else None)
        )

    def _holders(self, sent: "Sentence", att: Attribution, prev_end: int, a: int, subject: str | None, after: list):
        """Who holds the partnerships named after a "holds", "oversees" or "scrutinises" verb to account: the
        partnership named before the verb (or the clause's subject), else the council committee named before it
        ("The Overview and Scrutiny Committee scrutinises the work of the X Partnership"); returns the sources, the
        targets and the organisations."""
        own = att.named(sent, prev_end, a)
        holder = own[-1].key if own else subject or self._subject(sent, att, a)
        sources = [x.key for x in after]
        if holder:
            return sources, [holder], []
        return sources, [], self._committees(att, prev_end, a)[-1:]

    @staticmethod
    def _merge(first: list[tuple[str, str]], more: list[tuple[str, str]]) -> list[tuple[str, str]]:
        names = {n.lower() for n, _ in first}
        return first + [o for o in more if o[0].lower() not in names and not any(o[0].lower() in n for n in names)]

    def _subject(self, sent: "Sentence", att: Attribution, verb: int) -> str | None:
        before = att.text[sent.start : verb]
        clause = list(self.rules.re("subordinate").finditer(before))
        # "... recommending that the Panel receive": the Panel's
        before = before[clause[-1].end() :] if clause else before
        if self.rules.re("own-subject").match(before) or self.rules.re("chair").search(before):
            return (
                att.lookback(sent)
                if re.match(r"^\W*(?:it|they)\b", before, re.I) and att.lookback(sent)
                else att.section(sent)
            )
        return None

    def _committees(self, att: Attribution, start: int, end: int) -> list[tuple[str, str]]:
        """Council committees named after the cue ("the Council's Adults and Community Wellbeing Scrutiny
        Committee")."""
        out = []
        for m in self.rules.re("committee").finditer(att.text, start, end):
            name = m.group(1)
            for owner in self.rules.re("committee-owner").finditer(m.group(1)):
                name = m.group(1)[owner.end() :]
            name = re.sub(r"^(?:The|A|An)\s+", "", name.strip())
            if len(name.split()) >= 2 and not att.ctx.covered(m.start(1), m.end(1)):
                out.append((name, "local-authority"))
        return out

    # -- the cue and its kind ----------------------------------------------------------------------
    def _cue(self, sent: "Sentence", found: list[SpacySpan], att: Attribution) -> _RelCue | None:
        t = sent.text
        proto = self.rules.re("protocol-between").search(t)
        if proto:
            g = proto.lastindex  # the one group that matched: "between", "covers", or a title's "protocol"
            return _RelCue(
                sent.start + proto.start(g),
                sent.start + proto.end(g),
                "joint-protocol",
                "relationship.protocol-between",
            )
        if not found:
            return None
        # vocabulary phrases (RELKIND) are more specific than the structural cues
        if self._coordinated(t, sent, found):
            return None  # "reports to X and shares its assessment with Y": each verb with its own kind (verb frames)
        found = sorted(found, key=lambda c: (c.label_ != "RELKIND", c.start_char))
        c = found[0]
        kind, rule = c.kb_id_, c.id_
        if kind == "joint-protocol" and len({m.key for m in att.named(sent, sent.start, c.start_char)}) < 2:
            return (
                None  # "the partnership protocol" named without the parties it is between ("A and B have a joint ...")
            )
        kind = self._cue_kind(sent, att, c, kind)
        low = t.lower()
        if kind == "member-of":
            if not att.named(sent):
                return None  # "membership of the partnerships" among a document's contents: no party named
            kind = "represented-on"
        if kind == "shares-plans-with" and not self.rules.re("plans-or-these").search(low):
            return None
        return _RelCue(c.start_char, c.end_char, kind, rule)

    def _cue_kind(self, sent: "Sentence", att: Attribution, c: SpacySpan, kind: str) -> str:
        """The kind a cue gives in its sentence: a report moved, a strategic assessment shared, an annual report
        presented (in the sentence, the one before, or the document being an annual report)."""
        t = sent.text
        low = t.lower()
        annual = bool(self.rules.re("annual-reports").search(low)) or self._annual_before(sent, att)
        if kind == "reports-to" and self.rules.re("report-noun-before").search(att.text, sent.start, c.start_char):
            kind = "presents-annual-report-to" if annual else kind  # "to present that report to": a report moved
        if kind in ("shares-plans-with", "presents-annual-report-to", "reports-to") and self.rules.re(
            "assessment"
        ).search(low):
            prev = att.ctx.sentences[sent.index - 1].text.lower() if sent.index else ""
            if self.rules.re("strategic-assessment").search(low) or (
                self.rules.re("the-assessment").search(low) and self.rules.re("strategic-assessment").search(prev)
            ):
                kind = "shares-strategic-assessment-with"
        elif (
            kind in ("shares-plans-with", "presents-annual-report-to", "reports-to")
            and annual
            and c.label_ == "CUE_REL"
            and c.kb_id_ != "reports-to"
        ):
            kind = "presents-annual-report-to"
        elif kind == "presents-annual-report-to" and not annual:
            kind = self._moved_kind(low)
        if (
            kind in ("presents-annual-report-to", "reports-to")
            and self.rules.re("this-report-subject").match(t)
            and self._annual_document(att)
        ):
            kind = "presents-annual-report-to"  # "This report is presented to ...", in an annual report: the report
        return kind

    def _moved_kind(self, low: str) -> str:
        """What a cue that moves something ("presented to", "sent to") gives when the thing is no annual report: an
        update on progress (progress-update-to), a plan or strategy (shares-plans-with), else a report (reports-to)."""
        if self.rules.re("progress").search(low):
            return "progress-update-to"
        return "shares-plans-with" if self.rules.re("moved-plan").search(low) else "reports-to"

    def _annual_before(self, sent: "Sentence", att: Attribution) -> bool:
        """ "It is presented to ..." after a sentence about an annual report ("Each year the partnership publishes an
        annual report."): the annual report is what is moved."""
        if not sent.index or not self.rules.re("report-anaphor").match(sent.text):
            return False
        return bool(self.rules.re("annual-report").search(att.ctx.sentences[sent.index - 1].text))

    def _coordinated(self, t: str, sent: "Sentence", found: list[SpacySpan]) -> bool:
        """Two relationship verbs of different kinds joined by "and" ("reports to X and shares its Y with Z"), or the
        second in a relative clause about the first one's target ("reports to X, which in turn reports to Y"): each
        verb with its own subject and targets (the verb frames)."""
        cues = sorted(found, key=lambda c: c.start_char)
        for a, b in zip(cues, cues[1:]):
            between = t[a.end_char - sent.start : b.start_char - sent.start]
            if a.kb_id_ != b.kb_id_ and re.search(r"\band\b", between) and not re.search(r"[;:]", between):
                return True
            if self.rules.re("relative-clause").search(between):
                return True
        return False

    @staticmethod
    def _frequency(sent: "Sentence", freqs: list[SpacySpan], text: str, kind: str) -> str | None:
        inside = [f for f in freqs if sent.start <= f.start_char < sent.end]
        if inside:
            return inside[0].kb_id_
        line_start = text.rfind("\n", 0, sent.start) + 1
        row = [f for f in freqs if line_start <= f.start_char < sent.start]
        if row and text[line_start : sent.start].strip():
            return row[0].kb_id_
        return "annually" if kind == "presents-annual-report-to" else None

    # -- source and targets ------------------------------------------------------------------------
    def _edges(self, sent: "Sentence", cue: _RelCue, att: Attribution, doc: Doc):
        text = att.text
        if self.rules.re("meeting-after").match(text, cue.end, sent.end):
            return []  # "Performance is reported to every Partnership meeting": an agenda, not a relationship
        own = self._this_report(sent, cue, att, doc)
        if own is not None:
            return own
        named = att.named(sent)
        reverse = cue.kind == "represented-on" and self.rules.re("representation-from").match(
            text, cue.start, cue.end + 20
        )
        reverse = reverse or cue.kind == "progress-update-to" and self.rules.re("from-after").match(text, cue.end)
        head, tail = (sent.start, cue.start), (cue.end, sent.end)
        if reverse:
            head, tail = tail, head
        sources = self._parties_in(att, sent, *head, last=not reverse)
        targets = self._parties_in(att, sent, *tail, last=False)
        if not reverse and self.rules.re("following-parties").search(text, *head):
            # "The following boards report to the X Board:" and the boards one an item below
            sources = [
                k for k in self._listed_keys(doc, sent, att) if not isinstance(targets, list) or k not in targets
            ]
        if cue.kind == "joint-protocol" and len({m.key for m in named}) < 2 and not att.plural(sent.start, sent.end):
            listed = self._parties_listed_after(sent, cue, att, {m.key for m in named})
            return [(listed[0], k, None) for k in listed[1:]]
        if cue.kind not in _GROUP_KINDS and sources == "group" and isinstance(targets, list) and targets:
            # "Each of the boards presents its annual report to the X Board": each of the others, to the named target
            return [(s, t, None) for s in att.parties if s not in targets for t in targets]
        if (
            cue.kind in _GROUP_KINDS
            or "group" in (sources, targets)
            or (not sources and targets and set(att.parties) <= set(targets))
        ):
            group = self._group(sent, att, named)
            first = sources[0] if isinstance(sources, list) and len(sources) == 1 else group[0] if group else None
            return [(first, k, None) for k in group if k != first] if first else []
        if not sources:
            sources = self._implicit_source(sent, cue, att)
        if not sources:
            return []
        listed: list[tuple[str, str]] = []
        if not targets:
            targets, listed = self._list_targets(doc, sent, att, cue.kind)
        if not targets and not listed:
            targets = [k for k in self._row_target(doc, sent, att, cue.start) if k not in sources]
        orgs = self._merge(listed, self._cue_orgs(doc, att, cue, sent, bool(targets)))
        return [(s, t, None) for s in sources for t in targets if s != t] + [
            (s, None, o) for s in sources for o in orgs
        ]

    def _this_report(self, sent: "Sentence", cue: _RelCue, att: Attribution, doc: Doc) -> list | None:
        """An annual report's sentence about itself ("This report is for all partners, informing the work of the X
        Board and providing assurance to the Council's Y Committee"): the document's partnership presents its annual
        report to each partnership and committee named after the subject (None: not such a sentence)."""
        m = self.rules.re("this-report-subject").match(sent.text)
        if m is None or cue.kind != "presents-annual-report-to" or not self._annual_document(att):
            return None
        own = att.section(sent)
        if own is None:
            return []
        start = sent.start + m.end()
        targets = list(dict.fromkeys(x.key for x in att.named(sent, start, sent.end) if x.key != own))
        orgs = self._merge(self._committees(att, start, sent.end), self._organisations(doc, att, cue.end, sent.end))
        return [(own, t, None) for t in targets] + [(own, None, o) for o in orgs]

    @staticmethod
    def _annual_document(att: Attribution) -> bool:
        return (att.facts.document.kind or ("",))[0] == "annual-report"

    @staticmethod
    def _row_target(doc: Doc, sent: "Sentence", att: Attribution, cue: int) -> list[str]:
        """A table row or "Label: value" line whose first cell or label names one partnership, and whose cue comes
        after it ("Areaton Health and Wellbeing Board | The SAB presents its annual report each year"): that
        partnership is the other end of the relationship the rest of the row states."""
        block = block_at(blocks_of(doc), sent.start)
        if block is None:
            return []
        first = block.cells[0] if block.kind == "table-row" and len(block.cells) >= 2 else block.label
        if block.kind not in ("table-row", "label-value") or first is None or cue < first[1]:
            return []
        keys = {m.key for m in att.ctx.mentions if first[0] <= m.start and m.end <= first[1] and m.key in att.usable}
        return list(keys) if len(keys) == 1 else []

    def _cue_orgs(self, doc: Doc, att: Attribution, cue: _RelCue, sent: "Sentence", has_targets: bool) -> list:
        """Organisations after a cue that moves a report: council committees, and (beside partnerships, for an annual
        report, or alone) other organisations named ("the Health and Wellbeing Board, the Police and Crime
        Commissioner and Healthwatch")."""
        if cue.kind in _COMMITTEE_TARGET_KINDS and not has_targets:
            return self._committees(att, cue.end, sent.end)[:1]  # "an update ... was presented to the X Committee"
        if cue.kind not in _ORG_TARGET_KINDS:
            return []
        committees = self._committees(att, cue.end, sent.end)
        bare = self.rules.re("cabinet").search(att.text, cue.start, sent.end)
        if not committees and bare:
            committees = [(bare.group(1), "local-authority")]  # "accountable to the Council's Cabinet"
        if has_targets and cue.kind != "presents-annual-report-to":
            return committees
        return self._merge(committees, self._organisations(doc, att, cue.end, sent.end))

    def _list_targets(self, doc: Doc, sent: "Sentence", att: Attribution, kind: str) -> tuple[list[str], list]:
        """The recipients a cue ending in a colon lists below it, one an item ("The annual report is sent to:" then
        "- the Chair of the Health and Wellbeing Board", "- the Police and Crime Commissioner"): the partnership an item
        names, else (for a report) the committee or organisation it names; else those the next sentence names."""
        items = self._listed_after(doc, sent)
        if not items:
            return self._following_list(sent, att), []
        targets: list[str] = []
        orgs: list[tuple[str, str]] = []
        for start, end in items:
            item = att.ctx.sentence_at(start)
            named = [m.key for m in att.named(item, start, end)] if item is not None else []
            if named:
                targets.append(named[0])
            elif kind in _ORG_TARGET_KINDS:
                orgs = self._merge(
                    orgs, (self._committees(att, start, end) or self._organisations(doc, att, start, end))[:1]
                )
        return list(dict.fromkeys(targets)), orgs

    def _listed_after(self, doc: Doc, sent: "Sentence") -> list[tuple[int, int]]:
        """The items of the list right after a sentence that ends in a colon or a dash (bullets, numbers, one item a
        line)."""
        if not self.rules.re("list-intro").search(sent.text):
            return []
        items = []
        for b in blocks_of(doc):
            if b.end <= sent.end:
                continue
            if b.kind != "list-item":
                break
            items.append((b.body_start, b.end))
        return items

    @staticmethod
    def _parties_listed_after(sent: "Sentence", cue: _RelCue, att: Attribution, named: set[str]) -> list[str]:
        """ "A joint protocol between:" (or a title ending in "between") and the parties one a line below it: the
        partnerships named on the short lines that follow, up to the first line of prose."""
        if att.text[cue.end : sent.end].strip(" :\t\n") and not sent.text.rstrip().endswith(":"):
            return []
        keys = list(named)
        for nxt in att.ctx.sentences[sent.index + 1 : sent.index + 9]:
            found = [m.key for m in att.named(nxt)]
            if not found and (len(nxt.text.split()) > 14 or nxt.text.rstrip().endswith(".")):
                break
            keys += found
        keys = list(dict.fromkeys(keys))
        return keys if len(keys) >= 2 else []

    def _group(self, sent: "Sentence", att: Attribution, named: list[PMention]) -> list[str]:
        """The parties of a group relationship: those named, else the plural's referents, else the document's
        parties."""
        keys = list(dict.fromkeys(m.key for m in named))
        if len(keys) >= 2:
            return keys
        for m, resolved in att.plural(sent.start, sent.end):
            if resolved is None:
                resolved = self._these(sent, att)
            if resolved and len(resolved) >= 2:
                return resolved
        return list(att.parties)

    @staticmethod
    def _these(sent: "Sentence", att: Attribution) -> list[str]:
        """ "these Partnerships": those named in the sentence before, with the section's own partnership."""
        back = att.previous_on_line(sent) or (att.ctx.sentences[sent.index - 1] if sent.index else None)
        resolved = list(dict.fromkeys(x.key for x in att.named(back))) if back else []
        own = att.section(sent)
        if resolved and own and own not in resolved:
            resolved = [own] + resolved
        return resolved

    def _parties_in(self, att: Attribution, sent: "Sentence", start: int, end: int, *, last: bool):
        """Partnerships named in text[start:end] (the last one only for a source), or "group" for each/all of them."""
        named = att.named(sent, start, end)
        if not named and self.rules.re("each").search(att.text, start, end):
            return "group"
        keys: list[str] = []
        for m, resolved in att.plural(start, end):
            det = m.group(1).lower()
            if det == "other" and not resolved_content(m):
                resolved = self._following_list(sent, att) or resolved
            elif resolved is None:
                resolved = self._these(sent, att)
            if det.startswith("both") and resolved and len(resolved) != 2:
                resolved = self._these(sent, att)  # "both boards": the two the text has just named, or none
                resolved = resolved if len(resolved) == 2 else []
            if (
                resolved
                and set(resolved) == set(att.parties)
                and not m.group(2).strip()
                and det != "both"
                and not named
            ):
                return "group"
            keys += resolved or []
        if named:
            own = [m.key for m in named]
            if last and not keys:
                return self._coordinated_tail(att, named)
            keys += own
        return list(dict.fromkeys(keys))

    def _coordinated_run(self, att: Attribution, named: list[PMention]) -> list[str]:
        """The first partnership named, with those coordinated after it ("the annual reports of A, B and C")."""
        run = named[:1]
        for m in named[1:]:
            if not self.rules.re("coordination").fullmatch(att.text, run[-1].end, m.start):
                break
            run.append(m)
        return list(dict.fromkeys(m.key for m in run))

    def _listed_keys(self, doc: Doc, sent: "Sentence", att: Attribution) -> list[str]:
        """The partnerships named one an item in the list below a sentence that ends in a colon."""
        keys = []
        for start, end in self._listed_after(doc, sent):
            item = att.ctx.sentence_at(start)
            keys += [m.key for m in att.named(item, start, end)][:1] if item is not None else []
        return list(dict.fromkeys(keys))

    def _coordinated_tail(self, att: Attribution, named: list[PMention]) -> list[str]:
        """The last partnership named, with those coordinated before it ("the annual reports of A and B", "A, B and
        C report to"): each is a source."""
        run = [named[-1]]
        for m in reversed(named[:-1]):
            if not self.rules.re("coordination").fullmatch(att.text, m.end, run[0].start):
                break
            run.insert(0, m)
        return list(dict.fromkeys(m.key for m in run))

    def _implicit_source(self, sent: "Sentence", cue: _RelCue, att: Attribution) -> list[str]:
        """The source of a sentence that names none before its cue: the chair's partnership, an anaphor's antecedent,
        ..."""
        before = att.text[sent.start : cue.start]
        if self.rules.re("chair").search(before) or spans(att.doc, "PROLE", sent.start, cue.start):
            own = att.ctx.main if att.ctx.main in att.usable else att.section(sent)
            return [own] if own else []
        back = att.lookback(sent)
        if self.rules.re("anaphor-before").search(before):
            own = back or att.section(sent)
            return [own] if own else []
        if back:
            return [back]
        if cue.kind == "presents-annual-report-to" and self.rules.re("own-annual-report").search(
            att.text, sent.start, cue.end
        ):
            own = att.section(sent)
            return [own] if own else []
        return []

    def _following_list(self, sent: "Sentence", att: Attribution) -> list[str]:
        """Targets listed in the next sentence ("... shared with other strategic boards. This includes; X, Y and Z")."""
        if sent.index + 1 >= len(att.ctx.sentences):
            return []
        nxt = att.ctx.sentences[sent.index + 1]
        if not (sent.text.rstrip().endswith(":") or self.rules.re("list-follows").match(nxt.text)):
            return []
        return list(dict.fromkeys(m.key for m in att.named(nxt)))

    def _organisations(self, doc: Doc, att: Attribution, start: int, end: int) -> list[tuple[str, str]]:
        """Organisations named after the cue ("the Local Authority Scrutiny Committee, the Police and Crime
        Commissioner")."""
        out: list[tuple[str, str]] = []
        for s in filter_spans(
            [x for x in all_spans(doc) if x.label_ == "OTYPE" and start <= x.start_char and x.end_char <= end]
        ):
            if re.match(r"['’]s\b", att.text[s.end_char : s.end_char + 3]):
                continue  # "the Council's Scrutiny Committee": the committee's owner, not the recipient
            i = s.start
            while i > 0 and doc[i - 1].idx >= start and self.rules.re("name-word").fullmatch(doc[i - 1].text):
                i -= 1  # "Wigan Council": the place before the type is part of the name
            if (
                att.ctx.covered(s.start_char, s.end_char)
                or is_acronym(s.text)
                or re.search(r"\bof (?:the )?$", att.text[max(start, doc[i].idx - 8) : doc[i].idx])
            ):
                continue  # "the chief executive of the local authority", "the Leader of Wigan Council": a post
            if re.search(r"[A-Z][\w'’-]*\s+(?:for|of)\s+$", att.text[max(start, s.start_char - 40) : s.start_char]):
                # "Department for Education", "What Works Centre for Children's Social Care": part of another name
                continue
            j = s.end
            while (
                j < len(doc)
                and doc[j].idx < end
                and self.rules.re("name-word").fullmatch(doc[j].text)
                and doc[j].lower_ not in NAME_CONNECTORS
            ):
                j += 1
            name = clean_name(doc[i:j].text)
            if name.lower() not in (n.lower() for n, _ in out):
                out.append((name, s.kb_id_))
        return out
