"""One row per fact: the rows of a named query (one per fact and document) merged, with every document.

The named queries return one row per fact and source document, so a board that five documents
name is five rows.  A table for reading wants one row per fact, with all the documents that
state it, and, where the documents disagree (a chair named differently in 2018 and 2023), each
value with the dates of the documents that give it.

Rows are merged in two steps:

1. rows with the same fact node (the section's ``fact`` column, an IRI) are one fact;
2. facts with the same ``key`` (for example a board and a post role) are one fact too; with
   ``distinct_within_document``, not when one document states several of them (three signatories
   of one document are three facts; a chair named by one document and left unnamed by another is one).

A value that some documents leave empty is not a disagreement.

Read with a query's ``every_document`` parameter, the rows are those of every document of each board on or before
a day, and a ``latest`` column says which rows the board's most recent document gives: a fact is *current* when
one of its rows does (``FactRow.current``), and its row still lists every document that states it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

UNDATED = "undated"


@dataclass(frozen=True)
class DocumentInfo:
    """A source document as a table shows it: its title and the date (or period) it speaks for."""

    uri: str
    title: str
    when: str | None = None  # "2023-01-31", "2018-04", "2021/22"; None when the document gives none
    day: str | None = None  # the day its statements hold (sgkg:asOf, docs/data-model.md "Time"), by which it sorts

    @property
    def sort_key(self) -> tuple:
        """Dated documents first, oldest first; undated ones last (by title)."""
        undated = self.day is None and self.when is None
        return (undated, (self.day or self.when or "")[:10], self.title.casefold())


@dataclass(frozen=True)
class Source:
    document: DocumentInfo
    evidence_uri: str | None  # the fact node of the row from this document (its page shows the quotes)


@dataclass(frozen=True)
class Variant:
    value: str
    when: tuple[str, ...]  # the dates (or titles, when undated) of the documents that give this value


@dataclass
class FactRow:
    values: dict[str, str | None]  # the cells of the fact's first row (links, keys)
    sources: list[Source] = field(default_factory=list)
    variants: dict[str, list[Variant]] = field(default_factory=dict)  # column -> values, where documents disagree
    current: bool = True  # one of its documents is its board's most recent (see `merge`'s ``latest``)

    def __getitem__(self, column: str) -> str | None:
        return self.values.get(column)


def merge(
    rows: list[dict],
    *,
    fact: str,
    key: tuple[str, ...] = (),
    compared: tuple[str, ...] = (),
    distinct_within_document: bool = False,
    documents: dict[str, DocumentInfo] | None = None,
    document: str = "document_uri",
    latest: str | None = None,
) -> list[FactRow]:
    """The rows as one FactRow per fact, in the order of each fact's first row.

    ``compared`` are the columns whose values may differ between the documents of one fact. ``latest`` is the
    column that says ("true"/"false") whether a row comes from its board's most recent document: a fact is current
    when one of its rows does (None: every fact is current).
    """
    documents = documents or {}
    facts: dict[str, list[dict]] = {}
    for row in rows:
        facts.setdefault(row.get(fact) or repr(sorted(row.items())), []).append(row)
    groups = (
        _group(list(facts.values()), fact, key, document, distinct_within_document)
        if key
        else [[f] for f in facts.values()]
    )
    rows_of = ([r for f in group for r in f] for group in groups)
    return [_fact_row(r, fact, compared, documents, document, latest) for r in rows_of]


def _group(
    facts: list[list[dict]], fact: str, key: tuple[str, ...], document: str, distinct_within_document: bool
) -> list[list[list[dict]]]:
    """Facts with the same key are one group (unless one document states several and they are distinct)."""
    by_key: dict[tuple, list[list[dict]]] = {}
    for f in facts:
        by_key.setdefault(tuple(f[0].get(k) for k in key), []).append(f)
    out = []
    for group in by_key.values():
        per_document: dict[str, set[str]] = defaultdict(set)
        for f in group:
            for row in f:
                per_document[row.get(document) or ""].add(row.get(fact) or "")
        if not distinct_within_document or all(len(v) <= 1 for v in per_document.values()):
            out.append(group)
        else:
            out += [[f] for f in group]
    return out


def _document(row: dict, document: str, documents: dict[str, DocumentInfo]) -> DocumentInfo:
    uri = row.get(document) or ""
    return documents.get(uri) or DocumentInfo(uri, row.get("document") or uri or "unknown document")


def _fact_row(
    rows: list[dict],
    fact: str,
    compared: tuple[str, ...],
    documents: dict[str, DocumentInfo],
    document: str,
    latest: str | None,
) -> FactRow:
    first = _preferred(rows, compared, latest)
    sources = sorted(
        {Source(_document(r, document, documents), r.get(fact)) for r in rows},
        key=lambda s: (s.document.sort_key, s.evidence_uri or ""),
    )
    variants = {}
    for column in compared:
        found = _variants(rows, column, document, documents)
        if len(found) > 1:
            variants[column] = found
    current = latest is None or any(r.get(latest) == "true" for r in rows)
    return FactRow(dict(first), sources, variants, current)


def _preferred(rows: list[dict], compared: tuple[str, ...], latest: str | None) -> dict:
    """The row that states the most of the compared values (a named chair rather than an unnamed one), and of
    those, one of the most recent document."""
    return max(
        rows, key=lambda r: (sum(1 for c in compared if r.get(c)), latest is not None and r.get(latest) == "true")
    )


def _variants(rows: list[dict], column: str, document: str, documents: dict[str, DocumentInfo]) -> list[Variant]:
    stated: dict[str, set[DocumentInfo]] = {}
    for r in rows:
        if r.get(column):
            stated.setdefault(r[column], set()).add(_document(r, document, documents))
    ordered = sorted(stated.items(), key=lambda item: min(d.sort_key for d in item[1]))
    return [
        Variant(value, tuple(d.when or d.title for d in sorted(docs, key=lambda d: d.sort_key)))
        for value, docs in ordered
    ]
