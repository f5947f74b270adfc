"""What the priority classifier reads: candidate units of a document and the words it sees in each.

A unit is a list item (with the words of the heading or line that leads its list) or a sentence that enumerates
(commas and a final "and", or semicolons). Training (``ingest/train.py``) and the ``sgkg_priorities`` component
build units the same way, from the layout blocks of the normalised text alone, so that what the model learnt on
is what it is asked about.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..layout import Block
from ..patterns import RuleSet

ITEM, SENTENCE = "item", "sentence"
_CONTEXT_WORDS = 24  # the last words of the lead-in a list item is read with
_MAX_SENTENCE_WORDS = 80


@dataclass(frozen=True)
class Unit:
    """One candidate: ``kind`` item or sentence, its span of the text, where its words start after a list marker
    (``body``), the list it belongs to (``group``: the start of the list's first item; a sentence's own start) and
    the text the classifier reads (``features``)."""

    kind: str
    start: int
    end: int
    body: int
    group: int
    features: str


def words(rules: RuleSet, text: str) -> list[str]:
    """Lower-case words, digits as 0 (a year or a count reads as a number, never as itself)."""
    return [rules.re("unit-digit").sub("0", w.lower()) for w in rules.re("unit-word").findall(text)]


def units(rules: RuleSet, text: str, blocks: list[Block]) -> list[Unit]:
    """The list items (lists of two or more) and the enumerating sentences of a document, in text order (``rules``:
    the priorities rules, ``unit-*`` in ``ingest/patterns/rules/priorities.jsonl``)."""
    return sorted(list_units(rules, text, blocks) + sentence_units(rules, text, blocks), key=lambda u: u.start)


def _runs(blocks: list[Block]) -> list[tuple[int, list[Block]]]:
    """Runs of consecutive list items (furniture skipped), each with the index of the block before it."""
    runs: list[tuple[int, list[Block]]] = []
    current: list[Block] = []
    lead = -1
    for i, b in enumerate(blocks):
        if b.kind == "furniture":
            continue
        if b.kind == "list-item":
            if not current:
                lead = i - 1
            current.append(b)
            continue
        if len(current) >= 2:
            runs.append((lead, current))
        current = []
    if len(current) >= 2:
        runs.append((lead, current))
    return runs


def _lead_words(rules: RuleSet, text: str, blocks: list[Block], lead: int) -> list[str]:
    """The words of the block before a list (and of a heading just above it when that block is a line of prose)."""
    before = [b for b in blocks[max(0, lead - 1) : lead + 1] if b.kind != "furniture"] if lead >= 0 else []
    return words(rules, " ".join(b.text(text) for b in before))[-_CONTEXT_WORDS:]


def list_units(rules: RuleSet, text: str, blocks: list[Block]) -> list[Unit]:
    out = []
    for lead, run in _runs(blocks):
        context = " ".join(f"lead_{w}" for w in _lead_words(rules, text, blocks, lead))
        shape = f"items_{min(len(run), 8)}"
        for b in run:
            body = text[b.body_start : b.end]
            n = len(body.split())
            size = "short" if n <= 4 else "mid" if n <= 10 else "long"
            end = "stop" if body.rstrip().endswith(".") else "open"
            feats = f"kind_item {shape} size_{size} end_{end} {context} {' '.join(words(rules, body))}"
            out.append(Unit(ITEM, b.start, b.end, b.body_start, run[0].start, feats))
    return out


def sentence_units(rules: RuleSet, text: str, blocks: list[Block]) -> list[Unit]:
    out = []
    for b in blocks:
        if b.kind not in ("paragraph", "list-item"):
            continue
        for m in rules.re("unit-sentence").finditer(text, b.start, b.end):
            s = m.group(0)
            if not s.strip() or not rules.re("unit-enumeration").search(s) or len(s.split()) > _MAX_SENTENCE_WORDS:
                continue
            start = m.start() + len(s) - len(s.lstrip())
            feats = f"kind_sentence {' '.join(words(rules, s))}"
            out.append(Unit(SENTENCE, start, m.end(), start, start, feats))
    return out
