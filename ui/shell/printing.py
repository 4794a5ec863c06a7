"""Printing from the window: each document is rendered by the core to a temporary PDF and
shown in the preview (page navigation, zoom, Print, Save as PDF); the appendix is also
exported to Word or Excel. `install_menu(window)` adds the entries to the Tệp menu."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QMainWindow,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.errors import CchcError
from cchc_desktop.store.store import Store
from cchc_desktop.text import vnformat
from ui.common import messages
from ui.common.date_field import DateField
from ui.common.forms import dates_refused

# The main window is passed in, typed as the QMainWindow it is, so that this module does not import
# ui.shell.main_window, which imports it.
MainWindow = QMainWindow


def appendix_heading(index: int, count: int) -> str:
    """"Phụ lục" / "Phụ lục II" as the documents print it (reportlab loads only when printing)."""
    from cchc_desktop.documents.render.appendix import appendix_heading as heading

    return heading(index, count)

NO_PLAN = "Hãy chọn một kế hoạch trong thẻ Kế hoạch trước khi in."
NO_PLAN_IN_TASKS = "Hãy chọn một kế hoạch trong ô «Kế hoạch:» của thẻ Nhiệm vụ (hoặc chọn một nhiệm vụ) trước khi in."


def safe_file_name(text: str) -> str:
    """"Phụ lục - 3060-QĐ-UBND" from a title with slashes and other characters files cannot hold."""
    return re.sub(r'[\\/:*?"<>|\n\r\t]+', "-", text).strip(" .-") or "tai-lieu"


def show_pdf(parent: QWidget | None, render: Callable[[Path], object], title: str, suggested_name: str) -> bool:
    """Render into a temporary folder, show the preview, then remove the file; False on an error."""
    with tempfile.TemporaryDirectory(prefix="cchc-in-") as folder:
        path = Path(folder) / f"{safe_file_name(suggested_name)}.pdf"
        try:
            render(path)
        except CchcError as exc:
            messages.error(parent, exc.message)
            return False
        from ui.shell.print_preview import PrintPreview

        preview = PrintPreview(path, title, path.name, parent)
        preview.exec()
        preview.document.close()
    return True


def _store(window: MainWindow) -> Store:
    return window.controller.store


def _chosen_plan(window: MainWindow) -> int | None:
    """The plan the officer is looking at (`MainWindow.plan_in_view`), or None with a message."""
    plan_id = window.plan_in_view()
    if plan_id is None:
        messages.error(window, NO_PLAN_IN_TASKS if window.tabs.current_page() is window.tasks_lazy else NO_PLAN)
    return plan_id


def choose_appendix(window: MainWindow, plan_id: int) -> int | None:
    """1-based appendix of the plan: the one shown on Nhiệm vụ, else asks when the plan has several."""
    plan = _store(window).plans.get(plan_id)
    count = len(plan.appendices)
    shown = window.appendix_in_view()
    ids = [a.id for a in plan.appendices]
    if shown in ids:
        return ids.index(shown) + 1
    if count <= 1:
        return 1
    items = [f"{appendix_heading(i, count)}: {a.title}" for i, a in enumerate(plan.appendices, start=1)]
    from PySide6.QtWidgets import QInputDialog  # fetched when asked: PySide6 builds its enums then

    item, ok = QInputDialog.getItem(window, "Chọn phụ lục", "Phụ lục:", items, 0, False)
    return items.index(item) + 1 if ok else None


def _chosen_appendix(window: MainWindow) -> tuple[int, int, str, str] | None:
    """(plan id, 1-based appendix, its heading, a file name for it) of the chosen plan, or None."""
    plan_id = _chosen_plan(window)
    if plan_id is None:
        return None
    index = choose_appendix(window, plan_id)
    if index is None:
        return None
    plan = _store(window).plans.get(plan_id)
    heading = appendix_heading(index, len(plan.appendices))
    return plan_id, index, heading, f"{heading} - {plan.number or plan.title}"


def print_appendix(window: MainWindow) -> bool:
    from cchc_desktop.documents.render.appendix import render_appendix_pdf

    chosen = _chosen_appendix(window)
    if chosen is None:
        return False
    plan_id, index, heading, name = chosen
    return show_pdf(window, lambda path: render_appendix_pdf(_store(window), plan_id, path, appendix=index),
                    heading, name)


def print_plan(window: MainWindow) -> bool:
    from cchc_desktop.documents.render.plan_doc import render_plan_pdf

    plan_id = _chosen_plan(window)
    if plan_id is None:
        return False
    plan = _store(window).plans.get(plan_id)
    return show_pdf(window, lambda path: render_plan_pdf(_store(window), plan_id, path),
                    "Toàn văn kế hoạch", f"Kế hoạch - {plan.number or plan.title}")


def export_appendix(window: MainWindow) -> Path | None:
    """Save the chosen appendix as .docx or .xlsx (by the file type the officer picks)."""
    from cchc_desktop.documents.render.office_docs import render_appendix_office

    chosen = _chosen_appendix(window)
    if chosen is None:
        return None
    plan_id, index, _heading, name = chosen
    suggested = safe_file_name(name)
    from PySide6.QtWidgets import QFileDialog  # fetched when asked: PySide6 builds its enums then

    name, chosen_filter = QFileDialog.getSaveFileName(
        window, "Xuất phụ lục", f"{suggested}.docx", "Tệp Word (*.docx);;Tệp Excel (*.xlsx)")
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".docx", ".xlsx"):
        path = path.with_name(path.name + (".xlsx" if "xlsx" in chosen_filter else ".docx"))
    from cchc_desktop.system.files import write_atomically

    kind = "xlsx" if path.suffix.lower() == ".xlsx" else "docx"
    try:
        write_atomically(path, lambda tmp: render_appendix_office(
            _store(window), plan_id, appendix=index, **{kind: tmp}))
    except CchcError as exc:
        messages.error(window, exc.message)
        return None
    window.statusBar().showMessage(f"Đã xuất {path}", 8000)
    return path


# --------------------------------------------------------------------------- reminder list

WINDOWS = ("Tuần này", "2 tuần tới", "Tháng này", "Tùy chọn")


def window_dates(choice: str, today: dt.date) -> tuple[dt.date, int]:
    """(first day, number of days) of "Tuần này", "2 tuần tới", "Tháng này"."""
    if choice == WINDOWS[0]:
        return today - dt.timedelta(days=today.weekday()), 7
    if choice == WINDOWS[1]:
        return today, 14
    first = today.replace(day=1)
    return first, vnformat.days_in_month(today.year, today.month)


class ReminderListDialog(QDialog):
    """Which reminder list to print: the window of days, grouping, or only what is overdue."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("In danh sách nhắc việc")
        self.today = today or dt.date.today()
        self.window_choice = QComboBox()
        self.window_choice.addItems(WINDOWS)
        self.start = DateField(self.today)
        self.days = QSpinBox()
        from cchc_desktop.documents.render.reminder_list import MAX_DAYS  # reportlab: loaded when printing

        self.days.setRange(1, MAX_DAYS)  # the same window as the digest
        self.days.setSuffix(" ngày")
        self.group_by = QComboBox()
        self.group_by.addItem("Theo tuần", "week")
        self.group_by.addItem("Theo ngày", "day")
        self.overdue_only = QCheckBox("Chỉ in việc quá hạn")
        form = QFormLayout()
        form.addRow("Khoảng thời gian:", self.window_choice)
        form.addRow("Từ ngày:", self.start)
        form.addRow("Số ngày:", self.days)
        form.addRow("Nhóm:", self.group_by)
        form.addRow("", self.overdue_only)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(messages.ok_cancel(self, "Xem trước"))
        self.window_choice.currentTextChanged.connect(self._window_changed)
        self.overdue_only.toggled.connect(lambda on: [w.setEnabled(not on) for w in
                                                      (self.window_choice, self.start, self.days, self.group_by)])
        self._window_changed(WINDOWS[0])

    def _window_changed(self, choice: str) -> None:
        custom = choice == WINDOWS[-1]
        self.start.setReadOnly(not custom)
        self.days.setReadOnly(not custom)
        if not custom:
            start, days = window_dates(choice, self.today)
            self.start.setDate(start)
            self.days.setValue(days)

    def accept(self) -> None:
        if not dates_refused(self):
            super().accept()

    def options(self) -> dict[str, object]:
        return {"start": self.start.value(), "days": self.days.value(),
                "group_by": self.group_by.currentData(), "overdue_only": self.overdue_only.isChecked()}


