"""Tasks, their groups and printed order, field-wise edits, history for undo, and the search filter."""

from __future__ import annotations

import builtins
import datetime as dt
import json
import operator
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any

from cchc_desktop.errors import ConflictError, NotFoundError, ValidationError
from cchc_desktop.store.checks import (
    MAX_FIELD_CHARS,
    MAX_SHORT_CHARS,
    _date_or_none,
    _now,
    as_read,
    check_text,
    putting_back,
    stored_json,
)
from cchc_desktop.store.connection import id_filters, in_chunks, marks
from cchc_desktop.store.domain import (
    AgencyRef,
    DeletedTasks,
    Task,
    TaskGroup,
    TaskHistory,
    TaskRow,
    TaskStatus,
)
from cchc_desktop.store.listed import TaskRows, read_listed, task_filter
from cchc_desktop.store.task_order import put_back
from cchc_desktop.system.collector import many_objects
from cchc_desktop.text.search import Query
from cchc_desktop.text.textnorm import fold, one_line

if TYPE_CHECKING:
    from cchc_desktop.store.db import Database
    from cchc_desktop.store.store import Store


_STATUSES = {s.value: s for s in TaskStatus}


def _stts(rows: Sequence[Sequence[Any]]) -> list[int]:
    """The printed number of each row (rows as read, in printed order): 1, 2, ... in each group."""
    out = []
    last_key: tuple[Any, Any, Any] | None = None
    stt = 0
    for r in rows:
        key = (r[1] or 0, r[2] or 0, r[18])
        stt = stt + 1 if key == last_key else 1
        last_key = key
        out.append(stt)
    return out


