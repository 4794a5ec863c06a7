"""Forms that ask before throwing edits away, and windows sized for the screen they open on.

Every form of the window (task, schedule, progress, reminders, document settings ...) is a
`GuardedDialog`: Escape, the title bar's close button or Hủy on a form with changes asks
"Lưu / Bỏ thay đổi / Tiếp tục sửa" first; a form left as it was closes at once. The
changes are found by comparing the values of the form's input widgets with the values they
had when the form was first shown, so a field typed and typed back counts as unchanged.

Sizes are chosen for a 1366×768 laptop, still the most common office screen, whose
available area is about 1366×728 once the taskbar is taken off, and never exceed the
screen a window opens on.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFrame,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from cchc_desktop import APP_NAME
from ui.common import messages
from ui.common.date_field import first_problem

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDateTimeEdit, QTableWidget, QTextEdit

SMALL_SCREEN = QSize(1366, 728)
"""The available area of a 1366×768 screen with a 40 px taskbar: every window must fit it."""

FRAME = QSize(16, 40)
"""Room for the title bar and borders the window manager adds around a window."""

SAVE, DISCARD, KEEP_EDITING = "save", "discard", "keep"


# --------------------------------------------------------------------------- unsaved changes


@cache
def _rarer_inputs() -> tuple[type[QDateTimeEdit], type[QTextEdit], type[QTableWidget]]:
    """Input classes the window's first form does without, fetched when a form is first read:
    PySide6 builds a class's enums when the class is first fetched."""
    from PySide6.QtWidgets import QDateTimeEdit, QTableWidget, QTextEdit

    return QDateTimeEdit, QTextEdit, QTableWidget


def _value(widget: QWidget) -> Any:
    QDateTimeEdit, QTextEdit, QTableWidget = _rarer_inputs()  # noqa: N806 - the classes
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toString(Qt.DateFormat.ISODate)
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    # Text is stored without surrounding white space: a stray space is not a change.
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QListWidget):
        return tuple(
            (widget.item(i).text(), widget.item(i).checkState().value, str(widget.item(i).data(Qt.ItemDataRole.UserRole)))
            for i in range(widget.count())
        )
    if isinstance(widget, QTableWidget):
        return tuple(
            tuple((item.text(), item.checkState().value) if (item := widget.item(r, c)) else None
                  for c in range(widget.columnCount()))
            for r in range(widget.rowCount())
        )
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    return None




def form_state(root: QWidget) -> tuple[Any, ...]:
    """The values of every input widget inside `root` (its own window only: the calendar
    popup of a date field or a completer's list are not part of the form)."""
    window = root.window()
    _, QTextEdit, QTableWidget = _rarer_inputs()  # noqa: N806 - the classes
    inputs = (QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QListWidget, QTableWidget,
              QAbstractButton)
    state = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, inputs) or widget.window() is not window:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            continue  # the line edit inside a spin box or combo box: its owner is read instead
        if isinstance(widget, QAbstractButton) and not widget.isCheckable():
            continue
        if isinstance(widget, (QPlainTextEdit, QTextEdit, QLineEdit)) and widget.isReadOnly() \
                and not isinstance(widget, QAbstractSpinBox):
            continue
        state.append((widget.objectName(), type(widget).__name__, _value(widget)))
    return tuple(state)


def dates_refused(form: QWidget) -> bool:
    """True, after saying why and putting the cursor there, when a date field of the form
    holds something that is no date ("31/02/2025"): the form then saves nothing."""
    problem = first_problem(form)
    if problem is None:
        return False
    field, reason = problem
    messages.error(form, reason)
    field.setFocus()
    field.selectAll()
    return True


