"""Statistics of a reporting period: the one computation the Báo cáo tab, the CLI and the
documents all read, so that screen, JSON, spreadsheet and paper never disagree.

- `parse_period("2025-Q1" | "2025-H1" | "2025-9M" | "2025" | "FROM:TO")` -> `Period`
  (dates ISO or dd/mm/yyyy), with its Vietnamese label ("Quý I năm 2025").
- `build_report(store, period, plan_ids=None, today=None)` -> `Report`: counts in the four
  official states plus continuous tasks, per lead agency (aliases merged through the
  registry), quotas target vs achieved, the task ids behind every number, evidence.
- `report_texts(store, report)` / `save_report_texts(...)`: the officer's sections.

States come from `cchc_desktop.scheduling.schedule`; a report is computed "as of" the earlier of
today and the period's last day, so a Quý I report printed in May shows Quý I as it stood.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from cchc_desktop.errors import ValidationError
from cchc_desktop.scheduling import schedule as sch
from cchc_desktop.scheduling.workdays import WorkCalendar
from cchc_desktop.store.db import many_objects
from cchc_desktop.store.domain import Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.text import vnformat
from cchc_desktop.text.textnorm import clean, fold, sort_key

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

OFFICIAL_STATES = (sch.DONE_ON_TIME, sch.DONE_LATE, sch.IN_PROGRESS, sch.OVERDUE)
ALL_STATES = (*OFFICIAL_STATES, sch.CONTINUOUS)
NO_LEAD_KEY = "none"
NO_LEAD_LABEL = "Chưa ghi cơ quan chủ trì"
TEXT_KEYS = ("results", "shortcomings", "next_tasks", "recipients")
TEXT_LABELS = {
    "results": "Kết quả thực hiện",
    "shortcomings": "Tồn tại, hạn chế",
    "next_tasks": "Nhiệm vụ trọng tâm kỳ tới",
    "recipients": "Nơi nhận",
}
DEFAULT_RECIPIENTS = "Lưu: VT."
_TEXTS_SETTING = "report_texts"


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    code: str  # "2025-Q1", "2025-H1", "2025-9M", "2025", "2025-01-15:2025-02-14"
    label: str  # "Quý I năm 2025"

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def phrase(self) -> str:
        """The label inside a sentence: "quý I năm 2025", "6 tháng đầu năm 2025"."""
        return self.label[:1].lower() + self.label[1:]

    @property
    def opening(self) -> str:
        """The period opening a sentence: "Trong quý I năm 2025", "Trong năm 2025",
        "Từ ngày 01/01/2024 đến ngày 31/12/2025" (a range already says when)."""
        if self.label.startswith("từ ngày"):
            return self.label[:1].upper() + self.label[1:]
        return f"Trong {self.phrase}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


_PERIOD_RE = re.compile(r"^\s*(\d{4})(?:\s*-\s*(Q[1-4]|H[12]|9M))?\s*$", re.IGNORECASE)


def quarter(year: int, q: int) -> Period:
    start = dt.date(year, 3 * q - 2, 1)
    end = _month_end(year, 3 * q)
    return Period(start, end, f"{year}-Q{q}", f"{vnformat.quarter_label(q)} năm {year}")


def half_year(year: int, h: int = 1) -> Period:
    if h == 1:
        return Period(dt.date(year, 1, 1), dt.date(year, 6, 30), f"{year}-H1", f"6 tháng đầu năm {year}")
    return Period(dt.date(year, 7, 1), dt.date(year, 12, 31), f"{year}-H2", f"6 tháng cuối năm {year}")


def nine_months(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 9, 30), f"{year}-9M", f"9 tháng năm {year}")


def whole_year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year), f"năm {year}")


def custom(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise ValidationError("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")
    if not (1900 <= start.year <= 2200 and 1900 <= end.year <= 2200):
        raise ValidationError("Kỳ báo cáo phải trong khoảng năm 1900-2200.")
    label = f"từ ngày {vnformat.date_table(start)} đến ngày {vnformat.date_table(end)}"
    return Period(start, end, f"{start.isoformat()}:{end.isoformat()}", label)


def parse_period(text: str) -> Period:
    """"2025-Q1", "2025-H1", "2025-9M", "2025", or "FROM:TO" (2025-01-15:2025-02-14, 15/01/2025:14/02/2025)."""
    raw = (text or "").strip()
    if ":" in raw:
        left, _, right = raw.partition(":")
        return custom(vnformat.parse_date(left.strip()), vnformat.parse_date(right.strip()))
    m = _PERIOD_RE.match(raw)
    if not m:
        raise ValidationError(
            f"Kỳ báo cáo không hợp lệ: «{raw}». Ghi 2025-Q1 (quý), 2025-H1 (6 tháng đầu năm), "
            "2025-9M (9 tháng), 2025 (cả năm) hoặc TỪ:ĐẾN (01/01/2025:31/03/2025)."
        )
    year = int(m.group(1))
    if not 1900 <= year <= 2200:
        raise ValidationError("Năm của kỳ báo cáo phải trong khoảng 1900-2200.")
    part = (m.group(2) or "").upper()
    if not part:
        return whole_year(year)
    if part.startswith("Q"):
        return quarter(year, int(part[1]))
    if part.startswith("H"):
        return half_year(year, int(part[1]))
    return nine_months(year)


def standard_periods(year: int) -> list[Period]:
    """The periods offered in the tab: four quarters, 6 months, 9 months, the year."""
    return [quarter(year, q) for q in range(1, 5)] + [half_year(year), nine_months(year), whole_year(year)]


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


# --------------------------------------------------------------------------- results


@dataclass
class StateCounts:
    """Task ids per state; every number on screen and paper is len() of one of these lists."""

    ids: dict[str, list[int]] = field(default_factory=lambda: {s: [] for s in ALL_STATES})

    def add(self, state: str, task_id: int) -> None:
        self.ids[state].append(task_id)

    def count(self, state: str) -> int:
        return len(self.ids[state])

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.ids.values())

    @property
    def official_total(self) -> int:
        return sum(len(self.ids[s]) for s in OFFICIAL_STATES)

    @property
    def done(self) -> int:
        return self.count(sch.DONE_ON_TIME) + self.count(sch.DONE_LATE)

    def percent(self, state: str) -> float:
        """Share of all tasks in the period (continuous included), 0-100, one decimal."""
        return round(100.0 * self.count(state) / self.total, 1) if self.total else 0.0

    def percent_text(self, state: str) -> str:
        return vnformat.percent(self.count(state), self.total)

    def all_ids(self) -> list[int]:
        return sorted(i for v in self.ids.values() for i in v)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {s: self.count(s) for s in ALL_STATES}
        data["total"] = self.total
        data["percent"] = {s: self.percent(s) for s in ALL_STATES}
        return data


@dataclass
class AgencyRow:
    key: str  # "agency:12" (registry), "text:<folded>" (a phrase not in the registry), "none"
    name: str
    abbreviation: str = ""
    agency_id: int | None = None
    counts: StateCounts = field(default_factory=StateCounts)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "agency_id": self.agency_id, "name": self.name, "abbreviation": self.abbreviation,
                **self.counts.to_json(), "task_ids": self.counts.all_ids()}


@dataclass
class QuotaRow:
    task_id: int
    content: str
    agencies: list[str]  # lead agency keys
    agency_names: list[str]
    quota_text: str  # "3 tin (bài)/tháng"
    unit: str
    target: int
    achieved: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.achieved / self.target, 1) if self.target else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"task_id": self.task_id, "content": self.content, "agencies": self.agency_names,
                "quota": self.quota_text, "unit": self.unit, "target": self.target, "achieved": self.achieved,
                "percent": self.percent}


@dataclass
class AgencyQuotaRow:
    key: str
    name: str
    unit: str
    target: int = 0
    achieved: int = 0
    task_ids: list[int] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return round(100.0 * self.achieved / self.target, 1) if self.target else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "unit": self.unit, "target": self.target,
                "achieved": self.achieved, "percent": self.percent, "task_ids": self.task_ids}


@dataclass
class Evidence:
    """One piece of evidence recorded for a task in the period."""

    task_id: int
    entry_id: int
    day: dt.date | None  # when the work was done (or reported)
    number: str
    date: dt.date | None
    link: str
    note: str
    officer: str
    attachments: list[str] = field(default_factory=list)  # file names
    recorded_by: str = ""  # who wrote the progress entry (the user account)
    recorded_at: str = ""  # when it was written (ISO timestamp)

    def to_json(self) -> dict[str, Any]:
        return {"task_id": self.task_id, "entry_id": self.entry_id, "day": _iso(self.day), "number": self.number,
                "date": _iso(self.date), "link": self.link, "note": self.note, "officer": self.officer,
                "attachments": self.attachments, "recorded_by": self.recorded_by, "recorded_at": self.recorded_at}


@dataclass
class TaskLine:
    """One task as the report sees it: its state in the period and what was done."""

    task_id: int
    plan_id: int
    content: str
    lead: list[str]  # names as written
    agency_keys: list[str]
    time_frame: str
    state: str
    results: list[str]  # notes of the period's progress entries, oldest first
    officer: str
    unscheduled: bool = False
    stt: int = 0  # printed number in its group
    group: str = ""  # the group row it is printed under
    group_number: str = ""  # that group's Roman numeral in the plan's appendix ("I", "II" ...)
    dues: tuple[dt.date, ...] = ()  # nominal due dates of the occurrences judged in the period
    make_occurrences: Callable[[], list[sch.Occurrence]] | None = field(default=None, repr=False, compare=False)
    _occurrences: list[sch.Occurrence] | None = field(default=None, repr=False, compare=False)

    @property
    def occurrences(self) -> list[sch.Occurrence]:
        """The occurrences judged in the period, with their labels: made when first asked for
        (a printed or listed row), never for the counts alone."""
        if self._occurrences is None:
            self._occurrences = self.make_occurrences() if self.make_occurrences is not None else []
        return self._occurrences

    @property
    def state_label(self) -> str:
        return sch.state_label(self.state)

    @property
    def due_text(self) -> str:
        dues = self.dues
        if not dues:
            return ""
        if len(dues) == 1:
            return vnformat.date_table(dues[0])
        return f"{vnformat.date_table(dues[0])} - {vnformat.date_table(dues[-1])} ({len(dues)} lần)"

    @property
    def result_text(self) -> str:
        return "; ".join(r for r in self.results if r)

    def to_json(self) -> dict[str, Any]:
        return {"task_id": self.task_id, "plan_id": self.plan_id, "content": self.content, "lead": self.lead,
                "time_frame": self.time_frame, "state": self.state, "state_label": self.state_label,
                "due": [d.isoformat() for d in self.dues],
                "occurrences": [{"due": o.due.isoformat(), "label": o.label, "state": o.state,
                                 "done_on": _iso(o.done_on), "count": o.count} for o in self.occurrences],
                "results": self.results, "officer": self.officer, "unscheduled": self.unscheduled}


@dataclass
class Report:
    period: Period
    plans: list[Plan]
    as_of: dt.date
    totals: StateCounts
    agencies: list[AgencyRow]
    tasks: list[TaskLine]  # in plan order
    quotas: list[QuotaRow]
    agency_quotas: list[AgencyQuotaRow]
    evidence: dict[int, list[Evidence]]  # task id -> evidence in the period
    occurrence_counts: StateCounts  # the same, counted per occurrence (recurring tasks' every round)
    selection: tuple[int, ...] | None = None  # the plans asked for; None: every plan of the period

    def task(self, task_id: int) -> TaskLine:
        for line in self.tasks:
            if line.task_id == task_id:
                return line
        raise KeyError(task_id)

    def agency(self, key: str) -> AgencyRow:
        for row in self.agencies:
            if row.key == key:
                return row
        raise KeyError(key)

    def drill(self, state: str | None = None, agency_key: str | None = None) -> list[int]:
        """The task ids behind a number: a state (None: all) for all tasks or for one agency."""
        counts = self.totals if agency_key is None else self.agency(agency_key).counts
        if state is None:
            return counts.all_ids()
        return list(counts.ids[state])

    @property
    def multi_lead_tasks(self) -> int:
        """How many tasks have more than one lead agency (each counts once per agency)."""
        return sum(1 for line in self.tasks if len(line.agency_keys) > 1)

    @property
    def agency_note(self) -> str:
        """Said under the per-agency figures when their rows add up to more than the total."""
        rows = sum(row.counts.total for row in self.agencies)
        if rows <= self.totals.total:
            return ""
        return (f"Cộng theo cơ quan chủ trì là {rows} lượt, nhiều hơn tổng số {self.totals.total} nhiệm vụ, "
                f"vì {self.multi_lead_tasks} nhiệm vụ có từ hai cơ quan chủ trì trở lên: mỗi nhiệm vụ được "
                f"tính một lần cho mỗi cơ quan chủ trì.")

    @property
    def title(self) -> str:
        return f"Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính {self.period.phrase}"

    def to_json(self) -> dict[str, Any]:
        with many_objects():  # every occurrence of every line, made now
            return self._json()

    def _json(self) -> dict[str, Any]:
        t = self.totals
        return {
            "period": {"code": self.period.code, "label": self.period.label, "start": self.period.start.isoformat(),
                       "end": self.period.end.isoformat()},
            "as_of": self.as_of.isoformat(),
            "plans": [{"id": p.id, "number": p.number, "title": p.title} for p in self.plans],
            "total": t.total,
            **{s: t.count(s) for s in ALL_STATES},
            "percent": {s: t.percent(s) for s in ALL_STATES},
            "state_labels": {s: sch.state_label(s) for s in ALL_STATES},
            "task_ids": {s: list(t.ids[s]) for s in ALL_STATES},
            "occurrences": self.occurrence_counts.to_json(),
            "agencies": [a.to_json() for a in self.agencies],
            "multi_lead_tasks": self.multi_lead_tasks,
            "agency_note": self.agency_note,
            "quotas": [q.to_json() for q in self.quotas],
            "agency_quotas": [q.to_json() for q in self.agency_quotas],
            "tasks": [line.to_json() for line in self.tasks],
            "evidence": {str(tid): [e.to_json() for e in ev] for tid, ev in self.evidence.items()},
        }


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


# --------------------------------------------------------------------------- computation


def period_state(task: Task, schedule: sch.Schedule, occurrences: Sequence[sch.Occurrence]) -> str:
    """A task's state over some of its occurrences, by the rule of `schedule.task_state`."""
    return sch.aggregate_state(task, schedule, occurrences)


