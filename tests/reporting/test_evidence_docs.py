"""The evidence list ("Danh mục tài liệu minh chứng"): PDF read back by its text and tables, xlsx, CLI."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pdfplumber
import pytest

from cchc_desktop.cli import main
from cchc_desktop.documents import evidence_docs
from cchc_desktop.reporting import report as rp
from cchc_desktop.store.domain import Appendix, Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.store.store import Store

Q1_DAY = dt.date(2025, 4, 15)


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def _pages(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _rows(path) -> list[list[str]]:
    with pdfplumber.open(path) as pdf:
        return [[_flat(c) for c in row] for page in pdf.pages for t in page.extract_tables() for row in t]


def _long_plan(store: Store, tasks: int = 45) -> tuple[int, list[int]]:
    """A plan of `tasks` tasks, each with two pieces of evidence in Q1 2025 (the first with three)."""
    plan = store.plans.create(Plan(number="12/KH-SNV", issuer="Sở Nội vụ", place="Vĩnh Long",
                                   issue_date=dt.date(2025, 1, 10), period_start=2025, period_end=2025,
                                   title="Tuyên truyền cải cách hành chính năm 2025",
                                   appendices=[Appendix(title="Nhiệm vụ")]))
    pid = int(plan.id)  # type: ignore[arg-type]
    progress = ProgressService(store)
    ids = []
    for i in range(1, tasks + 1):
        task = store.tasks.create(Task(plan_id=pid, content=f"Nhiệm vụ tuyên truyền số {i} về cải cách thủ tục hành chính",
                                       time_frame="Quý I/2025", lead=store.agencies.resolve("Sở Nội vụ")))
        tid = int(task.id)  # type: ignore[arg-type]
        ids.append(tid)
        progress.record(ProgressEntry(task_id=tid, state=TaskStatus.DOING, done_on=dt.date(2025, 2, 3),
                                      evidence_number=f"Công văn số {i}/SNV-CCHC", evidence_date=dt.date(2025, 2, 3),
                                      officer="Lê Thị Hồng", created_by="hongle"))
        progress.record(ProgressEntry(task_id=tid, state=TaskStatus.DONE, done_on=dt.date(2025, 3, 14),
                                      evidence_number=f"Báo cáo số {i}/BC-SNV", evidence_date=dt.date(2025, 3, 15),
                                      evidence_link=f"https://snv.vinhlong.gov.vn/bao-cao-{i}",
                                      created_by="hongle"))
        if i == 1:  # an odd number of rows: page breaks do not fall between tasks by chance
            progress.record(ProgressEntry(task_id=tid, state=TaskStatus.DONE, done_on=dt.date(2025, 3, 20),
                                          evidence_number="Thông báo số 3/TB-SNV", created_by="hongle"))
    return pid, ids


def test_pdf_lists_every_task_with_its_evidence(small_plan, tmp_path) -> None:
    store = small_plan.store
    proof = tmp_path / "Ảnh hội nghị.jpg"
    proof.write_bytes(b"\xff\xd8\xff")
    ProgressService(store).record(ProgressEntry(
        task_id=small_plan.ids["D"], state=TaskStatus.DOING, done_on=dt.date(2025, 3, 25), officer="Trần Văn Đức",
        evidence_number="Tờ trình số 08/TTr-SNV", evidence_date=dt.date(2025, 3, 24), created_by="tvduc"),
        files=[proof])
    r = rp.build_report(store, rp.parse_period("2025-Q1"), [small_plan.plan_id], today=Q1_DAY)
    out = tmp_path / "minh-chung.pdf"
    evidence_docs.write_pdf(store, r, out, dt.date(2025, 4, 3))
    text = _flat("\n".join(_pages(out)))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in text
    assert "Vĩnh Long, ngày 03 tháng 4 năm 2025" in text
    assert "DANH MỤC TÀI LIỆU MINH CHỨNG" in text
    assert "Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính quý I năm 2025" in text
    assert "(Kế hoạch số 05/KH-STTTT ngày 05/01/2025; tính đến ngày 31/03/2025)" in text
    assert "PHÓ GIÁM ĐỐC" in text and "Nguyễn Văn B" in text
    assert "Tổng số: 7 nhiệm vụ; 3 nhiệm vụ có minh chứng (3 tài liệu); 4 nhiệm vụ chưa có minh chứng." in text
    rows = {r[1]: r for r in _rows(out) if len(r) == len(evidence_docs.COLUMNS)}
    assert rows["Phóng sự về cải cách hành chính"][3:5] == ["Công văn số 12/ĐPTTH", "21/03/2025"]
    # A long link breaks inside the cell; the extracted text has a space at the break.
    assert rows["Tin bài trên Cổng thông tin điện tử"][5].replace(" ", "") == "https://vinhlong.gov.vn/tin-thang-2"
    survey = rows["Khảo sát mức độ hài lòng"]
    assert survey[3:5] == ["Tờ trình số 08/TTr-SNV", "24/03/2025"]
    assert survey[6] == "Ảnh hội nghị.jpg" and survey[7] == "25/03/2025 tvduc"
    assert rows["Hội nghị tập huấn & sơ kết <6 tháng>"][3] == evidence_docs.NO_EVIDENCE  # markup characters kept
    assert "□" not in text and "\ufffd" not in text


def test_long_list_repeats_the_header_row_on_every_page(store, tmp_path) -> None:
    pid, ids = _long_plan(store)
    r = rp.build_report(store, rp.parse_period("2025-Q1"), [pid], today=Q1_DAY)
    out = tmp_path / "dai.pdf"
    evidence_docs.write_pdf(store, r, out, dt.date(2025, 4, 3))
    with pdfplumber.open(out) as pdf:
        tables = [page.extract_tables() for page in pdf.pages]
    assert len(tables) >= 4
    for page_tables in tables:
        if page_tables:  # the last page may hold only the signature
            assert [_flat(c) for c in page_tables[0][0]] == list(evidence_docs.COLUMNS)
    numbers = [_flat(row[3]) for page_tables in tables for t in page_tables for row in t[1:]]
    assert numbers.count("Công văn số 1/SNV-CCHC") == 1 and "Báo cáo số 45/BC-SNV" in numbers
    assert len([n for n in numbers if n.startswith(("Công văn số", "Báo cáo số", "Thông báo số"))]) == 2 * len(ids) + 1
    # A task's two entries stand on one page, beneath its number and content.
    for page_tables in tables:
        for t in page_tables:
            assert t[1][0] and t[1][1], "a page starts with a task's second entry, cut from its task"


def test_several_plans_are_headed_by_their_plan(small_plan, tmp_path) -> None:
    store = small_plan.store
    pid, _ids = _long_plan(store, tasks=2)
    r = rp.build_report(store, rp.parse_period("2025-Q1"), [pid, small_plan.plan_id], today=Q1_DAY)
    out = tmp_path / "hai.pdf"
    evidence_docs.write_pdf(store, r, out, dt.date(2025, 4, 3))
    text = _flat("\n".join(_pages(out)))
    assert "Kế hoạch số 05/KH-STTTT ngày 05/01/2025;" in text and "Kế hoạch số 12/KH-SNV ngày 10/01/2025;" in text
    first = text.index("Kế hoạch số 05/KH-STTTT ngày 05/01/2025: Tuyên truyền")
    second = text.index("Kế hoạch số 12/KH-SNV ngày 10/01/2025: Tuyên truyền")
    assert text.index("Phóng sự về cải cách hành chính") > first and text.index("Nhiệm vụ tuyên truyền số 2") > second


def test_xlsx_one_sheet_with_print_titles(small_plan, tmp_path) -> None:
    from openpyxl import load_workbook

    store = small_plan.store
    r = rp.build_report(store, rp.parse_period("2025-Q1"), [small_plan.plan_id], today=Q1_DAY)
    out = tmp_path / "minh-chung.xlsx"
    evidence_docs.write_xlsx(store, r, out)
    wb = load_workbook(out)
    assert wb.sheetnames == [evidence_docs.SHEET_TITLE]
    ws = wb.active
    values = list(ws.iter_rows(values_only=True))
    assert values[1][0] == "DANH MỤC TÀI LIỆU MINH CHỨNG"
    assert values[2][0] == r.title
    header = next(i for i, row in enumerate(values) if row[0] == "STT")
    assert list(values[header]) == list(evidence_docs.XLSX_COLUMNS)
    assert ws.print_title_rows.replace("$", "") == f"{header + 1}:{header + 1}"
    assert ws.page_setup.orientation == "landscape"
    rows = {row[1]: row for row in values[header + 1:] if row[1]}
    assert len(rows) == 7
    assert rows["Phóng sự về cải cách hành chính"][4:6] == ("Công văn số 12/ĐPTTH", "21/03/2025")
    assert rows["Phóng sự về cải cách hành chính"][3] == "Hoàn thành đúng hạn"
    link = rows["Tin bài trên Cổng thông tin điện tử"]
    assert link[6] == "https://vinhlong.gov.vn/tin-thang-2" and link[8] == "2 tin tháng 2" and link[9] == "05/03/2025"
    assert rows["Khảo sát mức độ hài lòng"][4] == evidence_docs.NO_EVIDENCE
    assert any(str(row[0] or "").startswith("Tổng số: 7 nhiệm vụ; 2 nhiệm vụ có minh chứng") for row in values)


def test_xlsx_merges_a_task_over_its_entries(store, tmp_path) -> None:
    from openpyxl import load_workbook

    pid, _ids = _long_plan(store, tasks=3)
    r = rp.build_report(store, rp.parse_period("2025-Q1"), [pid], today=Q1_DAY)
    out = tmp_path / "gop.xlsx"
    evidence_docs.write_xlsx(store, r, out)
    ws = load_workbook(out).active
    header = next(c.row for c in ws["A"] if c.value == "STT")
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert f"B{header + 1}:B{header + 3}" in merged and f"B{header + 4}:B{header + 5}" in merged
    assert [ws.cell(row=header + k, column=5).value for k in (1, 2, 3)] == [
        "Công văn số 1/SNV-CCHC", "Báo cáo số 1/BC-SNV", "Thông báo số 3/TB-SNV"]
    assert ws.cell(row=header + 4, column=2).value == "Nhiệm vụ tuyên truyền số 2 về cải cách thủ tục hành chính"
    assert ws.cell(row=header + 2, column=11).value == "hongle"
    assert ws.cell(row=header + 1, column=12).value == "Lê Thị Hồng"


def test_cli_evidence_json_pdf_and_xlsx(plan_file, db_path, tmp_path, capsys) -> None:
    capsys.readouterr()
    pdf, xlsx = tmp_path / "mc.pdf", tmp_path / "mc.xlsx"
    assert main(["--db", str(db_path), "evidence", "--plan", str(plan_file.plan_id), "--period", "2025-Q1",
                 "--on", "2025-04-15", "--json", "--pdf", str(pdf), "--xlsx", str(xlsx)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"period", "as_of", "plans", "task_count", "tasks_with_evidence", "evidence_count", "tasks"} <= set(data)
    assert (data["task_count"], data["tasks_with_evidence"], data["evidence_count"]) == (7, 2, 2)
    assert data["period"]["label"] == "Quý I năm 2025" and [p["id"] for p in data["plans"]] == [plan_file.plan_id]
    task = next(t for t in data["tasks"] if t["task_id"] == plan_file.ids["A"])
    assert {"task_id", "stt", "content", "lead", "state", "state_label", "evidence"} <= set(task)
    (ev,) = task["evidence"]
    assert {k: ev[k] for k in ("number", "date", "day", "link", "attachments")} == {
        "number": "Công văn số 12/ĐPTTH", "date": "2025-03-21", "day": "2025-03-20", "link": "", "attachments": []}
    assert "recorded_by" in ev and "recorded_at" in ev
    assert "Công văn số 12/ĐPTTH" in [r[3] for r in _rows(pdf)] and xlsx.stat().st_size > 3000


def test_cli_evidence_text_and_errors(plan_file, db_path, capsys) -> None:
    capsys.readouterr()
    assert main(["--db", str(db_path), "evidence", "--period", "2025-Q1", "--on", "2025-04-15"]) == 0
    out = capsys.readouterr().out
    assert "Danh mục tài liệu minh chứng quý I năm 2025" in out
    assert "Công văn số 12/ĐPTTH ngày 21/03/2025" in out and "chưa có minh chứng" in out
    assert main(["--db", str(db_path), "evidence", "--period", "2025-Q1", "--plan", "999"]) == 2
    assert "Không tìm thấy kế hoạch" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_no_tasks_in_the_period(store, tmp_path, kind) -> None:
    r = rp.build_report(store, rp.parse_period("2025-Q1"), today=Q1_DAY)
    out = tmp_path / f"rong.{kind}"
    (evidence_docs.write_pdf(store, r, out) if kind == "pdf" else evidence_docs.write_xlsx(store, r, out))
    assert out.stat().st_size > 1000


def test_a_task_longer_than_a_page_splits_and_keeps_its_text(store, tmp_path) -> None:
    pid, ids = _long_plan(store, tasks=3)
    words = " ".join(f"đoạn{i}" for i in range(1500))
    # The first task (three entries, kept together when they fit) is taller than a page.
    store.tasks.update(replace(store.tasks.get(ids[0]), content=f"Nhiệm vụ rất dài: {words} hết."))
    r = rp.build_report(store, rp.parse_period("2025-Q1"), [pid], today=Q1_DAY)
    out = tmp_path / "dai-mot-o.pdf"
    evidence_docs.write_pdf(store, r, out)
    with pdfplumber.open(out) as pdf:
        words = [w["text"] for page in pdf.pages for w in page.extract_words()]
        assert len(pdf.pages) >= 3
        assert "đoạn0" in [w["text"] for w in pdf.pages[0].extract_words()]  # starts under the title, not a page later
    assert [w for w in words if w.startswith("đoạn")] == [f"đoạn{i}" for i in range(1500)]  # nothing lost
    assert "3/BC-SNV" in words and "hết." in words
