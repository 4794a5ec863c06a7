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


class Person:
    """What an officer does with the mouse and the keyboard: click a tab or a button found by its
    label, pick an entry of a drop-down list, and answer the window the next key or click opens."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.qtbot = qtbot

    def click(self, widget, pos=None) -> None:  # noqa: ANN001
        from PySide6.QtCore import Qt

        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos if pos is not None else widget.rect().center())

    def button(self, parent, text: str):  # noqa: ANN001, ANN201
        """The visible button of `parent` labelled `text`."""
        from PySide6.QtWidgets import QAbstractButton

        return next(b for b in parent.findChildren(QAbstractButton) if b.text() == text and b.isVisible())

    def click_tab(self, window, label: str) -> None:  # noqa: ANN001 - the main window, or a QTabWidget
        tabs = getattr(window, "tabs", window)
        bar = tabs.tabBar()
        index = next(i for i in range(bar.count()) if bar.tabText(i) == label)
        self.click(bar, bar.tabRect(index).center())
        assert tabs.currentIndex() == index

    def choose(self, combo, text: str) -> None:  # noqa: ANN001
        """Open the drop-down list with a click, go to the entry (`text`, or ending with it) with
        the arrow keys and press Enter."""
        from PySide6.QtCore import Qt

        self.click(combo)
        view = combo.view()
        self.qtbot.waitUntil(view.isVisible)
        row = next(r for r in range(combo.count()) if combo.itemText(r) == text or combo.itemText(r).endswith(text))
        self.qtbot.keyClick(view, Qt.Key.Key_Home)
        for _ in range(row):
            self.qtbot.keyClick(view, Qt.Key.Key_Down)
        self.qtbot.keyClick(view, Qt.Key.Key_Return)
        self.qtbot.waitUntil(lambda: combo.currentIndex() == row and not view.isVisible())

    def context_menu(self, widget, pos, *path: str) -> None:  # noqa: ANN001
        """Right-click at `pos` of `widget`, then click the entries `path` of the menu that opens
        (an entry holding a submenu first, then the submenu's entry)."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QContextMenuEvent
        from PySide6.QtWidgets import QApplication, QMenu

        picked: list[str] = []

        def open_menu() -> QMenu | None:
            popup = QApplication.activePopupWidget()
            return popup if isinstance(popup, QMenu) else None

        def pick(menu: QMenu, names: tuple[str, ...]) -> None:
            action = next(a for a in menu.actions() if a.text().replace("&", "") == names[0])
            self.click(menu, menu.actionGeometry(action).center())
            if len(names) > 1:
                self.qtbot.waitUntil(lambda: action.menu().isVisible())
                pick(action.menu(), names[1:])
            else:
                picked.append(names[0])

        self.when_shown(open_menu, lambda menu: pick(menu, path))
        self.qtbot.mousePress(widget, Qt.MouseButton.RightButton, pos=pos)
        # what a desktop sends on the right button (the test's mouse events give no such event)
        QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos)))
        self.qtbot.mouseRelease(widget, Qt.MouseButton.RightButton, pos=pos)
        self.qtbot.waitUntil(lambda: bool(picked) and open_menu() is None)

    def back_to(self, window) -> None:  # noqa: ANN001
        """The window is active again after a dialog or a menu closed (a desktop does this by
        itself; the offscreen platform used by the tests does not)."""
        from PySide6.QtWidgets import QApplication

        window.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    @staticmethod
    def shown_window(cls, title_start: str):  # noqa: ANN001, ANN205
        """The visible top-level window of that class whose title starts so, or None."""
        from PySide6.QtWidgets import QApplication

        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, cls) and w.isVisible() and w.windowTitle().startswith(title_start)), None)

    def when_shown(self, find, act) -> None:  # noqa: ANN001
        """Once `find()` gives a widget (a window the next key or click opens), `act(widget)`."""
        from PySide6.QtCore import QTimer

        tries = [0]

        def poll() -> None:
            widget = find()
            if widget is None:
                tries[0] += 1
                assert tries[0] < 500, "the window did not open"
                QTimer.singleShot(20, poll)
                return
            act(widget)

        QTimer.singleShot(0, poll)

    def read_preview(self, shown: list[str]) -> None:
        """When the print preview opens: its PDF's text goes into `shown`, then Đóng is clicked."""
        import pdfplumber
        from PySide6.QtWidgets import QDialog

        def read(preview) -> None:  # noqa: ANN001
            with pdfplumber.open(preview.pdf_path) as pdf:
                shown.append(" ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split()))
            self.click(self.button(preview, "Đóng"))

        self.when_shown(lambda: self.shown_window(QDialog, "Xem trước khi in"), read)


@pytest.fixture
def person(qtbot) -> Person:
    return Person(qtbot)
