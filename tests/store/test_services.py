"""Store services: plans, tasks, groups and printed order, search, the agency registry."""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from dataclasses import replace

import pytest

from cchc_desktop.errors import NotFoundError, ValidationError
from cchc_desktop.store.domain import AgencyRef, Appendix, Plan, PlanStatus, Section, Task, TaskStatus
from cchc_desktop.store.store import Store
from cchc_desktop.store.tasks import filter_rows
from cchc_desktop.text.agencies import join_agency_parts


def _plan(**changes) -> Plan:
    base = Plan(
        number="95/KH-UBND",
        issuer="Ủy ban nhân dân tỉnh Vĩnh Long",
        place="Vĩnh Long",
        issue_date=dt.date(2024, 1, 5),
        period_start=2024,
        title="Tuyên truyền cải cách hành chính năm 2024",
    )
    return replace(base, **changes)


def _dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of the user's tables, to check that a refused edit changed nothing."""
    tables = ("plans", "appendices", "task_groups", "tasks", "task_agencies", "agencies", "agency_aliases")
    return {t: store.db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}


def _task(store: Store, plan: Plan, content: str, lead: str = "", partners: str = "", **changes) -> Task:
    return store.tasks.create(
        Task(
            plan_id=plan.id,
            content=content,
            lead=store.agencies.resolve(lead),
            partners=store.agencies.resolve(partners),
            **changes,
        )
    )


@pytest.fixture
def plan(store: Store) -> Plan:
    return store.plans.create(_plan())


@pytest.fixture
def grouped(store: Store, plan: Plan) -> dict[str, int]:
    """Appendix with groups I and II: A, B in I; C, D, E in II. Returns ids by letter."""
    appendix_id = int(plan.appendices[0].id)
    g1 = store.tasks.add_group(appendix_id, "Văn phòng UBND tỉnh")
    g2 = store.tasks.add_group(appendix_id, "Sở Nội vụ")
    ids = {"g1": int(g1.id), "g2": int(g2.id)}
    for letter, group in (("A", g1), ("B", g1), ("C", g2), ("D", g2), ("E", g2)):
        ids[letter] = int(_task(store, plan, f"Nhiệm vụ {letter}", group_id=group.id).id)
    return ids


def _printed(store: Store, plan: Plan) -> list[tuple[str, str, int]]:
    """(group title, content letter, STT) in printed order."""
    return [(r.group_title, r.task.content[-1], r.stt) for r in store.tasks.rows(plan_id=plan.id)]


# --------------------------------------------------------------------------- plans


def test_plan_round_trips_every_field(store: Store) -> None:
    created = store.plans.create(
        _plan(
            parent_body="UBND TỈNH VĨNH LONG",
            act_authority="Chủ tịch UBND tỉnh Vĩnh Long",
            period_start=2016,
            period_end=2020,
            status=PlanStatus.ISSUED,
            signer_authority="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
            signer_position="PHÓ CHỦ TỊCH",
            signer_name="Lê Quang Trung",
            proposer="Theo đề nghị của Giám đốc Sở Nội vụ.",
            legal_bases=["Căn cứ Luật B;", "Căn cứ Luật A;"],
            recipients=["Như Điều 3;", "Lưu: VT."],
            sections=[Section("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích\n- Nâng cao nhận thức;")],
            appendices=[Appendix(title="Phụ lục I"), Appendix(title="Phụ lục II")],
        )
    )
    got = store.plans.get(int(created.id))
    assert got.number == "95/KH-UBND"
    assert got.issue_date == dt.date(2024, 1, 5)
    assert (got.period_start, got.period_end, got.period_label) == (2016, 2020, "2016-2020")
    assert got.status is PlanStatus.ISSUED
    assert got.signer_authority == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
    assert got.legal_bases == ["Căn cứ Luật B;", "Căn cứ Luật A;"]  # the officer's order, not sorted
    assert got.recipients == ["Như Điều 3;", "Lưu: VT."]
    assert got.sections == [Section("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích\n- Nâng cao nhận thức;")]
    assert [a.title for a in got.appendices] == ["Phụ lục I", "Phụ lục II"]