def _entry_day(entry: ProgressEntry) -> dt.date:
    """When an entry speaks of: the day the work was done, else the day it was written."""
    if entry.done_on is not None:
        return entry.done_on
    try:
        return dt.date.fromisoformat(entry.created_at[:10])
    except ValueError:
        return dt.date.min


def _as_known_on(task: Task, as_of: dt.date) -> Task:
    """The task as it stood on `as_of`: a completion after that day is not yet known."""
    if task.status == TaskStatus.DONE and task.completed_on is not None and task.completed_on > as_of:
        return replace(task, status=TaskStatus.DOING, completed_on=None)
    return task


def _quota_units(per: str | None, start: dt.date, end: dt.date) -> int:
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
            last = _month_end(y, m)
            if last > end:
                break
            if last >= start:
                n += 1
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return n


class _AgencyNames:
    """Lead agencies of tasks, merged through the registry (an alias is its agency)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.registry = {int(a.id): a for a in store.agencies.list() if a.id is not None}
        self._matched: dict[str, int | None] = {}
        self._keys: dict[tuple[str, int | None], tuple[str, str, str, int | None]] = {}

    def key_of(self, text: str, agency_id: int | None) -> tuple[str, str, str, int | None]:
        hit = self._keys.get((text, agency_id))
        if hit is None:
            hit = self._keys[(text, agency_id)] = self._key_of(text, agency_id)
        return hit

    def _key_of(self, text: str, agency_id: int | None) -> tuple[str, str, str, int | None]:
        if agency_id is None:
            folded = fold(text)
            if folded not in self._matched:
                self._matched[folded] = self.store.agencies.match(text)
            agency_id = self._matched[folded]
        if agency_id is not None and agency_id in self.registry:
            a = self.registry[agency_id]
            return f"agency:{agency_id}", a.name, a.abbreviation, agency_id
        return f"text:{fold(text)}", clean(text), "", None


@dataclass(frozen=True, slots=True)
class _Judgement:
    """What a task is judged on in the period: the due dates considered, each one's state (in
    date order) and the task's state over them; None dues: the task is not in the period."""

    dues: tuple[dt.date, ...] | None
    states: tuple[str, ...]
    state: str


