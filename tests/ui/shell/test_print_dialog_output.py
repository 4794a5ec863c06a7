"""Printing from the preview through the system print dialog: "In ra tệp (PDF)" gives each page
of the document at its own size and orientation, with its text as text (no page images), and the
dialog (and the printer's properties) open on the document's orientation."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit

A4 = [595, 842]  # points, short side first
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _print_to_pdf_file(qtbot, person, window, modifiers, target: Path, seen: dict) -> None:
    """Ctrl+P (or Ctrl+Shift+P) → the preview → In... → "In ra tệp (PDF)", file name typed → In."""

    def in_print_dialog(dialog) -> None:
        printers = dialog.findChild(QComboBox, "printers")
        seen["printers"] = [printers.itemText(i) for i in range(printers.count())]
        seen["orientation"] = dialog.printer().pageLayout().orientation()
        person.choose(printers, "In ra tệp (PDF)")
        name = dialog.findChild(QLineEdit, "filename")
        name.setFocus()
        name.selectAll()
        qtbot.keyClicks(name, str(target))
        person.click(person.button(dialog, "&In"))

    def in_preview(preview) -> None:
        with pdfplumber.open(preview.pdf_path) as source:
            seen["source"] = [(round(float(p.width)), round(float(p.height))) for p in source.pages]
        person.when_shown(lambda: person.shown_window(QPrintDialog, "In tài liệu"), in_print_dialog)
        person.click(person.button(preview, "In..."))
        person.click(person.button(preview, "Đóng"))

    person.when_shown(lambda: person.shown_window(QDialog, "Xem trước khi in"), in_preview)
    window.plans_tab.view.setFocus()
    qtbot.keyClick(window.plans_tab.view, Qt.Key.Key_P, modifiers)
    qtbot.waitUntil(target.exists, timeout=20000)


@pytest.mark.parametrize("modifiers, landscape", [(CTRL, True), (CTRL_SHIFT, False)])
def test_print_to_pdf_file_keeps_page_size_orientation_and_text(window, qtbot, person, tmp_path, modifiers,
                                                                 landscape):
    """The appendix is landscape; the whole plan is portrait with its appendix on landscape pages."""
    window.plans_tab.select_plan(int(window.store.plans.list()[0].id))
    target = tmp_path / "ban-in.pdf"
    seen: dict = {}
    _print_to_pdf_file(qtbot, person, window, modifiers, target, seen)
    assert "In ra tệp (PDF)" in seen["printers"]
    assert seen["orientation"] == (QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    with pdfplumber.open(target) as pdf:
        sizes = [(round(float(page.width)), round(float(page.height))) for page in pdf.pages]
        assert sizes == seen["source"]  # every page at its own size and orientation, none shrunk
        assert all(sorted(size) == A4 for size in sizes)
        assert (sizes[0][0] > sizes[0][1]) == landscape
        assert any(w > h for w, h in sizes)  # the appendix pages are landscape in both
        assert all(page.images == [] for page in pdf.pages)  # text, not pictures of text
        text = " ".join((pdf.pages[0].extract_text() or "").split())
    assert ("Cơ quan chủ trì" in text) if landscape else ("KẾ HOẠCH" in text)
    assert target.stat().st_size < 1_000_000
