"""`sgkg diff AREA --from DAY --to DAY`: the named query `changes` as a table, through click's CliRunner."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from sgkg.ingest.store import open_store
from sgkg.service.cli import cli
from tests.queries.conftest import load_fixture
from tests.queries.test_time import TIME_FIXTURE


def _store(tmp_path) -> str:
    path = str(tmp_path / "store")
    store = open_store(path)
    load_fixture(store, TIME_FIXTURE)
    store.close()
    return path


def test_diff_prints_the_steps_as_a_table(tmp_path):
    store = _store(tmp_path)
    result = CliRunner().invoke(cli, ["diff", "Areaton", "--store", store])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["date", "document", "change", "board", "was"]
    replaced = [line for line in lines if "board replaced" in line]
    assert len(replaced) == 1 and "Areaton Safeguarding Children Board" in replaced[0]
    assert "the former Areaton Safeguarding Children Board" in replaced[0]  # the quote of the replacing document
    assert lines[-1].startswith("(") and lines[-1].endswith("rows)")


def test_diff_between_two_days_in_csv_has_every_column_of_changes(tmp_path):
    store = _store(tmp_path)
    result = CliRunner().invoke(
        cli, ["diff", "E06000999", "--from", "2020-12-31", "--to", "2023", "--format", "csv", "--store", store]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and {r["date"] for r in rows} == {"2023-01-31"}
    assert {(r["change"], r["was"] or r["now"]) for r in rows} >= {
        ("partner dropped", "Areaton Clinical Commissioning Group"),
        ("partner added", "Areaton Integrated Care Board"),
    }
    assert "was_document_uri" in rows[0]


def test_diff_refuses_a_day_that_is_no_date(tmp_path):
    result = CliRunner().invoke(cli, ["diff", "Areaton", "--from", "yesterday", "--store", _store(tmp_path)])
    assert result.exit_code != 0


def test_diff_help_shows_an_example():
    result = CliRunner().invoke(cli, ["diff", "--help"])
    assert "sgkg diff Rutland --from" in result.output and "SGKG_FROM" in result.output
