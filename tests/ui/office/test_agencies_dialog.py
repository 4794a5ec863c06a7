"""The agency registry dialog: every change is a step of the window's undo history."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt


def _linked_to(store, agency_id: int) -> dict[int, list[tuple[str, int | None, str]]]:
    out = {}
    for plan in store.plans.list():
        for t in store.tasks.tasks_of_plan(plan.id):
            refs = [("lead", r.agency_id, r.text) for r in t.lead] + [("partner", r.agency_id, r.text) for r in t.partners]
            if any(r[1] == agency_id for r in refs):
                out[t.id] = refs
    return out


@pytest.fixture
def dialog(window, qtbot):
    from ui.office.agencies_dialog import AgenciesDialog

    d = AgenciesDialog(window.controller, window)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _select(dialog, names: list[str]) -> None:
    sel = dialog.view.selectionModel()
    sel.clearSelection()
    for row in range(dialog.model.rowCount()):
        if dialog.model.agency_at(row).name in names:
            sel.select(dialog.model.index(row, 0),
                       QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def _names(dialog) -> list[str]:
    return [dialog.model.agency_at(r).name for r in range(dialog.model.rowCount())]


def test_merge_is_undone_and_the_earlier_edit_stays_undoable(window, dialog, qtbot, monkeypatch, confirmations):
    import ui.office.agencies_dialog

    store, controller = window.store, window.controller
    noi_vu, tu_phap = store.agencies.match("Sở Nội vụ"), store.agencies.match("Sở Tư pháp")
    links_before = _linked_to(store, tu_phap)
    assert links_before
    # An edit made before the merge.
    task = store.tasks.tasks_of_plan(store.plans.list()[0].id)[0]
    controller.update_task(replace(task, content="Nội dung đã sửa trước khi gộp"))

    monkeypatch.setattr(ui.office.agencies_dialog.QInputDialog, "getItem", lambda *a, **k: ("Sở Nội vụ", True))
    _select(dialog, ["Sở Nội vụ", "Sở Tư pháp"])
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    assert "Không hoàn tác" not in confirmations[-1]
    assert store.agencies.match("Sở Tư pháp") == noi_vu
    assert "Sở Tư pháp" not in _names(dialog)
    assert controller.undo_stack.count() == 2
    assert dialog.undo_button.isEnabled()

    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)  # undo the merge
    assert "Sở Tư pháp" in _names(dialog)
    assert store.agencies.match("Sở Tư pháp") == tu_phap
    assert "Sở Tư pháp" not in store.agencies.get(noi_vu).aliases
    assert _linked_to(store, tu_phap) == links_before
    assert store.tasks.get(task.id).content == "Nội dung đã sửa trước khi gộp"

    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)  # the earlier edit
    assert store.tasks.get(task.id).content == task.content

    qtbot.mouseClick(dialog.redo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.redo_button, Qt.MouseButton.LeftButton)  # redo merges again
    assert store.tasks.get(task.id).content == "Nội dung đã sửa trước khi gộp"
    assert store.agencies.match("Sở Tư pháp") == noi_vu
    assert _linked_to(store, tu_phap) == {}
    assert set(links_before) <= set(_linked_to(store, noi_vu))
    assert "Sở Tư pháp" not in _names(dialog)


def test_add_edit_delete_are_undoable_steps(window, dialog, qtbot, monkeypatch, confirmations):
    import ui.office.agencies_dialog
    from cchc_desktop.store.domain import Agency

    store, controller = window.store, window.controller
    count = len(store.agencies.list())
    forms = iter([Agency(name="Ban Dân tộc tỉnh", abbreviation="BDT")])
    monkeypatch.setattr(ui.office.agencies_dialog.AgencyForm, "exec", lambda self: 1)
    monkeypatch.setattr(ui.office.agencies_dialog.AgencyForm, "agency", lambda self: next(forms))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert "Ban Dân tộc tỉnh" in _names(dialog)
    created = store.agencies.match("BDT")

    forms = iter([Agency(id=created, name="Ban Dân tộc", abbreviation="BDT")])
    _select(dialog, ["Ban Dân tộc tỉnh"])
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert "Ban Dân tộc" in _names(dialog)

    _select(dialog, ["Ban Dân tộc"])
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert store.agencies.match("BDT") is None
    assert controller.undo_stack.count() == 3

    dialog.undo_action.trigger()
    assert store.agencies.get(created).name == "Ban Dân tộc"
    dialog.undo_action.trigger()
    assert store.agencies.get(created).name == "Ban Dân tộc tỉnh"
    dialog.undo_action.trigger()
    assert len(store.agencies.list()) == count
    assert "Ban Dân tộc tỉnh" not in _names(dialog)
    dialog.redo_action.trigger()
    assert store.agencies.match("BDT") == created
