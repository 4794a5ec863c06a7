"""The window paints its plan register without the tasks' service (its module and the search's
are imported when tasks are first read or written), and that service then works as before:
the Nhiệm vụ tab lists the plan's tasks, a task added in the window is stored and listed."""

from __future__ import annotations

from pathlib import Path

from start_probe import PAINT, START, demo_database, run_window

from cchc_desktop.store.store import Store

SCRIPT = START + PAINT + r"""
painted = {"tasks_service": "tasks" in vars(store), "tasks_module": "cchc_desktop.store.tasks" in sys.modules,
           "editor_number": window.plans_tab.editor.number.text(), "listed": window.plans_tab.model.rowCount()}

from cchc_desktop.store.domain import Task

tab = window.tasks_tab
window.tabs.setCurrentWidget(tab)
app.processEvents()
shown = tab.model.visible_task_count()
plan = store.plans.list()[0]
added = window.controller.create_task(Task(plan_id=plan.id, appendix_id=plan.appendices[0].id,
                                content="Nhiệm vụ thêm sau khi mở", time_frame="Quý III/2024"))
app.processEvents()
stored = [t.content for t in store.tasks.tasks_of_plan(int(plan.id))]
print(json.dumps({**painted, "shown": shown, "stored_last": stored[-1], "count": len(stored),
                  "found": [t.content for t in store.tasks.tasks_of_plan(int(plan.id)) if t.id == added.id],
                  "shown_after": tab.model.visible_task_count()}))
"""


def test_the_window_paints_without_the_tasks_service_which_works_when_first_used(tmp_path: Path) -> None:
    path = demo_database(tmp_path)
    store = Store.open(path)
    demo = store.plans.list()[0]
    demo_tasks = store.plans.task_count(int(demo.id))
    store.close()

    result = run_window(SCRIPT, path, tmp_path=tmp_path)

    assert result["listed"] == 1 and result["editor_number"] == demo.number
    assert result["tasks_service"] is False and result["tasks_module"] is False
    assert result["shown"] == demo_tasks
    assert result["stored_last"] == "Nhiệm vụ thêm sau khi mở" and result["count"] == demo_tasks + 1
    assert result["found"] == ["Nhiệm vụ thêm sau khi mở"]
    assert result["shown_after"] == demo_tasks + 1
