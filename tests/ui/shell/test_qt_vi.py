"""Qt's own strings in Vietnamese from a Qt Linguist catalogue, never blanked, never leaking."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTabWidget,
)

import ui.shell.qt_vi

CHECKOUT = Path(__file__).resolve().parents[3]
SOURCE_TS = CHECKOUT / "ui" / "shell" / "i18n" / "qt_vi.ts"

NATIVE = QKeySequence.SequenceFormat.NativeText


def _texts(widget) -> list[tuple[str, str]]:
    """(object name or class, text) of every label, button, group and tab title inside widget,
    including those behind an "Options >>" button."""
    found = []
    for group in widget.findChildren(QGroupBox):
        found.append((group.objectName() or "QGroupBox", group.title()))
    for tabs in widget.findChildren(QTabWidget):
        found += [(tabs.objectName() or "QTabWidget", tabs.tabText(i)) for i in range(tabs.count())]
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        if isinstance(child, QLabel) and (not child.pixmap().isNull() or child.objectName().endswith("Icon")):
            continue  # a picture, not a text (Qt's forms name them "...Icon")
        if isinstance(child, QAbstractButton) and (not child.icon().isNull() or getattr(child, "arrowType", lambda: 0)() != 0):
            continue  # an icon or arrow button (tab scrollers)
        found.append((child.objectName() or type(child).__name__, child.text()))
    return found


def test_the_catalogue_is_a_real_qt_translator_loaded_from_the_compiled_file(vietnamese_qt) -> None:
    assert type(vietnamese_qt) is QTranslator, "no Python override of translate()"
    assert Path(vietnamese_qt.filePath()).resolve() == ui.shell.qt_vi.CATALOGUE
    assert vietnamese_qt.language() == "vi_VN"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert QCoreApplication.translate("QLineEdit", "&Copy") == "&Sao chép"


def test_the_committed_catalogue_is_the_compiled_source(tmp_path: Path) -> None:
    if not SOURCE_TS.is_file():
        pytest.skip(f"the catalogue's source {SOURCE_TS} is not beside the tests")
    fresh = tmp_path / "qt_vi.qm"
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from PySide6.scripts.pyside_tool import lrelease; sys.exit(lrelease())",
         "-silent", str(SOURCE_TS), "-qm", str(fresh)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert fresh.read_bytes() == ui.shell.qt_vi.CATALOGUE.read_bytes(), (
        "ui/shell/i18n/qt_vi.qm is stale: run pyside6-lrelease ui/shell/i18n/qt_vi.ts -qm ui/shell/i18n/qt_vi.qm")


def test_strings_outside_the_catalogue_keep_qt_english(vietnamese_qt) -> None:
    assert QCoreApplication.translate("QShortcut", "Ctrl") == "Ctrl"
    assert QCoreApplication.translate("QShortcut", "Del") == "Del"
    assert QCoreApplication.translate("QSomethingElse", "Unknown text") == "Unknown text"
    assert QCoreApplication.translate("QProgressBar", "%p%") == "%p%"


def test_translating_a_hundred_thousand_times_leaves_none_alone(vietnamese_qt) -> None:
    translate = QCoreApplication.translate
    before = sys.getrefcount(None)
    for _ in range(50_000):
        translate("QShortcut", "Ctrl")
        translate("QPlatformTheme", "OK")
    assert abs(sys.getrefcount(None) - before) < 50


def test_key_names_stay_readable(vietnamese_qt) -> None:
    assert QKeySequence("Ctrl+P").toString(NATIVE) == "Ctrl+P"
    for key, shown in (("Del", "Del"), ("F2", "F2"), ("Ins", "Ins"), ("Ctrl+Up", "Ctrl+Up"), ("Ctrl+Shift+N", "Ctrl+Shift+N")):
        assert QKeySequence(key).toString(NATIVE) == shown


def test_menus_show_whole_shortcuts(window) -> None:
    # QMenu draws an item's key as action.shortcut().toString(NativeText) after a tab
    shown = {}
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            if not action.shortcut().isEmpty():
                shown[action.text()] = action.shortcut().toString(NATIVE)
    assert shown["In phụ lục..."] == "Ctrl+P"
    assert shown["Nhập kế hoạch từ văn bản..."] == "Ctrl+I"
    if sys.platform != "darwin":  # macOS draws symbols (⌘P)
        for text, key in shown.items():
            portable = next(a for m in window.menuBar().findChildren(QMenu) for a in m.actions() if a.text() == text)
            assert key == portable.shortcut().toString(QKeySequence.SequenceFormat.PortableText), text


def test_print_dialog_has_every_label_in_vietnamese_and_a_usable_size(qtbot, vietnamese_qt) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = _texts(dialog)
    assert texts and all(text.strip() for _name, text in texts), texts
    shown = " ".join(text for _name, text in texts)
    for vietnamese in ("Máy in", "Phạm vi in", "Số bản", "Hủy", "&In"):
        assert vietnamese in shown, (vietnamese, texts)
    qtbot.waitExposed(dialog)
    clipped = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)
               if w.isVisible() and w.width() < w.sizeHint().width()]
    assert clipped == []
    dialog.reject()


def test_file_dialog_has_every_label_in_vietnamese(qtbot, vietnamese_qt, tmp_path: Path) -> None:
    dialog = QFileDialog(None, "Lưu PDF", str(tmp_path), "Tệp PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = _texts(dialog)
    assert texts and all(text.strip() for _name, text in texts), texts
    shown = " ".join(text for _name, text in texts)
    for vietnamese in ("Tìm trong:", "Tên &tệp:", "&Kiểu tệp:", "&Lưu", "Hủy"):
        assert vietnamese in shown, (vietnamese, texts)
    dialog.reject()


def test_message_box_buttons_are_vietnamese(qtbot, vietnamese_qt) -> None:
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "Xác nhận", "Lưu thay đổi?",
                      buttons.Yes | buttons.No | buttons.Cancel | buttons.Save | buttons.Discard | buttons.Ok)
    box.setDetailedText("chi tiết")
    qtbot.addWidget(box)
    box.show()
    texts = _texts(box)
    assert texts and all(text.strip() for _name, text in texts), texts
    names = {box.button(b).text() for b in (buttons.Yes, buttons.No, buttons.Cancel, buttons.Save, buttons.Discard, buttons.Ok)}
    assert names == {"&Có", "&Không", "Hủy", "Lưu", "Không lưu", "Đồng ý"}
    assert "Xem chi tiết..." in {text for _name, text in texts}
    box.reject()


def test_text_context_menu_is_vietnamese_with_its_shortcuts(qtbot, vietnamese_qt) -> None:
    edit = QLineEdit("Sở Nội vụ")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    # Qt writes the key after a tab: "&Copy\tCtrl+C"
    items = dict(a.text().partition("\t")[::2] for a in menu.actions() if not a.isSeparator())
    assert items["&Sao chép"] == "Ctrl+C"
    assert items["&Dán"] == "Ctrl+V"
    assert "Chọn tất cả" in items
    menu.deleteLater()