def test_a_plan_without_appendix_gets_one_and_one_year_period(store: Store) -> None:
    created = store.plans.create(_plan(period_end=0))
    assert len(created.appendices) == 1
    assert (created.period_end, created.period_label) == (2024, "2024")


def test_update_renames_adds_and_removes_appendices(store: Store, plan: Plan) -> None:
    first = plan.appendices[0]
    updated = store.plans.update(
        replace(plan, title="Tên mới", appendices=[replace(first, title="Phụ lục I"), Appendix(title="Phụ lục II")])
    )
    assert updated.title == "Tên mới"
    assert [a.title for a in updated.appendices] == ["Phụ lục I", "Phụ lục II"]
    assert updated.appendices[0].id == first.id
    updated = store.plans.update(replace(updated, appendices=[updated.appendices[1]]))
    assert [a.title for a in updated.appendices] == ["Phụ lục II"]
    with pytest.raises(ValidationError):
        store.plans.update(replace(updated, appendices=[]))


def test_plans_list_newest_period_first(store: Store) -> None:
    for year in (2022, 2024, 2023):
        store.plans.create(_plan(period_start=year, title=f"Kế hoạch {year}"))
    assert [p.period_start for p in store.plans.list()] == [2024, 2023, 2022]


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"title": "   "}, "không được để trống"),
        ({"period_start": 2024, "period_end": 2023}, "Năm kết thúc"),
        ({"period_start": 0}, "năm hợp lệ"),
        ({"period_start": 20244}, "năm hợp lệ"),
        ({"period_start": 1066}, "năm hợp lệ"),
        ({"issue_date": dt.date(1900, 1, 1)}, "Ngày ban hành"),
        ({"title": "Kế hoạch\x00 2024"}, "ký tự điều khiển"),
    ],
)
def test_invalid_plans_are_refused_and_nothing_is_stored(store: Store, plan: Plan, changes: dict, words: str) -> None:
    before = _dump(store)
    with pytest.raises(ValidationError) as info:
        store.plans.create(_plan(**changes))
    assert words in info.value.message
    with pytest.raises(ValidationError):
        store.plans.update(replace(plan, **changes))
    assert _dump(store) == before


@pytest.mark.parametrize("number", ["3060/QĐ-UBND", "95/KH-UBND", "/KH-UBND", "", "05/KH-STTTT"])
def test_usual_numbers_give_no_warning(store: Store, number: str) -> None:
    _, warnings = store.plans.validate(_plan(number=number))
    assert warnings == []


@pytest.mark.parametrize("number", ["số 12 ngày 5/1", "QĐ-UBND 3060", "3060"])
def test_unusual_number_is_a_warning_and_still_stored_as_written(store: Store, number: str) -> None:
    _, warnings = store.plans.validate(_plan(number=number))
    assert len(warnings) == 1 and number in warnings[0]
    created = store.plans.create(_plan(number=number))
    assert store.plans.get(int(created.id)).number == number


def test_missing_plan_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.plans.get(404)


def test_delete_takes_tasks_along_and_restore_puts_back_the_same_ids(
    store: Store, plan: Plan, grouped: dict[str, int]
) -> None:
    _task(store, plan, "Ungrouped", lead="Sở Nội vụ", partners="Sở Tư pháp và các cơ quan, đơn vị liên quan")
    other = store.plans.create(_plan(title="Kế hoạch khác"))
    _task(store, other, "Nhiệm vụ của kế hoạch khác")
    rows_before = [(r.task, r.stt, r.group_title) for r in store.tasks.rows(plan_id=plan.id)]
    assert store.plans.task_count(int(plan.id)) == 6

    snap = store.plans.delete(int(plan.id))

    assert len(snap.tasks) == 6 and len(snap.groups) == 2
    with pytest.raises(NotFoundError):
        store.plans.get(int(plan.id))
    assert store.db.execute("SELECT count(*) FROM tasks WHERE plan_id = ?", [plan.id]).fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM task_groups").fetchone()[0] == 0
    task_ids = [t.id for t in snap.tasks]
    refs_left = store.db.execute(
        f"SELECT count(*) FROM task_agencies WHERE task_id IN ({','.join('?' * len(task_ids))})", task_ids
    ).fetchone()[0]
    assert refs_left == 0
    assert store.plans.task_count(int(other.id)) == 1

    restored = store.plans.restore(snap)

    assert restored.id == plan.id
    assert [a.id for a in restored.appendices] == [a.id for a in plan.appendices]
    rows_after = [(r.task, r.stt, r.group_title) for r in store.tasks.rows(plan_id=plan.id)]
    strip = [(replace(t, updated_at=""), stt, g) for t, stt, g in rows_before]
    assert [(replace(t, updated_at=""), stt, g) for t, stt, g in rows_after] == strip


