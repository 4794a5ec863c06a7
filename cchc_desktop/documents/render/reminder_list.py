"""The reminder list ("Danh sách nhắc việc") as a PDF: what is due in a window of days,
grouped by week or by day, with overdue occurrences marked and listed first.

Also the overdue-only list. Occurrences and their states come from `cchc_desktop.scheduling.schedule`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, TableStyle

from cchc_desktop.documents.render import layout
from cchc_desktop.documents.render.appendix import SplittingTable
from cchc_desktop.documents.render.letterhead import letterhead
from cchc_desktop.documents.render.settings import DocumentSettings
from cchc_desktop.documents.render.settings import load as load_settings
from cchc_desktop.errors import ValidationError
from cchc_desktop.scheduling.reminders import DigestItem, collapse, expand, reminder_item
from cchc_desktop.scheduling.schedule import OVERDUE, Occurrence, OccurrenceIndex
from cchc_desktop.store.domain import Plan
from cchc_desktop.text import vnformat
from cchc_desktop.text.agencies import refs_text
from cchc_desktop.text.textnorm import nfc

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

GROUPINGS = ("week", "day")
MAX_DAYS = 3661  # the digest's window (up to 3660 days after the first day) and its first day
HEADERS = ("STT", "Hạn", "Nhiệm vụ", "Cơ quan chủ trì", "Trạng thái")


@dataclass
class ReminderGroup:
    """One heading of the printed reminder list (a day, a week or the overdue work) and what falls under it."""
    title: str  # "Thứ Hai, 06/01/2025" or "Tuần từ 06/01/2025 đến 12/01/2025" or "Việc quá hạn"
    occurrences: list[Occurrence] = field(default_factory=list)
    overdue: bool = False
    leads: dict[int, str] = field(default_factory=dict, repr=False)
    notes: list[DigestItem] = field(default_factory=list)  # the officer's own reminders, each time due

    @property
    def rows(self) -> list[DigestItem]:
        """One row per task, as in the digest: a recurring stack (a weekly duty missed for months,
        a daily duty in a week) is one row with its count and first and last due dates; the
        officer's own reminders among them by day and time."""
        rows = collapse(self.occurrences, self.leads) + self.notes
        return sorted(rows, key=lambda i: (i.due, i.at is not None, i.at or dt.datetime.min))


@dataclass
class ReminderList:
    """What the list prints: title lines and the groups in order (overdue first)."""

    title: str
    subject: str
    start: dt.date
    end: dt.date  # last day included
    today: dt.date
    groups: list[ReminderGroup]
    leads: dict[int, str]  # task id -> lead agencies as written
    plan_numbers: dict[int, str]

    @property
    def occurrences(self) -> list[Occurrence]:
        return [o for g in self.groups for o in g.occurrences]


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def reminder_data(store: Store, *, start: dt.date, days: int = 7, overdue_only: bool = False,
                  group_by: str = "week", today: dt.date | None = None,
                  plan_ids: Sequence[int] | None = None) -> ReminderList:
    """Occurrences due in [start, start + days), overdue ones first; or only the overdue ones.
    Without `plan_ids`, the plans still in force (`schedule.active_plan_ids`)."""
    if group_by not in GROUPINGS:
        raise ValidationError("Chỉ nhóm được theo tuần hoặc theo ngày.")
    if not (1 <= days <= MAX_DAYS):
        raise ValidationError(f"Danh sách nhắc việc in từ 1 đến {MAX_DAYS} ngày.")
    today = today or dt.date.today()
    end = start + dt.timedelta(days=days - 1)
    if plan_ids is None:  # the plans the reminders chase, as on screen
        from cchc_desktop.scheduling.schedule import active_plan_ids

        plan_ids = active_plan_ids(store, today)
    index = OccurrenceIndex.load(store, plan_ids=plan_ids, today=today)
    if overdue_only:
        overdue = [o for o in index.overdue()]
        window: list[Occurrence] = []
        title = "DANH SÁCH VIỆC QUÁ HẠN"
        subject = f"Tính đến ngày {vnformat.date_table(today)}"
    else:
        window = index.between(start, end)
        overdue = [o for o in index.overdue() if o.due <= end]
        title = "DANH SÁCH NHẮC VIỆC"
        subject = f"Từ {vnformat.weekday_date(start)} đến {vnformat.weekday_date(end)}"
    groups: list[ReminderGroup] = []
    if overdue:
        groups.append(ReminderGroup("Việc quá hạn chưa hoàn thành", sorted(overdue, key=lambda o: o.due), True))
    rest = [o for o in window if o.state != OVERDUE]
    buckets: dict[dt.date, list[Occurrence]] = {}
    for occ in rest:
        key = occ.due if group_by == "day" else week_start(occ.due)
        buckets.setdefault(key, []).append(occ)
    notes: dict[dt.date, list[DigestItem]] = {}
    if not overdue_only:  # the officer's own reminders in the window ("Gọi Sở Tư pháp về hội thi")
        for rem, when in expand(store, start, end):
            key = when.date() if group_by == "day" else week_start(when.date())
            notes.setdefault(key, []).append(reminder_item(rem, when))
            buckets.setdefault(key, [])
    for key in sorted(buckets):
        if group_by == "day":
            label = vnformat.weekday_date(key)
        else:
            first, last = max(key, start), min(key + dt.timedelta(days=6), end)
            label = f"Tuần từ {vnformat.weekday_date(first)} đến {vnformat.weekday_date(last)}"
        groups.append(ReminderGroup(label, buckets[key], notes=notes.get(key, [])))
    leads = {tid: refs_text(task.lead) for tid, task in index.tasks.items()}
    for group in groups:
        group.leads = leads
    numbers = {int(p.id): p.number for p in store.plans.list() if p.id is not None}
    return ReminderList(title=title, subject=subject, start=start, end=end, today=today, groups=groups,
                        leads=leads, plan_numbers=numbers)


