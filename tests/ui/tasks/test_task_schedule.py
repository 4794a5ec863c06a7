"""Schedules in the task list: the computed deadline and state, the "Quá hạn" and "chưa xác định
lịch" filters, and the schedule form with its live preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.scheduling import schedule
from cchc_desktop.store.domain import Task
from ui.tasks.schedule_dialog import ScheduleDialog, build_rrule
from ui.tasks.task_table_model import COLUMNS


def _cell(tab, task_id: int, column: str) -> str:
    row = tab.model.row_of_task(task_id)
    return tab.model.index(row, COLUMNS.index(column)).data(Qt.ItemDataRole.DisplayRole)


@pytest.fixture
def tasks_tab(window):
    window.tabs.setCurrentWidget(window.tasks_tab)
    tab = window.tasks_tab
    tab.ensure_loaded()
    tab.show_plan(window.store.plans.list()[0].id)
    return tab


def test_due_and_state_columns_and_the_overdue_filter(tasks_tab, window) -> None:
    store = window.store
    plan = store.plans.list()[0]
    tasks = store.tasks.tasks_of_plan(plan.id)
    by_frame = {t.time_frame: t for t in tasks}
    # the demo plan is for 2024: today every dated task of it is overdue
    assert _cell(tasks_tab, by_frame["Trước ngày 16/01/2024"].id, "due") == "15/01/2024"
    assert _cell(tasks_tab, by_frame["Trước ngày 16/01/2024"].id, "state") == "Quá hạn chưa hoàn thành"
    assert _cell(tasks_tab, by_frame["Thường xuyên"].id, "due") == "Thường xuyên"
    combo = tasks_tab.schedule_combo
    combo.setCurrentIndex(combo.findData("overdue"))
    shown = {tasks_tab.model.task_at(r).id for r in range(tasks_tab.model.rowCount()) if tasks_tab.model.task_at(r)}
    assert shown == {t.id for t in tasks if t.time_frame != "Thường xuyên"}
    assert tasks_tab.count_label.text() == f"{len(shown)}/14 nhiệm vụ"


def test_unscheduled_text_is_flagged_and_fixed_in_the_schedule_form(tasks_tab, window, monkeypatch) -> None:
    store = window.store
    plan = store.plans.list()[0]
    task = store.tasks.create(Task(plan_id=plan.id, content="Tổ chức hội thi tìm hiểu CCHC",
                                   time_frame="Theo chỉ đạo của UBND tỉnh"))
    window.controller.notify("tasks")
    assert _cell(tasks_tab, task.id, "due") == "Chưa xác định lịch"
    combo = tasks_tab.schedule_combo
    combo.setCurrentIndex(combo.findData("unscheduled"))
    assert tasks_tab.model.visible_task_count() == 1

    def fill(self: ScheduleDialog) -> bool:
        self.kind.setCurrentIndex(self.kind.findData("recurring"))
        self.freq.setCurrentIndex(self.freq.findData("quarter"))
        self.month.setValue(2)
        self.day.setValue(0)  # the last day of the month
        # the live preview already shows the four deadlines
        assert [self.preview.item(i).text()[:10] for i in range(self.preview.count())] == [
            "29/02/2024", "31/05/2024", "31/08/2024", "30/11/2024"]
        self.accept()
        return True

    monkeypatch.setattr(ScheduleDialog, "exec", fill)
    tasks_tab.select_task(task.id)
    tasks_tab.edit_schedule()
    saved = store.tasks.get(task.id)
    assert saved.time_frame == "Theo chỉ đạo của UBND tỉnh"  # the text as written stays
    assert saved.schedule["rrule"] == "FREQ=MONTHLY;BYMONTH=2,5,8,11;BYMONTHDAY=-1"
    assert tasks_tab.model.visible_task_count() == 0  # no longer unscheduled
    combo.setCurrentIndex(0)
    assert _cell(tasks_tab, task.id, "due").startswith("29/02/2024")
    window.controller.undo_stack.undo()
    assert store.tasks.get(task.id).schedule is None


def test_bad_dates_in_the_form_are_refused(qtbot, window, errors) -> None:
    store = window.store
    task = store.tasks.tasks_of_plan(store.plans.list()[0].id)[0]
    dialog = ScheduleDialog(task, 2024, None, (7, 1))
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("deadline"))
    dialog.dates.setText("31/02/2024")
    assert "color:#c62828" in dialog.summary.text()
    dialog.accept()
    assert errors and dialog.result() == 0


@pytest.mark.parametrize(
    ("freq", "kw", "rule"),
    [
        ("week", {"weekday": "FR"}, "FREQ=WEEKLY;BYDAY=FR"),
        ("month", {"day": 20, "before": True}, "FREQ=MONTHLY;BYMONTHDAY=19"),
        ("quarter", {"month": 2, "day": 0}, "FREQ=MONTHLY;BYMONTH=2,5,8,11;BYMONTHDAY=-1"),
        ("half", {"month": 6, "day": 0}, "FREQ=MONTHLY;BYMONTH=6,12;BYMONTHDAY=-1"),
        ("year", {"month": 11, "day": 5, "before": True}, "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=4"),
    ],
)
def test_form_rules_are_rfc5545(freq, kw, rule) -> None:
    assert build_rrule(freq, **kw) == rule
    assert schedule.preview({"kind": "recurring", "rrule": rule}, 2025).dates



@pytest.mark.parametrize(
    ("freq", "kw"),
    [
        ("week", {"weekday": "FR"}),
        ("month", {"day": 20}),
        ("month", {"day": 0, "before": True}),
        ("quarter", {"month": 2, "day": 15}),
        ("quarter", {"month": 3, "day": 0}),
        ("half", {"month": 6, "day": 0}),
        ("year", {"month": 11, "day": 4}),
    ],
)
def test_reopening_the_form_keeps_a_hand_set_rule(qtbot, window, freq, kw) -> None:
    """Saving the form unchanged must store the same rule (a hand-set quarterly "15th of the
    second month" must not turn into "last day of the first month")."""
    store = window.store
    task = store.tasks.tasks_of_plan(store.plans.list()[0].id)[3]
    rule = build_rrule(freq, **kw)
    schedule.save_schedule(store, task.id, {"kind": "recurring", "rrule": rule, "cycle": [freq], "lead_days": [3]})
    dialog = ScheduleDialog(store.tasks.get(task.id), 2024, None, (7, 1))
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "recurring"
    assert dialog.value()["rrule"] == rule
    assert dialog.value()["lead_days"] == [3]


def test_the_form_starts_from_the_rule_read_in_the_text(qtbot, window) -> None:
    store = window.store
    task = store.tasks.create(Task(plan_id=store.plans.list()[0].id, content="Báo cáo quý",
                                   time_frame="Định kỳ hàng quý (trước ngày cuối của tháng thứ 2 trong quý)"))
    dialog = ScheduleDialog(task, 2024, None, (7, 1))
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("recurring"))
    assert dialog.value()["rrule"] == "FREQ=MONTHLY;BYMONTH=2,5,8,11;BYMONTHDAY=-1"
