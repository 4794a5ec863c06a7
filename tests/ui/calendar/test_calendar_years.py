"""The Lịch tab over several years of plans: each year's grid and list are made from the plans
around that year only, and show exactly what the whole database's occurrences say for it."""

from __future__ import annotations

import datetime as dt

from cchc_desktop.scheduling.schedule import OVERDUE, OccurrenceIndex
from cchc_desktop.store.domain import Plan, Task, TaskStatus
from cchc_desktop.store.store import Store
from ui.calendar.calendar_data import CalendarData
from ui.calendar.month_model import STATE_DONE, STATE_OVERDUE

FRAMES = ("01 bản tin/tuần", "Định kỳ hàng tháng", "Quý II và III/{y}", "Trước ngày 16/01/{n}",
          "Trước ngày 05/11 hàng năm", "Thường xuyên", "Tháng 12/{y}")


def _plans(store: Store) -> None:
    for year in (2023, 2024, 2025):
        plan = store.plans.create(Plan(title=f"Kế hoạch tuyên truyền CCHC năm {year}", period_start=year,
                                       period_end=year))
        store.tasks.create_many([
            Task(plan_id=plan.id, content=f"Nhiệm vụ {year}.{i}", time_frame=frame.format(y=year, n=year + 1),
                 status=TaskStatus.DONE if i == 2 else TaskStatus.TODO)
            for i, frame in enumerate(FRAMES)])
    span = store.plans.create(Plan(title="Kế hoạch giai đoạn 2023-2025", period_start=2023, period_end=2025))
    store.tasks.create_many([Task(plan_id=span.id, content="Báo cáo hằng quý", time_frame="Định kỳ hàng quý")])
    # years 2028 and 2029 are touched by this plan alone: the same plans, each year its own days
    long = store.plans.create(Plan(title="Kế hoạch giai đoạn 2026-2030", period_start=2026, period_end=2030))
    store.tasks.create_many([Task(plan_id=long.id, content=f"Hội nghị {y}", time_frame=f"ngày 10/03/{y}")
                             for y in (2028, 2029)])


def test_every_month_of_three_years_shows_what_the_whole_database_says(store: Store) -> None:
    _plans(store)
    today = dt.date(2024, 6, 10)
    data = CalendarData(store, today=today)
    whole = OccurrenceIndex.load(store, today=today)  # every plan, every occurrence
    shown_any = 0
    for year in range(2022, 2031):
        for month in range(1, 13):
            first = dt.date(year, month, 1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            shown = sorted((i.day, i.task_id, i.occurrence_due, i.state == STATE_DONE, i.state == STATE_OVERDUE)
                           for i in data.items(first, last) if i.reminder_id is None)
            expected = sorted((o.due, o.task_id, o.occurrence_due, o.done, o.state == OVERDUE)
                              for o in whole.between(first, last))
            assert shown == expected, f"{month:02d}/{year}"
            shown_any += len(shown)
            # every day of the grid, those of the months before and after included (read as a
            # few days of a year not loaded, or from a year loaded already)
            cells = data.month_cells(year, month)
            grid = [(c.day, len(c.chips)) for c in cells]
            assert grid == [(c.day, len(whole.between(c.day, c.day))) for c in cells], f"grid of {month:02d}/{year}"
    assert shown_any > 200  # monthly and quarterly tasks over three years, and the rest
    # a December's grid shown twice, its January days read once for it and kept
    for december in (2023, 2024, 2029):
        fresh = CalendarData(store, today=today)
        for _ in range(2):
            cells = fresh.month_cells(december, 12)
            assert [(c.day, len(c.chips)) for c in cells] == [(c.day, len(whole.between(c.day, c.day))) for c in cells]
    # a week across the new year, asked first (neither year loaded) and again
    for _ in range(2):
        for new_year in range(2023, 2031):
            start, end = dt.date(new_year - 1, 12, 27), dt.date(new_year, 1, 9)
            fresh = CalendarData(store, today=today) if _ == 0 else data
            assert sorted((i.day, i.task_id) for i in fresh.items(start, end) if i.reminder_id is None) == sorted(
                (o.due, o.task_id) for o in whole.between(start, end)), f"new year {new_year}"
    # a plan's deadline in the January after its year is in that January's grid and list
    january = data.items(dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    assert [i.day for i in january if i.content == "Nhiệm vụ 2023.3"] == [dt.date(2024, 1, 15)]  # "trước ngày 16"


def test_a_chosen_plan_shows_all_its_years(store: Store) -> None:
    _plans(store)
    span_id = next(int(p.id) for p in store.plans.list() if p.period_end == 2025 and p.period_start == 2023)
    data = CalendarData(store, today=dt.date(2024, 6, 10))
    data.set_plan(span_id)
    dues = [i.day for y in (2023, 2024, 2025) for i in data.items(dt.date(y, 1, 1), dt.date(y, 12, 31))]
    assert len(dues) == 12 and dues == sorted(dues)  # four quarters a year, three years
