"""Appendix tables as the documents that assign tasks to ministries and provinces write them, in
a plan of our own: lettered agency groups spanning the row, a numbered row whose lead, partners
and group cells are merged down over its sub-rows, rows under a group with no number at all, an
output column ("Sản phẩm"), and a second appendix table with other columns that follows the
first one in the same Word table. A row that is no task (a group, a header, a status cut from
its row) must not become one.

The layouts come from real documents (2530/QĐ-TTg, corpus 646f0a00d4174382; 624/TB-VPCP, corpus
74e2ddc7b11340da); the plan here is written anew so that the rules are held by more than the
document they were seen in."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_desktop.importer import read_document, recognize

HEAD = ["ỦY BAN NHÂN DÂN TỈNH AN GIANG", "Số: 31/QĐ-UBND", "An Giang, ngày 12 tháng 3 năm 2025", "QUYẾT ĐỊNH",
        "Ban hành Kế hoạch chuyển đổi số trong cải cách hành chính năm 2025",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số trong cải cách hành chính năm 2025.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bảy", "PHỤ LỤC I",
        "BẢNG PHÂN CÔNG THỰC HIỆN NHIỆM VỤ"]

FIRST = [
    ["STT", "Cơ quan chủ trì", "Cơ quan phối hợp", "Nhóm nhiệm vụ", "Nội dung nhiệm vụ", "Sản phẩm", "Thời hạn hoàn thành"],
    ["A.", "SỞ NỘI VỤ"],
    ["1", "Sở Nội vụ", "Sở Tư pháp", "Hoàn thiện thể chế", "- Rà soát quy chế một cửa của các cơ quan",
     "Quy chế được ban hành", "Quý II/2025"],
    # a sub-row: the number, lead, partners and group cells merged with the row above
    ["- Tập huấn nghiệp vụ một cửa cho công chức cấp xã", "02 lớp tập huấn", "Tháng 6/2025"],
    # the output cell merged too: the content and the time alone
    ["- Cập nhật quy trình nội bộ một cửa", "Quý IV/2025"],
    ["B.", "SỞ TƯ PHÁP"],
    # rows under a group without a number of their own: the lead first, one cell short
    ["Sở Tư pháp", "Sở Nội vụ", "Phổ biến pháp luật", "Biên soạn tài liệu hỏi đáp về thủ tục hành chính",
     "Bộ tài liệu", "Quý III/2025"],
    # its lead and group merged with the row above: the partners first
    ["Các xã, phường", "- Tổ chức hội nghị đối thoại về thủ tục hành chính", "04 hội nghị", "Năm 2025"],
    ["C.", "SỞ TÀI CHÍNH"],
    ["Sở Tài chính", "Các sở, ngành", "Bảo đảm nguồn lực", "Bố trí kinh phí thực hiện Kế hoạch", "Dự toán được giao",
     "Năm 2025"],
]
SECOND_TITLE = "PHỤ LỤC II\nDANH MỤC DỰ ÁN ƯU TIÊN"
SECOND = [
    ["STT", "Tên dự án, nhiệm vụ", "Nội dung chính", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Tiến độ"],
    ["I", "NHÓM DỰ ÁN DỮ LIỆU"],
    ["1", "Xây dựng kho dữ liệu hồ sơ một cửa", "- Số hóa hồ sơ giải quyết thủ tục hành chính.\n- Sản phẩm: Kho dữ liệu",
     "Sở Khoa học và Công nghệ", "Các sở, ngành", "Năm 2026", "Đang thực hiện"],
    ["2", "Nâng cấp Cổng dịch vụ công của tỉnh", "- Tích hợp thanh toán trực tuyến.", "Văn phòng UBND tỉnh",
     "Sở Khoa học và Công nghệ", "Quý IV/2026"],
    # the last cell of the row above, cut from it
    ["Chưa hoàn thành"],
    # a task whose cells begin as column titles would ("Phối hợp ...", "Nhiệm vụ thường xuyên")
    ["3", "Phối hợp các sở, ngành giám sát an toàn thông tin của hệ thống một cửa", "- Giám sát an toàn thông tin.",
     "Công an tỉnh", "Các sở, ngành", "Nhiệm vụ thường xuyên", "Đang thực hiện"],
]
EXPECTED = [
    ("Rà soát quy chế một cửa của các cơ quan", "Sở Nội vụ", "Quý II/2025"),
    ("Tập huấn nghiệp vụ một cửa cho công chức cấp xã", "Sở Nội vụ", "Tháng 6/2025"),
    ("Cập nhật quy trình nội bộ một cửa", "Sở Nội vụ", "Quý IV/2025"),
    ("Biên soạn tài liệu hỏi đáp về thủ tục hành chính", "Sở Tư pháp", "Quý III/2025"),
    ("Tổ chức hội nghị đối thoại về thủ tục hành chính", "Sở Tư pháp", "Năm 2025"),
    ("Bố trí kinh phí thực hiện Kế hoạch", "Sở Tài chính", "Năm 2025"),
    ("Xây dựng kho dữ liệu hồ sơ một cửa", "Sở Khoa học và Công nghệ", "Năm 2026"),
    ("Nâng cấp Cổng dịch vụ công của tỉnh", "Văn phòng UBND tỉnh", "Quý IV/2026"),
    ("Phối hợp các sở, ngành giám sát an toàn thông tin của hệ thống một cửa", "Công an tỉnh", "Nhiệm vụ thường xuyên"),
]


def _docx(path: Path, rows: list[list[str]], head: list[str] = HEAD, before: list[list[str]] | None = None) -> Path:
    """The document's paragraphs, then one Word table whose rows hold as many cells as written,
    from the left (a page copied from a library keeps no empty cell), the rest left empty;
    `before`: a table ahead of the paragraphs (a library page's metadata)."""
    import docx

    document = docx.Document()

    def add_table(table_rows: list[list[str]]) -> None:
        table = document.add_table(rows=0, cols=max(len(r) for r in table_rows))
        for row in table_rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=False):
                paragraphs = text.split("\n")
                cell.text = paragraphs[0]
                for extra in paragraphs[1:]:
                    cell.add_paragraph(extra)

    if before:
        document.add_paragraph(head[0])
        add_table(before)
        head = head[1:]
    for line in head:
        document.add_paragraph(line)
    add_table(rows)
    document.save(path)
    return path


