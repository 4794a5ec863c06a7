"""The start-at-login reminder agent: `python -m ui.shell.agent [--db PATH]`.

It sits in the system tray without the main window, checks every minute for reminders whose
time has come and shows them with "Đã xong" and "Nhắc lại sau". Installed and removed from
"Thiết lập nhắc việc" (or `cchc-desktop agent install|remove`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from cchc_desktop import APP_NAME
from cchc_desktop.errors import CchcError
from cchc_desktop.store.store import Store
from cchc_desktop.system import autostart
from ui.calendar.reminders_ui import ReminderNotifier, app_icon, tray_menu
from ui.shell.app import make_app


def open_window(db: Path | None, task_id: int | None = None) -> bool:
    """"Mở CCHC Desktop": bring the window of this database forward (at the task, when one
    is given); start it only when none runs. True when a running window was asked."""
    from cchc_desktop.system import paths
    from ui.shell.single_instance import SHOW, send

    db_path = Path(db) if db is not None else paths.default_db_path()
    if send(db_path, SHOW if task_id is None else f"task {task_id}", wait_ms=300):
        return True
    subprocess.Popen(autostart.window_command(db), cwd=str(autostart.working_dir()))  # noqa: S603
    return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cchc-desktop-agent", description="Tác tử nhắc việc CCHC Desktop")
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args(list(argv) if argv is not None else sys.argv[1:])
    app = make_app()
    app.setQuitOnLastWindowClosed(False)
    app.setWindowIcon(app_icon())
    try:
        store = Store.open(args.db)
    except CchcError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 2
    notifier = ReminderNotifier(store)

    def open_app() -> None:
        open_window(args.db)

    notifier.open_task.connect(lambda tid: open_window(args.db, tid))
    menu = tray_menu(notifier, [("Mở CCHC Desktop", open_app), ("Xem nhắc việc", notifier.show_window),
                                ("Thoát nhắc việc", QApplication.quit)])
    notifier.start()
    code = app.exec()
    del menu
    store.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
