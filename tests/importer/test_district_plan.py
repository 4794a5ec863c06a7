"""A district plan of our own (Ủy ban nhân dân huyện), in layouts the corpus lacks: tasks numbered
"1.1.", "1.2." under their topics, each with "- Đơn vị chủ trì: ...", "- Thời gian: ..." lines (once
all on one line, "...; - Đơn vị phối hợp: ...; - Thời gian: ..."), leads of a district's offices
("Văn phòng HĐND và UBND huyện", "Phòng Nội vụ"), duties per agency where one names its communes
after a colon, a paragraph with an aim for the year and its own deadline, the number written
"Số:45/KH-UBND" and the date with double spaces, signed "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". Read from
its text, its .docx and the PDF LibreOffice prints from it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from builders import text_to_docx

from cchc_desktop.importer import read_document, read_text, recognize
from cchc_desktop.importer.orders import name_partition

DISTRICT = """ỦY BAN NHÂN DÂN
HUYỆN THỌ XUÂN
Số:45/KH-UBND\tThọ Xuân, ngày  05  tháng 3 năm 2025

KẾ HOẠCH
Tuyên truyền cải cách hành chính trên địa bàn huyện năm 2025

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức của cán bộ, công chức và người dân về cải cách hành chính.
2. Yêu cầu
Tuyên truyền thường xuyên, đúng trọng tâm, phù hợp với từng đối tượng.
II. NỘI DUNG VÀ NHIỆM VỤ
1. Tuyên truyền trên phương tiện thông tin đại chúng
1.1. Xây dựng chuyên mục cải cách hành chính trên Trang thông tin điện tử huyện.
- Đơn vị chủ trì: Văn phòng HĐND và UBND huyện.
- Đơn vị phối hợp: Phòng Văn hóa và Thông tin.
- Thời gian: Quý II/2025.
1.2. Phát sóng tin, bài về cải cách hành chính trên Đài Truyền thanh huyện.
- Đơn vị chủ trì: Trung tâm Văn hóa, Thông tin và Thể thao huyện.
- Thời gian: Hằng tháng.
2. Tuyên truyền qua hội nghị, tập huấn
2.1. Tổ chức hội nghị quán triệt các văn bản về cải cách hành chính cho cán bộ chủ chốt của huyện.
- Đơn vị chủ trì: Phòng Nội vụ; - Đơn vị phối hợp: Văn phòng HĐND và UBND huyện; - Thời gian: Tháng 4/2025.
2.2. Tập huấn kỹ năng giải quyết thủ tục hành chính cho công chức bộ phận một cửa cấp xã.
- Đơn vị chủ trì: Phòng Nội vụ.
- Thời gian: Tổ chức trong năm 2025, hoàn thành trước ngày 30 tháng 9 năm 2025.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Nội vụ: Theo dõi, đôn đốc các cơ quan, đơn vị triển khai trong năm 2025 các nội dung của Kế hoạch; tổng hợp kết quả, hoàn thành trước ngày 10 tháng 12 năm 2025.
2. Phòng Tài chính - Kế hoạch: Tham mưu bố trí kinh phí thực hiện Kế hoạch.
3. Ủy ban nhân dân các xã: Xuân Hòa, Xuân Lập, Thọ Lâm tổ chức tuyên truyền lưu động tại các thôn, hoàn thành trong tháng 10 năm 2025.
Trên đây là Kế hoạch tuyên truyền cải cách hành chính năm 2025 của Ủy ban nhân dân huyện Thọ Xuân./.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Văn Hùng
"""

TASKS = [
    ("Xây dựng chuyên mục cải cách hành chính", "Văn phòng HĐND và UBND huyện", "Phòng Văn hóa và Thông tin", "Quý II/2025"),
    ("Phát sóng tin, bài về cải cách hành chính", "Trung tâm Văn hóa, Thông tin và Thể thao huyện", "", "Hằng tháng"),
    ("Tổ chức hội nghị quán triệt các văn bản", "Phòng Nội vụ", "Văn phòng HĐND và UBND huyện", "Tháng 4/2025"),
    ("Tập huấn kỹ năng giải quyết thủ tục hành", "Phòng Nội vụ", "",
     "Tổ chức trong năm 2025, hoàn thành trước ngày 30 tháng 9 năm 2025"),
]
DUTIES = [
    ("Theo dõi, đôn đốc các cơ quan, đơn vị", "Phòng Nội vụ", "hoàn thành trước ngày 10 tháng 12 năm 2025"),
    ("Tham mưu bố trí kinh phí thực hiện Kế hoạch", "Phòng Tài chính - Kế hoạch", ""),
    ("Ủy ban nhân dân các xã: Xuân Hòa, Xuân Lập", "Ủy ban nhân dân các xã: Xuân Hòa, Xuân Lập, Thọ Lâm",
     "hoàn thành trong tháng 10 năm 2025"),
]


def _check(result) -> None:  # noqa: ANN001
    got = [(t.content[: len(e[0])], t.lead, t.partners, t.time_frame) for t, e in zip(result.tasks, TASKS, strict=False)]
    assert got == TASKS
    assert len(result.tasks) == len(TASKS), "no topic heading, no label line imported as a task of its own"
    # the topic "1. Tuyên truyền ..." is the group, not the start of the task under it
    assert not any(t.content.startswith("Tuyên truyền") for t in result.tasks)
    duties = [(a.content[: len(e[0])], a.lead, a.time_frame) for a, e in zip(result.assignments, DUTIES, strict=False)]
    assert duties == DUTIES and len(result.assignments) == len(DUTIES)
    plan = result.plan
    assert (plan.number, plan.issue_date, plan.place, plan.issuer) == (
        "45/KH-UBND", dt.date(2025, 3, 5), "Thọ Xuân", "Ủy ban nhân dân huyện Thọ Xuân")
    assert (plan.signer_authority, plan.signer_position, plan.signer_name) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hùng")


def test_district_plan_from_its_text() -> None:
    _check(recognize(read_text(DISTRICT)))


def test_district_plan_from_docx_and_pdf(tmp_path: Path) -> None:
    docx = text_to_docx(DISTRICT, tmp_path / "huyen.docx")
    _check(recognize(read_document(docx)))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF is not checked")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=300)
    _check(recognize(read_document(tmp_path / "huyen.pdf")))


@pytest.mark.parametrize(("text", "parts"), [
    ("Ủy ban nhân dân các thành phố: Hà Nội, Cần Thơ thực hiện nghiêm chỉ đạo",
     ("Ủy ban nhân dân các thành phố: Hà Nội, Cần Thơ thực hiện nghiêm chỉ đạo", "", "")),
    ("UBND các xã: Hòa Bình, Tân Phú: tổ chức hội thi", ("UBND các xã: Hòa Bình, Tân Phú", ":", " tổ chức hội thi")),
    ("UBND các tỉnh, thành phố trực thuộc trung ương: rà soát", ("UBND các tỉnh, thành phố trực thuộc trung ương", ":", " rà soát")),
    # a duty after the colon, capitalised, is no list of places
    ("UBND các huyện: Tổ chức hội thi", ("UBND các huyện", ":", " Tổ chức hội thi")),
    ("Bộ Tài chính: (1) Chủ trì", ("Bộ Tài chính", ":", " (1) Chủ trì")),
])
def test_a_colon_inside_a_name_before_the_places_it_lists(text: str, parts: tuple[str, str, str]) -> None:
    assert name_partition(text) == parts


@pytest.mark.parametrize(("text", "when"), [
    # 74e2ddc7b11340da III.1: the aim within the year, then the order's own deadline
    ("Các đồng chí Bộ trưởng ... bảo đảm hoàn thành toàn bộ các nhiệm vụ được giao trong năm 2025, nhất là ...; "
     "gửi văn bản cam kết tiến độ thực hiện ...; hoàn thành trước ngày 25 tháng 11 năm 2025.", "hoàn thành trước ngày 25 tháng 11 năm 2025"),
    ("Rà soát thủ tục hành chính trong năm 2025; hoàn thành trong tháng 11 năm 2025.", "hoàn thành trong tháng 11 năm 2025"),
    # a report's date is not the task's completion; a deadline of another year is not this year's
    ("Rà soát thủ tục hành chính trong năm 2025; báo cáo trước ngày 15/12/2025.", "trong năm 2025"),
    ("Xây dựng kho dữ liệu trong năm 2026; hoàn thành trước ngày 15 tháng 12 năm 2025 việc khảo sát.", "trong năm 2026"),
])
def test_a_deadline_of_the_order_wins_over_an_aim_for_the_year(text: str, when: str) -> None:
    from cchc_desktop.importer.written_time import time_in_text

    assert time_in_text(text, lambda phrase: True) == when


# A commune's plan: its duties fall to the commune's officers ("Công chức Văn hóa - Xã hội"), not to offices
COMMUNE = """ỦY BAN NHÂN DÂN
XÃ TÂN PHÚ
Số: 18/KH-UBND\tTân Phú, ngày 10 tháng 02 năm 2025

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của người dân về thủ tục hành chính.
II. TỔ CHỨC THỰC HIỆN
1. Công chức Văn hóa - Xã hội: tuyên truyền trên hệ thống loa truyền thanh của xã, hằng tháng.
2. Công chức Tư pháp - Hộ tịch hướng dẫn người dân nộp hồ sơ trực tuyến tại bộ phận một cửa.
3. Văn phòng HĐND và UBND xã tổng hợp, báo cáo kết quả về UBND huyện trước ngày 10/12/2025.

Nơi nhận:
- UBND huyện;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Đặng Văn Tư
"""


@pytest.mark.parametrize("kind", ["text", "docx"])
def test_a_commune_plan_gives_its_officers_duties(tmp_path: Path, kind: str) -> None:
    source = read_text(COMMUNE) if kind == "text" else read_document(text_to_docx(COMMUNE, tmp_path / "xa.docx"))
    result = recognize(source)
    # the plan has no list of tasks of its own: the duties per agency are its tasks
    got = [(t.lead, t.content[:30], t.time_frame) for t in result.tasks]
    assert got == [("Công chức Văn hóa - Xã hội", "tuyên truyền trên hệ thống loa", "hằng tháng"),
                   ("Công chức Tư pháp - Hộ tịch", "Công chức Tư pháp - Hộ tịch hư", ""),
                   ("Văn phòng HĐND và UBND xã", "Văn phòng HĐND và UBND xã tổng", "trước ngày 10/12/2025")]
    assert (result.plan.number, result.plan.signer_name) == ("18/KH-UBND", "Đặng Văn Tư")
