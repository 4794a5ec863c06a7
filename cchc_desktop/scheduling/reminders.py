"""Reminders: the officer's own notes ("nhắc việc"), the start-up digest and the alerts
that fire at reminder time.

Task deadlines come from `schedule` (one place computes occurrences); this module only
decides *when to remind* and remembers, in `reminder_log`, which alerts were shown,
snoozed or dismissed, so that none repeats and none is missed while the app was closed.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dateutil.rrule import rrulestr

from cchc_desktop.errors import NotFoundError, ValidationError
from cchc_desktop.scheduling import schedule
from cchc_desktop.scheduling.schedule import Occurrence, OccurrenceIndex
from cchc_desktop.store.checks import MAX_FIELD_CHARS, as_read, check_text
from cchc_desktop.store.connection import in_chunks, marks
from cchc_desktop.store.db import is_read_only
from cchc_desktop.text import vnformat

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

DEFAULT_DAYS = 14
LAST_SEEN_SETTING = "reminders.last_seen"
REMIND_HOUR = 8  # task reminders fire at 08:00 on their day
MAX_TITLE = 500


# --------------------------------------------------------------------------- own reminders


@dataclass
class Reminder:
    """One of the officer's own reminders: a title at a time, once or repeating, perhaps tied to a task."""
    id: int | None = None
    title: str = ""
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(second=0, microsecond=0))
    notes: str = ""
    rrule: str | None = None  # RFC 5545 RRULE value, e.g. "FREQ=WEEKLY;BYDAY=MO"
    task_id: int | None = None
    created_at: str = ""

    @property
    def recurring(self) -> bool:
        return bool(self.rrule)

    def describe_recurrence(self) -> str:
        if not self.rrule:
            return "Một lần"
        parts = dict(p.split("=", 1) for p in self.rrule.upper().split(";") if "=" in p)
        freq = {"DAILY": "Hằng ngày", "WEEKLY": "Hằng tuần", "MONTHLY": "Hằng tháng", "YEARLY": "Hằng năm"}
        text = freq.get(parts.get("FREQ", ""), "Lặp lại")
        if parts.get("INTERVAL", "1") != "1":
            text += f" (mỗi {parts['INTERVAL']} kỳ)"
        if "UNTIL" in parts:
            until = parts["UNTIL"][:8]
            try:
                text += f", đến {vnformat.date_table(dt.date(int(until[:4]), int(until[4:6]), int(until[6:8])))}"
            except ValueError:
                pass
        elif "COUNT" in parts:
            text += f", {parts['COUNT']} lần"
        return text


RECURRENCE_CHOICES = (
    ("", "Một lần"),
    ("FREQ=DAILY", "Hằng ngày"),
    ("FREQ=WEEKLY", "Hằng tuần"),
    ("FREQ=MONTHLY", "Hằng tháng"),
    ("FREQ=YEARLY", "Hằng năm"),
)


def _check_rrule(rule: str | None, start: dt.datetime) -> str | None:
    if not rule or not rule.strip():
        return None
    rule = rule.strip().upper()
    if rule.startswith("RRULE:"):
        rule = rule[6:]
    try:
        rrulestr(rule, dtstart=start)
    except (ValueError, TypeError):
        raise ValidationError("Quy tắc lặp lại không hợp lệ.") from None
    return rule


def _from_row(row: Sequence[Any]) -> Reminder:
    rid, title, notes, at, rule, task_id, created = row
    return Reminder(id=rid, title=as_read(title, MAX_TITLE), notes=as_read(notes, MAX_FIELD_CHARS),
                    at=dt.datetime.fromisoformat(at), rrule=rule, task_id=task_id, created_at=created)


_COLUMNS = "id, title, notes, at, rrule, task_id, created_at"


