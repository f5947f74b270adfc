"""Registered spaCy components of the sgkg pipeline (see ``pipeline.cfg``).

Order and contract:

``sgkg_layout``        layout blocks (headings, list items, table rows, label-value lines, furniture) ->
``doc._.sgkg_blocks``
``sgkg_lines``         sentence boundaries from line structure (bullets, headings, tables)
``sgkg_entities``      vocabulary, legislation and structural patterns -> ``doc.spans["sgkg"]`` and ``doc.ents``
``sgkg_document``      areas and document metadata (category 1)          -> ``doc._.sgkg``
``sgkg_partnerships``  partnerships, types, abbreviations, coreference (2) -> ``doc._.sgkg`` + ``doc._.sgkg_ctx``
``sgkg_bases``         statutory bases (3)
``sgkg_members``       statutory partners, responsible authorities, relevant agencies (5)
``sgkg_roles``         chairs, scrutineers, lay members, signatories ... (6)
``sgkg_duties`` ``sgkg_relationships`` ``sgkg_priorities`` ``sgkg_subgroups`` ``sgkg_reviews``
``sgkg_figures`` ``sgkg_values``   the remaining categories (4, 7, 8, 9)
``sgkg_succession``   a board spoken of as former or replaced, and its successor (dcterms:replaces)

Every fact records the rule (pattern id or component rule id) that produced it.
Offsets are offsets of the normalised text the pipeline runs on.

One module per component (named for what it reads), on top of the modules they share: ``base`` (Doc
extensions, facts, mentions, the pattern-span index), ``sentences`` (line shapes), ``periods``, ``names``,
``context`` (sentences, partnership mentions, sections) and ``attribution`` (who a sentence speaks of).
Importing this package imports every module, so every factory is registered (``@Language.factory``, or
``base.rules_reader`` on a reader class).
"""

from __future__ import annotations

from .attribution import Attribution, resolved_content
from .base import ENT_LABELS, SPANS, all_spans, facts_of, spans
from .bases import BasisReader, LegRef, partnership_by_act, provision_numbers
from .context import Context, PMention, Sentence, build_sentences, ctx_of
from .document import DocumentReader
from .duties import DutyReader, make_duties
from .entities import EntityMatcher, make_entities
from .figures import FigureReader
from .layout import LayoutReader, blocks_of, make_layout
from .members import MemberReader, OrgMention
from .partnerships import PartnershipReader
from .periods import norm_period, period_in
from .priorities import PriorityReader, make_priorities
from .relationships import RelationshipReader, make_relationships
from .reviews import ReviewReader
from .roles import PersonMatch, RoleReader, person_at
from .sentences import LineSentencizer, make_lines, sentence_starts
from .subgroups import SubgroupReader
from .succession import SuccessionReader, make_succession
from .values import ValueReader

__all__ = [
    "make_succession",
    "SuccessionReader",
    "ENT_LABELS",
    "SPANS",
    "Attribution",
    "BasisReader",
    "Context",
    "DocumentReader",
    "DutyReader",
    "EntityMatcher",
    "FigureReader",
    "LayoutReader",
    "LegRef",
    "LineSentencizer",
    "MemberReader",
    "OrgMention",
    "PMention",
    "PartnershipReader",
    "PersonMatch",
    "PriorityReader",
    "RelationshipReader",
    "ReviewReader",
    "RoleReader",
    "Sentence",
    "SubgroupReader",
    "ValueReader",
    "all_spans",
    "build_sentences",
    "blocks_of",
    "ctx_of",
    "facts_of",
    "make_duties",
    "make_entities",
    "make_layout",
    "make_lines",
    "make_priorities",
    "make_relationships",
    "norm_period",
    "partnership_by_act",
    "period_in",
    "person_at",
    "provision_numbers",
    "resolved_content",
    "sentence_starts",
    "spans",
]
