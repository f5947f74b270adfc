"""Normalise extracted text, keeping an exact map back to the original.

Real documents arrive damaged: wrapped lines, hyphenated line breaks, bullets in
a dozen glyphs, page furniture (running headers, footers, page numbers), tabs
and curly punctuation. The pipeline runs on the normalised text and maps every
span back with :meth:`NormalisedText.to_original`, so that a quote
``original[s:e]`` is always a verbatim piece of the extracted document.

What :func:`normalise` does, line by line (lines end at ``\\n``, ``\\r\\n``,
``\\r`` or a form feed ``\\f``, which marks a page break):

* **Page furniture**: with three pages or more, a short line among the first
  or last three lines of a page that recurs (page number aside) on three or
  more pages is dropped; with two pages or more, so is a bare page number
  ("12", "Page 3 of 9", "- 4 -") among the first or last two lines of a page.
  "Page N of M" lines are dropped wherever they are; other bare numbers are
  kept (they are often table figures). Without form feeds, running footers
  are dropped too: a short line ending with "Page N of M", and a line that
  recurs three times or more with a page number after a bar ("... | 5").
* **Bullets**: a line starting with a bullet glyph (:data:`BULLET_GLYPHS`),
  ``*``, a dash, or ``o`` followed by a space becomes ``- item``; a strong
  bullet glyph in the middle of a line starts a new line; a glyph alone on a
  line is joined to the item on the next line. Each item is a line of its own
  and is never joined to the line before it.
* **Joining**: a line is joined to the previous one when the previous one has
  no terminal punctuation (``. ! ? : ;``) and the line starts lowercase, or
  the previous one ends with a comma or a function word ("and", "of", "the"
  ...), or fills the wrap width of a hard-wrapped text and the line starts
  with a capital. One blank line inside such a wrapped sentence
  (double-spaced extraction) is joined over too. A hyphenated break
  ("co-\\nordination") loses the line break and keeps the hyphen
  ("co-ordination"); a soft hyphen at a break is removed. A paragraph broken
  by a page break is joined the same way.
* **Structure**: blank lines become one paragraph break (``\\n\\n``); other
  line breaks stay single; markdown headings (``#``) are never joined;
  leading and trailing blank lines go.
* **Characters**: runs of spaces, tabs and other blanks (no-break space ...)
  become one space; lines are stripped; :data:`REPLACEMENTS` maps curly
  quotes to straight ones and dashes to ``-`` and expands ligatures and "…";
  :data:`DELETED` (soft hyphens, zero-width characters) are dropped.

The map holds, for each normalised character, the original offset it came
from and whether it *is* that character (copied, or replaced per the table
above) or was inserted (line and paragraph breaks, a space after a bullet).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

#: Glyphs that start a bullet item (Unicode and the Symbol/Wingdings private-use code points).
BULLET_GLYPHS = frozenset(
    "•▪■□▫◦○●◘➢➤►▸▹‣⁃◆◇❖✓✔➔➜⇒·\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc\uf06e\uf0e0\uf0e8\uf0f0\uf09f\uf0a2\uf0b2"
)
#: Glyphs that, after a space in the middle of a line, start a new bullet item.
INLINE_BULLETS = BULLET_GLYPHS - frozenset("·✓✔⇒➔➜")
#: Characters that are a bullet marker only when followed by a space at the start of a line.
WEAK_BULLETS = frozenset("o*-–—−")

#: One original character -> its normalised form (1:1 replacements and ligature expansions).
REPLACEMENTS: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\u2026": "...",
}
#: Characters dropped from the normalised text (soft hyphen, zero-width characters, BOM).
DELETED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")

_TERMINAL = frozenset(".!?:;")
_CLOSERS = frozenset(")]}\"'\u2019\u201d")
_CONTINUATION_WORDS = frozenset(
    "a an and as at between by for from in including into its of on or our that the their "
    "to under which with within".split()
)
_LINE = re.compile(r"([^\n\r\f]*)(\r\n|\n|\r|\f|$)")
_PAGE_NUMBER = re.compile(
    r"(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?|[-\u2013\u2014]\s*\d{1,3}\s*[-\u2013\u2014]", re.I
)
_PAGE_OF = re.compile(r"page\s+\d{1,4}\s+of\s+\d{1,4}", re.I)
_PAGE_OF_END = re.compile(r"(?:^|\s)page\s+\d{1,4}\s+of\s+\d{1,4}\s*$", re.I)
_BAR_NUMBER = re.compile(r"\S\s*\|\s*\d{1,4}\s*$|^\s*\d{1,4}\s*\|\s*\S")
_FURNITURE_MAX_CHARS = 80
_FURNITURE_MIN_PAGES = 3
# a line that starts "Firstname Lastname – " (an entry of a list of people and their posts)
_NAME_DASH = re.compile(
    r"(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Prof|Professor)\.?\s+)?[A-Z][a-z'’]+(?:[ "
    r"-][A-Z][a-z'’]+){0,2}\s+[A-Z][A-Za-z'’-]+\s+[–—-]\s+\S"
)
_WRAP_MIN_LINES = 10  # fewer lines than this: do not guess the wrap width
_WRAP_MAX_WIDTH = 130  # a 90th-percentile line longer than this: one paragraph per line, not wrapped
_WRAP_FULL = 0.75  # a line this close to the wrap width was wrapped
_WRAP_OVERLONG = 1.6  # a line this many times the wrap width was never wrapped
_WRAP_OVERLONG_SHARE = 0.05  # more such lines than this share: the text is not hard-wrapped


@dataclass
class NormalisedText:
    """Normalised text and the map back to the text it came from."""

    text: str
    original: str | None = field(default=None, repr=False)
    origins: array | None = field(default=None, repr=False, compare=False)
    exact: bytearray | None = field(default=None, repr=False, compare=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span ``text[start:end]``.

        It runs from the first to the last character of the span that came from
        the original; a span of inserted characters only maps to an empty span
        at its position.
        """
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(f"span {start}:{end} is outside the normalised text (0:{n})")
        if self.origins is None or self.exact is None:
            return start, end
        first = next((i for i in range(start, end) if self.exact[i]), None)
        if first is None:
            position = self.origins[start] if start < n else len(self.original or "")
            return position, position
        last = next(i for i in range(end - 1, first - 1, -1) if self.exact[i])
        return self.origins[first], self.origins[last] + 1

    def is_exact(self, index: int) -> bool:
        """Whether normalised character ``index`` stands for an original character."""
        return True if self.exact is None else bool(self.exact[index])


