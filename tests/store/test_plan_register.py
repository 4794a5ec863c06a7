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


def test_plans_of_some_years_are_the_plans_meeting_them(store: Store) -> None:
    """A report of a period reads only the plans whose years meet it, as whole plans, in the
    order of the whole list."""
    spans = [(2020, 2020), (2021, None), (2019, 2021), (2018, 2019), (2022, 2025), (2021, None), (2021, None),
             (2021, 2021), (2023, None)]
    for i, (start, end) in enumerate(spans):
        store.plans.create(Plan(title=f"Kế hoạch {i}", period_start=start, period_end=end,
                                issue_date=dt.date(2020, 1, 1 + i), appendices=[Appendix(title=f"Phụ lục {i}")]))
    # written by another program: no first year; a last year of 0
    store.db.execute("UPDATE plans SET period_start = 0 WHERE title = 'Kế hoạch 5'")
    store.db.execute("UPDATE plans SET period_end = 0 WHERE title = 'Kế hoạch 6'")
    whole = store.plans.list()

    def meets(plan: Plan, first: int, last: int) -> bool:
        if not plan.period_start:
            return False
        return plan.period_start <= last and (plan.period_end or plan.period_start) >= first

    for first, last in [(2021, 2021), (2019, 2019), (2020, 2022), (2016, 2025), (2024, 2024), (2030, 2030)]:
        some = store.plans.list((first, last))
        assert some == [p for p in whole if meets(p, first, last)]
    assert len(store.plans.list((2021, 2021))) == 4


def test_the_register_without_counts_and_the_counts_of_some_plans(demo_store: Store) -> None:
    """Read without its numbers of tasks, the register lists the same rows (task_count None);
    `task_counts(ids)` gives the number of each plan asked for, 0 for one without tasks, and
    as many ids as SQLite takes parameters in one statement and more."""
    store = demo_store
    empty = store.plans.create(Plan(period_start=2026, title="Dự thảo chưa có nhiệm vụ"))
    newer = store.plans.create(Plan(number="3/KH-UBND", period_start=2026, title="Kế hoạch năm 2026",
                                    appendices=[Appendix(title="Phụ lục")]))
    store.tasks.create_many([Task(plan_id=newer.id, appendix_id=newer.appendices[0].id, content=f"Nhiệm vụ {i}")
                             for i in range(3)])
    counted = store.plans.register()
    bare = store.plans.register(counts=False)
    assert [(r.id, r.number, r.title, r.period_label, r.status) for r in bare] == [
        (r.id, r.number, r.title, r.period_label, r.status) for r in counted]
    assert {r.task_count for r in bare} == {None}
    demo = store.plans.list()[-1]
    assert store.plans.task_counts([newer.id, empty.id]) == {newer.id: 3, empty.id: 0}
    many = [demo.id, *range(10_000, 11_000), newer.id]  # more ids than one statement takes
    found = store.plans.task_counts(many)
    assert found[demo.id] == 14 and found[newer.id] == 3 and found[10_500] == 0 and len(found) == len(many)
    assert {r.id: r.task_count for r in counted} == {p.id: store.plans.task_counts([p.id])[p.id] for p in bare}
