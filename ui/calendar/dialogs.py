"""Dialogs of the Lịch tab: own reminders (add, edit, delete, undoable) and the office's
own days off and working Saturdays for a year."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.scheduling import workdays
from cchc_desktop.scheduling.reminders import RECURRENCE_CHOICES, Reminder, ReminderService
from cchc_desktop.text.vnformat import date_table, weekday_date
from ui.calendar.done_dialog import DoneDialog
from ui.common import messages
from ui.common.controller import Controller
from ui.common.date_field import DateField
from ui.common.forms import GuardedDialog, dates_refused, fit_to_screen

__all__ = ["DaysOffDialog", "DoneDialog", "ReminderDialog", "add_reminder", "delete_reminder", "edit_reminder", "info"]


def info(parent: QWidget | None, text: str) -> None:
    messages.info(parent, text)


class ReminderDialog(GuardedDialog):
    """Title, date and time, recurrence (RFC 5545 rule) and notes of one reminder."""

    def __init__(self, reminder: Reminder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reminder = reminder
        self.setWindowTitle("Sửa nhắc việc" if reminder.id else "Thêm nhắc việc")
        self.setMinimumWidth(480)
        self.unsaved_text = "Nhắc việc đang sửa có thay đổi chưa lưu. Lưu lại trước khi đóng?"
        self.title_edit = QLineEdit(reminder.title)
        self.title_edit.setPlaceholderText("Ví dụ: Gửi báo cáo CCHC quý cho Sở Nội vụ")
        self.title_edit.setMaxLength(500)
        at = reminder.at
        self.when_day = DateField(at.date())
        self.when_time = QTimeEdit(QTime(at.hour, at.minute))
        self.when_time.setDisplayFormat("HH:mm")
        when = QHBoxLayout()
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(self.when_day)
        when.addWidget(QLabel("lúc"))
        when.addWidget(self.when_time)
        when.addStretch(1)
        self.repeat = QComboBox()
        for rule, label in RECURRENCE_CHOICES:
            self.repeat.addItem(label, rule)
        current = (reminder.rrule or "").upper()
        idx = next((i for i, (rule, _l) in enumerate(RECURRENCE_CHOICES) if rule and current == rule), -1)
        if current and idx < 0:
            self.repeat.addItem(reminder.describe_recurrence(), current)
            idx = self.repeat.count() - 1
        self.repeat.setCurrentIndex(max(idx, 0))
        self.notes = QPlainTextEdit(reminder.notes)
        self.notes.setPlaceholderText("Ghi chú (không bắt buộc)")
        self.notes.setFixedHeight(90)
        form = QFormLayout()
        form.addRow("Nội dung:", self.title_edit)
        form.addRow("Thời điểm nhắc:", when)
        form.addRow("Lặp lại:", self.repeat)
        form.addRow("Ghi chú:", self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(messages.ok_cancel(self))

    def value(self) -> Reminder:
        day, t = self.when_day.value(), self.when_time.time()
        return Reminder(id=self.reminder.id, title=self.title_edit.text(),
                        at=dt.datetime(day.year, day.month, day.day, t.hour(), t.minute()),
                        notes=self.notes.toPlainText(), rrule=self.repeat.currentData() or None,
                        task_id=self.reminder.task_id, created_at=self.reminder.created_at)


def add_reminder(parent: QWidget, controller: Controller, day: dt.date) -> Reminder | None:
    dialog = ReminderDialog(Reminder(at=dt.datetime.combine(day, dt.time(8, 0))), parent)
    while dialog.exec():
        saved = controller.add_reminder(dialog.value())
        if saved is not None:
            return saved  # type: ignore[no-any-return]
    return None


def edit_reminder(parent: QWidget, controller: Controller, reminder_id: int) -> Reminder | None:
    before = ReminderService(controller.store).get(reminder_id)
    dialog = ReminderDialog(before, parent)
    while dialog.exec():
        saved = controller.update_reminder(dialog.value(), before)
        if saved is not None:
            return saved  # type: ignore[no-any-return]
    return None


def delete_reminder(parent: QWidget, controller: Controller, reminder_id: int, title: str) -> bool:
    if not messages.confirm(parent, f"Xóa nhắc việc «{title}»?"):
        return False
    return controller.delete_reminder(reminder_id)


class DaysOffDialog(QDialog):
    """The office's own days of one year: extra days off and working Saturdays, with the
    public holidays shown for reference. Every change is an undoable step."""

    def __init__(self, controller: Controller, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.year = year
        self.setWindowTitle(f"Ngày nghỉ và ngày làm bù năm {year}")
        fit_to_screen(self, 620, 520)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Ngày", "Loại", "Ghi chú"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 130)
        self.day_edit = DateField(dt.date(year, 1, 1))
        self.kind = QComboBox()
        for kind, label in workdays.KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Ví dụ: nghỉ bù Quốc khánh; làm bù thứ Bảy")
        add = QPushButton("Thêm")
        add.clicked.connect(self.add_day)
        self.remove_button = QPushButton("Xóa ngày đã chọn")
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.day_edit)
        row.addWidget(self.kind)
        row.addWidget(self.note, 1)
        row.addWidget(add)
        self.holidays = QLabel()
        self.holidays.setWordWrap(True)
        self.holidays.setStyleSheet("color: #4b5563;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Ngày nghỉ lễ theo quy định (tự động):"))
        layout.addWidget(self.holidays)
        layout.addWidget(QLabel("Ngày riêng của cơ quan:"))
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.remove_button)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        cal = workdays.WorkCalendar(self.controller.store)
        names = cal.holidays_of(self.year)
        self.holidays.setText("; ".join(f"{date_table(d)} {n}" for d, n in sorted(names.items())) or "—")
        days = workdays.list_days(self.controller.store, self.year)
        self.table.setRowCount(len(days))
        for r, d in enumerate(days):
            for c, text in enumerate((weekday_date(d.day), d.kind_label, d.note)):
                item = QTableWidgetItem(text)
                item.setData(256, d.day.isoformat())
                self.table.setItem(r, c, item)

    def add_day(self) -> None:
        if dates_refused(self):
            return
        if self.controller.add_office_day(self.day_edit.value(), self.kind.currentData(), self.note.text()) is not None:
            self.note.clear()
            self.reload()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        if not rows:
            return
        self.controller.remove_office_days([dt.date.fromisoformat(self.table.item(r, 0).data(256)) for r in rows])
        self.reload()