def test_duplicate_is_a_draft_with_blank_number_and_copies_tasks_and_groups(
    store: Store, grouped: dict[str, int]
) -> None:
    original = store.plans.update(replace(store.plans.list()[0], number="3060/QĐ-UBND", status=PlanStatus.ISSUED))
    _task(store, original, "Nhiệm vụ F", lead="Sở Nội vụ, Sở Tư pháp")

    copy = store.plans.duplicate(int(original.id))

    assert copy.id != original.id
    assert copy.number == "/QĐ-UBND"
    assert copy.status is PlanStatus.DRAFT
    assert copy.title.startswith(original.title)
    assert copy.issuer == original.issuer and copy.period_start == original.period_start
    assert _printed(store, copy) == _printed(store, original)
    copied = store.tasks.rows(plan_id=copy.id)
    assert {r.task.id for r in copied}.isdisjoint(r.task.id for r in store.tasks.rows(plan_id=original.id))
    (f,) = [r.task for r in copied if r.task.content == "Nhiệm vụ F"]
    assert f.lead_names == ["Sở Nội vụ", "Sở Tư pháp"]
    assert [ref.agency_id for ref in f.lead] == [store.agencies.match("SNV"), store.agencies.match("STP")]
    # The original is untouched.
    assert store.plans.get(int(original.id)).number == "3060/QĐ-UBND"
    assert store.plans.task_count(int(original.id)) == 6


def test_duplicate_starts_the_tasks_open_without_the_progress_of_the_original(demo_store: Store) -> None:
    import datetime as dt

    from cchc_desktop.store.domain import TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService

    plan = demo_store.plans.list()[0]
    task = demo_store.tasks.tasks_of_plan(int(plan.id))[2]
    ProgressService(demo_store).record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DONE,
                                                     done_on=dt.date(2024, 1, 10)))
    copy = demo_store.plans.duplicate(int(plan.id))
    assert {t.status for t in demo_store.tasks.tasks_of_plan(int(copy.id))} == {TaskStatus.TODO}
    assert all(t.completed_on is None for t in demo_store.tasks.tasks_of_plan(int(copy.id)))
    assert demo_store.tasks.get(int(task.id)).status == TaskStatus.DONE


# --------------------------------------------------------------------------- tasks


def test_task_create_get_update(store: Store, plan: Plan) -> None:
    task = _task(
        store, plan, "Tổ chức hội thi", lead="Sở Thông tin và Truyền thông",
        partners="Sở Văn hóa, Thể thao và Du lịch và các cơ quan, đơn vị liên quan",
        time_frame="Quý IV/2024", output="01 hội thi", funding="Ngân sách tỉnh",
    )
    got = store.tasks.get(int(task.id))
    assert got.plan_id == plan.id and got.appendix_id == plan.appendices[0].id
    assert got.lead_names == ["Sở Thông tin và Truyền thông"]
    assert got.partner_names == ["Sở Văn hóa, Thể thao và Du lịch", "các cơ quan, đơn vị liên quan"]
    assert (got.time_frame, got.output, got.funding) == ("Quý IV/2024", "01 hội thi", "Ngân sách tỉnh")
    assert got.status is TaskStatus.TODO and got.completed_on is None

    updated = store.tasks.update(replace(got, content="Tổ chức hội thi trực tuyến", status=TaskStatus.DONE,
                                         completed_on=dt.date(2024, 11, 20)))
    assert store.tasks.get(int(task.id)) == updated
    assert updated.content == "Tổ chức hội thi trực tuyến"
    assert updated.completed_on == dt.date(2024, 11, 20)
    assert updated.lead_names == ["Sở Thông tin và Truyền thông"]


