"""A stored text longer than its field accepts when typed (only possible in a database written
elsewhere) is read cut to that length, with a visible mark: the report PDF of a task of
200,000 characters took over 580 s; the same limits now hold on what is read as on what is
typed. `bench/bench_hostile_import.py --long-text` times the report on 200,000 characters."""

from __future__ import annotations

import io
import sqlite3

import pytest

from cchc_desktop.cli import main
from cchc_desktop.store import Store
from cchc_desktop.store.checks import MAX_FIELD_CHARS, MAX_SHORT_CHARS
from cchc_desktop.store.demo import load_demo

MARK = "[…]"
LONG = "tuyên truyền " * 5_000  # 65,000 characters


def _cut(text: str, limit: int) -> bool:
    """Cut to at most `limit` characters (at a word), with the mark."""
    kept = text.removesuffix(" " + MARK)
    return limit - 50 < len(text) <= limit and kept != text and kept.endswith(("tuyên", "truyền"))


@pytest.fixture
def long_db(db_path):
    store = Store.open(db_path)
    load_demo(store)
    task_id = store.tasks.rows()[0].task.id
    store.close()
    conn = sqlite3.connect(str(db_path))
    with conn:
        conn.execute("UPDATE tasks SET content = ?, output = ?, notes = ? WHERE id = ?",
                     ["Đăng tin " + LONG, LONG, LONG, task_id])
        conn.execute("UPDATE task_agencies SET text = ? WHERE task_id = ? AND role = 'lead'", [LONG, task_id])
        conn.execute("UPDATE plans SET title = ?, issuer = ?", [LONG, LONG])
    conn.close()
    return db_path, task_id


def test_a_stored_text_is_read_no_longer_than_it_could_be_typed(long_db) -> None:
    db_path, task_id = long_db
    store = Store.open(db_path)
    try:
        task = store.tasks.get(task_id)
        assert _cut(task.content, MAX_FIELD_CHARS) and task.content.startswith("Đăng tin tuyên truyền")
        assert _cut(task.output, 2 * MAX_SHORT_CHARS) and _cut(task.notes, MAX_FIELD_CHARS)
        assert task.lead and all(_cut(r.text, MAX_SHORT_CHARS) for r in task.lead)
        plan = store.plans.get(int(task.plan_id))
        assert _cut(plan.title, 2 * MAX_SHORT_CHARS) and _cut(plan.issuer, MAX_SHORT_CHARS)
        short = store.tasks.rows()[1].task  # texts within their limits are read as stored
        assert MARK not in short.content
    finally:
        store.close()


def test_the_report_prints_the_cut_text_with_its_mark(long_db, tmp_path) -> None:
    from pypdf import PdfReader

    db_path, _ = long_db
    target = tmp_path / "bao-cao.pdf"
    assert main(["--db", str(db_path), "report", "--period", "2024", "--on", "2024-12-31", "--pdf", str(target)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert MARK in text
    assert text.count("tuyên truyền") < 3 * MAX_FIELD_CHARS // len("tuyên truyền ")  # not the 65,000 characters


def test_registry_names_groups_and_progress_are_cut_too(db_path) -> None:
    from cchc_desktop.store.domain import TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService

    store = Store.open(db_path)
    load_demo(store)
    task = store.tasks.rows()[0].task
    group = store.tasks.add_group(int(task.appendix_id), "Nhóm")
    ProgressService(store).record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DOING, note="Đã đăng tin"))
    store.close()
    conn = sqlite3.connect(str(db_path))
    with conn:
        conn.execute("UPDATE progress_entries SET note = ?, officer = ?", [LONG, LONG])
        conn.execute("UPDATE agencies SET name = ? WHERE id = (SELECT min(id) FROM agencies)", [LONG])
        conn.execute("UPDATE task_groups SET title = ? WHERE id = ?", [LONG, group.id])
    conn.close()
    store = Store.open(db_path)
    try:
        (entry,) = ProgressService(store).history(int(task.id))
        assert _cut(entry.note, MAX_FIELD_CHARS) and _cut(entry.officer, 200)
        assert any(_cut(a.name, MAX_SHORT_CHARS) for a in store.agencies.list())
        assert all(len(a.name) <= MAX_SHORT_CHARS for a in store.agencies.list())
        assert [_cut(g.title, MAX_SHORT_CHARS) for g in store.tasks.groups(int(task.appendix_id))] == [True]
    finally:
        store.close()


def test_reminders_are_read_within_their_limits(db_path) -> None:
    import datetime as dt

    from cchc_desktop.scheduling.reminders import MAX_TITLE, Reminder, ReminderService

    store = Store.open(db_path)
    ReminderService(store).add(Reminder(title="Họp giao ban", at=dt.datetime(2025, 3, 3, 8, 0), notes="ghi chú"))
    store.close()
    conn = sqlite3.connect(str(db_path))
    with conn:
        conn.execute("UPDATE reminders SET title = ?, notes = ?", [LONG, LONG])
    conn.close()
    store = Store.open(db_path)
    try:
        (reminder,) = ReminderService(store).list()
        assert _cut(reminder.title, MAX_TITLE) and _cut(reminder.notes, MAX_FIELD_CHARS)
    finally:
        store.close()
