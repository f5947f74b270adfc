"""The README is the user's entry point: its commands and settings must be true."""

from pathlib import Path

from ingest.settings import SETTINGS, markdown_table

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
