"""An area's timeline: its documents in date order (``sgkg:asOf``; undated ones last) and, at each step, what
changed (the named query ``changes``: boards added and replaced, partners, chairs, scrutineers and priorities
added or dropped, with the evidence quotes on both sides).  Read by the timeline page of ``service.ui``."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from sgkg.ontology.namespaces import sparql_prefixes
from sgkg.service.extensions import get_service, setting
from sgkg.service.named_queries import as_of_day, run_named_query

# the documents that name an area, with the day each speaks for (none when undated)
DOCUMENTS = (
    sparql_prefixes()
    + """SELECT ?doc (MIN(STR(?t)) AS ?title) (MIN(SUBSTR(STR(?d), 1, 10)) AS ?day)
WHERE {
  ?doc dcterms:spatial ?param_area ; a sgkg:SourceDocument .
  OPTIONAL { ?doc dcterms:title ?t }
  OPTIONAL { ?doc sgkg:asOf ?d }
} GROUP BY ?doc"""
)


@dataclass
class Change:
    """One row of the named query ``changes``."""

    change: str
    board: str | None
    board_uri: str | None
    was: str | None
    now: str | None
    was_quote: str | None
    now_quote: str | None
    was_date: str | None
    was_document: str | None
    was_document_uri: str | None


@dataclass
class Step:
    """One document of the area, and what changed with it."""

    uri: str
    title: str
    day: str | None  # None: undated (sorts last; no change can be placed)
    changes: list[Change] = field(default_factory=list)


@dataclass
class Timeline:
    area: dict[str, str | None]  # a row of the `areas` query
    steps: list[Step]
    since: str = ""  # the `from` day asked for ("" for the first document)
    until: str = ""  # the `to` day asked for ("" for the latest)

    @property
    def changes(self) -> int:
        return sum(len(s.changes) for s in self.steps)


def area_timeline(area: dict[str, str | None], since: str = "", until: str = "") -> Timeline:
    """The documents of an area (area, area_code, area_uri: as `ui.find_area` gives it) between two days, each
    with its changes."""
    since = as_of_day(since, "from") if since.strip() else ""
    until = as_of_day(until, "to") if until.strip() else ""
    store = get_service().synced
    code = area["area_code"] or ""
    result = store.query(DOCUMENTS, bindings={"param_area": ox.NamedNode(area["area_uri"])})
    steps = {
        doc.value: Step(doc.value, title.value if title else doc.value, day.value if day else None)
        for doc, title, day in result.rows
    }
    # the area's IRI too: the engine binds the area before it reads any board
    table = run_named_query(
        store,
        "changes",
        {"area": code, "area_uri": area["area_uri"] or "", "from": since, "to": until},
        max_rows=setting("max_rows"),
    )
    for row in table.rows:
        r = dict(zip(table.columns, row))
        step = steps.get(r["document_uri"] or "")
        if step is None:
            continue
        step.changes.append(
            Change(
                r["change"] or "",
                r["board"],
                r["board_uri"],
                r["was"],
                r["now"],
                r["was_quote"],
                r["now_quote"],
                r["was_date"],
                r["was_document"],
                r["was_document_uri"],
            )
        )
    shown = [
        s for s in steps.values() if s.day is None or ((not since or s.day > since) and (not until or s.day <= until))
    ]
    shown.sort(key=lambda s: (s.day is None, s.day or "", s.title))
    return Timeline(area, shown, since, until)