@dataclass
class _Line:
    start: int  # content start in the original
    end: int  # content end (before the line break)
    page: int
    core_start: int = 0  # content without surrounding whitespace and deleted characters
    core_end: int = 0
    page_break_after: bool = False

    @property
    def blank(self) -> bool:
        return self.core_start >= self.core_end


class _Builder:
    """Accumulates normalised characters with their original offsets."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.origins = array("q")
        self.exact = bytearray()

    def put(self, text: str, origin: int, exact: bool) -> None:
        for ch in text:
            self.chars.append(ch)
            self.origins.append(origin)
            self.exact.append(exact)

    def last(self) -> str:
        return self.chars[-1] if self.chars else ""


def normalise(text: str, *, hard_wrapped: bool | None = None) -> NormalisedText:
    """Normalise ``text`` (see the module documentation) with an exact offset map.

    ``hard_wrapped=False`` says the reader knows each line is a whole paragraph, heading, item or row (HTML,
    DOCX): lines are then never joined for filling the wrap width. ``None`` guesses from the line lengths.
    """
    lines = _split_lines(text)
    furniture = _furniture(text, lines)
    kept = [line for i, line in enumerate(lines) if not line.blank and i not in furniture]
    ctx = _Context(text, _full_line_length(kept) if hard_wrapped is not False else None)
    out = _Builder()
    previous: _Line | None = None
    blanks, page_crossed, dropped = 0, False, False
    for index, line in enumerate(lines):
        if line.blank or index in furniture:
            blanks += line.blank and index not in furniture
            dropped = dropped or index in furniture
            page_crossed = page_crossed or line.page_break_after
            continue
        if previous is not None:
            _separator(ctx, previous, line, out, blanks=blanks, page_break=page_crossed, dropped=dropped)
        _emit_line(text, line, out)
        previous, blanks, page_crossed, dropped = line, 0, line.page_break_after, False
    return NormalisedText("".join(out.chars), text, out.origins, out.exact)


@dataclass(frozen=True)
class _Context:
    text: str
    full: int | None  # a line at least this long was wrapped (None: the text is not hard-wrapped)


def _full_line_length(lines: list[_Line]) -> int | None:
    """The length from which a line looks wrapped at the page width, if the text is hard-wrapped."""
    lengths = sorted(line.core_end - line.core_start for line in lines)
    if len(lengths) < _WRAP_MIN_LINES:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    # a text whose paragraphs are single long lines (a saved web page) is not hard-wrapped, whatever its short lines
    unwrapped = sum(n > width * _WRAP_OVERLONG for n in lengths)
    if unwrapped > _WRAP_OVERLONG_SHARE * len(lengths):
        return None
    return int(width * _WRAP_FULL) if width <= _WRAP_MAX_WIDTH else None


# --- lines and page furniture ----------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    page = 0
    for match in _LINE.finditer(text):
        if match.start() == len(text) and lines and not match.group(0):
            break
        line = _Line(match.start(1), match.end(1), page)
        line.core_start, line.core_end = _core(text, line.start, line.end)
        line.page_break_after = match.group(2) == "\f"
        lines.append(line)
        page += line.page_break_after
        if not match.group(2):
            break
    return lines


def _ignorable(ch: str) -> bool:
    return ch.isspace() or ch in DELETED


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _ignorable(text[start]):
        start += 1
    while end > start and _ignorable(text[end - 1]):
        end -= 1
    return start, end


def _furniture(text: str, lines: list[_Line]) -> set[int]:
    """Indexes of lines that are page furniture (running headers/footers, page numbers)."""
    dropped = {i for i, line in enumerate(lines) if _PAGE_OF.fullmatch(_core_text(text, line))}
    dropped |= _running_footers(text, lines)
    pages: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if not line.blank:
            pages.setdefault(line.page, []).append(i)
    if len(pages) < 2:
        return dropped
    for indexes in pages.values():
        edges = indexes[:2] + indexes[-2:]
        dropped.update(i for i in edges if _PAGE_NUMBER.fullmatch(_core_text(text, lines[i])))
    if len(pages) < _FURNITURE_MIN_PAGES:
        return dropped
    seen: dict[str, set[int]] = {}
    for page, indexes in pages.items():
        for i in set(indexes[:3] + indexes[-3:]):
            core = _core_text(text, lines[i])
            if len(core) <= _FURNITURE_MAX_CHARS:
                seen.setdefault(_furniture_key(core), set()).add(page)
    repeated = {key for key, on in seen.items() if len(on) >= _FURNITURE_MIN_PAGES}
    for indexes in pages.values():
        for i in set(indexes[:3] + indexes[-3:]):
            if _furniture_key(_core_text(text, lines[i])) in repeated:
                dropped.add(i)
    return dropped


def _running_footers(text: str, lines: list[_Line]) -> set[int]:
    """Running headers/footers of a text without form feeds: a short line that ends with "Page N of M"
    ("Annual Plan 2022   Page 3 of 8"), or a line that recurs (page number aside) three times or more
    and ends or starts with a page number after a bar ("Annual Report 2022-23 | 5", "5 | Annual Report")."""
    out: set[int] = set()
    barred: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        core = _core_text(text, line)
        if line.blank or len(core) > _FURNITURE_MAX_CHARS + 20:
            continue
        if _PAGE_OF_END.search(core) and len(core.split()) <= 16:
            out.add(i)
        elif _BAR_NUMBER.search(core):
            barred.setdefault(_furniture_key(core), []).append(i)
    for indexes in barred.values():
        if len(indexes) >= _FURNITURE_MIN_PAGES:
            out.update(indexes)
    return out


def _core_text(text: str, line: _Line) -> str:
    return text[line.core_start : line.core_end]


def _furniture_key(core: str) -> str:
    """The line as compared across pages: a page number at either end or after "page" does not count."""
    key = re.sub(r"\bpage\s*\d+(?:\s*(?:of|/)\s*\d+)?", "page #", " ".join(core.lower().split()))
    return re.sub(r"^[\W\d_]+|[\W\d_]+$", "", key) or key


# --- joining lines ------------------------------------------------------------


def _separator(
    ctx: _Context, a: _Line, b: _Line, out: _Builder, *, blanks: int, page_break: bool, dropped: bool = False
) -> None:
    """Emit what goes between kept lines ``a`` and ``b`` (mapped to the gap after ``a``).

    Blank lines make a paragraph break (always after a list item), except one blank line inside a wrapped
    sentence (double-spaced extraction); across a page break the lines are
    joined when they would be joined on one page, otherwise they are paragraphs.
    """
    kind = _join_kind(ctx, a, b)
    if kind == "hyphen" and dropped:
        kind = "line"  # a word is never glued over a dropped footer: its quote would hold the footer
    if blanks and _bullet_marker(ctx.text, a):
        kind = "paragraph"  # a list item never runs on into what follows a blank line
    elif blanks and not page_break and not (blanks == 1 and kind == "space" and _is_full(ctx, a)):
        kind = "paragraph"
    if page_break and kind == "line":
        kind = "paragraph"
    if kind != "hyphen":
        out.put({"space": " ", "line": "\n", "paragraph": "\n\n"}[kind], a.core_end, False)


def _join_kind(ctx: _Context, a: _Line, b: _Line) -> str:
    """How line ``b`` follows line ``a``: "hyphen" (no space), "space" (joined) or "line"."""
    text = ctx.text
    prev, first = text[a.core_end - 1], text[b.core_start]
    if text.startswith("\u00ad", a.core_end) and first.isalpha():
        return "hyphen"
    if _is_heading_marker(text, a) or _is_heading_marker(text, b) or _bullet_marker(text, b):
        return "line"
    if a.core_end - a.core_start == 1 and (prev in BULLET_GLYPHS or prev in "-*"):
        return "space"  # a bullet glyph alone on its line: the item is on the next line
    if prev in "-\u2010" and a.core_end - a.core_start > 1 and text[a.core_end - 2].isalpha() and first.isalnum():
        return "hyphen"
    if _ends_sentence(text, a) or _table_row(text, a) or _table_row(text, b):
        return "line"  # a table row ("ORG<TAB>Post") is a line of its own
    if _NAME_DASH.match(text, b.core_start, b.core_end) and _NAME_DASH.match(text, a.core_start, a.core_end):
        return "line"  # "Jo Bloggs – Director, Areaton Council" lines: one entry of a list of people a line
    if first.islower():
        return "space"
    if b.core_start > b.start or not (first.isupper() or first.isdigit()):
        return "line"
    if _continues(text, a) or (first.isupper() and _is_full(ctx, a)):
        return "space"
    return "line"


def _table_row(text: str, line: _Line) -> bool:
    """Cells separated by a tab, with words on both sides."""
    return bool(re.search(r"\w[ \u00a0]*\t\s*\w", text[line.core_start : line.core_end]))


def _is_full(ctx: _Context, line: _Line) -> bool:
    return ctx.full is not None and line.core_end - line.core_start >= ctx.full


def _ends_sentence(text: str, line: _Line) -> bool:
    end = line.core_end
    while end > line.core_start and text[end - 1] in _CLOSERS:
        end -= 1
    return end > line.core_start and text[end - 1] in _TERMINAL


def _continues(text: str, line: _Line) -> bool:
    """The line ends with a comma or a function word, so the sentence goes on."""
    core = _core_text(text, line)
    if core.endswith(","):
        return True
    words = core.rsplit(None, 1)
    return len(words) == 2 and words[-1] in _CONTINUATION_WORDS


def _is_heading_marker(text: str, line: _Line) -> bool:
    return text.startswith("#", line.core_start)


# --- one line -------------------------------------------------------------------


def _bullet_marker(text: str, line: _Line) -> int:
    """Length of the bullet marker at the start of the line (0 when it is not a bullet)."""
    i = line.core_start
    ch = text[i]
    if ch in BULLET_GLYPHS:
        return 1
    if ch in WEAK_BULLETS and i + 1 < line.core_end and text[i + 1] in " \t\u00a0":
        return 1
    return 0


def _emit_line(text: str, line: _Line, out: _Builder) -> None:
    i, end = line.core_start, line.core_end
    if _bullet_marker(text, line):
        i = _emit_bullet(text, i, end, out)
    _emit_chars(text, i, end, out)


def _emit_bullet(text: str, i: int, end: int, out: _Builder) -> int:
    """Emit ``- `` for the marker at ``i`` (and any repeated markers); return where the item starts."""
    out.put("-", i, True)
    i += 1
    while True:
        space = i
        while i < end and _ignorable(text[i]):
            i += 1
        repeated = i < end and (
            text[i] in BULLET_GLYPHS or (text[i] in WEAK_BULLETS and i + 1 < end and text[i + 1] in " \t")
        )
        if not repeated:
            break
        i += 1
    if i < end:
        out.put(" ", space, space < i and text[space].isspace())
    return i


def _emit_chars(text: str, i: int, end: int, out: _Builder) -> None:
    while i < end:
        ch = text[i]
        if ch in DELETED:
            i += 1
        elif ch.isspace():
            run = i
            while i < end and _ignorable(text[i]):
                i += 1
            if i < end and text[i] in INLINE_BULLETS and i + 1 < end and text[i + 1].isspace():
                out.put("\n", run, True)
                i = _emit_bullet(text, i, end, out)
            elif "\t" in text[run:i] and out.last() not in ("\n", ""):
                out.put("\t", run, text[run] == "\t")  # a table cell boundary: kept for the readers of table rows
            elif out.last() not in (" ", "\n", ""):
                out.put(" ", run, True)
        else:
            out.put(REPLACEMENTS.get(ch, ch), i, True)
            i += 1
