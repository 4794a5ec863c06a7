"""The Nhiệm vụ tab driven with keys and clicks: search, edit in place, add, delete, reorder, copy, paste."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QMimeData, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from cchc_desktop.store.domain import TaskStatus
from ui.tasks.task_table_model import COLUMNS


def _task_rows(tab):
    return [tab.model.task_at(r) for r in range(tab.model.rowCount()) if tab.model.task_at(r)]


def _select(tab, *rows):
    sel = tab.view.selectionModel()
    sel.clearSelection()
    for i, row in enumerate(rows):
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        if i == 0:
            sel.setCurrentIndex(tab.model.index(row, 1), flags)
        else:
            sel.select(tab.model.index(row, 1), flags)


def _open_tasks(window):
    window.tabs.setCurrentWidget(window.tasks_tab)
    return window.tasks_tab


def test_search_ignores_diacritics(window, qtbot):
    tab = _open_tasks(window)
    assert tab.model.visible_task_count() == 14
    qtbot.keyClicks(tab.search, "so noi vu")
    contents = [t.content for t in _task_rows(tab)]
    assert len(contents) == 3
    assert all("Sở Nội vụ" in (t.content + " ".join(t.lead_names + t.partner_names)) for t in _task_rows(tab))
    assert tab.count_label.text() == "3/14 nhiệm vụ"
    tab.search.clear()
    qtbot.keyClicks(tab.search, "DAI PHAT THANH")
    assert [t.lead_names for t in _task_rows(tab)] == [["Đài Phát thanh và Truyền hình Vĩnh Long"]]


def test_agency_filter_follows_aliases(window, qtbot, type_text):
    tab = _open_tasks(window)
    type_text(tab.agency_edit, "Đài PT-TH tỉnh")
    qtbot.waitUntil(lambda: tab.model.visible_task_count() == 1)
    assert _task_rows(tab)[0].lead_names == ["Đài Phát thanh và Truyền hình Vĩnh Long"]


def test_edit_in_place_then_undo_redo(window, qtbot, type_text):
    tab = _open_tasks(window)
    store = window.store
    task = _task_rows(tab)[1]
    row = tab.model.row_of_task(task.id)
    index = tab.model.index(row, COLUMNS.index("time_frame"))
    tab.view.setCurrentIndex(index)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_text(editor, "Quý III/2024")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the item delegate commits the editor's text through a queued call
    qtbot.waitUntil(lambda: store.tasks.get(task.id).time_frame == "Quý III/2024")
    window.undo_action.trigger()
    assert store.tasks.get(task.id).time_frame == "Quý I và II/2024"
    window.redo_action.trigger()
    assert store.tasks.get(task.id).time_frame == "Quý III/2024"


def test_add_task_through_the_form(window, qtbot):
    tab = _open_tasks(window)
    store = window.store
    plan_id = store.plans.list()[0].id
    _select(tab, 2)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.content.setPlainText("Tuyên truyền <Phòng CCHC> & A&B\ndòng hai")
        dialog.lead.setText("Sở Văn hóa, Thể thao và Du lịch")
        dialog.partners.setText("Đài PT-TH tỉnh; Các cơ quan, đơn vị liên quan")
        dialog.time_frame.setText("Quý II/2024")
        dialog.accept()

    QTimer.singleShot(0, fill)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Insert)
    rows = store.tasks.rows(plan_id)
    assert len(rows) == 15
    new = rows[3].task  # inserted after the current (third) task
    assert new.content == "Tuyên truyền <Phòng CCHC> & A&B\ndòng hai"
    assert new.lead_names == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert new.lead[0].agency_id == store.agencies.match("Sở VHTTDL")
    assert new.partner_names == ["Đài PT-TH tỉnh", "Các cơ quan, đơn vị liên quan"]
    assert new.partners[1].agency_id is None
    assert rows[3].stt == 4 and rows[4].stt == 5
    window.undo_action.trigger()
    assert len(store.tasks.rows(plan_id)) == 14


def test_empty_content_is_refused_with_a_message(window, qtbot, errors):
    tab = _open_tasks(window)
    store = window.store
    _select(tab, 0)
    attempts = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not attempts:
            attempts.append(1)
            dialog.content.setPlainText("   ")
            dialog.accept()
            QTimer.singleShot(0, fill)
        else:
            dialog.reject()

    QTimer.singleShot(0, fill)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Insert)
    assert errors == ["Nội dung nhiệm vụ không được để trống."]
    assert store.plans.task_count(store.plans.list()[0].id) == 14


def test_delete_asks_and_undo_restores_same_tasks(window, qtbot, confirmations):
    tab = _open_tasks(window)
    store = window.store
    plan_id = store.plans.list()[0].id
    before = [(r.task.id, r.task.content) for r in store.tasks.rows(plan_id)]
    _select(tab, 0, 1)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert confirmations == ["Xóa 2 nhiệm vụ đã chọn?\n\nCó thể hoàn tác bằng Ctrl+Z."]
    assert store.plans.task_count(plan_id) == 12
    window.undo_action.trigger()
    assert [(r.task.id, r.task.content) for r in store.tasks.rows(plan_id)] == before


def test_move_down_and_up_with_keys(window, qtbot):
    tab = _open_tasks(window)
    store = window.store
    plan_id = store.plans.list()[0].id
    ids = [r.task.id for r in store.tasks.rows(plan_id)]
    _select(tab, 0)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    after = [r.task.id for r in store.tasks.rows(plan_id)]
    assert after[:2] == [ids[1], ids[0]] and after[2:] == ids[2:]
    assert tab.selected_task_ids() == [ids[0]]
    qtbot.keyClick(tab.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [r.task.id for r in store.tasks.rows(plan_id)] == ids
    window.undo_action.trigger()
    assert [r.task.id for r in store.tasks.rows(plan_id)][:2] == [ids[1], ids[0]]


def test_groups_number_and_drag_between_groups(window, qtbot):
    tab = _open_tasks(window)
    store = window.store
    plan = store.plans.list()[0]
    appendix_id = plan.appendices[0].id
    g1 = store.tasks.add_group(appendix_id, "Văn phòng UBND tỉnh")
    g2 = store.tasks.add_group(appendix_id, "Sở Thông tin và Truyền thông")
    ids = [r.task.id for r in store.tasks.rows(plan.id)]
    store.tasks.move_to_group(ids[:2], g1.id)
    store.tasks.move_to_group(ids[2:5], g2.id)
    window.controller.notify("tasks")
    labels = [(tab.model.display_row(r).kind, tab.model.display_row(r).stt) for r in range(tab.model.rowCount())]
    assert ("group", "I") in labels and ("group", "II") in labels
    rows = store.tasks.rows(plan.id)
    assert [r.stt for r in rows if r.task.group_id == g2.id] == [1, 2, 3]
    # drag the first task of group I onto the second task of group II
    source_row = tab.model.row_of_task(ids[0])
    target_row = tab.model.row_of_task(ids[3])
    mime = tab.model.mimeData([tab.model.index(source_row, 1)])
    tab.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, tab.model.index(target_row, 1))
    moved = store.tasks.get(ids[0])
    assert moved.group_id == g2.id
    assert [r.task.id for r in store.tasks.rows(plan.id) if r.task.group_id == g2.id] == [ids[2], ids[0], ids[3], ids[4]]
    window.undo_action.trigger()
    assert store.tasks.get(ids[0]).group_id == g1.id


def test_copy_rows_for_word_and_excel(window, qtbot):
    tab = _open_tasks(window)
    _select(tab, 0, 1)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    first, second = _task_rows(tab)[:2]
    assert "<table" in mime.html() and "Cơ quan chủ trì" in mime.html()
    lines = mime.text().split("\r\n")
    assert lines[0].split("\t")[:3] == ["1", first.content, "Văn phòng UBND tỉnh"]
    assert lines[1].split("\t")[4] == second.time_frame


def test_paste_rows_from_excel_with_preview(window, qtbot):
    tab = _open_tasks(window)
    store = window.store
    plan_id = store.plans.list()[0].id
    mime = QMimeData()
    mime.setText(
        "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\r\n"
        "1\t\"Viết tin, bài\nvề CCHC\"\tBáo Vĩnh Long\tSở Nội vụ\t03 tin (bài)/tháng\r\n"
        "2\tTập huấn cán bộ\tSở Nội vụ\t\tQuý II/2024\r\n"
    )
    QGuiApplication.clipboard().setMimeData(mime)
    _select(tab, 13)
    seen = {}

    def accept() -> None:
        dialog = QApplication.activeModalWidget()
        seen["mapping"] = dialog.mapping()
        seen["summary"] = dialog.summary.text()
        dialog.accept()

    QTimer.singleShot(0, accept)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert seen["mapping"] == ["stt", "content", "lead", "partners", "time_frame"]
    assert seen["summary"].startswith("Sẽ thêm 2 nhiệm vụ")
    rows = store.tasks.rows(plan_id)
    assert len(rows) == 16
    assert rows[14].task.content == "Viết tin, bài\nvề CCHC"
    assert rows[14].task.lead_names == ["Báo Vĩnh Long"] and rows[14].task.time_frame == "03 tin (bài)/tháng"
    window.undo_action.trigger()
    assert len(store.tasks.rows(plan_id)) == 14


def test_redo_of_a_paste_brings_back_the_same_rows_and_what_came_after_it(window, qtbot):
    """Pasted rows (a group row and tasks) undone and redone come back under the same ids, so
    the steps after the paste (here a pasted task set to done) redo too."""
    from cchc_desktop.store.domain import TaskStatus

    tab = _open_tasks(window)
    store = window.store
    plan_id = store.plans.list()[0].id
    mime = QMimeData()
    mime.setText("STT\tNội dung\tCơ quan chủ trì\r\nI\tTUYÊN TRUYỀN TRÊN BÁO CHÍ\t\r\n"
                 "1\tViết tin, bài về CCHC\tBáo Vĩnh Long\r\n2\tPhóng sự truyền hình\tĐài PT-TH tỉnh\r\n")
    QGuiApplication.clipboard().setMimeData(mime)
    _select(tab, 13)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().accept())
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    def shown() -> list[tuple]:
        return [(r.task.id, r.group_title, r.stt, r.task.content, r.task.status) for r in store.tasks.rows(plan_id)]

    pasted = shown()
    assert ("TUYÊN TRUYỀN TRÊN BÁO CHÍ", "Viết tin, bài về CCHC") in [(g, c) for _i, g, _s, c, _t in pasted]
    task_id = next(i for i, _g, _s, c, _t in pasted if c == "Phóng sự truyền hình")
    window.controller.set_status([task_id], TaskStatus.DONE)
    done = shown()
    for _ in range(2):
        window.undo_action.trigger()
    assert len(shown()) == 14
    for _ in range(2):
        window.redo_action.trigger()
    assert shown() == done
    assert window.controller.undo_stack.index() == window.controller.undo_stack.count()  # nothing refused


def test_status_filter_and_context_status(window, qtbot, person):
    tab = _open_tasks(window)
    first, third = (tab.view.visualRect(tab.model.index(row, 1)).center() for row in (0, 2))
    person.click(tab.view.viewport(), first)
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, third)
    picked = [t.id for t in _task_rows(tab)[:3:2]]
    assert sorted(tab.selected_task_ids()) == sorted(picked)
    person.context_menu(tab.view.viewport(), third, "Đặt trạng thái", "Hoàn thành")
    person.choose(tab.status_combo, "Hoàn thành")
    assert tab.model.visible_task_count() == 2
    assert [t.id for t in _task_rows(tab)] == picked
    assert all(t.completed_on == dt.date.today() for t in _task_rows(tab))
    assert window.undo_action.text().endswith("Đổi trạng thái: Hoàn thành")

    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.model.visible_task_count() == 0
    assert all(window.store.tasks.get(i).status is TaskStatus.TODO for i in picked)
