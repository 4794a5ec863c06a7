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

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from cchc_desktop.errors import ValidationError
from cchc_desktop.reporting.judging import AgencyNames, Judge, Judgement, as_known_on, entry_day, period_state
from cchc_desktop.reporting.periods import (
    Period,
    custom,
    half_year,
    nine_months,
    parse_period,
    quarter,
    standard_periods,
    whole_year,
)
from cchc_desktop.reporting.quotas import agency_quotas, quota_row
from cchc_desktop.reporting.results import (
    ALL_STATES,
    OFFICIAL_STATES,
    AgencyQuotaRow,
    AgencyRow,
    Evidence,
    QuotaRow,
    Report,
    ReportDetails,
    StateCounts,
    TaskLine,
)
from cchc_desktop.scheduling import schedule as sch
from cchc_desktop.scheduling.workdays import WorkCalendar
from cchc_desktop.store.checks import stored_json
from cchc_desktop.store.domain import AgencyRef, Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.store.report_rows import (
    APPENDIX,
    COMPLETED,
    GROUP,
    ID,
    OUTPUT,
    PLAN,
    SCHEDULE,
    STATUS,
    TIME_FRAME,
    read_count_groups,
    read_line_texts,
    read_report_rows,
    tasks_with_several_leads,
)
from cchc_desktop.system.collector import many_objects
from cchc_desktop.text import vnformat
from cchc_desktop.text.textnorm import sort_key

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

__all__ = [
    "ALL_STATES", "DEFAULT_RECIPIENTS", "NO_LEAD_KEY", "NO_LEAD_LABEL", "OFFICIAL_STATES", "TEXT_KEYS", "TEXT_LABELS",
    "AgencyQuotaRow", "AgencyRow", "Evidence", "Period", "QuotaRow", "Report", "StateCounts", "TaskLine",
    "build_report", "custom", "default_texts", "half_year", "nine_months", "parse_period", "period_state", "quarter",
    "report_texts", "save_report_texts", "standard_periods", "whole_year",
]

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


# --------------------------------------------------------------------------- computation


def build_report(store: Store, period: Period, plan_ids: Sequence[int] | None = None, *,
                 today: dt.date | None = None, calendar: WorkCalendar | None = None,
                 counts_only: bool = False) -> Report:
    """Statistics of the plans' tasks for the period (plans overlapping it when `plan_ids` is None).

    The task lines are made when first asked for, from what was read here. `counts_only`: a
    report wanted for its counts (the command line's summary) does not read the texts its lines
    would print; they are read from `store`, which must then still be open, if the lines are
    asked for after all. Its counts are counted per kind of task by SQLite, and the task ids
    behind them listed in printed order when first asked for."""
    with many_objects():
        return _build_report(store, period, plan_ids, today=today, calendar=calendar, counts_only=counts_only,
                             grouped=counts_only)


