"""What a person can do with the window, and nothing more: find widgets by the Vietnamese text
they show (buttons, labelled fields, menu entries, tabs, list items), click them, type into
them, press keys, choose from drop-down lists, and answer the dialogs that come up.

Nothing here calls a method of the application's own classes: widgets are found through Qt
(their text, their label, their place in a layout) and driven with mouse and key events.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QMenuBar,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)


def plain(text: str) -> str:
    """A widget's text as a person reads it: no mnemonic "&", no trailing colon or ellipsis,
    single spaces, NFC."""
    text = unicodedata.normalize("NFC", text.replace("&&", "\0").replace("&", "").replace("\0", "&"))
    text = " ".join(text.split())
    for tail in ("...", "…", ":"):
        text = text.removesuffix(tail).rstrip()
    return text


def shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def widget_text(widget: QWidget) -> str:
    if isinstance(widget, (QAbstractButton, QLabel, QLineEdit)):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QStatusBar):
        return widget.currentMessage()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    return ""


class NotOnScreen(AssertionError):
    pass


@dataclass
class _Expected:
    title: str
    answer: Callable[[Person], None]
    seen: bool = False


@dataclass
class _Desk:
    """What the person expects to come up, what came up unexpected, and what went wrong."""

    expected: list[_Expected] = field(default_factory=list)
    surprises: list[str] = field(default_factory=list)
    failures: list[BaseException] = field(default_factory=list)
    bell: _Bell | None = None


class _Bell(QObject):
    """Rings in the window's thread every few milliseconds, from a thread of its own: a queued
    signal reaches every event loop, the nested ones of modal dialogs included (a timer started
    inside a timer's own callback does not always)."""

    ring = Signal()

    def __init__(self, slot: Callable[[], None]) -> None:
        super().__init__()
        self.ring.connect(slot, Qt.ConnectionType.QueuedConnection)
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while self.running:
            time.sleep(0.025)
            if self.running:
                self.ring.emit()

    def stop(self) -> None:
        self.running = False
        self.thread.join()


def top_windows(exclude: Iterable[QWidget] = ()) -> list[QWidget]:
    skip = {id(w) for w in exclude}
    return [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and id(w) not in skip and isinstance(w, QDialog)]


def describe(widget: QWidget) -> str:
    text = f" – {widget.text()[:200]}" if isinstance(widget, QMessageBox) else ""
    return f"«{widget.windowTitle()}»{text}"


class Person:
    """A person at the window `root` (the main window, or a dialog in front of it)."""

    def __init__(self, qtbot, root: QWidget, desk: _Desk | None = None) -> None:  # noqa: ANN001
        self.qtbot = qtbot
        self.root = root
        self.desk = desk or _Desk()
        if self.desk.bell is None:  # from the start: a dialog nobody expected must not hang the test
            self.desk.bell = _Bell(self._look_up)

    # ------------------------------------------------------------------ looking

    def widgets(self, kind: type = QWidget) -> list[QWidget]:
        return [w for w in self.root.findChildren(kind) if shown(w)]

    def texts(self) -> list[str]:
        """Every text the window shows (labels, buttons, fields, group titles)."""
        return [plain(t) for w in self.widgets() if (t := widget_text(w))]

    def sees(self, text: str) -> bool:
        wanted = plain(text)
        return any(wanted in t for t in self.texts())

    def button(self, text: str, near: str | None = None) -> QAbstractButton:
        """The button showing `text`; where several do, the one in the row of the button `near`."""
        wanted = plain(text)
        found = [b for b in self.widgets(QAbstractButton) if plain(b.text()) == wanted]
        if near is not None:
            found = [b for b in found if any(plain(o.text()) == plain(near) and o.parentWidget() is b.parentWidget()
                                             and _layout_of(o) is _layout_of(b)
                                             for o in self.widgets(QAbstractButton))]
        if not found:
            raise NotOnScreen(f"no button «{text}» in {self.where()}: "
                              f"{sorted({plain(b.text()) for b in self.widgets(QAbstractButton) if b.text()})}")
        return found[0]

    def label(self, text: str) -> QLabel:
        wanted = plain(text)
        for label in self.widgets(QLabel):
            if plain(label.text()) == wanted:
                return label
        raise NotOnScreen(f"no label «{text}» in {self.where()}")

    def field(self, label: str, kind: type | tuple[type, ...] = INPUTS) -> QWidget:
        """The input a label names: its buddy, its field in a form, or the next input beside it
        in the same row; also an empty field showing `label` as its placeholder."""
        wanted = plain(label)
        for edit in self.widgets(QLineEdit) + self.widgets(QPlainTextEdit):
            if plain(edit.placeholderText()) == wanted and isinstance(edit, kind):
                return edit
        found = self.label(label)
        buddy = found.buddy()
        if buddy is not None and shown(buddy):
            return _first_input(buddy, kind)
        layout = _layout_of(found)
        if isinstance(layout, QFormLayout):
            row, _role = layout.getWidgetPosition(found)
            item = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            target = item.widget() or item.layout()
            return _first_input(target, kind)
        if layout is not None:
            after = False
            for i in range(layout.count()):
                w = layout.itemAt(i).widget()
                if w is found:
                    after = True
                elif after and w is not None and shown(w):
                    return _first_input(w, kind)
        raise NotOnScreen(f"no field beside «{label}» in {self.where()}")

    def where(self) -> str:
        return f"«{self.root.windowTitle()}»"

    # ------------------------------------------------------------------ hands

    def click(self, what: str | QWidget, pos: QPoint | None = None, *, double: bool = False,
              near: str | None = None) -> None:
        widget = self.button(what, near) if isinstance(what, str) else what
        assert widget.isEnabled(), f"«{widget_text(widget)}» is greyed out"
        self.scroll_to(widget)
        self.reachable(widget)
        at = pos if pos is not None else widget.rect().center()
        popup = QApplication.activePopupWidget()
        if popup is not None and not popup.isAncestorOf(widget) and popup is not widget:
            # an open list (suggestions, a drop-down) lies over the window: the click lands on it
            spot = widget.mapToGlobal(at)
            if popup.frameGeometry().contains(spot):
                inner = popup.childAt(popup.mapFromGlobal(spot)) or popup
                widget, at = inner, inner.mapFromGlobal(spot)
        if double:
            self.qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=at)
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at)
        self.settle()

    def scroll_to(self, widget: QWidget) -> None:
        """Scroll the form that holds the widget until it shows, as a person does with the wheel."""
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea) and parent.widget() is not None and parent.widget().isAncestorOf(widget):
                parent.ensureWidgetVisible(widget)
                self.qtbot.wait(10)
            parent = parent.parentWidget()

    def reachable(self, widget: QWidget) -> None:
        """A person can click only what is on the screen: the widget's centre lies inside its window."""
        window = widget.window()
        centre = widget.mapTo(window, widget.rect().center())
        assert window.rect().contains(centre), f"«{widget_text(widget)}» lies outside its window {window.size()}"

    def type(self, text: str, into: QWidget | None = None) -> None:
        """Type key by key into the focused widget; Vietnamese letters arrive as key events
        carrying their text, as an input method delivers them."""
        target = into or self.focused()
        for ch in text:
            if ch == "\n":
                self.qtbot.keyClick(target, Qt.Key.Key_Return)
            elif ch.isascii() and (ch.isalnum() or ch in " /.,-()"):
                self.qtbot.keyClick(target, ch)
            else:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        self.settle()

    def fill(self, label: str, text: str) -> QWidget:
        """Click into the field a label names, select what is there, type over it."""
        widget = self.field(label)
        target = widget.lineEdit() if isinstance(widget, QComboBox) and widget.isEditable() else widget
        if isinstance(target, (QPlainTextEdit, QTextEdit)):
            self.click(target.viewport())
            target = target
        else:
            self.click(target)
        self.keys("Ctrl+A", target)
        if not text:
            self.qtbot.keyClick(target, Qt.Key.Key_Delete)
        self.type(text, target)
        return widget

    def type_date(self, label: str, text: str) -> QWidget:
        """A date typed as people type it: click into the field, select what is there, type the
        date, Tab to the next field."""
        widget = self.field(label, (QLineEdit, QAbstractSpinBox))
        self.click(widget, QPoint(8, widget.height() // 2))
        self.keys("Ctrl+A", widget)
        self.type(text, widget)
        self.keys("Tab", widget)
        return widget

    def focused(self) -> QWidget:
        """Where typed keys go: the focused widget of this person's window."""
        window = self.root.window()
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is window:
            return focus
        return window.focusWidget() or self.root

    def keys(self, sequence: str, widget: QWidget | None = None) -> None:
        """Press keys in the window in front (the person's window is brought forward first,
        as a click on its title bar does)."""
        window = self.root.window()
        if QApplication.activeWindow() is not window and QApplication.activeModalWidget() in (None, window):
            window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
        target = widget or self.focused()
        seq = QKeySequence(sequence)
        for i in range(seq.count()):
            combo = seq[i]
            self.qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())
        self.settle()

    def choose(self, label: str | QComboBox, item: str) -> None:
        """Open a drop-down list (by its label) with a click and click the item that shows `item`."""
        combo = label if isinstance(label, QComboBox) else self.field(label, QComboBox)
        assert isinstance(combo, QComboBox)
        self.click(combo)
        view = combo.view()
        self.qtbot.waitUntil(lambda: view.isVisible(), timeout=3000)
        model = view.model()
        wanted = plain(item)
        rows = [r for r in range(model.rowCount()) if plain(str(model.index(r, 0).data() or "")) == wanted]
        if not rows:
            rows = [r for r in range(model.rowCount()) if wanted in plain(str(model.index(r, 0).data() or ""))]
        assert rows, f"«{item}» is not in the list: {[model.index(r, 0).data() for r in range(model.rowCount())]}"
        index = model.index(rows[0], 0)
        view.scrollTo(index)
        self.qtbot.wait(QApplication.doubleClickInterval() + 50)  # Qt ignores a release that quick after opening
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
        self.settle()
        assert plain(combo.currentText()) == plain(str(index.data())), (combo.currentText(), item)

    def tab(self, text: str) -> None:
        wanted = plain(text)
        for bar in self.widgets(QTabBar):
            for i in range(bar.count()):
                if plain(bar.tabText(i)) == wanted:
                    self.click(bar, bar.tabRect(i).center())
                    return
        raise NotOnScreen(f"no tab «{text}»")

    def menu(self, *path: str) -> None:
        """Tệp → In phụ lục...: a click on the menu bar, then on each entry."""
        bars = self.widgets(QMenuBar)
        assert bars, "the window has no menu bar"
        bar = bars[0]
        action = _entry(bar.actions(), path[0])
        assert action is not None, f"no menu «{path[0]}»: {[plain(a.text()) for a in bar.actions()]}"
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(action).center())
        menu = action.menu()
        for name in path[1:]:
            self.qtbot.waitUntil(lambda m=menu: m.isVisible(), timeout=3000)
            entry = _entry(menu.actions(), name)
            assert entry is not None, f"no entry «{name}»: {[plain(a.text()) for a in menu.actions()]}"
            assert entry.isEnabled(), f"«{name}» is greyed out"
            rect = menu.actionGeometry(entry)
            assert menu.rect().contains(rect), f"«{name}» lies outside its menu"
            sub = entry.menu()
            self.qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=rect.center())
            if sub is not None:
                menu = sub
        self.settle()

    def menu_entries(self, name: str) -> list[str]:
        bar = self.widgets(QMenuBar)[0]
        action = next(a for a in bar.actions() if plain(a.text()) == plain(name))
        return [plain(a.text()) for a in action.menu().actions() if not a.isSeparator()]

    def click_cell(self, view: QAbstractItemView, text: str, column: int | None = None, *, double: bool = False) -> None:
        """Click the row of a table or list that shows `text` (in `column`, or anywhere)."""
        model = view.model()
        wanted = plain(text)
        columns = [column] if column is not None else range(model.columnCount())
        for r in range(model.rowCount()):
            for c in columns:
                index = model.index(r, c)
                if wanted in plain(str(index.data() or "")):
                    view.scrollTo(index)
                    rect = view.visualRect(index)
                    self.click(view.viewport(), rect.center(), double=double)
                    return
        raise NotOnScreen(f"no row showing «{text}»")

    def settle(self, ms: int = 30) -> None:
        self.qtbot.wait(ms)

    # ------------------------------------------------------------------ dialogs

    def expect(self, title: str, answer: Callable[[Person], None]) -> None:
        """A dialog whose title (or message) contains `title` will come up: `answer` deals with it."""
        self.desk.expected.append(_Expected(title, answer))

    def _look_up(self) -> None:
        desk = self.desk
        pending = [e for e in desk.expected if not e.seen]
        main = self.root.window()
        for dialog in top_windows([main]):
            answered = dialog.property("person_answered")
            if answered:
                if isinstance(answered, float) and time.monotonic() - answered > 5:
                    dialog.setProperty("person_answered", True)
                    desk.failures.append(AssertionError(f"{describe(dialog)} stayed open after it was answered"))
                    _close(dialog)
                continue
            hit = next((e for e in pending if e.title in dialog.windowTitle()
                        or (isinstance(dialog, QMessageBox) and e.title in dialog.text())), None)
            if hit is None:
                first = dialog.property("person_first_seen")
                if first is None:
                    dialog.setProperty("person_first_seen", time.monotonic())
                elif time.monotonic() - float(first) > 1.5:  # nobody expected it: note it, close it, go on
                    dialog.setProperty("person_answered", True)
                    desk.surprises.append(describe(dialog))
                    _close(dialog)
                continue
            hit.seen = True
            dialog.setProperty("person_answered", True)
            try:
                hit.answer(Person(self.qtbot, dialog, desk))
            except BaseException as exc:  # noqa: BLE001 - reported by done(); the dialog must not stay up
                desk.failures.append(exc)
                if dialog.isVisible():
                    _close(dialog)
            else:
                try:
                    if dialog.isVisible():  # answered: it should close now; after 5 s it is a failure
                        dialog.setProperty("person_answered", time.monotonic())
                except RuntimeError:  # already deleted
                    pass
            return

    def leave(self) -> None:
        """The person walks away: nothing more is watched."""
        if self.desk.bell is not None:
            self.desk.bell.stop()
            self.desk.bell = None

    def done(self, timeout: int = 10_000) -> None:
        """Every expected dialog came and was answered; nothing else came up."""
        desk = self.desk
        deadline = time.monotonic() + timeout / 1000
        while any(not e.seen for e in desk.expected) and time.monotonic() < deadline and not desk.failures:
            self.qtbot.wait(30)
        self.qtbot.wait(60)
        failures, desk.failures = desk.failures, []
        if failures:
            raise failures[0]
        missing = [e.title for e in desk.expected if not e.seen]
        desk.expected = [e for e in desk.expected if not e.seen]
        surprises, desk.surprises = desk.surprises, []
        assert not missing, f"expected a dialog «{missing}»; on screen: {[describe(w) for w in top_windows()]}"
        assert not surprises, f"unexpected dialogs: {surprises}"


