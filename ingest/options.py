"""Command-line options, every one made from the settings table (``ingest.settings``).

``setting_option(name)`` is the one builder: flag, help, type and default of one setting.  A
command that acts on a store takes ``store_options`` (the settings that say which store to open,
``ingest.store.STORE_SETTINGS``); `sgkg serve` takes ``setting_options(layered=True)``, every setting,
None when not given, so that the app layers its instance config, the environment and the defaults
under what the command line says.
"""

from __future__ import annotations

from typing import Callable, Iterable

import click

from sgkg.ingest.settings import BY_NAME, SETTINGS
from sgkg.ingest.store import STORE_SETTINGS

SECRET = frozenset({"access_token"})  # settings whose default is not shown in --help


def setting_option(name: str, *, layered: bool = False) -> Callable:
    """A click option for one setting: flag, help and type from the table.  Its default is the setting's
    value (the environment, else the table's default), or None when ``layered`` (not given)."""
    setting = BY_NAME[name]
    shown = "" if name in SECRET else f"; default: {setting.default!r}"
    help_text = f"{setting.help} [env: {setting.env}{shown}]"
    if isinstance(setting.default, bool):
        default = False if layered else (lambda: setting.value())
        return click.option(setting.option, name, is_flag=True, default=default, help=help_text)
    kind = {int: click.INT, float: click.FLOAT}.get(type(setting.default), click.STRING)
    return click.option(
        setting.option,
        name,
        type=kind,
        default=None if layered else (lambda: setting.value()),
        show_default=False,
        help=help_text,
    )


def setting_options(names: Iterable[str] | None = None, *, layered: bool = False) -> Callable:
    """A decorator adding one option per setting named (every setting when None), in the table's order."""
    chosen = [s.name for s in SETTINGS] if names is None else list(names)

    def decorate(command):
        for name in reversed(chosen):
            command = setting_option(name, layered=layered)(command)
        return command

    return decorate


store_options = setting_options(STORE_SETTINGS)


def format_option(choices: Iterable[str], help_text: str, default: str | None = None) -> Callable:
    """The ``--format`` option of a command that prints or reads one of several formats (its value is ``fmt``)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=default is not None,
        help=help_text,
    )
