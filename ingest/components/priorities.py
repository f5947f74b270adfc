"""``sgkg_priorities``: priorities, single and joint."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from .. import identity
from ..facts import PriorityFact
from ..layout import block_at
from ..patterns import Reference, RuleSet, load_reference, rule_set
from .attribution import Attribution
from .base import all_spans, ensure_extensions, facts_of, make_mention, rules_config
from .context import Context, Sentence, ctx_of
from .layout import blocks_of
from .periods import period_in
from .priority_cues import PriorityCues, cues_from_records, good_items, sentence_part, split_items
from .priority_model import PriorityModel, load_classifier
from .sentences import BULLET, MARKER_ONLY, PARA_NUMBER, SENTENCE_END

_TRAILING_MARKER = re.compile(r"\s+\(?(?:[a-h]|[ivx]{1,4}|\d{1,2})[.)]\s*$")
# the number of priorities an introduction announces ("has three priorities")
_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_PAGE_REF = re.compile(r"(?:\t|\.{2,}|…)\s*\d{1,3}\s*$")  # a contents line: "Introduction<TAB>3", "Priorities ... 7"

# a trailing remark in brackets, "(to be agreed by the board)": its words are counted by the caller
_TRAILING_REMARK = re.compile(r"\s*\(([a-z][^()]*)\)\.?$")


def _count_of(rules: RuleSet, text: str) -> int | None:
    """The number of priorities an introduction announces ("has three priorities for 2024-27"), or None."""
    m = rules.re("counted").search(text)
    if not m:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _COUNT[word]


@Language.factory(
    "sgkg_priorities",
    assigns=["doc._.sgkg"],
    requires=["doc._.sgkg_ctx"],
    default_config=rules_config("priorities", cues={"@misc": "sgkg.priority_cues.v1"}, model="", model_threshold=0.6),
)
def make_priorities(nlp: Language, name: str, cues: list[dict], rules: list[dict], model: str, model_threshold: float):
    """``model``: the name of a packaged classifier under ``ingest/models/`` ("" for none, the rules alone), asked
    about the lists and enumerations the rules left; ``model_threshold``: the mean score a list must reach."""
    ensure_extensions()
    compiled = rule_set("priorities", rules)
    learnt = PriorityModel(load_classifier(model), model_threshold, compiled) if model else None
    return PriorityReader(load_reference(), cues_from_records(cues), compiled, learnt)


class PriorityReader:
    """Priorities: numbered ones ("Joint Priority 1: X"), lists under an introduction ("Our priorities for 2020-22:",
    a "Key Priorities" heading, a priority matrix), statements ("X has been a priority for the Board") and
    enumerations inside one sentence. Joint when the introduction says so or names several partnerships.
    Stateless between documents: each document is read by its own :class:`_DocumentPriorities`."""

    def __init__(self, ref: Reference, cues: PriorityCues, rules: RuleSet, model: "PriorityModel | None" = None):
        self.ref = ref
        self.cues = cues
        self.rules = rules  # ingest/patterns/rules/priorities.jsonl, read-only
        self.model = model  # a trained classifier asked where the rules found nothing, read-only

    def __call__(self, doc: Doc) -> Doc:
        facts = facts_of(doc)
        if facts.partnerships:
            reading = _DocumentPriorities(doc, ctx_of(doc), facts, self.cues, self.rules)
            reading.run()
            if self.model is not None:
                reading.learnt(self.model)
        return doc


@dataclass
class _ListScan:
    """What has been read of one list under an introduction (see _DocumentPriorities._scan_list)."""

    explicit: bool  # the introduction says a list follows ("as follows", a colon)
    joint: bool = False  # the introduction says its priorities are joint
    items: list[Sentence] = field(default_factory=list)
    between: list[Sentence] = field(default_factory=list)  # sentences between the introduction and the first item
    mode: str | None = None  # how the items are marked: "marked", "bullet" or "plain"
    plain: str | None = None  # "plain" once an unmarked line was read as an item
    expect: bool = False  # a marker (or an item ending in one) announces the next item
    sub: bool = False  # inside the lettered sub-items of an item
    explained: set[int] = field(default_factory=set)  # items followed by prose that explains them
    last_prose: int = -1  # the last sentence read as such prose


class _DocumentPriorities:
    """The reading of one document's priorities (what has been read so far lives here, never on the component)."""

    MAX_ITEMS = 25
    PERIOD_WINDOW = 8  # sentences above a cue searched for the heading that dates it
    INLINE_CHARS = 2000  # an enumeration inside one sentence is read at most this far into its block
    SHORT_LABEL_WORDS = 10  # the longest item of a list under a lead-in that names no priority

    def __init__(self, doc: Doc, ctx: "Context", facts, cues: PriorityCues, rules: RuleSet):
        self.cues = cues
        self.rules = rules
        self.att = Attribution(doc, ctx, facts)
        self.themes = [s for s in all_spans(doc) if s.label_ == "THEME"]
        self.seen: set[str] = set()
        self.doc, self.facts = doc, facts
        self.listed_until = -1  # sentences up to here belong to a list already read
        self.contents = self._contents(ctx)
        self.blocks = blocks_of(doc)
        self.block_index = {id(b): i for i, b in enumerate(self.blocks)}
        self.tabled: set[int] = set()

    def run(self) -> None:
        ctx = self.att.ctx
        self._tables(ctx)
        self._priority_column(ctx)
        for sent in ctx.sentences:
            if sent.index in self.tabled:
                continue
            inline = self.rules.re("inline-priority").match(sent.text)
            if inline:
                joint = bool(inline.group(1) and inline.group(1).lower().strip() in ("joint", "shared"))
                period = period_in(sent.text) or self._period_near(sent)
                self._add(sent, inline.group(2), self._owners(sent, joint, [sent]), joint, period, "priority.numbered")
                continue
            if self._numbered_alone(sent):
                continue
            if self._stated(sent):
                continue
            note = self.rules.re("joint-note").match(sent.text)
            if note and sent.index > 0:
                prev = ctx.sentences[sent.index - 1]
                label = self._theme_label(prev) or prev.text
                self._add(prev, label, self._owners(sent, True, [sent]), True, None, "priority.joint-note")
                continue
            if sent.index <= self.listed_until or sent.index in self.contents:
                if sent.index not in self.contents and not sent.bullet:
                    # a sentence of prose between a list's heading and its items ("Our overarching priority is ...")
                    self._verb(sent)
                continue
            if self._numbered(sent) or self._inline(sent) or self._verb(sent):
                continue
            if self._intro(sent):
                self._list(sent)
            elif self._lead_in(sent):
                self._list(sent, weak=True)

    # -- the trained classifier, where the rules found nothing ---------------------------------------------------
    def learnt(self, model: "PriorityModel") -> None:
        """Lists and enumerating sentences the classifier takes for priorities, where no rule read a priority: a
        list whose items score ``model.threshold`` on average and are all short labels; a sentence that scores it and
        splits into a list of labels."""
        covered = [(p.mention.start, p.mention.end) for p in self.facts.priorities]
        for found in model.lists(self.att.text, self.blocks):
            if any(a < found[-1].end and b > found[0].start for a, b in covered):
                continue
            labels = [self.att.text[u.body : u.end].strip() for u in found]
            if all(len(t.split()) <= self.SHORT_LABEL_WORDS and not self.rules.re("finite").search(t) for t in labels):
                self._learnt_items([(u.start, u.end, t) for u, t in zip(found, labels)], "priority.model.list")
        for unit in model.sentences(self.att.text, self.blocks):
            if not any(a < unit.end and b > unit.start for a, b in covered):
                self._learnt_sentence(unit)

    def _learnt_sentence(self, unit) -> None:
        text = self.att.text[unit.start : unit.end]
        cue = self.rules.re("model-enumeration-start").search(text)
        if not cue:
            return
        part = sentence_part(self.rules, text[cue.end() :])
        items, marked = split_items(part)
        labels = good_items(self.rules, items, marked, False, truncated=False)
        base = unit.start + cue.end()
        spans = [(base + max(part.lower().find(t.lower()[:12]), 0), unit.end, t) for t in labels]
        if labels:
            self._learnt_items(spans, "priority.model.sentence")

    def _learnt_items(self, spans: list[tuple[int, int, str]], rule: str) -> None:
        sent = next((s for s in self.att.ctx.sentences if s.end > spans[0][0]), None)
        if sent is None:
            return
        owners = self._owners(sent, False, [sent])
        period = period_in(sent.text) or self._period_near(sent)
        for start, end, label in spans:
            self._add_fact(label, owners, False, None, period, None, (), start, end, rule)

    def _stated(self, sent: "Sentence") -> bool:
        """ "X has been a priority for the Areaton Board" (the board named after the cue, none in X), or "... for the
        partnership" (the document's partnership there)."""
        stated = self.rules.re("priority-for").match(sent.text)
        if not stated or self.att.named(sent, end=sent.start + stated.end("label")):
            return False
        named = self.att.named(sent, start=sent.start + stated.end())
        owner = named[0].key if named else None
        if owner is None and self.rules.re("generic-owner").match(sent.text[stated.end() :]):
            owner = self.att.owner(sent)
        if owner is None:
            return False
        self._add(sent, stated.group("label"), (owner,), False, period_in(sent.text), "priority.stated")
        return True

    def _numbered_alone(self, sent: "Sentence") -> bool:
        """A line that is only "Priority 2" ("Joint priority one:"), its label the short line after it."""
        alone = self.rules.re("priority-alone").fullmatch(sent.text.strip())
        sents = self.att.ctx.sentences
        if not alone or sent.index + 1 >= len(sents):
            return False
        nxt = sents[sent.index + 1]
        label = BULLET.sub("", nxt.text).strip()
        if not 1 <= len(label.split()) <= 12 or self.rules.re("finite").search(label) or label.endswith(":"):
            return False
        joint = bool(alone.group(1) and alone.group(1).lower().strip() in ("joint", "shared"))
        period = period_in(sent.text) or self._period_near(sent)
        self._add(nxt, label, self._owners(sent, joint, [sent]), joint, period, "priority.numbered-line")
        self.listed_until = max(self.listed_until, nxt.index)
        return True

    # -- cues as data: agenda lines, one sentence's enumeration, a verb, introductions -----------------------------
    def _numbered(self, sent: "Sentence") -> bool:
        """An agenda line or heading naming a numbered priority ("5. Board Priority 2 - Housing Update NAME will
        ...")."""
        cue, m = self.cues.first("numbered", sent.text.strip(), search=False)
        if not m:
            return False
        label = m.group("label")
        end = self.cues.earliest("label-end", label)
        label = label if end is None else label[:end]
        self._add(
            sent,
            label,
            self._owners(sent, False, [sent]),
            False,
            period_in(sent.text) or self._period_near(sent),
            cue.id,
        )
        return True

    def _inline(self, sent: "Sentence") -> bool:
        """Priorities listed inside one sentence ("The current priorities were - A, B and C", "the five priorities,
        namely, 1. A; 2. B", "A, B and C have all been identified as priorities"); the sentence read on to the end of
        its block, because a numbered enumeration is cut into sentences at its numbers."""
        if self.rules.re("not-priorities").search(sent.text):
            return False
        block = block_at(self.blocks, sent.start)
        end = max(sent.end, min(block.end if block is not None else sent.end, sent.start + self.INLINE_CHARS))
        text = self.att.text[sent.start : end]
        if self._cued(sent, (("inline-cued", text),)):
            return True  # "The work plan focussed on A, B and C": the cue names no priority but carries its own word
        if not self.rules.re("priority-word").search(sent.text):
            return self._inline_these(sent)
        return self._cued(sent, (("inline-after", text), ("inline-before", sent.text)))

    def _cued(self, sent: "Sentence", sources: tuple[tuple[str, str], ...]) -> bool:
        """The first enumeration that a cue of one of the kinds finds in its source text."""
        for kind, source in sources:
            for cue in self.cues.of(kind):
                m = cue.regex.search(source)
                if m and self._enumeration(sent, cue.id, m, source):
                    return True
        return False

    def _inline_these(self, sent: "Sentence") -> bool:
        """ "... used the inspection to identify priorities. In particular these are focused on A, B and C.": an
        enumeration whose subject is the priorities the sentence before names (cues of kind "inline-these")."""
        prev = self.att.ctx.sentences[sent.index - 1] if sent.index > 0 else None
        if prev is None or not self.rules.re("priority-strict").search(prev.text):
            return False
        cue, m = self.cues.first("inline-these", sent.text)
        return bool(m) and self._enumeration(sent, cue.id, m, sent.text)

    def _enumeration(self, sent: "Sentence", rule: str, m: "re.Match", source: str) -> bool:
        """The items of a cue's enumeration as priorities, when they read as a list (see priority_cues.good_items)."""
        part = sentence_part(self.rules, m.group("items"))
        base = sent.start + m.start("items")
        rest = source.rstrip()
        truncated = m.start("items") + len(part.rstrip()) >= len(rest) and rest[-1:] not in ".!?;)"
        protected = [
            (t.start_char - base, t.end_char - base) for t in self.themes if base <= t.start_char < base + len(part)
        ]
        items, marked = split_items(part, protected)
        # the text stops inside the sentence: its last item is cut
        cut = truncated and sent.end >= len(self.att.text.rstrip())
        labels = good_items(
            self.rules, items, marked, bool(re.match(r"\s*to\s", part, re.I)), truncated=truncated, cut=cut
        )
        if not labels:
            return False
        joint = bool(self.rules.re("joint-before-items").search(source[: m.start("items")]))
        owners = self._owners(sent, joint, [sent])
        period = period_in(source[: m.start("items")]) or self._period_near(sent)
        pos = 0
        for label in labels:
            at = part.lower().find(label[:12].lower(), pos)
            start = base + at if at >= 0 else sent.start
            stop = base + at + len(label) if at >= 0 else sent.end
            pos = at + 1 if at >= 0 else pos
            self._add_fact(label, owners, joint, None, period, None, (), start, stop, rule)
        self.listed_until = max(
            self.listed_until,
            max(
                (s.index for s in self.att.ctx.sentences[sent.index :] if s.start < base + len(part)),
                default=sent.index,
            ),
        )
        return True

    def _period_near(self, sent: "Sentence") -> str | None:
        """The period of priorities whose cue names none: from the sentences before it in its paragraph ("The priorities
        for 2021/22 remained ... The current priorities were - ..."), else from a heading or sentence just above that
        names a plan, strategy or priorities ("Partnership Plan 2022-2027")."""
        sents = self.att.ctx.sentences
        block = block_at(self.blocks, sent.start)
        if block is not None:
            for s in reversed(sents[max(0, sent.index - 6) : sent.index]):
                if s.start < block.start:
                    break
                if period := period_in(s.text):
                    return period
        for s in reversed(sents[max(0, sent.index - self.PERIOD_WINDOW) : sent.index]):
            near = (
                s.index >= sent.index - 3
                and self.rules.re("plan-document").search(s.text)
                or (
                    # the introduction of a numbered run
                    s.text.rstrip().endswith(":") and self.rules.re("priority-word").search(s.text)
                )
            )
            if (near or s.heading and self.rules.re("plan-heading").search(s.text)) and (period := period_in(s.text)):
                return period
        return None

    def _verb(self, sent: "Sentence") -> bool:
        """One priority given by a verb ("had been asked to prioritise internet safety")."""
        cue, m = self.cues.first("verb", sent.text)
        if not m:
            return False
        start = sent.start + m.start("label")
        if not any(start <= t.start_char < sent.start + m.end("label") for t in self.themes):
            return False  # "asked to prioritise attendance": only a theme is a priority given by a verb
        label = m.group("label")
        self._add_fact(
            label[:1].upper() + label[1:],
            self._owners(sent, False, [sent]),
            False,
            None,
            period_in(sent.text),
            None,
            (),
            start,
            sent.start + m.end("label"),
            cue.id,
        )
        return True

    def _intro(self, sent: "Sentence") -> bool:
        """An introduction of a list of priorities: a cue of kind "intro", a "These include:" line after a sentence
        about priorities, or a sentence naming priorities that reads as an introduction (see _is_intro)."""
        t = sent.text.strip()
        if self.cues.first("not-intro", t)[0]:
            return False
        if self.cues.first("intro", t)[0]:
            return True
        if sent.bullet and not t.endswith(":"):
            return False  # an item of a running list ("- Progress against thematic priorities; and")
        sents = self.att.ctx.sentences
        if sent.index > 0 and self.cues.first("continuation", t, search=False)[0]:
            return bool(self.rules.re("priority-strict").search(sents[sent.index - 1].text))
        return bool(self.rules.re("priority-word").search(t)) and self._is_intro(sent)

    # -- priority tables ---------------------------------------------------------------------------------------
    def _tables(self, ctx: "Context") -> None:
        """A priority table, its header a Priority cell with a Lead cell (and maybe a Contributing cell), the cells on
        one
        line ("Priority Lead board Contributing boards", tabs flattened) or one a line; each row gives the priority,
        then
        its lead partnership, then the contributing ones."""
        text = self.att.text
        lines = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
        i = 0
        while i < len(lines):
            line = lines[i][2]
            if self.rules.re("table-header").match(line):
                i = self._rows(ctx, lines, i + 1, 1)
                continue
            if (
                self.rules.re("table-priority").match(line)
                and i + 1 < len(lines)
                and self.rules.re("table-lead").match(lines[i + 1][2])
            ):
                n = 2 + bool(i + 2 < len(lines) and self.rules.re("table-contributing").match(lines[i + 2][2]))
                i = self._rows(ctx, lines, i + n, n)
                continue
            i += 1

    def _priority_column(self, ctx: "Context") -> None:
        """A table with a column headed "Priority" ("Priority | What we will do", "No. | Priority | Lead"): each row
        under the header gives a priority in that column, while the rows run on; a row whose cell is no priority ends
        it."""
        for n, head in enumerate(self.blocks):
            col = self._priority_cell(head)
            rows = self._column_rows(ctx, n, col) if col is not None else []
            if not rows:
                continue
            sent = next((s for s in ctx.sentences if s.start <= head.start < s.end or s.start >= head.start), None)
            owners = self._owners(sent, False, [sent]) if sent else ()
            for b, label in [(head, "")] + rows:
                if label:
                    period = period_in(label) or (self._period_near(sent) if sent else None)
                    self._add_fact(
                        label, owners, False, None, period, None, (), b.start, b.end, "priority.table-column"
                    )
                self.tabled.update(s.index for s in ctx.sentences if s.start < b.end and s.end > b.start)

    def _priority_cell(self, head) -> int | None:
        """Which cell of a table row heads a priority column: the first, or the second after a number column ("No.",
        "#", "Ref"); None when neither does."""
        if head.kind != "table-row":
            return None
        cells = [self.att.text[slice(*c)].strip() for c in head.cells]
        for i, cell in enumerate(cells[:2]):
            if i and not self.rules.re("table-number-head").fullmatch(cells[0]):
                break
            if self.rules.re("table-priority").match(cell) and self.rules.re("priority-strict").search(cell):
                return i
        return None

    def _column_rows(self, ctx: "Context", n: int, col: int) -> list[tuple]:
        """The rows under the header block n while their cell in column col reads as a priority label."""
        text, rows = self.att.text, []
        for b in self.blocks[n + 1 :]:
            if b.kind == "table-row" and self.rules.re("table-rule-row").fullmatch(b.text(text)):
                continue  # "|---|---|" under a Markdown header
            if (
                b.kind != "table-row"
                or len(b.cells) <= col
                or any(s.start < b.end and s.end > b.start for s in ctx.sentences if s.index in self.tabled)
            ):
                break
            label = text[slice(*b.cells[col])].strip()
            if (
                len(label) < 4
                or len(label.split()) > 12
                or self._not_label(label)
                or self.rules.re("priority-strict").search(label)
            ):
                break
            rows.append((b, label))
        return rows

    def _mentioned(self, start: int, end: int) -> list:
        return [m for m in self.att.ctx.mentions if start <= m.start and m.end <= end and m.key in self.att.usable]

    def _not_label(self, label: str) -> bool:
        """A cell that cannot be a priority: a date, page number, escalation step, person with post, section word,
        sentence."""
        return bool(
            self.rules.re("table-not-row").match(label)
            or self.rules.re("post-after-name").search(label)
            or self.rules.re("modal").search(label)
            or re.search(r"(?:\.{2,}|…|\s)\s*\d{1,3}$", label)
        )

    def _rows(self, ctx: "Context", lines: list, i: int, n: int) -> int:
        """Rows of n lines each (1: the cells flattened on one line): the label, then the lead, then the contributors.
        The rows sit under the header contiguously: a blank line, a line that is no row (a heading, prose) or a row
        whose first cell is clearly no priority ends the table."""
        text = self.att.text
        tabbed = n == 1 and "\t" in text[lines[i - 1][0] : lines[i - 1][1]]
        while i + n <= len(lines):
            start, end = lines[i][0], lines[i + n - 1][1]
            if re.search(r"\n[ \t]*\n", text[lines[i - 1][1] : end]):
                break  # a blank line before or inside the row
            named = self._mentioned(start, end)
            if tabbed:
                if "\t" not in text[start:end]:
                    break
                label_end = start + text[start:end].index("\t")
            else:
                label_end = lines[i][1] if n > 1 else (named[0].start if named else start)
            label = text[start:label_end].strip()
            if (
                not named
                or named[0].start < label_end
                or len(label.split()) > 25
                or len(label) < 4
                or self._not_label(label)
            ):
                break
            lead, contributing = self._row_owners(named, lines, i, n)
            owners = (lead,) + contributing
            self._add_fact(
                label,
                owners,
                len(owners) > 1,
                None,
                period_in(label),
                lead,
                contributing,
                start,
                end,
                "priority.table-row",
            )
            for s in ctx.sentences:
                if s.start < end and s.end > start:
                    self.tabled.add(s.index)
            i += n
        return i

    @staticmethod
    def _row_owners(named: list, lines: list, i: int, n: int) -> tuple[str, tuple[str, ...]]:
        """A table row's lead (the first partnership named) and its contributors (the others; in a row of several
        lines, those named from its second line on)."""
        keys = list(dict.fromkeys(m.key for m in named))
        lead, contributing = keys[0], tuple(keys[1:])
        if n > 1 and any(m.start < lines[i + 1][1] for m in named[1:]):
            contributing = tuple(
                k for k in dict.fromkeys(m.key for m in named if m.start >= lines[i + 1][1]) if k != lead
            )
        return lead, contributing

    def _contents(self, ctx: "Context") -> set[int]:
        """Sentences of a table of contents: after a 'Contents' heading, the short lines and numbers up to the first
        prose,
        and any run of three or more short lines ending in a page number."""
        out: set[int] = set()
        sents = ctx.sentences
        for s in sents:
            if self.rules.re("contents-heading").fullmatch(s.text.strip()):
                for t in sents[s.index + 1 : s.index + 60]:
                    if len(t.text.split()) > 12 or (SENTENCE_END.search(t.text) and not MARKER_ONLY.match(t.text)):
                        break
                    out.add(t.index)
        run: list[int] = []
        for s in sents:
            if len(s.text.split()) <= 12 and re.search(r"[A-Za-z][\w)]*\s*\.*\s+\d{1,3}$", s.text):
                run.append(s.index)
                continue
            if MARKER_ONLY.match(s.text) and run:
                continue
            if len(run) >= 3:
                out.update(range(run[0], run[-1] + 1))
            run = []
        return out

    def _is_intro(self, sent: "Sentence") -> bool:
        """An introduction of a list of priorities: "...priorities for 2020-22 are:", "The priorities ... below", a
        short heading."""
        t = sent.text.strip()
        if (
            self.rules.re("inline-priority").match(t)
            or self.rules.re("not-priorities").search(t)
            or self.rules.re("table-header").match(t)
            or _PAGE_REF.search(t)
        ):
            return False  # a table header's rows are read as a table, or not at all
        if self.rules.re("intro-end").search(t):
            return True
        if self.rules.re("intro-below").search(t):
            return bool(self.rules.re("priority-subject").match(t))
        return sent.heading and len(t.split()) <= 10 and bool(self.rules.re("priority-strict").search(t))

    def _lead_in(self, sent: "Sentence") -> bool:
        """A heading or a line ending with ':' or '?' that introduces priorities without the word ("Our focus",
        "Key areas of work for 2024-25:", "... has agreed to focus on five key issues:"): cues of kind "lead-in"."""
        t = sent.text.strip()
        if len(t.split()) > 25 or not (sent.heading or t.endswith((":", "?", ":-"))):
            return False
        return bool(self.cues.first("lead-in", t)[0]) and not self.cues.first("not-intro", t)[0]

    def _list(self, intro: "Sentence", weak: bool = False) -> None:
        """The items of a list under an introduction, each a priority. Under a lead-in that names no priority
        (``weak``), only a list of short labels: every item a phrase of a few words, none a sentence."""
        scan = self._scan_list(intro)
        if not weak and len(scan.items) <= 1 and self._block_run(intro, scan.between):
            return
        if not weak and not scan.items and self._enumerated_below(intro):
            return
        if not scan.items or (scan.plain and not scan.explicit and not scan.explained and len(scan.items) < 3):
            return
        if scan.explained and len(scan.items) < 2:
            return  # one title with a paragraph (a page's headline) is no list
        if weak and not self._short_labels(scan):
            return
        self._add_listed(intro, scan.items, scan.between)

    def _enumerated_below(self, intro: "Sentence") -> bool:
        """A heading naming priorities over one sentence that only enumerates them ("Key priorities", then "Neglect,
        exploitation, early help and mental health.")."""
        sents = self.att.ctx.sentences
        if not intro.heading or intro.index + 1 >= len(sents):
            return False
        nxt = sents[intro.index + 1]
        m = self.rules.re("bare-enumeration").match(nxt.text)
        return bool(m) and not nxt.bullet and self._enumeration(nxt, "priority.heading-enumeration", m, nxt.text)

    def _short_labels(self, scan: "_ListScan") -> bool:
        """Whether a list's items are short labels (at least two, or three unmarked; each of a few words, with no
        finite verb and no full stop)."""
        labels = [_TRAILING_MARKER.sub("", BULLET.sub("", s.text)).strip() for s in scan.items]
        return len(labels) >= (3 if scan.plain else 2) and all(
            len(t.split()) <= self.SHORT_LABEL_WORDS
            and not self.rules.re("finite").search(t)
            and not self.rules.re("sentence-inside").search(t)
            for t in labels
        )

    def _scan_list(self, intro: "Sentence") -> "_ListScan":
        """Read the sentences after an introduction while they are items of its list."""
        scan = _ListScan(bool(self.rules.re("explicit-intro").search(intro.text)), joint=self._joint_text(intro.text))
        for s in self.att.ctx.sentences[intro.index + 1 : intro.index + 1 + 2 * self.MAX_ITEMS]:
            t = re.sub(r"</?u>", "", s.text).strip()
            if len(scan.items) >= self.MAX_ITEMS or s.index in self.tabled:
                break
            if (
                scan.items
                and not s.bullet
                and (self._same_block(scan.items[-1], s) or self._same_paragraph(scan.items[-1], s))
                and self._titled(BULLET.sub("", scan.items[-1].text))
            ):
                continue  # the explanation of a titled item ("Title - The Board will ...") going on in its own block
            if scan.explained and not s.bullet and self.rules.re("priority-strict").search(t):
                break  # prose about priorities after explained titles: a new introduction, not an explanation
            if self._explains(scan, s, t):
                continue
            step = self._list_cue_step(scan, s, t) or self._list_item_step(scan, s, t)
            if step == "break":
                self._heading_of_next(scan, s)
                break
            if step == "item":
                if scan.explained and scan.items[-1].index not in scan.explained:
                    break  # a title with no paragraph ends a list of explained titles
                scan.items.append(s)
        if scan.explained:
            # short titles each followed by a paragraph: the titles are the items, a title with no paragraph is none
            scan.items = [it for it in scan.items if it.index in scan.explained]
        return scan

    def _heading_of_next(self, scan: "_ListScan", s: "Sentence") -> None:
        """An unmarked heading just before the bulleted list that ends a list of unmarked items is that list's heading
        ("Useful links" over "- Report a concern"), not an item."""
        last = scan.items[-1] if scan.items else None
        if last is not None and s.bullet and scan.mode == "plain" and last.heading and last.index == s.index - 1:
            scan.items.pop()

    def _explains(self, scan: "_ListScan", s: "Sentence", t: str) -> bool:
        """Whether a sentence is prose explaining the short unmarked item above it ("Increase feelings of safety",
        then "Residents have told us ...") or a bulleted action under it: the list is then one of titles, each with
        its paragraph or its bullets (the first title explained must be the list's first item)."""
        if not scan.items or s.heading and not s.bullet or scan.mode not in (None, "plain") or scan.items[-1].bullet:
            return False
        if s.bullet:
            pass  # a bulleted line under an unmarked title: the title's actions ("Neglect", "- Launch the strategy")
        elif scan.last_prose == s.index - 1 and self._same_paragraph(self.att.ctx.sentences[s.index - 1], s):
            return self._prose_on(scan, s)
        elif len(t.split()) < 6 or not SENTENCE_END.search(t) or PARA_NUMBER.match(t):
            return False
        last = scan.items[-1]
        if last.index == s.index - 1 and (scan.explained or len(scan.items) == 1):
            title = BULLET.sub("", last.text).strip()
            if SENTENCE_END.search(title) or len(title.split()) > self.SHORT_LABEL_WORDS:
                return False
            if self.rules.re("finite").search(title):
                return False
            scan.explained.add(last.index)
        elif not (scan.explained and scan.last_prose == s.index - 1):
            return False
        return self._prose_on(scan, s)

    def _prose_on(self, scan: "_ListScan", s: "Sentence") -> bool:
        """Mark a sentence as prose explaining the title above it (the sentences after it in the same paragraph are
        too, even one cut at the end of the page: "The causes and factors associated with serious violence,")."""
        scan.last_prose = s.index
        return True

    def _list_cue_step(self, scan: "_ListScan", s: "Sentence", t: str) -> str | None:
        """A sentence that marks, interrupts or ends the list ("skip", "break"), else None (read it as an item)."""
        if MARKER_ONLY.match(t):
            scan.expect, scan.mode = True, scan.mode or "marked"
            scan.sub = scan.sub and not re.search(r"\d", t)  # a number ends the lettered sub-items of an item
            return "skip"
        if PARA_NUMBER.match(t) or t.startswith("#"):
            return "break"
        if self.rules.re("inline-priority").match(t) or self.rules.re("joint-note").match(t):
            return "break"
        core = self._without_lead_note(t)  # "Hate Crime: Key Priority Lead - X": the item, not a new cue
        if self.rules.re("priority-strict").search(core) or (
            not scan.items and self.rules.re("priority-word").search(core)
        ):
            if not scan.items:
                scan.between.append(s)
                scan.explicit = scan.explicit or bool(self.rules.re("explicit-intro").search(t))
                return "skip"
            if t.endswith(":") and not (self._joint_text(t) and not scan.joint):
                scan.mode, scan.expect = None, False
                return "skip"
            return "break"  # a new introduction ("... also has shared priorities with X:"): the joint list is its own
        if self.rules.re("titled-heading").fullmatch(BULLET.sub("", t)) and not self.rules.re("finite").search(t):
            scan.mode, scan.expect = None, False
            return "item"  # "Safety in Public Spaces:" with its areas of focus below: a priority
        if t.endswith(":") and not scan.items and len(scan.between) < 3 and not self.rules.re("modal").search(t):
            scan.between.append(s)  # a lead-in of the items ("Reduce the harm from:")
            return "skip"
        if t.endswith(":") and scan.items:
            if (
                not scan.explicit
                and scan.plain
                or not self.rules.re("priority-word").search(t)
                and (self.rules.re("finite").search(t) or self.cues.first("not-intro", t)[0])
            ):
                return "break"  # a sentence introducing something else ("... asked the following questions:")
            scan.mode, scan.expect = None, False
            return "skip"
        if scan.items and self.rules.re("lead-note-start").match(t):
            return "skip"  # "(lead: X)" under an item: read with the item
        if self._is_partnership_line(s):
            if not scan.items:
                scan.between.append(s)
                return "skip"
            return "break"
        return None

    def _list_item_step(self, scan: "_ListScan", s: "Sentence", t: str) -> str:
        """Whether a sentence is the list's next item ("item"), is passed over ("skip") or ends the list ("break")."""
        words = len(t.split())
        if scan.expect:
            ok = True
        elif s.bullet:
            ok = scan.mode in (None, "bullet", "marked")
            scan.mode = scan.mode or "bullet"
        elif scan.mode in (None, "plain") and (
            words <= 12 and not SENTENCE_END.search(t) or scan.explicit and words <= 40 or self._titled(t)
        ):  # a short line, or a titled paragraph ("Prevention - we will raise awareness ...")
            ok = True
            scan.mode = scan.plain = "plain"
        elif t.startswith("("):
            return "skip"
        else:
            ok = False
        if not ok and not scan.items and len(scan.between) < 3 and SENTENCE_END.search(t) and self._marker_next(s):
            scan.between.append(s)  # a sentence of prose between the introduction and a numbered list
            return "skip"
        title = self._titled(BULLET.sub("", t))
        if not ok or s.index in self.contents or self.rules.re("modal").search(title or t) or _PAGE_REF.search(t):
            # a whole sentence ("The Board will ...") is no priority label (a titled item's title may be)
            return "break"
        rest = _TRAILING_MARKER.sub("", t)
        scan.expect = rest != t
        if len(self._clean_label(BULLET.sub("", rest))) < 4:
            return "skip"
        if scan.expect and len(rest.split()) <= 3 and not scan.items:
            return "skip"  # "This includes a."
        if (
            scan.expect
            and len(rest.split()) <= 3
            and rest[:1].isupper()
            and rest.split()[0].lower() in self.rules.words("continuation-words")
        ):
            scan.sub = bool(re.search(r"\(?[a-h][.)]\s*$", t))  # "This includes a. ...": the work under the item
            return "skip"
        return "skip" if scan.sub else "item"

    def _add_listed(self, intro: "Sentence", items: list["Sentence"], between: list["Sentence"]) -> None:
        """The listed items as priorities of the introduction's owners, dated by it; a lead note after an item is its
        lead."""
        ctx = self.att.ctx
        self.listed_until = items[-1].index
        joint, owners, period = self._introduced(intro, between)
        labels = [
            self._without_lead_note(_TRAILING_MARKER.sub("", re.sub(r"</?u>", "", BULLET.sub("", it.text))))
            for it in items
        ]
        described = self._described(labels)
        noted = [self.rules.re("joint-item-note").search(label) for label in labels]
        if any(noted):  # "one joint area (with X) and three key areas:": only the noted items are joint
            joint, owners = False, self._owners(intro, False, [intro])
        for it, label, note in zip(items, labels, noted):
            # "Self-neglect and hoarding - practitioners understand ...": the title
            label = self._titled(label) or described.get(label) or label
            if note and note.start() > 0:
                self._add_joint_item(it, label[: note.start()], owners, period)
                continue
            self._add(it, label, owners, joint, period, "priority.list")
            nxt = ctx.sentences[it.index + 1] if it.index + 1 < len(ctx.sentences) else None
            if nxt is not None and self.rules.re("lead-note-next").match(nxt.text) and self.facts.priorities:
                keys = list(dict.fromkeys(m.key for m in self._mentioned(nxt.start, nxt.end)))
                last = self.facts.priorities[-1]
                if keys and last.lead is None and last.mention.start == it.start:
                    last.lead, last.contributing = keys[0], tuple(keys[1:])

    def _add_joint_item(self, it: "Sentence", label: str, owners: tuple[str, ...], period) -> None:
        """An item with its own joint note ("Domestic abuse (joint with the Adults Board)"): joint with the boards the
        note names."""
        named = [m.key for m in self._mentioned(it.start + len(label), it.end)]
        both = tuple(dict.fromkeys(owners + tuple(named)))
        if len(both) >= 2:
            self._add_fact(label, both, True, None, period, None, (), it.start, it.end, "priority.list-joint-item")

    def _described(self, labels: list[str]) -> dict[str, str]:
        """The titles of items "Title - a description in lower case" ("Learning - learning from reviews and audits"),
        when two items of the list or more read so: each such item's label is its title."""
        found = {}
        for label in labels:
            note = self.rules.re("lead-note").search(label)
            if note and note.start() > 0:
                continue  # "Hoarding - led by X": a lead note, read with the item
            m = self.rules.re("described-item").match(label)
            if m and len(m.group("title").split()) <= 6 and len(m.group("rest").split()) >= 3:
                found[label] = m.group("title")
        return found if len(found) >= 2 else {}

    def _same_paragraph(self, a: "Sentence", b: "Sentence") -> bool:
        block = block_at(self.blocks, a.start)
        return block is not None and block.kind == "paragraph" and block is block_at(self.blocks, b.start)

    def _same_block(self, a: "Sentence", b: "Sentence") -> bool:
        block = block_at(self.blocks, a.start)
        return block is not None and block.kind == "list-item" and block is block_at(self.blocks, b.start)

    def _titled(self, label: str) -> str | None:
        """The title of an item "Title - a sentence that explains it" or "Title: a sentence", else None."""
        colon = self.rules.re("titled-colon").match(label)
        if (
            colon
            and 1 <= len(colon.group(1).split()) <= 6
            and len(colon.group(2).split()) >= 4
            and self.rules.re("finite").search(colon.group(2))
        ):
            return colon.group(1)  # "Neglect: we will roll out a toolkit"
        titled = re.match(r"^\s*((?:[^-–:]|(?<=\w)-(?=\w)){3,60}?)\s+[-–]\s+(\S.*)$", label)  # "Self-neglect - we ..."
        if (
            titled
            and 1 <= len(titled.group(1).split()) <= 6
            and len(titled.group(2).split()) >= 4
            and (
                len(label) > 80 and len(titled.group(1).split()) >= 2 or self.rules.re("finite").search(titled.group(2))
            )
        ):
            return titled.group(1)
        return None

    def _block_run(self, intro: "Sentence", between: list["Sentence"]) -> bool:
        """Priorities each followed by a paragraph that explains it: numbered items in sequence ("1. X", prose, "2. Y",
        prose), or, when the introduction gives their number ("three priorities"), that many short headings. Read from
        the layout blocks; the prose between items is never a priority."""
        start = block_at(self.blocks, max(intro.end - 1, intro.start))
        if start is None:
            return False
        count = _count_of(self.rules, " ".join(s.text for s in [intro] + between))
        run = self._run_after(start, count)
        headed = bool(run) and run[0][0].kind == "heading"
        if len(run) < 2 or headed and (len(run) != count or not all(self._explained(b) for b, _ in run)):
            return False
        joint, owners, period = self._introduced(intro, between)
        rule = "priority.headed-run" if headed else "priority.numbered-run"
        for b, label in run:
            label = self._without_lead_note(re.split(r"(?<=[a-z)])[.:]\s", label)[0])
            self._add_fact(label, owners, joint, None, period, None, (), b.start, b.end, rule)
        last = run[-1][0]
        self.listed_until = (
            max(s.index for s in self.att.ctx.sentences[intro.index :] if s.start < last.end)
            if any(s.start < last.end for s in self.att.ctx.sentences[intro.index :])
            else intro.index
        )
        return True

    def _run_after(self, start, count: int | None) -> list:
        """The blocks after ``start`` that make a run of priorities: numbered list items in sequence, or (when the
        number is given) short headings; (block, label) each, up to three other blocks between two of them."""
        text = self.att.text
        run: list = []
        gap = 0
        for b in self.blocks[self.block_index[id(start)] + 1 :]:
            if b.kind == "furniture":
                continue
            t = b.text(text).strip()
            if run and count and len(run) == count:
                break
            if b.kind == "list-item" and re.fullmatch(rf"\(?{len(run) + 1}[.)]", b.glyph):
                run.append((b, text[b.body_start : b.end]))
            elif (
                count
                and b.kind == "heading"
                and len(t.split()) <= 10
                and not self.rules.re("priority-word").search(t)
                and (not run or run[0][0].kind == "heading")
            ):
                run.append((b, t))
            elif (gap := gap + 1) > 3 or b.kind == "heading" and run:
                break
            else:
                continue
            gap = 0
        return run

    def _explained(self, block) -> bool:
        """Whether the block after a heading is prose (a priority heading is followed by what it means)."""
        after = [b for b in self.blocks[self.block_index[id(block)] + 1 :] if b.kind != "furniture"][:1]
        return bool(after) and after[0].kind == "paragraph" and len(after[0].text(self.att.text).split()) >= 6

    def _without_lead_note(self, text: str) -> str:
        _, m = self.cues.first("lead-note", text)
        return text[: m.start()] if m and m.start() > 0 else text

    def _marker_next(self, s: "Sentence") -> bool:
        sents = self.att.ctx.sentences
        nxt = sents[s.index + 1] if s.index + 1 < len(sents) else None
        return bool(nxt and (MARKER_ONLY.match(nxt.text) or nxt.bullet))

    def _is_partnership_line(self, s: "Sentence") -> bool:
        if (note := self.rules.re("lead-note").search(s.text)) and note.start() > 0:
            return False  # "Hoarding - led by the Health and Wellbeing Board": an item with its lead
        if self.rules.re("partnership-line").fullmatch(s.text.strip()):
            return True
        named = self.att.named(s)
        covered = sum(m.end - m.start for m in named)
        return bool(named) and covered >= 0.6 * len(s.text.strip())

    def _introduced(self, intro: "Sentence", between: list["Sentence"]) -> tuple[bool, tuple[str, ...], str | None]:
        """What an introduction (and the sentences between it and its list) says of the priorities it lists: whether
        they are joint, their owners and their period (the introduction's, else the first one between, else one
        near)."""
        joint = self._joint(intro, between)
        owners = self._owners(intro, joint, [intro] + between)
        period = (
            period_in(intro.text)
            or next((p for p in (period_in(b.text) for b in between) if p), None)
            or self._period_near(intro)
        )
        return joint, owners, period

    def _joint_text(self, text: str) -> bool:
        """Whether a text says its priorities are joint (the title of a document, "the Joint Health and Wellbeing
        Strategy", "the Joint Strategic Needs Assessment", does not)."""
        return bool(self.rules.re("joint-cue").search(self.rules.re("joint-document-title").sub("", text)))

    def _joint(self, intro: "Sentence", between: list["Sentence"]) -> bool:
        window = [intro] + between
        if self._joint_text(" ".join(s.text for s in window)):
            return True
        ctx = self.att.ctx
        heads = [s for s in ctx.sentences[max(0, intro.index - 3) : intro.index] if s.heading]
        keys = {m.key for s in window + heads for m in self.att.named(s)}
        return len(keys) >= 2 and not self.att.named(intro)

    def _owners(self, sent: "Sentence", joint: bool, window: list["Sentence"]) -> tuple[str, ...]:
        if not joint:
            key = self.att.owner(sent)
            return (key,) if key else ()
        ctx = self.att.ctx
        heads = [s for s in ctx.sentences[max(0, sent.index - 3) : sent.index] if s.heading]
        named = list(dict.fromkeys(m.key for s in window + heads for m in self.att.named(s)))
        return tuple(named) if len(named) >= 2 else tuple(self.att.parties)

    def _theme_label(self, sent: "Sentence") -> str | None:
        inside = filter_spans([t for t in self.themes if sent.start <= t.start_char < sent.end])
        return inside[0].text if len(inside) == 1 and len(inside[0].text.split()) >= 2 else None

    def _clean_label(self, label: str) -> str:
        label = re.sub(r"\s+", " ", label).strip(" ;,.-–:")
        label = re.sub(r"(?:,\s*|\s+)(?:and|or)$", "", label).strip(" ;,.")
        if len(label) > 80:
            parts = re.split(r"\s+[–-]\s+", label, maxsplit=1)
            if (
                len(parts) == 2
                and len(parts[0].split()) < 3
                and parts[1][:1].isupper()
                and not parts[1].startswith("(")
            ):
                second = re.split(r",\s|;\s|\.\s", parts[1])[0]
                label = f"{parts[0]} - {second}"
            elif len(parts) == 2 and len(parts[0].split()) < 3:
                label = parts[0]
            else:
                label = re.split(r"(?<=[a-z)])\.\s", label)[0]
        # a trailing remark in brackets
        # (one bracket and a count of its spaces: a pattern repeating "[^()]*\s" backtracks exponentially when
        # the bracket does not close the label, 28 s on a 4 KB page)
        remark = _TRAILING_REMARK.search(label)
        if remark and remark.group(1).count(" ") >= 3:
            label = label[: remark.start()].strip()
        return label if len(label) <= 200 else label[:200].rsplit(" ", 1)[0].rstrip(" ,;:-–")  # never cut mid-word

    def _add(self, where: "Sentence", raw: str, owners: tuple[str, ...], joint: bool, period, rule: str) -> None:
        lead, contributing = None, ()
        note = self.rules.re("lead-note").search(raw)
        if note and note.start() > 0:
            start = where.start + where.text.find(raw) + note.start() if raw in where.text else where.start
            named = list(dict.fromkeys(m.key for m in self._mentioned(start, where.end)))
            if named:
                raw, lead = raw[: note.start()], named[0]
                contributing = tuple(k for k in named[1:] if k != lead)
        else:
            note = self.rules.re("contributing-note").search(raw)
            if note and note.start() > 0 and raw in where.text:
                named = list(
                    dict.fromkeys(
                        m.key for m in self._mentioned(where.start + where.text.find(raw) + note.start(), where.end)
                    )
                )
                if named:
                    raw, contributing = raw[: note.start()], tuple(named)
        self._add_fact(raw, owners, joint, None, period, lead, contributing, where.start, where.end, rule)

    def _add_fact(
        self,
        raw: str,
        owners: tuple[str, ...],
        joint: bool,
        themes,
        period,
        lead,
        contributing,
        start: int,
        end: int,
        rule: str,
    ) -> None:
        label = self._clean_label(raw)
        if len(label) < 4 or not owners:
            return
        scope = "joint" if joint else owners[0]
        ident = f"{scope}/{identity.slug(label)[:60]}"
        if ident in self.seen:
            return
        self.seen.add(ident)
        th = tuple(dict.fromkeys(t.kb_id_ for t in self.themes if start <= t.start_char < end))
        self.facts.priorities.append(
            PriorityFact(
                owners, label, joint, th, period, lead, tuple(contributing), make_mention(self.doc, start, end, rule)
            )
        )
