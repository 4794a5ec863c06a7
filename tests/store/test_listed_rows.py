"""The task list's rows, made when shown, are the rows `TaskService.rows` gives."""

from __future__ import annotations

from cchc_desktop.store.domain import Appendix, Plan, Task
from cchc_desktop.store.store import Store


def test_listed_rows_are_the_rows_made_on_demand(demo_store: Store) -> None:
    plan = demo_store.plans.list()[0]
    appendix = plan.appendices[0].id
    group = demo_store.tasks.add_group(appendix, "Sở Nội vụ")
    rows = demo_store.tasks.rows(plan.id)
    demo_store.tasks.move_to_group([rows[2].task.id, rows[5].task.id], group.id)
    other = demo_store.plans.create(Plan(number="02/KH", title="Kế hoạch khác", period_start=2025,
                                         appendices=[Appendix(title="Phụ lục")]))
    demo_store.tasks.create_many([
        Task(plan_id=other.id, appendix_id=other.appendices[0].id, content=f"Việc {i}",
             lead=demo_store.agencies.resolve("Sở Tư pháp; Đài PT-TH tỉnh"), time_frame="Quý I/2025")
        for i in range(3)])
    for scope in ({}, {"plan_id": plan.id}, {"plan_id": plan.id, "appendix_id": appendix}, {"plan_id": other.id}):
        expected = demo_store.tasks.rows(**scope)
        listed = demo_store.tasks.listed_rows(**scope)
        assert len(listed) == len(expected)
        assert listed.search_keys() == [r.search_key for r in expected]
        assert listed.task_ids() == [r.task.id for r in expected]
        assert listed.places() == [(r.task.plan_id, r.task.group_id, r.task.appendix_id) for r in expected]
        assert [listed[i] for i in range(len(listed))] == expected
        assert listed[1:3] == expected[1:3]


def test_only_the_rows_asked_for_are_made(demo_store: Store) -> None:
    listed = demo_store.tasks.listed_rows()
    first = listed[0]
    assert listed[0] is first
    assert sum(1 for made in listed._made if made is not None) == 1


def test_the_texts_of_a_task_are_read_when_its_row_is_asked_for(demo_store: Store) -> None:
    """A list of every plan (tens of thousands of tasks) keeps the search key and place of each
    task; a task's texts and agencies are read from the database with the page of rows around
    the one shown, not all at once."""
    from cchc_desktop.store.listed import PAGE

    plan = demo_store.plans.list()[0]
    lead = demo_store.agencies.resolve("Sở Tư pháp")
    demo_store.tasks.create_many([
        Task(plan_id=plan.id, appendix_id=plan.appendices[0].id, content=f"Việc số {i}", lead=lead)
        for i in range(3 * PAGE)])
    expected = demo_store.tasks.rows()
    statements: list[str] = []
    demo_store.db.conn.set_trace_callback(statements.append)
    try:
        listed = demo_store.tasks.listed_rows()
        assert not any("t.content" in s for s in statements)
        assert len(listed) == len(expected) > 3 * PAGE
        middle = len(listed) // 2
        assert listed[middle] == expected[middle]
        texts = [s for s in statements if "t.content" in s]
        assert len(texts) == 1 and texts[0].count(",") < PAGE + 40  # one page of ids
        # the rows of that page are there without reading again
        assert listed[middle + 1] == expected[middle + 1] and listed[middle - 1] == expected[middle - 1]
        assert len([s for s in statements if "t.content" in s]) == 1
    finally:
        demo_store.db.conn.set_trace_callback(None)
    assert [listed[i] for i in range(len(listed))] == expected
