"""Vietnamese message boxes used across the window (errors, warnings, confirmations)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from cchc_desktop import APP_NAME


def error(parent: QWidget | None, text: str, title: str = "Không thực hiện được") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, f"{title} – {APP_NAME}", text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    box.exec()


def info(parent: QWidget | None, text: str, title: str = "Thông báo") -> None:
    box = QMessageBox(QMessageBox.Icon.Information, f"{title} – {APP_NAME}", text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    box.exec()


def confirm(parent: QWidget | None, text: str, yes: str = "Xóa", title: str = "Xác nhận") -> bool:
    """Ask before something destructive; the safe choice is the default button."""
    box = QMessageBox(QMessageBox.Icon.Question, f"{title} – {APP_NAME}", text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def ok_cancel(dialog: QDialog, ok_text: str = "Lưu") -> QDialogButtonBox:
    """The dialog's button row in Vietnamese, wired to accept/reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
