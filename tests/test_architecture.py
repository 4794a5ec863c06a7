"""The layers of ARCHITECTURE.md, checked from the import statements of every module: the core
imports no Qt and no `ui`; a package imports only packages below it; no module imports, directly
or through others, a module that imports it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import cchc_desktop
import ui

CORE_DIR = Path(cchc_desktop.__file__).resolve().parent
UI_DIR = Path(ui.__file__).resolve().parent
QT = {"PySide6", "shiboken6", "PyQt5", "PyQt6"}

# The layers, lowest first; a module may import its own package and the packages of lower layers.
# Packages in one layer (text and system; the tabs) do not import each other unless named here.
CORE_LAYERS: list[set[str]] = [
    {"errors"},
    {"text", "system"},
    {"store"},
    {"scheduling"},
    {"reporting"},
    {"documents"},
    {"importer"},
    {"cli"},
    {"__main__"},
]
UI_LAYERS: list[set[str]] = [
    {"common"},
    {"tasks"},  # its progress dialog is opened from Lịch and Báo cáo too
    {"plans", "calendar", "reports", "importing", "office"},
    {"shell"},
]


def _imports(tree: ast.AST, *, with_type_checking: bool) -> Iterator[tuple[int, str, list[str]]]:
    """(line, module, names) of each import, static or through importlib/__import__; imports inside
    `if TYPE_CHECKING:` only when asked (they never run, so they make no circle)."""
    skip: set[int] = set()
    if not with_type_checking:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            yield node.lineno, "." * node.level + (node.module or ""), [alias.name for alias in node.names]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if called in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                yield node.lineno, node.args[0].value, []


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for top in (CORE_DIR, UI_DIR):
        for path in top.rglob("*.py"):
            parts = list(path.relative_to(top.parent).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _targets(module: str, names: list[str]) -> list[str]:
    """The project modules an import statement loads: `from pkg import sub` names the submodule."""
    if module.split(".")[0] not in ("cchc_desktop", "ui"):
        return []
    subs = [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES]
    return subs or [module]


def _edges(*, with_type_checking: bool) -> dict[str, list[tuple[int, str]]]:
    edges: dict[str, list[tuple[int, str]]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges[name] = [(line, target) for line, module, names in _imports(tree, with_type_checking=with_type_checking)
                       for target in _targets(module, names)]
    return edges


def _layer(module: str) -> tuple[str, int, str] | None:
    """(tree, layer index, package) of a project module; None for the package roots."""
    parts = module.split(".")
    if len(parts) < 2:
        return None
    layers = CORE_LAYERS if parts[0] == "cchc_desktop" else UI_LAYERS
    for index, packages in enumerate(layers):
        if parts[1] in packages:
            return parts[0], index, parts[1]
    raise AssertionError(f"{module} is in no layer of ARCHITECTURE.md: add its package to the layers")


def upward_imports(edges: dict[str, list[tuple[int, str]]]) -> list[str]:
    offences = []
    for source, targets in edges.items():
        here = _layer(source)
        for line, target in targets:
            there = _layer(target)
            if here is None or there is None:
                continue
            if here[0] == "cchc_desktop" and there[0] == "ui":
                offences.append(f"{source}:{line} imports {target} (the core never imports ui)")
            elif here[0] == there[0] and here[2] != there[2] and there[1] >= here[1]:
                offences.append(f"{source}:{line} imports {target} (layer {there[2]} is not below {here[2]})")
    return offences


def cycles(edges: dict[str, list[tuple[int, str]]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for _, target in edges.get(node, []):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_the_checker_sees_every_form_of_import_and_skips_type_checking_blocks() -> None:
    source = "\n".join([
        "import os",
        "from PySide6.QtCore import Qt",
        "import ui.shell.main_window",
        "import importlib",
        "importlib.import_module('cchc_desktop.cli')",
        "__import__('shiboken6')",
        "from typing import TYPE_CHECKING",
        "if TYPE_CHECKING:",
        "    from cchc_desktop.store.store import Store",
    ])
    tree = ast.parse(source)
    assert sorted(m for _, m, _ in _imports(tree, with_type_checking=False)) == sorted([
        "os", "PySide6.QtCore", "ui.shell.main_window", "importlib", "cchc_desktop.cli", "shiboken6", "typing"])
    assert "cchc_desktop.store.store" in [m for _, m, _ in _imports(tree, with_type_checking=True)]


def test_the_checker_finds_an_upward_import_and_a_circle() -> None:
    edges = {
        "cchc_desktop.store.db": [(3, "cchc_desktop.documents.render.appendix")],
        "cchc_desktop.text.vnformat": [(1, "cchc_desktop.system.paths")],
        "ui.calendar.a": [(1, "ui.calendar.b")],
        "ui.calendar.b": [(1, "ui.calendar.a")],
        "ui.common.forms": [(9, "ui.shell.app")],
    }
    assert upward_imports(edges) == [
        "cchc_desktop.store.db:3 imports cchc_desktop.documents.render.appendix (layer documents is not below store)",
        "cchc_desktop.text.vnformat:1 imports cchc_desktop.system.paths (layer system is not below text)",
        "ui.common.forms:9 imports ui.shell.app (layer shell is not below common)",
    ]
    assert cycles(edges) == [["ui.calendar.a", "ui.calendar.b"]]


def test_the_core_imports_no_qt() -> None:
    offences = [
        f"{path.relative_to(CORE_DIR.parent)}:{line}: import {module}"
        for name, path in MODULES.items() if name.startswith("cchc_desktop")
        for line, module, _ in _imports(ast.parse(path.read_text(encoding="utf-8")), with_type_checking=True)
        if module.split(".")[0] in QT
    ]
    assert offences == [], "cchc_desktop/ must not import Qt:\n" + "\n".join(offences)


def test_every_package_imports_only_the_layers_below_it() -> None:
    assert "cchc_desktop.store.store" in MODULES and "ui.shell.main_window" in MODULES
    offences = upward_imports(_edges(with_type_checking=True))
    assert offences == [], "upward imports (see ARCHITECTURE.md):\n" + "\n".join(offences)


def test_no_import_circles() -> None:
    found = cycles(_edges(with_type_checking=False))
    assert found == [], "modules that import each other:\n" + "\n".join(" ↔ ".join(g) for g in found)


def test_no_core_module_is_over_800_lines() -> None:
    long = {name: n for name, path in MODULES.items() if name.startswith("cchc_desktop")
            and (n := len(path.read_text(encoding="utf-8").splitlines())) > 800}
    assert long == {}, f"split these by concept: {long}"


def test_architecture_md_names_every_package() -> None:
    doc = Path(__file__).resolve().parents[1] / "ARCHITECTURE.md"  # the checkout the tests are in
    text = doc.read_text(encoding="utf-8")
    packages = {f"{top}/{p}/" for top, layers in (("cchc_desktop", CORE_LAYERS), ("ui", UI_LAYERS))
                for layer in layers for p in layer if p not in ("errors", "__main__")}
    missing = sorted(p for p in packages if p not in text)
    assert missing == [], f"ARCHITECTURE.md does not describe {missing}"


def test_every_folder_of_code_is_a_package() -> None:
    """A folder without `__init__.py` is left out of the wheel: the installed app would lack it."""
    folders = {path.parent for top in (CORE_DIR, UI_DIR) for path in top.rglob("*.py")}
    assert sorted(str(f) for f in folders if not (f / "__init__.py").is_file()) == []
