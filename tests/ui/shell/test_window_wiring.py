"""The tabs reach each other: progress from the task list and the calendar, the Báo cáo tab."""

from __future__ import annotations

import datetime as dt

from cchc_desktop.store.domain import TaskStatus
from cchc_desktop.store.progress import ProgressService
from ui.reports.reports_tab import ReportsTab
from ui.tasks import progress_dialog


def test_reports_tab_is_the_fourth_tab_built_when_first_shown(window) -> None:
    assert window.tabs.tabText(3) == "Báo cáo"
    lazy = window.tabs.widget(3)
    assert lazy._widget is None  # not built at start-up
    window.tabs.setCurrentIndex(3)
    assert isinstance(lazy._widget, ReportsTab) and window.reports_tab is lazy._widget


def test_progress_from_the_task_list_is_recorded_in_the_history(qtbot, window, monkeypatch) -> None:
    def fill(self) -> bool:  # the real dialog, filled in and saved as the officer would
        self.state_combo.setCurrentIndex(self.state_combo.findData(TaskStatus.DONE.value))
        self.note_edit.setPlainText("Đã đăng 12 tin, bài trên Cổng thông tin")
        self.accept()
        return bool(self.saved)

    monkeypatch.setattr(progress_dialog.ProgressDialog, "exec", fill)
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(window.calendar_lazy)
    tab.ensure_loaded()
    task = window.store.tasks.tasks_of_plan(window.store.plans.list()[0].id)[0]
    tab.select_task(task.id)
    tab.actions_by_name["progress"].trigger()
    history = ProgressService(window.store).history(task.id)
    assert [h.note for h in history] == ["Đã đăng 12 tin, bài trên Cổng thông tin"]


def test_progress_from_the_calendar_names_the_occurrence(qtbot, window, monkeypatch) -> None:
    seen = {}
    monkeypatch.setattr("ui.tasks.progress_dialog.record_progress",
                        lambda controller, task_id, parent=None, occurrence_due=None: seen.update(
                            task=task_id, due=occurrence_due))
    cal = window.calendar_tab
    cal.data.today_override = dt.date(2024, 4, 10)
    window.tabs.setCurrentWidget(window.calendar_lazy)
    cal.show_month(2024, 3, select=dt.date(2024, 3, 31))
    item = cal.agenda_model.items()[0]
    cal.select_item(task_id=item.task_id, day=item.day)
    cal.actions_by_name["progress"].trigger()
    assert seen == {"task": item.task_id, "due": item.occurrence_due}


def test_progress_is_one_undoable_step_and_an_earlier_edit_undoes_only_itself(qtbot, window, monkeypatch) -> None:
    """Edit a task's notes, record it done, then undo twice: first the progress (the entry goes,
    the task is open again), then the notes edit (which must not touch the status)."""
    store = window.store
    task = store.tasks.tasks_of_plan(store.plans.list()[0].id)[7]
    stack = window.controller.undo_stack
    from dataclasses import replace

    window.controller.update_task(replace(task, notes="Đã giao phòng Văn hóa"))

    def fill(self) -> bool:
        self.state_combo.setCurrentIndex(self.state_combo.findData(TaskStatus.DONE.value))
        self.note_edit.setPlainText("Đã tổ chức xong")
        self.accept()
        return bool(self.saved)

    monkeypatch.setattr(progress_dialog.ProgressDialog, "exec", fill)
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    tab.ensure_loaded()
    tab.select_task(task.id)
    tab.actions_by_name["progress"].trigger()
    assert store.tasks.get(task.id).status == TaskStatus.DONE
    assert stack.undoText() == "Cập nhật tiến độ"
    stack.undo()
    assert store.tasks.get(task.id).status == TaskStatus.TODO
    assert ProgressService(store).history(task.id) == []
    stack.redo()
    assert store.tasks.get(task.id).status == TaskStatus.DONE
    assert [h.note for h in ProgressService(store).history(task.id)] == ["Đã tổ chức xong"]
    # undo the progress, redo it, then undo both: the notes edit takes back only the notes
    stack.undo()
    stack.redo()
    window.controller.update_task(replace(store.tasks.get(task.id), funding="Ngân sách tỉnh"))
    stack.undo()  # the funding edit
    after = store.tasks.get(task.id)
    assert after.funding == "" and after.status == TaskStatus.DONE and after.notes == "Đã giao phòng Văn hóa"
