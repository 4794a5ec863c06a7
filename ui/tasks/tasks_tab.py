"""The Nhiệm vụ tab: the appendix rows of the chosen plan, filtered, edited and reordered."""

from __future__ import annotations

import bisect
import datetime as dt
import html

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QMimeData, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.documents.tabular import parse_clipboard, to_html, to_tsv
from cchc_desktop.errors import ConflictError
from cchc_desktop.scheduling import schedule
from cchc_desktop.scheduling.workdays import WorkCalendar
from cchc_desktop.store.domain import Task, TaskStatus
from cchc_desktop.system.collector import many_objects
from cchc_desktop.text.vnformat import date_table, number, roman
from ui.common.controller import AGENCIES, CALENDAR, PLANS, PROGRESS, TASKS, Controller
from ui.common.flow import FlowLayout
from ui.common.messages import confirm, error
from ui.tasks import COPIED_ROWS_FORMAT
from ui.tasks.agency_input import AgencyLineEdit
from ui.tasks.paste_dialog import PasteDialog
from ui.tasks.task_dialog import TaskDialog
from ui.tasks.task_table_model import (
    COLUMNS,
    HEADERS,
    SCHEDULE_FILTERS,
    RowKindRole,
    TaskTableModel,
    edited_task,
    refs_text,
)

ALL = None


class _StatusDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: ANN001, ANN201, N802
        combo = QComboBox(parent)
        for status in TaskStatus:
            combo.addItem(status.label, status.value)
        return combo

    def setEditorData(self, editor, index) -> None:  # noqa: ANN001, N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index) -> None:  # noqa: ANN001, N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class _MultilineDelegate(QStyledItemDelegate):
    """Long texts keep their line breaks when edited in place."""

    def createEditor(self, parent, option, index):  # noqa: ANN001, ANN201, N802
        if index.data(RowKindRole) != "task":
            return super().createEditor(parent, option, index)
        edit = QPlainTextEdit(parent)
        edit.setTabChangesFocus(True)
        return edit

    def setEditorData(self, editor, index) -> None:  # noqa: ANN001, N802
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index) -> None:  # noqa: ANN001, N802
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor, option, index) -> None:  # noqa: ANN001, N802
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect.setHeight(max(rect.height(), 120))
        editor.setGeometry(rect)


class TaskView(QTableView):
    """The task table; Enter opens the form, drag and drop reorders."""

    open_requested = Signal()
    """Enter/Return on a task row: open the task form."""

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            self.open_requested.emit()
            return
        super().keyPressEvent(event)

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: ANN001, N802
        """A group row's title spans the table's width: bring the row into view without
        scrolling sideways (Qt would put the start of the span at the left edge, a moment
        after the click, hiding the STT column)."""
        if index.isValid() and self.columnSpan(index.row(), index.column()) > 1:
            sideways = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(sideways)
            return
        super().scrollTo(index, hint)


_WARM_UP_MS = 300


def _warm_up_calendar() -> None:
    WorkCalendar(None).is_day_off(dt.date.today())


def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)