class ReminderService:
    """Create, change and delete the officer's own reminders; every write one transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _validate(self, rem: Reminder) -> Reminder:
        title = check_text("Nội dung nhắc việc", rem.title, limit=MAX_TITLE, required=True)
        notes = check_text("Ghi chú", rem.notes)
        if not isinstance(rem.at, dt.datetime):
            raise ValidationError("Thời điểm nhắc không hợp lệ.")
        if not 1945 <= rem.at.year <= 2200:
            raise ValidationError("Năm của thời điểm nhắc phải từ 1945 đến 2200.")
        at = rem.at.replace(second=0, microsecond=0, tzinfo=None)
        return Reminder(id=rem.id, title=title, at=at, notes=notes, rrule=_check_rrule(rem.rrule, at),
                        task_id=rem.task_id, created_at=rem.created_at)

    def list(self) -> list[Reminder]:
        rows = self.store.db.execute(f"SELECT {_COLUMNS} FROM reminders ORDER BY at, id").fetchall()
        return [_from_row(r) for r in rows]

    def get(self, reminder_id: int) -> Reminder:
        row = self.store.db.execute(f"SELECT {_COLUMNS} FROM reminders WHERE id = ?", [reminder_id]).fetchone()
        if row is None:
            raise NotFoundError("Không tìm thấy nhắc việc này (có thể đã bị xóa).")
        return _from_row(row)

    def add(self, rem: Reminder) -> Reminder:
        clean = self._validate(rem)
        created = clean.created_at or dt.datetime.now().isoformat(timespec="seconds")
        with self.store.db.atomic():
            cur = self.store.db.execute(
                "INSERT INTO reminders(id, title, notes, at, rrule, task_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [clean.id, clean.title, clean.notes, clean.at.isoformat(timespec="minutes"), clean.rrule,
                 clean.task_id, created],
            )
        return self.get(int(cur.lastrowid))  # type: ignore[arg-type]

    def update(self, rem: Reminder) -> Reminder:
        if rem.id is None:
            raise ValidationError("Nhắc việc chưa được lưu.")
        clean = self._validate(rem)
        with self.store.db.atomic():
            old = self.get(rem.id)
            self.store.db.execute(
                "UPDATE reminders SET title = ?, notes = ?, at = ?, rrule = ?, task_id = ? WHERE id = ?",
                [clean.title, clean.notes, clean.at.isoformat(timespec="minutes"), clean.rrule, clean.task_id, rem.id],
            )
            if (old.at, old.rrule) != (clean.at, clean.rrule):  # set again: it alerts again, even at a time shown
                self.store.db.execute("DELETE FROM reminder_log WHERE key LIKE ?", [f"note:{rem.id}:%"])
        return self.get(rem.id)

    def delete(self, reminder_id: int) -> Reminder:
        """Delete and return the reminder (pass it to `add` to undo)."""
        rem = self.get(reminder_id)
        with self.store.db.atomic():
            self.store.db.execute("DELETE FROM reminders WHERE id = ?", [reminder_id])
        return rem

    def expand(self, start: dt.date, end: dt.date) -> builtins.list[tuple[Reminder, dt.datetime]]:
        """Every time a reminder falls due from `start` to `end` (both days included), by time."""
        return expand(self.store, start, end)


def _times(rem: Reminder, lo: dt.datetime, hi: dt.datetime) -> list[dt.datetime]:
    if not rem.rrule:
        return [rem.at] if lo <= rem.at <= hi else []
    rule = rrulestr(rem.rrule, dtstart=rem.at)
    return list(rule.between(lo, hi, inc=True))[:5000]  # type: ignore[union-attr]


def expand(store: Store, start: dt.date, end: dt.date) -> list[tuple[Reminder, dt.datetime]]:
    lo = dt.datetime.combine(start, dt.time.min)
    hi = dt.datetime.combine(end, dt.time.max)
    out = [(rem, when) for rem in ReminderService(store).list() for when in _times(rem, lo, hi)]
    out.sort(key=lambda x: (x[1], x[0].id or 0))
    return out


# --------------------------------------------------------------------------- digest


@dataclass
class DigestItem:
    """One line of the digest: a task occurrence (or several of one task, collapsed) or a note."""

    title: str
    due: dt.date  # the (earliest) due date
    legal_due: dt.date | None = None
    finish_by: dt.date | None = None
    state: str = ""
    state_label: str = ""
    task_id: int | None = None
    plan_id: int | None = None
    occurrence_due: dt.date | None = None
    reminder_id: int | None = None
    at: dt.datetime | None = None
    label: str = ""  # "Quý I/2025", "Hạn 16/01/2024" ...
    time_frame: str = ""
    lead: str = ""
    count: int = 1  # occurrences collapsed into this line
    last_due: dt.date | None = None  # the latest due date when several are collapsed

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "task_id": self.task_id,
            "plan_id": self.plan_id,
            "reminder_id": self.reminder_id,
            "due": self.due.isoformat(),
            "legal_due": self.legal_due.isoformat() if self.legal_due else None,
            "finish_by": self.finish_by.isoformat() if self.finish_by else None,
            "at": self.at.isoformat(timespec="minutes") if self.at else None,
            "state": self.state,
            "state_label": self.state_label,
            "label": self.label,
            "time_frame": self.time_frame,
            "lead": self.lead,
            "count": self.count,
            "last_due": self.last_due.isoformat() if self.last_due else None,
        }


@dataclass
class Digest:
    """What to look at today: the overdue work, what is due today and in the coming days, what fell due
    while the app was closed, and the officer's own reminders."""
    today: dt.date
    days: int
    overdue: list[DigestItem] = field(default_factory=list)
    due_today: list[DigestItem] = field(default_factory=list)
    upcoming: list[DigestItem] = field(default_factory=list)
    missed: list[DigestItem] = field(default_factory=list)  # fell due while the app was closed (not in overdue)
    notes: list[DigestItem] = field(default_factory=list)  # own reminders in the window
    unscheduled: int = 0
    last_seen: dt.date | None = None

    @property
    def end(self) -> dt.date:
        return self.today + dt.timedelta(days=self.days)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_today or self.upcoming or self.missed or self.notes)

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.today.isoformat(),
            "to": self.end.isoformat(),
            "days": self.days,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "overdue": [i.to_json() for i in self.overdue],
            "due_today": [i.to_json() for i in self.due_today],
            "upcoming": [i.to_json() for i in self.upcoming],
            "missed": [i.to_json() for i in self.missed],
            "notes": [i.to_json() for i in self.notes],
            "unscheduled": self.unscheduled,
        }

    def sections(self) -> list[tuple[str, str, list[DigestItem]]]:
        """(key, heading, lines) of each part of the digest, in the order shown."""
        return [
            ("overdue", "Quá hạn", self.overdue),
            ("due_today", "Đến hạn hôm nay", self.due_today),
            ("missed", "Đến hạn trong lúc chương trình đóng", self.missed),
            ("upcoming", f"Sắp đến hạn ({self.days} ngày tới)", self.upcoming),
            ("notes", "Nhắc việc của tôi", self.notes),
        ]

    def summary(self) -> str:
        """The digest in one line; each count is the number of lines its part lists (a line
        standing for several missed times of a recurring task says so: "(113 lần đến hạn)")."""
        what = {"overdue": "việc quá hạn", "missed": "việc đến hạn trong lúc chương trình đóng",
                "due_today": "việc đến hạn hôm nay", "upcoming": f"việc đến hạn trong {self.days} ngày tới",
                "notes": "ghi chú nhắc việc"}
        parts = []
        for key in ("overdue", "missed", "due_today", "upcoming", "notes"):
            items = next(lines for k, _h, lines in self.sections() if k == key)
            if items:
                lines, times = count_of(items)
                parts.append(f"{lines} {what[key]}" + (f" ({times} lần đến hạn)" if times != lines else ""))
        return "; ".join(parts) if parts else "Không có việc nào cần nhắc."


