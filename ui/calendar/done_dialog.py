"""Small form to mark one occurrence done: the date it was done and a short result."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from cchc_desktop.text.vnformat import date_table
from ui.calendar.calendar_data import AgendaItem
from ui.common.date_field import DateField
from ui.common.forms import GuardedDialog
from ui.common.messages import ok_cancel


class DoneDialog(GuardedDialog):
    def __init__(self, item: AgendaItem, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Đánh dấu đã xong")
        self.setMinimumWidth(460)
        head = QLabel(f"<b>{html.escape(item.content)}</b><br>Hạn: {date_table(item.day)}")  # "<Phòng CCHC>" as typed
        head.setWordWrap(True)
        self.done_on = DateField(today)
        self.done_on.setMaximumDate(today, f"ngày đó chưa đến (hôm nay là {date_table(today)})")
        self.result_edit = QLineEdit()
        self.result_edit.setPlaceholderText("Ví dụ: đã đăng 3 tin, bài; Công văn số 12/STTTT")
        form = QFormLayout()
        form.addRow("Ngày hoàn thành:", self.done_on)
        form.addRow("Kết quả:", self.result_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, "Đã xong"))

    def values(self) -> tuple[dt.date, str]:
        return self.done_on.value(), self.result_edit.text().strip()
