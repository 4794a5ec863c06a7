"""Editable copies of an appendix: Word (.docx) and Excel (.xlsx).

Officers always touch up the final text, so these are real tables: in Word the header row
repeats on every page (w:tblHeader), group rows are merged across, the section is landscape
(or portrait) with the margins of the settings and the text is Times New Roman; in Excel
the header row is the print title, columns have widths, text wraps, the page is landscape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cchc_desktop.documents.render.appendix import COLUMN_WEIGHTS, AppendixTable, appendix_table_data
from cchc_desktop.documents.render.settings import DocumentSettings
from cchc_desktop.documents.render.settings import load as load_settings
from cchc_desktop.text.safetext import put, xml_text

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

WORD_FONT = "Times New Roman"  # what the office PC has; Word substitutes a metric twin elsewhere
A4_MM = (210.0, 297.0)
STT_MM = 15.0


def _widths_mm(columns: Sequence[str], text_width_mm: float) -> list[float]:
    rest = text_width_mm - (STT_MM if "stt" in columns else 0)
    total = sum(COLUMN_WEIGHTS[c] for c in columns if c != "stt")
    return [STT_MM if c == "stt" else rest * COLUMN_WEIGHTS[c] / total for c in columns]


def _page_mm(settings: DocumentSettings, landscape: bool) -> tuple[float, float]:
    return (A4_MM[1], A4_MM[0]) if landscape else A4_MM


# --------------------------------------------------------------------------- Word


def _set_run_font(run: Any, size: float, *, bold: bool = False, italic: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = WORD_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), WORD_FONT)


def _write_text(paragraph: Any, text: str, size: float, *, bold: bool = False, italic: bool = False) -> None:
    """Text with its line breaks as Word line breaks, in one run per line."""
    lines = xml_text(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        _set_run_font(run, size, bold=bold, italic=italic)
        if i + 1 < len(lines):
            run.add_break()


def _centred(doc: Any, text: str, size: float, *, bold: bool = False, italic: bool = False) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    _write_text(p, text, size, bold=bold, italic=italic)
    return p


def _short_rule(doc: Any, text_width_mm: float, rule_mm: float) -> None:
    """An empty centred paragraph whose bottom border, narrowed by indents, is the short rule."""
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    p = doc.add_paragraph()
    side = max((text_width_mm - rule_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    p.paragraph_format.space_after = Pt(6)
    ppr = p._p.get_or_add_pPr()
    borders = ppr.makeelement(qn("w:pBdr"), {})
    bottom = borders.makeelement(qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "6", qn("w:space"): "1",
                                                  qn("w:color"): "000000"})
    borders.append(bottom)
    ppr.append(borders)
    run = p.add_run("")
    _set_run_font(run, 4)


def _page_numbers(section: Any, settings: DocumentSettings) -> None:
    """A PAGE field centred in the header, from page 2 (the first page has its own, empty header)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section.different_first_page_header_footer = True
    section.header_distance = Mm(max(settings.margin_top_mm / 2 - 3, 5))
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _set_run_font(run, settings.page_number_font_size)
    field = p._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): "PAGE"})
    field.append(run._r)
    p._p.append(field)


def _mark_header_row(row: Any) -> None:
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    header = trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    trpr.append(header)


