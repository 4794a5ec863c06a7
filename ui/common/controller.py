"""The window's single door to the core: every edit is a service call wrapped in an undo command.

Each operation runs once right away (so an error reaches the officer as a message and
nothing is pushed), then lives on the undo stack. After any change the controller emits
`changed` with the kinds of data touched, and each tab refreshes only for its kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QUndoCommand, QUndoStack

from cchc_desktop.errors import CchcError, ConflictError, NotFoundError
from cchc_desktop.store.agencies import AgencySnapshot
from cchc_desktop.store.domain import Agency, Plan, Task, TaskStatus
from cchc_desktop.store.store import Store
from cchc_desktop.store.task_order import put_back
from cchc_desktop.text.vnformat import number

PLANS = "plans"
TASKS = "tasks"
AGENCIES = "agencies"
PROGRESS = "progress"
CALENDAR = "calendar"
SETTINGS = "settings"


@contextmanager
def _busy() -> Iterator[None]:
    """The wait cursor while a step and the views' refresh run (deleting or putting back the
    tasks of years takes seconds); back to the arrow before any message is shown."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class AgenciesAdded:
    """The agencies a step adds to the registry along the way (an import's new agencies): made
    before the step, `note` after it; its undo `take_away`s them (the names linked to them are
    unlinked, as written), its redo `put_back`s them under the same ids."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._known = {a.id for a in store.agencies.list()}
        self.ids: list[int] = []
        self._snapshot: AgencySnapshot | None = None

    def note(self) -> None:
        self.ids = [int(a.id) for a in self.store.agencies.list() if a.id not in self._known]  # type: ignore[arg-type]
        self._snapshot = self.store.agencies.snapshot(self.ids) if self.ids else None

    def take_away(self) -> None:
        self.store.agencies.take_away(self.ids)

    def put_back(self) -> None:
        if self._snapshot is not None:
            self.store.agencies.restore(self._snapshot)


class _ServiceCommand(QUndoCommand):
    """An undoable step whose first run already happened in `Controller.run`.

    A step that cannot apply (refused by the core: something changed elsewhere since) has
    changed nothing; QUndoStack moves its index whatever undo() and redo() do, so the
    controller moves it back (`Controller._keep_index`) and the same step stays the next one."""

    def __init__(self, controller: Controller, text: str, redo: Callable[[], Any], undo: Callable[[], Any],
                 kinds: frozenset[str]) -> None:
        super().__init__(text)
        self._controller = controller
        self._redo = redo
        self._undo = undo
        self._kinds = kinds
        self._first = True

    def redo(self) -> None:
        if self._first or self._controller._restoring:
            self._first = False
            return
        self._controller._step(self._redo, self._kinds)

    def undo(self) -> None:
        if self._controller._restoring:
            return
        self._controller._step(self._undo, self._kinds)


class Controller(QObject):
    changed = Signal(object)
    """Data changed; the argument is a frozenset of kinds (plans, tasks, agencies, ...)."""

    failed = Signal(str)
    """An operation was refused; the argument is the Vietnamese message for the officer."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        self.last_refusal: CchcError | None = None
        """Why the last operation was refused (a form closes on a ConflictError: what it shows is stale)."""
        self._restoring = False
        self._put_back_to: int | None = None
        self.undo_stack.indexChanged.connect(self._keep_index)

    # machinery -----------------------------------------------------------

    def _refused(self, exc: CchcError, kinds: frozenset[str]) -> None:
        self.last_refusal = exc
        self.failed.emit(exc.message)
        if isinstance(exc, (ConflictError, NotFoundError)):
            self.changed.emit(kinds)  # show what the other window or process wrote

    def _step(self, fn: Callable[[], Any], kinds: frozenset[str]) -> None:
        """Run one undo or redo; when the core refuses it, the stack is put back where it was."""
        index = self.undo_stack.index()  # QUndoStack changes it after the step returns
        try:
            with _busy():
                fn()
        except CchcError as exc:
            self._put_back_to = index
            self._refused(exc, kinds)
            return
        with _busy():
            self.changed.emit(kinds)

    def _keep_index(self, index: int) -> None:
        target, self._put_back_to = self._put_back_to, None
        if target is None or target == index:
            return
        self._restoring = True  # the commands passed over do nothing: their step did not happen
        try:
            self.undo_stack.setIndex(target)
        finally:
            self._restoring = False

    def run(self, text: str, do: Callable[[], Any], undo: Callable[[], Any], redo: Callable[[], Any] | None = None,
            kinds: Iterable[str] = (TASKS,)) -> Any:
        """Do it now; on success push an undo step. Returns do()'s result, or None when refused."""
        kinds = frozenset(kinds)
        try:
            with _busy():
                result = do()
        except CchcError as exc:
            self._refused(exc, kinds)
            return None
        self.undo_stack.push(_ServiceCommand(self, text, redo or do, undo, kinds))
        with _busy():
            self.changed.emit(kinds)
        return result

    def notify(self, *kinds: str) -> None:
        self.changed.emit(frozenset(kinds))

    # plans -----------------------------------------------------------------

    def create_plan(self, plan: Plan) -> Plan | None:
        return self.add_plan(lambda: self.store.plans.create(plan), "Tạo kế hoạch")

    def update_plan(self, plan: Plan, base: Plan | None = None) -> Plan | None:
        """Save the plan form; `base` is the plan as the form read it. Only what the form
        changed is written (see PlanService.edit); undo takes back exactly that, never the
        tasks, progress or appendices added meanwhile."""
        state: dict[str, Any] = {}
        if base is None:
            base = self.store.plans.get(int(plan.id))  # type: ignore[arg-type]

        def do() -> Plan:
            state["edit"] = self.store.plans.edit(plan, base)
            return state["edit"].after

        def undo() -> None:
            self.store.plans.undo_edit(state["edit"])

        def redo() -> None:  # the appendices it added come back under the same ids
            state["edit"] = self.store.plans.edit(plan, base, new_ids=state["edit"].added)

        return self.run("Sửa kế hoạch", do, undo, redo, kinds=(PLANS, TASKS))

    def delete_plan(self, plan_id: int) -> bool:
        state: dict[str, Any] = {}

        def do() -> bool:
            state["snap"] = self.store.plans.delete(plan_id)
            return True

        def undo() -> None:
            self.store.plans.restore(state["snap"])

        def redo() -> None:
            self.store.plans.delete(plan_id)

        return bool(self.run("Xóa kế hoạch", do, undo, redo, kinds=(PLANS, TASKS, PROGRESS)))

    def duplicate_plan(self, plan_id: int) -> Plan | None:
        return self.add_plan(lambda: self.store.plans.duplicate(plan_id), "Nhân bản kế hoạch")

    def add_plan(self, make: Callable[[], Plan], text: str) -> Plan | None:
        """Undoable insertion of a plan made by a core service (create, duplicate, demo, import,
        carry forward): undo deletes it, and the agencies it added to the registry (an import's
        new agencies); redo puts the same plan and agencies back with the same ids."""
        state: dict[str, Any] = {}
        agencies = AgenciesAdded(self.store)

        def do() -> Plan:
            plan = make()
            state["id"] = plan.id
            state["tasks"] = [int(t.id) for t in self.store.tasks.tasks_of_plan(int(plan.id))]  # type: ignore[arg-type]
            agencies.note()
            return plan

        def undo() -> None:
            with self.store.db.atomic():
                state["snap"] = self.store.plans.take_back(state["id"], state["tasks"])
                agencies.take_away()

        def redo() -> None:
            with self.store.db.atomic():
                agencies.put_back()
                self.store.plans.restore(state["snap"])

        return self.run(text, do, undo, redo, kinds=(PLANS, TASKS, AGENCIES))

    # tasks -------------------------------------------------------------------

    def create_task(self, task: Task, after_id: int | None = None) -> Task | None:
        state: dict[str, Any] = {}

        def do() -> Task:
            created = self.store.tasks.create(task, after_id=after_id)
            state["id"] = created.id
            return created

        def undo() -> None:
            state["tasks"] = self.store.tasks.take_back([state["id"]])

        def redo() -> None:
            self.store.tasks.restore(state["tasks"])

        return self.run("Thêm nhiệm vụ", do, undo, redo)

    def create_tasks(self, tasks: Sequence[Task], text: str = "Dán nhiệm vụ") -> list[int] | None:
        state: dict[str, Any] = {}

        def do() -> list[int]:
            state["ids"] = self.store.tasks.create_many(tasks)
            return state["ids"]

        def undo() -> None:
            state["tasks"] = self.store.tasks.take_back(state["ids"])

        def redo() -> None:
            self.store.tasks.restore(state["tasks"])

        return self.run(text, do, undo, redo)

    def paste_tasks(self, plan_id: int, appendix_id: int, group_id: int | None, items: Sequence[Any]) -> Any:
        """Rows pasted from Word or Excel (`tabular.save_pasted`) as one step: undo takes back the
        tasks and the groups it added and puts the appendix's order back; redo brings the same
        groups and tasks under the same ids (the steps after this one name them), each in its place."""
        from cchc_desktop.documents.tabular import save_pasted

        tasks = self.store.tasks
        before = tasks.order_of(appendix_id)
        groups_before = {g.id for g in tasks.groups(appendix_id)}
        state: dict[str, Any] = {}

        def do() -> list[int]:
            state["ids"] = save_pasted(self.store, plan_id, appendix_id, group_id, items)
            groups = tasks.groups(appendix_id)
            state["groups"] = [g for g in groups if g.id not in groups_before]
            state["group_order"] = [int(g.id) for g in groups]  # type: ignore[arg-type]
            return state["ids"]  # type: ignore[no-any-return]

        def undo() -> None:
            with self.store.db.atomic():
                state["tasks"] = tasks.take_back(state["ids"])
                for g in state["groups"]:
                    tasks.delete_group(int(g.id))
                tasks.set_order(appendix_id, before)

        def redo() -> None:
            with self.store.db.atomic():
                for g in state["groups"]:
                    tasks.add_group(appendix_id, g.title, group_id=g.id)
                tasks.order_groups(appendix_id, state["group_order"])
                tasks.restore(state["tasks"])

        return self.run(f"Dán {sum(1 for i in items if i.kind == 'task')} nhiệm vụ", do, undo, redo)

    def update_task(self, task: Task, base: Task | None = None) -> Task | None:
        """Save an edited task; `base` is the task as it was shown when the edit began."""
        return self.update_tasks([task], "Sửa nhiệm vụ", single=True, bases=None if base is None else [base])

    def update_tasks(self, tasks: Sequence[Task], text: str, *, single: bool = False,
                     bases: Sequence[Task] | None = None) -> Any:
        """Undoable edit of tasks. Only the fields the edit changed (from `bases`, the tasks as
        shown when it began; read now when not given) are written, and only where nobody else
        changed them meanwhile; undo and redo take back exactly those fields, refusing with a
        message where they were changed again since, so that undoing an earlier edit never takes
        back what came after it (progress that set the status, an edit from another window)."""
        ids = [int(t.id) for t in tasks]  # type: ignore[arg-type]
        if bases is None:
            before = {int(t.id): t for t in self.store.tasks.get_many(ids)}  # type: ignore[arg-type]
        else:
            before = {int(b.id): b for b in bases}  # type: ignore[arg-type]
        edited = {int(t.id): t for t in tasks}  # type: ignore[arg-type]
        names = {tid: self.store.tasks.changed_fields(before[tid], edited[tid]) for tid in ids}
        state: dict[str, dict[int, Task]] = {}

        def swap(targets: Callable[[int], Task], bases_now: dict[int, Task]) -> dict[int, Task]:
            saved = self.store.tasks.update_many([(targets(tid), bases_now[tid]) for tid in ids])
            return {int(t.id): t for t in saved}  # type: ignore[arg-type]

        def do() -> Any:
            state["saved"] = swap(lambda tid: edited[tid], before)
            return state["saved"][ids[0]] if single else True

        def undo() -> None:
            saved = state["saved"]
            state["undone"] = swap(
                lambda tid: replace(saved[tid], **{n: getattr(before[tid], n) for n in names[tid]}), saved)

        def redo() -> None:
            undone = state["undone"]
            state["saved"] = swap(
                lambda tid: replace(undone[tid], **{n: getattr(state["saved"][tid], n) for n in names[tid]}), undone)

        return self.run(text, do, undo, redo)

    def record_progress(self, entry: Any, files: Sequence[Any] = ()) -> Any:
        """Record progress (a ProgressEntry, with files to attach) as one undoable step: undo
        takes the entry back and puts the task's state as it was; redo brings the same entry."""
        from cchc_desktop.store.progress import ProgressService

        task_id = int(entry.task_id)
        state_fields = ("status", "completed_on", "officer")
        before = self.store.tasks.get(task_id)
        state: dict[str, Any] = {}

        def set_state(source: Task, now: Task) -> None:
            # Only the state this step set, and only if nobody changed it since.
            self.store.tasks.update(replace(now, **{n: getattr(source, n) for n in state_fields}), base=now)

        def do() -> Any:
            saved = ProgressService(self.store).record(entry, files=files)
            state["saved"] = saved
            state["after"] = self.store.tasks.get(task_id)
            return saved

        def undo() -> None:
            with self.store.db.atomic():
                set_state(before, state["after"])
                state["rows"] = self.store.tasks.withdraw_progress(int(state["saved"].id))

        def redo() -> None:
            with self.store.db.atomic():
                set_state(state["after"], before)
                self.store.tasks.restore_history(state["rows"])

        return self.run("Cập nhật tiến độ", do, undo, redo, kinds=(PROGRESS, TASKS, CALENDAR))

    def set_status(self, task_ids: Sequence[int], status: TaskStatus) -> bool:
        bases = self.store.tasks.get_many(task_ids)
        tasks = [replace(t, status=status, completed_on=None) for t in bases]
        return self.update_tasks(tasks, f"Đổi trạng thái: {status.label}", bases=bases)

    def delete_tasks(self, task_ids: Sequence[int]) -> bool:
        state: dict[str, Any] = {}

        def do() -> bool:
            state["tasks"] = self.store.tasks.delete(task_ids)
            return True

        def undo() -> None:
            self.store.tasks.restore(state["tasks"])

        def redo() -> None:
            self.store.tasks.delete(task_ids)

        return bool(self.run(f"Xóa {number(len(task_ids))} nhiệm vụ", do, undo, redo, kinds=(TASKS, PROGRESS)))

    def _reorder(self, appendix_id: int, text: str, action: Callable[[], None]) -> bool:
        before = self.store.tasks.order_of(appendix_id)
        after: dict[str, Any] = {}

        def do() -> bool:
            action()
            after["order"] = self.store.tasks.order_of(appendix_id)
            return True

        return bool(
            self.run(
                text,
                do,
                lambda: self.store.tasks.set_order(appendix_id, before),
                lambda: self.store.tasks.set_order(appendix_id, after["order"]),
            )
        )

    def move_tasks(self, appendix_id: int, task_ids: Sequence[int], step: int) -> bool:
        return self._reorder(appendix_id, "Chuyển nhiệm vụ lên" if step < 0 else "Chuyển nhiệm vụ xuống",
                             lambda: self.store.tasks.move(task_ids, step))

    def move_to_group(self, appendix_id: int, task_ids: Sequence[int], group_id: int | None,
                      before_task: int | None = None) -> bool:
        return self._reorder(appendix_id, "Chuyển nhiệm vụ sang nhóm",
                             lambda: self.store.tasks.move_to_group(task_ids, group_id, before_task))

    # groups ------------------------------------------------------------------

    def add_group(self, appendix_id: int, title: str) -> int | None:
        state: dict[str, Any] = {}

        def do() -> int:
            group = self.store.tasks.add_group(appendix_id, title)
            state["group"] = group
            return int(group.id)  # type: ignore[arg-type]

        def undo() -> None:
            self.store.tasks.delete_group(int(state["group"].id))

        def redo() -> None:
            g = state["group"]
            state["group"] = self.store.tasks.add_group(appendix_id, g.title, group_id=g.id)  # last, as added

        return self.run("Thêm nhóm", do, undo, redo)

    def rename_group(self, group_id: int, old: str, new: str) -> bool:
        return bool(
            self.run("Đổi tên nhóm", lambda: self.store.tasks.rename_group(group_id, new) or True,
                     lambda: self.store.tasks.rename_group(group_id, old))
        )

    def delete_group(self, appendix_id: int, group_id: int) -> bool:
        before = self.store.tasks.order_of(appendix_id)
        groups_before = [(int(g.id), None) for g in self.store.tasks.groups(appendix_id)]  # type: ignore[arg-type]
        state: dict[str, Any] = {}

        def do() -> bool:
            state["group"] = self.store.tasks.delete_group(group_id)
            return True

        def undo() -> None:
            g = state["group"]
            with self.store.db.atomic():
                self.store.tasks.add_group(appendix_id, g.title, g.position, group_id=g.id)  # under its own id
                now = [(int(x.id), None) for x in self.store.tasks.groups(appendix_id)]  # type: ignore[arg-type]
                self.store.tasks.order_groups(appendix_id, [gid for gid, _ in put_back(now, groups_before, {g.id})])
                self.store.tasks.set_order(appendix_id, before)

        def redo() -> None:
            state["group"] = self.store.tasks.delete_group(group_id)

        return bool(self.run("Xóa nhóm", do, undo, redo))

    # agencies ------------------------------------------------------------------

    def save_agency(self, agency: Agency) -> Agency | None:
        if agency.id is None:
            return self._agency_step("Thêm cơ quan", [], lambda: self.store.agencies.create(
                agency.name, agency.abbreviation, agency.aliases))
        return self._agency_step("Sửa cơ quan", [int(agency.id)], lambda: self.store.agencies.update(agency))

    def delete_agency(self, agency_id: int) -> bool:
        return self._agency_step("Xóa cơ quan", [agency_id],
                                 lambda: self.store.agencies.delete(agency_id) or True) is not None

    def merge_agencies(self, keep_id: int, other_ids: Sequence[int]) -> bool:
        return self._agency_step("Gộp cơ quan", [keep_id, *other_ids],
                                 lambda: self.store.agencies.merge(keep_id, other_ids)) is not None

    def _agency_step(self, text: str, agency_ids: Sequence[int], change: Callable[[], Any]) -> Any:
        """A registry edit as one undoable step: undo puts the agencies, their aliases and every
        task's link to them back as they were; redo puts back the state the edit made."""
        before = self.store.agencies.snapshot(agency_ids)
        state: dict[str, Any] = {}

        def do() -> Any:
            result = change()
            ids = [*agency_ids, *([int(result.id)] if isinstance(result, Agency) and result.id is not None else [])]
            state["before"] = before.with_ids(ids)
            state["after"] = self.store.agencies.snapshot(ids)
            return result

        return self.run(text, do, lambda: self.store.agencies.restore(state["before"]),
                        lambda: self.store.agencies.restore(state["after"]), kinds=(AGENCIES, TASKS))

    # calendar ------------------------------------------------------------------

    def add_reminder(self, reminder: Any) -> Any:
        """One of the officer's own reminders added; redo puts back the same one under the same id."""
        from cchc_desktop.scheduling.reminders import ReminderService

        reminders = ReminderService(self.store)
        state: dict[str, Any] = {}

        def do() -> Any:
            state["saved"] = reminders.add(state.get("saved", reminder))
            return state["saved"]

        return self.run("Thêm nhắc việc", do, lambda: reminders.delete(int(state["saved"].id)), kinds=(CALENDAR,))

    def update_reminder(self, reminder: Any, before: Any) -> Any:
        """A reminder changed from `before` (as the form showed it) to `reminder`."""
        from cchc_desktop.scheduling.reminders import ReminderService

        reminders = ReminderService(self.store)
        return self.run("Sửa nhắc việc", lambda: reminders.update(reminder), lambda: reminders.update(before),
                        kinds=(CALENDAR,))

    def delete_reminder(self, reminder_id: int) -> bool:
        """A reminder deleted; undo puts it back as it was, under its id."""
        from cchc_desktop.scheduling.reminders import ReminderService

        reminders = ReminderService(self.store)
        state: dict[str, Any] = {}

        def do() -> bool:
            state["gone"] = reminders.delete(reminder_id)
            return True

        return bool(self.run("Xóa nhắc việc", do, lambda: reminders.add(state["gone"]), kinds=(CALENDAR,)))

    def add_office_day(self, day: Any, kind: str, note: str) -> Any:
        """A day off or working day added to the office's calendar (or changed, if it had one)."""
        from cchc_desktop.scheduling import workdays

        store = self.store
        previous = [d for d in workdays.list_days(store, day.year) if d.day == day]

        def undo() -> None:  # one transaction: the day as it was, or nothing changed
            with store.db.atomic():
                workdays.remove_day(store, day)
                workdays.restore_days(store, previous)

        return self.run("Thêm ngày vào lịch riêng", lambda: workdays.add_day(store, day, kind, note), undo,
                        kinds=(CALENDAR,))

    def remove_office_days(self, days: Sequence[Any]) -> bool:
        """Days removed from the office's calendar together; undo puts back exactly those removed."""
        from cchc_desktop.scheduling import workdays

        store = self.store
        state: dict[str, Any] = {}

        def do() -> bool:
            state["gone"] = workdays.remove_days(store, days)
            return True

        return bool(self.run("Xóa ngày khỏi lịch riêng", do, lambda: workdays.restore_days(store, state["gone"]),
                             kinds=(CALENDAR,)))