def count_of(items: Sequence[DigestItem]) -> tuple[int, int]:
    """(lines listed, times fallen due): a recurring task missed many times is one line."""
    return len(items), sum(i.count for i in items)


def count_text(items: Sequence[DigestItem]) -> str:
    """The count beside a part's heading, agreeing with its list: "6", or "6 việc, 113 lần"."""
    lines, times = count_of(items)
    return str(lines) if times == lines else f"{lines} việc, {times} lần"


def _lead_texts(index: OccurrenceIndex, task_ids: Iterable[int]) -> dict[int, str]:
    """Lead agencies as written, from the tasks the occurrence index has already read."""
    from cchc_desktop.text.agencies import refs_text

    return {tid: refs_text(index.tasks[tid].lead) for tid in set(task_ids) if tid in index.tasks}


def _item(o: Occurrence, lead: str) -> DigestItem:
    return DigestItem(title=o.title, due=o.due, legal_due=o.legal_due, finish_by=o.finish_by, state=o.state,
                      state_label=o.state_label, task_id=o.task_id, plan_id=o.plan_id,
                      occurrence_due=o.occurrence_due, label=o.label, time_frame=o.time_frame, lead=lead)


def collapse(occs: Sequence[Occurrence], leads: dict[int, str]) -> list[DigestItem]:
    """One line per task: a recurring stack of missed occurrences is one line with a count
    (the digest and the printed reminder list alike)."""
    by_task: dict[int, list[Occurrence]] = {}
    for o in occs:
        by_task.setdefault(o.task_id, []).append(o)
    out = []
    for tid, group in by_task.items():
        group.sort(key=lambda o: o.due)
        item = _item(group[0], leads.get(tid, ""))
        if len(group) > 1:
            item.count = len(group)
            item.last_due = group[-1].due
            if group[0].label.startswith("Tuần từ"):  # weeks are named by their dates already
                item.label = (f"{len(group)} lần, hạn từ {vnformat.date_table(group[0].due)} "
                              f"đến {vnformat.date_table(group[-1].due)}")
            else:
                item.label = f"{len(group)} lần, từ {group[0].label} đến {group[-1].label}"
        out.append(item)
    out.sort(key=lambda i: (i.due, i.title))
    return out


