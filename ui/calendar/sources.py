"""The calendar's bridge to the core: occurrences from `cchc_desktop.scheduling.schedule`, own reminders
from `cchc_desktop.scheduling.reminders`, turned into `AgendaItem`s in one bulk pass per year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Protocol

from cchc_desktop.scheduling import reminders, schedule
from cchc_desktop.store.store import Store
from cchc_desktop.text.agencies import refs_text
from ui.calendar.agenda_item import AgendaItem
from ui.calendar.month_model import STATE_DONE, STATE_LABELS, STATE_OPEN, STATE_OVERDUE, STATE_REMINDER, STATE_SOON


class CalendarSource(Protocol):
    """What the sources read from the calendar's data: the store, today, and a year's occurrences."""

    store: Store

    @property
    def today(self) -> dt.date: ...

    def occurrence_index(self, year: int, within: tuple[dt.date, dt.date] | None = None) -> schedule.OccurrenceIndex: ...


def _state(occ: schedule.Occurrence, today: dt.date, soon_days: int) -> str:
    """The chip colour: the core's urgency, in the month model's names."""
    return {"done": STATE_DONE, "overdue": STATE_OVERDUE, "soon": STATE_SOON}.get(
        schedule.urgency(occ, today, soon_days), STATE_OPEN)


def occurrence_items(data: CalendarSource, start: dt.date, end: dt.date) -> Iterator[AgendaItem]:
    index = data.occurrence_index(start.year, (start, end))  # start and end in one year
    soon = max(schedule.global_lead_days(data.store), default=7)
    today = data.today  # once: `date.today()` goes through the import machinery each time
    leads: dict[int, str] = {}
    for occ in index.between(start, end):
        lead = leads.get(occ.task_id)
        if lead is None:
            task = index.tasks.get(occ.task_id)
            lead = leads[occ.task_id] = refs_text(task.lead) if task is not None else ""
        state = _state(occ, today, soon)
        yield AgendaItem(
            day=occ.due, task_id=occ.task_id, occurrence_due=occ.occurrence_due, plan_id=occ.plan_id,
            content=occ.title, lead=lead, state=state, state_label=occ.state_label if state != STATE_SOON
            else STATE_LABELS[STATE_SOON], legal_deadline=occ.legal_due if occ.moved else None,
            finish_by=occ.finish_by if occ.moved else None, time_frame=occ.time_frame,
        )


def reminder_items(data: CalendarSource, start: dt.date, end: dt.date) -> Iterator[AgendaItem]:
    for rem, when in reminders.expand(data.store, start, end):
        yield AgendaItem(
            day=when.date(), task_id=rem.task_id, occurrence_due=None, plan_id=None,
            content=f"{when:%H:%M} {rem.title}", lead="", state=STATE_REMINDER,
            state_label=STATE_LABELS[STATE_REMINDER], reminder_id=rem.id,
        )
