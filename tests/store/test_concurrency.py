"""Several processes on one database file: writers take turns, first starts create the schema
once, and a lock held too long is a Vietnamese message (exit code 2), never a crash."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

import cchc_desktop
from cchc_desktop import cli
from cchc_desktop.errors import DatabaseBusyError
from cchc_desktop.store import db as storage
from cchc_desktop.store.store import Store

PROJECT_ROOT = Path(cchc_desktop.__file__).resolve().parents[1]

# Each process waits for the same moment, then runs the command line's own entry point in a
# loop: every call opens the store, writes in one transaction and closes, as `cchc-desktop` does.
_WRITER = r"""
import contextlib, io, json, sys, time
from cchc_desktop import cli
db, count, start, task_id = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
while time.time() < start:
    time.sleep(0.001)
results = []
for i in range(count):
    if i % 2:
        argv = ["--db", db, "task-add", "--plan", "1", "--content", f"Nhiệm vụ {i}", "--lead", "Sở Nội vụ"]
    else:
        argv = ["--db", db, "progress", task_id, "--state", "doing", "--note", f"lần {i}"]
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(argv)
    results.append([code, err.getvalue()])
print(json.dumps(results))
"""

_OPENER = r"""
import sys, time
from cchc_desktop.store.store import Store
db, start = sys.argv[1], float(sys.argv[2])
while time.time() < start:
    time.sleep(0.0005)