def _entry(actions, name: str):  # noqa: ANN001, ANN202
    """The menu entry showing `name`, or starting with it ("Hoàn tác" is "Hoàn tác Sửa nhiệm vụ")."""
    wanted = plain(name)
    shown_ = [a for a in actions if not a.isSeparator() and a.isVisible()]
    return (next((a for a in shown_ if plain(a.text()) == wanted), None)
            or next((a for a in shown_ if plain(a.text()).startswith(wanted)), None))


def _close(dialog: QWidget) -> None:
    if isinstance(dialog, QMessageBox):
        button = dialog.escapeButton() or dialog.defaultButton()
        if button is not None:
            button.click()
            return
    if isinstance(dialog, QDialog):
        QDialog.done(dialog, int(QDialog.DialogCode.Rejected))
    else:
        dialog.close()


def _layout_of(widget: QWidget) -> QLayout | None:
    parent = widget.parentWidget()
    if parent is None or parent.layout() is None:
        return None

    def search(layout: QLayout) -> QLayout | None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item.widget() is widget:
                return layout
            if item.layout() is not None and (found := search(item.layout())) is not None:
                return found
        return None

    return search(parent.layout())


def _first_input(target: QWidget | QLayout, kind: type | tuple[type, ...]) -> QWidget:
    if isinstance(target, QWidget) and isinstance(target, kind):
        return target
    if isinstance(target, QLayout):
        for i in range(target.count()):
            item = target.itemAt(i)
            inner = item.widget() or item.layout()
            if inner is not None:
                try:
                    return _first_input(inner, kind)
                except NotOnScreen:
                    continue
        raise NotOnScreen("no input in the row")
    assert isinstance(target, QWidget)
    for child in target.findChildren(QWidget):
        if isinstance(child, kind) and shown(child):
            return child
    raise NotOnScreen(f"no input in {type(target).__name__}")
