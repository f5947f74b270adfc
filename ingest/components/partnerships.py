"""``sgkg_partnerships``: partnerships, their types, abbreviations and coreference (category 2)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .. import identity
from ..facts import PartnershipFact
from ..patterns import Reference, RuleSet
from .base import all_spans, doc_text, facts_of, make_mention, rules_reader, spans
from .context import Context, PMention, Sentence, build_sentences
from .layout import blocks_of
from .names import LEADING_DROP, NAME_CONNECTORS, NAME_TOKEN, clean_name, is_acronym

_STATED_GAP = re.compile(r"\s*(?:[(\[][^()\[\]\n]{0,140}[)\]])?\s*,?\s*")
_DEFINITION = re.compile(r"\s*[(\[]([^()\[\]\n]{2,140})[)\]]")


def _org_name_follows(rules: RuleSet, doc: Doc, i: int) -> bool:
    """The words after a partnership-like head make it an organisation's name ("... Partnership NHS Trust")."""
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    return i < len(doc) and doc[i].text in rules.words("org-suffix")


@dataclass
class _Cand:
    start: int
    end: int
    name: str
    type_id: str | None
    rule: str
    head_start: int
    generic_head: bool
    bare: bool  # the name is only the type label ("the Safeguarding Adults Board")
    lower: bool = False  # written in lower case ("our safeguarding partnership"): a reference, never a new name
    # before its annual report or meeting ("X Annual Report"): a mention of one found, never a new name
    owned: bool = False


@dataclass
class _Found:
    """What one document's candidates have given so far (kept per call, never on the component)."""

    by_key: dict[str, PartnershipFact] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    # lower-case mentions: references to a partnership named elsewhere
    deferred: list[_Cand] = field(default_factory=list)
    generic_keys: set[str] = field(default_factory=set)
    # named only by their type label ("the Community Safety Partnership")
    bare_keys: set[str] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)  # "safer areaton" (a short name in brackets) -> key
    # names before their annual report or meeting that named no partnership found ("X Annual Report be noted")
    owned_only: list[_Cand] = field(default_factory=list)


