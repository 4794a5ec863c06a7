"""Undo and redo of the task list's edits, in long mixed runs: tasks pasted, added after another,
edited, given a state and a lead agency, their progress recorded, deleted (picked apart or
together), moved up and down and into groups, groups added, renamed and deleted, agencies of the
registry added, renamed, deleted and merged; the officer's own reminders and the office's days off
and working days added, changed and removed. Each undo brings the appendix back to
what it was before that step (its groups, the printed order and STT, every task's content, state
and progress), each redo to what it was after it, and so on back and forth: nothing is lost,
nothing changes place."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import replace

import pytest

from cchc_desktop.documents.tabular import PastedRow
from cchc_desktop.scheduling import workdays
from cchc_desktop.scheduling.reminders import Reminder, ReminderService
from cchc_desktop.store.domain import Agency, Appendix, Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry
from cchc_desktop.store.store import Store
from ui.common.controller import Controller

STEPS = 40


def _shown(store: Store, plan_id: int) -> tuple:
    """The appendix as printed: its groups in order, then each task's group, STT, content, state;
    the progress recorded on them; the agency registry and every task's lead, as written and linked."""
    groups = tuple(g.title for g in store.tasks.groups(store.plans.get(plan_id).appendices[0].id))
    rows = tuple((r.task.id, r.group_title, r.stt, r.task.content, r.task.status, r.task.completed_on)
                 for r in store.tasks.rows(plan_id))
    progress = tuple(store.db.execute("SELECT id, task_id, state, done_on, note FROM progress_entries ORDER BY id"))
    registry = tuple((a.id, a.name, a.abbreviation, tuple(sorted(a.aliases))) for a in store.agencies.list())
    leads = tuple(store.db.execute("SELECT task_id, role, position, agency_id, text FROM task_agencies "
                                   "ORDER BY task_id, role, position"))
    return groups, rows, progress, registry, leads


def _step(controller: Controller, store: Store, plan: Plan, rng: random.Random, n: int) -> str:
    """One edit, picked at random among those the task list offers; returns what it was."""
    appendix_id = int(plan.appendices[0].id)
    ids = [int(r.task.id) for r in store.tasks.rows(plan.id)]
    groups = [int(g.id) for g in store.tasks.groups(appendix_id)]
    some = sorted(rng.sample(ids, rng.randint(1, min(4, len(ids))))) if ids else []
    choices = ["paste", "add_after", "edit", "status", "progress", "delete", "move", "to_group", "add_group",
               "lead", "agency_new"]
    if groups:
        choices += ["rename_group", "delete_group"]
    agencies = store.agencies.list()
    if agencies:
        choices += ["agency_rename", "agency_delete"] + (["agency_merge"] if len(agencies) > 1 else [])
    kind = rng.choice(choices) if len(ids) > 3 else "paste"
    if kind == "paste":  # rows from Word or Excel, a group heading among them at times, into a group or none
        rows = [PastedRow("task", {"content": f"Dán {n}.{i}", "lead": rng.choice(("Sở Nội vụ", ""))})
                for i in range(rng.randint(1, 3))]
        if rng.random() < 0.4:
            rows.insert(rng.randrange(len(rows) + 1), PastedRow("group", {"title": f"Nhóm dán {n}"}))
        done = controller.paste_tasks(int(plan.id), appendix_id, rng.choice([None, *groups]), rows)
    elif kind == "add_after":
        done = controller.create_task(Task(plan_id=plan.id, appendix_id=appendix_id, content=f"Thêm {n}"),
                                      after_id=some[0])
    elif kind == "edit":
        task = store.tasks.get(some[0])
        done = controller.update_task(replace(task, content=f"{task.content} (sửa {n})"), base=task)
    elif kind == "status":
        done = controller.set_status(some, rng.choice(list(TaskStatus)))
    elif kind == "lead":
        task = store.tasks.get(some[0])
        names = [a.name for a in agencies] + ["Sở Nội vụ", "UBND các huyện"]
        # as the task form does: the name typed, linked where the registry knows it
        done = controller.update_task(replace(task, lead=store.agencies.resolve(rng.choice(names))), base=task)
    elif kind == "agency_new":
        done = controller.save_agency(Agency(name=f"Phòng số {n}", abbreviation=f"P{n}"))
    elif kind == "agency_rename":
        agency = rng.choice(agencies)
        done = controller.save_agency(replace(agency, name=f"{agency.name} ({n})"))
    elif kind == "agency_delete":
        done = controller.delete_agency(int(rng.choice(agencies).id))
    elif kind == "agency_merge":
        keep, other = rng.sample(agencies, 2)
        done = controller.merge_agencies(int(keep.id), [int(other.id)])
    elif kind == "progress":
        done = controller.record_progress(ProgressEntry(task_id=some[0], state=rng.choice(list(TaskStatus)),
                                                        done_on=dt.date(2025, 3, 1 + n % 28), note=f"Bước {n}"))
    elif kind == "delete":
        done = controller.delete_tasks(some)
    elif kind == "move":
        done = controller.move_tasks(appendix_id, some, rng.choice((-1, 1)))
    elif kind == "to_group":
        done = controller.move_to_group(appendix_id, some, rng.choice([None, *groups]))
    elif kind == "add_group":
        done = controller.add_group(appendix_id, f"Nhóm {n}")
    elif kind == "rename_group":
        group = rng.choice(store.tasks.groups(appendix_id))
        done = controller.rename_group(int(group.id), group.title, f"{group.title} ({n})")
    else:
        done = controller.delete_group(appendix_id, rng.choice(groups))
    assert done not in (None, False), f"step {n} ({kind}) refused: {controller.last_refusal}"
    return kind


