"""Tệp → Sao lưu / Khôi phục, the damaged-database offer at start, the close routine."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from cchc_desktop.errors import DatabaseDamaged
from cchc_desktop.store import backup
from cchc_desktop.store import db as storage
from cchc_desktop.store.domain import Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.store.store import Store


def _task_count(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM tasks").fetchone()[0]


def test_the_dialog_lists_backups_makes_one_and_restores_with_confirmation(
        qtbot, window, monkeypatch, tmp_path: Path) -> None:
    from ui.shell import backup_dialog

    store = window.store
    backup.create_backup(store.path, kind=backup.AUTO, now=dt.datetime(2025, 1, 31, 17, 5))
    asked: list[str] = []
    monkeypatch.setattr(backup_dialog.messages, "confirm", lambda parent, text, yes="", title="": asked.append(text)
                        or True)
    shown: list[str] = []
    monkeypatch.setattr(backup_dialog.messages, "info", lambda parent, text, title="": shown.append(text))

    opened: list[backup_dialog.BackupDialog] = []
    monkeypatch.setattr(backup_dialog.BackupDialog, "exec", lambda self: opened.append(self) or 0)
    window.backup_action.trigger()
    (dialog,) = opened
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "31/01/2025 17:05"
    assert dialog.table.item(0, 1).text() == "Tự động"
    assert dialog.table.item(0, 2).text().endswith("KB")
    assert not dialog.restore_button.isEnabled()

    dialog.backup_button.click()
    assert dialog.table.rowCount() == 2 and dialog.table.item(0, 1).text() == "Sao lưu thủ công"
    assert "Đã sao lưu" in shown[-1]
    made = dialog.items[0]

    # work goes on in the window, then the officer goes back to the backup just made
    row = store.tasks.rows()[0].task
    assert window.controller.create_task(Task(plan_id=row.plan_id, appendix_id=row.appendix_id,
                                           content="Hội nghị đối thoại")) is not None
    assert _task_count(store) == 15
    changed: list[frozenset] = []
    window.controller.changed.connect(changed.append)
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()

    assert asked and "Trước khi khôi phục" in asked[-1]
    assert _task_count(store) == 14
    assert window.controller.undo_stack.count() == 0  # undo must not replay onto the restored data
    assert changed and "tasks" in changed[-1]
    assert dialog.items[0].kind == backup.BEFORE_RESTORE and made in dialog.items
    assert "Đã khôi phục" in shown[-1]
    dialog.grab().save(str(tmp_path / "backup_dialog.png"))


def test_a_damaged_database_at_start_offers_the_latest_good_backup(qtbot, db_path: Path, monkeypatch) -> None:
    from dbfiles import damage, make_demo

    from ui.shell import backup_dialog

    make_demo(db_path)
    good = backup.create_backup(db_path)
    damage(db_path)
    with pytest.raises(DatabaseDamaged) as info:
        Store.open(db_path)
    texts: list[str] = []

    def answer(box: QMessageBox) -> int:
        texts.append(box.text())
        box.buttons()[0].click() if box.buttons()[0].text() == "Khôi phục" else None
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    store = backup_dialog.offer_restore(info.value, db_path)
    assert store is not None
    try:
        assert _task_count(store) == 14
    finally:
        store.close()
    assert "bị hỏng" in texts[0] and backup_dialog.when_text(good) in texts[0]
    assert any(b.kind == backup.BEFORE_RESTORE for b in backup.list_backups(db_path))


def test_closing_sweeps_deleted_tasks_files_and_backs_up(demo_store: Store, tmp_path: Path) -> None:
    from ui.shell import backup_dialog

    src = tmp_path / "Ảnh hội nghị.jpg"
    src.write_bytes(b"\xff\xd8" + b"0" * 100)
    task = demo_store.tasks.rows()[2].task
    entry = ProgressService(demo_store).record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DONE), files=[src])
    (att,) = ProgressService(demo_store).attachments([int(entry.id)])
    earlier = time.time() - 7200
    os.utime(att.path, (earlier, earlier))  # attached in an earlier session
    demo_store.tasks.delete([int(task.id)])
    assert att.path.exists()  # still undoable while the window is open

    info = backup_dialog.on_close(demo_store, session_started=time.time() - 60)

    assert not att.path.exists()
    assert info is not None and info.kind == backup.AUTO
    assert not backup.auto_backup_due(demo_store.path)


def test_read_only_and_network_notes_reach_the_status_bar(qtbot, db_path: Path, qsettings, monkeypatch) -> None:
    from dbfiles import make_demo

    from ui.shell import backup_dialog
    from ui.shell.main_window import MainWindow

    make_demo(db_path)
    monkeypatch.setattr(storage, "_writable", lambda path: False)
    store = Store.open(db_path)
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    backup_dialog.show_notices(w, store)
    label = w.statusBar().findChild(backup_dialog.QLabel, "storageNotice")
    assert label is not None and "Chỉ đọc" in label.text() and "chỉ để đọc" in label.toolTip()
    assert w.windowTitle().endswith("(chỉ đọc)")
    from ui.calendar.reminders_ui import startup_digest

    assert startup_digest(store, dt.date(2024, 3, 1)) is not None  # the start-up digest reads, remembers nothing
    assert backup_dialog.on_close(store) is None  # nothing is written into a read-only database's folder
    store.close()


def test_the_first_start_of_the_day_backs_up_once(demo_store: Store) -> None:
    from ui.shell import backup_dialog

    first = backup_dialog.start_of_day_backup(demo_store)
    assert first is not None and first.kind == backup.AUTO
    assert backup_dialog.start_of_day_backup(demo_store) is None
    assert [b.path for b in backup.list_backups(demo_store.path)] == [first.path]
