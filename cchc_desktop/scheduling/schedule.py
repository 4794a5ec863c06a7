"""Occurrences of tasks and their official states: the one place that turns schedules into dates.

API summary (the calendar, reminders, reports and task list build on this):

- `timeframe.parse_time_frame(text, period_start, period_end) -> TimeFrame`: the text read
  as continuous / deadline / period_end / recurring (RRULE) / unknown, with due dates.
- Schedule JSON (stored in `tasks.schedule` when the officer sets it by hand)::

      {"version": 1, "kind": "deadline" | "period_end" | "recurring" | "continuous" | "auto",
       "dates": ["2024-03-31"],                 # deadline / period_end
       "rrule": "FREQ=MONTHLY;BYMONTH=2,5,8,11;BYMONTHDAY=-1", "dtstart": "2024-01-01",
       "until": "2024-12-31",                   # recurring (dtstart/until default to the plan period)
       "cycle": ["quarter"],                    # names the occurrences ("Quý I/2024")
       "quota": {"count": 1, "unit": "bản tin", "per": "week", "text": "", "at_least": false} | null,
       "lead_days": [7, 1] | null,              # reminder lead times; null: the global setting
       "done": false}                           # "(đã thực hiện)"

  "auto" keeps the dates read from the text and only overrides quota and lead_days.
  `schedule_json(tf, lead_days)` builds it from a TimeFrame, `validate_schedule(data)` checks
  it (Vietnamese ValidationError), `preview(data, period_start, period_end, text)` gives the
  live preview, `save_schedule(store, task_id, data | None)` stores it (None: back to the text).
- `resolve(time_frame, schedule, period_start, period_end, output=...) -> Schedule` (cached) and
  `task_schedule(task, period_start, period_end)`: what a task's dates come from. The quota is
  the one set by hand, else the one written in the time frame, else the one written in
  "Sản phẩm / chỉ tiêu" (`output`), all read by `timeframe.find_quota`.
- `Occurrence`: task_id, plan_id, due (nominal), legal_due (next working day when due is a day
  off), finish_by (last working day on or before due), label ("Quý I/2024"), state, done_on,
  result, per_occurrence (progress is kept per occurrence), `occurrence_due` (the key for
  progress entries: the nominal due of a per-occurrence task, else None).
- States: `STATES` and `STATE_LABELS` (done_on_time, done_late, in_progress, overdue,
  continuous); `compute_state(...)`; overdue is computed, never stored.
- `task_occurrences(task, period_start, period_end, ...)`, `task_state(...)`, and for many
  tasks at once `OccurrenceIndex.load(store)` then `.between(start, end)`, `.of_task(id)`,
  `.task_state(id)`; `load_occurrences(store, start, end)` for a one-off window;
  `urgency(occ, today)` for colouring (done / overdue / soon / later).
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cchc_desktop.errors import ValidationError
from cchc_desktop.scheduling.timeframe import (
    CYCLE_LABELS,
    CYCLES,
    KIND_LABELS,
    Quota,
    TimeFrame,
    check_rrule,
    expand_rrule,
    find_quota,
    parse_time_frame,
)
from cchc_desktop.scheduling.workdays import WorkCalendar
from cchc_desktop.store.domain import Task, TaskStatus
from cchc_desktop.text import vnformat
from cchc_desktop.text.textnorm import one_line

if TYPE_CHECKING:
    from cchc_desktop.store.progress import ProgressEntry
    from cchc_desktop.store.store import Store

SCHEDULE_VERSION = 1
LEAD_DAYS_DEFAULT: tuple[int, ...] = (7, 1)
LEAD_DAYS_SETTING = "reminder_lead_days"  # global default, a JSON list of days
SCHEDULE_KINDS = ("deadline", "period_end", "recurring", "continuous", "auto")
MAX_OCCURRENCES = 3000  # per task and plan period: more is a typing mistake in a rule

DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
IN_PROGRESS = "in_progress"
OVERDUE = "overdue"
CONTINUOUS = "continuous"
STATES = (DONE_ON_TIME, DONE_LATE, IN_PROGRESS, OVERDUE, CONTINUOUS)
STATE_LABELS = {
    DONE_ON_TIME: "Hoàn thành đúng hạn",
    DONE_LATE: "Hoàn thành quá hạn",
    IN_PROGRESS: "Đang thực hiện trong hạn",
    OVERDUE: "Quá hạn chưa hoàn thành",
    CONTINUOUS: "Thường xuyên",
}
UNSCHEDULED_LABEL = "Chưa xác định lịch"

ProgressMap = Mapping[tuple[int, "dt.date | None"], "ProgressEntry"]


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state)


# --------------------------------------------------------------------------- resolved schedules


@dataclass(frozen=True)
class Schedule:
    """Where a task's due dates come from: its time frame text or the schedule set by hand."""

    kind: str  # 'continuous' | 'deadline' | 'period_end' | 'recurring' | 'unknown'
    text: str = ""  # the time frame as written
    dates: tuple[dt.date, ...] = ()  # every due date within the plan period, sorted
    rrule: str | None = None
    dtstart: dt.date | None = None
    until: dt.date | None = None
    cycle: tuple[str, ...] = ()
    quota: Quota | None = None
    lead_days: tuple[int, ...] | None = None  # None: the global setting
    understood: bool = False
    already_done: bool = False
    manual: bool = False  # set by hand in the schedule form

    @property
    def per_occurrence(self) -> bool:
        """Progress is recorded per occurrence (recurring, or several due dates)."""
        return self.kind == "recurring" or len(self.dates) > 1

    @property
    def needs_attention(self) -> bool:
        """Not understood and not set by hand: the task list flags it "chưa xác định lịch"."""
        return not self.understood and not self.manual

    def label_for(self, due: dt.date) -> str:
        if not self.per_occurrence:
            if self.understood and not self.manual and self.text.strip():
                return one_line(self.text)
            return f"Hạn {vnformat.date_table(due)}"
        return occurrence_label(due, self.cycle)

    def describe(self) -> str:
        """One Vietnamese line for the task list and the schedule form."""
        if self.kind == "unknown":
            return UNSCHEDULED_LABEL
        if self.kind == "continuous":
            return "Thường xuyên"
        if self.kind == "recurring":
            name = ", ".join(CYCLE_LABELS[c] for c in self.cycle) or "định kỳ"
            return f"Định kỳ {name} ({len(self.dates)} lần)"
        if len(self.dates) == 1:
            return f"Hạn {vnformat.date_table(self.dates[0])}"
        return f"{len(self.dates)} hạn"