def _got(result) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [(t.content.lstrip("- "), t.lead, t.time_frame) for t in result.included]


@pytest.mark.parametrize("joined", ["in the last row", "a row of its own"])
def test_two_appendix_tables_in_one_word_table(tmp_path: Path, joined: str) -> None:
    if joined == "in the last row":
        # the second table's title and header follow the first table's last cells in its row
        rows = [*FIRST[:-1], [*FIRST[-1], SECOND_TITLE, *SECOND[0]], *SECOND[1:]]
    else:
        # two Word tables joined when the paragraph between them was deleted: the header is a row
        rows = [*FIRST, *SECOND]
    result = recognize(read_document(_docx(tmp_path / "quyet_dinh.docx", rows)))
    assert _got(result) == EXPECTED
    tasks = result.included
    # the group rows name the groups; the merged cells are said to be inherited
    assert [t.group for t in tasks[:6]] == ["SỞ NỘI VỤ"] * 3 + ["SỞ TƯ PHÁP"] * 2 + ["SỞ TÀI CHÍNH"]
    assert tasks[1].partners == "Sở Tư pháp" and "lead" in tasks[1].derived
    assert tasks[2].output and "output" in tasks[2].derived  # merged with the rows above
    assert tasks[3].partners == "Sở Nội vụ" and tasks[3].output == "Bộ tài liệu"
    assert tasks[4].lead == "Sở Tư pháp" and "lead" in tasks[4].derived
    # the task is the project's name; its description and its progress stay in the notes
    assert "Số hóa hồ sơ" in tasks[6].notes and "Đang thực hiện" in tasks[6].notes
    assert "Chưa hoàn thành" in tasks[7].notes and "Chưa hoàn thành" not in tasks[7].time_frame


def test_a_results_column_is_no_list_of_targets(tmp_path: Path) -> None:
    """"Kết quả thực hiện" beside the lead and the deadline, no task column: a report of results,
    not targets assigned to leads (those are under "Chỉ tiêu"): no task is made of it."""
    rows = [["STT", "Đơn vị chủ trì", "Thời hạn", "Kết quả thực hiện"],
            ["1", "Sở Nội vụ", "30/09/2025", "Đã ban hành quy chế"],
            ["2", "Sở Tư pháp", "31/10/2025", "Đang thực hiện"]]
    result = recognize(read_document(_docx(tmp_path / "ket_qua.docx", rows)))
    assert not result.included
    targets = [["TT", "Chỉ tiêu", "Chủ trì"], ["1", "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 80%", "Sở Khoa học và Công nghệ"]]
    result = recognize(read_document(_docx(tmp_path / "chi_tieu.docx", targets)))
    assert [(t.content, t.lead) for t in result.included] == [("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 80%", "Sở Khoa học và Công nghệ")]


