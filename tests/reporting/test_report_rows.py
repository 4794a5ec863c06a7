"""A report reads its tasks as plain rows (`store/report_rows.py`), not through `TaskService`:
the rows, their order, printed numbers, lead agencies and texts must be the ones the task list
reads, or a report would count or print another plan than the one on screen."""

from __future__ import annotations

import datetime as dt

from cchc_desktop.reporting import report as rp
from cchc_desktop.store.checks import CUT_MARK, MAX_FIELD_CHARS, MAX_SHORT_CHARS
from cchc_desktop.store.domain import Appendix, Plan, Task
from cchc_desktop.store.report_rows import ID, OUTPUT, TIME_FRAME, read_line_texts, read_report_rows
from cchc_desktop.store.store import Store


def _plan(store: Store, year: int, title: str) -> tuple[int, list[int]]:
    plan = store.plans.create(Plan(title=title, period_start=year, period_end=year,
                                   appendices=[Appendix(title="Phụ lục I"), Appendix(title="Phụ lục II")]))
    return int(plan.id), [int(a.id) for a in plan.appendices]  # type: ignore[arg-type]


def _messy_store(store: Store) -> list[int]:
    """Two plans, groups added out of order, tasks moved between them, several lead agencies
    (linked, alias, free text, the same agency twice), and texts longer than a form accepts,
    written by another program."""
    old_id, _ = _plan(store, 2024, "Kế hoạch năm 2024")
    new_id, (first, second) = _plan(store, 2025, "Kế hoạch năm 2025")
    g_b = store.tasks.add_group(first, "B. Nhóm thứ hai")
    g_a = store.tasks.add_group(first, "A. Nhóm đứng đầu", position=0)
    g_c = store.tasks.add_group(second, "C. Nhóm của phụ lục II")
    leads = ["Sở Nội vụ", "Đài PT-TH tỉnh, Sở Tư pháp", "Ban Tuyên giáo và Sở Nội vụ", "", "Các cơ quan, đơn vị liên quan",
             "Sở Tư pháp; Sở Nội vụ; Sở Tư pháp"]
    frames = ["Quý I/2025", "Hằng tháng", "Thường xuyên", "Trước ngày 15/03/2025", "Hằng tuần", "Năm 2025"]
    made = []
    for i in range(18):
        plan_id, appendix = (new_id, second if i % 5 == 0 else first) if i % 7 else (old_id, None)
        if appendix == first:
            group = {0: g_a.id, 1: g_b.id, 2: None}[i % 3]
        else:
            group = g_c.id if appendix == second and i % 2 else None
        task = store.tasks.create(Task(plan_id=plan_id, appendix_id=appendix, group_id=group,
                                       content=f"Nhiệm vụ số {i}", time_frame=frames[i % len(frames)],
                                       officer=f"Cán bộ {i % 4}", lead=store.agencies.resolve(leads[i % len(leads)])))
        made.append(int(task.id))  # type: ignore[arg-type]
    store.tasks.move([made[8]], -1)  # moved up among its neighbours
    store.tasks.move_to_group([made[13]], g_b.id)
    with store.db.atomic():
        store.db.execute("UPDATE tasks SET content = ?, time_frame = ?, officer = ? WHERE id = ?",
                         ["Nội dung rất dài " * (MAX_FIELD_CHARS // 8), "Hằng quý, " + "x " * MAX_SHORT_CHARS,
                          "Người theo dõi " * 40, made[4]])
        store.db.execute("UPDATE tasks SET output = ? WHERE id = ?", ["05 tin bài/tháng " * 200, made[5]])
        store.db.execute("UPDATE task_agencies SET text = ? WHERE task_id = ? AND role = 'lead'",
                         ["Ủy ban nhân dân các huyện " * 80, made[6]])
        store.db.execute("UPDATE tasks SET position = 0 WHERE id = ?", [made[10]])
    return [new_id, old_id]


def test_rows_are_the_task_lists_rows_in_its_order(store: Store) -> None:
    plan_ids = _messy_store(store)
    expected = store.tasks.rows_of_plans(plan_ids)
    read = read_report_rows(store.db, plan_ids)
    assert [r[ID] for r in read.rows] == [row.task.id for row in expected]
    assert read.stts() == [row.stt for row in expected]
    assert [(r[TIME_FRAME], r[OUTPUT]) for r in read.rows] == [(row.task.time_frame, row.task.output)
                                                              for row in expected]
    assert {tid: list(refs) for tid, refs in read.leads.items()} == {
        row.task.id: [(ref.text, ref.agency_id) for ref in row.task.lead] for row in expected if row.task.lead}
    texts = read_line_texts(store.db, plan_ids)
    assert [texts[int(row.task.id or 0)] for row in expected] == [
        (row.task.content, row.task.officer, row.group_title) for row in expected]
    # the texts longer than a form accepts were cut alike
    assert sum(row.task.content.endswith(CUT_MARK) for row in expected) == 1
    assert sum(ref.text.endswith(CUT_MARK) for row in expected for ref in row.task.lead) == 1
    assert sum(row.task.time_frame.endswith(CUT_MARK) for row in expected) == 1


def test_report_lines_print_what_the_task_list_shows(store: Store) -> None:
    plan_ids = _messy_store(store)
    expected = {row.task.id: row for row in store.tasks.rows_of_plans(plan_ids)}
    report = rp.build_report(store, rp.parse_period("2024-01-01:2025-12-31"), today=dt.date(2025, 6, 30))
    assert report.totals.total == len(report.tasks) > 0
    for line in report.tasks:
        row = expected[line.task_id]
        assert (line.content, line.lead, line.time_frame, line.stt, line.group, line.officer) == (
            row.task.content, row.task.lead_names, row.task.time_frame, row.stt, row.group_title,
            row.task.officer)
    # the lines come in the order the plans print them, as the counts list their ids
    order = [row.task.id for row in store.tasks.rows_of_plans([int(p.id) for p in report.plans])]  # type: ignore[misc]
    assert [line.task_id for line in report.tasks] == [t for t in order if t in set(report.totals.all_ids())]
    assert sorted(report.totals.all_ids()) == sorted(line.task_id for line in report.tasks)


def test_a_report_read_for_its_counts_gives_the_same_report(store: Store) -> None:
    _messy_store(store)
    period = rp.parse_period("2025")
    full = rp.build_report(store, period, today=dt.date(2025, 12, 31))
    counts = rp.build_report(store, period, today=dt.date(2025, 12, 31), counts_only=True)
    assert counts.to_json() == full.to_json()
    assert len(full.tasks) > 10
