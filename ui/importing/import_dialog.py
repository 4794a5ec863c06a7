"""The import preview: the plan's metadata and every task as they will be stored, checked
and corrected by the officer before anything is written."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.documents.tabular import FIELDS
from cchc_desktop.errors import CchcError, ValidationError
from cchc_desktop.importer import DraftTask, ImportResult, SourceDocument, recognize
from cchc_desktop.importer.apply import TaskDiff, apply_diff, diff_plan, save_new_plan
from cchc_desktop.importer.matching import AgencyMatcher, check_task, proposed_agencies
from cchc_desktop.text.textnorm import fold
from cchc_desktop.text.vnformat import number
from ui.common import messages
from ui.common.controller import AGENCIES, PLANS, TASKS, AgenciesAdded, Controller
from ui.common.date_field import DateField
from ui.common.forms import fit_to_screen
from ui.importing.diff_table_model import DiffTableModel
from ui.importing.draft_table_model import COLUMNS, DraftTableModel, source_label

NEW_PLAN = -1
UNRECOGNISED_BACKGROUND = "#f6c9c9"


class ImportDialog(QDialog):
    saved = Signal(int)
    """The import was saved; the argument is the plan's id."""

    def __init__(self, controller: Controller, result: ImportResult, parent: QWidget | None = None,
                 document: SourceDocument | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.store = controller.store
        self.result = result
        self.document = document
        self.saved_plan_id: int | None = None
        self.setWindowTitle(f"Nhập kế hoạch từ văn bản – {result.source_name}")
        fit_to_screen(self, 1250, 820)  # 1366×768 screens: less, and resizable
        self.setSizeGripEnabled(True)
        self._matcher = AgencyMatcher(self.store, result.plan.place)

        layout = QVBoxLayout(self)
        n_tasks, n_duties = len(result.tasks), len(result.duties)
        summary = QLabel(
            f"Tệp «{result.source_name}» ({number(result.line_count)} dòng): nhận ra {number(n_tasks)} nhiệm vụ"
            + (f" và {number(n_duties)} nhiệm vụ báo cáo định kỳ (chưa chọn)" if n_duties else "")
            + (f"; {number(len(result.assignments))} nhiệm vụ phân công theo cơ quan ở phần Tổ chức thực hiện (chưa chọn)"
               if result.assignments else "")
            + ". Chưa có gì được ghi cho đến khi bấm «Nhập». Sửa trực tiếp trong bảng (nhấp đúp) nếu cần."
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        layout.addWidget(self._plan_box())
        self.column_boxes: list[QComboBox] = []
        if result.columns and document is not None:
            layout.addWidget(self._mapping_box())
        if result.problems:
            problems = QLabel("\n".join(f"• {p}" for p in result.problems))
            problems.setObjectName("planProblems")
            problems.setWordWrap(True)
            problems.setStyleSheet("background: #fff4c2; padding: 4px;")
            layout.addWidget(problems)

        target_row = QHBoxLayout()
        target_row.addWidget(QLabel("Lưu vào:"))
        self.target = QComboBox()
        self.target.addItem("Kế hoạch mới", NEW_PLAN)
        same = None
        for plan in self.store.plans.list():
            self.target.addItem(f"Nhập lại vào kế hoạch đã có: {plan.number or '(chưa số)'} – {plan.title}", plan.id)
            if result.plan.number.split("/")[0] and plan.number == result.plan.number:
                same = self.target.count() - 1
        target_row.addWidget(self.target, 1)
        layout.addLayout(target_row)

        self.tabs = QTabWidget()
        self.model = DraftTableModel([*result.tasks, *result.duties], self._recheck, self)
        self.table = self._task_view(self.model, "importTasks")
        tasks_page = QWidget()
        tasks_layout = QVBoxLayout(tasks_page)
        tasks_layout.setContentsMargins(0, 0, 0, 0)
        buttons_row = QHBoxLayout()
        for text, include, kind in (("Chọn tất cả nhiệm vụ", True, "task"), ("Bỏ chọn tất cả", False, None),
                                    ("Chọn cả nhiệm vụ báo cáo", True, "duty")):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, i=include, k=kind: self.model.set_all(i, k))
            buttons_row.addWidget(button)
        legend = QLabel("Màu vàng: cần kiểm tra · Màu đỏ: thiếu hoặc chưa hiểu · Màu xanh nhạt: nhiệm vụ báo cáo định kỳ"
                        " · Chữ nghiêng trên nền xanh lá: kế thừa hoặc đoán (di chuột để xem từ đâu)")
        legend.setStyleSheet("color: #555;")
        legend.setWordWrap(True)  # on a 1366-pixel screen the legend takes two lines
        buttons_row.addWidget(legend, 1)
        tasks_layout.addLayout(buttons_row)
        tasks_layout.addWidget(self.table)
        self.tabs.addTab(tasks_page, f"Nhiệm vụ ({number(n_tasks + n_duties)})")

        self.diff_model = DiffTableModel(self)
        self.diff_view = QTableView()
        self.diff_view.setObjectName("importDiff")
        self.diff_view.setModel(self.diff_model)
        self.diff_view.setWordWrap(True)
        self.diff_view.setColumnWidth(0, 70)
        self.diff_view.setColumnWidth(1, 170)
        self.diff_view.setColumnWidth(2, 620)
        self.diff_view.setColumnWidth(3, 220)
        self.diff_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        diff_page = QWidget()
        diff_layout = QVBoxLayout(diff_page)
        diff_layout.setContentsMargins(0, 0, 0, 0)
        self.diff_summary = QLabel()
        diff_layout.addWidget(self.diff_summary)
        diff_layout.addWidget(self.diff_view)
        self.diff_index = self.tabs.addTab(diff_page, "Khác biệt với kế hoạch đã có")

        self.unrecognised = QListWidget()
        self.unrecognised.setObjectName("importUnrecognised")
        self.unrecognised.setWordWrap(True)
        for fragment in result.unrecognised:
            item = QListWidgetItem(f"Dòng {source_label(fragment.source)}: {fragment.text}\n({fragment.reason})")
            item.setBackground(Qt.GlobalColor.transparent)
            item.setToolTip(fragment.text)
            self.unrecognised.addItem(item)
        if result.unrecognised:
            self.unrecognised.setStyleSheet(f"QListWidget::item {{ background: {UNRECOGNISED_BACKGROUND}; margin: 2px; }}")
        self.tabs.addTab(self.unrecognised, f"Chưa nhận ra ({len(result.unrecognised)})")

        self.agencies = QListWidget()
        self.agencies.setObjectName("importAgencies")
        self._fill_agencies()
        self.tabs.addTab(self.agencies, f"Cơ quan mới ({len(result.new_agencies)})")
        # duties "Tổ chức thực hiện" gives each agency: offered beside the tasks (ticked when the
        # plan has no other tasks), each saying which values it inherits from its heading
        self.assignment_model = DraftTableModel(result.assignments, self._recheck, self)
        self.assignment_table = self._task_view(self.assignment_model, "importAssignments")
        assignments_page = QWidget()
        assignments_layout = QVBoxLayout(assignments_page)
        assignments_layout.setContentsMargins(0, 0, 0, 0)
        assignments_row = QHBoxLayout()
        for text, include in (("Chọn tất cả", True), ("Bỏ chọn tất cả", False)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, i=include: self.assignment_model.set_all(i))
            assignments_row.addWidget(button)
        assignments_note = QLabel("Nhiệm vụ giao từng cơ quan trong phần «Tổ chức thực hiện»; cơ quan và thời gian "
                                  "không ghi riêng được kế thừa từ tiêu đề mục và thời gian chung của kế hoạch.")
        assignments_note.setWordWrap(True)
        assignments_row.addWidget(assignments_note, 1)
        assignments_layout.addLayout(assignments_row)
        assignments_layout.addWidget(self.assignment_table)
        self.tabs.addTab(assignments_page, f"Phân công thực hiện ({len(result.assignments)})")
        layout.addWidget(self.tabs, 1)

        self.buttons = messages.ok_cancel(self, "Nhập")
        layout.addWidget(self.buttons)

        self._diff_stale = True
        self.model.dataChanged.connect(self._mark_diff_stale)
        self.model.modelReset.connect(self._mark_diff_stale)
        self.target.currentIndexChanged.connect(self._target_changed)
        self.tabs.currentChanged.connect(lambda i: self._refresh_diff() if i == self.diff_index else None)
        if same is not None:
            self.target.setCurrentIndex(same)
        self._target_changed()

    def _task_view(self, model: DraftTableModel, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setWordWrap(True)
        view.setAlternatingRowColors(False)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        widths = {"include": 48, "source": 70, "group": 150, "content": 420, "lead": 190, "partners": 190, "time_frame": 150}
        for col, (column, _) in enumerate(COLUMNS):
            if column in widths:
                view.setColumnWidth(col, widths[column])
        view.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return view

    # plan metadata ----------------------------------------------------------

    def _plan_box(self) -> QGroupBox:
        p = self.result.plan
        box = QGroupBox("Thông tin kế hoạch")
        grid = QGridLayout(box)
        left, right = QFormLayout(), QFormLayout()
        self.number = QLineEdit(p.number)
        self.date = DateField(p.issue_date, optional=True)  # empty: the document gave no date
        self.place = QLineEdit(p.place)
        self.issuer = QLineEdit(p.issuer)
        self.title = QLineEdit(p.title)
        self.period_start = QSpinBox()
        self.period_end = QSpinBox()
        for spin, value in ((self.period_start, p.period_start), (self.period_end, p.period_end or p.period_start)):
            spin.setRange(1945, 2200)
            spin.setValue(value or 2025)
        period = QHBoxLayout()
        period.addWidget(self.period_start)
        period.addWidget(QLabel("đến"))
        period.addWidget(self.period_end)
        period.addStretch(1)
        self.signer_authority = QLineEdit(p.signer_authority.replace("\n", " / "))
        self.signer_position = QLineEdit(p.signer_position)
        self.signer_name = QLineEdit(p.signer_name)
        for field_name, widget in (("number", self.number), ("date", self.date), ("title", self.title),
                                   ("issuer", self.issuer), ("signer", self.signer_name)):
            widget.setObjectName(f"import_{field_name}")
            if not widget.text().strip() or (field_name == "number" and not widget.text().split("/")[0]):
                widget.setStyleSheet("background: #f6c9c9;")
        left.addRow("Số, ký hiệu:", self.number)
        left.addRow("Ngày ban hành:", self.date)
        left.addRow("Địa danh:", self.place)
        left.addRow("Cơ quan ban hành:", self.issuer)
        left.addRow("Kỳ kế hoạch:", period)
        right.addRow("Tên kế hoạch:", self.title)
        right.addRow("Quyền hạn ký:", self.signer_authority)
        right.addRow("Chức vụ người ký:", self.signer_position)
        right.addRow("Người ký:", self.signer_name)
        counts = QLabel(
            f"Căn cứ: {len(p.legal_bases)} · Nơi nhận: {len(p.recipients)} · Mục: {len(p.sections)} · "
            f"Phụ lục: {len(p.appendices)}"
        )
        counts.setToolTip("\n".join([*p.legal_bases, "", *p.recipients]) or "Không có")
        right.addRow("Nội dung khác:", counts)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        return box

    def plan_from_form(self) -> Any:
        """The plan metadata as corrected in the form; a Vietnamese error for a bad date."""
        p = self.result.plan
        issue_date = self.date.value()
        start, end = self.period_start.value(), self.period_end.value()
        if end < start:
            raise ValidationError("Năm kết thúc kỳ kế hoạch phải từ năm bắt đầu trở đi.")
        return replace(
            p, number=self.number.text().strip(), issue_date=issue_date, place=self.place.text().strip(),
            issuer=self.issuer.text().strip(), title=self.title.text().strip(), period_start=start, period_end=end,
            signer_authority="\n".join(x.strip() for x in self.signer_authority.text().split(" / ") if x.strip()),
            signer_position=self.signer_position.text().strip(), signer_name=self.signer_name.text().strip(),
        )

    # spreadsheet columns -------------------------------------------------------

    def _mapping_box(self) -> QGroupBox:
        box = QGroupBox("Cột của bảng tính ứng với")
        row = QHBoxLayout(box)
        for title, field_name in zip(self.result.column_titles, self.result.columns, strict=False):
            cell = QVBoxLayout()
            label = QLabel(title)
            label.setToolTip(title)
            combo = QComboBox()
            for key, (label_text, _) in FIELDS.items():
                combo.addItem(label_text, key)
            combo.setCurrentIndex(max(combo.findData(field_name), 0))
            combo.currentIndexChanged.connect(self._remap)
            cell.addWidget(label)
            cell.addWidget(combo)
            row.addLayout(cell)
            self.column_boxes.append(combo)
        row.addStretch(1)
        return box

    def _remap(self) -> None:
        """Read the sheet again with the columns as the officer mapped them."""
        if self.document is None:
            return
        columns = [str(c.currentData()) for c in self.column_boxes]
        fresh = recognize(self.document, self.store, columns=columns)
        self.result.tasks, self.result.duties, self.result.assignments = fresh.tasks, fresh.duties, fresh.assignments
        self.assignment_model.set_tasks(fresh.assignments)
        self.result.new_agencies, self.result.columns = fresh.new_agencies, fresh.columns
        self.model.set_tasks([*fresh.tasks, *fresh.duties])
        self.agencies.clear()
        self._fill_agencies()
        self.tabs.setTabText(0, f"Nhiệm vụ ({number(len(fresh.tasks) + len(fresh.duties))})")

    def _fill_agencies(self, unticked: frozenset[str] = frozenset()) -> None:
        """The names offered for the registry, ticked but for those the officer unticked."""
        for name in self.result.new_agencies:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if fold(name) in unticked else Qt.CheckState.Checked)
            item.setToolTip("Đánh dấu để thêm vào danh mục cơ quan, đơn vị")
            self.agencies.addItem(item)
        if (tab := self.tabs.indexOf(self.agencies)) >= 0:
            self.tabs.setTabText(tab, f"Cơ quan mới ({len(self.result.new_agencies)})")

    def _offer_agencies(self) -> None:
        """The names offered for the registry again, after a cell was corrected: a lead or
        partner typed that the registry does not know is offered too, a name no task has any
        longer is not; the officer's ticks are kept."""
        offered = proposed_agencies([*self.result.tasks, *self.result.duties])
        if offered == self.result.new_agencies:
            return
        unticked = frozenset(fold(self.agencies.item(i).text()) for i in range(self.agencies.count())
                             if self.agencies.item(i).checkState() != Qt.CheckState.Checked)
        self.result.new_agencies = offered
        self.agencies.clear()
        self._fill_agencies(unticked)

    # tasks and differences ---------------------------------------------------

    def _recheck(self, task: DraftTask) -> None:
        check_task(task, self.result.plan, self._matcher)
        self._offer_agencies()

    def target_plan_id(self) -> int | None:
        value = self.target.currentData()
        return None if value in (None, NEW_PLAN) else int(value)

    def _target_changed(self) -> None:
        existing = self.target_plan_id() is not None
        self.tabs.setTabEnabled(self.diff_index, existing)
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Cập nhật kế hoạch" if existing else "Nhập")
        if existing:
            self._refresh_diff()
            self.tabs.setCurrentIndex(self.diff_index)
        elif self.tabs.currentIndex() == self.diff_index:
            self.tabs.setCurrentIndex(0)

    def _refresh_diff(self) -> None:
        """Compare again (after a target change or edits), keeping the officer's ticks."""
        plan_id = self.target_plan_id()
        if plan_id is None:
            self.diff_model.set_diffs([])
            return

        def key(d: TaskDiff) -> tuple[str, int, int | None]:
            return d.kind, id(d.draft), (d.existing.id if d.existing is not None else None)

        ticks = {key(d): d.accept for d in self.diff_model.diffs}
        diffs = diff_plan(self.store, plan_id, self.result)
        for d in diffs:
            if key(d) in ticks:
                d.accept = ticks[key(d)]
        self.diff_model.set_diffs(diffs)
        self._diff_stale = False
        c = self.diff_model.counts()
        self.diff_summary.setText(
            f"{c['added']} nhiệm vụ mới · {c['changed']} thay đổi · {c['unchanged']} giữ nguyên · "
            f"{c['missing']} không còn trong văn bản (không xóa trừ khi đánh dấu)"
        )

    def _mark_diff_stale(self, *args: object) -> None:
        self._diff_stale = True

    def selected_agencies(self) -> list[str]:
        return [self.agencies.item(i).text() for i in range(self.agencies.count())
                if self.agencies.item(i).checkState() == Qt.CheckState.Checked]

    # saving --------------------------------------------------------------------

    def accept(self) -> None:
        try:
            self.result.plan = self.plan_from_form()
        except CchcError as exc:
            messages.error(self, exc.message)
            return
        plan_id = self.target_plan_id()
        agencies = self.selected_agencies()
        if plan_id is None:
            if not self.result.included:
                messages.error(self, "Chưa chọn nhiệm vụ nào để nhập.")
                return
            plan = self.controller.add_plan(
                lambda: save_new_plan(self.store, self.result, new_agencies=agencies).plan, "Nhập kế hoạch từ văn bản"
            )
            if plan is None:
                return  # refused: the controller showed why, nothing was written
            self.saved_plan_id = int(plan.id)  # type: ignore[arg-type]
        else:
            if self._diff_stale or not self.diff_model.diffs:
                self._refresh_diff()  # tasks edited since the comparison was shown
            if not self._reimport(plan_id, agencies):
                return
            self.saved_plan_id = plan_id
        self.saved.emit(self.saved_plan_id)
        super().accept()

    def _reimport(self, plan_id: int, agencies: list[str]) -> bool:
        """Apply the accepted differences as one undoable step."""
        diffs = self.diff_model.diffs
        before = self.store.plans.snapshot(plan_id)
        added = AgenciesAdded(self.store)
        state: dict[str, Any] = {}

        def do() -> bool:
            apply_diff(self.store, plan_id, diffs, self.result, new_agencies=agencies)
            state["after"] = self.store.plans.snapshot(plan_id)
            added.note()
            return True

        def undo() -> None:  # the plan as it was, without the agencies the re-import added
            with self.store.db.atomic():
                self.store.plans.delete(plan_id)
                self.store.plans.restore(before)
                added.take_away()

        def redo() -> None:
            with self.store.db.atomic():
                added.put_back()
                self.store.plans.delete(plan_id)
                self.store.plans.restore(state["after"])

        return bool(self.controller.run("Nhập lại kế hoạch từ văn bản", do, undo, redo, kinds=(PLANS, TASKS, AGENCIES)))
