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

        # "1 April 2022 to 31 March 2023": a reporting period, not the document's date
        period = [(m.start(), m.end()) for m in re.finditer(
            rf"{_DATE_FULL.pattern}\s*(?:to|until|[-–])\s*{_DATE_FULL.pattern}|{_DATE_MONTH.pattern}\s*(?:to|until|[-–])\s*{_DATE_MONTH.pattern}", head, re.I)]

        def in_period(pos: int) -> bool:
            return any(a <= pos < b for a, b in period)

        for m in _DATE_FULL.finditer(head):
            if near_review(m.start()) or in_period(m.start()):
                continue
            value = f"{m.group(3)}-{_month_number(m.group(2)):02d}-{int(m.group(1)):02d}"
            return value, _mention(doc, m.start(), m.end(), "document.date-full")
        for m in _DATE_MONTH.finditer(head):
            if near_review(m.start()) or in_period(m.start()):
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
        # a version table ("1.2  A Person  03/2023"), not a numbered paragraph ("4.1 The Board met 4 times")
        rows = list(_VERSION_ROW.finditer(text[:8000])) if re.search(r"\bversion\b", text[:8000], re.I) else []
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
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.&-]*|\d+[A-Za-z][\w'’.&-]*|and|&|of|for|['’]s)$")  # not a bare section number ("1.1")
_CONNECTOR = {"and", "&", "of", "for", "'s", "’s"}
_LEADING_DROP = set(STOP_WORDS) | {"acting", "whilst", "membership", "statutory", "including", "namely", "former", "new", "current", "existing", "local", "joint"}
_GENERIC_HEAD_BAD_PREFIX = {"the", "a", "an", "key", "strategic", "wider", "working", "our", "each", "this", "statutory", "new", "local", "other", "joint", "whole", "inter"}
# words that end one partnership name: a name does not run on over another name's head word
_HEAD_WORDS = {"board", "boards", "partnership", "partnerships", "group", "groups", "panel", "panels", "committee", "forum"}
# one-word prefixes of "X Partnership" that describe a role in a table or sentence, not a name ("Lead Partnership")
_ROLE_PREFIX = {"lead", "leading", "contributing", "supporting", "adjacent", "respective", "partner", "host", "hosting", "relevant", "individual", "strategic", "statutory"}
# words that continue a partnership-like name into an organisation's name ("... Partnership NHS Foundation Trust")
_ORG_SUFFIX = {"NHS", "Trust", "Foundation", "Ltd", "Limited", "CIC", "LLP", "plc", "Council", "Constabulary"}
_AFTER_COMPOUND = {"sub", "subgroup", "subgroups", "sub-group", "sub-groups", "group", "groups", "plan", "plans", "protocol", "strategy", "forward", "priorities", "priority", "business", "website", "meeting", "meetings", "budget", "unit", "team", "arrangements", "landscape", "report", "annual", "manager", "managers", "ethos", "agenda", "matrix", "executive"}


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
    defined: dict[str, str] = field(default_factory=dict)  # "board" -> the key a '(the Board)' after a name defines
    subject: str | None = None  # the partnership the document is about (named by its title), if one
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


_IS_THE_TYPE = re.compile(r"\b(?:is|acts as|serves as)\s+(?:the|a|an)\s+(?:(?:statutory|local|designated|multi-agency)\s+)*\Z", re.I)
_STATED_GAP = re.compile(r"\s*(?:[(\[][^()\[\]\n]{0,140}[)\]])?\s*,?\s*")
_DEFINITION = re.compile(r"\s*[(\[]([^()\[\]\n]{2,140})[)\]]")


def _org_name_follows(doc: Doc, i: int) -> bool:
    """The words after a partnership-like head make it an organisation's name ("... Partnership NHS Trust")."""
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    return i < len(doc) and doc[i].text in _ORG_SUFFIX


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


class PartnershipReader:
    def __init__(self, ref: Reference):
        self.ref = ref

    # -- candidate names ------------------------------------------------------
    def _extend_left(self, doc: Doc, head_start_tok: int, floor_tok: int) -> int:
        """The first token of the name whose head starts at head_start_tok: capitalised words to the left,
        never over a line break (unless an area name ends the line), "the", another name's head word,
        a post title ("Lay Member of ...") or an Act's title."""
        stop = doc.user_data.get("sgkg_name_stop", ())
        i = head_start_tok
        while i - 1 >= floor_tok:
            tok = doc[i - 1]
            if tok.is_space:
                if "\n\n" in tok.text or i - 2 < floor_tok or not self._line_ends_with_area(doc, i - 2):
                    break
                i -= 1
                continue
            if tok.text == "," and self._area_list_comma(doc, i - 1, head_start_tok, floor_tok):
                i -= 1
                continue
            if not _NAME_TOKEN.match(tok.text) or tok.lower_ in _HEAD_WORDS or tok.lower_ == "the" or tok.i in stop:
                break
            i -= 1
        while i < head_start_tok and (doc[i].is_space or doc[i].lower_ in _LEADING_DROP or doc[i].lower_ in _CONNECTOR):
            i += 1
        # "... chaired by Chief Superintendent A Person Areaton Safeguarding Children Board": a name starts at
        # its area name when more than one word precedes it
        if i < head_start_tok:
            hits = self.ref.areas.find(doc[i:head_start_tok].text)
            if hits and len(doc[i:head_start_tok].text[: hits[0][0]].split()) > 1:
                first = doc[i:head_start_tok].char_span(hits[0][0], hits[0][1], alignment_mode="expand")
                if first is not None:
                    i = first.start
        return i

    def _line_ends_with_area(self, doc: Doc, tok_i: int) -> bool:
        """A title split over two lines: the line before ends with an area's (possibly multi-word) name."""
        line_start = _text(doc).rfind("\n", 0, doc[tok_i].idx) + 1
        line = _text(doc)[line_start: doc[tok_i].idx + len(doc[tok_i])]
        hits = self.ref.areas.find(line)
        return bool(hits) and hits[-1][1] == len(line) or bool(self.ref.areas.lookup(doc[tok_i].text))

    def _area_list_comma(self, doc: Doc, comma: int, head: int, floor: int) -> bool:
        """ "Areashire, Townton and Cityville Integrated Care Partnership": a comma inside a list of area
        names that ends with "and" before the head word (each item an area name)."""
        if comma - 1 < floor or not doc[comma - 1].is_title:
            return False
        after = doc[comma + 1: head].text
        parts = re.split(r"\s*(?:,|\band\b|&)\s*", after.strip())
        if " and " not in f" {after} " or not all(p and self.ref.areas.lookup(p) for p in parts):
            return False
        line_start = _text(doc).rfind("\n", 0, doc[comma].idx) + 1
        before = _text(doc)[line_start: doc[comma].idx]
        hits = self.ref.areas.find(before)
        return bool(hits) and hits[-1][1] == len(before) or bool(re.search(r"\b[A-Z][a-z]+shire$", before))

    @staticmethod
    def _set_stops(doc: Doc) -> None:
        """Tokens a name never extends over: post titles and Act titles."""
        doc.user_data["sgkg_name_stop"] = {i for s in all_spans(doc) if s.label_ in ("PROLE", "LEG") for i in range(s.start, s.end)}

    @staticmethod
    def _lowercase(span: SpacySpan) -> bool:
        """ "our safeguarding partnership", "multi-agency safeguarding arrangements": a description, not a name."""
        first = next((t for t in span if t.is_alpha and t.lower_ not in _CONNECTOR), None)
        return first is not None and first.text[:1].islower()

    def candidates(self, doc: Doc) -> list[_Cand]:
        cands: list[_Cand] = []
        found = all_spans(doc)
        leg_toks = {i for s in found if s.label_ == "LEG" for i in range(s.start, s.end)}
        heads = [s for s in found if s.label_ in ("PTYPE", "PNAME", "PGEN") and not _is_acronym(s.text)]
        # subgroups are not partnerships (SubgroupReader reads them); "... Board Regulations 2006" is an Act's title
        heads = [s for s in heads if s.kb_id_ != "subgroup" and not any(i in leg_toks for i in range(s.start, s.end))]
        typed_ends = {s.end for s in heads if s.label_ in ("PTYPE", "PNAME")}
        heads = [s for s in heads if not (s.label_ == "PGEN" and s.end in typed_ends)]
        cands.extend(self._safety_names(doc, found, typed_ends, leg_toks))
        head_ends = sorted({s.end for s in heads if s.label_ == "PTYPE"})
        for s in heads:
            next_tok = s.end
            if s.label_ == "PTYPE" and s[0].is_title:
                # "X Safeguarding Children Partnership arrangements": the name ends at its head word
                end = s.end
                while end - 1 > s.start and doc[end - 1].is_lower and any(t.lower_ in _HEAD_WORDS for t in doc[s.start:end - 1]):
                    end -= 1
                if end != s.end:
                    s = SpacySpan(doc, s.start, end, label=s.label_, kb_id=s.kb_id_, span_id=s.id_)
            last = s[-1].lower_
            if last.endswith("s") and last not in ("arrangements",):
                continue  # plural: a kind, not an instance
            if next_tok < len(doc) and doc[next_tok].lower_ in _AFTER_COMPOUND and s.label_ != "PNAME":
                continue
            if _org_name_follows(doc, next_tok):
                continue  # "X Partnership NHS Trust", "X Partnership Foundation Trust": an organisation's name
            if last in ("service", "team"):
                continue  # "Areaton Youth Justice Service": a service the partners run (an agency), not a board
            floor = max([e for e in head_ends if e <= s.start] + [max(0, s.start - 12)])
            if s.label_ == "PGEN":
                start_tok = self._extend_left(doc, s.end - 1, floor)
                prefix = [t for t in doc[start_tok: s.end - 1] if not t.is_space]
                if not prefix or prefix[0].lower_ in _GENERIC_HEAD_BAD_PREFIX or prefix[-1].lower_ in _CONNECTOR:
                    continue
                if len(prefix) == 1 and not self.ref.areas.lookup(prefix[0].text) and (prefix[0].lower_ in STOP_WORDS or prefix[0].lower_ in _ROLE_PREFIX):
                    continue
                if any(t.text.isupper() and len(t) > 1 for t in prefix) and len(prefix) == 1:
                    continue
                if all(t.lower_.endswith("ed") and len(t) > 4 for t in prefix):
                    continue  # "Continued Strengthened Partnership (working)": a phrase, not a name
                end_tok = s.end + 1 if s.end < len(doc) and doc[s.end].lower_ == "board" else s.end
                span = doc[start_tok: end_tok]
                cands.append(_Cand(span.start_char, span.end_char, _clean(span.text), None, s.id_, s.start_char, True, False))
                continue
            lower = s.label_ != "PNAME" and self._lowercase(s)
            start_tok = s.start if lower else self._extend_left(doc, s.start, floor)
            span = doc[start_tok: s.end]
            bare = start_tok == s.start
            if s.label_ == "PNAME":
                bare = False
            if bare:
                prev = doc[s.start - 1].lower_ if s.start > 0 else ""
                if prev in ("a", "an", "each", "every", "any", "all", "local", "other", "statutory"):
                    continue
                if last in ("service", "team"):
                    continue  # "the Youth Justice Service": a service the partners run, not a named board
            cands.append(_Cand(span.start_char, span.end_char, _clean(span.text), s.kb_id_ or None, s.id_ if not bare else s.id_ + ".bare", s.start_char, False, bare, lower))
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

    def _safety_names(self, doc: Doc, found, typed_ends: set[int], leg_toks: set[int]) -> list[_Cand]:
        """ "Safer Areaton Together", "Areaton Safer Communities Strategy Board", "Safe City Partnership": a
        community safety partnership not named so, read as one only when a community-safety cue ("statutory
        community safety partnership", "Crime and Disorder Act 1998", "responsible authorities", "strategic
        assessment", "domestic homicide reviews") is in its sentence or the next."""
        ctx_sents = build_sentences(doc) if "sgkg_sents" not in doc.user_data else doc.user_data["sgkg_sents"]
        doc.user_data["sgkg_sents"] = ctx_sents
        cues = [c.start_char for c in spans(doc, "CUE_CSP")]
        starts = [x.start for x in ctx_sents]
        out: list[_Cand] = []
        for s in found:
            if s.label_ != "PSAFE" or s.end in typed_ends or any(i in leg_toks for i in range(s.start, s.end)):
                continue
            i = s.start
            while i < s.end - 1 and (doc[i].lower_ in _LEADING_DROP or doc[i].lower_ in _CONNECTOR):
                i += 1
            span = doc[i:s.end]
            if len(span) < 2 or "\n" in span.text or span[-1].lower_ in _AFTER_COMPOUND or span[-1].lower_.endswith("s") and span[-1].lower_ not in ("communities",):
                continue
            k = bisect.bisect_right(starts, span.start_char) - 1
            lo = ctx_sents[k].start if k >= 0 else 0
            hi = ctx_sents[k + 1].end if k + 1 < len(ctx_sents) else len(_text(doc))
            if not any(lo <= c < hi for c in cues):
                continue
            out.append(_Cand(span.start_char, span.end_char, _clean(span.text), "community-safety-partnership",
                             "partnership.safety-name", span.start_char, False, False))
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
        self._set_stops(doc)
        type_cues = self._type_statements(doc)
        deferred: list[_Cand] = []  # lower-case mentions: references to a partnership named elsewhere
        generic_keys: set[str] = set()
        bare_keys: set[str] = set()  # named only by their type label ("the Community Safety Partnership")
        aliases: dict[str, str] = {}  # "safer areaton" (a short name in brackets) -> key
        for c in self.candidates(doc):
            if c.lower:
                deferred.append(c)
                continue
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
                if c.generic_head:
                    generic_keys.add(key)
                if c.bare:
                    bare_keys.add(key)
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
            elif not c.bare:
                self._definitions(doc, c, p, ctx)
            short = re.match(r"\s*\(\s*((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)\s*\)", text[c.end:c.end + 60])
            if short and not _is_acronym(short.group(1)):
                aliases.setdefault(short.group(1).lower(), key)
        self._merge_aliases(by_key, ctx, counts, aliases, generic_keys)
        self._merge_stated(doc, by_key, ctx, counts)
        for key in bare_keys:
            p = by_key.get(key)
            same = [q for q in by_key.values() if p is not None and q.key != key and q.type_id == p.type_id]
            if p is not None and p.name.lower() == re.sub(r"^the\s+", "", p.name.lower()) and len(same) == 1 and not self.ref.areas.in_name(p.name):
                self._merge(by_key, ctx, counts, key, same[0].key)
        for c in deferred:
            same = [p for p in by_key.values() if p.type_id == c.type_id]
            if len(same) == 1 and not ctx.covered(c.start, c.end):
                ctx.mentions.append(PMention(c.start, c.end, same[0].key, "partnership.type-coreference"))
                counts[same[0].key] += 1
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
        ctx.subject = self._subject(doc, ctx, by_key)
        ctx.main = ctx.subject or (counts.most_common(1)[0][0] if counts else None)
        ctx.section = self._sections(ctx)
        # "the Board" / "the Partnership": the section's partnership when its name ends so, else the one the
        # document defines so ("X (the Board)"), else the document's subject, else the only one
        extra = []
        for m in re.finditer(r"\b[Tt]he (Board|Partnership)\b(?![ -]*[A-Z(])", text):
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
        ctx.mentions = sorted(ctx.mentions + extra, key=lambda m: m.start)
        return doc

    def _definitions(self, doc: Doc, c: _Cand, p: PartnershipFact, ctx: Context) -> None:
        """What a name is called in the rest of the document, defined in brackets after it:
        '(the Board)', '("ABC" or "the Partnership")', '(referred to in this document as "the Partnership" or ABC)'."""
        text = _text(doc)
        m = _DEFINITION.match(text, c.end, min(len(text), c.end + 160))
        if m is None:
            return
        inner, base = m.group(1), m.start(1)
        rest = inner
        for d in re.finditer(r"\bthe\s+[\"“']?(Board|Partnership|Group|Forum|Committee|Executive)\b[\"”']?", inner, re.I):
            ctx.defined.setdefault(d.group(1).lower(), p.key)
            rest = rest.replace(d.group(0), " ")
        found = []
        for a in re.finditer(r"[\"“']?\b([A-Z][A-Za-z&]{1,8})\b[\"”']?", rest):
            if _is_acronym(a.group(1)):
                found.append(a.group(1))
                rest = rest.replace(a.group(0), " ", 1)
        if re.sub(r"\b(?:referred|to|in|this|these|the|document|arrangements|report|hereafter|herein|known|also|as|or|and|called|below)\b|[\s,;:\"“”'-]", "", rest, flags=re.I):
            return  # a comment in brackets, not a definition
        for a in found:
            i = text.find(a, base)
            p.abbreviations.setdefault(a, _mention(doc, c.start, i + len(a), "abbreviation.definition"))
            ctx.acronyms.setdefault(a, p.key)

    def _merge_aliases(self, by_key, ctx: Context, counts: Counter, aliases: dict[str, str], generic_keys: set[str]) -> None:
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
        text = _text(doc)
        named = [m for m in ctx.mentions if not m.rule.startswith(("coreference", "partnership.type-coreference"))]
        for t in all_spans(doc):
            if t.label_ != "PTYPE" or _is_acronym(t.text):
                continue
            cue = _IS_THE_TYPE.search(text, max(0, t.start_char - 200), t.start_char)
            if cue is None:
                continue
            subj = [m for m in named if m.end <= cue.start() and _STATED_GAP.fullmatch(text, m.end, cue.start())]
            if not subj or subj[-1].key not in by_key:
                continue
            dst = by_key[subj[-1].key]
            concept = self.ref.concept("partnership-type", t.kb_id_)
            labels = {v for lab in (concept.labels if concept else []) for v in (lab.lower(), lab.lower().replace("'s", ""))}
            for q in list(by_key.values()):
                bare = identity.strip_areas(q.name, self.ref.areas.names()).lower().replace("’", "'")
                if q.key != dst.key and q.type_id == t.kb_id_ and set(q.areas) == set(dst.areas) and bare in labels:
                    self._merge(by_key, ctx, counts, q.key, dst.key)

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
        start = self._extend_left(doc, s.end - 1, max(0, s.start - 12))
        return (doc[start].idx, s.end_char)

    def _is_type_statement(self, doc: Doc, c: _Cand) -> bool:
        before = _text(doc)[max(0, c.start - 40):c.start].lower()
        return bool(re.search(r"(?:\bis|\bas) (?:the|a|an)(?: statutory| non-statutory| local)* $", before))

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

    @staticmethod
    def _starts_with_name(ctx: Context, sent: Sentence) -> str | None:
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


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip()
    if name.isupper() and len(name.split()) >= 2 and sum(len(w) > 4 for w in name.split()) >= 2:
        # a name read from an upper-case heading ("SAFER AREATON PARTNERSHIP"): written as a name
        name = " ".join(w.lower() if w.lower() in ("and", "of", "for", "the", "in") else w.capitalize() for w in name.split())
    return name