class TaskService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._folded_for: dict[int, builtins.list[str]] | None = None  # the registry's names `_folded` was made from
        self._folded: dict[int, builtins.list[str]] = {}

    @property
    def db(self) -> Database:
        return self.store.db

    # groups -------------------------------------------------------------

    def groups(self, appendix_id: int) -> list[TaskGroup]:
        return [
            TaskGroup(id=r[0], appendix_id=r[1], position=r[2], title=as_read(r[3], MAX_SHORT_CHARS))
            for r in self.db.execute(
                "SELECT id, appendix_id, position, title FROM task_groups WHERE appendix_id = ? ORDER BY position, id",
                [appendix_id],
            )
        ]

    def groups_of_plan(self, plan_id: int) -> list[TaskGroup]:
        return [
            TaskGroup(id=r[0], appendix_id=r[1], position=r[2], title=as_read(r[3], MAX_SHORT_CHARS))
            for r in self.db.execute(
                "SELECT g.id, g.appendix_id, g.position, g.title FROM task_groups g "
                "JOIN appendices a ON a.id = g.appendix_id WHERE a.plan_id = ? ORDER BY a.position, g.position, g.id",
                [plan_id],
            )
        ]

    def groups_by_appendix(self, plan_id: int | None = None) -> dict[int, list[TaskGroup]]:
        """Groups of every appendix (of one plan, or of all plans), in printed order."""
        sql = "SELECT g.id, g.appendix_id, g.position, g.title FROM task_groups g"
        params: list[Any] = []
        if plan_id is not None:
            sql += " JOIN appendices a ON a.id = g.appendix_id WHERE a.plan_id = ?"
            params.append(plan_id)
        out: dict[int, list[TaskGroup]] = defaultdict(list)
        for r in self.db.execute(sql + " ORDER BY g.appendix_id, g.position, g.id", params):
            out[r[1]].append(TaskGroup(id=r[0], appendix_id=r[1], position=r[2], title=as_read(r[3], MAX_SHORT_CHARS)))
        return out

    def add_group(self, appendix_id: int, title: str, position: int | None = None,
                  group_id: int | None = None) -> TaskGroup:
        """A new group (at `position`, or last); `group_id` puts a deleted group back under its
        own id (undo), which the undo steps after it name it by."""
        title = check_text("Tên nhóm", title, limit=MAX_SHORT_CHARS, required=True)
        with self.db.atomic():
            if position is None:
                position = int(
                    self.db.execute(
                        "SELECT coalesce(max(position) + 1, 0) FROM task_groups WHERE appendix_id = ?", [appendix_id]
                    ).fetchone()[0]
                )
            else:
                self.db.execute(
                    "UPDATE task_groups SET position = position + 1 WHERE appendix_id = ? AND position >= ?",
                    [appendix_id, position],
                )
            row = {"appendix_id": appendix_id, "position": position, "title": title}
            gid = self.db.insert("task_groups", row if group_id is None else {"id": group_id, **row})
        return TaskGroup(id=int(gid), appendix_id=appendix_id, position=position, title=title)  # type: ignore[arg-type]

    def order_groups(self, appendix_id: int, group_ids: Sequence[int]) -> None:
        """Number the appendix's groups in this order (the rows whose position changes are written)."""
        with self.db.atomic():
            existing = dict(self.db.execute("SELECT id, position FROM task_groups WHERE appendix_id = ?", [appendix_id]))
            if sorted(group_ids) != sorted(existing):
                raise ValidationError("Danh sách nhóm đã thay đổi; hãy tải lại rồi thử lại.")
            self.db.conn.executemany("UPDATE task_groups SET position = ? WHERE id = ?",
                                     [(i, gid) for i, gid in enumerate(group_ids) if existing[gid] != i])

    def rename_group(self, group_id: int, title: str) -> None:
        title = check_text("Tên nhóm", title, limit=MAX_SHORT_CHARS, required=True)
        with self.db.atomic():
            self.db.execute("UPDATE task_groups SET title = ? WHERE id = ?", [title, group_id])

    def delete_group(self, group_id: int) -> TaskGroup:
        """Remove a group row; its tasks stay, ungrouped at the end of the appendix."""
        row = self.db.execute("SELECT id, appendix_id, position, title FROM task_groups WHERE id = ?", [group_id]).fetchone()
        if not row:
            raise NotFoundError("Không tìm thấy nhóm.")
        with self.db.atomic():
            base = self._next_position(row[1], None)
            ids = [r[0] for r in self.db.execute("SELECT id FROM tasks WHERE group_id = ? ORDER BY position", [group_id])]
            for i, tid in enumerate(ids):
                self.db.execute("UPDATE tasks SET group_id = NULL, position = ? WHERE id = ?", [base + i, tid])
            self.db.execute("DELETE FROM task_groups WHERE id = ?", [group_id])
        return TaskGroup(id=row[0], appendix_id=row[1], position=row[2], title=row[3])

    # reading ------------------------------------------------------------

    def _refs(self, task_ids: Sequence[int]) -> dict[int, tuple[list[AgencyRef], list[AgencyRef]]]:
        """The agencies of these tasks by task id, (lead, partners): looked up by id however many
        tasks (for every task of ten years, as fast as reading every agency link of the database)."""
        out: dict[int, tuple[list[AgencyRef], list[AgencyRef]]] = defaultdict(lambda: ([], []))
        for chunk in in_chunks(task_ids):
            for tid, role, aid, text, sep in self.db.execute(
                    f"SELECT task_id, role, agency_id, text, separator FROM task_agencies WHERE task_id IN ({marks(chunk)}) "
                    "ORDER BY task_id, role, position", chunk):
                out[tid][0 if role == "lead" else 1].append(
                    AgencyRef(text=as_read(text, MAX_SHORT_CHARS), agency_id=aid, separator=sep))
        return out

    _TASK_COLS = (
        "t.id, t.plan_id, t.appendix_id, t.group_id, t.position, t.content, t.time_frame, t.output, t.funding, "
        "t.status, t.notes, t.officer, t.completed_on, t.schedule, t.created_at, t.updated_at, t.search_key"
    )

    def _task_from(self, r: Sequence[Any], refs: dict[int, tuple[list[AgencyRef], list[AgencyRef]]]) -> Task:
        lead, partners = refs.get(r[0], ([], []))
        return Task(
            id=r[0], plan_id=r[1], appendix_id=r[2], group_id=r[3], position=r[4],
            content=as_read(r[5], MAX_FIELD_CHARS), time_frame=as_read(r[6], MAX_SHORT_CHARS),
            output=as_read(r[7], MAX_SHORT_CHARS * 2), funding=as_read(r[8], MAX_SHORT_CHARS),
            status=_STATUSES.get(r[9]) or TaskStatus(r[9]), notes=as_read(r[10], MAX_FIELD_CHARS),
            officer=as_read(r[11], 200),
            completed_on=_date_or_none(r[12]), schedule=stored_json(r[13], {}) or None,
            created_at=r[14], updated_at=r[15], lead=list(lead), partners=list(partners),
        )

    def get(self, task_id: int) -> Task:
        row = self.db.execute(f"SELECT {self._TASK_COLS} FROM tasks t WHERE t.id = ?", [task_id]).fetchone()
        if not row:
            raise NotFoundError(f"Không tìm thấy nhiệm vụ số hiệu nội bộ {task_id}.")
        return self._task_from(row, self._refs([task_id]))

    def get_many(self, task_ids: Sequence[int]) -> list[Task]:
        rows = [r for chunk in in_chunks(task_ids) for r in self._task_rows(f"t.id IN ({marks(chunk)})", chunk)]
        by_id = {t.id: t for t in self._tasks_from(rows)}
        return [by_id[i] for i in task_ids if i in by_id]

    def _task_rows(self, where: str, params: list[Any]) -> list[Any]:
        return self.db.execute(
            f"SELECT {self._TASK_COLS} FROM tasks t WHERE {where} ORDER BY t.appendix_id, t.position", params
        ).fetchall()

    def _tasks_from(self, rows: list[Any]) -> list[Task]:
        """Tasks of rows read with `_TASK_COLS`, with their agencies."""
        with many_objects():  # every task of ten years, for a change to all of them
            refs = self._refs([r[0] for r in rows])
            return [self._task_from(r, refs) for r in rows]

    def tasks_of_plan(self, plan_id: int) -> list[Task]:
        return self.tasks_of_plans([plan_id])

    def tasks_of_plans(self, plan_ids: Sequence[int]) -> list[Task]:
        """`tasks_of_plan` of each plan in turn, many plans read to a query."""
        by_plan: dict[int, list[Task]] = defaultdict(list)
        for chunk in in_chunks(plan_ids):
            for t in self._tasks_from(self._task_rows(f"t.plan_id IN ({marks(chunk)})", chunk)):
                by_plan[int(t.plan_id or 0)].append(t)
        return [t for pid in plan_ids for t in by_plan.get(pid, [])]

    def rows_of_plans(self, plan_ids: Sequence[int]) -> list[TaskRow]:
        """`rows(plan_id)` of each plan in turn, read in one query."""
        if not plan_ids:
            return []
        by_plan: dict[int, list[TaskRow]] = defaultdict(list)
        for row in self.rows(plan_ids=plan_ids):
            by_plan[int(row.task.plan_id or 0)].append(row)
        return [row for pid in plan_ids for row in by_plan.get(pid, [])]

    def rows(self, plan_id: int | None = None, appendix_id: int | None = None, *,
             plan_ids: Sequence[int] | None = None) -> list[TaskRow]:
        """Tasks in printed order (appendix, ungrouped first, then groups), STT per group."""
        with many_objects():
            rows, plans = self._read_rows(plan_id, appendix_id, plan_ids)
            return self._rows_from(rows, plans)

    def listed_rows(self, plan_id: int | None = None, appendix_id: int | None = None) -> TaskRows:
        """`rows(plan_id, appendix_id)` as a sequence that reads and makes each row (and its task)
        when first asked for: a list of every plan's 50,000 tasks keeps little of each and makes
        only the rows it shows."""
        plans = {pid: (ps, number, title) for pid, ps, number, title
                 in self.db.execute("SELECT id, period_start, number, title FROM plans")}
        return TaskRows(self._listed_page, plans, read_listed(self.db, plan_id, appendix_id))

    def _listed_page(self, task_ids: Sequence[int]) -> dict[int, tuple[Task, str, int]]:
        """Tasks by id with their group's title and position (-1: in no group)."""
        if not task_ids:
            return {}
        refs = self._refs(task_ids)
        return {r[0]: (self._task_from(r, refs), r[17], r[18]) for chunk in in_chunks(task_ids) for r in self.db.execute(
            f"SELECT {self._TASK_COLS}, coalesce(g.title, ''), coalesce(g.position, -1) FROM tasks t "
            f"LEFT JOIN task_groups g ON g.id = t.group_id WHERE t.id IN ({marks(chunk)})", chunk)}

    def _read_rows(self, plan_id: int | None, appendix_id: int | None,
                   plan_ids: Sequence[int] | None) -> tuple[list[Any], dict[int, tuple[Any, str, str]]]:
        """The task rows as read, in printed order, and the plans (period start, number, title)."""
        where, params = task_filter(plan_id, appendix_id)
        # Plans and appendices are read apart and joined here: the rows share their plan's
        # number and title instead of carrying copies, and sorting the keys in Python spares
        # SQLite a sort of every wide row.
        plans = {pid: (ps, number, title) for pid, ps, number, title
                 in self.db.execute("SELECT id, period_start, number, title FROM plans")}
        appendices = dict(self.db.execute("SELECT id, position FROM appendices").fetchall())
        select = (f"SELECT {self._TASK_COLS}, coalesce(g.title, ''), coalesce(g.position, -1) "
                  "FROM tasks t LEFT JOIN task_groups g ON g.id = t.group_id ")
        found: list[Any] = []
        for of_plans, chunk in id_filters("t.plan_id", plan_ids):
            clauses = where + ([of_plans] if of_plans else [])
            sql = select + ("WHERE " + " AND ".join(clauses) if clauses else "")
            found.extend(self.db.execute(sql, params + chunk).fetchall())
        rows = [r for r in found if r[1] in plans and r[2] in appendices]

        def order(r: Sequence[Any]) -> tuple[Any, ...]:
            # ORDER BY p.period_start DESC, p.id DESC, a.position, a.id, group position,
            # t.position, t.id (SQLite puts NULL last when descending, first when ascending)
            ps = plans[r[1]][0]
            pos = r[4]
            return (ps is None, -(ps or 0), -r[1], appendices[r[2]], r[2], r[18], pos is not None, pos or 0, r[0])

        rows.sort(key=order)
        return rows, plans

    def _rows_from(self, rows: list[Any], plans: dict[int, tuple[Any, str, str]]) -> list[TaskRow]:
        refs = self._refs([r[0] for r in rows])
        out: list[TaskRow] = []
        for r, stt in zip(rows, _stts(rows), strict=True):
            task = self._task_from(r, refs)
            _ps, number, title = plans[r[1]]
            out.append(
                TaskRow(task=task, group_title=r[17], group_position=r[18], plan_number=number, plan_title=title,
                        stt=stt, search_key=r[16])
            )
        return out

    # writing ------------------------------------------------------------

    def _validate(self, task: Task, seen: dict[tuple[str, Any], Any] | None = None) -> Task:
        """The task as it is stored, or ValidationError. `seen` keeps, within one transaction, the
        plan of each appendix and the appendix of each group already read (a batch names a few),
        and each text already checked (agency names, time frames, empty fields)."""
        seen = {} if seen is None else seen

        def check(label: str, value: str | None, limit: int = MAX_FIELD_CHARS, required: bool = False) -> str:
            text: str | None = seen.get((label, value))
            if text is None:  # a ValidationError is raised, never kept
                text = seen[label, value] = check_text(label, value, limit=limit, required=required)
            return text

        t = Task(*_TASK_VALUES(task))  # `replace(task)` in a sixth of its time
        t.content = check("Nội dung nhiệm vụ", task.content, MAX_FIELD_CHARS, True)
        t.time_frame = check("Thời gian thực hiện", task.time_frame, MAX_SHORT_CHARS)
        t.output = check("Sản phẩm/chỉ tiêu", task.output, MAX_SHORT_CHARS * 2)
        t.funding = check("Kinh phí", task.funding, MAX_SHORT_CHARS)
        t.notes = check("Ghi chú", task.notes)
        t.officer = check("Người theo dõi", task.officer, 200)
        t.status = task.status if task.status.__class__ is TaskStatus else TaskStatus(task.status)
        # a name that is only white space is left out (the check of such a text gives "")
        t.lead = [AgencyRef(text, r.agency_id, r.separator) for r in task.lead
                  if (text := check("Cơ quan chủ trì", r.text, MAX_SHORT_CHARS))]
        t.partners = [AgencyRef(text, r.agency_id, r.separator) for r in task.partners
                      if (text := check("Cơ quan phối hợp", r.text, MAX_SHORT_CHARS))]
        linked = {r.agency_id for r in (*t.lead, *t.partners)}
        linked.discard(None)
        known = self.store.agencies.names_by_id() if linked else {}
        if not linked <= known.keys():
            # A name linked while the registry was read may denote an agency removed since
            # (in another window): link it again by its name.
            t.lead, t.partners = (
                [r if r.agency_id is None or r.agency_id in known else replace(r, agency_id=self.store.agencies.match(r.text))
                 for r in refs]
                for refs in (t.lead, t.partners)
            )
        if t.plan_id is None:
            raise ValidationError("Nhiệm vụ phải thuộc một kế hoạch.")
        if t.appendix_id is None:
            t.appendix_id = self._first_appendix(t.plan_id)
        else:
            key = ("appendix", t.appendix_id)
            if key not in seen:
                seen[key] = self.db.execute("SELECT plan_id FROM appendices WHERE id = ?", [t.appendix_id]).fetchone()
            row = seen[key]
            if not row or row[0] != t.plan_id:
                raise ValidationError("Phụ lục không thuộc kế hoạch đã chọn.")
        if t.group_id is not None:
            key = ("group", t.group_id)
            if key not in seen:
                seen[key] = self.db.execute("SELECT appendix_id FROM task_groups WHERE id = ?", [t.group_id]).fetchone()
            row = seen[key]
            if not row or row[0] != t.appendix_id:
                raise ValidationError("Nhóm không thuộc phụ lục của nhiệm vụ.")
        if t.status is not TaskStatus.DONE:
            t.completed_on = None
        elif t.completed_on is None:
            t.completed_on = dt.date.today()
        return t

    def _first_appendix(self, plan_id: int) -> int:
        row = self.db.execute(
            "SELECT id FROM appendices WHERE plan_id = ? ORDER BY position, id LIMIT 1", [plan_id]
        ).fetchone()
        if not row:
            raise NotFoundError(f"Không tìm thấy kế hoạch số hiệu nội bộ {plan_id}.")
        return int(row[0])

    def _next_position(self, appendix_id: int, group_id: int | None) -> int:
        return int(
            self.db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM tasks WHERE appendix_id = ? AND group_id IS ?",
                [appendix_id, group_id],
            ).fetchone()[0]
        )

    def search_key_of(self, task: Task) -> str:
        names = self.store.agencies.names_by_id()
        folded = self._folded_names(names)
        parts = [task.content, task.time_frame, task.output, task.funding, task.notes, task.officer]
        keys = [fold(p) for p in parts if p]
        for ref in (*task.lead, *task.partners):
            if ref.text:
                parts.append(ref.text)
                keys.append(fold(ref.text))
            if ref.agency_id in names:
                parts.extend(names[ref.agency_id])
                keys.extend(folded[ref.agency_id])
        # `fold` of the parts joined by " | " is their keys joined so, unless a part folds to nothing;
        # each agency name, time frame and short text is folded once for all the tasks naming it
        return " | ".join(keys) if all(keys) else fold(" | ".join(p for p in parts if p))

    def _folded_names(self, names: dict[int, builtins.list[str]]) -> dict[int, builtins.list[str]]:
        """The keys of each agency's names (`fold` of each that is not empty), made again when the
        registry's names are read again (`names_by_id` gives another dictionary)."""
        if self._folded_for is not names:
            self._folded = {aid: [fold(n) for n in ns if n] for aid, ns in names.items()}
            self._folded_for = names
        return self._folded

    @staticmethod
    def _ref_rows(task: Task) -> list[tuple[Any, ...]]:
        """(task_id, role, position, agency_id, text, separator) of each name of its lead and partners."""
        rows = []
        for role, refs in (("lead", task.lead), ("partner", task.partners)):
            for i, ref in enumerate(refs):
                rows.append((task.id, role, i, ref.agency_id, ref.text, ref.separator if i else ""))
        return rows

    def _insert_refs(self, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self.db.insert_rows("task_agencies", ("task_id", "role", "position", "agency_id", "text", "separator"), rows)

    _COLUMNS = ("plan_id", "appendix_id", "group_id", "position", "content", "time_frame", "output", "funding",
                "status", "notes", "officer", "completed_on", "schedule", "search_key")
    """The columns a task's fields are written to (`_task_values`), besides its id and times."""

    def _task_values(self, t: Task) -> tuple[Any, ...]:
        return (
            t.plan_id, t.appendix_id, t.group_id, t.position, t.content, t.time_frame, t.output, t.funding,
            t.status.value, t.notes, t.officer, t.completed_on.isoformat() if t.completed_on else None,
            json.dumps(t.schedule, ensure_ascii=False) if t.schedule else None, self.search_key_of(t),
        )

    def _insert_many(self, tasks: Iterable[Task], *, keep_ids: bool, validated: bool = False) -> list[int]:
        """Write the tasks (checked by `_validate` unless `validated`) and their agencies, each task
        a new id unless `keep_ids` and it has one (undo puts a task back under its own id).

        The ids are given here as SQLite would give them (an AUTOINCREMENT id: one more than the
        highest the table has had), so that the rows are written many to a statement
        (`Database.insert_rows`); the write lock is held (`atomic`), so no other process adds a
        task meanwhile."""
        ids = []
        rows = []
        refs: list[tuple[Any, ...]] = []
        now = _now()
        seen: dict[tuple[str, Any], Any] = {}
        with self.db.atomic():
            next_id = int(self.db.execute(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'tasks'), 0), "
                "coalesce((SELECT max(id) FROM tasks), 0)) + 1").fetchone()[0])
            for task in tasks:
                t = task if validated else self._validate(task, seen)
                if keep_ids and t.id is not None:
                    next_id = max(next_id, t.id + 1)
                else:
                    t.id, next_id = next_id, next_id + 1
                rows.append((t.id, *self._task_values(t), t.created_at or now, now))
                refs += self._ref_rows(t)
                ids.append(t.id)
            self.db.insert_rows("tasks", ("id", *self._COLUMNS, "created_at", "updated_at"), rows)
            self._insert_refs(refs)
        return ids

    def create(self, task: Task, *, after_id: int | None = None) -> Task:
        """Add a task at the end of its group (or right after `after_id`)."""
        with self.db.atomic():
            t = self._validate(task)
            if after_id is not None:
                after = self.get(after_id)
                t.group_id = after.group_id
                t.appendix_id = after.appendix_id
                self.db.execute(
                    "UPDATE tasks SET position = position + 1 WHERE appendix_id = ? AND group_id IS ? AND position > ?",
                    [after.appendix_id, after.group_id, after.position],
                )
                t.position = after.position + 1
            else:
                t.position = self._next_position(int(t.appendix_id), t.group_id)  # type: ignore[arg-type]
            (tid,) = self._insert_many([t], keep_ids=False)
        return self.get(tid)

    def create_many(self, tasks: Sequence[Task]) -> list[int]:
        """Add several tasks at the end of their groups, in one transaction."""
        with self.db.atomic():
            checked = []
            next_position: dict[tuple[int, int | None], int] = {}  # the end of each group, read once
            seen: dict[tuple[str, Any], Any] = {}
            for task in tasks:
                t = self._validate(task, seen)
                where = (int(t.appendix_id), t.group_id)  # type: ignore[arg-type]
                if where not in next_position:
                    next_position[where] = self._next_position(*where)
                t.position = next_position[where]
                next_position[where] += 1
                checked.append(t)
            return self._insert_many(checked, keep_ids=False, validated=True)

    def update(self, task: Task, base: Task | None = None) -> Task:
        """Save a task. With `base`, the task as it was read into the form or the list, only the
        fields that differ from it are written, over the row as it is now; if another window or
        process changed one of those fields since, ConflictError and nothing is saved. Without
        `base` every field is written (callers that read inside the same transaction)."""
        return self.update_many([(task, base)])[0]

    def update_many(self, edits: Sequence[tuple[Task, Task | None]]) -> builtins.list[Task]:
        """Save several tasks in one transaction, each as `update` saves it with its base (or
        without one): ConflictError or a refused field for any of them and none is saved. The
        tasks are read, checked and written many to a statement, and their agencies written
        again only where they changed: a change of state of every task of ten years in seconds."""
        if any(task.id is None for task, _ in edits):
            raise ValidationError("Nhiệm vụ chưa được lưu.")
        ids = [int(task.id) for task, _ in edits]  # type: ignore[arg-type]
        with self.db.atomic(), many_objects():
            current = {int(t.id): t for t in self.get_many(ids)}  # type: ignore[arg-type]
            seen: dict[tuple[str, Any], Any] = {}
            now, rows, refs, relinked = _now(), [], [], []
            for tid, (task, base) in zip(ids, edits, strict=True):
                if tid not in current:  # deleted meanwhile
                    raise NotFoundError(f"Không tìm thấy nhiệm vụ số hiệu nội bộ {tid}.")
                t = self._validate(task if base is None else self._merge(current[tid], base, task), seen)
                rows.append((*self._task_values(t), now, tid))
                if (names := self._ref_rows(t)) != self._ref_rows(current[tid]):
                    relinked.append(tid)
                    refs += names
            sets = ", ".join(f'"{c}" = ?' for c in (*self._COLUMNS, "updated_at"))
            self.db.conn.executemany(f"UPDATE tasks SET {sets} WHERE id = ?", rows)
            for chunk in in_chunks(relinked):
                self.db.execute(f"DELETE FROM task_agencies WHERE task_id IN ({marks(chunk)})", chunk)
            self._insert_refs(refs)
        del current, rows, refs  # read again below: not both at once in memory for every task of ten years
        return self.get_many(ids)

    @staticmethod
    def changed_fields(base: Task, edited: Task) -> builtins.list[str]:
        """The fields an edit changes (a change of state carries its completion date)."""
        names = [n for n in _TASK_FIELDS if getattr(base, n) != getattr(edited, n)]
        if "status" in names and "completed_on" not in names:
            names.append("completed_on")
        return names

    def _merge(self, current: Task, base: Task, edited: Task) -> Task:
        """The row as it is now with the fields changed from `base` to `edited` applied;
        ConflictError when one of those fields was changed by someone else meanwhile."""
        names = [n for n in _TASK_FIELDS if getattr(base, n) != getattr(edited, n)]

        def same(name: str, a: Task, b: Task) -> bool:
            x, y = getattr(a, name), getattr(b, name)
            if name in ("lead", "partners"):  # the names as written; their registry links may be refreshed
                return [(r.text, r.separator) for r in x] == [(r.text, r.separator) for r in y]
            return bool(x == y)

        stale = [n for n in names if not same(n, current, base) and not same(n, current, edited)]
        if stale:
            labels = ", ".join(_TASK_FIELD_LABELS[n] for n in stale)
            raise ConflictError(
                f"Nhiệm vụ «{one_line(current.content)[:80]}» vừa được thay đổi ở nơi khác (cửa sổ khác, dòng lệnh "
                f"hoặc tác tử nhắc việc): {labels}. Thay đổi của bạn chưa được lưu để không ghi đè lên đó; "
                "hãy xem lại nhiệm vụ rồi sửa lại nếu cần."
            )
        merged = Task(*_TASK_VALUES(current))  # `replace`, in a sixth of its time (for every task of ten years)
        for n in names:
            setattr(merged, n, getattr(edited, n))
        if "status" in names and "completed_on" not in names and current.status != edited.status:
            merged.completed_on = edited.completed_on  # a new state: its own date (today when done)
        return merged

    def history_of(self, task_ids: Sequence[int]) -> TaskHistory:
        """Progress entries, attachments and reminder links of tasks, as stored."""
        history = TaskHistory()
        if not task_ids:
            return history
        for chunk in in_chunks(task_ids):
            history.progress.extend(self.db.query(
                f"SELECT * FROM progress_entries WHERE task_id IN ({marks(chunk)})", chunk))
            history.attachments.extend(self.db.query(
                f"SELECT a.* FROM attachments a JOIN progress_entries p ON p.id = a.progress_id "
                f"WHERE p.task_id IN ({marks(chunk)})", chunk))
            history.reminder_links.extend(
                (r[0], r[1]) for r in self.db.execute(f"SELECT id, task_id FROM reminders WHERE task_id IN ({marks(chunk)})",
                                                      chunk))
        # as stored: an entry before the attachments and entries recorded after it
        history.progress.sort(key=lambda r: r["id"])
        history.attachments.sort(key=lambda r: r["id"])
        history.reminder_links.sort()
        return history

    def restore_history(self, history: TaskHistory) -> None:
        """Put back what `history_of` saw (after the tasks themselves are back)."""
        with putting_back("tiến độ đã ghi"), self.db.atomic():
            for table, rows in (("progress_entries", history.progress), ("attachments", history.attachments)):
                for row in rows:
                    columns = ", ".join(row)
                    self.db.execute(
                        f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values())
                    )
            for reminder_id, task_id in history.reminder_links:
                self.db.execute("UPDATE reminders SET task_id = ? WHERE id = ?", [task_id, reminder_id])

    def withdraw_progress(self, entry_id: int) -> TaskHistory:
        """Take back one progress entry just recorded (undo): its rows are returned for redo
        (`restore_history`); its attached files stay in the attachments folder for that."""
        history = TaskHistory()
        history.progress = list(self.db.query("SELECT * FROM progress_entries WHERE id = ?", [entry_id]))
        history.attachments = list(self.db.query("SELECT * FROM attachments WHERE progress_id = ?", [entry_id]))
        with self.db.atomic():
            self.db.execute("DELETE FROM progress_entries WHERE id = ?", [entry_id])
        return history

    def take_back(self, task_ids: Sequence[int]) -> DeletedTasks:
        """Delete tasks just added (undo of add, paste), unless progress was recorded on them
        since: that is refused with ConflictError rather than deleted with them."""
        with self.db.atomic():
            row = next((found for chunk in in_chunks(task_ids) if (found := self.db.execute(
                f"SELECT t.content FROM progress_entries p JOIN tasks t ON t.id = p.task_id "
                f"WHERE p.task_id IN ({marks(chunk)}) LIMIT 1", chunk).fetchone())), None)
            if row:
                raise ConflictError(
                    f"Nhiệm vụ «{one_line(row[0])[:80]}» đã có tiến độ được ghi sau khi thêm; không hoàn tác "
                    "được việc thêm để không mất tiến độ đó."
                )
            return self.delete(task_ids)

    def delete(self, task_ids: Sequence[int]) -> DeletedTasks:
        """Delete tasks; the returned copies (with their progress history and the order of their
        appendices) restore them (undo)."""
        with self.db.atomic():
            tasks = self.get_many(task_ids)
            history = self.history_of([int(t.id) for t in tasks])  # type: ignore[arg-type]
            orders = {a: self.order_of(a) for a in dict.fromkeys(int(t.appendix_id) for t in tasks)}  # type: ignore[arg-type]
            for t in tasks:
                self.db.execute("DELETE FROM tasks WHERE id = ?", [t.id])
        return DeletedTasks(tasks, history, orders)

    def restore(self, tasks: DeletedTasks) -> None:
        """Put deleted tasks (`delete`'s result) back with their ids and history, each in its
        place: right after the task that came before it when it was deleted, in its group then
        (`task_order.put_back`); the tasks moved or added since keep their order."""
        with putting_back("nhiệm vụ đã xóa"), self.db.atomic():
            self._insert_many(tasks, keep_ids=True)
            back: dict[int, set[int]] = defaultdict(set)  # appendix id: the ids of its tasks put back
            for t in tasks:
                back[int(t.appendix_id)].add(int(t.id))  # type: ignore[arg-type]
            for appendix_id, before in tasks.orders.items():
                self.set_order(appendix_id, put_back(self.order_of(appendix_id), before, back[appendix_id]))
            self.restore_history(tasks.history)

    def order_of(self, appendix_id: int) -> list[tuple[int, int | None]]:
        """(task id, group id) in order, for undo of reordering."""
        return [
            (r[0], r[1])
            for r in self.db.execute(
                "SELECT t.id, t.group_id FROM tasks t LEFT JOIN task_groups g ON g.id = t.group_id "
                "WHERE t.appendix_id = ? ORDER BY coalesce(g.position, -1), t.position, t.id",
                [appendix_id],
            )
        ]

    def set_order(self, appendix_id: int, order: Sequence[tuple[int, int | None]]) -> None:
        """Set the group and position of every listed task of an appendix (the rows whose
        group or position this changes are written)."""
        with self.db.atomic():
            existing = {r[0]: (r[1], r[2]) for r in self.db.execute(
                "SELECT id, group_id, position FROM tasks WHERE appendix_id = ?", [appendix_id])}
            if {tid for tid, _ in order} != existing.keys() or len(order) != len(existing):
                raise ValidationError("Danh sách nhiệm vụ đã thay đổi; hãy tải lại rồi sắp xếp lại.")
            groups = {g.id for g in self.groups(appendix_id)}
            counters: dict[int | None, int] = defaultdict(int)
            changed = []
            for tid, gid in order:
                if gid is not None and gid not in groups:
                    raise ValidationError("Nhóm không thuộc phụ lục này.")
                if existing[tid] != (gid, counters[gid]):
                    changed.append((gid, counters[gid], tid))
                counters[gid] += 1
            self.db.conn.executemany("UPDATE tasks SET group_id = ?, position = ? WHERE id = ?", changed)

    def move(self, task_ids: Sequence[int], step: int) -> None:
        """Move tasks up (step -1) or down (+1) within the printed order, across groups."""
        if not task_ids:
            return
        first = self.get(task_ids[0])
        order = self.order_of(int(first.appendix_id))  # type: ignore[arg-type]
        group_seq: list[int | None] = [None]
        group_seq += [g.id for g in self.groups(int(first.appendix_id))]  # type: ignore[arg-type]
        selected = set(task_ids)
        items = list(order)
        indices = [i for i, (tid, _) in enumerate(items) if tid in selected]
        if step < 0:
            for i in indices:
                tid, gid = items[i]
                if i > 0 and items[i - 1][0] not in selected:
                    prev_tid, prev_gid = items[i - 1]
                    if prev_gid == gid:
                        items[i - 1], items[i] = items[i], items[i - 1]
                    else:
                        items[i] = (tid, prev_gid)  # enter the previous group at its end
                elif i == 0 and gid is not None:
                    pos = group_seq.index(gid)
                    items[i] = (tid, group_seq[pos - 1])
        else:
            for i in reversed(indices):
                tid, gid = items[i]
                if i + 1 < len(items) and items[i + 1][0] not in selected:
                    next_tid, next_gid = items[i + 1]
                    if next_gid == gid:
                        items[i + 1], items[i] = items[i], items[i + 1]
                    else:
                        items[i] = (tid, next_gid)  # enter the next group at its start
                elif i == len(items) - 1:
                    pos = group_seq.index(gid)
                    if pos + 1 < len(group_seq):
                        items[i] = (tid, group_seq[pos + 1])
        self.set_order(int(first.appendix_id), self._normalise(items, group_seq))  # type: ignore[arg-type]

    @staticmethod
    def _normalise(items: list[tuple[int, int | None]], group_seq: list[int | None]) -> list[tuple[int, int | None]]:
        """Stable sort by group order so that the printed order is what was shown."""
        rank = {g: i for i, g in enumerate(group_seq)}
        return sorted(items, key=lambda item: rank.get(item[1], 0))

    def move_to_group(self, task_ids: Sequence[int], group_id: int | None, before_task: int | None = None) -> None:
        """Move tasks into a group (None: ungrouped), at its end or before another task."""
        if not task_ids:
            return
        first = self.get(task_ids[0])
        appendix_id = int(first.appendix_id)  # type: ignore[arg-type]
        moved = set(task_ids)
        order = [item for item in self.order_of(appendix_id) if item[0] not in moved]
        moving = [(tid, group_id) for tid in task_ids]
        if before_task is not None and any(tid == before_task for tid, _ in order):
            idx = next(i for i, (tid, _) in enumerate(order) if tid == before_task)
            order[idx:idx] = moving
        else:
            last = max((i for i, (_, gid) in enumerate(order) if gid == group_id), default=None)
            if last is None:
                order.extend(moving)
            else:
                order[last + 1:last + 1] = moving
        group_seq = [None] + [g.id for g in self.groups(appendix_id)]
        self.set_order(appendix_id, self._normalise(order, group_seq))

    def set_status(self, task_ids: Sequence[int], status: TaskStatus, done_on: dt.date | None = None) -> None:
        tasks = self.get_many(task_ids)
        for t in tasks:
            t.status, t.completed_on = status, done_on if status == TaskStatus.DONE else None
        self.update_many([(t, None) for t in tasks])

    def refresh_search_keys(self, task_ids: Iterable[int] | None = None) -> None:
        with self.db.atomic():
            ids = list(task_ids) if task_ids is not None else [r[0] for r in self.db.execute("SELECT id FROM tasks")]
            # one statement for all of them (an agency added can link thousands of names typed before it)
            rows = [(self.search_key_of(t), t.id) for t in self.get_many(ids)] if ids else []
            if rows:
                self.db.conn.executemany("UPDATE tasks SET search_key = ? WHERE id = ?", rows)


