"""The README is the user's entry point: its commands and settings must be true."""

from pathlib import Path

from sgkg.ingest.settings import SETTINGS, markdown_table

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme():
    missing = [s.env for s in SETTINGS if f"`{s.env}`" not in README]
    assert not missing, f"settings missing from README: {missing}"


def test_readme_settings_table_matches_the_settings_table():
    assert markdown_table() in README, "regenerate the README settings table from ingest.settings.markdown_table()"


def test_ci_runs_exactly_the_readme_install_and_test_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = 'python3 -m venv .venv && . .venv/bin/activate && python -m pip install ".[test]"'
    assert install in README and install in ci
    assert "python -m pytest" in README and ci.rstrip().endswith("python -m pytest")


def _made_by_readme_commands() -> set[str]:
    """Paths the README's shell commands create inside the project: virtual environments, stores
    (``--store DIR``) and files written by redirection (``> FILE``)."""
    import re

    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", README, re.S))
    made = set(re.findall(r"-m venv (\S+)", blocks))
    made |= set(re.findall(r"--store (\S+)", blocks)) | set(re.findall(r"(?<![0-9&])> *([\w./-]+)", blocks))
    return {path.removeprefix("./") for path in made}


def test_gitignore_covers_what_the_readme_commands_create():
    import shutil
    import subprocess

    import pytest

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    made = _made_by_readme_commands()
    assert {".venv", "kg", "kg.trig"} <= made
    for path in sorted(made):
        probe = path + "/x" if not Path(path).suffix else path  # a directory's contents
        ignored = subprocess.run(["git", "check-ignore", "-q", "--no-index", probe], cwd=ROOT).returncode == 0
        assert ignored, f".gitignore does not cover {path}, which the README's commands create"
