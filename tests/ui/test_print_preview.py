"""The print preview: pages, navigation, Save as PDF and printing through QPrinter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ui.print_preview import PrintPreview


def _pdf(path: Path, pages: int) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(pages):
        c.drawString(100, 700, f"page {n + 1}")
        c.showPage()
    c.save()
    return path


def test_navigation_save_and_print(qtbot, tmp_path, monkeypatch, vietnamese_qt):
    source = _pdf(tmp_path / "phu-luc.pdf", 3)
    preview = PrintPreview(source, "Phụ lục", "phu-luc.pdf")
    qtbot.addWidget(preview)
    preview.show()
    assert preview.document.pageCount() == 3
    assert preview.page_count.text() == "/ 3 trang"
    preview.page.setValue(3)
    qtbot.waitUntil(lambda: preview.view.pageNavigator().currentPage() == 2)

    target = tmp_path / "ban-sao"
    monkeypatch.setattr("ui.print_preview.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    preview.save_pdf()
    assert (tmp_path / "ban-sao.pdf").read_bytes() == source.read_bytes()

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert preview.render_to(printer) == 3
    from pypdf import PdfReader

    assert len(PdfReader(str(printed)).pages) == 3
