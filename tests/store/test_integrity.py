"""Checks before the database is used: damaged and foreign files refused unchanged, read-only
files readable, network shares in rollback-journal mode."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from dbfiles import damage, make_demo

from cchc_desktop.cli import main
from cchc_desktop.errors import DatabaseDamaged, ForeignDatabase, ReadOnlyDatabase
from cchc_desktop.store import db as storage
from cchc_desktop.store import integrity
from cchc_desktop.store.domain import Plan
from cchc_desktop.store.store import Store


def _files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*"))}


def test_a_damaged_page_is_found_on_open_and_nothing_is_written(db_path: Path, capsys) -> None:
    make_demo(db_path)
    damage(db_path)
    before = _files(db_path)

    with pytest.raises(DatabaseDamaged) as info:
        Store.open(db_path)
    assert "bị hỏng" in info.value.message and "khôi phục" in info.value.message

    code = main(["--db", str(db_path), "task-add", "--plan", "1", "--content", "Viết tin bài"])
    assert code == 2
    assert "bị hỏng" in capsys.readouterr().err
    assert _files(db_path) == before
    assert not (db_path.parent / "backups").exists()


def test_another_programs_sqlite_file_is_refused_byte_for_byte(db_path: Path, capsys) -> None:
    conn = sqlite3.connect(str(db_path))
    conn.executescript("CREATE TABLE khach_hang (id INTEGER PRIMARY KEY, ten TEXT);"
                       "INSERT INTO khach_hang (ten) VALUES ('Nguyễn Văn A');")
    conn.close()
    before = _files(db_path)

    with pytest.raises(ForeignDatabase) as info:
        storage.open_database(db_path)
    assert "chương trình khác" in info.value.message
    assert main(["--db", str(db_path), "plans"]) == 2
    assert "chương trình khác" in capsys.readouterr().err

    assert _files(db_path) == before  # no -wal/-shm, same bytes
    conn = sqlite3.connect(str(db_path))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")} == {"khach_hang"}
    conn.close()
    assert not (db_path.parent / "backups").exists()


def test_a_read_only_database_is_read_and_refuses_changes_in_vietnamese(
        db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    make_demo(db_path)
    os.chmod(db_path, 0o444)
    # The tests run as root, whom chmod does not stop: tell the opener what an officer's account sees.
    monkeypatch.setattr(storage, "_writable", lambda path: False)
    before = db_path.read_bytes()

    store = Store.open(db_path)
    try:
        assert storage.is_read_only(store.db)
        assert any("chỉ để đọc" in n for n in storage.notices(store.db))
        assert len(store.plans.list()) == 1
        with pytest.raises(ReadOnlyDatabase) as info:
            store.plans.create(Plan(title="Kế hoạch mới", period_start=2025, period_end=2025))
        assert "chỉ để đọc" in info.value.message
    finally:
        store.close()

    assert main(["--db", str(db_path), "plans"]) == 0
    out = capsys.readouterr()
    assert "3060" in out.out and "chỉ để đọc" in out.err
    assert main(["--db", str(db_path), "task-add", "--plan", "1", "--content", "Viết tin bài"]) == 2
    assert "chỉ để đọc" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def _mounts(tmp_path: Path, fs: str) -> str:
    return (f"/dev/sda1 / ext4 rw,relatime 0 0\n"
            f"//server/chung {str(tmp_path).replace(' ', chr(92) + '040')} {fs} rw,relatime 0 0\n")


def test_a_database_on_a_linux_network_share_uses_the_rollback_journal(
        tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_demo(db_path)  # made locally in WAL mode, then found on a share
    monkeypatch.setattr(integrity, "_PLATFORM", "linux")
    monkeypatch.setattr(integrity, "_read_mounts", lambda: _mounts(tmp_path, "cifs"))

    store = Store.open(db_path)
    try:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert any("ổ mạng" in n for n in storage.notices(store.db))
        assert store.db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 14
    finally:
        store.close()
    assert not Path(str(db_path) + "-wal").exists()

    monkeypatch.setattr(integrity, "_read_mounts", lambda: _mounts(tmp_path, "ext4"))
    store = Store.open(db_path)
    try:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert storage.notices(store.db) == []
    finally:
        store.close()


def test_network_detection_of_unc_paths_and_mapped_windows_drives(monkeypatch: pytest.MonkeyPatch) -> None:
    assert integrity.is_network_path(r"\\may-chu\du-lieu\cchc.sqlite3")
    assert integrity.is_network_path("//may-chu/du-lieu/cchc.sqlite3")
    monkeypatch.setattr(integrity, "_PLATFORM", "win32")
    seen: list[str] = []

    def drive_type(root: str) -> int:
        seen.append(root)
        return 4 if root.upper().startswith("Z") else 3  # DRIVE_REMOTE / DRIVE_FIXED

    monkeypatch.setattr(integrity, "_drive_type", drive_type)
    monkeypatch.setattr(integrity.os.path, "abspath", lambda p: str(p))
    assert integrity.is_network_path(r"Z:\CCHC\cchc.sqlite3")
    assert not integrity.is_network_path(r"C:\Users\canbo\cchc.sqlite3")
    assert seen == ["Z:\\", "C:\\"]


def test_mount_table_picks_the_deepest_mount(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    share = tmp_path / "chia se"
    share.mkdir()
    text = (f"/dev/sda1 / ext4 rw 0 0\nsrv:/export {str(share).replace(' ', chr(92) + '040')} nfs4 rw 0 0\n"
            f"/dev/sdb1 {tmp_path} ext4 rw 0 0\n")
    monkeypatch.setattr(integrity, "_read_mounts", lambda: text)
    assert integrity.linux_file_system(share / "cchc.sqlite3") == "nfs4"
    assert integrity.linux_file_system(tmp_path / "khac.sqlite3") == "ext4"


def test_a_database_whose_writes_fail_despite_permissions_opens_read_only(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_demo(db_path)
    real = storage._prepare

    def refused(db, path) -> None:  # noqa: ANN001 - what SQLite says on a share mounted read-only
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(storage, "_prepare", refused)
    store = Store.open(db_path)
    try:
        assert storage.is_read_only(store.db)
        assert store.db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 14
    finally:
        store.close()
    monkeypatch.setattr(storage, "_prepare", real)


@pytest.mark.parametrize(("given", "uri"), [
    ("/srv/dữ liệu/a?b#c.sqlite3", "file:///srv/d%E1%BB%AF%20li%E1%BB%87u/a%3Fb%23c.sqlite3?mode=ro"),
    (r"C:\Users\cán bộ\cchc.sqlite3", "file:///C:/Users/c%C3%A1n%20b%E1%BB%99/cchc.sqlite3?mode=ro"),
    (r"\\may-chu\chung\cchc.sqlite3", "file:////may-chu/chung/cchc.sqlite3?mode=ro"),
])
def test_read_only_uris_survive_spaces_diacritics_drives_and_unc(given: str, uri: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(integrity.os.path, "abspath", lambda p: str(p))
    assert integrity.read_only_uri(given) == uri


def test_a_read_only_uri_opens_a_file_with_an_awkward_name(tmp_path: Path) -> None:
    path = tmp_path / "dữ liệu #1?.sqlite3"
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    ro = sqlite3.connect(integrity.read_only_uri(path), uri=True)
    assert ro.execute("SELECT name FROM sqlite_master").fetchone() == ("t",)
    ro.close()


def test_a_first_start_under_way_elsewhere_is_not_taken_for_a_foreign_file(db_path: Path) -> None:
    # sqlite-utils makes the migrations table before the transaction of the first migration:
    # another process starting at that moment sees only that empty table.
    conn = sqlite3.connect(str(db_path))
    conn.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, "
                 "applied_at TEXT)")
    conn.close()
    store = Store.open(db_path)
    try:
        assert store.db.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    finally:
        store.close()
