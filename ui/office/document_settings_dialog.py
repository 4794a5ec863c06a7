"""Thiết lập văn bản: the office's document settings (issuer, place, signer, page and type),
entered once and used by every printed document."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.documents.render import settings as doc_settings
from cchc_desktop.documents.render.fonts import font_display_name
from cchc_desktop.errors import CchcError
from cchc_desktop.store.store import Store
from ui.common import messages
from ui.common.forms import GuardedDialog

TEXT_FIELDS = (
    ("parent_body", "Cơ quan chủ quản", "ví dụ: UBND TỈNH VĨNH LONG (để trống nếu không có)"),
    ("office_name", "Tên cơ quan ban hành", "ví dụ: SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
    ("abbreviation", "Tên viết tắt", "ví dụ: STTTT (dùng trong số, ký hiệu: .../KH-STTTT)"),
    ("place", "Địa danh ghi ngày tháng", "ví dụ: Vĩnh Long"),
    ("signer_authority", "Quyền hạn ký", "ví dụ: KT. GIÁM ĐỐC"),
    ("signer_position", "Chức vụ người ký", "ví dụ: PHÓ GIÁM ĐỐC"),
    ("signer_name", "Họ tên người ký", ""),
)
NUMBER_FIELDS = (
    ("margin_top_mm", " mm", 1, 0.5),
    ("margin_bottom_mm", " mm", 1, 0.5),
    ("margin_left_mm", " mm", 1, 0.5),
    ("margin_right_mm", " mm", 1, 0.5),
    ("body_font_size", " pt", 1, 0.5),
    ("table_font_size", " pt", 1, 0.5),
    ("page_number_font_size", " pt", 1, 0.5),
    ("line_spacing", " lần", 2, 0.05),
    ("first_line_indent_cm", " cm", 2, 0.01),
    ("paragraph_space_pt", " pt", 1, 1),
)


class DocumentSettingsDialog(GuardedDialog):
    """Edits `DocumentSettings`; every number is held within the range of Nghị định 30/2020."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thiết lập văn bản")
        self.unsaved_text = "Thiết lập văn bản có thay đổi chưa lưu. Lưu lại trước khi đóng?"
        self.store = store
        self.settings = doc_settings.load(store)
        self.texts: dict[str, QLineEdit] = {}
        self.numbers: dict[str, QDoubleSpinBox] = {}
        self.columns: dict[str, QCheckBox] = {}

        office = QGroupBox("Cơ quan và người ký (dùng khi kế hoạch chưa ghi)")
        form = QFormLayout(office)
        for key, label, hint in TEXT_FIELDS:
            edit = QLineEdit(getattr(self.settings, key))
            edit.setPlaceholderText(hint)
            self.texts[key] = edit
            form.addRow(label + ":", edit)

        page = QGroupBox("Trang và chữ (theo Nghị định 30/2020/NĐ-CP)")
        page_form = QFormLayout(page)
        self.orientation = QComboBox()
        for value, label in doc_settings.ORIENTATIONS.items():
            self.orientation.addItem(label, value)
        self.orientation.setCurrentIndex(self.orientation.findData(self.settings.appendix_orientation))
        page_form.addRow("Hướng trang phụ lục:", self.orientation)
        for key, suffix, decimals, step in NUMBER_FIELDS:
            label, low, high = doc_settings.RANGES[key]
            spin = QDoubleSpinBox()
            spin.setDecimals(decimals)
            spin.setRange(low, high)
            spin.setSingleStep(step)
            spin.setSuffix(suffix)
            spin.setValue(float(getattr(self.settings, key)))
            spin.setToolTip(f"Từ {low:g} đến {high:g}".replace(".", ","))
            self.numbers[key] = spin
            page_form.addRow(label.split(" (")[0] + ":", spin)
        self.font_label = QLabel(font_display_name())
        page_form.addRow("Phông chữ (tự chọn theo máy):", self.font_label)

        columns = QGroupBox("Cột của bảng phụ lục")
        grid = QGridLayout(columns)
        for i, (key, label) in enumerate(doc_settings.APPENDIX_COLUMNS.items()):
            box = QCheckBox(label)
            box.setChecked(key in self.settings.appendix_columns)
            if key == "content":
                box.setEnabled(False)  # the table is about the tasks' content
                box.setChecked(True)
            self.columns[key] = box
            grid.addWidget(box, i // 3, i % 3)

        left = QVBoxLayout()
        left.addWidget(office)
        left.addWidget(columns)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(page, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(messages.ok_cancel(self, "Lưu"))

    def edited(self) -> doc_settings.DocumentSettings:
        """The settings as shown in the dialog (not yet checked or stored)."""
        values = {key: edit.text() for key, edit in self.texts.items()}
        values.update({key: spin.value() for key, spin in self.numbers.items()})
        return doc_settings.DocumentSettings(
            **values,  # type: ignore[arg-type]
            appendix_orientation=self.orientation.currentData(),
            appendix_columns=[key for key, box in self.columns.items() if box.isChecked()],
        )

    def accept(self) -> None:
        try:
            self.settings = doc_settings.save(self.store, self.edited())
        except CchcError as exc:
            messages.error(self, exc.message)
            return
        super().accept()
