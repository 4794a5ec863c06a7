"""Thông tin cơ quan: the short first step of a new database (who issues, where, who signs).

An empty database (no plan, no office information, never asked) opens this form once the
window is shown; the officer fills it in or skips it, and either way is not asked again.
Later it is reached from Danh mục → Thông tin cơ quan... and the same fields stand in
Thiết lập văn bản. It writes the office's document settings (`cchc_desktop.documents.render.settings`).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from cchc_desktop.documents.render import settings as doc_settings
from cchc_desktop.errors import CchcError
from cchc_desktop.store.store import Store
from ui.common import messages
from ui.common.forms import GuardedDialog
from ui.office.document_settings_dialog import TEXT_FIELDS

ASKED_SETTING = "office_info_asked"
"""Set once the first-run step was filled in or skipped: it is not offered again."""

OFFICE_FIELDS = tuple(key for key, _label, _hint in TEXT_FIELDS)
MAX_CHARS = 300  # what the document settings accept for one field


def needs_office_info(store: Store) -> bool:
    """A database met for the first time: no plan, no office information, never asked."""
    if store.settings.get(ASKED_SETTING) or store.plans.count():
        return False
    current = doc_settings.load(store)
    return not any(getattr(current, key) for key in OFFICE_FIELDS)


def remember_asked(store: Store) -> None:
    store.settings.set(ASKED_SETTING, True)


class OfficeInfoDialog(GuardedDialog):
    """Parent body, office, abbreviation, place and signer; every field may stay empty."""

    unsaved_text = "Thông tin cơ quan vừa nhập chưa được lưu. Lưu lại trước khi đóng?"

    def __init__(self, store: Store, parent: QWidget | None = None, *, first_run: bool = False) -> None:
        super().__init__(parent)
        self.store = store
        self.first_run = first_run
        self.setWindowTitle("Thông tin cơ quan")
        self.setObjectName("officeInfoDialog")
        current = doc_settings.load(store)
        intro = QLabel(
            ("Chào mừng! Trước khi bắt đầu, xin cho biết cơ quan của bạn. " if first_run else "")
            + "Kế hoạch, phụ lục, báo cáo và danh sách nhắc việc in ra lấy tiêu đề (cơ quan chủ quản, "
            "cơ quan ban hành, địa danh) và khối chữ ký từ đây khi kế hoạch chưa ghi. Có thể để trống "
            "và nhập sau ở Danh mục → Thông tin cơ quan... hoặc Tệp → Thiết lập văn bản..."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, hint in TEXT_FIELDS:
            edit = QLineEdit(getattr(current, key))
            edit.setObjectName(key)
            edit.setPlaceholderText(hint)
            edit.setMaxLength(MAX_CHARS)
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("x" * 48))
            self.edits[key] = edit
            form.addRow(label + ":", edit)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = buttons.addButton("Bỏ qua, nhập sau" if first_run else "Hủy",
                                             QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.edits.items()}

    def accept(self) -> None:
        try:
            doc_settings.save(self.store, replace(doc_settings.load(self.store), **self.values()))
            remember_asked(self.store)
        except CchcError as exc:
            messages.error(self, exc.message)
            return
        self.mark_clean()
        super().accept()

    def done(self, result: int) -> None:
        if self.first_run and result != self.DialogCode.Accepted:
            try:
                remember_asked(self.store)  # skipped: not offered again
            except CchcError as exc:
                messages.error(self, exc.message)
        super().done(result)
