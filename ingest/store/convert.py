"""Conversions at the store's edge: rdflib graphs to and from pyoxigraph triples, engine answers to
``QueryResult``."""

from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox
import rdflib

from sgkg.ingest.store.protocol import QueryResult

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def query_result(raw) -> QueryResult:
    """A pyoxigraph answer (``Store.query`` or ``parse_query_results``) as a QueryResult; rows are read lazily."""
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        names = [v.value for v in raw.variables]
        width = len(names)
        return QueryResult(
            kind="select", variables=names, rows=(tuple(solution[i] for i in range(width)) for solution in raw)
        )
    return QueryResult(kind="graph", triples=iter(raw))


def to_oxigraph(graph: rdflib.Graph) -> list[ox.Triple]:
    """An rdflib graph as pyoxigraph triples (through N-Triples, faster than term by term)."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return [quad.triple for quad in ox.parse(data, ox.RdfFormat.N_TRIPLES)]


def to_rdflib(triples: Iterable) -> rdflib.Graph:
    """pyoxigraph triples (or quads) as an rdflib graph (term by term, faster than re-parsing N-Triples)."""
    graph = rdflib.Graph()
    graph.addN((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object), graph) for t in triples)
    return graph


def rdflib_term(term):
    """One pyoxigraph term as an rdflib term (TypeError for an RDF-star triple term)."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return rdflib.Literal(term.value, datatype=None if datatype == XSD_STRING else rdflib.URIRef(datatype))
    raise TypeError(f"rdflib cannot hold the term {term!r} (RDF-star triple terms are not supported)")
