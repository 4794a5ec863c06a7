"""A report read for its counts alone (the command line's summary) counts the tasks of each kind
in SQLite instead of reading a row per task, and lists the ids behind its numbers, in printed
order, only when they are asked for. Every number, agency row, id and line must be the one the
report read row by row gives: the same plans, periods, progress and agencies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from test_report_rows import _messy_store

from cchc_desktop.reporting import report as rp
from cchc_desktop.reporting.results import ALL_STATES, Report
from cchc_desktop.store.domain import Appendix, Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.store.store import Store

FRAMES = ["Quý I/2025", "Hằng tháng", "Thường xuyên", "Trước ngày 15/03/2025", "Hằng quý", "Năm 2025",
          "Định kỳ hàng tháng, 03 tin (bài)/tháng"]
LEADS = ["Sở Nội vụ", "Sở Tư pháp", "", "Ủy ban nhân dân các xã", "Đài PT-TH tỉnh, Sở Tư pháp", "Sở Nội vụ"]


def _many_tasks(store: Store, n: int, year: int = 2025) -> list[int]:
    """`n` tasks of a few kinds under a few lead agencies (registry, free text, none, several)."""
    plan = store.plans.create(Plan(title=f"Kế hoạch {year}", period_start=year, period_end=year,
                                   appendices=[Appendix(title="Phụ lục")]))
    pid, appendix = int(plan.id), int(plan.appendices[0].id)  # type: ignore[arg-type]
    leads = [store.agencies.resolve(text) for text in LEADS]
    return store.tasks.create_many([
        Task(plan_id=pid, appendix_id=appendix, content=f"Nhiệm vụ {i}", time_frame=FRAMES[i % len(FRAMES)],
             status=TaskStatus.DONE if i % 11 == 0 else TaskStatus.TODO,
             completed_on=dt.date(2025, 2, 10) if i % 11 == 0 else None, lead=leads[i % len(leads)])
        for i in range(n)
    ])


def _numbers(report: Report) -> tuple[Any, ...]:
    """What the command line's summary prints, and the evidence: read without asking for ids."""
    return (
        [report.totals.count(s) for s in ALL_STATES], report.totals.total,
        [report.totals.percent_text(s) for s in ALL_STATES],
        [report.occurrence_counts.count(s) for s in ALL_STATES],
        [(a.key, a.name, a.abbreviation, a.agency_id, [a.counts.count(s) for s in ALL_STATES], a.counts.total)
         for a in report.agencies],
        {tid: [e.to_json() for e in ev] for tid, ev in report.evidence.items()},
    )


@pytest.fixture
def busy_store(small_plan: Any) -> Store:
    """The hand-worked small plan, the messy plans of `test_report_rows` and 150 tasks of a few
    kinds, with progress as a whole, per round and with evidence."""
    store = small_plan.store
    _messy_store(store)
    ids = _many_tasks(store, 150)
    progress = ProgressService(store)
    for i in (3, 10, 45):
        progress.record(ProgressEntry(task_id=ids[i], state=TaskStatus.DONE, done_on=dt.date(2025, 4, 2),
                                      note="Đã xong", evidence_number=f"{i}/BC"))
    progress.record(ProgressEntry(task_id=ids[1], occurrence_due=dt.date(2025, 1, 31), state=TaskStatus.DONE,
                                  done_on=dt.date(2025, 2, 3), note="Tháng 1"))
    return store


@pytest.mark.parametrize(("period", "today"), [
    ("2025", dt.date(2025, 12, 31)), ("2025-Q1", dt.date(2025, 6, 30)), ("2025-Q2", dt.date(2025, 5, 1)),
    ("2025-H1", dt.date(2026, 1, 5)), ("2024-01-01:2025-12-31", dt.date(2025, 6, 30)), ("2024", dt.date(2025, 1, 1)),
])
def test_counts_counted_per_kind_are_those_of_every_row(busy_store: Store, period: str, today: dt.date) -> None:
    p = rp.parse_period(period)
    full = rp.build_report(busy_store, p, today=today)
    counted = rp.build_report(busy_store, p, today=today, counts_only=True)
    assert _numbers(counted) == _numbers(full)
    assert counted.totals.total > 0
    # the ids and lines, listed when asked for, are the full report's, in the same order
    assert counted.totals.ids == full.totals.ids
    assert counted.occurrence_counts.ids == full.occurrence_counts.ids
    assert [a.counts.ids for a in counted.agencies] == [a.counts.ids for a in full.agencies]
    assert counted.to_json() == full.to_json()


