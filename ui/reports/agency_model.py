"""Report figures per lead agency (aliases merged): counts in each state and the total."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from cchc_desktop.reporting.report import ALL_STATES, AgencyRow, Report
from cchc_desktop.scheduling.schedule import STATE_LABELS
from cchc_desktop.text.textnorm import sort_key, two_lines
from ui.reports.totals_model import StateRole, TaskIdsRole

COLUMNS = ("name", *ALL_STATES, "total")
SortRole = Qt.ItemDataRole.UserRole + 3
AgencyKeyRole = Qt.ItemDataRole.UserRole + 4


class AgencyModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[AgencyRow] = []

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self._rows = list(report.agencies) if report else []
        self.endResetModel()

    def row_at(self, row: int) -> AgencyRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            col = COLUMNS[section]
            if col == "name":
                return "Cơ quan chủ trì"
            if col == "total":
                return "Tổng số"
            return two_lines(STATE_LABELS[col])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        a = self._rows[index.row()]
        col = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            if col == "name":
                return a.name if role == Qt.ItemDataRole.DisplayRole else sort_key(a.name)
            return a.counts.total if col == "total" else a.counts.count(col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col != "name":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{a.name} ({a.abbreviation})" if a.abbreviation else a.name
        if role == TaskIdsRole:
            return a.counts.all_ids() if col in ("name", "total") else list(a.counts.ids[col])
        if role == StateRole:
            return col if col in ALL_STATES else None
        if role == AgencyKeyRole:
            return a.key
        return None
