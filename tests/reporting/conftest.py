"""A small 2025 plan whose report figures are worked out by hand in the tests.

Tasks (lead agency as written; progress recorded):
  A "Quý I/2025"             Đài Phát thanh và Truyền hình tỉnh   done 20/03/2025
  B "Trước ngày 16/01/2025"  Sở Nội vụ                            done 20/01/2025 (due 15/01: late)
  C "Quý II/2025"            Sở Tư pháp                           nothing
  D "Trước ngày 01/03/2025"  Sở Nội vụ                            doing (due 28/02: overdue by 31/03)
  E "Thường xuyên"           Đài PT-TH tỉnh (alias of A's agency)  nothing
  F "Định kỳ hàng tháng, 03 tin (bài)/tháng"  Sở Thông tin và Truyền thông
        Jan done 25/01 (3), Feb done 05/03 (2, late: due 28/02), Mar done 31/03 (4)
  G "Thường xuyên", quota 2 bài/tháng set by hand   STTTT (alias)
        task-level entries 31/01 (2 bài), 01/02 (1 bài)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from cchc_desktop.scheduling.schedule import save_schedule
from cchc_desktop.store.domain import Appendix, Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.store.store import Store


@dataclass
class SmallPlan:
    store: Store
    plan_id: int
    ids: dict[str, int]


def _task(store: Store, plan_id: int, content: str, when: str, lead: str) -> int:
    task = Task(plan_id=plan_id, content=content, time_frame=when, lead=store.agencies.resolve(lead))
    return int(store.tasks.create(task).id)  # type: ignore[arg-type]


def build_small_plan(store: Store) -> SmallPlan:
    plan = store.plans.create(Plan(
        number="05/KH-STTTT", issuer="Sở Thông tin và Truyền thông", parent_body="UBND TỈNH VĨNH LONG",
        place="Vĩnh Long", issue_date=dt.date(2025, 1, 5), period_start=2025, period_end=2025,
        title="Tuyên truyền cải cách hành chính năm 2025", signer_authority="KT. GIÁM ĐỐC",
        signer_position="PHÓ GIÁM ĐỐC", signer_name="Nguyễn Văn B",
        recipients=["Sở Nội vụ;", "Lưu: VT, TTBCXB."], appendices=[Appendix(title="Nhiệm vụ")],
    ))
    pid = int(plan.id)  # type: ignore[arg-type]
    ids = {
        "A": _task(store, pid, "Phóng sự về cải cách hành chính", "Quý I/2025", "Đài Phát thanh và Truyền hình tỉnh"),
        "B": _task(store, pid, "Ban hành kế hoạch tuyên truyền", "Trước ngày 16/01/2025", "Sở Nội vụ"),
        "C": _task(store, pid, "Hội nghị tập huấn & sơ kết <6 tháng>", "Quý II/2025", "Sở Tư pháp"),
        "D": _task(store, pid, "Khảo sát mức độ hài lòng", "Trước ngày 01/03/2025", "Sở Nội vụ"),
        "E": _task(store, pid, "Chuyên mục cải cách hành chính", "Thường xuyên", "Đài PT-TH tỉnh"),
        "F": _task(store, pid, "Tin bài trên Cổng thông tin điện tử", "Định kỳ hàng tháng, 03 tin (bài)/tháng",
                   "Sở Thông tin và Truyền thông"),
        "G": _task(store, pid, "Bài viết trên trang mạng xã hội", "Thường xuyên", "STTTT"),
    }
    save_schedule(store, ids["G"], {"kind": "continuous", "quota": {"count": 2, "unit": "bài", "per": "month"}})
    progress = ProgressService(store)

    def rec(key: str, state: TaskStatus, day: dt.date | None, occ: dt.date | None = None, count: int | None = None,
            **kw: object) -> None:
        progress.record(ProgressEntry(task_id=ids[key], occurrence_due=occ, state=state, done_on=day, count=count,
                                      **kw))  # type: ignore[arg-type]

    rec("A", TaskStatus.DONE, dt.date(2025, 3, 20), note="Đã phát 2 phóng sự",
        evidence_number="Công văn số 12/ĐPTTH", evidence_date=dt.date(2025, 3, 21))
    rec("B", TaskStatus.DONE, dt.date(2025, 1, 20), note="Kế hoạch số 05/KH-SNV")
    rec("D", TaskStatus.DOING, dt.date(2025, 2, 10), note="Đang khảo sát")
    rec("F", TaskStatus.DONE, dt.date(2025, 1, 25), dt.date(2025, 1, 31), 3, note="3 tin tháng 1")
    rec("F", TaskStatus.DONE, dt.date(2025, 3, 5), dt.date(2025, 2, 28), 2, note="2 tin tháng 2",
        evidence_link="https://vinhlong.gov.vn/tin-thang-2")
    rec("F", TaskStatus.DONE, dt.date(2025, 3, 31), dt.date(2025, 3, 31), 4, note="4 tin tháng 3")
    rec("G", TaskStatus.DOING, dt.date(2025, 1, 31), count=2, note="2 bài")
    rec("G", TaskStatus.DOING, dt.date(2025, 2, 1), count=1, note="1 bài")
    return SmallPlan(store, pid, ids)


@pytest.fixture
def small_plan(store: Store) -> SmallPlan:
    return build_small_plan(store)


@pytest.fixture
def plan_file(db_path):
    """The small plan in a database file that is closed again (for the command line)."""
    store = Store.open(db_path)
    plan = build_small_plan(store)
    store.close()
    return plan