def test_the_last_row_of_a_library_page_holding_its_footnotes_and_notices(tmp_path: Path) -> None:
    """A page saved from a legal-document library loses the end of the table: its last row goes
    on with the page's footnotes and the library's text after the document. The row is a task;
    the footnote and the library's text are not."""
    notice = "Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép là vi phạm pháp luật."
    meta = [["Số hiệu:", "31/QĐ-UBND"], ["Loại văn bản:", "Quyết định", "Nơi ban hành:", "Tỉnh An Giang"],
            ["Người ký:", "Trần Văn Bảy", "Ngày ban hành:", "12/03/2025"]]
    rows = [*FIRST[:-1], [*FIRST[-1], "[1] Các sở, ngành theo chức năng, nhiệm vụ được giao.",
                          "NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN\nVăn bản bị thay thế\nVăn bản thay thế"]]
    result = recognize(read_document(_docx(tmp_path / "trang.docx", rows, head=[notice, *HEAD], before=meta)))
    assert _got(result) == EXPECTED[:6]
    assert result.plan.number == "31/QĐ-UBND"


def _cells(*rows: list[str]) -> str:
    """Rows in the library crawl's Markdown: a line holding only "|" between cells, two between rows."""
    return "\n|\n|\n".join("\n|\n".join(row) for row in rows)


# Our own decision as the library crawl saves it: the notice, the metadata table, then the
# document in the cells of one layout table with its appendix tables, no empty cell kept, and
# the page's footnotes and notices in the last row (the shape of 2530/QĐ-TTg's page).
PAGE = "\n".join([
    "|", "|",
    "Bản dịch này thuộc quyền sở hữu của **", "THƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép là vi phạm pháp luật.",
    "|", "|",
    _cells(["**Số hiệu:**", "31/QĐ-UBND"], ["**Loại văn bản:**", "Quyết định", "**Nơi ban hành:**", "Tỉnh An Giang"],
           ["**Người ký:**", "Trần Văn Bảy", "**Ngày ban hành:**", "12/03/2025"],
           ["**Tình trạng:**", "Đã biết", "**ỦY BAN NHÂN DÂN**\n**TỈNH AN GIANG**\n-------",
            "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n---------------"],
           ["Số: 31/QĐ-UBND", "*An Giang, ngày 12 tháng 3 năm 2025*",
            "**QUYẾT ĐỊNH**\nBAN HÀNH KẾ HOẠCH CHUYỂN ĐỔI SỐ TRONG CẢI CÁCH HÀNH CHÍNH NĂM 2025\n"
            "**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG**\n*Căn cứ Luật Tổ chức chính quyền địa phương;*\n"
            "**QUYẾT ĐỊNH:**\n**Điều 1.** Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số trong cải cách\n"
            "hành chính năm 2025.\n**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.",
            "*Nơi nhận:*\n- Như Điều 2;\n- Lưu: VT.", "**KT. CHỦ TỊCH**\n**PHÓ CHỦ TỊCH**\n**Trần Văn Bảy**",
            "**PHỤ LỤC I**\nBẢNG PHÂN CÔNG THỰC HIỆN NHIỆM VỤ\n*(Kèm theo Quyết định số 31/QĐ-UBND ngày 12 tháng 3 năm 2025)*",
            *(f"**{c}**" for c in FIRST[0])],
           *FIRST[1:-1],
           [*FIRST[-1], SECOND_TITLE.replace("\n", "\n*(Kèm theo Quyết định số 31/QĐ-UBND)*\n"), *(f"**{c}**" for c in SECOND[0])],
           *SECOND[1:-1],
           [*SECOND[-1], "[1] Các sở, ngành theo chức năng, nhiệm vụ được giao.",
            "NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN\nVăn bản bị thay thế\nVăn bản thay thế"],
           ["**Địa chỉ:**", "17 Nguyễn Gia Thiều, P. Xuân Hòa, TP.HCM", "**Điện thoại:**", "(028) 3930 3279"]),
])


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_our_decision_saved_from_a_library_page_rebuilt_as_the_corpus_is(tmp_path: Path, kind: str) -> None:
    """The page through the tool that rebuilds the corpus' .docx (../shared/tools/md_to_docx.py),
    and printed from it by LibreOffice, as the documents the importer is judged on are built."""
    import shutil
    import subprocess
    import sys

    tool = Path(__file__).resolve().parents[3] / "shared" / "tools" / "md_to_docx.py"
    if not tool.is_file():
        pytest.skip(f"{tool} not present")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if kind == "pdf" and not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    md = tmp_path / "trang.md"
    md.write_text(PAGE + "\n", encoding="utf-8")
    path = tmp_path / "trang.docx"
    subprocess.run([sys.executable, str(tool), str(md), str(path)], check=True, capture_output=True)
    if kind == "pdf":
        subprocess.run([str(soffice), "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=300)
        path = tmp_path / "trang.pdf"
    result = recognize(read_document(path))
    assert _got(result) == EXPECTED
    assert (result.plan.number, result.plan.signer_name) == ("31/QĐ-UBND", "Trần Văn Bảy")
