"""Per-agency figures: a task counts once per lead agency, a class phrase is one row, and the
report says why the rows add up to more than the total when tasks have several leads."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pdfplumber

from cchc_desktop.documents.report_docs import write_pdf, write_xlsx
from cchc_desktop.reporting import report as rp
from cchc_desktop.store import demo
from cchc_desktop.store.domain import Appendix, Plan, Task
from cchc_desktop.store.store import Store


def test_demo_agency_rows_add_up_to_its_fourteen_tasks(tmp_path) -> None:
    store = Store.open(tmp_path / "demo.sqlite3")
    demo.load_demo(store)
    r = rp.build_report(store, rp.parse_period("2024"), today=dt.date(2024, 12, 31))
    assert r.totals.total == 14
    assert sum(a.counts.total for a in r.agencies) == 14
    names = [a.name for a in r.agencies]
    assert "Các cơ quan, đơn vị, địa phương và các cơ quan, đơn vị liên quan" in names
    assert not any(n[:1].islower() for n in names)  # no row starting in the middle of a phrase
    assert r.agency_note == ""
    assert r.to_json()["multi_lead_tasks"] == 0


def test_rows_over_the_total_are_explained(tmp_path) -> None:
    store = Store.open(tmp_path / "r.sqlite3")
    plan = store.plans.create(Plan(number="09/KH-UBND", issuer="UBND huyện Long Hồ", period_start=2025,
                                   period_end=2025, title="Tuyên truyền CCHC năm 2025",
                                   appendices=[Appendix(title="Nhiệm vụ")]))
    pid = int(plan.id)  # type: ignore[arg-type]
    for content, lead in (
        ("Hội nghị tuyên truyền", "Văn phòng HĐND và UBND huyện"),  # one office, not two
        ("Tuyên truyền trên loa truyền thanh", "Phòng Văn hóa và Thông tin, Phòng Nội vụ"),  # two leads
        ("Thi tìm hiểu cải cách hành chính", "Phòng Nội vụ, Phòng Nội vụ"),  # the same agency twice: once
    ):
        store.tasks.create(Task(plan_id=pid, content=content, time_frame="Quý II/2025",
                                lead=store.agencies.resolve(lead)))
    r = rp.build_report(store, rp.parse_period("2025-Q2"), today=dt.date(2025, 6, 30))
    rows = {a.name: a.counts.total for a in r.agencies}
    assert rows == {"Văn phòng HĐND và UBND huyện": 1, "Phòng Văn hóa và Thông tin": 1, "Phòng Nội vụ": 2}
    assert r.totals.total == 3 and r.multi_lead_tasks == 1
    assert "4 lượt" in r.agency_note and "3 nhiệm vụ" in r.agency_note and "1 nhiệm vụ có từ hai" in r.agency_note
    assert r.to_json()["agency_note"] == r.agency_note
    pdf = tmp_path / "r.pdf"
    write_pdf(store, r, pdf, {})
    with pdfplumber.open(pdf) as doc:
        text = " ".join((page.extract_text() or "") for page in doc.pages)
    assert "nhiều hơn tổng số 3 nhiệm vụ" in " ".join(text.split())
    xlsx = tmp_path / "r.xlsx"
    write_xlsx(r, xlsx)
    cells = [c.value for row in openpyxl.load_workbook(xlsx).worksheets[0].iter_rows() for c in row]
    assert r.agency_note in cells
