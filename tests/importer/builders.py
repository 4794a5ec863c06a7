"""Builders of test documents: a converted sample rebuilt as Word would hold it, or as a PDF."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest


def plain_line(line: str) -> str:
    return re.sub(r"^#+\s*", "", line.replace("**", "")).strip()


def text_to_docx(text: str, path: Path, *, repeat_header: bool = False, widths_cm: Sequence[float] | None = None,
                 header_on_every_page: bool = False, grid: bool = False) -> Path:
    """Rebuild a converted sample as Word would hold it: paragraphs, and real tables for the
    tab-separated or one-cell-per-line appendix tables. `repeat_header`: the header row written
    again in the middle of the table; `header_on_every_page`: the first row marked as the
    heading row Word and LibreOffice repeat at the top of every page; `widths_cm`: the columns'
    widths; `grid`: borders drawn around every cell."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    document = docx.Document()
    lines = text.splitlines()
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = document.add_table(rows=0, cols=width)
        if grid:
            table.style = document.styles["Table Grid"]
        for n, row in enumerate(rows):
            if repeat_header and n == len(rows) // 2 and n > 1:
                cells = table.add_row().cells  # the header again, as after a page break
                for cell, value in zip(cells, rows[0], strict=False):
                    cell.text = value
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=False):
                cell.text = value
        if header_on_every_page and table.rows:
            mark = OxmlElement("w:tblHeader")
            mark.set(qn("w:val"), "true")
            table.rows[0]._tr.get_or_add_trPr().append(mark)
        if widths_cm:
            table.autofit = False
            for column, cm in zip(table.columns, widths_cm, strict=False):
                column.width = Cm(cm)
                for cell in column.cells:
                    cell.width = Cm(cm)
        rows.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if rows and not line.strip():
            following = next((x for x in lines[i + 1:] if x.strip()), "")
            if "\t" in following:  # a blank line inside the table of the conversion
                i += 1
                continue
        cells = [plain_line(c) for c in line.split("\t")]
        filled = [c for c in cells if c]
        if "\t" in line and len(filled) >= 2 or (rows and "\t" in line and len(filled) >= 1 and not cells[0]):
            if rows and not cells[0]:  # a row wrapped onto the next line: one row in Word
                rows[-1] = [(a + " " + b).strip() for a, b in zip(rows[-1], cells + [""] * len(rows[-1]), strict=False)]
            else:
                rows.append(cells)
            i += 1
            continue
        if line.startswith("\t") and plain_line(line) == "STT":  # one cell per line
            header = []
            while i < len(lines) and lines[i].startswith("\t"):
                header.append(plain_line(lines[i]))
                i += 1
            rows.append(header)
            record: list[str] = []
            while i < len(lines) and (lines[i].startswith("\t") or not lines[i].strip()):
                if lines[i].strip():
                    record.append(plain_line(lines[i]))
                elif record:
                    rows.append(record)
                    record = []
                i += 1
            if record:
                rows.append(record)
            flush()
            continue
        flush()
        if line.strip():
            document.add_paragraph(plain_line(line))
        i += 1
    flush()
    document.save(path)
    return path


def _pdf_font() -> str:
    candidates = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    try:
        import fontpkg_ibm_plex_serif

        candidates.insert(0, Path(fontpkg_ibm_plex_serif.__file__).parent / "files" / "IBMPlexSerif-Regular.ttf")
    except ImportError:
        pass
    for c in candidates:
        if c.is_file():
            return str(c)
    pytest.skip("no Vietnamese TrueType font for building the test PDF")


def text_to_pdf(text: str, path: Path) -> Path:
    """An A4 PDF with a real text layer, lines wrapped by the layout as Word's PDFs are."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("VietSerif", _pdf_font()))
    style = ParagraphStyle("body", fontName="VietSerif", fontSize=12, leading=15)
    story = [Paragraph(escape(plain_line(line)), style) for line in text.splitlines() if plain_line(line)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