@rules_reader(
    "partnerships", reference=True, requires=("doc.spans", "doc._.sgkg"), assigns=("doc._.sgkg", "doc._.sgkg_ctx")
)
class PartnershipReader:
    """Partnerships named in the text. The words around a name are data (``ingest/patterns/rules/partnerships.jsonl``),
    read-only; nothing is kept between documents."""

    def __init__(self, ref: Reference, rules: RuleSet):
        self.ref = ref
        self.rules = rules

    # -- candidate names ------------------------------------------------------
    def _extend_left(self, doc: Doc, head_start_tok: int, floor_tok: int) -> int:
        """The first token of the name whose head starts at head_start_tok: capitalised words to the left,
        never over a line break (unless an area name ends the line), "the", another name's head word,
        a post title ("Lay Member of ...") or an Act's title."""
        i = self._walk_left(doc, head_start_tok, floor_tok)
        while i < head_start_tok and (
            doc[i].is_space or doc[i].lower_ in LEADING_DROP or doc[i].lower_ in NAME_CONNECTORS
        ):
            i += 1
        # "... chaired by Chief Superintendent A Person Areaton Safeguarding Children Board": a name starts at
        # its area name when more than one word precedes it
        if i < head_start_tok:
            hits = self.ref.areas.find(doc[i:head_start_tok].text)
            lead = doc[i:head_start_tok].text[: hits[0][0]] if hits else ""
            if (
                hits
                and len(lead.split()) > 1
                and not self.rules.re("joined-before").search(lead)
                and not self.rules.re("list-and").search(lead)  # "South & East Areashire ...": one name
            ):
                first = doc[i:head_start_tok].char_span(hits[0][0], hits[0][1], alignment_mode="expand")
                if first is not None:
                    i = first.start
        return self._keep_joint(doc, self._joint_areas(doc, i, floor_tok), head_start_tok, floor_tok)

    def _area_start(self, doc: Doc, k: int, floor: int) -> int | None:
        """The first token of an area's name that token k lies inside ("on" of "Southend-on-Sea"), when the name
        starts before k and not before floor."""
        text = doc_text(doc)
        lo = max(doc[floor].idx, doc[k].idx - 40)
        for start, end, _ in self.ref.areas.find(text[lo : doc[k].idx + 40]):
            if lo + start < doc[k].idx < lo + end:
                span = doc.char_span(lo + start, lo + end, alignment_mode="expand")
                return span.start if span is not None and floor <= span.start < k else None
        return None

    def _walk_left(self, doc: Doc, head_start_tok: int, floor_tok: int) -> int:
        """The leftmost token the words of a name reach from its head: capitalised words, joining words, hyphenated
        words and area names, a comma inside a list of places, a line break after an area name."""
        stop = doc.user_data.get("sgkg_name_stop", ())
        i = head_start_tok
        while i - 1 >= floor_tok:
            tok = doc[i - 1]
            if tok.is_space:
                if "\n\n" in tok.text or i - 2 < floor_tok or not self._line_ends_with_area(doc, i - 2):
                    break
                i -= 1
                continue
            if tok.text == "," and (
                self._area_list_comma(doc, i - 1, head_start_tok, floor_tok)
                or self._place_list_comma(doc, i - 1, head_start_tok, floor_tok)
            ):
                i -= 1
                continue
            if (
                tok.text in "-‐"
                and not tok.whitespace_
                and i - 2 >= floor_tok
                and not doc[i - 2].whitespace_
                and doc[i - 2].is_alpha
            ):
                i -= 1  # "Pan-Dorset", "Stoke-on-Trent": a hyphenated word is one word of the name
                continue
            if self._hyphen_tail(doc, i - 1, floor_tok):
                i -= 2  # "Tri-borough", "Pan-regional": a capitalised word's lower-case tail after a hyphen
                continue
            if not NAME_TOKEN.match(tok.text) and (j := self._area_start(doc, i - 1, floor_tok)) is not None:
                i = j  # "Stoke-on-Trent", "Newcastle upon Tyne": an area's name is one word of the name
                continue
            if (
                not NAME_TOKEN.match(tok.text)
                or tok.lower_ in self.rules.words("head-words")
                or tok.lower_ == "the"
                or tok.i in stop
            ):
                break
            if tok.text in self.rules.words("ends-a-name") and i < head_start_tok:
                break  # "... Children's Trust Areaton Safeguarding Adults Board": another body's name ends there
            i -= 1
        return i

    @staticmethod
    def _hyphen_tail(doc: Doc, k: int, floor: int) -> bool:
        """Token k is the lower-case part of a hyphenated word with a capital first ("borough" of "Tri-borough")."""
        return (
            k - 2 >= floor
            and doc[k].is_lower
            and doc[k].is_alpha
            and doc[k - 1].text in "-‐"
            and not doc[k - 1].whitespace_
            and not doc[k - 2].whitespace_
            and doc[k - 2].is_title
        )

    def _keep_joint(self, doc: Doc, i: int, head: int, floor: int) -> int:
        """ "Joint Cityville and Areashire Health and Wellbeing Board": a capitalised "Joint" before the names of two
        areas joined is a word of the name (a lower-case "joint" or one before a single area is not)."""
        j = i - 1
        while j > floor and doc[j].is_space and "\n" not in doc[j].text:
            j -= 1
        if j < floor or doc[j].text != "Joint":
            return i
        return j if len(self.ref.areas.in_name(self._amp_as_and(doc[i:head].text))) >= 2 else i

    def _amp_as_and(self, text: str) -> str:
        """ "Hammersmith & Fulham" read as the area name it stands for."""
        return self.rules.re("amp").sub(" and ", text)

    def _joint_areas(self, doc: Doc, i: int, floor_tok: int) -> int:
        """ "Cornwall and the Isles of Scilly ...", "Richmond and Wandsworth ...": a name of two or three areas
        joined by "and", "&" or a comma starts at the first area (one named in the reference data, or a capitalised
        word before "and" when the area after it is)."""
        text = doc_text(doc)
        while i > floor_tok:
            line_start = text.rfind("\n", 0, doc[i].idx) + 1
            before = text[line_start : doc[i].idx]
            m = self.rules.re("joiner-end").search(before)
            # the joined name starts with an area ("... and Wandsworth ..."), not one named further on ("Townton
            # Healthwatch, the Health and Wellbeing Board for Areaton")
            if m is None or not any(h[0] == 0 for h in self.ref.areas.find(doc[i : i + 6].text)):
                break
            head = before[: m.start()]
            hits = [h for h in self.ref.areas.find(head) if h[1] == len(head)]
            word = re.search(r"(?:^|\s)([A-Z][a-z][\w'’-]*)$", head)  # "Richmond and Wandsworth ...": a place word
            if word and (
                word.group(1).lower() in self.rules.words("head-words")
                or m.group(0).strip() == ","
                or (self.ref.areas.find(doc[i : i + 6].text) or [(1,)])[0][0] != 0
            ):
                word = None
            start = line_start + (hits[-1][0] if hits else word.start(1) if word else -1)
            if start < line_start:
                break
            tok = doc.char_span(start, doc[i].idx, alignment_mode="expand")
            if tok is None or tok.start < floor_tok or tok.start >= i:
                break
            i = tok.start
        return i

    def _line_ends_with_area(self, doc: Doc, tok_i: int) -> bool:
        """A title split over two lines: the line before ends with an area's (possibly multi-word) name."""
        line_start = doc_text(doc).rfind("\n", 0, doc[tok_i].idx) + 1
        line = doc_text(doc)[line_start : doc[tok_i].idx + len(doc[tok_i])]
        hits = self.ref.areas.find(line)
        return bool(hits) and hits[-1][1] == len(line) or bool(self.ref.areas.lookup(doc[tok_i].text))

    def _area_list_comma(self, doc: Doc, comma: int, head: int, floor: int) -> bool:
        """ "Areashire, Townton and Cityville Integrated Care Partnership": a comma inside a list of area
        names that ends with "and" before the head word (each item an area name)."""
        if comma - 1 < floor or not doc[comma - 1].is_title:
            return False
        after = doc[comma + 1 : head].text
        parts = re.split(r"\s*(?:,|\band\b|&)\s*", after.strip())
        if " and " not in f" {after} " or not all(p and self.ref.areas.lookup(p) for p in parts):
            return False
        line_start = doc_text(doc).rfind("\n", 0, doc[comma].idx) + 1
        before = doc_text(doc)[line_start : doc[comma].idx]
        hits = self.ref.areas.find(before)
        return bool(hits) and hits[-1][1] == len(before) or bool(self.rules.re("county-before").search(before))

    def _place_list_comma(self, doc: Doc, comma: int, head: int, floor: int) -> bool:
        """ "Townton, Villeby & Hamlet Community Safety Partnership", "Cityville & District, Townton and Villeby
        ...": a comma inside a list of place names (districts too, which the reference data does not hold) that ends
        with "and" or "&" right before the type label; every item one to three capitalised words, none a word of a
        service or an organisation ("Police, Probation and ..." is a list of members)."""
        if comma - 1 < floor or not doc[comma - 1].is_title:
            return False
        after = doc[comma + 1 : head].text.strip()
        line_start = doc_text(doc).rfind("\n", 0, doc[comma].idx) + 1
        before = self.rules.re("place-before-comma").search(doc_text(doc)[line_start : doc[comma].idx])
        if before is None or not self.rules.re("list-and").search(f" {after} "):
            return False
        items = [before.group(0)] + self.rules.re("list-separator").split(after)
        return all(self._place_item(x) for x in items)

    def _place_item(self, item: str) -> bool:
        words = item.split()
        return (
            0 < len(words) <= 3
            and all(w[:1].isupper() for w in words)
            and not any(w.lower().strip("'’") in self.rules.words("not-place-words") for w in words)
        )

    @staticmethod
    def _set_stops(doc: Doc) -> None:
        """Tokens a name never extends over: post titles, Act titles and the words of ``NAME_STOP`` patterns
        (link and agenda words: "Read ...", "Public Document Pack Agenda ...")."""
        doc.user_data["sgkg_name_stop"] = {
            i for s in all_spans(doc) if s.label_ in ("PROLE", "LEG", "NAME_STOP") for i in range(s.start, s.end)
        }

    @staticmethod
    def _lowercase(span: SpacySpan) -> bool:
        """ "our safeguarding partnership", "multi-agency safeguarding arrangements": a description, not a name."""
        first = next((t for t in span if t.is_alpha and t.lower_ not in NAME_CONNECTORS), None)
        return first is not None and first.text[:1].islower()

    def candidates(self, doc: Doc) -> list[_Cand]:
        """The names of partnerships in the document: a type label, a partnership name or a generic head ("X
        Partnership") extended left over the name's words; the longest where they overlap."""
        cands: list[_Cand] = []
        found = all_spans(doc)
        leg_toks = {i for s in found if s.label_ == "LEG" for i in range(s.start, s.end)}
        heads = [s for s in found if s.label_ in ("PTYPE", "PNAME", "PGEN") and not is_acronym(s.text)]
        # subgroups are not partnerships (SubgroupReader reads them); "... Board Regulations 2006" is an Act's title
        heads = [s for s in heads if s.kb_id_ != "subgroup" and not any(i in leg_toks for i in range(s.start, s.end))]
        typed_ends = {s.end for s in heads if s.label_ in ("PTYPE", "PNAME")}
        heads = [s for s in heads if not (s.label_ == "PGEN" and s.end in typed_ends)]
        cands.extend(self._safety_names(doc, found, typed_ends, leg_toks))
        head_ends = sorted({s.end for s in heads if s.label_ == "PTYPE"})
        for s in heads:
            c = self._candidate(doc, s, head_ends)
            if c is not None:
                cands.append(c)
        cands.extend(self._area_acronyms(doc, found, head_ends))
        cands.extend(self._stated_names(doc, found, cands))
        return self._longest(cands)

    def _area_acronyms(self, doc: Doc, found, head_ends: list[int]) -> list[_Cand]:
        """ "Areaton SAB", "the Areaton LSCB", "Joint Cityville and Areashire HWBB": a type's acronym right after the
        names of one or more areas names that area's partnership of the type (merged with its full name when the
        document gives it)."""
        out: list[_Cand] = []
        for s in found:
            if s.label_ != "PTYPE" or not is_acronym(s.text) or s.kb_id_ in ("subgroup", "non-statutory-partnership"):
                continue
            after = doc[s.end].lower_ if s.end < len(doc) else ""
            owned = after in self.rules.words("after-own-thing")  # "Areaton SAB Annual Report": named as its owner
            if after in self.rules.words("after-compound") and not owned or self._a_service(s):
                continue
            floor = max([e for e in head_ends if e <= s.start] + [max(0, s.start - 12)])
            start = self._extend_left(doc, s.start, floor)
            prefix = doc[start : s.start].text
            if start >= s.start or not self._only_areas(prefix):
                continue
            span = doc[start : s.end]
            out.append(
                _Cand(
                    span.start_char,
                    span.end_char,
                    clean_name(span.text),
                    s.kb_id_,
                    s.id_ + ".area",
                    span.start_char,
                    False,
                    False,
                    owned=owned,
                )
            )
        return out

    def _a_service(self, s: SpacySpan) -> bool:
        """An acronym of a type whose name ends in "Service" or "Team" ("Areaton YOS"): an agency, not a board."""
        concept = self.ref.concept("partnership-type", s.kb_id_)
        return concept is not None and concept.pref.split()[-1].lower() in ("service", "team")

    def _only_areas(self, text: str) -> bool:
        """Whether text is only area names and the words that join them ("Cityville and Areashire", "Joint ...")."""
        text = self._amp_as_and(text)
        hits = self.ref.areas.find(text)
        if not hits:
            return False
        rest = "".join(ch if not any(a <= k < b for a, b, _ in hits) else " " for k, ch in enumerate(text))
        return not self.rules.re("area-joiners").sub("", rest).strip()

    # -- names that no type label recognises, given a type by a statement -------------------------------------
    def _stated_names(self, doc: Doc, found, cands: list[_Cand]) -> list[_Cand]:
        """ "Health and Wellbeing Together is the statutory health and wellbeing board for Areaton", "Areaton Together
        (AT) is Areaton's health and wellbeing board": a capitalised name that no label recognises, typed by the
        statement that follows it; every other mention of that exact name is the same partnership."""
        out: list[_Cand] = []
        for t in found:
            if t.label_ != "PTYPE" or t.kb_id_ in ("subgroup", "non-statutory-partnership"):
                continue
            span = self._stated_subject(doc, t)
            # a shorter name inside it ("Areaton Partnership" of "Areaton Partnership Against Crime") gives way
            if span is None or any(
                c.start < span.end_char
                and span.start_char < c.end
                and not span.start_char <= c.start < c.end <= span.end_char
                or (c.start, c.end) == (span.start_char, span.end_char)
                for c in cands + out
            ):
                continue
            name = clean_name(span.text)
            out.append(self._stated_cand(span.start_char, span.end_char, name, t.kb_id_, "partnership.stated-type"))
        return out + self._stated_repeats(doc, out, cands)

    @staticmethod
    def _stated_cand(start: int, end: int, name: str, type_id: str, rule: str) -> _Cand:
        return _Cand(start, end, name, type_id, rule, start, False, False)

    def _stated_repeats(self, doc: Doc, stated: list[_Cand], cands: list[_Cand]) -> list[_Cand]:
        """The other mentions of a name typed by a statement (a heading, a later sentence)."""
        text = doc_text(doc)
        out: list[_Cand] = []
        for c in stated:
            for at in self._occurrences(text, c.name):
                end = at + len(c.name)
                if at == c.start or any(x.start < end and at < x.end for x in cands + stated + out):
                    continue
                out.append(self._stated_cand(at, end, c.name, c.type_id, c.rule + ".repeat"))
        return out

    @staticmethod
    def _occurrences(text: str, name: str) -> list[int]:
        """Where name occurs in text as whole words."""
        out, at = [], text.find(name)
        while at >= 0:
            before = text[at - 1] if at else " "
            after = text[at + len(name)] if at + len(name) < len(text) else " "
            if not (before.isalnum() or before in "-'’") and not (after.isalnum() or after in "-'’"):
                out.append(at)
            at = text.find(name, at + 1)
        return out

    def _stated_subject(self, doc: Doc, t: SpacySpan) -> SpacySpan | None:
        """The name a type statement ending at type label t is about: the capitalised words (and an acronym in
        brackets) right before "is the", "is Areaton's", "acts as the", opening a line or a sentence."""
        text = doc_text(doc)
        cue = self.rules.re("stated-type-before").search(text, max(0, t.start_char - 90), t.start_char)
        if cue is None:
            # "X (the statutory community safety partnership for Areaton)": an apposition in brackets
            cue = self.rules.re("stated-type-apposition").search(text, max(0, t.start_char - 60), t.start_char)
            if cue is None or not self._apposition_ends(doc, t):
                return None
        if not self._stated_type_ends(doc, t):
            return None
        head = doc.char_span(cue.start(), t.start_char, alignment_mode="expand")
        if head is None:
            return None
        end = head.start
        while end > 0 and doc[end - 1].is_space and "\n" not in doc[end - 1].text:
            end -= 1
        end = self._skip_brackets(doc, end)
        start = end
        while start > 0 and end - start < 8 and not doc[start - 1].is_space:
            if NAME_TOKEN.match(doc[start - 1].text):
                start -= 1
            elif (j := self._area_start(doc, start - 1, 0)) is not None:
                start = j  # "Safer Southend-on-Sea is ..."
            else:
                break
        while start < end and (doc[start].lower_ in LEADING_DROP or doc[start].lower_ in NAME_CONNECTORS):
            start += 1
        if start >= end or not self._opens_clause(doc, start):
            return None
        span = doc[start:end]
        return span if self._stated_name_ok(span) else None

    @staticmethod
    def _skip_brackets(doc: Doc, end: int) -> int:
        """The end of a name before an acronym in brackets ("Areaton Together (AT) is ...")."""
        if end >= 3 and doc[end - 1].text == ")" and doc[end - 3].text == "(" and is_acronym(doc[end - 2].text):
            end -= 3
            while end > 0 and doc[end - 1].is_space and "\n" not in doc[end - 1].text:
                end -= 1
        return end

    def _opens_clause(self, doc: Doc, start: int) -> bool:
        """A name that opens a line or a sentence (after "The" at most), not words cut from a longer phrase."""
        i = start - 1
        while i >= 0 and doc[i].is_space and "\n" not in doc[i].text:
            i -= 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
            while i >= 0 and doc[i].is_space and "\n" not in doc[i].text:
                i -= 1
        return i < 0 or "\n" in doc[i].text or doc[i].text in self.rules.words("clause-openers")

    def _apposition_ends(self, doc: Doc, t: SpacySpan) -> bool:
        """The bracket closes right after the type label or its place ("X (the CSP for Areaton)"); a list in brackets
        ("X (the council, the Safeguarding Adults Board and the police)") is no apposition."""
        return bool(self.rules.re("apposition-close").match(doc_text(doc), t.end_char))

    def _stated_type_ends(self, doc: Doc, t: SpacySpan) -> bool:
        """The type label ends the statement ("... is the community safety partnership for Areaton."), not the start
        of a compound ("... is the Safeguarding Adults Board's chair", "... is the Board manager")."""
        if t[-1].lower_.endswith("s") and t[-1].lower_ != "arrangements":
            return False
        nxt = t.end
        while nxt < len(doc) and doc[nxt].is_space and "\n" not in doc[nxt].text:
            nxt += 1
        if nxt >= len(doc) or not doc[nxt].is_alpha:
            return nxt >= len(doc) or doc[nxt].text not in self.rules.words("compound-joiners")
        return doc[nxt].lower_ in self.rules.words("stated-type-after")

    def _stated_name_ok(self, span: SpacySpan) -> bool:
        """A name, not a pronoun, a generic head, a place alone, a person or an organisation ("It", "The Board",
        "Areaton", "Areaton Council")."""
        words = [t for t in span if t.is_alpha]
        if not words or not span[0].is_title and not span[0].is_upper:
            return False
        if all(w.lower_ in self.rules.words("head-words") or w.lower_ in STOP_WORDS for w in words):
            return False
        if self.ref.areas.lookup(span.text) or words[-1].text in self.rules.words("org-suffix"):
            return False
        return words[-1].lower_ not in self.rules.words("stated-subject-bad-last")

    @staticmethod
    def _longest(cands: list[_Cand]) -> list[_Cand]:
        """The longest candidate wins where they overlap."""
        cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
        out: list[_Cand] = []
        for c in cands:
            if out and c.start < out[-1].end:
                if c.end - c.start > out[-1].end - out[-1].start and c.start >= out[-1].start:
                    out[-1] = c
                continue
            out.append(c)
        return out

    def _candidate(self, doc: Doc, s: SpacySpan, head_ends: list[int]) -> _Cand | None:
        """The candidate name a head span stands in, or None when the head is no partnership's name."""
        next_tok = s.end
        s = self._trim_head(doc, s)
        last = s[-1].lower_
        if last.endswith("s") and last not in ("arrangements",):
            return None  # plural: a kind, not an instance
        owned = self._owned(doc, s, next_tok)
        if owned is None or _org_name_follows(self.rules, doc, next_tok):
            return None  # "X Partnership NHS Trust", "X Partnership Foundation Trust": an organisation's name
        if last in ("service", "team"):
            return None  # "Areaton Youth Justice Service": a service the partners run (an agency), not a board
        floor = max([e for e in head_ends if e <= s.start] + [max(0, s.start - 12)])
        if s.label_ == "PGEN" and self._in_member_list(doc, s.start_char):
            return None  # "• Areaton Councils Partnership" in a list of members: a member organisation, not a board
        if s.label_ == "PGEN":
            return self._generic_candidate(doc, s, floor)
        lower = s.label_ != "PNAME" and self._lowercase(s)
        end_tok = s.end
        if lower and self._named_in_lower_case(doc, s):
            lower = False  # "the Areaton community safety partnership board (CSPB)": a name written in lower case
            end_tok = s.end + 1 if s.end < len(doc) and doc[s.end].lower_ in self.rules.words("head-words") else s.end
        start_tok = s.start if lower else self._extend_left(doc, s.start, floor)
        span = doc[start_tok:end_tok]
        bare = start_tok == s.start and s.label_ != "PNAME"
        if bare and (owned or self._generic_bare(doc, s)):
            return None  # "the Safeguarding Children Partnership annual report", "a Safeguarding Adults Board"
        kind = s.id_ if not bare else s.id_ + ".bare"
        return _Cand(
            span.start_char,
            span.end_char,
            clean_name(span.text),
            s.kb_id_ or None,
            kind,
            s.start_char,
            False,
            bare,
            lower,
            owned,
        )

    def _trim_head(self, doc: Doc, s: SpacySpan) -> SpacySpan:
        """ "X Safeguarding Children Partnership arrangements (or Arrangements)": the name ends at its head word."""
        if s.label_ != "PTYPE" or not s[0].is_title:
            return s
        end = s.end
        while (
            end - 1 > s.start
            and (doc[end - 1].is_lower or doc[end - 1].lower_ == "arrangements")
            and any(t.lower_ in self.rules.words("head-words") for t in doc[s.start : end - 1])
        ):
            end -= 1
        return s if end == s.end else SpacySpan(doc, s.start, end, label=s.label_, kb_id=s.kb_id_, span_id=s.id_)

    def _owned(self, doc: Doc, s: SpacySpan, next_tok: int) -> bool | None:
        """Whether a thing of the partnership's follows its name ("Areaton Safeguarding Children Partnership Annual
        Report": True); None when the words after make the head part of another compound (no partnership's name)."""
        if (
            next_tok >= len(doc)
            or doc[next_tok].lower_ not in self.rules.words("after-compound")
            or s.label_ == "PNAME"
        ):
            return False
        if s.label_ != "PTYPE" or doc[next_tok].lower_ not in self.rules.words("after-own-thing"):
            return None
        return True

    def _generic_bare(self, doc: Doc, s: SpacySpan) -> bool:
        """A type label alone after a generic determiner ("a", "each", "any" ...) or a bare service or team."""
        prev = doc[s.start - 1].lower_ if s.start > 0 else ""
        return prev in self.rules.words("generic-determiners") or s[-1].lower_ in ("service", "team")

    def _generic_candidate(self, doc: Doc, s: SpacySpan, floor: int) -> _Cand | None:
        """A generic head ("Partnership") with the words of its name before it ("Areaton Councils Partnership")."""
        start_tok = self._extend_left(doc, s.end - 1, floor)
        prefix = [t for t in doc[start_tok : s.end - 1] if not t.is_space]
        if (
            not prefix
            or prefix[0].lower_ in self.rules.words("generic-head-bad-prefix")
            or prefix[-1].lower_ in NAME_CONNECTORS
        ):
            return None
        if (
            len(prefix) == 1
            and not self.ref.areas.lookup(prefix[0].text)
            and (prefix[0].lower_ in STOP_WORDS or prefix[0].lower_ in self.rules.words("role-prefix"))
        ):
            return None
        if any(t.text.isupper() and len(t) > 1 for t in prefix) and len(prefix) == 1:
            return None
        if all(t.lower_.endswith("ed") and len(t) > 4 for t in prefix):
            return None  # "Continued Strengthened Partnership (working)": a phrase, not a name
        end_tok = s.end + 1 if s.end < len(doc) and doc[s.end].lower_ == "board" else s.end
        span = doc[start_tok:end_tok]
        return _Cand(span.start_char, span.end_char, clean_name(span.text), None, s.id_, s.start_char, True, False)

    def _safety_names(self, doc: Doc, found, typed_ends: set[int], leg_toks: set[int]) -> list[_Cand]:
        """ "Safer Areaton Together", "Areaton Safer Communities Strategy Board", "Safe City Partnership": a
        community safety partnership not named so, read as one only when a community-safety cue ("statutory
        community safety partnership", "Crime and Disorder Act 1998", "responsible authorities", "strategic
        assessment", "domestic homicide reviews") is in its sentence or the next, or leads in the list it is an item
        of."""
        ctx_sents = doc.user_data["sgkg_sents"] = doc._.sgkg_ctx.sentences  # built once, by __call__
        cues = [c.start_char for c in spans(doc, "CUE_CSP")]
        starts = [x.start for x in ctx_sents]
        out: list[_Cand] = []
        for s in found:
            if s.label_ != "PSAFE" or s.end in typed_ends or any(i in leg_toks for i in range(s.start, s.end)):
                continue
            i = s.start
            while i < s.end - 1 and (doc[i].lower_ in LEADING_DROP or doc[i].lower_ in NAME_CONNECTORS):
                i += 1
            span = doc[i : s.end]
            if (
                len(span) < 2
                or "\n" in span.text
                or span[-1].lower_ in self.rules.words("after-compound")
                or span[-1].lower_.endswith("s")
                and span[-1].lower_ not in ("communities",)
            ):
                continue
            if not self._safety_name_shape(span):
                continue
            if not self._safety_cue_near(doc, span, cues, starts):
                continue
            out.append(
                _Cand(
                    span.start_char,
                    span.end_char,
                    clean_name(span.text),
                    "community-safety-partnership",
                    "partnership.safety-name",
                    span.start_char,
                    False,
                    False,
                )
            )
        return out

    def _named_in_lower_case(self, doc: Doc, s: SpacySpan) -> bool:
        """A type label in lower case that is a name all the same: an area name right before it and, right after it
        (and an optional head word), an acronym in brackets made of its words' initials."""
        text = doc_text(doc)
        before = text[max(0, s.start_char - 60) : s.start_char].rstrip()
        if not any(end == len(before) for _, end, _ in self.ref.areas.find(before)):
            return False
        words = [t.text for t in s if t.is_alpha]
        end = s.end
        if end < len(doc) and doc[end].lower_ in self.rules.words("head-words"):
            words.append(doc[end].text)
            end += 1
        m = re.match(r"\s*\(([A-Z]{2,8})\)", doc_text(doc)[doc[end - 1].idx + len(doc[end - 1]) :][:14])
        return m is not None and m.group(1) in (
            "".join(w[0] for w in words).upper(),
            "".join(w[0] for w in words[1:]).upper(),
        )

    @staticmethod
    def _list_lead(doc: Doc, char: int):
        """The block that introduces the list whose item ``char`` lies in ("... as follows:"), or None."""
        from ..layout import block_at

        blocks = blocks_of(doc)
        b = block_at(blocks, char)
        if b is None or b.kind != "list-item":
            return None
        n = blocks.index(b)
        return next((x for x in reversed(blocks[:n]) if x.kind not in ("list-item", "furniture")), None)

    def _in_member_list(self, doc: Doc, char: int) -> bool:
        """Whether ``char`` lies in a list item of a list introduced by a membership cue ("The Board's members
        are:")."""
        cue = self._list_lead(doc, char)
        return cue is not None and bool(
            spans(doc, "MROLE", cue.start, cue.end) or spans(doc, "CUE_MEMBERS", cue.start, cue.end)
        )

    def _safety_cue_near(self, doc: Doc, span: SpacySpan, cues: list[int], starts: list[int]) -> bool:
        """A community-safety cue in the name's sentence or the next, or in the lead-in of the list the name is an
        item of ("There are four community safety partnerships: - Safer Areaton ...")."""
        ctx_sents = doc.user_data["sgkg_sents"]
        k = bisect.bisect_right(starts, span.start_char) - 1
        lo = ctx_sents[k].start if k >= 0 else 0
        hi = ctx_sents[k + 1].end if k + 1 < len(ctx_sents) else len(doc_text(doc))
        if any(lo <= c < hi for c in cues):
            return True
        lead = self._list_lead(doc, span.start_char)
        return lead is not None and bool(spans(doc, "CUE_CSP", lead.start, lead.end))

    def _safety_name_shape(self, span: SpacySpan) -> bool:
        """ "Safer Areaton", "Safer Areaton Partnership", "Safe Areaton Together": a place in the name and a place
        or a head word last; not "Safer Communities" (a team) or "Safer Areaton Crime" (cut from a strategy's title)."""
        hits = self.ref.areas.find(span.text)
        if not hits:
            return False
        last = span[-1].lower_
        return (
            hits[-1][1] == len(span.text)
            or last in self.rules.words("head-words")
            or last in self.rules.words("safety-name-ends")
        )

    # -- the component ----------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = Context(build_sentences(doc))
        doc._.sgkg_ctx = ctx
        areas = facts.areas
        if not areas:
            ctx.section = [None] * len(ctx.sentences)
            return doc
        area_names = self.ref.areas.names()
        found = _Found()
        self._set_stops(doc)
        type_cues = self._type_statements(doc)
        for c in self.candidates(doc):
            if c.lower:
                found.deferred.append(c)
                continue
            self._add_candidate(doc, ctx, found, c, type_cues, areas, area_names)
        # "the Areaton Safeguarding Children Board Annual Report be noted": a document that names no partnership but
        # as the owner of its report (type labels alone aside) is about that partnership
        if all(k in found.bare_keys for k in found.by_key):
            for c in found.owned_only:
                self._add_candidate(doc, ctx, found, replace(c, owned=False), type_cues, areas, area_names)
        self._merge_all(doc, ctx, found, area_names)
        by_key, counts = found.by_key, found.counts
        partnerships = list(by_key.values())
        self._acronym_mentions(doc, ctx, found, partnerships)
        ctx.mentions.sort(key=lambda m: m.start)
        facts.partnerships = sorted(partnerships, key=lambda p: p.mention.start)
        ctx.subject = self._subject(doc, ctx, by_key)
        ctx.main = ctx.subject or (counts.most_common(1)[0][0] if counts else None)
        ctx.section = self._sections(ctx)
        extra = self._the_board_mentions(doc_text(doc), ctx, by_key, partnerships)
        ctx.mentions = sorted(ctx.mentions + extra, key=lambda m: m.start)
        return doc

    def _candidate_type(
        self, doc: Doc, ctx: Context, found: "_Found", c: _Cand, type_cues
    ) -> tuple[str | None, str] | None:
        """A candidate's type and the rule that gave it, or None when the candidate is a mention of a partnership
        already found (a bare type label) or the statement of a type."""
        type_id = c.type_id
        type_rule = c.rule
        if c.generic_head:
            stated = type_cues.get((c.start, c.end))
            paren = self._paren_type(doc, c.end)
            if stated:
                type_id, type_rule = stated
            elif paren:
                type_id, type_rule = paren, "partnership-type.parenthesis"
            else:
                type_id, type_rule = "non-statutory-partnership", "partnership-type.default"
        elif c.bare:
            # a bare type label ("the Health and Wellbeing Board") names the area's board of that type,
            # unless the document already names one of that type
            same = self._own_area(doc, [p for p in found.by_key.values() if p.type_id == type_id])
            if len(same) == 1 and not ctx.covered(c.start, c.end):
                ctx.mentions.append(PMention(c.start, c.end, same[0].key, "partnership.type-coreference"))
                found.counts[same[0].key] += 1
                return None
            if self._is_type_statement(doc, c):
                return None
        return type_id, type_rule

    def _add_candidate(self, doc: Doc, ctx: Context, found: "_Found", c: _Cand, type_cues, areas, area_names) -> None:
        """A candidate name as a partnership (new, or a mention of one already found)."""
        codes = self.ref.areas.in_name(self._amp_as_and(c.name)) or list(areas)
        sent = ctx.sentence_at(c.start)
        typed = self._candidate_type(doc, ctx, found, c, type_cues)
        if typed is None:
            return
        type_id, type_rule = typed
        key = identity.partnership_key(c.name, codes, area_names)
        m = make_mention(doc, sent.start, sent.end, c.rule) if sent else make_mention(doc, c.start, c.end, c.rule)
        p = found.by_key.get(key)
        if p is None and c.owned and not self._in_heading(doc, c.start):
            found.owned_only.append(c)
            return  # "presented the Areaton SAB Annual Report": a mention; a report's title names its owner
        if p is None:
            p = PartnershipFact(
                key,
                c.name,
                type_id,
                self.ref.statutory_type(type_id) if type_id != "non-statutory-partnership" else False,
                tuple(sorted(codes)),
                m,
                make_mention(doc, c.start, c.end, type_rule),
            )
            found.by_key[key] = p
            if c.generic_head:
                found.generic_keys.add(key)
            if c.bare:
                found.bare_keys.add(key)
        elif self._better_name(c.name, p.name) and not c.owned:
            p.name = c.name
        if p.type_id == "non-statutory-partnership" and type_id != p.type_id:
            p.type_id, p.statutory = type_id, self.ref.statutory_type(type_id)
            p.type_mention = make_mention(doc, c.start, c.end, type_rule)
        if c.type_id is None and type_cues.get((c.start, c.end)):
            p.type_mention = make_mention(doc, c.start, c.end, type_rule)
        ctx.mentions.append(PMention(c.start, c.end, key, c.rule))
        ctx.names.append((c.start, c.end))
        found.counts[key] += 1
        self._brackets_after(doc, ctx, found, c, p, key)

    @staticmethod
    def _in_heading(doc: Doc, char: int) -> bool:
        """Whether ``char`` lies in a heading ("Areaton Safeguarding Adults Board Annual Report 2022-23" as a title)."""
        from ..layout import block_at

        b = block_at(blocks_of(doc), char)
        return b is not None and b.kind == "heading"

    def _brackets_after(self, doc: Doc, ctx: Context, found: "_Found", c: _Cand, p: PartnershipFact, key: str) -> None:
        """An acronym ("(SAB)"), a definition ("(the Board)") or a short name ("(Safer Areaton)") in brackets after a
        name."""
        text = doc_text(doc)
        acr = re.match(r"\s*[(\[]\s*([A-Z][A-Za-z&]{1,8})(?:['’]s)?\s*[)\]]", text[c.end : c.end + 14])
        if acr and is_acronym(acr.group(1)):
            a0 = c.end + acr.start(1)
            p.abbreviations.setdefault(
                acr.group(1), make_mention(doc, c.start, a0 + len(acr.group(1)), "abbreviation.parenthesis")
            )
            ctx.acronyms[acr.group(1)] = key
        elif not c.bare:
            self._definitions(doc, c, p, ctx)
        short = re.match(r"\s*\(\s*((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)\s*\)", text[c.end : c.end + 60])
        if short and not is_acronym(short.group(1)):
            found.aliases.setdefault(short.group(1).lower(), key)

    def _merge_all(self, doc: Doc, ctx: Context, found: "_Found", area_names) -> None:
        """Merge the partnerships that are one (aliases, stated names, bare type labels, arrangements, same core, type
        named), then resolve the lower-case mentions deferred."""
        by_key, counts = found.by_key, found.counts
        self._merge_aliases(by_key, ctx, counts, found.aliases, found.generic_keys)
        self._merge_stated(doc, by_key, ctx, counts)
        for key in found.bare_keys:
            p = by_key.get(key)
            same = self._own_area(
                doc, [q for q in by_key.values() if p is not None and q.key != key and q.type_id == p.type_id]
            )
            if (
                p is not None
                and p.name.lower() == re.sub(r"^the\s+", "", p.name.lower())
                and same
                and not self.ref.areas.in_name(p.name)
            ):
                # of several named ones, the one the document speaks of most ("Safeguarding Children Partnership
                # arrangements" in a page naming two partnerships of that type is no third)
                top = max(same, key=lambda q: (counts[q.key], -q.mention.start))
                self._merge(by_key, ctx, counts, key, top.key)
        self._merge_arrangements(by_key, ctx, counts)
        self._merge_same_core(by_key, ctx, counts, area_names)
        self._merge_type_named(by_key, ctx, counts, area_names)
        for c in found.deferred:
            same = self._own_area(doc, [p for p in by_key.values() if p.type_id == c.type_id])
            if len(same) == 1 and not ctx.covered(c.start, c.end):
                ctx.mentions.append(PMention(c.start, c.end, same[0].key, "partnership.type-coreference"))
                counts[same[0].key] += 1

    def _acronym_mentions(self, doc: Doc, ctx: Context, found: "_Found", partnerships: list[PartnershipFact]) -> None:
        """Acronyms: defined in the document, initials of a named partnership, type acronyms when unambiguous."""
        by_key, counts = found.by_key, found.counts
        initials = {self._initials(p.name): p.key for p in partnerships}
        for p in partnerships:
            for a in p.abbreviations:
                ctx.acronyms.setdefault(a, p.key)
        for tok in doc:
            t = tok.text
            if not is_acronym(t) or ctx.covered(tok.idx, tok.idx + len(t)):
                continue
            base = re.sub(r"['’]s$", "", t)
            key = ctx.acronyms.get(base)
            rule = "abbreviation.defined"
            if key is None and base in initials and len(base) >= 3:
                key, rule = initials[base], "abbreviation.initials"
                by_key[key].abbreviations.setdefault(base, make_mention(doc, tok.idx, tok.idx + len(t), rule))
                ctx.acronyms[base] = key
            if key is None:
                continue
            ctx.mentions.append(PMention(tok.idx, tok.idx + len(t), key, rule))
            counts[key] += 1
        for s in all_spans(doc):
            if s.label_ != "PTYPE" or not is_acronym(s.text) or s.text in ctx.acronyms:
                continue
            same = [p for p in partnerships if p.type_id == s.kb_id_]
            same = self._own_area(doc, same) or same
            if len(same) == 1:
                ctx.mentions.append(PMention(s.start_char, s.end_char, same[0].key, "abbreviation.type-acronym"))
                counts[same[0].key] += 1

    def _the_board_mentions(
        self, text: str, ctx: Context, by_key: dict, partnerships: list[PartnershipFact]
    ) -> list[PMention]:
        """ "the Board" / "the Partnership": the section's partnership when its name ends so, else the one the
        document defines so ("X (the Board)"), else the document's subject, else the only one."""
        extra = []
        for m in self.rules.re("the-board").finditer(text):
            word = m.group(1).lower()
            sent = ctx.sentence_at(m.start())
            section = ctx.section[sent.index] if sent else None
            sp = by_key.get(section) if section else None
            if sp is not None and sp.name.lower().endswith(word):
                extra.append(PMention(m.start(), m.end(), sp.key, "coreference.the-" + word + "-section"))
                continue
            if ctx.defined.get(word) in by_key:
                extra.append(PMention(m.start(), m.end(), ctx.defined[word], "coreference.the-" + word + "-defined"))
                continue
            if ctx.subject and by_key[ctx.subject].name.lower().endswith(word):
                extra.append(PMention(m.start(), m.end(), ctx.subject, "coreference.the-" + word + "-subject"))
                continue
            heads = [p for p in partnerships if p.name.lower().endswith(word)]
            if len(heads) == 1:
                extra.append(PMention(m.start(), m.end(), heads[0].key, "coreference.the-" + word))
        return extra

    def _type_label_split(self, p: PartnershipFact, area_names, *, shorter: bool = False) -> tuple[str, str, bool]:
        """The slug of the name without area names, what it holds before the longest label of its type, and whether
        it ends with one: "Pan-Dorset Safeguarding Children Partnership" -> ("pan-...", "pan", True). ``shorter``:
        only a label shorter than the whole name counts."""
        concept = self.ref.concept("partnership-type", p.type_id) if p.type_id else None
        name = identity.slug(identity.strip_areas(identity.saint(p.name), area_names) or p.name)
        for label in sorted((identity.slug(x) for x in concept.labels), key=len, reverse=True) if concept else ():
            if name.endswith(label) and not (shorter and name == label):
                return name, name[: -len(label)].strip("-"), True
        return name, name, False

    def _type_named(self, p: PartnershipFact, area_names) -> bool:
        """Whether the name is only its area and a label of its type ("Areaton Community Safety Partnership",
        "Areaton's Local Safeguarding Children Board", "Areaton Adult Safeguarding Board")."""
        _, prefix, labelled = self._type_label_split(p, area_names)
        return labelled and prefix in self.rules.words("type-name-prefixes")

    def _merge_same_core(self, by_key, ctx: Context, counts: Counter, area_names) -> None:
        """ "Safer Areaton", "Safer Areaton Partnership", "Safer Areaton Community Safety Partnership": one
        partnership when the names differ only by head words and type labels (same type, same areas)."""
        groups: dict[tuple, list[str]] = {}
        for key, p in by_key.items():
            core = self._core(p, area_names)
            if core and p.type_id != "non-statutory-partnership":
                groups.setdefault((p.type_id, p.areas, core), []).append(key)
        for keys in groups.values():
            if len(keys) < 2:
                continue
            target = max(keys, key=lambda k: (len(by_key[k].name), -by_key[k].mention.start))
            for k in keys:
                if k != target and k in by_key:
                    self._merge(by_key, ctx, counts, k, target)

    def _core(self, p: PartnershipFact, area_names) -> str:
        name, prefix, labelled = self._type_label_split(p, area_names, shorter=True)
        core = prefix if labelled else name
        return self.rules.re("core-type-suffix").sub("", core)

    def _place_prefix(self, p: PartnershipFact, area_names) -> str:
        """What a type-named partnership's name holds before its type label, area names left out ("pan-dorset")."""
        _, prefix, labelled = self._type_label_split(p, area_names)
        return re.sub(r"^(?:the|local)-|-$", "", prefix) if labelled else prefix

    def _ends_with_type_label(self, p: PartnershipFact) -> bool:
        concept = self.ref.concept("partnership-type", p.type_id) if p.type_id else None
        name = identity.slug(p.name)
        return concept is not None and any(
            name.endswith(identity.slug(label)) for label in concept.labels if len(label) > 4
        )

    def _merge_type_named(self, by_key, ctx: Context, counts: Counter, area_names) -> None:
        """Partnerships named only by area and type label are one partnership with the others of that type and
        area so named, and with the one partnership of that type and area that has a proper name ("Safer Areaton
        Partnership"), when there is exactly one."""
        groups: dict[tuple, list[str]] = {}
        for key, p in by_key.items():
            groups.setdefault((p.type_id, p.areas), []).append(key)
        for (type_id, _), keys in groups.items():
            if type_id == "non-statutory-partnership" or len(keys) < 2:
                continue
            # a name ending in the type's acronym ("Areaton SAB") gives way to the full one
            typed = sorted(
                (k for k in keys if self._type_named(by_key[k], area_names)),
                key=lambda k: is_acronym(by_key[k].name.split()[-1]),
            )
            places = {self._place_prefix(by_key[k], area_names) for k in typed}
            if len(places) > 1:
                continue  # "Pan-Dorset ..." and "BCP ...": two places, two partnerships
            # "Safer Areaton Partnership", not "Townton Community Safety Partnership" (a place not in the reference
            # data before the type label: another partnership of the same type, e.g. a district's)
            proper = [
                k
                for k in keys
                if k not in typed
                and (not self._ends_with_type_label(by_key[k]) or self.ref.areas.in_name(by_key[k].name))
            ]
            if len(proper) != len([k for k in keys if k not in typed]):
                continue
            target = proper[0] if len(proper) == 1 else (typed[0] if not proper else None)
            if target is None:
                continue
            for k in typed:
                if k != target and k in by_key and not self._own_acronyms_differ(by_key[k], by_key[target]):
                    self._merge(by_key, ctx, counts, k, target)

    def _own_acronyms_differ(self, p: PartnershipFact, q: PartnershipFact) -> bool:
        """Each name has its own acronym, and they differ ("... Safeguarding Children Partnership (ASCP)" that became
        the "... Children and Adults Safeguarding Partnership (ACASP)"): two bodies, not one name and its brand."""
        types = {
            label for concept in self.ref.concepts.get("partnership-type", {}).values() for label in concept.labels
        }
        own_p = {a for a in p.abbreviations if a not in types}
        own_q = {a for a in q.abbreviations if a not in types}
        return bool(own_p) and bool(own_q) and not own_p & own_q

    def _merge_arrangements(self, by_key, ctx: Context, counts: Counter) -> None:
        """ "Areaton's Multi-Agency Safeguarding Arrangements" names the arrangements of a partnership, not another
        one: merged into the one other partnership of its type, or of a safeguarding type, the document names."""
        for key, p in list(by_key.items()):
            if not self.rules.re("arrangements-name").search(p.name):
                continue
            others = [
                q for q in by_key.values() if q.key != key and not self.rules.re("arrangements-name").search(q.name)
            ]
            same = [q for q in others if q.type_id == p.type_id]
            if len(same) == 1:
                self._merge(by_key, ctx, counts, key, same[0].key)
            elif not same and others:  # the arrangements of the partnership the document speaks of most
                top = max(others, key=lambda q: (counts[q.key], -q.mention.start))
                self._merge(by_key, ctx, counts, key, top.key)

    def _definitions(self, doc: Doc, c: _Cand, p: PartnershipFact, ctx: Context) -> None:
        """What a name is called in the rest of the document, defined in brackets after it:
        '(the Board)', '("ABC" or "the Partnership")', '(referred to in this document as "the Partnership" or ABC)'."""
        text = doc_text(doc)
        m = _DEFINITION.match(text, c.end, min(len(text), c.end + 160))
        if m is None:
            return
        inner, base = m.group(1), m.start(1)
        rest = inner
        for d in self.rules.re("definition-generic").finditer(inner):
            ctx.defined.setdefault(d.group(1).lower(), p.key)
            rest = rest.replace(d.group(0), " ")
        found = []
        for a in re.finditer(r"[\"“']?\b([A-Z][A-Za-z&]{1,8})\b[\"”']?", rest):
            if is_acronym(a.group(1)):
                found.append(a.group(1))
                rest = rest.replace(a.group(0), " ", 1)
        if self.rules.re("definition-words").sub("", rest):
            return  # a comment in brackets, not a definition
        for a in found:
            i = text.find(a, base)
            p.abbreviations.setdefault(a, make_mention(doc, c.start, i + len(a), "abbreviation.definition"))
            ctx.acronyms.setdefault(a, p.key)

    def _merge_aliases(
        self, by_key, ctx: Context, counts: Counter, aliases: dict[str, str], generic_keys: set[str]
    ) -> None:
        """One node per partnership: "Safer X Partnership" is the "(Safer X)" of "X Community Safety Partnership
        (Safer X)"; a name read without its first word ("Abuse Strategic Partnership" after a line break) is
        the one longer name that ends with it."""
        for key, p in list(by_key.items()):
            base = re.sub(r"^the\s+", "", p.name.lower())
            short = re.sub(r"\s+(?:partnership|board)$", "", base)
            target = aliases.get(base) or aliases.get(short)
            if target and target != key and target in by_key:
                self._merge(by_key, ctx, counts, key, target)
                continue
            if key in generic_keys and len(base.split()) >= 2:
                longer = [q for q in by_key.values() if q.key != key and q.name.lower().endswith(" " + base)]
                if len(longer) == 1:
                    self._merge(by_key, ctx, counts, key, longer[0].key)

    def _merge_stated(self, doc: Doc, by_key, ctx: Context, counts: Counter) -> None:
        """ "X (XP) is the Community Safety Partnership for Areaton": X is the area's partnership of that type, so
        a partnership named only by area and type ("Areaton's Community Safety Partnership", a subtitle) is X."""
        text = doc_text(doc)
        named = [m for m in ctx.mentions if not m.rule.startswith(("coreference", "partnership.type-coreference"))]
        for t in all_spans(doc):
            if t.label_ != "PTYPE" or is_acronym(t.text):
                continue
            cue = self.rules.re("is-the-type").search(text, max(0, t.start_char - 200), t.start_char)
            if cue is None:
                continue
            subj = [m for m in named if m.end <= cue.start() and _STATED_GAP.fullmatch(text, m.end, cue.start())]
            if not subj or subj[-1].key not in by_key:
                continue
            dst = by_key[subj[-1].key]
            concept = self.ref.concept("partnership-type", t.kb_id_)
            labels = {
                v for lab in (concept.labels if concept else []) for v in (lab.lower(), lab.lower().replace("'s", ""))
            }
            for q in list(by_key.values()):
                bare = identity.strip_areas(q.name, self.ref.areas.names()).lower().replace("’", "'")
                if q.key != dst.key and q.type_id == t.kb_id_ and set(q.areas) == set(dst.areas) and bare in labels:
                    self._merge(by_key, ctx, counts, q.key, dst.key)

    @staticmethod
    def _own_area(doc: Doc, found: list[PartnershipFact]) -> list[PartnershipFact]:
        """Of the partnerships of one type, those of the document's own area(s) (a joint one among them): "the SAB"
        in a page of Areaton is Areaton's, not the "Townton SAB" its chair also chairs."""
        areas = set(facts_of(doc).areas)
        return [p for p in found if set(p.areas) & areas]

    @staticmethod
    def _merge(by_key, ctx: Context, counts: Counter, src: str, dst: str) -> None:
        p, q = by_key.pop(src), by_key[dst]
        for a, m in p.abbreviations.items():
            q.abbreviations.setdefault(a, m)
        if q.type_id == "non-statutory-partnership" and p.type_id != q.type_id:
            q.type_id, q.statutory, q.type_mention = p.type_id, p.statutory, p.type_mention
        if p.mention.start < q.mention.start:
            q.mention = p.mention
        for m in ctx.mentions:
            if m.key == src:
                m.key = dst
        for a, k in list(ctx.acronyms.items()):
            if k == src:
                ctx.acronyms[a] = dst
        for a, k in list(ctx.defined.items()):
            if k == src:
                ctx.defined[a] = dst
        counts[dst] += counts.pop(src, 0)

    @staticmethod
    def _better_name(new: str, old: str) -> bool:
        return len(new) > len(old)

    def _initials(self, name: str) -> str:
        words = [
            w
            for w in re.split(r"[\s-]+", re.sub(r"['’]s\b", "", name))
            if w and w.lower() not in self.rules.words("initials-skip")
        ]
        return "".join(w[0].upper() for w in words)

    def _paren_type(self, doc: Doc, end: int) -> str | None:
        m = re.match(r"\s*\(([A-Z][A-Za-z &]{3,40})\)", doc_text(doc)[end : end + 50])
        if not m:
            return None
        inner = m.group(1).lower()
        for cid, concept in self.ref.concepts.get("partnership-type", {}).items():
            for label in concept.labels:
                if label.lower().startswith(inner + " ") and len(inner.split()) >= 2:
                    return cid
        return None

    def _type_statements(self, doc: Doc) -> dict[tuple[int, int], tuple[str, str]]:
        """Names typed by a statement: "X is the statutory CSP for ...", "Acting as the CSP, X", "X is a non-statutory
        ..."."""
        out: dict[tuple[int, int], tuple[str, str]] = {}
        names = [s for s in all_spans(doc) if s.label_ == "PGEN"]
        heads = [s for s in all_spans(doc) if s.label_ == "PTYPE" and not is_acronym(s.text)]
        nonstat = spans(doc, "CUE_NONSTAT")
        for cue in spans(doc, "CUE_TYPE"):
            before = [n for n in names if n.end <= cue.start and cue.start - n.end <= 2]
            after_head = [h for h in heads if h.start >= cue.end and h.start - cue.end <= 2]
            if before and after_head:
                # name end offsets are those of candidates: match by head end
                out[self._cand_key(doc, before[-1])] = (after_head[0].kb_id_, cue.id_)
            elif before and any(0 <= n.start - cue.end <= 2 for n in nonstat):
                out[self._cand_key(doc, before[-1])] = ("non-statutory-partnership", "partnership-type.non-statutory")
            if cue.text.lower().startswith("as") and after_head and not before:
                h = after_head[0]
                nxt = [n for n in names if n.start >= h.end and n.start - h.end <= 3]
                if nxt:
                    out[self._cand_key(doc, nxt[0])] = (h.kb_id_, cue.id_)
        return out

    def _cand_key(self, doc: Doc, s: SpacySpan) -> tuple[int, int]:
        start = self._extend_left(doc, s.end - 1, max(0, s.start - 12))
        return (doc[start].idx, s.end_char)

    def _is_type_statement(self, doc: Doc, c: _Cand) -> bool:
        before = doc_text(doc)[max(0, c.start - 40) : c.start].lower()
        return bool(self.rules.re("type-statement-before").search(before))

    @staticmethod
    def _subject(doc: Doc, ctx: Context, by_key: dict) -> str | None:
        """The partnership a document is about: the one its title block names (the headings before the first
        paragraph, with a document kind: "X / Terms of Reference", "X Annual Report"), else the one the
        document calls "the Board" / "the Partnership" when only one is so defined."""
        lead: list[Sentence] = []
        for sent in ctx.sentences[:14]:
            if not sent.heading and len(sent.text.split()) >= 12:
                break
            lead.append(sent)
        if lead:
            start, end = lead[0].start, lead[-1].end
            named = {m.key for m in ctx.mentions if start <= m.start < end and m.key in by_key}
            if len(named) == 1 and (spans(doc, "DOCKIND", start, end) or len(lead) <= 3):
                return named.pop()
        defined = {k for k in ctx.defined.values() if k in by_key}
        return defined.pop() if len(defined) == 1 else None

    def _starts_with_name(self, ctx: Context, sent: Sentence) -> str | None:
        """The partnership a sentence (or one of its lines) opens with: "X is a statutory body ..."."""
        for m in ctx.mentions:
            if m.start >= sent.end:
                break
            if m.start < sent.start or m.rule.startswith("coreference"):
                continue
            before = sent.text[: m.start - sent.start]
            lead = before.rsplit("\n", 1)[-1].strip().lower()
            if lead in ("", "the", "•", "-") and (not before.strip() or "\n" in before):
                return m.key
        return None

    def _sections(self, ctx: Context) -> list[str | None]:
        out: list[str | None] = []
        current = ctx.main
        mentions = iter(ctx.mentions)
        pending = next(mentions, None)
        for sent in ctx.sentences:
            named: list[str] = []
            while pending is not None and pending.start < sent.end:
                if pending.start >= sent.start:
                    named.append(pending.key)
                pending = next(mentions, None)
            if sent.heading:
                if named:
                    current = named[0]
                elif re.match(r"^(?:#+\s*)?(?:\d+[.)]|[A-Z][a-z]+\s*$|Appendix)", sent.text) or sent.text.isupper():
                    current = ctx.main
            elif re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*[.)]?", sent.text):
                current = ctx.main  # a section number on a line of its own: a new numbered section
            elif named and self._starts_with_name(ctx, sent):
                current = self._starts_with_name(ctx, sent)
            out.append(current)
        return out
