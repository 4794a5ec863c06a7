"""Printing from the window: the Tệp menu renders the chosen plan's documents into the preview,
exports the appendix to Word/Excel, and the document settings dialog stores what every document uses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

from cchc_desktop.documents.render import settings as doc_settings
from ui.office.document_settings_dialog import DocumentSettingsDialog
from ui.shell import printing


class FakePreview:
    """Stands in for the modal preview: reads the PDF it was given while the file still exists."""

    shown: list[tuple[str, str, list[str]]] = []
    paths: list[Path] = []

    def __init__(self, path: Path, title: str, suggested_name: str, parent=None) -> None:  # noqa: ANN001
        FakePreview.paths.append(Path(path))
        reader = PdfReader(path)
        FakePreview.shown.append((title, suggested_name, [p.extract_text() for p in reader.pages]))
        self.document = type("Doc", (), {"close": lambda self: None})()

    def exec(self) -> int:
        return 0


@pytest.fixture
def previews(monkeypatch):
    FakePreview.shown = []
    FakePreview.paths = []
    monkeypatch.setattr("ui.shell.print_preview.PrintPreview", FakePreview)
    return FakePreview.shown


def _action(window, text):
    return next(a for a in window.printing_actions if a.text() == text)


def test_menu_entries_are_in_the_file_menu(window):
    texts = [a.text() for a in window.file_menu.actions()]
    for text in ("In phụ lục...", "In toàn văn kế hoạch...", "In danh sách nhắc việc...",
                 "Xuất phụ lục ra Word/Excel...", "Thiết lập văn bản..."):
        assert text in texts
    assert texts.index("In phụ lục...") < texts.index("Thoát")


def test_printing_without_a_chosen_plan_says_so(window, previews, errors):
    window.plans_tab.view.selectionModel().clearCurrentIndex()
    _action(window, "In phụ lục...").trigger()
    assert previews == [] and errors == [printing.NO_PLAN]


def test_appendix_and_plan_open_in_the_preview(window, previews, errors):
    plan = window.store.plans.list()[0]
    window.plans_tab.select_plan(int(plan.id))
    _action(window, "In phụ lục...").trigger()
    _action(window, "In toàn văn kế hoạch...").trigger()
    assert errors == []
    (title, name, pages), (plan_title, plan_name, plan_pages) = previews
    assert title == "Phụ lục" and name == "Phụ lục - 3060-QĐ-UBND.pdf"
    assert pages[0].startswith("Phụ lục") and "Cơ quan chủ trì" in pages[-1]
    assert plan_title == "Toàn văn kế hoạch" and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in plan_pages[0]
    assert len(plan_pages) > len(pages)
    assert FakePreview.paths and not any(p.exists() for p in FakePreview.paths)  # temporary files are removed


def test_reminder_list_dialog_windows(qtbot, monkeypatch, window, previews):
    dialog = printing.ReminderListDialog(today=dt.date(2025, 1, 8))
    qtbot.addWidget(dialog)
    assert dialog.options()["start"] == dt.date(2025, 1, 6) and dialog.options()["days"] == 7
    dialog.window_choice.setCurrentText("Tháng này")
    assert dialog.options()["start"] == dt.date(2025, 1, 1) and dialog.options()["days"] == 31
    dialog.overdue_only.setChecked(True)
    assert not dialog.group_by.isEnabled()

    monkeypatch.setattr(printing.ReminderListDialog, "exec", lambda self: 1)
    monkeypatch.setattr(printing.ReminderListDialog, "options", lambda self: {
        "start": dt.date(2024, 1, 1), "days": 366, "group_by": "day", "overdue_only": False})
    assert printing.print_reminders(window)
    title, _, pages = previews[-1]
    assert title == "Danh sách nhắc việc" and "DANH SÁCH NHẮC VIỆC" in pages[0]


def test_export_appendix_to_word_and_excel(window, monkeypatch, tmp_path, errors):
    plan = window.store.plans.list()[0]
    window.plans_tab.select_plan(int(plan.id))
    target = tmp_path / "phu-luc"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "Tệp Word (*.docx)"))
    path = printing.export_appendix(window)
    assert path == tmp_path / "phu-luc.docx"
    assert docx.Document(str(path)).tables[0].rows[0].cells[1].text == "Nội dung"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "phu-luc.xlsx"), "Tệp Excel (*.xlsx)"))
    path = printing.export_appendix(window)
    assert openpyxl.load_workbook(path).active.cell(5, 2).value == "Nội dung"
    assert errors == []


def test_document_settings_dialog_stores_and_refuses_nothing_silently(qtbot, demo_store, monkeypatch, vietnamese_qt):
    shown: list[str] = []
    monkeypatch.setattr("ui.office.document_settings_dialog.messages.error", lambda parent, text, title="": shown.append(text))
    dialog = DocumentSettingsDialog(demo_store)
    qtbot.addWidget(dialog)
    assert dialog.numbers["margin_left_mm"].minimum() == 30 and dialog.numbers["margin_left_mm"].maximum() == 35
    assert dialog.font_label.text() in ("Times New Roman", "Liberation Serif", "IBM Plex Serif")
    dialog.texts["office_name"].setText("Sở Nội vụ")
    dialog.texts["place"].setText("Vĩnh Long")
    dialog.numbers["margin_left_mm"].setValue(33)
    dialog.orientation.setCurrentIndex(dialog.orientation.findData("portrait"))
    dialog.columns["notes"].setChecked(True)
    dialog.columns["partners"].setChecked(False)
    dialog.accept()
    assert shown == [] and dialog.result() == 1
    saved = doc_settings.load(demo_store)
    assert (saved.office_name, saved.place, saved.margin_left_mm, saved.appendix_orientation) == (
        "Sở Nội vụ", "Vĩnh Long", 33, "portrait")
    assert saved.appendix_columns == ["stt", "content", "lead", "time_frame", "notes"]

    again = DocumentSettingsDialog(demo_store)
    qtbot.addWidget(again)
    assert again.texts["office_name"].text() == "Sở Nội vụ" and again.numbers["margin_left_mm"].value() == 33
    monkeypatch.setattr(again, "edited", lambda: doc_settings.DocumentSettings(margin_top_mm=40))
    again.accept()
    assert shown and "Lề trên" in shown[0] and doc_settings.load(demo_store).margin_left_mm == 33
