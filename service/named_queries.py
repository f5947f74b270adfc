"""Named queries: ``queries/*.rq`` files with a header of metadata, run with engine-bound parameters.

The header is the comment block at the top of the file::

    # title: Partnerships by area
    # description: One row per partnership named in a document.
    # param: area = "" ; Area name or ONS GSS code (empty for all areas)
    # param: areas:list = "" ; Areas to compare, comma-separated
    # pivot: feature area value

A parameter ``p`` is bound to ``?param_p`` by the engine (a one-row ``VALUES``
block at the start of the outermost WHERE group, ``ingest.store.inject_values``),
never formatted into the query text; an empty value leaves it unbound.  Types: ``string`` (default),
``integer``, ``iri``, ``date`` (a calendar day, bound as the plain string "YYYY-MM-DD" that queries compare
with ``SUBSTR(STR(?day), 1, 10)``, which every engine writes alike; a year or a month alone is read as its
last day, so ``as_of=2019`` means the end of 2019), ``boolean`` ("true" or "false", also "1"/"0" and "yes"/"no",
bound as an xsd:boolean) and ``list`` (comma-separated, bound as one string with the spaces around commas
removed).
"""

from __future__ import annotations

import calendar
import csv
import datetime
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from sgkg.ingest.errors import BadParameter, QueryError, TooManyRows, UnknownQuery
from sgkg.service.serialize import WRITERS

FORMATS = ("table", "csv", "json", "tsv", "sparql-json", "sparql-xml")
PARAM_TYPES = ("string", "integer", "iri", "date", "boolean", "list")
VARIABLE_PREFIX = "param_"
# the parameter whose comma-separated value orders a pivot's columns
PIVOT_ORDER_PARAM = "areas"

_HEADER_LINE = re.compile(r"^#\s*(?P<key>[a-z]+)\s*:\s*(?P<value>.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"(?:\s*:\s*(?P<type>[a-z]+))?"
    r"(?:\s*=\s*\"(?P<default>(?:[^\"\\]|\\.)*)\")?"
    r"\s*(?:;\s*(?P<help>.*))?$"
)
_LIST_SPACES = re.compile(r"\s*,\s*")
_BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def as_of_day(value: str, name: str = "as_of") -> str:
    """An ISO day from "2019-01-01", "2019-06" (its last day) or "2019" (31 December); BadParameter otherwise."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}", value):
            return f"{value}-12-31"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = int(value[:4]), int(value[5:])
            return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadParameter(
            f"parameter {name!r} must be a date such as 2019-01-01 (or 2019-06, 2019), not {value!r}",
            hint="write the day as YYYY-MM-DD",
        ) from None


@dataclass
class QueryParam:
    """One declared parameter of a named query."""

    name: str
    type: str = "string"
    default: str = ""
    help: str = ""

    @property
    def variable(self) -> str:
        return VARIABLE_PREFIX + self.name

    def term(self, value: str) -> ox.NamedNode | ox.Literal | None:
        """The value as the RDF term bound to ``?param_<name>``; None (unbound) for an empty value."""
        value = value.strip()
        if not value:
            return None
        if self.type == "integer":
            try:
                return ox.Literal(int(value))
            except ValueError:
                raise BadParameter(f"parameter {self.name!r} must be an integer, not {value!r}") from None
        if self.type == "iri":
            try:
                return ox.NamedNode(value)
            except ValueError:
                raise BadParameter(f"parameter {self.name!r} must be an absolute IRI, not {value!r}") from None
        if self.type == "date":
            return ox.Literal(as_of_day(value, self.name))
        if self.type == "boolean":
            if value.casefold() not in _BOOLEANS:
                raise BadParameter(
                    f"parameter {self.name!r} must be true or false, not {value!r}", hint="write true or false"
                )
            return ox.Literal(_BOOLEANS[value.casefold()])
        if self.type == "list":
            return ox.Literal(_LIST_SPACES.sub(",", value))
        return ox.Literal(value)


@dataclass
class NamedQuery:
    """A SPARQL SELECT query with its title, description, parameters and optional pivot."""

    name: str
    title: str
    description: str
    params: list[QueryParam] = field(default_factory=list)
    pivot: tuple[str, str, str] | None = None
    text: str = ""

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass
class Table:
    """Query results as plain strings: IRIs as full IRI strings, literals as their lexical values; and
    the RDF terms behind them (``terms``; None for a pivot, whose cells are text made of several values)."""

    columns: list[str]
    rows: list[list[str | None]]
    terms: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]] | None = None

    def term_rows(self) -> list[list]:
        """Each row as RDF terms (a cell without its term is a plain literal)."""
        if self.terms is not None:
            return self.terms
        return [[None if v is None else ox.Literal(v) for v in row] for row in self.rows]


# --- reading queries ---------------------------------------------------------------


def parse_header(text: str, name: str = "query") -> NamedQuery:
    """Read a .rq file's header comments into a NamedQuery (title defaults to the name)."""
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "pivot": []}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER_LINE.match(stripped)
        if match and match["key"] in fields:
            fields[match["key"]].append(match["value"])
    params = [_parse_param(line, name) for line in fields["param"]]
    pivot = _parse_pivot(fields["pivot"], name)
    title = " ".join(fields["title"]) or name
    return NamedQuery(
        name=name, title=title, description=" ".join(fields["description"]), params=params, pivot=pivot, text=text
    )


