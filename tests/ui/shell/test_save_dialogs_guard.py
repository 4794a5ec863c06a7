"""The window's save dialogs cannot put a document over the database, its journals, a backup
or into the attachments folder: a Vietnamese message, and every file stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from cchc_desktop.store import backup


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


def _answer(monkeypatch: pytest.MonkeyPatch, path: Path, chosen: str = "") -> None:
    import ui.common.messages

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), chosen))
    monkeypatch.setattr(ui.common.messages, "info", lambda *a, **k: None)  # "Đã lưu ...": no modal box in a test


def _menu_action(window, text: str):
    for menu in (window.file_menu, window.edit_menu, window.reminders_menu):
        for action in menu.actions():
            if action.text() == text:
                return action
    raise AssertionError(text)


def test_the_calendar_export_refuses_the_database_and_its_journal(window, qtbot, errors, monkeypatch) -> None:
    db = Path(window.store.path)
    export = _menu_action(window, "Xuất hạn và nhắc việc ra tệp .ics...")
    for target in (db, Path(f"{db}-wal")):
        before = _files(db.parent)
        _answer(monkeypatch, target)
        export.trigger()
        assert errors and "Không ghi vào" in errors[-1] and "cơ sở dữ liệu" in errors[-1]
        assert _files(db.parent) == before
    assert window.store.plans.list()  # the database still works


def test_report_exports_refuse_a_backup_and_the_attachments_folder(qtbot, window, errors, monkeypatch) -> None:
    from ui.reports.reports_tab import ReportsTab

    db = Path(window.store.path)
    kept = backup.create_backup(db)
    folder = db.parent / f"{db.stem}-attachments"
    folder.mkdir()
    (folder / "bien-ban.pdf").write_bytes(b"%PDF-1.4 evidence of the work")
    tab = ReportsTab(window.controller)
    qtbot.addWidget(tab)
    tab.set_period("2024")
    tab.show()
    for button, target in ((tab.pdf_button, folder / "bien-ban.pdf"), (tab.xlsx_button, kept.path.with_suffix(".xlsx")),
                           (tab.docx_button, folder / "bao-cao.docx")):
        before = _files(db.parent)
        _answer(monkeypatch, target)
        count = len(errors)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert len(errors) == count + 1 and "Không ghi vào" in errors[-1], target
        assert _files(db.parent) == before
    assert (folder / "bien-ban.pdf").read_bytes() == b"%PDF-1.4 evidence of the work"


def test_the_error_report_is_not_saved_over_the_database(qtbot, window, monkeypatch) -> None:
    import sys

    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.shell.app import install_crash_handler

    db = Path(window.store.path)
    before = _files(db.parent)
    warned: list[str] = []

    def answer_save(box) -> int:  # noqa: ANN001 - the officer clicks "Lưu báo cáo lỗi..."
        box.chosen = next(b for b in box.buttons() if b.text() == "Lưu báo cáo lỗi...")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer_save)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.chosen)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))
    _answer(monkeypatch, db)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_crash_handler(QApplication.instance())
    try:
        raise RuntimeError("lỗi thử")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert warned and "Không ghi vào" in warned[-1]
    assert _files(db.parent) == before