def test_task_delete_and_restore_put_it_back_in_place(store: Store, plan: Plan) -> None:
    ids = [int(_task(store, plan, f"Nhiệm vụ {c}", lead="Sở Nội vụ").id) for c in "ABCD"]
    removed = store.tasks.delete([ids[2], ids[1]])
    assert [r.task.id for r in store.tasks.rows(plan_id=plan.id)] == [ids[0], ids[3]]
    with pytest.raises(NotFoundError):
        store.tasks.get(ids[1])

    store.tasks.restore(removed)

    rows = store.tasks.rows(plan_id=plan.id)
    assert [r.task.id for r in rows] == ids
    assert [r.stt for r in rows] == [1, 2, 3, 4]
    assert store.tasks.get(ids[1]).lead_names == ["Sở Nội vụ"]


def test_tasks_deleted_apart_go_back_to_their_own_places(store: Store, plan: Plan) -> None:
    """A and C deleted together (Ctrl+click in the list) and put back: A, B, C, D as before,
    not A and C together ahead of B."""
    ids = [int(_task(store, plan, f"Nhiệm vụ {c}").id) for c in "ABCDE"]
    removed = store.tasks.delete([ids[0], ids[2], ids[4]])
    store.tasks.restore(removed)
    assert [r.task.id for r in store.tasks.rows(plan_id=plan.id)] == ids


def test_a_place_taken_meanwhile_keeps_the_order_among_the_tasks_left(store: Store, plan: Plan) -> None:
    """Another window added N right after B while A and C were deleted: A goes back first and
    C right after B, before N, which stays before D."""
    a, b, c, d = (int(_task(store, plan, f"Nhiệm vụ {x}").id) for x in "ABCD")
    removed = store.tasks.delete([a, c])
    n = int(store.tasks.create(Task(plan_id=plan.id, appendix_id=plan.appendices[0].id, content="Nhiệm vụ N"),
                               after_id=b).id)
    store.tasks.restore(removed)
    assert [r.task.id for r in store.tasks.rows(plan_id=plan.id)] == [a, b, c, n, d]


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"content": ""}, "không được để trống"),
        ({"content": " \n\t "}, "không được để trống"),
        ({"content": "x" * 25_000}, "quá dài"),
        ({"content": "Nội dung\x00 hỏng"}, "ký tự điều khiển"),
        ({"content": "ok", "time_frame": "Quý I\x1b/2024"}, "ký tự điều khiển"),
        ({"content": "ok", "lead": [AgencyRef("Sở\x07 Nội vụ")]}, "ký tự điều khiển"),
    ],
)
def test_invalid_task_is_refused_and_the_database_unchanged(
    store: Store, plan: Plan, changes: dict, words: str
) -> None:
    existing = _task(store, plan, "Nhiệm vụ đã có", lead="Sở Nội vụ")
    before = _dump(store)
    with pytest.raises(ValidationError) as info:
        store.tasks.create(Task(plan_id=plan.id, **changes))
    assert words in info.value.message
    with pytest.raises(ValidationError):
        store.tasks.update(replace(existing, **changes))
    with pytest.raises(ValidationError):
        store.tasks.create_many([Task(plan_id=plan.id, content="Hợp lệ"), Task(plan_id=plan.id, **changes)])
    assert _dump(store) == before


def test_markup_characters_and_line_breaks_are_stored_exactly(store: Store, plan: Plan) -> None:
    text = 'A&B <Phòng CCHC> "trích dẫn" \'nháy\' &amp; <b>không đậm</b>\nDòng hai'
    task = _task(store, plan, text, lead="<Phòng Nội vụ & Tư pháp>", time_frame="Trước ngày 16/01/2024 & <sau đó>")
    got = store.tasks.get(int(task.id))
    assert got.content == text
    assert got.lead_names == ["<Phòng Nội vụ & Tư pháp>"]
    assert got.time_frame == "Trước ngày 16/01/2024 & <sau đó>"


def test_decomposed_text_is_stored_composed(store: Store, plan: Plan) -> None:
    decomposed = unicodedata.normalize("NFD", "Tuyên truyền cải cách hành chính")
    task = _task(store, plan, decomposed)
    assert store.tasks.get(int(task.id)).content == "Tuyên truyền cải cách hành chính"


