"""The group chosen in the task form ("Nhóm:") is the group the task is saved in, whatever row
of the list was selected when the form was opened."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication


@pytest.fixture
def grouped(window):
    """The demo appendix in three groups (I, II, III), shown in the Nhiệm vụ tab."""
    store = window.store
    plan = store.plans.list()[0]
    appendix_id = int(plan.appendices[0].id)
    groups = [store.tasks.add_group(appendix_id, title) for title in
              ("Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông", "Sở Nội vụ")]
    tasks = store.tasks.tasks_of_plan(int(plan.id))
    store.tasks.move_to_group([int(t.id) for t in tasks[:5]], groups[0].id)
    store.tasks.move_to_group([int(t.id) for t in tasks[5:9]], groups[1].id)
    store.tasks.move_to_group([int(t.id) for t in tasks[9:]], groups[2].id)
    window.controller.notify("plans", "tasks")
    window.open_plan_tasks(int(plan.id))
    return groups, tasks


def _click_row_of(person, tab, task_id: int) -> None:
    row = tab.model.row_of_task(task_id)
    person.click(tab.view.viewport(), tab.view.visualRect(tab.model.index(row, 1)).center())


def _add_task_choosing_group(qtbot, person, tab, type_text, content: str, group_label: str) -> None:
    """Insert → type the content → pick the group in "Nhóm:" from its list → Lưu."""
    seen = {}

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        seen["title"] = dialog.windowTitle()
        type_text(dialog.content, content)
        person.choose(dialog.group, group_label)
        seen["chosen"] = dialog.group.currentText()
        person.click(person.button(dialog, "Lưu"))

    QTimer.singleShot(0, fill)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Insert)
    assert seen == {"title": "Thêm nhiệm vụ", "chosen": group_label}


@pytest.mark.parametrize("label, group_index", [("III. Sở Nội vụ", 2), ("(Không thuộc nhóm)", None)])
def test_the_group_chosen_in_the_form_is_the_group_saved(window, qtbot, person, grouped, type_text, label,
                                                          group_index):
    groups, tasks = grouped
    tab = window.tasks_tab
    _click_row_of(person, tab, int(tasks[1].id))  # a task of group I is selected
    _add_task_choosing_group(qtbot, person, tab, type_text, "Tuyên truyền trên Zalo", label)
    created = next(t for t in window.store.tasks.tasks_of_plan(int(tasks[0].plan_id))
                   if t.content == "Tuyên truyền trên Zalo")
    assert created.group_id == (None if group_index is None else groups[group_index].id)
    assert tab.current_task() is not None and tab.current_task().id == created.id  # the list shows it


def test_a_new_task_in_the_selected_rows_group_goes_right_after_that_row(window, qtbot, person, grouped, type_text):
    groups, tasks = grouped
    tab = window.tasks_tab
    _click_row_of(person, tab, int(tasks[1].id))
    _add_task_choosing_group(qtbot, person, tab, type_text, "Ngay sau dòng đã chọn", "I. Văn phòng UBND tỉnh")
    in_group = sorted((t for t in window.store.tasks.tasks_of_plan(int(tasks[0].plan_id)) if t.group_id == groups[0].id),
                      key=lambda t: t.position)
    assert [t.content for t in in_group].index("Ngay sau dòng đã chọn") == 2
