"""The dataset of an update given by the protocol: ``using-graph-uri`` and ``using-named-graph-uri``.

SPARQL 1.1 Protocol, 2.2.3: each ``using-graph-uri=g`` is treated as if ``USING <g>`` were written in
every operation of the update, each ``using-named-graph-uri=g`` as ``USING NAMED <g>``; an update whose
text already has USING, USING NAMED or WITH is refused (400).  The engine (pyoxigraph) takes no dataset
for an update, so the clauses are written into the text, before the ``WHERE`` of each DELETE/INSERT
operation, found by the same lexer the store uses (strings, IRIs and comments masked) and counted
against rdflib's parse of the update.  ``DELETE WHERE { P }`` cannot carry USING; it is written out as
the equivalent ``DELETE { P } USING ... WHERE { P }``.  What the update then reads is named in its text,
so the dry run copies those graphs (`service.writes`) like any others.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterator

import pyoxigraph as ox
from rdflib.plugins.sparql.parser import parseUpdate

from sgkg.ingest.errors import QueryTooDeep, UsageError
from sgkg.ingest.limits import Limits, check_sparql, sparql_depth

# the lexer the store uses to find keywords outside strings, IRIs, comments
from sgkg.ingest.sparqltext import mask, syntax_error

PARAMETERS = ("using-graph-uri", "using-named-graph-uri")
_TOKEN = re.compile(r"[{}]|(?<![\w:?$])(?:WHERE|DELETE)(?![\w:-])", re.IGNORECASE)


def with_dataset(update: str, using: list[str], using_named: list[str], limits: Limits) -> str:
    """``update`` with ``USING <g>`` / ``USING NAMED <g>`` in every DELETE/INSERT operation.

    Raises UsageError (400) for a parameter that is not an absolute IRI or an update that names its
    own dataset, QueryError for an update that does not parse."""
    if not using and not using_named:
        return update
    clauses = " ".join(
        [f"USING {_iri(g, PARAMETERS[0])}" for g in using]
        + [f"USING NAMED {_iri(g, PARAMETERS[1])}" for g in using_named]
    )
    check_sparql(update, limits, "update")  # before rdflib's parser, which a deep text would overflow
    operations = _where_operations(update)
    wheres = _top_level_wheres(update)
    if len(wheres) != operations:
        raise RuntimeError(f"found {len(wheres)} WHERE keywords for {operations} DELETE/INSERT operations")
    for at, end, shorthand in reversed(wheres):
        # DELETE WHERE { P } -> DELETE { P } USING ... WHERE { P }
        template = update[_group_start(update, at) : end] + " " if shorthand else ""
        update = f"{update[:at]}{template}{clauses} {update[at:]}"
    return update


def _iri(value: str, parameter: str) -> str:
    try:
        return str(ox.NamedNode(value))
    except ValueError:
        raise UsageError(
            f"{parameter}={value!r} is not an absolute IRI",
            hint=f"give the graph's full IRI, e.g. {parameter}=https://...",
        ) from None


@contextmanager
def update_analysis(update: str) -> Iterator[None]:
    """Around rdflib's parse (and translation) of an update: too deep for its parser is QueryTooDeep,
    anything else it raises is the one malformed-update error (``ingest.sparqltext.syntax_error``)."""
    try:
        yield
    except RecursionError:
        raise QueryTooDeep(
            f"the update nests brackets {sparql_depth(update)} deep, more than the update "
            "analyser (rdflib's parser) can follow; it was not run",
            hint="flatten the update, or split it",
        ) from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises pyparsing errors of several types
        raise syntax_error(exc, "update") from None


def _where_operations(update: str) -> int:
    """How many operations of the update have a WHERE (DELETE/INSERT and DELETE WHERE); UsageError when
    one names its own dataset."""
    with update_analysis(update):
        operations = parseUpdate(update).request
    if any(op.name == "Modify" and ("using" in op or "withClause" in op) for op in operations):
        raise UsageError(
            "the update names its own dataset (USING, USING NAMED or WITH) and the request "
            "gives one too (using-graph-uri / using-named-graph-uri); the protocol allows one",
            hint="drop the parameters, or the clauses from the update",
        )
    return sum(op.name in ("Modify", "DeleteWhere") for op in operations)


def _top_level_wheres(update: str) -> list[tuple[int, int, bool]]:
    """For each WHERE outside braces: its position, the end of the group after it, and whether it is
    the ``DELETE WHERE`` shorthand."""
    found, depth, previous, open_where = [], 0, "", None
    for match in _TOKEN.finditer(mask(update)):
        token = match.group().upper()
        if token == "}":
            depth -= 1
            if depth == 0 and open_where is not None:
                found.append((open_where[0], match.end(), open_where[1]))
                open_where = None
        elif depth == 0 and token == "WHERE":
            open_where = (match.start(), previous == "DELETE")
        if token == "{":
            depth += 1
        if depth == 0 or token == "{" and depth == 1:
            previous = token
    return found


def _group_start(update: str, where: int) -> int:
    """Position of the ``{`` after the WHERE at ``where``."""
    return mask(update).index("{", where)