def _due_text(item: DigestItem) -> str:
    if item.count > 1 and item.last_due is not None:
        return (f"{item.count} lần, từ {vnformat.weekday_date(item.due)}"
                f"\nđến {vnformat.weekday_date(item.last_due)}")
    text = vnformat.weekday_date(item.due)
    if item.at is not None:  # an own reminder: its time of day
        text += f"\nlúc {item.at:%H:%M}"
    if item.legal_due and item.finish_by and (item.legal_due != item.due or item.finish_by != item.due):
        # BLDS 2015, Điều 148: the limit ends on the next working day; the office wants it done before.
        text += (f"\nNên xong trước: {vnformat.weekday_date(item.finish_by)}"
                 f"\nHạn theo luật: {vnformat.weekday_date(item.legal_due)}")
    return text


def _task_text(item: DigestItem, plan_number: str) -> str:
    # a collapsed row names its time frame as written; its dates and count are in the "Hạn" column
    which = item.time_frame if item.count > 1 else item.label
    details = [d for d in (nfc(which).strip(), f"KH {plan_number}" if plan_number.strip() else "") if d]
    text = nfc(item.title).strip()
    return f"{text}\n({'; '.join(details)})" if details else text


def reminder_flowables(data: ReminderList, styles: layout.Styles, setup: layout.PageSetup) -> list[Flowable]:
    story: list[Flowable] = layout.title_block(styles, data.title, data.subject, setup.width)
    if not data.groups:
        story.append(layout.para("Không có việc nào đến hạn trong khoảng thời gian này.", styles.center_italic))
        return story
    widths = [12 * mm, 34 * mm, 0.0, 34 * mm, 27 * mm]
    widths[2] = setup.width - sum(widths)
    rows: list[list[object]] = [[layout.para(h, styles.table_header) for h in HEADERS]]
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
        ("FONTNAME", (0, 0), (-1, -1), styles.font.name),  # empty cells too: no Helvetica in the file
        ("LINEBELOW", (0, "inrowsplitstart"), (-1, "inrowsplitstart"), 0.5, (0, 0, 0)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for group in data.groups:
        r = len(rows)
        rows.append([layout.para(group.title, styles.table_group), "", "", "", ""])
        style.append(("SPAN", (0, r), (-1, r)))
        style.append(("BACKGROUND", (0, r), (-1, r), (0.92, 0.92, 0.92)))
        if group.rows:
            style.append(("NOSPLIT", (0, r), (-1, r + 1)))  # a group title never ends a page
        for stt, item in enumerate(group.rows, start=1):
            overdue = item.state == OVERDUE
            bold = "b" if overdue else ""
            rows.append([
                layout.para(str(stt), styles.table_center),
                layout.para(_due_text(item), styles.table, markup=bold),
                layout.para(_task_text(item, data.plan_numbers.get(item.plan_id or 0, "")), styles.table),
                layout.para(item.lead or data.leads.get(item.task_id or 0, ""), styles.table),
                layout.para(item.state_label, styles.table, markup=bold),  # each state once, in bold if overdue
            ])
    table = SplittingTable(rows, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="CENTER")
    table.page_height = setup.height
    table.setStyle(TableStyle(style))
    story.append(table)
    return story


def render_reminder_list(store: Store, target: str | Path | IO[bytes], *, start: dt.date, days: int = 7,
                         overdue_only: bool = False, group_by: str = "week", today: dt.date | None = None,
                         plan_ids: Sequence[int] | None = None, settings: DocumentSettings | None = None
                         ) -> ReminderList:
    """Write the reminder list PDF (portrait) to `target`; returns what was printed.

    The window is [start, start + days); `overdue_only` prints every overdue occurrence as of
    `today` instead. `group_by` is "week" or "day". Headed as `letterhead.letterhead` says.
    """
    settings = settings or load_settings(store)
    data = reminder_data(store, start=start, days=days, overdue_only=overdue_only, group_by=group_by,
                         today=today, plan_ids=plan_ids)
    ids = list(plan_ids) if plan_ids is not None else sorted({o.plan_id for o in data.occurrences if o.plan_id})
    write_reminder_pdf(data, target, settings, [p for p in store.plans.list() if p.id in ids])
    return data


def write_reminder_pdf(data: ReminderList, target: str | Path | IO[bytes], settings: DocumentSettings,
                       plans: Sequence[Plan] = ()) -> None:
    """Write the list; headed by the office, else by the issuer of `plans` (the plans it lists)."""
    out = str(target) if isinstance(target, Path) else target
    doc = layout.OfficialDocument(out, settings, title=f"{data.title} - {data.subject}",
                                  author=settings.office_name or settings.parent_body, subject=data.subject)
    styles = layout.make_styles(settings)
    setup = doc.setup_of("portrait")
    story: list[Flowable] = [layout.letterhead_block(setup, styles, letterhead(settings, plans), number=None,
                                                     date=data.today)]
    story += reminder_flowables(data, styles, setup)
    doc.build(story)
