"""Agency changes put back exactly: the snapshot/restore that makes registry edits undoable."""

from __future__ import annotations

from typing import Any

import pytest

from cchc_desktop.store.domain import Agency
from cchc_desktop.store.store import Store


def state(store: Store) -> dict[str, Any]:
    """Everything an agency change can touch, as plain rows."""
    return {
        "agencies": store.db.execute("SELECT * FROM agencies ORDER BY id").fetchall(),
        "aliases": store.db.execute("SELECT * FROM agency_aliases ORDER BY id").fetchall(),
        "links": store.db.execute("SELECT * FROM task_agencies ORDER BY id").fetchall(),
        "keys": store.db.execute("SELECT id, search_key FROM tasks ORDER BY id").fetchall(),
    }


@pytest.fixture
def store(demo_store: Store) -> Store:
    return demo_store


def test_undo_of_a_merge_gives_every_task_its_agency_back(store: Store) -> None:
    noi_vu, tu_phap = store.agencies.match("Sở Nội vụ"), store.agencies.match("Sở Tư pháp")
    assert noi_vu and tu_phap
    tasks_of_tu_phap = store.agencies._tasks_of([tu_phap])
    assert tasks_of_tu_phap
    before_state = state(store)
    before = store.agencies.snapshot([noi_vu, tu_phap])

    store.agencies.merge(noi_vu, [tu_phap])
    after = store.agencies.snapshot([noi_vu, tu_phap])
    merged_state = state(store)
    assert store.agencies.match("Sở Tư pháp") == noi_vu
    assert store.agencies._tasks_of([tu_phap]) == []

    store.agencies.restore(before)
    assert state(store) == before_state
    assert store.agencies.match("Sở Tư pháp") == tu_phap
    assert store.agencies.get(noi_vu).aliases == []
    for task in store.tasks.get_many(tasks_of_tu_phap):
        assert tu_phap in [r.agency_id for r in [*task.lead, *task.partners]]
    # Search by the old name again finds the task through its own agency, not an alias.
    assert store.agencies.names_by_id()[tu_phap][0] == "Sở Tư pháp"

    store.agencies.restore(after)
    assert state(store) == merged_state


def test_undo_of_a_merge_links_tasks_whose_names_were_written_again_since(store: Store) -> None:
    """A task saved after the merge and the save undone (its names written again, under new
    rows) is linked to its own agency again when the merge is undone, not left unlinked."""
    from dataclasses import replace

    from cchc_desktop.store.domain import TaskStatus

    noi_vu, tu_phap = store.agencies.match("Sở Nội vụ"), store.agencies.match("Sở Tư pháp")
    task_id = store.agencies._tasks_of([tu_phap])[0]
    before = store.agencies.snapshot([noi_vu, tu_phap])
    store.agencies.merge(noi_vu, [tu_phap])
    task = store.tasks.get(task_id)
    store.tasks.update(replace(task, status=TaskStatus.DONE), base=task)  # a save, then its undo
    store.tasks.update(replace(store.tasks.get(task_id), status=task.status), base=store.tasks.get(task_id))
    store.agencies.restore(before)
    assert tu_phap in [r.agency_id for r in [*store.tasks.get(task_id).lead, *store.tasks.get(task_id).partners]]
    assert task_id in store.agencies._tasks_of([tu_phap])


def test_undo_of_create_unlinks_the_names_it_linked_and_redo_links_them_again(store: Store) -> None:
    task = store.tasks.tasks_of_plan(store.plans.list()[0].id)[0]  # type: ignore[arg-type]
    task.partners = store.agencies.resolve("Ban Dân tộc tỉnh")
    store.tasks.update(task)
    assert store.tasks.get(task.id).partners[0].agency_id is None  # type: ignore[arg-type]
    before_state = state(store)
    before = store.agencies.snapshot([])

    created = store.agencies.create("Ban Dân tộc tỉnh", "BDT")
    assert store.tasks.get(task.id).partners[0].agency_id == created.id  # type: ignore[arg-type]
    after = store.agencies.snapshot([int(created.id)])  # type: ignore[arg-type]
    created_state = state(store)

    store.agencies.restore(before.with_ids([int(created.id)]))  # type: ignore[arg-type]
    assert state(store) == before_state
    assert store.agencies.match("BDT") is None

    store.agencies.restore(after)
    assert state(store) == created_state
    assert store.agencies.match("BDT") == created.id


def test_undo_of_edit_and_delete(store: Store) -> None:
    aid = store.agencies.match("Sở Thông tin và Truyền thông")
    assert aid
    before_state = state(store)
    before = store.agencies.snapshot([aid])
    store.agencies.update(Agency(id=aid, name="Sở TT-TT", abbreviation="", aliases=["Sở Truyền thông"]))
    store.agencies.restore(before)
    assert state(store) == before_state

    store.agencies.delete(aid)
    assert store.agencies.usage().get(aid) is None
    store.agencies.restore(before)
    assert state(store) == before_state


def test_a_restore_that_cannot_be_done_changes_nothing(store: Store) -> None:
    from cchc_desktop.errors import ValidationError

    tu_phap = store.agencies.match("Sở Tư pháp")
    assert tu_phap
    before = store.agencies.snapshot([tu_phap])
    store.agencies.delete(tu_phap)
    store.agencies.create("Sở Tư pháp")  # the name is taken by another agency now
    now = state(store)
    with pytest.raises(ValidationError):
        store.agencies.restore(before)
    assert state(store) == now
