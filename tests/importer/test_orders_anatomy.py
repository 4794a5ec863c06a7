"""A notice of conclusions of our own, in the layout of the corpus's 624/TB-VPCP (74e2ddc7b11340da)
but another body's wording: orders given in paragraphs after "... kết luận như sau:", in the
section named for tasks, several to one paragraph — "a) Sở X: (1) ...; (2) ...", "(1) X ...; (2) Y
...; Z ..." — beside an appendix table of overdue tasks. The rules are in
`cchc_desktop/importer/orders.py`; they must hold on this second document as on the first."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import text_to_docx

from cchc_desktop.importer import read_document, read_text, recognize

NOTICE = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
Số: 15/TB-UBND
Quảng Trị, ngày 10 tháng 3 năm 2025

THÔNG BÁO
Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp về chuyển đổi số

Ngày 05 tháng 3 năm 2025, Chủ tịch Ủy ban nhân dân tỉnh chủ trì cuộc họp về chuyển đổi số. Sau khi nghe báo cáo của các sở, ngành, Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:
I. ĐÁNH GIÁ CHUNG
Sở Tài chính đã bố trí kinh phí cho các nhiệm vụ chuyển đổi số năm 2025; một số nhiệm vụ còn chậm.
II. NHIỆM VỤ TRỌNG TÂM
1. Về cải cách thủ tục hành chính:
Các đồng chí Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh phải trực tiếp chỉ đạo rà soát thủ tục hành chính, hoàn thành trong tháng 4 năm 2025.
2. Về hạ tầng số: (1) Thanh tra tỉnh kiểm tra việc triển khai các dự án chuyển đổi số trước ngày 30 tháng 4 năm 2025; (2) Sở Khoa học và Công nghệ chủ trì, phối hợp với Viễn thông Quảng Trị rà soát vùng lõm sóng; Các xã, phường căn cứ hướng dẫn của Sở Khoa học và Công nghệ báo cáo số thôn chưa có sóng trước ngày 15 tháng 5 năm 2025.
3. Nhiệm vụ cụ thể
a) Sở Nội vụ: (1) tham mưu quy chế chấm điểm chuyển đổi số, hoàn thành trong tháng 5 năm 2025; (2) Phối hợp với Sở Tài chính đánh giá nhân lực công nghệ thông tin, nhiệm vụ thường xuyên.
b) Công an tỉnh chủ trì triển khai thu nhận căn cước cho người dân ở vùng sâu trong năm 2025.
c) Các sở, ngành, khẩn trương cập nhật dữ liệu lên hệ thống theo dõi nhiệm vụ, hoàn thành trong tháng 6/2025. Văn phòng Ủy ban nhân dân tỉnh trân trọng thông báo để các cơ quan, đơn vị biết, thực hiện./.

Nơi nhận:
- Các sở, ban, ngành;
- Lưu: VT.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Lê Văn Bình

PHỤ LỤC
CÁC NHIỆM VỤ CHẬM TIẾN ĐỘ
STT\tNhiệm vụ\tCơ quan chủ trì\tThời hạn
1\tSố hóa kết quả giải quyết thủ tục hành chính\tSở Tư pháp\t31/12/2024
"""

EXPECTED = [
    ("Các đồng chí Giám đốc các sở", "Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh", "hoàn thành trong tháng 4 năm 2025"),
    ("Thanh tra tỉnh kiểm tra việc", "Thanh tra tỉnh", "trước ngày 30 tháng 4 năm 2025"),
    ("Sở Khoa học và Công nghệ chủ trì", "Sở Khoa học và Công nghệ", ""),
    ("Các xã, phường căn cứ hướng dẫn", "Các xã, phường", "trước ngày 15 tháng 5 năm 2025"),
    ("tham mưu quy chế chấm điểm", "Sở Nội vụ", "hoàn thành trong tháng 5 năm 2025"),
    ("Phối hợp với Sở Tài chính đánh", "Sở Nội vụ", "nhiệm vụ thường xuyên"),
    ("Công an tỉnh chủ trì triển kha", "Công an tỉnh", "trong năm 2025"),
    ("Các sở, ngành, khẩn trương cập", "Các sở, ngành", "hoàn thành trong tháng 6/2025"),
    ("Số hóa kết quả giải quyết thủ", "Sở Tư pháp", "31/12/2024"),
]


