"""``sgkg_layout``: the layout blocks of the document (``doc._.sgkg_blocks``), read by every later component.

The rules are data (``ingest/patterns/layout/blocks.jsonl``), handed to the factory by the registered
function ``sgkg.layout_rules.v1``; the component keeps nothing between documents.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from ..layout import Block, block_at, read_rule_records, rules_from_records, segment
from .base import doc_text, ensure_extensions


@registry.misc("sgkg.layout_rules.v1")
def make_layout_rules() -> list[dict]:
    return read_rule_records()


@Language.factory(
    "sgkg_layout",
    assigns=["doc._.sgkg_blocks"],
    requires=[],
    default_config={"rules": {"@misc": "sgkg.layout_rules.v1"}},
)
def make_layout(nlp: Language, name: str, rules: list[dict]):
    ensure_extensions()
    return LayoutReader(rules_from_records(rules))


class LayoutReader:
    """Segments the normalised text into blocks (see :mod:`ingest.layout`)."""

    def __init__(self, rules):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        doc._.sgkg_blocks = segment(doc_text(doc), self.rules)
        return doc


def blocks_of(doc: Doc) -> list[Block]:
    """The document's blocks; computed with the packaged rules when the layout component did not run."""
    blocks = doc._.sgkg_blocks if Doc.has_extension("sgkg_blocks") else None
    if blocks is None:
        blocks = segment(doc_text(doc))
    return blocks


def in_furniture(blocks: list[Block], start: int, end: int) -> bool:
    """Whether [start, end) lies inside a furniture block."""
    b = block_at(blocks, start)
    return b is not None and b.kind == "furniture" and end <= b.end
