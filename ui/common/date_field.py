"""The one date field of the window: a date is typed as people type it, or picked on a calendar.

Qt's QDateEdit edits a date section by section, so "15" typed over a selected date, or
"15/01/2026" typed from the start, becomes some other date without a word. Here the text is
read as a whole when the officer leaves the field or presses Enter: "15/01/2026", "15/1/26",
"15-01-2026" and "15012026" are that date, "15/01" is that day in the year of the date shown
before, "15" that day in its month; a date that does not exist ("31/02/2025") is never turned
into another one: the field turns red and says why, and the form it is in refuses to save
(see `first_problem`). ↑/↓ change the day, Page Up/Page Down the month, Alt+↓ or F4 opens the
calendar.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFocusEvent, QIcon, QKeyEvent, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QLineEdit, QToolTip, QVBoxLayout, QWidget

from cchc_desktop.errors import ValidationError
from cchc_desktop.text.vnformat import date_table, read_date

PROBLEM_BACKGROUND = QColor("#fde2e1")
PROBLEM_PROPERTY = "dateProblem"  # a dynamic property, so a style sheet could style it too


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate | dt.date) -> dt.date:
    if isinstance(value, QDate):
        return dt.date(value.year(), value.month(), value.day())
    return value


def _calendar_icon(palette: QPalette) -> QIcon:
    """A small calendar sheet drawn in the text colour (no icon theme on Windows)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    colour = palette.color(QPalette.ColorRole.Text)
    painter.setPen(QPen(colour, 1))
    painter.drawRect(1, 2, 13, 12)
    # Filled without a pen rather than with fillRect(..., QColor), whose overloads make PySide6
    # build QGradient's enums (about 1.5 ms of the window's start); the pixels are the same.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRect(1, 2, 14, 4)
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.drawRect(x, y, 2, 2)
    painter.end()
    return QIcon(pixmap)


class _CalendarPopup(QWidget):
    """The month calendar under a date field; a click or Enter on a day picks it."""

    picked = Signal(QDate)

    def __init__(self, field: DateField) -> None:
        super().__init__(field, Qt.WindowType.Popup)
        from PySide6.QtWidgets import QCalendarWidget  # fetched (its enums built) when a calendar opens

        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("dateFieldCalendar")
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def _pick(self, day: QDate) -> None:
        self.picked.emit(day)
        self.close()


