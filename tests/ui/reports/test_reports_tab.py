"""The Báo cáo tab and the progress dialog, driven like an officer would, on the demo plan (2024)."""

from __future__ import annotations

import datetime as dt

import pdfplumber
import pytest
from PySide6.QtCore import Qt

from cchc_desktop.reporting import report as rp
from cchc_desktop.scheduling.schedule import DONE_ON_TIME, IN_PROGRESS, OVERDUE
from cchc_desktop.store.domain import TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService

TODAY = dt.date(2024, 4, 15)


@pytest.fixture
def controller(demo_store):
    from ui.common.controller import Controller

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
    from ui.tasks.progress_dialog import ProgressDialog

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
    from ui.tasks.progress_dialog import ProgressDialog

    task_id = _task(demo_store, "Quý I/2024")
    dialog = ProgressDialog(controller, task_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.link_edit.setText("x" * 3000)
    dialog.accept()
    assert errors and "quá dài" in errors[-1]
    assert dialog.saved is None and ProgressService(demo_store).history(task_id) == []


def test_recurring_task_progress_goes_to_the_chosen_occurrence(qtbot, controller, demo_store) -> None:
    from ui.tasks.progress_dialog import ProgressDialog

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


def _add_plan(store, number: str, tasks: list[tuple[str, str]]) -> int:
    from cchc_desktop.store.domain import Appendix, Plan, Task

    plan = store.plans.create(Plan(number=number, title=f"Kế hoạch {number}", period_start=2024, period_end=2024,
                                   issuer="Sở Nội vụ", appendices=[Appendix(title="Nhiệm vụ")]))
    for content, when in tasks:
        store.tasks.create(Task(plan_id=plan.id, content=content, time_frame=when,
                                lead=store.agencies.resolve("Sở Nội vụ")))
    return int(plan.id)


def _tick(qtbot, tab, plan_id: int | None) -> None:
    """Tick (or untick) a plan in the chooser's menu with the mouse, as the officer does."""
    menu = tab.plan_chooser.menu()
    menu.popup(tab.plan_chooser.mapToGlobal(tab.plan_chooser.rect().bottomLeft()))
    qtbot.waitExposed(menu)
    if plan_id is None:
        action = tab.plan_chooser.all_action
    else:
        action = next(a for a in menu.actions() if a.data() == plan_id)
    pos = menu.actionGeometry(action).center()
    qtbot.mouseMove(menu, pos)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=pos)
    assert menu.isVisible()  # the menu stays open for the next tick
    menu.close()


def test_several_plans_are_reported_together(qtbot, tab, controller, demo_store) -> None:
    demo_id = demo_store.plans.list()[0].id
    # Plan 2: one task due in Q1 and done on time, one deadline missed (overdue by 31/03).
    p2 = _add_plan(demo_store, "07/KH-SNV", [("Tập huấn cán bộ", "Quý I/2024"), ("Ban hành kế hoạch", "Trước ngày 16/01/2024")])
    # Plan 3: one continuous task, one due in Q2 (in progress).
    p3 = _add_plan(demo_store, "09/KH-SNV", [("Chuyên mục hằng tuần", "Thường xuyên"), ("Hội thi", "Quý II/2024")])
    done = next(r.task.id for r in demo_store.tasks.rows(p2) if r.task.time_frame == "Quý I/2024")
    ProgressService(demo_store).record(ProgressEntry(task_id=done, state=TaskStatus.DONE, done_on=dt.date(2024, 3, 20)))
    controller.notify("plans", "progress")
    assert tab.plan_chooser.text() == "Tất cả kế hoạch trong kỳ"
    assert _count(tab, IN_PROGRESS) == 4 + 1  # every plan: demo 4, plan 3's Q2 task

    _tick(qtbot, tab, demo_id)
    _tick(qtbot, tab, p2)
    assert tab.plan_ids() == sorted([demo_id, p2]) and tab.plan_chooser.text() == "2 kế hoạch"
    assert tab.report.selection == tuple(sorted([demo_id, p2]))
    # Demo (Q1 2024): 0 on time, 4 in progress, 1 overdue, 9 continuous; plan 2: 1 on time, 1 overdue.
    assert [_count(tab, s) for s in rp.ALL_STATES] == [1, 0, 4, 2, 9]
    assert tab.totals_model.index(tab.totals_model.rowCount() - 1, 1).data() == 16
    overdue = [r.task.id for pid in (demo_id, p2) for r in demo_store.tasks.rows(pid)
               if r.task.time_frame == "Trước ngày 16/01/2024"]
    assert len(overdue) == 2 and sorted(tab.report.drill(OVERDUE)) == sorted(overdue)
    dialog = tab.show_tasks(tab.report.drill(OVERDUE), "Quá hạn")
    assert sorted(dialog.task_ids()) == sorted(overdue) and dialog.table.rowCount() == 2
    dialog.close()

    _tick(qtbot, tab, demo_id)  # untick the demo plan: plan 2 alone
    assert tab.plan_ids() == [p2] and tab.plan_chooser.text() == "07/KH-SNV"
    assert [_count(tab, s) for s in rp.ALL_STATES] == [1, 0, 0, 1, 0]
    _tick(qtbot, tab, p3)
    assert [_count(tab, s) for s in rp.ALL_STATES] == [1, 0, 1, 1, 1]
    _tick(qtbot, tab, None)  # "all plans of the period" clears the ticks
    assert tab.plan_ids() is None and tab.report.totals.total == 14 + 2 + 2


