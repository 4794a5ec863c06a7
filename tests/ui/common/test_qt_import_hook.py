"""The quicker check of whether a module uses PySide6 (read by PySide6 for each module imported
after it) gives PySide6's own answer."""

from __future__ import annotations

import inspect
import json
import sys

import ui.shell  # noqa: F401 - installs the check
from ui.common import qt_import_hook


def test_the_check_is_installed_and_answers_as_pyside6_does() -> None:
    assert qt_import_hook.install()
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    assert getattr(check, "_cchc_reads_bytes", False)

    def pyside_answer(module) -> bool:  # noqa: ANN001 - PySide6's own way
        try:
            return "PySide6" in inspect.getsource(module)
        except (TypeError, OSError, SyntaxError):
            return False

    import cchc_desktop.store.plans
    import ui.shell.main_window

    modules = [ui.shell.main_window, cchc_desktop.store.plans, json, sys, inspect, qt_import_hook]
    answers = [check(m) for m in modules]
    assert answers == [pyside_answer(m) for m in modules]
    assert answers[:3] == [True, False, False]  # the window uses PySide6, the store and json do not
    assert check(sys) is False  # a built-in module, without a file


def test_installing_twice_keeps_one_check() -> None:
    feature = sys.modules["shibokensupport.feature"]
    first = feature._mod_uses_pyside
    assert qt_import_hook.install()
    assert feature._mod_uses_pyside is first
