"""Every item model passes pytest-qt's model tester with real data."""

from __future__ import annotations

from ui.office.agencies_dialog import AgencyTableModel
from ui.plans.plan_table_model import PlanTableModel
from ui.tasks.task_table_model import TaskTableModel


def test_plan_model(qtmodeltester, demo_store):
    model = PlanTableModel()
    model.set_plans(demo_store.plans.list(), demo_store.plans.task_counts())
    assert model.rowCount() == 1
    qtmodeltester.check(model, force_py=True)


def test_task_model_with_groups(qtmodeltester, demo_store):
    plan = demo_store.plans.list()[0]
    appendix_id = plan.appendices[0].id
    group = demo_store.tasks.add_group(appendix_id, "Sở Thông tin và Truyền thông")
    demo_store.tasks.add_group(appendix_id, "Nhóm trống")
    rows = demo_store.tasks.rows(plan.id)
    demo_store.tasks.move_to_group([rows[1].task.id, rows[3].task.id], group.id)
    model = TaskTableModel()
    model.set_data(demo_store.tasks.rows(plan.id), demo_store.tasks.groups_by_appendix(plan.id), {}, show_plan_rows=False)
    qtmodeltester.check(model, force_py=True)
    kinds = [model.display_row(r).kind for r in range(model.rowCount())]
    assert kinds.count("group") == 2
    assert kinds.count("task") == 14
    model.set_filters(text="so noi vu")
    qtmodeltester.check(model, force_py=True)


def test_agency_model(qtmodeltester, demo_store):
    model = AgencyTableModel()
    model.set_agencies(demo_store.agencies.list(), demo_store.agencies.usage())
    qtmodeltester.check(model, force_py=True)