def _walk(controller: Controller, step: Callable[[int], str], shown: Callable[[], tuple]) -> None:
    """`STEPS` random steps (`step(n)` does one and says what it was), then undo all the way back
    and redo all the way forward, twice: after each, what `shown()` gives is what it was after
    that step (or before it), and nothing was refused."""
    refusals: list[str] = []
    controller.failed.connect(refusals.append)
    states, kinds = [shown()], []
    for n in range(STEPS):
        kinds.append(step(n))
        states.append(shown())
    stack = controller.undo_stack
    for _round in range(2):
        for i in range(STEPS - 1, -1, -1):
            stack.undo()
            assert refusals == [], f"undo of step {i} ({kinds[i]}) refused"
            assert shown() == states[i], f"undo of step {i} ({kinds[i]})"
        for i in range(STEPS):
            stack.redo()
            assert refusals == [], f"redo of step {i} ({kinds[i]}) refused"
            assert shown() == states[i + 1], f"redo of step {i} ({kinds[i]})"


@pytest.mark.parametrize("seed", range(6))
def test_undo_and_redo_walk_back_and_forth_through_the_same_states(qapp, store: Store, seed: int) -> None:
    plan = store.plans.create(Plan(title="Kế hoạch tuyên truyền CCHC năm 2025", period_start=2025, period_end=2025,
                                   appendices=[Appendix(title="Nhiệm vụ")]))
    store.tasks.create_many([Task(plan_id=plan.id, appendix_id=plan.appendices[0].id, content=f"Nhiệm vụ {i + 1}")
                             for i in range(8)])
    controller = Controller(store)
    rng = random.Random(seed)
    _walk(controller, lambda n: _step(controller, store, plan, rng, n), lambda: _shown(store, plan.id))


def _plans_shown(store: Store) -> tuple:
    """Every plan with its appendices in order and its tasks as printed."""
    out = []
    for plan in store.plans.list():
        full = store.plans.get(int(plan.id))
        out.append((full.id, full.title, tuple((a.id, a.title) for a in full.appendices),
                    tuple((r.task.id, r.task.appendix_id, r.group_title, r.stt, r.task.content)
                          for r in store.tasks.rows(int(plan.id)))))
    return tuple(out)