def ctx_of(doc: Doc) -> Context:
    return doc._.sgkg_ctx


# =============================================================================
# statutory bases
# =============================================================================
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
        numbers = {section_key(b.rsplit("/", 1)[-1]) for b in ref.type_bases.get(type_id, ()) if re.search(r"/(?:section|regulation)/", b)}
        return bool(numbers & cited)

    keys = {p.key for p in facts.partnerships if based(p.type_id)}
    return keys.pop() if len(keys) == 1 else None


_PROVISION = re.compile(
    r"\b(?P<kind>sections?|s\.|ss\.|regulations?|reg\.|schedule|sch\.)\s*(?P<num>\d+[A-Z]{0,2})\b(?:\s*\(\d+\))?"
    # "sections 5 and 6 of", "sections 116 and 116A of", "ss. 13, 14 and 14A of"
    r"(?P<more>(?:\s*(?:,|and|or|&|-|–|to)\s*\d+[A-Z]{0,2}\b(?:\s*\(\d+\))?)+(?=\s+(?:of|in|to)\b))?", re.I
)
_MORE_NUMBERS = re.compile(r"\d+[A-Z]{0,2}\b(?!\s*\))", re.I)
# "the 2006 Act", "the 1998 Act": an Act named earlier in the document, by its year
_YEAR_ACT = re.compile(r"\b[Tt]he (\d{4}) Act\b")


def provision_numbers(m: re.Match) -> list[str]:
    """The section numbers of a provision citation ("sections 5 and 6" -> ["5", "6"])."""
    more = m.group("more") or ""
    found = re.fullmatch(r"\s*(?:[-–]|to)\s*(\d+)", more)
    if found and m.group("num").isdigit() and 0 < int(found.group(1)) - int(m.group("num")) <= 6:
        # "ss.13-14", "sections 5 to 7": a range of sections
        return [str(n) for n in range(int(m.group("num")), int(found.group(1)) + 1)]
    return [m.group("num")] + [n for n in _MORE_NUMBERS.findall(more)]


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
    back: bool = False  # "the 2006 Act": a back-reference to an Act named before


