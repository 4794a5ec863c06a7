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


def test_entries_of_plans_read_by_entry_when_most_plans_are_asked(demo_store: Store, progress: ProgressService) -> None:
    """The entries of most of the database's plans are read entry by entry (each one's task looked
    up), not by looking up the entries of every task of those plans; a few plans, by their tasks.
    Either way the same entries, oldest first."""
    from cchc_desktop.store.domain import Appendix, Plan

    other = demo_store.plans.create(Plan(title="Kế hoạch khác", period_start=2030, period_end=2030,
                                         appendices=[Appendix(title="Phụ lục")]))
    other_task = demo_store.tasks.create(Task(plan_id=int(other.id), appendix_id=int(other.appendices[0].id),
                                              content="Việc khác", time_frame="Năm 2030"))
    a, b = [r.task for r in demo_store.tasks.rows() if r.task.plan_id != other.id][:2]
    ea = progress.record(ProgressEntry(task_id=int(a.id), state=TaskStatus.DOING))
    eo = progress.record(ProgressEntry(task_id=int(other_task.id), state=TaskStatus.DOING))
    eb = progress.record(ProgressEntry(task_id=int(b.id), state=TaskStatus.DOING))
    plans = [int(p.id) for p in demo_store.plans.list()]
    asked: list[str] = []
    real = demo_store.db.query

    def query(sql, params=None):  # noqa: ANN001, ANN202
        asked.append(sql)
        return real(sql, params)

    demo_store.db.query = query  # type: ignore[method-assign]
    try:
        assert progress.entries_of_plans(plans) == [ea, eo, eb]
        assert progress.entries_of_plans([int(a.plan_id)]) == [ea, eb]
        assert progress.entries_of_plans([int(other.id)]) == [eo]
        assert progress.entries_of_plans([]) == []
    finally:
        del demo_store.db.query
    first_steps = [demo_store.db.execute("EXPLAIN QUERY PLAN " + sql, plans[:sql.count("?")]).fetchall()[0][3]
                   for sql in asked]
    assert first_steps[0].startswith("SCAN e")  # every entry once: two plans of two
    assert not first_steps[1].startswith("SCAN e")  # one plan of two: the entries of its tasks


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
