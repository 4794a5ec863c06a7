"""Data safety, second round: damaged content named by `check` while the
rest stays usable, another program's file with pending writes left untouched, backups of files
that are not databases, leftovers told apart from damage, one process with two stores."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_process import run_cli as _run

from cchc_desktop.cli import main
from cchc_desktop.errors import ForeignDatabase
from cchc_desktop.store import Store, backup, checkup
from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.domain import Task


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def demo(db_path: Path) -> Path:
    store = Store.open(db_path)
    load_demo(store)
    store.close()
    return db_path


# --------------------------------------------------------------------------- 6. damaged content


def _bad_cell(db: Path, task_id: int = 3) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE tasks SET content = CAST(x'4869c3' AS TEXT) WHERE id = ?", [task_id])
    conn.commit()
    conn.close()


def test_a_cell_that_is_not_utf8_is_named_by_check_and_the_rest_stays_usable(demo: Path, tmp_path: Path) -> None:
    _bad_cell(demo)
    result = _run(demo, "check", "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["integrity"] == "ok"
    assert report["damaged_rows"] == [{"table": "tasks", "id": 3, "columns": ["content"]}]
    text = _run(demo, "check")
    assert "bảng tasks, mã 3: cột content" in text.stdout

    listed = _run(demo, "tasks", "--json")
    assert listed.returncode == 0, listed.stderr
    tasks = json.loads(listed.stdout)
    assert len(tasks) == 14 and next(t for t in tasks if t["id"] == 3)["content"] == "Hi\ufffd"
    reported = _run(demo, "report", "--period", "2024", "--pdf", str(tmp_path / "bao-cao.pdf"))
    assert reported.returncode == 0, reported.stderr
    assert (tmp_path / "bao-cao.pdf").read_bytes().startswith(b"%PDF")


def _hide_index_entries(db: Path) -> None:
    """Index idx_tasks_group now claims to be on another column: its entries no longer match
    the rows, which `PRAGMA quick_check` does not look at and `integrity_check` does."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX idx_tasks_group ON tasks(position)' "
                  "WHERE name = 'idx_tasks_group'")
    conn.commit()
    conn.close()


def test_damage_quick_check_cannot_see_is_found_by_check_and_the_daily_check(demo: Path) -> None:
    _hide_index_entries(demo)
    conn = sqlite3.connect(demo)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()
    report = backup.check_database(demo)
    assert not report.ok and any("idx_tasks_group" in line for line in report.integrity)
    warning = checkup.daily_check(demo)
    assert warning is not None and "kiểm tra" in warning and "idx_tasks_group" in warning


def test_the_daily_check_says_nothing_about_a_sound_database(demo: Path) -> None:
    assert checkup.daily_check(demo) is None


# --------------------------------------------------------------------------- 7. another program's file


def _foreign_with_pending_wal(path: Path, *, checkpointed_table: bool) -> None:
    live = path.with_name("live-" + path.name)
    conn = sqlite3.connect(live)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    if checkpointed_table:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, t TEXT)")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("INSERT INTO notes (t) VALUES ('ghi dở trong -wal')")
    else:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, t TEXT)")  # the table itself only in the -wal
    conn.commit()
    shutil.copyfile(live, path)
    shutil.copyfile(f"{live}-wal", f"{path}-wal")  # as a crash of that program leaves them
    conn.close()
    for extra in ("", "-wal", "-shm"):
        Path(f"{live}{extra}").unlink(missing_ok=True)


def _foreign_with_hot_journal(path: Path) -> None:
    live = path.with_name("live-" + path.name)
    conn = sqlite3.connect(live)
    conn.execute("CREATE TABLE x (a)")
    conn.execute("INSERT INTO x VALUES (1)")
    conn.commit()
    conn.execute("PRAGMA cache_size = 1")  # the transaction spills into the file before it commits
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO x VALUES (?)", [("y" * 500,) for _ in range(2000)])
    shutil.copyfile(live, path)
    shutil.copyfile(f"{live}-journal", f"{path}-journal")
    conn.rollback()
    conn.close()
    Path(live).unlink()


