"""Tasks as a report reads them: only the columns a report counts and prints, as plain rows in
printed order, without a `Task` object each (a ten-year report reads 50,000 tasks).

`read_report_rows(db, plan_ids)` gives the rows of the plans in the order of `plan_ids`, each
plan's tasks in the order of `TaskService.rows` (appendix, ungrouped first, then groups, task
position), with their printed number, and the lead agencies of each task as written: what the
counts need (`only`: the rows of these tasks alone). `read_count_groups` gives instead the
number of tasks of each plan with the same time frame, output, status, completion, schedule and
lead agency, counted by SQLite without handing Python a row per task. `read_line_texts` gives what the task lines print besides (content, officer, group
title), read when the lines are made. Texts are cut as `TaskService` cuts them when read
(`as_read`), so a report prints what the lists show.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Container, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cchc_desktop.store.checks import MAX_FIELD_CHARS, MAX_SHORT_CHARS, as_read
from cchc_desktop.store.connection import in_chunks, marks

if TYPE_CHECKING:
    from cchc_desktop.store.db import Database

Refs = tuple[tuple[str, int | None], ...]

# Columns of a row (`ReportRows.rows`): what the counts need.
ID, PLAN, APPENDIX, GROUP, TIME_FRAME, OUTPUT, STATUS, COMPLETED, SCHEDULE = range(9)

# A text longer than its limit in characters is longer in bytes too: rows under every limit in
# bytes are taken as read, the others go through `as_read`.
_SELECT = (
    "SELECT t.id, t.plan_id, t.appendix_id, t.group_id, t.time_frame, t.output, t.status, t.completed_on, "
    "t.schedule, t.position, length(CAST(t.time_frame AS BLOB)) > {} OR length(CAST(t.output AS BLOB)) > {} "
    "FROM tasks t WHERE t.plan_id IN ({})"
)
_TEXTS = (
    "SELECT t.id, t.content, t.officer, coalesce(g.title, ''), "
    "length(CAST(t.content AS BLOB)) > {} OR length(CAST(t.officer AS BLOB)) > {} "
    "FROM tasks t LEFT JOIN task_groups g ON g.id = t.group_id WHERE t.plan_id IN ({})"
)
_LEADS = ("SELECT ta.task_id, ta.text, ta.agency_id FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id "
          "WHERE ta.role = 'lead' AND t.plan_id IN ({}){} ORDER BY ta.task_id, ta.role, ta.position")
# Tasks counted per plan, kind and lead agency as written (the text is dropped afterwards where
# the agency is in the registry, whose name is the one counted: cheaper than asking the registry
# for each task); tasks with several lead agencies are left out (read as rows), as are the tasks
# of `skip`.
_GROUPS = (
    "SELECT t.plan_id, t.time_frame, t.output, t.status, t.completed_on, t.schedule, ta.id IS NOT NULL, "
    "ta.agency_id, ta.text, count(*) "
    "FROM tasks t JOIN appendices ap ON ap.id = t.appendix_id "
    "LEFT JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead' "
    "WHERE t.plan_id IN ({}){} "
    "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9"
)
# Tasks left out of the counts (`skip`, `many`): asked of the plans that have such tasks only (a
# test per task read, about a tenth of the query's time).
_LEFT_OUT = " AND t.id NOT IN (SELECT value FROM json_each(?))"
_PLANS_OF = "SELECT DISTINCT plan_id FROM tasks WHERE id IN (SELECT value FROM json_each(?))"
# The same for tasks with several lead agencies (`many`): the lead agencies of each as one JSON
# list of [agency id, text where it names no registry agency].
_GROUPS_OF_MANY = (
    "SELECT t.plan_id, t.time_frame, t.output, t.status, t.completed_on, t.schedule, l.refs, count(*) "
    "FROM tasks t JOIN appendices ap ON ap.id = t.appendix_id "
    "JOIN (SELECT x.task_id, json_group_array(json_array(x.agency_id, x.text)) AS refs FROM ("
    "SELECT ta.task_id, ta.agency_id, CASE WHEN a.id IS NULL THEN ta.text END AS text FROM task_agencies ta "
    "LEFT JOIN agencies a ON a.id = ta.agency_id "
    "WHERE ta.role = 'lead' AND ta.task_id IN (SELECT value FROM json_each(?)) ORDER BY ta.task_id, ta.position"
    ") x GROUP BY x.task_id) l ON l.task_id = t.id "
    "WHERE t.plan_id IN ({}){} "
    "GROUP BY 1, 2, 3, 4, 5, 6, 7"
)
# Tasks with several lead agencies: of every plan (the index answers it without reading the
# tasks), or of some plans.
_MANY_LEADS = "SELECT task_id FROM task_agencies WHERE role = 'lead' GROUP BY task_id HAVING count(*) > 1"
_MANY_LEADS_OF = ("SELECT ta.task_id FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id "
                  "WHERE ta.role = 'lead' AND t.plan_id IN ({}) GROUP BY ta.task_id HAVING count(*) > 1")


@dataclass(frozen=True, slots=True)
class ReportRows:
    """The tasks a report reads, as plain rows in printed order, with their lead agencies and group order."""
    rows: list[tuple[Any, ...]]  # columns ID ... SCHEDULE, in printed order
    leads: dict[int, Refs]  # task id -> (text, agency id) of its lead agencies, in order
    group_at: dict[int, int]  # group id -> its position in its appendix

    def stts(self) -> list[int]:
        """The printed number of each row in its group: 1, 2, ... (`TaskService.rows`)."""
        out: list[int] = []
        last: tuple[Any, Any, Any] | None = None
        stt = 0
        group_at = self.group_at
        for r in self.rows:
            key = (r[PLAN] or 0, r[APPENDIX] or 0, group_at.get(r[GROUP], -1) if r[GROUP] is not None else -1)
            stt = stt + 1 if key == last else 1
            last = key
            out.append(stt)
        return out


def read_report_rows(db: Database, plan_ids: Sequence[int], only: Collection[int] | None = None) -> ReportRows:
    plan_ids = list(dict.fromkeys(plan_ids))
    if not plan_ids or (only is not None and not only):
        return ReportRows([], {}, {})
    tasks = "" if only is None else " AND t.id IN (SELECT value FROM json_each(?))"
    picked = [] if only is None else [json.dumps(sorted(only))]
    rank = {pid: i for i, pid in enumerate(plan_ids)}
    appendices = dict(db.execute("SELECT id, position FROM appendices").fetchall())
    group_at = dict(db.execute("SELECT id, position FROM task_groups").fetchall())
    select = _SELECT.format(MAX_SHORT_CHARS, MAX_SHORT_CHARS * 2, "{}")
    found: list[Any] = []
    for chunk in in_chunks(plan_ids):
        found.extend(db.execute(select.format(marks(chunk)) + tasks, [*chunk, *picked]).fetchall())
    found = [r for r in found if r[APPENDIX] in appendices]

    def order(r: Sequence[Any]) -> tuple[Any, ...]:
        # `TaskService.rows_of_plans`: the plans in the order asked, then appendix position and
        # id, group position (ungrouped first), task position, id.
        pos = r[9]
        gpos = group_at.get(r[GROUP], -1) if r[GROUP] is not None else -1
        return (rank[r[PLAN]], appendices[r[APPENDIX]], r[APPENDIX], gpos, pos is not None, pos or 0, r[ID])

    found.sort(key=order)
    rows = [_cut(r) if r[10] else r for r in found]

    # The lead agencies of each task, as one tuple shared by every task naming the same ones.
    leads: dict[int, Refs] = {}
    shared: dict[Refs, Refs] = {}
    task: int | None = None
    refs: list[tuple[str, int | None]] = []
    for chunk in in_chunks(plan_ids):
        leads_of = _LEADS.format(marks(chunk), tasks.replace("t.id", "ta.task_id"))
        for tid, text, agency_id in db.execute(leads_of, [*chunk, *picked]):
            if tid != task:
                if task is not None:
                    named = tuple(refs)
                    leads[task] = shared.setdefault(named, named)
                task, refs = tid, []
            if len(text) > MAX_SHORT_CHARS:
                text = as_read(text, MAX_SHORT_CHARS)
            refs.append((text, agency_id))
    if task is not None:
        named = tuple(refs)
        leads[task] = shared.setdefault(named, named)
    return ReportRows(rows, leads, group_at)


def tasks_with_several_leads(db: Database, plan_ids: Sequence[int] | None = None) -> set[int]:
    """The tasks with several lead agencies, of the plans of `plan_ids` (None: of every plan)."""
    if plan_ids is None:
        return {tid for (tid,) in db.execute(_MANY_LEADS)}
    out: set[int] = set()
    for chunk in in_chunks(plan_ids):
        out.update(tid for (tid,) in db.execute(_MANY_LEADS_OF.format(marks(chunk)), chunk))
    return out


GROUP_PLANS = 50
"""Plans counted per query by `read_count_groups`."""


def read_count_groups(db: Database, plan_ids: Sequence[int], skip: Collection[int],
                      many: Collection[int] = (), registry: Container[int] | None = None) -> list[tuple[Any, ...]]:
    """(row, lead agencies, number of tasks) per plan, kind of task and lead agencies, the tasks
    of `skip` left out; `many`: the tasks with several lead agencies (`tasks_with_several_leads`),
    whose lead agencies are read in a list per task. A row has the columns of `ReportRows.rows`
    (without id, appendix and group), its texts cut as read; the lead agencies are those of
    `ReportRows.leads`, the text left out (None) where it names a registry agency (`registry`: the
    ids of the registry's agencies, when the caller has them)."""
    counted: dict[tuple[Any, ...], int] = {}
    if registry is None:
        registry = {aid for (aid,) in db.execute("SELECT id FROM agencies")}
    skipped = json.dumps(sorted(set(skip) | set(many)))
    several = json.dumps(sorted(set(many) - set(skip)))
    only_skipped = json.dumps(sorted(skip))
    ids = list(dict.fromkeys(plan_ids))
    # the plans with tasks left out, and the others (asked without the test)
    with_left_out = {pid for (pid,) in db.execute(_PLANS_OF, [skipped])} if skipped != "[]" else set()
    parts = [([pid for pid in ids if pid in with_left_out], _LEFT_OUT),
             ([pid for pid in ids if pid not in with_left_out], "")]
    # Fifty plans to a query: SQLite sorts each query's rows to group them, and the rows of ten
    # years at once (50,000 tasks) overflow the sorter's memory, which the page cache sets: about a
    # tenth of the query's time more than the same rows sorted a few thousand at a time.
    for chunk, left_out in ((chunk, left_out) for some, left_out in parts for chunk in in_chunks(some, GROUP_PLANS)):
        found = db.execute(_GROUPS.format(marks(chunk), left_out), [*chunk, *([skipped] if left_out else [])]).fetchall()
        if several != "[]" and left_out:  # (the plans of tasks with several lead agencies have tasks left out)
            found.extend((*g[:6], 2, None, g[6], g[7]) for g in db.execute(
                _GROUPS_OF_MANY.format(marks(chunk), left_out), [several, *chunk, only_skipped]))
        for plan, frame, output, status, completed, schedule, has_lead, agency_id, text, n in found:
            if len(frame) > MAX_SHORT_CHARS:
                frame = as_read(frame, MAX_SHORT_CHARS)
            if len(output) > MAX_SHORT_CHARS * 2:
                output = as_read(output, MAX_SHORT_CHARS * 2)
            refs: Refs
            if has_lead == 2:  # several lead agencies, as a JSON list
                refs = tuple((_short(t), a) for a, t in json.loads(text))
            elif has_lead:
                refs = ((_short(None if agency_id in registry else text), agency_id),)
            else:
                refs = ()
            key = ((None, plan, None, None, frame, output, status, completed, schedule), refs)
            counted[key] = counted.get(key, 0) + n
    return [(row, refs, n) for (row, refs), n in counted.items()]


def _short(text: str | None) -> Any:
    return as_read(text, MAX_SHORT_CHARS) if text is not None and len(text) > MAX_SHORT_CHARS else text


def read_line_texts(db: Database, plan_ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
    """Task id -> content, officer and group title, as `TaskService` reads them: what a report's
    task lines print beside the counts."""
    select = _TEXTS.format(MAX_FIELD_CHARS, 200, "{}")
    out: dict[int, tuple[str, str, str]] = {}
    for chunk in in_chunks(plan_ids):
        for tid, content, officer, title, long in db.execute(select.format(marks(chunk)), chunk):
            if long:
                content, officer = as_read(content, MAX_FIELD_CHARS), as_read(officer, 200)
            out[tid] = (content, officer, title)
    return out


def _cut(row: tuple[Any, ...]) -> tuple[Any, ...]:
    cells = list(row)
    cells[TIME_FRAME] = as_read(cells[TIME_FRAME], MAX_SHORT_CHARS)
    cells[OUTPUT] = as_read(cells[OUTPUT], MAX_SHORT_CHARS * 2)
    return tuple(cells)

