"""The window started as the program starts it (`cchc-desktop-gui --db FILE`), on a fresh
database in tmp_path, with a person in front of it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

sys.path.insert(0, str(Path(__file__).parent))  # person.py beside these tests, from any working folder

from person import Person  # noqa: E402


class Office:
    """The officer's PC: one database file and one settings file, a window started and closed on them."""

    def __init__(self, qtbot, qapp, tmp_path: Path) -> None:  # noqa: ANN001
        self.qtbot = qtbot
        self.qapp = qapp
        self.db = tmp_path / "cchc.sqlite3"
        self.settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
        self.window = None
        self.store = None
        self.people: list[Person] = []

    def start(self, *, demo: bool = False) -> Person:
        """What `cchc-desktop-gui --db FILE [--demo]` does before its event loop runs."""
        from cchc_desktop.store import Store
        from ui.shell import backup_dialog
        from ui.shell.app import make_app, open_window

        make_app()  # the Vietnamese translation of Qt's own dialogs, the application's names
        self.store = Store.open(self.db)
        self.window = open_window(self.store, demo, self.settings)
        backup_dialog.show_notices(self.window, self.store)
        self.qtbot.waitExposed(self.window)
        self.window.activateWindow()
        person = Person(self.qtbot, self.window)
        self.people.append(person)
        return person

    def closed(self) -> None:
        """After the window closed: what the program does before it exits."""
        from ui.shell import backup_dialog

        self.qtbot.waitUntil(lambda: not self.window.isVisible(), timeout=5000)
        for person in self.people:
            person.leave()
        backup_dialog.on_close(self.store)
        self.store.close()
        self.window.deleteLater()
        self.window = None
        self.store = None
        self.qtbot.wait(50)

    def stop(self) -> None:
        for person in self.people:
            person.leave()
        if self.window is not None:
            try:
                self.window.plans_tab.editor.set_plan(None)  # unsaved edits of a failed test must not keep it open
            except Exception:  # noqa: BLE001
                pass
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.store is not None:
            self.store.close()
            self.store = None


@pytest.fixture
def office(qtbot, qapp, tmp_path: Path):
    o = Office(qtbot, qapp, tmp_path)
    yield o
    o.stop()
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()
    qapp.processEvents()
