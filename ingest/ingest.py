"""Orchestration: read -> normalise -> nlp -> facts -> graph -> shapes gate -> atomic replace.

Non-conformance and unreadable documents are reported per document
(``IngestResult.status == "failed"`` with a one-line reason); a batch goes on
past a failed document.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable
from urllib.parse import urlsplit

from rdflib import Graph

from sgkg.ontology.namespaces import SGKG, document_graph

from . import settings
from .errors import NothingFound, SgkgError, ShapesViolation, UnknownArea, excerpt
from .facts import Facts

log = logging.getLogger(__name__)


@dataclass
class Extraction:
    """What one document yields: its facts and its graph."""

    source: object  # SourceText
    normalised: object  # NormalisedText
    facts: Facts
    graph: Graph
    doc: object = None  # the spaCy Doc (for `sgkg nlp explain`)


@dataclass
class IngestResult:
    source: str
    doc_id: str | None
    graph: str | None
    status: str  # loaded | unchanged | failed
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def resolve_area(area: str | None) -> tuple[str, ...] | None:
    """`--area NAME|CODE[,NAME|CODE]` -> GSS codes; raises UnknownArea."""
    if not area:
        return None
    from .patterns import load_reference

    index = load_reference().areas
    codes = []
    for part in area.split("+") if "+" in area else area.split(","):
        code = index.lookup(part)
        if code is None:
            raise UnknownArea(
                f"no area is called {part.strip()!r}",
                where="--area",
                hint="give an English upper-tier area name or its ONS GSS code, e.g. E08000028",
            )
        codes.append(code)
    return tuple(sorted(set(codes)))


def area_from_address(url: str, index) -> str | None:
    """The one area a web address names in its host, for a page whose text names none (council committee pages
    rarely repeat the council's name): a dot- or dash-separated part of the host that is an area's name or short
    name written without spaces ("www.birmingham.gov.uk", "northnorthants.moderngov.co.uk",
    "democracy.royalgreenwich.gov.uk").  None when no part names an area, or parts name several."""
    host = (urlsplit(url).hostname or "").lower() if "://" in url else ""
    if not host or host.replace(".", "").isdigit():
        return None
    squeezed: dict[str, set[str]] = {}
    for label in index.names():
        key = re.sub(r"[^a-z0-9]", "", label.lower())
        if len(key) >= 4:
            squeezed.setdefault(key, set()).add(index.lookup(label))
    affixes = _host_affixes()
    parts = {piece for label in host.split(".") for piece in (label, label.replace("-", ""), *label.split("-"))}
    for part in list(parts):
        for affix in affixes:
            if part.startswith(affix):
                parts.add(part[len(affix) :])
            if part.endswith(affix):
                parts.add(part[: -len(affix)])
    codes = {code for part in parts for code in squeezed.get(part, ())}
    return codes.pop() if len(codes) == 1 else None


@functools.cache
def _host_affixes() -> tuple[str, ...]:
    """The council host words of `document.host-affixes`, longest first (packaged data: read once per process)."""
    from .patterns import read_component_rules, rule_set

    words = rule_set("document", read_component_rules("document")).words("host-affixes")
    return tuple(sorted(words, key=len, reverse=True))


#: media types whose readers never hard-wrap a paragraph over several lines
UNWRAPPED_MEDIA = frozenset({"text/html", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})


def analyse_source(source, *, area: tuple[str, ...] | None = None):
    """The normalised text and the analysed spaCy Doc of a source."""
    from .normalise import normalise
    from .pipeline import analyse

    # HTML and DOCX readers give one line a paragraph, heading, list item or table row: nothing was hard-wrapped
    wrapped = False if source.media_type in UNWRAPPED_MEDIA else None
    norm = normalise(source.text, hard_wrapped=wrapped)
    doc = analyse(norm.text, area=area, title_hint=source.title_hint)
    return norm, doc


def extract(source, *, area: str | tuple[str, ...] | None = None, started: datetime | None = None) -> Extraction:
    """Facts and graph of one SourceText (extracted at ``started``, None: now); raises NothingFound / UnknownArea."""
    from .graph import build_graph

    codes = resolve_area(area) if isinstance(area, str) else area
    norm, doc = analyse_source(source, area=codes)
    facts: Facts = doc._.sgkg
    if not facts.areas and not codes:
        from .patterns import load_reference

        areas = load_reference().areas
        found = area_from_address(source.source_name, areas)
        if found is not None:  # the text names no area: the page's address does
            norm, doc = analyse_source(source, area=(found,))
            facts = doc._.sgkg
            facts.warnings.append(
                f"no English area is named in the text; {areas.label(found)} ({found}) was taken "
                f"from the address {urlsplit(source.source_name).hostname} (give --area to say otherwise)"
            )
    if not facts.areas:
        raise UnknownArea(
            "no English area is named in the document", where=source.source_name, hint="give it with --area NAME|CODE"
        )
    if facts.is_empty():
        raise NothingFound(
            "no partnership, board or other fact was found in the document",
            where=source.source_name,
            hint="is it a partnership protocol, arrangements document or annual report?",
        )
    return Extraction(source, norm, facts, build_graph(source, norm, facts, started=started), doc)


def stored_digest(store, graph_iri: str) -> str | None:
    if not store.has_graph(graph_iri):
        return None
    from pyoxigraph import NamedNode

    result = store.query(
        f"SELECT ?d WHERE {{ GRAPH ?g {{ ?a <{SGKG.factsDigest}> ?d }} }}", bindings={"g": NamedNode(graph_iri)}
    )
    for row in result.rows:
        return row[0].value
    return None


def ingest_extraction(ex: Extraction, store) -> IngestResult:
    """Gate one extraction on the shapes and replace its document graph atomically."""
    from .store import to_oxigraph
    from .validate import validate

    source = ex.source
    graph_iri = str(document_graph(source.doc_id))
    digest = str(next(ex.graph.objects(None, SGKG.factsDigest), ""))
    counts = ex.facts.counts()
    if digest and stored_digest(store, graph_iri) == digest:
        return IngestResult(source.source_name, source.doc_id, graph_iri, "unchanged", counts, list(ex.facts.warnings))
    report = validate(ex.graph)
    if not report.conforms:
        first = report.violations[0]
        raise ShapesViolation(
            f"the document graph does not conform ({len(report.violations)} violations; first: {first.message} at "
            f"{first.focus})",
            report=report,
            where=source.source_name,
            hint="run `sgkg nlp explain` on the file to see what was extracted",
        )
    warnings = list(ex.facts.warnings) + [w.message for w in report.warnings]
    store.replace_graph(graph_iri, to_oxigraph(ex.graph))
    return IngestResult(source.source_name, source.doc_id, graph_iri, "loaded", counts, warnings)


def ingest_source(source, store, *, area=None, started: datetime | None = None) -> IngestResult:
    """Read (when given a path or URL), extract, validate and load one document."""
    source = read_item(source)
    return ingest_extraction(extract(source, area=area, started=started), store)


def read_item(source):
    """A SourceText as it is; a function (an upload read when its turn comes) called; a path or URL read."""
    if hasattr(source, "doc_id"):
        return source
    if callable(source):
        return source()
    from .readers import read_source

    return read_source(
        source, max_bytes=settings.get("max_document_bytes"), fetch_timeout=settings.get("fetch_timeout")
    )


def ingest_many(
    sources: Iterable, store, *, area=None, progress: bool = True, started: datetime | None = None
) -> list[IngestResult]:
    """Ingest every source, going on past failures; a tqdm bar on stderr when `progress`; each document
    extracted as of ``started`` (None: now)."""
    from tqdm import tqdm

    items = list(sources)
    results: list[IngestResult] = []
    codes = resolve_area(area) if isinstance(area, str) else area
    bar = tqdm(items, file=sys.stderr, unit="doc", disable=not progress, desc="ingest")
    for item in bar:
        results.append(ingest_one(item, store, area=codes, started=started))
    bar.close()
    return results


def ingest_one(item, store, *, area=None, name: str | None = None, started: datetime | None = None) -> IngestResult:
    """`ingest_source`, a failure being a result: a domain error as its one line, anything else
    (a bug, which is logged with its traceback) as an SGKG000 line, so that a batch goes on.
    ``name`` is how messages call the document (an upload's client-side name, never a server path)."""
    name = name or str(getattr(item, "source_name", item))
    try:
        return ingest_source(item, store, area=area, started=started)
    except SgkgError as exc:
        return IngestResult(name, getattr(item, "doc_id", None), None, "failed", error=exc.one_line())
    except Exception as exc:  # noqa: BLE001 - reported as a bug, not relabelled; the other documents go on
        log.error("ingesting %s failed unexpectedly", name, exc_info=exc)
        detail = excerpt(exc)
        return IngestResult(
            name,
            getattr(item, "doc_id", None),
            None,
            "failed",
            error=f"SGKG000 {name}: unexpected {type(exc).__name__} ({detail}); nothing of this "
            "document was stored (a bug in sgkg: please report it with the document)",
        )


__all__ = ["Extraction", "IngestResult", "extract", "ingest_source", "ingest_one", "ingest_many", "resolve_area"]
