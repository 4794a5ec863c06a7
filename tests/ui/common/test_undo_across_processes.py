"""Undo and redo in the window while another process (the command line) adds rows: a step
takes back only its own rows, ids are never given twice, and a step that cannot apply is
refused whole with a message and leaves the undo history where it was."""

from __future__ import annotations

import json

from cli_process import cli_output as _cli
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication


def _tasks(window):
    window.tabs.setCurrentWidget(window.tasks_tab)
    return window.tasks_tab


def _select_task(tab, task_id: int) -> None:
    row = tab.model.row_of_task(task_id)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    tab.view.selectionModel().setCurrentIndex(tab.model.index(row, 1), flags)


def _ctrl_z(qtbot, tab) -> None:
    window = tab.window()
    if QApplication.activeWindow() is not window:  # a dialog just closed
        with qtbot.waitActive(window):
            window.activateWindow()
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _all_tasks(store) -> dict[int, str]:
    return {int(r[0]): r[1] for r in store.db.execute("SELECT id, content FROM tasks")}


def test_a_task_added_elsewhere_after_a_delete_keeps_its_own_id_and_survives_undo_and_redo(
        window, qtbot, confirmations, errors) -> None:
    store = window.store
    tab = _tasks(window)
    plan_id = int(store.plans.list()[0].id)
    newest = max(_all_tasks(store))
    content = store.tasks.get(newest).content
    _select_task(tab, newest)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert newest not in _all_tasks(store)

    added = json.loads(_cli(store.path, "task-add", "--plan", str(plan_id), "--content", "Việc thêm từ dòng lệnh",
                            "--json"))["id"]
    assert added != newest  # the id of a deleted row is never given again

    _ctrl_z(qtbot, tab)  # puts the deleted task back, with its id
    rows = _all_tasks(store)
    assert rows[newest] == content and rows[added] == "Việc thêm từ dòng lệnh"
    assert errors == []

    window.redo_action.trigger()  # Làm lại: deletes the window's task again, and only it
    rows = _all_tasks(store)
    assert newest not in rows and rows[added] == "Việc thêm từ dòng lệnh"
    assert errors == []


def test_a_plan_imported_elsewhere_after_a_plan_delete_is_never_deleted_by_redo(
        window, qtbot, confirmations, errors) -> None:
    store = window.store
    (plan,) = store.plans.list()
    tasks_before = _all_tasks(store)
    window.tabs.setCurrentWidget(window.plans_tab)
    window.plans_tab.select_plan(int(plan.id))
    window.plans_tab.delete_plan()
    assert store.plans.list() == []

    _cli(store.path, "demo")  # another process adds a plan of 14 tasks
    (other,) = store.plans.list()
    assert other.id != plan.id
    other_tasks = _all_tasks(store)
    assert len(other_tasks) == 14 and not set(other_tasks) & set(tasks_before)

    window.undo_action.trigger()  # Ctrl+Z: the deleted plan comes back beside the other one
    assert {int(p.id) for p in store.plans.list()} == {int(plan.id), int(other.id)}
    assert _all_tasks(store) == tasks_before | other_tasks

    window.redo_action.trigger()  # Làm lại: the window's plan goes again, the other one stays
    assert [int(p.id) for p in store.plans.list()] == [int(other.id)]
    assert _all_tasks(store) == other_tasks
    assert errors == []


def test_an_undo_that_cannot_apply_is_refused_whole_and_the_history_stays(window, qtbot, errors) -> None:
    store = window.store
    tab = _tasks(window)
    plan_id = int(store.plans.list()[0].id)
    _select_task(tab, max(_all_tasks(store)))

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.content.setPlainText("Tổ chức tọa đàm về cải cách hành chính")
        dialog.accept()

    QTimer.singleShot(0, fill)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Insert)  # a new task, typed in the window
    created = max(_all_tasks(store))
    stack = window.controller.undo_stack
    index = stack.index()
    # Meanwhile a colleague records progress on it from the command line.
    _cli(store.path, "progress", str(created), "--state", "doing", "--note", "đang làm")
    _cli(store.path, "task-add", "--plan", str(plan_id), "--content", "Việc thứ hai từ dòng lệnh")

    _ctrl_z(qtbot, tab)
    assert errors and "không hoàn tác" in errors[-1]  # says why, in Vietnamese
    assert created in _all_tasks(store)
    assert store.db.execute("SELECT count(*) FROM progress_entries WHERE task_id = ?", [created]).fetchone()[0] == 1
    # The history did not move: the same step is still the one to undo, nothing to redo.
    assert stack.index() == index
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    window.redo_action.trigger()  # nothing to redo: no crash, nothing changes
    assert created in _all_tasks(store)
