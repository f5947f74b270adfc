"""``sgkg_reviews``: case reviews and their status."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..facts import Facts, ReviewFact
from .attribution import Attribution
from .base import all_spans, make_mention, rules_reader
from .context import Context, PartnershipComponent, Sentence
from .periods import MONTH_ABBR, MONTHS

# "July 2022", "Sept 2021": the date of a review's status (composed from the month names of periods.py)
_MONTH_YEAR = re.compile(rf"\b(?:{MONTHS}|{MONTH_ABBR})\w*\s+\d{{4}}\b", re.I)


@rules_reader("reviews")
class ReviewReader(PartnershipComponent):
    """Case tables: a row naming a review type (SCR, CSPR, SAR, DHR) with its summary and status
    (the status cell is the short line after the row when it speaks of completion, publication, approval ...).
    The rules are data (``ingest/patterns/rules/reviews.jsonl``), read-only; nothing is kept between documents."""

    def _status(self, ctx: "Context", sent: "Sentence | None", end: int) -> tuple[str | None, int]:
        if sent is None or sent.index + 1 >= len(ctx.sentences):
            return None, end
        nxt = ctx.sentences[sent.index + 1]
        text = nxt.text.strip()
        if (
            len(text.split()) > 12
            or re.match(rf"(?:{MONTHS}|{MONTH_ABBR})\b", text, re.I)
            or not self.rules.re("status-word").search(text)
        ):
            return None, end
        return re.sub(r"\s+", " ", text).strip(" .;"), max(end, nxt.end)

    def read(self, doc: Doc, facts: Facts, ctx: Context, text: str) -> None:
        reviews = [s for s in all_spans(doc) if s.label_ == "REVIEW"]
        seen = set()
        for s in reviews:
            line_start = text.rfind("\n", 0, s.start_char) + 1
            prefix = text[line_start : s.start_char]
            m = re.fullmatch(rf"\s*((?:{MONTHS}|{MONTH_ABBR})\s+\d{{2,4}})\s+", prefix, re.I)
            if not m:
                continue
            sent = ctx.sentence_at(s.start_char)
            end = sent.end if sent else text.find("\n", s.end_char)
            desc = re.sub(r"\s+", " ", text[s.end_char : end]).strip()
            key = ctx.main
            ident = (s.kb_id_, m.group(1), desc[:40])
            if ident in seen or key is None:
                continue
            seen.add(ident)
            status, end = self._status(ctx, sent, end)
            facts.reviews.append(
                ReviewFact(
                    key,
                    s.kb_id_,
                    desc or None,
                    status,
                    m.group(1),
                    make_mention(doc, line_start + m.start(1), end, "review.case-row"),
                )
            )
        att = Attribution(doc, ctx, facts)
        taken = {r.description for r in facts.reviews}
        for fact in (
            self._table_rows(doc, att, reviews)
            + self._prose(doc, att, reviews)
            + self._done(doc, att, reviews, facts.reviews)
        ):
            if fact.description not in taken and fact.partnership:
                taken.add(fact.description)
                facts.reviews.append(fact)

    def _split_status(self, row: str) -> tuple[str, str | None]:
        """'Adult A Woman aged 78 ... Published July 2022' -> (summary, 'Published July 2022'): the status is the
        shortest
        tail (at most ten words) that starts with a capital and speaks of publication, completion, progress ..."""
        for m in re.finditer(r"(?<=\s)[A-Z][\w'’-]*", row):
            tail = row[m.start() :]
            if len(tail.split()) <= 10 and self.rules.re("status-word").search(tail) and m.start() > 0:
                head = row[: m.start()].strip(" ,;-")
                if len(head.split()) >= 3:
                    return head, tail.strip(" .;")
        return row.strip(), None

    def _reviewer(self, att: Attribution, sent: "Sentence", kind: str) -> str | None:
        """The sentence's partnership when it arranges this kind of review, else the document's partnership of the right
        type."""
        first = att.owner(sent)
        types = self.rules.words_if_any(f"arranged-by.{kind}")
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
        for h in self.rules.re("table-header").finditer(text):
            header = h.group(0)
            if (
                len(header.split()) > 7
                or not self.rules.re("table-header-words").search(header)
                and not any(h.start() <= r.start_char < h.end() for r in reviews)
            ):
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
                date = _MONTH_YEAR.search(status or "")
                out.append(
                    ReviewFact(
                        owner,
                        in_row[0].kb_id_ if in_row and row.startswith(in_row[0].text) else kind,
                        summary,
                        status,
                        date.group(0) if date else None,
                        make_mention(doc, pos, end, "review.table-row"),
                    )
                )
                pos = end + 1
        return out

    def _done(self, doc: Doc, att: Attribution, reviews: list, have: list) -> list[ReviewFact]:
        """Reviews told in prose ("The Board commissioned two SARs, one of which was published in May 2023", "A local
        learning
        review was completed in January 2023"): a review counted after a verb of commissioning or completion, or the
        subject
        of one in the passive."""
        out, used = [], {r.mention.start for r in have}
        for sent in att.ctx.sentences:
            if (
                sent.start in used
                or len(sent.text.split()) > 50
                or self.rules.re("not-done-sentence").search(sent.text)
            ):
                continue
            for r in (r for r in reviews if sent.start <= r.start_char < sent.end):
                before, after = att.text[sent.start : r.start_char], att.text[r.end_char : sent.end]
                verb = self.rules.re("done-active").search(before) or (
                    self.rules.re("done-passive").match(after) if self.rules.re("done-subject").match(before) else None
                )
                if not verb:
                    continue
                status = self.rules.re("done-verbs").search(verb.group(0)).group(0).lower()
                date = _MONTH_YEAR.search(sent.text)
                summary = re.sub(r"\s+", " ", sent.text).strip(" .;")
                out.append(
                    ReviewFact(
                        self._reviewer(att, sent, r.kb_id_),
                        r.kb_id_,
                        summary,
                        status,
                        date.group(0) if date else None,
                        make_mention(doc, sent.start, sent.end, "review.prose-done"),
                    )
                )
                break
        return out

    def _prose(self, doc: Doc, att: Attribution, reviews: list) -> list[ReviewFact]:
        """'The review concerning Baby M, a four-month-old ..., was published in March 2022.'"""
        out = []
        for sent in att.ctx.sentences:
            m = self.rules.re("case").search(sent.text)
            if not m:
                continue
            cue = sent.start + m.start()
            near = [r for r in reviews if sent.start <= r.start_char < cue]
            if not near and not self.rules.re("review-before").search(sent.text[: m.start()]):
                continue
            kind = near[-1].kb_id_ if near else self._type_before(att, reviews, sent.start)
            if kind is None:
                continue
            rest = m.group("rest")
            st = self.rules.re("prose-status").search(rest)
            summary = (m.group("case") + ("," + rest[: st.start()] if st else rest)).strip(" ,")
            status = st.group("status").strip() if st else None
            date = _MONTH_YEAR.search(status or "")
            out.append(
                ReviewFact(
                    self._reviewer(att, sent, kind),
                    kind,
                    summary,
                    status,
                    date.group(0) if date else None,
                    make_mention(doc, sent.start, sent.end, "review.case-prose"),
                )
            )
        return out
