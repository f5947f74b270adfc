"""Every command's options come from the settings table through one builder (ingest.options)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.namespace import PROV

from sgkg import service
from sgkg.ingest.settings import BY_NAME, SETTINGS
from sgkg.ingest.store import STORE_SETTINGS, open_store
from sgkg.service.cli import cli

STORE_COMMANDS = (["init"], ["load"], ["validate"], ["export"], ["query"], ["ingest"])


def help_text(*command: str) -> str:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


@pytest.mark.parametrize("command", STORE_COMMANDS, ids=" ".join)
def test_every_store_command_takes_the_store_settings_with_the_tables_help(command):
    text = help_text(*command)
    for name in STORE_SETTINGS:
        setting = BY_NAME[name]
        assert setting.option in text and setting.env in text, f"{command} lacks {setting.option}"
        assert " ".join(setting.help.split()) in text


def test_serve_takes_every_setting():
    text = help_text("serve")
    missing = [s.option for s in SETTINGS if s.option not in text]
    assert not missing


def test_ingest_reaches_the_remote_store_its_endpoint_names(data_dir):
    """`sgkg ingest --endpoint` (shown in docs/remote-store.md) opens the remote store, not the embedded one."""
    endpoint = "http://127.0.0.1:9/sparql"  # the discard port: nothing listens
    result = CliRunner().invoke(
        cli,
        [
            "ingest",
            "--endpoint",
            endpoint,
            "--query-timeout",
            "2",
            "--no-progress",
            str(data_dir / "texts" / "rutland-protocol.txt"),
        ],
    )
    assert result.exit_code != 0
    assert endpoint in str(result.exception) or endpoint in result.output


def test_corpus_commands_take_the_services_bundled_file_as_default(tmp_path):
    """The ingest layer names no service path; `sgkg` gives the bundled corpus as --out, an absolute path."""
    bundled = Path(service.__file__).resolve().parent.joinpath(*service.CORPUS)
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["corpus", "check", "--seeds", str(empty)])
    assert result.exit_code == 1 and f"{bundled} is out of date" in result.output


def test_a_corpus_command_run_outside_sgkg_asks_for_its_file(tmp_path):
    from sgkg.ingest.cli import corpus_group

    result = CliRunner().invoke(corpus_group, ["build", "--seeds", str(tmp_path)])
    assert result.exit_code != 0 and "--out" in str(result.exception)
    assert list(tmp_path.iterdir()) == []


def test_the_extraction_instant_is_an_argument(data_dir, monkeypatch):
    """`sgkg corpus build` passes its epoch down to the graph; nothing goes through the environment."""
    from sgkg.ingest.ingest import ingest_many

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    instant = datetime(2021, 3, 4, 5, 6, 7, tzinfo=timezone.utc)
    store = open_store(None)
    [result] = ingest_many([str(data_dir / "texts" / "rutland-protocol.txt")], store, progress=False, started=instant)
    assert result.status == "loaded", result.error
    rows = store.query(f"SELECT ?t WHERE {{ ?a <{PROV.startedAtTime}> ?t }}").rows
    assert [row[0].value for row in rows] == ["2021-03-04T05:06:07Z"]