class TasksTab(QWidget):
    task_opened = Signal(int)
    """A task was opened in the form; the argument is its id."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = TaskTableModel(self)
        self.model.edit_requested.connect(self._edit_in_place)
        self.model.group_rename_requested.connect(
            lambda gid, old, new: self.controller.rename_group(gid, old, new)
        )
        self.model.move_requested.connect(self._drop_move)
        self._plan_id: int | None = None
        self._appendix_id: int | None = None
        self._saving_in_place = False
        self._details_blank = False  # the details say that no task is chosen

        # filters
        self.plan_combo = QComboBox()
        self.plan_combo.setMinimumContentsLength(28)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.appendix_combo = QComboBox()
        self.group_combo = QComboBox()
        self.group_combo.setMinimumContentsLength(14)
        self.group_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.agency_edit = AgencyLineEdit(controller.store.agencies.known_names())
        self.agency_edit.setPlaceholderText("Lọc theo cơ quan...")
        self.agency_edit.setClearButtonEnabled(True)
        self.role_combo = QComboBox()
        self.role_combo.addItem("chủ trì hoặc phối hợp", None)
        self.role_combo.addItem("chủ trì", "lead")
        self.role_combo.addItem("phối hợp", "partner")
        self.status_combo = QComboBox()
        self.status_combo.addItem("Mọi trạng thái", None)
        for status in TaskStatus:
            self.status_combo.addItem(status.label, status.value)
        self.schedule_combo = QComboBox()
        self.schedule_combo.setObjectName("scheduleFilter")
        self.schedule_combo.addItem("Mọi tình trạng hạn", None)
        for key, label in SCHEDULE_FILTERS.items():
            self.schedule_combo.addItem(label, key)
        self.search = QLineEdit()
        self.search.setObjectName("taskSearch")
        self.search.setPlaceholderText("Tìm nhiệm vụ (không cần dấu): so noi vu, dai phat thanh...")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()

        self.plan_combo.currentIndexChanged.connect(self._plan_chosen)
        self.appendix_combo.currentIndexChanged.connect(self._appendix_chosen)
        for combo in (self.group_combo, self.role_combo, self.status_combo, self.schedule_combo):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.search.textChanged.connect(self._apply_filters)
        self._agency_timer = QTimer(self)
        self._agency_timer.setSingleShot(True)
        self._agency_timer.setInterval(150)
        self._agency_timer.timeout.connect(self._apply_filters)
        self.agency_edit.textChanged.connect(lambda _t: self._agency_timer.start())

        row1 = QHBoxLayout()
        row1.addWidget(QLabel("Kế hoạch:"))
        row1.addWidget(self.plan_combo, 2)
        row1.addWidget(QLabel("Phụ lục:"))
        row1.addWidget(self.appendix_combo, 1)
        row1.addWidget(QLabel("Nhóm:"))
        row1.addWidget(self.group_combo, 1)
        row2 = QHBoxLayout()
        row2.addWidget(self.search, 3)
        row2.addWidget(self.agency_edit, 2)
        row2.addWidget(self.role_combo)
        row2.addWidget(self.status_combo)
        row2.addWidget(self.schedule_combo)
        row2.addWidget(self.count_label)

        # table
        self.view = TaskView()
        self.view.setObjectName("tasksView")
        self.view.setModel(self.model)
        self._spanned: list[int] = []
        self.view.verticalScrollBar().valueChanged.connect(self._update_spans)
        self.model.modelReset.connect(self._forget_spans)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragDropOverwriteMode(False)
        self.view.setDropIndicatorShown(True)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setObjectName("tasksHeader")
        self.view.horizontalHeader().setSectionsMovable(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setItemDelegateForColumn(COLUMNS.index("status"), _StatusDelegate(self.view))
        multiline = _MultilineDelegate(self.view)
        for name in ("content", "notes"):
            self.view.setItemDelegateForColumn(COLUMNS.index(name), multiline)
        widths = {"stt": 50, "content": 420, "lead": 190, "partners": 220, "time_frame": 160, "due": 150,
                  "output": 140, "funding": 100, "status": 120, "state": 190, "notes": 120}
        for i, name in enumerate(COLUMNS):
            self.view.setColumnWidth(i, widths[name])
        self.view.open_requested.connect(self.edit_task)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

        # actions
        self.actions_by_name: dict[str, QAction] = {}
        # The buttons wrap onto a second line where the window is narrow (a screen scaled to
        # 150 %): each stays a whole, visible button.
        toolbar = FlowLayout()

        def action(name: str, text: str, slot, shortcut=None, button: bool = True) -> QAction:  # noqa: ANN001
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(shortcut)
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                act.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            act.triggered.connect(slot)
            self.addAction(act)
            self.actions_by_name[name] = act
            if button:
                b = QToolButton()
                b.setDefaultAction(act)
                b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                toolbar.addWidget(b)
            return act

        action("add", "Thêm nhiệm vụ", self.add_task, QKeySequence(Qt.Key.Key_Insert))
        action("edit", "Sửa...", self.edit_task, QKeySequence("Ctrl+E"))
        action("delete", "Xóa", self.delete_tasks, QKeySequence.StandardKey.Delete)
        action("up", "Lên", lambda: self.move_selected(-1), QKeySequence("Ctrl+Up"))
        action("down", "Xuống", lambda: self.move_selected(1), QKeySequence("Ctrl+Down"))
        action("group", "Chuyển nhóm...", self.choose_group_for_selected, QKeySequence("Ctrl+G"))
        action("add_group", "Thêm nhóm...", self.add_group)
        action("delete_group", "Xóa nhóm", self.delete_group, button=False)
        action("copy", "Sao chép", self.copy_selected, QKeySequence.StandardKey.Copy)
        action("paste", "Dán từ Word/Excel...", self.paste_rows, QKeySequence.StandardKey.Paste)
        action("schedule", "Đặt lịch...", self.edit_schedule, QKeySequence("Ctrl+L"))
        action("progress", "Cập nhật tiến độ...", self.record_progress, QKeySequence("Ctrl+T"))
        action("select_all", "Chọn tất cả", self.view.selectAll, QKeySequence.StandardKey.SelectAll, button=False)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #666;")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        toolbar.addWidget(self.hint, stretch=True)

        self.details = QTextBrowser()
        self.details.setObjectName("taskDetails")
        self.details.setOpenExternalLinks(True)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("tasksSplitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        self.model.modelReset.connect(self._show_details)

        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addLayout(toolbar)
        layout.addWidget(self.splitter, 1)

        controller.changed.connect(self._on_changed)
        # Filled when first shown: the window opens on whichever tab was used last.
        self._stale = True
        # The holiday calendar behind the "Hạn" column is a large package: loaded once the
        # window is up and idle, not by the first keystroke in the search box.
        QTimer.singleShot(_WARM_UP_MS, _warm_up_calendar)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        self.ensure_loaded()
        super().showEvent(event)

    def ensure_loaded(self) -> None:
        if self._stale:
            self._stale = False
            self.reload_plans()

    # scope ---------------------------------------------------------------------

    def plan_in_view(self) -> int | None:
        """The plan the list shows: the one chosen in "Kế hoạch:", or with "Tất cả kế hoạch"
        the plan of the selected task (None when none is selected)."""
        self.ensure_loaded()
        if self._plan_id is not None:
            return int(self._plan_id)
        task = self.current_task()
        return int(task.plan_id) if task is not None and task.plan_id is not None else None

    def appendix_in_view(self) -> int | None:
        """The appendix chosen in "Phụ lục:" (its id), None for "Tất cả phụ lục"."""
        return int(self._appendix_id) if self._plan_id is not None and self._appendix_id is not None else None

    def reload_plans(self) -> None:
        plans = self.controller.store.plans.register(counts=False)  # names only: no task counted
        current = self._plan_id
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        self.plan_combo.addItem("Tất cả kế hoạch", ALL)
        for p in plans:
            label = f"{p.number} – {p.title}" if p.number else p.title
            self.plan_combo.addItem(label, p.id)
            self.plan_combo.setItemData(self.plan_combo.count() - 1, p.title, Qt.ItemDataRole.ToolTipRole)
        index = self.plan_combo.findData(current) if current is not None else (1 if plans else 0)
        self.plan_combo.setCurrentIndex(max(0, index))
        self.plan_combo.blockSignals(False)
        self._plan_chosen()

    def show_plan(self, plan_id: int) -> None:
        self.ensure_loaded()
        index = self.plan_combo.findData(plan_id)
        if index >= 0:
            self.plan_combo.setCurrentIndex(index)

    def _plan_chosen(self, *_args: object) -> None:
        self._plan_id = self.plan_combo.currentData()
        self.appendix_combo.blockSignals(True)
        self.appendix_combo.clear()
        self.appendix_combo.addItem("Tất cả phụ lục", ALL)
        if self._plan_id is not None:
            plan = self.controller.store.plans.get(self._plan_id)
            for i, a in enumerate(plan.appendices):
                label = f"Phụ lục {roman(i + 1)}" + (f": {a.title}" if a.title else "")
                self.appendix_combo.addItem(label, a.id)
            if len(plan.appendices) == 1:
                self.appendix_combo.setCurrentIndex(1)
        self.appendix_combo.blockSignals(False)
        self._appendix_chosen()

    def _appendix_chosen(self, *_args: object) -> None:
        self._appendix_id = self.appendix_combo.currentData()
        self.reload()

    def reload(self) -> None:
        store = self.controller.store
        selected = self.selected_task_ids()
        with many_objects():  # tens of thousands of rows when every plan is listed
            rows = store.tasks.listed_rows(plan_id=self._plan_id, appendix_id=self._appendix_id)
            groups = store.tasks.groups_by_appendix(self._plan_id)
            if self._appendix_id is not None:
                groups = {self._appendix_id: groups.get(self._appendix_id, [])}
            all_plans = store.plans.list()
            plans = {p.id: p for p in all_plans} if self._plan_id is None else {}
            self.model.set_data(rows, groups, plans, show_plan_rows=self._plan_id is None)
            self.model.set_due_book(schedule.TaskDueBook(store, all_plans, task_ids=self.model.task_ids()))
        self._fill_group_combo()
        self._apply_filters()
        self._restore_selection(selected)

    def _fill_group_combo(self) -> None:
        current = self.group_combo.currentData()
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        self.group_combo.addItem("Mọi nhóm", None)
        for title in self.model.group_titles():
            self.group_combo.addItem(title, title)
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(current)))
        self.group_combo.blockSignals(False)

    def _apply_filters(self, *_args: object) -> None:
        agency_text = self.agency_edit.text().strip()
        agency_id = self.controller.store.agencies.match(agency_text) if agency_text else None
        self.model.set_filters(
            text=self.search.text(),
            agency_id=agency_id,
            agency_text="" if agency_id is not None else agency_text,
            role=self.role_combo.currentData() if agency_text else None,
            status=self.status_combo.currentData(),
            group_title=self.group_combo.currentData(),
            schedule=self.schedule_combo.currentData(),
        )
        self._update_spans()
        shown, total = self.model.visible_task_count(), self.model.total_task_count()
        # Each keystroke in the search box comes here: what has not changed is not set again, and
        # the count has a fixed size, that of the longest it can be (a label that may change size
        # has the whole tab laid out and repainted at each keystroke), so that only the list and
        # the count are repainted.
        widest = self.count_label.fontMetrics().horizontalAdvance(f"{number(total)}/{number(total)} nhiệm vụ") + 4
        if self.count_label.maximumWidth() != widest:
            self.count_label.setFixedSize(widest, self.count_label.sizeHint().height())
        _set_text(self.count_label, f"{number(shown)}/{number(total)} nhiệm vụ" if shown != total else f"{number(total)} nhiệm vụ")
        movable = self._single_appendix() is not None and not self.model.is_filtered()
        if self.view.dragEnabled() != movable:
            self.view.setDragEnabled(movable)
        for name in ("up", "down", "group"):
            self.actions_by_name[name].setEnabled(movable)
        _set_text(self.hint, "" if movable else "Chọn một phụ lục và bỏ lọc để sắp xếp nhiệm vụ.")

    _SPAN_MARGIN = 200  # rows above and below the visible ones whose header rows are spanned

    def _update_spans(self, *_args: object) -> None:
        """Plan and group header rows span the table from the content column on. Only those
        on and around the screen are spanned (a scroll or a filter re-spans them): thousands of
        spans would be reset on every keystroke in the search box."""
        headers = self.model.header_rows()
        top = max(0, self.view.rowAt(0))
        bottom = self.view.rowAt(self.view.viewport().height())
        if bottom < 0:
            bottom = self.model.rowCount()
        lo = bisect.bisect_left(headers, top - self._SPAN_MARGIN)
        hi = bisect.bisect_right(headers, bottom + self._SPAN_MARGIN)
        wanted = headers[lo:hi]
        if wanted == self._spanned:
            return
        self.view.clearSpans()
        span_from = COLUMNS.index("content")
        for row in wanted:
            self.view.setSpan(row, span_from, 1, len(COLUMNS) - span_from)
        self._spanned = wanted

    def _forget_spans(self) -> None:
        self._spanned = []  # a model reset drops the view's spans

    def _single_appendix(self) -> int | None:
        if self._appendix_id is not None:
            return self._appendix_id
        if self._plan_id is not None and self.appendix_combo.count() == 2:
            return self.appendix_combo.itemData(1)
        return None

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if self._saving_in_place:
            # The view is still committing the cell (Tab moves on to the next one): a reload now
            # would take the editor from under it ("commitData called with an editor that does not
            # belong to this view") and lose the next cell's editor.
            QTimer.singleShot(0, self, lambda: self._on_changed(kinds))
            return
        if not self.isVisible() and (PLANS in kinds or TASKS in kinds or AGENCIES in kinds):
            self._stale = True
            return
        if PLANS in kinds:
            self.reload_plans()
        elif TASKS in kinds or AGENCIES in kinds:
            self.reload()
        elif PROGRESS in kinds or CALENDAR in kinds:
            store = self.controller.store
            self.model.set_due_book(schedule.TaskDueBook(store, store.plans.list(), task_ids=self.model.task_ids()))
        if AGENCIES in kinds:
            self.agency_edit.deleteLater()
            new = AgencyLineEdit(self.controller.store.agencies.known_names())
            new.setPlaceholderText("Lọc theo cơ quan...")
            new.setClearButtonEnabled(True)
            new.textChanged.connect(lambda _t: self._agency_timer.start())
            self.layout().itemAt(1).layout().replaceWidget(self.agency_edit, new)
            self.agency_edit = new

    def _show_details(self) -> None:
        """The whole task under the cursor, since table cells cut long texts."""
        task = self.current_task()
        if task is None:
            if not self._details_blank:  # not set again at each keystroke in the search box
                self.details.setHtml("<i>Chọn một nhiệm vụ để xem đầy đủ.</i>")
                self._details_blank = True
            return
        self._details_blank = False
        rows = [
            ("Nội dung", task.content), ("Cơ quan chủ trì", refs_text(task, "lead")),
            ("Cơ quan phối hợp", refs_text(task, "partner")), ("Thời gian thực hiện", task.time_frame),
            ("Sản phẩm / chỉ tiêu", task.output), ("Kinh phí", task.funding),
            ("Trạng thái", task.status.label + (f", xong ngày {date_table(task.completed_on)}" if task.completed_on else "")),
            ("Người theo dõi", task.officer), ("Ghi chú", task.notes),
        ]
        body = "".join(
            f"<tr><td style='color:#555;padding-right:12px;white-space:nowrap'>{html.escape(k)}</td>"
            f"<td>{html.escape(v).replace(chr(10), '<br>')}</td></tr>"
            for k, v in rows if v
        )
        self.details.setHtml(f"<table>{body}</table>")

    # selection helpers ----------------------------------------------------------

    def _selected_rows(self) -> list[int]:
        """The rows selected, in order: read from the selection's ranges (whole rows are selected),
        not an index per row and column; Ctrl+A over ten years is one range of 50,000 rows."""
        rows: set[int] = set()
        selection = self.view.selectionModel().selection()
        for part in map(selection.at, range(selection.count())):
            rows.update(range(part.top(), part.bottom() + 1))
        return sorted(rows)

    def selected_task_ids(self) -> list[int]:
        """The selected tasks, in the order listed (group and plan headings left out)."""
        return self.model.task_ids_at(self._selected_rows())

    def current_task(self) -> Task | None:
        index = self.view.currentIndex()
        return self.model.task_at(index.row()) if index.isValid() else None

    def _restore_selection(self, ids: list[int]) -> None:
        """Select these tasks again where listed, the first one current: runs of adjacent rows
        are selected as one range each."""
        rows = self.model.rows_of_tasks(ids)
        if not rows:
            return
        sel = self.view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        sel.setCurrentIndex(self.model.index(rows[0], 1), flags)
        self.view.scrollTo(self.model.index(rows[0], 1))
        ranges = QItemSelection()
        start = previous = rows[0]
        for row in [*rows[1:], -1]:
            if row != previous + 1:
                ranges.select(self.model.index(start, 1), self.model.index(previous, 1))
                start = row
            previous = row
        sel.select(ranges, flags)

    def select_task(self, task_id: int) -> None:
        self.ensure_loaded()
        if self.model.row_of_task(task_id) < 0:
            task = self.controller.store.tasks.get(task_id)
            self.search.clear()
            self.show_plan(int(task.plan_id))  # type: ignore[arg-type]
        self.view.clearSelection()
        self._restore_selection([task_id])

    def _target_group(self) -> tuple[int | None, int | None]:
        """(appendix id, group id) where a new task goes: the current row's group."""
        index = self.view.currentIndex()
        d = self.model.display_row(index.row()) if index.isValid() else None
        if d and d.kind == "group" and d.group:
            return d.group.appendix_id, d.group.id
        if d and d.row:
            return d.row.task.appendix_id, d.row.task.group_id
        return self._single_appendix(), None

    # actions ---------------------------------------------------------------------

    def add_task(self) -> None:
        if self._plan_id is None:
            error(self, "Hãy chọn một kế hoạch trước khi thêm nhiệm vụ.")
            return
        appendix_id, group_id = self._target_group()
        if appendix_id is None:
            appendix_id = self.appendix_combo.itemData(1)
        task = Task(plan_id=self._plan_id, appendix_id=appendix_id, group_id=group_id)
        dialog = TaskDialog(self.controller.store, task, self.controller.store.tasks.groups(appendix_id), self)
        current = self.current_task()
        while dialog.exec():
            task = dialog.task()
            # Right after the selected row when the form kept its group; the group chosen in
            # the form otherwise (at its end): the form's choice is what is saved.
            same_place = current is not None and (current.appendix_id, current.group_id) == (task.appendix_id, task.group_id)
            created = self.controller.create_task(task, after_id=current.id if same_place else None)  # type: ignore[union-attr]
            if created:
                self.select_task(int(created.id))  # type: ignore[arg-type]
                return

    def edit_task(self) -> None:
        task = self.current_task()
        if task is None:
            return
        fresh = self.controller.store.tasks.get(int(task.id))  # type: ignore[arg-type]
        dialog = TaskDialog(self.controller.store, fresh, self.controller.store.tasks.groups(int(fresh.appendix_id)), self)  # type: ignore[arg-type]
        self.task_opened.emit(int(task.id))  # type: ignore[arg-type]
        while dialog.exec():
            edited = dialog.task()
            if edited.group_id != fresh.group_id:
                moved = self.controller.move_to_group(int(fresh.appendix_id), [int(fresh.id)], edited.group_id)  # type: ignore[arg-type]
                if not moved:
                    continue
                edited.position = self.controller.store.tasks.get(int(fresh.id)).position  # type: ignore[arg-type]
            if self.controller.update_task(edited, base=fresh):
                return
            if isinstance(self.controller.last_refusal, ConflictError):
                return  # the form shows a task changed elsewhere: the list now shows it as it is

    def _double_clicked(self, index: QModelIndex) -> None:
        d = self.model.display_row(index.row())
        if d and d.kind == "task" and not (self.model.flags(index) & Qt.ItemFlag.ItemIsEditable):
            self.edit_task()

    def _edit_in_place(self, task: Task, column: str, value: object) -> None:
        """Save a cell edited in the table at once; the list is reloaded only after the view has
        finished with the cell's editor (see `_on_changed`)."""
        self._saving_in_place = True
        try:
            self.controller.update_task(edited_task(task, column, value, self.controller.store.agencies.resolve),
                                        base=task)
        finally:
            self._saving_in_place = False

    def delete_tasks(self) -> None:
        ids = self.selected_task_ids()
        if not ids:
            return
        if len(ids) == 1:
            task = self.controller.store.tasks.get(ids[0])
            text = f"Xóa nhiệm vụ «{task.content[:120]}»?"
        else:
            text = f"Xóa {number(len(ids))} nhiệm vụ đã chọn?"
        if confirm(self, text + "\n\nCó thể hoàn tác bằng Ctrl+Z.", yes="Xóa"):
            self.controller.delete_tasks(ids)

    def move_selected(self, step: int) -> None:
        ids = self.selected_task_ids()
        appendix_id = self._single_appendix()
        if ids and appendix_id is not None and not self.model.is_filtered():
            self.controller.move_tasks(appendix_id, ids, step)

    def _drop_move(self, ids: list[int], group_id: int | None, before: int | None) -> None:
        appendix_id = self._single_appendix()
        if appendix_id is not None:
            self.controller.move_to_group(appendix_id, ids, group_id, before)

    def choose_group_for_selected(self) -> None:
        ids = self.selected_task_ids()
        appendix_id = self._single_appendix()
        if not ids or appendix_id is None:
            return
        groups = self.controller.store.tasks.groups(appendix_id)
        labels = ["(Không thuộc nhóm)"] + [f"{roman(i + 1)}. {g.title}" for i, g in enumerate(groups)]
        label, ok = QInputDialog.getItem(self, "Chuyển nhóm", f"Chuyển {number(len(ids))} nhiệm vụ sang nhóm:", labels, 0, False)
        if ok:
            index = labels.index(label)
            self.controller.move_to_group(appendix_id, ids, groups[index - 1].id if index else None)

    def add_group(self) -> None:
        appendix_id = self._single_appendix()
        if appendix_id is None:
            error(self, "Hãy chọn một kế hoạch và một phụ lục trước khi thêm nhóm.")
            return
        title, ok = QInputDialog.getText(self, "Thêm nhóm", "Tên nhóm (thường là tên cơ quan chủ trì):")
        if ok and title.strip():
            self.controller.add_group(appendix_id, title)

    def delete_group(self) -> None:
        index = self.view.currentIndex()
        d = self.model.display_row(index.row()) if index.isValid() else None
        appendix_id = self._single_appendix()
        if not (d and d.kind == "group" and d.group) or appendix_id is None:
            return
        if confirm(self, f"Xóa nhóm «{d.group.title}»? Các nhiệm vụ trong nhóm được giữ lại, không thuộc nhóm nào.",
                   yes="Xóa nhóm"):
            self.controller.delete_group(appendix_id, int(d.group.id))  # type: ignore[arg-type]

    def copy_selected(self) -> None:
        if isinstance(self.focusWidget(), QLineEdit):
            self.focusWidget().copy()  # type: ignore[union-attr]
            return
        rows = self._selected_rows()
        if not rows:
            return
        columns = [c for c in COLUMNS if not self.view.isColumnHidden(COLUMNS.index(c))]
        columns.sort(key=lambda c: self.view.horizontalHeader().visualIndex(COLUMNS.index(c)))
        table: list[list[str]] = []
        bold: list[int] = []
        for row in rows:
            d = self.model.display_row(row)
            if d is None:
                continue
            if d.kind != "task":
                bold.append(len(table))
                table.append([d.stt, d.label] + [""] * (len(columns) - 2))
                continue
            t = d.row.task  # type: ignore[union-attr]
            values = {
                "stt": d.stt, "content": t.content, "lead": refs_text(t, "lead"), "partners": refs_text(t, "partner"),
                "time_frame": t.time_frame, "output": t.output, "funding": t.funding, "status": t.status.label,
                "notes": t.notes,
            }
            summary = self.model.summary(t)
            values["due"] = summary.due_text if summary else ""
            values["state"] = summary.state_label if summary else ""
            table.append([values[c] for c in columns])
        mime = QMimeData()
        mime.setText(to_tsv(table))
        mime.setHtml(to_html([HEADERS[c] for c in columns], table, bold))
        mime.setData(COPIED_ROWS_FORMAT, b"1")
        QGuiApplication.clipboard().setMimeData(mime)

    def paste_rows(self) -> None:
        if isinstance(self.focusWidget(), QLineEdit):
            self.focusWidget().paste()  # type: ignore[union-attr]
            return
        if self._plan_id is None:
            error(self, "Hãy chọn kế hoạch cần dán nhiệm vụ vào.")
            return
        mime = QGuiApplication.clipboard().mimeData()
        rows = parse_clipboard(mime.text() if mime.hasText() else "", mime.html() if mime.hasHtml() else "")
        if not rows:
            error(self, "Bộ nhớ tạm không có bảng nào đọc được. Hãy sao chép các dòng của bảng trong Word hoặc Excel.")
            return
        appendix_id, group_id = self._target_group()
        if appendix_id is None:
            appendix_id = self.appendix_combo.itemData(1)
        dialog = PasteDialog(rows, self.appendix_combo.itemText(max(1, self.appendix_combo.currentIndex())), self)
        if not dialog.exec():
            return
        self.insert_pasted(dialog.items(), int(appendix_id), group_id)

    def insert_pasted(self, items, appendix_id: int, group_id: int | None) -> None:  # noqa: ANN001
        """Create the pasted groups and tasks as one undoable step."""
        self.controller.paste_tasks(int(self._plan_id), appendix_id, group_id, items)  # type: ignore[arg-type]

    def edit_schedule(self) -> None:
        """The schedule form of the current task (dates, recurrence, quota, reminder lead times)."""
        from ui.tasks.schedule_dialog import edit_schedule

        task = self.current_task()
        if task is None or task.id is None:
            error(self, "Chọn một nhiệm vụ để đặt lịch.")
            return
        edit_schedule(self, self.controller, int(task.id))

    def record_progress(self) -> None:
        """Record progress on the current task: state, date, result, quantity, evidence."""
        from ui.tasks.progress_dialog import record_progress

        task = self.current_task()
        if task is None or task.id is None:
            error(self, "Chọn một nhiệm vụ để cập nhật tiến độ.")
            return
        record_progress(self.controller, int(task.id), self)

    def _context_menu(self, pos) -> None:  # noqa: ANN001
        menu = QMenu(self)
        for name in ("add", "edit", "schedule", "progress", "delete", None, "up", "down", "group", "add_group", "delete_group",
                     None, "copy", "paste"):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_name[name])
        status_menu = menu.addMenu("Đặt trạng thái")
        for status in TaskStatus:
            act = status_menu.addAction(status.label)
            act.triggered.connect(lambda _c=False, s=status: self._set_status(s))
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _set_status(self, status: TaskStatus) -> None:
        ids = self.selected_task_ids()
        if ids:
            self.controller.set_status(ids, status)
