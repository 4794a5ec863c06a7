"""A document of the family that none of the samples is: a department's own plan with an
explicit header, two appendices with extra columns, a repeated header row and a column-number
row, Arabic quarters, "hằng" and "chậm nhất". It must import with little or no correction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import text_to_docx

from cchc_desktop.importer import read_document, read_text, recognize
from cchc_desktop.store.store import Store

DOCUMENT = """\
UBND TỈNH HẬU GIANG
SỞ THÔNG TIN VÀ TRUYỀN THÔNG

Số: 15/KH-STTTT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hậu Giang, ngày 08 tháng 01 năm 2025

KẾ HOẠCH
Thông tin, tuyên truyền cải cách hành chính năm 2025

Căn cứ Kế hoạch số 210/KH-UBND ngày 20 tháng 12 năm 2024 của Ủy ban nhân dân tỉnh về cải cách hành chính năm 2025;
Sở Thông tin và Truyền thông xây dựng Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2025 như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ, công chức về cải cách hành chính.
2. Bám sát nhiệm vụ trọng tâm của tỉnh.
II. NỘI DUNG VÀ NHIỆM VỤ
(Chi tiết tại Phụ lục I và Phụ lục II kèm theo)
III. TỔ CHỨC THỰC HIỆN
1. Các phòng, đơn vị thuộc Sở
- Hằng quý báo cáo kết quả thực hiện về Văn phòng Sở trước ngày 15 của tháng cuối quý.
- Báo cáo năm gửi về Văn phòng Sở chậm nhất ngày 30/11/2025.
2. Văn phòng Sở: tổng hợp, báo cáo Giám đốc Sở định kỳ 6 tháng, năm.

Nơi nhận:
- UBND tỉnh (b/c);
- Sở Nội vụ;
- Lưu: VT, VP.
GIÁM ĐỐC



Trần Văn Bình

Phụ lục I
CÁC NHIỆM VỤ TUYÊN TRUYỀN TRÊN BÁO CHÍ
(Kèm theo Kế hoạch số 15/KH-STTTT ngày 08 tháng 01 năm 2025 của Sở Thông tin và Truyền thông)

TT\tNội dung nhiệm vụ\tSản phẩm\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\tKinh phí
(1)\t(2)\t(3)\t(4)\t(5)\t(6)\t(7)
I.\tTuyên truyền trên báo in, báo điện tử\t\t\t\t\t
1.\tMở chuyên mục “Cải cách hành chính” trên Báo Hậu Giang\t01 chuyên mục/tháng\tBáo Hậu Giang\tSở Nội vụ\tHằng tháng\tNgân sách tỉnh
2.\tĐăng tin, bài về chuyển đổi số\tít nhất 20 tin, bài\tPhòng Thông tin - Báo chí - Xuất bản\tCác cơ quan báo chí\tQuý 2/2025\t
II.\tTuyên truyền trên phát thanh, truyền hình\t\t\t\t\t
1.\tPhóng sự về Trung tâm Phục vụ hành chính công tỉnh\t04 phóng sự\tĐài PT-TH tỉnh\tTrung tâm PVHCC tỉnh\tQuý III và IV năm 2025\tNgân sách tỉnh
TT\tNội dung nhiệm vụ\tSản phẩm\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\tKinh phí
2.\tTọa đàm trực tiếp về dịch vụ công trực tuyến\t02 chương trình\tĐài PT-TH tỉnh\tVăn phòng UBND tỉnh; Sở Tư pháp\tTrước ngày 30/9/2025\tNgân sách tỉnh

Phụ lục II
NHIỆM VỤ TUYÊN TRUYỀN TRỰC QUAN
(Kèm theo Kế hoạch số 15/KH-STTTT ngày 08 tháng 01 năm 2025 của Sở Thông tin và Truyền thông)

STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện
1\tTreo băng rôn, pano tuyên truyền CCHC\tSở Văn hóa, Thể thao và Du lịch\tUBND các huyện, thị xã, thành phố\tTháng 4 và tháng 10 năm 2025
2\tIn tờ gấp hướng dẫn nộp hồ sơ trực tuyến\tTrung tâm Phục vụ hành chính công tỉnh\tBưu điện tỉnh\thằng quý
"""


@pytest.fixture
def registry() -> Store:
    store = Store.memory()
    yield store
    store.close()


def _check(result) -> None:  # noqa: ANN001
    plan = result.plan
    assert (plan.number, plan.issue_date, plan.place) == ("15/KH-STTTT", dt.date(2025, 1, 8), "Hậu Giang")
    assert (plan.parent_body, plan.issuer) == ("UBND TỈNH HẬU GIANG", "Sở Thông tin và Truyền thông")
    assert plan.title == "Thông tin, tuyên truyền cải cách hành chính năm 2025"
    assert (plan.period_start, plan.status.value) == (2025, "issued")
    assert (plan.signer_authority, plan.signer_position, plan.signer_name) == ("", "GIÁM ĐỐC", "Trần Văn Bình")
    assert plan.legal_bases == ["Căn cứ Kế hoạch số 210/KH-UBND ngày 20 tháng 12 năm 2024 của Ủy ban nhân dân tỉnh về cải cách hành chính năm 2025;"]
    assert plan.recipients == ["UBND tỉnh (b/c);", "Sở Nội vụ;", "Lưu: VT, VP."]
    assert [a.title for a in plan.appendices] == ["Các nhiệm vụ tuyên truyền trên báo chí", "Nhiệm vụ tuyên truyền trực quan"]
    got = [(t.appendix, t.group, t.content, t.output, t.lead_names, t.partner_names, t.time_frame, t.funding) for t in result.tasks]
    assert got == [
        (0, "Tuyên truyền trên báo in, báo điện tử", "Mở chuyên mục “Cải cách hành chính” trên Báo Hậu Giang", "01 chuyên mục/tháng",
         ["Báo Hậu Giang"], ["Sở Nội vụ"], "Hằng tháng", "Ngân sách tỉnh"),
        (0, "Tuyên truyền trên báo in, báo điện tử", "Đăng tin, bài về chuyển đổi số", "ít nhất 20 tin, bài",
         ["Phòng Thông tin - Báo chí - Xuất bản"], ["Các cơ quan báo chí"], "Quý 2/2025", ""),
        (0, "Tuyên truyền trên phát thanh, truyền hình", "Phóng sự về Trung tâm Phục vụ hành chính công tỉnh", "04 phóng sự",
         ["Đài PT-TH tỉnh"], ["Trung tâm PVHCC tỉnh"], "Quý III và IV năm 2025", "Ngân sách tỉnh"),
        (0, "Tuyên truyền trên phát thanh, truyền hình", "Tọa đàm trực tiếp về dịch vụ công trực tuyến", "02 chương trình",
         ["Đài PT-TH tỉnh"], ["Văn phòng UBND tỉnh", "Sở Tư pháp"], "Trước ngày 30/9/2025", "Ngân sách tỉnh"),
        (1, "", "Treo băng rôn, pano tuyên truyền CCHC", "", ["Sở Văn hóa, Thể thao và Du lịch"],
         ["UBND các huyện, thị xã, thành phố"], "Tháng 4 và tháng 10 năm 2025", ""),
        (1, "", "In tờ gấp hướng dẫn nộp hồ sơ trực tuyến", "", ["Trung tâm Phục vụ hành chính công tỉnh"], ["Bưu điện tỉnh"], "hằng quý", ""),
    ]
    assert result.tasks[2].lead_refs[0].agency_id is not None  # "Đài PT-TH tỉnh" is an alias in the registry
    assert [d.time_frame for d in result.duties] == ["Hằng quý, trước ngày 15 của tháng cuối quý", "Chậm nhất ngày 30/11/2025", "Định kỳ 6 tháng, năm"]
    assert not result.unrecognised


def test_a_department_plan_never_seen_before(registry) -> None:
    result = recognize(read_text(DOCUMENT, "so_tttt.txt"), registry)
    _check(result)
    assert result.tasks[0].source == [44]
    assert not result.problems


def test_the_same_plan_as_a_word_file(registry, tmp_path: Path) -> None:
    _check(recognize(read_document(text_to_docx(DOCUMENT, tmp_path / "so_tttt.docx")), registry))


def _cell_lines(cell, lines: list[str]) -> None:  # noqa: ANN001
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def test_word_plan_with_header_and_signature_tables(registry, tmp_path: Path) -> None:
    """In Word the header (issuer, "Số:", motto, place and date) and the signature beside
    "Nơi nhận:" are two-column tables without borders; their cells are read as lines."""
    import docx

    lines = DOCUMENT.splitlines()
    head_end = lines.index("KẾ HOẠCH")
    sig_start, sig_end = lines.index("Nơi nhận:"), lines.index("Trần Văn Bình")
    body = "\n".join(lines[head_end:sig_start])
    appendices = "\n".join(lines[sig_end + 1:])
    path = tmp_path / "so_tttt_word.docx"
    text_to_docx(body, path)
    document = docx.Document(str(path))
    header = document.add_table(rows=1, cols=2)
    _cell_lines(header.rows[0].cells[0], ["UBND TỈNH HẬU GIANG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 15/KH-STTTT"])
    _cell_lines(header.rows[0].cells[1], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                          "Hậu Giang, ngày 08 tháng 01 năm 2025"])
    document.element.body.insert(0, header._tbl)  # the header comes first
    signature = document.add_table(rows=1, cols=2)
    _cell_lines(signature.rows[0].cells[0], ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Sở Nội vụ;", "- Lưu: VT, VP."])
    _cell_lines(signature.rows[0].cells[1], ["GIÁM ĐỐC", "", "", "Trần Văn Bình"])
    document.save(str(path))
    rest = text_to_docx(appendices, tmp_path / "phu_luc.docx")
    combined = docx.Document(str(path))
    for element in docx.Document(str(rest)).element.body.iterchildren():
        if not element.tag.endswith("sectPr"):
            combined.element.body.append(element)
    combined.save(str(path))
    _check(recognize(read_document(path), registry))


def test_dates_written_with_slashes_and_a_city_issuer(registry) -> None:
    text = (
        "Số: 05/KH-UBND\nHà Nội, ngày 05/01/2025\nKẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2025\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n"
        "PHỤ LỤC\n(Kèm theo Kế hoạch số 05/KH-UBND ngày 05/01/2025 của UBND thành phố Hà Nội)\n"
        "STT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\n1\tTập huấn nghiệp vụ\tSở Nội vụ\tQuý I/2025\n"
    )
    result = recognize(read_text(text), registry)
    plan = result.plan
    assert (plan.number, plan.issue_date, plan.place) == ("05/KH-UBND", dt.date(2025, 1, 5), "Hà Nội")
    assert (plan.issuer, plan.act_authority) == ("Ủy ban nhân dân thành phố Hà Nội", "UBND thành phố Hà Nội")
    assert plan.signer_name == "Nguyễn Văn An" and not result.problems
    assert [t.content for t in result.tasks] == ["Tập huấn nghiệp vụ"]
