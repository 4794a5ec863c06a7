"""Carry a plan forward: "Tạo kế hoạch năm sau".

The copy keeps the appendix (groups, tasks, agencies) and shifts every year of the plan's
period written in the title, the tasks' content and output and the time frames ("Quý I/2024"
-> "Quý I/2025", "Trước ngày 16/01/2024" -> "Trước ngày 16/01/2025", "Kế hoạch ... năm 2024"
-> "... năm 2025"); schedules are recomputed from the shifted text. Years outside the plan's
period (the legal bases' documents, "giai đoạn 2021-2025" of a one-year plan) stay. The
officer sees every task whose text changes in a preview before anything is saved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from cchc_desktop.errors import ValidationError
from cchc_desktop.scheduling import schedule
from cchc_desktop.store.domain import Plan, PlanSnapshot, PlanStatus, Task, TaskHistory, TaskStatus

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

_DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2((?:19|20|21)\d\d)(?!\d)")


def shift_years(text: str, years: range, step: int) -> str:
    """Shift each year in `years` written in `text` by `step`; 29/02 of a year that is not
    leap after the shift becomes 28/02. Other numbers are left exactly as written."""
    if not text or step == 0:
        return text

    def fix_date(m: re.Match[str]) -> str:
        day, sep, month, year = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
        if year not in years:
            return m.group(0)
        new_year = year + step
        try:
            dt.date(new_year, month, day)
        except ValueError:
            if month == 2 and day == 29:
                return f"{m.group(1)[:-2]}28{sep}{m.group(3)}{sep}{new_year}"
            return m.group(0)
        return f"{m.group(1)}{sep}{m.group(3)}{sep}{new_year}"

    out = []
    pos = 0
    # dates first (so that their years are shifted once), then the remaining bare years
    for m in _DAY_MONTH_YEAR.finditer(text):
        out.append(_shift_bare(text[pos:m.start()], years, step))
        out.append(fix_date(m))
        pos = m.end()
    out.append(_shift_bare(text[pos:], years, step))
    return "".join(out)


# A span of years ("giai đoạn 2021-2025", "2021 – 2025") names a stage: it moves only when the
# plan's own period is that span (a five-year plan carried to the next five years), never by
# one end that happens to be the plan's year.
_YEAR_SPAN = re.compile(r"(?<![\d/])((?:19|20|21)\d\d)(\s*[-–]\s*)((?:19|20|21)\d\d)(?![\d])")


def _shift_bare(text: str, years: range, step: int) -> str:
    def sub(m: re.Match[str]) -> str:
        value = m.group(0)
        year = int(value)
        return str(year + step) if year in years else value

    def one(part: str) -> str:
        # "2024/QĐ-UBND" is a document number, not a year
        return re.sub(r"(?<![\d])((?:19|20|21)\d\d)(?![\d])(?!\s*/\s*[^\W\d_])", sub, part)

    out, pos = [], 0
    for m in _YEAR_SPAN.finditer(text):
        out.append(one(text[pos:m.start()]))
        first, last = int(m.group(1)), int(m.group(3))
        if first in years and last in years:
            out.append(f"{first + step}{m.group(2)}{last + step}")
        else:
            out.append(m.group(0))
        pos = m.end()
    out.append(one(text[pos:]))
    return "".join(out)


@dataclass
class TimeFrameChange:
    """A task whose written text changes in the copy: its time frame, its content or both."""

    task_index: int
    content: str  # as it will be in the new plan
    old_text: str
    new_text: str
    old_dates: list[dt.date]
    new_dates: list[dt.date]
    understood: bool
    old_content: str = ""  # the content before, when the plan year written in it moves

    @property
    def content_changed(self) -> bool:
        return bool(self.old_content) and self.old_content != self.content


@dataclass
class CarryForward:
    """The plan as it will be created, and what changed, for the preview."""

    source_id: int
    step: int
    snapshot: PlanSnapshot
    changes: list[TimeFrameChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def plan(self) -> Plan:
        return self.snapshot.plan

    def to_json(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "title": self.plan.title,
            "period_start": self.plan.period_start,
            "period_end": self.plan.period_end,
            "tasks": len(self.snapshot.tasks),
            "changes": [
                {"content": c.content, "old_content": c.old_content if c.content_changed else None,
                 "old": c.old_text, "new": c.new_text,
                 "old_due": [d.isoformat() for d in c.old_dates], "new_due": [d.isoformat() for d in c.new_dates],
                 "understood": c.understood}
                for c in self.changes
            ],
        }


def _shift_schedule(data: dict | None, step: int) -> dict | None:
    if not data:
        return data
    out = dict(data)

    def shift(value: Any) -> Any:
        if not value:
            return value
        d = dt.date.fromisoformat(value)
        try:
            return d.replace(year=d.year + step).isoformat()
        except ValueError:  # 29/02
            return d.replace(year=d.year + step, day=28).isoformat()

    out["dates"] = [shift(v) for v in data.get("dates") or []]
    out["dtstart"] = shift(data.get("dtstart"))
    out["until"] = shift(data.get("until"))
    return out


def prepare(store: Store, plan_id: int, step: int | None = None) -> CarryForward:
    """Compute the next plan without saving it."""
    snap = store.plans.snapshot(plan_id)
    src = snap.plan
    if not src.period_start:
        raise ValidationError("Kế hoạch chưa có năm (kỳ kế hoạch), không thể tạo kế hoạch năm sau.")
    end = src.period_end or src.period_start
    step = step if step is not None else end - src.period_start + 1
    if not 1 <= step <= 50:
        raise ValidationError("Số năm dời phải từ 1 đến 50.")
    years = range(src.period_start, end + 1)
    new_plan = replace(
        src,
        id=None,
        title=shift_years(src.title, years, step),
        period_start=src.period_start + step,
        period_end=(src.period_end + step) if src.period_end else 0,
        status=PlanStatus.DRAFT,
        number="/" + src.number.split("/", 1)[1] if "/" in src.number else "",
        issue_date=None,
        sections=[replace(s, heading=shift_years(s.heading, years, step)) for s in src.sections],
        appendices=[replace(a, title=shift_years(a.title, years, step)) for a in src.appendices],
        created_at="",
        updated_at="",
    )
    tasks: list[Task] = []
    changes: list[TimeFrameChange] = []
    unchanged = 0
    new_end = new_plan.period_end or None
    for i, t in enumerate(snap.tasks):
        new_text = shift_years(t.time_frame, years, step)
        new_content = shift_years(t.content, years, step)
        new_output = shift_years(t.output, years, step)
        new_sched = _shift_schedule(t.schedule, step)
        tasks.append(replace(t, content=new_content, output=new_output, time_frame=new_text, schedule=new_sched,
                             status=TaskStatus.TODO, completed_on=None, created_at="", updated_at=""))
        # Only what is written differently is a change: "trước ngày 05/11 hàng năm" reads the
        # same in the new plan (its dates follow the plan's period, as they should).
        if new_text == t.time_frame and new_content == t.content:
            unchanged += 1
            continue
        old = schedule.resolve(t.time_frame, t.schedule, src.period_start, src.period_end or None, t.output)
        new = schedule.resolve(new_text, new_sched, new_plan.period_start, new_end, new_output)
        changes.append(TimeFrameChange(i, new_content, t.time_frame, new_text, list(old.dates), list(new.dates),
                                       new.understood or new.manual,
                                       old_content=t.content if new_content != t.content else ""))
    new_snap = PlanSnapshot(plan=new_plan, groups=snap.groups, tasks=tasks, history=TaskHistory())
    return CarryForward(source_id=plan_id, step=step, snapshot=new_snap, changes=changes, unchanged=unchanged)


def apply(store: Store, carry: CarryForward) -> Plan:
    """Save the prepared plan in one transaction."""
    return store.plans.import_snapshot(carry.snapshot)