def test_plans_counted_a_few_per_query_give_the_same_report(busy_store: Store, monkeypatch) -> None:
    """Ten years of plans are counted fifty plans to a query (a smaller sort for SQLite): the
    counts, ids and lines are the same however the plans are split."""
    from cchc_desktop.store import report_rows

    p = rp.parse_period("2024-01-01:2025-12-31")
    today = dt.date(2025, 6, 30)
    whole = rp.build_report(busy_store, p, today=today, counts_only=True)
    assert len(busy_store.plans.list()) > 2
    monkeypatch.setattr(report_rows, "GROUP_PLANS", 1)  # each plan a query of its own
    split = rp.build_report(busy_store, p, today=today, counts_only=True)
    assert _numbers(split) == _numbers(whole)
    assert split.totals.ids == whole.totals.ids
    assert split.to_json() == whole.to_json()


def test_a_report_for_its_counts_reads_a_row_per_kind_not_per_task(store: Store, monkeypatch) -> None:
    _many_tasks(store, 600)
    received = [0]
    real = store.db.execute

    class Counting:
        def __init__(self, cursor: Any) -> None:
            self._cursor = cursor

        def __getattr__(self, name: str) -> Any:
            return getattr(self._cursor, name)

        def fetchall(self) -> list[Any]:
            rows = self._cursor.fetchall()
            received[0] += len(rows)
            return rows

        def fetchone(self) -> Any:
            row = self._cursor.fetchone()
            received[0] += row is not None
            return row

        def __iter__(self) -> Iterator[Any]:
            for row in self._cursor:
                received[0] += 1
                yield row

    monkeypatch.setattr(store.db, "execute", lambda sql, parameters=None: Counting(
        real(sql) if parameters is None else real(sql, parameters)))
    period = rp.parse_period("2025")
    counted = rp.build_report(store, period, today=dt.date(2025, 12, 31), counts_only=True)
    counts = [counted.totals.count(s) for s in ALL_STATES]
    assert sum(counts) == 600
    # a row per plan, kind and lead agencies (the 100 tasks with several lead agencies named)
    assert received[0] < 250
    received[0] = 0
    full = rp.build_report(store, period, today=dt.date(2025, 12, 31))
    assert received[0] > 1200  # a row per task and one per lead agency
    assert counts == [full.totals.count(s) for s in ALL_STATES]
    assert counted.totals.ids == full.totals.ids


def test_agencies_of_the_same_name_keep_the_order_tasks_name_them_in(store: Store) -> None:
    """A lead whose registry agency is gone (a database edited elsewhere) is counted under its
    text: a row of the same name as the registry agency's, after it or before it as the tasks
    name them first."""
    ids = _many_tasks(store, 14)
    gone = store.agencies.resolve("Sở Văn hóa và Thể thao")[0].agency_id
    store.db.execute("PRAGMA foreign_keys = OFF")
    with store.db.atomic():
        # the first task names the agency as a text; a later one names the registry agency
        store.db.execute("UPDATE task_agencies SET agency_id = ?, text = 'Sở Nội vụ' WHERE task_id = ? AND role = 'lead'",
                         [int(gone or 0) + 1000, ids[1]])
    store.db.execute("PRAGMA foreign_keys = ON")
    period = rp.parse_period("2025")
    full = rp.build_report(store, period, today=dt.date(2025, 12, 31))
    counted = rp.build_report(store, period, today=dt.date(2025, 12, 31), counts_only=True)
    names = [(a.key.split(":")[0], a.name) for a in full.agencies]
    assert ("text", "Sở Nội vụ") in names and ("agency", "Sở Nội vụ") in names
    assert _numbers(counted) == _numbers(full)


