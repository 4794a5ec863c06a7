"""The Báo cáo tab and the progress dialog, driven like an officer would, on the demo plan (2024)."""

from __future__ import annotations

import datetime as dt

import pdfplumber
import pytest
from PySide6.QtCore import Qt

from cchc_desktop import report as rp
from cchc_desktop.domain import TaskStatus
from cchc_desktop.progress import ProgressService
from cchc_desktop.schedule import DONE_ON_TIME, IN_PROGRESS, OVERDUE

TODAY = dt.date(2024, 4, 15)


@pytest.fixture
def controller(demo_store):
    from ui.controller import Controller

    return Controller(demo_store)


@pytest.fixture
def tab(qtbot, controller, errors):
    from ui.reports.reports_tab import ReportsTab

    w = ReportsTab(controller, today=TODAY)
    qtbot.addWidget(w)
    w.resize(1300, 800)
    w.set_period("2024-Q1")
    w.show()
    qtbot.waitExposed(w)
    return w


def _task(store, time_frame: str) -> int:
    return next(int(r.task.id) for r in store.tasks.rows() if r.task.time_frame == time_frame)


def _count(tab, state: str) -> int:
    from ui.reports.totals_model import StateRole

    m = tab.totals_model
    for row in range(m.rowCount()):
        if m.index(row, 0).data(StateRole) == state:
            return int(m.index(row, 1).data())
    raise AssertionError(state)


def test_totals_on_screen_are_the_report_figures(tab, demo_store) -> None:
    expected = rp.build_report(demo_store, rp.parse_period("2024-Q1"), today=TODAY)
    assert tab.report is not None and tab.report.period.label == "Quý I năm 2024"
    for state in rp.ALL_STATES:
        assert _count(tab, state) == expected.totals.count(state)
    assert _count(tab, OVERDUE) == 1  # "Trước ngày 16/01/2024", nothing recorded
    total_row = tab.totals_model.rowCount() - 1
    assert tab.totals_model.index(total_row, 0).data() == "Tổng số"
    assert tab.totals_model.index(total_row, 1).data() == 14
    assert "Quý I năm 2024" in tab.period_label.text()
    assert tab.states_chart.chart().series()  # the chart is drawn