_TASK_FIELD_LABELS = {
    "plan_id": "kế hoạch", "appendix_id": "phụ lục", "group_id": "nhóm", "position": "thứ tự",
    "content": "nội dung", "lead": "cơ quan chủ trì", "partners": "cơ quan phối hợp",
    "time_frame": "thời gian thực hiện", "output": "sản phẩm/chỉ tiêu", "funding": "kinh phí",
    "status": "trạng thái", "notes": "ghi chú", "officer": "người theo dõi",
    "completed_on": "ngày hoàn thành", "schedule": "lịch thực hiện",
}
_TASK_FIELDS = tuple(_TASK_FIELD_LABELS)
_TASK_VALUES = operator.attrgetter(*(f.name for f in fields(Task) if f.init))  # in the order Task() takes them


def filter_rows(
    rows: Sequence[TaskRow],
    *,
    text: str = "",
    agency_id: int | None = None,
    agency_text: str = "",
    role: str | None = None,
    status: str | None = None,
    group_title: str | None = None,
    within: Sequence[int] | None = None,
    within_text: str = "",
    keys: Sequence[str] | None = None,
) -> list[int]:
    """Indices of the rows that pass every filter (free text ignores diacritics and case).

    The free text is searched in the stored search keys by `text.search.Query`: its words in
    any order within one field, agency name or clause of the content, punctuation ignored
    ("van hoa the thao" finds "Sở Văn hóa, Thể thao và Du lịch"; "so noi vu" finds "Sở Nội
    vụ", not a task that has "số", "nội dung" and "nhiệm vụ" apart). One pass over
    precomputed keys keeps typing instant on tens of thousands of rows, and `within` (the
    previous matches, or the rows holding every word, when the officer types on) narrows that
    pass further, the words of `within_text` (which every row of `within` holds) not looked for
    again; `keys` are the rows' search keys, passed in by callers that filter the same rows often.
    """
    query = Query(text)
    pool: Iterable[int] = within if within is not None else range(len(rows))
    if keys is None:
        keys = [row.search_key for row in rows]
    known = Query(within_text).words if within is not None else ()
    candidates: Iterable[int] = query.filter(keys, pool, known) if query else pool
    agency_key = fold(agency_text)
    if not (status or group_title is not None or agency_id is not None or agency_key):
        return list(candidates)
    out = []
    for i in candidates:
        row = rows[i]
        t = row.task
        if status and t.status.value != status:
            continue
        if group_title is not None and row.group_title != group_title:
            continue
        if agency_id is not None or agency_key:
            refs = t.lead if role == "lead" else t.partners if role == "partner" else [*t.lead, *t.partners]
            if agency_id is not None and not any(r.agency_id == agency_id for r in refs):
                continue
            if agency_key and not any(agency_key in fold(r.text) for r in refs):
                continue
        out.append(i)
    return out