class BasisReader:
    def __init__(self, ref: Reference):
        self.ref = ref

    def refs(self, doc: Doc, sent: Sentence, last_act: str | None) -> list[LegRef]:
        """Acts and provisions cited in a sentence ("Section 13 of the Children Act 2004", "the Care Act 2014 (s.43)")."""
        legs = [s for s in spans(doc, "LEG", sent.start, sent.end)]
        legs = filter_spans(legs) + self._year_acts(doc, sent)
        legs.sort(key=lambda s: s.start_char)
        out: list[LegRef] = []
        used: set[int] = set()
        text = _text(doc)
        for m in _PROVISION.finditer(text, sent.start, sent.end):
            if any(leg.start_char <= m.start() < leg.end_char for leg in legs):
                continue  # "... Regulations 2006" is a title, not regulation 2006
            kind = m.group("kind").lower()
            kind = "schedule" if kind.startswith("sch") else "regulation" if kind.startswith("reg") else "section"
            num = m.group("num")
            act = None
            end = m.end()
            for i, leg in enumerate(legs):
                gap = text[m.end():leg.start_char]
                if leg.start_char >= m.end() and re.fullmatch(r"\s*(?:\(\d+\)\s*)?(?:of|in|to)?\s*(?:the|this)?\s*", gap):
                    act, used_i, end = leg.kb_id_, i, leg.end_char  # "Regulation 5 [of] the X Regulations 2006"
                    break
                gap2 = text[leg.end_char:m.start()]
                if leg.end_char <= m.start() and re.fullmatch(r"\s*[(,]?\s*", gap2):
                    act, used_i = leg.kb_id_, i
                    break
            if act is None:
                # "Section 14 sets out ...", "section 10 of this Act": the Act named last (no other Act follows closely)
                if re.match(r"\s*(?:of|in)\s+(?:this|that|the)\s+act", text[m.end():m.end() + 20], re.I) or not any(
                        0 <= leg.start_char - m.end() <= 40 for leg in legs):
                    before = [leg for leg in legs if leg.end_char <= m.start()]
                    act = before[-1].kb_id_ if before else last_act
                    used_i = None
                else:
                    continue
            if kind == "regulation" and act is not None and getattr(self.ref.legislation.get(act), "kind", "uksi") != "uksi":
                # a regulation number belongs to Regulations: the nearest ones the sentence names, else none
                sis = sorted((leg for leg in legs if getattr(self.ref.legislation.get(leg.kb_id_), "kind", "") == "uksi"),
                             key=lambda leg: abs(leg.start_char - m.end()))
                act, used_i = (sis[0].kb_id_, None) if sis else (None, None)
            if act is None:
                continue
            if used_i is not None:
                used.add(used_i)
            for n in provision_numbers(m):
                out.append(LegRef(m.start(), end, act, n, kind))
        for i, leg in enumerate(legs):
            if i not in used:
                out.append(LegRef(leg.start_char, leg.end_char, leg.kb_id_, None, "act", back=leg.label_ == "LEG_BACK"))
        out.sort(key=lambda r: r.start)
        return out

    @staticmethod
    def _acts_under(doc: Doc, ctx: Context, sent: Sentence, cue: SpacySpan) -> bool:
        """ "... under section N": a basis of the partnership only when the partnership is what acts under it
        (named before the cue, "It"/"Its" opening the sentence, or a function listed after "The Board will:"),
        not a procedure another body runs ("an enquiry under section 42")."""
        if any(m.end <= cue.start_char for m in ctx.in_sentence(sent)):
            return True
        body = _BULLET.sub("", sent.text, count=1).lstrip()
        if re.match(r"(?:It|Its|This|They|Their)\b", body):
            return True
        if not sent.bullet and not _BULLET.match(sent.text):
            return False
        for prev in reversed(ctx.sentences[max(0, sent.index - 12): sent.index]):
            if prev.text.rstrip().endswith(":"):
                return bool(ctx.in_sentence(prev))
            if not (prev.bullet or _BULLET.match(prev.text)):
                return False
        return False

    @staticmethod
    def _statutory_under(ctx: Context, sent: Sentence, cue: SpacySpan) -> bool:
        """ "X is the statutory CSP for Areaton under the 1998 Act": the partnership is named before the cue and
        called statutory between its name and the cue."""
        before = [m for m in ctx.in_sentence(sent) if m.end <= cue.start_char]
        if not before:
            return False
        between = sent.text[before[0].end - sent.start: cue.start_char - sent.start]
        return bool(re.search(r"\b(?:is|are|acts as|operates as)\b.*\bstatutory\b", between, re.I))

    def _year_acts(self, doc: Doc, sent: Sentence) -> list[SpacySpan]:
        """ "the 2006 Act" in a sentence: the Act of that year the document named before (the last one)."""
        out = []
        text = _text(doc)
        for m in _YEAR_ACT.finditer(text, sent.start, sent.end):
            named = [s for s in spans(doc, "LEG", 0, m.start()) if (act := self.ref.legislation.get(s.kb_id_)) is not None
                     and act.year == m.group(1) and act.kind == "ukpga"]
            span = doc.char_span(m.start(), m.end(), label="LEG_BACK", kb_id=named[-1].kb_id_) if named else None
            if span is not None:
                out.append(span)
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
            cue = next((c for c in cues if sent.start <= c.start_char < sent.end
                        and (c.id_ != "statutory-basis.under-provision" or self._acts_under(doc, ctx, sent, c))
                        and (c.id_ != "statutory-basis.statutory-under-act" or self._statutory_under(ctx, sent, c))), None)
            # "The Care Act 2014 states ...", "Section 14 sets out ...": each Act or provision just before such a verb
            stated = [(r, c) for c in act_cues if sent.start <= c.start_char < sent.end
                      for r0 in [next((r for r in reversed(refs) if r.end <= c.start_char and not r.back), None)]
                      if r0 is not None and c.start_char - r0.end <= 40
                      for r in refs if r.end == r0.end and not r.back]
            if cue is not None:
                chosen = [(r, cue.id_, cue.start_char) for r in ([r for r in refs if r.start >= cue.start_char] or refs)]
                chosen += [(r, c.id_, r.start) for r, c in stated if r.end <= cue.start_char]
            elif stated:
                chosen = [(r, c.id_, r.start) for r, c in stated]
            else:
                continue
            by_act = None if ctx.in_sentence(sent) else partnership_by_act(self.ref, doc, facts, sent)
            for r, rule, anchor in chosen:
                key = by_act or ctx.partnership_for(sent, before=anchor)
                if key is None:
                    continue
                prov, known = self.provision(r)
                target = prov or r.act
                if (key, target) in seen or (r.kind == "act" and any(r2.start < r.start and r2.act == r.act for r2, _, _ in chosen)):
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


# words between a membership cue and its list ("responsible authorities of the ...", "statutory partners, ...")
_LIST_LEAD = re.compile(r"(?:\s+|[,:;(]|[-–]\s|\b(?:of|the|our|its|their|including|include|includes|namely|known as|such as|are|is|were|being|both|named|\d+)\b)*", re.I)
# between two items of a list: "A (A2), B's and the C"
_LIST_SEP = re.compile(r"(?:\s*\([^()]{1,60}\))*(?:['’]s)?(?:\s*(?:,|;|\band\b|&|\)|/))+\s*(?:\b(?:and|the|our|its|their|a|an)\b\s*)*", re.I)
# between the end of a list and a cue after it: "A and B are also identified in the X Act as statutory members"
_LINK_BEFORE = re.compile(r"^(?:['’]s)?\s*(?:representatives?\s+|organisations?\s+|agencies\s+)?(?:are|is|were|will be|have been|as|being)\b[^,;]*$", re.I)
_LOOSE_NAME = re.compile(r"[A-Z][\w'’/-]*(?:\s+(?:[A-Z][\w'’/-]*|of|for)){0,5}(?=\s*(?:[,;.)]|\band\b|&|$))")
_LOOSE_LOWER = re.compile(r"[a-z][\w'’/-]*(?:\s+[a-z][\w'’/-]*){0,2}(?=\s*(?:[,;.)]|\band\b|&|$))")
_ROLE_ORDER = {"statutory-partner": 0, "responsible-authority": 0, "relevant-agency": 1, "member": 2}


class MemberReader:
    """Members named in a list anchored on a cue: "the statutory partners, A, B and C", "A and B are statutory
    members of X", "made up of: - A - B", "brings together the responsible authorities of A, B ..."."""

    def __init__(self, ref: Reference):
        self.ref = ref

    def orgs(self, doc: Doc, start: int, end: int, ctx: Context) -> list[OrgMention]:
        out: list[OrgMention] = []
        found = [s for s in all_spans(doc) if s.label_ == "OTYPE" and start <= s.start_char and s.end_char <= end]
        found = filter_spans(found)
        otype_toks = {i for s in found for i in range(s.start, s.end)}
        for s in found:
            if ctx.covered(s.start_char, s.end_char):
                continue
            i = s.start
            while i - 1 >= 0 and doc[i - 1].idx >= start:
                tok = doc[i - 1]
                if tok.lower_ in ("and", "&"):
                    # "Black Country and West Birmingham Clinical Commissioning Group", not "Police and CCG"
                    if i - 2 >= 0 and doc[i - 2].idx >= start and doc[i - 2].is_title and (i - 2) not in otype_toks and i - 1 > s.start - 6:
                        i -= 1
                        continue
                    break
                if not _NAME_TOKEN.match(tok.text) or tok.lower_ == "for" or (i - 1) in otype_toks:
                    break
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

    def parse_list(self, text: str, start: int, end: int, orgs: list[OrgMention], ctx: Context, *, lower: bool = False) -> list[OrgMention]:
        """The organisations listed from `start`: "A, B (B2) and the C"; a short name without a type word
        ("Health") counts in a list that names at least one organisation by its type."""
        items: list[OrgMention] = []
        pos = start
        while pos < end:
            o = next((o for o in orgs if pos <= o.start <= pos + 1), None)
            if o is None:
                m = _LOOSE_NAME.match(text, pos, end) or (_LOOSE_LOWER.match(text, pos, end) if lower and items else None)
                if m is None or m.group(0).lower() in STOP_WORDS or any(m.start() < e and s < m.end() for s, e in ctx.names):
                    break
                o = OrgMention(m.start(), m.end(), m.group(0), "other", True)
            items.append(o)
            sep = _LIST_SEP.match(text, o.end, end)
            if sep is None or sep.end() == o.end:
                break
            pos = sep.end()
        return items if any(o.org_type != "other" or not o.generic for o in items) else []

    def _partnership(self, doc: Doc, ctx: Context, facts: Facts, sent: Sentence, anchor: int) -> str | None:
        """The partnership a membership sentence is about: the one it names (before the cue first); for a
        sentence naming none but an Act ("The Care Act defines ..."), the one partnership of a type based on that Act."""
        if not ctx.in_sentence(sent):
            key = partnership_by_act(self.ref, doc, facts, sent)
            if key:
                return key
        return ctx.partnership_for(sent, before=anchor)

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        text = _text(doc)
        cues = [(r, r.kb_id_, f"membership.{r.kb_id_}") for r in all_spans(doc) if r.label_ == "MROLE"]
        cues += [(c, "member", c.id_) for c in spans(doc, "CUE_MEMBERS")]
        cues.sort(key=lambda x: (_ROLE_ORDER.get(x[1], 2), x[0].start_char))
        seen: dict[tuple[str, str], str] = {}
        for cue, role_id, rule in cues:
            sent = ctx.sentence_at(cue.start_char)
            if sent is None:
                continue
            key = self._partnership(doc, ctx, facts, sent, cue.start_char)
            if key is None:
                continue
            orgs = self.orgs(doc, sent.start, sent.end, ctx)
            lead = _LIST_LEAD.match(text, cue.end_char, sent.end)
            # a bare "member(s)" / "partner agencies" introduces no list in running text ("with partner agencies (A, B, etc)")
            weak = rule == "membership.member"
            found = [] if weak else [(o, sent) for o in self.parse_list(text, lead.end(), sent.end, orgs, ctx, lower=True)]
            for o in orgs:  # a list ending just before the cue
                if o.end > cue.start_char:
                    break
                items = self.parse_list(text, o.start, cue.start_char, orgs, ctx, lower=True)
                if items and _LINK_BEFORE.match(text[items[-1].end:cue.start_char]) and len(text[items[-1].end:cue.start_char].split()) <= 10:
                    found += [(x, sent) for x in items]
                    break
            # "List of Relevant Agencies" / "... made up of the statutory agencies known as:" followed by one item a line
            list_head = sent.text.rstrip().endswith(":") or (sent.heading and (sent.text.startswith("#") or not sent.bullet))
            following = re.search(r"\bfollowing\s+(?:[\w-]+\s+){0,2}$", text[sent.start:cue.start_char])  # "named the following relevant agencies, which ...:"
            if list_head and (len(text[cue.end_char:sent.end].split()) <= 8 or (following and sent.text.rstrip().endswith(":"))):
                whole = role_id == "relevant-agency"  # statutory partners are named by type; other lines are posts
                found += [(o, item) for item in self._list_after(ctx, sent) for o in self._item_orgs(doc, ctx, item, whole=whole)]
            for o, where in found:
                ident = (key, identity.slug(o.name))
                if not ident[1] or ident in seen:
                    continue
                seen[ident] = role_id
                p = facts.partnership(key)
                facts.organisations.append(OrganisationFact(
                    key, o.name, o.org_type, o.generic, role_id, p.areas if p else facts.areas,
                    _mention(doc, where.start, where.end, rule)))
        self._resolve_generic(facts)
        return doc

    def _resolve_generic(self, facts: Facts) -> None:
        """ "the Police", "LA", "integrated care board" as a statutory partner or responsible authority is the one
        organisation of that type the document names properly ("Areashire Police"), when there is one."""
        proper: dict[str, set[str]] = defaultdict(set)  # doc-wide
        statutory: dict[tuple[str, str], set[str]] = defaultdict(set)  # the partnership's own statutory partners
        for o in facts.organisations:
            if not o.generic:
                proper[o.org_type].add(o.name)
                if o.role in ("statutory-partner", "responsible-authority"):
                    statutory[(o.partnership, o.org_type)].add(o.name)
        out: list[OrganisationFact] = []
        seen: set[tuple[str, str]] = set()
        for o in facts.organisations:
            concept = self.ref.concept("org-type", o.org_type)
            names = {n.lower() for n in concept.names} if concept else set()
            name = re.sub(r"^the\s+|['’]s$", "", o.name.lower())
            pool = statutory[(o.partnership, o.org_type)] or proper[o.org_type]
            if o.generic and o.role in ("statutory-partner", "responsible-authority") and name in names and len(pool) == 1:
                o.name, o.generic = next(iter(pool)), False
            ident = (o.partnership, identity.slug(o.name))
            if ident not in seen:
                seen.add(ident)
                out.append(o)
        facts.organisations = out

    def _item_orgs(self, doc: Doc, ctx: Context, item: Sentence, *, whole: bool = True) -> list[OrgMention]:
        """A list item names one organisation: its first organisation when the rest is a comment
        ("X (SCT) for the provision of ..."), else the whole item ("Schools, Colleges and other Education providers")."""
        text = _text(doc)
        body = re.sub(r"^(?:[-–•o*]\s+|\(?[a-z0-9]{1,3}[.)]\s+)+", "", item.text)
        start = item.end - len(body)
        orgs = self.orgs(doc, start, item.end, ctx)
        first = next((o for o in orgs if o.start <= start + 1), None)
        if first is not None:
            rest = re.sub(r"^(?:\s*\([^()]*\))*(?:['’]s)?\s*", "", text[first.end:item.end]).strip(" .;,")
            if not rest or rest[:1].islower():
                return [first]
        if not whole:
            return []
        name = re.sub(r"\s*\([^()]*\)\s*", " ", body)
        name = re.sub(r"\s+", " ", name).strip(" .;,")
        if not name or not name[:1].isupper() or len(name.split()) > 12 or ctx.covered(start, item.end):
            return []
        otype = orgs[0].org_type if orgs else "other"
        return [OrgMention(start, item.end, name, otype, True)]

    @staticmethod
    def _list_after(ctx: Context, sent: Sentence) -> list[Sentence]:
        items: list[Sentence] = []
        for s in ctx.sentences[sent.index + 1: sent.index + 40]:
            if s.text.rstrip().endswith(":") or s.text.startswith("#"):
                break  # the next list's heading, the next section
            if s.bullet or (len(s.text.split()) <= 10 and not _END.search(s.text.rstrip(",;")) and not s.heading) or (s.heading and not s.text.startswith("#") and len(s.text.split()) <= 10):
                items.append(s)
                continue
            break
        return items


