"""``sgkg_figures``: money amounts, the population and counts, with their sentence as label."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from spacy.language import Language
from spacy.tokens import Doc

from ..facts import Facts, FigureFact
from ..patterns import load_reference
from .base import _ensure_extensions, facts_of, _mention, _text
from .context import Context, Sentence, ctx_of
from .periods import _MONTH_ABBR, _MONTHS, _PERIOD, norm_period, period_in
from .sentences import _BULLET, _END, _MARKER_ONLY


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
