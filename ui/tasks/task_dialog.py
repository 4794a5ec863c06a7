"""The task form: every field of an appendix row, with agency completion."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.store.domain import Task, TaskGroup, TaskStatus
from cchc_desktop.store.store import Store
from cchc_desktop.text.agencies import guessed_splits
from cchc_desktop.text.vnformat import roman
from ui.common import messages
from ui.common.forms import GuardedDialog, fit_to_screen
from ui.tasks.agency_input import AgencyLineEdit
from ui.tasks.task_table_model import refs_text


class TaskDialog(GuardedDialog):
    unsaved_text = "Nhiệm vụ đang sửa có thay đổi chưa lưu. Lưu lại trước khi đóng?"

    def __init__(self, store: Store, task: Task, groups: list[TaskGroup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thêm nhiệm vụ" if task.id is None else "Sửa nhiệm vụ")
        self._store = store
        self._task = task
        names = store.agencies.known_names()
        self.content = QPlainTextEdit(task.content)
        self.content.setTabChangesFocus(True)
        self.content.setObjectName("content")
        self.group = QComboBox()
        self.group.addItem("(Không thuộc nhóm)", None)
        for i, g in enumerate(groups):
            self.group.addItem(f"{roman(i + 1)}. {g.title}", g.id)
        self.group.setCurrentIndex(max(0, self.group.findData(task.group_id)))
        self.lead = AgencyLineEdit(names)
        self.lead.setText(refs_text(task, "lead"))
        self.lead.setObjectName("lead")
        self.partners = AgencyLineEdit(names)
        self.partners.setText(refs_text(task, "partner"))
        self.partners.setObjectName("partners")
        self.time_frame = QLineEdit(task.time_frame)
        self.time_frame.setPlaceholderText("Ghi như văn bản: Thường xuyên; Quý I/2025; Trước ngày 16/01/2025 ...")
        self.time_frame.setObjectName("time_frame")
        self.output = QLineEdit(task.output)
        self.output.setPlaceholderText("ví dụ 03 tin (bài)/tháng")
        self.funding = QLineEdit(task.funding)
        self.status = QComboBox()
        for status in TaskStatus:
            self.status.addItem(status.label, status.value)
        self.status.setCurrentIndex(self.status.findData(task.status.value))
        self.officer = QLineEdit(task.officer)
        self.notes = QPlainTextEdit(task.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.agency_hint = QLabel()
        self.agency_hint.setWordWrap(True)
        self.agency_hint.setStyleSheet("color: #555;")
        # Names never split: those this task already holds whole, and those joined here.
        self._keep = {r.text for r in (*task.lead, *task.partners)}
        self.join_button = QToolButton()
        self.join_button.setText("Gộp lại…")
        self.join_button.setToolTip("Chỗ tách là đoán: gộp hai phần thành một cơ quan")
        self.join_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.join_button.setMenu(QMenu(self.join_button))
        self.join_button.setVisible(False)
        self.lead.textChanged.connect(self._hint)
        self.partners.textChanged.connect(self._hint)

        form = QFormLayout()
        form.addRow("Nội dung:", self.content)
        form.addRow("Nhóm:", self.group)
        form.addRow("Cơ quan chủ trì:", self.lead)
        form.addRow("Cơ quan phối hợp:", self.partners)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.agency_hint, 1)
        hint_row.addWidget(self.join_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow("", hint_row)
        form.addRow("Thời gian thực hiện:", self.time_frame)
        form.addRow("Sản phẩm / chỉ tiêu:", self.output)
        form.addRow("Kinh phí:", self.funding)
        form.addRow("Trạng thái:", self.status)
        form.addRow("Người theo dõi:", self.officer)
        form.addRow("Ghi chú:", self.notes)
        buttons = messages.ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._hint()
        fit_to_screen(self, 760, 600)

    def _hint(self) -> None:
        """Show how the typed lists are split: which names are registry agencies, which are kept
        as written, and where a split is a guess (offered to be joined)."""
        parts = []
        menu = self.join_button.menu()
        menu.clear()
        for edit in (self.lead, self.partners):
            refs = self._store.agencies.resolve(edit.text(), self._keep)
            guessed = set(guessed_splits(refs))
            for i, ref in enumerate(refs):
                mark = "✓" if ref.agency_id is not None else "≈"
                parts.append(f"{'| ' if i in guessed else ''}{mark} {ref.text}")
                if i in guessed:
                    joined = refs[i - 1].text + ref.separator + ref.text
                    action = menu.addAction(f"Gộp «{refs[i - 1].text}» và «{ref.text}» thành một")
                    action.triggered.connect(lambda _=False, name=joined: self.join(name))
        self.join_button.setVisible(not menu.isEmpty())
        legend = "✓ có trong danh mục cơ quan; ≈ giữ nguyên như đã ghi"
        if not menu.isEmpty():
            legend += "; | tách theo dấu phẩy hoặc «và» (đoán), bấm «Gộp lại…» nếu là một cơ quan"
        self.agency_hint.setText(("  ·  ".join(parts) + "\n" + legend) if parts else "")

    def join(self, name: str) -> None:
        """Keep `name` (two pieces of a typed list with what stood between them) as one agency."""
        self._keep.add(name)
        self._hint()

    def task(self) -> Task:
        def resolve(text: str) -> list:
            return self._store.agencies.resolve(text, self._keep)

        status = TaskStatus(self.status.currentData())
        return replace(
            self._task,
            content=self.content.toPlainText(),
            group_id=self.group.currentData(),
            lead=resolve(self.lead.text()),
            partners=resolve(self.partners.text()),
            time_frame=self.time_frame.text(),
            output=self.output.text(),
            funding=self.funding.text(),
            status=status,
            completed_on=self._task.completed_on if status == TaskStatus.DONE else None,
            officer=self.officer.text(),
            notes=self.notes.toPlainText(),
        )
