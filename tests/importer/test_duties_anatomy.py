"""Documents that assign duties per agency, in layouts of our own written after the corpus
documents that showed them (tests/importer/readings/corpus/): a telegram or an official letter
that gives its orders after one sentence ("... yêu cầu:"), agency headings whose names hold
words that read like verbs ("Sở Xây dựng", "trong lĩnh vực xây dựng"), a "Giao X chủ trì ..."
item, a deadline written "hoàn thành trước ngày ...", and documents that assign nothing."""

from __future__ import annotations

from cchc_desktop.importer import read_text, recognize
from cchc_desktop.importer.prose import is_agency_heading, subject_of

LETTER = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
Số: 512/UBND-NC    Quảng Trị, ngày 03 tháng 3 năm 2025
V/v tăng cường tuyên truyền cải cách hành chính

Kính gửi: Các sở, ban, ngành cấp tỉnh; UBND các xã, phường.

Thời gian qua, công tác tuyên truyền cải cách hành chính đã có chuyển biến. Để khắc phục những hạn chế,
Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:
1. Sở Nội vụ chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch xây dựng bộ tài liệu tuyên truyền, hoàn thành trước ngày 30 tháng 4 năm 2025.
2. Sở Xây dựng:
a) Công khai thủ tục cấp giấy phép xây dựng trên Cổng thông tin điện tử tỉnh.
b) Báo cáo kết quả về Sở Nội vụ trước ngày 15/6/2025.
3. Giao Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện văn bản này.
4. Giám đốc Sở Tư pháp trực tiếp chỉ đạo việc rà soát thủ tục hành chính.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hoàng Nam
"""


def test_a_letter_gives_its_orders_after_one_sentence() -> None:
    result = recognize(read_text(LETTER))
    got = [(t.content[:30], t.lead, t.time_frame) for t in result.included]
    assert got == [
        ("Sở Nội vụ chủ trì, phối hợp vớ", "Sở Nội vụ", "hoàn thành trước ngày 30 tháng 4 năm 2025"),
        ("Công khai thủ tục cấp giấy phé", "Sở Xây dựng", ""),
        ("Báo cáo kết quả về Sở Nội vụ t", "Sở Xây dựng", "trước ngày 15/6/2025"),
        ("Giao Văn phòng UBND tỉnh theo ", "Văn phòng UBND tỉnh", ""),
        ("Giám đốc Sở Tư pháp trực tiếp ", "Giám đốc Sở Tư pháp", ""),
    ]
    assert result.included[0].partners == "Sở Văn hóa, Thể thao và Du lịch"
    assert not result.not_plan


def test_the_same_letter_without_the_sentence_gives_no_orders() -> None:
    """Numbered paragraphs of a report or a preamble are not orders: without the sentence that
    opens them (and without a section «Tổ chức thực hiện») nothing is taken."""
    result = recognize(read_text(LETTER.replace("Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:", "Kết quả cụ thể như sau.")))
    assert not result.included


PLAN = """ỦY BAN NHÂN DÂN
TỈNH ĐỒNG THÁP
Số: 88/KH-UBND    Đồng Tháp, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Chuyển đổi số trong quản lý hạ tầng giao thông năm 2025

I. MỤC ĐÍCH
Nâng cao hiệu quả quản lý.
II. TỔ CHỨC THỰC HIỆN
1. Sở Xây dựng
- Số hóa hồ sơ công trình giao thông.
- Cập nhật bản đồ hạ tầng giao thông.
2. Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông trên địa bàn tỉnh
- Chia sẻ dữ liệu công trình với Sở Xây dựng.
3. Đề nghị Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng tăng cường công tác bảo vệ bí mật nhà nước.
4. Giao Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện Kế hoạch này.

