"""Reminders on screen: the start-up digest, the alert window with "Đã xong" and "Nhắc lại
sau", the tray notification, and the reminder settings (lead times, digest window, the
start-at-login agent). The decisions (what is due, what was shown) live in
`cchc_desktop.scheduling.reminders`; this module only shows them."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QSystemTrayIcon,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.errors import CchcError, ValidationError
from cchc_desktop.scheduling import reminders, schedule
from cchc_desktop.scheduling.reminders import Alert, Digest, DigestItem
from cchc_desktop.store.store import Store
from cchc_desktop.system import autostart
from cchc_desktop.text.vnformat import date_table
from ui.common import messages
from ui.common.forms import GuardedDialog, fit_to_screen
from ui.common.icon import app_icon

DIGEST_DAYS_SETTING = "reminders.digest_days"
SHOW_DIGEST_SETTING = "reminders.show_digest"
CHECK_INTERVAL_MS = 60_000
SNOOZE_CHOICES = (("10 phút", dt.timedelta(minutes=10)), ("1 giờ", dt.timedelta(hours=1)),
                  ("Sáng mai (08:00)", None))


def digest_days(store: Store) -> int:
    value = store.settings.get(DIGEST_DAYS_SETTING, reminders.DEFAULT_DAYS)
    try:
        return max(0, min(int(value), 365))
    except (TypeError, ValueError):
        return reminders.DEFAULT_DAYS


# --------------------------------------------------------------------------- digest


def _columns(item: DigestItem) -> list[str]:
    """Hạn, Nhiệm vụ, Chủ trì, Ghi chú: one digest line in the dialog's columns."""
    when = date_table(item.due)
    if item.at is not None:
        when += f" {item.at:%H:%M}"
    notes = []
    if item.count > 1 and item.last_due:
        notes.append(f"{item.count} lần, đến {date_table(item.last_due)}")
    if item.legal_due and item.legal_due != item.due:
        notes.append(f"ngày nghỉ: hạn theo luật {date_table(item.legal_due)}, nên xong trước "
                     f"{date_table(item.finish_by)}")
    if item.reminder_id is not None and item.label:
        notes.append(item.label)
    return [when, item.title, item.lead, "; ".join(notes)]


class DigestDialog(QDialog):
    """One window on start: overdue, due today, due in the next days, fallen due while closed."""

    open_task = Signal(int)

    def __init__(self, digest: Digest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.digest = digest
        self.setWindowTitle("Nhắc việc hôm nay")
        fit_to_screen(self, 1180, 520)
        head = QLabel(f"<b>{html.escape(digest.summary())}</b>")
        head.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("digestTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Hạn", "Nhiệm vụ", "Cơ quan chủ trì", "Ghi chú"])
        self.tree.setRootIsDecorated(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        for col, width in enumerate((150, 520, 200, 260)):
            self.tree.setColumnWidth(col, width)
        colors = {"overdue": "#c62828", "due_today": "#9a6700", "missed": "#9a6700", "upcoming": "#1f5fbf",
                  "notes": "#6f42c1"}
        for key, title, items in digest.sections():
            if not items:
                continue
            color = colors[key]
            top = QTreeWidgetItem([f"{title} ({reminders.count_text(items)})"])
            top.setFirstColumnSpanned(True)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setForeground(0, QColor(color))
            for it in items:
                child = QTreeWidgetItem(_columns(it))
                child.setData(0, Qt.ItemDataRole.UserRole, it.task_id)
                child.setToolTip(1, f"{it.title}\nThời gian thực hiện: {it.time_frame}" if it.time_frame else it.title)
                child.setToolTip(2, child.text(2))
                child.setToolTip(3, child.text(3))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            top.setExpanded(True)
        if digest.unscheduled:
            extra = QTreeWidgetItem(
                [f"{digest.unscheduled} nhiệm vụ chưa xác định lịch: mở Nhiệm vụ, lọc «Chưa xác định lịch»."])
            self.tree.addTopLevelItem(extra)
            extra.setFirstColumnSpanned(True)
        self.tree.itemDoubleClicked.connect(self._activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.tree, 1)
        layout.addWidget(QLabel("Bấm đúp vào một việc để mở nhiệm vụ."))
        layout.addWidget(buttons)

    def _activated(self, item: QTreeWidgetItem) -> None:
        task_id = item.data(0, Qt.ItemDataRole.UserRole)
        if task_id is not None:
            self.open_task.emit(int(task_id))
            self.accept()


def startup_digest(store: Store, today: dt.date | None = None) -> Digest | None:
    """The digest to show on start (None when switched off or empty); remembers this run."""
    today = today or dt.date.today()
    if store.settings.get(SHOW_DIGEST_SETTING, True) is False:
        reminders.mark_seen(store, today)
        return None
    digest = reminders.build_digest(store, today, digest_days(store), last_seen=reminders.last_seen(store))
    reminders.mark_seen(store, today)
    return None if digest.empty else digest


# --------------------------------------------------------------------------- alerts


def _snooze_until(choice: dt.timedelta | None, now: dt.datetime) -> dt.datetime:
    if choice is None:
        return dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(reminders.REMIND_HOUR))
    return now + choice


