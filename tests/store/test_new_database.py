"""A new database is made with plain SQL: the same schema and the same migration records as
sqlite-utils' `Migrations` writes, which upgrades existing files; tasks written together get
the ids SQLite itself gives, never one given before."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import sqlite_utils

import cchc_desktop
from cchc_desktop.store import Store
from cchc_desktop.store import db as storage
from cchc_desktop.store.domain import Plan, Task

PACKAGE_ROOT = Path(cchc_desktop.__file__).resolve().parents[1]  # the package under test, installed or not


def _schema(path: Path) -> list[tuple[str, str, str, str | None]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    finally:
        conn.close()


def _records(path: Path) -> list[tuple[int, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.execute("SELECT id, migration_set, name FROM _sqlite_migrations ORDER BY id"))
    finally:
        conn.close()


def test_a_new_database_is_what_sqlite_utils_migrations_make(tmp_path: Path) -> None:
    ours = tmp_path / "moi.sqlite3"
    Store.open(ours).close()
    theirs = tmp_path / "sqlite-utils.sqlite3"
    db = sqlite_utils.Database(theirs)
    storage.migrations.apply(db, stop_before="khong-co")  # a name of no migration: all of them, by sqlite-utils
    db.close()

    assert _schema(ours) == _schema(theirs)
    assert _records(ours) == _records(theirs) == [
        (n, "cchc", name) for n, name in enumerate(storage.known_migration_names(), start=1)]
    # sqlite-utils reads our records as its own: nothing pending, the times as it writes them
    from sqlite_utils.migrations import Migrations

    again = Migrations("cchc")
    for name in storage.known_migration_names():
        again(name=name)(lambda _db: None)
    mine = sqlite_utils.Database(ours)
    try:
        assert again.pending(mine) == []
        assert all(m.applied_at.endswith("+00:00") for m in again.applied(mine))
    finally:
        mine.close()


def test_a_script_runs_whole_inside_a_transaction_without_committing_it(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "a.sqlite3")
    try:
        before = store.db.table_names()
        try:
            with store.db.atomic():
                store.db.executescript("CREATE TABLE a (x TEXT); INSERT INTO a VALUES ('một; hai'); -- chú thích; vẫn là chú thích\n"
                                       "CREATE TABLE b (y TEXT)")
                assert store.db.execute("SELECT x FROM a").fetchall() == [("một; hai",)]
                raise RuntimeError("thôi")
        except RuntimeError:
            pass
        assert store.db.table_names() == before  # both tables undone with the transaction
    finally:
        store.close()


def test_tasks_written_together_get_new_ids_never_given_before(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "a.sqlite3")
    try:
        plan = store.plans.create(Plan(title="Kế hoạch", period_start=2026, period_end=2026))
        first = store.tasks.create_many([Task(plan_id=plan.id, content=f"Nhiệm vụ {i}") for i in range(5)])
        store.tasks.delete(first[-2:])  # the two newest: their ids are not given again
        second = store.tasks.create_many([Task(plan_id=plan.id, content=f"Nhiệm vụ mới {i}") for i in range(3)])
        assert second == [first[-1] + 1, first[-1] + 2, first[-1] + 3]
        one = store.tasks.create(Task(plan_id=plan.id, content="Một nhiệm vụ nữa"))
        assert one.id == second[-1] + 1
        # each id is the row's own, with its agencies
        assert [store.tasks.get(i).content for i in second] == [f"Nhiệm vụ mới {i}" for i in range(3)]
        raw = sqlite3.connect(tmp_path / "a.sqlite3")
        try:
            assert raw.execute("SELECT seq FROM sqlite_sequence WHERE name = 'tasks'").fetchone()[0] == one.id
        finally:
            raw.close()
    finally:
        store.close()


def test_a_sheet_is_imported_into_a_new_database_without_sqlite_utils_or_an_exit_collection(tmp_path: Path) -> None:
    sheet = tmp_path / "ke_hoach.csv"
    sheet.write_text("STT,Nội dung,Cơ quan chủ trì,Thời gian thực hiện\n"
                     "1,Tuyên truyền cải cách hành chính,Sở Nội vụ,Quý I/2026\n"
                     "2,Hội nghị về dịch vụ công trực tuyến,Sở Tư pháp,Tháng 6/2026\n", encoding="utf-8")
    code = (  # the process's own command line, as `cchc-desktop import` runs
        "import gc, sys\n"
        "from cchc_desktop.cli import main\n"
        f"sys.argv = ['cchc-desktop', '--db', {str(tmp_path / 'moi.sqlite3')!r}, 'import', {str(sheet)!r}]\n"
        "code = main()\n"
        "assert code == 0, code\n"
        "print('sqlite_utils' in sys.modules, gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    env = dict(os.environ, CCHC_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")])))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=True)
    # sqlite-utils not loaded | collector on | what the import left kept out of the exit's collection
    assert out.stdout.strip().splitlines()[-1] == "False True True", out.stdout + out.stderr
    store = Store.open(tmp_path / "moi.sqlite3")
    try:
        assert [t.content for t in store.tasks.tasks_of_plan(store.plans.list()[0].id)] == [
            "Tuyên truyền cải cách hành chính", "Hội nghị về dịch vụ công trực tuyến"]
    finally:
        store.close()


def test_an_import_called_in_a_process_leaves_the_collector_as_it_was(tmp_path: Path) -> None:
    import gc

    from cchc_desktop.cli import main

    sheet = tmp_path / "ke_hoach.csv"
    sheet.write_text("STT,Nội dung,Cơ quan chủ trì,Thời gian thực hiện\n1,Tuyên truyền,Sở Nội vụ,Quý I/2026\n",
                     encoding="utf-8")
    frozen = gc.get_freeze_count()
    assert main(["--db", str(tmp_path / "moi.sqlite3"), "import", str(sheet)]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen
