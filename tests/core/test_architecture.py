"""The core package stays free of Qt and of the ui package (habit 1 of the style guide)."""

from __future__ import annotations

import ast
from pathlib import Path

import cchc_desktop

CORE_DIR = Path(cchc_desktop.__file__).resolve().parent
FORBIDDEN = {"PySide6", "shiboken6", "PyQt5", "PyQt6", "ui"}


def forbidden_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import of Qt or ui, static or through importlib/__import__."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if called in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                names = [node.args[0].value]
        found += [(node.lineno, name) for name in names if name.split(".")[0] in FORBIDDEN]
    return found


def test_the_checker_catches_every_form_of_import() -> None:
    source = "\n".join([
        "import os",
        "from PySide6.QtCore import Qt",
        "import ui.main_window",
        "from ui import tasks",
        "import importlib",
        "importlib.import_module('PySide6.QtWidgets')",
        "__import__('shiboken6')",
        "from . import ui_texts",
        "import uinput",
    ])
    assert forbidden_imports(source) == [
        (2, "PySide6.QtCore"), (3, "ui.main_window"), (4, "ui"), (6, "PySide6.QtWidgets"), (7, "shiboken6")
    ]


def test_core_package_imports_no_qt_and_no_ui() -> None:
    files = sorted(CORE_DIR.rglob("*.py"))
    assert CORE_DIR / "services.py" in files and CORE_DIR / "commands" / "core.py" in files
    offences = [
        f"{path.relative_to(CORE_DIR.parent)}:{line}: import {name}"
        for path in files
        for line, name in forbidden_imports(path.read_text(encoding="utf-8"))
    ]
    assert offences == [], "cchc_desktop/ must not import Qt or ui/:\n" + "\n".join(offences)