class AlertWindow(QDialog):
    """The alerts whose time has come, each with "Đã xong", "Nhắc lại sau" and "Mở"."""

    open_task = Signal(int)
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Nhắc việc")
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        fit_to_screen(self, 640, 320)
        self.list = QListWidget()
        self.list.setObjectName("alertList")
        self.list.itemDoubleClicked.connect(lambda _i: self.open_selected())
        self.done_button = QPushButton("Đã xong")
        self.done_button.clicked.connect(self.done_selected)
        self.snooze_button = QPushButton("Nhắc lại sau")
        menu = QMenu(self.snooze_button)
        for text, delta in SNOOZE_CHOICES:
            act = menu.addAction(text)
            act.triggered.connect(lambda _c=False, d=delta: self.snooze_selected(d))
        self.snooze_button.setMenu(menu)
        open_button = QPushButton("Mở nhiệm vụ")
        open_button.clicked.connect(self.open_selected)
        close = QPushButton("Đóng")
        close.clicked.connect(self.hide)
        row = QHBoxLayout()
        for b in (self.done_button, self.snooze_button, open_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self._alerts: list[Alert] = []
        self.now: Callable[[], dt.datetime] = dt.datetime.now

    def add_alerts(self, alerts: list[Alert]) -> None:
        known = {a.key for a in self._alerts}
        for a in alerts:
            if a.key in known:
                continue
            self._alerts.append(a)
            item = QListWidgetItem(f"{a.title}\n   {a.text}")
            item.setData(Qt.ItemDataRole.UserRole, a.key)
            self.list.addItem(item)
        if self.list.count() and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)

    def alerts(self) -> list[Alert]:
        return list(self._alerts)

    def _selected(self) -> Alert | None:
        item = self.list.currentItem()
        if item is None:
            return None
        key = item.data(Qt.ItemDataRole.UserRole)
        return next((a for a in self._alerts if a.key == key), None)

    def _remove(self, alert: Alert) -> None:
        row = next(i for i in range(self.list.count()) if self.list.item(i).data(Qt.ItemDataRole.UserRole) == alert.key)
        self.list.takeItem(row)
        self._alerts.remove(alert)
        if not self._alerts:
            self.hide()

    def done_selected(self) -> None:
        alert = self._selected()
        if alert is None:
            return
        try:
            reminders.mark_done(self.store, alert, self.now().date())
        except CchcError as exc:
            messages.error(self, exc.message)
            return
        self._remove(alert)
        self.changed.emit()

    def snooze_selected(self, delta: dt.timedelta | None) -> None:
        alert = self._selected()
        if alert is None:
            return
        reminders.snooze(self.store, alert, _snooze_until(delta, self.now()))
        self._remove(alert)

    def open_selected(self) -> None:
        alert = self._selected()
        if alert is not None and alert.task_id is not None:
            self.open_task.emit(alert.task_id)


