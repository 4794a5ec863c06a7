"""The window and another process (the command line, a second window) on one database: what
the other one wrote is never overwritten, undone or deleted by the window."""

from __future__ import annotations

import sys

import pytest
from cli_process import cli_output as _cli
from PySide6.QtCore import Qt

from cchc_desktop.store.domain import Appendix, Task, TaskStatus
from cchc_desktop.store.store import Store
from ui.tasks.task_table_model import COLUMNS


def _tasks_tab(window):
    window.tabs.setCurrentWidget(window.tasks_tab)
    return window.tasks_tab


def _edit_cell(tab, task_id: int, column: str, value: str) -> None:
    """What the table's item delegate does when the officer finishes typing in a cell."""
    index = tab.model.index(tab.model.row_of_task(task_id), COLUMNS.index(column))
    assert tab.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    tab.model.setData(index, value, Qt.ItemDataRole.EditRole)


def test_notes_edited_in_the_window_keep_the_state_the_command_line_set(window, qtbot) -> None:
    store = window.store
    tab = _tasks_tab(window)
    task = tab.model.task_at(1)
    assert task.status == TaskStatus.TODO
    _cli(store.path, "progress", str(task.id), "--state", "done", "--date", "2024-03-01", "--note", "Đã đăng 3 tin")
    # The list still shows the task as it was read: todo.
    _edit_cell(tab, task.id, "notes", "Gửi kèm báo cáo quý")
    saved = store.tasks.get(task.id)
    assert saved.notes == "Gửi kèm báo cáo quý"
    assert saved.status == TaskStatus.DONE
    assert str(saved.completed_on) == "2024-03-01"
    # Undo takes back the notes only, the state the command line set stays.
    window.undo_action.trigger()
    saved = store.tasks.get(task.id)
    assert saved.notes == task.notes and saved.status == TaskStatus.DONE


def test_an_edit_over_a_field_changed_elsewhere_is_refused_with_a_message(window, qtbot, errors) -> None:
    store = window.store
    tab = _tasks_tab(window)
    task = tab.model.task_at(1)
    other = Store.open(store.path)  # a second window on the same file
    try:
        fresh = other.tasks.get(task.id)
        fresh.time_frame = "Quý IV/2024"
        other.tasks.update(fresh)
    finally:
        other.close()
    _edit_cell(tab, task.id, "time_frame", "Quý III/2024")
    assert store.tasks.get(task.id).time_frame == "Quý IV/2024"
    assert errors and "vừa được thay đổi ở nơi khác" in errors[-1] and "thời gian thực hiện" in errors[-1]
    assert not window.undo_action.isEnabled()
    # The list shows what the other window wrote, so the officer edits that.
    qtbot.waitUntil(lambda: tab.model.task_at(tab.model.row_of_task(task.id)).time_frame == "Quý IV/2024")


def test_undo_never_takes_back_what_was_written_after_the_edit(window, qtbot, errors) -> None:
    store = window.store
    tab = _tasks_tab(window)
    task = tab.model.task_at(1)
    _edit_cell(tab, task.id, "notes", "Ghi chú của cửa sổ")
    _cli(store.path, "progress", str(task.id), "--state", "doing", "--note", "đang làm")
    other = Store.open(store.path)
    try:
        fresh = other.tasks.get(task.id)
        fresh.notes = "Ghi chú của đồng nghiệp"
        other.tasks.update(fresh)
    finally:
        other.close()
    window.undo_action.trigger()
    saved = store.tasks.get(task.id)
    assert saved.notes == "Ghi chú của đồng nghiệp"
    assert saved.status == TaskStatus.DOING
    assert errors and "ghi chú" in errors[-1]


