"""Print preview of a PDF made by the core: page navigation, zoom, Print and Save as PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.errors import CchcError
from cchc_desktop.system.files import write_atomically
from ui.common import messages
from ui.common.forms import fit_to_screen

MAX_RASTER_DPI = 300  # pages sent to a printer as images: sharp for text, not hundreds of megabytes
ZOOMS = (("Vừa chiều rộng", "width"), ("Cả trang", "page"), ("50%", 0.5), ("75%", 0.75), ("100%", 1.0),
         ("125%", 1.25), ("150%", 1.5), ("200%", 2.0))


class PrintPreview(QDialog):
    """Shows a PDF file; the officer prints it or saves a copy where they like."""

    def __init__(self, pdf_path: Path, title: str, suggested_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Xem trước khi in – {title}")
        fit_to_screen(self, 1000, 780)
        self.pdf_path = Path(pdf_path)
        self.suggested_name = suggested_name
        self.document = QPdfDocument(self)
        error = self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        navigator = self.view.pageNavigator()

        self.page = QSpinBox()
        self.page.setRange(1, max(1, self.document.pageCount()))
        self.page.valueChanged.connect(lambda n: navigator.jump(n - 1, QPointF(), navigator.currentZoom()))
        navigator.currentPageChanged.connect(lambda p: self._show_page(p))
        self.page_count = QLabel(f"/ {self.document.pageCount()} trang")
        previous = QPushButton("Trang trước")
        previous.setShortcut(QKeySequence(Qt.Key.Key_PageUp))
        previous.clicked.connect(lambda: self.page.setValue(max(1, self.page.value() - 1)))
        following = QPushButton("Trang sau")
        following.setShortcut(QKeySequence(Qt.Key.Key_PageDown))
        following.clicked.connect(lambda: self.page.setValue(min(self.page.maximum(), self.page.value() + 1)))
        self.zoom = QComboBox()
        for label, _ in ZOOMS:
            self.zoom.addItem(label)
        self.zoom.currentIndexChanged.connect(self._zoom_changed)
        self.print_button = QPushButton("In...")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton("Lưu PDF...")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.save_pdf)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)

        bar = QHBoxLayout()
        for w in (previous, following, QLabel("Trang"), self.page, self.page_count, QLabel("Thu phóng:"), self.zoom):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.print_button, self.save_button, close):
            bar.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        if error != QPdfDocument.Error.None_:
            messages.error(self, f"Không mở được tệp PDF để xem trước ({error.name}).")

    def _show_page(self, page: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(page + 1)
        self.page.blockSignals(False)

    def _zoom_changed(self, index: int) -> None:
        value = ZOOMS[index][1]
        if value == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif value == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(value))

    def save_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Lưu PDF", self.suggested_name, "Tệp PDF (*.pdf)")
        if not name:
            return
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
        try:  # a full disk or a PDF open in a reader: the old file stays as it was, with a message
            write_atomically(name, lambda tmp: shutil.copyfile(self.pdf_path, tmp))
        except CchcError as exc:
            messages.error(self, exc.message)

    def page_layout(self, index: int) -> QPageLayout:
        """The size and orientation of page `index` (0-based) of the document, without margins:
        the PDF already holds its own."""
        points = self.document.pagePointSize(index)
        width, height = points.width(), points.height()
        orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
        size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point, "",
                         QPageSize.SizeMatchPolicy.FuzzyOrientationMatch)
        return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        if self.document.pageCount():
            printer.setPageLayout(self.page_layout(0))  # the dialog opens with "Ngang" for a landscape appendix
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In tài liệu")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.render_to(printer)

    def _page_range(self, printer: QPrinter) -> range:
        count = self.document.pageCount()
        first, last = 1, count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), min(count, printer.toPage() or count)
        elif printer.printRange() == QPrinter.PrintRange.CurrentPage:
            first = last = self.view.pageNavigator().currentPage() + 1
        return range(first, last + 1)

    def render_to(self, printer: QPrinter) -> int:
        """Print every page (or the chosen range); returns pages printed.

        Printed to a PDF file ("In ra tệp (PDF)"), the pages are copied as they are: text stays
        text, each page keeps its size and orientation. To a printer, each page is sent with its
        own size and orientation (a landscape appendix after a portrait plan) and drawn over the
        whole sheet at the printer's resolution."""
        pages = self._page_range(printer)
        if not len(pages):
            return 0
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            return self._copy_pages(printer.outputFileName(), pages)
        printer.setFullPage(True)
        printer.setPageLayout(self.page_layout(pages[0] - 1))
        painter = QPainter()
        if not painter.begin(printer):
            messages.error(self, "Không bắt đầu in được: máy in chưa sẵn sàng.")
            return 0
        printed = 0
        try:
            for number in pages:
                if printed:
                    printer.setPageLayout(self.page_layout(number - 1))
                    printer.newPage()
                sheet = printer.pageLayout().fullRectPixels(printer.resolution())
                dpi = min(printer.resolution(), MAX_RASTER_DPI)
                points = self.document.pagePointSize(number - 1)
                image = self.document.render(number - 1, QSize(round(points.width() * dpi / 72),
                                                                round(points.height() * dpi / 72)))
                painter.drawImage(QRectF(0, 0, sheet.width(), sheet.height()), image)
                printed += 1
        finally:
            painter.end()
        return printed

    def _copy_pages(self, target: str, pages: range) -> int:
        """The chosen pages of the document, copied into the PDF file the print dialog named."""
        from pypdf import PdfReader, PdfWriter

        reader = PdfReader(str(self.pdf_path))
        writer = PdfWriter()
        for number in pages:
            writer.add_page(reader.pages[number - 1])
        writer.add_metadata({"/Title": self.suggested_name})
        try:
            write_atomically(target, lambda tmp: writer.write(tmp))
        except CchcError as exc:
            messages.error(self, exc.message)
            return 0
        return len(pages)