def occurrence_label(due: dt.date, cycle: Sequence[str]) -> str:
    """"Quý I/2024", "6 tháng đầu năm 2024", "Năm 2024", "Tháng 3/2024", "Tuần từ 29/01/2024 đến 04/02/2024"."""
    return _occurrence_label(due, tuple(cycle))


@lru_cache(maxsize=65536)
def _occurrence_label(due: dt.date, cycle: tuple[str, ...]) -> str:
    cs = set(cycle)
    y, m = due.year, due.month
    if cs == {"year"} or ("year" in cs and m == 12):
        return f"Năm {y}"
    if "half" in cs and m == 6:
        return f"6 tháng đầu năm {y}"
    if "quarter" in cs:
        return f"{vnformat.quarter_label((m - 1) // 3 + 1)}/{y}"
    if "half" in cs:
        return f"6 tháng {'đầu' if m <= 6 else 'cuối'} năm {y}"
    if "month" in cs:
        return f"Tháng {m}/{y}"
    if "week" in cs:  # by its dates: "Tuần 53/2015" for 01/01/2016 reads wrong to anyone
        monday = due - dt.timedelta(days=due.weekday())
        return f"Tuần từ {vnformat.date_table(monday)} đến {vnformat.date_table(monday + dt.timedelta(days=6))}"
    return vnformat.date_table(due)


def _period_bounds(period_start: int, period_end: int | None) -> tuple[dt.date, dt.date] | None:
    end = period_end or period_start
    if not (1900 <= period_start <= 2200 and period_start <= end <= period_start + 50):
        return None
    return dt.date(period_start, 1, 1), dt.date(end, 12, 31)


def _quota_from(data: Any) -> Quota | None:
    if not isinstance(data, dict):
        return None
    return Quota(
        count=int(data.get("count") or 0), unit=str(data.get("unit") or ""), per=data.get("per") or None,
        text=str(data.get("text") or ""), at_least=bool(data.get("at_least")),
    )


