"""Priority cues as data, and the reading of priorities listed inside one sentence.

The cues (``ingest/patterns/priority/cues.jsonl``) say how a sentence states or introduces priorities; they reach
``sgkg_priorities`` through its factory config (the registered function ``sgkg.priority_cues.v1``). A sentence that
lists its priorities inline ("The current priorities were - A, B, C and D", "namely, 1. A; 2. B; 3. C",
"A, B and C have all been identified as priorities") is split here into its items.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.resources import files

from spacy.util import registry

from ..patterns import RuleSet
from .sentences import FUNCTION_END

KINDS = (
    "inline-after",
    "inline-before",
    "inline-these",
    "inline-cued",
    "intro",
    "lead-in",
    "continuation",
    "verb",
    "numbered",
    "label-end",
    "lead-note",
    "not-intro",
)

_MAX_ITEM_WORDS = 14
_MAX_TO_ITEM_WORDS = 30  # "to promote, monitor and evaluate ..." items are clauses
_MARK = r"\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)]"
_NUMBERED = re.compile(rf"^{_MARK}\s+")
_NUMBER_SPLIT = re.compile(rf"[;,]?\s*(?:and\s+)?{_MARK}\s+")
_TO_SPLIT = re.compile(r"(?:[,;]\s*(?:and\s+)?|\s+and\s+)to\s+", re.I)
_SENTENCE_END = re.compile(r"(?<![\d\s])[.!?](?:\s+(?=[A-Z\"“‘(])|\s*$)")


@dataclass(frozen=True)
class Cue:
    id: str
    kind: str
    regex: re.Pattern


@dataclass(frozen=True)
class PriorityCues:
    """The compiled cues, by kind, in file order."""

    cues: tuple[Cue, ...]

    def of(self, kind: str) -> tuple[Cue, ...]:
        return tuple(c for c in self.cues if c.kind == kind)

    def earliest(self, kind: str, text: str) -> int | None:
        """Where the earliest match of any cue of a kind starts in text, or None."""
        starts = [m.start() for c in self.of(kind) if (m := c.regex.search(text))]
        return min(starts) if starts else None

    def first(self, kind: str, text: str, *, search: bool = True):
        """The first cue of a kind that matches text, with its match, or (None, None)."""
        for c in self.of(kind):
            m = c.regex.search(text) if search else c.regex.match(text)
            if m:
                return c, m
        return None, None


def read_cue_records() -> list[dict]:
    """The packaged cue records in file order (``//`` lines are comments)."""
    path = files("sgkg.ingest") / "patterns" / "priority" / "cues.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.lstrip().startswith("//")]


def cues_from_records(records: list[dict]) -> PriorityCues:
    out = []
    for r in records:
        if r.get("kind") not in KINDS:
            raise ValueError(
                f"priority cue {r.get('id')!r}: unknown kind {r.get('kind')!r} (one of {', '.join(KINDS)})"
            )
        out.append(Cue(r["id"], r["kind"], re.compile(r["regex"], 0 if r.get("case") else re.IGNORECASE)))
    return PriorityCues(tuple(out))


@registry.misc("sgkg.priority_cues.v1")
def make_priority_cues() -> list[dict]:
    return read_cue_records()


# --- one sentence's enumeration ------------------------------------------------------------------------------


def sentence_part(rules: RuleSet, text: str) -> str:
    """The enumeration up to the end of its sentence or the start of a new clause ("A, B and C. There is ...",
    "A, B and C, and the same priorities would ..." give "A, B and C")."""
    m = _SENTENCE_END.search(text)
    text = text[: m.start()] if m else text
    m = rules.re("new-clause").search(text)
    return text[: m.start()] if m else text


def _split_and(piece: str, offset: int, protected: list[tuple[int, int]]) -> list[str]:
    """The last piece of a comma list split at its first "and" that is not inside a protected span (a theme name
    such as "Violence Against Women and Girls")."""
    for m in re.finditer(r"\s+and\s+", piece):
        at = offset + m.start()
        if any(a <= at < b for a, b in protected):
            continue
        return [piece[: m.start()], piece[m.end() :]]
    return [piece]


def split_items(text: str, protected: list[tuple[int, int]] = ()) -> tuple[list[str], bool]:
    """The items of an inline enumeration and whether its form is marked (numbers or semicolons), which makes two
    items enough. ``protected`` holds spans (offsets into text) never split at "and"."""
    t = text.strip()
    lead = len(text) - len(text.lstrip())
    t = t.rstrip(" .;,")
    if _NUMBERED.match(t):
        return [p for p in _NUMBER_SPLIT.split(t) if p.strip()], True
    if re.match(r"to\s+", t, re.I):
        body = re.sub(r"^to\s+", "", t, flags=re.I)
        return [p for p in _TO_SPLIT.split(body) if p.strip()], False
    if ";" in t:
        return [re.sub(r"^(?:and|or),?\s+", "", p.strip()) for p in t.split(";") if p.strip()], True
    pieces, pos = [], 0
    for m in re.finditer(r",\s*", t):
        pieces.append((pos, t[pos : m.start()]))
        pos = m.end()
    pieces.append((pos, t[pos:]))
    items = [p for _, p in pieces[:-1]]
    last_at, last = pieces[-1]
    if last.startswith("and ") or last.startswith("or "):
        items.append(last.split(None, 1)[1] if len(last.split(None, 1)) > 1 else "")
    else:
        items.extend(_split_and(last, lead + last_at, list(protected)))
    return [i for i in items if i.strip()], False


def clean_item(rules: RuleSet, item: str) -> str:
    """An item as a label: no leading marker or conjunction, no relative clause after a head of three words or more,
    the first letter a capital."""
    t = re.sub(r"\s+", " ", item).strip(" -–:;,.")
    t = re.sub(r"^(?:and|or)\s+", "", t, flags=re.I)
    short = rules.re("relative-clause").sub("", t)
    if len(short.split()) >= 3:
        t = short
    return t[:1].upper() + t[1:]


def good_items(
    rules: RuleSet, items: list[str], marked: bool, to_form: bool, *, truncated: bool, cut: bool = False
) -> list[str]:
    """The items when they read as a list of priorities, else []: enough of them, none a whole sentence, the first not
    a clause about the priorities ("set out in the plan"); a last item cut off by the end of the page (it ends with a
    function word, or the text stops inside it: ``cut``) is dropped."""
    seen = len(items)
    if truncated and items and (cut or FUNCTION_END.search(items[-1].strip())):
        items = items[:-1]
    cleaned = [clean_item(rules, i) for i in items]
    limit = _MAX_TO_ITEM_WORDS if to_form else _MAX_ITEM_WORDS
    first = items[0].strip(" -–:") if items else ""
    if (
        not items
        or seen < (2 if marked else 3)
        or rules.re("not-first").match(first)
        or rules.re("participle-clause").match(first)
    ):
        return []
    if any(rules.re("adjective").match(i.strip()) for i in items):
        return []  # "ambitious, realistic and achievable": a description of the priorities
    for c in cleaned:
        words = c.split()
        if not words or len(words) > limit or rules.re("finite").search(c) or len(c) < 3:
            return []
    return cleaned
