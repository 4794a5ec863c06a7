"""The import preview driven as an officer does: open a document, uncheck a row, correct a
cell, confirm; cancelling writes nothing; re-importing shows differences."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from cchc_desktop.importer import read_document, recognize
from cchc_desktop.importer.apply import diff_plan
from ui.importing import open_import_dialog
from ui.importing.diff_table_model import DiffTableModel
from ui.importing.draft_table_model import COLUMNS, DraftTableModel

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples"


def _sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip("samples folder ../shared/samples not present")
    return path


def _col(name: str) -> int:
    return [c for c, _ in COLUMNS].index(name)


def _state(store) -> tuple:  # noqa: ANN001
    plans = store.plans.list()
    return (len(plans), sum(store.plans.task_counts().values()), len(store.agencies.list()),
            [(p.id, p.title) for p in plans])


def test_open_uncheck_correct_and_confirm_stores_the_tasks(window, qtbot) -> None:
    store = window.store
    plans_before = {p.id for p in store.plans.list()}
    registry_before = [(a.id, a.name) for a in store.agencies.list()]
    dialog = open_import_dialog(window, _sample("002_13bd29d423fdda34.txt"), modal=False)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.target_plan_id() is None  # a different decision: a new plan
    model = dialog.model
    assert model.rowCount() == 22  # 20 tasks and 2 reporting duties, duties unchecked
    dropped = model.tasks[1].content
    assert model.setData(model.index(1, _col("include")), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(model.index(0, _col("time_frame")), "Quý IV/2017")
    assert model.data(model.index(0, _col("time_frame"))) == "Quý IV/2017"
    # a cleared cell is highlighted and listed
    model.setData(model.index(2, _col("lead")), "")
    assert "Chưa có cơ quan chủ trì." in model.tasks[2].problems
    assert model.data(model.index(2, _col("lead")), Qt.ItemDataRole.BackgroundRole) is not None
    model.setData(model.index(2, _col("lead")), "Sở Nội vụ")
    assert "Chưa có cơ quan chủ trì." not in model.tasks[2].problems
    assert dialog.title.text().startswith("Tăng cường thông tin")
    with qtbot.waitSignal(dialog.saved, timeout=3000) as saved:
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    plan_id = saved.args[0]
    assert plan_id not in plans_before
    tasks = store.tasks.tasks_of_plan(plan_id)
    assert len(tasks) == 19
    assert dropped not in [t.content for t in tasks]
    assert tasks[0].time_frame == "Quý IV/2017"
    assert store.plans.get(plan_id).number == "52/QĐ-UBND"
    assert store.agencies.match("Báo Đắk Nông") is not None
    assert window.tasks_tab.isVisible()
    added = store.agencies.match("Báo Đắk Nông")
    leads = [(t.id, [(r.text, r.agency_id) for r in t.lead]) for t in tasks]
    assert added in {r.agency_id for t in tasks for r in t.lead}
    # one undoable step: undo takes the plan away and the agencies it added to the registry;
    # redo puts both back under the same ids, the tasks linked to them again
    window.controller.undo_stack.undo()
    assert plan_id not in {p.id for p in store.plans.list()}
    assert [(a.id, a.name) for a in store.agencies.list()] == registry_before
    window.controller.undo_stack.redo()
    assert store.agencies.match("Báo Đắk Nông") == added
    assert [(t.id, [(r.text, r.agency_id) for r in t.lead]) for t in store.tasks.tasks_of_plan(plan_id)] == leads


def test_a_lead_corrected_to_a_name_the_registry_lacks_is_offered_for_it(window, qtbot) -> None:
    """Correcting a task's lead in the preview to an agency the registry does not know offers
    that name under "Cơ quan mới", ticked; the names the officer unticked stay unticked; a name
    no task has any longer is no longer offered. Saved, the agency is added and the task linked."""
    store = window.store
    dialog = open_import_dialog(window, _sample("002_13bd29d423fdda34.txt"), modal=False)
    assert dialog is not None
    qtbot.addWidget(dialog)
    offered = [dialog.agencies.item(i).text() for i in range(dialog.agencies.count())]
    assert "Báo Đắk Nông" in offered
    unticked = next(i for i in range(dialog.agencies.count()) if dialog.agencies.item(i).text() == "Báo Đắk Nông")
    dialog.agencies.item(unticked).setCheckState(Qt.CheckState.Unchecked)
    model = dialog.model
    row = next(r for r, t in enumerate(model.tasks) if t.kind == "task" and t.lead and "Đắk Nông" not in t.lead)
    assert model.setData(model.index(row, _col("lead")), "Trung tâm Truyền thông thị xã Mới")
    now = {dialog.agencies.item(i).text(): dialog.agencies.item(i).checkState() == Qt.CheckState.Checked
           for i in range(dialog.agencies.count())}
    assert now["Trung tâm Truyền thông thị xã Mới"] is True  # offered, ticked
    assert now["Báo Đắk Nông"] is False  # still offered (other tasks name it), still unticked
    assert all(now[n] for n in offered if n in now and n != "Báo Đắk Nông")
    assert dialog.tabs.tabText(dialog.tabs.indexOf(dialog.agencies)) == f"Cơ quan mới ({len(now)})"
    with qtbot.waitSignal(dialog.saved, timeout=3000) as saved:
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    added = store.agencies.match("Trung tâm Truyền thông thị xã Mới")
    assert added is not None and store.agencies.match("Báo Đắk Nông") is None
    leads = [[r.agency_id for r in t.lead] for t in store.tasks.tasks_of_plan(saved.args[0])]
    assert [added] in leads


def test_cancel_leaves_the_database_as_it_was(window, qtbot) -> None:
    before = _state(window.store)
    dialog = open_import_dialog(window, _sample("004_e8a46c88b34e84f6.txt"), modal=False)
    qtbot.addWidget(dialog)
    dialog.model.setData(dialog.model.index(0, _col("content")), "Sửa thử")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _state(window.store) == before
    assert window.controller.undo_stack.count() == 0


def test_reimport_of_the_demo_decision_shows_no_difference_and_adds_nothing(window, qtbot) -> None:
    store = window.store
    (demo,) = store.plans.list()
    dialog = open_import_dialog(window, _sample("003_2be5e5626b2fea28.txt"), modal=False)
    qtbot.addWidget(dialog)
    assert dialog.target_plan_id() == demo.id  # same number and symbol: offered as a re-import
    assert dialog.diff_model.counts() == {"added": 0, "changed": 0, "unchanged": 14, "missing": 0}
    dialog.tabs.setCurrentIndex(0)
    dialog.model.setData(dialog.model.index(4, _col("time_frame")), "Quý III/2024")
    dialog.model.setData(dialog.model.index(5, _col("time_frame")), "Quý II/2024")
    dialog.tabs.setCurrentIndex(dialog.diff_index)
    assert dialog.diff_model.counts()["changed"] == 2
    changed = [i for i, d in enumerate(dialog.diff_model.diffs) if d.kind == "changed"]
    dialog.diff_model.setData(dialog.diff_model.index(changed[1], 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    dialog.tabs.setCurrentIndex(0)
    dialog.model.setData(dialog.model.index(0, _col("content")), dialog.model.tasks[0].content)  # no change: ticks stay
    with qtbot.waitSignal(dialog.saved, timeout=3000):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    tasks = store.tasks.tasks_of_plan(demo.id)
    assert len(tasks) == 14 and len(store.plans.list()) == 1
    assert tasks[4].time_frame == "Quý III/2024"
    assert tasks[5].time_frame == "Thường xuyên"  # its difference was not ticked
    window.controller.undo_stack.undo()
    assert store.tasks.tasks_of_plan(demo.id)[4].time_frame == "Quý IV/2024"


def test_undo_of_a_reimport_takes_away_the_agencies_it_added_and_redo_brings_them_back(
    window, qtbot, tmp_path: Path
) -> None:
    """The demo decision received again with task 13 led by an agency the registry lacks: the
    re-import adds it (ticked in "Cơ quan mới"); undo takes it away with the change, redo puts
    both back, the task linked to it under the same id."""
    store = window.store
    (demo,) = store.plans.list()
    registry_before = [(a.id, a.name) for a in store.agencies.list()]
    text = _sample("003_2be5e5626b2fea28.txt").read_text(encoding="utf-8")
    assert text.count("\n\tBáo Vĩnh Long\n") == 1  # task 13's lead
    received = tmp_path / "003-nhan-lai.txt"
    received.write_text(text.replace("\n\tBáo Vĩnh Long\n", "\n\tTrung tâm Truyền thông thị xã Mới\n"), encoding="utf-8")
    dialog = open_import_dialog(window, received, modal=False)
    qtbot.addWidget(dialog)
    assert dialog.target_plan_id() == demo.id
    assert dialog.selected_agencies() == ["Trung tâm Truyền thông thị xã Mới"]
    with qtbot.waitSignal(dialog.saved, timeout=3000):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    added = store.agencies.match("Trung tâm Truyền thông thị xã Mới")
    assert added is not None

    def leads() -> list[list[tuple[str, int | None]]]:
        return [[(r.text, r.agency_id) for r in t.lead] for t in store.tasks.tasks_of_plan(demo.id)]

    assert leads()[12] == [("Trung tâm Truyền thông thị xã Mới", added)]  # task 13, linked
    after = leads()
    window.controller.undo_stack.undo()
    assert [(a.id, a.name) for a in store.agencies.list()] == registry_before
    assert "Trung tâm Truyền thông thị xã Mới" not in [text for lead in leads() for text, _a in lead]
    window.controller.undo_stack.redo()
    assert store.agencies.match("Trung tâm Truyền thông thị xã Mới") == added
    assert leads() == after


def test_broken_document_shows_a_vietnamese_message(window, errors, tmp_path: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_text("không phải Word", encoding="utf-8")
    assert open_import_dialog(window, bad, modal=False) is None
    assert errors and "không phải tệp Word" in errors[-1]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Qt 6 offers only the QPoint form of QDragEnterEvent
def test_file_menu_action_and_dropping_a_document_or_text(window, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert window.import_action.text() == "Nhập kế hoạch từ văn bản..."
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    assert window.import_action in window.file_menu.actions()
    opened: list[tuple] = []
    import ui.importing

    monkeypatch.setattr(ui.importing, "open_import_dialog", lambda w, path=None, text=None: opened.append((path, text)))
    doc = tmp_path / "ke_hoach.docx"
    doc.write_bytes(b"PK")
    plan_text = _sample("004_e8a46c88b34e84f6.txt").read_text(encoding="utf-8")

    def mime_of(path: str | None = None, text: str | None = None) -> QMimeData:
        mime = QMimeData()
        if path:
            mime.setUrls([QUrl.fromLocalFile(path)])
        if text:
            mime.setText(text)
        return mime

    for mime, accepted in ((mime_of(str(doc)), True), (mime_of(str(tmp_path / "anh.png")), False),
                           (mime_of(text=plan_text), True), (mime_of(text="một chữ"), False)):
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        enter.setAccepted(False)
        window.dragEnterEvent(enter)
        assert enter.isAccepted() == accepted
    for mime in (mime_of(str(doc)), mime_of(text=plan_text)):
        drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        window.dropEvent(drop)
    assert opened == []  # the preview opens after the drop has finished
    qtbot.waitUntil(lambda: len(opened) == 2)
    assert opened == [(str(doc), None), (None, plan_text)]


def test_pasted_text_is_previewed_like_a_file(window, qtbot) -> None:
    text = _sample("004_e8a46c88b34e84f6.txt").read_text(encoding="utf-8")
    dialog = open_import_dialog(window, text=text, modal=False)
    qtbot.addWidget(dialog)
    assert dialog.result.source_name == "Văn bản dán"
    assert len(dialog.model.tasks) == 9  # 7 tasks and 2 reporting duties
    assert dialog.title.text() == "Tuyên truyền công tác cải cách hành chính tỉnh Bình Định năm 2021"


def test_preview_models_pass_the_model_tester(qtmodeltester, demo_store) -> None:
    result = recognize(read_document(_sample("002_13bd29d423fdda34.txt")), demo_store)
    model = DraftTableModel([*result.tasks, *result.duties], lambda task: None)
    qtmodeltester.check(model)
    (demo,) = demo_store.plans.list()
    diffs = DiffTableModel()
    diffs.set_diffs(diff_plan(demo_store, demo.id, recognize(read_document(_sample("003_2be5e5626b2fea28.txt")), demo_store)))
    qtmodeltester.check(diffs)


def test_spreadsheet_columns_are_mapped_in_the_preview(window, qtbot, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Tập huấn CCHC cho công chức", "Quý II/2025", "Sở Nội vụ"])
    sheet.append(["Chuyên mục CCHC trên sóng phát thanh", "Hằng tháng", "Đài PT-TH tỉnh"])
    path = tmp_path / "Nhiệm vụ 2025.xlsx"
    book.save(path)
    dialog = open_import_dialog(window, path, modal=False)
    qtbot.addWidget(dialog)
    assert len(dialog.column_boxes) == 3
    assert dialog.title.text() == "Nhiệm vụ 2025"
    assert dialog.model.tasks[0].lead == "Quý II/2025"  # guessed in the usual order: wrong here
    dialog.column_boxes[1].setCurrentIndex(dialog.column_boxes[1].findData("time_frame"))
    dialog.column_boxes[2].setCurrentIndex(dialog.column_boxes[2].findData("lead"))
    assert [(t.time_frame, t.lead) for t in dialog.model.tasks] == [("Quý II/2025", "Sở Nội vụ"), ("Hằng tháng", "Đài PT-TH tỉnh")]
    with qtbot.waitSignal(dialog.saved, timeout=3000) as saved:
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    plan = window.store.plans.get(saved.args[0])
    assert (plan.title, plan.period_start, plan.status.value) == ("Nhiệm vụ 2025", 2025, "draft")
    tasks = window.store.tasks.tasks_of_plan(plan.id)
    assert [t.lead_names for t in tasks] == [["Sở Nội vụ"], ["Đài PT-TH tỉnh"]]
    assert tasks[1].lead[0].agency_id == window.store.agencies.match("Đài Phát thanh và Truyền hình tỉnh")
