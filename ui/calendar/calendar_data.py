"""What the Lịch tab shows, loaded in bulk: the occurrences of a year (from the schedule
core), the officer's own reminders, and the day facts (lunar dates, days off).

A year is loaded once and indexed by date; switching months only slices that index, so
navigation stays fast with ten thousand occurrences in a year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from cchc_desktop.scheduling import lunar
from cchc_desktop.scheduling.schedule import OccurrenceIndex, touches_years
from cchc_desktop.scheduling.workdays import WorkCalendar
from cchc_desktop.store.store import Store
from ui.calendar import sources
from ui.calendar.agenda_item import AgendaItem
from ui.calendar.month_model import COLUMNS, ROWS, STATE_REMINDER, Chip, DayCell, build_cells, first_visible_day


def lunar_cell_label(day: dt.date) -> str:
    return lunar.lunar_label(lunar.solar_to_lunar(day)) if lunar.supported(day) else ""


class CalendarData:
    """Year-indexed cache of what is due; `invalidate()` after any change of tasks, progress,
    reminders or days off."""

    def __init__(self, store: Store, today: dt.date | None = None) -> None:
        self.store = store
        self.today_override = today
        self.workdays = WorkCalendar(store)
        self.plan_id: int | None = None
        self._loaded: dict[tuple[dt.date, dt.date], dict[dt.date, list[AgendaItem]]] = {}
        """Items by day of the days loaded (a whole year, or the few days of another year a grid
        or a week reaches into), by (first, last day)."""
        self._lunar: dict[dt.date, str] = {}
        self._indexes: dict[tuple[Any, ...], OccurrenceIndex] = {}
        self._reads: dict[tuple[int, ...], tuple[Any, ...]] = {}

    @property
    def today(self) -> dt.date:
        return self.today_override or dt.date.today()

    def set_plan(self, plan_id: int | None) -> None:
        if plan_id != self.plan_id:
            self.plan_id = plan_id
            self.invalidate()

    def invalidate(self) -> None:
        self._loaded.clear()
        self._indexes.clear()
        self._reads.clear()
        self.workdays.invalidate()

    def occurrence_index(self, year: int, within: tuple[dt.date, dt.date] | None = None) -> OccurrenceIndex:
        """The occurrences of the chosen plan, computed once for all its years; with no plan
        chosen, those due in `year` (or in the days `within` it) of the plans touching it: a year
        of a ten-year database reads only the plans around it and makes only its own occurrences.
        Kept until `invalidate()`."""
        if self.plan_id is not None:
            plans: tuple[int, ...] = (self.plan_id,)
            window = None
        else:
            plans = tuple(sorted(int(p.id) for p in self.store.plans.list()
                                 if p.id is not None and touches_years(p, year, year)))
            window = within or (dt.date(year, 1, 1), dt.date(year, 12, 31))
        hit = self._indexes.get((window, plans))
        if hit is None:
            read = self._reads.get(plans)  # the same plans' tasks, read and scheduled once
            if read is None:
                read = self._reads[plans] = (*OccurrenceIndex.read(self.store, plan_ids=list(plans)), {})
            tasks, periods, progress, schedules = read
            hit = self._indexes[window, plans] = OccurrenceIndex(
                tasks, periods, progress=progress, calendar=self.workdays, today=self.today, dues_within=window,
                schedules=schedules)
        return hit

    # loading ------------------------------------------------------------------

    def _by_day(self, start: dt.date, end: dt.date) -> dict[dt.date, list[AgendaItem]]:
        """The items of the days from `start` to `end` (of one year), loaded once."""
        hit = self._loaded.get((start, end))
        if hit is None:
            by_day: dict[dt.date, list[AgendaItem]] = defaultdict(list)
            for item in self._load(start, end):
                by_day[item.day].append(item)
            hit = self._loaded[start, end] = dict(by_day)
        return hit

    def _days(self, start: dt.date, end: dt.date, focus: int) -> Iterator[tuple[dt.date, list[AgendaItem]]]:
        """The items of each day from `start` to `end`: of the year `focus`, and of a year already
        loaded, from the whole year (loaded once, then every month of it is a slice); of another
        year only those days (the January a December's grid reaches into, the end of the year a
        week crossing the new year begins in), so that a December does not read the next year."""
        for year in range(start.year, end.year + 1):
            whole = (dt.date(year, 1, 1), dt.date(year, 12, 31))
            lo, hi = max(start, whole[0]), min(end, whole[1])
            if year == focus or whole in self._loaded:
                yield from ((day, items) for day, items in self._by_day(*whole).items() if lo <= day <= hi)
            else:
                yield from self._by_day(lo, hi).items()

    def _load(self, start: dt.date, end: dt.date) -> Iterable[AgendaItem]:
        yield from sources.occurrence_items(self, start, end)
        yield from sources.reminder_items(self, start, end)

    def with_day_off(self, day: dt.date) -> tuple[dt.date | None, dt.date | None]:
        """(legal deadline, finish-by date) when `day` is a day off, else (None, None)."""
        if not self.workdays.is_day_off(day):
            return None, None
        return self.workdays.legal_deadline(day), self.workdays.finish_by(day)

    # queries ------------------------------------------------------------------

    def items(self, start: dt.date, end: dt.date) -> list[AgendaItem]:
        """Everything due from start to end (both included), by date."""
        out: list[AgendaItem] = []
        for _day, items in self._days(start, end, focus=(start + (end - start) / 2).year):
            out.extend(items)
        out.sort(key=lambda i: (i.day, i.reminder_id is not None, i.content))
        return out

    def month_cells(self, year: int, month: int) -> list[DayCell]:
        chips: dict[dt.date, list[Chip]] = {}
        start = first_visible_day(year, month)
        for day, items in self._days(start, start + dt.timedelta(days=ROWS * COLUMNS - 1), focus=year):
            chips[day] = [i.chip() for i in items]
        return build_cells(
            year, month, chips, lunar_label=self._lunar_label, day_note=self.workdays.day_note,
            is_day_off=self.workdays.is_day_off, today=self.today,
        )

    def _lunar_label(self, day: dt.date) -> str:
        hit = self._lunar.get(day)
        if hit is None:
            hit = self._lunar[day] = lunar_cell_label(day)
        return hit


__all__ = ["STATE_REMINDER", "AgendaItem", "CalendarData", "lunar_cell_label"]
