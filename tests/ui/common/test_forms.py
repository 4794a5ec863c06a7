"""Forms ask before throwing edits away; defaults follow the plan until edited by hand; a new
issue date is today; the register's Trích yếu column has room."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from cchc_desktop.documents.render import settings as doc_settings
from cchc_desktop.scheduling.reminders import Reminder
from cchc_desktop.store.domain import Task


@pytest.fixture
def answer(qtbot):
    """Answer the next "unsaved changes" question with the button of that text; what was
    asked is recorded in `answer.asked`."""
    asked: list[str] = []

    def answer_(button_text: str) -> None:
        tries = [0]

        def click() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                tries[0] += 1
                assert tries[0] < 200, "no question was asked"
                QTimer.singleShot(10, click)
                return
            asked.append(f"{box.windowTitle()}|{box.text()}")
            texts = [b.text() for b in box.buttons()]
            assert texts == ["Lưu", "Bỏ thay đổi", "Tiếp tục sửa"] or sorted(texts) == sorted(
                ["Lưu", "Bỏ thay đổi", "Tiếp tục sửa"])
            next(b for b in box.buttons() if b.text() == button_text).click()

        QTimer.singleShot(0, click)

    answer_.asked = asked  # type: ignore[attr-defined]
    return answer_


def _first_text_field(dialog: QDialog):
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, (QLineEdit, QPlainTextEdit)) and widget.isVisible() and widget.isEnabled() and not widget.isReadOnly() \
                and widget.parentWidget().metaObject().className() not in ("QSpinBox", "QDateEdit", "QDateTimeEdit",
                                                                           "QComboBox", "QDoubleSpinBox"):
            return widget
    raise AssertionError("no text field")


def _dialogs(store):  # noqa: ANN001, ANN202
    """Every form of the window, built on the demo plan."""
    from ui.calendar.calendar_data import AgendaItem
    from ui.calendar.dialogs import DoneDialog, ReminderDialog
    from ui.calendar.reminders_ui import ReminderSettingsDialog
    from ui.common.controller import Controller
    from ui.office.agencies_dialog import AgencyForm
    from ui.office.document_settings_dialog import DocumentSettingsDialog
    from ui.office.office_dialog import OfficeInfoDialog
    from ui.reports.texts_dialog import ReportTextsDialog
    from ui.tasks.progress_dialog import ProgressDialog
    from ui.tasks.schedule_dialog import ScheduleDialog
    from ui.tasks.task_dialog import TaskDialog

    plan = store.plans.list()[0]
    task = store.tasks.tasks_of_plan(plan.id)[1]
    controller = Controller(store)
    return {
        "task": lambda: TaskDialog(store, task, store.tasks.groups_of_plan(plan.id)),
        "new task": lambda: TaskDialog(store, Task(plan_id=plan.id), store.tasks.groups_of_plan(plan.id)),
        "schedule": lambda: ScheduleDialog(task, 2024, None, (7, 1)),
        "progress": lambda: ProgressDialog(controller, int(task.id), today=dt.date(2024, 6, 1)),
        "document settings": lambda: DocumentSettingsDialog(store),
        "office": lambda: OfficeInfoDialog(store),
        "reminder": lambda: ReminderDialog(Reminder(at=dt.datetime(2024, 5, 2, 8, 0))),
        "reminder settings": lambda: ReminderSettingsDialog(store),
        "agency": lambda: AgencyForm(store.agencies.list()[0]),
        "report texts": lambda: ReportTextsDialog({"results": "Đã làm"}, "quý I năm 2024"),
        "done": lambda: DoneDialog(AgendaItem(dt.date(2024, 3, 31), task.id, dt.date(2024, 3, 31), plan.id,
                                              task.content, "Sở Nội vụ", "overdue", "Quá hạn"), dt.date(2024, 4, 2)),
    }


FORMS = ["task", "new task", "schedule", "progress", "document settings", "office", "reminder",
         "reminder settings", "agency", "report texts", "done"]


@pytest.mark.parametrize("name", FORMS)
def test_escape_on_an_unchanged_form_closes_it_at_once(name, qtbot, demo_store, vietnamese_qt, answer):
    dialog = _dialogs(demo_store)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert answer.asked == []


@pytest.mark.parametrize("name", FORMS)
def test_escape_or_close_on_a_changed_form_asks_first(name, qtbot, demo_store, vietnamese_qt, answer, type_text):
    before = doc_settings.load(demo_store)
    dialog = _dialogs(demo_store)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    field = _first_text_field(dialog)
    field.setFocus()
    type_text(field, " thêm")

    answer("Tiếp tục sửa")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert dialog.isVisible(), "the officer chose to go on editing"
    assert len(answer.asked) == 1 and "chưa lưu" in answer.asked[0] and answer.asked[0].startswith(
        "Bỏ các thay đổi chưa lưu?")

    answer("Bỏ thay đổi")
    dialog.close()  # the title bar's close button
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert len(answer.asked) == 2
    assert doc_settings.load(demo_store) == before  # nothing written


def test_typing_back_what_was_there_is_no_change(qtbot, demo_store, vietnamese_qt, answer):
    dialog = _dialogs(demo_store)["task"]()
    qtbot.addWidget(dialog)
    dialog.show()
    original = dialog.time_frame.text()
    dialog.time_frame.setText("Quý II/2024")
    dialog.time_frame.setText(original + "  ")  # surrounding spaces are not stored
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and answer.asked == []


def test_escape_then_save_on_the_new_task_form_stores_the_task(window, qtbot, answer, type_text):
    tab = window.tasks_tab
    window.open_plan_tasks(window.store.plans.list()[0].id)
    plan_id = window.store.plans.list()[0].id
    before = window.store.plans.task_count(plan_id)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog.windowTitle() == "Thêm nhiệm vụ"
        dialog.content.setFocus()
        type_text(dialog.content, "Tuyên truyền trên Zalo")
        answer("Lưu")
        qtbot.keyClick(dialog.content, Qt.Key.Key_Escape)

    QTimer.singleShot(0, fill)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Insert)
    assert len(answer.asked) == 1 and "Nhiệm vụ" in answer.asked[0]
    contents = [t.content for t in window.store.tasks.tasks_of_plan(plan_id)]
    assert len(contents) == before + 1 and "Tuyên truyền trên Zalo" in contents


def test_escape_then_discard_on_the_new_task_form_stores_nothing(window, qtbot, answer, type_text):
    tab = window.tasks_tab
    plan_id = window.store.plans.list()[0].id
    window.open_plan_tasks(plan_id)
    before = window.store.plans.task_count(plan_id)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        type_text(dialog.content, "Nửa chừng")
        answer("Bỏ thay đổi")
        qtbot.keyClick(dialog.content, Qt.Key.Key_Escape)

    QTimer.singleShot(0, fill)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Insert)
    assert len(answer.asked) == 1
    assert window.store.plans.task_count(plan_id) == before


# --------------------------------------------------------------------------- plan editor


def _new_plan(window, qtbot):  # noqa: ANN001, ANN202
    window.tabs.setCurrentWidget(window.plans_tab)
    window.plans_tab.new_button.click()
    editor = window.plans_tab.editor
    assert editor.isEnabled()
    return editor


def test_a_new_plans_titles_follow_the_period_until_edited(window, qtbot):
    editor = _new_plan(window, qtbot)
    year = dt.date.today().year
    # no "Kế hoạch" in the title: the printed plan puts "KẾ HOẠCH" above it
    assert editor.title.toPlainText() == f"Tuyên truyền cải cách hành chính năm {year}"
    editor.period_start.setValue(2025)
    editor.period_end.setValue(2025)
    assert editor.title.toPlainText() == "Tuyên truyền cải cách hành chính năm 2025"
    assert editor.appendices.items()[0][0] == "Nhiệm vụ tuyên truyền cải cách hành chính năm 2025"
    editor.period_end.setValue(2027)
    assert editor.appendices.items()[0][0] == "Nhiệm vụ tuyên truyền cải cách hành chính giai đoạn 2025-2027"

    editor.title.setPlainText("Kế hoạch tuyên truyền CCHC của Sở")  # written by hand: it stays
    editor.period_end.setValue(2025)
    assert editor.title.toPlainText() == "Kế hoạch tuyên truyền CCHC của Sở"
    assert editor.appendices.items()[0][0] == "Nhiệm vụ tuyên truyền cải cách hành chính năm 2025"
    editor.appendices.list.item(0).setText("Phụ lục I: Nhiệm vụ trọng tâm")
    editor.period_start.setValue(2026)
    assert editor.appendices.items()[0][0] == "Phụ lục I: Nhiệm vụ trọng tâm"

    editor.period_start.setValue(2025)
    editor.period_end.setValue(2025)
    assert window.plans_tab.save_plan()
    saved = window.store.plans.get(window.plans_tab.current_plan_id())
    assert (saved.period_start, saved.period_end, saved.title) == (2025, 2025, "Kế hoạch tuyên truyền CCHC của Sở")
    assert [a.title for a in saved.appendices] == ["Phụ lục I: Nhiệm vụ trọng tâm"]


def test_the_stored_appendix_title_follows_the_period(window, qtbot):
    editor = _new_plan(window, qtbot)
    editor.period_start.setValue(2025)
    editor.period_end.setValue(2025)
    assert window.plans_tab.save_plan()
    saved = window.store.plans.get(window.plans_tab.current_plan_id())
    assert saved.title.endswith("năm 2025") and saved.appendices[0].title.endswith("năm 2025")


def test_a_new_issue_date_is_today_not_the_previous_plans(window, qtbot):
    editor = window.plans_tab.editor
    assert editor.has_date.isChecked() and editor.issue_date.date() == QDate(2023, 12, 29)  # the demo plan
    _new_plan(window, qtbot)
    assert not editor.has_date.isChecked()
    editor.has_date.setChecked(True)
    assert editor.issue_date.date() == QDate.currentDate()
    assert window.plans_tab.save_plan()
    assert window.store.plans.get(window.plans_tab.current_plan_id()).issue_date == dt.date.today()


def test_a_new_plan_takes_the_office_information(window, qtbot):
    doc_settings.save(window.store, doc_settings.DocumentSettings(
        parent_body="UBND TỈNH AN GIANG", office_name="Sở Nội vụ", abbreviation="SNV", place="Long Xuyên"))
    _new_plan(window, qtbot)
    plan = window.store.plans.get(window.plans_tab.current_plan_id())
    assert (plan.number, plan.issuer, plan.parent_body, plan.place) == (
        "/KH-SNV", "Sở Nội vụ", "UBND TỈNH AN GIANG", "Long Xuyên")


def test_closing_the_window_with_an_unsaved_plan_asks(window, qtbot, answer):
    window.plans_tab.editor.signer_name.setText("Nguyễn Văn A")
    answer("Tiếp tục sửa")
    window.close()
    assert window.isVisible() and len(answer.asked) == 1
    answer("Lưu")
    window.close()
    assert not window.isVisible()
    assert window.store.plans.list()[0].signer_name == "Nguyễn Văn A"


# --------------------------------------------------------------------------- register


def test_the_registers_title_column_gets_the_spare_width(window, qtbot):
    window.resize(1280, 688)  # the default window on a 1366×768 screen
    window.tabs.setCurrentWidget(window.plans_tab)
    qtbot.wait(20)
    view = window.plans_tab.view
    header = view.horizontalHeader()
    title = header.sectionSize(1)
    others = [header.sectionSize(c) for c in range(header.count()) if c != 1]
    assert title >= 200 and title > max(others), (title, others)
    assert sum(others) + title <= view.viewport().width() + 1  # nothing hidden to the right
    # the editor beside it shows its whole form: nothing is cut off at the right
    from PySide6.QtWidgets import QScrollArea

    scroll = window.plans_tab.editor.findChild(QScrollArea)
    assert scroll.widget().width() >= scroll.widget().minimumSizeHint().width()
