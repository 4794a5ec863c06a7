"""The whole plan and the reminder list as PDFs, read back."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pdfplumber
import pytest
from reportlab.lib.units import mm

from cchc_desktop.documents.render import settings as doc_settings
from cchc_desktop.documents.render.plan_doc import render_plan_pdf
from cchc_desktop.documents.render.reminder_list import render_reminder_list
from cchc_desktop.errors import ValidationError


def _pages(pdf):
    with pdfplumber.open(pdf) as doc:
        return [(p.extract_text() or "", float(p.width), float(p.height),
                 [w["text"] for w in p.extract_words() if w["bottom"] <= 20 * mm]) for p in doc.pages]


def test_plan_document_has_header_body_signature_then_its_appendix(demo_store, plan_id, tmp_path, squash_text):
    plan = demo_store.plans.get(plan_id)
    plan = demo_store.plans.update(dataclasses.replace(
        plan, number="5/KH-STTTT", parent_body="UBND tỉnh Vĩnh Long", issuer="Sở Thông tin và Truyền thông"))
    pdf = tmp_path / "ke_hoach.pdf"
    render_plan_pdf(demo_store, plan_id, pdf)
    pages = _pages(pdf)
    text = squash_text(" ".join(p[0] for p in pages))
    first = squash_text(pages[0][0])
    for expected in ("UBND TỈNH VĨNH LONG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Số: 05/KH-STTTT", "Vĩnh Long, ngày 29 tháng 12 năm 2023", "KẾ HOẠCH",
                     "Tuyên truyền cải cách hành chính năm 2024 của tỉnh Vĩnh Long"):
        assert expected in first, expected
    for line in [*plan.legal_bases, *(s.heading for s in plan.sections), "Nơi nhận:", "KT. CHỦ TỊCH",
                 "PHÓ CHỦ TỊCH", "Nguyễn Thị Quyên Thanh", "- Bộ Nội vụ; Bộ TT&TT;", "- Lưu: VT. 107.PVHCC."]:
        assert squash_text(line) in text, line
    # prose paragraphs come through whole
    body = plan.sections[0].body.splitlines()[1]
    assert squash_text(body) in text
    assert "(Kèm theo Kế hoạch số 05/KH-STTTT ngày 29 tháng 12 năm 2023 của Chủ tịch UBND tỉnh Vĩnh Long)" in text
    # on one line at 12 pt rather than wrapped at 13 pt
    assert any("SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in line for line in pages[0][0].splitlines())
    # the appendix starts on a new landscape page, numbered on its own
    starts = [i for i, p in enumerate(pages) if p[0].startswith("Phụ lục")]
    assert len(starts) == 1
    a = starts[0]
    assert pages[a - 1][1] < pages[a - 1][2] and pages[a][1] > pages[a][2]
    assert pages[1][3] == ["2"] and pages[a - 1][3] == [str(a)]
    assert pages[a][3] == [] and pages[a + 1][3] == ["2"]


def test_a_plan_issued_by_decision_carries_the_reference_line(demo_store, plan_id, tmp_path, squash_text):
    pdf = tmp_path / "ke_hoach.pdf"
    render_plan_pdf(demo_store, plan_id, pdf)
    first = squash_text(_pages(pdf)[0][0])
    assert ("KẾ HOẠCH Tuyên truyền cải cách hành chính năm 2024 của tỉnh Vĩnh Long (Kèm theo Quyết định số "
            "3060/QĐ-UBND ngày 29 tháng 12 năm 2023 của Chủ tịch UBND tỉnh Vĩnh Long)") in first
    assert "Số:" not in first
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        left = page.crop((0, 0, page.width * 0.42, page.height * 0.2)).extract_text()
    # the province's name, broken into two balanced lines, with no parent body above it
    assert left.split("\n")[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH VĨNH LONG"]


@pytest.fixture
def office(demo_store):
    s = doc_settings.load(demo_store)
    s.parent_body, s.office_name, s.place = "UBND tỉnh Vĩnh Long", "Sở Nội vụ & <Phòng CCHC>", "Vĩnh Long"
    doc_settings.save(demo_store, s)
    return demo_store


def test_reminder_list_by_day_overdue_first(office, tmp_path, squash_text, column_text):
    pdf = tmp_path / "nhac_viec.pdf"
    data = render_reminder_list(office, pdf, start=dt.date(2024, 1, 1), days=366, group_by="day",
                                today=dt.date(2024, 3, 1))
    pages = _pages(pdf)
    text = squash_text(" ".join(p[0] for p in pages))
    assert "SỞ NỘI VỤ & <PHÒNG CCHC>" in text
    assert "Vĩnh Long, ngày 01 tháng 3 năm 2024" in text
    assert "DANH SÁCH NHẮC VIỆC Từ Thứ Hai, 01/01/2024 đến Thứ Ba, 31/12/2024" in text
    titles = [g.title for g in data.groups]
    assert titles[0] == "Việc quá hạn chưa hoàn thành" and data.groups[0].overdue
    assert "Chủ nhật, 31/03/2024" in titles and "Thứ Ba, 31/12/2024" in titles
    # overdue first, marked; the rest by date
    table = text[text.index("Trạng thái"):]
    assert table.index("Việc quá hạn chưa hoàn thành") < table.index("Chủ nhật, 31/03/2024") \
        < table.index("Thứ Ba, 31/12/2024")
    assert "Trước ngày 16/01/2024" in text
    due_column = squash_text(" ".join(column_text(pdf, 30 * mm + 12 * mm + 1, 30 * mm + 46 * mm - 1)))
    assert due_column.index("Thứ Hai, 15/01/2024") < due_column.index("Chủ nhật, 31/03/2024 Nên xong")
    # a due date on a day off shows the last working day before it and the legal deadline
    assert "31/03/2024 Nên xong trước: Thứ Sáu, 29/03/2024 Hạn theo luật: Thứ Hai, 01/04/2024" in due_column
    assert pages[0][3] == []


def test_reminder_list_by_week_and_overdue_only(office, tmp_path, squash_text):
    data = render_reminder_list(office, tmp_path / "tuan.pdf", start=dt.date(2024, 3, 25), days=14,
                                today=dt.date(2024, 1, 10))
    # still-open past deadlines come first, then the window's weeks (only those with something due)
    assert [g.title for g in data.groups] == ["Tuần từ Thứ Hai, 25/03/2024 đến Chủ nhật, 31/03/2024"]
    data = render_reminder_list(office, tmp_path / "tuan.pdf", start=dt.date(2024, 3, 25), days=14,
                                today=dt.date(2024, 3, 27))
    assert [g.title for g in data.groups] == ["Việc quá hạn chưa hoàn thành",
                                              "Tuần từ Thứ Hai, 25/03/2024 đến Chủ nhật, 31/03/2024"]
    overdue = render_reminder_list(office, tmp_path / "qua_han.pdf", start=dt.date(2024, 1, 1),
                                   overdue_only=True, today=dt.date(2024, 10, 5))
    assert [g.title for g in overdue.groups] == ["Việc quá hạn chưa hoàn thành"]
    assert all(o.state == "overdue" for o in overdue.occurrences) and len(overdue.occurrences) >= 3
    assert "DANH SÁCH VIỆC QUÁ HẠN" in squash_text(_pages(tmp_path / "qua_han.pdf")[0][0])


def test_empty_window_and_bad_window(office, tmp_path, squash_text):
    render_reminder_list(office, tmp_path / "trong.pdf", start=dt.date(2030, 1, 1), days=7, today=dt.date(2024, 1, 2))
    assert "Không có việc nào" in squash_text(_pages(tmp_path / "trong.pdf")[0][0])
    with pytest.raises(ValidationError):
        render_reminder_list(office, tmp_path / "x.pdf", start=dt.date(2024, 1, 1), days=0)
    assert not (tmp_path / "x.pdf").exists()
