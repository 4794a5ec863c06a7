"""Vietnamese for Qt's own strings (buttons, context menus, file dialogs).

Qt ships no Vietnamese translation of its widgets, so this translator answers the
strings an officer meets in standard dialogs; everything else falls through to Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator

_TEXTS = {
    # QPlatformTheme / QDialogButtonBox
    "OK": "Đồng ý", "&OK": "Đồng ý", "Cancel": "Hủy", "&Cancel": "Hủy", "Yes": "Có", "&Yes": "Có",
    "No": "Không", "&No": "Không", "Yes to &All": "Có với tất cả", "N&o to All": "Không với tất cả",
    "Save": "Lưu", "&Save": "Lưu", "Save All": "Lưu tất cả", "Open": "Mở", "&Open": "Mở", "Close": "Đóng",
    "&Close": "Đóng", "Apply": "Áp dụng", "Reset": "Đặt lại", "Help": "Trợ giúp", "Discard": "Bỏ qua",
    "Don't Save": "Không lưu", "Close without Saving": "Đóng không lưu", "Abort": "Hủy bỏ", "Retry": "Thử lại",
    "Ignore": "Bỏ qua", "Restore Defaults": "Khôi phục mặc định", "Show Details...": "Xem chi tiết...",
    "Hide Details...": "Ẩn chi tiết...",
    # QLineEdit / QTextEdit context menu
    "&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "Cắ&t", "&Copy": "&Sao chép", "&Paste": "&Dán",
    "Delete": "Xóa", "Select All": "Chọn tất cả", "Copy &Link Location": "Sao chép địa chỉ liên kết",
    # QFileDialog
    "Look in:": "Tìm trong:", "File &name:": "Tên &tệp:", "File name": "Tên tệp", "Files of type:": "Kiểu tệp:",
    "Name": "Tên", "Size": "Kích thước", "Type": "Kiểu", "Date Modified": "Ngày sửa", "Back": "Quay lại",
    "Forward": "Tiến", "Parent Directory": "Thư mục cha", "Create New Folder": "Tạo thư mục mới",
    "List View": "Dạng danh sách", "Detail View": "Dạng chi tiết", "New Folder": "Thư mục mới",
    "&Choose": "&Chọn", "Directory:": "Thư mục:", "All Files (*)": "Mọi tệp (*)", "My Computer": "Máy tính",
    "Computer": "Máy tính", "Recent Places": "Nơi gần đây", "&Rename": "Đổi &tên", "&Delete": "&Xóa",
    "Show &hidden files": "Hiện tệp ẩn", "&New Folder": "Thư mục &mới",
    "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nBạn có muốn ghi đè không?",
    # QPrintDialog / QPrintPreviewDialog
    "Print": "In", "&Print": "&In", "Printer": "Máy in", "Print range": "Phạm vi in", "Copies": "Số bản",
    "Page Setup": "Thiết lập trang", "Properties": "Thuộc tính", "Pages from": "Từ trang", "to": "đến",
    "All": "Tất cả", "Current Page": "Trang hiện tại", "Selection": "Vùng chọn", "Options": "Tùy chọn",
    "Portrait": "Dọc", "Landscape": "Ngang", "Paper": "Giấy", "Orientation": "Hướng giấy", "Margins": "Lề",
    # QCalendarWidget / QDateEdit
    "Previous Month": "Tháng trước", "Next Month": "Tháng sau", "Today": "Hôm nay",
    # QUndoStack default texts
    "Undo %1": "Hoàn tác %1", "Redo %1": "Làm lại %1", "Undo": "Hoàn tác", "Redo": "Làm lại",
    "<empty>": "<trống>",
}


class VietnameseQtTranslator(QTranslator):
    """Answers Qt's built-in strings in Vietnamese."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str:  # noqa: ARG002
        return _TEXTS.get(source_text, "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return False


def install_vietnamese(app) -> VietnameseQtTranslator:  # noqa: ANN001 - QApplication
    """vi_VN locale for dates, numbers, calendars; Vietnamese Qt strings."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translator = VietnameseQtTranslator(app)
    app.installTranslator(translator)
    return translator
