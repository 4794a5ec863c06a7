"""The plan register (`PlanService.register`): what the Kế hoạch tab lists, read in one light
query, is what the whole plans say, in the same order."""

from __future__ import annotations

import datetime as dt

from cchc_desktop.store.domain import Appendix, Plan, PlanStatus, Task
from cchc_desktop.store.store import Store


def test_the_register_lists_every_plan_as_the_whole_plans_say(demo_store: Store) -> None:
    store = demo_store
    store.plans.create(Plan(number="12/KH-UBND", issuer="UBND huyện Long Hồ", period_start=2021, period_end=2025,
                            issue_date=dt.date(2021, 3, 2), status=PlanStatus.ISSUED,
                            title="Kế hoạch 5 năm", appendices=[Appendix(title="Phụ lục")]))
    empty = store.plans.create(Plan(period_start=2026, title="Dự thảo chưa có nhiệm vụ"))
    newer = store.plans.create(Plan(number="3/KH-UBND", period_start=2026, issue_date=dt.date(2026, 1, 2),
                                    title="Kế hoạch năm 2026", appendices=[Appendix(title="Phụ lục")]))
    store.tasks.create(Task(plan_id=newer.id, appendix_id=newer.appendices[0].id, content="Một nhiệm vụ"))
    # a title longer than the field accepts (written by another program) is cut as everywhere else
    store.db.execute("UPDATE plans SET title = ? WHERE id = ?", ["x " * 2000, empty.id])

    whole = store.plans.list()
    counts = store.plans.task_counts()
    register = store.plans.register()
    assert [p.id for p in register] == [p.id for p in whole]
    for row, plan in zip(register, whole, strict=True):
        assert (row.number, row.title, row.issuer, row.issue_date, row.period_label, row.status) == (
            plan.number, plan.title, plan.issuer, plan.issue_date, plan.period_label, plan.status)
        assert row.task_count == counts.get(plan.id, 0)
    assert [r.period_label for r in register][:3] == ["2026", "2026", "2024"]
    assert {r.id: r.task_count for r in register}[newer.id] == 1
    assert {r.id: r.task_count for r in register}[empty.id] == 0
