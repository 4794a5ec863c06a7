"""A quota typed in "Sản phẩm / chỉ tiêu" counts as one written in the time frame: one reading
(`timeframe.find_quota`) for both, shown on the report's Chỉ tiêu page and sheet."""

from __future__ import annotations

import datetime as dt

import openpyxl

from cchc_desktop.documents.report_docs import write_xlsx
from cchc_desktop.reporting import report as rp
from cchc_desktop.scheduling.timeframe import Quota, find_quota
from cchc_desktop.store.domain import Appendix, Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.store.store import Store


def test_find_quota_reads_the_output_field_as_the_time_frame() -> None:
    assert find_quota("03 tin (bài)/tháng") == Quota(3, "tin (bài)", "month", "03 tin (bài)/tháng", False)
    assert find_quota("Ít nhất 02 hội nghị") == Quota(2, "hội nghị", None, "Ít nhất 02 hội nghị", True)
    assert find_quota("01 bản tin/tuần").per == "week"
    # Outputs that state no target
    for text in ("", "Kế hoạch được ban hành", "Báo cáo kết quả", "Văn bản số 12/KH-UBND năm 2025"):
        assert find_quota(text) is None


def _plan(store: Store) -> int:
    plan = store.plans.create(Plan(number="07/KH-UBND", issuer="UBND huyện Long Hồ", period_start=2025,
                                   period_end=2025, title="Tuyên truyền CCHC năm 2025",
                                   appendices=[Appendix(title="Nhiệm vụ")]))
    return int(plan.id)  # type: ignore[arg-type]


def test_output_quota_is_in_the_report_and_its_sheet(tmp_path) -> None:
    store = Store.open(tmp_path / "q.sqlite3")
    pid = _plan(store)
    task = store.tasks.create(Task(plan_id=pid, content="Tin bài trên trang thông tin điện tử huyện",
                                   time_frame="Thường xuyên", output="03 tin (bài)/tháng",
                                   lead=store.agencies.resolve("Văn phòng HĐND và UBND huyện")))
    # A time frame that states its own quota wins over the output field.
    both = store.tasks.create(Task(plan_id=pid, content="Bản tin cải cách hành chính",
                                   time_frame="01 bản tin/tuần", output="05 bài/tháng",
                                   lead=store.agencies.resolve("Phòng Nội vụ")))
    ProgressService(store).record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DOING,  # type: ignore[arg-type]
                                                done_on=dt.date(2025, 2, 10), count=4))
    r = rp.build_report(store, rp.parse_period("2025-Q1"), today=dt.date(2025, 3, 31))
    rows = {q.task_id: q for q in r.quotas}
    q = rows[int(task.id)]  # type: ignore[arg-type]
    assert (q.quota_text, q.unit, q.target, q.achieved) == ("3 tin (bài)/tháng", "tin (bài)", 9, 4)
    assert rows[int(both.id)].quota_text == "1 bản tin/tuần"  # type: ignore[arg-type]
    out = tmp_path / "r.xlsx"
    write_xlsx(r, out)
    sheet = openpyxl.load_workbook(out)["Chỉ tiêu"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    line = next(v for v in values if v[0] == "Tin bài trên trang thông tin điện tử huyện")
    assert line[2:6] == ["3 tin (bài)/tháng", "tin (bài)", 9, 4]