def print_reminders(window: MainWindow) -> bool:
    from cchc_desktop.documents.render.reminder_list import render_reminder_list

    dialog = ReminderListDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    options = dialog.options()
    start = options["start"]
    assert isinstance(start, dt.date)
    name = "Danh sách việc quá hạn" if options["overdue_only"] else f"Danh sách nhắc việc từ {vnformat.date_table(start)}"
    return show_pdf(window, lambda path: render_reminder_list(_store(window), path, **options),  # type: ignore[arg-type]
                    "Danh sách nhắc việc", name)


def open_document_settings(window: MainWindow) -> bool:
    from ui.office.document_settings_dialog import DocumentSettingsDialog

    dialog = DocumentSettingsDialog(_store(window), window)
    return dialog.exec() == QDialog.DialogCode.Accepted


# --------------------------------------------------------------------------- menu

MENU = (
    ("In phụ lục...", "Ctrl+P", print_appendix),
    ("In toàn văn kế hoạch...", "Ctrl+Shift+P", print_plan),
    ("In danh sách nhắc việc...", "", print_reminders),
    ("Xuất phụ lục ra Word/Excel...", "", export_appendix),
    ("Thiết lập văn bản...", "", open_document_settings),
)


def install_menu(window: MainWindow) -> list[QAction]:
    """Add the printing entries to the Tệp menu, above its closing separator."""
    actions = []
    for text, shortcut, slot in MENU:
        action = QAction(text, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, s=slot: s(window))
        window.file_menu.insertAction(window.file_menu_tail, action)
        actions.append(action)
    window.file_menu.insertSeparator(window.file_menu_tail)
    window.printing_actions = actions  # type: ignore[attr-defined]
    return actions
