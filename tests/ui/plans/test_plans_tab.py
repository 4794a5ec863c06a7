"""The Kế hoạch tab: create, edit and save, duplicate, delete with confirmation, undo."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def test_new_plan_then_undo(window, qtbot):
    tab = window.plans_tab
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    plans = window.store.plans.list()
    assert len(plans) == 2
    new = next(p for p in plans if p.id != 1)
    assert new.status.value == "draft" and len(new.appendices) == 1
    assert tab.current_plan_id() == new.id
    window.undo_action.trigger()
    assert [p.id for p in window.store.plans.list()] == [1]


def test_edit_and_save_with_ctrl_s_then_undo(window, qtbot, type_text):
    tab = window.plans_tab
    editor = tab.editor
    editor.title.selectAll()
    editor.title.setFocus()
    type_text(editor.title, "Kế hoạch tuyên truyền CCHC năm 2024 (sửa đổi)")
    editor.legal_bases.appendPlainText("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020;")
    assert editor.dirty
    qtbot.keyClick(editor.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    plan = window.store.plans.get(1)
    assert plan.title == "Kế hoạch tuyên truyền CCHC năm 2024 (sửa đổi)"
    assert plan.legal_bases[-1].startswith("Căn cứ Nghị định số 30/2020")
    assert len(plan.legal_bases) == 5
    assert not editor.dirty
    window.undo_action.trigger()
    plan = window.store.plans.get(1)
    assert plan.title == "Tuyên truyền cải cách hành chính năm 2024 của tỉnh Vĩnh Long"
    assert len(plan.legal_bases) == 4
    assert window.store.plans.task_count(1) == 14


def test_invalid_plan_is_refused_and_nothing_changes(window, qtbot, errors):
    editor = window.plans_tab.editor
    editor.title.setPlainText("   ")
    window.plans_tab.save_plan()
    assert errors == ["Trích yếu (tên kế hoạch) không được để trống."]
    assert window.store.plans.get(1).title.startswith("Tuyên truyền")


def test_number_shape_warning_does_not_block(window, qtbot):
    editor = window.plans_tab.editor
    editor.number.setText("KH so 5")
    assert editor.number_warning.isVisible() or editor.number_warning.text()
    assert "không theo dạng" in editor.number_warning.text()
    window.plans_tab.save_plan()
    assert window.store.plans.get(1).number == "KH so 5"


def test_delete_says_how_many_tasks_and_undo_restores(window, qtbot, confirmations):
    tab = window.plans_tab
    tab.view.setFocus()
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "14 nhiệm vụ của kế hoạch này cũng bị xóa theo" in confirmations[0]
    assert window.store.plans.list() == []
    assert tab.model.rowCount() == 0
    window.undo_action.trigger()
    assert window.store.plans.task_count(1) == 14
    window.tabs.setCurrentWidget(window.tasks_tab)
    assert window.tasks_tab.model.total_task_count() == 14


def test_duplicate_is_a_draft_copy(window, qtbot):
    tab = window.plans_tab
    qtbot.mouseClick(tab.duplicate_button, Qt.MouseButton.LeftButton)
    plans = window.store.plans.list()
    copy = next(p for p in plans if p.id != 1)
    assert copy.title.endswith("(bản sao)")
    assert copy.number == "/QĐ-UBND" and copy.status.value == "draft"
    assert window.store.plans.task_count(copy.id) == 14


def test_open_tasks_of_a_plan(window, qtbot):
    tab = window.plans_tab
    qtbot.mouseClick(tab.tasks_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.tasks_tab
    assert window.tasks_tab.plan_combo.currentData() == 1
    assert QApplication.activeModalWidget() is None


def test_clicking_plans_in_the_register_fills_the_editor_once_each(window, qtbot):
    """The plan chosen at start and each plan clicked after it fill the editor, read once."""
    tab = window.plans_tab
    first = window.store.plans.get(1)
    second = window.store.plans.create(replace(first, id=None, number="07/KH-UBND", title="Kế hoạch thứ hai",
                                               issuer="UBND huyện Long Hồ", sections=[], appendices=[]))
    tab.reload(select_id=1)
    assert tab.editor.number.text() == first.number and tab.editor.title.toPlainText() == first.title
    reads, announced = [], []
    original_get = window.store.plans.get
    window.store.plans.get = lambda plan_id: reads.append(plan_id) or original_get(plan_id)
    tab.current_plan_changed.connect(announced.append)
    try:
        for plan, other in ((second, first), (first, second)):
            rect = tab.view.visualRect(tab.model.index(tab.model.row_of(plan.id), 1))
            qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert tab.current_plan_id() == plan.id
            assert tab.editor.number.text() == plan.number
            assert tab.editor.title.toPlainText() == plan.title
            assert tab.editor.issuer.text() == plan.issuer
            assert tab.editor.loaded_plan.id == plan.id != other.id
        tab.select_plan(int(second.id))
        assert tab.editor.number.text() == "07/KH-UBND"
    finally:
        del window.store.plans.get
    assert reads == [second.id, first.id, second.id]
    assert announced == [second.id, first.id, second.id]
    assert not tab.editor.dirty


def test_the_editor_opens_disabled_and_empty_without_plans_and_fills_when_one_is_added(qtbot, store, qsettings):
    """With no plan in the register the editor holds none and takes no typing; the first plan
    added fills it and opens it to edits."""
    from ui.shell.main_window import MainWindow

    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tab = window.plans_tab
    assert tab.model.rowCount() == 0 and tab.current_plan_id() is None
    assert not tab.editor.isEnabled() and tab.editor.loaded_plan is None
    assert tab.editor.number.text() == "" and tab.editor.title.toPlainText() == ""
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    (plan,) = window.store.plans.list()
    assert tab.editor.isEnabled() and tab.editor.loaded_plan.id == plan.id
    assert tab.editor.number.text() == plan.number and tab.editor.title.toPlainText() == plan.title
    assert not tab.editor.dirty
    tab.editor.set_plan(None)
    window.close()