def _build_report(store: Store, period: Period, plan_ids: Sequence[int] | None, *,
                  today: dt.date | None, calendar: WorkCalendar | None, counts_only: bool = False,
                  grouped: bool = False) -> Report:
    today = today or dt.date.today()
    as_of = min(today, period.end)
    # the plans of the period's years only, read as plans (the plans asked for: among all)
    plans = [
        p for p in store.plans.list(None if plan_ids is not None else (period.start.year, period.end.year))
        if p.id is not None and (p.id in plan_ids if plan_ids is not None else _overlaps(p, period))
    ]
    if plan_ids is not None:
        missing = set(plan_ids) - {p.id for p in plans}
        if missing:
            raise ValidationError(f"Không tìm thấy kế hoạch mã {', '.join(str(m) for m in sorted(missing))}.")
    read_ids = [int(p.id) for p in plans]  # type: ignore[arg-type]
    progress = ProgressService(store)
    known = [e for e in progress.entries_of_plans(read_ids) if entry_day(e) <= as_of]
    # Counted per kind of task (`grouped`): the tasks with progress are still read one row each
    # (evidence, rounds of their own).
    special = {e.task_id for e in known} if grouped else None
    read = read_report_rows(store.db, read_ids, only=special)
    rows, leads = read.rows, read.leads
    latest: dict[tuple[int, dt.date | None], ProgressEntry] = {}
    for e in known:
        latest[(e.task_id, e.occurrence_due)] = e
    periods = {int(p.id): (p.period_start, p.period_end) for p in plans}  # type: ignore[arg-type]
    overlapping = {int(p.id): _overlaps(p, period) for p in plans}  # type: ignore[arg-type]
    judge = Judge(period, as_of, calendar or WorkCalendar(store), latest)
    by_round = judge.by_round
    by_task_entries: dict[int, list[ProgressEntry]] = defaultdict(list)
    for e in known:
        by_task_entries[e.task_id].append(e)

    names = AgencyNames(store)
    totals = StateCounts()
    occ_counts = StateCounts()
    tot_ids, occ_ids = totals.ids, occ_counts.ids
    agencies: dict[str, AgencyRow] = {}
    evidence: dict[int, list[Evidence]] = {}
    attachments = progress.attachment_names([e.id for e in known if e.id is not None])
    # Tasks of plans of the same years with the same schedule, status and completion share their
    # judgement; tasks with the same lead agencies share their rows (looked up once per list).
    spans: dict[tuple[int, int | None], int] = {}
    span_of = {pid: spans.setdefault(years, len(spans)) for pid, years in periods.items()}
    kinds: dict[tuple[Any, ...], _Kind] = {}
    signs: dict[tuple[tuple[str, int | None], ...], _Leads] = {}
    included: list[int] = []  # the rows of the tasks in the period
    alone: dict[int, Judgement] = {}  # task id -> judgement of a task with progress per round
    no_refs: tuple[tuple[str, int | None], ...] = ()

    def kind_of(r: tuple[Any, ...]) -> _Kind:
        key = (span_of[r[PLAN]], r[TIME_FRAME], r[OUTPUT], r[SCHEDULE], r[STATUS], r[COMPLETED])
        kind = kinds.get(key)
        if kind is None:
            task = as_known_on(_task(r, no_refs, with_id=False), as_of)
            kind = kinds[key] = _Kind(judge, task, periods[r[PLAN]])
        return kind

    for i, r in enumerate(rows):
        tid, pid = r[ID], r[PLAN]
        span = span_of.get(pid)
        if span is None:
            continue
        kind = kinds.get((span, r[TIME_FRAME], r[OUTPUT], r[SCHEDULE], r[STATUS], r[COMPLETED])) or kind_of(r)
        verdict = kind.verdict
        if kind.per_round and tid in by_round:
            verdict = alone[tid] = judge.judge(as_known_on(_task(r, leads.get(tid, no_refs)), as_of), kind.sched)
        dues = verdict.dues
        if dues is None or (not dues and not overlapping[pid]):
            continue  # nothing due in or around the period; a continuous task of another year
        included.append(i)
        state = verdict.state
        tot_ids[state].append(tid)
        sign = leads.get(tid, no_refs)
        lead = signs.get(sign)
        if lead is None:
            lead = signs[sign] = _Leads(sign, names, agencies)
        for row in lead.rows:
            row.counts.ids[state].append(tid)
        if verdict is kind.verdict:
            for s, n in kind.occurrences:
                occ_ids[s].extend([tid] * n)
        else:
            for s in verdict.states:
                occ_ids[s].append(tid)
        if not verdict.states and kind.sched.kind == "continuous":
            occ_ids[state].append(tid)
        if tid in by_task_entries:
            task_entries = [e for e in by_task_entries[tid] if period.start <= entry_day(e) <= as_of]
            ev = [
                Evidence(task_id=tid, entry_id=int(e.id or 0), day=entry_day(e), number=e.evidence_number,
                         date=e.evidence_date, link=e.evidence_link, note=e.note, officer=e.officer,
                         attachments=attachments.get(int(e.id or 0), []), recorded_by=e.created_by,
                         recorded_at=e.created_at)
                for e in task_entries
                if e.evidence_number or e.evidence_link or e.evidence_date or attachments.get(int(e.id or 0))
            ]
            if ev:
                evidence[tid] = ev

    if special is not None:
        # most plans: every plan's tasks of several lead agencies, told by an index alone
        several = tasks_with_several_leads(store.db, None if 2 * len(plans) > store.plans.count() else read_ids)
        counted = _count_the_rest(store, read_ids, special, several, span_of, kind_of, signs, names, agencies,
                                  overlapping, totals, occ_counts)
        agency_rows = sorted(agencies.values(), key=_agency_order)
        if any(_agency_order(a) == _agency_order(b) for a, b in zip(agency_rows, agency_rows[1:], strict=False)):
            # agencies of the same name keep the order tasks name them in
            return _build_report(store, period, plan_ids, today=today, calendar=calendar, counts_only=True)
        report = Report(
            period=period, plans=plans, as_of=as_of, totals=totals, agencies=agency_rows, evidence=evidence,
            occurrence_counts=occ_counts, selection=tuple(sorted(set(plan_ids))) if plan_ids is not None else None)
        _list_ids_later(report, counted, lambda: _build_report(store, period, plan_ids, today=today,
                                                                calendar=calendar, counts_only=True))
        return report
    groups = store.tasks.groups_by_appendix()
    # The texts the lines print (content, officer, group title), not needed for the counts.
    texts_read = None if counts_only else read_line_texts(store.db, read_ids)

    def details() -> ReportDetails:
        texts = texts_read if texts_read is not None else read_line_texts(store.db, read_ids)
        numerals = {  # each appendix numbers its groups from I, as the plan prints them
            int(g.id): vnformat.roman(n) for appendix_id in dict.fromkeys(int(r[APPENDIX] or 0) for r in rows)
            for n, g in enumerate(groups.get(appendix_id, []), start=1) if g.id is not None
        }
        lines: list[TaskLine] = []
        quotas: list[QuotaRow] = []
        stts = read.stts()
        for i in included:
            r = rows[i]
            tid = r[ID]
            sign = leads.get(tid, no_refs)
            content, officer, group_title = texts.get(tid, _NO_TEXTS)
            task = as_known_on(_task(r, sign, content, officer), as_of)
            kind, lead = kind_of(r), signs[sign]
            verdict = alone.get(tid, kind.verdict)
            sched, dues = kind.sched, verdict.dues
            assert dues is not None
            task_entries = [e for e in by_task_entries.get(tid, ()) if period.start <= entry_day(e) <= as_of]
            lines.append(TaskLine(
                task_id=tid, plan_id=int(r[PLAN] or 0), content=task.content, lead=task.lead_names,
                agency_keys=list(lead.keys), time_frame=task.time_frame, state=verdict.state,
                results=[e.note for e in task_entries if e.note], officer=task.officer or next(
                    (e.officer for e in reversed(task_entries) if e.officer), ""),
                unscheduled=sched.needs_attention, stt=stts[i], group=group_title,
                group_number=numerals.get(int(r[GROUP]), "") if r[GROUP] is not None else "",
                dues=dues, make_occurrences=_occurrence_maker(judge, task, sched, dues),
            ))
            if sched.quota is not None and sched.quota.count > 0:
                quotas.append(quota_row(task, sched, latest, by_round, by_task_entries.get(tid) or [], period,
                                        as_of, list(lead.keys), list(lead.names), kind.plan_period))
        return ReportDetails(lines, quotas, agency_quotas(quotas))

    agency_rows = sorted(agencies.values(), key=lambda r: (r.key == NO_LEAD_KEY, sort_key(r.name)))
    return Report(
        period=period, plans=plans, as_of=as_of, totals=totals, agencies=agency_rows, evidence=evidence,
        occurrence_counts=occ_counts, selection=tuple(sorted(set(plan_ids))) if plan_ids is not None else None,
        details=details,
    )


