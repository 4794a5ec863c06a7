"""A task judged in a reporting period: the due dates it is judged on, each one's state and the
task's state over them (`Judge`), and the lead agencies it is counted under (`AgencyNames`)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

from cchc_desktop.scheduling import schedule as sch
from cchc_desktop.scheduling.workdays import WorkCalendar
from cchc_desktop.store.domain import Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry
from cchc_desktop.text.textnorm import clean, fold

if TYPE_CHECKING:
    from cchc_desktop.reporting.periods import Period
    from cchc_desktop.store.store import Store


def period_state(task: Task, schedule: sch.Schedule, occurrences: Sequence[sch.Occurrence]) -> str:
    """A task's state over some of its occurrences, by the rule of `schedule.task_state`."""
    return sch.aggregate_state(task, schedule, occurrences)


def entry_day(entry: ProgressEntry) -> dt.date:
    """When an entry speaks of: the day the work was done, else the day it was written."""
    if entry.done_on is not None:
        return entry.done_on
    try:
        return dt.date.fromisoformat(entry.created_at[:10])
    except ValueError:
        return dt.date.min


def as_known_on(task: Task, as_of: dt.date) -> Task:
    """The task as it stood on `as_of`: a completion after that day is not yet known."""
    if task.status == TaskStatus.DONE and task.completed_on is not None and task.completed_on > as_of:
        return replace(task, status=TaskStatus.DOING, completed_on=None)
    return task


class AgencyNames:
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
class Judgement:
    """What a task is judged on in the period: the due dates considered, each one's state (in
    date order) and the task's state over them; None dues: the task is not in the period."""

    dues: tuple[dt.date, ...] | None
    states: tuple[str, ...]
    state: str


class Judge:
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
        self._own_rounds: dict[int, list[dt.date]] = {}  # task id -> the due dates of its rounds' entries
        for tid, due in latest:
            if due is not None:
                self._own_rounds.setdefault(tid, []).append(due)
        self.by_round = set(self._own_rounds)  # the tasks with progress per round
        self._positions: dict[int, dict[dt.date, list[int]]] = {}  # id(schedule) -> due date -> its rounds
        self._cache: dict[tuple[int, bool, dt.date | None], Judgement] = {}
        self._rounds_cache: dict[tuple[int, bool, dt.date | None], list[Round]] = {}
        self._keep: list[sch.Schedule] = []  # the schedules the cache keys name by id

    def occurrences(self, task: Task, sched: sch.Schedule, dues: Sequence[dt.date]) -> list[sch.Occurrence]:
        return [sch.occurrence(task, sched, d, self.latest, self.calendar, self.as_of) for d in dues]

    def judge(self, task: Task, sched: sch.Schedule) -> Judgement:
        if sched.per_occurrence and task.id in self.by_round:
            chosen = considered(sched, self._rounds(task, sched), self.period)
            if chosen is None:
                return Judgement(None, (), "")
            states = tuple([o.state for o in chosen])
            return Judgement(tuple([o.due for o in chosen]), states, sch.aggregate_states(task, sched, states))
        done = task.status == TaskStatus.DONE or sched.already_done
        done_on = task.completed_on if task.status == TaskStatus.DONE else None
        key = (id(sched), done, done_on)
        hit = self._cache.get(key)
        if hit is None:
            self._keep.append(sched)
            hit = self._cache[key] = self._judge(task, sched, done, done_on)
        return hit

    def _rounds(self, task: Task, sched: sch.Schedule) -> list[Round]:
        """Every round of a task with progress per round, judged as `schedule.occurrence` judges
        it (the round's own entry, else the task as a whole), without its label."""
        tid = int(task.id or 0)
        latest, legal, as_of = self.latest, self.calendar.legal_deadline, self.as_of
        whole = task.status == TaskStatus.DONE
        whole_done = whole or sched.already_done
        whole_on = task.completed_on if whole else None
        # The rounds without an entry of their own are those of every such task of the schedule.
        key = (id(sched), whole_done, whole_on)
        rounds = self._rounds_cache.get(key)
        if rounds is None:
            self._keep.append(sched)
            rounds = self._rounds_cache[key] = [
                Round(due, sch.compute_state(done=whole_done, done_on=whole_on, legal_due=legal(due), today=as_of),
                      whole_on) for due in sched.dates]
        out = list(rounds)
        # the rounds with an entry of their own: looked up from the task's entries, not round by round
        positions = self._positions.get(id(sched))
        if positions is None:
            positions = self._positions[id(sched)] = {}
            for i, due in enumerate(sched.dates):
                positions.setdefault(due, []).append(i)
        for due in self._own_rounds.get(tid, ()):
            entry = latest[(tid, due)]
            done = entry.state == TaskStatus.DONE
            done_on = entry.done_on if done else None
            for i in positions.get(due, ()):
                out[i] = Round(due, sch.compute_state(done=done, done_on=done_on, legal_due=legal(due), today=as_of),
                               done_on)
        return out

    def _judge(self, task: Task, sched: sch.Schedule, done: bool, done_on: dt.date | None) -> Judgement:
        dates = sched.dates
        if not dates:
            return Judgement((), (), period_state(task, sched, ()))
        period = self.period
        lo = bisect.bisect_left(dates, period.start)
        hi = bisect.bisect_right(dates, period.end)
        # `considered`: due in the period, else still open at its start (or done in it), else
        # the next round after the period.
        carried = not done or (done_on is not None and done_on >= period.start)
        if hi > lo or (carried and lo > 0):
            dues = dates[0 if carried else lo:hi]
        elif hi < len(dates):
            dues = dates[hi:hi + 1]
        else:
            return Judgement(None, (), "")
        legal = self.calendar.legal_deadline
        as_of = self.as_of
        states = tuple(sch.compute_state(done=done, done_on=done_on, legal_due=legal(d), today=as_of) for d in dues)
        return Judgement(tuple(dues), states, sch.aggregate_states(task, sched, states))


class Round(NamedTuple):
    """A round of a recurring task as a report judges it: due date, state, day done."""

    due: dt.date
    state: str
    done_on: dt.date | None

    @property
    def done(self) -> bool:
        return self.state in (sch.DONE_ON_TIME, sch.DONE_LATE)


class _Dated(Protocol):
    @property
    def due(self) -> dt.date: ...
    @property
    def done(self) -> bool: ...
    @property
    def done_on(self) -> dt.date | None: ...


R = TypeVar("R", bound=_Dated)


def considered(sched: sch.Schedule, occs: Sequence[R], period: Period) -> list[R] | None:
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

