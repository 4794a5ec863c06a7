"""Totals of a report: one row per official state (plus continuous tasks), then the total."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from cchc_desktop.reporting.report import ALL_STATES, Report
from cchc_desktop.scheduling.schedule import STATE_LABELS

COLUMNS = ("state", "count", "percent")
_HEADERS = {"state": "Tình trạng", "count": "Số nhiệm vụ", "percent": "Tỷ lệ"}
TOTAL_ROW_LABEL = "Tổng số"
TaskIdsRole = Qt.ItemDataRole.UserRole + 1
"""The task ids behind a cell (a list of int), for drill-down."""
StateRole = Qt.ItemDataRole.UserRole + 2
"""The state key of a row (None on the total row)."""


class TotalsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._report: Report | None = None

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self._report = report
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self._report is None else len(ALL_STATES) + 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _HEADERS[COLUMNS[section]]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self._report
        if r is None or not index.isValid() or not (0 <= index.row() < self.rowCount()):
            return None
        row, col = index.row(), COLUMNS[index.column()]
        state = ALL_STATES[row] if row < len(ALL_STATES) else None
        t = r.totals
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "state":
                return STATE_LABELS[state] if state else TOTAL_ROW_LABEL
            if col == "count":
                return t.count(state) if state else t.total
            return t.percent_text(state) if state else ("100%" if t.total else "0%")
        if role == Qt.ItemDataRole.TextAlignmentRole and col != "state":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == TaskIdsRole:
            return list(t.ids[state]) if state else t.all_ids()
        if role == StateRole:
            return state
        if role == Qt.ItemDataRole.FontRole and state is None:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Nhấp đúp để xem danh sách nhiệm vụ"
        return None