def _count_the_rest(store: Store, plan_ids: list[int], special: set[int], several: set[int],
                    span_of: dict[int, int], kind_of: Callable[[tuple[Any, ...]], _Kind],
                    signs: dict[tuple[tuple[str, int | None], ...], _Leads], names: AgencyNames,
                    agencies: dict[str, AgencyRow], overlapping: dict[int, bool], totals: StateCounts,
                    occ_counts: StateCounts) -> list[tuple[StateCounts, Counter[str]]]:
    """The counts of the report: those of the rows read (`special`) and those of the other tasks,
    counted per kind and lead agencies by SQLite (`read_count_groups`; `several`: the tasks with
    several lead agencies), judged as the rows are."""
    tot = Counter({s: len(v) for s, v in totals.ids.items()})
    occ = Counter({s: len(v) for s, v in occ_counts.ids.items()})
    per_agency = {key: Counter({s: len(v) for s, v in row.counts.ids.items()}) for key, row in agencies.items()}
    # The groups of plans of the same years (and overlapping the period alike) with the same kind and
    # lead agencies, added up first (one of them stands for them): judged and counted once.
    merged: dict[tuple[Any, ...], list[Any]] = {}
    for r, sign, n in read_count_groups(store.db, plan_ids, special, several, names.registry):
        pid = r[PLAN]
        key = (span_of[pid], overlapping[pid], r[TIME_FRAME], r[OUTPUT], r[SCHEDULE], r[STATUS], r[COMPLETED], sign)
        same = merged.get(key)
        if same is None:
            merged[key] = [r, sign, n]
        else:
            same[2] += n
    for r, sign, n in merged.values():
        kind = kind_of(r)
        verdict = kind.verdict
        dues = verdict.dues
        if dues is None or (not dues and not overlapping[r[PLAN]]):
            continue
        state = verdict.state
        tot[state] += n
        lead = signs.get(sign)
        if lead is None:
            lead = signs[sign] = _Leads(sign, names, agencies)
        for row in lead.rows:
            per_agency.setdefault(row.key, Counter())[state] += n
        for s, k in kind.occurrences:
            occ[s] += k * n
        if not verdict.states and kind.sched.kind == "continuous":
            occ[state] += n
    return [(totals, tot), (occ_counts, occ), *((row.counts, per_agency[key]) for key, row in agencies.items())]


