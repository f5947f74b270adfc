"""`sgkg query` (service/commands.py) through click's CliRunner and `sgkg`'s own entry point."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sgkg.ingest.errors import BadParameter, UnknownQuery
from sgkg.service.cli import cli
from tests.ingest.test_commands import EX, run_main, write


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def store_dir(tmp_path) -> str:
    return str(tmp_path / "store")


# --- query -------------------------------------------------------------------------------


@pytest.fixture
def things(runner, store_dir, tmp_path, data_dir) -> tuple[str, str]:
    path = write(
        tmp_path,
        "things.ttl",
        f"""@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:t1 a ex:Board ; rdfs:label "Alpha" ; ex:size 3 .
ex:t2 a ex:Group ; rdfs:label "Beta, with a comma" ; ex:size 10 .
""",
    )
    assert runner.invoke(cli, ["load", str(path), "--store", store_dir]).exit_code == 0
    return store_dir, str(data_dir / "queries" / "things.rq")


def test_query_formats(runner, things):
    store_dir, query = things
    base = ["query", query, "--store", store_dir, "--param", "min=4"]
    as_json = json.loads(runner.invoke(cli, base + ["--format", "json"]).output)
    assert as_json == {
        "columns": ["thing", "label", "size"],
        "rows": [{"thing": EX + "t2", "label": "Beta, with a comma", "size": "10"}],
    }
    assert runner.invoke(cli, base + ["--format", "csv"]).output.splitlines()[1] == f'{EX}t2,"Beta, with a comma",10'
    assert runner.invoke(cli, base + ["--format", "tsv"]).output.splitlines()[1] == f"{EX}t2\tBeta, with a comma\t10"
    table = runner.invoke(cli, base).output.splitlines()
    assert table[0].split() == ["thing", "label", "size"] and table[-1] == "(1 row)"


def test_query_parameters(runner, things):
    store_dir, query = things
    result = runner.invoke(
        cli, ["query", query, "-p", "label=Alpha", "-p", f"kind={EX}Board", "--format", "csv", "--store", store_dir]
    )
    assert result.output.splitlines()[1:] == [f"{EX}t1,Alpha,3"]
    injection = runner.invoke(
        cli, ["query", query, "-p", 'label=" } ; DROP ALL ; #', "--format", "csv", "--store", store_dir]
    )
    assert injection.exit_code == 0 and injection.output.splitlines() == ["thing,label,size"]


def test_query_mistakes(runner, things, capsys):
    store_dir, query = things
    assert isinstance(
        runner.invoke(cli, ["query", query, "-p", "colour=red", "--store", store_dir]).exception, BadParameter
    )
    assert isinstance(runner.invoke(cli, ["query", "no-such-query", "--store", store_dir]).exception, UnknownQuery)
    assert isinstance(runner.invoke(cli, ["query", "missing.rq", "--store", store_dir]).exception, UnknownQuery)
    assert runner.invoke(cli, ["query", query, "-p", "no-equals", "--store", store_dir]).exit_code == 2
    status, _, err = run_main(["query", query, "-p", "colour=red", "--store", store_dir], capsys)
    assert status == 2 and err.count("\n") == 1 and "accepted: kind, label, min" in err
