"""Vietnamese message boxes used across the window (errors, warnings, confirmations).

Qt's message box and button box classes are imported where a box is made: PySide6 builds a
class's enums the first time the class is fetched, which the window's first paint can do
without."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from cchc_desktop import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

TITLE_BAR_ROOM = 120
"""What a title bar holds besides the title: the window icon, the close button (46 px on
Windows 10 and 11) and the margins between them, in the same logical pixels as the text."""


def fit_title(box: QMessageBox) -> QMessageBox:
    """Make a message box wide enough to show its whole title. Qt sizes a box by its text and
    leaves only 50 px beside the title for the icon and buttons of the title bar, so a short
    message under "Không thực hiện được – CCHC Desktop" lost the end of its title."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QGridLayout, QSizePolicy, QSpacerItem

    layout = box.layout()
    if not isinstance(layout, QGridLayout):
        return box
    title_font = QApplication.font("QMdiSubWindowTitleBar")  # the font Qt itself measures titles in
    width = QFontMetrics(title_font).horizontalAdvance(box.windowTitle()) + TITLE_BAR_ROOM
    spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
    layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())
    return box


def error(parent: QWidget | None, text: str, title: str = "Không thực hiện được") -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, f"{title} – {APP_NAME}", text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    fit_title(box).exec()


def info(parent: QWidget | None, text: str, title: str = "Thông báo") -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, f"{title} – {APP_NAME}", text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    fit_title(box).exec()


def confirm(parent: QWidget | None, text: str, yes: str = "Xóa", title: str = "Xác nhận") -> bool:
    """Ask before something destructive; the safe choice is the default button."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, f"{title} – {APP_NAME}", text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    fit_title(box).exec()
    return box.clickedButton() is yes_button


def ok_cancel(dialog: QDialog, ok_text: str = "Lưu") -> QDialogButtonBox:
    """The dialog's button row in Vietnamese, wired to accept/reject."""
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
