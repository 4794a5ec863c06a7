"""Qt's own dialogs as an officer meets them: the printer's properties in Vietnamese, the file
dialog's dates written dd/mm/yyyy, message boxes wide enough for their whole title."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeView,
)

ENGLISH_PROPERTIES = {
    "Page", "Advanced", "Job", "Job Control", "Scheduled &printing:", "&Billing information:", "Job &priority:",
    "Banner Pages", "&Start:", "&End:", "There are conflicts in some options. Please fix them.",
}


def _when_modal(qtbot, kind, check) -> list:  # noqa: ANN001
    """Run check(widget) on the next modal window of `kind` once it is shown, then close it."""
    seen: list = []

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind) or not widget.isVisible():
            QTimer.singleShot(20, look)
            return
        try:
            seen.append(check(widget))
        finally:
            widget.reject() if isinstance(widget, QDialog) else widget.close()

    QTimer.singleShot(0, look)
    return seen


def test_printer_properties_speak_vietnamese(qtbot, vietnamese_qt) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    properties = next(b for b in dialog.findChildren(QPushButton) if b.objectName() == "properties")
    assert properties.text() == "&Thuộc tính" and properties.isEnabled()

    def texts(box: QDialog) -> dict:
        tabs = [t.tabText(i) for w in box.findChildren(QTabWidget) for t in [w] for i in range(t.count())]
        shown = [w.title() for w in box.findChildren(QGroupBox)]
        shown += [w.text() for w in box.findChildren(QLabel) + box.findChildren(QAbstractButton)]
        return {"title": box.windowTitle(), "tabs": tabs, "shown": shown}

    seen = _when_modal(qtbot, QDialog, texts)
    qtbot.mouseClick(properties, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    dialog.reject()
    got = seen[0]
    assert got["title"] == "Thuộc tính máy in"
    assert got["tabs"] == ["Trang", "Tùy chọn lệnh in", "Nâng cao"]
    assert not ENGLISH_PROPERTIES & set(got["tabs"] + got["shown"]), got


def test_file_dialog_writes_dates_as_offices_do(qtbot, vietnamese_qt, tmp_path: Path) -> None:
    stamp = dt.datetime(2026, 12, 7, 6, 40)
    for name in ("ke-hoach.pdf", "bao-cao.pdf"):
        path = tmp_path / name
        path.write_bytes(b"%PDF-1.4\n")
        os.utime(path, (stamp.timestamp(), stamp.timestamp()))

    def dates(dialog: QFileDialog) -> list[str]:
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        view = dialog.findChild(QTreeView, "treeView")
        model, root = view.model(), view.rootIndex()
        qtbot.waitUntil(lambda: model.rowCount(root) == 2, timeout=5000)
        shown = []
        for row in range(model.rowCount(root)):
            option = QStyleOptionViewItem()
            view.itemDelegate().initStyleOption(option, model.index(row, 3, root))  # what the view paints
            shown.append(option.text)
        return shown

    seen = _when_modal(qtbot, QFileDialog, dates)
    QFileDialog.getSaveFileName(None, "Lưu PDF", str(tmp_path / "moi.pdf"), "Tệp PDF (*.pdf)",
                                options=QFileDialog.Option.DontUseNativeDialog)
    assert seen == [["07/12/2026 06:40", "07/12/2026 06:40"]]


def test_message_box_is_wide_enough_for_its_title(qtbot, vietnamese_qt) -> None:
    from ui.common import messages

    def measure(box: QMessageBox) -> tuple[str, int]:
        return box.windowTitle(), box.width()

    seen = _when_modal(qtbot, QMessageBox, measure)
    messages.error(None, "Chưa ghi ngày.", title="Không thực hiện được")
    title, width = seen[0]
    assert title == "Không thực hiện được – CCHC Desktop"
    font = QApplication.font("QMdiSubWindowTitleBar")
    # the title's text, the window icon and the close button (46 px on Windows 10/11) with margins
    assert width >= QFontMetrics(font).horizontalAdvance(title) + 100, (width, title)