def _parse_param(line: str, query: str) -> QueryParam:
    match = _PARAM.match(line)
    if not match:
        raise QueryError(
            f"malformed parameter line {line!r}", where=query, hint='write `# param: name[:type] = "default" ; help`'
        )
    kind = match["type"] or "string"
    if kind not in PARAM_TYPES:
        raise QueryError(
            f"parameter {match['name']!r} has unknown type {kind!r}",
            where=query,
            hint="use one of " + ", ".join(PARAM_TYPES),
        )
    default = re.sub(r"\\(.)", r"\1", match["default"] or "")
    return QueryParam(name=match["name"], type=kind, default=default, help=(match["help"] or "").strip())


def _parse_pivot(lines: list[str], query: str) -> tuple[str, str, str] | None:
    if not lines:
        return None
    names = lines[-1].split()
    if len(names) != 3:
        raise QueryError(
            f"pivot needs three column names, got {lines[-1]!r}",
            where=query,
            hint="write `# pivot: feature area value`",
        )
    return (names[0], names[1], names[2])


def load_named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query by name (the package's ``queries/`` unless another folder is given)."""
    if folder is None:
        from sgkg import queries

        found = queries.query_files()
    else:
        found = {f.stem: f for f in sorted(Path(folder).glob("*.rq"))}
    return {name: parse_header(f.read_text(encoding="utf-8"), name) for name, f in found.items()}


# --- running ---------------------------------------------------------------------------


def bindings_for(query: NamedQuery, params: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Engine bindings (``param_<name>`` -> term) from user values and the declared defaults."""
    accepted = {p.name for p in query.params}
    for key in params:
        if key not in accepted:
            raise BadParameter(
                f"unknown parameter {key!r} for query {query.name!r}",
                hint="accepted: " + (", ".join(sorted(accepted)) or "none"),
            )
    bindings = {}
    for param in query.params:
        term = param.term(params.get(param.name, param.default))
        if term is not None:
            bindings[param.variable] = term
    return bindings


def run_named_query(
    store, name: str | NamedQuery, params: dict[str, str] | None = None, *, max_rows: int | None = None
) -> Table:
    """Run a named query (by name, or a NamedQuery read from elsewhere) and return its table."""
    query = name if isinstance(name, NamedQuery) else _lookup(name)
    params = dict(params or {})
    result = store.query(query.text, bindings=bindings_for(query, params))
    if result.kind != "select":
        raise QueryError(
            f"{query.name} is not a SELECT query",
            where=query.name,
            hint="named queries return tables; use /sparql for ASK, CONSTRUCT or DESCRIBE",
        )
    terms = []
    for row in result.rows:
        if max_rows is not None and len(terms) >= max_rows:
            raise TooManyRows(
                f"{query.name} returned more than {max_rows} rows",
                where=query.name,
                hint="narrow it with a parameter, or raise the setting `max_rows`",
            )
        terms.append(list(row))
    table = Table(columns=list(result.variables), rows=[[cell(t) for t in row] for row in terms], terms=terms)
    if query.pivot:
        order = params.get(PIVOT_ORDER_PARAM, _default(query, PIVOT_ORDER_PARAM))
        table = pivot(table, query.pivot, [a.strip() for a in order.split(",") if a.strip()])
    return table


def _lookup(name: str) -> NamedQuery:
    found = load_named_queries()
    if name not in found:
        raise UnknownQuery(f"no named query {name!r}", hint="known: " + (", ".join(found) or "none"))
    return found[name]


def _default(query: NamedQuery, name: str) -> str:
    param = query.param(name)
    return param.default if param else ""


def cell(term) -> str | None:
    """A term as a table cell: IRIs and literals by their value, blank nodes as ``_:id``.

    No value is ``None`` (null in JSON, an empty CSV cell), whether the variable is unbound or bound to
    the empty string: engines differ there (``GROUP_CONCAT`` over nothing is ``""`` in Virtuoso, as
    SPARQL 1.1 says, and unbound in Oxigraph 0.5), and in a table both mean "the documents say nothing".
    """
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value or None
    return str(term)


def pivot(table: Table, spec: tuple[str, str, str], order: list[str]) -> Table:
    """Rows (feature, column, value) -> one row per feature and one column per distinct column value.

    Columns follow ``order`` (matched case-insensitively), then first-seen; features are first-seen;
    a cell joins its distinct values with "; ".
    """
    missing = [c for c in spec if c not in table.columns]
    if missing:
        raise QueryError(
            f"pivot columns {', '.join(missing)} are not in the results",
            hint="the query must select " + ", ".join(spec),
        )
    f_at, c_at, v_at = (table.columns.index(c) for c in spec)
    cells: dict[str, dict[str, list[str]]] = {}
    seen: list[str] = []
    for row in table.rows:
        feature, column, value = row[f_at] or "", row[c_at], row[v_at]
        if column is None:
            continue
        if column not in seen:
            seen.append(column)
        values = cells.setdefault(feature, {}).setdefault(column, [])
        if value is not None and value not in values:
            values.append(value)
    columns = _ordered_columns(seen, order)
    rows = [
        [feature] + ["; ".join(by_column[c]) if by_column.get(c) else None for c in columns]
        for feature, by_column in cells.items()
    ]
    return Table(columns=[spec[0]] + columns, rows=rows)


def _ordered_columns(seen: list[str], order: list[str]) -> list[str]:
    ranked = []
    for wanted in order:
        ranked += [c for c in seen if c.casefold() == wanted.casefold() and c not in ranked]
    return ranked + [c for c in seen if c not in ranked]


# --- output ------------------------------------------------------------------------------


def format_table(table: Table, fmt: str) -> str:
    """The table as ``table`` (aligned text), ``csv``, ``json``, ``tsv``, or SPARQL results in JSON or XML
    (``sparql-json``, ``sparql-xml``: the terms as the engine gave them, for SPARQL clients)."""
    writers = {
        "table": _as_text,
        "csv": _as_csv,
        "json": _as_json,
        "tsv": _as_tsv,
        "sparql-json": _as_sparql("json"),
        "sparql-xml": _as_sparql("xml"),
    }
    if fmt not in writers:
        raise BadParameter(f"unknown format {fmt!r}", hint="use one of " + ", ".join(FORMATS))
    return writers[fmt](table)


def _as_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows([["" if v is None else v for v in row] for row in table.rows])
    return out.getvalue()


def _tsv_cell(value: str | None) -> str:
    if value is None:
        return ""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _as_tsv(table: Table) -> str:
    lines = [table.columns] + table.rows
    return "".join("\t".join(_tsv_cell(v) for v in line) + "\n" for line in lines)


def _as_json(table: Table) -> str:
    rows = [dict(zip(table.columns, row)) for row in table.rows]
    return json.dumps({"columns": table.columns, "rows": rows}, ensure_ascii=False, indent=2) + "\n"


def _as_sparql(name: str):
    def write(table: Table) -> str:
        out = io.BytesIO()
        WRITERS[name](out, table.columns, table.term_rows(), None)
        return out.getvalue().decode("utf-8")

    return write


def _as_text(table: Table) -> str:
    def flat(value: str | None) -> str:
        return "" if value is None else " ".join(value.split())

    lines = [table.columns] + [[flat(v) for v in row] for row in table.rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(table.columns))]
    rule = ["-" * w for w in widths]
    out = [lines[0], rule] + lines[1:]
    text = "".join("  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() + "\n" for line in out)
    return text + f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})\n"
