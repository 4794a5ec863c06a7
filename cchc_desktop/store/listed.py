"""The task list's rows (`TaskService.listed_rows`): what a list needs of every task read at
once and kept small, the rest of a task read when its row is first shown.

A list of every plan holds tens of thousands of tasks and shows a screenful. Of each it keeps
the id, the place (plan, group, appendix; rows of one place share one tuple), the printed number
and the search key; the task itself (texts, agencies, schedule) is read from the database a
page of rows at a time, when a row of the page is first asked for, and made into a `TaskRow`
then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, overload

from cchc_desktop.store.domain import Task, TaskRow

if TYPE_CHECKING:
    from cchc_desktop.store.db import Database

Place = tuple[int | None, int | None, int | None]
"""(plan id, group id, appendix id) of a row."""

PageReader = Callable[[Sequence[int]], dict[int, tuple[Task, str, int]]]
"""Reads tasks by id: {id: (task, group title, group position)}; a task no longer there is left out."""

PAGE = 200
"""Rows read from the database at a time: a screenful and the rows around it."""


def task_filter(plan_id: int | None, appendix_id: int | None) -> tuple[list[str], list[Any]]:
    """The WHERE clauses (on tasks as `t`) and their parameters that keep one plan's or one
    appendix's tasks; none for every task."""
    where: list[str] = []
    params: list[Any] = []
    if plan_id is not None:
        where.append("t.plan_id = ?")
        params.append(plan_id)
    if appendix_id is not None:
        where.append("t.appendix_id = ?")
        params.append(appendix_id)
    return where, params


def read_listed(db: Database, plan_id: int | None, appendix_id: int | None
                ) -> tuple[list[int], list[Place], list[str], list[int]]:
    """Ids, places, search keys and printed numbers (STT, 1, 2, ... in each group) of the tasks
    in printed order: plans by year (newest first), appendix, ungrouped tasks first, then
    groups, position (`TaskService.rows`'s order)."""
    where, params = task_filter(plan_id, appendix_id)
    sql = ("SELECT t.id, t.plan_id, t.group_id, t.appendix_id, t.search_key, coalesce(g.position, -1) "
           "FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN appendices a ON a.id = t.appendix_id "
           "LEFT JOIN task_groups g ON g.id = t.group_id "
           + ("WHERE " + " AND ".join(where) + " " if where else "")
           + "ORDER BY p.period_start IS NULL, p.period_start DESC, p.id DESC, a.position, a.id, "
             "coalesce(g.position, -1), t.position, t.id")
    ids: list[int] = []
    places: list[Place] = []
    keys: list[str] = []
    stts: list[int] = []
    shared: dict[Place, Place] = {}
    last: tuple[Any, ...] | None = None
    stt = 0
    cursor = db.execute(sql, params)
    while batch := cursor.fetchmany(2000):  # a batch at a time: the rows as read are not all kept at once
        for tid, pid, gid, aid, key, group_position in batch:
            place = (pid, gid, aid)
            place = shared.setdefault(place, place)
            numbering = (pid or 0, aid or 0, group_position)
            stt = stt + 1 if numbering == last else 1
            last = numbering
            ids.append(tid)
            places.append(place)
            keys.append(key or "")
            stts.append(stt)
    return ids, places, keys, stts


class TaskRows(Sequence[TaskRow]):
    """Task rows in printed order, each made into a `TaskRow` with its `Task` when first asked
    for. What a list needs of every row (search key, task id, plan, group and appendix) is there
    without making any."""

    def __init__(self, read_page: PageReader, plans: dict[int, tuple[Any, str, str]],
                 listed: tuple[list[int], list[Place], list[str], list[int]]) -> None:
        self._read_page = read_page
        self._plans = plans
        self._ids, self._places, self._keys, self._stts = listed
        self._made: list[TaskRow | None] = [None] * len(self._ids)
        self._read: dict[int, tuple[Task, str, int]] = {}  # read with a page, not yet made

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> TaskRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[TaskRow]: ...

    def __getitem__(self, index: int | slice) -> TaskRow | list[TaskRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._ids)))]
        row = self._made[index]
        if row is None:
            tid = self._ids[index]
            if tid not in self._read:
                self._read_around(index)
            found = self._read.pop(tid, None)
            if found is None:
                # deleted since the list was read (the list is read again after every change):
                # the row keeps its place, without texts, until then
                pid, gid, aid = self._places[index]
                found = (Task(id=tid, plan_id=pid, group_id=gid, appendix_id=aid), "", -1)
            task, group_title, group_position = found
            _ps, number, title = self._plans.get(task.plan_id or 0, (None, "", ""))
            row = self._made[index] = TaskRow(
                task=task, group_title=group_title, group_position=group_position, plan_number=number,
                plan_title=title, stt=self._stts[index], search_key=self._keys[index])
        return row

    def _read_around(self, index: int) -> None:
        """Reads the page of rows from a little before `index` on (a screenful scrolled either
        way is then read), leaving out the rows made or read already."""
        start = max(0, index - PAGE // 4)
        made = self._made
        wanted = [self._ids[i] for i in range(start, min(len(self._ids), start + PAGE))
                  if made[i] is None and self._ids[i] not in self._read]
        self._read.update(self._read_page(wanted))

    def search_keys(self) -> list[str]:
        return self._keys

    def task_ids(self) -> list[int]:
        return self._ids

    def places(self) -> list[Place]:
        """(plan id, group id, appendix id) of each row."""
        return self._places
