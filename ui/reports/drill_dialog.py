"""The tasks behind a number of the report: content, lead agency, time frame, state, results."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.reporting.report import Report
from cchc_desktop.text.vnformat import number
from ui.common.controller import Controller
from ui.common.forms import fit_to_screen

COLUMNS = ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện", "Hạn", "Tình trạng", "Kết quả",
           "Cán bộ phụ trách")
TaskIdRole = Qt.ItemDataRole.UserRole + 1


class DrillDialog(QDialog):
    """Double-click a task to record its progress."""

    def __init__(self, controller: Controller, report: Report, task_ids: list[int], title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(f"Nhiệm vụ: {title}")
        fit_to_screen(self, 1280, 520)
        wanted = set(task_ids)
        self.lines = [line for line in report.tasks if line.task_id in wanted]
        self.table = QTableWidget(len(self.lines), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        for r, line in enumerate(self.lines):
            values = (str(line.stt or ""), line.content, ", ".join(line.lead), line.time_frame, line.due_text,
                      line.state_label, line.result_text, line.officer)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(TaskIdRole, line.task_id)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        for column, width in enumerate((44, 0, 190, 150, 120, 150, 200, 130)):
            if width:
                self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.table.doubleClicked.connect(self._record)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{title}</b>: {number(len(self.lines))} nhiệm vụ. Nhấp đúp để ghi tiến độ."))
        layout.addWidget(self.table, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)
        layout.addWidget(close)

    def task_ids(self) -> list[int]:
        return [line.task_id for line in self.lines]

    def _record(self, index) -> None:  # noqa: ANN001
        task_id = index.data(TaskIdRole)
        if task_id is None:
            return
        from ui.tasks.progress_dialog import record_progress

        record_progress(self.controller, int(task_id), self)