def _declare_widths(table: Any, widths_mm: Sequence[float]) -> None:
    """The table's grid (w:tblGrid) and width (w:tblW) as its cells ask: Word lays a fixed table
    out by its cells, LibreOffice by its grid, which python-docx writes as equal columns."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    twips = [Mm(w).twips for w in widths_mm]
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = table._tbl.tblPr.makeelement(qn("w:tblW"), {})
        table._tbl.tblPr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(twips)))


def write_docx(table: AppendixTable, target: str | Path | IO[bytes], settings: DocumentSettings,
               *, landscape: bool | None = None) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    landscape = settings.landscape_appendix if landscape is None else landscape
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = WORD_FONT
    normal.font.size = Pt(settings.table_font_size)
    section = doc.sections[0]
    width_mm, height_mm = _page_mm(settings, landscape)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Mm(width_mm)
    section.page_height = Mm(height_mm)
    section.top_margin = Mm(settings.margin_top_mm)
    section.bottom_margin = Mm(settings.margin_bottom_mm)
    section.left_margin = Mm(settings.margin_left_mm)
    section.right_margin = Mm(settings.margin_right_mm)
    text_w = width_mm - settings.margin_left_mm - settings.margin_right_mm
    _page_numbers(section, settings)

    _centred(doc, table.heading, 14, bold=True)
    if table.title:
        _centred(doc, table.title.upper(), settings.body_font_size, bold=True)
    _centred(doc, table.reference, settings.body_font_size, italic=True)
    _short_rule(doc, text_w, min(text_w / 4, 60))

    cols = table.columns
    widths = _widths_mm(cols, text_w)
    size = float(settings.table_font_size)
    t = doc.add_table(rows=1, cols=len(cols))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    _declare_widths(t, widths)
    header = t.rows[0]
    _mark_header_row(header)
    for cell, text, w in zip(header.cells, table.headers, widths, strict=True):
        cell.width = Mm(w)
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _write_text(p, text, size, bold=True)
    for row in table.rows:
        cells = t.add_row().cells
        for cell, w in zip(cells, widths, strict=True):
            cell.width = Mm(w)
        if row.is_group:
            if "stt" in cols and len(cols) > 1:
                p = cells[0].paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _write_text(p, row.group, size, bold=True)
                merged = cells[1].merge(cells[-1])
                _write_text(merged.paragraphs[0], row.group_title, size, bold=True)
            else:
                merged = cells[0].merge(cells[-1])
                _write_text(merged.paragraphs[0], f"{row.group}. {row.group_title}", size, bold=True)
            continue
        for cell, key in zip(cells, cols, strict=True):
            p = cell.paragraphs[0]
            if key in ("stt", "time_frame"):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _write_text(p, row.cells[key], size)
    doc.core_properties.title = xml_text(f"{table.heading} - {table.title}")[:255]
    doc.core_properties.language = "vi-VN"
    doc.save(str(target) if isinstance(target, Path) else target)


# --------------------------------------------------------------------------- Excel


def _text_cell(ws: Any, row: int, col: int, text: str) -> Any:
    return put(ws, row, col, text)  # the officer's text, never a formula


def write_xlsx(table: AppendixTable, target: str | Path | IO[bytes], settings: DocumentSettings,
               *, landscape: bool | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    landscape = settings.landscape_appendix if landscape is None else landscape
    wb = Workbook()
    ws = wb.active
    ws.title = table.heading[:31]
    cols = table.columns
    n = len(cols)
    last = get_column_letter(n)
    size = float(settings.table_font_size)
    plain = Font(name=WORD_FONT, size=size)
    bold = Font(name=WORD_FONT, size=size, bold=True)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    wrap_centre = Alignment(wrap_text=True, vertical="top", horizontal="center")

    title_lines = [(table.heading, Font(name=WORD_FONT, size=14, bold=True))]
    if table.title:
        title_lines.append((table.title.upper(), Font(name=WORD_FONT, size=settings.body_font_size, bold=True)))
    title_lines.append((table.reference, Font(name=WORD_FONT, size=settings.body_font_size, italic=True)))
    for r, (text, font) in enumerate(title_lines, start=1):
        cell = _text_cell(ws, r, 1, text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.merge_cells(f"A{r}:{last}{r}")
    header_row = len(title_lines) + 2
    for c, text in enumerate(table.headers, start=1):
        cell = _text_cell(ws, header_row, c, text)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = box
    r = header_row
    for row in table.rows:
        r += 1
        if row.is_group:
            if "stt" in cols and n > 1:
                _text_cell(ws, r, 1, row.group).font = bold
                ws.cell(row=r, column=1).alignment = wrap_centre
                _text_cell(ws, r, 2, row.group_title).font = bold
                ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=n)
            else:
                _text_cell(ws, r, 1, f"{row.group}. {row.group_title}").font = bold
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
            for c in range(1, n + 1):
                ws.cell(row=r, column=c).border = box
            continue
        for c, key in enumerate(cols, start=1):
            cell = _text_cell(ws, r, c, row.cells[key])
            if key == "stt" and row.cells[key].isascii() and row.cells[key].isdigit() and len(row.cells[key]) < 10:
                cell.value = int(row.cells[key])
            cell.font = plain
            cell.alignment = wrap_centre if key in ("stt", "time_frame") else wrap_top
            cell.border = box
    width_mm, _ = _page_mm(settings, landscape)
    text_w = width_mm - settings.margin_left_mm - settings.margin_right_mm
    for c, w in enumerate(_widths_mm(cols, text_w), start=1):
        ws.column_dimensions[get_column_letter(c)].width = round(w / 1.9 * (12 / size), 1)  # ~1.9 mm per character
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = settings.margin_left_mm / 25.4
    ws.page_margins.right = settings.margin_right_mm / 25.4
    ws.page_margins.top = settings.margin_top_mm / 25.4
    ws.page_margins.bottom = settings.margin_bottom_mm / 25.4
    ws.print_options.horizontalCentered = True
    ws.oddHeader.center.text = "&[Page]"  # page numbers in the top margin, none on page 1
    ws.firstHeader.center.text = " "  # an empty first-page header would not be read back
    ws.HeaderFooter.differentFirst = True
    wb.properties.title = xml_text(f"{table.heading} - {table.title}")[:255]
    wb.save(str(target) if isinstance(target, Path) else target)


def render_appendix_office(store: Store, plan_id: int, *, appendix: int = 1, docx: str | Path | IO[bytes] | None = None,
                           xlsx: str | Path | IO[bytes] | None = None, settings: DocumentSettings | None = None,
                           columns: Sequence[str] | None = None, landscape: bool | None = None,
                           today: dt.date | None = None) -> AppendixTable:
    """Write the appendix as .docx and/or .xlsx; returns what was written."""
    settings = settings or load_settings(store)
    table = appendix_table_data(store, plan_id, appendix, columns=columns, settings=settings, today=today)
    if docx is not None:
        write_docx(table, docx, settings, landscape=landscape)
    if xlsx is not None:
        write_xlsx(table, xlsx, settings, landscape=landscape)
    return table
