"""The layout layer: a document's normalised text as blocks that every extractor reads.

Whatever the reader (PDF, DOCX, HTML, Markdown, text, URL), the normalised text
keeps one line per heading, paragraph, list item and table row (the readers
mark HTML ``li`` and table cells, DOCX list paragraphs and table rows, PDF
bullets; the normaliser turns every bullet glyph into ``- ``). :func:`segment`
classes each line as a :class:`Block`:

``heading``      a short line standing alone (markdown ``#``, a numbered title, a line before a paragraph); ``level``
``list-item``    a line led by a list marker (``-``, ``1.``, ``(a)``, ``ii)``), or one of the lines after a cue
                 line ending with ``:`` that carry no marker; ``glyph`` and ``level``
``table-row``    cells separated by tabs or ``|``; ``cells``
``label-value``  ``Label: value`` ("Chair: NAME, POST"); ``label`` and ``value``
``furniture``    page furniture of saved web pages (skip links, menus, cookie and Covid banners, breadcrumbs, share
                 and feedback links) and a document's table of contents: never read for facts
``paragraph``    anything else

Offsets are offsets of the normalised text, exact: ``text[block.start:block.end]`` is the block. The rules
(furniture phrases, list markers, the label-value shape, cell separators) are data in
``ingest/patterns/layout/blocks.jsonl``; each block records the id of the rule that classed it.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib.resources import files

KINDS = ("heading", "paragraph", "list-item", "table-row", "label-value", "furniture")

_HEADING_MAX_WORDS = 12
_LABEL_MAX_WORDS = 4
_ITEM_MAX_WORDS = 30  # a marker-less line after a cue is a list item up to this length
_TERMINAL = ".;,:!?"
# words that make "X: y" a sentence broken at a colon ("objectives of the Board which are to: ..."), not a label
_LABEL_STOP = frozenset(
    "which are is to will be has have was were that this these they it we our its must shall "
    "should "
    "can may include includes including".split()
)
_NUMBERED_TITLE = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.|Part \d+|Section \d+|Appendix [A-Z\d]+)\s+(?=[A-Z])")


@dataclass(frozen=True)
class Block:
    """One layout block of the normalised text."""

    kind: str
    start: int
    end: int
    rule: str
    level: int = 0
    glyph: str = ""
    cells: tuple[tuple[int, int], ...] = ()
    label: tuple[int, int] | None = None
    value: tuple[int, int] | None = None

    def text(self, text: str) -> str:
        return text[self.start : self.end]

    @property
    def body_start(self) -> int:
        """Where the item's text starts after its marker (list items), or the value (label-value lines)."""
        if self.value is not None:
            return self.value[0]
        return self.start + len(self.glyph) + (1 if self.glyph else 0)


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    regex: re.Pattern
    level: int = 0


@dataclass(frozen=True)
class LayoutRules:
    furniture: tuple[Rule, ...]
    markers: tuple[Rule, ...]
    label_value: tuple[Rule, ...]
    separators: tuple[Rule, ...]
    contents: tuple[Rule, ...] = ()


def rules_from_records(records: list[dict]) -> LayoutRules:
    """Compile layout rules from their JSON records (see ``ingest/patterns/layout/blocks.jsonl``)."""
    by_kind: dict[str, list[Rule]] = {
        "furniture": [],
        "list-marker": [],
        "label-value": [],
        "table-separator": [],
        "contents": [],
    }
    for r in records:
        if r["kind"] not in by_kind:
            raise ValueError(f"layout rule {r['id']!r}: unknown kind {r['kind']!r} (one of {', '.join(by_kind)})")
        flags = 0 if r.get("case") else re.IGNORECASE
        by_kind[r["kind"]].append(Rule(r["id"], r["kind"], re.compile(r["regex"], flags), int(r.get("level", 0))))
    return LayoutRules(
        *(tuple(by_kind[k]) for k in ("furniture", "list-marker", "label-value", "table-separator", "contents"))
    )


def read_rule_records() -> list[dict]:
    """The layout rules shipped with the package, in file order (``//`` lines are comments)."""
    path = files("sgkg.ingest") / "patterns" / "layout" / "blocks.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.lstrip().startswith("//")]


