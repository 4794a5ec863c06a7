"""The print preview: pages, navigation, Save as PDF and printing through QPrinter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ui.shell.print_preview import PrintPreview


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
    monkeypatch.setattr("ui.shell.print_preview.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    preview.save_pdf()
    assert (tmp_path / "ban-sao.pdf").read_bytes() == source.read_bytes()

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert preview.render_to(printer) == 3
    from pypdf import PdfReader

    assert len(PdfReader(str(printed)).pages) == 3


def test_save_pdf_on_a_full_disk_keeps_the_old_file(qtbot, tmp_path, monkeypatch, vietnamese_qt):
    import errno

    source = _pdf(tmp_path / "phu-luc.pdf", 2)
    preview = PrintPreview(source, "Phụ lục", "phu-luc.pdf")
    qtbot.addWidget(preview)
    folder = tmp_path / "chia-se"
    folder.mkdir()
    old = folder / "ban-sao.pdf"
    old.write_bytes(b"%PDF-1.4 the good old copy")
    monkeypatch.setattr("ui.shell.print_preview.QFileDialog.getSaveFileName", lambda *a, **k: (str(old), ""))

    def full_disk(src, dst):
        Path(dst).write_bytes(Path(src).read_bytes()[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    shown: list[str] = []
    monkeypatch.setattr("ui.shell.print_preview.shutil.copyfile", full_disk)
    monkeypatch.setattr("ui.shell.print_preview.messages.error", lambda parent, text, *a: shown.append(text))
    preview.save_pdf()
    assert old.read_bytes() == b"%PDF-1.4 the good old copy"
    assert [p.name for p in folder.iterdir()] == ["ban-sao.pdf"]  # no half file, no temporary file
    assert shown and shown[0].startswith("Ổ đĩa đã đầy, không ghi được tệp")


def test_saving_over_a_pdf_open_in_a_reader_keeps_it_and_says_why(qtbot, tmp_path, monkeypatch, vietnamese_qt):
    import os

    source = _pdf(tmp_path / "phu-luc.pdf", 2)
    preview = PrintPreview(source, "Phụ lục", "phu-luc.pdf")
    qtbot.addWidget(preview)
    target = tmp_path / "Phụ lục đang mở.pdf"
    target.write_bytes(b"%PDF- opened in a reader")
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):  # Windows while the reader holds the file open
        if os.fspath(dst) == str(target):
            raise PermissionError(13, "The process cannot access the file")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr("ui.shell.print_preview.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr("ui.shell.print_preview.messages.error", lambda parent, text: shown.append(text))
    preview.save_pdf()
    assert target.read_bytes() == b"%PDF- opened in a reader"
    assert len(shown) == 1 and shown[0].startswith("Tệp đang mở trong chương trình khác, hãy đóng tệp rồi thử lại")
