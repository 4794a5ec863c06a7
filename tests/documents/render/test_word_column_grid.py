"""The Word copy of an appendix declares the column widths its cells ask for, so that Word and
LibreOffice both show STT narrow and Nội dung wide (LibreOffice lays a table out by its
w:tblGrid, not by the cells' w:tcW)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from lxml import etree

from cchc_desktop.documents.render.office_docs import STT_MM, render_appendix_office
from cchc_desktop.documents.render.settings import load as load_settings

TWIPS_PER_MM = 1440 / 25.4
PT_PER_MM = 72 / 25.4


def _table(path: Path) -> etree._Element:
    xml = zipfile.ZipFile(path).read("word/document.xml")
    return etree.fromstring(xml).find(".//" + qn("w:tbl"))


def _text_width_mm(store) -> float:  # noqa: ANN001
    settings = load_settings(store)
    page = 297.0 if settings.landscape_appendix else 210.0
    return page - settings.margin_left_mm - settings.margin_right_mm


def test_the_table_grid_declares_the_widths_of_its_cells(grouped_store, plan_id, tmp_path: Path) -> None:
    path = tmp_path / "phu_luc.docx"
    render_appendix_office(grouped_store, plan_id, docx=path)
    table = _table(path)
    grid = [int(c.get(qn("w:w"))) for c in table.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
    assert len(grid) == 5
    # STT is 15 mm, the rest shares the text width; the grid adds up to the text width
    assert abs(grid[0] - STT_MM * TWIPS_PER_MM) <= 1
    assert grid[1] == max(grid), grid  # Nội dung is the widest column
    assert abs(sum(grid) - _text_width_mm(grouped_store) * TWIPS_PER_MM) <= len(grid)
    # every full row's cells ask for exactly the grid's widths; a group row's merged cell for their sum
    for row in table.findall(qn("w:tr")):
        widths, spans = [], []
        for cell in row.findall(qn("w:tc")):
            props = cell.find(qn("w:tcPr"))
            widths.append(int(props.find(qn("w:tcW")).get(qn("w:w"))))
            span = props.find(qn("w:gridSpan"))
            spans.append(int(span.get(qn("w:val"))) if span is not None else 1)
        assert sum(spans) == len(grid)
        column = 0
        for width, span in zip(widths, spans, strict=True):
            assert abs(width - sum(grid[column:column + span])) <= span, (widths, grid)
            column += span
    # the table's own width is the text width, fixed, so Word does not re-balance it
    props = table.find(qn("w:tblPr"))
    assert props.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    width = props.find(qn("w:tblW"))
    assert width.get(qn("w:type")) == "dxa" and abs(int(width.get(qn("w:w"))) - sum(grid)) <= len(grid)


def test_libreoffice_shows_stt_narrow_and_content_wide(grouped_store, plan_id, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the Word copy cannot be opened in it here")
    import pdfplumber

    path = tmp_path / "phu_luc.docx"
    render_appendix_office(grouped_store, plan_id, docx=path)
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: another LibreOffice may be running
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180, check=False,
    )
    pdf_path = tmp_path / "phu_luc.pdf"
    assert done.returncode == 0 and pdf_path.is_file(), done.stderr
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        assert page.width > page.height  # landscape, as the settings say
        table = page.find_tables()[0]
        header = table.rows[0]
        widths_mm = [(cell[2] - cell[0]) / PT_PER_MM for cell in header.cells if cell]
        assert table.extract()[0] == ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    assert abs(widths_mm[0] - STT_MM) < 1.5, widths_mm  # STT about 15 mm, not a fifth of the page
    assert widths_mm[1] == max(widths_mm) and widths_mm[1] > 2.5 * widths_mm[0], widths_mm
    assert abs(sum(widths_mm) - _text_width_mm(grouped_store)) < 3, widths_mm