def ask_unsaved(parent: QWidget | None, text: str = "Biểu mẫu có thay đổi chưa lưu. Lưu lại trước khi đóng?") -> str:
    """Lưu, Bỏ thay đổi or Tiếp tục sửa; SAVE, DISCARD or KEEP_EDITING. Tiếp tục sửa is also
    what Escape or closing the question means, so nothing is lost by a reflex."""
    from PySide6.QtWidgets import QMessageBox  # fetched when asked (its enums cost the start)

    box = QMessageBox(QMessageBox.Icon.Question, f"Bỏ các thay đổi chưa lưu? – {APP_NAME}",
                      text, parent=parent)
    box.setObjectName("unsavedQuestion")
    save = box.addButton("Lưu", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Bỏ thay đổi", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Tiếp tục sửa", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(keep)
    messages.fit_title(box).exec()
    clicked = box.clickedButton()
    if clicked is save:
        return SAVE
    if clicked is discard:
        return DISCARD
    return KEEP_EDITING


class GuardedDialog(QDialog):
    """A form that asks before its changes are thrown away (Escape, close button, Hủy).

    The values at the first showing are the baseline; `mark_clean()` takes a new one (after
    a save that keeps the form open)."""

    unsaved_text = "Biểu mẫu có thay đổi chưa lưu. Lưu lại trước khi đóng?"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._baseline: tuple[Any, ...] | None = None
        self.setSizeGripEnabled(True)

    def mark_clean(self) -> None:
        self._baseline = form_state(self)

    def has_changes(self) -> bool:
        return self._baseline is not None and form_state(self) != self._baseline

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._baseline is None:
            self.mark_clean()

    def accept(self) -> None:
        """Refused, saying why, while a date field holds something that is no date."""
        if dates_refused(self):
            return
        super().accept()

    def reject(self) -> None:
        if self.has_changes():
            choice = ask_unsaved(self, self.unsaved_text)
            if choice == SAVE:
                self.accept()
                return
            if choice == KEEP_EDITING:
                return
        super().reject()


# --------------------------------------------------------------------------- sizes


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (or the primary screen) not taken by taskbars."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, SMALL_SCREEN.width(), SMALL_SCREEN.height())


def fitted(preferred: QSize, area: QRect, minimum: QSize | None = None) -> QSize:
    """`preferred`, made smaller where the area (less the window frame) is smaller, and never
    below `minimum`."""
    width = min(preferred.width(), area.width() - FRAME.width())
    height = min(preferred.height(), area.height() - FRAME.height())
    if minimum is not None:
        width, height = max(width, minimum.width()), max(height, minimum.height())
    return QSize(width, height)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Give a window its default size, or less where its screen is smaller."""
    window.resize(fitted(QSize(width, height), available_area(window), window.minimumSizeHint()))


def keep_on_screen(window: QWidget) -> None:
    """Move and shrink a window (a remembered geometry from a larger or a lost screen) so
    that all of it, frame included, lies on the available area of its screen."""
    if window.isMaximized() or window.isFullScreen():
        return  # the window manager owns that geometry
    area = available_area(window)
    frame = window.frameGeometry()
    margins = QSize(frame.width() - window.width(), frame.height() - window.height())
    width = max(1, min(window.width(), area.width() - margins.width()))
    height = max(1, min(window.height(), area.height() - margins.height()))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    # the right and bottom edges onto the screen, then the top left corner (the title bar) first
    x = max(min(frame.x(), area.right() + 1 - frame.width()), area.left())
    y = max(min(frame.y(), area.bottom() + 1 - frame.height()), area.top())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def scrolling(body: QWidget) -> QScrollArea:
    """A long form in a vertical scroll area, so that it fits a low screen."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    wheel_scrolls_page(body)
    return scroll


class _WheelPassesUnfocused(QObject):
    """Hands the wheel over an unfocused spin box or drop-down list on to the page under it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # Qt then offers the wheel to the parents: the scroll area scrolls
            return True
        return False


def wheel_scrolls_page(page: QWidget, fields: Iterable[QWidget] | None = None) -> None:
    """The mouse wheel scrolls a long form: the spin boxes and drop-down lists it passes over
    keep their values (a period, a status) unless the officer has clicked or tabbed into
    them; the wheel no longer gives them the focus either. A form that names its spin boxes
    and lists (`fields`) spares the search of all its widgets (a few ms at the first one)."""
    passes = _WheelPassesUnfocused(page)  # owned by the page, gone with it
    if fields is None:
        fields = page.findChildren(QAbstractSpinBox) + page.findChildren(QComboBox)
    for field in fields:
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        field.installEventFilter(passes)


__all__ = [
    "DISCARD", "FRAME", "KEEP_EDITING", "SAVE", "SMALL_SCREEN", "GuardedDialog", "ask_unsaved", "dates_refused",
    "available_area", "fit_to_screen", "fitted", "form_state", "keep_on_screen", "scrolling", "wheel_scrolls_page",
]
