"""docs/interfaces.md is the map of the house: every file it names exists, its list of blueprints is the app's,
and every process-wide cache is named in it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAP = ROOT / "docs" / "interfaces.md"
REQUIRED = (
    "document format",
    "partnership type",
    "relationship verb",
    "post title",
    "named query",
    "page",
    "setting",
    "store backend",
)
PATHLIKE = re.compile(r"^[\w./*-]+$")
IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")


def section(title: str) -> str:
    text = MAP.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def table(title: str) -> list[list[str]]:
    """The rows (cells) of the first Markdown table of a section, header and rule left out."""
    lines = [line for line in section(title).splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def is_path(token: str) -> bool:
    return bool(PATHLIKE.match(token)) and (
        "/" in token or re.search(r"\.(py|ttl|jsonl|cfg|rq|md)$", token) is not None
    )


def exists(token: str) -> bool:
    return any(ROOT.glob(token)) if "*" in token else (ROOT / token).exists()


CHANGES = table("To change X, edit Y")


def test_the_map_has_a_row_for_each_change_a_newcomer_makes():
    firsts = [row[0] for row in CHANGES]
    assert [need for need in REQUIRED if not any(need in first for first in firsts)] == []


@pytest.mark.parametrize("row", CHANGES, ids=[row[0] for row in CHANGES])
def test_every_file_a_row_names_exists_and_holds_the_names_it_gives(row):
    tokens = [t for cell in row[1:] for t in ticked(cell)]
    paths = [t for t in tokens if is_path(t)]
    assert paths, "the row names no file"
    assert [p for p in paths if not exists(p)] == []
    files = [f for p in paths for f in (ROOT.glob(p) if "*" in p else [ROOT / p]) if f.is_file()]
    text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    names = [t for t in tokens if IDENTIFIER.match(t) and not is_path(t)]
    assert [n for n in names if not re.search(rf"\b{n}\b", text)] == []


def test_the_blueprints_the_map_lists_are_the_ones_the_app_registers(tmp_path):
    from sgkg.service import create_app
    from sgkg.service.extensions import close_app

    listed = dict(re.findall(r"`(\w+)`\s+\(`(service/\w+\.py)`", section("Blueprints")))
    assert all((ROOT / path).is_file() for path in listed.values())
    app = create_app({"SGKG_STORE": str(tmp_path / "store"), "SGKG_QUERY_WORKERS": 0})
    try:
        assert set(listed) == set(app.blueprints)
    finally:
        close_app(app)


def cached_functions() -> set[str]:
    """``module.function`` of every function decorated with functools.lru_cache or functools.cache."""
    found = set()
    for top in ("ingest", "service", "ontology", "shapes", "queries"):
        for path in (ROOT / top).rglob("*.py"):
            module = "sgkg." + ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                    re.search(r"\b(lru_cache|cache)\b", ast.unparse(d)) for d in node.decorator_list
                ):
                    found.add(f"{module}.{node.name}")
    return found


def test_every_process_wide_cache_is_named_in_the_map():
    listed = {ticked(row[0])[0] for row in table("App lifetime and process-wide caches")}
    found = cached_functions()
    assert found, "the finder finds no cache at all"
    assert sorted(found - listed) == [], "a process-wide cache the map does not name"
    assert sorted(listed - found) == [], "the map names a cache that is gone"