def test_undoing_a_plan_edit_keeps_tasks_and_progress_added_meanwhile(window, qtbot, errors) -> None:
    store = window.store
    plan = store.plans.list()[0]
    tab = window.plans_tab
    window.tabs.setCurrentWidget(tab)
    tab.select_plan(int(plan.id))
    tab.editor.place.setText("Thành phố Vĩnh Long")
    assert tab.save_plan()
    out = _cli(store.path, "task-add", "--plan", str(plan.id), "--content", "Nhiệm vụ thêm từ dòng lệnh", "--json")
    import json

    added = json.loads(out)["id"]
    first = store.tasks.tasks_of_plan(int(plan.id))[0]
    _cli(store.path, "progress", str(first.id), "--state", "done", "--note", "Đã xong")
    entries = store.db.execute("SELECT count(*) FROM progress_entries").fetchone()[0]
    window.undo_action.trigger()
    assert store.plans.get(int(plan.id)).place == plan.place
    assert store.tasks.get(added).content == "Nhiệm vụ thêm từ dòng lệnh"
    assert store.db.execute("SELECT count(*) FROM progress_entries").fetchone()[0] == entries
    assert store.tasks.get(first.id).status == TaskStatus.DONE
    window.redo_action.trigger()
    assert store.plans.get(int(plan.id)).place == "Thành phố Vĩnh Long"
    assert store.tasks.get(added).content == "Nhiệm vụ thêm từ dòng lệnh"
    assert errors == []


def test_saving_a_plan_form_keeps_an_appendix_added_in_another_window(window, qtbot, errors) -> None:
    store = window.store
    plan = store.plans.list()[0]
    tab = window.plans_tab
    window.tabs.setCurrentWidget(tab)
    tab.select_plan(int(plan.id))  # the form now shows one appendix
    other = Store.open(store.path)
    try:
        theirs = other.plans.get(int(plan.id))
        theirs.appendices.append(Appendix(title="Phụ lục II: Tuyên truyền chuyển đổi số"))
        theirs = other.plans.update(theirs)
        second = theirs.appendices[1]
        for i in range(5):
            other.tasks.create(Task(plan_id=plan.id, appendix_id=second.id, content=f"Nhiệm vụ II.{i + 1}"))
    finally:
        other.close()
    tab.editor.title.setPlainText(tab.editor.title.toPlainText() + " (sửa)")
    assert tab.save_plan()
    saved = store.plans.get(int(plan.id))
    assert saved.title.endswith("(sửa)")
    assert [a.title for a in saved.appendices][1] == "Phụ lục II: Tuyên truyền chuyển đổi số"
    assert len(store.tasks.rows(appendix_id=second.id)) == 5
    assert errors == []


def test_a_plan_field_changed_elsewhere_is_not_overwritten(window, qtbot, errors) -> None:
    store = window.store
    plan = store.plans.list()[0]
    tab = window.plans_tab
    window.tabs.setCurrentWidget(tab)
    tab.select_plan(int(plan.id))
    other = Store.open(store.path)
    try:
        theirs = other.plans.get(int(plan.id))
        theirs.place = "Trà Vinh"
        other.plans.update(theirs)
    finally:
        other.close()
    tab.editor.place.setText("Cần Thơ")
    assert not tab.save_plan()
    assert store.plans.get(int(plan.id)).place == "Trà Vinh"
    assert errors and "vừa được thay đổi ở nơi khác" in errors[-1]


def test_an_agency_added_elsewhere_gives_a_message(window, qtbot, errors) -> None:
    store = window.store
    store.agencies.names_by_id()  # the window has read the registry
    _cli_add_agency = Store.open(store.path)
    try:
        _cli_add_agency.agencies.create("Liên minh Hợp tác xã tỉnh Vĩnh Long", "LMHTX")
    finally:
        _cli_add_agency.close()
    from cchc_desktop.store.domain import Agency

    saved = window.controller.save_agency(Agency(name="Liên minh Hợp tác xã tỉnh Vĩnh Long"))
    assert saved is None
    assert errors and "Liên minh Hợp tác xã tỉnh Vĩnh Long" in errors[-1]
    count = store.db.execute(
        "SELECT count(*) FROM agencies WHERE name = 'Liên minh Hợp tác xã tỉnh Vĩnh Long'").fetchone()[0]
    assert count == 1


@pytest.mark.parametrize("column", ["lead"])
def test_a_task_naming_an_agency_removed_elsewhere_is_saved(window, qtbot, errors, column) -> None:
    store = window.store
    tab = _tasks_tab(window)
    task = tab.model.task_at(1)
    store.agencies.names_by_id()
    gone = store.agencies.create("Ban Quản lý dự án tỉnh")
    store.agencies.names_by_id()
    other = Store.open(store.path)
    try:
        other.agencies.delete(int(gone.id))
    finally:
        other.close()
    _edit_cell(tab, task.id, column, "Ban Quản lý dự án tỉnh")
    assert errors == []
    assert store.tasks.get(task.id).lead_names == ["Ban Quản lý dự án tỉnh"]


