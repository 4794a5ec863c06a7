"""Occurrences, days off and the four official states, computed from schedules and progress."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.scheduling import lunar, schedule, workdays
from cchc_desktop.scheduling.workdays import WorkCalendar
from cchc_desktop.store.domain import Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.store.store import Store

D = dt.date


# --------------------------------------------------------------------------- days off


def test_deadline_on_a_saturday_moves_to_monday_and_should_be_done_friday() -> None:
    cal = WorkCalendar(None)
    sat = D(2025, 3, 15)
    assert sat.weekday() == 5
    assert cal.legal_deadline(sat) == D(2025, 3, 17)
    assert cal.finish_by(sat) == D(2025, 3, 14)


def test_deadline_on_tet_moves_past_the_whole_holiday() -> None:
    cal = WorkCalendar(None)
    # Tết Ất Tỵ: 29/01/2025; the holiday ran 25/01 (Sat) to 02/02/2025 (Sun).
    assert cal.holiday_name(D(2025, 1, 29))
    assert cal.legal_deadline(D(2025, 1, 29)) == D(2025, 2, 3)
    assert cal.finish_by(D(2025, 1, 29)) == D(2025, 1, 24)


def test_swapped_saturday_is_a_working_day() -> None:
    cal = WorkCalendar(None)
    # 2025: Friday 02/05 was given off in exchange for Saturday 26/04.
    assert cal.is_working_day(D(2025, 4, 26))
    assert cal.legal_deadline(D(2025, 4, 26)) == D(2025, 4, 26)
    assert cal.is_day_off(D(2025, 5, 2))


def test_february_29_is_a_real_deadline() -> None:
    cal = WorkCalendar(None)
    assert cal.legal_deadline(D(2024, 2, 29)) == D(2024, 2, 29)  # a Thursday


def test_office_days_change_the_deadlines(store: Store) -> None:
    workdays.add_day(store, D(2025, 3, 14), workdays.KIND_OFF, "Nghỉ bù tổ chức hội nghị")
    workdays.add_day(store, D(2025, 3, 15), workdays.KIND_WORK, "Làm bù")
    cal = WorkCalendar(store)
    assert cal.is_day_off(D(2025, 3, 14))
    assert cal.legal_deadline(D(2025, 3, 15)) == D(2025, 3, 15)
    assert cal.finish_by(D(2025, 3, 14)) == D(2025, 3, 13)
    with pytest.raises(ValidationError):
        workdays.add_day(store, D(2025, 3, 16), "holiday")
    assert [d.day for d in workdays.list_days(store, 2025)] == [D(2025, 3, 14), D(2025, 3, 15)]


# --------------------------------------------------------------------------- lunar calendar


@pytest.mark.parametrize("tet", [D(1985, 1, 21), D(2007, 2, 17), D(2030, 2, 2), D(2024, 2, 10), D(2025, 1, 29)])
def test_vietnamese_new_year_uses_utc_plus_7(tet) -> None:
    got = lunar.solar_to_lunar(tet)
    assert (got.day, got.month, got.leap) == (1, 1, False)
    assert lunar.solar_to_lunar(tet - dt.timedelta(days=1)).month == 12


def test_lunar_round_trip_over_years() -> None:
    day = D(2020, 1, 1)
    while day < D(2031, 1, 1):
        lu = lunar.solar_to_lunar(day)
        assert lunar.lunar_to_solar(lu.day, lu.month, lu.year, lu.leap) == day
        day += dt.timedelta(days=13)


# --------------------------------------------------------------------------- occurrences and states


def _plan(store: Store, year: int = 2025) -> Plan:
    return store.plans.create(Plan(title=f"Kế hoạch tuyên truyền CCHC năm {year}", period_start=year))


def _task(store: Store, plan: Plan, time_frame: str, **kw) -> Task:
    return store.tasks.create(Task(plan_id=plan.id, content=f"Nhiệm vụ {time_frame}", time_frame=time_frame, **kw))


def test_each_quarterly_occurrence_is_done_on_its_own(store: Store) -> None:
    plan = _plan(store)
    task = _task(store, plan, "Định kỳ hàng quý (trước ngày cuối của tháng thứ 2 trong quý)")
    progress = ProgressService(store)
    progress.record(ProgressEntry(task_id=task.id, occurrence_due=D(2025, 2, 28), state=TaskStatus.DONE,
                                  done_on=D(2025, 2, 27), note="Đã gửi báo cáo quý I"))
    progress.record(ProgressEntry(task_id=task.id, occurrence_due=D(2025, 5, 31), state=TaskStatus.DONE,
                                  done_on=D(2025, 6, 5)))
    index = schedule.OccurrenceIndex.load(store, today=D(2025, 9, 10))
    states = [(o.due, o.state) for o in index.of_task(task.id)]
    assert states == [
        (D(2025, 2, 28), schedule.DONE_ON_TIME),
        # 31/05/2025 is a Saturday: the legal deadline is Monday 02/06; done 05/06 is late.
        (D(2025, 5, 31), schedule.DONE_LATE),
        (D(2025, 8, 31), schedule.OVERDUE),
        (D(2025, 11, 30), schedule.IN_PROGRESS),
    ]
    may = index.of_task(task.id)[1]
    assert (may.legal_due, may.finish_by) == (D(2025, 6, 2), D(2025, 5, 30))
    assert index.task_state(task.id) == schedule.OVERDUE
    assert [o.task_id for o in index.overdue()] == [task.id]
    assert index.of_task(task.id)[0].result == "Đã gửi báo cáo quý I"


def test_four_official_states_and_continuous(store: Store) -> None:
    plan = _plan(store)
    today = D(2025, 7, 15)
    on_time = _task(store, plan, "Quý I/2025", status=TaskStatus.DONE, completed_on=D(2025, 3, 20))
    late = _task(store, plan, "Quý I/2025", status=TaskStatus.DONE, completed_on=D(2025, 4, 10))
    in_time = _task(store, plan, "Quý III/2025", status=TaskStatus.DOING)
    overdue = _task(store, plan, "Trước ngày 16/01/2025")
    continuous = _task(store, plan, "Thường xuyên")
    unknown = _task(store, plan, "theo chỉ đạo của cấp trên")
    index = schedule.OccurrenceIndex.load(store, today=today)
    assert index.task_state(on_time.id) == schedule.DONE_ON_TIME
    assert index.task_state(late.id) == schedule.DONE_LATE
    assert index.task_state(in_time.id) == schedule.IN_PROGRESS
    assert index.task_state(overdue.id) == schedule.OVERDUE
    assert index.task_state(continuous.id) == schedule.CONTINUOUS
    assert index.unscheduled() == [unknown.id]
    assert schedule.STATE_LABELS[schedule.OVERDUE] == "Quá hạn chưa hoàn thành"


def test_overdue_uses_the_legal_deadline_not_the_nominal_date(store: Store) -> None:
    plan = _plan(store)
    task = _task(store, plan, "ngày 15/03/2025")  # a Saturday
    assert schedule.OccurrenceIndex.load(store, today=D(2025, 3, 17)).task_state(task.id) == schedule.IN_PROGRESS
    assert schedule.OccurrenceIndex.load(store, today=D(2025, 3, 18)).task_state(task.id) == schedule.OVERDUE


def test_schedule_set_by_hand_replaces_the_parsed_text(store: Store) -> None:
    plan = _plan(store)
    task = _task(store, plan, "theo chỉ đạo của cấp trên")
    saved = schedule.save_schedule(store, task.id, {"kind": "recurring", "rrule": "FREQ=MONTHLY;BYMONTHDAY=20"})
    assert saved.time_frame == "theo chỉ đạo của cấp trên"
    sched = schedule.task_schedule(saved, 2025)
    assert len(sched.dates) == 12 and sched.dates[0] == D(2025, 1, 20)
    with pytest.raises(ValidationError):
        schedule.save_schedule(store, task.id, {"kind": "recurring", "rrule": "FREQ=SOMETIMES"})
    assert schedule.task_schedule(store.tasks.get(task.id), 2025).dates == sched.dates


def test_lead_days_default_and_global_setting(store: Store) -> None:
    assert schedule.global_lead_days(store) == (7, 1)
    assert schedule.set_global_lead_days(store, [3, 10, 3]) == (10, 3)
    assert schedule.global_lead_days(store) == (10, 3)
