"""``sgkg_figures``: money amounts, the population and counts, with their sentence as label."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from spacy.tokens import Doc

from ..facts import Facts, FigureFact
from ..patterns import load_reference
from .base import make_mention, rules_reader
from .context import Context, PartnershipComponent, Sentence
from .periods import MONTH_ABBR, MONTHS, PERIOD, norm_period, period_in
from .sentences import BULLET, MARKER_ONLY, SENTENCE_END

_TIME_UNIT = re.compile(
    r"^\s*(?:working\s+|calendar\s+|school\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?|"
    r"mins?|hrs?|"
    r"monthly|weekly|yearly|daily|hourly|times|am|pm|o'clock|th|st|nd|rd|" + MONTHS + "|" + MONTH_ABBR + r")\b",
    re.I,
)


@rules_reader("figures")
class FigureReader(PartnershipComponent):
    """Money amounts (budgets, contributions) and the population, with their sentence as label. The rules are data
    (``ingest/patterns/rules/figures.jsonl``), read-only; nothing is kept between documents."""

    def read(self, doc: Doc, facts: Facts, ctx: Context, text: str) -> None:
        for m in self.rules.re("money").finditer(text):
            found = self._money(doc, ctx, text, m)
            if found is not None:
                facts.figures.append(found)
        for m in self.rules.re("population").finditer(text):
            sent = ctx.sentence_at(m.start())
            if sent is None or not facts.areas:
                continue
            facts.figures.append(
                FigureFact(
                    "population",
                    Decimal(m.group(1).replace(",", "")),
                    "people",
                    None,
                    "area:" + facts.areas[0],
                    make_mention(doc, sent.start, sent.end, "figure.population"),
                )
            )
        taken = {f.value for f in facts.figures}
        for sent in ctx.sentences:
            facts.figures += self._counts(doc, ctx, facts, sent, taken)

    def _money(self, doc: Doc, ctx: Context, text: str, m: re.Match) -> FigureFact | None:
        """A sum of money the sentence gives a partnership (a budget, a contribution), or None."""
        sent = ctx.sentence_at(m.start())
        if sent is None:
            return None
        try:
            value = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            return None
        mult = (m.group(2) or "").lower()
        value *= {"k": 1000, "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000}.get(mult, 1)
        what = self.rules.re("money-what").search(text[max(sent.start, m.start() - 80) : m.end() + 40])
        key = ctx.partnership_for(sent) if what else None
        if key is None:
            return None
        pm = PERIOD.search(sent.text)
        period = norm_period(pm.group(1), pm.group(2)) if pm else None
        return FigureFact(
            what.group(1).lower(), value, "GBP", period, key, make_mention(doc, sent.start, sent.end, "figure.money")
        )

    def _counts(self, doc: Doc, ctx: "Context", facts: Facts, sent: "Sentence", taken: set) -> list[FigureFact]:
        """Counts and percentages in a prose sentence, each with the noun phrase it counts as its label."""
        t = sent.text
        if not self._prose(sent):
            return []
        head = BULLET.match(t)
        out = []
        for m in self.rules.re("count").finditer(t, head.end() if head else 0):
            found = self._count(doc, ctx, facts, sent, taken, m)
            if found is not None:
                out.append(found)
        return out

    @staticmethod
    def _prose(sent: "Sentence") -> bool:
        """A sentence of prose (or a list item) long enough to state a count, not a heading or a bare marker."""
        t = sent.text
        return not (
            sent.heading
            or len(t.split()) < 5
            or not SENTENCE_END.search(t)
            and not sent.bullet
            or MARKER_ONLY.match(t)
            or "\n" in t
        )

    def _count(
        self, doc: Doc, ctx: "Context", facts: Facts, sent: "Sentence", taken: set, m: re.Match
    ) -> FigureFact | None:
        """The figure one number of the sentence states, or None when it is no count."""
        t = sent.text
        raw = m.group(1).replace(",", "")
        before, after = t[: m.start()], t[m.end() :]
        percent = bool(m.group(2))
        if self._not_a_count(m, raw, before, after, percent):
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            return None
        words = self._counted_words(m, before, after, percent)
        if words is None:
            return None  # a bare number: a label or a reference, not a count
        if not percent and self._own_part(m, raw, value, words, taken, t):
            return None  # a paragraph number ("5.1 Members") or a count of the partnership's own parts
        nouns = [] if percent else [w.lower() for w in words if not self.rules.re("participle-word").search(w.lower())]
        noun = nouns[-1] if nouns else ""
        if not percent and _TIME_UNIT.match(noun):
            return None  # a duration ("over 5 academic years"), not a count
        of = self._figure_of(facts, ctx, sent, noun)
        if of is None:
            return None
        return FigureFact(
            self._label(m, before, words, percent)[:120] or "count",
            value,
            self._unit(noun, percent),
            period_in(t),
            of,
            make_mention(doc, sent.start, sent.end, "figure.percent" if percent else "figure.count"),
        )

    def _own_part(self, m: re.Match, raw: str, value: Decimal, words: list[str], taken: set, t: str) -> bool:
        """A number that is money already read, a decimal, one, or a small count of the partnership's parts."""
        if value in taken and self.rules.re("money-sentence").search(t):
            return True
        return (
            "." in raw
            or value == 1
            or bool(words)
            and all(self.rules.re("adjective-word").search(w) for w in words)
            or "," not in m.group(1)
            and value < 100
            and bool(self.rules.words("structure-nouns") & {w.lower() for w in words})
        )

    @staticmethod
    def _label(m: re.Match, before: str, words: list[str], percent: bool) -> str:
        """What is counted: the counted words, or for a percentage the words around it."""
        if words and not percent:
            return " ".join(words)
        lead = before[-40:].split(" ", 1)[-1] if len(before) > 40 else before
        return re.sub(r"\s+", " ", lead + m.group(0) + " " + " ".join(words)).strip(" ,;")

    def _unit(self, noun: str, percent: bool) -> str:
        if percent:
            return "percent"
        if noun in self.rules.words("people-nouns"):
            return "people"
        if noun in self.rules.words("case-nouns"):
            return "cases"
        return noun or "cases"

    def _not_a_count(self, m: re.Match, raw: str, before: str, after: str, percent: bool) -> bool:
        """A number that is a year, a duration, part of a name or a reference, or a percentage that restates a count."""
        if not percent and (
            "," not in m.group(1)
            and self.rules.re("year").fullmatch(raw)
            or _TIME_UNIT.match(after)
            or self.rules.re("capitalised-word-before").search(before)
            and before.strip().count(" ") > 0
            or self.rules.re("name-or-bracket-after").match(after)
            and not self.rules.re("acronym-then-word-after").match(after)
        ):
            return True  # a year, a duration, "Profile 2", "Key Stage 2 (KS2)"
        if self.rules.re("not-a-count-before").search(before) or re.search(
            rf"\b(?:{MONTHS}|{MONTH_ABBR})\s*$", before, re.I
        ):
            return True
        # a count restated as a share, or a share whose noun the text lost: no figure of its own
        return bool(
            percent
            and (
                self.rules.re("restated-percent-before").search(before)
                or self.rules.re("number-list-after").match(after)
            )
        )

    def _counted_words(self, m: re.Match, before: str, after: str, percent: bool) -> list[str] | None:
        """The words after a number that say what it counts ("9,814 safeguarding concerns"); for a bare number the noun
        of "N are/were NOUN", or none when "of them" or a thousands separator makes it a count; None when it is no
        count."""
        words = []
        for w in re.findall(r"[\w'’-]+|[^\w\s]", after)[:8]:
            if not re.fullmatch(r"[\w'’-]+", w) or (
                w.lower() in self.rules.words("count-noun-stop") and (words or not percent)
            ):
                break
            words.append(w)
        if not percent and not words:
            pred = self.rules.re("count-predicate").match(after)
            if pred:
                return [w for w in pred.group(1).split() if w.lower() not in self.rules.words("count-noun-stop")][:3]
            if not (
                self.rules.re("of-them-after").match(after)
                or "," in m.group(1)
                or self.rules.re("of-these-before").search(before)
            ):
                return None
        return words

    def _figure_of(self, facts: Facts, ctx: "Context", sent: "Sentence", noun: str) -> str | None:
        """Residents and population belong to an area (the one named in the sentence, else the document's); the rest to
        the partnership."""
        if noun in ("residents", "inhabitants", "population") and facts.areas:
            found = [code for _, _, code in load_reference().areas.find(sent.text) if code in facts.areas]
            return "area:" + (found[0] if found else facts.areas[0])
        return ctx.partnership_for(sent)