store = Store.open(db)
print(len(store.agencies.list()))
store.close()
"""


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["CCHC_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")]))
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _together(script: str, argvs: list[list[str]], data_dir: Path) -> list[subprocess.CompletedProcess[str]]:
    """Start one process per argv list; they begin their work at the same moment."""
    start = time.time() + 2.0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, *argv[:1], *argv[1:2], str(start), *argv[2:]],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=_env(data_dir),
        )
        for argv in argvs
    ]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=180)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


def test_concurrent_command_line_writers_all_succeed(tmp_path: Path, _data_dir: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    store = Store.open(path)
    from cchc_desktop.store.demo import load_demo

    plan = load_demo(store)
    task_id = store.tasks.tasks_of_plan(int(plan.id))[0].id  # type: ignore[arg-type]
    tasks_before = len(store.tasks.tasks_of_plan(int(plan.id)))  # type: ignore[arg-type]
    store.close()

    writers, count = 4, 24
    runs = _together(_WRITER, [[str(path), str(count), str(task_id)] for _ in range(writers)], _data_dir)
    results = []
    for run in runs:
        assert run.returncode == 0, run.stderr
        results.extend(json.loads(run.stdout))
    failures = [err for code, err in results if code != 0]
    assert len(results) == writers * count
    assert failures == []

    store = Store.open(path)
    try:
        assert len(store.tasks.tasks_of_plan(int(plan.id))) == tasks_before + writers * count // 2  # type: ignore[arg-type]
        entries = store.db.execute("SELECT count(*) FROM progress_entries WHERE task_id = ?", [task_id]).fetchone()[0]
        assert entries == writers * count // 2
    finally:
        store.close()


def test_processes_starting_together_on_a_new_database_all_open_it(tmp_path: Path, _data_dir: Path) -> None:
    path = tmp_path / "new.sqlite3"
    runs = _together(_OPENER, [[str(path)] for _ in range(8)], _data_dir)
    for run in runs:
        assert run.returncode == 0, run.stderr
    counts = {int(run.stdout.strip()) for run in runs}
    conn = sqlite3.connect(str(path))
    try:
        migrations = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'cchc'").fetchall()
        agencies = conn.execute("SELECT count(*) FROM agencies").fetchone()[0]
    finally:
        conn.close()
    # The schema was created once and the default registry filled once, every process saw it whole.
    assert [m[0] for m in migrations] == storage.known_migration_names()
    assert counts == {agencies}
    assert agencies > 10


@pytest.fixture
def held_lock(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Another connection holds the write lock; writers give up after 0.3 s instead of 10."""
    Store.open(db_path).close()
    monkeypatch.setattr(storage, "BUSY_TIMEOUT_MS", 300)
    other = sqlite3.connect(str(db_path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield db_path
    other.execute("ROLLBACK")
    other.close()


def test_a_write_waiting_past_the_timeout_is_a_busy_error_and_changes_nothing(held_lock: Path) -> None:
    store = Store.open(held_lock)
    try:
        with pytest.raises(DatabaseBusyError) as info:
            store.settings.set("office", {"office_name": "Sở Nội vụ"})
        assert info.value.message == "Dữ liệu đang được ghi bởi cửa sổ khác, thử lại sau."
        assert store.settings.get("office") is None
        assert not store.db.conn.in_transaction
    finally:
        store.close()


def test_reminder_writes_past_the_timeout_are_a_busy_error_and_change_nothing(held_lock: Path) -> None:
    """The officer's own reminders and the alerts' log are written as every other write: a held
    lock gives the Vietnamese busy message (the window shows it), never sqlite3's own error."""
    import datetime as dt

    from cchc_desktop.scheduling.reminders import Alert, Reminder, ReminderService, dismiss, mark_shown

    store = Store.open(held_lock)
    try:
        reminders = ReminderService(store)
        alert = Alert(key="note:1:2025-05-02T08:00", when=dt.datetime(2025, 5, 2, 8, 0), title="Họp", text="")
        for write in (lambda: reminders.add(Reminder(title="Nộp báo cáo quý", at=dt.datetime(2025, 6, 30, 8, 0))),
                      lambda: mark_shown(store, [alert]), lambda: dismiss(store, alert)):
            with pytest.raises(DatabaseBusyError):
                write()
            assert not store.db.conn.in_transaction
        assert reminders.list() == []
        assert store.db.execute("SELECT count(*) FROM reminder_log").fetchone()[0] == 0
    finally:
        store.close()


def test_a_reminder_written_inside_a_larger_step_is_undone_with_it(db_path: Path) -> None:
    """A reminder added within another transaction is part of it: when the step fails, neither it
    nor what the step wrote before it is kept (it never commits the step half done)."""
    import datetime as dt

    from cchc_desktop.scheduling.reminders import Reminder, ReminderService

    store = Store.open(db_path)
    try:
        with pytest.raises(RuntimeError), store.db.atomic():
            store.settings.set("office", {"office_name": "Sở Nội vụ"})
            ReminderService(store).add(Reminder(title="Nộp báo cáo quý", at=dt.datetime(2025, 6, 30, 8, 0)))
            raise RuntimeError("the step fails after the reminder")
        assert store.settings.get("office") is None
        assert ReminderService(store).list() == []
    finally:
        store.close()


def test_a_write_waits_for_the_other_writer_instead_of_failing(db_path: Path) -> None:
    store = Store.open(db_path)
    other = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO settings(key, value) VALUES ('other', '1')")
    import threading

    release = threading.Timer(0.5, lambda: (other.execute("COMMIT"), other.close()))
    release.start()
    try:
        began = time.monotonic()
        store.settings.set("mine", 2)
        assert time.monotonic() - began >= 0.4
        assert store.settings.get("other") == 1 and store.settings.get("mine") == 2
    finally:
        release.join()
        store.close()


def test_command_line_reports_a_held_lock_in_vietnamese_with_exit_code_2(held_lock: Path) -> None:
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = cli.main(["--db", str(held_lock), "demo"])
    assert code == 2
    assert "Dữ liệu đang được ghi bởi cửa sổ khác, thử lại sau" in err.getvalue()
    assert "Lỗi không mong đợi" not in err.getvalue()


def test_a_busy_error_raised_outside_a_transaction_is_reported_the_same(
    monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    """An autocommit statement that times out (sqlite3's own OperationalError) is the same message."""
    from cchc_desktop.cli import core

    def locked(_args: object) -> int:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(core, "cmd_plans", locked)
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = cli.main(["--db", str(db_path), "plans"])
    assert code == 2
    assert "Dữ liệu đang được ghi bởi cửa sổ khác, thử lại sau" in err.getvalue()


def test_recording_progress_keeps_what_another_process_wrote_on_the_task_meanwhile(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The task is read before the attachments are checked and copied; a colleague's edit of its
    notes in that time must survive the state change the progress entry makes."""
    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.domain import TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService

    store = Store.open(db_path)
    try:
        plan = load_demo(store)
        task_id = int(store.tasks.tasks_of_plan(int(plan.id))[0].id)  # type: ignore[arg-type]
        real_get = store.tasks.get
        calls = {"n": 0}

        def get_then_colleague_edits(tid: int):
            task = real_get(tid)
            calls["n"] += 1
            if calls["n"] == 1:
                other = Store.open(db_path)
                try:
                    theirs = other.tasks.get(task_id)
                    theirs.notes = "Ghi chú của đồng nghiệp"
                    other.tasks.update(theirs)
                finally:
                    other.close()
            return task

        monkeypatch.setattr(store.tasks, "get", get_then_colleague_edits)
        ProgressService(store).record(ProgressEntry(task_id=task_id, state=TaskStatus.DONE, note="Đã xong"))
        monkeypatch.undo()
        saved = store.tasks.get(task_id)
        assert saved.status == TaskStatus.DONE
        assert saved.notes == "Ghi chú của đồng nghiệp"
    finally:
        store.close()
