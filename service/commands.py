"""`sgkg query`: run a named query (or a .rq file) against the store and print its table; `sgkg diff`: what
changed in an area's arrangements between two days (the named query ``changes``).

The command parses its options (``ingest.options``, from the settings table), calls one plain function,
and prints.  Domain errors propagate to ``service.cli.main``, which prints them as one line and exits 2.
The store commands that ingestion owns (init, load, validate, export) are in ``ingest.commands``.
"""

from __future__ import annotations

from pathlib import Path

import click

from sgkg.ingest.errors import UnknownQuery
from sgkg.ingest.options import format_option, setting_option, store_options
from sgkg.ingest.store import GraphStore, open_configured
from sgkg.service.named_queries import FORMATS, Table, format_table, parse_header, run_named_query

# --- query -------------------------------------------------------------------------------


def parse_params(items: tuple[str, ...]) -> dict[str, str]:
    """``("k=v", ...)`` -> ``{"k": "v"}``."""
    params = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        params[key.strip()] = value
    return params


def run_query_target(store: GraphStore, target: str, params: dict[str, str]) -> Table:
    """A ``.rq`` path runs that file (its header is read like a named query's); anything else is a name."""
    if target.endswith(".rq"):
        path = Path(target)
        if not path.is_file():
            raise UnknownQuery("no such query file", where=target, hint="give an existing .rq file or a query name")
        return run_named_query(store, parse_header(path.read_text(encoding="utf-8"), path.stem), params)
    return run_named_query(store, target, params)


@click.command("query")
@click.argument("target", metavar="FILE.rq|NAME")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter (repeatable); bound by the engine, never pasted into the query.",
)
@format_option(FORMATS, "Output format.", default="table")
@store_options
def query_command(target: str, params: tuple[str, ...], fmt: str, **options) -> None:
    """Run a named query (a name from queries/, or a .rq file) and print its table."""
    values = parse_params(params)
    with open_configured(options.__getitem__, read_only=True) as store:
        table = run_query_target(store, target, values)
    text = format_table(table, fmt)
    click.echo(text, nl=not text.endswith("\n"))


# --- diff ----------------------------------------------------------------------------------

# the columns `sgkg diff` prints as a text table (csv and json give every column of `changes`)
DIFF_COLUMNS = ("date", "document", "change", "board", "was", "now", "was_quote", "now_quote")


def area_changes(store: GraphStore, area: str, since: str = "", until: str = "") -> Table:
    """The named query ``changes`` for one area between two days (empty: from the first / to the latest document)."""
    return run_named_query(store, "changes", {"area": area, "from": since, "to": until})


def diff_table(table: Table) -> Table:
    """The changes with the columns a reader needs in a terminal: when, what, on which board, before and after."""
    at = [table.columns.index(c) for c in DIFF_COLUMNS]
    return Table(columns=list(DIFF_COLUMNS), rows=[[row[i] for i in at] for row in table.rows])


@click.command("diff")
@click.argument("area", metavar="AREA")
@setting_option("from")
@setting_option("to")
@format_option(
    FORMATS,
    "Output format (table prints the main columns; the others print every column of `changes`).",
    default="table",
)
@store_options
def diff_command(area: str, fmt: str, **options) -> None:
    """What changed in AREA's arrangements (a name or ONS GSS code) between two days: boards added and replaced,
    partners, chairs, scrutineers and priorities added or dropped, each with its evidence quotes; documents in
    date order (the named query `changes`).

    \b
    Example:
      sgkg diff Rutland --from 2019-01-01 --to 2023-12-31
      sgkg diff E06000017 --format csv > rutland-changes.csv
    """
    with open_configured(options.__getitem__, read_only=True) as store:
        table = area_changes(store, area, options["from"] or "", options["to"] or "")
    text = format_table(diff_table(table) if fmt == "table" else table, fmt)
    click.echo(text, nl=not text.endswith("\n"))