class ReminderNotifier(QObject):
    """Checks every minute for alerts whose time has come; shows them in the tray and in the
    alert window. Works the same inside the main window and in the start-at-login agent."""

    open_task = Signal(int)
    data_changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None, *,
                 now: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        super().__init__(parent)
        self.store = store
        self.now = now
        self.window = AlertWindow(store)
        self.window.now = lambda: self.now()
        self.window.open_task.connect(self.open_task)
        self.window.changed.connect(self.data_changed)
        self.window.changed.connect(self.invalidate)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(app_icon(), self)
            self.tray.setToolTip("CCHC Desktop – nhắc việc")
            self.tray.messageClicked.connect(self.show_window)
            self.tray.activated.connect(lambda _r: self.show_window())
            self.tray.show()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.last_check: dt.datetime | None = None
        self._index: schedule.OccurrenceIndex | None = None
        self._index_made: dt.datetime | None = None

    def invalidate(self) -> None:
        """Tasks, progress or days off changed: recompute the occurrences at the next check."""
        self._index = None

    def _occurrences(self, now: dt.datetime) -> schedule.OccurrenceIndex:
        # Computed once and kept: a check every minute must not re-read ten years of plans.
        # Rebuilt on change, on a new day, and every 15 minutes (another program may write too).
        stale = (self._index is None or self._index_made is None or self._index_made.date() != now.date()
                 or now - self._index_made > dt.timedelta(minutes=15))
        if stale:
            self._index = schedule.OccurrenceIndex.load(
                self.store, plan_ids=schedule.active_plan_ids(self.store, now.date()), today=now.date())
            self._index_made = now
        assert self._index is not None
        return self._index

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(2000, self.check)

    def check(self) -> list[Alert]:
        now = self.now()
        try:
            alerts = reminders.pending_alerts(self.store, now, index=self._occurrences(now))
        except CchcError:
            return []
        fresh = [a for a in alerts if a.key not in {x.key for x in self.window.alerts()}]
        self.last_check = now
        if not fresh:
            return []
        reminders.mark_shown(self.store, fresh, now)
        self.window.add_alerts(fresh)
        if self.tray is not None:
            title = fresh[0].title if len(fresh) == 1 else f"{len(fresh)} việc cần nhắc"
            self.tray.showMessage(title[:120], fresh[0].text, QSystemTrayIcon.MessageIcon.Information, 15_000)
        else:
            self.show_window()
        return fresh

    def show_window(self) -> None:
        if self.window.alerts():
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()


# --------------------------------------------------------------------------- settings


class ReminderSettingsDialog(GuardedDialog):
    """Global reminder lead times, the digest window, and the start-at-login agent."""

    def __init__(self, store: Store, db_path: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.db_path = db_path
        self.setWindowTitle("Thiết lập nhắc việc")
        self.unsaved_text = "Thiết lập nhắc việc có thay đổi chưa lưu. Lưu lại trước khi đóng?"
        self.leads = QLineEdit(", ".join(str(d) for d in schedule.global_lead_days(store)))
        self.leads.setPlaceholderText("7, 1")
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setSuffix(" ngày")
        self.days.setValue(digest_days(store) or reminders.DEFAULT_DAYS)
        self.show_digest = QCheckBox("Hiện bảng nhắc việc khi mở chương trình")
        self.show_digest.setChecked(store.settings.get(SHOW_DIGEST_SETTING, True) is not False)
        self.agent_state = QLabel()
        self.install_button = QPushButton("Cài nhắc việc khi đăng nhập máy")
        self.install_button.clicked.connect(self.install_agent)
        self.remove_button = QPushButton("Gỡ bỏ")
        self.remove_button.clicked.connect(self.remove_agent)
        agent_row = QHBoxLayout()
        agent_row.addWidget(self.install_button)
        agent_row.addWidget(self.remove_button)
        form = QFormLayout()
        form.addRow("Nhắc trước hạn (ngày, cách nhau bằng dấu phẩy):", self.leads)
        form.addRow("Bảng nhắc việc liệt kê việc sắp đến hạn trong:", self.days)
        form.addRow("", self.show_digest)
        form.addRow("Tác tử nhắc việc (chạy khi chương trình đóng):", self.agent_state)
        form.addRow("", agent_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(messages.ok_cancel(self))
        self._refresh_agent()

    def _refresh_agent(self) -> None:
        path = autostart.installed_path()
        self.agent_state.setText(f"Đã cài ({path})" if path else "Chưa cài")
        self.remove_button.setEnabled(path is not None)

    def install_agent(self) -> None:
        try:
            autostart.install(db=self.db_path)
        except CchcError as exc:
            messages.error(self, exc.message)
        self._refresh_agent()

    def remove_agent(self) -> None:
        try:
            autostart.remove()
        except CchcError as exc:
            messages.error(self, exc.message)
        self._refresh_agent()

    def accept(self) -> None:
        try:
            days = [int(x) for x in self.leads.text().replace(";", ",").split(",") if x.strip()]
            schedule.set_global_lead_days(self.store, days)
        except ValueError:
            messages.error(self, "Số ngày nhắc trước phải là số nguyên, cách nhau bằng dấu phẩy.")
            return
        except ValidationError as exc:
            messages.error(self, exc.message)
            return
        self.store.settings.set(DIGEST_DAYS_SETTING, self.days.value())
        self.store.settings.set(SHOW_DIGEST_SETTING, self.show_digest.isChecked())
        super().accept()


def tray_menu(notifier: ReminderNotifier, actions: list[tuple[str, Callable[[], None]]]) -> QMenu:
    menu = QMenu()
    for text, slot in actions:
        act = QAction(text, menu)
        act.triggered.connect(lambda _c=False, s=slot: s())
        menu.addAction(act)
    if notifier.tray is not None:
        notifier.tray.setContextMenu(menu)
    return menu
