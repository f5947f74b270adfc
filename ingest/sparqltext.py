"""SPARQL text: the one lexer and the one writer of query and update text.

Reading: ``mask`` blanks out strings, IRIs and comments (same length, so positions hold) so that
keywords can be found by position (``has_dataset_clause``, ``query_form``, the limits, the outbound
check, the update dataset); ``inject_values`` binds parameters with a ``VALUES`` block.  Writing:
``replace_graph_update`` and ``insert_data`` spell graph writes (terms in N-Triples syntax, escaped by
pyoxigraph, never formatted from user text); ``dataset_options`` turns a dataset into pyoxigraph's
query arguments; ``syntax_error`` is the one error for text the engine cannot parse.

Used by both store backends (``ingest.store``), the limits, the outbound check and the service's
query pool.  It imports nothing of ours but the error catalogue, so every layer may use it.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

import pyoxigraph as ox

from sgkg.ingest.errors import QueryError

# strings, IRIs and comments, which may contain anything, including the words FROM and WHERE; also a
# backslash escape outside them (``ex:a\#b`` is a name, not a comment), and a comment ends at CR too
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*(?:(?:\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})[^<>"{}|^`\\\s]*)*>'
    r"|#[^\r\n]*"
    r"|\\.",
    re.DOTALL,
)
_FROM = re.compile(r"(?<![\w:?$])FROM(?![\w:-])", re.IGNORECASE)
_GROUPING = re.compile(r"[{}()]|(?<![\w:?$])WHERE(?![\w:-])", re.IGNORECASE)
_SUBSELECT = re.compile(r"[{}]|(?<![\w:?$])SELECT(?![\w:-])", re.IGNORECASE)
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_QUERY_FORM = re.compile(r"(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])", re.IGNORECASE)

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


# --- reading -------------------------------------------------------------------------


def mask(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length, so positions hold)."""
    return _OPAQUE.sub(lambda m: " " * len(m.group()), sparql)


def written_iris(sparql: str) -> list[str]:
    """Every IRI written in full in the text (``<...>`` outside strings and comments), without its brackets."""
    return [m.group()[1:-1] for m in _OPAQUE.finditer(sparql) if m.group().startswith("<")]


