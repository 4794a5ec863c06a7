"""Preview of rows pasted from Word or Excel: how columns map, before anything is written."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.documents.tabular import FIELDS, PastedRow, guess_mapping, rows_to_items
from ui.common.forms import fit_to_screen


class _RowsModel(QAbstractTableModel):
    """The pasted cells as they came, with the header row greyed when it is one."""

    def __init__(self, rows: list[list[str]], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.rows = rows
        self.header = False

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or not self.rows else len(self.rows[0])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and self.header and index.row() == 0:
            return Qt.GlobalColor.gray
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        if role == Qt.ItemDataRole.DisplayRole:
            return f"Cột {section + 1}" if orientation == Qt.Orientation.Horizontal else str(section + 1)
        return None


class PasteDialog(QDialog):
    def __init__(self, rows: list[list[str]], target: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Dán nhiệm vụ từ Word / Excel")
        fit_to_screen(self, 980, 560)
        self._rows = rows
        mapping, header = guess_mapping(rows)
        self.model = _RowsModel(rows, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.header_box = QCheckBox("Dòng đầu là dòng tiêu đề (không nhập)")
        self.header_box.setChecked(header)
        self.header_box.toggled.connect(self._refresh)
        self.combos: list[QComboBox] = []
        combo_row = QHBoxLayout()
        combo_row.addWidget(QLabel("Cột tương ứng:"))
        for i, name in enumerate(mapping):
            combo = QComboBox()
            for key, (label, _) in FIELDS.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(combo.findData(name))
            combo.setToolTip(f"Cột {i + 1}")
            combo.currentIndexChanged.connect(self._refresh)
            self.combos.append(combo)
            combo_row.addWidget(combo)
        combo_row.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Thêm vào danh sách")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Các dòng sẽ được thêm vào: {target}. Kiểm tra cột trước khi thêm."))
        layout.addWidget(self.header_box)
        layout.addLayout(combo_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._refresh()

    def mapping(self) -> list[str]:
        return [c.currentData() for c in self.combos]

    def items(self) -> list[PastedRow]:
        return rows_to_items(self._rows, self.mapping(), self.header_box.isChecked())

    def _refresh(self) -> None:
        self.model.header = self.header_box.isChecked()
        self.model.layoutChanged.emit()
        items = self.items()
        tasks = sum(1 for i in items if i.kind == "task")
        groups = sum(1 for i in items if i.kind == "group")
        missing_content = sum(1 for i in items if i.kind == "task" and not i.values.get("content"))
        text = f"Sẽ thêm {tasks} nhiệm vụ"
        if groups:
            text += f" và {groups} nhóm"
        text += "."
        if "content" not in self.mapping():
            text += " Chưa chọn cột «Nội dung»."
        elif missing_content:
            text += f" {missing_content} dòng không có nội dung sẽ bị từ chối."
        self.summary.setText(text)
        self.ok_button.setEnabled(tasks > 0 and "content" in self.mapping() and not missing_content)
