"""Thousands of tasks in one action (every task of ten years selected, an agency named on
thousands of tasks) on an SQLite build that binds few values per statement: Windows' Python 3.12
binds at most 32,766, builds older than SQLite 3.32 at most 999. The store names the rows by id
a bounded number at a time, so every such action works there as on a build without the limit."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from cchc_desktop.errors import ConflictError, NotFoundError
from cchc_desktop.reporting.periods import parse_period
from cchc_desktop.reporting.report import build_report
from cchc_desktop.store.domain import AgencyRef, Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.store.store import Store
from cchc_desktop.text.textnorm import fold

LIMIT = 999  # the smallest limit SQLite builds have had
TASKS = 2_100  # more than twice the limit
WITH_PROGRESS = (0, 998, 999, 1_500, 2_099)  # tasks at the edges of the lists of ids

if not hasattr(sqlite3.Connection, "setlimit"):
    pytest.skip("setting SQLite's limit on a connection needs Python 3.11 or later", allow_module_level=True)


@pytest.fixture
def large(store: Store, tmp_path: Path) -> tuple[Store, list[int]]:
    plan = store.plans.create(Plan(title="Kế hoạch tuyên truyền CCHC năm 2025", period_start=2025, period_end=2025))
    ids = store.tasks.create_many([
        Task(plan_id=plan.id, content=f"Nhiệm vụ {i + 1}", time_frame="Quý II/2025", lead=[AgencyRef(text="Sở Nội vụ")])
        for i in range(TASKS)
    ])
    evidence = tmp_path / "bien-ban.txt"
    evidence.write_text("Biên bản", encoding="utf-8")
    progress = ProgressService(store)
    for i in WITH_PROGRESS:
        progress.record(ProgressEntry(task_id=ids[i], state=TaskStatus.DOING, done_on=dt.date(2025, 4, 2),
                                      note=f"Đã làm {i}"), files=[evidence])
    store.db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, LIMIT)
    return store, ids


def _count(store: Store, sql: str) -> int:
    return int(store.db.execute(sql).fetchone()[0])


def test_the_limit_is_in_force(large: tuple[Store, list[int]]) -> None:
    store, ids = large
    with pytest.raises(sqlite3.OperationalError, match="too many SQL variables"):
        store.db.execute(f"SELECT count(*) FROM tasks WHERE id IN ({','.join('?' * len(ids))})", ids)


def test_every_task_read_at_once_in_the_order_asked(large: tuple[Store, list[int]]) -> None:
    store, ids = large
    asked = ids[::-1]
    tasks = store.tasks.get_many(asked)
    assert [t.id for t in tasks] == asked
    assert tasks[0].content == f"Nhiệm vụ {TASKS}" and [r.text for r in tasks[0].lead] == ["Sở Nội vụ"]
    assert [r.text for r in tasks[-1].lead] == ["Sở Nội vụ"]


def test_every_task_deleted_and_put_back_with_its_progress(large: tuple[Store, list[int]]) -> None:
    store, ids = large
    entries_before = store.db.execute("SELECT * FROM progress_entries ORDER BY id").fetchall()
    files_before = store.db.execute("SELECT * FROM attachments ORDER BY id").fetchall()
    deleted = store.tasks.delete(ids)
    assert len(deleted) == TASKS and [r["task_id"] for r in deleted.history.progress] == [ids[i] for i in WITH_PROGRESS]
    assert len(deleted.history.attachments) == len(WITH_PROGRESS)
    assert _count(store, "SELECT count(*) FROM tasks") == 0
    store.tasks.restore(deleted)
    assert [t.id for t in store.tasks.get_many(ids)] == ids
    assert store.db.execute("SELECT * FROM progress_entries ORDER BY id").fetchall() == entries_before
    assert store.db.execute("SELECT * FROM attachments ORDER BY id").fetchall() == files_before


def test_every_task_just_added_taken_back_unless_progress_was_recorded(large: tuple[Store, list[int]]) -> None:
    store, ids = large
    from cchc_desktop.errors import ConflictError

    # the only task with progress is in the last list of ids
    with pytest.raises(ConflictError, match=f"Nhiệm vụ {TASKS}"):
        store.tasks.take_back([i for n, i in enumerate(ids) if n not in WITH_PROGRESS[:-1]])
    assert _count(store, "SELECT count(*) FROM tasks") == TASKS
    store.tasks.take_back([i for n, i in enumerate(ids) if n not in WITH_PROGRESS])
    assert _count(store, "SELECT count(*) FROM tasks") == len(WITH_PROGRESS)


def test_every_task_marked_done_at_once(large: tuple[Store, list[int]]) -> None:
    store, ids = large
    store.tasks.set_status(ids, TaskStatus.DONE, dt.date(2025, 6, 30))
    assert _count(store, "SELECT count(*) FROM tasks WHERE status = 'done' AND completed_on = '2025-06-30'") == TASKS


def test_every_task_given_another_lead_at_once(large: tuple[Store, list[int]]) -> None:
    store, ids = large
    tasks = store.tasks.get_many(ids)
    saved = store.tasks.update_many([(replace(t, lead=[AgencyRef(text="Sở Tư pháp")]), t) for t in tasks])
    assert [t.lead_names for t in saved] == [["Sở Tư pháp"]] * TASKS
    assert store.tasks.get_many(ids) == saved
    assert _count(store, "SELECT count(*) FROM task_agencies WHERE text = 'Sở Nội vụ'") == 0
    assert _count(store, "SELECT count(*) FROM task_agencies WHERE role = 'lead' AND text = 'Sở Tư pháp'") == TASKS
    key = store.db.execute("SELECT search_key FROM tasks WHERE id = ?", [ids[-1]]).fetchone()[0]
    assert "so tu phap" in key and "so noi vu" not in key  # the task is found by its new lead


def test_a_change_to_many_tasks_saves_none_when_one_was_changed_or_deleted_meanwhile(
        large: tuple[Store, list[int]]) -> None:
    store, ids = large
    shown = store.tasks.get_many(ids)  # the list as the officer sees it
    other = store.tasks.get(ids[1_200])
    store.tasks.update(replace(other, status=TaskStatus.DOING), base=other)  # another window, meanwhile
    edits = [(replace(t, status=TaskStatus.DONE, completed_on=None), t) for t in shown]
    with pytest.raises(ConflictError, match="Nhiệm vụ 1201"):
        store.tasks.update_many(edits)
    assert _count(store, "SELECT count(*) FROM tasks WHERE status = 'done'") == 0

    # a field the change leaves alone, changed meanwhile, is kept
    store.tasks.update(replace(other, status=other.status, notes="Ghi chú của cửa sổ khác"), base=other)
    fresh = store.tasks.get_many(ids)
    moved = store.tasks.get(ids[0])
    store.tasks.update(replace(moved, notes="Sửa ở nơi khác"), base=moved)
    saved = store.tasks.update_many([(replace(t, status=TaskStatus.DONE, completed_on=None), t) for t in fresh])
    assert all(t.status is TaskStatus.DONE and t.completed_on == dt.date.today() for t in saved)
    assert (saved[0].notes, saved[1_200].notes) == ("Sửa ở nơi khác", "Ghi chú của cửa sổ khác")

    store.tasks.delete([ids[2_000]])
    with pytest.raises(NotFoundError):
        store.tasks.update_many([(replace(t, status=TaskStatus.TODO), t) for t in saved])
    assert _count(store, "SELECT count(*) FROM tasks WHERE status = 'done'") == TASKS - 1


def test_search_keys_of_every_task_made_again(large: tuple[Store, list[int]]) -> None:
    store, ids = large
    store.db.execute("UPDATE tasks SET search_key = ''")
    store.tasks.refresh_search_keys()
    keys = dict(store.db.execute("SELECT id, search_key FROM tasks").fetchall())
    assert keys[ids[-1]].startswith(fold(f"Nhiệm vụ {TASKS}")) and "so noi vu" in keys[ids[-1]]
    assert all(keys[i] for i in ids)


def test_progress_of_every_task_read_at_once(large: tuple[Store, list[int]]) -> None:
    store, ids = large
    progress = ProgressService(store)
    entries = progress.entries(ids)
    assert [e.task_id for e in entries] == [ids[i] for i in WITH_PROGRESS]
    names = progress.attachment_names([e.id for e in entries])
    assert all(names[e.id] == ["bien-ban.txt"] for e in entries)


def test_report_of_a_plan_with_thousands_of_tasks(large: tuple[Store, list[int]]) -> None:
    store, ids = large
    report = build_report(store, parse_period("2025"), today=dt.date(2025, 12, 31))
    assert report.totals.total == TASKS
    assert [line.task_id for line in report.tasks] == ids
    assert sorted(report.evidence) == [ids[i] for i in WITH_PROGRESS]