def build_digest(store: Store, today: dt.date | None = None, days: int = DEFAULT_DAYS, *,
                 last_seen: dt.date | None = None, index: OccurrenceIndex | None = None,
                 plan_ids: Sequence[int] | None = None) -> Digest:
    """What the officer must see: overdue, due today, due in the next `days` days, what fell
    due since `last_seen` (the last time the app ran), and own reminders in the window.
    Without `plan_ids`, the plans still in force (`schedule.active_plan_ids`)."""
    if days < 0 or days > 3660:
        raise ValidationError("Số ngày phải từ 0 đến 3660.")
    today = today or dt.date.today()
    if index is None:
        if plan_ids is None:
            plan_ids = schedule.active_plan_ids(store, today)
        index = OccurrenceIndex.load(store, plan_ids=plan_ids, today=today)
    end = today + dt.timedelta(days=days)
    open_now = [o for o in index.between(today, end) if not o.done]
    missed: list[Occurrence] = []
    if last_seen is not None and last_seen < today:
        missed = [o for o in index.between(last_seen + dt.timedelta(days=1), today - dt.timedelta(days=1)) if not o.done]
    # each occurrence is listed once: what fell due while the program was closed is news,
    # the rest of what is overdue was already shown on an earlier day
    news = {(o.task_id, o.due) for o in missed}
    overdue = [o for o in index.overdue() if (o.task_id, o.due) not in news]
    leads = _lead_texts(index, [o.task_id for o in (*overdue, *open_now, *missed)])
    digest = Digest(today=today, days=days, last_seen=last_seen, unscheduled=len(index.unscheduled()))
    digest.overdue = collapse(overdue, leads)
    digest.due_today = [_item(o, leads.get(o.task_id, "")) for o in open_now if o.due == today]
    digest.upcoming = [_item(o, leads.get(o.task_id, "")) for o in open_now if o.due > today]
    digest.missed = collapse(missed, leads)
    for rem, when in expand(store, today, end):
        digest.notes.append(reminder_item(rem, when))
    return digest


def reminder_item(rem: Reminder, when: dt.datetime) -> DigestItem:
    """One time an officer's own reminder falls due, as a line of the digest or the printed list."""
    return DigestItem(title=rem.title, due=when.date(), at=when, reminder_id=rem.id, task_id=rem.task_id,
                      state="note", state_label="Nhắc việc", label=rem.describe_recurrence())


def last_seen(store: Store) -> dt.date | None:
    value = store.settings.get(LAST_SEEN_SETTING)
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def mark_seen(store: Store, day: dt.date | None = None) -> None:
    if is_read_only(store.db):
        return  # a read-only database remembers nothing; the digest shows again next time
    store.settings.set(LAST_SEEN_SETTING, (day or dt.date.today()).isoformat())


# --------------------------------------------------------------------------- alerts at reminder time


@dataclass
class Alert:
    """One notice the window shows when its time comes: a task's round coming due, or an own reminder."""
    key: str  # stable: "task:<id>:<due>:<lead days>" or "note:<id>:<time>"
    when: dt.datetime
    title: str
    text: str
    task_id: int | None = None
    occurrence_due: dt.date | None = None
    reminder_id: int | None = None


def _log(store: Store, keys: Sequence[str]) -> dict[str, tuple[str | None, str | None, int]]:
    out: dict[str, tuple[str | None, str | None, int]] = {}
    for chunk in in_chunks(keys):
        for key, shown, snoozed, dismissed in store.db.execute(
            f"SELECT key, shown_at, snoozed_until, dismissed FROM reminder_log WHERE key IN ({marks(chunk)})", chunk
        ).fetchall():
            out[key] = (shown, snoozed, dismissed)
    return out