@pytest.mark.parametrize("kind", ["wal", "wal-only", "hot-journal"])
def test_another_programs_file_with_pending_writes_is_never_changed(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "khac"
    folder.mkdir()
    path = folder / "app.db"
    if kind == "hot-journal":
        _foreign_with_hot_journal(path)
    else:
        _foreign_with_pending_wal(path, checkpointed_table=kind == "wal")
    before = _files(folder)
    with pytest.raises(ForeignDatabase, match="Tệp được giữ nguyên"):
        Store.open(path)
    assert _files(folder) == before
    for args in (["tasks"], ["check"], ["backup"]):
        result = _run(path, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "chương trình khác" in result.stderr
        assert _files(folder) == before, args


def test_our_own_database_left_with_pending_writes_by_a_crash_opens_with_them(tmp_path: Path) -> None:
    live, path = tmp_path / "live.sqlite3", tmp_path / "copy" / "cchc.sqlite3"
    path.parent.mkdir()
    store = Store.open(live)
    store.db.execute("PRAGMA wal_autocheckpoint = 0")
    load_demo(store)
    shutil.copyfile(live, path)
    shutil.copyfile(f"{live}-wal", f"{path}-wal")
    store.close()
    reopened = Store.open(path)
    try:
        assert reopened.plans.task_count(reopened.plans.list()[0].id) == 14
    finally:
        reopened.close()


# --------------------------------------------------------------------------- 8. backup of a file that is not a database


@pytest.mark.parametrize("content", [b"not a database at all\n" * 50, b"SQLite format 3\x00" + bytes(range(256)) * 16],
                         ids=["text", "header-then-noise"])
def test_a_backup_of_a_damaged_or_foreign_file_exits_2_with_the_damaged_message(db_path: Path, content: bytes,
                                                                                capsys) -> None:
    db_path.write_bytes(content)
    assert main(["--db", str(db_path), "backup"]) == 2
    err = capsys.readouterr().err
    assert "bị hỏng" in err and "Lỗi không mong đợi" not in err
    assert db_path.read_bytes() == content
    assert backup.list_backups(db_path) == []


# --------------------------------------------------------------------------- 11. leftovers and locks


def _age(path: Path, seconds: float) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_check_tells_leftovers_from_damage_and_sweeps_them(demo: Path, capsys) -> None:
    folder = demo.parent / f"{demo.stem}-attachments"
    (folder / "task-1").mkdir(parents=True)
    orphan = folder / "task-1" / "ban-sao-chua-ghi.pdf"  # a copy whose row was never committed
    orphan.write_bytes(b"%PDF-1.4 x")
    temporary = folder / "task-1" / ".cchc-a1b2c3d4.tmp"  # a copy cut short
    temporary.write_bytes(b"half")
    export_tmp = demo.parent / ".cchc-z9y8x7w6.pdf"  # an export cut short
    export_tmp.write_bytes(b"%PDF")
    young = folder / "task-1" / "vua-chep.pdf"  # may be a write in progress
    young.write_bytes(b"%PDF-1.4 y")
    for path in (orphan, temporary, export_tmp):
        _age(path, 3600)

    assert main(["--db", str(demo), "check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["leftovers"] == 4
    assert report["orphan_files"] == ["task-1/ban-sao-chua-ghi.pdf", "task-1/vua-chep.pdf"]
    assert sorted(report["temporary_files"]) == [".cchc-z9y8x7w6.pdf",
                                                 f"{demo.stem}-attachments/task-1/.cchc-a1b2c3d4.tmp"]

    assert main(["--db", str(demo), "check", "--sweep", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert sorted(report["swept"]["removed"]) == sorted([".cchc-z9y8x7w6.pdf",
                                                         f"{demo.stem}-attachments/task-1/.cchc-a1b2c3d4.tmp",
                                                         f"{demo.stem}-attachments/task-1/ban-sao-chua-ghi.pdf"])
    assert report["orphan_files"] == ["task-1/vua-chep.pdf"] and young.exists()


def test_a_sweep_leaves_files_a_window_may_still_undo_to(demo: Path) -> None:
    folder = demo.parent / f"{demo.stem}-attachments"
    folder.mkdir()
    deleted = folder / "cua-nhiem-vu-vua-xoa.pdf"
    deleted.write_bytes(b"%PDF")
    _age(deleted, 3600)
    lock = demo.with_name(demo.name + ".lock")
    lock.write_text(f"{os.getpid()}\ncchc-desktop\nmay\n")  # a window of this database is open
    result = checkup.sweep_leftovers(demo)
    assert result.removed == [] and result.kept_for_window == 1 and deleted.exists()
    lock.write_text("999999999\ncchc-desktop\nmay\n")  # its process is gone
    assert checkup.sweep_leftovers(demo).removed == [f"{demo.stem}-attachments/cua-nhiem-vu-vua-xoa.pdf"]


_CHILD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM tasks").fetchone()
conn.close()
"""


def test_a_second_store_in_the_same_process_keeps_the_first_ones_locks(demo: Path) -> None:
    first = Store.open(demo)
    try:
        first.db.execute("SELECT count(*) FROM tasks").fetchone()
        second = Store.open(demo)  # a second window's store, a dialog's, a command run in-process
        second.close()
        third = Store.open(demo)
        # Another process that opens and closes the file must still see this process's
        # connection: as the last one it would checkpoint and delete the -wal the first uses.
        subprocess.run([sys.executable, "-c", _CHILD, str(demo)], check=True, timeout=60)
        assert Path(f"{demo}-wal").exists()
        third.close()
        first.tasks.create(Task(plan_id=1, appendix_id=first.plans.get(1).appendices[0].id, content="Vẫn ghi được"))
        assert first.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        first.close()


def test_progress_on_a_task_deleted_elsewhere_meanwhile_is_not_found_not_a_crash(demo: Path, monkeypatch) -> None:
    from cchc_desktop.errors import NotFoundError
    from cchc_desktop.store.domain import TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService

    store = Store.open(demo)
    try:
        task = store.tasks.rows()[-1].task
        real_get = store.tasks.get
        calls: list[int] = []

        def get_then_deleted_elsewhere(task_id: int):  # noqa: ANN202
            found = real_get(task_id)
            if not calls:  # right after the first read another process deletes the task
                other = sqlite3.connect(demo)
                other.execute("PRAGMA foreign_keys = ON")
                other.execute("DELETE FROM tasks WHERE id = ?", [task_id])
                other.commit()
                other.close()
            calls.append(task_id)
            return found

        monkeypatch.setattr(store.tasks, "get", get_then_deleted_elsewhere)
        with pytest.raises(NotFoundError):
            ProgressService(store).record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DOING, note="đang làm"))
        assert store.db.execute("SELECT count(*) FROM progress_entries").fetchone()[0] == 0
    finally:
        store.close()


def test_a_json_cell_that_does_not_parse_is_named_by_check_and_the_report_is_written(demo: Path,
                                                                                   tmp_path: Path) -> None:
    conn = sqlite3.connect(demo)
    conn.execute("""UPDATE plans SET sections = '[{"title": "I. MỤC ĐÍCH' || char(1) || '", "bo' WHERE id = 1""")
    conn.execute("""UPDATE tasks SET schedule = '{"kind": "recur' WHERE id = 2""")
    conn.commit()
    conn.close()
    result = _run(demo, "check", "--json")
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["damaged_rows"] == [{"table": "plans", "id": 1, "columns": ["sections"]},
                                                         {"table": "tasks", "id": 2, "columns": ["schedule"]}]
    reported = _run(demo, "report", "--period", "2024", "--docx", str(tmp_path / "bao-cao.docx"))
    assert reported.returncode == 0, reported.stderr
    assert _run(demo, "plans").returncode == 0


def test_a_schema_whose_damaged_name_is_not_utf8_is_refused_as_damaged(demo: Path, capsys) -> None:
    """SQLite's own message then quotes bytes that are not UTF-8: still the damaged-file message."""
    from cchc_desktop.errors import DatabaseDamaged

    conn = sqlite3.connect(demo)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET name = CAST(x'72656dc4' AS TEXT), sql = 'CREATE TABLE x(' "
                 "WHERE name = 'reminders'")
    conn.commit()
    conn.close()
    before = demo.read_bytes()
    with pytest.raises(DatabaseDamaged):
        Store.open(demo)
    for args, code in ((["tasks"], 2), (["backup"], 2), (["check", "--json"], 1)):
        assert main(["--db", str(demo), *args]) == code, args
        assert "Lỗi không mong đợi" not in capsys.readouterr().err
    assert demo.read_bytes() == before