# =============================================================================
# roles
# =============================================================================
_HONORIFIC = r"(?:Cllr\.?|Councillor|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Professor|Prof\.?|Sir|Dame|Chief Superintendent|Superintendent|Chief Constable|Chief Inspector|Detective Superintendent|Detective Chief Superintendent)"
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
# --- helpers shared by the duty, relationship and priority readers ----------------------------
_PERIOD_ANY = re.compile(r"\b((?:19|20)\d\d)\s?[/–-]\s?((?:19|20)?\d\d)\b|\b((?:19|20)\d\d)\s+(?:to\s+)?((?:19|20)\d\d)\b")
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_PLURAL_GROUP = re.compile(
    r"\b(each of the|all(?: of)?(?: the)?|both(?: of)?(?: the)?|the|these|those|other|our|their)\s+((?:[\w'’-]+\s+){0,3}?)(boards|partnerships)\b", re.I)
_GROUP_NOISE = {"statutory", "strategic", "respective", "adjacent", "other", "key", "local", "individual", "partnership", "main",
                "relevant", "named", "four", "three", "two", "five", "six", "partner", "public", "wider", "sister"}
_ANAPHOR_START = re.compile(r"^(?:[-•]\s*)?(?:the (?:board|partnership)['’]?s?\b|it\b|its\b|they\b|their\b|this\b|these\b|the key\b|findings\b)", re.I)


def resolved_content(m: re.Match) -> list[str]:
    """The qualifying words of a plural reference ("safeguarding" in "both Safeguarding Boards")."""
    quals = [w.lower().strip("'’") for w in m.group(2).split()]
    return [w for w in quals if w not in _GROUP_NOISE and w not in _NUMBER_WORDS and w not in STOP_WORDS]


def period_in(text: str) -> str | None:
    """The first plausible period ("2019-22", "2020/21", "2021 2022") in a text, normalised."""
    for m in _PERIOD_ANY.finditer(text):
        a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        p = norm_period(a, b)
        if p:
            return p
    return None


class Attribution:
    """Who a sentence speaks of, for the category readers: named partnerships, anaphora, plural groups."""

    def __init__(self, doc: Doc, ctx: "Context", facts: Facts):
        self.doc, self.ctx, self.facts = doc, ctx, facts
        self.text = _text(doc)
        self.usable = {p.key for p in facts.partnerships if p.type_id != "subgroup"}
        self.names = {p.key: p.name.lower().replace("’", "'") for p in facts.partnerships}
        self.counts: Counter = Counter(m.key for m in ctx.mentions if m.key in self.usable)
        self.parties = self._parties()

    def named(self, sent: "Sentence", start: int | None = None, end: int | None = None) -> list[PMention]:
        lo = sent.start if start is None else start
        hi = sent.end if end is None else end
        return [m for m in self.ctx.in_sentence(sent) if m.key in self.usable and m.start >= lo and m.end <= hi]

    def section(self, sent: "Sentence") -> str | None:
        key = self.ctx.section[sent.index] if self.ctx.section else self.ctx.main
        if key in self.usable:
            return key
        return self.ctx.main if self.ctx.main in self.usable else None

    def previous_on_line(self, sent: "Sentence") -> "Sentence | None":
        """The sentence before, when it ends on the line this one starts on (same paragraph or table cell)."""
        if sent.index == 0:
            return None
        prev = self.ctx.sentences[sent.index - 1]
        return prev if "\n" not in self.text[prev.end:sent.start] and not prev.heading else None

    def lookback(self, sent: "Sentence") -> str | None:
        """The last partnership named in the previous sentence of the same paragraph."""
        prev = self.previous_on_line(sent)
        if prev is None:
            return None
        named = self.named(prev)
        return named[-1].key if named else None

    def owner(self, sent: "Sentence", before: int | None = None) -> str | None:
        """The partnership a sentence is about: named (the last before `before`), else an anaphor's antecedent, else the section's."""
        named = self.named(sent)
        if before is not None:
            earlier = [m for m in named if m.end <= before]
            if earlier:
                return earlier[-1].key
        if named:
            return named[0].key
        if _ANAPHOR_START.match(sent.text):
            back = self.lookback(sent)
            if back:
                return back
        return self.section(sent)

    def top(self, n: int) -> list[str]:
        return [k for k, _ in self.counts.most_common(n)]

    def _parties(self) -> list[str]:
        """The partnerships a joint document is between: those a protocol sentence names, else the N most named."""
        for sent in self.ctx.sentences:
            if re.search(r"\b(?:protocol|memorandum of understanding)\b.*\bbetween\b|\bjoint[- ]working between\b", sent.text, re.I):
                named = list(dict.fromkeys(m.key for m in self.named(sent)))
                if len(named) >= 2:
                    return named
        m = re.search(r"\b(?:the|all|between the|all of the|across the|across all)\s+(two|three|four|five|six|[2-6])\s+(?:[\w-]+\s+)?(?:boards|partnerships)\b", self.text, re.I)
        if m:
            statutory = {p.key for p in self.facts.partnerships if p.statutory}
            ranked = sorted(self.counts, key=lambda k: (k not in statutory, -self.counts[k]))
            return ranked[:_NUMBER_WORDS[m.group(1).lower()]]
        frequent = [k for k, c in self.counts.most_common() if c >= 2]
        return frequent if len(frequent) >= 2 else list(self.counts)

    def plural(self, start: int, end: int) -> list[tuple[re.Match, list[str] | None]]:
        """Plural references to partnerships in text[start:end] ("both Safeguarding Boards", "each of the four Partnerships")."""
        out = []
        for m in _PLURAL_GROUP.finditer(self.text, start, end):
            out.append((m, self.resolve_plural(m)))
        return out

    def resolve_plural(self, m: re.Match) -> list[str] | None:
        det = m.group(1).lower()
        quals = [w.lower().strip("'’") for w in m.group(2).split()]
        number = next((_NUMBER_WORDS[w] for w in quals if w in _NUMBER_WORDS), None)
        content = [w for w in quals if w not in _GROUP_NOISE and w not in _NUMBER_WORDS and w not in STOP_WORDS]
        if content:
            chosen = [k for k in self.parties or list(self.counts) if all(w in self.names.get(k, "") for w in content)]
            if len(chosen) < 2:
                chosen = [k for k in self.counts if all(w in self.names.get(k, "") for w in content)]
            head = m.group(3).lower()[:-1]
            narrowed = [k for k in chosen if self.names.get(k, "").endswith(head)]
            chosen = narrowed if len(narrowed) >= 2 else chosen
            return chosen or None
        if det in ("these", "those"):
            return None  # the caller looks at the sentence before
        if number and not {"other", "adjacent", "respective"} & set(quals) and len(self.parties) != number:
            return self.top(number)
        return list(self.parties)


# --- duties -------------------------------------------------------------------------------------
_LIST_INTRO_END = re.compile(r"(?::\s*-?|\bare|\bincludes?|\bto)\s*(?:\(?[ivx]{1,4}\)|\(?[a-z]\)|\d{1,2}[.)])?\s*$", re.I)
_MARKER_ONLY = re.compile(r"^\s*(?:[-•]\s*)?\(?(?:[ivx]{1,4}|[a-z]|\d{1,2})[.)]\s*$", re.I)
_PARA_NUMBER = re.compile(r"^\s*(?:[-•]\s*)?\d{1,2}\.\d{1,2}\b")
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


# --- relationships --------------------------------------------------------------------------------
_GROUP_KINDS = {"joint-protocol", "joint-chairs-meeting"}
_ORG_TARGET_KINDS = {"presents-annual-report-to", "reports-to"}
_EACH = re.compile(r"\b(?:each|every)\s+(?:respective\s+|individual\s+)?(?:partnership|board)\b", re.I)
_LIST_FOLLOWS = re.compile(r"^(?:this|these|which)?\s*(?:includes?|including|namely|are)\b\s*[;:,]?", re.I)


