"""Table model of the month grid (Lịch tab): 6 weeks x 7 days, Monday first.

Each cell is a `DayCell` built in one pass for the whole month: the solar day, its lunar
label, the holiday or office note, and the chips (occurrences and own reminders) due
that day. The delegate in month_view paints cells from `CellRole`; nothing here runs SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from cchc_desktop.text.vnformat import WEEKDAYS, WEEKDAYS_SHORT, date_table, weekday_date

CellRole = Qt.ItemDataRole.UserRole + 1
DayRole = Qt.ItemDataRole.UserRole + 2

ROWS = 6
COLUMNS = 7

# Chip states, in the order they are painted within a day (the urgent first).
STATE_OVERDUE = "overdue"
STATE_SOON = "soon"
STATE_OPEN = "open"
STATE_DONE = "done"
STATE_REMINDER = "reminder"
STATE_ORDER = {STATE_OVERDUE: 0, STATE_SOON: 1, STATE_OPEN: 2, STATE_REMINDER: 3, STATE_DONE: 4}
STATE_LABELS = {
    STATE_OVERDUE: "Quá hạn",
    STATE_SOON: "Sắp đến hạn",
    STATE_OPEN: "Trong hạn",
    STATE_DONE: "Đã xong",
    STATE_REMINDER: "Nhắc việc",
}


@dataclass(frozen=True, slots=True)
class Chip:
    """One thing due on a day: an occurrence of a task, or one of the officer's own reminders."""

    text: str
    state: str
    day: dt.date
    task_id: int | None = None
    occurrence_due: dt.date | None = None  # the occurrence's own due date (None: the task as a whole)
    reminder_id: int | None = None
    detail: str = ""  # tooltip line: lead agency, legal deadline ...


@dataclass(slots=True)
class DayCell:
    """One day of the month grid: lunar date, holiday or note, day off, and the chips of what is due."""
    day: dt.date
    in_month: bool
    lunar: str = ""
    note: str | None = None  # holiday name, "Làm bù", the office's note
    day_off: bool = False
    today: bool = False
    chips: list[Chip] = field(default_factory=list)

    def tooltip(self) -> str:
        lines = [weekday_date(self.day)]
        if self.lunar:
            lines[0] += f" (âm lịch {self.lunar})"
        if self.note:
            lines.append(self.note)
        for chip in self.chips:
            lines.append(f"• [{STATE_LABELS.get(chip.state, chip.state)}] {chip.text}")
        return "\n".join(lines)


def first_visible_day(year: int, month: int) -> dt.date:
    """The Monday on or before the 1st of the month: the grid's top-left cell."""
    first = dt.date(year, month, 1)
    return first - dt.timedelta(days=first.weekday())


def visible_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = first_visible_day(year, month)
    return start, start + dt.timedelta(days=ROWS * COLUMNS - 1)


def build_cells(
    year: int,
    month: int,
    chips: Mapping[dt.date, Sequence[Chip]],
    *,
    lunar_label: Callable[[dt.date], str],
    day_note: Callable[[dt.date], str | None],
    is_day_off: Callable[[dt.date], bool],
    today: dt.date | None = None,
) -> list[DayCell]:
    """The 42 cells of a month, in grid order; chips sorted most urgent first."""
    start = first_visible_day(year, month)
    cells: list[DayCell] = []
    for i in range(ROWS * COLUMNS):
        day = start + dt.timedelta(days=i)
        own = sorted(chips.get(day, ()), key=lambda c: (STATE_ORDER.get(c.state, 9), c.text))
        cells.append(DayCell(
            day=day, in_month=day.month == month, lunar=lunar_label(day), note=day_note(day),
            day_off=is_day_off(day), today=day == today, chips=own,
        ))
    return cells


class MonthModel(QAbstractTableModel):
    """The 42 days shown for one month; headers are the Vietnamese weekdays."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.year = dt.date.today().year
        self.month = dt.date.today().month
        self._cells: list[DayCell] = []
        self.short_headers = True

    def set_month(self, year: int, month: int, cells: Sequence[DayCell]) -> None:
        if len(cells) != ROWS * COLUMNS:
            raise ValueError("a month grid has 42 cells")
        self.year, self.month = year, month
        if not self._cells:  # the first month: the grid gets its 6 rows
            self.beginResetModel()
            self._cells = list(cells)
            self.endResetModel()
            return
        self._cells = list(cells)
        # Same shape every month: only the contents change, so views keep their layout.
        self.dataChanged.emit(self.index(0, 0), self.index(ROWS - 1, COLUMNS - 1))

    def cells(self) -> list[DayCell]:
        return list(self._cells)

    def cell(self, day: dt.date) -> DayCell | None:
        if not self._cells:
            return None
        i = (day - self._cells[0].day).days
        return self._cells[i] if 0 <= i < len(self._cells) else None

    def index_of(self, day: dt.date) -> QModelIndex:
        if not self._cells:
            return QModelIndex()
        i = (day - self._cells[0].day).days
        if not 0 <= i < len(self._cells):
            return QModelIndex()
        return self.index(i // COLUMNS, i % COLUMNS)

    # Qt model API ------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or not self._cells else ROWS

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self._cells:
            return None
        cell = self._cells[index.row() * COLUMNS + index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(cell.day.day)
        if role == CellRole:
            return cell
        if role == DayRole:
            return cell.day
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return date_table(cell.day)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMNS:
                return WEEKDAYS_SHORT[section] if self.short_headers else WEEKDAYS[section]
            if orientation == Qt.Orientation.Vertical and 0 <= section < ROWS:
                return ""
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMNS:
            return WEEKDAYS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
