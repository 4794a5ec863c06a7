"""The printed reminder list names the officer's own reminders beside the plans' deadlines, on
the day and at the time each falls due (a repeating one each time)."""

from __future__ import annotations

import datetime as dt

import pdfplumber

from cchc_desktop.documents.render.reminder_list import render_reminder_list
from cchc_desktop.scheduling.reminders import Reminder, ReminderService


def _text(path) -> str:  # noqa: ANN001
    with pdfplumber.open(path) as pdf:
        return " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())


def test_own_reminders_are_printed_in_their_week(demo_store, tmp_path) -> None:
    reminders = ReminderService(demo_store)
    reminders.add(Reminder(title="Gọi Sở Tư pháp về hội thi", at=dt.datetime(2024, 3, 12, 9, 30)))
    reminders.add(Reminder(title="Nộp báo cáo tuần cho Văn phòng", at=dt.datetime(2024, 3, 4, 8, 0),
                           rrule="FREQ=WEEKLY;COUNT=3"))
    reminders.add(Reminder(title="Việc của tháng sau", at=dt.datetime(2024, 4, 20, 8, 0)))
    out = tmp_path / "nhac-viec.pdf"
    data = render_reminder_list(demo_store, out, start=dt.date(2024, 3, 1), days=31, today=dt.date(2024, 3, 1))
    text = _text(out)
    assert "Gọi Sở Tư pháp về hội thi" in text and "lúc 09:30" in text
    assert text.count("Nộp báo cáo tuần cho Văn") == 3  # 04, 11 and 18/03
    assert "Việc của tháng sau" not in text  # outside the window
    week = next(g for g in data.groups if "11/03/2024" in g.title)
    assert [r.title for r in week.rows if r.reminder_id is not None] == [
        "Nộp báo cáo tuần cho Văn phòng", "Gọi Sở Tư pháp về hội thi"]
    # the overdue-only list stays the list of overdue tasks
    render_reminder_list(demo_store, out, start=dt.date(2024, 3, 1), days=31, overdue_only=True,
                         today=dt.date(2024, 3, 20))
    assert "Gọi Sở Tư pháp về hội thi" not in _text(out)
