"""Quotas of a report: target versus achieved, per task or per lead agency and unit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from cchc_desktop.reporting.report import AgencyQuotaRow, QuotaRow, Report
from cchc_desktop.text import vnformat
from ui.reports.totals_model import TaskIdsRole

TASK_COLUMNS = ("content", "agencies", "quota", "target", "achieved", "percent")
AGENCY_COLUMNS = ("name", "unit", "target", "achieved", "percent")
_HEADERS = {
    "content": "Nhiệm vụ", "agencies": "Cơ quan chủ trì", "quota": "Chỉ tiêu", "target": "Kế hoạch trong kỳ",
    "achieved": "Đạt được", "percent": "Tỷ lệ", "name": "Cơ quan chủ trì", "unit": "Đơn vị tính",
}


class QuotaModel(QAbstractTableModel):
    """`per_agency` False: one row per task with a quota; True: one row per agency and unit."""

    def __init__(self, per_agency: bool = False, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.per_agency = per_agency
        self.columns = AGENCY_COLUMNS if per_agency else TASK_COLUMNS
        self._rows: list[QuotaRow] | list[AgencyQuotaRow] = []

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        if report is None:
            self._rows = []
        else:
            self._rows = list(report.agency_quotas) if self.per_agency else list(report.quotas)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return _HEADERS[self.columns[section]]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "percent":
                return vnformat.percent(r.achieved, r.target) if r.target else ""
            if col == "agencies" and isinstance(r, QuotaRow):
                return ", ".join(r.agency_names)
            if col == "quota" and isinstance(r, QuotaRow):
                return r.quota_text
            value = getattr(r, col)
            return vnformat.number(value) if isinstance(value, int) else value
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("target", "achieved", "percent"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == TaskIdsRole:
            return list(r.task_ids) if isinstance(r, AgencyQuotaRow) else [r.task_id]
        return None
