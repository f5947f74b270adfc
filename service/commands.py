"""`sgkg query`: run a named query (or a .rq file) against the store and print its table.

The command parses its options (``ingest.options``, from the settings table), calls one plain function,
and prints.  Domain errors propagate to ``service.cli.main``, which prints them as one line and exits 2.
The store commands that ingestion owns (init, load, validate, export) are in ``ingest.commands``.
"""

from __future__ import annotations

from pathlib import Path

import click

from ingest.errors import UnknownQuery
from ingest.options import store_options
from ingest.store import GraphStore, open_configured
from service.named_queries import FORMATS, Table, format_table, parse_header, run_named_query


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
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter (repeatable); bound by the engine, never pasted into the query.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format.")
@store_options
def query_command(target: str, params: tuple[str, ...], fmt: str, **options) -> None:
    """Run a named query (a name from queries/, or a .rq file) and print its table."""
    values = parse_params(params)
    with open_configured(options.__getitem__, read_only=True) as store:
        table = run_query_target(store, target, values)
    text = format_table(table, fmt)
    click.echo(text, nl=not text.endswith("\n"))
