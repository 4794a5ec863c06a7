"""The database file: pragmas, recorded migrations, backups before upgrades, refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from cchc_desktop.errors import StorageError
from cchc_desktop.store import db as storage


def _migration_names(path: Path) -> list[str]:
    conn = sqlite3.connect(str(path))
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'cchc' ORDER BY id")]
    finally:
        conn.close()


def _backups(path: Path) -> list[Path]:
    folder = path.parent / "backups"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _snapshot(path: Path) -> dict[str, bytes]:
    """Every file of the database (main file, -wal, -shm) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*"))}


def test_new_database_is_wal_with_foreign_keys_and_every_migration_recorded(db_path: Path) -> None:
    db = storage.open_database(db_path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {"plans", "appendices", "task_groups", "tasks", "task_agencies", "agencies", "progress_entries"} <= set(
            db.table_names()
        )
    finally:
        db.close()
    names = storage.known_migration_names()
    assert names[0] == "0001_initial"
    assert _migration_names(db_path) == names
    # A brand-new file has nothing worth keeping: no backup.
    assert _backups(db_path) == []


def test_reopening_an_up_to_date_database_changes_nothing(db_path: Path) -> None:
    storage.open_database(db_path).close()
    db = storage.open_database(db_path)
    db.close()
    assert _migration_names(db_path) == storage.known_migration_names()
    assert _backups(db_path) == []


def test_foreign_keys_are_enforced_after_opening(db_path: Path) -> None:
    db = storage.open_database(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO tasks (plan_id, appendix_id, content, created_at, updated_at) "
                "VALUES (999, 999, 'x', '2024-01-01', '2024-01-01')"
            )
    finally:
        db.close()


def test_opening_creates_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "cchc.sqlite3"
    storage.open_database(path).close()
    assert path.is_file()


def test_older_database_is_backed_up_before_the_pending_migrations_run(db_path: Path) -> None:
    names = storage.known_migration_names()
    if len(names) < 2:
        pytest.skip("only one migration exists: there is no earlier schema version to upgrade from")
    old = sqlite_utils.Database(db_path)
    storage.migrations.apply(old, stop_before=names[-1])
    old.execute(
        "INSERT INTO plans (title, period_start, period_end, created_at, updated_at) "
        "VALUES ('Kế hoạch cũ', 2023, 2023, '2023-01-01', '2023-01-01')"
    )
    old.conn.commit()
    old.close()
    assert _migration_names(db_path) == names[:-1]

    storage.open_database(db_path).close()

    assert _migration_names(db_path) == names
    (backup,) = _backups(db_path)
    # The copy is the database as it was before the upgrade, data included.
    assert _migration_names(backup) == names[:-1]
    conn = sqlite3.connect(str(backup))
    try:
        assert conn.execute("SELECT title FROM plans").fetchall() == [("Kế hoạch cũ",)]
    finally:
        conn.close()


def test_a_new_migration_is_preceded_by_a_backup_of_the_current_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's database opened by a later version that has one more migration."""
    db = storage.open_database(db_path)
    db.execute(
        "INSERT INTO plans (title, period_start, period_end, created_at, updated_at) "
        "VALUES ('Kế hoạch 2024', 2024, 2024, '2024-01-01', '2024-01-01')"
    )
    db.close()
    current = storage.known_migration_names()

    def add_column(database: sqlite_utils.Database) -> None:
        database.execute("ALTER TABLE plans ADD COLUMN upgrade_marker TEXT NOT NULL DEFAULT 'mới'")

    upgraded = storage.Migrations._Migration("9999_test_upgrade_marker", add_column)
    monkeypatch.setattr(storage.migrations, "_migrations", [*storage.migrations._migrations, upgraded])

    db = storage.open_database(db_path)
    try:
        assert db.execute("SELECT title, upgrade_marker FROM plans").fetchall() == [("Kế hoạch 2024", "mới")]
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        db.close()
    assert _migration_names(db_path) == [*current, "9999_test_upgrade_marker"]
    (backup,) = _backups(db_path)
    assert _migration_names(backup) == current
    conn = sqlite3.connect(str(backup))
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(plans)")]
        assert "upgrade_marker" not in columns
        assert conn.execute("SELECT title FROM plans").fetchall() == [("Kế hoạch 2024",)]
    finally:
        conn.close()


@pytest.mark.parametrize("wal", [True, False], ids=["wal", "rollback-journal"])
def test_database_of_a_newer_version_is_refused_and_left_unchanged(db_path: Path, wal: bool) -> None:
    db = storage.open_database(db_path)
    if not wal:
        db.execute("PRAGMA journal_mode = DELETE")
    db.table("_sqlite_migrations").insert(
        {"migration_set": "cchc", "name": "9999_from_a_newer_version", "applied_at": "2030-01-01 00:00:00+00:00"}
    )
    db.close()
    before = _snapshot(db_path)

    with pytest.raises(StorageError) as info:
        storage.open_database(db_path)

    assert "phiên bản mới hơn" in info.value.message
    assert "9999_from_a_newer_version" in info.value.message
    assert _snapshot(db_path) == before
    assert _backups(db_path) == []
    assert _migration_names(db_path)[-1] == "9999_from_a_newer_version"


def test_a_file_that_is_not_sqlite_is_refused_and_left_unchanged(db_path: Path) -> None:
    content = "Kế hoạch tuyên truyền CCHC năm 2024\n".encode() * 20
    db_path.write_bytes(content)

    with pytest.raises(StorageError) as info:
        storage.open_database(db_path)

    assert "không phải cơ sở dữ liệu" in info.value.message
    assert db_path.read_bytes() == content
    assert _backups(db_path) == []


def test_a_damaged_sqlite_file_is_refused_with_a_vietnamese_message(db_path: Path) -> None:
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)

    with pytest.raises(StorageError) as info:
        storage.open_database(db_path)

    assert "Không mở được" in info.value.message
