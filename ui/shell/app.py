"""Application start: arguments, Vietnamese locale, database, crash dialog, main window."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from cchc_desktop import APP_NAME, __version__
from cchc_desktop.errors import CchcError, DatabaseBusyError, DatabaseDamaged, is_busy
from cchc_desktop.store.store import Store
from cchc_desktop.system import collector, paths
from cchc_desktop.system.diskfull import disk_full_message
from cchc_desktop.system.files import write_atomically
from ui.shell.qt_vi import install_vietnamese
from ui.tasks import COPIED_ROWS_FORMAT

ORGANISATION = "CCHCDesktop"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    from cchc_desktop.cli.common import Parser, vietnamese_argparse

    with vietnamese_argparse():
        parser = Parser(prog="cchc-desktop-gui", description=f"{APP_NAME}: cửa sổ làm việc.")
        parser.add_argument("--db", type=Path, default=None, metavar="TỆP",
                            help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng)")
        parser.add_argument("--demo", action="store_true", help="nạp kế hoạch mẫu nếu cơ sở dữ liệu chưa có kế hoạch nào")
        parser.add_argument("--screenshot", type=Path, default=None, help=argparse.SUPPRESS)
        return parser.parse_args(list(argv))


def install_crash_handler(app: QApplication) -> None:
    """Unexpected errors reach a dialog that offers to save a report; data already saved stays saved."""

    def handler(exc_type, exc, tb) -> None:  # noqa: ANN001
        if isinstance(exc, CchcError) or (isinstance(exc, Exception) and is_busy(exc)):
            # An expected refusal (the database held by another window past the busy timeout,
            # a row changed elsewhere) that reached no message box of its own: a message, not a crash.
            from ui.common import messages

            messages.error(None, exc.message if isinstance(exc, CchcError) else DatabaseBusyError.MESSAGE)
            return
        report = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(report)
        full = disk_full_message(exc)
        if full:  # the environment, not a bug: say what to do, no error report
            QMessageBox.warning(None, f"Ổ đĩa đã đầy – {APP_NAME}", full)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, f"Lỗi không mong đợi – {APP_NAME}",
                          "Phần mềm gặp lỗi không mong đợi. Dữ liệu đã lưu vẫn an toàn.\n"
                          "Bạn có thể lưu báo cáo lỗi để gửi cho người quản trị.")
        box.setDetailedText(report)
        save = box.addButton("Lưu báo cáo lỗi...", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is save:
            default = paths.data_dir() / f"bao-cao-loi-{dt.datetime.now():%Y%m%d-%H%M%S}.txt"
            name, _ = QFileDialog.getSaveFileName(None, "Lưu báo cáo lỗi", str(default), "Tệp văn bản (*.txt)")
            if name:
                text = f"{APP_NAME} {__version__}\n\n{report}"
                try:  # never over the database, a backup or an attached file
                    write_atomically(name, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
                except CchcError as exc:
                    QMessageBox.warning(None, APP_NAME, exc.message)

    sys.excepthook = handler


def keep_clipboard_after_exit() -> None:
    """Hand the copied rows to a clipboard entry that Qt itself owns before Python exits.

    Rows copied from the task list sit on the clipboard as Python-made QMimeData; Qt frees
    the clipboard after the interpreter has shut down, which must not touch Python objects.
    The plain-text (tab-separated) copy stays available to other programs.
    """
    clipboard = QApplication.clipboard()
    mime = clipboard.mimeData() if clipboard is not None else None
    if mime is not None and mime.hasFormat(COPIED_ROWS_FORMAT):
        clipboard.setText(mime.text())


def make_app(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    install_vietnamese(app)
    keep_settings_with_portable_data()
    app.aboutToQuit.connect(keep_clipboard_after_exit)
    return app  # type: ignore[return-value]


def keep_settings_with_portable_data() -> None:
    """A portable copy keeps its window layout in an .ini file in its `data` folder, not in the
    registry of the PC it happens to run on."""
    folder = paths.portable_data_dir()
    if folder is not None and not os.environ.get("CCHC_DATA_DIR"):
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
def open_window(store: Store, demo: bool = False, settings: QSettings | None = None):  # noqa: ANN201 - MainWindow
    """Show the main window on the store; an empty database first loads the demo plan (with
    `demo`) and, once the window is up, offers the short "Thông tin cơ quan" step."""
    from PySide6.QtCore import QTimer

    from ui.shell.main_window import MainWindow

    first_run = False
    if not store.plans.count():  # asked before the demo plan fills the database
        # only a database without plans can need the first-run step: its dialog's module (and
        # the document settings' forms under it) loads only then
        from ui.office.office_dialog import needs_office_info

        first_run = needs_office_info(store)
    if demo and not store.plans.count():
        from cchc_desktop.store.demo import load_demo

        load_demo(store)
    window = MainWindow(store, settings)
    window.show()
    if first_run:
        QTimer.singleShot(0, lambda: window.open_office_info(first_run=True))
    return window


def run(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    app = make_app()
    install_crash_handler(app)
    from ui.shell.single_instance import SingleInstance, send

    db_path = Path(args.db) if args.db is not None else paths.default_db_path()
    guard = SingleInstance(db_path)
    if not args.screenshot and not guard.claim():
        if send(db_path):
            return 0  # the window of this database came forward instead
        holder = guard.holder()
        QMessageBox.information(None, APP_NAME, f"Cơ sở dữ liệu «{db_path}» đang được mở ở một cửa sổ khác"
                                + (f": {holder}" if holder else "") + ". Hãy dùng cửa sổ đó.")
        return 2
    requests: list[str] = []
    guard.message.connect(requests.append)  # a second start while this window is still opening
    try:
        store = Store.open(args.db)
    except DatabaseDamaged as exc:
        from ui.shell import backup_dialog

        restored = backup_dialog.offer_restore(exc, db_path)
        if restored is None:
            guard.release()
            return 2
        store = restored
    except CchcError as exc:
        guard.release()
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 2
    if not args.screenshot:
        from ui.common.icon import app_icon

        app.setWindowIcon(app_icon())
    window = open_window(store, args.demo, QSettings())
    window.first_painted.connect(collector.release_after_start)  # held by main.py
    show_storage_notices(window, store)
    guard.message.disconnect(requests.append)
    guard.message.connect(window.handle_request)
    for text in requests:
        window.handle_request(text)
    if not args.screenshot:
        from PySide6.QtCore import QTimer

        def after_first_paint() -> None:
            # The reminders (tray icon, alert checks) and the day's digest wait until the
            # window is on screen; the start-of-day backup and check until it has settled.
            window.start_reminders()
            QTimer.singleShot(400, window.show_digest)
            QTimer.singleShot(1500, lambda: start_of_day_backup(store, window))

        # on the next turn of the event loop, not inside the signal: whoever else listens for
        # the first frame hears of it once it is painted, not once the reminders have started
        window.first_painted.connect(lambda: QTimer.singleShot(0, after_first_paint))
    if args.screenshot:
        from PySide6.QtCore import QTimer

        def shoot() -> None:
            window.grab().save(str(args.screenshot))
            app.quit()

        QTimer.singleShot(500, shoot)
    code = app.exec()
    if not args.screenshot:
        from ui.shell import backup_dialog

        backup_dialog.on_close(store)  # the undo history is gone: sweep deleted files, back up
    store.close()
    guard.release()
    return int(code)


def show_storage_notices(window: QMainWindow, store: Store) -> None:
    """The status bar's note on a read-only database or one on a network share (shown with the
    window); the backup machinery is imported only when there is something to say."""
    from cchc_desktop.store.db import notices

    if notices(store.db):
        from ui.shell import backup_dialog

        backup_dialog.show_notices(window, store)


def start_of_day_backup(store: Store, window: QMainWindow) -> None:
    from ui.shell import backup_dialog

    backup_dialog.start_of_day_backup(store, window)
