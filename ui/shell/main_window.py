"""The main window: four tabs (Kế hoạch, Nhiệm vụ, Lịch, Báo cáo), menus and remembered layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from cchc_desktop import APP_NAME, __version__
from cchc_desktop.store.store import Store
from cchc_desktop.text.vnformat import number
from ui.common import messages
from ui.common.controller import CALENDAR, PROGRESS, SETTINGS, Controller
from ui.common.forms import fit_to_screen, keep_on_screen
from ui.shell import printing
from ui.shell.lazy_tabs import LazyTab, LazyTabWidget

if TYPE_CHECKING:
    from ui.plans.plans_tab import PlansTab
    from ui.tasks.tasks_tab import TasksTab

EXTERNAL_CHECK_MS = 1500  # how often the window looks for changes made by other processes
SETTINGS_VERSION = 2  # 2: task list gained the Hạn and Tình trạng hạn columns
IDLE_BUILD_MS = 600
"""After the first paint, how long the window waits before building the Kế hoạch and Nhiệm vụ
tabs it did not open on, one at a time (each is also built at once when first asked for)."""


def unique_keys(keys: list[QKeySequence]) -> list[QKeySequence]:
    """The key sequences once each, in order: an action holding the same key twice makes Qt
    refuse it as an ambiguous shortcut ("Ctrl+Y" is also the platform's redo key on Windows)."""
    out: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in out:
            out.append(key)
    return out


class MainWindow(QMainWindow):
    first_painted = Signal()
    """Emitted once, just after the window was first painted (what waits for the window to be
    on screen starts then: the reminders, building the tabs not opened on)."""

    def __init__(self, store: Store, settings: QSettings | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings or QSettings()
        self.controller = Controller(store, self)
        self.controller.failed.connect(lambda text: messages.error(self, text))
        self.setWindowTitle(f"{APP_NAME} – Kế hoạch tuyên truyền cải cách hành chính")
        fit_to_screen(self, 1280, 800)  # less on a small screen (1366×768 laptops)

        # Only the tab the window opens on is built before the first paint (see lazy_tabs).
        self.tabs = LazyTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.plans_lazy = LazyTab(self._make_plans_tab)
        self.tabs.addTab(self.plans_lazy, "Kế hoạch")
        self.tasks_lazy = LazyTab(self._make_tasks_tab)
        self.tabs.addTab(self.tasks_lazy, "Nhiệm vụ")
        self.calendar_lazy = LazyTab(self._make_calendar_tab)
        self.tabs.addTab(self.calendar_lazy, "Lịch")
        self.reports_lazy = LazyTab(self._make_reports_tab)
        self.tabs.addTab(self.reports_lazy, "Báo cáo")
        self.setCentralWidget(self.tabs)
        self._idle_timer: QTimer | None = None
        self._painted = False

        self._build_menus()
        self.statusBar().showMessage(f"Cơ sở dữ liệu: {store.path}" if store.path else "Cơ sở dữ liệu tạm")
        self.restore_layout()
        self._watch_other_processes()

    # menus ---------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&Tệp")
        self.edit_menu = bar.addMenu("&Sửa")
        self.data_menu = bar.addMenu("&Danh mục")
        self.reminders_menu = bar.addMenu("&Nhắc việc")
        self.help_menu = bar.addMenu("Trợ &giúp")
        self._build_reminder_actions()

        demo = QAction("Nạp kế hoạch mẫu (Vĩnh Long 2024)", self)
        demo.triggered.connect(self.load_demo)
        self.file_menu.addAction(demo)
        self.demo_action = demo
        carry = QAction("Tạo kế hoạch năm sau...", self)
        carry.triggered.connect(self.carry_forward)
        self.file_menu.addAction(carry)
        self.carry_forward_action = carry
        import_action = QAction("Nhập kế hoạch từ văn bản...", self)
        import_action.setShortcut(QKeySequence("Ctrl+I"))
        import_action.triggered.connect(self.import_document)
        self.file_menu.addAction(import_action)
        self.import_action = import_action
        self.setAcceptDrops(True)  # documents dropped on the window are imported
        self.file_menu.addSeparator()
        self.file_menu_tail = self.file_menu.addSeparator()
        printing.install_menu(self)
        self.backup_action = QAction("Sao lưu / Khôi phục...", self)
        self.backup_action.triggered.connect(self.open_backups)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.backup_action)
        quit_action = QAction("Thoát", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)

        undo = self.controller.undo_stack.createUndoAction(self, "Hoàn tác")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.controller.undo_stack.createRedoAction(self, "Làm lại")
        redo.setShortcuts(unique_keys([QKeySequence("Ctrl+Y"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]))
        self.undo_action = undo
        self.redo_action = redo
        self.edit_menu.addAction(undo)
        self.edit_menu.addAction(redo)
        find = QAction("Tìm nhiệm vụ", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(find)

        agencies = QAction("Cơ quan, đơn vị...", self)
        agencies.triggered.connect(self.open_agencies)
        self.data_menu.addAction(agencies)
        office = QAction("Thông tin cơ quan...", self)
        office.triggered.connect(lambda: self.open_office_info())
        self.data_menu.addAction(office)
        self.office_action = office

        from ui.shell import help as help_menu

        help_menu.install(self)
        about = QAction("Giới thiệu", self)
        about.triggered.connect(
            lambda: messages.info(
                self,
                f"{APP_NAME} {__version__}\nLập, theo dõi, in và báo cáo kế hoạch tuyên truyền cải cách hành chính.\n\n"
                f"Dữ liệu: {self.store.path}",
                "Giới thiệu",
            )
        )
        self.help_menu.addAction(about)

    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802
        from ui.importing import accepts_drop

        if accepts_drop(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802
        from ui.importing import import_dropped

        if import_dropped(self, event.mimeData()):
            event.acceptProposedAction()

    def _build_reminder_actions(self) -> None:
        menu = self.reminders_menu
        digest = QAction("Nhắc việc hôm nay...", self)
        digest.setShortcut(QKeySequence("Ctrl+Shift+N"))
        digest.triggered.connect(lambda: self.show_digest(always=True))
        menu.addAction(digest)
        calendar = QAction("Mở lịch", self)
        calendar.setShortcut(QKeySequence("Ctrl+3"))
        calendar.triggered.connect(lambda: self.tabs.setCurrentWidget(self.calendar_lazy))
        menu.addAction(calendar)
        ics = QAction("Xuất hạn và nhắc việc ra tệp .ics...", self)
        ics.triggered.connect(self.export_ics)
        menu.addAction(ics)
        menu.addSeparator()
        settings = QAction("Thiết lập nhắc việc...", self)
        settings.triggered.connect(self.reminder_settings)
        menu.addAction(settings)

    # reminders -------------------------------------------------------------------

    def start_reminders(self) -> None:
        """Tray notifications while the window runs (called by the application, not by tests)."""
        from ui.calendar.reminders_ui import ReminderNotifier

        self.notifier = ReminderNotifier(self.store, self)
        self.notifier.open_task.connect(self._open_task_from_alert)
        self.notifier.data_changed.connect(lambda: self.controller.notify(PROGRESS, CALENDAR))
        self.controller.changed.connect(lambda _kinds: self.notifier.invalidate())
        self.notifier.start()

    def _open_task_from_alert(self, task_id: int) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()
        self.open_task(task_id)

    def show_digest(self, always: bool = False) -> None:
        """The start-up digest (once per run), or on demand from the menu."""
        from cchc_desktop.scheduling import reminders
        from ui.calendar.reminders_ui import DigestDialog, digest_days, startup_digest

        if always:
            digest = reminders.build_digest(self.store, days=digest_days(self.store))
        else:
            found = startup_digest(self.store)
            if found is None:
                return
            digest = found
        dialog = DigestDialog(digest, self)
        dialog.open_task.connect(self.open_task)
        dialog.exec()

    def reminder_settings(self) -> None:
        from ui.calendar.reminders_ui import ReminderSettingsDialog

        if ReminderSettingsDialog(self.store, str(self.store.path) if self.store.path else None, self).exec():
            self.controller.notify(SETTINGS, CALENDAR)

    def export_ics(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from cchc_desktop.documents.ics import export_ics
        from cchc_desktop.errors import CchcError

        path, _f = QFileDialog.getSaveFileName(self, "Xuất lịch", "lich-cchc.ics", "Tệp lịch (*.ics)")
        if not path:
            return
        try:
            count = export_ics(self.store, path)
        except CchcError as exc:
            messages.error(self, exc.message)
            return
        self.statusBar().showMessage(f"Đã xuất {number(count)} sự kiện vào {path}", 8000)

    def carry_forward(self) -> None:
        from ui.plans.carry_forward_dialog import carry_forward_plan

        plan_id = self.plans_tab.current_plan_id()
        if plan_id is None:
            messages.info(self, "Chọn một kế hoạch trong thẻ Kế hoạch để tạo kế hoạch năm sau.")
            return
        plan = carry_forward_plan(self, self.controller, plan_id)
        if plan is not None:
            self.tabs.setCurrentWidget(self.plans_tab)
            self.plans_tab.select_plan(int(plan.id))  # type: ignore[arg-type]

    # actions -------------------------------------------------------------------

    def load_demo(self) -> None:
        from cchc_desktop.store.demo import load_demo

        plan = self.controller.add_plan(lambda: load_demo(self.store), "Nạp kế hoạch mẫu")
        if plan is not None:
            self.plans_tab.select_plan(int(plan.id))  # type: ignore[arg-type]
            self.statusBar().showMessage("Đã nạp kế hoạch mẫu Vĩnh Long 2024 (14 nhiệm vụ).", 5000)

    def open_plan_tasks(self, plan_id: int) -> None:
        self.tasks_tab.show_plan(plan_id)
        self.tabs.setCurrentWidget(self.tasks_tab)

    def import_document(self) -> None:
        """Tệp → Nhập kế hoạch từ văn bản (the importer loads on first use)."""
        from ui.importing import open_import_dialog

        open_import_dialog(self)

    def _layout_state(self, key: str) -> QByteArray | None:
        """A splitter's or header's remembered state, if the layout was saved by this version."""
        if int(self.settings.value("layout/version", 0) or 0) != SETTINGS_VERSION:
            return None
        state = self.settings.value(key)
        return state if isinstance(state, QByteArray) else None

    def _restore_table_layout(self, name: str, tab: PlansTab | TasksTab) -> None:
        """A list tab's remembered splitter and column widths, kept under "<name>/splitter" and
        "<name>/header"."""
        for key, restore in ((f"{name}/splitter", tab.splitter.restoreState),
                             (f"{name}/header", tab.view.horizontalHeader().restoreState)):
            state = self._layout_state(key)
            if state is not None:
                restore(state)

    def _make_plans_tab(self) -> QWidget:
        from ui.plans.plans_tab import PlansTab

        # Built for the first paint, the editor's wheel guard is set once the window is painted.
        tab = PlansTab(self.controller, guard_wheel=self._painted)
        if not self._painted:
            self.first_painted.connect(tab.editor.guard_wheel)
        tab.plan_activated.connect(self.open_plan_tasks)
        self._restore_table_layout("plans", tab)
        return tab

    @property
    def plans_tab(self) -> PlansTab:
        """The Kế hoạch tab (built when first shown or asked for)."""
        return self.plans_lazy.widget()  # type: ignore[return-value]

    def _make_tasks_tab(self) -> QWidget:
        from ui.tasks.tasks_tab import TasksTab

        tab = TasksTab(self.controller)
        self._restore_table_layout("tasks", tab)
        return tab

    @property
    def tasks_tab(self) -> TasksTab:
        """The Nhiệm vụ tab (built when first shown or asked for)."""
        return self.tasks_lazy.widget()  # type: ignore[return-value]

    def _build_when_idle(self) -> None:
        """Build the next of Kế hoạch and Nhiệm vụ not built yet, then wait for the next lull."""
        for page in (self.plans_lazy, self.tasks_lazy):
            if not page.built:
                page.widget()
                if self._idle_timer is not None:
                    self._idle_timer.start()
                return

    def _make_calendar_tab(self) -> QWidget:
        from ui.calendar.calendar_tab import CalendarTab

        tab = CalendarTab(self.controller)
        tab.task_requested.connect(self.open_task)
        state = self._layout_state("calendar/splitter")
        if state is not None:
            tab.splitter.restoreState(state)
        return tab

    @property
    def calendar_tab(self):  # noqa: ANN201 - CalendarTab, imported when first used
        """The Lịch tab (built on first use; its year of occurrences is computed when shown)."""
        return self.calendar_lazy.widget()

    def _make_reports_tab(self) -> QWidget:
        from ui.reports.reports_tab import ReportsTab

        return ReportsTab(self.controller)

    @property
    def reports_tab(self) -> QWidget:
        """The Báo cáo tab (built on first use)."""
        return self.reports_lazy.widget()

    def open_task(self, task_id: int) -> None:
        self.tasks_tab.select_task(task_id)
        self.tabs.setCurrentWidget(self.tasks_tab)

    def plan_in_view(self) -> int | None:
        """The plan the officer is looking at, which the Tệp commands print: on Nhiệm vụ the
        plan chosen in its "Kế hoạch:" box, on Báo cáo the one plan reported on, otherwise the
        plan selected on Kế hoạch."""
        current = self.tabs.current_page()
        if current is self.tasks_lazy:
            return self.tasks_tab.plan_in_view()
        if current is self.reports_lazy and self.reports_lazy.built:
            chosen = self.reports_tab.plan_ids()  # type: ignore[attr-defined]
            if chosen is not None and len(chosen) == 1:
                return int(chosen[0])
        return self.plans_tab.current_plan_id()

    def appendix_in_view(self) -> int | None:
        """The appendix (id) chosen on Nhiệm vụ when that tab is shown, else None."""
        if self.tabs.current_page() is self.tasks_lazy:
            return self.tasks_tab.appendix_in_view()
        return None

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.tasks_tab)
        self.tasks_tab.search.setFocus()
        self.tasks_tab.search.selectAll()

    def open_backups(self) -> None:
        """Tệp → Sao lưu / Khôi phục (the backup machinery loads on first use)."""
        from ui.shell.backup_dialog import open_backups

        open_backups(self)

    def open_agencies(self) -> None:
        from ui.office.agencies_dialog import AgenciesDialog

        AgenciesDialog(self.controller, self).exec()

    # other windows and processes ---------------------------------------------------

    def _watch_other_processes(self) -> None:
        """Reload the views when another process (the command line, the agent, a colleague's
        window on a shared file) commits a change: PRAGMA data_version, polled."""
        from PySide6.QtCore import QTimer

        self._reload_pending = False
        self.external_timer = QTimer(self)
        self.external_timer.setInterval(EXTERNAL_CHECK_MS)
        self.external_timer.timeout.connect(self.check_other_processes)
        self.external_timer.start()

    def check_other_processes(self) -> bool:
        """Reload if another process changed the database (postponed while a cell is being
        edited, so the officer's typing is not thrown away). True when the views reloaded."""
        from PySide6.QtWidgets import QAbstractItemView

        from ui.common.controller import AGENCIES, PLANS, TASKS

        if self.store.changed_elsewhere():
            self._reload_pending = True
        if not self._reload_pending:
            return False
        if self.tasks_lazy.built and self.tasks_tab.view.state() == QAbstractItemView.State.EditingState:
            return False
        self._reload_pending = False
        self.controller.notify(PLANS, TASKS, AGENCIES, PROGRESS, CALENDAR, SETTINGS)
        return True

    def handle_request(self, text: str) -> None:
        """A second start on this database, or the agent: come forward (at a task)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        kind, _sep, rest = text.partition(" ")
        if kind == "task" and rest.strip().isdigit():
            from cchc_desktop.errors import NotFoundError

            try:
                self.open_task(int(rest))
            except NotFoundError:
                pass
    def open_office_info(self, first_run: bool = False) -> None:
        """Thông tin cơ quan, window-modal without blocking the event loop (also the first-run step)."""
        from ui.office.office_dialog import OfficeInfoDialog

        dialog = OfficeInfoDialog(self.store, self, first_run=first_run)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.controller.notify(SETTINGS))
        dialog.accepted.connect(lambda: self.statusBar().showMessage("Đã lưu thông tin cơ quan.", 5000))
        self.office_dialog = dialog
        dialog.open()

    # layout memory -----------------------------------------------------------------

    def restore_layout(self) -> None:
        s = self.settings
        if int(s.value("layout/version", 0) or 0) != SETTINGS_VERSION:
            return
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
            keep_on_screen(self)  # remembered on a larger screen than this one
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        # The tabs' splitters and headers are restored as each tab is built.
        tab = s.value("window/tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(tab))

    def save_layout(self) -> None:
        s = self.settings
        older = int(s.value("layout/version", 0) or 0) != SETTINGS_VERSION
        s.setValue("layout/version", SETTINGS_VERSION)
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/tab", self.tabs.currentIndex())
        # A tab never built this time keeps what was remembered of it, unless that was saved
        # by an older version (whose columns may differ): then it is forgotten.
        for page, key, state in (
            (self.plans_lazy, "plans/splitter", lambda: self.plans_tab.splitter.saveState()),
            (self.plans_lazy, "plans/header", lambda: self.plans_tab.view.horizontalHeader().saveState()),
            (self.tasks_lazy, "tasks/splitter", lambda: self.tasks_tab.splitter.saveState()),
            (self.tasks_lazy, "tasks/header", lambda: self.tasks_tab.view.horizontalHeader().saveState()),
            (self.calendar_lazy, "calendar/splitter", lambda: self.calendar_tab.splitter.saveState()),
        ):
            if page.built:
                s.setValue(key, state())
            elif older:
                s.remove(key)
        s.sync()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        if not event.spontaneous():
            keep_on_screen(self)  # the frame is known once shown

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.setInterval(IDLE_BUILD_MS)
        self._idle_timer.timeout.connect(self._build_when_idle)
        self._idle_timer.start()
        self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.plans_lazy.built and not self.plans_tab.resolve_unsaved():
            event.ignore()
            return
        self.save_layout()
        self.external_timer.stop()
        if self._idle_timer is not None:
            self._idle_timer.stop()
        event.accept()
