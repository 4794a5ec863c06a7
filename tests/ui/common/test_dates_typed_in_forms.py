"""Dates typed into the window's forms are saved as typed, or refused with the reason and nothing
saved: Ghi tiến độ, Đánh dấu đã xong (Lịch), the plan's date of issue, the import preview."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton

from cchc_desktop.store.progress import ProgressService

TODAY = dt.date(2026, 1, 20)
NO_31_FEB = "Không có ngày 31/02/2025: tháng 2 năm 2025 chỉ có 28 ngày."


def _retype(qtbot, field, text: str) -> None:  # noqa: ANN001
    """Click into the field, select what it holds (Ctrl+A) and type over it."""
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def _button(dialog, text: str) -> QPushButton:  # noqa: ANN001
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text and b.isVisible())


def _progress_dialog(qtbot, store):  # noqa: ANN001
    from ui.common.controller import Controller
    from ui.tasks.progress_dialog import ProgressDialog

    task = store.tasks.tasks_of_plan(store.plans.list()[0].id)[1]
    dialog = ProgressDialog(Controller(store), int(task.id), today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, int(task.id)


def test_progress_day_typed_over_the_day_is_the_day_saved(qtbot, demo_store) -> None:
    dialog, task_id = _progress_dialog(qtbot, demo_store)
    field = dialog.done_on
    assert field.text() == "20/01/2026"
    text = field.lineEdit() if hasattr(field, "lineEdit") else field  # the text part of the field
    day = QPoint(text.fontMetrics().horizontalAdvance("2") + 5, text.height() // 2)
    qtbot.mouseDClick(text, Qt.MouseButton.LeftButton, pos=day)  # a double click on "20" selects the day
    assert text.selectedText() == "20"
    qtbot.keyClicks(text, "15")
    qtbot.mouseClick(_button(dialog, "Ghi tiến độ"), Qt.MouseButton.LeftButton)
    history = ProgressService(demo_store).history(task_id)
    assert [e.done_on for e in history] == [dt.date(2026, 1, 15)]


def test_progress_day_typed_over_the_whole_date_is_that_day_of_the_month(qtbot, demo_store) -> None:
    dialog, task_id = _progress_dialog(qtbot, demo_store)
    _retype(qtbot, dialog.done_on, "15")
    qtbot.mouseClick(_button(dialog, "Ghi tiến độ"), Qt.MouseButton.LeftButton)
    assert [e.done_on for e in ProgressService(demo_store).history(task_id)] == [dt.date(2026, 1, 15)]


def test_progress_full_date_typed_is_the_date_saved(qtbot, demo_store) -> None:
    dialog, task_id = _progress_dialog(qtbot, demo_store)
    _retype(qtbot, dialog.done_on, "15/01/2026")
    qtbot.mouseClick(_button(dialog, "Ghi tiến độ"), Qt.MouseButton.LeftButton)
    assert [e.done_on for e in ProgressService(demo_store).history(task_id)] == [dt.date(2026, 1, 15)]


def test_progress_with_a_date_that_does_not_exist_is_refused_and_nothing_saved(qtbot, demo_store, errors) -> None:
    dialog, task_id = _progress_dialog(qtbot, demo_store)
    _retype(qtbot, dialog.done_on, "31/02/2025")
    qtbot.mouseClick(_button(dialog, "Ghi tiến độ"), Qt.MouseButton.LeftButton)
    assert errors and NO_31_FEB in errors[-1]
    assert dialog.isVisible()  # still open, to correct the date
    assert ProgressService(demo_store).history(task_id) == []
    _retype(qtbot, dialog.done_on, "15/02/2026")  # after the day the dialog counts as today
    qtbot.mouseClick(_button(dialog, "Ghi tiến độ"), Qt.MouseButton.LeftButton)
    assert "chưa đến" in errors[-1] or "sau hôm nay" in errors[-1]
    assert ProgressService(demo_store).history(task_id) == []


def test_done_in_the_calendar_refuses_a_date_that_does_not_exist(qtbot, demo_store, errors) -> None:
    from ui.calendar.calendar_data import AgendaItem
    from ui.calendar.dialogs import DoneDialog

    plan = demo_store.plans.list()[0]
    task = demo_store.tasks.tasks_of_plan(plan.id)[1]
    item = AgendaItem(dt.date(2026, 1, 31), task.id, dt.date(2026, 1, 31), plan.id, task.content, "", "due", "Đến hạn")
    dialog = DoneDialog(item, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _retype(qtbot, dialog.done_on, "31/02/2025")
    qtbot.mouseClick(_button(dialog, "Đã xong"), Qt.MouseButton.LeftButton)
    assert errors and NO_31_FEB in errors[-1] and dialog.isVisible() and dialog.result() == 0
    _retype(qtbot, dialog.done_on, "15/1")
    qtbot.mouseClick(_button(dialog, "Đã xong"), Qt.MouseButton.LeftButton)
    assert dialog.result() == 1 and dialog.values()[0] == dt.date(2026, 1, 15)


def test_plan_date_of_issue_typed_is_saved_or_refused(window, qtbot, errors) -> None:
    editor = window.plans_tab.editor
    plan_id = window.plans_tab.current_plan_id()
    before = window.store.plans.get(plan_id).issue_date
    assert editor.has_date.isChecked()
    editor.issue_date.setFocus()
    _retype(qtbot, editor.issue_date, "31/02/2025")
    qtbot.keyClick(editor.issue_date, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert errors == [NO_31_FEB]
    assert window.store.plans.get(plan_id).issue_date == before
    _retype(qtbot, editor.issue_date, "15/01/2026")
    qtbot.keyClick(editor.issue_date, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.store.plans.get(plan_id).issue_date == dt.date(2026, 1, 15)
    assert not editor.dirty


def test_import_preview_date_placeholder_is_not_a_date(window, qtbot, errors) -> None:
    from ui.importing import open_import_dialog

    text = ("ỦY BAN NHÂN DÂN TỈNH VĨNH LONG\nKẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026\n"
            "1. Đăng tin, bài về cải cách hành chính. Cơ quan chủ trì: Sở Nội vụ. Thời gian: Quý I/2026\n")
    dialog = open_import_dialog(window, text=text, modal=False)
    assert dialog is not None
    qtbot.addWidget(dialog)
    field = dialog.date
    assert field.placeholderText() == "ngày/tháng/năm"
    assert not any(ch.isdigit() for ch in field.placeholderText())  # nothing to take for a date already read
    _retype(qtbot, field, "31/02/2025")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert errors and NO_31_FEB in errors[-1]
    dialog.reject()


def test_reminder_day_typed_is_the_day_reminded(qtbot, errors) -> None:
    from cchc_desktop.scheduling.reminders import Reminder
    from ui.calendar.dialogs import ReminderDialog

    dialog = ReminderDialog(Reminder(title="Gửi báo cáo quý", at=dt.datetime(2026, 1, 20, 8, 30)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _retype(qtbot, dialog.when_day, "31/02/2025")
    qtbot.mouseClick(_button(dialog, "Lưu"), Qt.MouseButton.LeftButton)
    assert errors == [NO_31_FEB] and dialog.result() == 0
    _retype(qtbot, dialog.when_day, "15/1/2026")
    qtbot.mouseClick(_button(dialog, "Lưu"), Qt.MouseButton.LeftButton)
    assert dialog.result() == 1
    assert dialog.value().at == dt.datetime(2026, 1, 15, 8, 30)
