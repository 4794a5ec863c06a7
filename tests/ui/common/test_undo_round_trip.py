"""Undo and redo of the task list's edits, in long mixed runs: tasks pasted, added after another,
edited, given a state, their progress recorded, deleted (picked apart or together), moved up and
down and into groups, groups added, renamed and deleted. Each undo brings the appendix back to
what it was before that step (its groups, the printed order and STT, every task's content, state
and progress), each redo to what it was after it, and so on back and forth: nothing is lost,
nothing changes place."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest

from cchc_desktop.store.domain import Appendix, Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry
from cchc_desktop.store.store import Store
from ui.common.controller import Controller

STEPS = 40


def _shown(store: Store, plan_id: int) -> tuple:
    """The appendix as printed: its groups in order, then each task's group, STT, content, state;
    and the progress recorded on them."""
    groups = tuple(g.title for g in store.tasks.groups(store.plans.get(plan_id).appendices[0].id))
    rows = tuple((r.task.id, r.group_title, r.stt, r.task.content, r.task.status, r.task.completed_on)
                 for r in store.tasks.rows(plan_id))
    progress = tuple(store.db.execute("SELECT id, task_id, state, done_on, note FROM progress_entries ORDER BY id"))
    return groups, rows, progress


def _step(controller: Controller, store: Store, plan: Plan, rng: random.Random, n: int) -> str:
    """One edit, picked at random among those the task list offers; returns what it was."""
    appendix_id = int(plan.appendices[0].id)
    ids = [int(r.task.id) for r in store.tasks.rows(plan.id)]
    groups = [int(g.id) for g in store.tasks.groups(appendix_id)]
    some = sorted(rng.sample(ids, rng.randint(1, min(4, len(ids))))) if ids else []
    choices = ["paste", "add_after", "edit", "status", "progress", "delete", "move", "to_group", "add_group"]
    if groups:
        choices += ["rename_group", "delete_group"]
    kind = rng.choice(choices) if len(ids) > 3 else "paste"
    if kind == "paste":
        done = controller.create_tasks([Task(plan_id=plan.id, appendix_id=appendix_id, content=f"Dán {n}.{i}")
                                        for i in range(rng.randint(1, 3))])
    elif kind == "add_after":
        done = controller.create_task(Task(plan_id=plan.id, appendix_id=appendix_id, content=f"Thêm {n}"),
                                      after_id=some[0])
    elif kind == "edit":
        task = store.tasks.get(some[0])
        done = controller.update_task(replace(task, content=f"{task.content} (sửa {n})"), base=task)
    elif kind == "status":
        done = controller.set_status(some, rng.choice(list(TaskStatus)))
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


@pytest.mark.parametrize("seed", range(6))
def test_undo_and_redo_walk_back_and_forth_through_the_same_states(qapp, store: Store, seed: int) -> None:
    plan = store.plans.create(Plan(title="Kế hoạch tuyên truyền CCHC năm 2025", period_start=2025, period_end=2025,
                                   appendices=[Appendix(title="Nhiệm vụ")]))
    store.tasks.create_many([Task(plan_id=plan.id, appendix_id=plan.appendices[0].id, content=f"Nhiệm vụ {i + 1}")
                             for i in range(8)])
    controller = Controller(store)
    refusals: list[str] = []
    controller.failed.connect(refusals.append)
    rng = random.Random(seed)
    states, kinds = [_shown(store, plan.id)], []
    for n in range(STEPS):
        kinds.append(_step(controller, store, plan, rng, n))
        states.append(_shown(store, plan.id))
    stack = controller.undo_stack
    for _round in range(2):
        for i in range(STEPS - 1, -1, -1):
            stack.undo()
            assert refusals == [], f"undo of step {i} ({kinds[i]}) refused"
            assert _shown(store, plan.id) == states[i], f"undo of step {i} ({kinds[i]})"
        for i in range(STEPS):
            stack.redo()
            assert refusals == [], f"redo of step {i} ({kinds[i]}) refused"
            assert _shown(store, plan.id) == states[i + 1], f"redo of step {i} ({kinds[i]})"
