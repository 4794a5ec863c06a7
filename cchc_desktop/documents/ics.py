"""Deadlines and reminders as an iCalendar (.ics) file that Outlook and phone calendars import.

Task occurrences become all-day events on their due date, each with one alarm per reminder
lead time; the officer's own reminders become timed events keeping their RFC 5545 rule.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from icalendar import Alarm, Calendar, Event, vRecur

from cchc_desktop import APP_NAME, __version__
from cchc_desktop.scheduling import schedule
from cchc_desktop.scheduling.reminders import REMIND_HOUR, ReminderService
from cchc_desktop.scheduling.schedule import OccurrenceIndex
from cchc_desktop.system.files import write_atomically
from cchc_desktop.text import vnformat
from cchc_desktop.text.safetext import ics_text

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

UID_DOMAIN = "cchc-desktop.local"


def _alarm(trigger: dt.timedelta, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger)
    return alarm


def build_calendar(store: Store, *, plan_ids: list[int] | None = None, include_done: bool = False,
                   today: dt.date | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//{APP_NAME} {__version__}//vi")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Kế hoạch tuyên truyền CCHC")
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    index = OccurrenceIndex.load(store, plan_ids=plan_ids, today=today)
    default_leads = schedule.global_lead_days(store)
    for occ in index.all():
        if occ.done and not include_done:
            continue
        ev = Event()
        ev.add("uid", f"task-{occ.task_id}-{occ.due.isoformat()}@{UID_DOMAIN}")
        ev.add("dtstamp", stamp)
        ev.add("summary", ics_text(f"[{occ.label}] {occ.title}"))
        ev.add("dtstart", occ.due)
        ev.add("dtend", occ.due + dt.timedelta(days=1))
        lines = [f"Thời gian thực hiện: {occ.time_frame}", f"Trạng thái: {occ.state_label}"]
        if occ.moved:
            lines.append(f"Hạn theo luật (ngày làm việc kế tiếp): {vnformat.date_table(occ.legal_due)}")
            lines.append(f"Nên xong trước: {vnformat.date_table(occ.finish_by)}")
        ev.add("description", ics_text("\n".join(lines)))
        ev.add("categories", ["CCHC"])
        ev.add("transp", "TRANSPARENT")
        leads = index.lead_days(occ.task_id, default_leads)
        for lead in leads:
            # all-day events start at 00:00: remind at 08:00 of the day `lead` days before
            ev.add_component(_alarm(dt.timedelta(days=-lead, hours=REMIND_HOUR),
                                    ics_text(f"Còn {lead} ngày: {occ.title}" if lead else f"Hôm nay đến hạn: {occ.title}")))
        cal.add_component(ev)
    for rem in ReminderService(store).list():
        ev = Event()
        ev.add("uid", f"note-{rem.id}@{UID_DOMAIN}")
        ev.add("dtstamp", stamp)
        ev.add("summary", ics_text(rem.title))
        ev.add("dtstart", rem.at)
        ev.add("dtend", rem.at + dt.timedelta(minutes=30))
        if rem.notes:
            ev.add("description", ics_text(rem.notes))
        if rem.rrule:
            ev.add("rrule", vRecur.from_ical(rem.rrule))
        ev.add_component(_alarm(dt.timedelta(0), ics_text(rem.title)))
        cal.add_component(ev)
    return cal


def export_ics(store: Store, path: Path | str, **kwargs) -> int:  # noqa: ANN003
    """Write the .ics file; returns the number of events written."""
    cal = build_calendar(store, **kwargs)
    data = cal.to_ical()
    write_atomically(path, lambda tmp: Path(tmp).write_bytes(data))
    return sum(1 for c in cal.walk("VEVENT"))