class _Judge:
    """Judges tasks in a period without building an occurrence per due date: a task whose
    rounds carry no progress of their own has occurrences that differ only by date, so their
    states follow from the schedule, the task's own status and the legal deadlines, and tasks
    sharing a schedule and a status share the judgement. Tasks with progress per round take
    the long way, through `schedule`'s occurrences, so that both ways give the same answer."""

    def __init__(self, period: Period, as_of: dt.date, calendar: WorkCalendar,
                 latest: Mapping[tuple[int, dt.date | None], ProgressEntry]) -> None:
        self.period = period
        self.as_of = as_of
        self.calendar = calendar
        self.latest = latest
        self.by_round = {tid for tid, due in latest if due is not None}
        self._cache: dict[tuple[int, bool, dt.date | None], _Judgement] = {}
        self._keep: list[sch.Schedule] = []  # the schedules the cache keys name by id

    def occurrences(self, task: Task, sched: sch.Schedule, dues: Sequence[dt.date]) -> list[sch.Occurrence]:
        return [sch.occurrence(task, sched, d, self.latest, self.calendar, self.as_of) for d in dues]

    def judge(self, task: Task, sched: sch.Schedule) -> _Judgement:
        if sched.per_occurrence and task.id in self.by_round:
            occs = self.occurrences(task, sched, sched.dates)
            considered = _considered(sched, occs, self.period)
            if considered is None:
                return _Judgement(None, (), "")
            return _Judgement(tuple(o.due for o in considered), tuple(o.state for o in considered),
                              period_state(task, sched, considered))
        done = task.status == TaskStatus.DONE or sched.already_done
        done_on = task.completed_on if task.status == TaskStatus.DONE else None
        key = (id(sched), done, done_on)
        hit = self._cache.get(key)
        if hit is None:
            self._keep.append(sched)
            hit = self._cache[key] = self._judge(task, sched, done, done_on)
        return hit

    def _judge(self, task: Task, sched: sch.Schedule, done: bool, done_on: dt.date | None) -> _Judgement:
        dates = sched.dates
        if not dates:
            return _Judgement((), (), period_state(task, sched, ()))
        period = self.period
        lo = bisect.bisect_left(dates, period.start)
        hi = bisect.bisect_right(dates, period.end)
        # `_considered`: due in the period, else still open at its start (or done in it), else
        # the next round after the period.
        carried = not done or (done_on is not None and done_on >= period.start)
        if hi > lo or (carried and lo > 0):
            dues = dates[0 if carried else lo:hi]
        elif hi < len(dates):
            dues = dates[hi:hi + 1]
        else:
            return _Judgement(None, (), "")
        legal = self.calendar.legal_deadline
        as_of = self.as_of
        states = tuple(sch.compute_state(done=done, done_on=done_on, legal_due=legal(d), today=as_of) for d in dues)
        return _Judgement(tuple(dues), states, sch.aggregate_states(task, sched, states))


