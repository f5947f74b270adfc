"""A wheel carries every data file the code reads at run time (no reading relative to the cwd)."""

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("sgkg-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def expected_data_files() -> list[str]:
    patterns = [
        "ontology/*.ttl",
        "ontology/sources/*.csv",
        "ontology/vocabularies/*.ttl",
        "ontology/reference/*.ttl",
        "shapes/*.ttl",
        "queries/*.rq",
        "ingest/patterns/**/*.jsonl",
        "ingest/*.cfg",
        "ingest/*.tsv",
        "service/templates/**/*.html",
        "service/static/**/*",
        "service/data/*",
    ]
    found = []
    for pattern in patterns:
        # every folder installs under the one import namespace: ontology/x.ttl -> sgkg/ontology/x.ttl
        found += ["sgkg/" + p.relative_to(ROOT).as_posix() for p in ROOT.glob(pattern) if p.is_file()]
    return found


def test_wheel_contains_every_runtime_data_file(wheel_names):
    files = expected_data_files()
    assert any(f.startswith("sgkg/ontology/") for f in files) and any(f.startswith("sgkg/shapes/") for f in files)
    missing = [f for f in files if f not in wheel_names]
    assert not missing, f"data files missing from the wheel: {missing}"


def test_wheel_has_the_console_script(wheel_names):
    entry = [n for n in wheel_names if n.endswith("entry_points.txt")]
    assert entry, "no entry_points.txt in the wheel"


def test_the_wheel_installs_only_the_sgkg_namespace(wheel_names, tmp_path):
    """Installed into a fresh virtual environment, the wheel adds one import name, sgkg, and its entry point."""
    top = {n.split("/")[0] for n in wheel_names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"sgkg"}, f"top-level names in the wheel: {sorted(top)}"
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    before = {p.name for p in site.iterdir()}
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = wheel_dir.glob("sgkg-*.whl")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(built)]
        if _pip_has_python_option()
        else [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(built)],
        check=True,
        capture_output=True,
    )
    added = {p.name for p in site.iterdir()} - before
    names = {n for n in added if not n.endswith((".dist-info", ".pth")) and n != "__pycache__"}
    assert names == {"sgkg"}, f"the wheel installed other top-level names: {sorted(names)}"
    assert (site / "sgkg" / "service" / "cli.py").is_file() and (site / "sgkg" / "ontology" / "sgkg.ttl").is_file()


def _pip_has_python_option() -> bool:
    out = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True, text=True).stdout
    major, minor = (int(x) for x in re.match(r"pip (\d+)\.(\d+)", out).groups())
    return (major, minor) >= (22, 3)


def test_every_module_of_the_five_folders_is_in_the_wheel(wheel_names):
    """A new subpackage (ingest/store/, say) must be listed in pyproject's packages, or a non-editable install lacks
    it."""
    modules = [
        "sgkg/" + f.relative_to(ROOT).as_posix()
        for folder in ("ontology", "shapes", "queries", "ingest", "service")
        for f in (ROOT / folder).rglob("*.py")
        if "__pycache__" not in f.parts
    ]
    assert modules
    missing = [m for m in modules if m not in wheel_names]
    assert not missing, f"modules missing from the wheel (add their package to pyproject's packages): {missing}"
