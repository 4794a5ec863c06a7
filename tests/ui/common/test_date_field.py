"""The window's date field driven with keys and clicks: what is typed is the date, or it says why not."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ui.common.date_field import PROBLEM_BACKGROUND, DateField, first_problem

SHOWN = dt.date(2026, 5, 7)


@pytest.fixture
def form(qtbot):
    """A field between two others, as in a form; `enter(text)` tabs in, types, tabs out."""
    page = QWidget()
    layout = QVBoxLayout(page)
    before, field, after = QLineEdit(), DateField(SHOWN), QLineEdit()
    for widget in (before, field, after):
        layout.addWidget(widget)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    changes: list[QDate] = []
    field.dateChanged.connect(changes.append)

    def enter(text: str) -> None:
        before.setFocus()
        qtbot.keyClick(before, Qt.Key.Key_Tab)  # Tab selects the whole date: typing replaces it
        assert field.hasFocus()
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Tab)

    page.field, page.enter, page.changes = field, enter, changes  # type: ignore[attr-defined]
    return page


@pytest.mark.parametrize(("typed", "day"), [
    ("15", dt.date(2026, 5, 15)), ("15/01/2026", dt.date(2026, 1, 15)), ("15/1/26", dt.date(2026, 1, 15)),
    ("15012026", dt.date(2026, 1, 15)), ("15-01-2026", dt.date(2026, 1, 15)), ("15/01", dt.date(2026, 1, 15)),
])
def test_what_is_typed_is_the_date(form, typed: str, day: dt.date) -> None:
    form.enter(typed)
    assert form.field.date() == QDate(day.year, day.month, day.day)
    assert form.field.value() == day
    assert form.field.text() == day.strftime("%d/%m/%Y")  # written back as dd/mm/yyyy
    assert form.changes == [QDate(day.year, day.month, day.day)]
    assert form.field.problem() == ""


def test_a_day_typed_over_the_selected_day_replaces_only_the_day(form, qtbot) -> None:
    field = form.field
    field.setFocus()
    field.setCursorPosition(1)
    qtbot.mouseDClick(field, Qt.MouseButton.LeftButton, pos=field.cursorRect().center())  # selects the day, "07"
    assert field.selectedText() == "07"
    qtbot.keyClicks(field, "15")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.value() == dt.date(2026, 5, 15)


def test_a_date_that_does_not_exist_is_refused_with_the_reason(form, qtbot) -> None:
    form.enter("31/02/2025")
    field = form.field
    reason = "Không có ngày 31/02/2025: tháng 2 năm 2025 chỉ có 28 ngày."
    assert field.problem() == reason
    assert field.text() == "31/02/2025"  # kept as typed, to be corrected, never turned into 03/03 or 07/02
    assert form.changes == []  # nothing took another date
    assert field.property("dateProblem") is True and field.toolTip() == reason  # red, the reason under the mouse
    assert field.palette().color(QPalette.ColorRole.Base) == PROBLEM_BACKGROUND
    with pytest.raises(Exception, match="tháng 2 năm 2025 chỉ có 28 ngày"):
        field.value()
    assert first_problem(field.parentWidget()) == (field, reason)
    # corrected: the red and the reason go
    form.enter("28/02/2025")
    assert field.value() == dt.date(2025, 2, 28) and field.problem() == "" and field.property("dateProblem") is False
    assert first_problem(field.parentWidget()) is None


def test_text_that_is_not_a_date_says_how_to_write_one(form) -> None:
    form.enter("ngay 15")
    assert "Hãy gõ ngày/tháng/năm, ví dụ 15/01/2026." in form.field.problem()
    assert form.field.date() == QDate(2026, 5, 7)  # the last good date is still what date() reads


def test_a_date_after_the_latest_allowed_says_why(form) -> None:
    form.field.setMaximumDate(dt.date(2026, 5, 10), "ngày đó chưa đến (hôm nay là 10/05/2026)")
    form.enter("15")
    assert form.field.problem() == "Không nhận ngày 15/05/2026: ngày đó chưa đến (hôm nay là 10/05/2026)."
    form.enter("9")
    assert form.field.value() == dt.date(2026, 5, 9)


def test_arrow_and_page_keys_step_days_and_months(form, qtbot) -> None:
    field = form.field
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.value() == dt.date(2026, 5, 8)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert field.value() == dt.date(2026, 5, 6)
    qtbot.keyClick(field, Qt.Key.Key_PageUp)
    assert field.value() == dt.date(2026, 6, 6)
    assert form.changes[-1] == QDate(2026, 6, 6)


def test_the_calendar_opens_on_the_date_and_a_day_picked_is_the_date(form, qtbot) -> None:
    field = form.field
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.calendar_popup
    assert popup is not None and popup.isVisible()
    calendar = popup.calendar
    assert calendar.selectedDate() == QDate(2026, 5, 7)
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    grid = calendar.findChild(QWidget, "qt_calendar_calendarview")
    qtbot.keyClick(grid, Qt.Key.Key_Right)  # the next day, then Enter picks it
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert field.value() == dt.date(2026, 5, 8) and field.text() == "08/05/2026"
    assert form.changes == [QDate(2026, 5, 8)]


def test_an_optional_field_may_stay_empty(qtbot) -> None:
    field = DateField(optional=True)
    qtbot.addWidget(field)
    assert field.text() == "" and field.value() is None and field.problem() == ""
    assert field.placeholderText() == "ngày/tháng/năm"  # never a date that could be taken for a real one
    field.setText("31/02/2025")
    assert "chỉ có 28 ngày" in field.problem()
