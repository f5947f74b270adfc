"""Serialise a query result in a negotiated format, enforcing the row limit, into a byte sink.

Used inside the query workers (on pyoxigraph results) and in-process for a remote store
(on ``ingest.store.QueryResult``).  Rows are counted before a byte is written, so a result
over ``max_rows`` is refused with a clean 503 instead of a truncated body; the bytes then
stream out in chunks.  pyoxigraph's own serialisers write graphs and pyoxigraph result sets
(counted on the way through TSV); the small writers below serve results of a remote store.
A small answer whose size alone proves the row limit skips the count (`sized_solutions`).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from itertools import islice
from typing import Any, BinaryIO, Callable, Iterable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from sgkg.ingest.errors import TooManyRows
from sgkg.ontology.namespaces import PREFIXES
from sgkg.service.negotiation import Format, QueryFormats

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
CHUNK = 64 * 1024

RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


@dataclass
class Result:
    """One shape for a result from either engine."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str]
    rows: Iterable[Any]  # select: sequences of terms (or None), in `variables` order
    boolean: bool | None
    triples: Iterable[ox.Triple] | None

    @classmethod
    def of(cls, raw: Any) -> Result:
        """Wrap a pyoxigraph QuerySolutions / QueryBoolean / QueryTriples or a store QueryResult."""
        if isinstance(raw, ox.QuerySolutions):
            return cls("select", [v.value for v in raw.variables], raw, None, None)
        if isinstance(raw, ox.QueryBoolean):
            return cls("ask", [], (), bool(raw), None)
        if isinstance(raw, ox.QueryTriples):
            return cls("graph", [], (), None, raw)
        return cls(raw.kind, list(raw.variables or []), raw.rows or (), raw.boolean, raw.triples)


class ChunkWriter(io.RawIOBase):
    """A binary sink that hands on bytes in chunks of about CHUNK bytes."""

    def __init__(self, emit: Callable[[bytes], None]):
        super().__init__()
        self._emit, self._buf = emit, bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buf += data
        if len(self._buf) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self._buf:
            self._emit(bytes(self._buf))
            self._buf.clear()


def limited(items: Iterable[Any], max_rows: int, what: str) -> list[Any]:
    """All items, or TooManyRows (naming the setting) when there are more than max_rows."""
    got = list(islice(items, max_rows + 1))
    if len(got) > max_rows:
        raise TooManyRows(
            f"the query returns more than {max_rows} {what} (setting max_rows)",
            hint="add a LIMIT, or raise --max-rows / SGKG_MAX_ROWS",
        )
    return got


def write_result(
    raw: Any, formats: QueryFormats, max_rows: int, out: BinaryIO, on_ready: Callable[[Format], None] | None = None
) -> Format:
    """Check the row limit, then serialise ``raw`` into ``out``; returns the format used.

    ``on_ready(fmt)`` is called once the result is evaluated and within the limit, before
    the first byte is written (the HTTP status is decided at that point).
    """
    if isinstance(raw, ox.QuerySolutions):
        return _write_solutions(raw, formats, max_rows, out, on_ready)
    result = Result.of(raw)
    fmt = formats.pick(result.kind)
    if result.kind == "graph":
        items = limited(result.triples, max_rows, "triples")
    else:
        items = limited(result.rows, max_rows, "rows")
    if on_ready is not None:
        on_ready(fmt)
    if result.kind == "graph":
        write_graph(items, fmt, out)
    else:
        WRITERS[fmt.name](out, result.variables, items, result.boolean)
    out.flush()
    return fmt


class _CountingBuffer(io.RawIOBase):
    """Collects TSV results, counting rows as they come; TooManyRows once past the limit."""

    def __init__(self, max_rows: int):
        super().__init__()
        self.max_rows, self.lines, self.parts = max_rows, 0, []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.lines += bytes(data).count(b"\n")
        if self.lines > self.max_rows + 1:  # + the header line
            limited(range(self.max_rows + 1), self.max_rows, "rows")
        self.parts.append(bytes(data))
        return len(data)


def _write_solutions(
    raw: ox.QuerySolutions,
    formats: QueryFormats,
    max_rows: int,
    out: BinaryIO,
    on_ready: Callable[[Format], None] | None,
) -> Format:
    """pyoxigraph's own serialisers, with the rows counted on the way: the solutions are written
    as TSV (lossless, one row per line), counted, then re-serialised in the format asked for."""
    fmt = formats.pick("select")
    tsv = _CountingBuffer(max_rows)
    raw.serialize(tsv, ox.QueryResultsFormat.TSV)
    if on_ready is not None:
        on_ready(fmt)
    data = b"".join(tsv.parts)
    if fmt.name == "tsv":
        out.write(data)
    else:
        ox.parse_query_results(data, ox.QueryResultsFormat.TSV).serialize(out, RESULTS_FORMATS[fmt.name])
    out.flush()
    return fmt