@pytest.mark.parametrize("kind", ["text", "docx"])
def test_a_notice_gives_its_orders_beside_its_table(tmp_path: Path, kind: str) -> None:
    source = read_text(NOTICE) if kind == "text" else read_document(text_to_docx(NOTICE, tmp_path / "notice.docx"))
    result = recognize(source)
    got = [(t.content, t.lead, t.time_frame) for t in result.tasks if t.include]
    assert [(c[: len(e[0])], lead, when) for (c, lead, when), e in zip(got, EXPECTED, strict=False)] == EXPECTED
    assert len(got) == len(EXPECTED)
    # what the first section says of an agency, and the closing formula, are no orders
    assert not any("bố trí kinh phí" in t.content or "trân trọng" in t.content for t in result.tasks)
    assert result.tasks[-2].content.endswith("hoàn thành trong tháng 6/2025.")


# A resolution that issues a plan, saved without its header (as ae8d299abf846604, 1339/NQ-UBTVQH15):
# the enacting body in capitals over the legal bases, its orders in the articles after "QUYẾT
# NGHỊ:", an article ending the numbered items of the one before, the number and date in the
# plan's "(Ban hành kèm theo Nghị quyết số ...)" under its own "KẾ HOẠCH".
RESOLUTION = """NGHỊ QUYẾT
Ban hành Kế hoạch phát triển dữ liệu số của tỉnh năm 2026
HỘI ĐỒNG NHÂN DÂN TỈNH HÀ TĨNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Xét Tờ trình của Ủy ban nhân dân tỉnh;
QUYẾT NGHỊ:
Điều 1. Ban hành kèm theo Nghị quyết này Kế hoạch phát triển dữ liệu số của tỉnh năm 2026.
Điều 2.
1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết, báo cáo kết quả trước ngày 15 tháng 12 năm 2026.
2. Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh, trong phạm vi nhiệm vụ, quyền hạn được giao, giám sát việc thực hiện Nghị quyết.
Điều 3.
Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tham gia giám sát việc thực hiện Nghị quyết.

KẾ HOẠCH
PHÁT TRIỂN DỮ LIỆU SỐ CỦA TỈNH NĂM 2026
(Ban hành kèm theo Nghị quyết số 25/NQ-HĐND ngày 10 tháng 12 năm 2025 của Hội đồng nhân dân tỉnh Hà Tĩnh)
I. MỤC TIÊU
Hình thành kho dữ liệu dùng chung của tỉnh.
"""


@pytest.mark.parametrize("kind", ["text", "docx"])
def test_a_resolution_gives_the_orders_of_its_articles(tmp_path: Path, kind: str) -> None:
    source = read_text(RESOLUTION) if kind == "text" else read_document(text_to_docx(RESOLUTION, tmp_path / "resolution.docx"))
    result = recognize(source)
    got = [(t.content[:30], t.lead, t.time_frame) for t in result.tasks if t.include]
    assert got == [
        ("Giao Ủy ban nhân dân tỉnh tổ c", "Ủy ban nhân dân tỉnh", "trước ngày 15 tháng 12 năm 2026"),
        ("Thường trực Hội đồng nhân dân ", "Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh", ""),
        ("Đề nghị Ủy ban Mặt trận Tổ quố", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", ""),
    ]
    plan = result.plan
    assert (plan.number, str(plan.issue_date), plan.issuer) == ("25/NQ-HĐND", "2025-12-10", "Hội đồng nhân dân tỉnh Hà Tĩnh")