@Language.factory("sgkg_relationships", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_relationships(nlp: Language, name: str):
    _ensure_extensions()
    return RelationshipReader(load_reference())


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

    def __init__(self, ref: Reference):
        self.ref = ref

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
        for sent in ctx.sentences:
            cue = self._cue(sent, [c for c in cue_spans if sent.start <= c.start_char < sent.end], att)
            before = len(facts.relationships)
            if cue is not None:
                freq = self._frequency(sent, freqs, text, cue.kind)
                for source, target, org in self._edges(sent, cue, att, doc):
                    self._add(facts, seen, doc, sent, cue.kind, cue.rule, freq, source, target, org)
            if len(facts.relationships) == before:
                for kind, rule, freq, source, target, org in self._frames(sent, att, doc, freqs):
                    self._add(facts, seen, doc, sent, kind, rule, freq, source, target, org)
        return doc

    @staticmethod
    def _add(facts: Facts, seen: set, doc: Doc, sent: "Sentence", kind: str, rule: str, freq, source, target, org) -> None:
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
        m = _mention(doc, sent.start, sent.end, rule)
        if target:
            facts.relationships.append(RelationshipFact(source, target, kind, freq, label, m))
        else:
            facts.relationships.append(RelationshipFact(source, "org:" + org[0], kind, freq, label, m, org[1]))

    # -- verb frames: other verbs and word orders ("reports quarterly to", "is presented each autumn to",
    #    "represents the Board on", "receives the annual report of", "a joint protocol with") ---------------------
    _FRAMES = (
        ("relationship.frame.receives", re.compile(r"\b(?:receives?|received|receiving|considers?|considered|scrutinises?|scrutinised)\s+(?:the|an?|their|its)?\s*(?:\w+\s+){0,2}?(?:annual|yearly)\s+reports?\s+(?P<prep>of|from)\b", re.I)),
        ("relationship.frame.represents", re.compile(r"\b(?:represents?|represented|representing)\b(?!\s+(?:on|at|by|from)\b)[^.;:]{1,80}?\s(?P<prep>on|at)\b", re.I)),
        ("relationship.frame.sits-on", re.compile(r"\b(?:sits?|sat|serves?|served)\s+(?P<prep>on)\b", re.I)),
        ("relationship.frame.protocol-with", re.compile(r"\b(?:protocol|memorandum of understanding|working agreement)\b[^.;:]{0,40}?\s(?P<prep>with)\b", re.I)),
        ("relationship.frame.progress-update", re.compile(r"\b(?:provides?|provided|gives?|submits?|sends?)\b[^.;:]{0,40}?\b(?:progress\s+)?(?:updates?|progress reports?)\b[^.;:]{0,80}?\s(?P<prep>to)\b", re.I)),
        ("relationship.frame.presents", re.compile(r"\b(?:presents?|presented|presenting|submits?|submitted|sends?|sent|takes?|taken)\b[^.;:]{0,120}?\s(?P<prep>to)\b", re.I)),
        ("relationship.frame.reports", re.compile(r"\b(?:reports?|reported|reporting)(?:\s+(?!to\b)[\w-]+){1,3}?\s+(?P<prep>to)\b", re.I)),
        ("relationship.frame.shares", re.compile(r"\b(?:shares?|shared|sharing)\b[^.;:]{0,100}?\s(?P<prep>with)\b", re.I)),
    )
    _SUBJECT = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:the|this|our|its|their)\s+(?:partnership|board|(?:independent\s+)?chair|annual report|yearly report|"
                          r"strategic assessment|(?:\w+\s+)?plan|report)\b|^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:it|we|they)\b", re.I)
    _NOT_A_PARTY = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:the\s+)?(?:following|these|those|all|each|its|our|the)?\s*(?:\w+\s+){0,3}(?:sub-?groups?|groups|panels?|officers?|leads?|managers?|"
                             r"performance|progress|members)\b", re.I)

    def _frame_kind(self, rule: str, clause: str) -> str | None:
        low = clause.lower()
        if rule.endswith("receives"):
            return "presents-annual-report-to"
        if rule.endswith(("represents", "sits-on")):
            return "represented-on"
        if rule.endswith("protocol-with"):
            return "joint-protocol" if re.search(r"\bjoint\b|\bagreed\b|\bsigned\b|\bpublished\b", low) else None
        if re.search(r"strategic (?:\w+ )?assessment", low):
            return "shares-strategic-assessment-with" if rule.endswith(("shares", "presents")) else None
        if rule.endswith("shares"):
            return "shares-plans-with" if re.search(r"\bplans?\b|\bpriorities\b", low) else None
        if rule.endswith("progress-update") or re.search(r"\bprogress\b|\bupdates?\b", low) and not re.search(r"\b(?:annual|yearly) report", low):
            return "progress-update-to"
        if re.search(r"\b(?:annual|yearly) reports?\b", low):
            return "presents-annual-report-to"
        return "reports-to"

    def _frames(self, sent: "Sentence", att: Attribution, doc: Doc, freqs: list):
        """Relationships read from verb frames, clause by clause: the subject (a partnership named before the verb, or the
        document's partnership for "The Partnership"/"The Chair"/"Our annual report"), the kind from the verb and what it
        moves (annual report, strategic assessment, progress update), the targets after the preposition."""
        text = att.text
        found = []
        for rule, rx in self._FRAMES:
            for m in rx.finditer(sent.text):
                if not any(m.start() < e and s < m.end() for s, e, _, _ in found):
                    found.append((m.start(), m.end(), rule, m))
        found.sort()
        subject = None
        for n, (start, end, rule, m) in enumerate(found):
            a, z = sent.start + start, sent.start + end
            clause_end = sent.start + found[n + 1][0] if n + 1 < len(found) else sent.end
            prev_end = sent.start + found[n - 1][1] if n else sent.start
            kind = self._frame_kind(rule, text[sent.start:z] if rule.endswith("presents") else text[prev_end:clause_end])
            if kind is None:
                continue
            after = [x for x in att.named(sent, z, clause_end)
                     if not re.match(r"['’]?s?\s+(?:meetings?|agendas?|website|business)\b", text[x.end:x.end + 20], re.I)]
            if rule.endswith("receives"):
                sources, targets = [x.key for x in after[:1]], [subject or self._subject(sent, att, a)]
            else:
                # a later clause ("..., and presents ...") keeps the subject of the first unless it names its own
                own = att.named(sent, prev_end, a) if subject is None or re.search(r"[;:]\s|\.\s", text[prev_end:a]) else []
                if rule.endswith("represents"):
                    own = att.named(sent, a, sent.start + m.start("prep")) or own
                    if not own and re.search(r"\b(?:the|our|this)\s+(?:partnership|board)\b", m.group(0), re.I):
                        own = []
                        subject = att.section(sent)
                if own:
                    subject = own[-1].key
                elif subject is None:
                    if self._NOT_A_PARTY.match(text[sent.start:a]):
                        continue  # "The following groups report to the Partnership": subgroups, not partnerships
                    subject = self._subject(sent, att, a)
                sources, targets = [subject], list(dict.fromkeys(x.key for x in after))
            freq = next((f.kb_id_ for f in freqs if prev_end <= f.start_char < clause_end), None) or (
                "annually" if kind == "presents-annual-report-to" else None)
            for src in sources:
                for t in targets:
                    yield kind, rule, freq, src, t, None
                if not targets and kind in _ORG_TARGET_KINDS:
                    for org in self._committees(att, z, clause_end) or self._organisations(doc, att, z, clause_end):
                        yield kind, rule, freq, src, None, org

    def _subject(self, sent: "Sentence", att: Attribution, verb: int) -> str | None:
        before = att.text[sent.start:verb]
        if self._SUBJECT.match(before) or re.search(r"\bchair\b", before, re.I):
            return att.lookback(sent) if re.match(r"^\W*(?:it|they)\b", before, re.I) and att.lookback(sent) else att.section(sent)
        return None

    _COMMITTEE = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:(?:and|&|of|for)\s+)?){1,7}(?:Committee|Cabinet))\b")

    def _committees(self, att: Attribution, start: int, end: int) -> list[tuple[str, str]]:
        """Council committees named after the cue ("the Council's Adults and Community Wellbeing Scrutiny Committee")."""
        out = []
        for m in self._COMMITTEE.finditer(att.text, start, end):
            name = re.split(r"['’]s\s+", m.group(1))[-1].strip()
            name = re.sub(r"^(?:The|A|An)\s+", "", name)
            if len(name.split()) >= 2 and not att.ctx.covered(m.start(1), m.end(1)):
                out.append((name, "local-authority"))
        return out

    # -- the cue and its kind ----------------------------------------------------------------------
    def _cue(self, sent: "Sentence", found: list[SpacySpan], att: Attribution) -> _RelCue | None:
        t = sent.text
        proto = re.search(r"\b(?:protocol|memorandum of understanding)\b.*?\b(between)\b|\bjoint[- ]working (between)\b", t, re.I)
        if proto:
            i = sent.start + proto.start(1 if proto.group(1) else 2)
            return _RelCue(i, i + len("between"), "joint-protocol", "relationship.protocol-between")
        if not found:
            return None
        # vocabulary phrases (RELKIND) are more specific than the structural cues
        found = sorted(found, key=lambda c: (c.label_ != "RELKIND", c.start_char))
        c = found[0]
        kind, rule = c.kb_id_, c.id_
        low = t.lower()
        annual = "annual report" in low
        if kind == "joint-protocol":
            return None  # "the partnership protocol" named without the parties it is between
        if kind in ("shares-plans-with", "presents-annual-report-to", "reports-to") and re.search(r"\bassessment\b", low):
            prev = att.ctx.sentences[sent.index - 1].text.lower() if sent.index else ""
            if re.search(r"strategic (?:\w+ )?assessment", low) or (re.search(r"\bthe assessment\b", low) and re.search(r"strategic (?:\w+ )?assessment", prev)):
                kind = "shares-strategic-assessment-with"
        elif kind in ("shares-plans-with", "presents-annual-report-to", "reports-to") and annual and c.label_ == "CUE_REL" and c.kb_id_ != "reports-to":
            kind = "presents-annual-report-to"
        elif kind == "presents-annual-report-to" and not annual:
            kind = "reports-to"
        if kind == "member-of":
            kind = "represented-on"
        if kind == "shares-plans-with" and not re.search(r"\bplans?\b|\bthese\b|\bthey\b", low):
            return None
        return _RelCue(c.start_char, c.end_char, kind, rule)

    @staticmethod
    def _frequency(sent: "Sentence", freqs: list[SpacySpan], text: str, kind: str) -> str | None:
        inside = [f for f in freqs if sent.start <= f.start_char < sent.end]
        if inside:
            return inside[0].kb_id_
        line_start = text.rfind("\n", 0, sent.start) + 1
        row = [f for f in freqs if line_start <= f.start_char < sent.start]
        if row and text[line_start:sent.start].strip():
            return row[0].kb_id_
        return "annually" if kind == "presents-annual-report-to" else None

    # -- source and targets ------------------------------------------------------------------------
    def _edges(self, sent: "Sentence", cue: _RelCue, att: Attribution, doc: Doc):
        text = att.text
        if re.match(r"\s*(?:the\s+|every\s+|each\s+|all\s+)?(?:[\w'’-]+\s+){0,2}meetings?\b", text[cue.end:sent.end], re.I):
            return []  # "Performance is reported to every Partnership meeting": an agenda, not a relationship
        named = att.named(sent)
        reverse = cue.kind == "represented-on" and re.match(r"\s*(?:representation|represented|members?)\s+from\b", text[cue.start:cue.end + 20], re.I)
        head, tail = (sent.start, cue.start), (cue.end, sent.end)
        if reverse:
            head, tail = tail, head
        sources = self._parties_in(att, sent, *head, last=not reverse)
        targets = self._parties_in(att, sent, *tail, last=False)
        if cue.kind == "joint-protocol" and len({m.key for m in named}) < 2 and not att.plural(sent.start, sent.end):
            return []
        if cue.kind in _GROUP_KINDS or "group" in (sources, targets) or (not sources and targets and set(att.parties) <= set(targets)):
            group = self._group(sent, att, named)
            first = sources[0] if isinstance(sources, list) and len(sources) == 1 else group[0] if group else None
            return [(first, k, None) for k in group if k != first] if first else []
        if not sources:
            sources = self._implicit_source(sent, cue, att)
        if not sources:
            return []
        if not targets:
            targets = self._following_list(sent, att)
        if targets:
            orgs = self._committees(att, cue.end, sent.end) if cue.kind in _ORG_TARGET_KINDS else []
            return [(s, t, None) for s in sources for t in targets if s != t] + [(s, None, o) for s in sources for o in orgs]
        if cue.kind in _ORG_TARGET_KINDS:
            return [(s, None, o) for s in sources for o in self._organisations(doc, att, cue.end, sent.end)]
        return []

    def _group(self, sent: "Sentence", att: Attribution, named: list[PMention]) -> list[str]:
        """The parties of a group relationship: those named, else the plural's referents, else the document's parties."""
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
        """"these Partnerships": those named in the sentence before, with the section's own partnership."""
        back = att.previous_on_line(sent) or (att.ctx.sentences[sent.index - 1] if sent.index else None)
        resolved = list(dict.fromkeys(x.key for x in att.named(back))) if back else []
        own = att.section(sent)
        if resolved and own and own not in resolved:
            resolved = [own] + resolved
        return resolved

    def _parties_in(self, att: Attribution, sent: "Sentence", start: int, end: int, *, last: bool):
        """Partnerships named in text[start:end] (the last one only for a source), or "group" for each/all of them."""
        named = att.named(sent, start, end)
        if not named and _EACH.search(att.text, start, end):
            return "group"
        keys: list[str] = []
        for m, resolved in att.plural(start, end):
            det = m.group(1).lower()
            if det == "other" and not resolved_content(m):
                resolved = self._following_list(sent, att) or resolved
            elif resolved is None:
                resolved = self._these(sent, att)
            if resolved and set(resolved) == set(att.parties) and not m.group(2).strip() and det != "both" and not named:
                return "group"
            keys += resolved or []
        if named:
            own = [m.key for m in named]
            if last and not keys:
                return [own[-1]]
            keys += own
        return list(dict.fromkeys(keys))

    @staticmethod
    def _implicit_source(sent: "Sentence", cue: _RelCue, att: Attribution) -> list[str]:
        """The source of a sentence that names none before its cue: the chair's partnership, an anaphor's antecedent, ..."""
        before = att.text[sent.start:cue.start]
        if re.search(r"\bchair\b", before, re.I) or spans(att.doc, "PROLE", sent.start, cue.start):
            own = att.ctx.main if att.ctx.main in att.usable else att.section(sent)
            return [own] if own else []
        back = att.lookback(sent)
        if re.search(r"\b(?:it|its|we|our|the (?:board|partnership))\b", before, re.I):
            own = back or att.section(sent)
            return [own] if own else []
        if back:
            return [back]
        if cue.kind == "presents-annual-report-to" and re.search(r"\b(?:the|its|our|their|this) annual reports?\b", att.text[sent.start:cue.end], re.I):
            own = att.section(sent)
            return [own] if own else []
        return []

    @staticmethod
    def _following_list(sent: "Sentence", att: Attribution) -> list[str]:
        """Targets listed in the next sentence ("... shared with other strategic boards. This includes; X, Y and Z")."""
        if sent.index + 1 >= len(att.ctx.sentences):
            return []
        nxt = att.ctx.sentences[sent.index + 1]
        if not (sent.text.rstrip().endswith(":") or _LIST_FOLLOWS.match(nxt.text)):
            return []
        return list(dict.fromkeys(m.key for m in att.named(nxt)))

    @staticmethod
    def _organisations(doc: Doc, att: Attribution, start: int, end: int) -> list[tuple[str, str]]:
        """Organisations named after the cue ("the Local Authority Scrutiny Committee, the Police and Crime Commissioner")."""
        out: list[tuple[str, str]] = []
        for s in filter_spans([x for x in all_spans(doc) if x.label_ == "OTYPE" and start <= x.start_char and x.end_char <= end]):
            if att.ctx.covered(s.start_char, s.end_char) or _is_acronym(s.text) or re.search(r"\bof (?:the )?$", att.text[max(start, s.start_char - 8):s.start_char]):
                continue  # "the chief executive of the local authority": a post, not the organisation
            j = s.end
            while j < len(doc) and doc[j].idx < end and re.fullmatch(r"[A-Z][a-z]+", doc[j].text) and doc[j].lower_ not in _CONNECTOR:
                j += 1
            name = _clean(doc[s.start:j].text)
            if name.lower() not in (n.lower() for n, _ in out):
                out.append((name, s.kb_id_))
        return out


