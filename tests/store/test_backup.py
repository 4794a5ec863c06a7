"""Backups (.zip of database and attachments), rotation, restore and the check command."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from dbfiles import damage

from cchc_desktop.cli import main
from cchc_desktop.store import backup
from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.domain import Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService, attachments_dir
from cchc_desktop.store.store import Store


def _files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*"))}


def _count(path: Path, table: str = "tasks") -> int:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def office(db_path: Path, tmp_path: Path):
    store = Store.open(db_path)
    load_demo(store)
    src = tmp_path / "Biên bản hội nghị.pdf"
    src.write_bytes(b"%PDF-1.4 " + b"x" * 5000)
    task = store.tasks.rows()[0].task
    ProgressService(store).record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DONE), files=[src])
    yield store
    store.close()


def _add_task(store: Store, content: str = "Tổ chức hội nghị tập huấn") -> None:
    row = store.tasks.rows()[0].task
    store.tasks.create(Task(plan_id=row.plan_id, appendix_id=row.appendix_id, content=content))


def test_backup_is_one_consistent_zip_of_database_and_attachments(office: Store, db_path: Path, tmp_path: Path,
                                                                  capsys) -> None:
    writer = sqlite3.connect(str(db_path), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another program is half-way through a write
    writer.execute("DELETE FROM tasks")
    out = tmp_path / "sao-luu.zip"
    try:
        assert main(["--db", str(db_path), "backup", "--out", str(out)]) == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert "Đã sao lưu" in capsys.readouterr().out
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert zf.testzip() is None
        (att,) = [n for n in names if n.startswith("attachments/task-")]
        assert zf.read(att).startswith(b"%PDF-1.4")
        manifest = json.loads(zf.read("manifest.json"))
        zf.extract("cchc.sqlite3", tmp_path / "x")
    copy = tmp_path / "x" / "cchc.sqlite3"
    assert _count(copy) == 14  # the committed state, not the half-done delete
    conn = sqlite3.connect(str(copy))
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()
    assert manifest["attachments"] == 1 and manifest["database"] == "cchc.sqlite3"


def test_restore_brings_back_database_and_folder_and_keeps_the_current_state(office: Store, db_path: Path,
                                                                              capsys) -> None:
    made = backup.create_backup(db_path)
    folder = attachments_dir(office)
    (original,) = [p for p in folder.rglob("*") if p.is_file()]
    _add_task(office)
    original.unlink()
    (folder / "task-1" / "them.txt").write_text("thêm sau", encoding="utf-8")

    assert main(["--db", str(db_path), "restore", str(made.path)]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out

    # the open store (a window) sees the restored data at once
    assert office.db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 14
    assert original.exists() and not (folder / "task-1" / "them.txt").exists()
    kept = [b for b in backup.list_backups(db_path) if b.kind == backup.BEFORE_RESTORE]
    assert len(kept) == 1
    with zipfile.ZipFile(kept[0].path) as zf:
        zf.extract("cchc.sqlite3", db_path.parent / "kept")
        assert "attachments/task-1/them.txt" in zf.namelist()
    assert _count(db_path.parent / "kept" / "cchc.sqlite3") == 15
    assert office.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def test_restore_checks_the_file_first_and_changes_nothing_when_it_is_bad(office: Store, db_path: Path,
                                                                          tmp_path: Path, capsys) -> None:
    good = backup.create_backup(db_path).path
    with zipfile.ZipFile(good) as zf:
        db_bytes = zf.read("cchc.sqlite3")
    damaged_db = tmp_path / "hong.sqlite3"
    damaged_db.write_bytes(db_bytes)
    damage(damaged_db)
    foreign = tmp_path / "khac.sqlite3"
    conn = sqlite3.connect(str(foreign))
    conn.execute("CREATE TABLE hoa_don (id INTEGER PRIMARY KEY)")
    conn.close()
    truncated = tmp_path / "cut.zip"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    bad_files = {
        "not a zip": (tmp_path / "ghi-chu.zip", "không phải"),
        "truncated": (truncated, "không phải"),
        "no database": (_zip(tmp_path / "rong.zip", {"manifest.json": b"{}"}), "thiếu"),
        "damaged": (_zip(tmp_path / "hong.zip", {"cchc.sqlite3": damaged_db.read_bytes()}), "bị hỏng"),
        "foreign": (_zip(tmp_path / "khac.zip", {"cchc.sqlite3": foreign.read_bytes()}), "chương trình khác"),
        "zip slip": (_zip(tmp_path / "slip.zip", {"cchc.sqlite3": db_bytes, "attachments/../../x.txt": b"x"}),
                     "không hợp lệ"),
    }
    (tmp_path / "ghi-chu.zip").write_text("không phải zip", encoding="utf-8")
    _add_task(office)
    office.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _files(db_path)
    backups_before = backup.list_backups(db_path)
    for why, (path, message) in bad_files.items():
        assert main(["--db", str(db_path), "restore", str(path)]) == 2, why
        assert message in capsys.readouterr().err, why
        assert _files(db_path) == before, why
        assert backup.list_backups(db_path) == backups_before, why
    assert not (tmp_path / "x.txt").exists()


def test_a_damaged_database_is_restored_and_kept_byte_for_byte(office: Store, db_path: Path) -> None:
    good = backup.create_backup(db_path)
    office.close()
    damage(db_path)
    damaged = db_path.read_bytes()
    assert backup.latest_good_backup(db_path) == good

    kept = backup.restore(db_path, good.path)

    with zipfile.ZipFile(kept.path) as zf:
        assert zf.read("tep-goc/cchc.sqlite3") == damaged
    store = Store.open(db_path)  # opens: whole again
    assert store.db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 14
    store.close()
    # the damaged copy is not a good backup to offer later
    assert backup.latest_good_backup(db_path) == good


def test_check_reports_damage_foreign_keys_and_attachment_problems(office: Store, db_path: Path, capsys) -> None:
    assert main(["--db", str(db_path), "check", "--json"]) == 0
    clean = json.loads(capsys.readouterr().out)
    assert clean["ok"] is True and clean["integrity"] == "ok"

    folder = attachments_dir(office)
    (stored,) = [r[0] for r in office.db.execute("SELECT stored_path FROM attachments")]
    (folder / stored).rename(folder / "task-1" / "lac.pdf")  # now missing, and an orphan
    pid = office.db.execute("SELECT progress_id FROM attachments").fetchone()[0]
    office.db.execute("INSERT INTO attachments (progress_id, file_name, stored_path, created_at) "
                      "VALUES (?, 'x', '..\\..\\Windows\\win.ini', '2025-01-01')", [pid])
    office.db.execute("PRAGMA foreign_keys = OFF")
    office.db.execute("INSERT INTO progress_entries (task_id, state, created_at) VALUES (9999, 'done', '2025-01-01')")
    office.db.execute("PRAGMA foreign_keys = ON")

    assert main(["--db", str(db_path), "check", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert [m["stored_path"] for m in report["missing_files"]] == [stored]
    assert report["orphan_files"] == ["task-1/lac.pdf"]
    assert [u["stored_path"] for u in report["unsafe_paths"]] == ["..\\..\\Windows\\win.ini"]
    assert [f["table"] for f in report["foreign_keys"]] == ["progress_entries"]

    assert main(["--db", str(db_path), "check"]) == 1
    text = capsys.readouterr().out
    assert "Thiếu tệp" in text and "lac.pdf" in text and "win.ini" in text

    office.close()
    damage(db_path)
    before = db_path.read_bytes()
    assert main(["--db", str(db_path), "check", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["integrity"] != "ok"
    assert db_path.read_bytes() == before  # read-only: at most SQLite's empty -wal/-shm beside it


def test_rotation_keeps_seven_days_and_eight_weeks(db_path: Path) -> None:
    folder = db_path.parent / "backups"
    folder.mkdir()
    start = dt.date(2026, 1, 1)
    for i in range(74):  # 01/01/2026 .. 15/03/2026 (a Sunday), two automatic backups a day
        day = start + dt.timedelta(days=i)
        for hour in (8, 17):
            (folder / f"cchc-{day:%Y%m%d}-{hour:02d}0000-tu-dong.zip").write_bytes(b"PK")
    (folder / "cchc-20250101-080000-thu-cong.zip").write_bytes(b"PK")  # the officer's: kept
    (folder / "khac-20250101-080000-tu-dong.zip").write_bytes(b"PK")  # another database's

    backup.prune(db_path)

    left = sorted(p.name for p in folder.iterdir())
    daily = [f"cchc-202603{d:02d}-170000-tu-dong.zip" for d in range(9, 16)]
    weekly = [f"cchc-{d}-170000-tu-dong.zip" for d in
              ("20260125", "20260201", "20260208", "20260215", "20260222", "20260301", "20260308")]
    assert left == sorted([*daily, *weekly, "cchc-20250101-080000-thu-cong.zip", "khac-20250101-080000-tu-dong.zip"])


def test_an_automatic_backup_is_due_once_a_day(office: Store, db_path: Path) -> None:
    today = dt.date.today()
    assert backup.auto_backup_due(db_path, today)
    info = backup.auto_backup(db_path)
    assert info.kind == backup.AUTO and info.size > 0
    assert not backup.auto_backup_due(db_path, today)
    assert backup.auto_backup_due(db_path, today + dt.timedelta(days=1))


def test_a_damaged_database_is_not_backed_up(office: Store, db_path: Path, capsys) -> None:
    office.close()
    damage(db_path)
    assert main(["--db", str(db_path), "backup"]) == 2
    assert "bị hỏng" in capsys.readouterr().err
    assert backup.list_backups(db_path) == []


def test_leftovers_of_an_interrupted_backup_go_once_they_are_old(db_path: Path) -> None:
    import os
    import time

    folder = db_path.parent / "backups"
    folder.mkdir()
    old_zip, new_zip = folder / ".cchc-abc.zip", folder / ".cchc-def.zip"
    work = db_path.parent / ".cchc-khoi-phuc-xyz"
    work.mkdir()
    (work / "cchc.sqlite3").write_bytes(b"x")
    for p in (old_zip, new_zip):
        p.write_bytes(b"PK half")
    two_hours_ago = time.time() - 7200
    for p in (old_zip, work):
        os.utime(p, (two_hours_ago, two_hours_ago))
    real = folder / "cchc-20250101-080000-thu-cong.zip"
    real.write_bytes(b"PK")
    os.utime(real, (two_hours_ago, two_hours_ago))

    backup.prune(db_path)

    assert not old_zip.exists() and not work.exists()
    assert new_zip.exists()  # perhaps a backup running now in another process
    assert real.exists()


def test_a_backup_from_a_newer_version_or_too_big_for_the_disk_is_refused(office: Store, db_path: Path,
                                                                            tmp_path: Path, monkeypatch) -> None:
    from cchc_desktop.errors import ValidationError

    made = backup.create_backup(db_path)
    newer = tmp_path / "moi.sqlite3"
    conn = sqlite3.connect(str(newer))
    office.db.conn.backup(conn)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('cchc', '9999_moi', '')")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(ValidationError) as info:
        backup.restore(db_path, newer)
    assert "phiên bản mới hơn" in info.value.message

    class Tiny:
        free = 1000

    monkeypatch.setattr(backup.shutil, "disk_usage", lambda path: Tiny())
    with pytest.raises(ValidationError) as info:
        backup.restore(db_path, made.path)
    assert "Không đủ chỗ trống" in info.value.message
    assert db_path.read_bytes() == before
    assert [b.kind for b in backup.list_backups(db_path)] == [backup.MANUAL]


@pytest.mark.parametrize("stop_in", ["_copy_into_live", "_drop_others"])
def test_a_restore_stopped_half_way_leaves_a_database_that_finds_all_its_files(
        office: Store, db_path: Path, tmp_path: Path, monkeypatch, stop_in: str) -> None:
    made = backup.create_backup(db_path)
    src = tmp_path / "Báo cáo quý.docx"
    src.write_bytes(b"PK docx")
    task = office.tasks.rows()[3].task
    ProgressService(office).record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DONE), files=[src])

    def killed(*args, **kwargs) -> None:  # noqa: ANN002, ANN003
        raise KeyboardInterrupt  # the process stops here

    monkeypatch.setattr(backup, stop_in, killed)
    with pytest.raises(KeyboardInterrupt):
        backup.restore(db_path, made.path)
    report = backup.check_database(db_path)
    assert report.integrity == [] and report.missing_files == []
    # stopped before the switch: the current state (2 entries); after it: the backup's (1 entry)
    entries = office.db.execute("SELECT count(*) FROM progress_entries").fetchone()[0]
    assert entries == (1 if stop_in == "_drop_others" else 2)