@functools.lru_cache(maxsize=1)
def default_rules() -> LayoutRules:
    """The packaged rules, compiled once per process (they are read-only data)."""
    return rules_from_records(read_rule_records())


# --- segmenting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    blank_before: bool


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos, blank = 0, True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped, blank))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    return out


def segment(text: str, rules: LayoutRules | None = None) -> list[Block]:
    """The blocks of normalised ``text``, in order, one a non-blank line."""
    rules = rules or default_rules()
    lines = _lines(text)
    blocks: list[Block] = []
    contents_end = -1  # lines before this index are the entries of a table of contents
    state = ""  # "cue": the previous content line ended with ":"; "list": it was a list item ("cue-list": one without
    # a marker, right after a cue)
    for n, line in enumerate(lines):
        nxt = lines[n + 1] if n + 1 < len(lines) else None
        if n < contents_end:
            blocks.append(Block("furniture", line.start, line.end, "furniture.contents-entry"))
            continue
        heading = next((r for r in rules.contents if r.regex.fullmatch(line.text)), None)
        if heading is not None:
            contents_end = _contents_end(lines, n)
            if contents_end > n:
                blocks.append(Block("furniture", line.start, line.end, heading.id))
                continue
        block = _classify(line, nxt, rules, state=state, first=not blocks)
        blocks.append(block)
        if block.kind == "furniture":
            continue
        if block.kind == "list-item":
            state = "cue-list" if block.rule == "list.after-cue" else "list"
        else:
            state = "cue" if line.text.endswith(":") and block.kind in ("paragraph", "heading", "label-value") else ""
    return blocks


_CONTENTS_MAX_ENTRIES = 80
_CONTENTS_ENTRY_MAX_WORDS = 15
_ENTRY_NUMBER = re.compile(r"^(?:[-–—*•]\s*)?(?:(?:\d{1,2}(?:\.\d{1,2})*|[A-Z]|[ivx]{1,4})[.)]?\s*(?=\S))?")
_PAGE_NUMBER = re.compile(r"[\s.·…_-]*\b\d{1,3}$")


def _entry_key(text: str) -> str:
    """A contents entry as its heading later reads: no number or glyph before it, no page number or leader after it."""
    core = _PAGE_NUMBER.sub("", _ENTRY_NUMBER.sub("", text, count=1))
    return " ".join(core.replace("\t", " ").split()).lower()


def _contents_end(lines: list[_Line], n: int) -> int:
    """The index of the first line after the table of contents headed by ``lines[n]``, or ``n`` when the lines after
    it are not one. Its entries are short lines; it ends where the first entry comes back as the document's heading,
    and without such a return it is a table of contents only when most entries end with a page number."""
    keys: set[str] = set()
    paged = 0
    for i in range(n + 1, min(len(lines), n + 1 + _CONTENTS_MAX_ENTRIES)):
        t = lines[i].text
        key = _entry_key(t)
        if key and key in keys:
            return i if i - n > 2 else n
        if len(t.split()) > _CONTENTS_ENTRY_MAX_WORDS or (t.endswith(".") and len(t.split()) > 6):
            return i if i - n > 2 and paged * 2 >= i - n - 1 else n
        keys.add(key)
        paged += bool(_PAGE_NUMBER.search(t))
    return n