def has_dataset_clause(sparql: str) -> bool:
    """True when the query names its own dataset (FROM / FROM NAMED)."""
    return bool(_FROM.search(mask(sparql)))


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword outside strings, IRIs and comments."""
    found = _QUERY_FORM.search(mask(sparql))
    return found.group().upper() if found else "SELECT"


def _where_brace(masked: str) -> int | None:
    """Position of the ``{`` opening the outermost WHERE group (in a query masked by ``mask``)."""
    tokens, depth = [], 0
    for match in _GROUPING.finditer(masked):
        token = match.group()
        if token in ")}":
            depth -= 1
        elif depth == 0:
            tokens.append((match.start(), token.upper()))
        if token in "({":
            depth += 1
    where = next((i for i, (_, t) in enumerate(tokens) if t == "WHERE"), -1)
    return next((at for at, t in tokens[where + 1 :] if t == "{"), None)


def _subselect_groups(masked: str) -> list[tuple[int, int]]:
    """(start, end) of the ``{ ... }`` group of every sub-select: the first ``{`` after a nested SELECT."""
    groups, depth, waiting, opened = [], 0, [], []
    for match in _SUBSELECT.finditer(masked):
        token = match.group()
        if token == "{":
            if waiting and waiting[-1] == depth:
                waiting.pop()
                opened.append((depth, match.start()))
            depth += 1
        elif token == "}":
            depth -= 1
            if opened and opened[-1][0] == depth:
                groups.append((opened.pop()[1], match.start()))
        elif depth > 0:
            waiting.append(depth)
    return groups


def _values_block(names: list[str], bindings: Mapping[str, Term]) -> str:
    return " VALUES ({}) {{ ({}) }}\n".format(
        " ".join("?" + n for n in names), " ".join(str(bindings[n]) for n in names)
    )


def inject_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables with a one-row ``VALUES`` block at the start of the outermost WHERE group.

    A sub-select cannot see the variables of the query around it, so the block also goes at the
    start of the group of every sub-select that mentions a bound variable (with just those
    variables): a named query can filter by its parameters inside a sub-select, before the rest
    of the query joins. The terms are written in N-Triples syntax (escaped by pyoxigraph), so a
    value is always one term, whatever it contains.  Used by the embedded and the remote store.
    """
    if not bindings:
        return sparql
    bindings = {name.lstrip("?$"): value for name, value in bindings.items()}
    names = list(bindings)
    bad = [n for n in names if not _VARIABLE.match(n)]
    if bad:
        raise QueryError(f"cannot bind {', '.join(bad)}: not a SPARQL variable name")
    masked = mask(sparql)
    at = _where_brace(masked)
    if at is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    inserts = [(at, _values_block(names, bindings))]
    for start, end in _subselect_groups(masked):
        inner = [n for n in names if re.search(rf"[?$]{n}(?!\w)", masked[start:end])]
        if inner:
            inserts.append((start, _values_block(inner, bindings)))
    for position, block in sorted(inserts, reverse=True):
        sparql = sparql[: position + 1] + block + sparql[position + 1 :]
    return sparql


def syntax_error(exc: SyntaxError, kind: str = "query") -> QueryError:
    """The one error for a query or update the engine cannot parse: its message carries the position."""
    return QueryError(f"malformed {kind}: {exc}", hint="fix the SPARQL syntax at that position")


def dataset_options(
    sparql: str,
    default_graph: list[str | None] | None = None,
    named_graphs: list[str] | None = None,
    *,
    union_default: bool = True,
) -> dict[str, Any]:
    """pyoxigraph query arguments for a dataset: the given default graph (None in it: the store's own
    default graph) and named graphs; with no default graph, the union of all graphs when
    ``union_default`` and the query names no dataset of its own (FROM)."""
    options: dict[str, Any] = {}
    if default_graph is not None:
        options["default_graph"] = [ox.NamedNode(g) if g else ox.DefaultGraph() for g in default_graph]
    elif union_default and not has_dataset_clause(sparql):
        options["use_default_graph_as_union"] = True
    if named_graphs is not None:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    return options


# --- writing -------------------------------------------------------------------------


def iri(graph: str) -> str:
    """``<graph>``, checked by pyoxigraph (an invalid IRI raises ValueError)."""
    return str(ox.NamedNode(str(graph)))


def insert_data(graph: str | None, triples: Iterable[ox.Triple], chunk: int | None = None) -> list[str]:
    """``INSERT DATA`` operations into ``graph`` (None: the default graph), of at most ``chunk`` triples
    each (all in one when None); no operation when there is no triple.

    Blank nodes are scoped to one operation: the data model mints none, and a
    blank node split across two chunks would become two nodes.
    """
    lines = [f"{t.subject} {t.predicate} {t.object} ." for t in triples]
    size = chunk or len(lines) or 1
    opening, closing = (
        ("INSERT DATA {\n", "\n}") if graph is None else (f"INSERT DATA {{ GRAPH {iri(graph)} {{\n", "\n} }")
    )
    return [opening + "\n".join(lines[i : i + size]) + closing for i in range(0, len(lines), size)]


def replace_graph_update(graph: str | None, triples: Iterable[ox.Triple] = (), chunk: int | None = None) -> str:
    """One SPARQL Update that replaces ``graph`` (None: the default graph) by ``triples``: ``DROP SILENT``
    then ``INSERT DATA`` (see ``insert_data``); with no triple, it drops the graph."""
    target = "DEFAULT" if graph is None else f"GRAPH {iri(graph)}"
    return " ;\n".join([f"DROP SILENT {target}", *insert_data(graph, triples, chunk)])
