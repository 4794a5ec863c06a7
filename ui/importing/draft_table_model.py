"""The import preview's task table: every recognised task as it will be stored, with its
source lines, an include box and in-place correction; what needs checking is coloured."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cchc_desktop.importer import DraftTask

# (field of DraftTask, column title); titles are looked up in headerData, never at import time.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("include", "Nhập"),
    ("source", "Dòng"),
    ("group", "Nhóm"),
    ("content", "Nội dung"),
    ("lead", "Cơ quan chủ trì"),
    ("partners", "Cơ quan phối hợp"),
    ("time_frame", "Thời gian thực hiện"),
    ("problems", "Cần kiểm tra"),
)
EDITABLE = {"group", "content", "lead", "partners", "time_frame"}
REQUIRED = {"content", "lead", "time_frame"}
PROBLEM_ROW = QColor("#fff4c2")
MISSING_CELL = QColor("#f6c9c9")
DUTY_ROW = QColor("#e8f0fb")
DERIVED_CELL = QColor("#e3f2e1")  # a value inherited from a heading or a merged cell, or guessed


COLUMN_TITLES = dict(COLUMNS)


def source_label(lines: list[int]) -> str:
    if not lines:
        return ""
    if len(lines) == 1:
        return str(lines[0])
    return f"{lines[0]}–{lines[-1]}"


class DraftTableModel(QAbstractTableModel):
    def __init__(self, tasks: list[DraftTask], recheck: Callable[[DraftTask], None], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.tasks = tasks
        self._recheck = recheck

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.tasks)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def _text(self, task: DraftTask, name: str) -> str:
        if name == "source":
            return source_label(task.source)
        if name == "problems":
            return "\n".join(task.problems)
        if name == "group" and task.kind == "duty":
            return task.group or "Chế độ báo cáo"
        return str(getattr(task, name))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not (0 <= index.row() < len(self.tasks)):
            return None
        task = self.tasks[index.row()]
        name = COLUMNS[index.column()][0]
        if name == "include":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if task.include else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Bỏ dấu để không nhập dòng này"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(task, name)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._text(task, name)
            if task.problems:
                tip = (tip + "\n\n" if tip and name != "problems" else "") + "\n".join(f"• {p}" for p in task.problems)
            if name == "source":
                tip = "Dòng trong văn bản gốc: " + ", ".join(str(n) for n in task.source)
            if name in task.derived:
                tip = f"Không ghi ở dòng của nhiệm vụ: {task.derived[name]}.\n\n{tip or ''}".strip()
            elif name == "problems" and task.derived:
                tip = "\n".join([tip or "", *(f"• {COLUMN_TITLES.get(k, k)}: {v}" for k, v in task.derived.items())]).strip()
            return tip or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if name in REQUIRED and not str(getattr(task, name)).strip():
                return QBrush(MISSING_CELL)
            if name == "time_frame" and task.time_frame and not task.schedule_understood:
                return QBrush(MISSING_CELL)
            if name in task.derived:
                return QBrush(DERIVED_CELL)
            if task.problems:
                return QBrush(PROBLEM_ROW)
            if task.kind == "duty":
                return QBrush(DUTY_ROW)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and not task.include:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.FontRole and (task.kind == "duty" or name in task.derived):
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        name = COLUMNS[index.column()][0]
        if name == "include":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if name in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: ANN001, N802
        if not index.isValid():
            return False
        task = self.tasks[index.row()]
        name = COLUMNS[index.column()][0]
        if name == "include" and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            task.include = bool(checked)
        elif name in EDITABLE and role == Qt.ItemDataRole.EditRole:
            text = str(value or "").strip()
            if text == getattr(task, name):
                return False
            setattr(task, name, text)
            self._recheck(task)
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
        return True

    def set_tasks(self, tasks: list[DraftTask]) -> None:
        self.beginResetModel()
        self.tasks = tasks
        self.endResetModel()

    def set_all(self, include: bool, kind: str | None = None) -> None:
        for task in self.tasks:
            if kind is None or task.kind == kind:
                task.include = include
        if self.tasks:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.tasks) - 1, 0))
