"""Where the window and a printed document show the same thing, one place decides it: a plan's
title is printed once under "KẾ HOẠCH" (never "KẾ HOẠCH" / "Kế hoạch tuyên truyền ..."), and a
body written in capitals is printed in capitals only in the letterhead, never inside a sentence."""

from __future__ import annotations

import datetime as dt

import pdfplumber
import pytest

from cchc_desktop.documents import report_docs
from cchc_desktop.documents.render import settings as doc_settings
from cchc_desktop.documents.render.appendix import render_appendix_pdf
from cchc_desktop.documents.render.plan_doc import render_plan_pdf
from cchc_desktop.reporting import report as rp
from cchc_desktop.store.domain import Appendix, Plan, Task, default_plan_title, plan_heading, plan_subject
from cchc_desktop.text.agencies import name_in_sentence


def _lines(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [" ".join(line.split()) for page in pdf.pages for line in (page.extract_text() or "").splitlines()]


@pytest.fixture
def capital_plan(store):
    """A plan whose issuer was typed in capitals, titled as earlier versions titled a new plan,
    with an office whose name was typed as its letterhead prints it."""
    doc_settings.save(store, doc_settings.DocumentSettings(
        parent_body="UBND TỈNH VĨNH LONG", office_name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", abbreviation="STTTT",
        place="Vĩnh Long"))
    plan = store.plans.create(Plan(number="15/KH-UBND", issuer="UBND TỈNH VĨNH LONG", place="Vĩnh Long",
                                   issue_date=dt.date(2025, 1, 10), period_start=2025,
                                   title="Kế hoạch tuyên truyền cải cách hành chính năm 2025",
                                   appendices=[Appendix(title="Nhiệm vụ tuyên truyền")]))
    store.tasks.create(Task(plan_id=plan.id, appendix_id=plan.appendices[0].id, content="Đăng tin trên Cổng thông tin",
                            time_frame="Quý I/2025"))
    return plan


def test_the_plans_title_is_printed_once_under_ke_hoach(store, capital_plan, tmp_path):
    out = tmp_path / "ke-hoach.pdf"
    render_plan_pdf(store, int(capital_plan.id), out)
    lines = _lines(out)
    at = lines.index("KẾ HOẠCH")
    assert lines[at + 1] == "Tuyên truyền cải cách hành chính năm 2025"
    assert not any(line.startswith("Kế hoạch tuyên truyền") for line in lines)


def test_a_new_plans_default_title_does_not_repeat_ke_hoach():
    title = default_plan_title(2026)
    assert title == "Tuyên truyền cải cách hành chính năm 2026"
    assert plan_heading(title) == title
    assert plan_subject(Plan(title=title, period_start=2026)) == "tuyên truyền cải cách hành chính năm 2026"
    # the demo's title and a title written the old way are cited alike
    assert plan_subject(Plan(title="Kế hoạch tuyên truyền cải cách hành chính năm 2026", period_start=2026)) == \
        "tuyên truyền cải cách hành chính năm 2026"


def test_issuers_in_capitals_are_written_in_sentence_case_inside_sentences(store, capital_plan, tmp_path):
    appendix = tmp_path / "phu-luc.pdf"
    render_appendix_pdf(store, int(capital_plan.id), appendix)
    text = " ".join(_lines(appendix))
    assert "của UBND tỉnh Vĩnh Long)" in text and "của UBND TỈNH VĨNH LONG" not in text

    report = rp.build_report(store, rp.parse_period("2025-Q1"), [int(capital_plan.id)], today=dt.date(2025, 4, 2))
    out = tmp_path / "bao-cao.pdf"
    report_docs.write_pdf(store, report, out, rp.report_texts(store, report), dt.date(2025, 4, 3))
    text = " ".join(_lines(out))
    assert "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in text  # the letterhead keeps its capitals
    assert ("Thực hiện Kế hoạch số 15/KH-UBND ngày 10/01/2025 của UBND tỉnh Vĩnh Long về tuyên truyền cải cách "
            "hành chính năm 2025, Sở Thông tin và Truyền thông báo cáo") in text
    assert "SỞ THÔNG TIN VÀ TRUYỀN THÔNG báo cáo" not in text


@pytest.mark.parametrize("typed, in_sentence", [
    ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Sở Thông tin và Truyền thông"),
    ("UBND TỈNH VĨNH LONG", "UBND tỉnh Vĩnh Long"),
    ("ỦY BAN NHÂN DÂN HUYỆN LONG HỒ", "Ủy ban nhân dân huyện Long Hồ"),
    ("VĂN PHÒNG HĐND VÀ UBND HUYỆN", "Văn phòng HĐND và UBND huyện"),
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
    ("PHÒNG VĂN HÓA VÀ THÔNG TIN", "Phòng Văn hóa và Thông tin"),
    ("UBND THỊ XÃ BÌNH MINH", "UBND thị xã Bình Minh"),
    ("Sở Nội vụ", "Sở Nội vụ"),  # mixed case is kept as written
    ("Phòng văn hóa và thông tin", "Phòng văn hóa và thông tin"),
])
def test_name_in_sentence(typed, in_sentence):
    assert name_in_sentence(typed) == in_sentence


def test_name_in_sentence_takes_the_registry_spelling():
    assert name_in_sentence("ĐÀI PHÁT THANH - TRUYỀN HÌNH TỈNH", ["Đài Phát thanh - Truyền hình tỉnh"]) == \
        "Đài Phát thanh - Truyền hình tỉnh"
