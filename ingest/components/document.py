"""``sgkg_document``: the document's areas and metadata (category 1)."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..patterns import Reference, RuleSet
from .base import doc_text, facts_of, make_mention, rules_reader, spans
from .periods import MONTH_ABBR, MONTHS, PERIOD, month_number, norm_period
from .sentences import SENTENCE_END

_DATE_FULL = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS}|{MONTH_ABBR})\.?,?\s+((?:19|20)\d\d)\b", re.I)
_DATE_MONTH = re.compile(rf"\b({MONTHS})\s+((?:19|20)\d\d)\b", re.I)


def _iso_full(m: re.Match) -> str:
    """A _DATE_FULL match ("3rd March 2021") as an ISO date."""
    return f"{m.group(3)}-{month_number(m.group(2)):02d}-{int(m.group(1)):02d}"


def _iso_month(m: re.Match) -> str:
    """A _DATE_MONTH match ("March 2021") as an ISO year-month."""
    return f"{m.group(2)}-{month_number(m.group(1)):02d}"


def _date_at(text: str, pos: int) -> tuple[str, re.Match] | None:
    """The full date, else the month, that starts at `pos` (after a label such as "Published:")."""
    d = _DATE_FULL.match(text, pos)
    if d:
        return _iso_full(d), d
    d = _DATE_MONTH.match(text, pos)
    return (_iso_month(d), d) if d else None


@rules_reader("document", reference=True, requires=("doc.spans",))
class DocumentReader:
    """The document's area(s) and metadata: title, kind, date, period, version, review date. The cue words are data
    (``ingest/patterns/rules/document.jsonl``), read-only; nothing is kept between documents."""

    def __init__(self, ref: Reference, rules: RuleSet):
        self.ref = ref
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        meta = facts.document
        text = doc_text(doc)
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
            facts.area_mention = make_mention(doc, hits[0][0], hits[0][1], "area.most-named")
        meta.kind = self._kind(doc, title)
        meta.date = self._date(doc)
        meta.period = self._period(doc, title)
        meta.version = self._version(doc)
        meta.review_date = self._review_date(doc)
        return doc

    def _title(self, doc: Doc, hint: str):
        text = doc_text(doc)
        m = self.rules.re("subject-line").search(text[:5000])
        if m:
            return m.group(1).strip(), make_mention(
                doc, m.start(1), m.start(1) + len(m.group(1).strip()), "document.title-subject"
            )
        m = re.search(r"^#\s+(.+)$", text[:5000], re.M)
        if m and _names_something(doc, text, m.start(1), m.start(1) + len(m.group(1).strip())):
            return m.group(1).strip(), make_mention(
                doc, m.start(1), m.start(1) + len(m.group(1).strip()), "document.title-heading"
            )
        kinds = spans(doc, "DOCKIND", 0, 3000)
        for s in kinds:
            line_start = text.rfind("\n", 0, s.start_char) + 1
            line_end = text.find("\n", s.end_char)
            line_end = len(text) if line_end < 0 else line_end
            line = text[line_start:line_end]
            if len(line.split()) <= 14 and line.strip()[:1].isupper() and not SENTENCE_END.search(line):
                lead = len(line) - len(line.lstrip())
                return line.strip(), make_mention(
                    doc, line_start + lead, line_start + lead + len(line.strip()), "document.title-kind-line"
                )
        from .layout import blocks_of, in_furniture

        blocks = blocks_of(doc)
        if hint and hint in text:
            i = text.index(hint)
            if not in_furniture(blocks, i, i + len(hint)) and _names_something(doc, text, i, i + len(hint)):
                return hint, make_mention(doc, i, i + len(hint), "document.title-hint")
        heading = _heading_like(doc, text, blocks, hint)
        if heading is not None:
            return heading.text(text), make_mention(doc, heading.start, heading.end, "document.title-first-heading")
        for b in blocks:
            if b.start >= 3000:
                break
            if b.kind != "furniture" and len(b.text(text)) > 3:
                if not _names_something(doc, text, b.start, b.end):
                    break  # the document's own name is lost: the file's name stands in
                return b.text(text), make_mention(doc, b.start, b.end, "document.title-first-line")
        if hint and hint not in text and _could_name(hint):
            return hint, None  # the title the reader saw (a web page's), not in its text
        return None  # no title: the file's name stands in (ingest/graph.py)

    def _kind(self, doc: Doc, title: str):
        text = doc_text(doc)
        m = self.rules.re("report-to-council").match(text)
        if m and "report-to-council" in self.ref.concepts.get("document-kind", {}):
            return "report-to-council", make_mention(doc, m.start(1), m.end(1), "document.kind-report-to-council")
        counts: Counter = Counter()
        first: dict[str, SpacySpan] = {}
        for s in spans(doc, "DOCKIND"):
            before = doc_text(doc)[max(0, s.start_char - 12) : s.start_char].lower()
            weight = (
                10
                if title and s.text.lower() in title.lower()
                else 3
                if self.rules.re("own-document-before").search(before) and s.start_char < 3000
                else 1
            )
            counts[s.kb_id_] += weight
            first.setdefault(s.kb_id_, s)
        if not counts:
            if "other" in self.ref.concepts.get("document-kind", {}):
                return "other", None
            return None
        kind = counts.most_common(1)[0][0]
        s = first[kind]
        return kind, make_mention(doc, s.start_char, s.end_char, s.id_)

    def _date(self, doc: Doc):
        head = doc_text(doc)[:2500]
        review = [m.start() for m in self.rules.re("review-word").finditer(head)]

        def near_review(pos: int) -> bool:
            return any(0 <= pos - r < 40 for r in review)

        # "1 April 2022 to 31 March 2023": a reporting period, not the document's date
        period = [
            (m.start(), m.end())
            for m in re.finditer(
                rf"{_DATE_FULL.pattern}\s*(?:to|until|[-–])\s*{_DATE_FULL.pattern}|{_DATE_MONTH.pattern}\s*(?:to|until|"
                rf"[-–])\s*{_DATE_MONTH.pattern}",
                head,
                re.I,
            )
        ]

        def in_period(pos: int) -> bool:
            return any(a <= pos < b for a, b in period)

        # a labelled date ("Published:", "Date approved:", "Date of issue:", "Agreed by the Board on D") before the
        # first date
        for lm in self.rules.re("date-label").finditer(head):
            found = _date_at(head, lm.end())
            if found:
                value, d = found
                return value, make_mention(doc, d.start(), d.end(), "document.date-labelled")
        for m in _DATE_FULL.finditer(head):
            if near_review(m.start()) or in_period(m.start()):
                continue
            value = _iso_full(m)
            return value, make_mention(doc, m.start(), m.end(), "document.date-full")
        for m in _DATE_MONTH.finditer(head):
            if near_review(m.start()) or in_period(m.start()):
                continue
            value = _iso_month(m)
            return value, make_mention(doc, m.start(), m.end(), "document.date-month")
        m = self.rules.re("updated-year").search(head)
        if m:
            return m.group(1), make_mention(doc, m.start(), m.end(), "document.date-year")
        return None

    def _period(self, doc: Doc, title: str):
        text = doc_text(doc)
        for m in PERIOD.finditer(title):
            p = norm_period(m.group(1), m.group(2))
            if p:
                i = text.find(m.group(0))
                if i >= 0:
                    return p, make_mention(doc, i, i + len(m.group(0)), "document.period-title")
        counts: Counter = Counter()
        where: dict[str, tuple[int, int]] = {}
        for m in PERIOD.finditer(text[:6000]):
            p = norm_period(m.group(1), m.group(2))
            if p and "/" in p:
                counts[p] += 1
                where.setdefault(p, (m.start(), m.end()))
        # the document names its own period ("This annual report for 2019/20 provides ...")
        own = re.search(
            r"\bthis (?:annual )?report (?:for|covers|covering)(?: the (?:year|"
            rf"period))?\s+{PERIOD.pattern}",
            text[:20000],
            re.I,
        )
        if own and norm_period(own.group(1), own.group(2)):
            return norm_period(own.group(1), own.group(2)), make_mention(
                doc, own.start(), own.end(), "document.period-self"
            )
        kind = facts_of(doc).document.kind
        if counts and kind and kind[0] == "annual-report":
            p = counts.most_common(1)[0][0]
            return p, make_mention(doc, *where[p], "document.period-frequent")
        return None

    def _version(self, doc: Doc):
        text = doc_text(doc)
        # a version table ("1.2  A Person  03/2023"), not a numbered paragraph ("4.1 The Board met 4 times")
        rows = (
            list(self.rules.re("version-row").finditer(text[:8000]))
            if self.rules.re("version-word").search(text[:8000])
            else []
        )
        if rows:
            best = max(rows, key=lambda m: [int(x) for x in m.group(1).split(".")])
            return best.group(1), make_mention(doc, best.start(1), best.end(1), "document.version-table")
        m = self.rules.re("version").search(text[:5000])
        if m:
            return m.group(1), make_mention(doc, m.start(), m.end(), "document.version")
        return None

    def _review_date(self, doc: Doc):
        text = doc_text(doc)
        for s in spans(doc, "CUE_REVIEWDATE"):
            tail = text[s.start_char : s.start_char + 80]
            m = re.search(rf"({MONTHS})\s+((?:19|20)\d\d)", tail, re.I)
            if m:
                value = _iso_month(m)
                return value, make_mention(doc, s.start_char, s.start_char + m.end(), s.id_)
        label = self.rules.re("review-date-label")
        for lm in label.finditer(text[:8000]):
            found = _date_at(text, lm.end())
            if found:
                value, d = found
                return value, make_mention(doc, lm.start(), d.end(), "document.review-date-labelled")
        m = self.rules.re("will-be-reviewed").search(text)
        if m:
            return m.group(1).strip(), make_mention(doc, m.start(), m.end(), "document.reviewed-when")
        return None


def _heading_like(doc: Doc, text: str, blocks, hint: str):
    """Of the first headings, the one sharing most words with the title the reader saw (a web page's <title>,
    "Safeguarding adults board | Areaton Council", is seldom in its text); the first heading when none shares any,
    unless it names nothing (a section heading such as "Foreword", a web address)."""
    heads = [b for b in blocks if b.kind == "heading" and b.start < 3000 and len(b.text(text)) > 3][:8]
    if not heads:
        return None
    words = set(re.findall(r"[a-z]{3,}", hint.lower()))
    best = max(heads, key=lambda b: len(words & set(re.findall(r"[a-z]{3,}", b.text(text).lower()))))
    if not words & set(re.findall(r"[a-z]{3,}", best.text(text).lower())):
        best = heads[0]
    return best if _names_something(doc, text, best.start, best.end) else None


def _names_something(doc: Doc, text: str, start: int, end: int) -> bool:
    """Whether a line can be a document's title: not a web address, and more than one word unless that word names a
    kind of document ("Foreword", "Introduction" and "Contents" head a section of a document, not the document)."""
    line = text[start:end].strip()
    return _could_name(line) or (
        not _is_address(line)
        and any(s.start_char >= start and s.end_char <= end for s in spans(doc, "DOCKIND", start, end))
    )


def _is_address(line: str) -> bool:
    return line.lower().startswith(("http://", "https://", "www.")) or " " not in line and "/" in line and "." in line


def _could_name(line: str) -> bool:
    """Several words and not a web address (a single word heads a section, an address is where, not what)."""
    return len(line.split()) > 1 and not _is_address(line.strip())