def _plan_of_single_leads(store: Store, year: int, n: int) -> int:
    """A plan whose `n` tasks each name one lead agency (no progress)."""
    plan = store.plans.create(Plan(title=f"Kế hoạch riêng {year}", period_start=year, period_end=year,
                                   appendices=[Appendix(title="Phụ lục")]))
    pid, appendix = int(plan.id), int(plan.appendices[0].id)  # type: ignore[arg-type]
    lead = store.agencies.resolve("Sở Tư pháp")
    store.tasks.create_many([Task(plan_id=pid, appendix_id=appendix, content=f"Việc {i}",
                                  time_frame=FRAMES[i % len(FRAMES)], lead=lead) for i in range(n)])
    return pid


def test_only_the_plans_with_tasks_left_out_of_the_kinds_test_every_task_for_them(store: Store, monkeypatch) -> None:
    """The tasks read as rows (progress recorded) and those of several lead agencies are left out
    of the counts per kind; a plan without any is counted without testing each of its tasks."""
    quiet = _plan_of_single_leads(store, 2024, 40)
    ids = _many_tasks(store, 60)  # with tasks of several lead agencies
    ProgressService(store).record(ProgressEntry(task_id=ids[4], state=TaskStatus.DONE, done_on=dt.date(2025, 3, 2),
                                                note="Xong", evidence_number="4/BC"))
    busy = int(store.tasks.get(ids[0]).plan_id)
    asked: list[tuple[str, list[Any]]] = []
    real = store.db.execute

    def execute(sql: str, parameters: Any = None) -> Any:
        asked.append((sql, list(parameters or [])))
        return real(sql, parameters)

    monkeypatch.setattr(store.db, "execute", execute)
    period = rp.parse_period("2024-01-01:2025-12-31")
    counted = rp.build_report(store, period, today=dt.date(2025, 12, 31), counts_only=True)
    kinds = [(sql, params) for sql, params in asked if sql.startswith("SELECT t.plan_id, t.time_frame")]
    assert [("json_each" in sql, [p for p in params if isinstance(p, int)]) for sql, params in kinds
            if "json_group_array" not in sql] == [(True, [busy]), (False, [quiet])]
    # the registry is not asked for each task's lead agency: its ids are the report's own
    assert not any("JOIN agencies" in sql for sql, _ in kinds if "json_group_array" not in sql)
    monkeypatch.undo()
    full = rp.build_report(store, period, today=dt.date(2025, 12, 31))
    assert _numbers(counted) == _numbers(full)
    assert counted.totals.total == 100
    assert counted.to_json() == full.to_json()
    # a registry agency written two ways is one group, under the registry's name
    from cchc_desktop.store.report_rows import read_count_groups, tasks_with_several_leads

    store.db.execute("UPDATE task_agencies SET text = 'Sở Tư pháp tỉnh' WHERE task_id IN "
                     "(SELECT id FROM tasks WHERE plan_id = ? AND position % 2 = 0)", [quiet])
    groups = read_count_groups(store.db, [quiet, busy], {ids[4]}, tasks_with_several_leads(store.db))
    keys = [(row, refs) for row, refs, _ in groups]
    assert len(keys) == len(set(keys)) and sum(n for _, _, n in groups) == 99
    assert sorted(n for row, _, n in groups if row[1] == quiet) == sorted(
        n for row, _, n in read_count_groups(store.db, [quiet], ()) if row[1] == quiet)
    assert all(refs[0][0] is None for row, refs, _ in groups if row[1] == quiet)
    again = rp.build_report(store, period, today=dt.date(2025, 12, 31), counts_only=True)
    assert _numbers(again) == _numbers(rp.build_report(store, period, today=dt.date(2025, 12, 31)))
