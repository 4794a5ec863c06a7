"""The report documents print the same figures as the report: PDF checked by its text."""

from __future__ import annotations

import datetime as dt

import pdfplumber
import pytest

from cchc_desktop.documents import report_docs
from cchc_desktop.reporting import report as rp
from cchc_desktop.scheduling.schedule import STATE_LABELS

Q1_DAY = dt.date(2025, 4, 15)


@pytest.fixture
def q1(small_plan) -> rp.Report:
    store = small_plan.store
    r = rp.build_report(store, rp.parse_period("2025-Q1"), [small_plan.plan_id], today=Q1_DAY)
    rp.save_report_texts(store, r, {
        "results": "Các cơ quan đã triển khai đúng kế hoạch.\nĐã đăng 9 tin, bài & 2 phóng sự.",
        "shortcomings": "Một số nhiệm vụ còn chậm <so với hạn>.",
        "next_tasks": "Tổ chức hội nghị sơ kết 6 tháng.",
        "recipients": "Sở Nội vụ;\nLưu: VT, TTBCXB.",
    })
    return r


def _pdf_text(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _pdf_rows(path) -> list[list[str | None]]:
    with pdfplumber.open(path) as pdf:
        return [row for page in pdf.pages for table in page.extract_tables() for row in table]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_has_the_official_parts_and_the_same_figures(small_plan, q1, tmp_path) -> None:
    out = tmp_path / "bao-cao.pdf"
    texts = rp.report_texts(small_plan.store, q1)
    report_docs.write_pdf(small_plan.store, q1, out, texts, dt.date(2025, 4, 3))
    pages = _pdf_text(out)
    first = _flat("\n".join(pages[:2]))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Vĩnh Long, ngày 03 tháng 4 năm 2025" in first
    assert "/BC-STTTT" in first
    assert "BÁO CÁO" in first
    assert "Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính quý I năm 2025" in first
    for heading in report_docs.SECTION_HEADINGS:
        assert heading in first
    assert "Đã đăng 9 tin, bài & 2 phóng sự." in first  # the officer's own text, markup characters kept
    assert "chậm <so với hạn>" in first
    assert "Nơi nhận:" in first and "- Lưu: VT, TTBCXB." in first and "PHÓ GIÁM ĐỐC" in first
    # Statistics table: label, count, percent as in the report.
    for state in rp.ALL_STATES:
        count, pct = q1.totals.count(state), q1.totals.percent_text(state)
        assert f"{STATE_LABELS[state]} {count} {pct}" in first
    assert "Tổng số 7 100%" in first
    rows = {_flat(r[0] or ""): [_flat(c or "") for c in r[1:]] for r in _pdf_rows(out) if r and r[0]}
    assert rows["Đài Phát thanh và Truyền hình tỉnh"] == ["1", "0", "0", "0", "1", "2"]  # two aliases, one row
    assert rows["Sở Nội vụ"] == ["0", "1", "0", "1", "0", "2"]
    # Appendix: every task, with its state.
    appendix = _flat("\n".join(pages[1:]))
    assert "Phụ lục I" in appendix and "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ QUÝ I NĂM 2025" in appendix
    printed = {_flat(r[1] or ""): [_flat(c or "") for c in r] for r in _pdf_rows(out) if len(r) == 7}
    for line in q1.tasks:
        assert printed[line.content][5] == line.state_label
    assert printed["Hội nghị tập huấn & sơ kết <6 tháng>"][5] == "Đang thực hiện trong hạn"
    assert printed["Khảo sát mức độ hài lòng"][5] == "Quá hạn chưa hoàn thành"
    assert printed["Phóng sự về cải cách hành chính"][6] == "Đã phát 2 phóng sự"
    assert "Phụ lục II" in appendix and "DANH MỤC MINH CHỨNG QUÝ I NĂM 2025" in appendix
    evidence = {_flat(r[1] or ""): [_flat(c or "") for c in r] for r in _pdf_rows(out) if len(r) == 8}
    assert evidence["Phóng sự về cải cách hành chính"][2:5] == ["20/03/2025", "Công văn số 12/ĐPTTH", "21/03/2025"]
    assert "□" not in "".join(pages)


def test_xlsx_totals_and_tasks_match_the_report(q1, tmp_path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "bao-cao.xlsx"
    report_docs.write_xlsx(q1, out)
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["Tổng hợp", "Nhiệm vụ"]
    values = {row[0]: row[1:] for row in wb["Tổng hợp"].iter_rows(values_only=True) if row and row[0]}
    for state in rp.ALL_STATES:
        assert values[STATE_LABELS[state]][:2] == (q1.totals.count(state), q1.totals.percent(state))
    assert values["Đài Phát thanh và Truyền hình tỉnh"][:6] == (1, 0, 0, 0, 1, 2)
    tasks = list(wb["Nhiệm vụ"].iter_rows(values_only=True))
    assert len(tasks) == 1 + len(q1.tasks)
    states = {row[1]: row[5] for row in tasks[1:]}
    assert states["Khảo sát mức độ hài lòng"] == "Quá hạn chưa hoàn thành"
    quotas = [row for row in wb["Chỉ tiêu"].iter_rows(values_only=True) if row and row[0] == "Tin bài trên Cổng thông tin điện tử"]
    assert quotas[0][4:6] == (9, 9)


def test_docx_for_editing(small_plan, q1, tmp_path) -> None:
    from docx import Document

    out = tmp_path / "bao-cao.docx"
    report_docs.write_docx(q1, out, rp.report_texts(small_plan.store, q1), small_plan.store, dt.date(2025, 4, 3))
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and q1.title in text and "Tổ chức hội nghị sơ kết 6 tháng." in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Quá hạn chưa hoàn thành" in cells and "Khảo sát mức độ hài lòng" in cells


def test_cli_writes_the_three_files(plan_file, db_path, tmp_path, capsys) -> None:
    from cchc_desktop.cli import main

    pdf, xlsx, docx = tmp_path / "a.pdf", tmp_path / "a.xlsx", tmp_path / "a.docx"
    assert main(["--db", str(db_path), "report", "--period", "2025-Q1", "--on", "2025-04-15", "--pdf", str(pdf),
                 "--xlsx", str(xlsx), "--docx", str(docx)]) == 0
    assert pdf.stat().st_size > 5000 and xlsx.stat().st_size > 3000 and docx.stat().st_size > 10000
    assert "Quá hạn chưa hoàn thành 1 14,3%" in _flat(_pdf_text(pdf)[0])


def _province_plan_report(store, *, office: str = "", signer: str = "", authority: str = "",
                          position: str = "") -> rp.Report:
    """A plan issued and signed by the province; the office's settings as given."""
    from cchc_desktop.documents.render import settings as doc_settings
    from cchc_desktop.store.domain import Appendix, Plan, Task

    plan = store.plans.create(Plan(
        number="3060/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Vĩnh Long", place="Vĩnh Long",
        issue_date=dt.date(2023, 12, 29), period_start=2024, period_end=2024,
        title="Tuyên truyền cải cách hành chính năm 2024", signer_authority="KT. CHỦ TỊCH",
        signer_position="PHÓ CHỦ TỊCH", signer_name="Nguyễn Thị Quyên Thanh", appendices=[Appendix(title="Nhiệm vụ")],
    ))
    store.tasks.create(Task(plan_id=plan.id, content="Tin bài về cải cách hành chính", time_frame="Quý I/2024",
                            lead=store.agencies.resolve("Sở Thông tin và Truyền thông")))
    if office:
        doc_settings.save(store, doc_settings.DocumentSettings(
            parent_body="UBND TỈNH VĨNH LONG", office_name=office, abbreviation="STTTT", place="Vĩnh Long",
            signer_authority=authority, signer_position=position, signer_name=signer))
    return rp.build_report(store, rp.parse_period("2024-Q1"), [plan.id], today=dt.date(2024, 4, 15))


def _docx_text(path) -> str:
    from docx import Document

    doc = Document(str(path))
    return _flat("\n".join([p.text for p in doc.paragraphs]
                           + [c.text for t in doc.tables for row in t.rows for c in row.cells]))


def _all_documents(store, report, tmp_path) -> dict[str, str]:
    from cchc_desktop.documents import evidence_docs

    texts = rp.report_texts(store, report)
    report_docs.write_pdf(store, report, tmp_path / "r.pdf", texts, dt.date(2024, 4, 3))
    report_docs.write_docx(report, tmp_path / "r.docx", texts, store, dt.date(2024, 4, 3))
    evidence_docs.write_pdf(store, report, tmp_path / "e.pdf", dt.date(2024, 4, 3))
    return {
        "report pdf": _flat("\n".join(_pdf_text(tmp_path / "r.pdf"))),
        "report docx": _docx_text(tmp_path / "r.docx"),
        "evidence pdf": _flat("\n".join(_pdf_text(tmp_path / "e.pdf"))),
    }


def test_office_in_settings_heads_and_signs_every_report_document(store, tmp_path) -> None:
    report = _province_plan_report(store, office="Sở Thông tin và Truyền thông", signer="Trần Văn C",
                                   authority="KT. GIÁM ĐỐC", position="PHÓ GIÁM ĐỐC")
    for kind, text in _all_documents(store, report, tmp_path).items():
        assert "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in text, kind
        assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Trần Văn C" in text, kind
        assert "CHỦ TỊCH" not in text and "Nguyễn Thị Quyên Thanh" not in text, kind


def test_office_without_a_signer_leaves_the_signature_to_be_signed_by_hand(store, tmp_path) -> None:
    report = _province_plan_report(store, office="Sở Thông tin và Truyền thông")
    for kind, text in _all_documents(store, report, tmp_path).items():
        assert "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in text, kind
        assert "CHỦ TỊCH" not in text and "Nguyễn Thị Quyên Thanh" not in text, kind


def test_no_office_in_settings_heads_and_signs_as_the_plan(store, tmp_path) -> None:
    report = _province_plan_report(store)
    for kind, text in _all_documents(store, report, tmp_path).items():
        assert "ỦY BAN NHÂN DÂN" in text and "SỞ THÔNG TIN" not in text, kind
        assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "Nguyễn Thị Quyên Thanh" in text, kind


@pytest.mark.parametrize(("number", "issue_date", "cited"), [
    ("3060/QĐ-UBND", dt.date(2023, 12, 29),
     "Thực hiện Kế hoạch tuyên truyền cải cách hành chính năm 2025 ban hành kèm theo Quyết định số 3060/QĐ-UBND "
     "ngày 29/12/2023 của Ủy ban nhân dân tỉnh Vĩnh Long, Sở Thông tin và Truyền thông báo cáo"),
    ("05/KH-UBND", dt.date(2025, 1, 5),
     "Thực hiện Kế hoạch số 05/KH-UBND ngày 05/01/2025 của Ủy ban nhân dân tỉnh Vĩnh Long về tuyên truyền cải "
     "cách hành chính năm 2025, Sở Thông tin và Truyền thông báo cáo"),
    ("/KH-UBND", None,
     "Thực hiện Kế hoạch tuyên truyền cải cách hành chính năm 2025, Sở Thông tin và Truyền thông báo cáo"),
])
def test_intro_names_the_act_the_plan_was_issued_by(store, number, issue_date, cited) -> None:
    from cchc_desktop.store.domain import Plan

    plan = store.plans.create(Plan(number=number, issuer="Ủy ban nhân dân tỉnh Vĩnh Long", issue_date=issue_date,
                                   period_start=2025, period_end=2025, title="Tuyên truyền cải cách hành chính"))
    r = rp.build_report(store, rp.parse_period("2025-Q1"), [plan.id], today=dt.date(2025, 4, 15))
    assert report_docs.intro_text(r, "Sở Thông tin và Truyền thông").startswith(cited)


def test_evidence_list_names_the_decision_that_issued_the_plan(store) -> None:
    from cchc_desktop.documents import evidence_docs
    from cchc_desktop.store.domain import Plan

    plan = Plan(number="3060/QĐ-UBND", issue_date=dt.date(2023, 12, 29))
    assert evidence_docs.plan_reference(plan) == "Kế hoạch ban hành kèm theo Quyết định số 3060/QĐ-UBND ngày 29/12/2023"
    assert evidence_docs.plan_reference(Plan(number="/KH-UBND")) == "Kế hoạch (chưa số)"


def test_counts_of_thousands_are_printed_with_vietnamese_separators(store, tmp_path) -> None:
    # a year of an office: the statistics and agency tables read 1.250, as official documents write it
    from docx import Document

    from cchc_desktop.store.domain import AgencyRef, Plan, Task

    plan = store.plans.create(Plan(title="Kế hoạch tuyên truyền CCHC năm 2025", period_start=2025, period_end=2025))
    store.tasks.create_many([Task(plan_id=plan.id, content=f"Nhiệm vụ {i + 1}", time_frame="Quý IV/2025",
                                  lead=[AgencyRef(text="Sở Nội vụ")]) for i in range(1_250)])
    r = rp.build_report(store, rp.parse_period("2025"), [plan.id], today=dt.date(2025, 6, 30))
    assert r.totals.total == 1_250
    texts = rp.report_texts(store, r)
    pdf, docx = tmp_path / "bao-cao.pdf", tmp_path / "bao-cao.docx"
    report_docs.write_pdf(store, r, pdf, texts, dt.date(2025, 7, 1))
    report_docs.write_docx(r, docx, texts, store, dt.date(2025, 7, 1))
    with pdfplumber.open(pdf) as opened:  # the statistics come before the appendix of every task
        first = _flat("\n".join(page.extract_text() or "" for page in opened.pages[:2]))
        rows = {_flat(row[0] or ""): [_flat(c or "") for c in row[1:]]
                for page in opened.pages[:2] for table in page.extract_tables() for row in table if row and row[0]}
    assert "tổng số nhiệm vụ được đánh giá là 1.250, trong đó" in first  # the default text of section I
    assert "Tổng số 1.250 100%" in first
    assert "1250" not in first  # nor on the charts' axes and bars
    assert rows["Sở Nội vụ"][-1] == "1.250"
    cells = [[c.text for c in row.cells] for t in Document(str(docx)).tables for row in t.rows]
    assert ["Tổng số", "1.250", "100%"] in cells
    assert any(row[0] == "Sở Nội vụ" and row[-1] == "1.250" for row in cells)
