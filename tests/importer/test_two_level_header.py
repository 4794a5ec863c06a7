"""An appendix table of our own as district and provincial plans write it in Word: a two-level
header ("Cơ quan thực hiện" over "Chủ trì | Phối hợp", the other titles merged down both rows),
columns "Thời gian thực hiện", "Sản phẩm", "Kinh phí", Roman group rows spanning the table, 28
rows over several pages with the header rows repeated on each (marked as heading rows) and rows
cut by the page breaks; printed to PDF by LibreOffice. In the PDF the repeated header's merged
titles run on over the first row's line ("Thời gian" › "thực" beside the row's text), a narrow
STT column wraps its title ("ST" › "T") and a date its year ("30/9/202" › "5"): the tasks must
come back as from the .docx, none invented."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cchc_desktop.importer import read_document, recognize

HEAD = ["ỦY BAN NHÂN DÂN", "HUYỆN ĐÔNG SƠN", "Số: 112 /KH-UBND", "Đông Sơn, ngày 15 tháng 01 năm 2025", "KẾ HOẠCH",
        "Tuyên truyền cải cách hành chính năm 2025", "I. MỤC ĐÍCH, YÊU CẦU", "Nâng cao nhận thức của cán bộ, công chức.",
        "II. NHIỆM VỤ", "Các nhiệm vụ cụ thể tại Phụ lục kèm theo.", "Nơi nhận:", "- UBND tỉnh;", "- Lưu: VT.", "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH", "Nguyễn Văn An", "PHỤ LỤC", "NHIỆM VỤ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2025",
        "(Kèm theo Kế hoạch số 112/KH-UBND ngày 15/01/2025 của UBND huyện Đông Sơn)"]
LEADS = ["Phòng Nội vụ", "Văn phòng HĐND và UBND huyện", "Phòng Văn hóa và Thông tin",
         "Trung tâm Văn hóa, Thông tin và Thể thao huyện", "Phòng Tư pháp"]
PARTNERS = ["Các cơ quan, đơn vị có liên quan", "UBND các xã, thị trấn", "Phòng Nội vụ", "", "Huyện đoàn, Hội Liên hiệp Phụ nữ huyện"]
WHEN = ["Quý I/2025", "Hằng tháng", "Tháng 6/2025", "Trước ngày 30/9/2025", "Quý III và quý IV năm 2025", "Thường xuyên"]
TOPICS = ["cải cách thủ tục hành chính", "dịch vụ công trực tuyến", "chuyển đổi số", "chính quyền điện tử", "bộ phận một cửa",
          "chỉ số hài lòng"]
GROUPS = [("I", "TUYÊN TRUYỀN TRÊN PHƯƠNG TIỆN THÔNG TIN ĐẠI CHÚNG"), ("II", "TUYÊN TRUYỀN QUA HỘI NGHỊ, TẬP HUẤN")]


def _rows() -> tuple[list[list[str]], list[tuple[str, str, str, str, str, str, str]]]:
    body, tasks, n = [], [], 0
    for mark, group in GROUPS:
        body.append([mark, group])
        for k in range(14):
            content = (f"Tuyên truyền về {TOPICS[n % 6]} trên các kênh thông tin của huyện, hệ thống truyền thanh cơ sở"
                       + "; lồng ghép nội dung tuyên truyền trong các hội nghị, buổi sinh hoạt của cơ quan, đơn vị, tổ dân phố" * (n % 3))
            output, funding = f"{n % 4 + 1:02d} tin, bài", "Ngân sách huyện" if n % 2 else "Lồng ghép"
            row = (content, LEADS[n % 5], PARTNERS[n % 5], WHEN[n % 6], output, funding, group)
            body.append([str(k + 1), *row[:6]])
            tasks.append(row)
            n += 1
    return body, tasks


def _docx(path: Path, widths_cm: list[float]) -> Path:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for line in HEAD:
        document.add_paragraph(line)
    body, _ = _rows()
    table = document.add_table(rows=2, cols=7)
    table.style = document.styles["Table Grid"]
    top, below = table.rows[0].cells, table.rows[1].cells
    for k, name in ((0, "STT"), (1, "Nội dung công việc"), (4, "Thời gian thực hiện"), (5, "Sản phẩm"), (6, "Kinh phí")):
        top[k].text = name
        top[k].merge(below[k])
    top[2].merge(top[3]).text = "Cơ quan thực hiện"
    below[2].text, below[3].text = "Chủ trì", "Phối hợp"
    for row in table.rows[:2]:  # repeated at the top of every page
        mark = OxmlElement("w:tblHeader")
        mark.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(mark)
    for values in body:
        cells = table.add_row().cells
        if len(values) == 2:  # a group row spanning the table
            cells[0].text = values[0]
            cells[1].merge(cells[6]).text = values[1]
        else:
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
    table.autofit = False
    for column, cm in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
        column.set(qn("w:w"), str(int(cm * 567)))
    document.save(path)
    return path


def _read(result) -> list[tuple[str, ...]]:  # noqa: ANN001
    return [(t.content, t.lead, t.partners, t.time_frame, t.output, t.funding, t.group) for t in result.tasks if t.include]


@pytest.mark.parametrize("stt_cm", [1.3, 1.0], ids=["stt-on-one-line", "stt-wrapped"])
def test_a_two_level_header_repeated_over_pages_in_docx_and_pdf(tmp_path: Path, stt_cm: float) -> None:
    docx = _docx(tmp_path / "phu_luc.docx", [stt_cm, 6.5 - stt_cm, 2.6, 2.6, 2.2, 1.8, 1.8])
    _, expected = _rows()
    assert _read(recognize(read_document(docx))) == expected
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF is not checked")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=300)
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "phu_luc.pdf").pages) >= 5  # the layout this test is about
    result = recognize(read_document(tmp_path / "phu_luc.pdf"))
    assert _read(result) == expected
    plan = result.plan
    assert (plan.number, str(plan.issue_date), plan.signer_name) == ("112/KH-UBND", "2025-01-15", "Nguyễn Văn An")