def test_period_chooser_and_custom_range(tab) -> None:
    tab.period_combo.setCurrentIndex(tab.period_combo.findData("H1"))
    assert tab.report.period.label == "6 tháng đầu năm 2024"
    assert _count(tab, OVERDUE) == 2  # "Quý I/2024" is overdue by 30/06 too
    tab.period_combo.setCurrentIndex(tab.period_combo.findData("custom"))
    assert tab.from_date.isEnabled() and not tab.year_spin.isEnabled()
    tab.from_date.setDate(dt.date(2024, 1, 1))
    tab.to_date.setDate(dt.date(2024, 1, 31))
    assert (tab.report.period.start, tab.report.period.end) == (dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    tab.set_period("2024-9M")
    assert tab.period_combo.currentData() == "9M" and tab.report.period.label == "9 tháng năm 2024"


def test_agency_table_is_sortable_and_merges_aliases(tab) -> None:
    from ui.reports.agency_model import COLUMNS

    proxy = tab.agency_proxy
    names = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    # Written "Đài Phát thanh và Truyền hình Vĩnh Long" in the plan: counted under the registry's name.
    assert names.count("Đài Phát thanh và Truyền hình tỉnh") == 1
    total_col = COLUMNS.index("total")
    tab.agency_view.sortByColumn(total_col, Qt.SortOrder.DescendingOrder)
    totals = [proxy.index(r, total_col).data() for r in range(proxy.rowCount())]
    assert totals == sorted(totals, reverse=True) and totals[0] == 3


def test_double_click_on_a_number_lists_the_tasks_behind_it(qtbot, tab) -> None:
    from ui.reports.totals_model import StateRole

    m = tab.totals_model
    row = next(r for r in range(m.rowCount()) if m.index(r, 0).data(StateRole) == IN_PROGRESS)
    view = tab.totals_view
    rect = view.visualRect(view.model().index(row, 1))
    # Qt 6 reports a double-click only after a press/release at the same place.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = tab._drill
    assert dialog is not None and dialog.isVisible()
    assert sorted(dialog.task_ids()) == sorted(tab.report.drill(IN_PROGRESS))
    assert dialog.table.rowCount() == 4
    states = {dialog.table.item(r, 5).text() for r in range(dialog.table.rowCount())}
    assert states == {"Đang thực hiện trong hạn"}
    dialog.close()
    # Per agency: the cell of one agency and one state.
    from ui.reports.agency_model import COLUMNS

    proxy = tab.agency_proxy
    r = next(i for i in range(proxy.rowCount()) if proxy.index(i, 0).data() == "Sở Tư pháp")
    index = proxy.index(r, COLUMNS.index(IN_PROGRESS))
    tab._drill_index(index)
    assert [tab.report.task(t).lead for t in tab._drill.task_ids()] == [["Sở Tư pháp"]]


def test_recording_progress_updates_the_tab(qtbot, tab, controller, demo_store, tmp_path) -> None:
    from ui.progress_dialog import ProgressDialog

    task_id = _task(demo_store, "Quý I và II/2024")
    before = _count(tab, DONE_ON_TIME)
    dialog = ProgressDialog(controller, task_id, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.occurrence_combo.currentData() is None  # one deadline: the task as a whole
    dialog.state_combo.setCurrentIndex(dialog.state_combo.findData("done"))
    dialog.done_on.setDate(dt.date(2024, 3, 20))
    dialog.note_edit.setPlainText("Đã đăng 5 tin, bài")
    dialog.count_spin.setValue(5)
    dialog.officer_edit.setText("Nguyễn Văn A")
    dialog.evidence_number.setText("Công văn số 12/STTTT")
    proof = tmp_path / "minh-chung.pdf"
    proof.write_bytes(b"%PDF-1.4")
    dialog.add_files([proof])
    with qtbot.waitSignal(controller.changed, timeout=2000):
        dialog.accept()
    (entry,) = ProgressService(demo_store).history(task_id)
    assert (entry.state, entry.done_on, entry.count, entry.officer) == (TaskStatus.DONE, dt.date(2024, 3, 20), 5, "Nguyễn Văn A")
    assert entry.attachments == ["minh-chung.pdf"]
    assert _count(tab, DONE_ON_TIME) == before + 1
    assert tab.evidence_table.rowCount() == 1 and tab.evidence_table.item(0, 3).text() == "Công văn số 12/STTTT"
    # The history of the next dialog shows the entry.
    again = ProgressDialog(controller, task_id, today=TODAY)
    qtbot.addWidget(again)
    assert again.history.rowCount() == 1 and again.history.item(0, 6).text() == "Đã đăng 5 tin, bài"


def test_bad_progress_keeps_the_dialog_open_and_changes_nothing(qtbot, controller, demo_store, errors) -> None:
    from ui.progress_dialog import ProgressDialog

    task_id = _task(demo_store, "Quý I/2024")
    dialog = ProgressDialog(controller, task_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.link_edit.setText("x" * 3000)
    dialog.accept()
    assert errors and "quá dài" in errors[-1]
    assert dialog.saved is None and ProgressService(demo_store).history(task_id) == []


def test_recurring_task_progress_goes_to_the_chosen_occurrence(qtbot, controller, demo_store) -> None:
    from ui.progress_dialog import ProgressDialog

    task_id = ProgressService(demo_store).store.tasks.create(
        demo_store.tasks.rows()[0].task.__class__(plan_id=demo_store.plans.list()[0].id, content="Bản tin hằng tháng",
                                                  time_frame="01 bản tin/tháng")).id
    dialog = ProgressDialog(controller, int(task_id), dt.date(2024, 2, 29), today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.occurrence_combo.count() == 12 and dialog.occurrence_combo.currentData() == dt.date(2024, 2, 29)
    assert "bản tin" in dialog.count_spin.suffix()
    dialog.count_spin.setValue(1)
    dialog.accept()
    latest = ProgressService(demo_store).latest_by_occurrence([int(task_id)])
    assert latest[(int(task_id), dt.date(2024, 2, 29))].count == 1
    assert demo_store.tasks.get(int(task_id)).status is TaskStatus.TODO  # the task as a whole is still open


def test_texts_and_exports(tab, demo_store, tmp_path, monkeypatch) -> None:
    from ui.reports.texts_dialog import ReportTextsDialog

    def fill(dialog) -> int:  # noqa: ANN001
        dialog.edits["shortcomings"].setPlainText("Tiến độ một số nhiệm vụ còn chậm.")
        return 1

    monkeypatch.setattr(ReportTextsDialog, "exec", fill)
    assert tab.edit_texts()
    assert rp.report_texts(demo_store, tab.report)["shortcomings"] == "Tiến độ một số nhiệm vụ còn chậm."
    pdf, xlsx, docx = tmp_path / "q1.pdf", tmp_path / "q1.xlsx", tmp_path / "q1.docx"
    assert tab.export_to("pdf", pdf) and tab.export_to("xlsx", xlsx) and tab.export_to("docx", docx)
    with pdfplumber.open(pdf) as doc:
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in doc.pages)
    assert "Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính quý I năm 2024" in text
    assert "Tiến độ một số nhiệm vụ còn chậm." in text
    assert f"Quá hạn chưa hoàn thành {_count(tab, OVERDUE)} " in text
    assert xlsx.stat().st_size > 0 and docx.stat().st_size > 0


def test_models_pass_the_model_tester(qtmodeltester, tab) -> None:
    tab.set_period("2024")
    for model in (tab.totals_model, tab.agency_model, tab.quota_model, tab.agency_quota_model):
        qtmodeltester.check(model)
