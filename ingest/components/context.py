"""The context later components share: sentences, partnership mentions and section attribution."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from sgkg.ingest.facts import Facts
from sgkg.ingest.layout import span_at
from sgkg.ingest.patterns import RuleSet

from .base import doc_text, facts_of
from .sentences import BULLET, SENTENCE_END


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    heading: bool
    bullet: bool


@dataclass
class PMention:
    start: int
    end: int
    key: str
    rule: str


@dataclass
class Context:
    """What later components need: sentences, partnership mentions, attribution."""

    sentences: list[Sentence]
    mentions: list[PMention] = field(default_factory=list)
    section: list[str | None] = field(default_factory=list)  # partnership key in force per sentence
    main: str | None = None
    acronyms: dict[str, str] = field(default_factory=dict)  # acronym -> partnership key
    defined: dict[str, str] = field(default_factory=dict)  # "board" -> the key a '(the Board)' after a name defines
    subject: str | None = None  # the partnership the document is about (named by its title), if one
    org_acronyms: dict[str, str] = field(default_factory=dict)
    names: list[tuple[int, int]] = field(default_factory=list)  # spans covered by partnership names

    def sentence_at(self, char: int) -> Sentence | None:
        return span_at(self.sentences, char)

    def in_sentence(self, sent: Sentence) -> list[PMention]:
        return [m for m in self.mentions if m.start >= sent.start and m.end <= sent.end]

    def partnership_for(self, sent: Sentence, before: int | None = None) -> str | None:
        """The partnership a sentence speaks of: the one it names (the last before `before`), else its section's."""
        key = named_key(self.in_sentence(sent), before)
        if key is not None:
            return key
        return self.section[sent.index] if self.section else self.main

    def covered(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.names)


def named_key(named: list["PMention"], before: int | None = None) -> str | None:
    """Of the partnerships a sentence names, the last one named before `before`, else the first one."""
    if before is not None:
        earlier = [m for m in named if m.end <= before]
        if earlier:
            return earlier[-1].key
    return named[0].key if named else None


def build_sentences(doc: Doc) -> list[Sentence]:
    """The document's sentences, without those that lie in page furniture (never read for facts)."""
    from .layout import blocks_of, in_furniture

    blocks = blocks_of(doc)
    out: list[Sentence] = []
    for i, sent in enumerate(doc.sents):
        text = sent.text
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        if not body:
            continue
        start = sent.start_char + lead
        end = start + len(body)
        if in_furniture(blocks, start, end):
            continue
        heading = (
            "\n" in doc_text(doc)[end : end + 2]
            and len(body.split()) <= 10
            and not SENTENCE_END.search(body)
            and "\n" not in body
        )
        out.append(Sentence(len(out), start, end, body, heading or body.startswith("#"), bool(BULLET.match(body))))
    return out


def ctx_of(doc: Doc) -> Context:
    return doc._.sgkg_ctx


def partnership_reading(doc: Doc) -> tuple[Facts, Context, str] | None:
    """What a component reads in a document that names a partnership: its facts, context and text; None when
    it names none (then most components have nothing to read)."""
    facts = facts_of(doc)
    if not facts.partnerships:
        return None
    return facts, ctx_of(doc), doc_text(doc)


class PartnershipComponent:
    """A component that reads only documents naming a partnership: ``read`` gets the facts, context and text
    (``partnership_reading``) and adds to the facts; a document naming none passes through untouched.  Its rules
    (``ingest/patterns/rules/<component>.jsonl``) are read-only; nothing is kept between documents."""

    def __init__(self, rules: RuleSet):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        if (reading := partnership_reading(doc)) is not None:
            self.read(doc, *reading)
        return doc

    def read(self, doc: Doc, facts: Facts, ctx: Context, text: str) -> None:
        raise NotImplementedError(f"{type(self).__name__} reads nothing")
