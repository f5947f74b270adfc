"""A wheel carries every data file the code reads at run time (no reading relative to the cwd)."""

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
    patterns = ["ontology/*.ttl", "ontology/vocabularies/*.ttl", "ontology/reference/*.ttl", "shapes/*.ttl",
                "queries/*.rq", "ingest/patterns/**/*.jsonl", "ingest/*.cfg", "service/templates/**/*.html",
                "service/static/**/*", "service/data/*"]
    found = []
    for pattern in patterns:
        found += [p.relative_to(ROOT).as_posix() for p in ROOT.glob(pattern) if p.is_file()]
    return found


def test_wheel_contains_every_runtime_data_file(wheel_names):
    files = expected_data_files()
    assert any(f.startswith("ontology/") for f in files) and any(f.startswith("shapes/") for f in files)
    missing = [f for f in files if f not in wheel_names]
    assert not missing, f"data files missing from the wheel: {missing}"


def test_wheel_has_the_console_script(wheel_names):
    entry = [n for n in wheel_names if n.endswith("entry_points.txt")]
    assert entry, "no entry_points.txt in the wheel"
