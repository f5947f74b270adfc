"""``sgkg_lines``: sentence boundaries from line structure (bullets, headings, tables) and punctuation;
the line shapes the readers share (bullets, sentence ends, list markers, paragraph numbers).
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .base import doc_text

BULLET = re.compile(
    r"^\s*(?:[•▪➢◦●○■□►▶✓✔\-–—*·o](?=\s)|\(?[ivx]{1,4}[.)]|\(?[a-z][.)](?=\s)|"
    r"\d{1,2}(?:\.\d{1,2})*[.)]?(?=\s)|#+\s)"
)
SENTENCE_END = re.compile(r"[.!?:;]['\"”’)]*\s*$")
FUNCTION_END = re.compile(
    r"\b(?:by|of|the|and|to|a|an|in|for|with|under|is|are|on|or|that|which|as|at|from|their|its|"
    r"our|be|will|&|,)\s*$",
    re.I,
)
_INLINE = re.compile(r"(?<=[.!?])['\"”’)]*[ \t]+(?=[A-Z“\"‘(•▪➢])")
_ABBREV_BEFORE = re.compile(r"(?:\b(?:Dr|Mr|Ms|No|St|vs|Cllr|p|s|ss|pp|e\.g|i\.e|etc|Mrs|Prof|Ref|Reg|Sch|[A-Z])\.)$")
MARKER_ONLY = re.compile(r"^\s*(?:[-•]\s*)?\(?(?:[ivx]{1,4}|[a-z]|\d{1,2})[.)]\s*$", re.I)
PARA_NUMBER = re.compile(r"^\s*(?:[-•]\s*)?\d{1,2}\.\d{1,2}\b")


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
        nxt = next((ln.strip() for _, ln in lines[n + 1 : n + 3] if ln.strip()), "")
        offset = pos + (len(line) - len(line.lstrip()))
        new = (
            blank_before
            or bool(BULLET.match(line))
            or "\t" in line
            or "\t" in prev
            or bool(SENTENCE_END.search(prev))
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
    return len(words) <= 8 and not FUNCTION_END.search(prev) and not prev.endswith(",")


# blocks that are a sentence of their own (a paragraph line may be the rest of a sentence broken by the extraction)
_OWN_SENTENCE = frozenset({"heading", "list-item", "table-row", "label-value", "furniture"})


@Language.factory("sgkg_lines", assigns=["token.is_sent_start"], requires=["doc._.sgkg_blocks"])
def make_lines(nlp: Language, name: str):
    return LineSentencizer()


class LineSentencizer:
    """Sentence boundaries from the line structure the normaliser keeps."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        from .layout import blocks_of

        # every layout block starts a sentence (a list item without a marker, a label-value line, a table row)
        starts = sorted(
            set(sentence_starts(doc_text(doc))) | {b.start for b in blocks_of(doc) if b.kind in _OWN_SENTENCE}
        )
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