def test_set_plans_keeps_texts_per_set_and_exports_the_set(qtbot, tab, controller, demo_store, tmp_path) -> None:
    demo_id = demo_store.plans.list()[0].id
    p2 = _add_plan(demo_store, "07/KH-SNV", [("Tập huấn cán bộ", "Quý I/2024")])
    controller.notify("plans")
    tab.set_plans([p2, demo_id])
    assert tab.plan_ids() == sorted([demo_id, p2])
    rp.save_report_texts(demo_store, tab.report, {"shortcomings": "Chậm tiến độ ở hai kế hoạch."})
    # The same set chosen in another order finds the same texts; one plan alone does not.
    again = rp.build_report(demo_store, tab.report.period, [p2, demo_id], today=TODAY)
    assert rp.report_texts(demo_store, again)["shortcomings"] == "Chậm tiến độ ở hai kế hoạch."
    xlsx = tmp_path / "hai.xlsx"
    assert tab.export_to("xlsx", xlsx)
    from openpyxl import load_workbook

    tasks = list(load_workbook(xlsx)["Nhiệm vụ"].iter_rows(values_only=True))
    assert len(tasks) == 1 + 15 and "Tập huấn cán bộ" in [row[1] for row in tasks]
    tab.set_plan(demo_id)
    assert tab.plan_ids() == [demo_id] and tab.report.totals.total == 14
    assert rp.report_texts(demo_store, tab.report)["shortcomings"] == ""
    tab.set_plan(None)
    assert tab.plan_ids() is None and tab.plan_chooser.all_action.isChecked()
    # A chosen plan that is deleted leaves the choice.
    tab.set_plans([demo_id, p2])
    demo_store.plans.delete(p2)
    controller.notify("plans")
    assert tab.plan_ids() == [demo_id]


@pytest.mark.parametrize(("typed", "chosen", "kind"), [
    ("minh-chung.pdf", "Tệp PDF (*.pdf)", "pdf"),
    ("minh-chung", "Bảng tính Excel (*.xlsx)", "xlsx"),  # no suffix: the filter decides
    ("minh-chung.xlsx", "Tệp PDF (*.pdf)", "xlsx"),  # a typed suffix wins
])
def test_evidence_list_button_writes_pdf_or_excel(qtbot, tab, demo_store, tmp_path, monkeypatch, typed, chosen,
                                                  kind) -> None:
    from PySide6.QtWidgets import QFileDialog

    import ui.reports.reports_tab as module

    task_id = _task(demo_store, "Quý I/2024")
    ProgressService(demo_store).record(ProgressEntry(
        task_id=task_id, state=TaskStatus.DONE, done_on=dt.date(2024, 3, 28), officer="Phạm Thị Ánh",
        evidence_number="Công văn số 45/STTTT-TTBCXB", evidence_date=dt.date(2024, 3, 29)))
    tab.controller.notify("progress")
    asked: list[str] = []

    def save_name(parent, caption, name, filters):  # noqa: ANN001, ARG001
        asked.append(filters)
        return str(tmp_path / typed), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    saved: list[str] = []
    monkeypatch.setattr(module.messages, "info", lambda parent, text, title="": saved.append(text))
    tab.pages.setCurrentIndex(3)
    button = tab.evidence_button
    assert button.isVisible() and button.text() == "Xuất danh mục minh chứng…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == ["Tệp PDF (*.pdf);;Bảng tính Excel (*.xlsx)"]
    out = tmp_path / f"minh-chung.{kind}"
    assert out.exists() and saved and str(out) in saved[0]
    if kind == "pdf":
        with pdfplumber.open(out) as pdf:
            text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
            rows = [[" ".join((c or "").split()) for c in row] for p in pdf.pages for t in p.extract_tables() for row in t]
        assert "DANH MỤC TÀI LIỆU MINH CHỨNG" in text and "quý I năm 2024" in text
        # A number longer than its column breaks inside; the extracted text has a space there.
        assert ["Côngvănsố45/STTTT-TTBCXB", "29/03/2024"] in [[r[3].replace(" ", ""), r[4]] for r in rows]
        assert len([r for r in rows if r[0].isdigit()]) == tab.report.totals.total  # every task of the report
    else:
        from openpyxl import load_workbook

        values = list(load_workbook(out).active.iter_rows(values_only=True))
        row = next(v for v in values if v[4] == "Công văn số 45/STTTT-TTBCXB")
        assert row[5] == "29/03/2024" and row[11] == "Phạm Thị Ánh" and row[3] == "Hoàn thành đúng hạn"