def test_task_of_an_unknown_plan_is_refused(store: Store) -> None:
    with pytest.raises((ValidationError, NotFoundError)):
        store.tasks.create(Task(plan_id=404, content="Nhiệm vụ"))
    assert store.db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 0


def test_foreign_keys_guard_direct_writes(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(
            "INSERT INTO appendices (plan_id, position, title) VALUES (404, 0, 'x')"
        )


# --------------------------------------------------------------------------- groups and order


def test_rows_in_printed_order_with_stt_restarting_in_each_group(
    store: Store, plan: Plan, grouped: dict[str, int]
) -> None:
    _task(store, plan, "Nhiệm vụ U")  # ungrouped tasks print before the first group
    assert _printed(store, plan) == [
        ("", "U", 1),
        ("Văn phòng UBND tỉnh", "A", 1),
        ("Văn phòng UBND tỉnh", "B", 2),
        ("Sở Nội vụ", "C", 1),
        ("Sở Nội vụ", "D", 2),
        ("Sở Nội vụ", "E", 3),
    ]


def test_group_added_at_a_position_rename_and_delete_keeps_tasks(
    store: Store, plan: Plan, grouped: dict[str, int]
) -> None:
    appendix_id = int(plan.appendices[0].id)
    first = store.tasks.add_group(appendix_id, "Sở Tư pháp", position=0)
    assert [g.title for g in store.tasks.groups(appendix_id)] == ["Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Nội vụ"]
    store.tasks.rename_group(grouped["g2"], "Sở Nội vụ tỉnh")
    with pytest.raises(ValidationError):
        store.tasks.rename_group(grouped["g2"], "  ")
    store.tasks.delete_group(int(first.id))

    store.tasks.delete_group(grouped["g1"])

    assert [g.title for g in store.tasks.groups(appendix_id)] == ["Sở Nội vụ tỉnh"]
    assert _printed(store, plan) == [
        ("", "A", 1),
        ("", "B", 2),
        ("Sở Nội vụ tỉnh", "C", 1),
        ("Sở Nội vụ tỉnh", "D", 2),
        ("Sở Nội vụ tỉnh", "E", 3),
    ]
    assert store.tasks.get(grouped["A"]).group_id is None


def test_move_up_and_down_within_and_across_groups(store: Store, plan: Plan, grouped: dict[str, int]) -> None:
    store.tasks.move([grouped["D"]], -1)
    assert [(g[:3], c) for g, c, _ in _printed(store, plan)] == [
        ("Văn", "A"), ("Văn", "B"), ("Sở ", "D"), ("Sở ", "C"), ("Sở ", "E")
    ]
    # The first task of group II moved up joins group I at its end.
    store.tasks.move([grouped["D"]], -1)
    assert _printed(store, plan) == [
        ("Văn phòng UBND tỉnh", "A", 1),
        ("Văn phòng UBND tỉnh", "B", 2),
        ("Văn phòng UBND tỉnh", "D", 3),
        ("Sở Nội vụ", "C", 1),
        ("Sở Nội vụ", "E", 2),
    ]
    # The last task of group I moved down joins group II at its start.
    store.tasks.move([grouped["D"]], +1)
    assert [(c, stt) for _, c, stt in _printed(store, plan)] == [("A", 1), ("B", 2), ("D", 1), ("C", 2), ("E", 3)]
    assert store.tasks.get(grouped["D"]).group_id == grouped["g2"]
    # Several selected tasks each move one place: D, C, E becomes C, E, D.
    store.tasks.move([grouped["C"], grouped["E"]], -1)
    assert [c for _, c, _ in _printed(store, plan)] == ["A", "B", "C", "E", "D"]
    # Above the first group is the ungrouped part, printed before the groups.
    store.tasks.move([grouped["A"]], -1)
    assert _printed(store, plan)[:2] == [("", "A", 1), ("Văn phòng UBND tỉnh", "B", 1)]
    store.tasks.move([grouped["A"]], -1)  # already first: nothing changes
    assert _printed(store, plan)[:2] == [("", "A", 1), ("Văn phòng UBND tỉnh", "B", 1)]


def test_move_to_group_before_a_task_and_at_the_end(store: Store, plan: Plan, grouped: dict[str, int]) -> None:
    store.tasks.move_to_group([grouped["E"]], grouped["g1"], before_task=grouped["B"])
    assert [(g[:3], c) for g, c, _ in _printed(store, plan)] == [
        ("Văn", "A"), ("Văn", "E"), ("Văn", "B"), ("Sở ", "C"), ("Sở ", "D")
    ]
    store.tasks.move_to_group([grouped["A"], grouped["B"]], grouped["g2"])
    assert _printed(store, plan) == [
        ("Văn phòng UBND tỉnh", "E", 1),
        ("Sở Nội vụ", "C", 1),
        ("Sở Nội vụ", "D", 2),
        ("Sở Nội vụ", "A", 3),
        ("Sở Nội vụ", "B", 4),
    ]
    store.tasks.move_to_group([grouped["D"]], None)
    assert _printed(store, plan)[0] == ("", "D", 1)


def test_set_order_and_its_guard_against_a_stale_list(store: Store, plan: Plan, grouped: dict[str, int]) -> None:
    appendix_id = int(plan.appendices[0].id)
    saved = store.tasks.order_of(appendix_id)
    g = grouped
    store.tasks.set_order(appendix_id, [(g["E"], g["g1"]), (g["A"], g["g1"]), (g["B"], g["g2"]),
                                        (g["C"], g["g2"]), (g["D"], g["g2"])])
    assert [c for _, c, _ in _printed(store, plan)] == ["E", "A", "B", "C", "D"]
    store.tasks.set_order(appendix_id, saved)  # undo of a reordering
    assert [c for _, c, _ in _printed(store, plan)] == ["A", "B", "C", "D", "E"]
    before = _dump(store)
    with pytest.raises(ValidationError):
        store.tasks.set_order(appendix_id, saved[:-1])
    with pytest.raises(ValidationError):
        store.tasks.set_order(appendix_id, [(tid, 99999) for tid, _ in saved])
    assert _dump(store) == before


def test_task_after_another_goes_right_below_it(store: Store, plan: Plan, grouped: dict[str, int]) -> None:
    store.tasks.create(Task(plan_id=plan.id, content="Nhiệm vụ X"), after_id=grouped["C"])
    assert [(c, stt) for g, c, stt in _printed(store, plan) if g == "Sở Nội vụ"] == [
        ("C", 1), ("X", 2), ("D", 3), ("E", 4)
    ]


# --------------------------------------------------------------------------- search


def _stts(rows, indices) -> set[int]:
    return {rows[i].stt for i in indices}


@pytest.mark.parametrize("query", ["so noi vu", "SỞ NỘI VỤ", "Sở Nội vụ", "sở nội VỤ"])
def test_search_ignores_diacritics_and_case(demo_store: Store, query: str) -> None:
    rows = demo_store.tasks.rows()
    # Sở Nội vụ is lead of tasks 9 and 11 and partner of task 5 in the Vĩnh Long appendix.
    assert _stts(rows, filter_rows(rows, text=query)) == {5, 9, 11}


@pytest.mark.parametrize("query", ["dai phat thanh", "Đài Phát thanh", "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH"])
def test_search_treats_d_stroke_as_d(demo_store: Store, query: str) -> None:
    rows = demo_store.tasks.rows()
    assert _stts(rows, filter_rows(rows, text=query)) == {12}


@pytest.mark.parametrize("query", ["dai pt-th", "Đài PT-TH tỉnh", "Đài PTTH tỉnh"])
def test_search_finds_a_task_by_an_alias_of_its_agency(demo_store: Store, query: str) -> None:
    rows = demo_store.tasks.rows()
    assert _stts(rows, filter_rows(rows, text=query)) == {12}


def test_search_is_a_phrase_not_scattered_words(store: Store, plan: Plan) -> None:
    _task(store, plan, "Số liệu về nội dung nhiệm vụ")
    _task(store, plan, "Họp với Sở Nội vụ")
    rows = store.tasks.rows()
    assert [rows[i].task.content for i in filter_rows(rows, text="so noi vu")] == ["Họp với Sở Nội vụ"]
    assert len(filter_rows(rows, text="")) == 2
    assert filter_rows(rows, text="không có ở đâu") == []


def test_filter_by_agency_id_and_role(demo_store: Store) -> None:
    rows = demo_store.tasks.rows()
    snv = demo_store.agencies.match("Sở Nội vụ")
    assert _stts(rows, filter_rows(rows, agency_id=snv, role="lead")) == {9, 11}
    assert _stts(rows, filter_rows(rows, agency_id=snv, role="partner")) == {5}
    assert _stts(rows, filter_rows(rows, agency_id=snv)) == {5, 9, 11}
    stttt = demo_store.agencies.match("STTTT")
    assert _stts(rows, filter_rows(rows, agency_id=stttt, role="lead")) == {2, 4, 5}
    assert _stts(rows, filter_rows(rows, agency_id=stttt, role="lead", text="hoi thi")) == {5}


def test_filter_by_status_and_group(store: Store, plan: Plan, grouped: dict[str, int]) -> None:
    store.tasks.set_status([grouped["B"], grouped["D"]], TaskStatus.DONE, dt.date(2024, 3, 1))
    rows = store.tasks.rows(plan_id=plan.id)
    assert [rows[i].task.content for i in filter_rows(rows, status="done")] == ["Nhiệm vụ B", "Nhiệm vụ D"]
    assert [rows[i].task.content for i in filter_rows(rows, status="done", group_title="Sở Nội vụ")] == ["Nhiệm vụ D"]


# --------------------------------------------------------------------------- agencies


def test_default_registry(store: Store) -> None:
    agencies = {a.name: a for a in store.agencies.list()}
    for name in ("Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Thông tin và Truyền thông", "Sở Tư pháp",
                 "Sở Văn hóa, Thể thao và Du lịch", "Đài Phát thanh và Truyền hình tỉnh",
                 "UBND các huyện, thị xã, thành phố"):
        assert name in agencies
    radio = agencies["Đài Phát thanh và Truyền hình tỉnh"]
    assert radio.abbreviation == "Đài PT-TH"
    assert "Đài PT-TH tỉnh" in radio.aliases
    # Listed in Vietnamese order: the Đ names come after the D ones, before E.
    names = [a.name for a in store.agencies.list()]
    assert names.index("Đài Phát thanh và Truyền hình tỉnh") < names.index("Sở Nội vụ")


@pytest.mark.parametrize(
    "written, agency",
    [
        ("Sở Nội vụ", "Sở Nội vụ"),
        ("so noi vu", "Sở Nội vụ"),
        ("SNV", "Sở Nội vụ"),
        ("snv", "Sở Nội vụ"),
        ("  Sở   Nội vụ ", "Sở Nội vụ"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Đài PT-TH tỉnh", "Đài Phát thanh và Truyền hình tỉnh"),
        ("dai pt-th", "Đài Phát thanh và Truyền hình tỉnh"),
        ("ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH TỈNH", "Đài Phát thanh và Truyền hình tỉnh"),
        ("UBND cấp huyện", "UBND các huyện, thị xã, thành phố"),
    ],
)
def test_match_by_name_alias_or_abbreviation(store: Store, written: str, agency: str) -> None:
    aid = store.agencies.match(written)
    assert aid is not None and store.agencies.get(aid).name == agency


def test_no_match_for_unknown_names_and_vague_phrases(store: Store) -> None:
    assert store.agencies.match("Sở Ngoại vụ") is None
    assert store.agencies.match("Các cơ quan, đơn vị liên quan") is None


def test_resolve_splits_lists_and_links_names(store: Store) -> None:
    text = "Sở Kế hoạch và Đầu tư, Sở Văn hóa, Thể thao và Du lịch và các cơ quan, đơn vị liên quan"
    refs = store.agencies.resolve(text)
    assert [r.text for r in refs] == [
        "Sở Kế hoạch và Đầu tư", "Sở Văn hóa, Thể thao và Du lịch", "các cơ quan, đơn vị liên quan"
    ]
    assert refs[0].agency_id == store.agencies.match("SKHĐT")
    assert refs[1].agency_id == store.agencies.match("Sở VHTTDL")
    assert refs[2].agency_id is None
    assert join_agency_parts((r.separator, r.text) for r in refs) == text


def test_merge_moves_references_and_keeps_the_other_names_as_aliases(store: Store, plan: Plan) -> None:
    keep = store.agencies.create("Báo Vĩnh Long", "Báo VL")
    other = store.agencies.create("Báo tỉnh Vĩnh Long", "BVL", ["Báo VLO"])
    t1 = _task(store, plan, "Chuyên trang CCHC", lead="Báo Vĩnh Long")
    t2 = _task(store, plan, "Chuyên mục chuyển đổi số", lead="Báo tỉnh Vĩnh Long")
    assert store.tasks.get(int(t2.id)).lead[0].agency_id == other.id

    merged = store.agencies.merge(int(keep.id), [int(other.id)])

    assert merged.name == "Báo Vĩnh Long" and merged.abbreviation == "Báo VL"
    assert {"Báo tỉnh Vĩnh Long", "BVL", "Báo VLO"} <= set(merged.aliases)
    with pytest.raises(NotFoundError):
        store.agencies.get(int(other.id))
    for written in ("Báo tỉnh Vĩnh Long", "BVL", "Báo VLO", "Báo VL"):
        assert store.agencies.match(written) == keep.id
    assert store.tasks.get(int(t2.id)).lead == [AgencyRef("Báo tỉnh Vĩnh Long", keep.id, "")]  # text as written
    assert store.agencies.usage()[int(keep.id)] == 2
    rows = store.tasks.rows()
    assert {rows[i].task.id for i in filter_rows(rows, agency_id=keep.id)} == {t1.id, t2.id}
    # Search by the kept name now also finds the task written with the other name.
    assert {rows[i].task.id for i in filter_rows(rows, text="bao vl")} == {t1.id, t2.id}


def test_merge_needs_another_agency(store: Store) -> None:
    snv = int(store.agencies.match("Sở Nội vụ"))
    with pytest.raises(ValidationError):
        store.agencies.merge(snv, [snv])


def test_deleting_an_agency_keeps_the_texts_unlinked(store: Store, plan: Plan) -> None:
    radio = int(store.agencies.match("Đài PT-TH"))
    task = _task(store, plan, "Chuyên mục CCHC", lead="Đài PT-TH tỉnh")
    store.agencies.delete(radio)

    got = store.tasks.get(int(task.id))
    assert got.lead == [AgencyRef("Đài PT-TH tỉnh", None, "")]
    assert store.agencies.match("Đài Phát thanh và Truyền hình tỉnh") is None
    rows = store.tasks.rows()
    assert filter_rows(rows, text="dai pt-th tinh") == [0]
    assert filter_rows(rows, text="Đài Phát thanh và Truyền hình") == []


@pytest.mark.parametrize(
    "name, abbreviation, aliases",
    [
        ("Sở Nội vụ", "", []),
        ("so noi vu", "", []),
        ("Sở Ngoại vụ", "SNV", []),
        ("Sở Ngoại vụ", "", ["Đài PT-TH tỉnh"]),
        ("", "", []),
    ],
)
def test_an_agency_name_in_use_is_refused(store: Store, name: str, abbreviation: str, aliases: list[str]) -> None:
    before = _dump(store)
    with pytest.raises(ValidationError):
        store.agencies.create(name, abbreviation, aliases)
    assert _dump(store) == before


def test_renaming_onto_another_agency_is_refused(store: Store) -> None:
    stp = store.agencies.get(int(store.agencies.match("Sở Tư pháp")))
    before = _dump(store)
    with pytest.raises(ValidationError) as info:
        store.agencies.update(replace(stp, aliases=[*stp.aliases, "Sở Nội vụ"]))
    assert "Sở Nội vụ" in info.value.message
    assert _dump(store) == before


def test_a_new_agency_links_names_typed_before_it_existed(store: Store, plan: Plan) -> None:
    task = _task(store, plan, "Hợp tác quốc tế", lead="Sở Ngoại vụ")
    assert store.tasks.get(int(task.id)).lead[0].agency_id is None
    created = store.agencies.create("Sở Ngoại vụ", "SNgV")
    assert store.tasks.get(int(task.id)).lead[0].agency_id == created.id
    rows = store.tasks.rows()
    assert filter_rows(rows, text="sngv") == [0]
