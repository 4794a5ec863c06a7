"""Table model of the plan register (Kế hoạch tab)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from cchc_desktop.store.domain import Plan, PlanListing
from cchc_desktop.text.textnorm import sort_key
from cchc_desktop.text.vnformat import date_table

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


class PlanTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._plans: list[Plan | PlanListing] = []
        self._counts: dict[int, int] = {}

    def set_listing(self, listing: Sequence[PlanListing]) -> None:
        """The register as `PlanService.register` reads it (the shown columns and task counts)."""
        self.set_plans(listing, {p.id: p.task_count for p in listing})

    def set_plans(self, plans: Sequence[Plan | PlanListing], counts: dict[int, int]) -> None:
        self.beginResetModel()
        self._plans = list(plans)
        self._counts = dict(counts)
        self.endResetModel()

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
        if not index.isValid() or not (0 <= index.row() < len(self._plans)):
            return None
        plan = self._plans[index.row()]
        column = COLUMNS[index.column()]
        if role == PlanIdRole:
            return plan.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {
                "number": plan.number,
                "title": plan.title,
                "issuer": plan.issuer,
                "date": date_table(plan.issue_date),
                "period": plan.period_label,
                "status": plan.status.label,
                "tasks": str(self._counts.get(plan.id or 0, 0)),
            }[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("tasks", "date", "period"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Vietnamese collation for text columns (Đ right after D)."""
        name = COLUMNS[column]

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
