"""Importing a plan from a received document: file choice, reading, and the preview dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow

from cchc_desktop.errors import CchcError
from cchc_desktop.importer import read_document, recognize
from cchc_desktop.importer.readers import SUPPORTED_SUFFIXES

from .. import messages
from .import_dialog import ImportDialog

FILE_FILTER = "Văn bản kế hoạch (*.docx *.txt *.pdf *.xlsx *.csv);;Tất cả tệp (*)"


def can_import(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SUPPORTED_SUFFIXES


def open_import_dialog(window: QMainWindow, path: str | Path | None = None, *, modal: bool = True) -> ImportDialog | None:
    """Ask for a document (unless given), read it and show the preview. With `modal` the
    call returns when the officer has confirmed or cancelled; otherwise the dialog is shown
    and returned (tests drive it)."""
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(window, "Nhập kế hoạch từ văn bản", "", FILE_FILTER)
        if not chosen:
            return None
        path = chosen
    store = window.controller.store  # type: ignore[attr-defined]
    try:
        document = read_document(path)
        result = recognize(document, store)
    except CchcError as exc:
        messages.error(window, exc.message, "Không nhập được văn bản")
        return None
    dialog = ImportDialog(window.controller, result, window, document)  # type: ignore[attr-defined]
    dialog.saved.connect(lambda plan_id: _show_plan(window, plan_id))
    if modal:
        dialog.exec()
    else:
        dialog.show()
    return dialog


def _show_plan(window: QMainWindow, plan_id: int) -> None:
    open_tasks = getattr(window, "open_plan_tasks", None)
    if open_tasks is not None:
        open_tasks(plan_id)
    window.statusBar().showMessage("Đã nhập kế hoạch từ văn bản.", 5000)


__all__ = ["ImportDialog", "can_import", "open_import_dialog"]
