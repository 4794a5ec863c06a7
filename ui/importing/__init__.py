"""Importing a plan from a received document: file choice, reading, and the preview dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMainWindow

from cchc_desktop.errors import CchcError
from cchc_desktop.importer import read_document, read_text, recognize
from cchc_desktop.importer.pdfguard import PasswordRequired
from cchc_desktop.importer.readers import SUPPORTED_SUFFIXES
from ui.common import messages
from ui.importing.import_dialog import ImportDialog

FILE_FILTER = "Văn bản kế hoạch (*.docx *.doc *.odt *.rtf *.txt *.pdf *.html *.htm *.xlsx *.csv);;Tất cả tệp (*)"


def can_import(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SUPPORTED_SUFFIXES


MIN_DROPPED_TEXT = 200  # shorter dropped text is a slip of the mouse, not a plan


def accepts_drop(mime: QMimeData) -> bool:
    """A document file, or text dragged from Word or a browser, that can be imported."""
    if mime.hasUrls():
        urls = mime.urls()
        return bool(urls) and urls[0].isLocalFile() and can_import(urls[0].toLocalFile())
    return mime.hasText() and len(mime.text().strip()) >= MIN_DROPPED_TEXT


def import_dropped(window: QMainWindow, mime: QMimeData) -> bool:
    """Import what was dropped on the window. The preview opens once the drop is over, so
    that the program it was dragged from (Word, Explorer) is not left waiting."""
    if not accepts_drop(mime):
        return False
    if mime.hasUrls():
        path = mime.urls()[0].toLocalFile()
        QTimer.singleShot(0, lambda: open_import_dialog(window, path))
    else:
        text = mime.text()
        QTimer.singleShot(0, lambda: open_import_dialog(window, text=text))
    return True


def open_import_dialog(window: QMainWindow, path: str | Path | None = None, *, text: str | None = None,
                       modal: bool = True) -> ImportDialog | None:
    """Ask for a document (unless a path or pasted `text` is given), read it and show the
    preview. With `modal` the call returns when the officer has confirmed or cancelled;
    otherwise the dialog is shown and returned (tests drive it)."""
    if path is None and text is None:
        chosen, _ = QFileDialog.getOpenFileName(window, "Nhập kế hoạch từ văn bản", "", FILE_FILTER)
        if not chosen:
            return None
        path = chosen
    store = window.controller.store  # type: ignore[attr-defined]
    password: str | None = None
    while True:
        try:
            document = (read_text(text, "Văn bản dán") if text is not None
                        else read_document(path, password=password))  # type: ignore[arg-type]
            result = recognize(document, store)
            break
        except PasswordRequired as exc:  # a PDF with a password: ask for it, again while it is wrong
            password = ask_password(window, exc.message)
            if password is None:
                return None
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


def ask_password(window: QMainWindow, message: str) -> str | None:
    """The password of a protected PDF, typed hidden; None when the officer cancels."""
    dialog = QInputDialog(window)
    dialog.setWindowTitle("Tệp PDF có mật khẩu")
    dialog.setLabelText(message)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText("Mở")
    dialog.setCancelButtonText("Hủy")
    if not dialog.exec():
        return None
    return dialog.textValue()


def _show_plan(window: QMainWindow, plan_id: int) -> None:
    open_tasks = getattr(window, "open_plan_tasks", None)
    if open_tasks is not None:
        open_tasks(plan_id)
    window.statusBar().showMessage("Đã nhập kế hoạch từ văn bản.", 5000)


__all__ = ["ImportDialog", "accepts_drop", "can_import", "import_dropped", "open_import_dialog"]
