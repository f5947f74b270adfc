"""Registered spaCy components of the sgkg pipeline (see ``pipeline.cfg``).

Order and contract:

``sgkg_lines``         sentence boundaries from line structure (bullets, headings, tables)
``sgkg_entities``      vocabulary, legislation and structural patterns -> ``doc.spans["sgkg"]`` and ``doc.ents``
``sgkg_document``      areas and document metadata (category 1)          -> ``doc._.sgkg``
``sgkg_partnerships``  partnerships, types, abbreviations, coreference (2) -> ``doc._.sgkg`` + ``doc._.sgkg_ctx``
``sgkg_bases``         statutory bases (3)
``sgkg_members``       statutory partners, responsible authorities, relevant agencies (5)
``sgkg_roles``         chairs, scrutineers, lay members, signatories ... (6)
``sgkg_duties`` ``sgkg_relationships`` ``sgkg_priorities`` ``sgkg_subgroups`` ``sgkg_reviews``
``sgkg_figures`` ``sgkg_values``   the remaining categories (4, 7, 8, 9)

Every fact records the rule (pattern id or component rule id) that produced it.
Offsets are offsets of the normalised text the pipeline runs on.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan
from spacy.util import filter_spans

from . import identity
from .facts import (
    BasisFact,
    DutyFact,
    Facts,
    FigureFact,
    Mention,
    OrganisationFact,
    PartnershipFact,
    PostFact,
    PriorityFact,
    RelationshipFact,
    ReviewFact,
    Span,
    SubgroupFact,
    ValueFact,
)
from .patterns import Reference, load_reference, section_key

SPANS = "sgkg"
ENT_LABELS = ("PARTNERSHIP", "ORG", "LEG", "PROLE", "AREA", "THEME", "DUTY", "FREQ")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_ABBR = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"


def _ensure_extensions() -> None:
    if not Doc.has_extension("sgkg"):
        Doc.set_extension("sgkg", default=None)
    if not Doc.has_extension("sgkg_ctx"):
        Doc.set_extension("sgkg_ctx", default=None)


def _text(doc: Doc) -> str:
    """doc.text, computed once (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("sgkg_text")
    if text is None:
        text = doc.user_data["sgkg_text"] = doc.text
    return text


def facts_of(doc: Doc) -> Facts:
    if doc._.sgkg is None:
        doc._.sgkg = Facts()
    return doc._.sgkg


def _mention(doc: Doc, start: int, end: int, rule: str) -> Mention:
    return Mention(Span(start, end, _text(doc)[start:end]), rule)


# =============================================================================
# sentences from line structure
# =============================================================================
_BULLET = re.compile(r"^\s*(?:[•▪➢◦●○■□►▶✓✔\-–—*·o](?=\s)|\(?[ivx]{1,4}[.)]|\(?[a-z][.)](?=\s)|\d{1,2}(?:\.\d{1,2})*[.)]?(?=\s)|#+\s)")
_END = re.compile(r"[.!?:;]['\"”’)]*\s*$")
_FUNCTION_END = re.compile(r"\b(?:by|of|the|and|to|a|an|in|for|with|under|is|are|on|or|that|which|as|at|from|their|its|our|be|will|&|,)\s*$", re.I)
_INLINE = re.compile(r"(?<=[.!?])['\"”’)]*[ \t]+(?=[A-Z“\"‘(•▪➢])")
_ABBREV_BEFORE = re.compile(r"(?:\b(?:Dr|Mr|Ms|No|St|vs|Cllr|p|s|ss|pp|e\.g|i\.e|etc|Mrs|Prof|Ref|Reg|Sch|[A-Z])\.)$")


def sentence_starts(text: str) -> list[int]:
    """Character offsets at which sentences start, from line structure and punctuation."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        lines.append((pos, raw.rstrip("\r\n")))
        pos += len(raw)
    starts: list[int] = []
    prev = ""  # previous non-blank line (stripped)
    blank_before = True
    for n, (pos, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            blank_before = True
            continue
        nxt = next((l.strip() for _, l in lines[n + 1: n + 3] if l.strip()), "")
        offset = pos + (len(line) - len(line.lstrip()))
        new = (
            blank_before
            or bool(_BULLET.match(line))
            or "\t" in line
            or "\t" in prev
            or bool(_END.search(prev))
            or _is_heading(prev, stripped)
            or (_is_heading(stripped, nxt) and len(stripped.split()) <= 8 and stripped[:1].isupper())
        )
        if new:
            starts.append(offset)
        for m in _INLINE.finditer(line):
            if not _ABBREV_BEFORE.search(line[: m.start() + 1].rstrip("'\"”’)")):
                starts.append(pos + m.end())
        prev = stripped
        blank_before = False
    return starts


def _is_heading(prev: str, current: str) -> bool:
    if not prev or not current[:1].isupper() and not current[:1].isdigit():
        return False
    words = prev.split()
    return len(words) <= 8 and not _FUNCTION_END.search(prev) and not prev.endswith(",")


@Language.factory("sgkg_lines", assigns=["token.is_sent_start"], requires=[])
def make_lines(nlp: Language, name: str):
    return LineSentencizer()


class LineSentencizer:
    """Sentence boundaries from the line structure the normaliser keeps."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = sorted(set(sentence_starts(_text(doc))))
        flags = numpy.full(len(doc), -1, dtype="int32")
        flags[0] = 1
        k = 0
        pending = False
        for i, token in enumerate(doc):
            while k < len(starts) and starts[k] <= token.idx:
                pending = True
                k += 1
            if pending and not token.is_space:
                flags[i] = 1
                pending = False
        doc.from_array([SENT_START], flags.astype("int64").view("uint64").reshape(-1, 1))
        return doc


# =============================================================================
# entities
# =============================================================================
@Language.factory(
    "sgkg_entities",
    assigns=["doc.spans", "doc.ents"],
    requires=["token.is_sent_start"],
    default_config={"patterns": {"@misc": "sgkg.patterns.v1"}},
)
def make_entities(nlp: Language, name: str, patterns: list[dict]):
    return EntityMatcher(nlp, patterns)


def _is_acronym(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}(?:['’]?s)?", text)) and sum(c.isupper() for c in text) >= 2


class EntityMatcher:
    """Phrase and token patterns -> labelled spans with concept (kb_id) and rule id (id)."""

    def __init__(self, nlp: Language, patterns: list[dict]):
        self.vocab = nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher = Matcher(nlp.vocab)
        by_scheme: dict[str, list[list[str]]] = defaultdict(list)
        phrase_items: dict[str, list] = defaultdict(list)
        acronym_items: dict[str, list] = defaultdict(list)
        self.label_words: set[str] = set()
        for p in patterns:
            key = "\t".join((p["label"], str(p.get("concept", "")), p["id"]))
            if isinstance(p["pattern"], str):
                text = p["pattern"]
                if p.get("acronym"):
                    acronym_items[key].append(nlp.make_doc(text))
                    continue
                doc = nlp.make_doc(text)
                phrase_items[key].append(doc)
                if p["id"].startswith("vocab."):
                    by_scheme[p["id"][6:]].append([t.lower_ for t in doc])
                    self.label_words.update(t.lower_ for t in doc)
        for key, docs in phrase_items.items():
            self.phrases.add(key, docs)
        for key, docs in acronym_items.items():
            self.acronyms.add(key, docs)
        for p in patterns:
            if isinstance(p["pattern"], list):
                key = "\t".join((p["label"], str(p.get("concept", "")), p["id"]))
                self.matcher.add(key, _expand(p["pattern"], by_scheme), greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        found: list[SpacySpan] = []
        strings = self.vocab.strings
        for matcher in (self.phrases, self.acronyms, self.matcher):
            for match_id, start, end in matcher(doc):
                label, concept, rule = strings[match_id].split("\t")
                found.append(SpacySpan(doc, start, end, label=label, kb_id=concept, span_id=rule))
        found.sort(key=lambda s: (s.start, -s.end, s.label_, s.kb_id_, s.id_))
        doc.spans[SPANS] = found
        index: dict[str, list[SpacySpan]] = defaultdict(list)
        for span in found:
            index[span.label_].append(span)
        doc.user_data["sgkg_index"] = (found, {k: (v, [x.start_char for x in v]) for k, v in index.items()})
        shown = [s for s in found if s.label_ in ENT_LABELS]
        doc.ents = filter_spans(shown)
        return doc


def _expand(pattern: list[dict], by_scheme: dict[str, list[list[str]]]) -> list[list[dict]]:
    """Replace {"SCHEME": id} by each label of that scheme (one pattern per label)."""
    out: list[list[dict]] = [[]]
    for tok in pattern:
        if "SCHEME" in tok:
            labels = by_scheme.get(tok["SCHEME"], [])
            out = [prefix + [{"LOWER": w} for w in label] for prefix in out for label in labels]
        else:
            out = [prefix + [tok] for prefix in out]
    return [p for p in out if p]


def spans(doc: Doc, label: str, start: int = 0, end: int | None = None) -> list[SpacySpan]:
    """The pattern spans of one label, optionally inside [start, end) (character offsets)."""
    end = len(_text(doc)) if end is None else end
    items, starts = doc.user_data["sgkg_index"][1].get(label, ([], []))
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(items) and items[i].start_char < end:
        if items[i].end_char <= end:
            out.append(items[i])
        i += 1
    return out


def all_spans(doc: Doc) -> list[SpacySpan]:
    return doc.user_data["sgkg_index"][0]


# =============================================================================
# document: areas and metadata
# =============================================================================
@Language.factory("sgkg_document", assigns=["doc._.sgkg"], requires=["doc.spans"])
def make_document(nlp: Language, name: str):
    _ensure_extensions()
    return DocumentReader(load_reference())


_DATE_FULL = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS}|{_MONTH_ABBR})\.?,?\s+((?:19|20)\d\d)\b", re.I)
_DATE_MONTH = re.compile(rf"\b({_MONTHS})\s+((?:19|20)\d\d)\b", re.I)
_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s?[/-]\s?((?:19|20)?\d\d)\b")
_VERSION = re.compile(r"\b(?:version|v)\s*[:.]?\s*(\d+(?:\.\d+)*)\b", re.I)
_VERSION_ROW = re.compile(r"^\s*(\d+\.\d+)[\t ]+[A-Z][a-z]+ [A-Z][a-z]+[\t ]+\d", re.M)


def _month_number(name: str) -> int:
    name = name.lower()[:3]
    return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(name) + 1


def norm_period(a: str, b: str) -> str | None:
    y1 = int(a)
    y2 = int(b) if len(b) == 4 else int(a[:2] + b)
    if y2 != y1 + 1 and y2 - y1 not in (2, 3, 4, 5):
        return None
    return f"{y1}/{str(y2)[2:]}" if y2 == y1 + 1 else f"{y1}-{str(y2)[2:]}"


class DocumentReader:
    """The document's area(s) and metadata: title, kind, date, period, version, review date."""

    def __init__(self, ref: Reference):
        self.ref = ref

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        meta = facts.document
        text = _text(doc)
        given = doc.user_data.get("sgkg_area")
        title_hint = doc.user_data.get("sgkg_title_hint") or ""
        meta.title = self._title(doc, title_hint)
        title = meta.title[0] if meta.title else ""
        if given:
            facts.areas = tuple(given)
        else:
            facts.areas = tuple(self.ref.areas.main_areas(text, title=title))
        hits = [h for h in self.ref.areas.find(text) if h[2] in facts.areas]
        if hits:
            facts.area_mention = _mention(doc, hits[0][0], hits[0][1], "area.most-named")
        meta.kind = self._kind(doc, title)
        meta.date = self._date(doc)
        meta.period = self._period(doc, title)
        meta.version = self._version(doc)
        meta.review_date = self._review_date(doc)
        return doc

    def _title(self, doc: Doc, hint: str):
        text = _text(doc)
        m = re.search(r"^\s*Subject:\s*(.+)$", text[:5000], re.M)
        if m:
            return m.group(1).strip(), _mention(doc, m.start(1), m.start(1) + len(m.group(1).strip()), "document.title-subject")
        m = re.search(r"^#\s+(.+)$", text[:5000], re.M)
        if m:
            return m.group(1).strip(), _mention(doc, m.start(1), m.start(1) + len(m.group(1).strip()), "document.title-heading")
        kinds = spans(doc, "DOCKIND", 0, 3000)
        for s in kinds:
            line_start = text.rfind("\n", 0, s.start_char) + 1
            line_end = text.find("\n", s.end_char)
            line_end = len(text) if line_end < 0 else line_end
            line = text[line_start:line_end]
            if len(line.split()) <= 14 and line.strip()[:1].isupper() and not _END.search(line):
                lead = len(line) - len(line.lstrip())
                return line.strip(), _mention(doc, line_start + lead, line_start + lead + len(line.strip()), "document.title-kind-line")
        if hint and hint in text:
            i = text.index(hint)
            return hint, _mention(doc, i, i + len(hint), "document.title-hint")
        for m in re.finditer(r"\S[^\n]*", text[:3000]):
            line = m.group(0).strip()
            if len(line) > 3:
                return line, _mention(doc, m.start(), m.start() + len(line), "document.title-first-line")
        return None

    def _kind(self, doc: Doc, title: str):
        text = _text(doc)
        m = re.match(r"\s*(Report to (?:the )?(?:Full )?Council)\b", text, re.I)
        if m and "report-to-council" in self.ref.concepts.get("document-kind", {}):
            return "report-to-council", _mention(doc, m.start(1), m.end(1), "document.kind-report-to-council")
        counts: Counter = Counter()
        first: dict[str, SpacySpan] = {}
        for s in spans(doc, "DOCKIND"):
            before = _text(doc)[max(0, s.start_char - 12): s.start_char].lower()
            weight = 10 if title and s.text.lower() in title.lower() else 3 if re.search(r"\b(?:this|the|our)\s+(?:\w+\s+)?$", before) and s.start_char < 3000 else 1
            counts[s.kb_id_] += weight
            first.setdefault(s.kb_id_, s)
        if not counts:
            if "other" in self.ref.concepts.get("document-kind", {}):
                return "other", None
            return None
        kind = counts.most_common(1)[0][0]
        s = first[kind]
        return kind, _mention(doc, s.start_char, s.end_char, s.id_)

    def _date(self, doc: Doc):
        head = _text(doc)[:2500]
        review = [m.start() for m in re.finditer(r"review", head, re.I)]

        def near_review(pos: int) -> bool:
            return any(0 <= pos - r < 40 for r in review)

        for m in _DATE_FULL.finditer(head):
            if near_review(m.start()):
                continue
            value = f"{m.group(3)}-{_month_number(m.group(2)):02d}-{int(m.group(1)):02d}"
            return value, _mention(doc, m.start(), m.end(), "document.date-full")
        for m in _DATE_MONTH.finditer(head):
            if near_review(m.start()):
                continue
            value = f"{m.group(2)}-{_month_number(m.group(1)):02d}"
            return value, _mention(doc, m.start(), m.end(), "document.date-month")
        m = re.search(r"\b(?:updated|published|issued|dated|revised)\s+(?:in\s+)?((?:19|20)\d\d)\b", head, re.I)
        if m:
            return m.group(1), _mention(doc, m.start(), m.end(), "document.date-year")
        return None

    def _period(self, doc: Doc, title: str):
        text = _text(doc)
        for m in _PERIOD.finditer(title):
            p = norm_period(m.group(1), m.group(2))
            if p:
                i = text.find(m.group(0))
                if i >= 0:
                    return p, _mention(doc, i, i + len(m.group(0)), "document.period-title")
        counts: Counter = Counter()
        where: dict[str, tuple[int, int]] = {}
        for m in _PERIOD.finditer(text[:6000]):
            p = norm_period(m.group(1), m.group(2))
            if p and "/" in p:
                counts[p] += 1
                where.setdefault(p, (m.start(), m.end()))
        kind = facts_of(doc).document.kind
        if counts and kind and kind[0] == "annual-report":
            p = counts.most_common(1)[0][0]
            return p, _mention(doc, *where[p], "document.period-frequent")
        return None

    def _version(self, doc: Doc):
        text = _text(doc)
        rows = list(_VERSION_ROW.finditer(text[:8000]))
        if rows:
            best = max(rows, key=lambda m: [int(x) for x in m.group(1).split(".")])
            return best.group(1), _mention(doc, best.start(1), best.end(1), "document.version-table")
        m = _VERSION.search(text[:5000])
        if m:
            return m.group(1), _mention(doc, m.start(), m.end(), "document.version")
        return None

    def _review_date(self, doc: Doc):
        text = _text(doc)
        for s in spans(doc, "CUE_REVIEWDATE"):
            tail = text[s.start_char: s.start_char + 80]
            m = re.search(rf"({_MONTHS})\s+((?:19|20)\d\d)", tail, re.I)
            if m:
                value = f"{m.group(2)}-{_month_number(m.group(1)):02d}"
                return value, _mention(doc, s.start_char, s.start_char + m.end(), s.id_)
        m = re.search(r"(?:will|shall) be reviewed ([^.\n]{3,80})", text, re.I)
        if m:
            return m.group(1).strip(), _mention(doc, m.start(), m.end(), "document.reviewed-when")
        return None


# =============================================================================
# partnerships
# =============================================================================
_NAME_TOKEN = re.compile(r"^(?:[A-Z0-9][\w'’.&-]*|and|&|of|for|['’]s)$")
_CONNECTOR = {"and", "&", "of", "for", "'s", "’s"}
_LEADING_DROP = set(STOP_WORDS) | {"acting", "whilst", "membership", "statutory", "including", "namely", "former", "new", "current", "existing", "local", "joint"}
_GENERIC_HEAD_BAD_PREFIX = {"the", "a", "an", "key", "strategic", "wider", "working", "our", "each", "this", "statutory", "new", "local", "other", "joint", "whole", "inter"}
_AFTER_COMPOUND = {"plan", "plans", "protocol", "strategy", "forward", "priorities", "priority", "business", "website", "meeting", "meetings", "budget", "unit", "team", "arrangements", "landscape", "report", "annual", "manager", "managers", "ethos", "agenda", "matrix", "executive"}


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    heading: bool
    bullet: bool


@dataclass
class PMention:
    start: int
    end: int
    key: str
    rule: str


@dataclass
class Context:
    """What later components need: sentences, partnership mentions, attribution."""

    sentences: list[Sentence]
    mentions: list[PMention] = field(default_factory=list)
    section: list[str | None] = field(default_factory=list)  # partnership key in force per sentence
    main: str | None = None
    acronyms: dict[str, str] = field(default_factory=dict)  # acronym -> partnership key
    org_acronyms: dict[str, str] = field(default_factory=dict)
    names: list[tuple[int, int]] = field(default_factory=list)  # spans covered by partnership names

    def sentence_at(self, char: int) -> Sentence | None:
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if char < s.start:
                hi = mid - 1
            elif char >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def in_sentence(self, sent: Sentence) -> list[PMention]:
        return [m for m in self.mentions if m.start >= sent.start and m.end <= sent.end]

    def partnership_for(self, sent: Sentence, before: int | None = None) -> str | None:
        """The partnership a sentence speaks of: the one it names (the last before `before`), else its section's."""
        named = self.in_sentence(sent)
        if before is not None:
            earlier = [m for m in named if m.end <= before]
            if earlier:
                return earlier[-1].key
        if named:
            return named[0].key
        return self.section[sent.index] if self.section else self.main

    def covered(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.names)


def build_sentences(doc: Doc) -> list[Sentence]:
    out: list[Sentence] = []
    for i, sent in enumerate(doc.sents):
        text = sent.text
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        if not body:
            continue
        start = sent.start_char + lead
        end = start + len(body)
        heading = "\n" in _text(doc)[end:end + 2] and len(body.split()) <= 10 and not _END.search(body) and "\n" not in body
        out.append(Sentence(len(out), start, end, body, heading or body.startswith("#"), bool(_BULLET.match(body))))
    return out


@Language.factory("sgkg_partnerships", assigns=["doc._.sgkg", "doc._.sgkg_ctx"], requires=["doc.spans", "doc._.sgkg"])
def make_partnerships(nlp: Language, name: str):
    _ensure_extensions()
    return PartnershipReader(load_reference())


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


class PartnershipReader:
    def __init__(self, ref: Reference):
        self.ref = ref

    # -- candidate names ------------------------------------------------------
    def _extend_left(self, doc: Doc, head_start_tok: int, floor_tok: int) -> int:
        i = head_start_tok
        while i - 1 >= floor_tok:
            tok = doc[i - 1]
            if tok.is_space:
                if "\n\n" in tok.text or i - 2 < floor_tok or not self.ref.areas.lookup(doc[i - 2].text):
                    break
                i -= 1
                continue
            if not _NAME_TOKEN.match(tok.text):
                break
            i -= 1
        while i < head_start_tok and (doc[i].is_space or doc[i].lower_ in _LEADING_DROP or doc[i].lower_ in _CONNECTOR):
            i += 1
        return i

    def candidates(self, doc: Doc) -> list[_Cand]:
        cands: list[_Cand] = []
        heads = [s for s in all_spans(doc) if s.label_ in ("PTYPE", "PNAME", "PGEN") and not _is_acronym(s.text)]
        ptype_ends = {s.end for s in heads if s.label_ == "PTYPE"}
        heads = [s for s in heads if not (s.label_ == "PGEN" and s.end in ptype_ends)]
        head_ends = sorted({s.end for s in heads if s.label_ == "PTYPE"})
        for s in heads:
            last = s[-1].lower_
            if last.endswith("s") and last not in ("arrangements",):
                continue  # plural: a kind, not an instance
            if s.end < len(doc) and doc[s.end].lower_ in _AFTER_COMPOUND and s.label_ != "PNAME":
                continue
            floor = max([e for e in head_ends if e <= s.start] + [max(0, s.start - 12)])
            if s.label_ == "PGEN":
                start_tok = self._extend_left(doc, s.end - 1, max(floor, s.start))
                prefix = [t for t in doc[start_tok: s.end - 1] if not t.is_space]
                if not prefix or prefix[0].lower_ in _GENERIC_HEAD_BAD_PREFIX or prefix[-1].lower_ in _CONNECTOR:
                    continue
                if len(prefix) == 1 and not self.ref.areas.lookup(prefix[0].text) and prefix[0].lower_ in STOP_WORDS:
                    continue
                if any(t.text.isupper() and len(t) > 1 for t in prefix) and len(prefix) == 1:
                    continue
                span = doc[start_tok: s.end]
                cands.append(_Cand(span.start_char, span.end_char, _clean(span.text), None, s.id_, s.start_char, True, False))
                continue
            start_tok = self._extend_left(doc, s.start, floor)
            span = doc[start_tok: s.end]
            bare = start_tok == s.start
            if s.label_ == "PNAME":
                bare = False
            if bare:
                prev = doc[s.start - 1].lower_ if s.start > 0 else ""
                if prev in ("a", "an", "each", "every", "any", "all", "local", "other", "statutory"):
                    continue
            cands.append(_Cand(span.start_char, span.end_char, _clean(span.text), s.kb_id_ or None, s.id_ if not bare else s.id_ + ".bare", s.start_char, False, bare))
        # the longest candidate wins where they overlap
        cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
        out: list[_Cand] = []
        for c in cands:
            if out and c.start < out[-1].end:
                if c.end - c.start > out[-1].end - out[-1].start and c.start >= out[-1].start:
                    out[-1] = c
                continue
            out.append(c)
        return out

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
        by_key: dict[str, PartnershipFact] = {}
        counts: Counter = Counter()
        text = _text(doc)
        type_cues = self._type_statements(doc)
        for c in self.candidates(doc):
            codes = self.ref.areas.in_name(c.name) or list(areas)
            type_id = c.type_id
            type_rule = c.rule
            sent = ctx.sentence_at(c.start)
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
                same = [p for p in by_key.values() if p.type_id == type_id]
                if len(same) == 1 and not ctx.covered(c.start, c.end):
                    ctx.mentions.append(PMention(c.start, c.end, same[0].key, "partnership.type-coreference"))
                    counts[same[0].key] += 1
                    continue
                if self._is_type_statement(doc, c):
                    continue
            key = identity.partnership_key(c.name, codes, area_names)
            m = _mention(doc, sent.start, sent.end, c.rule) if sent else _mention(doc, c.start, c.end, c.rule)
            p = by_key.get(key)
            if p is None:
                p = PartnershipFact(key, c.name, type_id, self.ref.statutory_type(type_id) if type_id != "non-statutory-partnership" else False,
                                    tuple(sorted(codes)), m, _mention(doc, c.start, c.end, type_rule))
                by_key[key] = p
            elif self._better_name(c.name, p.name):
                p.name = c.name
            if p.type_id == "non-statutory-partnership" and type_id != p.type_id:
                p.type_id, p.statutory = type_id, self.ref.statutory_type(type_id)
                p.type_mention = _mention(doc, c.start, c.end, type_rule)
            if c.type_id is None and type_cues.get((c.start, c.end)):
                p.type_mention = _mention(doc, c.start, c.end, type_rule)
            ctx.mentions.append(PMention(c.start, c.end, key, c.rule))
            ctx.names.append((c.start, c.end))
            counts[key] += 1
            acr = re.match(r"\s*[(\[]\s*([A-Z][A-Za-z&]{1,8})(?:['’]s)?\s*[)\]]", text[c.end:c.end + 14])
            if acr and _is_acronym(acr.group(1)):
                a0 = c.end + acr.start(1)
                p.abbreviations.setdefault(acr.group(1), _mention(doc, c.start, a0 + len(acr.group(1)), "abbreviation.parenthesis"))
                ctx.acronyms[acr.group(1)] = key
        partnerships = list(by_key.values())
        # acronyms: defined in the document, initials of a named partnership, type acronyms when unambiguous
        initials = {self._initials(p.name): p.key for p in partnerships}
        for p in partnerships:
            for a in p.abbreviations:
                ctx.acronyms.setdefault(a, p.key)
        for tok in doc:
            t = tok.text
            if not _is_acronym(t) or ctx.covered(tok.idx, tok.idx + len(t)):
                continue
            base = re.sub(r"['’]s$", "", t)
            key = ctx.acronyms.get(base)
            rule = "abbreviation.defined"
            if key is None and base in initials and len(base) >= 3:
                key, rule = initials[base], "abbreviation.initials"
                by_key[key].abbreviations.setdefault(base, _mention(doc, tok.idx, tok.idx + len(t), rule))
                ctx.acronyms[base] = key
            if key is None:
                continue
            ctx.mentions.append(PMention(tok.idx, tok.idx + len(t), key, rule))
            counts[key] += 1
        for s in spans(doc, "PTYPE") :
            pass
        for s in all_spans(doc):
            if s.label_ != "PTYPE" or not _is_acronym(s.text) or s.text in ctx.acronyms:
                continue
            same = [p for p in partnerships if p.type_id == s.kb_id_]
            if len(same) == 1:
                ctx.mentions.append(PMention(s.start_char, s.end_char, same[0].key, "abbreviation.type-acronym"))
                counts[same[0].key] += 1
        ctx.mentions.sort(key=lambda m: m.start)
        facts.partnerships = sorted(partnerships, key=lambda p: p.mention.start)
        ctx.main = counts.most_common(1)[0][0] if counts else None
        ctx.section = self._sections(ctx)
        # "the Board" / "the Partnership": the section's partnership when its name ends so, else the only one
        extra = []
        for m in re.finditer(r"\b[Tt]he (Board|Partnership)\b(?![ -]*[A-Z(])", text):
            word = m.group(1).lower()
            sent = ctx.sentence_at(m.start())
            section = ctx.section[sent.index] if sent else None
            sp = by_key.get(section) if section else None
            if sp is not None and sp.name.lower().endswith(word):
                extra.append(PMention(m.start(), m.end(), sp.key, "coreference.the-" + word + "-section"))
                continue
            heads = [p for p in partnerships if p.name.lower().endswith(word)]
            if len(heads) == 1:
                extra.append(PMention(m.start(), m.end(), heads[0].key, "coreference.the-" + word))
        ctx.mentions = sorted(ctx.mentions + extra, key=lambda m: m.start)
        return doc

    @staticmethod
    def _better_name(new: str, old: str) -> bool:
        return len(new) > len(old)

    @staticmethod
    def _initials(name: str) -> str:
        words = [w for w in re.split(r"[\s-]+", re.sub(r"['’]s\b", "", name)) if w and w.lower() not in ("and", "of", "for", "the", "&")]
        return "".join(w[0].upper() for w in words)

    def _paren_type(self, doc: Doc, end: int) -> str | None:
        m = re.match(r"\s*\(([A-Z][A-Za-z &]{3,40})\)", _text(doc)[end:end + 50])
        if not m:
            return None
        inner = m.group(1).lower()
        for cid, concept in self.ref.concepts.get("partnership-type", {}).items():
            for label in concept.labels:
                if label.lower().startswith(inner + " ") and len(inner.split()) >= 2:
                    return cid
        return None

    def _type_statements(self, doc: Doc) -> dict[tuple[int, int], tuple[str, str]]:
        """Names typed by a statement: "X is the statutory CSP for ...", "Acting as the CSP, X", "X is a non-statutory ..."."""
        out: dict[tuple[int, int], tuple[str, str]] = {}
        names = [s for s in all_spans(doc) if s.label_ == "PGEN"]
        heads = [s for s in all_spans(doc) if s.label_ == "PTYPE" and not _is_acronym(s.text)]
        nonstat = spans(doc, "CUE_NONSTAT")
        for cue in spans(doc, "CUE_TYPE"):
            before = [n for n in names if n.end <= cue.start and cue.start - n.end <= 2]
            after_head = [h for h in heads if h.start >= cue.end and h.start - cue.end <= 2]
            after_name = [n for n in names if n.start >= cue.end and n.start - cue.end <= 1]
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
        start = self._extend_left(doc, s.end - 1, max(0, s.start))
        return (doc[start].idx, s.end_char)

    def _is_type_statement(self, doc: Doc, c: _Cand) -> bool:
        before = _text(doc)[max(0, c.start - 40):c.start].lower()
        return bool(re.search(r"(?:\bis|\bas) (?:the|a|an)(?: statutory| non-statutory| local)* $", before))

    @staticmethod
    def _starts_with_name(ctx: Context, sent: Sentence) -> bool:
        first = next((m for m in ctx.mentions if sent.start <= m.start < sent.end), None)
        if first is None:
            return False
        lead = ctx_text_lead = sent.text[: first.start - sent.start].strip().lower()
        return lead in ("", "the", "•", "-") and not first.rule.startswith("coreference")

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
                elif re.match(r"^(?:#+\s*)?(?:\d+[.)]|[A-Z][a-z]+\s*$|Appendix)", sent.text):
                    current = ctx.main
            elif named and self._starts_with_name(ctx, sent):
                current = named[0]
            out.append(current)
        return out


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip()
    return name


def ctx_of(doc: Doc) -> Context:
    return doc._.sgkg_ctx


# =============================================================================
# statutory bases
# =============================================================================
_PROVISION = re.compile(
    r"\b(?P<kind>sections?|s\.|ss\.|regulations?|reg\.|schedule|sch\.)\s*(?P<num>\d+[A-Z]{0,2})\b(?:\s*\(\d+\))?", re.I
)


@Language.factory("sgkg_bases", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_bases(nlp: Language, name: str):
    _ensure_extensions()
    return BasisReader(load_reference())


@dataclass
class LegRef:
    start: int
    end: int
    act: str
    section: str | None
    kind: str  # section | regulation | schedule


class BasisReader:
    def __init__(self, ref: Reference):
        self.ref = ref

    def refs(self, doc: Doc, sent: Sentence, last_act: str | None) -> list[LegRef]:
        """Acts and provisions cited in a sentence ("Section 13 of the Children Act 2004", "the Care Act 2014 (s.43)")."""
        legs = [s for s in spans(doc, "LEG", sent.start, sent.end)]
        legs = filter_spans(legs)
        out: list[LegRef] = []
        used: set[int] = set()
        text = _text(doc)
        for m in _PROVISION.finditer(text, sent.start, sent.end):
            kind = m.group("kind").lower()
            kind = "schedule" if kind.startswith("sch") else "regulation" if kind.startswith("reg") else "section"
            num = m.group("num")
            act = None
            for i, leg in enumerate(legs):
                gap = text[m.end():leg.start_char]
                if leg.start_char >= m.end() and re.fullmatch(r"\s*(?:\(\d+\)\s*)?(?:of|in|to)?\s*(?:the|this)?\s*", gap):
                    act, used_i = leg.kb_id_, i
                    break
                gap2 = text[leg.end_char:m.start()]
                if leg.end_char <= m.start() and re.fullmatch(r"\s*[(,]?\s*", gap2):
                    act, used_i = leg.kb_id_, i
                    break
            if act is None:
                if re.match(r"\s*(?:of|in)\s+(?:this|that|the)\s+act", text[m.end():m.end() + 20], re.I) or not legs:
                    act = last_act
                    used_i = None
                else:
                    continue
            if act is None:
                continue
            if used_i is not None:
                used.add(used_i)
            out.append(LegRef(m.start(), m.end(), act, num, kind))
        for i, leg in enumerate(legs):
            if i not in used:
                out.append(LegRef(leg.start_char, leg.end_char, leg.kb_id_, None, "act"))
        out.sort(key=lambda r: r.start)
        return out

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

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        cues = spans(doc, "CUE_BASIS")
        act_cues = spans(doc, "CUE_BASIS_ACT")
        seen: set[tuple[str, str]] = set()
        last_act: str | None = None
        for sent in ctx.sentences:
            refs = self.refs(doc, sent, last_act)
            if not refs:
                continue
            last_act = refs[-1].act
            cue = next((c for c in cues if sent.start <= c.start_char < sent.end), None)
            act_cue = next((c for c in act_cues if sent.start <= c.start_char < sent.end), None)
            rule = None
            if cue is not None:
                chosen = [r for r in refs if r.start >= cue.start_char] or refs
                rule = cue.id_
                anchor = cue.start_char
            elif act_cue is not None and any(r.end <= act_cue.start_char and act_cue.start_char - r.end <= 25 for r in refs):
                chosen = [r for r in refs if r.end <= act_cue.start_char][-1:]
                rule = act_cue.id_
                anchor = chosen[0].start
            else:
                continue
            key = ctx.partnership_for(sent, before=anchor)
            if key is None:
                continue
            for r in chosen:
                prov, known = self.provision(r)
                target = prov or r.act
                if (key, target) in seen:
                    continue
                seen.add((key, target))
                act = self.ref.legislation.get(r.act)
                label = f"{r.kind if r.kind != 'act' else 'section'} {r.section} of the {act.title if act else r.act}" if prov else None
                facts.bases.append(BasisFact(key, r.act, prov, label, r.section, known, _mention(doc, sent.start, sent.end, rule)))
        return doc


# =============================================================================
# organisations: statutory partners, responsible authorities, relevant agencies
# =============================================================================
@Language.factory("sgkg_members", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_members(nlp: Language, name: str):
    _ensure_extensions()
    return MemberReader(load_reference())


@dataclass
class OrgMention:
    start: int
    end: int
    name: str
    org_type: str
    generic: bool


class MemberReader:
    def __init__(self, ref: Reference):
        self.ref = ref

    def orgs(self, doc: Doc, start: int, end: int, ctx: Context) -> list[OrgMention]:
        out: list[OrgMention] = []
        found = [s for s in all_spans(doc) if s.label_ == "OTYPE" and start <= s.start_char and s.end_char <= end]
        found = filter_spans(found)
        for s in found:
            if ctx.covered(s.start_char, s.end_char):
                continue
            i = s.start
            while i - 1 >= 0 and doc[i - 1].idx >= start and _NAME_TOKEN.match(doc[i - 1].text) and doc[i - 1].lower_ not in ("and", "&", "for"):
                i -= 1
            while i < s.start and (doc[i].lower_ in _LEADING_DROP or doc[i].lower_ in _CONNECTOR):
                i += 1
            j = s.end
            # "Fire and Rescue Authority", "NHS Trust": let a following capitalised head word join
            while j < len(doc) and doc[j].idx + len(doc[j]) <= end and doc[j].text in ("Authority", "Service", "Services", "Trust", "Board", "Group", "Force", "Company"):
                j += 1
            span = doc[i:j]
            if ctx.covered(span.start_char, span.end_char):
                continue
            name = _clean(span.text)
            generic = i == s.start
            if _is_acronym(s.text) and generic:
                name = s.text
            out.append(OrgMention(span.start_char, span.end_char, name, s.kb_id_, generic))
        return out

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        roles = [s for s in all_spans(doc) if s.label_ == "MROLE"]
        member_cues = spans(doc, "CUE_MEMBERS")
        seen: set[tuple[str, str, str]] = set()
        for sent in ctx.sentences:
            role = next((r for r in roles if sent.start <= r.start_char < sent.end), None)
            cue = next((c for c in member_cues if sent.start <= c.start_char < sent.end), None)
            if role is None and cue is None:
                continue
            role_id = role.kb_id_ if role is not None else "member"
            rule = f"membership.{role_id}" if role is not None else cue.id_
            anchor = min(x.start_char for x in (role, cue) if x is not None)
            key = ctx.partnership_for(sent, before=anchor)
            if key is None:
                continue
            regions = [(anchor, sent.end, sent)]
            if sent.text.rstrip().endswith(":") or sent.heading:
                regions += [(s.start, s.end, s) for s in self._list_after(ctx, sent)]
            for start, end, where in regions:
                orgs = self.orgs(doc, start, end, ctx)
                if not orgs and where is not sent and len(where.text.split()) <= 12:
                    item = re.sub(r"^\W+", "", _BULLET.sub("", where.text)).strip(" .;,")
                    if item and role is not None:
                        orgs = [OrgMention(where.end - len(item), where.end, item, "other", True)]
                for o in orgs:
                    if (key, o.name.lower(), role_id) in seen:
                        continue
                    seen.add((key, o.name.lower(), role_id))
                    p = facts.partnership(key)
                    facts.organisations.append(OrganisationFact(
                        key, o.name, o.org_type, o.generic, role_id, p.areas if p else facts.areas,
                        _mention(doc, where.start, where.end, rule)))
        return doc

    @staticmethod
    def _list_after(ctx: Context, sent: Sentence) -> list[Sentence]:
        items: list[Sentence] = []
        for s in ctx.sentences[sent.index + 1: sent.index + 40]:
            if s.bullet or (len(s.text.split()) <= 10 and not _END.search(s.text.rstrip(",;")) and not s.heading) or (s.heading and not s.text.startswith("#") and len(s.text.split()) <= 10):
                items.append(s)
                continue
            break
        return items


# =============================================================================
# roles
# =============================================================================
_HONORIFIC = r"(?:Cllr\.?|Councillor|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Professor|Prof\.?|Sir|Dame|Chief Superintendent|Superintendent|Chief Constable|Chief Inspector|Detective Superintendent|Detective Chief Superintendent)"
_NAME = re.compile(rf"(?:{_HONORIFIC}\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+(?:[A-Z][a-z'’-]+|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)){{1,2}}")
_NOT_NAME_WORDS = {"board", "partnership", "council", "chair", "executive", "director", "children", "childrens", "safeguarding", "police", "group", "service", "services",
                   "trust", "authority", "officer", "chief", "member", "lead", "the", "independent", "designation", "signature", "name", "date", "vice", "health",
                   "adult", "adults", "care", "local", "west", "east", "north", "south", "clinical", "commissioning", "partner", "partners", "accountable", "scrutineer",
                   "lay", "signed", "behalf", "appendix", "protocol", "report", "strategy", "plan", "safer", "community", "communities", "stronger", "national", "team",
                   "wellbeing", "social", "and", "of", "for", "in", "constable", "commander", "borough", "nhs", "assistant", "head", "manager", "business", "annual", "version"}


def person_at(text: str, start: int = 0, end: int | None = None, *, area_names=()) -> re.Match | None:
    """The first person's name in text[start:end] (two or three capitalised words, optional honorific)."""
    end = len(text) if end is None else end
    for m in _NAME.finditer(text, start, end):
        words = re.sub(_HONORIFIC, "", m.group(0)).split()
        if any(w.lower().strip(".’'") in _NOT_NAME_WORDS for w in words):
            continue
        if any(w.lower() in area_names for w in words):
            continue
        return m
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
                key = ctx.partnership_for(sent, before=s.start_char)
                self.add(doc, key, s.kb_id_, m.group(0), sent, s.id_)
        for s in spans(doc, "CUE_SIGNED"):
            self._signed(doc, ctx, s)
        for s in proles:
            self._role(doc, ctx, s)
        for s in spans(doc, "CUE_SIGNATURES"):
            self._signature_block(doc, ctx, s)
        facts.posts = list(self.seen.values())
        return doc

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
            if any(k[0] == key and k[1] == role for k in self.seen):
                return
        else:
            self.seen.pop((key, role, identity.slug(title)), None)
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
        if role in ("independent-chair", "independent-scrutineer", "lay-member") and s.text[:1].isupper():
            key = ctx.partnership_for(sent, before=s.start_char)
            self.add(doc, key, role, None, sent, "role.mention")
        if role == "lead-representative":
            self._lead_reps(doc, ctx, sent)

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
            return
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
        """After a 'Signatures' heading: NAME, then post lines (title, organisation), per signatory."""
        sent = ctx.sentence_at(s.start_char)
        if sent is None or not re.fullmatch(r"#*\s*(?:Signatures|Signatories)\s*:?", sent.text, re.I):
            return
        text = _text(doc)
        key = ctx.main
        i = sent.index + 1
        while i < len(ctx.sentences) and i < sent.index + 60:
            cur = ctx.sentences[i]
            p = self.person(text, cur.start, cur.end)
            if p and p.start() == cur.start and p.end() >= cur.end - 1:
                post_lines: list[Sentence] = []
                j = i + 1
                while j < len(ctx.sentences) and len(post_lines) < 4:
                    nxt = ctx.sentences[j]
                    q = self.person(text, nxt.start, nxt.end)
                    if (q and q.start() == nxt.start and q.end() >= nxt.end - 1) or nxt.text.startswith("-") or len(nxt.text.split()) > 10:
                        break
                    post_lines.append(nxt)
                    j += 1
                lines = [re.sub(r"\s+", " ", x.text).strip() for x in post_lines if x.text.strip() not in ("---",) and not re.fullmatch(r"[A-Z]{2,4}", x.text.strip())]
                title = ", ".join(lines) if lines else None
                end = post_lines[-1].end if post_lines else cur.end
                self.add(doc, key, "signatory", p.group(0), Span(cur.start, end, ""), "role.signature-block", title=title)
                i = j
                continue
            if cur.heading and cur.text.startswith("#"):
                break
            i += 1

    def _lead_reps(self, doc: Doc, ctx: Context, sent: Sentence) -> None:
        if not sent.text.rstrip().endswith(":"):
            return
        key = ctx.partnership_for(sent)
        for item in MemberReader._list_after(ctx, sent)[:8]:
            title = re.sub(r"^\W+", "", _BULLET.sub("", item.text)).strip(" .;,")
            if title and "," in title:
                self.add(doc, key, "lead-representative", None, item, "role.lead-representative-list", title=title)
                self.seen_fix(key, "lead-representative", title)

    def seen_fix(self, key, role, title):
        pass


# =============================================================================
# categories 4, 7, 8, 9 (duties, relationships, priorities, subgroups, reviews, figures, values)
# =============================================================================
@Language.factory("sgkg_duties", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_duties(nlp: Language, name: str):
    _ensure_extensions()
    return DutyReader(load_reference())


class DutyReader:
    def __init__(self, ref: Reference):
        self.ref = ref

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        cues = spans(doc, "CUE_DUTY")
        duties = [s for s in all_spans(doc) if s.label_ == "DUTY"]
        bases = {}
        for b in facts.bases:
            bases.setdefault(b.partnership, []).append(b.provision or b.legislation)
        seen: set[tuple[str, str]] = set()
        intro_until = -1
        intro_key = None
        for sent in ctx.sentences:
            has_cue = any(sent.start <= c.start_char < sent.end for c in cues)
            in_list = sent.index <= intro_until
            if has_cue and (sent.text.rstrip().endswith((":", ":-", "-")) or sent.text.rstrip().endswith("are")):
                intro_until = sent.index + 12
                intro_key = ctx.partnership_for(sent)
            if not (has_cue or in_list):
                continue
            found = [d for d in duties if sent.start <= d.start_char < sent.end]
            if not found:
                continue
            key = ctx.partnership_for(sent) if not in_list or ctx.in_sentence(sent) else intro_key
            if key is None:
                continue
            for d in filter_spans(found):
                if (key, d.kb_id_) in seen:
                    continue
                seen.add((key, d.kb_id_))
                label = re.sub(r"\s+", " ", _BULLET.sub("", sent.text)).strip(" ;,.-")
                facts.duties.append(DutyFact(key, label[:300], d.kb_id_, (), _mention(doc, sent.start, sent.end, "duty." + ("list" if in_list and not has_cue else "cue"))))
        return doc


@Language.factory("sgkg_relationships", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_relationships(nlp: Language, name: str):
    _ensure_extensions()
    return RelationshipReader(load_reference())


class RelationshipReader:
    def __init__(self, ref: Reference):
        self.ref = ref

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if len(facts.partnerships) < 2:
            return doc
        cues = spans(doc, "CUE_REL") + [s for s in all_spans(doc) if s.label_ == "RELKIND"]
        freqs = [s for s in all_spans(doc) if s.label_ == "FREQ"]
        seen: set[tuple[str, str, str]] = set()
        for sent in ctx.sentences:
            cue = next((c for c in cues if sent.start <= c.start_char < sent.end), None)
            if cue is None:
                continue
            kind = cue.kb_id_
            named = ctx.in_sentence(sent)
            before = [m.key for m in named if m.end <= cue.start_char]
            after = [m.key for m in named if m.start >= cue.end_char]
            source = before[-1] if before else ctx.partnership_for(sent)
            targets = [k for k in dict.fromkeys(after) if k != source]
            if kind == "shares-plans-with" and re.search(r"strategic (?:intelligence )?assessment", sent.text, re.I):
                kind = "shares-strategic-assessment-with"
            if kind == "presents-annual-report-to" and not re.search(r"annual report", sent.text, re.I):
                kind = "reports-to"
            freq = next((f.kb_id_ for f in freqs if sent.start <= f.start_char < sent.end), None)
            if freq is None:
                row = _text(doc)[_text(doc).rfind("\n", 0, sent.start) + 1: sent.start]
                freq = next((f.kb_id_ for f in freqs if _text(doc).rfind("\n", 0, sent.start) < f.start_char < sent.start), None) if row.strip() else None
            if kind == "joint-chairs-meeting":
                targets = [p.key for p in facts.partnerships if p.key != source][:6] if not targets else targets
            for t in targets:
                if source is None or (source, kind, t) in seen:
                    continue
                seen.add((source, kind, t))
                sp, tp = facts.partnership(source), facts.partnership(t)
                label = f"{sp.name if sp else source} {kind.replace('-', ' ')} {tp.name if tp else t}"
                facts.relationships.append(RelationshipFact(source, t, kind, freq, label, _mention(doc, sent.start, sent.end, cue.id_)))
        return doc


@Language.factory("sgkg_priorities", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_priorities(nlp: Language, name: str):
    _ensure_extensions()
    return PriorityReader(load_reference())


class PriorityReader:
    def __init__(self, ref: Reference):
        self.ref = ref

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        themes = [s for s in all_spans(doc) if s.label_ == "THEME"]
        text = _text(doc)
        seen: set[str] = set()
        for sent in ctx.sentences:
            m = re.search(r"\b(joint |key |strategic |shared )?(priority|priorities|ambitions)\b", sent.text, re.I)
            if not m:
                continue
            joint = bool(m.group(1) and m.group(1).lower().startswith(("joint", "shared"))) or "joint priorit" in sent.text.lower()
            period = None
            pm = _PERIOD.search(sent.text)
            if pm:
                period = norm_period(pm.group(1), pm.group(2))
            head_key = ctx.partnership_for(sent)
            owners = tuple(p.key for p in facts.partnerships) if joint else ((head_key,) if head_key else ())
            if not owners:
                continue
            inline = re.match(r"^\s*Joint Priority \d+\s*:\s*(.+)$", sent.text, re.I | re.S)
            items: list[Sentence] = []
            if inline:
                items = [sent]
            elif sent.text.rstrip().endswith(":") or sent.heading:
                items = [s for s in ctx.sentences[sent.index + 1: sent.index + 25]]
                cut = []
                for s in items:
                    if s.heading and not s.bullet and len(cut) > 0 and not _BULLET.match(s.text):
                        if not any(t.start_char >= s.start and t.end_char <= s.end for t in themes):
                            break
                    if len(s.text.split()) > 60:
                        break
                    cut.append(s)
                items = cut[:20]
            for it in items:
                label = inline.group(1) if it is sent and inline else _BULLET.sub("", it.text)
                label = re.sub(r"\s+", " ", label).strip(" ;,.-–")
                label = re.split(r"\s+[–-]\s+|\.\s", label)[0].strip() if len(label) > 80 else label
                if not label or len(label) < 4:
                    continue
                th = tuple(dict.fromkeys(t.kb_id_ for t in themes if it.start <= t.start_char < it.end))
                if not th and not it.bullet and not inline:
                    continue
                if label.lower() in seen:
                    continue
                seen.add(label.lower())
                facts.priorities.append(PriorityFact(owners, label[:200], joint, th, period, None, (), _mention(doc, it.start, it.end, "priority.joint-numbered" if inline else "priority.list")))
        return doc


@Language.factory("sgkg_subgroups", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_subgroups(nlp: Language, name: str):
    _ensure_extensions()
    return SubgroupReader()


_SUBGROUP = re.compile(r"\b((?:[A-Z][\w'’&-]*\s+)(?:(?:and|&|of)\s+|[A-Z][\w'’&-]*\s+){0,5})(Sub[- ]?[Gg]roup|Subgroup|Group|Panel)\b")


class SubgroupReader:
    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        seen: dict[str, SubgroupFact] = {}
        for m in _SUBGROUP.finditer(_text(doc)):
            words = m.group(1).split()
            while words and (words[0].lower() in STOP_WORDS or words[0].lower() in ("relevant",)):
                words = words[1:]
            if not words or (len(words) == 1 and words[0].isupper()) or m.group(1).strip().isupper():
                continue
            name = " ".join(words + [m.group(2)])
            if re.search(r"\b(Commissioning|Clinical|Reference|Working)\b", name) and "Group" == m.group(2):
                continue
            sent = ctx.sentence_at(m.start())
            if sent is None:
                continue
            key = ctx.main
            norm = re.sub(r"sub[- ]?group", "subgroup", name.lower())
            norm = re.sub(r"\bgroup\b", "subgroup", norm) if "subgroup" not in norm else norm
            if norm in seen:
                continue
            seen[norm] = SubgroupFact(key, name, _mention(doc, sent.start, sent.end, "subgroup.name"))
        facts.subgroups = [s for s in seen.values() if s.partnership]
        return doc


@Language.factory("sgkg_reviews", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_reviews(nlp: Language, name: str):
    _ensure_extensions()
    return ReviewReader()


class ReviewReader:
    """Case tables: a row naming a review type (SCR, CSPR, SAR, DHR) with its summary and status."""

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        text = _text(doc)
        reviews = [s for s in all_spans(doc) if s.label_ == "REVIEW"]
        seen = set()
        for s in reviews:
            line_start = text.rfind("\n", 0, s.start_char) + 1
            prefix = text[line_start:s.start_char]
            m = re.fullmatch(rf"\s*((?:{_MONTHS}|{_MONTH_ABBR})\s+\d{{2,4}})\s+", prefix, re.I)
            if not m:
                continue
            sent = ctx.sentence_at(s.start_char)
            end = sent.end if sent else text.find("\n", s.end_char)
            desc = re.sub(r"\s+", " ", text[s.end_char:end]).strip()
            key = ctx.main
            ident = (s.kb_id_, m.group(1), desc[:40])
            if ident in seen or key is None:
                continue
            seen.add(ident)
            facts.reviews.append(ReviewFact(key, s.kb_id_, desc or None, None, m.group(1), _mention(doc, line_start + m.start(1), end, "review.case-row")))
        return doc


@Language.factory("sgkg_figures", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_figures(nlp: Language, name: str):
    _ensure_extensions()
    return FigureReader()


_MONEY = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|m|million|bn)?\b", re.I)
_POPULATION = re.compile(r"population (?:estimate )?(?:for [A-Z][\w ]+ )?is (\d{1,3}(?:,\d{3})+)\s*people", re.I)


class FigureReader:
    """Money amounts (budgets, contributions) and the population, with their sentence as label."""

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        text = _text(doc)
        n = 0
        for m in _MONEY.finditer(text):
            sent = ctx.sentence_at(m.start())
            if sent is None:
                continue
            raw = m.group(1).replace(",", "")
            try:
                value = Decimal(raw)
            except InvalidOperation:
                continue
            mult = (m.group(2) or "").lower()
            value *= {"k": 1000, "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000}.get(mult, 1)
            what = re.search(r"\b(budget(?:ed)?|contributions?|funding|carried forward|reserves|income|spend|expenditure|cost)\b", text[max(sent.start, m.start() - 80): m.end() + 40], re.I)
            if not what:
                continue
            period = None
            pm = _PERIOD.search(sent.text)
            if pm:
                period = norm_period(pm.group(1), pm.group(2))
            key = ctx.partnership_for(sent)
            if key is None:
                continue
            n += 1
            facts.figures.append(FigureFact(what.group(1).lower(), value, "GBP", period, key, _mention(doc, sent.start, sent.end, "figure.money")))
        for m in _POPULATION.finditer(text):
            sent = ctx.sentence_at(m.start())
            if sent is None or not facts.areas:
                continue
            facts.figures.append(FigureFact("population", Decimal(m.group(1).replace(",", "")), "people", None, "area:" + facts.areas[0], _mention(doc, sent.start, sent.end, "figure.population")))
        return doc


@Language.factory("sgkg_values", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_values(nlp: Language, name: str):
    _ensure_extensions()
    return ValueReader()


class ValueReader:
    """Lists under a 'Values' / 'Behaviours' / 'Principles' heading or cue."""

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        seen = set()
        for sent in ctx.sentences:
            m = re.search(r"\b(core values|values|behaviours|principles)\b", sent.text, re.I)
            if not m or not (sent.heading or sent.text.rstrip().endswith(":")):
                continue
            kind = {"core values": "value", "values": "value", "behaviours": "behaviour", "principles": "principle"}[m.group(1).lower()]
            key = ctx.partnership_for(sent)
            for it in ctx.sentences[sent.index + 1: sent.index + 16]:
                if it.heading and not it.bullet and len(it.text.split()) <= 3 and re.search(r"values|behaviours|principles", it.text, re.I):
                    break
                if not it.bullet and len(it.text.split()) > 25:
                    break
                label = re.sub(r"\s+", " ", _BULLET.sub("", it.text)).strip(" ;,.")
                if not label or len(label) > 160:
                    continue
                label = label.split(":")[0] if ":" in label and len(label.split(":")[0].split()) <= 3 else label
                if (key, label.lower()) in seen or key is None:
                    continue
                seen.add((key, label.lower()))
                facts.values.append(ValueFact(key, label, kind, _mention(doc, it.start, it.end, "value.list")))
        return doc
