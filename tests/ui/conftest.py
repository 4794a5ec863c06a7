"""Fixtures for driving the real window with qtbot against real SQLite files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    """Window layout memory in tmp_path instead of the user's registry/config."""
    return QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def vietnamese_qt(qapp):
    from ui.shell.qt_vi import install_vietnamese

    translator = install_vietnamese(qapp)
    yield translator
    qapp.removeTranslator(translator)


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer every confirmation with yes and record what the officer was asked."""
    asked: list[str] = []

    def confirm(parent, text, yes="Xóa", title="Xác nhận"):  # noqa: ANN001, ARG001
        asked.append(text)
        return True

    import ui.common.messages
    import ui.office.agencies_dialog
    import ui.plans.plans_tab
    import ui.tasks.tasks_tab

    for module in (ui.common.messages, ui.plans.plans_tab, ui.tasks.tasks_tab):
        monkeypatch.setattr(module, "confirm", confirm)
    monkeypatch.setattr(ui.office.agencies_dialog.messages, "confirm", confirm)
    return asked


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record error messages instead of showing modal boxes."""
    shown: list[str] = []
    import ui.common.messages

    monkeypatch.setattr(ui.common.messages, "error", lambda parent, text, title="": shown.append(text))
    import ui.tasks.tasks_tab

    monkeypatch.setattr(ui.tasks.tasks_tab, "error", lambda parent, text, title="": shown.append(text))
    return shown


@pytest.fixture
def window(qtbot, demo_store, qsettings, vietnamese_qt, errors):
    from ui.shell.main_window import MainWindow

    w = MainWindow(demo_store, qsettings)
    w.resize(1300, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitActive(w)
    yield w
    # Unsaved edits left by a test would (rightly) stop the window from closing.
    w.plans_tab.editor.set_plan(None)
    w.close()
    w.deleteLater()


@pytest.fixture
def type_text(qtbot):
    """Type text key by key; Vietnamese letters arrive as key events carrying their text,
    as an input method delivers them (QTest itself only types ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    def type_(widget, text: str) -> None:
        for ch in text:
            if ch.isascii():
                qtbot.keyClick(widget, ch)
            else:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))

    return type_


@pytest.fixture(autouse=True)
def _release_clipboard(qapp):
    """Qt's offscreen clipboard frees its data at exit; release it while Python still can."""
    yield
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()
    qapp.processEvents()
