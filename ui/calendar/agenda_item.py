"""One line of the Lịch tab's agenda: a task's occurrence or one of the officer's reminders on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ui.calendar.month_model import Chip


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One occurrence (or own reminder) on a day, as the agenda list and the grid show it."""

    day: dt.date  # the due date as computed from the schedule
    task_id: int | None
    occurrence_due: dt.date | None
    plan_id: int | None
    content: str
    lead: str
    state: str  # month_model STATE_*
    state_label: str
    legal_deadline: dt.date | None = None  # set when `day` is a day off
    finish_by: dt.date | None = None  # set when `day` is a day off
    reminder_id: int | None = None
    time_frame: str = ""

    def chip(self) -> Chip:
        return Chip(text=self.content, state=self.state, day=self.day, task_id=self.task_id,
                    occurrence_due=self.occurrence_due, reminder_id=self.reminder_id, detail=self.lead)
