"""The Lịch tab: a month grid with lunar dates, holidays and what is due, a week/agenda
list, marking occurrences done, the officer's own reminders and the office's days off."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.scheduling import lunar
from cchc_desktop.store.domain import TaskStatus
from cchc_desktop.store.progress import ProgressEntry
from cchc_desktop.text.vnformat import date_table, month_title
from ui.calendar import dialogs
from ui.calendar.agenda_model import COLUMNS as AGENDA_COLUMNS
from ui.calendar.agenda_model import AgendaModel
from ui.calendar.calendar_data import AgendaItem, CalendarData
from ui.calendar.month_model import CellRole, Chip, MonthModel
from ui.calendar.month_view import CHIP_COLORS, MonthView
from ui.common.controller import CALENDAR, PLANS, PROGRESS, SETTINGS, TASKS, Controller

AGENDA_WEEK = "week"
AGENDA_MONTH = "month"
_KINDS = frozenset({TASKS, PLANS, PROGRESS, CALENDAR, SETTINGS})


class CalendarTab(QWidget):
    task_requested = Signal(int)
    """An occurrence was opened; the argument is the id of its task."""

    def __init__(self, controller: Controller, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.data = CalendarData(controller.store, today)
        self.selected_day = self.data.today

        # navigation ----------------------------------------------------------
        self.prev_button = QToolButton()
        self.prev_button.setText("‹ Tháng trước")
        self.next_button = QToolButton()
        self.next_button.setText("Tháng sau ›")
        self.today_button = QToolButton()
        self.today_button.setText("Hôm nay")
        self.month_combo = QComboBox()
        for m in range(1, 13):
            self.month_combo.addItem(f"Tháng {m}", m)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(lunar.FIRST_YEAR, lunar.LAST_YEAR)
        self.year_spin.setValue(self.selected_day.year)
        self.title = QLabel()
        self.title.setObjectName("calendarTitle")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.lunar_title = QLabel()
        self.lunar_title.setStyleSheet("color: #6b7280;")
        self.plan_combo = QComboBox()
        self.plan_combo.setMinimumContentsLength(14)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.prev_button.clicked.connect(self.previous_month)
        self.next_button.clicked.connect(self.next_month)
        self.today_button.clicked.connect(self.go_today)
        self.month_combo.activated.connect(lambda _i: self._picked())
        self.year_spin.valueChanged.connect(lambda _v: self._picked())
        self.plan_combo.currentIndexChanged.connect(self._plan_chosen)

        # Three short rows, so that the tab fits a 1366×768 laptop at 125 % and 150 % scaling:
        # the month and the plan; the lunar year and the colours; the commands.
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.today_button)
        nav.addWidget(self.next_button)
        nav.addSpacing(8)
        nav.addWidget(self.month_combo)
        nav.addWidget(self.year_spin)
        nav.addSpacing(8)
        nav.addWidget(self.title)
        nav.addStretch(1)
        nav.addWidget(QLabel("Kế hoạch:"))
        nav.addWidget(self.plan_combo, 1)
        legend = QHBoxLayout()
        legend.addWidget(self.lunar_title)
        legend.addStretch(1)

        # actions -------------------------------------------------------------
        self.actions_by_name: dict[str, QAction] = {}
        tools = QHBoxLayout()

        def action(name: str, text: str, slot, shortcut: str | None = None) -> QAction:  # noqa: ANN001
            act = QAction(text, self)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _c=False: slot())
            self.addAction(act)
            self.actions_by_name[name] = act
            button = QToolButton()
            button.setDefaultAction(act)
            tools.addWidget(button)
            return act

        action("open", "Mở nhiệm vụ", self.open_selected, "Return")
        action("done", "Đánh dấu đã xong...", self.mark_selected_done, "Ctrl+D")
        action("progress", "Cập nhật tiến độ...", self.record_selected_progress, "Ctrl+T")
        action("add_reminder", "Thêm nhắc việc...", self.add_reminder, "Ctrl+N")
        action("edit_reminder", "Sửa nhắc việc...", self.edit_selected_reminder)
        action("delete_reminder", "Xóa nhắc việc", self.delete_selected_reminder)
        action("days_off", "Ngày nghỉ...", self.edit_days_off)
        tools.addStretch(1)
        for state, text in (("overdue", "Quá hạn"), ("soon", "Sắp đến hạn"), ("open", "Trong hạn"),
                            ("done", "Đã xong"), ("reminder", "Nhắc việc")):
            fg, bg = CHIP_COLORS[state]
            chip = QLabel(text)
            chip.setStyleSheet(f"color: {fg}; background: {bg}; border-left: 3px solid {fg}; padding: 1px 6px;")
            legend.addWidget(chip)

        # month grid ------------------------------------------------------------
        self.month_model = MonthModel(self)
        self.month_view = MonthView()
        self.month_view.setObjectName("monthView")
        self.month_view.setModel(self.month_model)
        self.month_view.chip_clicked.connect(self._chip_clicked)
        self.month_view.chip_activated.connect(self._chip_activated)
        self.month_view.day_activated.connect(lambda day: self.add_reminder(day))
        self.month_view.clicked.connect(self._day_clicked)

        # agenda ------------------------------------------------------------------
        self.agenda_mode = QComboBox()
        self.agenda_mode.addItem("Tuần đang chọn", AGENDA_WEEK)
        self.agenda_mode.addItem("Cả tháng", AGENDA_MONTH)
        self.agenda_mode.currentIndexChanged.connect(lambda _i: self._fill_agenda())
        self.agenda_title = QLabel()
        self.agenda_model = AgendaModel(self)
        self.agenda_view = QTableView()
        self.agenda_view.setObjectName("agendaView")
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda_view.setAlternatingRowColors(True)
        self.agenda_view.setWordWrap(False)
        self.agenda_view.verticalHeader().hide()
        header = self.agenda_view.horizontalHeader()
        header.setStretchLastSection(False)
        widths = {"day": 150, "content": 420, "lead": 200, "legal_deadline": 110, "finish_by": 110, "state": 190}
        for i, name in enumerate(AGENDA_COLUMNS):
            self.agenda_view.setColumnWidth(i, widths[name])
        header.setSectionResizeMode(AGENDA_COLUMNS.index("content"), QHeaderView.ResizeMode.Stretch)
        self.agenda_view.doubleClicked.connect(self._agenda_activated)
        agenda_box = QWidget()
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.setContentsMargins(0, 0, 0, 0)
        agenda_head = QHBoxLayout()
        agenda_head.addWidget(self.agenda_title)
        agenda_head.addStretch(1)
        agenda_head.addWidget(QLabel("Danh sách:"))
        agenda_head.addWidget(self.agenda_mode)
        agenda_layout.addLayout(agenda_head)
        agenda_layout.addWidget(self.agenda_view)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("calendarSplitter")
        self.splitter.addWidget(self.month_view)
        self.splitter.addWidget(agenda_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addLayout(legend)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, 1)

        controller.changed.connect(self._on_changed)
        self._fill_plans()
        # The year's occurrences are computed when the tab is first shown, not at start-up.
        self._loaded = False
        self._stale = False

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.show_month(self.selected_day.year, self.selected_day.month, select=self.selected_day)
        elif self._stale:
            self._stale = False
            self.data.invalidate()
            self.refresh()

    # navigation ----------------------------------------------------------------

    @property
    def year(self) -> int:
        return self.month_model.year

    @property
    def month(self) -> int:
        return self.month_model.month

    def show_month(self, year: int, month: int, *, select: dt.date | None = None) -> None:
        """Show a month; the selected day stays on the same day number where it can."""
        self._loaded = True
        if select is None:
            day = min(self.selected_day.day, 28) if (year, month) != (self.year, self.month) else self.selected_day.day
            select = dt.date(year, month, day)
        self.selected_day = select
        self.month_model.set_month(year, month, self.data.month_cells(year, month))
        self.month_combo.blockSignals(True)
        self.year_spin.blockSignals(True)
        self.month_combo.setCurrentIndex(month - 1)
        self.year_spin.setValue(year)
        self.month_combo.blockSignals(False)
        self.year_spin.blockSignals(False)
        self.title.setText(month_title(year, month))
        self.lunar_title.setText(f"Âm lịch: {lunar.month_year_names(year, month)}")
        index = self.month_model.index_of(select)
        if index.isValid():
            self.month_view.setCurrentIndex(index)
        self._fill_agenda()

    def next_month(self) -> None:
        y, m = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
        self.show_month(y, m)

    def previous_month(self) -> None:
        y, m = (self.year - 1, 12) if self.month == 1 else (self.year, self.month - 1)
        self.show_month(y, m)

    def go_today(self) -> None:
        today = self.data.today
        self.show_month(today.year, today.month, select=today)

    def _picked(self) -> None:
        self.show_month(self.year_spin.value(), int(self.month_combo.currentData()))

    def select_day(self, day: dt.date) -> None:
        if (day.year, day.month) != (self.year, self.month):
            self.show_month(day.year, day.month, select=day)
            return
        self.selected_day = day
        self.month_view.setCurrentIndex(self.month_model.index_of(day))
        self._fill_agenda()

    def _day_clicked(self, index: QModelIndex) -> None:
        cell = index.data(CellRole)
        if cell is not None:
            self.select_day(cell.day)

    # plans filter ------------------------------------------------------------------

    def _fill_plans(self) -> None:
        current = self.plan_combo.currentData()
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        self.plan_combo.addItem("Tất cả kế hoạch", None)
        for plan in self.controller.store.plans.list():
            label = plan.title or plan.number or f"Kế hoạch {plan.period_label}"
            self.plan_combo.addItem(f"{plan.number} – {label}" if plan.number else label, plan.id)
        i = self.plan_combo.findData(current)
        self.plan_combo.setCurrentIndex(max(0, i))
        self.plan_combo.blockSignals(False)
        self.data.set_plan(self.plan_combo.currentData())

    def _plan_chosen(self) -> None:
        self.data.set_plan(self.plan_combo.currentData())
        self.refresh()

    def show_plan(self, plan_id: int | None) -> None:
        self.plan_combo.setCurrentIndex(max(0, self.plan_combo.findData(plan_id)))

    # refresh -------------------------------------------------------------------------

    def _on_changed(self, kinds: Any) -> None:
        if not (set(kinds) & _KINDS):
            return
        if PLANS in kinds:
            self._fill_plans()
        if not self._loaded or not self.isVisible():
            self._stale = self._loaded
            return
        self.data.invalidate()
        self.refresh()

    def refresh(self) -> None:
        self.show_month(self.year, self.month, select=self.selected_day)

    def _agenda_range(self) -> tuple[dt.date, dt.date]:
        if self.agenda_mode.currentData() == AGENDA_MONTH:
            start = dt.date(self.year, self.month, 1)
            end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            return start, end
        start = self.selected_day - dt.timedelta(days=self.selected_day.weekday())
        return start, start + dt.timedelta(days=6)

    def _fill_agenda(self) -> None:
        start, end = self._agenda_range()
        items = self.data.items(start, end)
        self.agenda_model.set_items(items)
        what = "Tuần" if self.agenda_mode.currentData() == AGENDA_WEEK else "Tháng"
        self.agenda_title.setText(f"<b>{what} {date_table(start)} – {date_table(end)}</b>: {len(items)} việc")

    # selection -------------------------------------------------------------------------

    def selected_item(self) -> AgendaItem | None:
        index = self.agenda_view.currentIndex()
        return self.agenda_model.item(index.row()) if index.isValid() else None

    def select_item(self, task_id: int | None = None, reminder_id: int | None = None, day: dt.date | None = None) -> bool:
        """Select in the agenda the occurrence of a task (or a reminder) on a day."""
        if day is not None:
            self.select_day(day)
        for row, item in enumerate(self.agenda_model.items()):
            if (task_id is not None and item.task_id == task_id and item.reminder_id is None) or (
                    reminder_id is not None and item.reminder_id == reminder_id):
                if day is None or item.day == day:
                    self.agenda_view.setCurrentIndex(self.agenda_model.index(row, 0))
                    return True
        return False

    def _chip_clicked(self, chip: Chip) -> None:
        self.select_day(chip.day)
        self.select_item(chip.task_id if chip.reminder_id is None else None, chip.reminder_id, chip.day)

    def _chip_activated(self, chip: Chip) -> None:
        if chip.reminder_id is not None:
            self.edit_reminder(chip.reminder_id)
        elif chip.task_id is not None:
            self.task_requested.emit(chip.task_id)

    def _agenda_activated(self, index: QModelIndex) -> None:
        item = self.agenda_model.item(index.row())
        if item is None:
            return
        if item.reminder_id is not None:
            self.edit_reminder(item.reminder_id)
        elif item.task_id is not None:
            self.task_requested.emit(item.task_id)

    def open_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            self._agenda_activated(self.agenda_view.currentIndex())

    # marking done -------------------------------------------------------------------------

    def mark_selected_done(self) -> None:
        item = self.selected_item()
        if item is None or item.task_id is None:
            dialogs.info(self, "Chọn một việc của nhiệm vụ trong danh sách bên dưới (hoặc bấm vào việc trên lịch).")
            return
        dialog = dialogs.DoneDialog(item, self.data.today, self)
        if dialog.exec():
            done_on, note = dialog.values()
            self.mark_done(item, done_on, note)

    def record_selected_progress(self) -> None:
        """The progress form for the selected occurrence (quantity, evidence, files)."""
        from ui.tasks.progress_dialog import record_progress

        item = self.selected_item()
        if item is None or item.task_id is None:
            dialogs.info(self, "Chọn một việc của nhiệm vụ trong danh sách bên dưới (hoặc bấm vào việc trên lịch).")
            return
        record_progress(self.controller, int(item.task_id), self, item.occurrence_due)

    def mark_done(self, item: AgendaItem, done_on: dt.date, note: str = "") -> bool:
        """Record the occurrence as done, one undoable step (undo takes the entry back)."""
        if item.task_id is None:
            return False
        entry = ProgressEntry(task_id=int(item.task_id), occurrence_due=item.occurrence_due, state=TaskStatus.DONE,
                              done_on=done_on, note=note)
        return self.controller.record_progress(entry) is not None

    # own reminders ---------------------------------------------------------------------------

    def add_reminder(self, day: dt.date | None = None) -> None:
        dialogs.add_reminder(self, self.controller, day or self.selected_day)

    def edit_reminder(self, reminder_id: int) -> None:
        dialogs.edit_reminder(self, self.controller, reminder_id)

    def edit_selected_reminder(self) -> None:
        item = self.selected_item()
        if item is None or item.reminder_id is None:
            dialogs.info(self, "Chọn một nhắc việc trong danh sách.")
            return
        self.edit_reminder(item.reminder_id)

    def delete_selected_reminder(self) -> None:
        item = self.selected_item()
        if item is None or item.reminder_id is None:
            dialogs.info(self, "Chọn một nhắc việc trong danh sách.")
            return
        dialogs.delete_reminder(self, self.controller, item.reminder_id, item.content)

    # days off ------------------------------------------------------------------------------------

    def edit_days_off(self) -> None:
        dialogs.DaysOffDialog(self.controller, self.year, self).exec()