def test_undoing_an_added_task_keeps_progress_recorded_on_it_elsewhere(window, qtbot, errors) -> None:
    store = window.store
    plan = store.plans.list()[0]
    created = window.controller.create_task(Task(plan_id=plan.id, content="Tọa đàm CCHC"))
    _cli(store.path, "progress", str(created.id), "--state", "doing", "--note", "Đã mời đại biểu")
    window.undo_action.trigger()
    assert store.tasks.get(int(created.id)).content == "Tọa đàm CCHC"
    assert store.db.execute("SELECT count(*) FROM progress_entries WHERE task_id = ?", [created.id]).fetchone()[0] == 1
    assert errors and "đã có tiến độ" in errors[-1]


def test_undoing_a_new_plan_keeps_tasks_added_to_it_elsewhere(window, qtbot, errors) -> None:
    store = window.store
    window.plans_tab.new_plan()
    plan_id = window.plans_tab.current_plan_id()
    window.plans_tab.editor.set_plan(None)
    _cli(store.path, "task-add", "--plan", str(plan_id), "--content", "Nhiệm vụ từ dòng lệnh")
    window.undo_action.trigger()
    assert [t.content for t in store.tasks.tasks_of_plan(plan_id)] == ["Nhiệm vụ từ dòng lệnh"]
    assert errors and "không hoàn tác được" in errors[-1]


def test_a_database_held_by_another_process_is_a_message_not_a_crash(window, qtbot, errors, qapp, monkeypatch) -> None:
    import sqlite3

    from ui.shell.app import install_crash_handler

    store = window.store
    tab = _tasks_tab(window)
    task = tab.model.task_at(1)
    store.db.execute("PRAGMA busy_timeout = 300")  # the real wait is 10 s
    other = sqlite3.connect(str(store.path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        _edit_cell(tab, task.id, "notes", "Ghi chú mới")
        assert errors == ["Dữ liệu đang được ghi bởi cửa sổ khác, thử lại sau."]
        assert not window.undo_action.isEnabled()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.tasks.get(task.id).notes == task.notes
    _edit_cell(tab, task.id, "notes", "Ghi chú mới")  # once the other writer is done, it simply works
    assert store.tasks.get(task.id).notes == "Ghi chú mới"

    # A write outside the controller that meets the lock reaches the exception hook: a message too.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_crash_handler(qapp)
    error = sqlite3.OperationalError("database is locked")
    sys.excepthook(type(error), error, None)
    assert errors[-1] == "Dữ liệu đang được ghi bởi cửa sổ khác, thử lại sau."


def test_the_task_form_closes_when_its_task_was_changed_elsewhere(window, qtbot, errors, monkeypatch) -> None:
    """Saving again could only repeat the refusal (or overwrite what the officer has not seen):
    the form closes and the list shows the task as it now is."""
    import ui.tasks.tasks_tab as tasks_tab

    store = window.store
    tab = _tasks_tab(window)
    task = tab.model.task_at(1)
    tab.select_task(task.id)
    opened: list[int] = []

    class Form:
        def __init__(self, _store, shown, _groups, _parent) -> None:
            self.shown = shown

        def exec(self) -> bool:
            opened.append(1)
            if len(opened) == 1:
                other = Store.open(store.path)
                try:
                    theirs = other.tasks.get(task.id)
                    theirs.output = "05 tin, bài"
                    other.tasks.update(theirs)
                finally:
                    other.close()
            return len(opened) < 3

        def task(self):
            from dataclasses import replace

            return replace(self.shown, output="10 tin, bài")

    monkeypatch.setattr(tasks_tab, "TaskDialog", Form)
    tab.edit_task()
    assert len(opened) == 1
    assert store.tasks.get(task.id).output == "05 tin, bài"
    assert errors and "sản phẩm/chỉ tiêu" in errors[-1]
