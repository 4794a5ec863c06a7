"""The installed window on the demo plan: every tab shown, every menu command triggered, every
dialog it opens closed again, and not one exception on the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox, QWidget

from ui.shell.main_window import MainWindow


class DialogCloser(QObject):
    """Closes whatever dialog a command opens, modal or not, file and print dialogs included,
    without knowing which: the active modal widget first (its own event loop keeps the command
    waiting), then any other top-level dialog left on screen. `seen` lists every dialog shown,
    noted when it is shown (a dialog shown and closed between two looks is listed too)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.seen: list[str] = []
        self._shown: set[int] = set()
        self.attempts: dict[int, int] = {}
        # Every dialog met is held here: Python reuses the id of an object that has gone, and a new
        # dialog taking a closed one's id would count as already seen (and as asked three times).
        self._held: list[QWidget] = []
        QApplication.instance().installEventFilter(self)
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self.close_modal)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow():
            self._note(watched)
        return False

    def _note(self, widget: QWidget) -> None:
        self._held.append(widget)
        if id(widget) not in self._shown:
            self._shown.add(id(widget))
            self.seen.append(self.describe(widget))

    def describe(self, widget: QWidget) -> str:
        text = widget.text() if isinstance(widget, QMessageBox) else ""
        return f"{type(widget).__name__}: {widget.windowTitle()}" + (f" – {text[:80]}" if text else "")

    def close(self, widget: QWidget) -> None:
        self._held.append(widget)
        key = id(widget)
        self.attempts[key] = self.attempts.get(key, 0) + 1
        if self.attempts[key] == 1:
            self._note(widget)
        if self.attempts[key] > 3 and isinstance(widget, QDialog):
            QDialog.done(widget, int(QDialog.DialogCode.Rejected))  # it keeps asking: leave without its questions
            return
        if isinstance(widget, QMessageBox):
            button = widget.escapeButton() or widget.defaultButton()
            if button is not None:
                button.click()
                return
        if isinstance(widget, QDialog):
            widget.reject()
        else:
            widget.close()

    def close_modal(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self.window:
            self.close(modal)

    def close_others(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and isinstance(widget, QDialog):
                self.close(widget)

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)


def _menu_actions(menu: QMenu, path: str) -> list[tuple[str, object]]:
    found = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        name = f"{path} → {action.text().replace('&', '')}"
        if action.menu() is not None:
            found += _menu_actions(action.menu(), name)
        else:
            found.append((name, action))
    return found


@pytest.fixture
def native_dialogs_off():
    """File and print dialogs as Qt widgets on every platform, so that they can be closed."""
    before = QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    yield
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, before)


def test_every_tab_and_every_menu_command_of_the_installed_window(qtbot, qapp, tmp_path: Path, native_dialogs_off) -> None:
    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.store import Store
    from ui.shell.qt_vi import install_vietnamese

    translator = install_vietnamese(qapp)
    store = Store.open(tmp_path / "cchc.sqlite3")
    load_demo(store)  # what `cchc-desktop-gui --demo` does on an empty database
    window = MainWindow(store, QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat))
    closer = DialogCloser(window)
    try:
        window.show()
        qtbot.waitExposed(window)
        window.start_reminders()  # as the application does: the tray check runs 2 s after start
        qtbot.waitUntil(lambda: window.notifier.last_check is not None, timeout=5000)
        window.show_digest()
        qtbot.wait(50)
        closer.close_others()

        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            qtbot.wait(30)
            assert not window.tabs.currentWidget().grab().isNull(), window.tabs.tabText(i)
        window.tabs.setCurrentIndex(0)

        actions = [item for top in window.menuBar().actions() if top.menu() is not None
                   for item in _menu_actions(top.menu(), top.text().replace("&", ""))]
        names = [name for name, _a in actions]
        assert len(actions) >= 15, names
        assert {"Tệp → In phụ lục...", "Trợ giúp → Hướng dẫn sử dụng", "Trợ giúp → Phím tắt"} <= set(names)
        quit_ = [(n, a) for n, a in actions if n == "Tệp → Thoát"]
        for menu in window.menuBar().findChildren(QMenu):  # each menu drawn once
            menu.popup(window.pos())
            qtbot.wait(10)
            menu.close()
        for name, action in actions:
            if (name, action) in quit_ or not action.isEnabled():
                continue
            window.tabs.setCurrentIndex(0)
            action.trigger()  # a modal dialog returns once the closer has closed it
            qtbot.wait(30)
            closer.close_others()
            qtbot.wait(10)
            assert window.isVisible(), f"the window went away after {name}"
        # Tệp → Thoát, last: the window closes.
        window.plans_tab.editor.set_plan(None)
        quit_[0][1].trigger()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    finally:
        closer.stop()
        if hasattr(window, "notifier"):
            window.notifier.timer.stop()
        print("dialogs opened and closed:", *closer.seen, sep="\n  ")
        window.close()
        window.deleteLater()
        store.close()
        qapp.removeTranslator(translator)
    assert any("Hướng dẫn sử dụng" in seen for seen in closer.seen)
    assert any("Phím tắt" in seen for seen in closer.seen)
