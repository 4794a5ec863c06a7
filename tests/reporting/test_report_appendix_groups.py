"""The report's appendix prints groups as the plan's appendix does: a Roman numeral in the STT
column, the title across the rest, and never a group heading alone at a page's foot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pdfplumber
import pytest

from cchc_desktop.documents import report_docs
from cchc_desktop.reporting import report as rp
from cchc_desktop.store.domain import AgencyRef, Appendix, Plan, Task

GROUPS = ("Tuyên truyền trên báo chí", "Tập huấn, hội nghị", "Khảo sát, đánh giá")


def _report(store, filler: int) -> rp.Report:  # noqa: ANN001
    """A plan of three groups: `filler` long tasks in the first, six in each of the others, all due in Q1."""
    plan = store.plans.create(Plan(
        number="05/KH-STTTT", issuer="Sở Thông tin và Truyền thông", place="Vĩnh Long",
        issue_date=dt.date(2025, 1, 5), period_start=2025, period_end=2025, title="Tuyên truyền CCHC năm 2025",
        appendices=[Appendix(title="Nhiệm vụ")]))
    appendix_id = plan.appendices[0].id
    groups = [store.tasks.add_group(appendix_id, title) for title in GROUPS]
    tasks = [Task(plan_id=plan.id, appendix_id=appendix_id, group_id=groups[0].id,
                  content=f"Đăng tin bài số {i + 1} về cải cách hành chính trên Cổng thông tin điện tử của tỉnh",
                  lead=[AgencyRef("Sở Nội vụ")], time_frame="Quý I/2025") for i in range(filler)]
    for group in groups[1:]:
        tasks += [Task(plan_id=plan.id, appendix_id=appendix_id, group_id=group.id,
                       content=f"Nhiệm vụ {i + 1} của nhóm {group.title}", lead=[AgencyRef("Sở Tư pháp")],
                       time_frame="Quý I/2025") for i in range(6)]
    store.tasks.create_many(tasks)
    return rp.build_report(store, rp.parse_period("2025-Q1"), [int(plan.id)], today=dt.date(2025, 4, 15))


def _is_group(row: list[str]) -> bool:
    return any(cell in GROUPS for cell in row)


@pytest.mark.parametrize("filler", range(1, 13))  # the groups' headings fall at every height of the pages
def test_group_headings_carry_their_numeral_and_never_end_a_page(store, tmp_path: Path, filler: int) -> None:
    report = _report(store, filler)
    out = tmp_path / "bao-cao.pdf"
    report_docs.write_pdf(store, report, out, rp.report_texts(store, report), dt.date(2025, 4, 3))
    groups, pages = [], []
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            rows = [[" ".join((cell or "").split()) for cell in row]
                    for table in page.extract_tables() for row in table if len(row) == len(report_docs.TASK_COLUMNS)]
            pages.append(rows)
            groups += [row[:2] for row in rows if _is_group(row)]
    assert groups == [["I", GROUPS[0]], ["II", GROUPS[1]], ["III", GROUPS[2]]]
    for number, rows in enumerate(pages, start=1):
        if rows:
            assert not _is_group(rows[-1]), f"page {number} ends with the heading of group {rows[-1][:2]}"


def test_word_report_numbers_its_groups(store, tmp_path: Path) -> None:
    from docx import Document

    report = _report(store, 2)
    out = tmp_path / "bao-cao.docx"
    report_docs.write_docx(report, out, rp.report_texts(store, report), store)
    table = Document(str(out)).tables[-1]
    heads = [[c.text for c in row.cells][:2] for row in table.rows if any(c.text in GROUPS for c in row.cells)]
    assert heads == [["I", GROUPS[0]], ["II", GROUPS[1]], ["III", GROUPS[2]]]