def build_report(store: Store, period: Period, plan_ids: Sequence[int] | None = None, *,
                 today: dt.date | None = None, calendar: WorkCalendar | None = None) -> Report:
    """Statistics of the plans' tasks for the period (plans overlapping it when `plan_ids` is None)."""
    with many_objects():
        return _build_report(store, period, plan_ids, today=today, calendar=calendar)


def _build_report(store: Store, period: Period, plan_ids: Sequence[int] | None, *,
                  today: dt.date | None, calendar: WorkCalendar | None) -> Report:
    today = today or dt.date.today()
    as_of = min(today, period.end)
    plans = [
        p for p in store.plans.list()
        if p.id is not None and (p.id in plan_ids if plan_ids is not None else _overlaps(p, period))
    ]
    if plan_ids is not None:
        missing = set(plan_ids) - {p.id for p in plans}
        if missing:
            raise ValidationError(f"Không tìm thấy kế hoạch mã {', '.join(str(m) for m in sorted(missing))}.")
    rows = store.tasks.rows_of_plans([int(p.id) for p in plans])  # type: ignore[arg-type]
    groups = store.tasks.groups_by_appendix()
    numerals = {  # each appendix numbers its groups from I, as the plan prints them
        int(g.id): vnformat.roman(i) for appendix_id in dict.fromkeys(int(r.task.appendix_id or 0) for r in rows)
        for i, g in enumerate(groups.get(appendix_id, []), start=1) if g.id is not None
    }
    task_ids = [int(r.task.id) for r in rows if r.task.id is not None]
    progress = ProgressService(store)
    known = [e for e in progress.entries(task_ids) if _entry_day(e) <= as_of]
    latest: dict[tuple[int, dt.date | None], ProgressEntry] = {}
    for e in known:
        latest[(e.task_id, e.occurrence_due)] = e
    periods = {int(p.id): (p.period_start, p.period_end) for p in plans}  # type: ignore[arg-type]
    overlapping = {int(p.id): _overlaps(p, period) for p in plans}  # type: ignore[arg-type]
    judge = _Judge(period, as_of, calendar or WorkCalendar(store), latest)
    by_task_entries: dict[int, list[ProgressEntry]] = defaultdict(list)
    for e in known:
        by_task_entries[e.task_id].append(e)

    names = _AgencyNames(store)
    totals = StateCounts()
    occ_counts = StateCounts()
    agencies: dict[str, AgencyRow] = {}
    lines: list[TaskLine] = []
    quotas: list[QuotaRow] = []
    evidence: dict[int, list[Evidence]] = {}
    attachments = progress.attachment_names([e.id for e in known if e.id is not None])
    occ_ids = occ_counts.ids

    for task_row in rows:
        if task_row.task.id is None or task_row.task.plan_id not in periods:
            continue
        tid = int(task_row.task.id)
        task = _as_known_on(task_row.task, as_of)
        plan_period = periods[int(task.plan_id)]  # type: ignore[arg-type]
        sched = sch.task_schedule(task, *plan_period)
        verdict = judge.judge(task, sched)
        dues = verdict.dues
        if dues is None or (not dues and not overlapping.get(int(task.plan_id or 0), False)):
            continue  # nothing due in or around the period; a continuous task of another year
        state = verdict.state
        entries_of_task = by_task_entries.get(tid)
        task_entries = ([e for e in entries_of_task if period.start <= _entry_day(e) <= as_of]
                        if entries_of_task else [])
        keys: list[str] = []
        lead_names: list[str] = []
        for ref in task.lead:
            key, name, abbr, aid = names.key_of(ref.text, ref.agency_id)
            if key in keys:
                continue
            keys.append(key)
            lead_names.append(name)
            row = agencies.get(key)
            if row is None:
                row = agencies[key] = AgencyRow(key=key, name=name, abbreviation=abbr, agency_id=aid)
            row.counts.add(state, tid)
        if not keys:
            keys.append(NO_LEAD_KEY)
            lead_names.append(NO_LEAD_LABEL)
            row = agencies.get(NO_LEAD_KEY)
            if row is None:
                row = agencies[NO_LEAD_KEY] = AgencyRow(key=NO_LEAD_KEY, name=NO_LEAD_LABEL)
            row.counts.add(state, tid)
        totals.add(state, tid)
        if verdict.states:
            if len(set(verdict.states)) == 1:
                occ_ids[verdict.states[0]].extend([tid] * len(verdict.states))
            else:
                for s in verdict.states:
                    occ_ids[s].append(tid)
        elif sched.kind == "continuous":
            occ_counts.add(state, tid)
        lines.append(TaskLine(
            task_id=tid, plan_id=int(task.plan_id or 0), content=task.content, lead=task.lead_names,
            agency_keys=keys, time_frame=task.time_frame, state=state,
            results=[e.note for e in task_entries if e.note], officer=task.officer or next(
                (e.officer for e in reversed(task_entries) if e.officer), ""),
            unscheduled=sched.needs_attention, stt=task_row.stt, group=task_row.group_title,
            group_number=numerals.get(int(task_row.task.group_id), "") if task_row.task.group_id is not None else "",
            dues=dues, make_occurrences=_occurrence_maker(judge, task, sched, dues),
        ))
        if sched.quota is not None and sched.quota.count > 0:
            quotas.append(_quota_row(task, sched, latest, judge.by_round, entries_of_task or [], period, as_of,
                                     keys, lead_names, plan_period))
        if task_entries:
            ev = [
                Evidence(task_id=tid, entry_id=int(e.id or 0), day=_entry_day(e), number=e.evidence_number,
                         date=e.evidence_date, link=e.evidence_link, note=e.note, officer=e.officer,
                         attachments=attachments.get(int(e.id or 0), []), recorded_by=e.created_by,
                         recorded_at=e.created_at)
                for e in task_entries
                if e.evidence_number or e.evidence_link or e.evidence_date or attachments.get(int(e.id or 0))
            ]
            if ev:
                evidence[tid] = ev

    agency_rows = sorted(agencies.values(), key=lambda r: (r.key == NO_LEAD_KEY, sort_key(r.name)))
    return Report(
        period=period, plans=plans, as_of=as_of, totals=totals, agencies=agency_rows, tasks=lines, quotas=quotas,
        agency_quotas=_agency_quotas(quotas), evidence=evidence, occurrence_counts=occ_counts,
        selection=tuple(sorted(set(plan_ids))) if plan_ids is not None else None,
    )


