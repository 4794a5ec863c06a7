"""The application's icon, drawn (no image file): the window's, the tray's and the agent's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap


def app_icon() -> QIcon:
    """A small calendar-red square with "CC": the tray and window icon, drawn, no image file."""
    pix = QPixmap(64, 64)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#c62828"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(4, 4, 56, 56, 10, 10)
    p.setPen(QColor("white"))
    font = p.font()
    font.setBold(True)
    font.setPixelSize(26)
    p.setFont(font)
    p.drawText(pix.rect(), int(Qt.AlignmentFlag.AlignCenter), "CC")
    p.end()
    return QIcon(pix)