def _quota_json(q: Quota | None) -> dict[str, Any] | None:
    if q is None:
        return None
    return {"count": q.count, "unit": q.unit, "per": q.per, "text": q.text, "at_least": q.at_least}


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def schedule_json(tf: TimeFrame, lead_days: Sequence[int] | None = None) -> dict[str, Any]:
    """The schedule JSON of a parsed time frame (the form starts from it)."""
    kind = tf.kind if tf.kind in SCHEDULE_KINDS else "deadline"
    return {
        "version": SCHEDULE_VERSION,
        "kind": kind,
        "dates": [] if tf.rrule else [d.isoformat() for d in tf.due],
        "rrule": tf.rrule,
        "dtstart": _iso(tf.dtstart),
        "until": _iso(tf.until),
        "cycle": list(tf.cycle),
        "quota": _quota_json(tf.quota),
        "lead_days": list(lead_days) if lead_days is not None else None,
        "done": tf.already_done,
    }


def _parse_iso(value: Any, label: str) -> dt.date:
    try:
        d = dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(f"{label} không hợp lệ: «{value}».") from None
    if not (1900 <= d.year <= 2200):
        raise ValidationError(f"{label} phải trong khoảng năm 1900-2200.")
    return d


def validate_schedule(data: Mapping[str, Any]) -> dict[str, Any]:
    """A clean copy of a schedule JSON; raises ValidationError (Vietnamese) when it is not usable."""
    if not isinstance(data, Mapping):
        raise ValidationError("Lịch thực hiện phải là một đối tượng JSON.")
    kind = data.get("kind")
    if kind not in SCHEDULE_KINDS:
        raise ValidationError("Loại lịch không hợp lệ: chọn hạn cụ thể, hết thời kỳ, định kỳ hoặc thường xuyên.")
    out: dict[str, Any] = {"version": SCHEDULE_VERSION, "kind": kind}
    dates = [_parse_iso(v, "Ngày hạn") for v in data.get("dates") or []]
    if kind in ("deadline", "period_end") and not dates:
        raise ValidationError("Hãy nhập ít nhất một ngày hạn.")
    if len(dates) > MAX_OCCURRENCES:
        raise ValidationError("Quá nhiều ngày hạn.")
    out["dates"] = sorted({d.isoformat() for d in dates}) if kind in ("deadline", "period_end") else []
    rule = data.get("rrule") or None
    dtstart = _parse_iso(data["dtstart"], "Ngày bắt đầu lặp") if data.get("dtstart") else None
    until = _parse_iso(data["until"], "Ngày kết thúc lặp") if data.get("until") else None
    if kind == "recurring":
        if not isinstance(rule, str) or not rule.strip():
            raise ValidationError("Lịch định kỳ cần quy tắc lặp (tần suất và ngày).")
        problem = check_rrule(rule)
        if problem:
            raise ValidationError(problem)
        if dtstart and until and until < dtstart:
            raise ValidationError("Ngày kết thúc lặp phải sau ngày bắt đầu.")
        if dtstart and until and len(expand_rrule(rule.strip(), dtstart, until)) > MAX_OCCURRENCES:
            raise ValidationError("Lịch lặp quá dày (hơn 3.000 lần trong kỳ); hãy kiểm tra tần suất.")
        out["rrule"] = rule.strip().removeprefix("RRULE:")
    else:
        out["rrule"] = None
    out["dtstart"] = _iso(dtstart) if kind == "recurring" else None
    out["until"] = _iso(until) if kind == "recurring" else None
    cycle = [c for c in data.get("cycle") or [] if c in CYCLES]
    out["cycle"] = [c for c in CYCLES if c in cycle]
    quota = data.get("quota")
    if quota:
        if not isinstance(quota, Mapping):
            raise ValidationError("Chỉ tiêu không hợp lệ.")
        try:
            count = int(quota.get("count"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValidationError("Số lượng chỉ tiêu phải là số nguyên.") from None
        if not 0 < count <= 100_000:
            raise ValidationError("Số lượng chỉ tiêu phải từ 1 đến 100.000.")
        unit = one_line(str(quota.get("unit") or ""))
        if not unit or len(unit) > 100:
            raise ValidationError("Hãy ghi đơn vị của chỉ tiêu (ví dụ: tin, bài; bản tin), tối đa 100 ký tự.")
        per = quota.get("per") or None
        if per not in (None, "week", "month", "quarter", "year"):
            raise ValidationError("Chỉ tiêu tính theo tuần, tháng, quý, năm hoặc cả kỳ.")
        out["quota"] = {"count": count, "unit": unit, "per": per, "text": one_line(str(quota.get("text") or "")),
                        "at_least": bool(quota.get("at_least"))}
    else:
        out["quota"] = None
    lead = data.get("lead_days")
    if lead is None:
        out["lead_days"] = None
    else:
        try:
            days = sorted({int(x) for x in lead}, reverse=True)
        except (TypeError, ValueError):
            raise ValidationError("Số ngày nhắc trước phải là số nguyên.") from None
        if len(days) > 6 or any(not 0 <= d <= 365 for d in days):
            raise ValidationError("Số ngày nhắc trước phải từ 0 đến 365 (tối đa 6 lần nhắc).")
        out["lead_days"] = days
    out["done"] = bool(data.get("done"))
    return out


def _build(time_frame: str, data: Mapping[str, Any] | None, period_start: int, period_end: int | None,
           output: str = "") -> Schedule:
    tf = parse_time_frame(time_frame, period_start, period_end)
    parsed = Schedule(
        kind=tf.kind, text=time_frame, dates=tf.due, rrule=tf.rrule, dtstart=tf.dtstart, until=tf.until,
        cycle=tf.cycle, quota=tf.quota or find_quota(output), understood=tf.understood,
        already_done=tf.already_done,
    )
    if not data:
        return parsed
    try:
        clean = validate_schedule(data)
    except ValidationError:
        return parsed  # a damaged stored schedule falls back to the text rather than hiding the task
    lead = tuple(clean["lead_days"]) if clean["lead_days"] is not None else None
    quota = _quota_from(clean["quota"]) if clean["quota"] is not None else None
    if clean["kind"] == "auto":
        return Schedule(
            kind=parsed.kind, text=time_frame, dates=parsed.dates, rrule=parsed.rrule, dtstart=parsed.dtstart,
            until=parsed.until, cycle=parsed.cycle, quota=quota or parsed.quota, lead_days=lead,
            understood=parsed.understood, already_done=parsed.already_done or clean["done"],
        )
    kind = clean["kind"]
    dates: tuple[dt.date, ...] = tuple(dt.date.fromisoformat(d) for d in clean["dates"])
    dtstart = until = None
    if kind == "recurring":
        bounds = _period_bounds(period_start, period_end)
        dtstart = dt.date.fromisoformat(clean["dtstart"]) if clean["dtstart"] else (bounds[0] if bounds else None)
        until = dt.date.fromisoformat(clean["until"]) if clean["until"] else (bounds[1] if bounds else None)
        dates = expand_rrule(clean["rrule"], dtstart, until)[:MAX_OCCURRENCES] if dtstart and until else ()
    return Schedule(
        kind=kind, text=time_frame, dates=dates, rrule=clean["rrule"], dtstart=dtstart, until=until,
        cycle=tuple(clean["cycle"]), quota=quota or find_quota(output), lead_days=lead, understood=True,
        already_done=clean["done"], manual=True,
    )


@lru_cache(maxsize=32768)
def _resolve_cached(time_frame: str, data_key: str | None, period_start: int, period_end: int | None,
                    output: str) -> Schedule:
    data = json.loads(data_key) if data_key else None
    return _build(time_frame, data, period_start, period_end, output)


def resolve(time_frame: str, schedule: Mapping[str, Any] | None, period_start: int, period_end: int | None = None,
            output: str = "") -> Schedule:
    """The schedule of a task: `schedule` (set by hand) when given, else read from the text;
    `output` ("Sản phẩm / chỉ tiêu") gives the quota when neither states one."""
    key = json.dumps(schedule, sort_keys=True, ensure_ascii=False) if schedule else None
    return _resolve_cached(time_frame or "", key, period_start, period_end, output or "")


def task_schedule(task: Task, period_start: int, period_end: int | None = None) -> Schedule:
    return resolve(task.time_frame, task.schedule, period_start, period_end, task.output)


@dataclass
class Preview:
    """What the schedule form shows while the officer types."""

    dates: list[dt.date] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    error: str | None = None
    summary: str = ""


def preview(data: Mapping[str, Any] | None, period_start: int, period_end: int | None = None, text: str = "",
            limit: int = 400) -> Preview:
    """The dates a schedule (or, when `data` is None, the text) gives; never raises."""
    try:
        if data:
            validate_schedule(data)
        sched = resolve(text, data, period_start, period_end)
    except ValidationError as exc:
        return Preview(error=exc.message)
    except Exception as exc:  # noqa: BLE001 - a preview must not break the form while typing
        return Preview(error=f"Không tính được lịch: {exc}")
    dates = list(sched.dates[:limit])
    error = None
    if sched.kind == "unknown":
        error = "Chưa hiểu thời gian thực hiện; hãy chọn loại lịch và ngày hạn."
    return Preview(dates=dates, labels=[sched.label_for(d) for d in dates], error=error, summary=sched.describe())


def save_schedule(store: Store, task_id: int, data: Mapping[str, Any] | None) -> Task:
    """Store a schedule set by hand (None: read it from the time frame again); one transaction."""
    task = store.tasks.get(task_id)
    schedule = validate_schedule(data) if data is not None else None
    return store.tasks.update(replace(task, schedule=schedule), base=task)  # the schedule only


def global_lead_days(store: Store | None) -> tuple[int, ...]:
    if store is None:
        return LEAD_DAYS_DEFAULT
    value = store.settings.get(LEAD_DAYS_SETTING)
    try:
        days = tuple(sorted({int(x) for x in value if 0 <= int(x) <= 365}, reverse=True)) if value else ()
    except (TypeError, ValueError):
        days = ()
    return days or LEAD_DAYS_DEFAULT


def set_global_lead_days(store: Store, days: Iterable[int]) -> tuple[int, ...]:
    clean = validate_schedule({"kind": "auto", "lead_days": list(days)})["lead_days"]
    if not clean:
        raise ValidationError("Hãy chọn ít nhất một lần nhắc.")
    store.settings.set(LEAD_DAYS_SETTING, clean)
    return tuple(clean)


# --------------------------------------------------------------------------- occurrences and states


@dataclass(slots=True)
class Occurrence:
    """One round of a task: when it is due, when it must be done by, and its state as of a day."""
    task_id: int
    plan_id: int | None
    due: dt.date  # nominal: what the time frame says
    legal_due: dt.date  # the next working day when `due` is a day off (BLDS 2015, Điều 148)
    finish_by: dt.date  # the last working day on or before `due`
    label: str
    state: str
    done_on: dt.date | None = None
    result: str = ""
    per_occurrence: bool = False
    title: str = ""  # the task's content
    time_frame: str = ""
    count: int | None = None  # quantity reported against the quota

    @property
    def occurrence_due(self) -> dt.date | None:
        """The `occurrence_due` of progress entries for this occurrence (None: the task as a whole)."""
        return self.due if self.per_occurrence else None

    @property
    def key(self) -> str:
        return f"task:{self.task_id}:{self.due.isoformat()}"

    @property
    def done(self) -> bool:
        return self.state in (DONE_ON_TIME, DONE_LATE)

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def moved(self) -> bool:
        """The due date is a day off: the legal deadline and the finish-by date differ from it."""
        return self.legal_due != self.due or self.finish_by != self.due


def compute_state(*, done: bool, done_on: dt.date | None, legal_due: dt.date | None, today: dt.date,
                  continuous: bool = False) -> str:
    """The official state: done on time / late by the legal deadline, overdue, in progress."""
    if done:
        if legal_due is not None and done_on is not None and done_on > legal_due:
            return DONE_LATE
        return DONE_ON_TIME
    if continuous:
        return CONTINUOUS
    if legal_due is not None and today > legal_due:
        return OVERDUE
    return IN_PROGRESS


def urgency(occ: Occurrence, today: dt.date, soon_days: int = 7) -> str:
    """'done', 'overdue', 'soon' (due within `soon_days`) or 'later', for colours."""
    if occ.done:
        return "done"
    if occ.state == OVERDUE:
        return "overdue"
    if occ.due - today <= dt.timedelta(days=soon_days):
        return "soon"
    return "later"


def occurrence(task: Task, sched: Schedule, due: dt.date, progress: ProgressMap, calendar: WorkCalendar,
               today: dt.date) -> Occurrence:
    """The occurrence of `task` due on `due` (one of its schedule's dates), with its label and state."""
    legal = calendar.legal_deadline(due)
    per = sched.per_occurrence
    tid = int(task.id or 0)
    done_on: dt.date | None
    if per:
        entry = progress.get((tid, due))
        if entry is not None:
            done = entry.state == TaskStatus.DONE
            done_on = entry.done_on if done else None
        else:
            # The whole task declared finished, or "(đã thực hiện)": nothing left open.
            done = task.status == TaskStatus.DONE or sched.already_done
            done_on = task.completed_on if task.status == TaskStatus.DONE else None
    else:
        entry = progress.get((tid, None))
        done = task.status == TaskStatus.DONE or sched.already_done
        done_on = task.completed_on if task.status == TaskStatus.DONE else None
    return Occurrence(
        task_id=tid, plan_id=task.plan_id, due=due, legal_due=legal, finish_by=calendar.finish_by(due),
        label=sched.label_for(due), state=compute_state(done=done, done_on=done_on, legal_due=legal, today=today),
        done_on=done_on, result=entry.note if entry is not None else "", per_occurrence=per, title=task.content,
        time_frame=task.time_frame, count=entry.count if entry is not None else None,
    )


_occurrence = occurrence


def task_occurrences(task: Task, period_start: int, period_end: int | None = None, *, start: dt.date | None = None,
                     end: dt.date | None = None, progress: ProgressMap | None = None,
                     calendar: WorkCalendar | None = None, today: dt.date | None = None) -> list[Occurrence]:
    """A task's occurrences with due dates in [start, end] (default: the whole plan period)."""
    sched = task_schedule(task, period_start, period_end)
    cal = calendar or WorkCalendar(None)
    ref = today or dt.date.today()
    return [
        _occurrence(task, sched, d, progress or {}, cal, ref)
        for d in sched.dates
        if (start is None or d >= start) and (end is None or d <= end)
    ]


def aggregate_state(task: Task, sched: Schedule, occurrences: Sequence[Occurrence]) -> str:
    """A task's official state from its occurrences: overdue when any is, done when all are."""
    return _aggregate(task, sched, occurrences)


def _aggregate(task: Task, sched: Schedule, occurrences: Sequence[Occurrence]) -> str:
    return aggregate_states(task, sched, [o.state for o in occurrences])


def aggregate_states(task: Task, sched: Schedule, occurrence_states: Sequence[str]) -> str:
    """`aggregate_state` from the occurrences' states alone."""
    if sched.kind == "continuous" or not occurrence_states:
        done = task.status == TaskStatus.DONE or sched.already_done
        if done:
            return DONE_ON_TIME
        return CONTINUOUS if sched.kind == "continuous" else IN_PROGRESS
    states = set(occurrence_states)
    if OVERDUE in states:
        return OVERDUE
    if IN_PROGRESS in states:
        return IN_PROGRESS
    return DONE_LATE if DONE_LATE in states else DONE_ON_TIME


def task_state(task: Task, period_start: int, period_end: int | None = None, *, progress: ProgressMap | None = None,
               calendar: WorkCalendar | None = None, today: dt.date | None = None) -> str:
    """The task's official state as of `today`: overdue when any occurrence is, done when all are."""
    sched = task_schedule(task, period_start, period_end)
    occ = task_occurrences(task, period_start, period_end, progress=progress, calendar=calendar, today=today)
    return _aggregate(task, sched, occ)


class OccurrenceIndex:
    """Every occurrence of many tasks, computed once and sorted, so that a month or a week
    is a slice (the calendar switches months without recomputing anything)."""

    def __init__(self, tasks: Iterable[Task], periods: Mapping[int, tuple[int, int | None]], *,
                 progress: ProgressMap | None = None, calendar: WorkCalendar | None = None,
                 today: dt.date | None = None, dues_within: tuple[dt.date, dt.date] | None = None,
                 schedules: dict[int, Schedule] | None = None) -> None:
        """`dues_within` (first, last day): only the occurrences due in those days are made (a
        calendar year of a ten-year database, not the three years of its plans); the tasks'
        states (`task_state`, `of_task`, `overdue`) then know only those. `schedules`: the
        tasks' schedules by task id, made once for several indexes of the same tasks (the
        calendar's years and the days of a neighbouring year its grid shows)."""
        self.today = today or dt.date.today()
        self.calendar = calendar or WorkCalendar(None)
        progress = progress or {}
        self.tasks: dict[int, Task] = {}
        self.schedules: dict[int, Schedule] = {}
        self._by_task: dict[int, list[Occurrence]] = defaultdict(list)
        everything: list[Occurrence] = []
        for task in tasks:
            if task.id is None or task.plan_id is None or task.plan_id not in periods:
                continue
            sched = schedules.get(task.id) if schedules is not None else None
            if sched is None:
                sched = task_schedule(task, *periods[task.plan_id])
                if schedules is not None:
                    schedules[task.id] = sched
            self.tasks[task.id] = task
            self.schedules[task.id] = sched
            dates = sched.dates if dues_within is None else [
                d for d in sched.dates if dues_within[0] <= d <= dues_within[1]]
            for d in dates:
                occ = _occurrence(task, sched, d, progress, self.calendar, self.today)
                everything.append(occ)
                self._by_task[task.id].append(occ)
        everything.sort(key=lambda o: (o.due, o.plan_id or 0, o.task_id))
        self._all = everything
        self._dues = [o.due for o in everything]

    @classmethod
    def load(cls, store: Store, *, plan_ids: Sequence[int] | None = None, today: dt.date | None = None,
             calendar: WorkCalendar | None = None, years: tuple[int, int] | None = None,
             dues_within: tuple[dt.date, dt.date] | None = None) -> OccurrenceIndex:
        """`years` (first, last) keeps only plans whose period touches those years (give or take
        one), so that a calendar year of a ten-year database reads one or two years of plans;
        `dues_within` as for the index itself."""
        tasks, periods, progress = cls.read(store, plan_ids=plan_ids, years=years)
        return cls(tasks, periods, progress=progress, calendar=calendar or WorkCalendar(store), today=today,
                   dues_within=dues_within)

    @staticmethod
    def read(store: Store, *, plan_ids: Sequence[int] | None = None, years: tuple[int, int] | None = None
             ) -> tuple[list[Task], dict[int, tuple[int, int | None]], ProgressMap]:
        """What `load` reads: the plans' tasks, the plans' periods and the progress recorded (for
        several indexes of the same plans)."""
        from cchc_desktop.store.progress import ProgressService

        plans = [p for p in store.plans.list() if plan_ids is None or p.id in plan_ids]
        if years is not None:
            plans = [p for p in plans if touches_years(p, *years)]
        periods: dict[int, tuple[int, int | None]] = {
            int(p.id): (p.period_start, p.period_end) for p in plans if p.id is not None}
        tasks = store.tasks.tasks_of_plans(list(periods))
        return tasks, periods, ProgressService(store).latest_by_occurrence([int(t.id) for t in tasks if t.id is not None])

    def __len__(self) -> int:
        return len(self._all)

    def all(self) -> list[Occurrence]:
        return list(self._all)

    def between(self, start: dt.date, end: dt.date) -> list[Occurrence]:
        """Occurrences with nominal due dates from `start` to `end`, both included, by date."""
        lo = bisect.bisect_left(self._dues, start)
        hi = bisect.bisect_right(self._dues, end)
        return self._all[lo:hi]

    def of_task(self, task_id: int) -> list[Occurrence]:
        return list(self._by_task.get(task_id, []))

    def lead_days(self, task_id: int, default: tuple[int, ...]) -> tuple[int, ...]:
        """The task's own reminder lead times, else `default` (the global setting)."""
        sched = self.schedules.get(task_id)
        return sched.lead_days if sched is not None and sched.lead_days is not None else default

    def task_state(self, task_id: int) -> str:
        return _aggregate(self.tasks[task_id], self.schedules[task_id], self._by_task.get(task_id, []))

    def task_states(self) -> dict[int, str]:
        return {tid: self.task_state(tid) for tid in self.tasks}

    def overdue(self) -> list[Occurrence]:
        return [o for o in self._all if o.state == OVERDUE]

    def unscheduled(self) -> list[int]:
        """Tasks whose time frame was not understood and has no schedule set by hand."""
        return [tid for tid, s in self.schedules.items() if s.needs_attention]


def load_occurrences(store: Store, start: dt.date, end: dt.date, *, plan_ids: Sequence[int] | None = None,
                     today: dt.date | None = None) -> list[Occurrence]:
    """Occurrences of all plans' tasks (or some plans') due from `start` to `end`."""
    index = OccurrenceIndex.load(store, plan_ids=plan_ids, today=today, years=(start.year, end.year),
                                 dues_within=(start, end))
    return index.between(start, end)


def touches_years(plan: Any, first: int, last: int) -> bool:
    """A plan whose period touches the years `first`..`last`, give or take one (a plan without a
    period always does): the plans whose occurrences a calendar of those years may show."""
    if not plan.period_start:
        return True
    return plan.period_start <= last + 1 and (plan.period_end or plan.period_start) >= first - 1


def active_plan_ids(store: Store, today: dt.date | None = None) -> list[int]:
    """Plans whose reminders still matter: not marked "hết hiệu lực" and with a period that has
    not ended before last year (a plan's late work is still chased in the January after it)."""
    from cchc_desktop.store.domain import PlanStatus

    year = (today or dt.date.today()).year
    return [int(p.id) for p in store.plans.list() if p.id is not None and p.status != PlanStatus.EXPIRED
            and (not p.period_start or (p.period_end or p.period_start) >= year - 1)]


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


# --------------------------------------------------------------------------- per-task summary for lists


@dataclass(frozen=True, slots=True)
class TaskSummary:
    """What the task list shows of a task's schedule: the computed state and the next deadline."""

    state: str
    state_label: str
    next_due: dt.date | None  # the earliest open occurrence (overdue ones first), None when none is open
    due_text: str  # "15/01/2024", "31/03/2024 (+3 lần)", "Thường xuyên", "Chưa xác định lịch"
    overdue: int  # open occurrences past their legal deadline
    needs_attention: bool  # "chưa xác định lịch"


class TaskDueBook:
    """Task summaries computed on demand and cached: a list of 50,000 tasks only pays for the
    rows it shows; a filter on the computed state pays once for all of them."""

    def __init__(self, store: Store, plans: Iterable[Any], *, today: dt.date | None = None,
                 task_ids: Sequence[int] | None = None) -> None:
        """`task_ids`: the tasks the list shows, whose progress is read (None: every task's)."""
        from cchc_desktop.store.progress import ProgressService

        self.today = today or dt.date.today()
        self._task_ids = list(task_ids) if task_ids is not None else None
        self.calendar = WorkCalendar(store)
        self._periods = {int(p.id): (p.period_start, p.period_end or None) for p in plans if p.id is not None}
        self._progress_service = ProgressService(store)
        self._progress: ProgressMap | None = None
        self._cache: dict[int, TaskSummary] = {}

    def _progress_map(self) -> ProgressMap:
        if self._progress is None:
            self._progress = self._progress_service.latest_by_occurrence(self._task_ids)
        return self._progress

    def summary(self, task: Task) -> TaskSummary:
        tid = int(task.id or 0)
        hit = self._cache.get(tid)
        if hit is not None:
            return hit
        ps, pe = self._periods.get(int(task.plan_id or 0), (self.today.year, None))
        sched = task_schedule(task, ps, pe)
        occ = [_occurrence(task, sched, d, self._progress_map(), self.calendar, self.today) for d in sched.dates]
        state = _aggregate(task, sched, occ)
        open_occ = [o for o in occ if not o.done]
        overdue = sum(1 for o in open_occ if o.state == OVERDUE)
        nxt = open_occ[0].due if open_occ else None
        if sched.needs_attention:
            text = UNSCHEDULED_LABEL
        elif sched.kind == "continuous":
            text = "Thường xuyên"
        elif nxt is None:
            text = "Đã xong" if occ else "—"
        else:
            text = vnformat.date_table(nxt)
            if len(open_occ) > 1:
                text += f" (+{len(open_occ) - 1} lần)"
        hit = self._cache[tid] = TaskSummary(state=state, state_label=state_label(state), next_due=nxt, due_text=text,
                                             overdue=overdue, needs_attention=sched.needs_attention)
        return hit
