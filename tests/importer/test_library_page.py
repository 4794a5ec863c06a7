"""A plan saved or copied from a legal-document library's web page: the library's notice and
metadata table before the document, its related documents and notices after it. The document
inside is read; the library's number, date and signer fill what the document's own header
leaves blank, and the import says where each value came from."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop.importer import read_document, read_text, recognize
from cchc_desktop.importer.library_page import SOURCE_DOCUMENT, SOURCE_LIBRARY, unwrap

NOTICE = ("Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép, đăng tải lại mà không có "
          "sự đồng ý của THƯ VIỆN PHÁP LUẬT là vi phạm pháp luật về Sở hữu trí tuệ.")
META = [["Số hiệu:", "15/KH-UBND", "", ""], ["Loại văn bản:", "Kế hoạch", "Nơi ban hành:", "Tỉnh Hòa Bình"],
        ["Người ký:", "Nguyễn Văn An", "Ngày ban hành:", "05/03/2025"], ["Ngày hiệu lực:", "Đã biết", "Tình trạng:", "Đã biết"]]
# the document's own header leaves its number and day blank, as a scanned-then-typed copy often does
DOCUMENT = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Số: /KH-UBND
Hòa Bình, ngày   tháng 3 năm 2025
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ, công chức về cải cách hành chính.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ
- Chủ trì tham mưu, hướng dẫn các cơ quan triển khai Kế hoạch này.
- Tổng hợp, báo cáo kết quả thực hiện.
2. Sở Tư pháp
- Tuyên truyền về thủ tục hành chính trên Cổng thông tin điện tử tỉnh.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An"""
FOOTER = ["Văn bản liên quan", "Ban hành: 01/01/2025 Hiệu lực: Đã biết Tình trạng: Đã biết Cập nhật: 02/01/2025",
          "Địa chỉ: 17 Nguyễn Gia Thiều, P. Xuân Hòa, TP.HCM", "Cảm ơn đã dùng ThuVienPhapLuat.vn"]


def _page_docx(path: Path, *, one_cell: bool) -> Path:
    """The page as Word holds it after «Lưu thành»: the notice, the metadata table, then the
    document as paragraphs — or, as a saved web page often is, inside one cell of a layout table."""
    import docx

    document = docx.Document()
    document.add_paragraph(NOTICE)
    table = document.add_table(rows=0, cols=4)
    for row in META:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    if one_cell:
        layout = document.add_table(rows=1, cols=2)
        layout.rows[0].cells[0].text = ""
        cell = layout.rows[0].cells[1]
        lines = DOCUMENT.split("\n")
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    else:
        for line in DOCUMENT.split("\n"):
            document.add_paragraph(line)
    for line in FOOTER:
        document.add_paragraph(line)
    document.save(path)
    return path


def _check(result) -> None:  # noqa: ANN001
    plan = result.plan
    assert plan.number == "15/KH-UBND" and plan.issue_date == dt.date(2025, 3, 5)
    assert plan.signer_name == "Nguyễn Văn An"
    sources = result.to_json()["metadata_sources"]
    assert sources["number"] == sources["date"] == SOURCE_LIBRARY
    assert sources["signer"] == SOURCE_DOCUMENT
    assert any("Số hiệu «15/KH-UBND» lấy từ bảng thông tin" in p for p in result.problems)
    # what the header lacked is no longer said to be missing: the plan is an issued one
    assert not any(p.startswith(("Văn bản chưa có số", "Chưa có ngày ban hành")) for p in result.problems)
    assert plan.status.value == "issued"
    contents = [t.content for t in result.included]
    assert [c[:20] for c in contents] == ["Chủ trì tham mưu, hư", "Tổng hợp, báo cáo kế", "Tuyên truyền về thủ "]
    leftovers = " ".join([*contents, *(f.text for f in result.unrecognised)])
    assert "THƯ VIỆN PHÁP LUẬT" not in leftovers and "Nguyễn Gia Thiều" not in leftovers and "Hiệu lực" not in leftovers


@pytest.mark.parametrize("one_cell", [False, True])
def test_a_saved_library_page_gives_the_plan_inside_and_the_library_fills_the_blanks(tmp_path, one_cell: bool) -> None:
    result = recognize(read_document(_page_docx(tmp_path / "trang.docx", one_cell=one_cell)))
    _check(result)


def test_a_library_page_copied_as_text(tmp_path) -> None:
    text = "\n".join([NOTICE, *("\t".join(c for c in row if c) for row in META), DOCUMENT, *FOOTER])
    _check(recognize(read_text(text)))


def test_a_document_that_is_no_library_page_is_left_alone() -> None:
    doc = read_text(DOCUMENT)
    same, meta = unwrap(doc)
    assert meta is None and same is doc
    assert "metadata_sources" not in recognize(doc).to_json() or recognize(doc).to_json()["metadata_sources"] == {}


ROOT = Path(__file__).resolve().parents[2]
TELEGRAM = ROOT.parent / "shared" / "samples" / "corpus" / "1095764e502a89b8.md"


def test_the_prime_ministers_telegram_saved_from_the_library(tmp_path) -> None:
    """224/CĐ-TTg as saved from thuvienphapluat.vn and rebuilt as Word: the whole page is one
    layout table. The library's metadata is found, the document's own number and date are read,
    the signer (under «THỦ TƯỚNG») is the library's name."""
    if not TELEGRAM.is_file() or not (ROOT.parent / "shared" / "tools" / "md_to_docx.py").is_file():
        pytest.skip(f"corpus document {TELEGRAM.name} or md_to_docx.py not present")
    target = tmp_path / "congdien.docx"
    subprocess.run([sys.executable, str(ROOT.parent / "shared" / "tools" / "md_to_docx.py"), str(TELEGRAM), str(target)], check=True)
    result = recognize(read_document(target))
    plan = result.plan
    assert (plan.number, plan.issue_date, plan.signer_name) == ("224/CĐ-TTg", dt.date(2025, 11, 20), "Phạm Minh Chính")
    assert result.to_json()["metadata_sources"]["number"] == SOURCE_DOCUMENT
    texts = " ".join(t.content for t in result.included)
    assert "Văn bản liên quan" not in texts and "Đã biết" not in texts
