"""Ids are never given twice: an older database is upgraded (AUTOINCREMENT, a backup first),
and rows put back by an undo over ids taken meanwhile are refused whole with a message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from cchc_desktop.errors import ConflictError
from cchc_desktop.store import Store
from cchc_desktop.store import db as storage
from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.domain import Task


@pytest.fixture
def demo(db_path: Path) -> Path:
    store = Store.open(db_path)
    load_demo(store)
    store.close()
    return db_path


def _old_database(path: Path) -> None:
    """A database as the previous version left it: every migration but the last."""
    names = storage.known_migration_names()
    old = sqlite_utils.Database(path)
    storage.migrations.apply(old, stop_before=names[-1])
    old.close()


def test_an_older_database_is_upgraded_so_that_no_id_is_given_twice(db_path: Path) -> None:
    assert "0002_ids_never_reused" in storage.known_migration_names()
    _old_database(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO plans (id, title, period_start, period_end, created_at, updated_at) "
                 "VALUES (7, 'Kế hoạch cũ', 2023, 2023, '2023-01-01', '2023-01-01')")
    conn.execute("INSERT INTO appendices (id, plan_id, position, title) VALUES (3, 7, 0, 'Phụ lục')")
    for i in (1, 2, 5):
        conn.execute("INSERT INTO tasks (id, plan_id, appendix_id, position, content, created_at, updated_at) "
                     "VALUES (?, 7, 3, ?, ?, '2023-01-01', '2023-01-01')", [i, i, f"Nhiệm vụ {i}"])
    conn.commit()
    indexes = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    conn.close()

    store = Store.open(db_path)
    try:
        # the file as it was is kept before the upgrade
        (kept,) = (db_path.parent / "backups").glob("*truoc-nang-cap*")
        old = sqlite3.connect(kept)
        assert [r[0] for r in old.execute("SELECT id FROM tasks ORDER BY id")] == [1, 2, 5]
        assert "AUTOINCREMENT" not in old.execute("SELECT sql FROM sqlite_master WHERE name = 'tasks'").fetchone()[0]
        old.close()
        # rows, ids and indexes as they were; every table of ids now never gives one twice
        assert [(t.id, t.content) for t in store.tasks.tasks_of_plan(7)] == [(1, "Nhiệm vụ 1"), (2, "Nhiệm vụ 2"),
                                                                             (5, "Nhiệm vụ 5")]
        assert sorted(r[0] for r in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")) == indexes
        for table in storage.ID_TABLES:
            sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
            assert "AUTOINCREMENT" in sql, table
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.db.execute("PRAGMA freelist_count").fetchone()[0] == 0  # the old tables' pages given back
        # the newest task deleted, the next one added gets a new id
        store.tasks.delete([5])
        added = store.tasks.create(Task(plan_id=7, appendix_id=3, content="Nhiệm vụ mới"))
        assert added.id == 6
    finally:
        store.close()


def test_putting_back_rows_over_ids_taken_meanwhile_is_refused_whole(demo: Path) -> None:
    store = Store.open(demo)
    try:
        rows = store.tasks.rows()
        deleted = store.tasks.delete([int(rows[-2].task.id), int(rows[-1].task.id)])
        # a database copied from an older version may still hand out a deleted id: simulate it
        task = deleted[1]
        store.db.execute("INSERT INTO tasks (id, plan_id, appendix_id, content, created_at, updated_at) "
                         "VALUES (?, ?, ?, 'Của người khác', '2025-01-01', '2025-01-01')",
                         [task.id, task.plan_id, task.appendix_id])
        count = store.db.execute("SELECT count(*) FROM tasks").fetchone()[0]
        with pytest.raises(ConflictError, match="Không đặt lại được nhiệm vụ"):
            store.tasks.restore(deleted)
        assert store.db.execute("SELECT count(*) FROM tasks").fetchone()[0] == count  # not even the first one
        assert store.tasks.get(int(task.id)).content == "Của người khác"
    finally:
        store.close()