Nơi nhận:
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Hai
"""


def test_agency_headings_whose_names_read_like_verbs() -> None:
    result = recognize(read_text(PLAN))
    got = [(t.content[:25], t.lead) for t in result.included]
    assert got == [
        ("Số hóa hồ sơ công trình g", "Sở Xây dựng"),
        ("Cập nhật bản đồ hạ tầng g", "Sở Xây dựng"),
        ("Chia sẻ dữ liệu công trìn", "Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông trên địa bàn tỉnh"),
        ("Đề nghị Văn phòng Tỉnh ủy", "Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng"),
        ("Giao Công an tỉnh chủ trì", "Công an tỉnh"),
    ]
    assert result.included[-1].partners == "Văn phòng UBND tỉnh"


def test_names_and_sentences() -> None:
    assert is_agency_heading("Sở Xây dựng:")
    assert is_agency_heading("Ban Chỉ đạo chuyển đổi số tỉnh")
    assert not is_agency_heading("Sở Xây dựng chủ trì, phối hợp với các sở")
    assert subject_of("Bộ trưởng Bộ Nội vụ chỉ đạo chủ trì, phối hợp với Bộ Xây dựng") == "Bộ trưởng Bộ Nội vụ"
    assert subject_of("Giao Phó Thủ tướng Chính phủ Trần Hồng Hà trực tiếp chỉ đạo công tác chuẩn bị") == "Phó Thủ tướng Chính phủ Trần Hồng Hà"
    assert subject_of("Các bộ, ngành khẩn trương rà soát quy trình") == "Các bộ, ngành"


REGULATION = """ỦY BAN NHÂN DÂN
TỈNH HÒA BÌNH
Số: 20/QĐ-UBND    Hòa Bình, ngày 05 tháng 3 năm 2025

QUYẾT ĐỊNH
Ban hành Quy chế quản lý Cổng thông tin điện tử tỉnh

Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý Cổng thông tin điện tử tỉnh.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

QUY CHẾ
Quản lý Cổng thông tin điện tử tỉnh
Điều 5. Trách nhiệm của Sở Khoa học và Công nghệ
1. Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở vận hành Cổng thông tin điện tử, báo cáo trước ngày 15/12 hằng năm.
Điều 6. Trách nhiệm của các cơ quan
1. Các cơ quan, đơn vị cung cấp thông tin cho Cổng thông tin điện tử.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""

ARTICLE = """# Kế hoạch sắp xếp đơn vị hành chính năm 2025 có gì mới?
Nội dung chính
Ngày 07/4/2025, Chính phủ ban hành Nghị quyết số 74/NQ-CP về Kế hoạch sắp xếp đơn vị hành chính.
Bộ Nội vụ chủ trì, phối hợp với các bộ, ngành trình Chính phủ dự thảo Nghị định trước ngày 30/6/2025.
Bộ Tư pháp hướng dẫn xử lý vấn đề hộ tịch trước ngày 10/4/2025.
Theo Cổng thông tin điện tử Chính phủ
"""


def test_a_regulation_and_an_article_propose_no_task_and_say_why() -> None:
    for text, words in ((REGULATION, "quy chế"), (ARTICLE, "bài viết")):
        result = recognize(read_text(text))
        assert not result.tasks and not result.duties and not result.assignments and not result.included
        assert words in result.not_plan and result.problems[0] == result.not_plan
        assert result.to_json()["not_a_plan"] == result.not_plan


TARGETS = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 71/KH-UBND    Hà Nam, ngày 02 tháng 4 năm 2025

KẾ HOẠCH
Phát triển kinh tế số năm 2025

I. MỤC TIÊU
Kinh tế số phát triển nhanh.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Văn Ba

