"""Tasks picked apart with Ctrl+click in the Nhiệm vụ list, deleted with the Delete key and put
back with Ctrl+Z come back to their own places: the appendix's order (and so its printed STT) is
the one it had."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _listed(tab) -> list[tuple[str, str]]:  # noqa: ANN001 - (STT, content) of the task rows, top to bottom
    model = tab.model
    rows = model.rows_of_tasks(model.task_ids_at(range(model.rowCount())))
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in sorted(rows)]


def test_tasks_deleted_apart_come_back_to_their_places(window, qtbot, person, confirmations, errors) -> None:
    person.click_tab(window, "Nhiệm vụ")
    tab = window.tasks_tab
    qtbot.waitUntil(lambda: tab.model.visible_task_count() > 4)
    before = _listed(tab)
    model = tab.model
    first, third = sorted(model.rows_of_tasks(model.task_ids_at(range(model.rowCount()))))[0:3:2]
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.view.visualRect(model.index(first, 1)).center())
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=tab.view.visualRect(model.index(third, 1)).center())
    picked = [before[0][1], before[2][1]]
    assert sorted(model.index(r, 1).data() for r in model.rows_of_tasks(tab.selected_task_ids())) == sorted(picked)
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert confirmations == ["Xóa 2 nhiệm vụ đã chọn?\n\nCó thể hoàn tác bằng Ctrl+Z."]
    qtbot.waitUntil(lambda: len(_listed(tab)) == len(before) - 2)
    assert [c for _stt, c in _listed(tab)][:2] == [before[1][1], before[3][1]]
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_listed(tab)) == len(before))
    assert _listed(tab) == before
    assert errors == []