class DateField(QLineEdit):
    """A date typed as dd/mm/yyyy (or picked on a calendar); see the module docstring.

    `date()` is a QDate as with QDateEdit (the date of the text while it is one, else the
    last good date); `value()` is the date typed or a ValidationError saying why there is
    none; `problem()` is that reason ("" when the text is a date the field accepts).
    An optional field may be left empty (value() is then None)."""

    dateChanged = Signal(QDate)
    """The date was changed: Enter, leaving the field, the calendar, ↑/↓ or setDate()."""

    def __init__(self, date: QDate | dt.date | None = None, parent: QWidget | None = None, *,
                 optional: bool = False) -> None:
        super().__init__(parent)
        self._optional = optional
        self._minimum = dt.date(1900, 1, 1)
        self._maximum = dt.date(2200, 12, 31)
        self._after_maximum = ""
        self._date: dt.date | None = None if optional else dt.date.today()
        self._problem = ""
        self._popup: _CalendarPopup | None = None
        self._palette = QPalette(self.palette())
        self.setProperty(PROBLEM_PROPERTY, False)
        self.setMaxLength(24)
        self.setPlaceholderText("ngày/tháng/năm")
        self.setToolTip(self._hint())
        self._pick_action = QAction(_calendar_icon(self.palette()), "Chọn ngày trên lịch", self)
        self._pick_action.setToolTip("Chọn ngày trên lịch (Alt+↓)")
        self._pick_action.triggered.connect(self.show_calendar)
        self.addAction(self._pick_action, QLineEdit.ActionPosition.TrailingPosition)
        self.editingFinished.connect(self._commit)
        self.textEdited.connect(self._edited)
        if date is not None:
            self.setDate(date)
        else:
            self._show(self._date)

    # ------------------------------------------------------------------ values

    def date(self) -> QDate:  # the QDateEdit name, so every form reads it the same way
        day = self._read()
        day = day if isinstance(day, dt.date) else self._date
        return _qdate(day) if day is not None else QDate()

    def value(self) -> dt.date | None:
        """The date typed; ValidationError saying why when the text is not one (None: left empty)."""
        day = self._read()
        if isinstance(day, str):
            raise ValidationError(day)
        return day

    def problem(self) -> str:
        """Why the text is not a date this field takes; "" when it is."""
        day = self._read()
        return day if isinstance(day, str) else ""

    def setDate(self, value: QDate | dt.date | None) -> None:  # noqa: N802 - Qt's name
        day = None if value is None or (isinstance(value, QDate) and not value.isValid()) else _pydate(value)
        if day is None and not self._optional:
            return
        changed = day != self._date
        self._date = day
        self._show(day)
        if changed and day is not None:
            self.dateChanged.emit(_qdate(day))

    def clear(self) -> None:
        if self._optional:
            self.setDate(None)
        else:
            super().clear()

    def setMinimumDate(self, value: QDate | dt.date) -> None:  # noqa: N802
        self._minimum = _pydate(value)
        self._mark(self.problem() if self.text().strip() else "")

    def setMaximumDate(self, value: QDate | dt.date, why: str = "") -> None:  # noqa: N802
        """The latest date taken; `why` ("ngày đó chưa đến (hôm nay là 20/01/2026)") says why a later one is not."""
        self._maximum = _pydate(value)
        self._after_maximum = why
        self._mark(self.problem() if self.text().strip() else "")

    def minimumDate(self) -> QDate:  # noqa: N802
        return _qdate(self._minimum)

    def maximumDate(self) -> QDate:  # noqa: N802
        return _qdate(self._maximum)

    # ------------------------------------------------------------------ reading

    def _reference(self) -> dt.date:
        """What "15" and "15/01" are completed from: the date shown before, else today."""
        return self._date or min(max(dt.date.today(), self._minimum), self._maximum)

    def _read(self) -> dt.date | str | None:
        """The date of the text, or the reason it is none (a str); None for an empty optional field."""
        text = self.text().strip()
        if not text and self._optional:
            return None
        try:
            day = read_date(text, self._reference())
        except ValidationError as exc:
            return exc.message
        if day < self._minimum:
            return f"Ngày {date_table(day)} sớm hơn ngày sớm nhất được chọn ở đây ({date_table(self._minimum)})."
        if day > self._maximum:
            if self._after_maximum:
                return f"Không nhận ngày {date_table(day)}: {self._after_maximum}."
            return f"Ngày {date_table(day)} muộn hơn ngày muộn nhất được chọn ở đây ({date_table(self._maximum)})."
        return day

    def _hint(self) -> str:
        return "Gõ ngày/tháng/năm, ví dụ 15/01/2026 (gõ «15» là ngày 15 của tháng đang ghi); Alt+↓: chọn trên lịch"

    def _show(self, day: dt.date | None) -> None:
        self.setText(date_table(day) if day is not None else "")
        self._mark("")

    def _mark(self, problem: str) -> None:
        """Red with the reason as its tip while the text is not a date; as normal otherwise."""
        if problem == self._problem:
            return
        self._problem = problem
        self.setProperty(PROBLEM_PROPERTY, bool(problem))
        palette = QPalette(self._palette)
        if problem:
            palette.setColor(QPalette.ColorRole.Base, PROBLEM_BACKGROUND)
        self.setPalette(palette)
        self.setToolTip(problem or self._hint())

    def _edited(self, _text: str) -> None:
        # While typing, only a text that has become a good date clears the red: "1", "15/0"
        # are on their way to a date and are not scolded; the reason is given on leaving.
        if self._problem and not self.problem():
            self._mark("")

    def _commit(self) -> None:
        day = self._read()
        if isinstance(day, str):
            self._mark(day)
            if self.isVisible():
                QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), day, self)
            return
        self.setDate(day)

    # ------------------------------------------------------------------ keys and calendar

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        if (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier) or key == Qt.Key.Key_F4:
            self.show_calendar()
            return
        steps = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0),
                 Qt.Key.Key_PageUp: (0, 1), Qt.Key.Key_PageDown: (0, -1)}
        if key in steps and not mods & ~Qt.KeyboardModifier.KeypadModifier and not self.isReadOnly():
            day = self._read()
            if isinstance(day, dt.date) or (day is None and self._date is not None):
                start = _qdate(day if isinstance(day, dt.date) else self._date)  # type: ignore[arg-type]
                days, months = steps[key]
                moved = _pydate(start.addDays(days).addMonths(months))
                self.setDate(min(max(moved, self._minimum), self._maximum))
                self.selectAll()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                              Qt.FocusReason.ShortcutFocusReason):
            self.selectAll()  # typing replaces the whole date, as it does in a spin box

    def show_calendar(self) -> None:
        """The month calendar under the field, on the date shown, within the field's limits."""
        if not self.isEnabled() or self.isReadOnly():
            return
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        calendar = self._popup.calendar
        calendar.setDateRange(_qdate(self._minimum), _qdate(self._maximum))
        calendar.setSelectedDate(_qdate(self._reference()))
        self._popup.adjustSize()
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = min(below.x(), screen.right() - self._popup.width())
        y = below.y() if below.y() + self._popup.height() <= screen.bottom() else \
            self.mapToGlobal(QPoint(0, 0)).y() - self._popup.height()
        self._popup.move(max(x, screen.left()), max(y, screen.top()))
        self._popup.show()
        calendar.setFocus()

    @property
    def calendar_popup(self) -> _CalendarPopup | None:
        return self._popup

    def _picked(self, day: QDate) -> None:
        self.setDate(day)
        self.setFocus()

    # ------------------------------------------------------------------ size

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        wide = self.fontMetrics().horizontalAdvance("00/00/00000") + 16 + 24  # text, the calendar button, margins
        return QSize(max(wide, min(hint.width(), wide)), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()


def first_problem(root: QWidget) -> tuple[DateField, str] | None:
    """The first date field in `root` (enabled and shown) whose text is not a date it takes,
    with the reason; a form asks this before saving."""
    for field in root.findChildren(DateField):
        if field.isEnabled() and field.isVisibleTo(root):
            problem = field.problem()
            if problem:
                return field, problem
    return None


__all__ = ["DateField", "first_problem"]