PHỤ LỤC
PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU
TT\tChỉ tiêu\tChủ trì
I. Kinh tế số\t\t
1\tKinh tế số chiếm 30% GRDP tỉnh.\tSở Tài chính
2\tTỷ lệ doanh nghiệp nhỏ ứng dụng công nghệ số đạt 60%\tSở Khoa học và Công nghệ thúc đẩy, theo dõi, báo cáo chỉ tiêu
II. Xã hội số\t\t
1\tTỷ lệ phủ sóng 5G đạt 100% dân số\tSở Giáo dục và Đào tạo; Sở Khoa học và Công nghệ thúc đẩy, theo dõi
"""


def test_a_table_of_targets_assigned_to_their_leads() -> None:
    """"TT | Chỉ tiêu | Chủ trì" (after Bắc Ninh 144/KH-UBND's appendix): each target is a task of
    its lead; the lead cell's role words are not part of the name; the group rows are groups."""
    result = recognize(read_text(TARGETS))
    got = [(t.content[:22], t.lead, t.group) for t in result.tasks]
    assert got == [
        ("Kinh tế số chiếm 30% G", "Sở Tài chính", "Kinh tế số"),
        ("Tỷ lệ doanh nghiệp nhỏ", "Sở Khoa học và Công nghệ", "Kinh tế số"),
        ("Tỷ lệ phủ sóng 5G đạt ", "Sở Giáo dục và Đào tạo; Sở Khoa học và Công nghệ", "Xã hội số"),
    ]


def _signed(block: str) -> str:
    return PLAN.split("Nơi nhận:")[0] + "Nơi nhận:\n- Lưu: VT.\n" + block


def test_a_title_or_a_body_where_the_name_stands_is_no_signer() -> None:
    """A PDF's text may put the body's name of "TM. ỦY BAN NHÂN DÂN" below the position, and a
    deputy's title under the minister's (624/TB-VPCP): the signer is the person, never them."""
    stray = recognize(read_text(_signed("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nỦY BAN NHÂN DÂN\nTrần Văn Hai\n"))).plan
    assert (stray.signer_position, stray.signer_name) == ("PHÓ CHỦ TỊCH", "Trần Văn Hai")
    deputy = recognize(read_text(_signed("KT. BỘ TRƯỞNG, CHỦ NHIỆM\nCHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nPhạm Mạnh Cường\n"))).plan
    assert (deputy.signer_position, deputy.signer_name) == ("PHÓ CHỦ NHIỆM", "Phạm Mạnh Cường")


TELEGRAM = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 21/CĐ-UBND    Quảng Ngãi, ngày 02 tháng 11 năm 2025

CÔNG ĐIỆN
Về việc tập trung khắc phục hậu quả mưa lũ

Để kịp thời khắc phục hậu quả mưa lũ, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:
1. Sở Nông nghiệp và Môi trường:
- Theo dõi chặt chẽ diễn biến mưa lũ, tổng hợp thiệt hại, báo cáo Ủy ban nhân dân tỉnh trước 16h00 hằng ngày.
- Hướng dẫn người dân khôi phục sản xuất sau lũ.
2. Sở Y tế:
- Bảo đảm thuốc, hóa chất xử lý môi trường; báo cáo 02 lần/ngày (trước 8h00 và 15h00) về tình hình dịch bệnh.
3. Ủy ban nhân dân các xã, phường:
- Rà soát hộ bị ảnh hưởng, cấp phát hàng cứu trợ đúng đối tượng; cập nhật hằng ngày (lúc 17 giờ) số hộ đã nhận hỗ trợ.
- Tổng hợp kết quả khắc phục, báo cáo Sở Nông nghiệp và Môi trường trước ngày 30/11/2025.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Phước
"""


def test_reports_due_every_day_at_set_hours(tmp_path) -> None:  # noqa: ANN001
    """A telegram's duties with the hours of their daily reports (as corpus 62f25a030c183151 and
    a49ef8a0da1f62dd write them): each duty's time frame is its daily report, read as daily."""
    from builders import text_to_docx

    from cchc_desktop.importer import read_document
    from cchc_desktop.scheduling.timeframe import parse_time_frame

    expected = [
        ("Theo dõi chặt chẽ diễn biến mư", "Sở Nông nghiệp và Môi trường", "trước 16h00 hằng ngày"),
        ("Hướng dẫn người dân khôi phục ", "Sở Nông nghiệp và Môi trường", ""),
        ("Bảo đảm thuốc, hóa chất xử lý ", "Sở Y tế", "02 lần/ngày (trước 8h00 và 15h00)"),
        ("Rà soát hộ bị ảnh hưởng, cấp p", "Ủy ban nhân dân các xã, phường", "hằng ngày (lúc 17 giờ)"),
        ("Tổng hợp kết quả khắc phục, bá", "Ủy ban nhân dân các xã, phường", "trước ngày 30/11/2025"),
    ]
    docx = text_to_docx(TELEGRAM, tmp_path / "cong_dien.docx")
    for result in (recognize(read_text(TELEGRAM)), recognize(read_document(docx))):
        assert [(t.content[:30], t.lead, t.time_frame) for t in result.included] == expected
    for _content, _lead, when in expected[:4]:
        if when:
            frame = parse_time_frame(when, 2025)
            assert frame.kind == "continuous" and frame.quota is None and frame.summary.startswith("Hằng ngày")