# --- priorities -----------------------------------------------------------------------------------
_PRIORITY_WORD = re.compile(r"\bpriorit(?:y|ies)\b|\bambitions\b|\bthemes?(?: areas)?\b|\bthemed areas\b|\bareas? (?:of|for) focus\b|\bfocus areas\b", re.I)
_PRIORITY_STRICT = re.compile(r"\bpriorit(?:y|ies)\b", re.I)
_PRIORITY_SUBJECT = re.compile(r"^(?:[-•]\s*)?(?:the|our|its|their|these|key|strategic|joint|shared)\b[^.]{0,30}\b(?:priorities|ambitions)\b", re.I)
_NOT_PRIORITIES = re.compile(r"\b(?:values|behaviours|principles)\b", re.I)
_INLINE_PRIORITY = re.compile(r"^\s*(?:[-•]\s*)?((?:joint|shared|key|strategic)\s+)?priority\s*(?:\d{1,2}|[A-Z]|one|two|three|four|five)\s*[:.\-–]\s*(.{4,})$", re.I | re.S)
_PRIORITY_FOR = re.compile(r"^(?P<label>.{4,160}?)\s+(?:has been|have been|is|was|are|remains|will be|has to be)\s+(?:a|an|our|the|one of (?:our|the))?\s*(?:key |main |top |strategic |joint |shared )?priorit(?:y|ies)\s+(?:for|of)\s+", re.I | re.S)
_JOINT_NOTE = re.compile(r"^\(?\s*an?\s+(?:joint |shared |strategic |key )*priority\s+(?:for|across|of)\s+(?:all\s+)?(?:the\s+)?(?:\d|two|three|four|five|all)\b.*?\b(?:boards|partnerships)\b", re.I)
_EXPLICIT_INTRO = re.compile(r"(?::\s*-?\s*$|\b(?:below|as follows|these are|are as follows)\b)", re.I)
_TRAILING_MARKER = re.compile(r"\s+\(?(?:[a-h]|[ivx]{1,4}|\d{1,2})[.)]\s*$")


