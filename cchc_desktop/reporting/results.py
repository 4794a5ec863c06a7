"""What a report holds: the task ids per state behind every number, the rows per lead agency,
quotas, evidence and the task lines, and the report's JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cchc_desktop.reporting.periods import Period
from cchc_desktop.scheduling import schedule as sch
from cchc_desktop.store.domain import Plan
from cchc_desktop.system.collector import many_objects
from cchc_desktop.text import vnformat

OFFICIAL_STATES = (sch.DONE_ON_TIME, sch.DONE_LATE, sch.IN_PROGRESS, sch.OVERDUE)
ALL_STATES = (*OFFICIAL_STATES, sch.CONTINUOUS)


class StateCounts:
    """Task ids per state; every number on screen and paper is len() of one of these lists.

    A report read for its counts alone (`known`) holds the numbers first and lists the
    ids behind them when they are first asked for (`fill`: one call that lists every such
    report's ids, in printed order)."""

    __slots__ = ("_ids", "_counts", "_fill")

    def __init__(self, ids: dict[str, list[int]] | None = None) -> None:
        self._ids: dict[str, list[int]] = ids if ids is not None else {s: [] for s in ALL_STATES}
        self._counts: dict[str, int] | None = None
        self._fill: Callable[[], None] | None = None

    def known(self, counts: dict[str, int], fill: Callable[[], None]) -> None:
        """The numbers, counted without listing the ids: `fill` lists them (`listed`)."""
        self._counts = {s: counts.get(s, 0) for s in ALL_STATES}
        self._fill = fill

    @property
    def ids(self) -> dict[str, list[int]]:
        if self._fill is not None:
            self._fill()
        return self._ids

    def listed(self, ids: dict[str, list[int]]) -> None:
        """The ids behind the counts known (`fill` calls this)."""
        self._ids, self._counts, self._fill = ids, None, None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StateCounts) and self.ids == other.ids

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"StateCounts(ids={self.ids!r})"

    def add(self, state: str, task_id: int) -> None:
        self.ids[state].append(task_id)

    def count(self, state: str) -> int:
        if self._counts is not None:
            return self._counts[state]
        return len(self._ids[state])

    @property
    def total(self) -> int:
        return sum(self.count(s) for s in ALL_STATES)

    @property
    def official_total(self) -> int:
        return sum(self.count(s) for s in OFFICIAL_STATES)

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
    """One lead agency's line of the report: the states of the tasks it leads."""
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
    """One task with a quota ("3 tin, bài/tháng"): what was asked in the period and what was reported done."""
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
    """The quotas of one lead agency in one unit, added up over its tasks."""
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
class ReportDetails:
    """What a report shows beyond its counts: every task line, the quotas, per task and per agency."""
    tasks: list[TaskLine]  # in plan order
    quotas: list[QuotaRow]
    agency_quotas: list[AgencyQuotaRow]


@dataclass
class Report:
    """Progress of the plans of a period as of a day: counts by state and by lead agency, evidence, and
    the details made when first asked for."""
    period: Period
    plans: list[Plan]
    as_of: dt.date
    totals: StateCounts
    agencies: list[AgencyRow]
    evidence: dict[int, list[Evidence]]  # task id -> evidence in the period
    occurrence_counts: StateCounts  # the same, counted per occurrence (recurring tasks' every round)
    selection: tuple[int, ...] | None = None  # the plans asked for; None: every plan of the period
    # The task lines and quotas, made from what the build read when first asked for (a printed,
    # listed or JSON report), never for the counts alone.
    details: Callable[[], ReportDetails] | None = field(default=None, repr=False, compare=False)
    _details: ReportDetails | None = field(default=None, repr=False, compare=False)

    def _made(self) -> ReportDetails:
        if self._details is None:
            make, self.details = self.details, None
            with many_objects():
                self._details = make() if make is not None else ReportDetails([], [], [])
        return self._details

    @property
    def tasks(self) -> list[TaskLine]:
        """The task lines, in plan order."""
        return self._made().tasks

    @tasks.setter
    def tasks(self, lines: list[TaskLine]) -> None:
        self._made().tasks = lines

    @property
    def quotas(self) -> list[QuotaRow]:
        return self._made().quotas

    @property
    def agency_quotas(self) -> list[AgencyQuotaRow]:
        return self._made().agency_quotas

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

