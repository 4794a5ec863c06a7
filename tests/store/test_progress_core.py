"""Progress history: entries are added, never overwritten; task-level ones set the task's state."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.errors import CchcError, ValidationError
from cchc_desktop.store.domain import Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.store.store import Store


@pytest.fixture
def progress(demo_store: Store) -> ProgressService:
    return ProgressService(demo_store)


@pytest.fixture
def task(demo_store: Store) -> Task:
    return demo_store.tasks.rows()[0].task


def _rows(store: Store) -> list[tuple]:
    return store.db.execute("SELECT * FROM progress_entries ORDER BY id").fetchall()


def test_task_level_entry_adds_history_and_sets_the_task_state(
    demo_store: Store, progress: ProgressService, task: Task
) -> None:
    entry = progress.record(
        ProgressEntry(task_id=int(task.id), state=TaskStatus.DONE, done_on=dt.date(2024, 3, 15),
                      note="Đã đăng 12 tin, bài", count=12, officer="Nguyễn Văn A",
                      evidence_number="Công văn số 12/STTTT-TTBCXB", evidence_date=dt.date(2024, 3, 16),
                      created_by="chuyenvien")
    )
    assert entry.id is not None and entry.created_at
    assert progress.history(int(task.id)) == [entry]
    assert (entry.state, entry.done_on, entry.count, entry.note) == (
        TaskStatus.DONE, dt.date(2024, 3, 15), 12, "Đã đăng 12 tin, bài"
    )
    assert entry.evidence_number == "Công văn số 12/STTTT-TTBCXB"
    updated = demo_store.tasks.get(int(task.id))
    assert updated.status is TaskStatus.DONE
    assert updated.completed_on == dt.date(2024, 3, 15)
    assert updated.officer == "Nguyễn Văn A"  # the first officer who reported becomes the one in charge


def test_occurrence_entry_leaves_the_task_state_alone(
    demo_store: Store, progress: ProgressService, task: Task
) -> None:
    entry = progress.record(
        ProgressEntry(task_id=int(task.id), occurrence_due=dt.date(2024, 3, 31), state=TaskStatus.DONE,
                      done_on=dt.date(2024, 3, 20))
    )
    assert entry.occurrence_due == dt.date(2024, 3, 31)
    unchanged = demo_store.tasks.get(int(task.id))
    assert unchanged.status is TaskStatus.TODO
    assert unchanged.completed_on is None
    assert progress.history(int(task.id)) == [entry]


def test_entries_are_never_overwritten(demo_store: Store, progress: ProgressService, task: Task) -> None:
    tid = int(task.id)
    first = progress.record(ProgressEntry(task_id=tid, state=TaskStatus.DOING, note="Bắt đầu"))
    second = progress.record(ProgressEntry(task_id=tid, state=TaskStatus.DONE, done_on=dt.date(2024, 4, 1)))
    third = progress.record(ProgressEntry(task_id=tid, state=TaskStatus.DOING, note="Làm lại"))
    q1 = progress.record(ProgressEntry(task_id=tid, occurrence_due=dt.date(2024, 3, 31), state=TaskStatus.DONE,
                                       done_on=dt.date(2024, 3, 30)))

    assert progress.history(tid) == [first, second, third, q1]
    assert progress.get(int(first.id)) == first
    assert progress.get(int(second.id)).state is TaskStatus.DONE
    # Reopened: the latest task-level entry decides the task's state.
    current = demo_store.tasks.get(tid)
    assert current.status is TaskStatus.DOING and current.completed_on is None
    latest = progress.latest_by_occurrence([tid])
    assert latest == {(tid, None): third, (tid, dt.date(2024, 3, 31)): q1}


def test_done_without_a_date_means_today(demo_store: Store, progress: ProgressService, task: Task) -> None:
    entry = progress.record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DONE))
    assert entry.done_on == dt.date.today()
    assert demo_store.tasks.get(int(task.id)).completed_on == dt.date.today()


def test_entries_of_several_tasks(demo_store: Store, progress: ProgressService) -> None:
    a, b, c = (r.task for r in demo_store.tasks.rows()[:3])
    ea = progress.record(ProgressEntry(task_id=int(a.id), state=TaskStatus.DOING))
    eb = progress.record(ProgressEntry(task_id=int(b.id), state=TaskStatus.DOING))
    assert progress.entries([int(a.id), int(b.id), int(c.id)]) == [ea, eb]
    assert progress.entries([int(c.id)]) == []
    assert progress.entries([]) == []
    assert progress.entries() == [ea, eb]


@pytest.mark.parametrize(
    "changes",
    [
        {"done_on": dt.date.today() + dt.timedelta(days=30), "state": TaskStatus.DONE},
        {"count": -1},
        {"count": 10_000_000},
        {"note": "Kết quả\x00"},
        {"note": "x" * 25_000},
        {"evidence_number": "\x1b[31m"},
    ],
)
def test_bad_entries_are_refused_and_nothing_changes(
    demo_store: Store, progress: ProgressService, task: Task, changes: dict
) -> None:
    progress.record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DOING))
    before_rows, before_task = _rows(demo_store), demo_store.tasks.get(int(task.id))
    with pytest.raises(ValidationError):
        progress.record(ProgressEntry(task_id=int(task.id), **changes))
    assert _rows(demo_store) == before_rows
    assert demo_store.tasks.get(int(task.id)) == before_task


def test_entry_for_a_missing_task_is_refused(demo_store: Store, progress: ProgressService) -> None:
    with pytest.raises(CchcError):
        progress.record(ProgressEntry(task_id=99_999, state=TaskStatus.DONE))
    assert _rows(demo_store) == []


def test_undoing_a_task_deletion_keeps_its_history(
    demo_store: Store, progress: ProgressService, task: Task
) -> None:
    entry = progress.record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DONE, done_on=dt.date(2024, 2, 1)))
    removed = demo_store.tasks.delete([int(task.id)])
    demo_store.tasks.restore(removed)
    assert progress.history(int(task.id)) == [entry]


def test_undoing_a_plan_deletion_keeps_its_history(
    demo_store: Store, progress: ProgressService, task: Task
) -> None:
    entry = progress.record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DOING, note="Đã viết 2 tin"))
    snapshot = demo_store.plans.delete(int(task.plan_id))
    assert progress.history(int(task.id)) == []
    demo_store.plans.restore(snapshot)
    assert progress.history(int(task.id)) == [entry]
