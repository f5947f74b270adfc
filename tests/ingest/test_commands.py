"""The store commands of ingestion (init, load, validate, export: ingest/commands.py) through click's CliRunner
and, for the exit-code contract, `sgkg` itself."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import OWL, RDF

from sgkg import ontology
from sgkg.ingest.commands import default_load_graph
from sgkg.ingest.errors import RdfSyntaxError, StoreLocked, UnknownFormat
from sgkg.ingest.store import OxigraphStore, to_oxigraph
from sgkg.ontology.namespaces import GRAPH, REFERENCE_GRAPH, SGKG, document_graph
from sgkg.service.cli import cli, main

EX = "http://example.org/"
CONFORMING = f'<{EX}x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n'
# the data model: a partnership needs a label and a classification (among others)
NOT_CONFORMING = (
    "@prefix sgkg: <https://w3id.org/sgkg/def#> .\n"
    "<https://w3id.org/sgkg/id/partnership/E08000028/board> a sgkg:Partnership .\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def store_dir(tmp_path) -> str:
    return str(tmp_path / "store")


@pytest.fixture(scope="session")
def reference_store(tmp_path_factory) -> Path:
    """A store after `sgkg init`, made once; tests get copies."""
    path = tmp_path_factory.mktemp("reference") / "store"
    result = CliRunner().invoke(cli, ["init", "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def initialised(reference_store, store_dir) -> str:
    shutil.copytree(reference_store, store_dir)
    return store_dir


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(store_dir: str) -> dict[str, int]:
    with OxigraphStore.open(store_dir) as store:
        return {g: store.count(g) for g in store.graph_names()}


def run_main(argv: list[str], capsys) -> tuple[int, str, str]:
    """sgkg.service.cli.main as the console script runs it: exit status, stdout, stderr."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
        raise SystemExit(0)
    out = capsys.readouterr()
    return caught.value.code or 0, out.out, out.err


# --- init --------------------------------------------------------------------------------


def test_init_loads_the_reference_graph_and_is_idempotent(runner, store_dir):
    expected = len(ontology.load())
    first = runner.invoke(cli, ["init", "--store", store_dir])
    assert first.exit_code == 0, first.output
    assert snapshot(store_dir) == {str(REFERENCE_GRAPH): expected}
    again = runner.invoke(cli, ["init", "--store", store_dir])
    assert again.exit_code == 0 and f"holds {expected} triples" in again.output
    assert snapshot(store_dir) == {str(REFERENCE_GRAPH): expected}
    with OxigraphStore.open(store_dir) as store:
        assert store.query(f"ASK {{ <{SGKG.Partnership}> a <{OWL.Class}> }}").boolean


def test_store_defaults_to_the_setting(runner, tmp_path):
    store_dir = tmp_path / "from-env"
    result = runner.invoke(cli, ["init"], env={"SGKG_STORE": str(store_dir)})
    assert result.exit_code == 0 and str(store_dir) in result.output
    assert (store_dir).is_dir()


def test_option_help_comes_from_the_settings_table(runner):
    from sgkg.ingest.settings import BY_NAME

    help_text = " ".join(runner.invoke(cli, ["export", "--help"]).output.split())
    assert " ".join(BY_NAME["store"].help.split()) in help_text and "SGKG_STORE" in help_text


# --- load --------------------------------------------------------------------------------


def test_load_writes_a_conforming_file_to_its_default_graph(runner, initialised, tmp_path):
    path = write(tmp_path, "ok.ttl", CONFORMING)
    result = runner.invoke(cli, ["load", str(path), "--store", initialised])
    assert result.exit_code == 0, result.output
    graph = default_load_graph(path.read_bytes())
    assert graph.startswith(str(GRAPH["load/"])) and len(graph.rsplit("/", 1)[1]) == 16
    assert snapshot(initialised)[graph] == 1


def test_load_into_a_named_graph_and_replace_it(runner, initialised, tmp_path):
    target = EX + "graph/mine"
    first = write(tmp_path, "one.nt", CONFORMING + f'<{EX}y> <{RDF.value}> "1" .\n')
    second = write(tmp_path, "two.nt", CONFORMING)
    for path in (first, second):
        assert runner.invoke(cli, ["load", str(path), "--graph", target, "--store", initialised]).exit_code == 0
    assert snapshot(initialised)[target] == 1


def test_load_quads_validates_and_loads_each_graph(runner, initialised, tmp_path):
    path = write(tmp_path, "two.trig", f"<{EX}g1> {{ {CONFORMING} }}\n<{EX}g2> {{ {CONFORMING} }}\n")
    result = runner.invoke(cli, ["load", str(path), "--store", initialised])
    assert result.exit_code == 0, result.output
    counts = snapshot(initialised)
    assert counts[EX + "g1"] == 1 and counts[EX + "g2"] == 1


def test_load_refuses_a_non_conforming_file(runner, initialised, tmp_path):
    before = snapshot(initialised)
    path = write(tmp_path, "bad.ttl", NOT_CONFORMING)
    result = runner.invoke(cli, ["load", str(path), "--store", initialised])
    assert result.exit_code == 1
    assert "Violation" in result.stdout and "refused" in result.stderr
    assert snapshot(initialised) == before


