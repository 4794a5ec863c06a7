"""Record progress on a task or on one occurrence of a recurring task, and read its history.

Each save adds an entry (nothing is overwritten): state, the date the work was done, what was
done, the quantity against the quota, the officer, evidence (document number and date, a
link, files copied into the data folder). The history lists every entry with who and when.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import SIGNAL, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.errors import CchcError
from cchc_desktop.scheduling.schedule import Occurrence, task_occurrences, task_schedule
from cchc_desktop.store.domain import TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.text.vnformat import date_table
from ui.common import messages
from ui.common.controller import Controller
from ui.common.date_field import DateField
from ui.common.forms import GuardedDialog, fit_to_screen
from ui.common.messages import ok_cancel

HISTORY_COLUMNS = ("Ghi lúc", "Người ghi", "Lần", "Tình trạng", "Ngày thực hiện", "Số lượng", "Kết quả",
                   "Người thực hiện", "Minh chứng", "Tệp đính kèm")
WHOLE_TASK = "Cả nhiệm vụ"
PathRole = Qt.ItemDataRole.UserRole + 1


class ProgressDialog(GuardedDialog):
    unsaved_text = "Tiến độ vừa nhập chưa được ghi. Ghi lại trước khi đóng?"

    def __init__(self, controller: Controller, task_id: int, occurrence_due: dt.date | None = None,
                 parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.store = controller.store
        self.service = ProgressService(self.store)
        self.task = self.store.tasks.get(task_id)
        plan = self.store.plans.get(int(self.task.plan_id or 0))
        self.schedule = task_schedule(self.task, plan.period_start, plan.period_end)
        self.today = today or dt.date.today()
        self.occurrences: list[Occurrence] = []
        if self.schedule.per_occurrence:
            progress = self.service.latest_by_occurrence([task_id])
            self.occurrences = task_occurrences(self.task, plan.period_start, plan.period_end, progress=progress,
                                                today=self.today)
        self.files: list[Path] = []
        self.saved: ProgressEntry | None = None
        self.setWindowTitle("Ghi tiến độ thực hiện")

        head = QLabel(f"<b>{_html(self.task.content)}</b><br>Chủ trì: {_html(', '.join(self.task.lead_names))}"
                      f"<br>Thời gian thực hiện: {_html(self.task.time_frame)} ({_html(self.schedule.describe())})")
        head.setWordWrap(True)
        head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.occurrence_combo = QComboBox()
        if self.occurrences:
            for o in self.occurrences:
                self.occurrence_combo.addItem(f"{o.label} – hạn {date_table(o.due)} – {o.state_label}", o.due)
            pick = next((i for i, o in enumerate(self.occurrences) if not o.done), 0)
            if occurrence_due is not None:
                pick = next((i for i, o in enumerate(self.occurrences) if o.due == occurrence_due), pick)
            self.occurrence_combo.setCurrentIndex(pick)
        else:
            self.occurrence_combo.addItem(WHOLE_TASK, None)
            self.occurrence_combo.setEnabled(False)
        self.state_combo = QComboBox()
        for status in TaskStatus:
            self.state_combo.addItem(status.label, status.value)
        self.state_combo.setCurrentIndex(self.state_combo.findData(TaskStatus.DONE.value))
        self.done_on = DateField(self.today)
        self.done_on.setMaximumDate(self.today, f"ngày đó chưa đến (hôm nay là {date_table(self.today)})")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("Đã làm gì: ví dụ «Đăng 3 tin, bài trên Cổng thông tin điện tử»")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(90)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(-1, 1_000_000)
        self.count_spin.setSpecialValueText("Không ghi")
        self.count_spin.setValue(-1)
        quota = self.schedule.quota
        if quota is not None:
            self.count_spin.setSuffix(f" {quota.unit}")
        self.officer_edit = QLineEdit(self.task.officer)
        self.evidence_number = QLineEdit()
        self.evidence_number.setPlaceholderText("Ví dụ: Công văn số 12/STTTT-TTBCXB")
        self.has_evidence_date = QCheckBox("Có ngày văn bản")
        self.evidence_date = DateField(self.today)
        self.evidence_date.setEnabled(False)
        self.has_evidence_date.toggled.connect(self.evidence_date.setEnabled)
        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText("https://...")

        self.file_list = QListWidget()
        self.file_list.setMaximumHeight(70)
        add_file = QPushButton("Đính kèm tệp…")
        remove_file = QPushButton("Bỏ tệp")
        add_file.clicked.connect(self._choose_files)
        remove_file.clicked.connect(self._remove_file)
        files_row = QHBoxLayout()
        files_row.addWidget(self.file_list, 1)
        file_buttons = QVBoxLayout()
        file_buttons.addWidget(add_file)
        file_buttons.addWidget(remove_file)
        file_buttons.addStretch(1)
        files_row.addLayout(file_buttons)
        evidence_date_row = QHBoxLayout()
        evidence_date_row.addWidget(self.has_evidence_date)
        evidence_date_row.addWidget(self.evidence_date)
        evidence_date_row.addStretch(1)

        form = QFormLayout()
        form.addRow("Lần thực hiện:", self.occurrence_combo)
        form.addRow("Tình trạng:", self.state_combo)
        form.addRow("Ngày thực hiện:", self.done_on)
        form.addRow("Kết quả thực hiện:", self.note_edit)
        label = f"Số lượng (chỉ tiêu {quota.describe()}):" if quota else "Số lượng:"
        form.addRow(label, self.count_spin)
        form.addRow("Người thực hiện:", self.officer_edit)
        form.addRow("Số, ký hiệu văn bản minh chứng:", self.evidence_number)
        form.addRow("Ngày văn bản:", evidence_date_row)
        form.addRow("Đường dẫn minh chứng:", self.link_edit)
        form.addRow("Tệp minh chứng:", files_row)

        self.history = QTableWidget(0, len(HISTORY_COLUMNS))
        self.history.setHorizontalHeaderLabels(list(HISTORY_COLUMNS))
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.history.doubleClicked.connect(self._open_attachment)
        history_box = QGroupBox("Lịch sử (nhấp đúp vào tệp đính kèm để mở)")
        hl = QVBoxLayout(history_box)
        hl.addWidget(self.history)

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(history_box, 1)
        layout.addWidget(ok_cancel(self, "Ghi tiến độ"))
        self._fill_history()
        fit_to_screen(self, 860, 680)

    # ------------------------------------------------------------------ values

    def entry(self) -> ProgressEntry:
        state = TaskStatus(self.state_combo.currentData())
        count = self.count_spin.value()
        return ProgressEntry(
            task_id=int(self.task.id or 0), occurrence_due=self.occurrence_combo.currentData(), state=state,
            done_on=self.done_on.value() if state != TaskStatus.TODO else None,
            note=self.note_edit.toPlainText(), count=None if count < 0 else count, officer=self.officer_edit.text(),
            evidence_number=self.evidence_number.text(),
            evidence_date=self.evidence_date.value() if self.has_evidence_date.isChecked() else None,
            evidence_link=self.link_edit.text(),
        )

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self.files:
                self.files.append(path)
                self.file_list.addItem(path.name)

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Chọn tệp minh chứng")
        self.add_files([Path(n) for n in names])

    def _remove_file(self) -> None:
        row = self.file_list.currentRow()
        if 0 <= row < len(self.files):
            self.files.pop(row)
            self.file_list.takeItem(row)

    def accept(self) -> None:
        try:
            entry = self.entry()
        except CchcError as exc:
            messages.error(self, exc.message)
            return
        errors: list[str] = []
        self.controller.failed.connect(errors.append)
        try:
            self.saved = self.controller.record_progress(entry, self.files)  # one undoable step
        finally:
            self.controller.failed.disconnect(errors.append)
        if self.saved is None:
            if errors and not self.controller.receivers(SIGNAL("failed(QString)")):  # nobody else shows it
                messages.error(self, errors[0])
            return
        super().accept()

    # ------------------------------------------------------------------ history

    def _fill_history(self) -> None:
        entries = list(reversed(self.service.history(int(self.task.id or 0))))
        attachments = self.service.attachments([int(e.id or 0) for e in entries])
        by_entry: dict[int, list] = {}
        for a in attachments:
            by_entry.setdefault(a.progress_id, []).append(a)
        self.history.setRowCount(len(entries))
        for r, e in enumerate(entries):
            evidence = "; ".join(x for x in (e.evidence_number, date_table(e.evidence_date), e.evidence_link) if x)
            files = by_entry.get(int(e.id or 0), [])
            values = (_stamp(e.created_at), e.created_by,
                      date_table(e.occurrence_due) if e.occurrence_due else WHOLE_TASK, e.state.label,
                      date_table(e.done_on), "" if e.count is None else str(e.count), e.note, e.officer, evidence,
                      ", ".join(a.file_name for a in files))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if c == len(values) - 1 and files:
                    # a stored path outside the attachments folder is kept as its refusal, never as a path
                    item.setData(PathRole, [("", a.unsafe) if a.unsafe else (str(a.path), "") for a in files])
                self.history.setItem(r, c, item)
        self.history.resizeColumnsToContents()
        self.history.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)

    def _open_attachment(self, index) -> None:  # noqa: ANN001
        item = self.history.item(index.row(), len(HISTORY_COLUMNS) - 1)
        paths = item.data(PathRole) if item else None
        for path, refusal in paths or []:
            if refusal:
                messages.error(self, refusal)
                continue
            if not Path(path).exists():
                messages.error(self, f"Không tìm thấy tệp «{path}» trong thư mục dữ liệu.")
                continue
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def _stamp(created_at: str) -> str:
    """"25/11/2026 12:43" from the stored ISO time."""
    try:
        when = dt.datetime.fromisoformat(created_at)
    except ValueError:
        return created_at
    return f"{date_table(when.date())} {when:%H:%M}"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def record_progress(controller: Controller, task_id: int, parent: QWidget | None = None,
                    occurrence_due: dt.date | None = None) -> ProgressEntry | None:
    """Open the progress dialog for a task (or one of its occurrences); the saved entry or None."""
    try:
        dialog = ProgressDialog(controller, task_id, occurrence_due, parent)
    except CchcError as exc:
        messages.error(parent, exc.message)
        return None
    if dialog.exec():
        return dialog.saved
    return None



