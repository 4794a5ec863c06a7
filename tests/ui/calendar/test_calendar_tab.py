"""The Lịch tab driven like an officer: months, lunar dates, holidays, occurrences, reminders."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from cchc_desktop.scheduling.reminders import Reminder, ReminderService
from cchc_desktop.scheduling.schedule import DONE_ON_TIME, OccurrenceIndex
from ui.calendar import dialogs
from ui.calendar.calendar_tab import CalendarTab
from ui.calendar.month_model import STATE_DONE, STATE_OVERDUE, CellRole


def _tab(qtbot, window, today: dt.date) -> CalendarTab:
    tab = window.calendar_tab
    tab.data.today_override = today
    tab.data.invalidate()
    window.tabs.setCurrentWidget(window.calendar_lazy)
    tab.show_month(today.year, today.month, select=today)
    return tab


def test_month_grid_is_monday_first_with_lunar_dates_and_holidays(qtbot, window) -> None:
    tab = _tab(qtbot, window, dt.date(2024, 2, 20))
    model = tab.month_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)][0] in ("T2", "Thứ Hai")
    first = model.index(0, 0).data(CellRole)
    assert first.day.weekday() == 0
    tet = model.cell(dt.date(2024, 2, 10))
    assert tet.lunar == "1/1" and tet.day_off and "Tết" in tet.note
    assert tab.title.text() == "Tháng 2 năm 2024"
    tab.next_month()
    assert (tab.year, tab.month) == (2024, 3)
    tab.go_today()
    assert (tab.year, tab.month) == (2024, 2)


def test_occurrences_show_in_their_state_and_open_their_task(qtbot, window) -> None:
    tab = _tab(qtbot, window, dt.date(2024, 4, 10))
    tab.show_month(2024, 3, select=dt.date(2024, 3, 31))
    cell = tab.month_model.cell(dt.date(2024, 3, 31))
    assert len(cell.chips) == 1 and cell.chips[0].state == STATE_OVERDUE  # Quý I/2024, not done
    item = tab.agenda_model.items()[0]
    assert item.lead == "Sở Tư pháp"
    # 31/03/2024 is a Sunday: the legal deadline is Monday 01/04, finish by Friday 29/03
    assert (item.legal_deadline, item.finish_by) == (dt.date(2024, 4, 1), dt.date(2024, 3, 29))
    with qtbot.waitSignal(tab.task_requested) as opened:
        tab.select_item(task_id=item.task_id, day=item.day)
        tab.open_selected()
    assert opened.args == [item.task_id]
    # "Mở nhiệm vụ" switches to the task list with that task selected
    assert window.tabs.currentWidget() is window.tasks_tab
    assert window.tasks_tab.selected_task_ids() == [item.task_id]


def test_marking_an_occurrence_done_is_undoable(qtbot, window) -> None:
    tab = _tab(qtbot, window, dt.date(2024, 4, 10))
    tab.show_month(2024, 3, select=dt.date(2024, 3, 31))
    item = tab.agenda_model.items()[0]
    assert tab.mark_done(item, dt.date(2024, 3, 28), "Đã đăng 5 tin")
    assert tab.month_model.cell(dt.date(2024, 3, 31)).chips[0].state == STATE_DONE
    index = OccurrenceIndex.load(window.store, today=dt.date(2024, 4, 10))
    assert index.task_state(item.task_id) == DONE_ON_TIME
    window.controller.undo_stack.undo()
    assert tab.month_model.cell(dt.date(2024, 3, 31)).chips[0].state == STATE_OVERDUE


def test_own_reminder_added_edited_and_deleted(qtbot, window, monkeypatch, confirmations) -> None:
    tab = _tab(qtbot, window, dt.date(2025, 3, 3))

    def fake_exec(self):  # noqa: ANN001 - fill the real dialog, then accept it
        if not self.title_edit.text():
            self.title_edit.setText("Nộp báo cáo quý cho Sở Nội vụ")
            self.repeat.setCurrentIndex(self.repeat.findData("FREQ=MONTHLY"))
        else:
            self.title_edit.setText("Nộp báo cáo quý (sửa)")
        return True

    monkeypatch.setattr(dialogs.ReminderDialog, "exec", fake_exec)
    tab.add_reminder(dt.date(2025, 3, 5))
    cells = [tab.month_model.cell(dt.date(2025, 3, 5)), tab.month_model.cell(dt.date(2025, 4, 5))]
    assert [c.chips[0].text for c in cells] == ["08:00 Nộp báo cáo quý cho Sở Nội vụ"] * 2
    rid = cells[0].chips[0].reminder_id
    tab.edit_reminder(rid)
    assert ReminderService(window.store).get(rid).title == "Nộp báo cáo quý (sửa)"
    tab.select_item(reminder_id=rid, day=dt.date(2025, 3, 5))
    tab.delete_selected_reminder()
    assert confirmations and ReminderService(window.store).list() == []
    window.controller.undo_stack.undo()
    assert [r.title for r in ReminderService(window.store).list()] == ["Nộp báo cáo quý (sửa)"]
    assert tab.month_model.cell(dt.date(2025, 3, 5)).chips


def test_office_day_off_changes_the_calendar(qtbot, window) -> None:
    tab = _tab(qtbot, window, dt.date(2024, 3, 1))
    dialog = dialogs.DaysOffDialog(window.controller, 2024, tab)
    qtbot.addWidget(dialog)
    from PySide6.QtCore import QDate

    dialog.day_edit.setDate(QDate(2024, 3, 29))
    dialog.note.setText("Nghỉ bù hội nghị")
    dialog.add_day()
    assert dialog.table.rowCount() == 1
    tab.show_month(2024, 3, select=dt.date(2024, 3, 31))
    item = tab.agenda_model.items()[0]
    assert item.finish_by == dt.date(2024, 3, 28)
    assert tab.month_model.cell(dt.date(2024, 3, 29)).day_off


def test_reminder_items_also_come_from_the_store(qtbot, window) -> None:
    ReminderService(window.store).add(Reminder(title="Họp giao ban", at=dt.datetime(2024, 3, 4, 8)))
    window.controller.notify("calendar")
    tab = _tab(qtbot, window, dt.date(2024, 3, 4))
    assert [c.text for c in tab.month_model.cell(dt.date(2024, 3, 4)).chips] == ["08:00 Họp giao ban"]


def test_days_removed_together_come_back_together_even_if_one_was_removed_elsewhere(
        qtbot, window, person, errors) -> None:
    from cchc_desktop.scheduling import workdays

    store = window.store
    for day, note in ((dt.date(2024, 3, 29), "Nghỉ bù hội nghị"), (dt.date(2024, 4, 5), "Nghỉ giỗ Tổ"),
                      (dt.date(2024, 5, 10), "Nghỉ bù")):
        workdays.add_day(store, day, workdays.KIND_OFF, note)
    dialog = dialogs.DaysOffDialog(window.controller, 2024, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    person.click(table.viewport(), table.visualRect(table.model().index(0, 0)).center())
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     table.visualRect(table.model().index(2, 0)).center())
    workdays.remove_day(store, dt.date(2024, 5, 10))  # another window, meanwhile
    person.click(person.button(dialog, "Xóa ngày đã chọn"))
    assert errors == []
    assert [d.day for d in workdays.list_days(store, 2024)] == [dt.date(2024, 4, 5)]
    assert table.rowCount() == 1

    window.undo_action.trigger()  # the day this step removed comes back, as it was
    assert [(d.day, d.note) for d in workdays.list_days(store, 2024)] == [
        (dt.date(2024, 3, 29), "Nghỉ bù hội nghị"), (dt.date(2024, 4, 5), "Nghỉ giỗ Tổ")]
    window.redo_action.trigger()
    assert [d.day for d in workdays.list_days(store, 2024)] == [dt.date(2024, 4, 5)]
    assert errors == []
