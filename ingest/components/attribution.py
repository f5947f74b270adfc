"""Who a sentence speaks of, for the category readers: named partnerships, anaphora, plural groups."""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from ..facts import Facts
from .base import doc_text
from .context import Context, PMention, Sentence, named_key

_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_PLURAL_GROUP = re.compile(
    r"\b(each of the|all(?: of)?(?: the)?|both(?: of)?(?: the)?|the|these|those|other|our|"
    r"their)\s+((?:[\w'’-]+\s+){0,3}?)(boards|partnerships)\b",
    re.I,
)
_GROUP_NOISE = {
    "statutory",
    "strategic",
    "respective",
    "adjacent",
    "other",
    "key",
    "local",
    "individual",
    "partnership",
    "main",
    "relevant",
    "named",
    "four",
    "three",
    "two",
    "five",
    "six",
    "partner",
    "public",
    "wider",
    "sister",
}
_ANAPHOR_START = re.compile(
    r"^(?:[-•]\s*)?(?:the (?:board|partnership)['’]?s?\b|it\b|its\b|they\b|their\b|this\b|"
    r"these\b|the key\b|findings\b)",
    re.I,
)


def resolved_content(m: re.Match) -> list[str]:
    """The qualifying words of a plural reference ("safeguarding" in "both Safeguarding Boards")."""
    quals = [w.lower().strip("'’") for w in m.group(2).split()]
    return [w for w in quals if w not in _GROUP_NOISE and w not in _NUMBER_WORDS and w not in STOP_WORDS]


class Attribution:
    """Who a sentence speaks of, for the category readers: named partnerships, anaphora, plural groups."""

    def __init__(self, doc: Doc, ctx: "Context", facts: Facts):
        self.doc, self.ctx, self.facts = doc, ctx, facts
        self.text = doc_text(doc)
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
        return prev if "\n" not in self.text[prev.end : sent.start] and not prev.heading else None

    def lookback(self, sent: "Sentence") -> str | None:
        """The last partnership named in the previous sentence of the same paragraph."""
        prev = self.previous_on_line(sent)
        if prev is None:
            return None
        named = self.named(prev)
        return named[-1].key if named else None

    def owner(self, sent: "Sentence", before: int | None = None) -> str | None:
        """The partnership a sentence is about: named (the last before `before`), else an anaphor's antecedent, else the
        section's."""
        key = named_key(self.named(sent), before)
        if key is not None:
            return key
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
            if re.search(
                r"\b(?:protocol|memorandum of understanding)\b.*\bbetween\b|\bjoint[- ]working between\b",
                sent.text,
                re.I,
            ):
                named = list(dict.fromkeys(m.key for m in self.named(sent)))
                if len(named) >= 2:
                    return named
        m = re.search(
            r"\b(?:the|all|between the|all of the|across the|across all)\s+(two|three|four|five|six|"
            r"[2-6])\s+(?:[\w-]+\s+)?(?:boards|partnerships)\b",
            self.text,
            re.I,
        )
        if m:
            statutory = {p.key for p in self.facts.partnerships if p.statutory}
            ranked = sorted(self.counts, key=lambda k: (k not in statutory, -self.counts[k]))
            return ranked[: _NUMBER_WORDS[m.group(1).lower()]]
        frequent = [k for k, c in self.counts.most_common() if c >= 2]
        return frequent if len(frequent) >= 2 else list(self.counts)

    def plural(self, start: int, end: int) -> list[tuple[re.Match, list[str] | None]]:
        """Plural references to partnerships in text[start:end] ("both Safeguarding Boards", "each of the four
        Partnerships")."""
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
