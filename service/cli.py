"""The `sgkg` command line: a thin click group.

Each subcommand lives in the module that owns its job and is imported only
when it runs (so `sgkg --help` does not load spaCy).  User mistakes and
domain errors become one line on stderr and a non-zero exit:

    0  success
    1  the data does not conform (validate, load, ingest with a failed document)
    2  error (bad input, bad option, store unavailable, ...)
"""

from __future__ import annotations

import importlib
import logging
import sys
from importlib.resources import files
from pathlib import Path

import click

from sgkg.ingest.errors import SgkgError
from sgkg.service import CORPUS

# name -> "module:attribute" of a click command
COMMANDS: dict[str, str] = {
    "init": "sgkg.ingest.commands:init_command",
    "load": "sgkg.ingest.commands:load_command",
    "validate": "sgkg.ingest.commands:validate_command",
    "query": "sgkg.service.commands:query_command",
    "diff": "sgkg.service.commands:diff_command",
    "export": "sgkg.ingest.commands:export_command",
    "serve": "sgkg.service.serve:serve_command",
    "ingest": "sgkg.ingest.cli:ingest_command",
    "nlp": "sgkg.ingest.cli:nlp_group",
    "corpus": "sgkg.ingest.cli:corpus_group",
}


def bundled_corpus() -> Path:
    """The founding corpus the service ships and `sgkg serve` loads into a new store (``service.CORPUS``):
    where `sgkg corpus build|check` write and read it (the ingest commands take it as --out)."""
    return Path(str(files("sgkg.service").joinpath(*CORPUS)))


def defaults() -> dict:
    """Option defaults that the service gives to commands of the layers below it (click's default_map)."""
    corpus = {"out": bundled_corpus()}
    return {"corpus": {"build": corpus, "check": corpus}}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "default_map": defaults()})
@click.version_option(package_name="sgkg")
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages.")
def cli(verbose: bool) -> None:
    """sgkg: a knowledge graph of English local strategic partnerships.

    Ingest protocols, arrangements and annual reports into one RDF graph,
    validate it with SHACL, and query it with SPARQL, from here or over HTTP.
    """
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning domain errors into one line and exit 2."""
    try:
        code = cli.main(args=argv, prog_name="sgkg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(2)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except SgkgError as exc:
        click.echo(f"error: {exc.one_line()}", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
