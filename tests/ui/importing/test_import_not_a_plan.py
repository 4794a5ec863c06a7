"""The import preview of a document that assigns no tasks, and of a plan saved from a library
page, as the officer sees them: the reason in plain Vietnamese at the top, no task row to
untick; where each metadata value came from."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ui.importing import open_import_dialog

REGULATION = """ỦY BAN NHÂN DÂN
TỈNH HÒA BÌNH
Số: 20/QĐ-UBND    Hòa Bình, ngày 05 tháng 3 năm 2025
QUYẾT ĐỊNH
Ban hành Quy chế quản lý Cổng thông tin điện tử tỉnh
Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý Cổng thông tin điện tử tỉnh.
QUY CHẾ
Quản lý Cổng thông tin điện tử tỉnh
Điều 5. Trách nhiệm của Sở Khoa học và Công nghệ
1. Sở Khoa học và Công nghệ chủ trì vận hành Cổng thông tin điện tử, báo cáo trước ngày 15/12 hằng năm.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""
PAGE = """Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép là vi phạm pháp luật.
Số hiệu:\t15/KH-UBND
Loại văn bản:\tKế hoạch\tNơi ban hành:\tTỉnh Hòa Bình
Người ký:\tNguyễn Văn An\tNgày ban hành:\t05/03/2025
ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Số: /KH-UBND
Hòa Bình, ngày   tháng 3 năm 2025
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025
I. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ
- Chủ trì tham mưu, hướng dẫn các cơ quan triển khai Kế hoạch này.
- Tổng hợp, báo cáo kết quả thực hiện.
2. Sở Tư pháp
- Tuyên truyền về thủ tục hành chính trên Cổng thông tin điện tử tỉnh.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
Văn bản liên quan
"""


def _problems(dialog) -> str:  # noqa: ANN001
    label = dialog.findChild(QLabel, "planProblems")
    return label.text() if label is not None else ""


def test_a_regulation_is_shown_as_no_plan_with_its_reason(window, qtbot, tmp_path) -> None:
    path = tmp_path / "quyche.txt"
    path.write_text(REGULATION, encoding="utf-8")
    dialog = open_import_dialog(window, path, modal=False)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    shown = _problems(dialog)
    assert shown.startswith("• Văn bản này là quyết định ban hành một quy chế") and "không có nhiệm vụ nào để nhập" in shown
    dialog.grab().save(str(tmp_path / "khong_phai_ke_hoach.png"))


def test_a_library_page_says_where_its_number_came_from(window, qtbot, tmp_path) -> None:
    path = tmp_path / "trang.txt"
    path.write_text(PAGE, encoding="utf-8")
    dialog = open_import_dialog(window, path, modal=False)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 3
    assert "Số hiệu «15/KH-UBND» lấy từ bảng thông tin của trang thư viện văn bản" in _problems(dialog)
    dialog.grab().save(str(tmp_path / "trang_thu_vien.png"))
