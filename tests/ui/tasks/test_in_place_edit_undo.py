"""A cell edited in the task table is saved when the officer leaves it (Tab, Enter), and Ctrl+Z
takes it back, without Qt complaining about an editor the view no longer owns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.tasks.task_table_model import COLUMNS


@pytest.mark.parametrize("leave", [Qt.Key.Key_Tab, Qt.Key.Key_Return])
@pytest.mark.parametrize("column", ["output", "status"])
def test_edit_in_place_then_undo(window, qtbot, qtlog, type_text, column, leave):
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    row = next(r for r in range(tab.model.rowCount()) if tab.model.task_at(r) is not None)
    task = tab.model.task_at(row)
    before = window.store.tasks.get(int(task.id))
    rect = tab.view.visualRect(tab.model.index(row, COLUMNS.index(column)))
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = tab.view.focusWidget()
    if column == "output":
        editor.selectAll()
        type_text(editor, "05 tin bài")
    else:
        qtbot.keyClick(editor, Qt.Key.Key_End)  # the last state: Hoàn thành
    qtbot.keyClick(editor, leave)
    qtbot.waitUntil(lambda: window.store.tasks.get(int(task.id)) != before)
    saved = window.store.tasks.get(int(task.id))
    assert saved.output == "05 tin bài" if column == "output" else saved.status.value == "done"
    if tab.view.state() == tab.view.State.EditingState:  # Tab opened the next cell: leave it untouched
        qtbot.keyClick(tab.view.focusWidget(), Qt.Key.Key_Escape)
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: (window.store.tasks.get(int(task.id)).output, window.store.tasks.get(int(task.id)).status)
                    == (before.output, before.status))
    qtbot.wait(20)
    assert [r.message for r in qtlog.records if "commitData" in r.message or "editor" in r.message] == []
