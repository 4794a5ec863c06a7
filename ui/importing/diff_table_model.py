"""The re-import view: how the document differs from the plan already stored, one line per
task, each with a box saying whether to apply it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from cchc_desktop.importer.apply import TaskDiff
from ui.importing.draft_table_model import source_label

COLUMNS: tuple[tuple[str, str], ...] = (
    ("accept", "Áp dụng"),
    ("kind", "Khác biệt"),
    ("content", "Nội dung"),
    ("changes", "Khác ở"),
    ("source", "Dòng"),
)
COLOURS = {"added": QColor("#dff3df"), "changed": QColor("#fff4c2"), "missing": QColor("#f6c9c9")}
ACTIONS = {"added": "thêm nhiệm vụ này", "changed": "cập nhật nhiệm vụ đã có (giữ trạng thái, tiến độ)",
           "missing": "xóa nhiệm vụ này khỏi kế hoạch"}


class DiffTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.diffs: list[TaskDiff] = []

    def set_diffs(self, diffs: list[TaskDiff]) -> None:
        self.beginResetModel()
        self.diffs = diffs
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.diffs)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not (0 <= index.row() < len(self.diffs)):
            return None
        diff = self.diffs[index.row()]
        name = COLUMNS[index.column()][0]
        if name == "accept":
            if role == Qt.ItemDataRole.CheckStateRole and diff.kind != "unchanged":
                return Qt.CheckState.Checked if diff.accept else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole and diff.kind in ACTIONS:
                return "Đánh dấu để " + ACTIONS[diff.kind]
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if name == "kind":
                return diff.label
            if name == "content":
                if diff.kind == "changed" and diff.existing is not None and diff.draft is not None:
                    if role == Qt.ItemDataRole.ToolTipRole:
                        return f"Đang lưu: {diff.existing.content}\n\nTrong văn bản: {diff.draft.content}"
                return diff.draft.content if diff.draft else diff.existing.content if diff.existing else ""
            if name == "changes":
                if role == Qt.ItemDataRole.ToolTipRole and diff.kind == "changed" and diff.existing and diff.draft:
                    return (f"Thời gian đang lưu: {diff.existing.time_frame}\nThời gian trong văn bản: {diff.draft.time_frame}\n"
                            f"Chủ trì đang lưu: {'; '.join(diff.existing.lead_names)}\nChủ trì trong văn bản: {diff.draft.lead}")
                return ", ".join(diff.changes)
            if name == "source":
                return source_label(diff.draft.source) if diff.draft else ""
        if role == Qt.ItemDataRole.BackgroundRole and diff.kind in COLOURS:
            return QBrush(COLOURS[diff.kind])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()][0] == "accept" and self.diffs[index.row()].kind != "unchanged":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: ANN001, N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or COLUMNS[index.column()][0] != "accept":
            return False
        diff = self.diffs[index.row()]
        if diff.kind == "unchanged":
            return False
        diff.accept = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        self.dataChanged.emit(index, index)
        return True

    def counts(self) -> dict[str, int]:
        return {k: sum(1 for d in self.diffs if d.kind == k) for k in ("added", "changed", "unchanged", "missing")}
