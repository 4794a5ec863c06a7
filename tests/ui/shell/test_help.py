"""Trợ giúp: the offline guide (F1), the list of shortcuts read from the window, tab keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel

from ui.shell import help as help_ui

NATIVE = QKeySequence.SequenceFormat.NativeText


def test_f1_opens_the_vietnamese_guide_from_the_installed_package(qtbot, window) -> None:
    assert window.guide_action.shortcut().toString(NATIVE) == "F1"
    assert [a.text() for a in window.help_menu.actions() if a.text()] == ["Hướng dẫn sử dụng", "Phím tắt", "Giới thiệu"]
    qtbot.keyClick(window.tasks_tab.view, Qt.Key.Key_F1)
    dialog = window.guide_dialog
    qtbot.waitExposed(dialog)
    source = Path(dialog.browser.source().toLocalFile())
    assert source == help_ui.guide_file() and source.is_file()
    text = dialog.browser.toPlainText()
    for heading in ("Thẻ Kế hoạch", "Thẻ Nhiệm vụ", "Thẻ Lịch", "Thẻ Báo cáo", "Nhập kế hoạch từ văn bản",
                    "In và xuất văn bản", "Nhắc việc", "Sao lưu", "Dữ liệu nằm ở đâu", "Phím tắt"):
        assert heading in text
    assert "cchc.sqlite3" in text and "%LOCALAPPDATA%\\CCHCDesktop" in text
    assert str(window.store.path) in " ".join(label.text() for label in dialog.findChildren(QLabel))
    # Offline: the guide links only to itself.
    html = source.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html and "<img" not in html
    # An anchor of the table of contents scrolls within the guide.
    dialog.browser.setSource(dialog.browser.source().resolved("#sao-luu"))
    assert dialog.browser.verticalScrollBar().value() > 0
    # F1 again brings the same guide forward.
    window.guide_action.trigger()
    assert window.guide_dialog is dialog
    dialog.close()


def test_the_shortcut_list_holds_every_shortcut_of_the_window(qtbot, window) -> None:
    dialog = help_ui.ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    by_key = {}
    for keys, command, where in rows:
        by_key.setdefault(command, []).append((keys, where))
    assert ("Ctrl+P", "Menu Tệp") in by_key["In phụ lục"]
    assert ("Ctrl+I", "Menu Tệp") in by_key["Nhập kế hoạch từ văn bản"]
    assert ("Ins", "Thẻ Nhiệm vụ") in by_key["Thêm nhiệm vụ"]
    assert ("F1", "Menu Trợ giúp") in by_key["Hướng dẫn sử dụng"]
    assert ("Ctrl+Tab, Ctrl+PgDown", "Cả cửa sổ") in by_key["Thẻ sau"]
    assert ("Ctrl+S", "Thẻ Kế hoạch") in [(k, w) for k, _c, w in rows]
    assert all(len(set(k.split(", "))) == len(k.split(", ")) for k, _c, _w in rows), "a key once per command"
    assert any(w == "Thẻ Lịch" and k == "Ctrl+D" for k, _c, w in rows), "the calendar's keys, built for the list"
    # Nothing the window binds is missing, and no row is blank.
    listed = {k for k, _c, _w in rows}
    bound = {a.shortcut().toString(NATIVE) for a in window.findChildren(QAction) if not a.shortcut().isEmpty()}
    bound |= {s.key().toString(NATIVE) for s in window.findChildren(QShortcut) if not s.key().isEmpty()}
    assert bound and all(any(key in shown.split(", ") for shown in listed) for key in bound), bound - listed
    assert all(k and c and w for k, c, w in rows)


def test_ctrl_tab_and_ctrl_page_keys_switch_tabs_wherever_the_focus_is(qtbot, window) -> None:
    tabs = window.tabs
    tabs.setCurrentIndex(1)
    view = window.tasks_tab.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 2
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tabs.currentIndex() == 1
    tabs.setCurrentIndex(0)
    editor = window.plans_tab.findChildren(type(window.tasks_tab.search))[0]
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 1
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 0
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tabs.currentIndex() == 3, "wraps round from the first tab to the last"