def _list_ids_later(report: Report, counted: list[tuple[StateCounts, Counter[str]]],
                    make: Callable[[], Report]) -> None:
    """Counts known, ids listed when first asked for: from the report read row by row (`make`),
    which also makes the task lines."""
    made: list[Report] = []

    def full() -> Report:
        if not made:
            with many_objects():
                made.append(make())
            listed = made[0]
            report.totals.listed(listed.totals.ids)
            report.occurrence_counts.listed(listed.occurrence_counts.ids)
            rows = {a.key: a for a in listed.agencies}
            for a in report.agencies:
                a.counts.listed(rows[a.key].counts.ids if a.key in rows else StateCounts().ids)
        return made[0]

    def fill() -> None:
        full()

    for counts, numbers in counted:
        counts.known(dict(numbers), fill)
    report.details = lambda: full()._made()


def _agency_order(row: AgencyRow) -> tuple[bool, Any]:
    return row.key == NO_LEAD_KEY, sort_key(row.name)


class _Kind:
    """The schedule and the judgement shared by the tasks of plans of the same years with the same
    time frame, output, schedule, status and completion day (`task`: one of them, without its id)."""

    __slots__ = ("plan_period", "sched", "verdict", "per_round", "occurrences")

    def __init__(self, judge: Judge, task: Task, plan_period: tuple[int, int | None]) -> None:
        self.plan_period = plan_period
        self.sched = sch.task_schedule(task, *plan_period)
        self.verdict = judge.judge(task, self.sched)
        self.per_round = self.sched.per_occurrence  # tasks with progress per round are judged alone
        counted = Counter(self.verdict.states)
        self.occurrences = [(s, counted[s]) for s in ALL_STATES if counted[s]]


class _Leads:
    """A list of lead agencies as written (text, agency id): its registry keys and names, once
    each, and the agency rows it counts in (made on first use, in the order tasks name them)."""

    __slots__ = ("keys", "names", "rows")

    def __init__(self, refs: tuple[tuple[str, int | None], ...], names: AgencyNames,
                 agencies: dict[str, AgencyRow]) -> None:
        self.keys: list[str] = []
        self.names: list[str] = []
        self.rows: list[AgencyRow] = []
        for text, agency_id in refs:
            key, name, abbr, aid = names.key_of(text, agency_id)
            if key in self.keys:
                continue
            self.keys.append(key)
            self.names.append(name)
            row = agencies.get(key)
            if row is None:
                row = agencies[key] = AgencyRow(key=key, name=name, abbreviation=abbr, agency_id=aid)
            self.rows.append(row)
        if not self.keys:
            self.keys.append(NO_LEAD_KEY)
            self.names.append(NO_LEAD_LABEL)
            row = agencies.get(NO_LEAD_KEY)
            if row is None:
                row = agencies[NO_LEAD_KEY] = AgencyRow(key=NO_LEAD_KEY, name=NO_LEAD_LABEL)
            self.rows.append(row)


_NO_TEXTS = ("", "", "")


def _task(r: Sequence[Any], refs: Sequence[tuple[str, int | None]], content: str = "", officer: str = "", *,
          with_id: bool = True) -> Task:
    """The task of a row as `TaskService` reads it (the fields a report looks at)."""
    return Task(
        id=r[ID] if with_id else None, plan_id=r[PLAN], appendix_id=r[APPENDIX], group_id=r[GROUP],
        content=content, time_frame=r[TIME_FRAME], output=r[OUTPUT], status=TaskStatus(r[STATUS]),
        officer=officer, completed_on=dt.date.fromisoformat(r[COMPLETED]) if r[COMPLETED] else None,
        schedule=stored_json(r[SCHEDULE], {}) or None, lead=[AgencyRef(text=t, agency_id=a) for t, a in refs],
    )


def _occurrence_maker(judge: Judge, task: Task, sched: sch.Schedule,
                      dues: Sequence[dt.date]) -> Callable[[], list[sch.Occurrence]]:
    return lambda: judge.occurrences(task, sched, dues)


def _overlaps(plan: Plan, period: Period) -> bool:
    if not plan.period_start:
        return False
    end = plan.period_end or plan.period_start
    return plan.period_start <= period.end.year and end >= period.start.year


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
    parts = [f"{sch.state_label(s).lower()} {vnformat.number(t.count(s))} nhiệm vụ ({t.percent_text(s)})" for s in OFFICIAL_STATES]
    results = (f"{report.period.opening}, tổng số nhiệm vụ được đánh giá là {vnformat.number(t.total)}, trong đó: "
               + "; ".join(parts) + f"; thường xuyên {vnformat.number(t.count(sch.CONTINUOUS))} nhiệm vụ.")
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
