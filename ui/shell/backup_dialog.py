"""Tệp → Sao lưu / Khôi phục: the backups of the open database, one made now, one restored.

Also the window's part of the backup routine (`cchc_desktop.store.backup`): the automatic backup
at the first start of the day and on close, the sweep of deleted tasks' files on close, the
offer to restore the latest good backup when the database is found damaged at start, and
the note in the status bar when the database is read-only or on a network share.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import APP_NAME
from cchc_desktop.errors import CchcError, DatabaseDamaged
from cchc_desktop.store import backup, checkup
from cchc_desktop.store.db import is_read_only, notices
from cchc_desktop.store.store import Store
from cchc_desktop.text.vnformat import date_table, number
from ui.common import messages

COLUMNS = ("Thời điểm", "Loại", "Dung lượng", "Tệp")
SESSION_STARTED = time.time()  # files written since then are never swept


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{number(max(1, round(size / 1024)))} KB"
    return f"{number(size / (1024 * 1024), 1)} MB"


def when_text(info: backup.BackupInfo) -> str:
    return f"{date_table(info.created.date())} {info.created:%H:%M}"


class BackupDialog(QDialog):
    def __init__(self, store: Store, controller=None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.store = store
        self.controller = controller
        self.setWindowTitle(f"Sao lưu / Khôi phục – {APP_NAME}")
        self.resize(820, 440)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton("Sao lưu ngay")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("Khôi phục bản đã chọn...")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton("Khôi phục từ tệp khác...")
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.folder_button = QPushButton("Mở thư mục sao lưu")
        self.folder_button.clicked.connect(self.open_folder)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        for b in (self.backup_button, self.restore_button, self.restore_file_button, self.folder_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.refresh()

    @property
    def db_path(self) -> Path:
        return Path(self.store.path)  # type: ignore[arg-type]

    def refresh(self) -> None:
        self.items = backup.list_backups(self.db_path)
        self.table.setRowCount(len(self.items))
        for r, info in enumerate(self.items):
            values = (when_text(info), info.label, size_text(info.size), info.path.name)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(str(info.path) if c == 3 else value)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        total = sum(i.size for i in self.items)
        self.summary.setText(
            f"Cơ sở dữ liệu: {self.db_path}<br>Thư mục sao lưu: {self.db_path.parent / 'backups'} — "
            f"{len(self.items)} bản, {size_text(total) if self.items else '0 KB'}.<br>"
            f"Tự động sao lưu khi mở lần đầu trong ngày và khi đóng cửa sổ; giữ {backup.KEEP_DAILY} ngày gần nhất "
            f"và {backup.KEEP_WEEKLY} tuần gần nhất. Mỗi bản gồm cơ sở dữ liệu và thư mục tệp đính kèm."
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> backup.BackupInfo | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.items[min(rows)] if rows else None

    def backup_now(self) -> None:
        try:
            info = backup.create_backup(self.db_path)
        except CchcError as exc:
            messages.error(self, exc.message)
            return
        self.refresh()
        self.table.selectRow(next(i for i, x in enumerate(self.items) if x.path == info.path))
        messages.info(self, f"Đã sao lưu vào {info.path.name} ({size_text(info.size)}).", "Sao lưu")

    def restore_selected(self) -> None:
        info = self.selected()
        if info is not None:
            self._restore(info.path, f"bản sao lưu {when_text(info)} ({info.label.lower()})")

    def restore_from_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Chọn bản sao lưu", str(self.db_path.parent / "backups"),
                                              "Bản sao lưu (*.zip *.sqlite3);;Mọi tệp (*)")
        if name:
            self._restore(Path(name), f"tệp «{Path(name).name}»")

    def _restore(self, source: Path, what: str) -> None:
        if not messages.confirm(
            self,
            f"Khôi phục dữ liệu từ {what}?\n\nMọi thay đổi sau thời điểm đó sẽ được thay bằng nội dung bản sao lưu. "
            "Dữ liệu hiện tại được giữ lại thành một bản sao lưu «Trước khi khôi phục».",
            yes="Khôi phục",
        ):
            return
        try:
            kept = backup.restore(self.db_path, source)
        except CchcError as exc:
            messages.error(self, exc.message)
            return
        if self.controller is not None:
            self.controller.undo_stack.clear()  # its steps were about data that is gone
            from ui.common.controller import AGENCIES, CALENDAR, PLANS, PROGRESS, SETTINGS, TASKS

            self.controller.notify(PLANS, TASKS, AGENCIES, PROGRESS, CALENDAR, SETTINGS)
        self.refresh()
        kept_text = f"\nDữ liệu trước khi khôi phục được giữ trong {kept.path.name}." if kept else ""
        messages.info(self, f"Đã khôi phục từ {what}.{kept_text}", "Khôi phục")

    def open_folder(self) -> None:
        folder = self.db_path.parent / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_backups(window: QMainWindow) -> None:
    """Tệp → Sao lưu / Khôi phục."""
    store: Store = window.store  # type: ignore[attr-defined]
    if store.path is None:
        messages.error(window, "Cơ sở dữ liệu tạm trong bộ nhớ không có bản sao lưu.")
        return
    BackupDialog(store, getattr(window, "controller", None), window).exec()


# --------------------------------------------------------------------------- start and close


def offer_restore(exc: DatabaseDamaged, db_path: Path, parent: QWidget | None = None) -> Store | None:
    """The database was found damaged at start: offer the latest good backup; the opened
    store after a restore, None when the officer declines or there is nothing to restore."""
    good = backup.latest_good_backup(db_path)
    if good is None:
        QMessageBox.critical(parent, APP_NAME, f"{exc.message}\n\nKhông tìm thấy bản sao lưu tốt nào trong "
                                               f"«{Path(db_path).parent / 'backups'}».")
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, f"Dữ liệu bị hỏng – {APP_NAME}",
                      f"Cơ sở dữ liệu «{db_path}» bị hỏng. Phần mềm không ghi gì vào tệp này.\n\n"
                      f"Khôi phục bản sao lưu tốt gần nhất: {when_text(good)} "
                      f"({good.label.lower()}, {size_text(good.size)})?\n"
                      "Tệp bị hỏng được giữ lại nguyên vẹn trong thư mục sao lưu.", parent=parent)
    box.setDetailedText(exc.message)
    yes = box.addButton("Khôi phục", QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton("Thoát", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    box.setEscapeButton(no)
    box.exec()
    if box.clickedButton() is not yes:
        return None
    try:
        backup.restore(db_path, good.path)
        return Store.open(db_path)
    except CchcError as err:
        QMessageBox.critical(parent, APP_NAME, err.message)
        return None


def show_notices(window: QMainWindow, store: Store) -> None:
    """A lasting note in the status bar when the database is read-only or on a network share."""
    texts = notices(store.db)
    if not texts:
        return
    short = []
    if is_read_only(store.db):
        short.append("Chỉ đọc: không lưu được thay đổi")
    if any("ổ mạng" in t for t in texts):
        short.append("Dữ liệu trên ổ mạng: ghi chậm hơn")
    label = QLabel(" · ".join(short) or texts[0])
    label.setObjectName("storageNotice")
    label.setToolTip("\n\n".join(texts))
    label.setStyleSheet("color: #9a4d00; font-weight: bold; padding: 0 6px;")
    window.statusBar().addPermanentWidget(label)  # beside, not under, the status messages
    if is_read_only(store.db):
        window.setWindowTitle(f"{window.windowTitle()} (chỉ đọc)")


def start_of_day_backup(store: Store, window: QWidget | None = None) -> backup.BackupInfo | None:
    """The automatic backup at the first start of the day (nothing when one exists today), then
    the day's full check of the database (`checkup.daily_check`: damage the quick check at
    opening cannot see, rows whose text is damaged); what it finds is shown to the officer."""
    if store.path is None or is_read_only(store.db) or not backup.auto_backup_due(Path(store.path)):
        return None
    try:
        info = backup.auto_backup(Path(store.path))
    except CchcError:
        info = None  # a full disk must not stop the day's work; the close backup tries again
    warning = checkup.daily_check(Path(store.path))
    if warning:
        messages.error(window, warning, title="Kiểm tra dữ liệu hằng ngày")
    return info


def on_close(store: Store, session_started: float = SESSION_STARTED) -> backup.BackupInfo | None:
    """After the window closed (its undo history gone): remove the files of deleted rows that
    were written before this session, then make the automatic backup."""
    if store.path is None or is_read_only(store.db):
        return None
    try:
        backup.sweep_attachments(Path(store.path), session_started)
    except (OSError, CchcError):
        pass
    try:
        return backup.auto_backup(Path(store.path))
    except CchcError:
        return None
