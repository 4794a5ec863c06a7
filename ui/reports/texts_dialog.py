"""The officer's texts of a report: results, shortcomings, tasks for the next period, recipients."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from cchc_desktop.reporting.report import TEXT_KEYS, TEXT_LABELS
from ui.common.forms import GuardedDialog, fit_to_screen
from ui.common.messages import ok_cancel

_HINTS = {
    "results": "Những việc đã làm, số liệu nổi bật (mỗi đoạn một dòng).",
    "shortcomings": "Những việc còn chậm, nguyên nhân.",
    "next_tasks": "Nhiệm vụ, giải pháp trong kỳ tới.",
    "recipients": "Mỗi nơi nhận một dòng; dòng cuối «Lưu: VT, ...».",
}


class ReportTextsDialog(GuardedDialog):
    unsaved_text = "Nội dung báo cáo có thay đổi chưa lưu. Lưu lại trước khi đóng?"

    def __init__(self, texts: dict[str, str], period_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nội dung báo cáo")
        self.edits: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        for key in TEXT_KEYS:
            edit = QPlainTextEdit(texts.get(key, ""))
            edit.setPlaceholderText(_HINTS[key])
            edit.setTabChangesFocus(True)
            self.edits[key] = edit
            form.addRow(f"{TEXT_LABELS[key]}:", edit)
        layout = QVBoxLayout(self)
        head = QLabel(f"Báo cáo {period_label}: các đoạn văn này được in vào báo cáo PDF và Word.")
        head.setWordWrap(True)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, "Lưu"))
        fit_to_screen(self, 760, 640)

    def texts(self) -> dict[str, str]:
        return {key: edit.toPlainText() for key, edit in self.edits.items()}