def test_a_quads_file_with_one_bad_graph_changes_nothing(runner, initialised, tmp_path):
    before = snapshot(initialised)
    bad_body = NOT_CONFORMING.split("\n", 1)[1]
    path = write(
        tmp_path,
        "mixed.trig",
        f"@prefix sgkg: <{SGKG._NS}> .\n<{EX}g1> {{ {CONFORMING} }}\n<{EX}g2> {{ {bad_body} }}\n",
    )
    assert runner.invoke(cli, ["load", str(path), "--store", initialised]).exit_code == 1
    assert snapshot(initialised) == before


@pytest.mark.parametrize(
    "name, text, error", [("broken.ttl", "<a> <b> .", RdfSyntaxError), ("data.csv", "a,b\n", UnknownFormat)]
)
def test_load_user_mistakes_are_errors(runner, store_dir, tmp_path, name, text, error):
    result = runner.invoke(cli, ["load", str(write(tmp_path, name, text)), "--store", store_dir])
    assert isinstance(result.exception, error)


def test_load_with_an_explicit_format(runner, store_dir, tmp_path):
    path = write(tmp_path, "data.txt", CONFORMING)
    result = runner.invoke(cli, ["load", str(path), "--format", "nt", "--store", store_dir])
    assert result.exit_code == 0, result.output


# --- validate ----------------------------------------------------------------------------


def test_validate_exit_codes(runner, initialised):
    ok = runner.invoke(cli, ["validate", "--store", initialised])
    assert ok.exit_code == 0, ok.output
    bad = rdflib.Graph().parse(data=NOT_CONFORMING, format="turtle")
    with OxigraphStore.open(initialised) as store:  # written behind load's back, as a crash or bug might
        store.replace_graph(str(document_graph("0123456789abcdef")), to_oxigraph(bad))
    failing = runner.invoke(cli, ["validate", "--store", initialised])
    assert failing.exit_code == 1
    assert "0123456789abcdef" in failing.output and "Violation" in failing.output


def test_writing_to_a_locked_store_is_one_line_and_exit_2(initialised, tmp_path, capsys):
    with OxigraphStore.open(initialised):
        status, out, err = run_main(
            ["load", str(write(tmp_path, "ok.ttl", CONFORMING)), "--store", initialised], capsys
        )
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "SGKG301" in err and "sgkg serve" in err


def test_reading_commands_work_on_a_store_another_opener_holds(initialised, capsys):
    """validate, query and export open the store read-only: they work while `sgkg serve` holds it."""
    with OxigraphStore.open(initialised):
        assert run_main(["validate", "--store", initialised], capsys)[0] == 0
        status, out, _ = run_main(["query", "statutory-bases", "--store", initialised, "--format", "csv"], capsys)
        assert status == 0 and out.startswith("area,partnership,")
        status, out, _ = run_main(["export", "--format", "nquads", "--store", initialised], capsys)
        assert status == 0 and str(REFERENCE_GRAPH) in out


def test_reading_a_store_that_does_not_exist_says_so(tmp_path, capsys):
    missing = str(tmp_path / "nowhere")
    status, out, err = run_main(["query", "areas", "--store", missing], capsys)
    assert status == 2 and out == "" and err.count("\n") == 1
    assert f"there is no store in {missing}" in err and "sgkg init" in err
    assert not Path(missing).exists()


# --- export ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, rdflib_format", [("trig", "trig"), ("nquads", "nquads")])
def test_export_parses_back(runner, initialised, tmp_path, fmt, rdflib_format):
    runner.invoke(cli, ["load", str(write(tmp_path, "ok.ttl", CONFORMING)), "--store", initialised])
    expected = snapshot(initialised)
    out = tmp_path / f"dump.{fmt}"
    result = runner.invoke(cli, ["export", "--format", fmt, "--output", str(out), "--store", initialised])
    assert result.exit_code == 0, result.output
    dataset = rdflib.Dataset()
    dataset.parse(out, format=rdflib_format)
    assert {str(g.identifier): len(g) for g in dataset.graphs() if len(g)} == expected
    to_stdout = runner.invoke(cli, ["export", "--format", fmt, "--store", initialised])
    assert to_stdout.stdout_bytes == out.read_bytes()


# --- the console script ------------------------------------------------------------------


def test_console_script_exit_codes_and_one_line_errors(tmp_path):
    script = shutil.which("sgkg", path=str(Path(sys.executable).parent))
    assert script, "the sgkg console script is not installed beside this Python"
    store_dir = str(tmp_path / "store")
    bad = write(tmp_path, "bad.ttl", NOT_CONFORMING)

    def sgkg(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([script, *args, "--store", store_dir], capture_output=True, text=True, timeout=120)

    assert sgkg("init").returncode == 0
    refused = sgkg("load", str(bad))
    assert refused.returncode == 1 and "Violation" in refused.stdout
    unknown = sgkg("query", "no-such-query")
    assert unknown.returncode == 2 and unknown.stdout == "" and "Traceback" not in unknown.stderr
    assert unknown.stderr.count("\n") == 1 and unknown.stderr.startswith("error: SGKG401")
    with OxigraphStore.open(store_dir):
        locked = sgkg("init")
        read = sgkg("export")
    assert locked.returncode == 2 and locked.stderr.count("\n") == 1
    assert StoreLocked.code in locked.stderr and store_dir in locked.stderr and "sgkg serve" in locked.stderr
    assert read.returncode == 0 and str(REFERENCE_GRAPH) in read.stdout
