"""Table model of the plan register (Kế hoạch tab)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from cchc_desktop.store.domain import Plan, PlanListing
from cchc_desktop.text.textnorm import sort_key
from cchc_desktop.text.vnformat import date_table, number

COLUMNS = ("number", "title", "issuer", "date", "period", "status", "tasks")
_HEADERS = {  # two short lines where a heading is longer than the column's values
    "number": "Số, ký hiệu",
    "title": "Trích yếu",
    "issuer": "Cơ quan\nban hành",
    "date": "Ngày\nban hành",
    "period": "Kỳ\nkế hoạch",
    "status": "Trạng thái",
    "tasks": "Số\nnhiệm vụ",
}
PlanIdRole = Qt.ItemDataRole.UserRole + 1
# The roles `data` answers, as plain ints (it is asked for each role of each cell painted).
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT, _PLAN_ID = int(Qt.ItemDataRole.TextAlignmentRole), int(PlanIdRole)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, _PLAN_ID})
_CENTRED = frozenset({COLUMNS.index("tasks"), COLUMNS.index("date"), COLUMNS.index("period")})
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
COUNT_BLOCK = 64
"""Where the numbers of tasks are counted when shown: the plans of this many rows at once."""

CountSource = Callable[[Iterable[int]], dict[int, int]]


class PlanTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._plans: list[Plan | PlanListing] = []
        self._counts: dict[int, int] = {}
        self._count_source: CountSource | None = None

    def set_listing(self, listing: Sequence[PlanListing], count: CountSource | None = None) -> None:
        """The register as `PlanService.register` reads it (the shown columns and task counts).
        A register read without its numbers of tasks gives `count` (`PlanService.task_counts`):
        the numbers of the rows painted are then counted when first shown, a block of rows at a
        time, and all of them before the register is sorted by them."""
        self.set_plans(listing, {p.id: p.task_count for p in listing if p.task_count is not None}, count)

    def set_plans(self, plans: Sequence[Plan | PlanListing], counts: dict[int, int],
                  count: CountSource | None = None) -> None:
        self.beginResetModel()
        self._plans = list(plans)
        self._counts = dict(counts)
        self._count_source = count
        self.endResetModel()

    def task_count_at(self, row: int) -> int:
        """The number of tasks of the plan of `row` (counted with the rows near it if not yet)."""
        pid = self._plans[row].id or 0
        if pid not in self._counts:
            self._count(self._plans[max(0, row - COUNT_BLOCK // 4):row + COUNT_BLOCK])
        return self._counts.get(pid, 0)

    def _count(self, plans: Sequence[Plan | PlanListing]) -> None:
        """Count the tasks of those of `plans` not counted yet (nothing without a source)."""
        missing = [p.id for p in plans if p.id and p.id not in self._counts]
        if missing and self._count_source is not None:
            self._counts.update(self._count_source(missing))

    def plan_at(self, row: int) -> Plan | PlanListing | None:
        return self._plans[row] if 0 <= row < len(self._plans) else None

    def row_of(self, plan_id: int) -> int:
        for i, p in enumerate(self._plans):
            if p.id == plan_id:
                return i
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._plans)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _HEADERS[COLUMNS[section]]
            if role == Qt.ItemDataRole.ToolTipRole:
                return _HEADERS[COLUMNS[section]].replace("\n", " ")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:
            return None
        row = index.row()
        if not index.isValid() or not (0 <= row < len(self._plans)):
            return None
        plan = self._plans[row]
        if role == _PLAN_ID:
            return plan.id
        column = index.column()
        if role == _ALIGNMENT:
            return _CENTRE if column in _CENTRED else None
        name = COLUMNS[column]
        if name == "number":
            return plan.number
        if name == "title":
            return plan.title
        if name == "issuer":
            return plan.issuer
        if name == "date":
            return date_table(plan.issue_date)
        if name == "period":
            return plan.period_label
        if name == "status":
            return plan.status.label
        return number(self.task_count_at(row))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Vietnamese collation for text columns (Đ right after D)."""
        name = COLUMNS[column]
        if name == "tasks":
            self._count(self._plans)

        def key(plan: Plan | PlanListing) -> Any:
            if name == "date":
                return plan.issue_date.isoformat() if plan.issue_date else ""
            if name == "tasks":
                return self._counts.get(plan.id or 0, 0)
            if name == "period":
                return (plan.period_start, plan.period_end)
            if name == "status":
                return plan.status.label
            return sort_key(getattr(plan, name))

        self.layoutAboutToBeChanged.emit()
        self._plans.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()
