"""The Kế hoạch tab: the register of plans beside the editor of the chosen plan."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.documents.render import settings as doc_settings
from cchc_desktop.store.domain import Appendix, Plan, PlanStatus, default_appendix_title, default_plan_title
from cchc_desktop.text.textnorm import fold, matches
from cchc_desktop.text.vnformat import number
from ui.common.controller import PLANS, SETTINGS, Controller
from ui.common.forms import DISCARD, SAVE, ask_unsaved, dates_refused
from ui.common.messages import confirm
from ui.plans.plan_editor import PlanEditor
from ui.plans.plan_table_model import COLUMNS, PlanIdRole, PlanTableModel


class PlansTab(QWidget):
    plan_activated = Signal(int)
    """The officer opened a plan's tasks (double-click or "Xem nhiệm vụ"); the argument is its id."""

    current_plan_changed = Signal(object)
    """The selected plan changed; the argument is its id or None."""

    def __init__(self, controller: Controller, parent: QWidget | None = None, *, guard_wheel: bool = True) -> None:
        """`guard_wheel=False`: the caller sets the editor's wheel guard (`PlanEditor.guard_wheel`)
        once the tab is painted."""
        super().__init__(parent)
        self._filtered = False
        self.controller = controller
        self.model = PlanTableModel(self)
        self.view = QTableView()
        self.view.setObjectName("plansView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setObjectName("plansHeader")
        # Widths from the font, not from reading ten years of plans; the officer's own widths
        # are remembered with the window layout.
        em = self.view.fontMetrics().horizontalAdvance("0")
        bold = QFont(header.font())
        bold.setBold(True)
        title_fm = QFontMetrics(bold)
        # Trích yếu takes the spare width; the others hold their values (and two-line headings).
        widths = {"number": 14, "issuer": 16, "date": 11, "period": 9, "status": 11, "tasks": 5}
        for column, name in enumerate(COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            if name in widths:
                lines = str(self.model.headerData(column, Qt.Orientation.Horizontal)).splitlines()
                title = max((title_fm.horizontalAdvance(line) for line in lines), default=0)
                header.resizeSection(column, max(widths[name] * em, title + 24))  # room for the sort arrow
        header.setSectionResizeMode(COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch)
        self.view.setWordWrap(False)
        self.view.doubleClicked.connect(lambda _i: self._open_tasks())
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm kế hoạch (không cần dấu)...")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)

        self.new_button = QPushButton("Thêm kế hoạch")
        self.duplicate_button = QPushButton("Nhân bản")
        self.delete_button = QPushButton("Xóa")
        self.tasks_button = QPushButton("Xem nhiệm vụ")
        self.new_button.clicked.connect(self.new_plan)
        self.duplicate_button.clicked.connect(self.duplicate_plan)
        self.delete_button.clicked.connect(self.delete_plan)
        self.tasks_button.clicked.connect(self._open_tasks)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        for b in (self.new_button, self.duplicate_button, self.delete_button, self.tasks_button):
            top.addWidget(b)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.view)

        self.editor = PlanEditor(empty=False, guard_wheel=guard_wheel)  # filled (or emptied and disabled) by reload() below
        self.editor.set_document_settings(doc_settings.load(controller.store))
        self.editor.save_requested.connect(self.save_plan)
        self.editor.revert_requested.connect(self._revert)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("plansSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        save = QAction("Lưu kế hoạch", self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.triggered.connect(self.save_plan)
        self.addAction(save)
        delete = QAction("Xóa kế hoạch", self.view)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_plan)
        self.view.addAction(delete)

        controller.changed.connect(self._on_changed)
        self.reload()

    # data ------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.current_plan_id()
        self._read_register()
        self._filter(self.search.text())
        row = self.model.row_of(current) if current is not None else -1
        if row < 0 and self.model.rowCount() and current is None:
            row = 0
        self._select_row(row)

    def _read_register(self) -> None:
        """The register's rows; the numbers of tasks of those shown are counted when painted
        (counting every task of ten years of plans took most of reading the register)."""
        plans = self.controller.store.plans
        self.model.set_listing(plans.register(counts=False), plans.task_counts)

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if SETTINGS in kinds:
            self.editor.set_document_settings(doc_settings.load(self.controller.store))
        if "plans" in kinds or "tasks" in kinds:
            if self.editor.dirty:
                # Keep the officer's unsaved form; only refresh the register.
                current = self.current_plan_id()
                self._read_register()
                self._select_row(self.model.row_of(current) if current else -1, load=False)
            else:
                self.reload()

    def _filter(self, text: str) -> None:
        key = fold(text)
        if not key and not self._filtered:
            return  # nothing hidden and nothing to hide: ten years of plans cost nothing here
        self._filtered = bool(key)
        for row in range(self.model.rowCount()):
            plan = self.model.plan_at(row)
            hay = fold(f"{plan.number} {plan.title} {plan.issuer} {plan.period_label}") if plan and key else ""
            self.view.setRowHidden(row, bool(key) and not matches(key, hay))

    def _select_row(self, row: int, load: bool = True) -> None:
        sel = self.view.selectionModel()
        if row < 0:
            sel.clearSelection()
            if load:
                self.editor.set_plan(None)
                self.current_plan_changed.emit(None)
            return
        index = self.model.index(row, 0)
        moves = sel.currentIndex().row() != row
        sel.blockSignals(not load)
        sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        sel.blockSignals(False)
        if load and not moves:
            self._load_row(row)  # moving to another row loaded it already (`_current_changed`), once

    def _load_row(self, row: int) -> None:
        plan = self.model.plan_at(row)
        self.editor.set_plan(self.controller.store.plans.get(plan.id) if plan else None)
        self.current_plan_changed.emit(plan.id if plan else None)

    def current_plan_id(self) -> int | None:
        index = self.view.selectionModel().currentIndex()
        return index.data(PlanIdRole) if index.isValid() else None

    def _current_changed(self, current, previous) -> None:  # noqa: ANN001
        if current.row() == previous.row():
            return
        if self.editor.dirty and not self._resolve_unsaved():
            self.view.selectionModel().blockSignals(True)
            self.view.selectionModel().setCurrentIndex(
                previous, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.view.selectionModel().blockSignals(False)
            return
        self._load_row(current.row())

    def _resolve_unsaved(self) -> bool:
        """Ask about unsaved edits; True when it is fine to move on."""
        choice = ask_unsaved(self, "Kế hoạch đang sửa có thay đổi chưa lưu. Lưu lại trước khi tiếp tục?")
        if choice == SAVE:
            return self.save_plan()
        return choice == DISCARD

    def has_unsaved(self) -> bool:
        return self.editor.dirty

    def resolve_unsaved(self) -> bool:
        return not self.editor.dirty or self._resolve_unsaved()

    # actions -------------------------------------------------------------------

    def new_plan(self) -> None:
        if self.editor.dirty and not self._resolve_unsaved():
            return
        year = dt.date.today().year
        office = doc_settings.load(self.controller.store)  # Thông tin cơ quan / Thiết lập văn bản
        plan = Plan(
            title=default_plan_title(year),
            number="/KH-" + (office.abbreviation or "UBND"),
            issuer=office.office_name,
            parent_body=office.parent_body,
            place=office.place,
            period_start=year,
            period_end=year,
            status=PlanStatus.DRAFT,
            appendices=[Appendix(title=default_appendix_title(year))],
        )
        created = self.controller.create_plan(plan)
        if created:
            self.reload(select_id=created.id)
            self.editor.title.setFocus()

    def duplicate_plan(self) -> None:
        plan_id = self.current_plan_id()
        if plan_id is None:
            return
        copy = self.controller.duplicate_plan(plan_id)
        if copy:
            self.reload(select_id=copy.id)

    def delete_plan(self) -> None:
        plan_id = self.current_plan_id()
        if plan_id is None:
            return
        plan = self.controller.store.plans.get(plan_id)
        count = self.controller.store.plans.task_count(plan_id)
        name = f"{plan.number} – {plan.title}" if plan.number else plan.title
        text = f"Xóa kế hoạch «{name}»?"
        if count:
            text += f"\n\n{number(count)} nhiệm vụ của kế hoạch này cũng bị xóa theo."
        text += "\n\nCó thể hoàn tác bằng Ctrl+Z."
        if confirm(self, text, yes="Xóa kế hoạch"):
            self.editor.set_plan(None)
            self.controller.delete_plan(plan_id)

    def save_plan(self) -> bool:
        if self.editor.isEnabled() is False:
            return False
        if dates_refused(self.editor):  # "31/02/2025" in the date of issue: say why, save nothing
            return False
        plan = self.editor.plan()
        if plan.id is None:
            return False
        saved = self.controller.update_plan(plan, base=self.editor.loaded_plan)
        if saved is None:
            return False
        self.editor.set_plan(saved)
        self.reload(select_id=saved.id)
        return True

    def _revert(self) -> None:
        plan_id = self.current_plan_id()
        self.editor.set_plan(self.controller.store.plans.get(plan_id) if plan_id else None)

    def _open_tasks(self) -> None:
        plan_id = self.current_plan_id()
        if plan_id is not None:
            self.plan_activated.emit(plan_id)

    def select_plan(self, plan_id: int) -> None:
        self._select_row(self.model.row_of(plan_id))


__all__ = ["PlansTab", "PLANS"]