@Language.factory("sgkg_priorities", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_priorities(nlp: Language, name: str):
    _ensure_extensions()
    return PriorityReader(load_reference())


class PriorityReader:
    """Priorities: numbered ones ("Joint Priority 1: X"), lists under an introduction ("Our priorities for 2020-22:",
    a "Key Priorities" heading, a priority matrix), and statements ("X has been a priority for the Board").
    Joint when the introduction says so or names several partnerships."""

    MAX_ITEMS = 25

    def __init__(self, ref: Reference):
        self.ref = ref

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        self.att = Attribution(doc, ctx, facts)
        self.themes = [s for s in all_spans(doc) if s.label_ == "THEME"]
        self.seen: set[str] = set()
        self.doc, self.facts = doc, facts
        self.listed_until = -1  # sentences up to here belong to a list already read
        self.contents = self._contents(ctx)
        for sent in ctx.sentences:
            inline = _INLINE_PRIORITY.match(sent.text)
            if inline:
                joint = bool(inline.group(1) and inline.group(1).lower().strip() in ("joint", "shared"))
                self._add(sent, inline.group(2), self._owners(sent, joint, [sent]), joint, period_in(sent.text), "priority.numbered")
                continue
            stated = _PRIORITY_FOR.match(sent.text)
            if stated:
                owner = self.att.named(sent, start=sent.start + stated.end())
                if owner and not self.att.named(sent, end=sent.start + stated.end("label")):
                    self._add(sent, stated.group("label"), (owner[0].key,), False, period_in(sent.text), "priority.stated")
                    continue
            note = _JOINT_NOTE.match(sent.text)
            if note and sent.index > 0:
                prev = ctx.sentences[sent.index - 1]
                label = self._theme_label(prev) or prev.text
                self._add(prev, label, self._owners(sent, True, [sent]), True, None, "priority.joint-note")
                continue
            if sent.index > self.listed_until and sent.index not in self.contents and _PRIORITY_WORD.search(sent.text) and self._is_intro(sent):
                self._list(sent)
        return doc

    @staticmethod
    def _contents(ctx: "Context") -> set[int]:
        """Sentences of a table of contents: after a 'Contents' heading, the short lines and numbers up to the first prose,
        and any run of three or more short lines ending in a page number."""
        out: set[int] = set()
        sents = ctx.sentences
        for s in sents:
            if re.fullmatch(r"(?:table of )?contents|index", s.text.strip(), re.I):
                for t in sents[s.index + 1: s.index + 60]:
                    if len(t.text.split()) > 12 or (_END.search(t.text) and not _MARKER_ONLY.match(t.text)):
                        break
                    out.add(t.index)
        run: list[int] = []
        for s in sents:
            if len(s.text.split()) <= 12 and re.search(r"[A-Za-z][\w)]*\s*\.*\s+\d{1,3}$", s.text):
                run.append(s.index)
                continue
            if _MARKER_ONLY.match(s.text) and run:
                continue
            if len(run) >= 3:
                out.update(range(run[0], run[-1] + 1))
            run = []
        return out

    @staticmethod
    def _is_intro(sent: "Sentence") -> bool:
        """An introduction of a list of priorities: "...priorities for 2020-22 are:", "The priorities ... below", a short heading."""
        t = sent.text.strip()
        if _INLINE_PRIORITY.match(t) or _NOT_PRIORITIES.search(t):
            return False
        if re.search(r"(?::\s*-?|\bthese are|\bas follows)\s*$", t, re.I):
            return True
        if re.search(r"\b(?:below|as follows)\b", t, re.I):
            return bool(_PRIORITY_SUBJECT.match(t))
        return sent.heading and len(t.split()) <= 10 and bool(_PRIORITY_STRICT.search(t))

    def _list(self, intro: "Sentence") -> None:
        ctx = self.att.ctx
        explicit = bool(_EXPLICIT_INTRO.search(intro.text))
        items: list[Sentence] = []
        between: list[Sentence] = []  # sentences between the introduction and the first item
        mode = plain = None
        expect = False
        for s in ctx.sentences[intro.index + 1: intro.index + 1 + 2 * self.MAX_ITEMS]:
            t = re.sub(r"</?u>", "", s.text).strip()
            if len(items) >= self.MAX_ITEMS:
                break
            if _MARKER_ONLY.match(t):
                expect, mode = True, mode or "marked"
                continue
            if _PARA_NUMBER.match(t) or t.startswith("#"):
                break
            if _INLINE_PRIORITY.match(t) or _JOINT_NOTE.match(t):
                break
            if _PRIORITY_STRICT.search(t) or (not items and _PRIORITY_WORD.search(t)):
                if not items:
                    between.append(s)
                    explicit = explicit or bool(_EXPLICIT_INTRO.search(t))
                    continue
                if t.endswith(":"):
                    mode, expect = None, False
                    continue
                break
            if t.endswith(":") and items:
                if not explicit and plain:
                    break
                mode, expect = None, False
                continue
            words = len(t.split())
            if self._is_partnership_line(s):
                if not items:
                    between.append(s)
                    continue
                break
            if expect:
                ok = True
            elif s.bullet:
                ok = mode in (None, "bullet", "marked")
                mode = mode or "bullet"
            elif mode in (None, "plain") and (words <= 12 and not _END.search(t) or explicit and words <= 40):
                ok = True
                mode = plain = "plain"
            elif t.startswith("("):
                continue
            else:
                ok = False
            if not ok and not items and len(between) < 3 and _END.search(t) and self._marker_next(s):
                between.append(s)  # a sentence of prose between the introduction and a numbered list
                continue
            if not ok or s.index in self.contents:
                break
            rest = _TRAILING_MARKER.sub("", t)
            expect = rest != t
            if len(self._clean_label(_BULLET.sub("", rest))) < 4:
                continue
            if expect and len(rest.split()) <= 3 and not items:
                continue  # "This includes a."
            if expect and len(rest.split()) <= 3 and rest[:1].isupper() and rest.split()[0].lower() in ("this", "these", "which", "including"):
                continue
            items.append(s)
        if not items or (plain and not explicit and len(items) < 3):
            return
        self.listed_until = items[-1].index
        joint = self._joint(intro, between)
        owners = self._owners(intro, joint, [intro] + between)
        period = period_in(intro.text) or next((p for p in (period_in(b.text) for b in between) if p), None)
        for it in items:
            label = _TRAILING_MARKER.sub("", re.sub(r"</?u>", "", _BULLET.sub("", it.text)))
            titled = re.match(r"^\s*([^-–:]{3,60}?)\s+[-–]\s+(\S.*)$", label)
            if titled and len(label) > 80 and 2 <= len(titled.group(1).split()) <= 6 and len(titled.group(2).split()) >= 4:
                label = titled.group(1)  # "Self-neglect and hoarding - practitioners understand ...": the title
            self._add(it, label, owners, joint, period, "priority.list")

    def _marker_next(self, s: "Sentence") -> bool:
        sents = self.att.ctx.sentences
        nxt = sents[s.index + 1] if s.index + 1 < len(sents) else None
        return bool(nxt and (_MARKER_ONLY.match(nxt.text) or nxt.bullet))

    def _is_partnership_line(self, s: "Sentence") -> bool:
        if re.fullmatch(r"(?:[\w'’&-]+\s+){0,3}(?:partnership|board)s?", s.text.strip(), re.I):
            return True
        named = self.att.named(s)
        covered = sum(m.end - m.start for m in named)
        return bool(named) and covered >= 0.6 * len(s.text.strip())

    def _joint(self, intro: "Sentence", between: list["Sentence"]) -> bool:
        window = [intro] + between
        text = " ".join(s.text for s in window)
        # the title of a document ("the Joint Health and Wellbeing Strategy", "the Joint Strategic Needs Assessment") is not a joint priority
        text = re.sub(r"\bjoint\s+(?:(?:local|health|and|&|well-?being|wellbeing|strategic|needs|care|community|safety|[A-Z][\w'’-]*)\s+){0,5}"
                      r"(?:strateg(?:y|ies)|assessments?|(?:delivery |forward )?plans?)\b", "", text, flags=re.I)
        if re.search(r"\bjoint\b|\bmatrix\b|\bacross (?:all |the )?(?:\d|two|three|four|five|all)?\s*(?:statutory )?(?:boards|partnerships)\b", text, re.I):
            return True
        ctx = self.att.ctx
        heads = [s for s in ctx.sentences[max(0, intro.index - 3): intro.index] if s.heading]
        keys = {m.key for s in window + heads for m in self.att.named(s)}
        return len(keys) >= 2 and not self.att.named(intro)

    def _owners(self, sent: "Sentence", joint: bool, window: list["Sentence"]) -> tuple[str, ...]:
        if not joint:
            key = self.att.owner(sent)
            return (key,) if key else ()
        ctx = self.att.ctx
        heads = [s for s in ctx.sentences[max(0, sent.index - 3): sent.index] if s.heading]
        named = list(dict.fromkeys(m.key for s in window + heads for m in self.att.named(s)))
        return tuple(named) if len(named) >= 2 else tuple(self.att.parties)

    def _theme_label(self, sent: "Sentence") -> str | None:
        inside = filter_spans([t for t in self.themes if sent.start <= t.start_char < sent.end])
        return inside[0].text if len(inside) == 1 and len(inside[0].text.split()) >= 2 else None

    @staticmethod
    def _clean_label(label: str) -> str:
        label = re.sub(r"\s+", " ", label).strip(" ;,.-–:")
        label = re.sub(r"(?:,\s*|\s+)(?:and|or)$", "", label).strip(" ;,.")
        if len(label) > 80:
            parts = re.split(r"\s+[–-]\s+", label, maxsplit=1)
            if len(parts) == 2 and len(parts[0].split()) < 3 and parts[1][:1].isupper() and not parts[1].startswith("("):
                second = re.split(r",\s|;\s|\.\s", parts[1])[0]
                label = f"{parts[0]} - {second}"
            elif len(parts) == 2 and len(parts[0].split()) < 3:
                label = parts[0]
            else:
                label = re.split(r"(?<=[a-z)])\.\s", label)[0]
        label = re.sub(r"\s*\((?=[a-z])(?:[^()]*\s){3,}[^()]*\)\.?$", "", label).strip()  # a trailing remark in brackets
        return label[:200]

    def _add(self, where: "Sentence", raw: str, owners: tuple[str, ...], joint: bool, period, rule: str) -> None:
        label = self._clean_label(raw)
        if len(label) < 4 or not owners:
            return
        scope = "joint" if joint else owners[0]
        ident = f"{scope}/{identity.slug(label)[:60]}"
        if ident in self.seen:
            return
        self.seen.add(ident)
        th = tuple(dict.fromkeys(t.kb_id_ for t in self.themes if where.start <= t.start_char < where.end))
        self.facts.priorities.append(PriorityFact(owners, label, joint, th, period, None, (), _mention(self.doc, where.start, where.end, rule)))


@Language.factory("sgkg_subgroups", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_subgroups(nlp: Language, name: str):
    _ensure_extensions()
    return SubgroupReader()


_SUBGROUP = re.compile(r"\b((?:[A-Z][\w'’&-]*[ \t]+)(?:(?:and|&|of)[ \t]+|[A-Z][\w'’&-]*[ \t]+){0,5})(Sub[- ]?[Gg]roup|Subgroup|Group|Panel|Forum)\b")
_SUBGROUP_DROP = {"the", "a", "an", "our", "its", "their", "this", "these", "each", "every", "relevant", "and", "of", "by", "to", "from", "with"}


class SubgroupReader:
    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        ctx = ctx_of(doc)
        if not facts.partnerships:
            return doc
        seen: dict[str, SubgroupFact] = {}
        for m in _SUBGROUP.finditer(_text(doc)):
            words = m.group(1).split()
            while words and words[0].lower() in _SUBGROUP_DROP:
                words = words[1:]
            if any(w.lower() in ("chairs", "chairs'", "national", "office") for w in words):
                continue  # a joint chairs' group, a national panel: not a subgroup of this partnership
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
            if norm in seen or ctx.covered(m.start(1), m.end(2)) or self._not_local(doc, ctx, m.start(2) - len(" ".join(words)) - 1, m.end(2)):
                continue
            seen[norm] = SubgroupFact(key, name, _mention(doc, sent.start, sent.end, "subgroup.name"))
        for item in self._listed(ctx):
            name = re.sub(r"\s+", " ", _BULLET.sub("", item.text)).strip(" ;,.")
            norm = re.sub(r"sub[- ]?group", "subgroup", name.lower())
            norm = re.sub(r"\bgroup\b", "subgroup", norm) if "subgroup" not in norm else norm
            if not any(identity.slug(norm) in identity.slug(k) or identity.slug(k) in identity.slug(norm) for k in seen):
                seen[norm] = SubgroupFact(ctx.main, name, _mention(doc, item.start, item.end, "subgroup.list"))
        text = _text(doc).lower()
        names = {k: v.name.lower() for k, v in seen.items()}
        for k, name in names.items():  # "Operations and Scrutiny Group" once written "Safeguarding Operations and Scrutiny Group"
            longer = [j for j, other in names.items() if j != k and other.endswith(" " + name) and j in seen]
            for j in longer:
                if text.count(names[j]) >= 2:
                    seen.pop(k, None)
                else:
                    seen.pop(j, None)
        facts.subgroups = [s for s in seen.values() if s.partnership]
        return doc

    @staticmethod
    def _not_local(doc: Doc, ctx: "Context", start: int, end: int) -> bool:
        """A panel that is a partnership of its own (the Child Death Overview Panel, a partnership type) or the
        national panel of a review type (the Child Safeguarding Practice Review Panel: a review type's full label
        followed by "Panel", with no area named), not a subgroup of the document's partnership."""
        if any(s.start_char < end and start < s.end_char for s in spans(doc, "PTYPE", max(0, start - 80), end + 80)
               if not _is_acronym(s.text) and s.kb_id_ != "subgroup" and s.text.lower().endswith(("panel", "panels"))):
            return True
        if any(s.start_char <= max(0, start) + 1 and s.end_char <= end for s in spans(doc, "REVIEW", max(0, start - 1), end)
               if s.kb_id_ == "child-safeguarding-practice-review" and len(s.text.split()) >= 4):
            return _text(doc)[start:end].rstrip().endswith("Panel")
        return False

    @staticmethod
    def _listed(ctx: "Context") -> list["Sentence"]:
        """Items of a list introduced as (sub)groups ("The following groups report to the Partnership:", "Subgroups:")."""
        out = []
        for s in ctx.sentences:
            if not (s.text.rstrip().endswith(":") and re.search(r"\b(?:sub-?groups?|groups|panels|workstreams)\b", s.text, re.I)):
                continue
            for it in ctx.sentences[s.index + 1: s.index + 16]:
                body = _BULLET.sub("", it.text).strip(" ;,.")
                if not it.bullet or len(body.split()) > 8 or not body[:1].isupper() or _END.search(it.text.rstrip(" ;,")) and it.text.rstrip().endswith("."):
                    break
                out.append(it)
        return out


@Language.factory("sgkg_reviews", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_reviews(nlp: Language, name: str):
    _ensure_extensions()
    return ReviewReader()


_REVIEW_STATUS = re.compile(r"\b(?:complete[d]?|published|ongoing|on-going|awaiting|approv\w*|draft|stages?|pending|progress|closed|open|commissioned|paused|underway|under way|concluded|submitted)\b", re.I)


class ReviewReader:
    """Case tables: a row naming a review type (SCR, CSPR, SAR, DHR) with its summary and status
    (the status cell is the short line after the row when it speaks of completion, publication, approval ...)."""

    @staticmethod
    def _status(ctx: "Context", sent: "Sentence | None", end: int) -> tuple[str | None, int]:
        if sent is None or sent.index + 1 >= len(ctx.sentences):
            return None, end
        nxt = ctx.sentences[sent.index + 1]
        text = nxt.text.strip()
        if len(text.split()) > 12 or re.match(rf"(?:{_MONTHS}|{_MONTH_ABBR})\b", text, re.I) or not _REVIEW_STATUS.search(text):
            return None, end
        return re.sub(r"\s+", " ", text).strip(" .;"), max(end, nxt.end)

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
            status, end = self._status(ctx, sent, end)
            facts.reviews.append(ReviewFact(key, s.kb_id_, desc or None, status, m.group(1), _mention(doc, line_start + m.start(1), end, "review.case-row")))
        att = Attribution(doc, ctx, facts)
        taken = {r.description for r in facts.reviews}
        for fact in self._table_rows(doc, att, reviews) + self._prose(doc, att, reviews):
            if fact.description not in taken and fact.partnership:
                taken.add(fact.description)
                facts.reviews.append(fact)
        return doc

    @staticmethod
    def _split_status(row: str) -> tuple[str, str | None]:
        """'Adult A Woman aged 78 ... Published July 2022' -> (summary, 'Published July 2022'): the status is the shortest
        tail (at most ten words) that starts with a capital and speaks of publication, completion, progress ..."""
        for m in re.finditer(r"(?<=\s)[A-Z][\w'’-]*", row):
            tail = row[m.start():]
            if len(tail.split()) <= 10 and _REVIEW_STATUS.search(tail) and m.start() > 0:
                head = row[:m.start()].strip(" ,;-")
                if len(head.split()) >= 3:
                    return head, tail.strip(" .;")
        return row.strip(), None

    # the partnership types that arrange each kind of review (a review belongs to one of these when the document has one)
    _REVIEWERS = {"domestic-homicide-review": ("community-safety-partnership",), "offensive-weapons-homicide-review": ("community-safety-partnership",),
                  "safeguarding-adults-review": ("safeguarding-adults-board",),
                  "child-safeguarding-practice-review": ("safeguarding-children-partnership", "local-safeguarding-children-board"),
                  "serious-case-review": ("local-safeguarding-children-board", "safeguarding-children-partnership"),
                  "rapid-review": ("safeguarding-children-partnership", "local-safeguarding-children-board"),
                  "child-death-review": ("child-death-overview-panel", "safeguarding-children-partnership")}

    def _reviewer(self, att: Attribution, sent: "Sentence", kind: str) -> str | None:
        """The sentence's partnership when it arranges this kind of review, else the document's partnership of the right type."""
        first = att.owner(sent)
        types = self._REVIEWERS.get(kind)
        if not types:
            return first
        candidates = [first, att.ctx.main] + [k for k, _ in att.counts.most_common()]
        for t in types:
            for key in candidates:
                p = att.facts.partnership(key or "")
                if p is not None and key in att.usable and p.type_id == t:
                    return key
        return first

    def _type_before(self, att: Attribution, reviews: list, at: int, span: int = 1500) -> str | None:
        before = [r for r in reviews if at - span <= r.start_char < at]
        return before[-1].kb_id_ if before else None

    def _table_rows(self, doc: Doc, att: Attribution, reviews: list) -> list[ReviewFact]:
        """Rows of a table of reviews: a short header line naming a status column, then one line a review."""
        text, out = att.text, []
        for h in re.finditer(r"(?m)^(?=[^\n]*\b(?:Status|Progress|Outcome|Stage)\b)[^\n]{0,80}$", text):
            header = h.group(0)
            if len(header.split()) > 7 or not re.search(r"\b(?:review|case|summary|circumstances|name|type|subject)s?\b", header, re.I) and not any(
                    h.start() <= r.start_char < h.end() for r in reviews):
                continue
            in_header = [r for r in reviews if h.start() <= r.start_char < h.end()]
            kind = in_header[0].kb_id_ if in_header else self._type_before(att, reviews, h.start())
            sent = att.ctx.sentence_at(h.start())
            if kind is None or sent is None:
                continue
            owner = self._reviewer(att, sent, kind)
            pos = h.end() + 1
            while pos < len(text) and text[pos] != "\n":
                end = text.find("\n", pos)
                end = len(text) if end < 0 else end
                row = text[pos:end]
                summary, status = self._split_status(row)
                if len(row.split()) < 4 or len(row.split()) > 60:
                    break
                in_row = [r for r in reviews if pos <= r.start_char < end]
                date = re.search(rf"\b(?:{_MONTHS}|{_MONTH_ABBR})\w*\s+\d{{4}}\b", status or "", re.I)
                out.append(ReviewFact(owner, in_row[0].kb_id_ if in_row and row.startswith(in_row[0].text) else kind, summary, status,
                                      date.group(0) if date else None, _mention(doc, pos, end, "review.table-row")))
                pos = end + 1
        return out

    _CASE = re.compile(r"\b(?:concerning|into|regarding|about|in respect of|relating to|involving|known as|for)\s+"
                       r"(?P<case>(?:Baby|Child|Children|Adult|Young Person|Mr|Mrs|Ms|Miss|Master|Family|Siblings?)\s+[A-Z]{1,2}\b|"
                       r"[\"'‘“][A-Z][^\"'’”\n]{0,30}[\"'’”])(?P<rest>[^.;]*)")
    _PROSE_STATUS = re.compile(r",?\s*\b(?:was|is|has been|have been|were|are|remains?)\s+(?P<status>(?:now\s+)?(?:published|completed?|"
                               r"in progress|ongoing|on-going|under ?way|being [a-z]+|awaiting|expected|paused|concluded|closed|approved|"
                               r"submitted|commissioned|with the)\b[^.;]*)", re.I)

    def _prose(self, doc: Doc, att: Attribution, reviews: list) -> list[ReviewFact]:
        """'The review concerning Baby M, a four-month-old ..., was published in March 2022.'"""
        out = []
        for sent in att.ctx.sentences:
            m = self._CASE.search(sent.text)
            if not m:
                continue
            cue = sent.start + m.start()
            near = [r for r in reviews if sent.start <= r.start_char < cue]
            if not near and not re.search(r"\breview\s*$", sent.text[:m.start()], re.I):
                continue
            kind = near[-1].kb_id_ if near else self._type_before(att, reviews, sent.start)
            if kind is None:
                continue
            rest = m.group("rest")
            st = self._PROSE_STATUS.search(rest)
            summary = (m.group("case") + ("," + rest[:st.start()] if st else rest)).strip(" ,")
            status = st.group("status").strip() if st else None
            date = re.search(rf"\b(?:{_MONTHS}|{_MONTH_ABBR})\w*\s+\d{{4}}\b", status or "", re.I)
            out.append(ReviewFact(self._reviewer(att, sent, kind), kind, summary, status, date.group(0) if date else None,
                                  _mention(doc, sent.start, sent.end, "review.case-prose")))
        return out


@Language.factory("sgkg_figures", assigns=["doc._.sgkg"], requires=["doc._.sgkg_ctx"])
def make_figures(nlp: Language, name: str):
    _ensure_extensions()
    return FigureReader()


_MONEY = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|m|million|bn)?\b", re.I)
_POPULATION = re.compile(r"population (?:estimate )?(?:for [A-Z][\w ]+ )?is (\d{1,3}(?:,\d{3})+)\s*people", re.I)
# a count or a percentage in prose ("received 9,814 safeguarding concerns", "an increase of 6%", "more than 1,200 residents")
_COUNT = re.compile(r"(?<![\w.,/£$:-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:(\s?%|\s?per\s?cent\b)|(?![\w/:%-]|[.,]\d))", re.I)
# the word before a number that makes it a reference, not a count ("section 42", "aged 78", "Version 3", "page 4")
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\b(?:sections?|s|ss|reg|regulations?|schedule|sch|part|paragraphs?|para|chapter|article|page|pages|p|pp|version|v|aged|age|"
    r"ages|priority|phase|tier|level|stage|step|appendix|annex|figure|table|no|number|item|point|year|years|ward|room|floor|"
    r"unit|route|junction|objective|outcome|standard|principle|recommendation|recommendations|theme|pillar|area|cohort|wave|"
    r"round|week|month|day|between|from|and|to|or|of the|on|by|at)\W{0,2}|[£$#§]\s?)$", re.I)
_TIME_UNIT = re.compile(r"^\s*(?:working\s+|calendar\s+|school\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?|mins?|hrs?|"
                        r"monthly|weekly|yearly|daily|hourly|times|am|pm|o'clock|th|st|nd|rd|" + _MONTHS + "|" + _MONTH_ABBR + r")\b", re.I)
_COUNT_NOUN_STOP = {"and", "or", "in", "on", "at", "during", "for", "to", "which", "who", "that", "were", "was", "are", "is",
                    "had", "have", "has", "with", "by", "from", "than", "this", "last", "since", "over", "across", "compared",
                    "between", "per", "a", "an", "the", "of", "it", "its", "their", "our", "they", "we", "as", "each", "every",
                    "being", "been", "be", "will", "would", "led", "said", "took", "received", "made", "lived", "live"}
_PEOPLE_NOUNS = {"residents", "people", "practitioners", "staff", "professionals", "adults", "persons", "individuals", "members",
                 "volunteers", "learners", "delegates", "attendees", "participants", "carers", "officers", "respondents",
                 "colleagues", "workers", "managers", "survivors", "victims", "clients", "patients", "households", "families"}
_CASE_NOUNS = {"reviews", "review", "cases", "case", "audits", "audit"}
# what a partnership is made of, not what it counts ("three statutory partners", "4 boards", "a 3 stage process")
_STRUCTURE_NOUNS = {"partners", "partner", "agencies", "boards", "board", "partnerships", "members", "member", "representatives",
                    "themes", "theme", "priorities", "priority", "areas", "stage", "stages", "steps", "step", "phases", "phase",
                    "levels", "level", "councils", "authorities", "organisations", "subgroups", "groups", "strands", "pillars",
                    "principles", "objectives", "outcomes", "chairs", "sections", "parts", "key", "tier", "tiers", "following", "below"}


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
        taken = {f.value for f in facts.figures}
        for sent in ctx.sentences:
            facts.figures += self._counts(doc, ctx, facts, sent, taken)
        return doc

    def _counts(self, doc: Doc, ctx: "Context", facts: Facts, sent: "Sentence", taken: set) -> list[FigureFact]:
        """Counts and percentages in a prose sentence, each with the noun phrase it counts as its label."""
        t = sent.text
        if sent.heading or len(t.split()) < 5 or not _END.search(t) and not sent.bullet or _MARKER_ONLY.match(t) or "\n" in t:
            return []
        head = _BULLET.match(t)
        out = []
        for m in _COUNT.finditer(t, head.end() if head else 0):
            raw = m.group(1).replace(",", "")
            before, after = t[:m.start()], t[m.end():]
            percent = bool(m.group(2))
            if not percent and ("," not in m.group(1) and re.fullmatch(r"(?:19|20)\d\d", raw) or _TIME_UNIT.match(after)
                                or re.search(r"\b[A-Z][\w'’-]*\s$", before) and before.strip().count(" ") > 0
                                or re.match(r"\s*(?:[A-Z]{2,}|\(|\))", after) and not re.match(r"\s*[A-Z]{2,4}s?\s+[a-z]", after)):
                continue  # a year, a duration, "Profile 2", "Key Stage 2 (KS2)"
            if _NOT_A_COUNT_BEFORE.search(before) or re.search(rf"\b(?:{_MONTHS}|{_MONTH_ABBR})\s*$", before, re.I):
                continue
            try:
                value = Decimal(raw)
            except InvalidOperation:
                continue
            words = []
            for w in re.findall(r"[\w'’-]+|[^\w\s]", after)[:8]:
                if not re.fullmatch(r"[\w'’-]+", w) or (w.lower() in _COUNT_NOUN_STOP and (words or not percent)):
                    break
                words.append(w)
            if not percent and not words:
                pred = re.match(r"\s+(?:are|were)\s+((?:[a-z][\w'’-]*\s?){1,3})", after)
                if pred:
                    words = [w for w in pred.group(1).split() if w.lower() not in _COUNT_NOUN_STOP][:3]
                elif not (re.match(r"\s+of\s+(?:them|these|those|which)\b", after) or "," in m.group(1)
                          or re.search(r"\b(?:of|among)\s+(?:these|them|those|which)\s*,?\s*$", before, re.I)):
                    continue  # a bare number: a label or a reference, not a count
            if not percent and (value in taken and re.search(r"£|\bbudget|population", t, re.I)):
                continue
            if not percent and ("." in raw or value == 1 or words and all(re.search(r"(?:ed|ly)$", w) for w in words)
                                or "," not in m.group(1) and value < 100 and _STRUCTURE_NOUNS & {w.lower() for w in words}):
                continue  # a paragraph number ("5.1 Members") or a count of the partnership's own parts
            what = " ".join(words) if words and not percent else re.sub(r"\s+", " ", (before[-40:].split(" ", 1)[-1] if len(before) > 40 else before) + m.group(0) + " " + " ".join(words)).strip(" ,;")
            nouns = [w.lower() for w in words if not re.search(r"(?:ed|ing)$", w.lower())] if not percent else []
            noun = nouns[-1] if nouns else ""
            unit = "percent" if percent else "people" if noun in _PEOPLE_NOUNS or noun == "children" and False else "cases" if noun in _CASE_NOUNS else (noun or "cases")
            of = self._figure_of(facts, ctx, sent, noun)
            if of is None:
                continue
            out.append(FigureFact(what[:120] or "count", value, unit, period_in(t), of, _mention(doc, sent.start, sent.end, "figure.percent" if percent else "figure.count")))
        return out

    def _figure_of(self, facts: Facts, ctx: "Context", sent: "Sentence", noun: str) -> str | None:
        """Residents and population belong to an area (the one named in the sentence, else the document's); the rest to the partnership."""
        if noun in ("residents", "inhabitants", "population") and facts.areas:
            found = [code for _, _, code in load_reference().areas.find(sent.text) if code in facts.areas]
            return "area:" + (found[0] if found else facts.areas[0])
        return ctx.partnership_for(sent)


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
