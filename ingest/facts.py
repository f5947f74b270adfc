"""Records drawn from one document by the spaCy pipeline.

Every record carries the evidence for what it says: a character span of the
*normalised* text and the id of the rule (pattern or component) that produced
it.  ``ingest.graph`` maps spans back to the original text, so that the quote
of each Evidence node is exactly ``original_text[start:end]``.

Partnerships are referred to by a document-local ``key`` (see
``PartnershipFact.key``); ``ingest.identity`` turns keys into IRIs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from decimal import Decimal


@dataclass(frozen=True)
class Span:
    """A character span of the normalised text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """Where a fact was read (a sentence or a smaller span) and by which rule."""

    span: Span
    rule: str

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


@dataclass
class DocumentFact:
    """Document metadata (category 1). Each field is a (value, mention) pair or None."""

    title: tuple[str, Mention] | None = None
    kind: tuple[str, Mention] | None = None  # document-kind concept id
    date: tuple[str, Mention] | None = None  # "2023-01-31", "2018-04", "2021"
    period: tuple[str, Mention] | None = None  # "2019/20"
    version: tuple[str, Mention] | None = None
    review_date: tuple[str, Mention] | None = None
    publisher: tuple[str, Mention] | None = None


@dataclass
class PartnershipFact:
    """A partnership or board named in the document (category 2)."""

    key: str  # document-local key: "{areas}/{slug}"
    name: str  # full name as best written
    type_id: str  # partnership-type concept id
    statutory: bool
    areas: tuple[str, ...]  # GSS codes
    mention: Mention
    type_mention: Mention | None = None
    abbreviations: dict[str, Mention] = field(default_factory=dict)


@dataclass
class BasisFact:
    """A statutory basis of a partnership (category 3)."""

    partnership: str
    legislation: str  # legislation.gov.uk id URI of the Act / SI
    provision: str | None  # id URI of the section / regulation, or None
    provision_label: str | None
    section: str | None
    known_provision: bool  # the provision is in the reference data
    mention: Mention


@dataclass
class OrganisationFact:
    """An organisation that is a member of a partnership (category 5)."""

    partnership: str
    name: str
    org_type: str  # org-type concept id
    generic: bool  # generic mention ("the Police") -> area-scoped IRI
    role: str  # membership-role concept id
    areas: tuple[str, ...]
    mention: Mention
    reference: str | None = None  # IRI of the national reference organisation the name denotes (one candidate only)


@dataclass
class PostFact:
    """A post in a partnership, optionally held by a person (category 6)."""

    partnership: str
    role: str  # post-role concept id
    title: str  # post title as written
    person: str | None
    mention: Mention


@dataclass
class DutyFact:
    partnership: str
    label: str
    duty_type: str | None
    bases: tuple[str, ...]
    mention: Mention


@dataclass
class RelationshipFact:
    source: str  # partnership key
    target: str  # partnership key (or "org:{name}")
    kind: str
    frequency: str | None
    label: str
    mention: Mention
    target_type: str | None = None  # org-type concept id when the target is an organisation ("org:{name}")


@dataclass
class PriorityFact:
    owners: tuple[str, ...]
    label: str
    joint: bool
    themes: tuple[str, ...]
    period: str | None
    lead: str | None
    contributing: tuple[str, ...]
    mention: Mention


@dataclass
class SubgroupFact:
    partnership: str
    name: str
    mention: Mention


@dataclass
class ReviewFact:
    partnership: str
    review_type: str
    description: str | None
    status: str | None
    date: str | None
    mention: Mention


@dataclass
class FigureFact:
    label: str
    value: Decimal
    unit: str
    period: str | None
    of: str  # partnership key or "area:{GSS}"
    mention: Mention


@dataclass
class ValueFact:
    partnership: str
    label: str
    kind: str  # value | behaviour | principle
    mention: Mention


@dataclass
class SuccessionFact:
    """A partnership that replaced an earlier one of the same area (``dcterms:replaces``): the document
    speaks of the earlier one as former, previous or replaced, and names a successor of the type that
    national reference data says replaced its type (a Local Safeguarding Children Board -> a safeguarding
    children partnership)."""

    successor: str  # partnership key
    predecessor: str  # partnership key
    mention: Mention


def _category():
    """A field of ``Facts`` holding the records of one category (``CATEGORIES`` lists them in field order)."""
    return field(default_factory=list, metadata={"category": True})


@dataclass
class Facts:
    """Everything drawn from one document."""

    document: DocumentFact = field(default_factory=DocumentFact)
    areas: tuple[str, ...] = ()  # the document's main area(s)
    area_mention: Mention | None = None
    partnerships: list[PartnershipFact] = _category()
    bases: list[BasisFact] = _category()
    organisations: list[OrganisationFact] = _category()
    posts: list[PostFact] = _category()
    duties: list[DutyFact] = _category()
    relationships: list[RelationshipFact] = _category()
    priorities: list[PriorityFact] = _category()
    subgroups: list[SubgroupFact] = _category()
    reviews: list[ReviewFact] = _category()
    figures: list[FigureFact] = _category()
    values: list[ValueFact] = _category()
    successions: list[SuccessionFact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def partnership(self, key: str) -> PartnershipFact | None:
        for p in self.partnerships:
            if p.key == key:
                return p
        return None

    def counts(self) -> dict[str, int]:
        return {c: len(getattr(self, c)) for c in CATEGORIES}

    def is_empty(self) -> bool:
        return not any(getattr(self, c) for c in CATEGORIES)

    def digest(self) -> str:
        """A hash of every fact (with its evidence), stable across runs."""
        payload = {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.name != "warnings"}
        raw = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


CATEGORIES: tuple[str, ...] = tuple(f.name for f in fields(Facts) if f.metadata.get("category"))


def _plain(value):
    """JSON-ready and independent of the process's hash seed (sets are sorted)."""
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, default=str))
    return value
