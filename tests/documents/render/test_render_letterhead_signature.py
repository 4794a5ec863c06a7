"""Who heads and signs every document, and how the signed end of a document is laid out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pdfplumber
import pytest

from cchc_desktop.documents import evidence_docs, report_docs
from cchc_desktop.documents.render import settings as doc_settings
from cchc_desktop.documents.render.letterhead import head_of, letterhead, locality
from cchc_desktop.documents.render.plan_doc import render_plan_pdf
from cchc_desktop.documents.render.reminder_list import render_reminder_list
from cchc_desktop.reporting import report as rp
from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.domain import Appendix, Plan, Section, Task


def _words(path: Path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        return [p.extract_words(keep_blank_chars=False, use_text_flow=True) for p in pdf.pages]


def _text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [" ".join((p.extract_text() or "").split()) for p in pdf.pages]


def test_the_demo_leaves_the_office_settings_alone(store):
    load_demo(store)
    s = doc_settings.load(store)
    assert (s.parent_body, s.office_name, s.abbreviation, s.place) == ("", "", "", "")
    plan = store.plans.list()[0]
    assert plan.issuer and plan.place == "Vĩnh Long"  # the demo plan keeps its own issuer


def test_one_rule_for_every_header():
    office = doc_settings.DocumentSettings(parent_body="UBND huyện Long Hồ", office_name="Phòng Nội vụ",
                                           abbreviation="PNV")
    plan = Plan(number="3060/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Vĩnh Long", place="Vĩnh Long",
                signer_authority="KT. CHỦ TỊCH", signer_position="PHÓ CHỦ TỊCH", signer_name="Nguyễn Thị Quyên Thanh")
    # the office's documents: the office, its own place (from its parent body's name), its head signs
    head = letterhead(office, [plan])
    assert (head.office_name, head.parent_body, head.symbol("BC"), head.source) == (
        "Phòng Nội vụ", "UBND huyện Long Hồ", "BC-PNV", "settings")
    assert head.place == "Vĩnh Long"  # no place set: the plan's place before a guess from the name
    assert head.signature() == ("", "TRƯỞNG PHÒNG", "")
    # the plan's own pages: the plan as issued
    own = letterhead(office, plan, own_plan=True)
    assert (own.office_name, own.parent_body, own.signature()) == (
        "Ủy ban nhân dân tỉnh Vĩnh Long", "", ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Quyên Thanh"))
    # no office set: the plan's issuer heads and signs
    assert letterhead(doc_settings.DocumentSettings(), [plan]).office_name == "Ủy ban nhân dân tỉnh Vĩnh Long"
    # nothing known at all: no body, no place, still a signature line
    bare = letterhead(None, [])
    assert not bare.known and not bare.date_line and bare.signature() == ("", "THỦ TRƯỞNG CƠ QUAN", "")
    assert head_of("Sở Thông tin và Truyền thông") == ("", "GIÁM ĐỐC")
    assert head_of("UBND tỉnh Vĩnh Long") == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert locality("UBND TỈNH VĨNH LONG") == "Vĩnh Long"
    assert locality("Ủy ban nhân dân thành phố Hồ Chí Minh") == "Thành phố Hồ Chí Minh"


def _bare_plan(store, **kw) -> int:
    plan = store.plans.create(Plan(title="Tuyên truyền cải cách hành chính năm 2024", period_start=2024,
                                   period_end=2024, appendices=[Appendix(title="Nhiệm vụ")], **kw))
    store.tasks.create(Task(plan_id=plan.id, content="Đăng tin bài", time_frame="Hằng tuần"))
    return int(plan.id)


def test_no_office_and_no_issuer_prints_no_empty_header_cell_nor_a_date_line_without_place(store, tmp_path):
    plan_id = _bare_plan(store)
    pdf = tmp_path / "nhac.pdf"
    render_reminder_list(store, pdf, start=dt.date(2024, 1, 1), days=30, today=dt.date(2024, 1, 1))
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        words = page.extract_words()
        national = [w for w in words if w["text"] == "CỘNG"][0]
        motto_line = [w for w in words if abs(w["top"] - national["top"]) < 2]
        # national name and motto centred on the text width: nothing stands on a left column
        x0, x1 = min(w["x0"] for w in motto_line), max(w["x1"] for w in motto_line)
        middle = (30 * 72 / 25.4 + page.width - 15 * 72 / 25.4) / 2
        assert abs((x0 + x1) / 2 - middle) < 3
        header = " ".join(w["text"] for w in words if w["top"] < national["top"] + 60)
    assert ", ngày" not in header and not header.startswith("ngày")
    # the plan and the report: same rule
    plan_pdf = tmp_path / "kh.pdf"
    render_plan_pdf(store, plan_id, plan_pdf)
    assert ", ngày" not in _text(plan_pdf)[0]


def test_the_office_heads_the_reminder_list_and_the_plan_place_completes_it(store, tmp_path):
    _bare_plan(store, issuer="Sở Nội vụ", parent_body="UBND tỉnh Vĩnh Long")
    pdf = tmp_path / "nhac.pdf"
    render_reminder_list(store, pdf, start=dt.date(2024, 1, 1), days=30, today=dt.date(2024, 1, 2))
    first = _text(pdf)[0]
    # no office set: the plan's issuer; its place read from the parent body's name
    assert "UBND TỈNH VĨNH LONG SỞ NỘI VỤ" in first or (
        "UBND TỈNH VĨNH LONG" in first and "SỞ NỘI VỤ" in first)
    assert "Vĩnh Long, ngày 02 tháng 01 năm 2024" in first


@pytest.fixture
def q1_report(store):
    plan = store.plans.create(Plan(
        number="05/KH-SNV", issuer="Sở Nội vụ", parent_body="UBND tỉnh Vĩnh Long", place="Vĩnh Long",
        issue_date=dt.date(2025, 1, 5), period_start=2025, period_end=2025,
        title="Tuyên truyền cải cách hành chính năm 2025", appendices=[Appendix(title="Nhiệm vụ")]))
    for i in range(3):
        store.tasks.create(Task(plan_id=plan.id, content=f"Nhiệm vụ {i + 1}", time_frame="Quý I/2025"))
    return rp.build_report(store, rp.parse_period("2025-Q1"), [plan.id], today=dt.date(2025, 4, 1))


def _signature_page(path: Path, word: str) -> tuple[int, list[dict]]:
    pages = _words(path)
    hits = [(i, w) for i, ws in enumerate(pages) for w in ws if w["text"] == word]
    assert hits, word
    return hits[-1][0], pages[hits[-1][0]]


def test_a_report_without_signer_still_has_the_signature_block_and_no_bare_headings(store, q1_report, tmp_path):
    texts = {"results": "Đã triển khai.", "shortcomings": "", "next_tasks": "", "recipients": "Sở Nội vụ;"}
    pdf = tmp_path / "bc.pdf"
    report_docs.write_pdf(store, q1_report, pdf, texts, dt.date(2025, 4, 1))
    text = " ".join(_text(pdf))
    assert "GIÁM ĐỐC" in text  # the head of a Sở signs
    assert "Nơi nhận:" in text
    assert report_docs.SECTION_HEADINGS[1] not in text and report_docs.SECTION_HEADINGS[2] not in text
    docx = tmp_path / "bc.docx"
    report_docs.write_docx(q1_report, docx, texts, store, dt.date(2025, 4, 1))
    from docx import Document

    doc_text = " ".join([p.text for p in Document(str(docx)).paragraphs]
                        + [c.text for t in Document(str(docx)).tables for r in t.rows for c in r.cells])
    assert "GIÁM ĐỐC" in doc_text and report_docs.SECTION_HEADINGS[1] not in doc_text


def test_recipients_and_signature_stay_with_the_last_lines_of_the_text(store, q1_report, tmp_path):
    # grow the last section until the signature would fall onto a page of its own; at every
    # length the page that carries "Nơi nhận:" also carries text of the last section
    for n in range(0, 40, 3):
        texts = {"results": "Kết quả.", "shortcomings": "", "recipients": "Sở Nội vụ;\nLưu: VT.",
                 "next_tasks": "\n".join(f"Dòng nhiệm vụ kỳ tới số {i}." for i in range(n + 1))}
        pdf = tmp_path / f"bc{n}.pdf"
        report_docs.write_pdf(store, q1_report, pdf, texts, dt.date(2025, 4, 1))
        index, words = _signature_page(pdf, "Nơi")
        top = min(w["top"] for w in words if w["text"] == "Nơi")
        above = [w for w in words if w["bottom"] < top - 1 and w["top"] > 15 * 72 / 25.4]  # not the page number
        # at least two lines of the last section (or its heading and first line) above it
        assert len({round(w["top"]) for w in above if w["text"] in ("Dòng", "III.")}) >= 2 or n == 0, (n, index)


def test_sixty_recipients_and_a_huge_signer_do_not_fail(demo_store, plan_id, tmp_path):
    plan = demo_store.plans.get(plan_id)
    recipients = [f"Ủy ban nhân dân xã số {i};" for i in range(1, 121)]
    demo_store.plans.update(dataclasses.replace(plan, recipients=recipients))
    pdf = tmp_path / "kh.pdf"
    render_plan_pdf(demo_store, plan_id, pdf)
    pages = _text(pdf)
    text = " ".join(pages)
    assert "Ủy ban nhân dân xã số 1;" in text and "Ủy ban nhân dân xã số 120;" in text
    # the block continues over pages; its first page holds the last lines of the text, the
    # authority, position and name (the signature is never cut), and the first recipients
    first = next(p for p in pages if "Nơi nhận:" in p)
    last_line = plan.sections[-1].body.splitlines()[-1].split()[-3:]
    assert " ".join(last_line) in first
    for expected in ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Quyên Thanh", "Ủy ban nhân dân xã số 1;"):
        assert expected in first


def test_empty_plan_sections_are_left_out(demo_store, plan_id, tmp_path):
    plan = demo_store.plans.get(plan_id)
    sections = [*plan.sections, Section(heading="V. KINH PHÍ THỰC HIỆN", body="")]
    demo_store.plans.update(dataclasses.replace(plan, sections=sections))
    pdf = tmp_path / "kh.pdf"
    render_plan_pdf(demo_store, plan_id, pdf)
    assert "V. KINH PHÍ THỰC HIỆN" not in " ".join(_text(pdf))
    # the section whose text is the appendix stays
    assert "IV. MỘT SỐ NHIỆM VỤ" in " ".join(_text(pdf))


def test_the_signature_never_stands_alone_on_the_last_page_of_the_evidence_list(store, tmp_path):
    plan = store.plans.create(Plan(number="05/KH-SNV", issuer="Sở Nội vụ", place="Vĩnh Long",
                                   issue_date=dt.date(2025, 1, 5), period_start=2025, period_end=2025,
                                   title="Tuyên truyền năm 2025", appendices=[Appendix(title="Nhiệm vụ")]))
    seen_alone = []
    for n in range(1, 30, 2):
        if n > 1:
            store.tasks.create_many([Task(plan_id=plan.id, content="Nhiệm vụ có nội dung khá dài " * 3,
                                          time_frame="Quý I/2025") for _ in range(2)])
        else:
            store.tasks.create(Task(plan_id=plan.id, content="Nhiệm vụ đầu", time_frame="Quý I/2025"))
        report = rp.build_report(store, rp.parse_period("2025-Q1"), [plan.id], today=dt.date(2025, 4, 1))
        pdf = tmp_path / f"mc{n}.pdf"
        evidence_docs.write_pdf(store, report, pdf, dt.date(2025, 4, 1))
        index, words = _signature_page(pdf, "GIÁM")
        # on the signature's page there is at least one row of the table (its "Chưa có minh chứng")
        if not any(w["text"] == "Chưa" for w in words):
            seen_alone.append(n)
    assert seen_alone == []