def sized_solutions(raw: ox.QuerySolutions, fmt: Format, max_rows: int) -> bytes | None:
    """The whole result set in ``fmt``, from one pass of the engine's serialiser, when its size proves it within
    ``max_rows``: every row takes at least one byte in each format (a line in TSV and CSV, an object in JSON, an
    element in XML), so an answer of at most ``max_rows`` bytes holds at most ``max_rows`` rows.  None when the size
    proves nothing (count the rows with `write_result` instead).  The answer is held whole: for small answers only
    (the query pool's answers made in the service process, which a worker sent in one chunk a moment before)."""
    data = raw.serialize(format=RESULTS_FORMATS[fmt.name])
    return data if len(data) <= max_rows else None


def write_graph(triples: Iterable[ox.Triple], fmt: Format, out: BinaryIO) -> None:
    rdf = RDF_FORMATS[fmt.name]
    if rdf.supports_datasets:
        triples = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    prefixes = PREFIXES if fmt.name in ("turtle", "trig", "rdfxml") else None
    ox.serialize(triples, out, rdf, prefixes=prefixes)


# --- result-set writers -------------------------------------------------------------------


def _json_term(t: Any) -> dict | None:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    if isinstance(t, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(t.subject),
                "predicate": _json_term(t.predicate),
                "object": _json_term(t.object),
            },
        }
    return None


def _write_json(out: BinaryIO, variables: list[str], rows: list, boolean: bool | None) -> None:
    head = json.dumps({"vars": variables}, separators=(",", ":"))
    if boolean is not None:
        out.write(f'{{"head":{{}},"boolean":{"true" if boolean else "false"}}}'.encode())
        return
    out.write(f'{{"head":{head},"results":{{"bindings":['.encode())
    cache: dict[Any, str] = {}
    for i, row in enumerate(rows):
        parts = []
        for name, term in zip(variables, row):
            if term is None:
                continue
            enc = cache.get(term)
            if enc is None:
                enc = cache[term] = json.dumps(_json_term(term), ensure_ascii=False, separators=(",", ":"))
            parts.append(f"{json.dumps(name)}:{enc}")
        out.write((("," if i else "") + "{" + ",".join(parts) + "}").encode())
    out.write(b"]}}")


def _xml_term(t: Any) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            attr = f" xml:lang={quoteattr(t.language)}"
        elif t.datatype.value != XSD_STRING:
            attr = f" datatype={quoteattr(t.datatype.value)}"
        else:
            attr = ""
        return f"<literal{attr}>{escape(t.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}"
        f"</predicate><object>{_xml_term(t.object)}</object></triple>"
    )


def _write_xml(out: BinaryIO, variables: list[str], rows: list, boolean: bool | None) -> None:
    out.write(b'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>')
    out.write("".join(f"<variable name={quoteattr(v)}/>" for v in variables).encode())
    if boolean is not None:
        out.write(f"</head><boolean>{'true' if boolean else 'false'}</boolean></sparql>".encode())
        return
    out.write(b"</head><results>")
    for row in rows:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in zip(variables, row) if t is not None
        )
        out.write(f"<result>{cells}</result>".encode())
    out.write(b"</results></sparql>")


def _csv_value(t: Any) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    if isinstance(t, ox.Triple):
        return str(t)
    return t.value


def _write_csv(out: BinaryIO, variables: list[str], rows: list, boolean: bool | None) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\r\n")
    if boolean is not None:
        writer.writerows([["_askResult"], ["true" if boolean else "false"]])
    else:
        writer.writerow(variables)
        writer.writerows([_csv_value(t) for t in row] for row in rows)
    text.detach()


def _tsv_value(t: Any) -> str:
    if t is None:
        return ""
    return str(t).replace("\t", "\\t")


def _write_tsv(out: BinaryIO, variables: list[str], rows: list, boolean: bool | None) -> None:
    if boolean is not None:
        out.write(b"?_askResult\n" + (b"true\n" if boolean else b"false\n"))
        return
    out.write(("\t".join("?" + v for v in variables) + "\n").encode())
    for row in rows:
        out.write(("\t".join(_tsv_value(t) for t in row) + "\n").encode())


WRITERS: dict[str, Callable[[BinaryIO, list[str], list, bool | None], None]] = {
    "json": _write_json,
    "xml": _write_xml,
    "csv": _write_csv,
    "tsv": _write_tsv,
}


def graph_bytes(triples: Iterable[ox.Triple], fmt: Format) -> bytes:
    """A whole (small) graph in one format, e.g. a service description or a page's triples."""
    out = io.BytesIO()
    write_graph(triples, fmt, out)
    return out.getvalue()
