"""Table model of the week/agenda list of the Lịch tab: one row per occurrence or reminder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from cchc_desktop.text.vnformat import date_table, weekday_date
from ui.calendar.calendar_data import AgendaItem
from ui.calendar.month_view import CHIP_COLORS

COLUMNS = ("day", "content", "lead", "legal_deadline", "finish_by", "state")
HEADERS = {
    "day": "Ngày",
    "content": "Nhiệm vụ / nhắc việc",
    "lead": "Cơ quan chủ trì",
    "legal_deadline": "Hạn theo luật",
    "finish_by": "Nên xong trước",
    "state": "Trạng thái",
}
TOOLTIPS = {
    "legal_deadline": "Hạn rơi vào ngày nghỉ: hạn chuyển sang ngày làm việc tiếp theo (Bộ luật Dân sự 2015, Điều 148).",
    "finish_by": "Ngày làm việc cuối cùng trước ngày nghỉ: nên hoàn thành trước ngày này.",
}
ItemRole = Qt.ItemDataRole.UserRole + 1


class AgendaModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._items: list[AgendaItem] = []

    def set_items(self, items: Sequence[AgendaItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[AgendaItem]:
        return list(self._items)

    def item(self, row: int) -> AgendaItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "day":
                return weekday_date(item.day)
            if col == "content":
                return item.content
            if col == "lead":
                return item.lead
            if col == "legal_deadline":
                return date_table(item.legal_deadline)
            if col == "finish_by":
                return date_table(item.finish_by)
            return item.state_label
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "content":
                return f"{item.content}\nThời gian thực hiện: {item.time_frame}" if item.time_frame else item.content
            return TOOLTIPS.get(col) if col in ("legal_deadline", "finish_by") and item.legal_deadline else None
        if role == Qt.ItemDataRole.ForegroundRole and col == "state":
            return QBrush(QColor(CHIP_COLORS.get(item.state, CHIP_COLORS["open"])[0]))
        if role == ItemRole:
            return item
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[COLUMNS[section]]
            if role == Qt.ItemDataRole.ToolTipRole:
                return TOOLTIPS.get(COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._items):
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