def _occurrence_maker(judge: _Judge, task: Task, sched: sch.Schedule,
                      dues: Sequence[dt.date]) -> Callable[[], list[sch.Occurrence]]:
    return lambda: judge.occurrences(task, sched, dues)


def _overlaps(plan: Plan, period: Period) -> bool:
    if not plan.period_start:
        return False
    end = plan.period_end or plan.period_start
    return plan.period_start <= period.end.year and end >= period.start.year


def _considered(sched: sch.Schedule, occs: Sequence[sch.Occurrence], period: Period) -> list[sch.Occurrence] | None:
    """The occurrences a task is judged on in the period, or None when the task is not in it.

    Due in the period; still open at its start (carried over, overdue or finished late in it);
    else, when the next round falls after the period, that round (in progress, or done early).
    Continuous and unscheduled tasks are always in the period, with no occurrences.
    """
    if not occs:
        return []
    inside = [o for o in occs if period.start <= o.due <= period.end]
    carried = [o for o in occs if o.due < period.start and (not o.done or (o.done_on is not None
                                                                            and o.done_on >= period.start))]
    if inside or carried:
        return carried + inside
    later = [o for o in occs if o.due > period.end]
    return later[:1] if later else None


def _quota_row(task: Task, sched: sch.Schedule, latest: Mapping[tuple[int, dt.date | None], ProgressEntry],
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
        target = quota.count * (_quota_units(quota.per, lo, hi) if quota.per else 1)
        since = lo if quota.per else plan_start
        achieved = sum(e.count or 0 for e in entries
                       if e.occurrence_due is None and since <= _entry_day(e) <= min(hi, as_of))
    return QuotaRow(task_id=tid, content=task.content, agencies=keys, agency_names=names,
                    quota_text=quota.describe(), unit=quota.unit, target=target, achieved=achieved)


def _agency_quotas(rows: Iterable[QuotaRow]) -> list[AgencyQuotaRow]:
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


# --------------------------------------------------------------------------- the officer's texts


def _texts_key(report_or_plans: Report | Sequence[int], period: Period | None = None) -> str:
    if isinstance(report_or_plans, Report):
        ids = list(report_or_plans.selection or ())
        period = report_or_plans.period
    else:
        ids = list(report_or_plans)
    assert period is not None
    # Texts for "every plan of the period" stay put when a plan is added to the period.
    return f"{','.join(str(i) for i in sorted(ids)) or 'all'}|{period.code}"


def default_texts(report: Report) -> dict[str, str]:
    t = report.totals
    parts = [f"{sch.state_label(s).lower()} {t.count(s)} nhiệm vụ ({t.percent_text(s)})" for s in OFFICIAL_STATES]
    results = (f"{report.period.opening}, tổng số nhiệm vụ được đánh giá là {t.total}, trong đó: "
               + "; ".join(parts) + f"; thường xuyên {t.count(sch.CONTINUOUS)} nhiệm vụ.")
    return {"results": results, "shortcomings": "", "next_tasks": "", "recipients": DEFAULT_RECIPIENTS}


def report_texts(store: Store, report: Report) -> dict[str, str]:
    """The officer's texts for the sections of this report (plan(s) + period), or the defaults."""
    stored = store.settings.get(_TEXTS_SETTING) or {}
    saved = stored.get(_texts_key(report)) if isinstance(stored, dict) else None
    texts = default_texts(report)
    if isinstance(saved, dict):
        texts.update({k: str(v) for k, v in saved.items() if k in TEXT_KEYS})
    return texts


def save_report_texts(store: Store, report: Report, texts: dict[str, str]) -> dict[str, str]:
    from cchc_desktop.store.checks import check_text

    clean_texts = {k: check_text(TEXT_LABELS[k], texts.get(k, ""), limit=50_000) for k in TEXT_KEYS}
    stored = store.settings.get(_TEXTS_SETTING) or {}
    if not isinstance(stored, dict):
        stored = {}
    stored[_texts_key(report)] = clean_texts
    store.settings.set(_TEXTS_SETTING, stored)
    return clean_texts