def _classify(line: _Line, nxt: _Line | None, rules: LayoutRules, *, state: str, first: bool) -> Block:
    s, e, t = line.start, line.end, line.text
    bare = re.sub(r"^[-–—*•]\s+", "", t)
    for rule in rules.furniture:
        if len(t) <= 700 and (rule.regex.fullmatch(t) or rule.regex.fullmatch(bare)):
            return Block("furniture", s, e, rule.id)
    if t.startswith("#"):
        hashes = len(t) - len(t.lstrip("#"))
        return Block("heading", s, e, "heading.markdown", level=min(hashes, 6))
    cells = _cells(line, rules)
    if cells:
        return Block("table-row", s, e, cells[1], cells=cells[0])
    for rule in rules.markers:
        m = rule.regex.match(t)
        if m and len(t) > m.end() and t[m.end()].isspace():
            return Block("list-item", s, e, rule.id, level=rule.level, glyph=m.group(0))
    words = len(t.split())
    if _unmarked_item(line, words, state):
        return Block("list-item", s, e, "list.after-cue" if state.startswith("cue") else "list.unmarked", level=1)
    for rule in rules.label_value:
        m = rule.regex.fullmatch(t)
        label = m.group("label").split() if m else []
        if m and len(label) <= _LABEL_MAX_WORDS and not _LABEL_STOP & {w.lower() for w in label}:
            return Block(
                "label-value",
                s,
                e,
                rule.id,
                label=(s + m.start("label"), s + m.end("label")),
                value=(s + m.start("value"), s + m.end("value")),
            )
    level = _heading_level(line, nxt, first=first)
    if level:
        return Block("heading", s, e, "heading.line", level=level)
    return Block("paragraph", s, e, "paragraph")


def _unmarked_item(line: _Line, words: int, state: str) -> bool:
    """A line without a marker is a list item right after a cue ("The partners are:" then one a line, a blank line
    before the first allowed when it is short), or inside a list (no blank line before it: a bullet lost)."""
    if line.text.endswith(":") or words > _ITEM_MAX_WORDS:
        return False
    if state == "cue":
        return not line.blank_before or words <= 8
    if state == "cue-list":  # the next line of a list without markers
        return not line.blank_before
    return state == "list" and not line.blank_before and words <= 12 and line.text[-1] not in ".!?"


def _cells(line: _Line, rules: LayoutRules) -> tuple[tuple[tuple[int, int], ...], str] | None:
    """The cells of a table row: two or more non-empty pieces between one kind of separator."""
    for rule in rules.separators:
        pieces: list[tuple[int, int]] = []
        pos = 0
        for m in rule.regex.finditer(line.text):
            pieces.append((pos, m.start()))
            pos = m.end()
        if not pieces:
            continue
        pieces.append((pos, len(line.text)))
        cells = []
        for a, b in pieces:
            piece = line.text[a:b]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                cells.append((line.start + a + lead, line.start + a + lead + len(piece.strip())))
        if len(cells) >= 2:
            return tuple(cells), rule.id
    return None


def _heading_level(line: _Line, nxt: _Line | None, *, first: bool) -> int:
    """1 for a title (first line, or all capitals), 2 for a numbered title's depth or a section heading, 0 when
    the line is not a heading: short, no terminal punctuation, starts with a capital or a number, stands alone
    (a blank line before it, or a longer line after it)."""
    t = line.text
    words = t.split()
    if len(words) > _HEADING_MAX_WORDS or t[-1] in _TERMINAL or not (t[0].isupper() or t[0].isdigit()):
        return 0
    alone = line.blank_before or first or (nxt is not None and (nxt.blank_before or len(nxt.text) > len(t)))
    if not alone:
        return 0
    number = _NUMBERED_TITLE.match(t)
    if number:
        return min(2 + number.group(0).count("."), 6) if "." in number.group(0).strip(". ") else 2
    if first or (t.isupper() and len(t) > 3):
        return 1
    return 2


def furniture_spans(blocks: list[Block]) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in blocks if b.kind == "furniture"]


def block_at(blocks: list[Block], char: int) -> Block | None:
    """The block holding character ``char`` (blocks are sorted and do not overlap)."""
    return span_at(blocks, char)


def span_at(items: list, char: int):
    """The item (anything with ``start`` and ``end``; sorted, not overlapping) holding character ``char``, or None."""
    lo, hi = 0, len(items) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        item = items[mid]
        if char < item.start:
            hi = mid - 1
        elif char >= item.end:
            lo = mid + 1
        else:
            return item
    return None


def list_after(blocks: list[Block], index: int, text: str) -> list[Block]:
    """The list items that follow block ``index`` (a cue), up to the first block that is not one, or an item that
    is itself the cue of another list ("Other attendees include:"); furniture between items is skipped."""
    items: list[Block] = []
    for b in blocks[index + 1 :]:
        if b.kind == "furniture":
            continue
        if b.kind != "list-item" or b.text(text).rstrip().endswith(":"):
            break
        items.append(b)
    return items
