"""The agency registry: names, abbreviations, aliases; add, edit, delete and merge."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.store.domain import Agency
from cchc_desktop.text.textnorm import fold, matches, sort_key
from ui.common import messages
from ui.common.controller import AGENCIES, Controller
from ui.common.forms import GuardedDialog, fit_to_screen

COLUMNS = ("name", "abbreviation", "aliases", "tasks")
HEADERS = {"name": "Tên cơ quan, đơn vị", "abbreviation": "Viết tắt", "aliases": "Tên gọi khác", "tasks": "Số nhiệm vụ"}


class AgencyTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._agencies: list[Agency] = []
        self._usage: dict[int, int] = {}

    def set_agencies(self, agencies: list[Agency], usage: dict[int, int]) -> None:
        self.beginResetModel()
        self._agencies = sorted(agencies, key=lambda a: sort_key(a.name))
        self._usage = usage
        self.endResetModel()

    def agency_at(self, row: int) -> Agency | None:
        return self._agencies[row] if 0 <= row < len(self._agencies) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._agencies)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return HEADERS[COLUMNS[section]]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self._agencies[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "aliases":
                return "; ".join(a.aliases)
            if column == "tasks":
                return str(self._usage.get(int(a.id or 0), 0))
            return getattr(a, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "tasks":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class AgencyForm(GuardedDialog):
    unsaved_text = "Cơ quan đang sửa có thay đổi chưa lưu. Lưu lại trước khi đóng?"

    def __init__(self, agency: Agency, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thêm cơ quan" if agency.id is None else "Sửa cơ quan")
        self._agency = agency
        self.name = QLineEdit(agency.name)
        self.abbreviation = QLineEdit(agency.abbreviation)
        self.aliases = QPlainTextEdit("\n".join(agency.aliases))
        self.aliases.setPlaceholderText("Mỗi tên gọi khác một dòng, ví dụ: Đài PT-TH tỉnh")
        form = QFormLayout()
        form.addRow("Tên đầy đủ:", self.name)
        form.addRow("Tên viết tắt:", self.abbreviation)
        form.addRow("Tên gọi khác:", self.aliases)
        buttons = messages.ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def agency(self) -> Agency:
        aliases = [line.strip() for line in self.aliases.toPlainText().splitlines() if line.strip()]
        return Agency(id=self._agency.id, name=self.name.text(), abbreviation=self.abbreviation.text(), aliases=aliases)


class AgenciesDialog(QDialog):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Danh mục cơ quan, đơn vị")
        fit_to_screen(self, 900, 560)
        self.model = AgencyTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm cơ quan (không cần dấu)...")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.add_button = QPushButton("Thêm...")
        self.edit_button = QPushButton("Sửa...")
        self.merge_button = QPushButton("Gộp các cơ quan đã chọn...")
        self.delete_button = QPushButton("Xóa")
        # Every change here is a step of the window's undo history; the dialog is modal, so it
        # offers undo and redo itself (Ctrl+Z, Ctrl+Y) as well.
        self.undo_action = controller.undo_stack.createUndoAction(self, "Hoàn tác")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = controller.undo_stack.createRedoAction(self, "Làm lại")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([self.undo_action, self.redo_action])
        self.undo_button = QToolButton()
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button = QToolButton()
        self.redo_button.setDefaultAction(self.redo_action)
        close = QPushButton("Đóng")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.merge_button.clicked.connect(self.merge)
        self.delete_button.clicked.connect(self.delete)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.merge_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        controller.changed.connect(self._on_changed)
        self.reload()

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if AGENCIES in kinds:
            self.reload()

    def reload(self) -> None:
        store = self.controller.store
        self.model.set_agencies(store.agencies.list(), store.agencies.usage())
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        key = fold(text)
        for row in range(self.model.rowCount()):
            a = self.model.agency_at(row)
            hay = fold(" ".join(a.all_names)) if a else ""
            self.view.setRowHidden(row, bool(key) and not matches(key, hay))

    def _selected(self) -> list[Agency]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [a for a in (self.model.agency_at(r) for r in rows) if a]

    def add(self) -> None:
        form = AgencyForm(Agency(), self)
        while form.exec():
            if self.controller.save_agency(form.agency()):
                return

    def edit(self) -> None:
        selected = self._selected()
        if not selected:
            return
        form = AgencyForm(selected[0], self)
        while form.exec():
            if self.controller.save_agency(form.agency()):
                return

    def delete(self) -> None:
        selected = self._selected()
        if not selected:
            return
        a = selected[0]
        used = self.controller.store.agencies.usage().get(int(a.id or 0), 0)
        text = f"Xóa «{a.name}» khỏi danh mục?"
        if used:
            text += f"\n{used} nhiệm vụ vẫn giữ tên như đã ghi, nhưng không còn gắn với cơ quan này trong thống kê."
        if messages.confirm(self, text):
            self.controller.delete_agency(int(a.id))  # type: ignore[arg-type]

    def merge(self) -> None:
        selected = self._selected()
        if len(selected) < 2:
            messages.error(self, "Hãy chọn ít nhất hai cơ quan (giữ Ctrl khi bấm) để gộp thành một.")
            return
        names = [a.name for a in selected]
        keep_name, ok = QInputDialog.getItem(self, "Gộp cơ quan", "Giữ tên chính là:", names, 0, False)
        if not ok:
            return
        keep = selected[names.index(keep_name)]
        others = [a for a in selected if a.id != keep.id]
        text = (f"Gộp {len(others)} cơ quan vào «{keep.name}»? Tên của chúng trở thành tên gọi khác, "
                "mọi nhiệm vụ chuyển theo. Có thể hoàn tác (Ctrl+Z).")
        if messages.confirm(self, text, yes="Gộp"):
            self.controller.merge_agencies(int(keep.id), [int(o.id) for o in others])  # type: ignore[arg-type]