def _task_alerts(store: Store, index: OccurrenceIndex, start: dt.datetime, now: dt.datetime) -> list[Alert]:
    default = schedule.global_lead_days(store)
    out = []
    max_lead = max([*default, *(d for s in index.schedules.values() for d in (s.lead_days or ()))], default=0)
    window = index.between(start.date(), now.date() + dt.timedelta(days=max_lead))
    for o in window:
        if o.done:
            continue
        leads = index.lead_days(o.task_id, default)
        for lead in (*leads, 0):
            when = dt.datetime.combine(o.due - dt.timedelta(days=lead), dt.time(REMIND_HOUR))
            if start <= when <= now:
                text = (f"Đến hạn hôm nay, {vnformat.date_table(o.due)}" if lead == 0
                        else f"Còn {lead} ngày: hạn {vnformat.date_table(o.due)}")
                if o.legal_due != o.due:
                    text += f" (ngày nghỉ; nên xong trước {vnformat.date_table(o.finish_by)})"
                out.append(Alert(key=f"task:{o.task_id}:{o.due.isoformat()}:{lead}", when=when, title=o.title,
                                 text=f"{o.label} – {text}", task_id=o.task_id, occurrence_due=o.occurrence_due))
    return out


def pending_alerts(store: Store, now: dt.datetime | None = None, *, since: dt.datetime | None = None,
                   index: OccurrenceIndex | None = None) -> list[Alert]:
    """Alerts whose time has come (since `since`, default 2 days ago) and that were neither shown
    nor dismissed; snoozed ones come back when their snooze ends. For each task occurrence only
    the latest reminder time counts, so a closed week does not produce a stack of popups."""
    now = (now or dt.datetime.now()).replace(tzinfo=None)
    start = since or (now - dt.timedelta(days=2))
    if index is None:
        index = OccurrenceIndex.load(store, plan_ids=schedule.active_plan_ids(store, now.date()), today=now.date())
    alerts = _task_alerts(store, index, start, now)
    for rem, when in expand(store, start.date(), now.date()):
        if start <= when <= now:
            alerts.append(Alert(key=f"note:{rem.id}:{when.isoformat(timespec='minutes')}", when=when,
                                title=rem.title, text=f"Nhắc việc lúc {when:%H:%M} {vnformat.date_table(when.date())}",
                                task_id=rem.task_id, reminder_id=rem.id))
    log = _log(store, [a.key for a in alerts])
    latest: dict[str, Alert] = {}
    for a in sorted(alerts, key=lambda a: a.when, reverse=True):
        group = a.key.rsplit(":", 1)[0] if a.key.startswith("task:") else a.key
        if group in latest:  # only the latest reminder time of an occurrence counts
            continue
        shown, snoozed, dismissed = log.get(a.key, (None, None, 0))
        if dismissed or (snoozed and dt.datetime.fromisoformat(snoozed) > now) or (shown and not snoozed):
            latest[group] = _HANDLED
            continue
        latest[group] = a
    return sorted((a for a in latest.values() if a is not _HANDLED), key=lambda a: a.when)


_HANDLED = Alert(key="", when=dt.datetime.min, title="", text="")


def _upsert(store: Store, key: str, **values: Any) -> None:
    cols = ", ".join(values)
    slots = ", ".join("?" * len(values))
    sets = ", ".join(f"{c} = excluded.{c}" for c in values)
    store.db.execute(
        f"INSERT INTO reminder_log(key, {cols}) VALUES (?, {slots}) ON CONFLICT(key) DO UPDATE SET {sets}",
        [key, *values.values()],
    )


def mark_shown(store: Store, alerts: Iterable[Alert], now: dt.datetime | None = None) -> None:
    if is_read_only(store.db):
        return  # nothing can be remembered in a read-only database
    stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
    with store.db.atomic():
        for a in alerts:
            # every earlier lead time of the same occurrence counts as shown too
            _upsert(store, a.key, shown_at=stamp, snoozed_until=None)


def snooze(store: Store, alert: Alert, until: dt.datetime) -> None:
    with store.db.atomic():
        _upsert(store, alert.key, shown_at=dt.datetime.now().isoformat(timespec="seconds"),
                snoozed_until=until.isoformat(timespec="minutes"))


def dismiss(store: Store, alert: Alert) -> None:
    with store.db.atomic():
        _upsert(store, alert.key, dismissed=1)


def mark_done(store: Store, alert: Alert, done_on: dt.date | None = None, note: str = "") -> None:
    """"Đã xong" from a notification: record the task (occurrence) as done, and stop the alert."""
    from cchc_desktop.store.domain import TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService

    with store.db.atomic():  # both or neither: never recorded with its alert still coming back
        if alert.task_id is not None:
            ProgressService(store).record(ProgressEntry(task_id=alert.task_id, occurrence_due=alert.occurrence_due,
                                                        state=TaskStatus.DONE, done_on=done_on or dt.date.today(),
                                                        note=note))
        dismiss(store, alert)
