"""A PDF with a password: the window asks for it (hidden), asks again while it is wrong, and
opens the preview with it; cancelling reads nothing and says nothing more."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from ui.importing import open_import_dialog


def _protected_pdf(path: Path, password: str) -> Path:
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for n, line in enumerate(["KE HOACH", "Tuyen truyen cai cach hanh chinh nam 2025",
                              "1. Dang tin bai tren Cong thong tin dien tu tinh."]):
        c.drawString(72, 760 - 16 * n, line)
    c.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    writer.encrypt(user_password=password, owner_password=password + "-chu", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())
    return path


def _answer(qtbot, answers: list[str | None], asked: list[str]) -> None:
    """Type each answer into the password box when it shows (None: press Hủy)."""

    def respond() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(50, respond)
            return
        asked.append(dialog.labelText())
        box = dialog.findChild(QLineEdit)
        assert box.echoMode() == QLineEdit.EchoMode.Password
        answer = answers.pop(0)
        if answer is None:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            qtbot.keyClicks(box, answer)
            qtbot.keyClick(box, Qt.Key.Key_Return)
        if answers:
            QTimer.singleShot(50, respond)

    QTimer.singleShot(50, respond)


def test_the_window_asks_for_the_password_until_it_is_right(window, qtbot, errors, tmp_path: Path) -> None:
    path = _protected_pdf(tmp_path / "ke-hoach.pdf", "bi-mat")
    asked: list[str] = []
    _answer(qtbot, ["sai", "bi-mat"], asked)
    dialog = open_import_dialog(window, path, modal=False)
    assert dialog is not None
    assert len(asked) == 2 and "mật khẩu" in asked[0] and "không đúng" in asked[1]
    assert errors == []
    dialog.reject()


def test_cancelling_the_password_reads_nothing(window, qtbot, errors, tmp_path: Path) -> None:
    path = _protected_pdf(tmp_path / "ke-hoach.pdf", "bi-mat")
    asked: list[str] = []
    _answer(qtbot, [None], asked)
    assert open_import_dialog(window, path, modal=False) is None
    assert len(asked) == 1 and errors == []
