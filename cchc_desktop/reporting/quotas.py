"""Quotas in a report: the target a task's quota sets for the period ("3 tin (bài)/tháng" over a
quarter: 9) beside what was reported, per task and added up per lead agency and unit."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from cchc_desktop.reporting.judging import entry_day
from cchc_desktop.reporting.periods import Period, month_end
from cchc_desktop.reporting.results import AgencyQuotaRow, QuotaRow
from cchc_desktop.scheduling import schedule as sch
from cchc_desktop.store.domain import Task
from cchc_desktop.store.progress import ProgressEntry
from cchc_desktop.text.textnorm import fold, sort_key


def quota_units(per: str | None, start: dt.date, end: dt.date) -> int:
    """How many whole quota periods (weeks, months, quarters, years) end within [start, end]."""
    if end < start:
        return 0
    if per == "week":  # ISO weeks ending on a Sunday in the window
        first_sunday = start + dt.timedelta(days=(6 - start.weekday()) % 7)
        return 0 if first_sunday > end else (end - first_sunday).days // 7 + 1
    step = {"month": 1, "quarter": 3, "year": 12}.get(per or "")
    if step is None:
        return 1
    n = 0
    y, m = start.year, start.month
    while True:
        if m % step == 0 or step == 1:
            last = month_end(y, m)
            if last > end:
                break
            if last >= start:
                n += 1
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return n


def quota_row(task: Task, sched: sch.Schedule, latest: Mapping[tuple[int, dt.date | None], ProgressEntry],
               rounds_reported: set[int], entries: Sequence[ProgressEntry], period: Period, as_of: dt.date,
               keys: list[str], names: list[str], plan_period: tuple[int, int | None]) -> QuotaRow:
    quota = sched.quota
    assert quota is not None
    plan_start = dt.date(plan_period[0], 1, 1)
    plan_end = dt.date(plan_period[1] or plan_period[0], 12, 31)
    lo, hi = max(period.start, plan_start), min(period.end, plan_end)
    tid = int(task.id or 0)
    if sched.per_occurrence:
        # One round per occurrence: the target is the rounds due in the period, the achieved
        # figure the latest quantity reported for each of them.
        inside = sched.dates[bisect.bisect_left(sched.dates, lo):bisect.bisect_right(sched.dates, hi)]
        target = quota.count * len(inside)
        achieved = 0
        if tid in rounds_reported:
            for d in inside:
                entry = latest.get((tid, d))
                if entry is not None:
                    achieved += entry.count or 0
    else:
        # Quantities reported on the task as a whole add up by the day the work was done.
        target = quota.count * (quota_units(quota.per, lo, hi) if quota.per else 1)
        since = lo if quota.per else plan_start
        achieved = sum(e.count or 0 for e in entries
                       if e.occurrence_due is None and since <= entry_day(e) <= min(hi, as_of))
    return QuotaRow(task_id=tid, content=task.content, agencies=keys, agency_names=names,
                    quota_text=quota.describe(), unit=quota.unit, target=target, achieved=achieved)


def agency_quotas(rows: Iterable[QuotaRow]) -> list[AgencyQuotaRow]:
    out: dict[tuple[str, str], AgencyQuotaRow] = {}
    for r in rows:
        for key, name in zip(r.agencies, r.agency_names, strict=True):
            unit_key = fold(r.unit)
            agg = out.get((key, unit_key))
            if agg is None:
                agg = out[(key, unit_key)] = AgencyQuotaRow(key=key, name=name, unit=r.unit)
            agg.target += r.target
            agg.achieved += r.achieved
            agg.task_ids.append(r.task_id)
    return sorted(out.values(), key=lambda a: (sort_key(a.name), sort_key(a.unit)))
