"""Limits on what a caller can make the engine do, each one a setting named in its error.

- SPARQL text: its size (``max_query_bytes``) and its nesting depth (``max_query_depth``), checked
  lexically before any parser sees it: pyoxigraph's parser crashes the process (a segfault) on a
  query nested about 3,000 deep, and rdflib's (which reads updates) runs out of recursion.
- Terms a write would store (``max_literal_bytes``): pyoxigraph cannot reload a literal over 16 MiB
  from a dump, so a store holding one breaks every process that rebuilds from it.
- RDF/XML internal entities: expanded by the parser recursively (626 bytes can become 100 MB), so
  their expansion is measured from the declarations before the document is parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

import pyoxigraph as ox

from sgkg.ingest.errors import BodyTooLarge, LiteralTooLarge, QueryTooDeep, QueryTooLarge
from sgkg.ingest.settings import get
from sgkg.ingest.sparqltext import mask


@dataclass(frozen=True)
class Limits:
    max_query_bytes: int
    max_query_depth: int
    max_literal_bytes: int

    @classmethod
    def from_settings(cls, value=get) -> Limits:
        """The limits from the settings table (``value(name)``: the environment, or the app's config)."""
        return cls(value("max_query_bytes"), value("max_query_depth"), value("max_literal_bytes"))


_BRACKET = re.compile(r"[{}()\[\]]")


def sparql_depth(sparql: str) -> int:
    """The deepest nesting of ``{ ( [`` outside strings, IRIs and comments."""
    depth = deepest = 0
    for match in _BRACKET.finditer(mask(sparql)):
        if match.group() in "{([":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest


def check_sparql(sparql: str, limits: Limits, kind: str = "query") -> None:
    """Refuse a query or update text over ``max_query_bytes`` (413) or ``max_query_depth`` (400)."""
    size = len(sparql.encode("utf-8", "surrogatepass"))
    if size > limits.max_query_bytes:
        raise QueryTooLarge(
            f"the {kind} is {size} bytes, more than {limits.max_query_bytes} (setting max_query_bytes)",
            hint="send a shorter text, or raise --max-query-bytes",
        )
    depth = sparql_depth(sparql)
    if depth > limits.max_query_depth:
        raise QueryTooDeep(
            f"the {kind} nests brackets {depth} deep, more than {limits.max_query_depth} "
            "(setting max_query_depth); it was not parsed",
            hint="flatten the query, or raise --max-query-depth",
        )


def _term_size(term) -> int:
    if isinstance(term, ox.Triple):
        return max(_term_size(term.subject), _term_size(term.predicate), _term_size(term.object))
    value = term.value if isinstance(term, (ox.Literal, ox.NamedNode, ox.BlankNode)) else ""
    return len(value.encode("utf-8", "surrogatepass"))


def check_terms(changes: Mapping[str | None, Iterable[ox.Triple] | None], max_bytes: int) -> None:
    """Refuse graphs holding a literal or IRI over ``max_literal_bytes`` (413); nothing is written."""
    for graph, triples in changes.items():
        for triple in triples or ():
            size = max(_term_size(triple.subject), _term_size(triple.object))
            if size > max_bytes:
                raise LiteralTooLarge(
                    f"a term of {size} bytes would be stored, more than {max_bytes} "
                    "(setting max_literal_bytes); nothing was written",
                    where=graph or "default graph",
                    hint="store less text in one literal, or raise --max-literal-bytes",
                )


# an internal entity declaration of an XML document's DTD, and a reference to an entity
_ENTITY = re.compile(r"""<!ENTITY\s+(%\s+)?([^\s%;"'<>]+)\s+(?:"([^"]*)"|'([^']*)')\s*>""")
_REFERENCE = re.compile(r"&([^\s&;#<>]+);")


def check_xml_entities(data: bytes, max_literal_bytes: int, max_document_bytes: int) -> None:
    """Refuse an RDF/XML document whose internal entities would expand past the limits, before parsing.

    Each entity's expanded length is computed from its declaration (references to other entities
    included); one over ``max_literal_bytes``, or a document that would grow past
    ``max_document_bytes`` (setting max_body), is refused.  A reference cycle is refused too."""
    if b"<!ENTITY" not in data:
        return
    text = data.decode("utf-8", "replace")
    declared = {
        m.group(2): m.group(3) if m.group(3) is not None else m.group(4)
        for m in _ENTITY.finditer(text)
        if not m.group(1)
    }
    sizes: dict[str, int] = {}

    def expanded(value: str, seen: tuple[str, ...]) -> int:
        size = len(value.encode("utf-8"))
        for ref in _REFERENCE.finditer(value):
            size += _entity_size(ref.group(1), seen) - len(ref.group().encode("utf-8"))
        return size

    def _entity_size(name: str, seen: tuple[str, ...]) -> int:
        if name not in declared:
            return len(name) + 2  # a predefined (&amp;) or undeclared entity: left to the parser
        if name in seen:
            raise LiteralTooLarge(f"the RDF/XML entity &{name}; refers to itself; nothing was written")
        if name not in sizes:
            sizes[name] = expanded(declared[name], seen + (name,))
            if sizes[name] > max_literal_bytes:
                raise LiteralTooLarge(
                    f"the RDF/XML entity &{name}; expands to {sizes[name]} bytes, more than {max_literal_bytes} "
                    "(setting max_literal_bytes); nothing was written",
                    hint="send the document with its entities expanded, or raise --max-literal-bytes",
                )
        return sizes[name]

    body = _ENTITY.sub("", text)
    total = expanded(body, ())
    if total > max_document_bytes:
        raise BodyTooLarge(
            f"the RDF/XML document would expand its entities to {total} bytes, more than "
            f"{max_document_bytes} (setting max_body); nothing was written",
            hint="send a smaller document, or raise --max-body",
        )
