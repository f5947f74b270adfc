"""Writes over HTTP, behind the same shapes gate as ingestion.

A SPARQL Update is first applied to an in-memory copy of the graphs it can touch, in a query
worker (bounded in time and memory); what it would store is checked against the limits, every
graph it changes is validated (`ingest.validate.validate`, one graph at a time) and only
then are the changed graphs committed, in one transaction, to the primary store and the
query workers.  A graph that does not conform refuses the whole update (422 with the report).
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from rdflib import URIRef, Variable
from rdflib.plugins.sparql.algebra import translateUpdate
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from sgkg.ingest.errors import ShapesViolation
from sgkg.ingest.limits import check_sparql, check_terms
from sgkg.service.extensions import Service, get_service
from sgkg.service.querypool import Changes, UpdateRequest
from sgkg.service.update_dataset import update_analysis


def mentioned_graphs(sparql: str, base_iri: str | None = None) -> tuple[set[str], bool]:
    """IRIs the update mentions (relative ones resolved), and whether it may touch any graph (GRAPH ?g, ALL, NAMED)."""
    with update_analysis(sparql):
        algebra = translateUpdate(parseUpdate(sparql), base=base_iri).algebra
    iris: set[str] = set()
    return iris, _walk(algebra, iris)


def _walk(node: Any, iris: set[str]) -> bool:
    every = False
    if isinstance(node, URIRef):
        iris.add(str(node))
    elif isinstance(node, str):
        every = node in ("ALL", "NAMED")
    elif isinstance(node, Mapping):
        if isinstance(node, CompValue) and node.name == "Graph" and isinstance(node.get("term"), Variable):
            every = True
        for key, value in node.items():
            every |= isinstance(key, Variable) or _walk(key, iris) | _walk(value, iris)
    elif isinstance(node, Iterable):
        for item in node:
            every |= _walk(item, iris)
    return every


def apply_update(service: Service, sparql: str, base_iri: str | None = None) -> list[str]:
    """Dry-run the update on copies, validate what changed, commit; returns the changed graphs.

    The dry run happens in a query worker (`QueryPool.changes_of`), so an update that builds
    something huge meets the worker's time limit and memory cap, not the server's; what it would
    store is checked against ``max_literal_bytes`` before anything is written.  ``base_iri``
    resolves relative IRIs in the update (the protocol lets the service define it; the endpoint
    passes its own URL)."""
    check_sparql(sparql, service.limits, "update")
    with service.queries.write_lock:
        mentioned, every = mentioned_graphs(sparql, base_iri)
        graphs = None if every else [None] + [g for g in service.store.graph_names() if g in mentioned]
        changes = service.queries.changes_of(UpdateRequest(sparql, graphs, service.limits.max_literal_bytes, base_iri))
        gate(changes)
        service.commit(changes)
    return ["default" if g is None else g for g in changes]


def gate(changes: Changes) -> None:
    """Check the size of every term (LiteralTooLarge, 413: the engine cannot reload a literal over
    16 MiB), then validate each changed graph; ShapesViolation (422) with the first failing report."""
    from sgkg.ingest.store import to_rdflib
    from sgkg.ingest.validate import validate

    check_terms(changes, get_service().limits.max_literal_bytes)

    for graph, triples in changes.items():
        if not triples:
            continue
        report = validate(to_rdflib(triples))
        if not report.conforms:
            raise ShapesViolation(
                f"graph {graph or 'default'} would not conform to the shapes "
                f"({len(report.violations)} violation(s)); nothing was written",
                report=report,
                where=graph or "default graph",
                hint="fix the data; the report lists each problem",
            )
