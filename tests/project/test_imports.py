"""The import graph of the package: no cycle, no layer importing upward, no private name taken from
another module (docs/interfaces.md, "Layers and the way imports go")."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("service", "ingest", "ontology", "shapes", "queries")
# a layer may import only the layers below it; the data packages import nothing of ours
RANK = {"service": 2, "ingest": 1, "ontology": 0, "shapes": 0, "queries": 0}
CHECKED_FOR_PRIVATE = PACKAGES + ("tests", "bench")  # names taken from our own modules (and tests)
OURS = PACKAGES + ("tests", "bench")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(tops: tuple[str, ...]) -> dict[str, Path]:
    found = {}
    for top in tops:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "out" in path.relative_to(ROOT).parts[:2]:  # bench/out holds copies of old trees
                continue
            found[module_name(path)] = path
    return found


def imports(name: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) for every import statement, at any depth."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((base, [alias.name for alias in node.names], node.lineno))
    return found


def edges() -> dict[str, set[str]]:
    """Module -> our modules it imports (``from pkg import mod`` counts as importing ``pkg.mod``)."""
    ours = modules(PACKAGES)
    graph: dict[str, set[str]] = {name: set() for name in ours}
    for name, path in ours.items():
        for target, names, _ in imports(name, path):
            if target.split(".")[0] not in PACKAGES:
                continue
            subs = {f"{target}.{n}" for n in names if f"{target}.{n}" in ours}
            graph[name] |= subs or ({target} if target in ours else set())
            graph[name].discard(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle():
    assert cycles(edges()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_layer_imports_upward():
    upward = sorted(
        f"{a} -> {b}"
        for a, targets in edges().items()
        for b in targets
        if a.split(".")[0] != b.split(".")[0] and RANK[b.split(".")[0]] >= RANK[a.split(".")[0]]
    )
    assert upward == []


def test_no_private_name_is_imported_from_another_module():
    taken = []
    for name, path in modules(CHECKED_FOR_PRIVATE).items():
        for target, names, line in imports(name, path):
            if target.split(".")[0] not in OURS:  # a library's private names are its own business
                continue
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private:
                taken.append(f"{path.relative_to(ROOT)}:{line} {target}: {', '.join(private)}")
    assert taken == []
