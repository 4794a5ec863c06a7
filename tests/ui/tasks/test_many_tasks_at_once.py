"""Every task of a large plan selected with Ctrl+A in the Nhiệm vụ tab, deleted with the Delete
key and brought back with Ctrl+Z, on an SQLite build that binds at most 999 values per statement
(Windows' Python 3.12 binds 32,766: fewer than the tasks of ten years)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from cchc_desktop.store.domain import AgencyRef, Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService

TASKS = 2_100

if not hasattr(sqlite3.Connection, "setlimit"):
    pytest.skip("setting SQLite's limit on a connection needs Python 3.11 or later", allow_module_level=True)


@pytest.fixture
def large_window(qtbot, store, qsettings, vietnamese_qt, errors):
    from ui.shell.main_window import MainWindow

    plan = store.plans.create(Plan(title="Kế hoạch tuyên truyền CCHC năm 2025", period_start=2025, period_end=2025))
    ids = store.tasks.create_many([
        Task(plan_id=plan.id, content=f"Nhiệm vụ {i + 1}", lead=[AgencyRef(text="Sở Nội vụ")]) for i in range(TASKS)
    ])
    ProgressService(store).record(ProgressEntry(task_id=ids[-1], state=TaskStatus.DOING, done_on=dt.date(2025, 4, 2),
                                                note="Đã đăng 3 tin"))
    store.db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    w = MainWindow(store, qsettings)
    w.resize(1300, 800)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    w.plans_tab.editor.set_plan(None)
    w.close()
    w.deleteLater()


def _watch_cursor(store, monkeypatch, names: tuple[str, ...]) -> list:  # noqa: ANN001
    """The shape of the cursor each time one of these task service methods runs."""
    shapes: list = []

    def watched(real):  # noqa: ANN001, ANN202
        def call(*args):  # noqa: ANN002, ANN202
            cursor = QGuiApplication.overrideCursor()
            shapes.append(cursor.shape() if cursor is not None else None)
            return real(*args)
        return call

    for name in names:
        monkeypatch.setattr(store.tasks, name, watched(getattr(store.tasks, name)))
    return shapes


def test_select_all_delete_and_undo(large_window, qtbot, confirmations, errors, monkeypatch) -> None:
    window, store = large_window, large_window.store
    # deleting and putting back the tasks of years takes seconds: the cursor says so meanwhile
    cursors = _watch_cursor(store, monkeypatch, ("delete", "restore"))
    window.tabs.setCurrentWidget(window.tasks_tab)
    tab = window.tasks_tab
    qtbot.waitUntil(lambda: tab.model.visible_task_count() == TASKS)
    assert tab.count_label.text() == "2.100 nhiệm vụ"
    before = store.db.execute("SELECT id, content, position FROM tasks ORDER BY id").fetchall()
    progress_before = store.db.execute("SELECT * FROM progress_entries").fetchall()
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert tab.selected_task_ids() == [int(t) for (t, _c, _p) in before]
    window.controller.notify("tasks")  # the list read again (another window wrote): the selection kept
    assert tab.selected_task_ids() == [int(t) for (t, _c, _p) in before]
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert confirmations == ["Xóa 2.100 nhiệm vụ đã chọn?\n\nCó thể hoàn tác bằng Ctrl+Z."]
    assert errors == []
    assert store.db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 0
    qtbot.waitUntil(lambda: tab.model.visible_task_count() == 0)
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert errors == []
    assert store.db.execute("SELECT id, content, position FROM tasks ORDER BY id").fetchall() == before
    assert store.db.execute("SELECT * FROM progress_entries").fetchall() == progress_before
    qtbot.waitUntil(lambda: tab.model.visible_task_count() == TASKS)
    assert cursors == [Qt.CursorShape.WaitCursor, Qt.CursorShape.WaitCursor]
    assert QGuiApplication.overrideCursor() is None
