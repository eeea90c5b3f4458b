"""The package's import graph: cli -> ui -> core, no arrow back up, and no module importing
itself through others (imports inside functions count: a loop is a loop, however lazy)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mes_tui"
# Each layer may import only those before it; the package's __init__ (its version) and
# __main__ (the entry point) stand outside.
LAYERS = ("mes_tui.core", "mes_tui.ui", "mes_tui.cli")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every module of the package and the modules of the package it imports."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or through others."""
    reaches = {name: _reachable(graph, name) for name in graph}
    found: list[list[str]] = []
    for name in sorted(graph):
        group = sorted(other for other in reaches[name] if name in reaches[other])
        if group and group not in found:
            found.append(group)
    return found


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(graph[name])
    return seen


def _layer(name: str) -> int | None:
    return next((i for i, prefix in enumerate(LAYERS) if name.startswith(prefix)), None)


def test_the_graph_is_read() -> None:
    graph = import_graph()
    assert "mes_tui.cli.exits" in graph["mes_tui.cli.commands"]
    assert "mes_tui.core.filters" in graph["mes_tui.ui.explorer"]
    # A loop is found when there is one.
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_itself_through_others() -> None:
    assert cycles(import_graph()) == []


def test_layers_import_only_downwards() -> None:
    upward = [
        (name, target)
        for name, targets in import_graph().items()
        for target in targets
        if (layer := _layer(name)) is not None
        and (target_layer := _layer(target)) is not None
        and layer < target_layer
    ]
    assert upward == []
    # The check sees an upward import when there is one.
    assert _layer("mes_tui.core.models") == 0
    assert _layer("mes_tui.cli.main") == 2