def _plan_step(controller: Controller, store: Store, rng: random.Random, n: int) -> str:
    """One edit of the Kế hoạch tab or of a plan's tasks, picked at random."""
    plans = [store.plans.get(int(p.id)) for p in store.plans.list()]
    kinds = ["create"] + (["edit_title", "add_appendix", "drop_appendix", "rename_appendix", "reorder_appendices",
                           "duplicate", "delete", "task", "tasks_apart"] if plans else [])
    kind = rng.choice(kinds)
    plan = rng.choice(plans) if plans else None
    if kind == "create":
        done = controller.create_plan(Plan(title=f"Kế hoạch {n}", period_start=2025, period_end=2025,
                                           appendices=[Appendix(title=f"Phụ lục {n}")]))
    elif kind == "edit_title":
        done = controller.update_plan(replace(plan, title=f"{plan.title} (sửa {n})"), base=plan)
    elif kind == "add_appendix":
        done = controller.update_plan(replace(plan, appendices=[*plan.appendices, Appendix(title=f"Phụ lục {n}")]),
                                      base=plan)
    elif kind == "drop_appendix" and len(plan.appendices) > 1:
        gone = rng.choice(plan.appendices)
        done = controller.update_plan(replace(plan, appendices=[a for a in plan.appendices if a is not gone]), base=plan)
    elif kind == "rename_appendix":
        i = rng.randrange(len(plan.appendices))
        apps = [replace(a, title=f"{a.title} ({n})") if j == i else a for j, a in enumerate(plan.appendices)]
        done = controller.update_plan(replace(plan, appendices=apps), base=plan)
    elif kind == "reorder_appendices" and len(plan.appendices) > 1:
        done = controller.update_plan(replace(plan, appendices=list(reversed(plan.appendices))), base=plan)
    elif kind == "duplicate":
        done = controller.duplicate_plan(int(plan.id))
    elif kind == "delete" and len(plans) > 1:
        done = controller.delete_plan(int(plan.id))
    elif kind == "tasks_apart" and len(ids := [int(r.task.id) for r in store.tasks.rows(int(plan.id))]) > 2:
        done = controller.delete_tasks(sorted(rng.sample(ids, 2)))
    else:
        kind = "task"
        appendix = rng.choice(plan.appendices)
        done = controller.create_tasks([Task(plan_id=plan.id, appendix_id=appendix.id, content=f"Việc {n}.{i}")
                                        for i in range(rng.randint(1, 3))])
    assert done not in (None, False), f"step {n} ({kind}) refused: {controller.last_refusal}"
    return kind


@pytest.mark.parametrize("seed", range(6))
def test_undo_and_redo_of_plans_and_their_appendices_walk_through_the_same_states(qapp, store: Store,
                                                                                  seed: int) -> None:
    controller = Controller(store)
    rng = random.Random(seed)
    _walk(controller, lambda n: _plan_step(controller, store, rng, n), lambda: _plans_shown(store))


def _calendar_shown(store: Store) -> tuple:
    """The officer's own reminders (all they hold) and the office's own days of the year."""
    reminders = tuple((r.id, r.title, r.notes, r.at, r.rrule, r.created_at) for r in ReminderService(store).list())
    days = tuple((d.day, d.kind, d.note) for d in workdays.list_days(store, 2025))
    return reminders, days


def _calendar_step(controller: Controller, store: Store, rng: random.Random, n: int) -> str:
    """One edit of the Lịch tab or of its days-off form, picked at random."""
    reminders = ReminderService(store).list()
    days = workdays.list_days(store, 2025)
    kinds = ["add_reminder", "add_day"] + (["edit_reminder", "delete_reminder"] if reminders else []) + (
        ["change_day", "remove_days"] if days else [])
    kind = rng.choice(kinds)
    at = dt.datetime(2025, rng.randint(1, 12), rng.randint(1, 28), rng.randint(7, 17), rng.choice((0, 30)))
    rule = rng.choice((None, "FREQ=WEEKLY", "FREQ=MONTHLY"))
    if kind == "add_reminder":
        done = controller.add_reminder(Reminder(title=f"Nhắc {n}", at=at, rrule=rule, notes=f"Ghi chú {n}"))
    elif kind == "edit_reminder":
        before = rng.choice(reminders)
        done = controller.update_reminder(replace(before, title=f"{before.title} (sửa {n})",
                                                  at=rng.choice((before.at, at)), rrule=rule), before)
    elif kind == "delete_reminder":
        done = controller.delete_reminder(int(rng.choice(reminders).id))
    elif kind == "remove_days":
        done = controller.remove_office_days([d.day for d in rng.sample(days, rng.randint(1, min(3, len(days))))])
    else:
        day = rng.choice(days).day if kind == "change_day" else dt.date(2025, 1, 1) + dt.timedelta(rng.randrange(365))
        off = workdays.WorkCalendar(None).is_day_off(day)
        done = controller.add_office_day(day, workdays.KIND_WORK if off else workdays.KIND_OFF, f"Ngày {n}")
    assert done not in (None, False), f"step {n} ({kind}) refused: {controller.last_refusal}"
    return kind


@pytest.mark.parametrize("seed", range(6))
def test_undo_and_redo_of_reminders_and_office_days_walk_through_the_same_states(qapp, store: Store,
                                                                                 seed: int) -> None:
    controller = Controller(store)
    rng = random.Random(seed)
    _walk(controller, lambda n: _calendar_step(controller, store, rng, n), lambda: _calendar_shown(store))
