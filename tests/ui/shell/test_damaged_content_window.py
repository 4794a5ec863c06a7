"""The window on a database with damaged content: it opens and shows the rest (a cell that is
not UTF-8 shows U+FFFD), and the day's full check tells the officer which rows are damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cchc_desktop.store import Store
from cchc_desktop.store.demo import load_demo


def _demo_with_bad_cell(path: Path) -> None:
    store = Store.open(path)
    load_demo(store)
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE tasks SET content = CAST(x'4869c3' AS TEXT) WHERE id = 3")
    conn.commit()
    conn.close()


def test_the_window_opens_on_a_damaged_cell_and_the_daily_check_names_its_row(qtbot, db_path, qsettings,
                                                                                errors) -> None:
    from ui.shell.backup_dialog import start_of_day_backup
    from ui.shell.main_window import MainWindow

    _demo_with_bad_cell(db_path)
    store = Store.open(db_path)
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.tasks_tab)
    model = window.tasks_tab.model
    contents = {model.task_at(r).id: model.task_at(r).content for r in range(model.rowCount()) if model.task_at(r)}
    assert len(contents) == 14 and contents[3] == "Hi\ufffd"

    info = start_of_day_backup(store, window)
    assert info is not None and info.path.is_file()  # the day's backup is made all the same
    assert errors and "bảng tasks mã 3" in errors[-1] and "Lần kiểm tra hằng ngày" in errors[-1]
    window.close()
    store.close()
